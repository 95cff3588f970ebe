-- WRONG: measures whole months elapsed since the signup DATE (date_sub('month', ...)) instead
-- of calendar months since the signup MONTH: a user who signed up on Jan 31 and came back on
-- Feb 1 is counted in month 0, not month 1.
WITH cohorts AS (
    SELECT user_id, signup_date, CAST(date_trunc('month', signup_date) AS DATE) AS cohort_month
    FROM users
),
cohort_sizes AS (
    SELECT cohort_month, COUNT(*) AS cohort_size FROM cohorts GROUP BY cohort_month
),
month_numbers AS (SELECT * FROM (VALUES (1), (2), (3)) AS m(month_number)),
active AS (
    SELECT c.cohort_month,
           date_sub('month', c.signup_date, a.activity_date) AS month_number,
           COUNT(DISTINCT c.user_id) AS active_users
    FROM cohorts AS c
    JOIN activity AS a ON a.user_id = c.user_id
    GROUP BY 1, 2
)
SELECT s.cohort_month, m.month_number,
       ROUND(100.0 * COALESCE(a.active_users, 0) / s.cohort_size, 1) AS retention_pct
FROM cohort_sizes AS s
CROSS JOIN month_numbers AS m
LEFT JOIN active AS a ON a.cohort_month = s.cohort_month AND a.month_number = m.month_number
ORDER BY s.cohort_month, m.month_number
