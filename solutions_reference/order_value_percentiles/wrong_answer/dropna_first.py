# Wrong: drops the rows with a NULL amount before grouping (dropna), so a country whose amounts
# are all NULL loses its row instead of getting NULL percentiles. Rejected by all-null-country,
# single-row and bulk.
import pandas as pd


def order_value_percentiles(orders: pd.DataFrame) -> pd.DataFrame:
    amounts = orders.dropna(subset=["amount"]).groupby("country")["amount"]
    result = pd.DataFrame({"p50": amounts.quantile(0.5), "p90": amounts.quantile(0.9)})
    return result.round(2).reset_index()
