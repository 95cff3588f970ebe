-- WRONG: builds the rows from the activity that exists (a plain join and GROUP BY), so a
-- cohort month in which nobody was active has no row at all instead of 0.0.
WITH cohorts AS (
    SELECT user_id, CAST(date_trunc('month', signup_date) AS DATE) AS cohort_month
    FROM users
),
cohort_sizes AS (
    SELECT cohort_month, COUNT(*) AS cohort_size FROM cohorts GROUP BY cohort_month
)
SELECT c.cohort_month,
       date_diff('month', c.cohort_month, a.activity_date) AS month_number,
       ROUND(100.0 * COUNT(DISTINCT c.user_id) / MAX(s.cohort_size), 1) AS retention_pct
FROM cohorts AS c
JOIN cohort_sizes AS s ON s.cohort_month = c.cohort_month
JOIN activity AS a ON a.user_id = c.user_id
WHERE date_diff('month', c.cohort_month, a.activity_date) BETWEEN 1 AND 3
GROUP BY 1, 2
ORDER BY 1, 2
