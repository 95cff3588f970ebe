-- Wrong: PERCENTILE_DISC returns an actual amount from the data instead of interpolating between
-- the two neighbouring amounts.
SELECT country,
       ROUND(PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY amount), 2) AS p50,
       ROUND(PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY amount), 2) AS p90
FROM orders
GROUP BY country
