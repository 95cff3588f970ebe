# Wrong: 100 * leads // total is floor (integer) division, so 3 leads out of 7 give 42, not
# 42.86. Rejected by ties-and-repeating-decimals and bulk.
import pandas as pd


def lead_source_share(leads: pd.DataFrame) -> pd.DataFrame:
    counts = leads["source"].fillna("unknown").value_counts().rename_axis("source").reset_index(name="leads")
    counts["share_pct"] = 100 * counts["leads"] // counts["leads"].sum()
    return counts.sort_values(["leads", "source"], ascending=[False, True])[["source", "leads", "share_pct"]]
