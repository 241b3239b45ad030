-- Times are Unix milliseconds (UTC); 0 means unknown.

CREATE TABLE feeds (
    id                   TEXT PRIMARY KEY,
    etag                 TEXT NOT NULL DEFAULT '',
    last_modified        TEXT NOT NULL DEFAULT '',
    first_polled_at      INTEGER NOT NULL DEFAULT 0,
    last_polled_at       INTEGER NOT NULL DEFAULT 0,
    last_success_at      INTEGER NOT NULL DEFAULT 0,
    last_error           TEXT NOT NULL DEFAULT '',
    last_error_at        INTEGER NOT NULL DEFAULT 0,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    items_seen           INTEGER NOT NULL DEFAULT 0,
    next_poll_at         INTEGER NOT NULL DEFAULT 0,
    broken               INTEGER NOT NULL DEFAULT 0
);

-- A story is one piece of news, however many feeds carry it.
CREATE TABLE stories (
    id         INTEGER PRIMARY KEY,
    link_key   TEXT NOT NULL DEFAULT '',
    title_key  TEXT NOT NULL DEFAULT '',
    published  INTEGER NOT NULL DEFAULT 0,
    first_seen INTEGER NOT NULL
);
CREATE INDEX stories_link ON stories(link_key) WHERE link_key <> '';
CREATE INDEX stories_title ON stories(title_key) WHERE title_key <> '';

CREATE TABLE items (
    id         INTEGER PRIMARY KEY,
    feed_id    TEXT NOT NULL,
    key        TEXT NOT NULL,
    guid       TEXT NOT NULL DEFAULT '',
    link       TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL DEFAULT '',
    published  INTEGER NOT NULL DEFAULT 0,
    first_seen INTEGER NOT NULL,
    story_id   INTEGER REFERENCES stories(id),
    UNIQUE (feed_id, key)
);
CREATE INDEX items_first_seen ON items(first_seen);

CREATE TABLE mentions (
    agreement_id TEXT NOT NULL,
    item_id      INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    at           INTEGER NOT NULL,
    detected     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (agreement_id, item_id)
);
CREATE INDEX mentions_latest ON mentions(agreement_id, at);

CREATE TABLE agreements (
    id          TEXT PRIMARY KEY,
    status      TEXT NOT NULL,
    since       INTEGER NOT NULL DEFAULT 0,
    evidence_at INTEGER NOT NULL DEFAULT 0,
    history_id  INTEGER NOT NULL DEFAULT 0
);

-- Every status an agreement held, with why. Never pruned.
CREATE TABLE status_history (
    id           INTEGER PRIMARY KEY,
    agreement_id TEXT NOT NULL,
    recorded_at  INTEGER NOT NULL,
    effective_at INTEGER NOT NULL,
    previous     TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL,
    source       TEXT NOT NULL,
    item_guid    TEXT NOT NULL DEFAULT '',
    feed_id      TEXT NOT NULL DEFAULT '',
    link         TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL DEFAULT '',
    sentence     TEXT NOT NULL DEFAULT '',
    rule         TEXT NOT NULL DEFAULT '',
    user_id      TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX status_history_agreement ON status_history(agreement_id, effective_at);

-- The outbox: watchers write alerts here in the same transaction as what
-- caused them; the bot delivers them in seq order per channel.
CREATE TABLE alerts (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    dedupe_key      TEXT UNIQUE,
    kind            TEXT NOT NULL,
    agreement_id    TEXT NOT NULL DEFAULT '',
    channel         TEXT NOT NULL DEFAULT '',
    parent_seq      INTEGER REFERENCES alerts(seq),
    payload         TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending',
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    ts              TEXT NOT NULL DEFAULT '',
    delivered_at    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX alerts_open ON alerts(state, channel, seq);

CREATE TABLE mutes (
    agreement_id TEXT PRIMARY KEY,
    until        INTEGER NOT NULL,
    user_id      TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL
);
