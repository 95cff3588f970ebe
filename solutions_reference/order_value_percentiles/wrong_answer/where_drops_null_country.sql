-- Wrong: filters NULL amounts out in WHERE, before grouping, so a country whose amounts are all
-- NULL loses its row instead of getting NULL percentiles.
SELECT country,
       ROUND(QUANTILE_CONT(amount::DOUBLE, 0.5), 2) AS p50,
       ROUND(QUANTILE_CONT(amount::DOUBLE, 0.9), 2) AS p90
FROM orders
WHERE amount IS NOT NULL
GROUP BY country
