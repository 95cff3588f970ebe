-- Wrong: counts matching subscription rows instead of distinct users, so a user with several
-- subscriptions after the first view is counted several times.
WITH first_view AS (
    SELECT user_id, MIN(viewed_at) AS first_viewed_at
    FROM page_views
    WHERE page IN ('pricing', 'features')
    GROUP BY user_id
)
SELECT ROUND(
           100.0 * COUNT(CASE WHEN s.subscribed_at > f.first_viewed_at THEN 1 END)
           / NULLIF(COUNT(DISTINCT f.user_id), 0),
           2) AS pct_subscribed
FROM first_view AS f
LEFT JOIN subscriptions AS s ON s.user_id = f.user_id
