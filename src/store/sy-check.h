/* sy-check.h: is the office database sound?
 *
 * SQLite: integrity_check and foreign_key_check.  PostgreSQL (which has
 * neither, and enforces foreign keys — except for rows loaded with triggers
 * off or constraints added NOT VALID): every table of the schema is read in
 * full, and every single-column foreign key from pg_constraint is queried
 * for values its referenced table lacks.  Both: every attachment row has
 * its file (or, on PostgreSQL, its attachment_blob row, hashed by the
 * server) with the right size and SHA-256; every reference to an
 * attachment names a stored one; files in the attachment folder that no
 * row names (orphans), leftover temporary files and attachment rows no
 * record uses are warnings, as are 考评 links whose evidence row is gone
 * (sy_queries_assessment_dangling_links()).  Read-only: a reviewer's role
 * can run it.
 *
 * Findings name tables, row ids or key values, hashes and file names —
 * never record contents — so the report can be pasted into a support
 * request.
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
