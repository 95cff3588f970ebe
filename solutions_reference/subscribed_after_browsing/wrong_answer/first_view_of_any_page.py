# Wrong: picks the browsers correctly but takes their first view of ANY page (groupby before
# filtering the pages), so a subscription between an earlier home-page view and the pricing view
# counts. Rejected by ties-and-repeats and bulk.
import pandas as pd


def subscribed_after_browsing(page_views: pd.DataFrame, subscriptions: pd.DataFrame) -> pd.DataFrame:
    browsers = page_views.loc[page_views["page"].isin(["pricing", "features"]), "user_id"].unique()
    first = page_views.groupby("user_id", as_index=False)["viewed_at"].min()
    first = first[first["user_id"].isin(browsers)]
    joined = first.merge(subscriptions, on="user_id")
    converted = joined.loc[joined["subscribed_at"] > joined["viewed_at"], "user_id"].nunique()
    pct = None if first.empty else round(100.0 * converted / len(first), 2)
    return pd.DataFrame({"pct_subscribed": [pct]})
