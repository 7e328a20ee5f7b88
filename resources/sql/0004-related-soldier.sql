-- 0004: a family category (现役军人家属, 义务兵家庭, 烈士遗属 …) is held because of one
-- soldier; the ledger and the payment rosters name him, so keep his name with the category.
ALTER TABLE recipient_category ADD COLUMN related_soldier TEXT;
