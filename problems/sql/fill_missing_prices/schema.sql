CREATE TABLE prices (product_id INTEGER, day DATE, price DECIMAL(12,2));
