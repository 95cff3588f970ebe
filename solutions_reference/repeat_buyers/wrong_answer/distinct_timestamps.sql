-- Wrong: counts distinct timestamps instead of distinct calendar days, so two purchases made on
-- the same day at different times look like two days.
SELECT customer_id FROM purchases
GROUP BY customer_id
HAVING COUNT(DISTINCT purchased_at) >= 2
UNION
SELECT customer_id FROM purchases
GROUP BY customer_id, product_id
HAVING SUM(quantity) >= 2
ORDER BY customer_id
