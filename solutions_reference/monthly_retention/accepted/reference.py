# Reference (pandas): cohort = first day of the signup month (to_period("M")); each activity row
# of a known user gets its calendar-month distance (years * 12 + months) from the cohort month;
# distinct active users per (cohort, month 1-3) are LEFT-merged onto a cross product of every
# cohort with months 1, 2, 3, so a month with nobody active is 0.0; ordered by cohort, month.
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

    grid = sizes.merge(pd.DataFrame({"month_number": [1, 2, 3]}), how="cross")
    grid = grid.merge(counts, on=["cohort_month", "month_number"], how="left")
    grid["retention_pct"] = (100.0 * grid["active"].fillna(0) / grid["cohort_size"]).round(1)
    grid = grid.sort_values(["cohort_month", "month_number"])
    return grid[["cohort_month", "month_number", "retention_pct"]]
