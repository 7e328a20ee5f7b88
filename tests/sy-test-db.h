/* sy-test-db.h: a fresh office database for a store test, SQLite or PostgreSQL */
#pragma once

#include "sy-store.h"

G_BEGIN_DECLS

/* Opens a new, empty, migrated database and stores in *@dir_out (if not
 * NULL) the folder to remove with sy_test_remove_tree() afterwards.
 * Normally a fresh SQLite folder; with SY_TEST_PG_SOCKET and
 * SY_TEST_PG_PORT set (tests/pg/run-with-pg.sh sets them) a fresh database
 * "sy_test_<pid>_<n>" on that PostgreSQL server, opened by URI, with
 * *@dir_out its local files folder.  Fails the test on any error. */
SyDatabase *sy_test_open_database (char **dir_out);

/* The one integer a query without parameters gives; asserts it worked. */
gint64      sy_test_db_count (SyDatabase *db, const char *sql);
/* Every row of a query without parameters as text, "a|b|c\n" a row (NULL
 * as ∅); asserts it worked.  Caller frees. */
char       *sy_test_db_text  (SyDatabase *db, const char *sql);

/* TRUE when sy_test_open_database() gives PostgreSQL databases. */
gboolean    sy_test_database_is_postgres (void);

/* The one role of the test server that must give a password
 * (tests/pg/pg-server.sh: scram-sha-256 for it, trust for the rest). */
#define SY_TEST_PG_PASSWORD_ROLE "sy_pw_desk"

/* postgresql://@user@SOCKET:PORT/@dbname on the test server (no password). */
char       *sy_test_pg_uri          (const char *user,
                                     const char *dbname);
/* Runs @sql (no result) in @dbname as the superuser `postgres`. */
void        sy_test_pg_execute      (const char *dbname,
                                     const char *sql);
/* (Re)creates SY_TEST_PG_PASSWORD_ROLE with @password and a new database
 * @dbname it owns; returns its URI (without the password). */
char       *sy_test_pg_password_database (const char *dbname,
                                          const char *password);

G_END_DECLS
