# Wrong: dropna() on the orders before grouping, so a buyer whose order amounts are all NULL
# (total 0) vanishes from the average, which rises. Rejected by nulls-and-zero-spenders
# (customer 5 with 40.00 is no longer above the average).
import pandas as pd


def above_average_spenders(customers: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    totals = orders.dropna().groupby("customer_id", as_index=False).agg(total_spend=("amount", "sum"))
    totals["total_spend"] = totals["total_spend"].round(2)
    above = totals[totals["total_spend"] > totals["total_spend"].mean()]
    out = above.merge(customers, on="customer_id")
    out = out.sort_values(["total_spend", "customer_id"], ascending=[False, True])
    return out[["customer_id", "name", "total_spend"]]
