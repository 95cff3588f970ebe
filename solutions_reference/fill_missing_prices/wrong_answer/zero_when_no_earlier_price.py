# Wrong: fills correctly where an earlier price exists, then fillna(0) turns "no earlier price"
# into 0 instead of leaving it NULL. Rejected by single-row and consecutive-and-leading-nulls.
import pandas as pd


def fill_missing_prices(prices: pd.DataFrame) -> pd.DataFrame:
    out = prices.sort_values(["product_id", "day"]).reset_index(drop=True)
    out["price"] = out.groupby("product_id")["price"].ffill().fillna(0)
    return out[["product_id", "day", "price"]]
