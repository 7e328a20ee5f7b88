/* sy-check.h: is the office database sound?
 *
 * Runs SQLite's integrity_check and foreign_key_check, checks that every
 * attachment row has its file with the right size and SHA-256 and that
 * every reference to an attachment names a stored one, and reports files in
 * the attachment folder that no row names (orphans), leftover temporary
 * files and attachment rows no record uses.  Read-only.
 *
 * Findings name tables, row ids, hashes and file names — never record
 * contents — so the report can be pasted into a support request.
 *
 * SQLite only for now: sy-check.c marks the SQLite-specific parts (the
 * PRAGMAs, the catalogue query, the attachment folder) that a PostgreSQL
 * variant replaces (amcheck / constraint validation, attachments in the
 * database).
 */
#pragma once

#include "sy-database.h"

G_BEGIN_DECLS

typedef enum {
  SY_CHECK_ERROR,    /* data is damaged or missing */
  SY_CHECK_WARNING,  /* untidy but nothing lost: orphans, leftovers */
} SyCheckSeverity;

typedef struct {
  SyCheckSeverity  severity;
  char            *message;   /* one line, translated, no "error:" prefix */
} SyCheckFinding;

/* Checks @db; returns the findings (SyCheckFinding *, freed with the
 * array), empty when all is well.  NULL with @error only when the check
 * itself could not run. */
GPtrArray *sy_check_run   (SyDatabase       *db,
                           GError          **error);

guint      sy_check_count (GPtrArray        *findings,
                           SyCheckSeverity   severity);

G_END_DECLS
