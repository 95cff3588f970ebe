-- Wrong: treats "two different calendar days" as "first and last purchase at least 24 hours
-- apart", which misses 23:50 and 00:10 on consecutive days.
SELECT customer_id FROM purchases
GROUP BY customer_id
HAVING MAX(purchased_at) - MIN(purchased_at) >= INTERVAL 1 DAY
UNION
SELECT customer_id FROM purchases
GROUP BY customer_id, product_id
HAVING SUM(quantity) >= 2
ORDER BY customer_id
