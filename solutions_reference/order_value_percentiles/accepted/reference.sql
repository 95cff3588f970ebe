-- Reference: continuous percentiles per country with PERCENTILE_CONT, which skips NULL amounts
-- and returns NULL for a country whose amounts are all NULL. The amount is widened to
-- DECIMAL(18,4) first: DuckDB interpolates a DECIMAL in its own scale and truncates, and the
-- interpolated value of a 2-decimal amount at p = 0.5 or 0.9 has at most 3 decimals, so at
-- scale 4 it is exact and ROUND(..., 2) rounds it half away from zero.
SELECT country,
       ROUND(PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CAST(amount AS DECIMAL(18, 4))), 2) AS p50,
       ROUND(PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY CAST(amount AS DECIMAL(18, 4))), 2) AS p90
FROM orders
GROUP BY country
