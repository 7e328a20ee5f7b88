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

-- The eight basic standards every review reads (全国双拥模范城（县）考评 基本标准).
-- They are data, not code: an office may retitle them or add its province's
-- scored sub-items under them.  No ';' inside the texts: the migration runner
-- splits statements on it.  @NOW@ is the migration's time, as the application
-- writes times (portable: no strftime on PostgreSQL).
INSERT INTO assessment_item (parent_id, code, title, position, score, description,
  created_at, created_by, updated_at, updated_by)
VALUES (NULL, '1', '组织领导坚强有力', 1, 0, '双拥工作领导小组健全，定期召开会议研究双拥工作，有年度计划和总结，领导述职，双拥工作经费列入财政预算。',
  @NOW@, 'migration', @NOW@, 'migration');
INSERT INTO assessment_item (parent_id, code, title, position, score, description,
  created_at, created_by, updated_at, updated_by)
VALUES (NULL, '2', '拥军工作扎实有效', 2, 0, '走访慰问驻地部队和重点优抚对象，优抚金按标准及时足额发放（花名册、发放凭证），帮助军属解决实际困难。',
  @NOW@, 'migration', @NOW@, 'migration');
INSERT INTO assessment_item (parent_id, code, title, position, score, description,
  created_at, created_by, updated_at, updated_by)
VALUES (NULL, '3', '政策法规落到实处', 3, 0, '优待金标准落实，四项制度落实，军人军属优先服务，军人子女入学入托等政策兑现。',
  @NOW@, 'migration', @NOW@, 'migration');
INSERT INTO assessment_item (parent_id, code, title, position, score, description,
  created_at, created_by, updated_at, updated_by)
VALUES (NULL, '4', '军民共建富有成效', 4, 0, '签订共建协议，开展军民共建活动，共建成果明显。',
  @NOW@, 'migration', @NOW@, 'migration');
INSERT INTO assessment_item (parent_id, code, title, position, score, description,
  created_at, created_by, updated_at, updated_by)
VALUES (NULL, '5', '宣传教育广泛深入', 5, 0, '开展国防教育和双拥宣传月活动，双拥宣传广泛深入。',
  @NOW@, 'migration', @NOW@, 'migration');
INSERT INTO assessment_item (parent_id, code, title, position, score, description,
  created_at, created_by, updated_at, updated_by)
VALUES (NULL, '6', '拥政爱民成果显著', 6, 0, '驻地部队支持地方经济社会建设、抢险救灾、助学扶贫等拥政爱民成果。',
  @NOW@, 'migration', @NOW@, 'migration');
INSERT INTO assessment_item (parent_id, code, title, position, score, description,
  created_at, created_by, updated_at, updated_by)
VALUES (NULL, '7', '双拥活动坚持经常', 7, 0, '全年双拥活动经常开展，计划中的活动逐项落实，有记录、有图片、有总结。',
  @NOW@, 'migration', @NOW@, 'migration');
INSERT INTO assessment_item (parent_id, code, title, position, score, description,
  created_at, created_by, updated_at, updated_by)
VALUES (NULL, '8', '军政军民关系融洽', 8, 0, '军政军民关系融洽，群众和部队反映良好，未发生影响军政军民关系的事件。',
  @NOW@, 'migration', @NOW@, 'migration');

-- Databases from before 0006 linked an activity or a document to one item
-- through its assessment_item_id column; those links move to the link table,
-- which is the only one read from now on (the old columns stay for older
-- backups but nothing writes them any more).
INSERT INTO assessment_link (item_id, entity, entity_id, created_at, created_by, updated_at, updated_by)
SELECT assessment_item_id, 'event', id, created_at, created_by, updated_at, updated_by
FROM event WHERE assessment_item_id IS NOT NULL;

INSERT INTO assessment_link (item_id, entity, entity_id, created_at, created_by, updated_at, updated_by)
SELECT assessment_item_id, 'document', id, created_at, created_by, updated_at, updated_by
FROM document WHERE assessment_item_id IS NOT NULL
