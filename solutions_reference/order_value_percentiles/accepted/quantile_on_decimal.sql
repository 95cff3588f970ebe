-- Accepted alternative: the natural DuckDB query on the DECIMAL(12,2) amount. DuckDB's
-- interpolation on a DECIMAL(12,2) truncates to 2 decimals (52.336 -> 52.33 where the exact
-- rounding gives 52.34), which is at most one unit in the last place: within the tolerance.
SELECT country,
       ROUND(QUANTILE_CONT(amount, 0.5), 2) AS p50,
       ROUND(QUANTILE_CONT(amount, 0.9), 2) AS p90
FROM orders
GROUP BY country
