# Wrong: counts distinct timestamps instead of calendar days (no dt.normalize() / dt.date), so
# two purchases at different times of the same day look like two days. Rejected by sample and
# calendar-days-and-nulls.
import pandas as pd


def repeat_buyers(purchases: pd.DataFrame) -> pd.DataFrame:
    days = purchases.groupby("customer_id")["purchased_at"].nunique()
    units = purchases.groupby(["customer_id", "product_id"])["quantity"].sum()
    several_days = days[days >= 2].index.to_series()
    several_units = units[units >= 2].index.get_level_values("customer_id").to_series()
    ids = pd.concat([several_days, several_units]).drop_duplicates().sort_values()
    return pd.DataFrame({"customer_id": ids.to_numpy()})
