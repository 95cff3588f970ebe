# Wrong: guards the division by zero with 0.0 instead of NULL, so a dataset where nobody viewed
# 'pricing' or 'features' gives 0.00 where the statement asks for NULL. Rejected by
# empty-tables and no-relevant-views.
import pandas as pd


def subscribed_after_browsing(page_views: pd.DataFrame, subscriptions: pd.DataFrame) -> pd.DataFrame:
    browsing = page_views[page_views["page"].isin(["pricing", "features"])]
    first = browsing.groupby("user_id", as_index=False)["viewed_at"].min()
    joined = first.merge(subscriptions, on="user_id")
    converted = joined.loc[joined["subscribed_at"] > joined["viewed_at"], "user_id"].nunique()
    pct = round(100.0 * converted / len(first), 2) if len(first) else 0.0
    return pd.DataFrame({"pct_subscribed": [pct]})
