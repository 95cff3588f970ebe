# Wrong: takes the mean as the 50th percentile; skewed amounts make the two differ. Rejected by
# sample (DE: mean 43.66, median 15.50).
import pandas as pd


def order_value_percentiles(orders: pd.DataFrame) -> pd.DataFrame:
    amounts = orders.groupby("country")["amount"]
    result = pd.DataFrame({"p50": amounts.mean(), "p90": amounts.quantile(0.9)})
    return result.round(2).reset_index()
