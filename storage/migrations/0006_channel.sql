-- A feed's own title, as last fetched: Slack names a source by it when
-- the config gives the feed no `name`.
ALTER TABLE feeds ADD COLUMN title TEXT NOT NULL DEFAULT '';

-- Mentions held for a channel's digest ('held'), then gathered into one
-- ('digested', with the digest's seq here): a reply to a gathered mention
-- goes to the digest's thread.
ALTER TABLE alerts ADD COLUMN digest_seq INTEGER REFERENCES alerts(seq);
CREATE INDEX alerts_held ON alerts(state, channel) WHERE state = 'held';

-- Full-text search over stored coverage (/pact search): an FTS4 index of
-- item titles, its docid the item's id. FTS4 is built into go-sqlite3
-- with no build tag (FTS5 needs sqlite_fts5 on every build); the index
-- only narrows candidates, the query language decides. External content:
-- titles are not stored twice.
--
-- Items are indexed in bulk after they are stored (Store.IndexForSearch,
-- up to search_index.upto), not by a trigger on every insert: a trigger
-- tripled the cost of storing a poll's items (4.7 to 13.7 µs an item),
-- bulk indexing costs about 3 µs an item and runs off the poll's path.
-- Removing an indexed row must run before the row goes (FTS4 reads the
-- old text to remove it), and only for rows already indexed.
CREATE VIRTUAL TABLE items_fts USING fts4(content="items", title, tokenize=unicode61);
CREATE TABLE search_index (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    upto INTEGER NOT NULL -- every item with id <= upto is indexed
);
INSERT INTO search_index (id, upto) VALUES (1, 0);
CREATE TRIGGER items_fts_delete BEFORE DELETE ON items
WHEN old.id <= (SELECT upto FROM search_index WHERE id = 1) BEGIN
    DELETE FROM items_fts WHERE docid = old.id;
END;
-- SQLite gives a new row the highest id + 1: once the newest rows are
-- deleted, ids at or below upto could be given again, to rows not indexed.
CREATE TRIGGER items_fts_upto AFTER DELETE ON items
WHEN (SELECT upto FROM search_index WHERE id = 1) > (SELECT COALESCE(MAX(id), 0) FROM items) BEGIN
    UPDATE search_index SET upto = (SELECT COALESCE(MAX(id), 0) FROM items) WHERE id = 1;
END;
CREATE TRIGGER items_fts_update_before BEFORE UPDATE OF title ON items
WHEN old.id <= (SELECT upto FROM search_index WHERE id = 1) BEGIN
    DELETE FROM items_fts WHERE docid = old.id;
END;
CREATE TRIGGER items_fts_update_after AFTER UPDATE OF title ON items
WHEN new.id <= (SELECT upto FROM search_index WHERE id = 1) BEGIN
    INSERT INTO items_fts(docid, title) VALUES (new.id, new.title);
END;

-- Who follows which agreement (/pact follow), and the direct-message
-- channel their copies of its status changes and deadlines go to.
CREATE TABLE follows (
    user_id      TEXT NOT NULL,
    agreement_id TEXT NOT NULL,
    channel      TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (agreement_id, user_id)
);
CREATE INDEX follows_user ON follows(user_id);

-- When digests were last gathered, so that a run the scheduler missed
-- (downtime, or `pactwatch poll` from the system's cron) is caught up.
CREATE TABLE digest_state (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    last_at INTEGER NOT NULL
);
