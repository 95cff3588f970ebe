-- WRONG: an INNER self-join to the previous year drops the first year and every year whose
-- previous calendar year had no sales; those years must still appear, with NULL growth.
WITH yearly AS (
    SELECT CAST(year(sold_at) AS INTEGER) AS year, COALESCE(SUM(amount), 0) AS total_sales
    FROM sales
    GROUP BY 1
)
SELECT cur.year,
       cur.total_sales,
       ROUND(100.0 * (cur.total_sales - prev.total_sales) / NULLIF(prev.total_sales, 0), 2)
           AS yoy_growth_pct
FROM yearly AS cur
JOIN yearly AS prev ON prev.year = cur.year - 1
ORDER BY cur.year
