-- Wrong: reads "0 when the top two earn the same" as "0 when there is no second salary" and
-- keeps one-person departments with a gap of 0.
WITH ranked AS (
    SELECT department,
           salary,
           ROW_NUMBER() OVER (PARTITION BY department ORDER BY salary DESC) AS pos
    FROM employees
)
SELECT department,
       COALESCE(MAX(salary) FILTER (WHERE pos = 1) - MAX(salary) FILTER (WHERE pos = 2), 0)
           AS salary_gap
FROM ranked
GROUP BY department
ORDER BY department
