# Wrong: fills a NULL with the previous row's price only (groupby().shift()), so the second of
# two consecutive NULL prices stays NULL. Rejected by consecutive-and-leading-nulls and bulk.
import pandas as pd


def fill_missing_prices(prices: pd.DataFrame) -> pd.DataFrame:
    out = prices.sort_values(["product_id", "day"]).reset_index(drop=True)
    out["price"] = out["price"].fillna(out.groupby("product_id")["price"].shift())
    return out[["product_id", "day", "price"]]
