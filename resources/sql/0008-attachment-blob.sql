-- 0008: on a shared PostgreSQL database the attachments live in the database
-- itself, so every desk sees the same photos and scans and a backup of the
-- server holds them.  A local (SQLite) database keeps them as files beside
-- it: this migration changes nothing there.
-- @postgresql
CREATE TABLE attachment_blob (
  hash TEXT PRIMARY KEY REFERENCES attachment (hash),
  content BYTEA NOT NULL
);
-- @end
