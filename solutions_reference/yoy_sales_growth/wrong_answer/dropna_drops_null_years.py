# Wrong: dropna() on the sales first, so a year whose amounts are all NULL disappears instead of
# totalling 0 (with its growth of -100.00). Rejected by zero-and-null-totals (2023).
import pandas as pd


def yoy_sales_growth(sales: pd.DataFrame) -> pd.DataFrame:
    known = sales.dropna()
    yearly = (
        known.assign(year=known["sold_at"].dt.year)
        .groupby("year", as_index=False)
        .agg(total_sales=("amount", "sum"))
    )
    previous = pd.DataFrame({"year": yearly["year"] + 1, "previous": yearly["total_sales"]})
    out = yearly.merge(previous, on="year", how="left")
    divisor = out["previous"].where(out["previous"] != 0)
    out["yoy_growth_pct"] = (100.0 * (out["total_sales"] - out["previous"]) / divisor).round(2)
    return out.sort_values("year")[["year", "total_sales", "yoy_growth_pct"]]
