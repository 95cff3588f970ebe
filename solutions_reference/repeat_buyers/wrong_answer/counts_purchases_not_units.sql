-- Wrong: counts purchase rows of a product instead of adding up its units, so one purchase of
-- three units is missed and two purchases with unknown (NULL) quantity are counted.
SELECT customer_id FROM purchases
GROUP BY customer_id
HAVING COUNT(DISTINCT CAST(purchased_at AS DATE)) >= 2
UNION
SELECT customer_id FROM purchases
GROUP BY customer_id, product_id
HAVING COUNT(*) >= 2
ORDER BY customer_id
