-- WRONG: divides by the previous total without guarding against zero; DuckDB then returns
-- infinity (not NULL) for the year after a zero-total year.
WITH yearly AS (
    SELECT CAST(year(sold_at) AS INTEGER) AS year, COALESCE(SUM(amount), 0) AS total_sales
    FROM sales
    GROUP BY 1
)
SELECT cur.year,
       cur.total_sales,
       ROUND(100.0 * (cur.total_sales - prev.total_sales) / prev.total_sales, 2) AS yoy_growth_pct
FROM yearly AS cur
LEFT JOIN yearly AS prev ON prev.year = cur.year - 1
ORDER BY cur.year
