# Wrong: builds the rows from the activity that exists (groupby over the merged activity), with
# no grid of every cohort x months 1-3, so a month in which nobody of the cohort was active has
# no row instead of 0.0. Rejected by sample (February cohort, month 2), no-activity-yet and others.
import pandas as pd


def monthly_retention(users: pd.DataFrame, activity: pd.DataFrame) -> pd.DataFrame:
    users = users.assign(cohort_month=users["signup_date"].dt.to_period("M").dt.to_timestamp())
    sizes = users.groupby("cohort_month", as_index=False).agg(cohort_size=("user_id", "size"))

    active = activity.dropna(subset=["activity_date"]).merge(users, on="user_id")
    active["month_number"] = (
        (active["activity_date"].dt.year - active["cohort_month"].dt.year) * 12
        + active["activity_date"].dt.month
        - active["cohort_month"].dt.month
    ).astype("int64")
    active = active[active["month_number"].between(1, 3)]
    by_month = active.groupby(["cohort_month", "month_number"], as_index=False)
    counts = by_month.agg(active=("user_id", "nunique"))

    out = counts.merge(sizes, on="cohort_month")
    out["retention_pct"] = (100.0 * out["active"] / out["cohort_size"]).round(1)
    out = out.sort_values(["cohort_month", "month_number"])
    return out[["cohort_month", "month_number", "retention_pct"]]
