-- Reference: start from customers and LEFT JOIN their purchases, so customers without any
-- purchase keep one row with NULL purchase columns. COUNT(p.customer_id) is 0 exactly for them
-- ('never'); COUNT(DISTINCT p.product_id) > 1 picks the 'multi_item' customers. Purchases of
-- ids that are not in customers never join, so they are ignored.
SELECT c.customer_id,
       CASE WHEN COUNT(p.customer_id) = 0 THEN 'never' ELSE 'multi_item' END AS segment
FROM customers AS c
LEFT JOIN purchases AS p ON p.customer_id = c.customer_id
GROUP BY c.customer_id
HAVING COUNT(p.customer_id) = 0
    OR COUNT(DISTINCT p.product_id) > 1
