CREATE TABLE customers (customer_id INTEGER, name VARCHAR);
CREATE TABLE orders (order_id INTEGER, customer_id INTEGER, amount DECIMAL(12,2));
