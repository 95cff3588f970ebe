-- Reference: take each user's first view of 'pricing' or 'features' (MIN per user), keep the
-- users with at least one subscription strictly after it (SELECT DISTINCT, so several
-- subscriptions count once), and divide by the number of users with such a view. NULLIF turns
-- "no such user" into a NULL result instead of 0/0.
WITH first_view AS (
    SELECT user_id, MIN(viewed_at) AS first_viewed_at
    FROM page_views
    WHERE page IN ('pricing', 'features')
    GROUP BY user_id
),
converted AS (
    SELECT DISTINCT f.user_id
    FROM first_view AS f
    JOIN subscriptions AS s
      ON s.user_id = f.user_id
     AND s.subscribed_at > f.first_viewed_at
)
SELECT ROUND(
           100.0 * (SELECT COUNT(*) FROM converted)
           / NULLIF((SELECT COUNT(*) FROM first_view), 0),
           2) AS pct_subscribed
