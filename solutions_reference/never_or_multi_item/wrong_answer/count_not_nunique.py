# Wrong: counts purchases (count) instead of distinct products (nunique), so a customer who
# bought the same product twice is labelled 'multi_item'. Rejected by sample (customer 2).
import pandas as pd


def never_or_multi_item(customers: pd.DataFrame, purchases: pd.DataFrame) -> pd.DataFrame:
    products = purchases.groupby("customer_id", as_index=False).agg(products=("product_id", "count"))
    merged = customers[["customer_id"]].merge(products, on="customer_id", how="left")
    merged["products"] = merged["products"].fillna(0)
    merged["segment"] = None
    merged.loc[merged["products"] == 0, "segment"] = "never"
    merged.loc[merged["products"] > 1, "segment"] = "multi_item"
    return merged.loc[merged["segment"].notna(), ["customer_id", "segment"]]
