# Wrong: fillna(0) on the amount, so unknown amounts pull the percentiles down and a country
# with only NULL amounts gets 0 instead of NULL. Rejected by sample (US has a NULL amount).
import pandas as pd


def order_value_percentiles(orders: pd.DataFrame) -> pd.DataFrame:
    amounts = orders.assign(amount=orders["amount"].fillna(0)).groupby("country")["amount"]
    result = pd.DataFrame({"p50": amounts.quantile(0.5), "p90": amounts.quantile(0.9)})
    return result.round(2).reset_index()
