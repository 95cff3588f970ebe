-- Wrong: takes the highest minus the LOWEST salary, which equals the top-two gap only in
-- departments of exactly two employees.
SELECT department, MAX(salary) - MIN(salary) AS salary_gap
FROM employees
GROUP BY department
HAVING COUNT(*) >= 2
ORDER BY department
