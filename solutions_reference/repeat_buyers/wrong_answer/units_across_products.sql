-- Wrong: adds up units over all of a customer's products instead of per product, so one unit
-- each of two different products counts as a repeat purchase.
SELECT customer_id FROM purchases
GROUP BY customer_id
HAVING COUNT(DISTINCT CAST(purchased_at AS DATE)) >= 2
    OR SUM(quantity) >= 2
ORDER BY customer_id
