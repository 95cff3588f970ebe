-- Total per calendar year (NULL amounts add nothing; a year whose amounts are all NULL has 0),
-- then LEFT JOIN each year to the row of year - 1, which is missing when that calendar year
-- had no sales; NULLIF turns a zero previous total into NULL instead of infinity.
WITH yearly AS (
    SELECT CAST(year(sold_at) AS INTEGER) AS year,
           COALESCE(SUM(amount), 0) AS total_sales
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
