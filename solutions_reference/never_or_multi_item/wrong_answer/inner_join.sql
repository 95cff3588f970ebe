-- Wrong: an INNER JOIN drops every customer without a purchase, so 'never' never appears.
SELECT c.customer_id,
       CASE WHEN COUNT(p.customer_id) = 0 THEN 'never' ELSE 'multi_item' END AS segment
FROM customers AS c
JOIN purchases AS p ON p.customer_id = c.customer_id
GROUP BY c.customer_id
HAVING COUNT(p.customer_id) = 0
    OR COUNT(DISTINCT p.product_id) > 1
