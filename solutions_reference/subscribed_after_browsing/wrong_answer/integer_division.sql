-- Wrong: uses the integer-division operator //, which truncates the percentage to a whole
-- number (33.33 becomes 33).
WITH first_view AS (
    SELECT user_id, MIN(viewed_at) AS first_viewed_at
    FROM page_views
    WHERE page IN ('pricing', 'features')
    GROUP BY user_id
)
SELECT ROUND(
           100 * COUNT(DISTINCT s.user_id) // NULLIF(COUNT(DISTINCT f.user_id), 0),
           2) AS pct_subscribed
FROM first_view AS f
LEFT JOIN subscriptions AS s
  ON s.user_id = f.user_id
 AND s.subscribed_at > f.first_viewed_at
