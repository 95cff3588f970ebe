-- WRONG: fills correctly where an earlier price exists, but turns "no earlier price" into 0
-- instead of leaving it NULL.
SELECT product_id,
       day,
       COALESCE(
           LAST_VALUE(price IGNORE NULLS) OVER (
               PARTITION BY product_id ORDER BY day
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
           0) AS price
FROM prices
ORDER BY product_id, day
