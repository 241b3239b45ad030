-- Forecasts found in the news: proposed by pactwatch, accepted or dismissed
-- by an admin. Accepted ones are judged like the config's.
CREATE TABLE forecasts (
    id           INTEGER PRIMARY KEY,
    agreement_id TEXT NOT NULL,
    done_when    TEXT NOT NULL,
    due          TEXT NOT NULL,
    due_at       INTEGER NOT NULL,
    source       TEXT NOT NULL DEFAULT '',
    made         INTEGER NOT NULL,
    item_guid    TEXT NOT NULL DEFAULT '',
    feed_id      TEXT NOT NULL DEFAULT '',
    link         TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL DEFAULT '',
    sentence     TEXT NOT NULL DEFAULT '',
    state        TEXT NOT NULL DEFAULT 'proposed',
    decided_by   TEXT NOT NULL DEFAULT '',
    UNIQUE (agreement_id, done_when, due)
);
CREATE INDEX forecasts_state ON forecasts(state, due_at);
