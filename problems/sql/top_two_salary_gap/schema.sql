CREATE TABLE employees (employee_id INTEGER, name VARCHAR, department VARCHAR, salary INTEGER NOT NULL);
