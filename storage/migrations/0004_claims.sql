-- What items said about agreements: one row per (item, agreement) that
-- reported a status, strongly or weakly. Independent sources (hosts) of a
-- strong claim corroborate a status change.
CREATE TABLE claims (
    id           INTEGER PRIMARY KEY,
    agreement_id TEXT NOT NULL,
    item_id      INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    status       TEXT NOT NULL,
    party        TEXT NOT NULL DEFAULT '',
    strong       INTEGER NOT NULL,
    host         TEXT NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX claims_lookup ON claims(agreement_id, status, party, at);
CREATE INDEX claims_item ON claims(item_id);

-- An event is one happening (an agreement's status claim, close in time)
-- however many outlets report it: one top-level alert, the rest replies.
CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    agreement_id TEXT NOT NULL,
    status       TEXT NOT NULL,
    party        TEXT NOT NULL DEFAULT '',
    at           INTEGER NOT NULL,
    alert_seq    INTEGER NOT NULL,
    channel      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_lookup ON events(agreement_id, status, party, at);

-- One party's own status in an agreement of more than two parties.
ALTER TABLE status_history ADD COLUMN party TEXT NOT NULL DEFAULT '';
CREATE TABLE party_status (
    agreement_id TEXT NOT NULL,
    party        TEXT NOT NULL,
    status       TEXT NOT NULL,
    since        INTEGER NOT NULL,
    evidence_at  INTEGER NOT NULL,
    PRIMARY KEY (agreement_id, party)
);

-- A fingerprint of the top-level alert's text (a 64-bit SimHash of its
-- title and summary): copies of one wire story are one event even when
-- they state no status.
ALTER TABLE events ADD COLUMN sketch INTEGER NOT NULL DEFAULT 0;
-- The words of its headline that say what happened, not which agreement
-- ("suspends", "Sevastopol"): reports of the same day share some.
ALTER TABLE events ADD COLUMN words TEXT NOT NULL DEFAULT '';
CREATE INDEX events_recent ON events(agreement_id, at);

-- An admin dismissed the claim (the Dismiss button on a possible status):
-- it no longer counts towards corroboration.
ALTER TABLE claims ADD COLUMN dismissed INTEGER NOT NULL DEFAULT 0;
