-- 0005: what disbursement runs need to be computed, checked and re-issued.
--
-- A category held for a span of time: 义务兵家庭 only while the soldier serves; a
-- category that changes is one row ending (valid_to) and another starting (valid_from).
-- NULL = open.  topups lists the top-up conditions the holder (or the soldier the
-- family holds it for) meets, separated by 、 (进藏进疆、二等功、大学生入伍).
ALTER TABLE recipient_category ADD COLUMN valid_from TEXT;
ALTER TABLE recipient_category ADD COLUMN valid_to TEXT;
ALTER TABLE recipient_category ADD COLUMN topups TEXT;

-- A standard paid once per household (义务兵家庭优待金), not to every member holding it.
ALTER TABLE subsidy_standard ADD COLUMN per_household INTEGER NOT NULL DEFAULT 0;

-- Top-up rules as data: a condition adds percent of the base amount (100 doubles it).
CREATE TABLE subsidy_topup (
  id @PK@,
  kind TEXT NOT NULL,
  condition TEXT NOT NULL,
  percent INTEGER NOT NULL CHECK (percent >= 0),
  effective_from TEXT NOT NULL,
  effective_to TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL
);
CREATE INDEX subsidy_topup_kind ON subsidy_topup (kind, condition);

ALTER TABLE disbursement_batch ADD COLUMN approved_at TEXT;
ALTER TABLE disbursement_batch ADD COLUMN approved_by TEXT;
-- A re-issue run names the paid run whose failed lines it pays again.
ALTER TABLE disbursement_batch ADD COLUMN source_batch_id BIGINT REFERENCES disbursement_batch (id);

-- A line keeps how its amount came about: the category paid, the months covered
-- (YYYY-MM), the base amount before top-ups, the top-ups, and what the computation
-- gave; amount_fen differs from computed_fen only with an adjust_reason.
ALTER TABLE disbursement_line ADD COLUMN category TEXT;
ALTER TABLE disbursement_line ADD COLUMN first_month TEXT;
ALTER TABLE disbursement_line ADD COLUMN last_month TEXT;
ALTER TABLE disbursement_line ADD COLUMN base_fen BIGINT NOT NULL DEFAULT 0;
ALTER TABLE disbursement_line ADD COLUMN topup_fen BIGINT NOT NULL DEFAULT 0;
ALTER TABLE disbursement_line ADD COLUMN topups TEXT;
ALTER TABLE disbursement_line ADD COLUMN computed_fen BIGINT NOT NULL DEFAULT 0;
ALTER TABLE disbursement_line ADD COLUMN adjust_reason TEXT;
ALTER TABLE disbursement_line ADD COLUMN fail_reason TEXT;
ALTER TABLE disbursement_line ADD COLUMN source_line_id BIGINT REFERENCES disbursement_line (id);
ALTER TABLE disbursement_line ADD COLUMN bank TEXT;
CREATE INDEX disbursement_line_recipient ON disbursement_line (recipient_id);

-- People a run did not pay, with the reason (shown beside the lines, so nobody
-- eligible is missed without a word).
CREATE TABLE disbursement_exclusion (
  id @PK@,
  batch_id BIGINT NOT NULL REFERENCES disbursement_batch (id) ON DELETE CASCADE,
  recipient_id BIGINT NOT NULL REFERENCES recipient (id),
  category TEXT,
  code TEXT NOT NULL,
  reason TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL
);
CREATE INDEX disbursement_exclusion_batch ON disbursement_exclusion (batch_id);
