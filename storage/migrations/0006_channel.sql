-- A feed's own title, as last fetched: Slack names a source by it when
-- the config gives the feed no `name`.
ALTER TABLE feeds ADD COLUMN title TEXT NOT NULL DEFAULT '';
