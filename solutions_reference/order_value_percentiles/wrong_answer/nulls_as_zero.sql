-- Wrong: replaces NULL amounts with 0, so unknown amounts pull the percentiles down and a
-- country with only NULL amounts gets 0 instead of NULL.
SELECT country,
       ROUND(QUANTILE_CONT(COALESCE(amount, 0)::DOUBLE, 0.5), 2) AS p50,
       ROUND(QUANTILE_CONT(COALESCE(amount, 0)::DOUBLE, 0.9), 2) AS p90
FROM orders
GROUP BY country
