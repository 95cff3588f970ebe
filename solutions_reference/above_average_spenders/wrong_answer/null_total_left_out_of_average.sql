-- WRONG: SUM(amount) without COALESCE gives NULL for a customer whose order amounts are all
-- NULL, and AVG skips that NULL, so this buyer (total 0) is left out of the average.
WITH totals AS (
    SELECT customer_id, SUM(amount) AS total_spend
    FROM orders
    GROUP BY customer_id
)
SELECT c.customer_id, c.name, t.total_spend
FROM totals AS t
JOIN customers AS c ON c.customer_id = t.customer_id
WHERE t.total_spend > (SELECT AVG(total_spend) FROM totals)
ORDER BY t.total_spend DESC, c.customer_id
