-- WRONG: takes only the previous row's price (LAG), so the second of two consecutive NULL
-- prices stays NULL.
SELECT product_id,
       day,
       COALESCE(price, LAG(price) OVER (PARTITION BY product_id ORDER BY day)) AS price
FROM prices
ORDER BY product_id, day
