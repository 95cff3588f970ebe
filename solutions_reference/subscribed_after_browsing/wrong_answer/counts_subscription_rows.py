# Wrong: counts the subscription rows strictly after the first view instead of the distinct
# users (no nunique / drop_duplicates), so a browser with two later subscriptions counts twice.
# Rejected by ties-and-repeats (and bulk), where users have several subscriptions.
import pandas as pd


def subscribed_after_browsing(page_views: pd.DataFrame, subscriptions: pd.DataFrame) -> pd.DataFrame:
    browsing = page_views[page_views["page"].isin(["pricing", "features"])]
    first = browsing.groupby("user_id", as_index=False)["viewed_at"].min()
    joined = first.merge(subscriptions, on="user_id")
    converted = int((joined["subscribed_at"] > joined["viewed_at"]).sum())
    pct = None if first.empty else round(100.0 * converted / len(first), 2)
    return pd.DataFrame({"pct_subscribed": [pct]})
