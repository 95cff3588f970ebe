# Wrong: divides by the previous total without masking a zero, so the year after a zero-total
# year gets infinity (or NaN for 0/0) where the statement asks for NULL. Rejected by
# zero-and-null-totals.
import pandas as pd


def yoy_sales_growth(sales: pd.DataFrame) -> pd.DataFrame:
    yearly = (
        sales.assign(year=sales["sold_at"].dt.year)
        .groupby("year", as_index=False)
        .agg(total_sales=("amount", "sum"))
    )
    previous = pd.DataFrame({"year": yearly["year"] + 1, "previous": yearly["total_sales"]})
    out = yearly.merge(previous, on="year", how="left")
    out["yoy_growth_pct"] = (100.0 * (out["total_sales"] - out["previous"]) / out["previous"]).round(2)
    return out.sort_values("year")[["year", "total_sales", "yoy_growth_pct"]]
