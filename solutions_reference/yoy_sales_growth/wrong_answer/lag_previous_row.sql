-- WRONG: LAG over the yearly rows compares with the previous year THAT HAS SALES, so after a
-- gap (no sales in 2020) 2021 is compared with 2019 instead of getting NULL.
WITH yearly AS (
    SELECT CAST(year(sold_at) AS INTEGER) AS year, COALESCE(SUM(amount), 0) AS total_sales
    FROM sales
    GROUP BY 1
)
SELECT year,
       total_sales,
       ROUND(100.0 * (total_sales - LAG(total_sales) OVER (ORDER BY year))
             / NULLIF(LAG(total_sales) OVER (ORDER BY year), 0), 2) AS yoy_growth_pct
FROM yearly
ORDER BY year
