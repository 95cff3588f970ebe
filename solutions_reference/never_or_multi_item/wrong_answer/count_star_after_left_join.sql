-- Wrong: tests COUNT(*) = 0 for 'never'. After a LEFT JOIN a customer without purchases still has
-- one (all-NULL) joined row, so COUNT(*) is 1 and nobody is ever 'never'.
SELECT c.customer_id,
       CASE WHEN COUNT(*) = 0 THEN 'never' ELSE 'multi_item' END AS segment
FROM customers AS c
LEFT JOIN purchases AS p ON p.customer_id = c.customer_id
GROUP BY c.customer_id
HAVING COUNT(*) = 0
    OR COUNT(DISTINCT p.product_id) > 1
