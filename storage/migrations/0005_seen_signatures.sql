-- Signatures of the Slack requests accepted, each kept until its timestamp
-- leaves the five-minute window: a request replayed after a restart is
-- refused as well as one replayed while the process runs.
CREATE TABLE seen_signatures (
    signature  TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
