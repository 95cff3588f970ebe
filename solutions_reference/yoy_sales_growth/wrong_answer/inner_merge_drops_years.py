# Wrong: merges each year with the previous one using the default INNER merge, so the first
# year and every year after a gap disappear instead of appearing with NULL growth. Rejected by
# sample (2021 is missing) and the others with rows.
import pandas as pd


def yoy_sales_growth(sales: pd.DataFrame) -> pd.DataFrame:
    yearly = (
        sales.assign(year=sales["sold_at"].dt.year)
        .groupby("year", as_index=False)
        .agg(total_sales=("amount", "sum"))
    )
    previous = pd.DataFrame({"year": yearly["year"] + 1, "previous": yearly["total_sales"]})
    out = yearly.merge(previous, on="year")
    divisor = out["previous"].where(out["previous"] != 0)
    out["yoy_growth_pct"] = (100.0 * (out["total_sales"] - out["previous"]) / divisor).round(2)
    return out.sort_values("year")[["year", "total_sales", "yoy_growth_pct"]]
