# Wrong: left-merges the purchases onto customers and then counts rows with size(), which
# counts the all-NaN row of a customer without purchases as one row: nobody is ever 'never'.
# Rejected by sample, empty-purchases and others.
import pandas as pd


def never_or_multi_item(customers: pd.DataFrame, purchases: pd.DataFrame) -> pd.DataFrame:
    merged = customers[["customer_id"]].merge(purchases, on="customer_id", how="left")
    rows = merged.groupby("customer_id").size()
    products = merged.groupby("customer_id")["product_id"].nunique()
    counts = pd.DataFrame({"rows": rows, "products": products}).reset_index()
    counts["segment"] = None
    counts.loc[counts["rows"] == 0, "segment"] = "never"
    counts.loc[counts["products"] > 1, "segment"] = "multi_item"
    return counts.loc[counts["segment"].notna(), ["customer_id", "segment"]]
