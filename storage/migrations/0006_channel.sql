-- A feed's own title, as last fetched: Slack names a source by it when
-- the config gives the feed no `name`.
ALTER TABLE feeds ADD COLUMN title TEXT NOT NULL DEFAULT '';

-- Mentions held for a channel's digest ('held'), then gathered into one
-- ('digested', with the digest's seq here): a reply to a gathered mention
-- goes to the digest's thread.
ALTER TABLE alerts ADD COLUMN digest_seq INTEGER REFERENCES alerts(seq);
CREATE INDEX alerts_held ON alerts(state, channel) WHERE state = 'held';
