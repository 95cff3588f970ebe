-- Wrong: counts purchases instead of DISTINCT products, so a customer who bought the same
-- product twice is labelled 'multi_item'.
SELECT c.customer_id,
       CASE WHEN COUNT(p.customer_id) = 0 THEN 'never' ELSE 'multi_item' END AS segment
FROM customers AS c
LEFT JOIN purchases AS p ON p.customer_id = c.customer_id
GROUP BY c.customer_id
HAVING COUNT(p.customer_id) = 0
    OR COUNT(p.product_id) > 1
