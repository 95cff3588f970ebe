CREATE TABLE users (user_id INTEGER, signup_date DATE);
CREATE TABLE activity (user_id INTEGER, activity_date DATE);
