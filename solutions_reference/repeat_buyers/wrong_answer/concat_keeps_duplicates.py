# Wrong: concatenates the customers of both rules without drop_duplicates, so a customer who
# satisfies both rules (or rule 2 with two products) is listed twice. Rejected by
# calendar-days-and-nulls and bulk.
import pandas as pd


def repeat_buyers(purchases: pd.DataFrame) -> pd.DataFrame:
    day = purchases["purchased_at"].dt.normalize()
    days = purchases.assign(day=day).groupby("customer_id")["day"].nunique()
    units = purchases.groupby(["customer_id", "product_id"])["quantity"].sum()
    several_days = days[days >= 2].index.to_series()
    several_units = units[units >= 2].index.get_level_values("customer_id").to_series()
    ids = pd.concat([several_days, several_units]).sort_values()
    return pd.DataFrame({"customer_id": ids.to_numpy()})
