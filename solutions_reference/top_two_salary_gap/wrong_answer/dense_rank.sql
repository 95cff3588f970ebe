-- Wrong: uses DENSE_RANK, i.e. the second-highest DISTINCT salary. When the top two earn the
-- same, it measures the gap to the next lower salary instead of 0, and a department where
-- everybody earns the same has no rank 2 and disappears.
WITH ranked AS (
    SELECT department,
           salary,
           DENSE_RANK() OVER (PARTITION BY department ORDER BY salary DESC) AS rnk
    FROM employees
)
SELECT top.department, top.salary - second.salary AS salary_gap
FROM (SELECT DISTINCT department, salary FROM ranked WHERE rnk = 1) AS top
JOIN (SELECT DISTINCT department, salary FROM ranked WHERE rnk = 2) AS second
  ON second.department = top.department
ORDER BY top.department
