# Reference (pandas): rule 1 counts distinct calendar days per customer (dt.normalize() drops the
# time of day), rule 2 sums the units per (customer, product) (sum skips NULL quantities); the
# union of both sets of customers, each once, sorted by customer_id.
import pandas as pd


def repeat_buyers(purchases: pd.DataFrame) -> pd.DataFrame:
    day = purchases["purchased_at"].dt.normalize()
    days = purchases.assign(day=day).groupby("customer_id")["day"].nunique()
    units = purchases.groupby(["customer_id", "product_id"])["quantity"].sum()
    several_days = days[days >= 2].index.to_series()
    several_units = units[units >= 2].index.get_level_values("customer_id").to_series()
    ids = pd.concat([several_days, several_units]).drop_duplicates().sort_values()
    return pd.DataFrame({"customer_id": ids.to_numpy()})
