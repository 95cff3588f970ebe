-- Wrong: combines the two rules with UNION ALL, so a customer who satisfies both is listed twice.
SELECT customer_id FROM (
    SELECT customer_id FROM purchases
    GROUP BY customer_id
    HAVING COUNT(DISTINCT CAST(purchased_at AS DATE)) >= 2
    UNION ALL
    SELECT customer_id FROM purchases
    GROUP BY customer_id, product_id
    HAVING SUM(quantity) >= 2
) AS both_rules
ORDER BY customer_id
