# Wrong: keeps the NaN group (dropna=False) but fills 'unknown' in only AFTER grouping, so NULL
# and the literal 'unknown' come out as two separate 'unknown' rows. Rejected by
# unknown-merge-and-case and bulk.
import pandas as pd


def lead_source_share(leads: pd.DataFrame) -> pd.DataFrame:
    counts = leads.groupby("source", dropna=False).size().reset_index(name="leads")
    counts["source"] = counts["source"].fillna("unknown")
    counts["share_pct"] = (100.0 * counts["leads"] / counts["leads"].sum()).round(2)
    return counts.sort_values(["leads", "source"], ascending=[False, True])[["source", "leads", "share_pct"]]
