# Wrong: takes the 'multi_item' customers straight from purchases without checking that they
# are in customers, so purchases under ids missing from customers (deleted accounts) add rows.
# Rejected by duplicates-and-orphans and bulk, where orphan ids bought several products.
import pandas as pd


def never_or_multi_item(customers: pd.DataFrame, purchases: pd.DataFrame) -> pd.DataFrame:
    never = customers.loc[~customers["customer_id"].isin(purchases["customer_id"]), ["customer_id"]]
    products = purchases.groupby("customer_id")["product_id"].nunique()
    multi = products[products > 1].index.to_series()
    return pd.concat(
        [
            never.assign(segment="never"),
            pd.DataFrame({"customer_id": multi.to_numpy(), "segment": "multi_item"}),
        ]
    )
