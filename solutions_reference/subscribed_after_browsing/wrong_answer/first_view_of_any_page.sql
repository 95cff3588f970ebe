-- Wrong: selects the users who viewed 'pricing' or 'features', but then takes their first view
-- of ANY page (home, blog, ...) as the starting point, so a subscription made after an earlier
-- home-page view but before the pricing view is counted.
WITH viewers AS (
    SELECT DISTINCT user_id
    FROM page_views
    WHERE page IN ('pricing', 'features')
),
first_view AS (
    SELECT pv.user_id, MIN(pv.viewed_at) AS first_viewed_at
    FROM page_views AS pv
    JOIN viewers AS v ON v.user_id = pv.user_id
    GROUP BY pv.user_id
)
SELECT ROUND(
           100.0 * COUNT(DISTINCT s.user_id) / NULLIF(COUNT(DISTINCT f.user_id), 0),
           2) AS pct_subscribed
FROM first_view AS f
LEFT JOIN subscriptions AS s
  ON s.user_id = f.user_id
 AND s.subscribed_at > f.first_viewed_at
