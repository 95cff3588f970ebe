-- WRONG: fills a gap with the highest earlier price (MAX over the running window) instead of
-- the latest one, which differs once a price has gone down.
SELECT product_id,
       day,
       COALESCE(price, MAX(price) OVER (PARTITION BY product_id ORDER BY day)) AS price
FROM prices
ORDER BY product_id, day
