-- WRONG: totals are grouped by name, so two different customers with the same name are
-- merged into one (names are not unique; customer_id is).
WITH totals AS (
    SELECT c.name, MIN(c.customer_id) AS customer_id, COALESCE(SUM(o.amount), 0) AS total_spend
    FROM customers AS c
    JOIN orders AS o ON o.customer_id = c.customer_id
    GROUP BY c.name
)
SELECT customer_id, name, total_spend
FROM totals
WHERE total_spend > (SELECT AVG(total_spend) FROM totals)
ORDER BY total_spend DESC, customer_id
