# Wrong: keeps totals >= the average, so a total exactly equal to the average is kept; it must
# be strictly greater. Rejected by ties-and-boundary and single-order.
import pandas as pd


def above_average_spenders(customers: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    totals = orders.groupby("customer_id", as_index=False).agg(total_spend=("amount", "sum"))
    totals["total_spend"] = totals["total_spend"].round(2)
    above = totals[totals["total_spend"] >= totals["total_spend"].mean()]
    out = above.merge(customers, on="customer_id")
    out = out.sort_values(["total_spend", "customer_id"], ascending=[False, True])
    return out[["customer_id", "name", "total_spend"]]
