-- A forecast found in the news may slip: a later item moves it to a later
-- period ("postponed until ..."). slipped_from is the period it had before
-- the last slip, slips how many times it moved.
ALTER TABLE forecasts ADD COLUMN slipped_from TEXT NOT NULL DEFAULT '';
ALTER TABLE forecasts ADD COLUMN slips INTEGER NOT NULL DEFAULT 0;
