-- Reference: one set of customers with purchases on two or more distinct calendar days
-- (COUNT DISTINCT of the timestamp cast to DATE), another of customers whose units of some
-- single product add up to two or more (SUM ignores NULL quantities); UNION removes the
-- customers found by both rules.
WITH several_days AS (
    SELECT customer_id
    FROM purchases
    GROUP BY customer_id
    HAVING COUNT(DISTINCT CAST(purchased_at AS DATE)) >= 2
),
several_units AS (
    SELECT customer_id
    FROM purchases
    GROUP BY customer_id, product_id
    HAVING SUM(quantity) >= 2
)
SELECT customer_id FROM several_days
UNION
SELECT customer_id FROM several_units
ORDER BY customer_id
