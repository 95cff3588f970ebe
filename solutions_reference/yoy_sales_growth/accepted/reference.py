# Reference (pandas): total per calendar year (groupby sum skips NaN: a year of NULL amounts
# totals 0.0), then a LEFT merge with the same totals shifted to year + 1, so a year whose
# previous calendar year had no sales gets NaN; a zero previous total is masked to NaN before
# dividing (never infinity); growth in percent rounded to 2 decimals, ordered by year.
import pandas as pd


def yoy_sales_growth(sales: pd.DataFrame) -> pd.DataFrame:
    yearly = (
        sales.assign(year=sales["sold_at"].dt.year)
        .groupby("year", as_index=False)
        .agg(total_sales=("amount", "sum"))
    )
    previous = pd.DataFrame({"year": yearly["year"] + 1, "previous": yearly["total_sales"]})
    out = yearly.merge(previous, on="year", how="left")
    divisor = out["previous"].where(out["previous"] != 0)
    out["yoy_growth_pct"] = (100.0 * (out["total_sales"] - out["previous"]) / divisor).round(2)
    return out.sort_values("year")[["year", "total_sales", "yoy_growth_pct"]]
