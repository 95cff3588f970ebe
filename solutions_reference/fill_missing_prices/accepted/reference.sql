-- Carry the last known price forward: LAST_VALUE(... IGNORE NULLS) over a running frame of the
-- same product ordered by day (a non-NULL price is its own last value; a product whose first
-- prices are NULL keeps NULL until its first known price).
SELECT product_id,
       day,
       LAST_VALUE(price IGNORE NULLS) OVER (
           PARTITION BY product_id
           ORDER BY day
           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
       ) AS price
FROM prices
ORDER BY product_id, day
