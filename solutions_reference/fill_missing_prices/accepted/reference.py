# Reference (pandas): sort by product and day FIRST, then forward-fill within each product
# (groupby().ffill()), so a NULL price takes the latest earlier known price of the same product
# and leading NULLs stay NULL; the rows come out ordered by product_id, day.
import pandas as pd


def fill_missing_prices(prices: pd.DataFrame) -> pd.DataFrame:
    out = prices.sort_values(["product_id", "day"]).reset_index(drop=True)
    out["price"] = out.groupby("product_id")["price"].ffill()
    return out[["product_id", "day", "price"]]
