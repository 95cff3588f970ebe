-- Wrong: compares with >= instead of >, so a subscription at the very same timestamp as the
-- first view counts as "after" it. Rejected where a subscription ties the first view.
WITH first_view AS (
    SELECT user_id, MIN(viewed_at) AS first_viewed_at
    FROM page_views
    WHERE page IN ('pricing', 'features')
    GROUP BY user_id
)
SELECT ROUND(
           100.0 * COUNT(DISTINCT s.user_id) / NULLIF(COUNT(DISTINCT f.user_id), 0),
           2) AS pct_subscribed
FROM first_view AS f
LEFT JOIN subscriptions AS s
  ON s.user_id = f.user_id
 AND s.subscribed_at >= f.first_viewed_at
