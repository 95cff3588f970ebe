# Wrong: groupby("source") without filling the NULLs first: groupby drops NaN keys by default,
# so leads without a source vanish from the 'unknown' row and from the total. Rejected by
# sample, single-lead and unknown-merge-and-case.
import pandas as pd


def lead_source_share(leads: pd.DataFrame) -> pd.DataFrame:
    counts = leads.groupby("source").size().reset_index(name="leads")
    counts["share_pct"] = (100.0 * counts["leads"] / counts["leads"].sum()).round(2)
    return counts.sort_values(["leads", "source"], ascending=[False, True])[["source", "leads", "share_pct"]]
