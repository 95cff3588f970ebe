-- Wrong: takes the 'multi_item' customers straight from purchases without checking that they
-- are customers, so purchases under ids missing from customers produce extra rows.
SELECT customer_id, 'never' AS segment
FROM customers
WHERE customer_id NOT IN (SELECT customer_id FROM purchases)
UNION ALL
SELECT customer_id, 'multi_item' AS segment
FROM purchases
GROUP BY customer_id
HAVING COUNT(DISTINCT product_id) > 1
