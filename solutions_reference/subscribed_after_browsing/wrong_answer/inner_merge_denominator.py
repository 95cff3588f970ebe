# Wrong: divides by the browsers left after an inner merge with subscriptions, so browsers who
# never subscribed vanish from the denominator (and with no subscriptions at all the answer is
# NULL instead of 0.00). Rejected by sample, no-subscriptions and others.
import pandas as pd


def subscribed_after_browsing(page_views: pd.DataFrame, subscriptions: pd.DataFrame) -> pd.DataFrame:
    browsing = page_views[page_views["page"].isin(["pricing", "features"])]
    first = browsing.groupby("user_id", as_index=False)["viewed_at"].min()
    joined = first.merge(subscriptions, on="user_id")
    browsers = joined["user_id"].nunique()
    converted = joined.loc[joined["subscribed_at"] > joined["viewed_at"], "user_id"].nunique()
    pct = round(100.0 * converted / browsers, 2) if browsers else None
    return pd.DataFrame({"pct_subscribed": [pct]})
