-- Wrong: uses the mean as the 50th percentile; skewed amounts make the two differ.
SELECT country,
       ROUND(AVG(amount), 2) AS p50,
       ROUND(QUANTILE_CONT(amount::DOUBLE, 0.9), 2) AS p90
FROM orders
GROUP BY country
