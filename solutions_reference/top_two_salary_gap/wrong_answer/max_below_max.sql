-- Wrong: the classic "second highest = highest salary below the maximum". That is the second
-- highest DISTINCT salary: a tie at the top gives the gap to the next lower salary instead of 0,
-- and a department where everybody earns the same is dropped.
SELECT e.department,
       MAX(m.top_salary) - MAX(e.salary) AS salary_gap
FROM employees AS e
JOIN (SELECT department, MAX(salary) AS top_salary
      FROM employees
      GROUP BY department) AS m
  ON m.department = e.department
WHERE e.salary < m.top_salary
GROUP BY e.department
ORDER BY e.department
