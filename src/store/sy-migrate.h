/* sy-migrate.h: copy a local office database to a shared PostgreSQL one
 *
 * Copies every table of the local (SQLite) database in @from_dir, with the
 * same ids, into the PostgreSQL database @to_uri (migrated first by the same
 * migrations), then every attachment into the database, and verifies the
 * row count and a checksum of every table and the hash of every attachment
 * on the target.  Rows go in chunks of SY_MIGRATE_CHUNK, one transaction
 * each (libgda's transactions grow quadratically with their size); the
 * target's setting "migrated-from" says "incomplete" from the first chunk
 * and "complete: …" only after the verification.  So a re-run is safe:
 * - a complete target with the same data: SY_MIGRATE_ALREADY_DONE, nothing
 *   is written;
 * - a complete target with other data, a target holding any data without
 *   the marker, or an unfinished migration: refused with SY_ERROR_CONFLICT
 *   saying what to do, nothing is written (never a merge or an overwrite).
 */
#pragma once

#include "sy-database.h"

G_BEGIN_DECLS

#define SY_MIGRATE_CHUNK 1000

typedef enum {
  SY_MIGRATE_COPIED,
  SY_MIGRATE_ALREADY_DONE,
} SyMigrateResult;

/* Progress: a line for the user ("recipient: 1000 / 4000 rows"). */
typedef void (*SyMigrateProgress) (const char *message, gpointer user_data);

/* Returns FALSE with @error on failure; *@result says what was done. */
gboolean sy_migrate_to_postgres (const char        *from_dir,
                                 const char        *to_uri,
                                 SyMigrateProgress  progress,
                                 gpointer           user_data,
                                 SyMigrateResult   *result,
                                 GError           **error);

G_END_DECLS
