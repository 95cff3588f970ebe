-- WRONG: uses >= , so a customer whose total equals the average exactly is kept; the total
-- must be strictly greater.
WITH totals AS (
    SELECT customer_id, COALESCE(SUM(amount), 0) AS total_spend
    FROM orders
    GROUP BY customer_id
)
SELECT c.customer_id, c.name, t.total_spend
FROM totals AS t
JOIN customers AS c ON c.customer_id = t.customer_id
WHERE t.total_spend >= (SELECT AVG(total_spend) FROM totals)
ORDER BY t.total_spend DESC, c.customer_id
