-- What each item said besides its title (storage.EncodeText: summary,
-- content and categories, DEFLATE-compressed when that pays), kept as long
-- as the item is: replay judges the stored items again when a watch is
-- added or its match, status rules or aliases change. NULL for items
-- stored before this column (replay reads their titles only).
ALTER TABLE items ADD COLUMN body BLOB;

-- What each agreement was last judged under (a digest of its match,
-- status rules, aliases and what else reading depends on): a watch that is
-- new, or whose digest changed, is replayed over the stored items when the
-- config loads.
CREATE TABLE watch_versions (
    agreement_id TEXT PRIMARY KEY,
    digest       TEXT NOT NULL,
    judged_at    INTEGER NOT NULL
);
