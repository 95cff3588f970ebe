# Reference (pandas): fillna("unknown") BEFORE counting, so NULL sources merge with a literal
# 'unknown'; value_counts per source, share = 100 * leads / all leads rounded to 2 decimals;
# ordered by leads descending, then source (the tie-break matters).
import pandas as pd


def lead_source_share(leads: pd.DataFrame) -> pd.DataFrame:
    counts = leads["source"].fillna("unknown").value_counts().rename_axis("source").reset_index(name="leads")
    counts["share_pct"] = (100.0 * counts["leads"] / counts["leads"].sum()).round(2)
    return counts.sort_values(["leads", "source"], ascending=[False, True])[["source", "leads", "share_pct"]]
