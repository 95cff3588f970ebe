# Reference (pandas): distinct products per customer (nunique), LEFT-merged onto customers so a
# customer without purchases keeps a row (NaN -> 0 products) and purchases of unknown ids are
# ignored; 0 products is 'never', more than one is 'multi_item', everyone else is left out.
import pandas as pd


def never_or_multi_item(customers: pd.DataFrame, purchases: pd.DataFrame) -> pd.DataFrame:
    products = purchases.groupby("customer_id", as_index=False).agg(products=("product_id", "nunique"))
    merged = customers[["customer_id"]].merge(products, on="customer_id", how="left")
    merged["products"] = merged["products"].fillna(0)
    merged["segment"] = None
    merged.loc[merged["products"] == 0, "segment"] = "never"
    merged.loc[merged["products"] > 1, "segment"] = "multi_item"
    return merged.loc[merged["segment"].notna(), ["customer_id", "segment"]]
