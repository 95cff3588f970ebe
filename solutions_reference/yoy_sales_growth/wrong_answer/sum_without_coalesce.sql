-- WRONG: SUM(amount) without COALESCE leaves a year whose amounts are all NULL with a NULL
-- total (and NULL growth) instead of 0.
WITH yearly AS (
    SELECT CAST(year(sold_at) AS INTEGER) AS year, SUM(amount) AS total_sales
    FROM sales
    GROUP BY 1
)
SELECT cur.year,
       cur.total_sales,
       ROUND(100.0 * (cur.total_sales - prev.total_sales) / NULLIF(prev.total_sales, 0), 2)
           AS yoy_growth_pct
FROM yearly AS cur
LEFT JOIN yearly AS prev ON prev.year = cur.year - 1
ORDER BY cur.year
