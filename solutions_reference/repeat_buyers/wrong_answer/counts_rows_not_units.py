# Wrong: counts purchase rows per product (size()) instead of adding up the units, so a single
# purchase of three units is missed and two purchases with unknown (NULL) quantity count as two
# units. Rejected by sample, single-row and calendar-days-and-nulls.
import pandas as pd


def repeat_buyers(purchases: pd.DataFrame) -> pd.DataFrame:
    day = purchases["purchased_at"].dt.normalize()
    days = purchases.assign(day=day).groupby("customer_id")["day"].nunique()
    units = purchases.groupby(["customer_id", "product_id"]).size()
    several_days = days[days >= 2].index.to_series()
    several_units = units[units >= 2].index.get_level_values("customer_id").to_series()
    ids = pd.concat([several_days, several_units]).drop_duplicates().sort_values()
    return pd.DataFrame({"customer_id": ids.to_numpy()})
