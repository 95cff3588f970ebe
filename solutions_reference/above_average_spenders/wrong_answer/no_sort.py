# Wrong: the right rows, but never sorted by total_spend descending: they keep groupby's order
# (customer_id ascending). Rejected by sample (customer 3 spent more than customer 1).
import pandas as pd


def above_average_spenders(customers: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    totals = orders.groupby("customer_id", as_index=False).agg(total_spend=("amount", "sum"))
    totals["total_spend"] = totals["total_spend"].round(2)
    above = totals[totals["total_spend"] > totals["total_spend"].mean()]
    out = above.merge(customers, on="customer_id")
    return out[["customer_id", "name", "total_spend"]]
