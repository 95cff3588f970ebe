# Reference (pandas): each browser's first view of 'pricing' or 'features' (groupby min), a
# semi-join with the subscriptions strictly after it (drop_duplicates: a user counts once), and
# converted / browsers * 100, rounded; no browsers at all gives NULL (None), never 0/0.
import pandas as pd


def subscribed_after_browsing(page_views: pd.DataFrame, subscriptions: pd.DataFrame) -> pd.DataFrame:
    browsing = page_views[page_views["page"].isin(["pricing", "features"])]
    first = browsing.groupby("user_id", as_index=False)["viewed_at"].min()
    joined = first.merge(subscriptions, on="user_id")
    converted = joined.loc[joined["subscribed_at"] > joined["viewed_at"], "user_id"].nunique()
    pct = None if first.empty else round(100.0 * converted / len(first), 2)
    return pd.DataFrame({"pct_subscribed": [pct]})
