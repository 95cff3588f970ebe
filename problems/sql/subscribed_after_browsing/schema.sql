CREATE TABLE page_views (user_id INTEGER, page VARCHAR, viewed_at TIMESTAMP);
CREATE TABLE subscriptions (user_id INTEGER, subscribed_at TIMESTAMP);
