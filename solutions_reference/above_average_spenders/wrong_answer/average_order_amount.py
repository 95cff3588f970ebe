# Wrong: compares each buyer's total with the mean ORDER amount (orders["amount"].mean())
# instead of the mean of the buyers' totals: the threshold drops. Rejected by ties-and-boundary
# and bulk.
import pandas as pd


def above_average_spenders(customers: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    totals = orders.groupby("customer_id", as_index=False).agg(total_spend=("amount", "sum"))
    totals["total_spend"] = totals["total_spend"].round(2)
    above = totals[totals["total_spend"] > orders["amount"].mean()]
    out = above.merge(customers, on="customer_id")
    out = out.sort_values(["total_spend", "customer_id"], ascending=[False, True])
    return out[["customer_id", "name", "total_spend"]]
