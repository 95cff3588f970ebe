-- WRONG: rounds the growth ratio to 2 decimals and only then multiplies by 100, so 23.39 %
-- becomes 23.00 %.
WITH yearly AS (
    SELECT CAST(year(sold_at) AS INTEGER) AS year, COALESCE(SUM(amount), 0) AS total_sales
    FROM sales
    GROUP BY 1
)
SELECT cur.year,
       cur.total_sales,
       ROUND((cur.total_sales - prev.total_sales) / NULLIF(prev.total_sales, 0), 2) * 100
           AS yoy_growth_pct
FROM yearly AS cur
LEFT JOIN yearly AS prev ON prev.year = cur.year - 1
ORDER BY cur.year
