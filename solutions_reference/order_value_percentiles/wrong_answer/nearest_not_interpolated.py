# Wrong: quantile(interpolation="nearest") returns an amount from the data (a discrete
# percentile) instead of interpolating between the two neighbouring amounts. Rejected by
# sample (US p50 is 25, between 20 and 30).
import pandas as pd


def order_value_percentiles(orders: pd.DataFrame) -> pd.DataFrame:
    amounts = orders.groupby("country")["amount"]
    result = pd.DataFrame(
        {
            "p50": amounts.quantile(0.5, interpolation="nearest"),
            "p90": amounts.quantile(0.9, interpolation="nearest"),
        }
    )
    return result.round(2).reset_index()
