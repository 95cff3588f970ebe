-- Total spend per customer who has at least one order (a NULL amount adds nothing, so a buyer
-- whose amounts are all NULL has 0); the threshold is the average of these totals, over
-- buyers only; keep the totals strictly above it and attach the name by customer_id.
WITH totals AS (
    SELECT customer_id, COALESCE(SUM(amount), 0) AS total_spend
    FROM orders
    GROUP BY customer_id
)
SELECT c.customer_id, c.name, t.total_spend
FROM totals AS t
JOIN customers AS c ON c.customer_id = t.customer_id
WHERE t.total_spend > (SELECT AVG(total_spend) FROM totals)
ORDER BY t.total_spend DESC, c.customer_id
