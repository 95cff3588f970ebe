CREATE TABLE sales (sale_id INTEGER, sold_at DATE, amount DECIMAL(12,2));
