/* sy-db-copy.h: the office tables copied between a local (SQLite) and a
 * shared (PostgreSQL) database, ids and all, and compared (store/ only)
 *
 * Used by `migrate` (local → shared), by backups of a shared database (its
 * rows → a local snapshot file) and by restoring a backup into one (the
 * snapshot's rows → the shared database).  The table list comes from the
 * local database, in the order the migrations created its tables (a table
 * after those it references), limited to the tables the shared one has too:
 * SQLite's full-text index and PostgreSQL's attachment_blob stay on their
 * side, schema_migration is each database's own.  The setting
 * "migrated-from" is the shared database's bookkeeping (sy-migrate.h): it
 * is never copied, cleared or compared.
 */
#pragma once

#include "sy-database.h"

G_BEGIN_DECLS

#define SY_DB_COPY_CHUNK 1000

typedef struct {
  char   *name;
  GStrv   columns;
  gint64  count;      /* rows, as measured by _sy_db_copy_measure () */
  char   *checksum;   /* of those rows */
} SyCopyTable;

/* Progress: a line for the user ("recipient: 1000 / 4000 rows"). */
typedef void (*SyDbCopyProgress) (const char *message, gpointer user_data);

/* Calls @progress (if any) with the formatted line. */
void       _sy_db_copy_say         (SyDbCopyProgress progress, gpointer user_data,
                                    const char *format, ...) G_GNUC_PRINTF (3, 4);

/* The tables to copy (see above), as SyCopyTable; counts not measured. */
GPtrArray *_sy_db_copy_list_tables (SyDatabase *local, SyDatabase *shared, GError **error);

/* Fills every table's count and checksum (order-independent SHA-256 of the
 * rows, each column as text) from @db. */
gboolean   _sy_db_copy_measure     (SyDatabase *db, GPtrArray *tables, GError **error);

/* Whether @db holds the measured rows: *@differs names the first table
 * that differs ("recipient (12 / 13)"), NULL if none. */
gboolean   _sy_db_copy_compare     (SyDatabase *db, GPtrArray *tables, char **differs,
                                    GError **error);

/* Deletes every row of the tables, last created first, within the caller's
 * transaction. */
gboolean   _sy_db_copy_clear       (SyDatabase *db, GPtrArray *tables, GError **error);

/* Copies @t's rows from @from to @to (one of them SQLite, the other
 * PostgreSQL) in chunks of SY_DB_COPY_CHUNK rows.  With @commit_chunks each
 * chunk is a transaction of @to's own (libgda's transactions slow down with
 * their length); without, everything goes into the caller's transaction.
 * @from should be read in one snapshot (a PostgreSQL source inside a
 * REPEATABLE READ transaction): rows are paged through. */
gboolean   _sy_db_copy_table       (SyDatabase *from, SyDatabase *to, SyCopyTable *t,
                                    gboolean commit_chunks, SyDbCopyProgress progress,
                                    gpointer user_data, GError **error);

/* The content of every attachment @from's attachment table names that
 * @to's store lacks, loaded (hash verified) from @from's store and added to
 * @to's; a hash in @skip (NULL-able, of char *) is left out.  Within the
 * caller's transaction if there is one. */
gboolean   _sy_db_copy_attachments (SyDatabase *from, SyDatabase *to, GPtrArray *skip,
                                    SyDbCopyProgress progress, gpointer user_data,
                                    GError **error);

/* PostgreSQL hands out ids from sequences: after rows were copied with
 * their ids, each sequence continues above both the highest id and where
 * it stood (so ids, the audit log's included, never go back). */
gboolean   _sy_db_copy_reset_sequences (SyDatabase *shared, GPtrArray *tables, GError **error);

/* A snapshot of a PostgreSQL database for reading: BEGIN … REPEATABLE
 * READ, READ ONLY on @db's connection, and its end. */
gboolean   _sy_db_copy_begin_snapshot (SyDatabase *shared, GError **error);
void       _sy_db_copy_end_snapshot   (SyDatabase *shared);

G_END_DECLS
