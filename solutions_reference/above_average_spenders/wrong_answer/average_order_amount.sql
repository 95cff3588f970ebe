-- WRONG: compares each customer's total with the average ORDER amount instead of the average
-- customer total.
SELECT c.customer_id, c.name, SUM(o.amount) AS total_spend
FROM customers AS c
JOIN orders AS o ON o.customer_id = c.customer_id
GROUP BY c.customer_id, c.name
HAVING SUM(o.amount) > (SELECT AVG(amount) FROM orders)
ORDER BY total_spend DESC, c.customer_id
