-- WRONG: the window is not partitioned by product, so a product whose first prices are NULL
-- inherits the last price of the previous product.
SELECT product_id,
       day,
       LAST_VALUE(price IGNORE NULLS) OVER (
           ORDER BY product_id, day
           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
       ) AS price
FROM prices
ORDER BY product_id, day
