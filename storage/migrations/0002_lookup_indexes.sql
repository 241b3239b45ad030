-- Indexes the queries can use. 0001's story indexes are partial
-- (WHERE link_key <> ''), and SQLite cannot prove that `link_key = ?` with
-- a bound parameter implies that, so Tx.Story scanned every story for
-- every new item: a poll's cost grew with the square of its new items.
DROP INDEX stories_link;
DROP INDEX stories_title;
CREATE INDEX stories_link_key ON stories(link_key);
CREATE INDEX stories_title_key ON stories(title_key);

-- Pruning deletes items (their mentions cascade, found by item_id) and
-- stories no item points to (found by story_id): without these, each
-- deleted row scanned the whole other table.
CREATE INDEX mentions_item ON mentions(item_id);
CREATE INDEX items_story ON items(story_id);
