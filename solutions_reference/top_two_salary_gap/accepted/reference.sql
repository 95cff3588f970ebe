-- Reference: number each department's employees by salary, highest first, with ROW_NUMBER, so
-- two equal top salaries take positions 1 and 2 (gap 0). Keep departments with at least two
-- employees and subtract the salary at position 2 from the one at position 1.
WITH ranked AS (
    SELECT department,
           salary,
           ROW_NUMBER() OVER (PARTITION BY department ORDER BY salary DESC) AS pos
    FROM employees
)
SELECT department,
       MAX(salary) FILTER (WHERE pos = 1) - MAX(salary) FILTER (WHERE pos = 2) AS salary_gap
FROM ranked
GROUP BY department
HAVING COUNT(*) >= 2
ORDER BY department
