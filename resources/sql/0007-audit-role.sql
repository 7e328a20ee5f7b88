-- 0007: on a shared PostgreSQL database each desk connects as its own role;
-- the audit log keeps that role beside the actor (the person the desk
-- says is working, which anyone can type).  NULL on a local database.
ALTER TABLE audit_log ADD COLUMN db_role TEXT
