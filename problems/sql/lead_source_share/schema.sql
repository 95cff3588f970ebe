CREATE TABLE leads (lead_id INTEGER, source VARCHAR, created_at DATE);
