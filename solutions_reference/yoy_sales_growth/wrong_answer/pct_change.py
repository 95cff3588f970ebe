# Wrong: the one-liner pct_change() compares each year with the previous ROW, i.e. the previous
# year that HAS sales, so after a gap (no sales in 2020) 2021 is compared with 2019 instead of
# getting NULL; and after a zero total it gives infinity, not NULL. Rejected by
# year-gaps-and-boundaries, zero-and-null-totals and bulk.
import pandas as pd


def yoy_sales_growth(sales: pd.DataFrame) -> pd.DataFrame:
    yearly = (
        sales.assign(year=sales["sold_at"].dt.year)
        .groupby("year", as_index=False)
        .agg(total_sales=("amount", "sum"))
        .sort_values("year")
    )
    yearly["yoy_growth_pct"] = (100.0 * yearly["total_sales"].pct_change()).round(2)
    return yearly[["year", "total_sales", "yoy_growth_pct"]]
