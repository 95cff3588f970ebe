# Wrong: left-merges every customer and fills the missing totals with 0, so customers without
# any order pull the average down; the average is over buyers only. Rejected by single-order,
# ties-and-boundary and bulk, which have customers without orders.
import pandas as pd


def above_average_spenders(customers: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    totals = orders.groupby("customer_id", as_index=False).agg(total_spend=("amount", "sum"))
    everyone = customers.merge(totals, on="customer_id", how="left")
    everyone["total_spend"] = everyone["total_spend"].fillna(0).round(2)
    out = everyone[everyone["total_spend"] > everyone["total_spend"].mean()]
    out = out.sort_values(["total_spend", "customer_id"], ascending=[False, True])
    return out[["customer_id", "name", "total_spend"]]
