# Reference (pandas): groupby("country")["amount"].quantile, which interpolates linearly
# (continuous percentiles), skips NaN amounts and gives NaN (NULL) for a country whose amounts
# are all NULL; rounded to 2 decimals.
import pandas as pd


def order_value_percentiles(orders: pd.DataFrame) -> pd.DataFrame:
    amounts = orders.groupby("country")["amount"]
    result = pd.DataFrame({"p50": amounts.quantile(0.5), "p90": amounts.quantile(0.9)})
    return result.round(2).reset_index()
