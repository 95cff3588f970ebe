-- A learner's query: rank salaries within each department, keep the top two.
WITH ranked AS (
    SELECT department, salary,
           ROW_NUMBER() OVER (PARTITION BY department ORDER BY salary DESC) AS rn
    FROM employees
)
SELECT department,
       MAX(CASE WHEN rn = 1 THEN salary END) - MAX(CASE WHEN rn = 2 THEN salary END) AS salary_gap
FROM ranked
GROUP BY department
HAVING COUNT(*) >= 2
ORDER BY department
