# Wrong: merges customers with their product counts using the default INNER merge, so every
# customer without a purchase disappears and 'never' is never produced. Rejected by sample,
# empty-purchases, single-row and others.
import pandas as pd


def never_or_multi_item(customers: pd.DataFrame, purchases: pd.DataFrame) -> pd.DataFrame:
    products = purchases.groupby("customer_id", as_index=False).agg(products=("product_id", "nunique"))
    merged = customers[["customer_id"]].merge(products, on="customer_id")
    merged["products"] = merged["products"].fillna(0)
    merged["segment"] = None
    merged.loc[merged["products"] == 0, "segment"] = "never"
    merged.loc[merged["products"] > 1, "segment"] = "multi_item"
    return merged.loc[merged["segment"].notna(), ["customer_id", "segment"]]
