-- Wrong: casts the amount to FLOAT, which in DuckDB is a 4-byte single-precision float with
-- about 7 significant digits, so large amounts lose their cents (1234567890.12 becomes
-- 1234567936).
SELECT country,
       ROUND(QUANTILE_CONT(CAST(amount AS FLOAT), 0.5), 2) AS p50,
       ROUND(QUANTILE_CONT(CAST(amount AS FLOAT), 0.9), 2) AS p90
FROM orders
GROUP BY country
