-- A detected change an admin reverted stays in the history, marked
-- retracted: forecasts are no longer judged on it.
ALTER TABLE status_history ADD COLUMN retracted INTEGER NOT NULL DEFAULT 0;
