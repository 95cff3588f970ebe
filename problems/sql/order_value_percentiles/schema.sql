CREATE TABLE orders (order_id INTEGER, country VARCHAR, amount DECIMAL(12,2));
