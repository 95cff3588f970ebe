-- WRONG: averages over every customer (LEFT JOIN, non-buyers counted with 0), which lowers the
-- threshold; the average must be over customers who ordered at least once.
WITH totals AS (
    SELECT c.customer_id, c.name, COALESCE(SUM(o.amount), 0) AS total_spend
    FROM customers AS c
    LEFT JOIN orders AS o ON o.customer_id = c.customer_id
    GROUP BY c.customer_id, c.name
)
SELECT customer_id, name, total_spend
FROM totals
WHERE total_spend > (SELECT AVG(total_spend) FROM totals)
ORDER BY total_spend DESC, customer_id
