CREATE TABLE purchases (purchase_id INTEGER, customer_id INTEGER, product_id INTEGER, quantity INTEGER, purchased_at TIMESTAMP);
