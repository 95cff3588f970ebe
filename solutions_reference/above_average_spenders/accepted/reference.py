# Reference (pandas): total spend per buyer = groupby sum of the amounts (sum skips NaN, so a
# buyer whose amounts are all NULL totals 0.0 and still counts in the average), rounded to
# cents to drop float noise; keep totals strictly above the mean of the buyers' totals, attach
# the name by customer_id, order by total_spend descending, then customer_id.
import pandas as pd


def above_average_spenders(customers: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    totals = orders.groupby("customer_id", as_index=False).agg(total_spend=("amount", "sum"))
    totals["total_spend"] = totals["total_spend"].round(2)
    above = totals[totals["total_spend"] > totals["total_spend"].mean()]
    out = above.merge(customers, on="customer_id")
    out = out.sort_values(["total_spend", "customer_id"], ascending=[False, True])
    return out[["customer_id", "name", "total_spend"]]
