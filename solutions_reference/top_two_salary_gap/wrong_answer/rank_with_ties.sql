-- Wrong: uses RANK. When the top two earn the same, both get rank 1 and no row has rank 2, so
-- the gap comes out NULL instead of 0.
WITH ranked AS (
    SELECT department,
           salary,
           RANK() OVER (PARTITION BY department ORDER BY salary DESC) AS rnk
    FROM employees
)
SELECT department,
       MAX(salary) FILTER (WHERE rnk = 1) - MAX(salary) FILTER (WHERE rnk = 2) AS salary_gap
FROM ranked
GROUP BY department
HAVING COUNT(*) >= 2
ORDER BY department
