-- The plan that holds the board's actions arising (created the first time one is recorded).
INSERT INTO plan (code, title, description) VALUES ($code, $title, $description)
