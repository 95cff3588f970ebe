# Wrong: trusts value_counts' order (leads descending) and forgets the tie-break by source, so
# sources with equal counts keep the order they first appeared in. Rejected by
# ties-and-repeating-decimals (partner before ads) and sample.
import pandas as pd


def lead_source_share(leads: pd.DataFrame) -> pd.DataFrame:
    counts = leads["source"].fillna("unknown").value_counts().rename_axis("source").reset_index(name="leads")
    counts["share_pct"] = (100.0 * counts["leads"] / counts["leads"].sum()).round(2)
    return counts[["source", "leads", "share_pct"]]
