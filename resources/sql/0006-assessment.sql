-- 0006: the 考评 items and the evidence linked to them.
--
-- An item is one of the eight basic standards (parent_id NULL, code "1" … "8") or a
-- scored sub-item of a province's 细则 (code "1.1" …).  Evidence of any kind links to
-- any number of items; entity names the table ('event', 'document', 'plan_item',
-- 'disbursement_batch') and entity_id its row (no foreign key: one column serves
-- several tables, so deleting evidence deletes its links in the repository).
ALTER TABLE assessment_item ADD COLUMN description TEXT;

CREATE TABLE assessment_link (
  id @PK@,
  item_id BIGINT NOT NULL REFERENCES assessment_item (id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
  UNIQUE (item_id, entity, entity_id)
);
CREATE INDEX assessment_link_entity ON assessment_link (entity, entity_id);
