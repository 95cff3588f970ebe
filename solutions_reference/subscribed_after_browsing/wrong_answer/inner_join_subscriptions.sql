-- Wrong: joins the viewers to subscriptions with an INNER JOIN before counting, so viewers who
-- never subscribed disappear from the denominator (and with no subscriptions at all the result
-- is NULL instead of 0).
WITH first_view AS (
    SELECT user_id, MIN(viewed_at) AS first_viewed_at
    FROM page_views
    WHERE page IN ('pricing', 'features')
    GROUP BY user_id
)
SELECT ROUND(
           100.0 * COUNT(DISTINCT CASE WHEN s.subscribed_at > f.first_viewed_at THEN f.user_id END)
           / NULLIF(COUNT(DISTINCT f.user_id), 0),
           2) AS pct_subscribed
FROM first_view AS f
JOIN subscriptions AS s ON s.user_id = f.user_id
