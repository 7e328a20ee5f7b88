-- 0009: restoring a backup into a shared PostgreSQL database replaces every
-- row in one transaction, attachment rows included, while the contents of
-- the attachments it keeps stay in attachment_blob (re-sending gigabytes of
-- photos that are already there would be slow).  Deleting an attachment row
-- whose content stays must therefore not fail at once: the reference is
-- checked at the end of the transaction when the restore defers it.  Every
-- other change still checks it statement by statement.  A local (SQLite)
-- database keeps attachments as files: nothing changes there.
-- @postgresql
ALTER TABLE attachment_blob DROP CONSTRAINT attachment_blob_hash_fkey;
ALTER TABLE attachment_blob ADD CONSTRAINT attachment_blob_hash_fkey
  FOREIGN KEY (hash) REFERENCES attachment (hash) DEFERRABLE INITIALLY IMMEDIATE;
-- @end
