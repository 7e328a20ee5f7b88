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

/* TRUE when sy_test_open_database() gives PostgreSQL databases. */
gboolean    sy_test_database_is_postgres (void);

G_END_DECLS
