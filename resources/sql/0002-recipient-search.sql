-- 0002: search over recipients (issue 3)
--
-- Chinese has no word boundaries, so the index is of character trigrams:
-- any substring of three or more characters of a name, ID number, phone or
-- address is found through the index.  Shorter queries fall back to a scan
-- (see sy_queries_recipients_filtered ()).  The table holds only the index
-- (external content): the text itself stays in recipient, and the triggers
-- below keep both in step.  SQLite only: on PostgreSQL the search is a
-- plain substring match (ILIKE, see sy_queries_recipients_filtered ()),
-- which needs no extension on the office's server.
-- @sqlite
CREATE VIRTUAL TABLE recipient_fts USING fts5 (
  name, id_number, phone, address,
  content='recipient', content_rowid='id', tokenize='trigram'
);
INSERT INTO recipient_fts (recipient_fts) VALUES ('rebuild');

-- An external-content table is told the old values to remove them.
CREATE TRIGGER recipient_fts_insert AFTER INSERT ON recipient BEGIN
  INSERT INTO recipient_fts (rowid, name, id_number, phone, address)
  VALUES (new.id, new.name, new.id_number, new.phone, new.address);
END;
CREATE TRIGGER recipient_fts_delete AFTER DELETE ON recipient BEGIN
  INSERT INTO recipient_fts (recipient_fts, rowid, name, id_number, phone, address)
  VALUES ('delete', old.id, old.name, old.id_number, old.phone, old.address);
END;
CREATE TRIGGER recipient_fts_update AFTER UPDATE OF name, id_number, phone, address ON recipient BEGIN
  INSERT INTO recipient_fts (recipient_fts, rowid, name, id_number, phone, address)
  VALUES ('delete', old.id, old.name, old.id_number, old.phone, old.address);
  INSERT INTO recipient_fts (rowid, name, id_number, phone, address)
  VALUES (new.id, new.name, new.id_number, new.phone, new.address);
END;
-- @end

-- The category filter.
CREATE INDEX recipient_category_category ON recipient_category (category, recipient_id);
