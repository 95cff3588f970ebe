# Wrong: forward-fills the whole sorted column (no groupby("product_id")), so a product whose
# first prices are NULL inherits the last price of the previous product. Rejected by
# consecutive-and-leading-nulls and bulk.
import pandas as pd


def fill_missing_prices(prices: pd.DataFrame) -> pd.DataFrame:
    out = prices.sort_values(["product_id", "day"]).reset_index(drop=True)
    out["price"] = out["price"].ffill()
    return out[["product_id", "day", "price"]]
