/* sy-table-writer.h: a table out to CSV for Excel or to .xlsx, all or
 * nothing
 *
 * The exports of recipients, payment audit findings and bank files write
 * the same kind of file:
 *   CSV: UTF-8 with a BOM (without it Excel assumes the ANSI code page and
 *        shows mojibake), CRLF line ends, RFC 4180 quoting; digit strings
 *        Excel would change (more than 15 digits lose their tail as
 *        3.60426E+17, a leading 0 is dropped) written ="…", which Excel and
 *        WPS show as text and the import unwraps.
 *   XLSX: libxlsxwriter, one sheet, a bold title row that stays in view,
 *        text cells formatted "@" (digits stay digits even when retyped),
 *        money as numbers of 元 with two decimals, column widths set.
 * Rows are written cell by cell into a temporary file beside the target
 * (sy-export-file.h); sy_table_writer_finish() closes and syncs it, and
 * sy_table_writer_commit() renames it into place together with its audit
 * log entry.  Freeing a writer that was not committed removes the
 * temporary file, so every error path leaves nothing behind.
 *
 * Cell errors (libxlsxwriter's, a money text that does not read back) are
 * kept and reported by sy_table_writer_end_row() and _finish().
 */
#pragma once

#include "sy-database.h"

G_BEGIN_DECLS

typedef enum {
  SY_TABLE_TEXT,     /* text; digits wrapped ="…" in CSV only where Excel would change them */
  SY_TABLE_DIGITS,   /* text kept as text even when short: any all-digit value wrapped ="…" */
  SY_TABLE_MONEY,    /* integer 分, written as 元 "1409.50" (CSV) or a number "0.00" (XLSX) */
  SY_TABLE_NUMBER,   /* a plain integer (serial numbers); no format */
} SyTableColumnKind;

typedef struct {
  const char        *title;
  double             width;    /* XLSX, in Excel's character units */
  SyTableColumnKind  kind;
} SyTableColumn;

typedef struct {
  const char          *sheet;        /* XLSX sheet name */
  const SyTableColumn *columns;
  guint                n_columns;
  gboolean             plain_header; /* XLSX title row without the blue fill */
  gboolean             autofilter;   /* XLSX filter buttons on the title row */
  gboolean             stream;       /* XLSX rows go to disk as written (large tables) */
} SyTableLayout;

typedef struct _SyTableWriter SyTableWriter;

/* Whether @path names a .xlsx (TRUE) or .csv (FALSE) file, case-insensitive;
 * FALSE in @known for any other name. */
gboolean        sy_table_writer_path_is_xlsx (const char *path,
                                              gboolean   *known);

/* Creates the temporary file beside @path and writes the title row.
 * @layout (and its columns) must stay valid while the writer lives.
 * @n_rows: the rows to come, for the XLSX filter range. */
SyTableWriter  *sy_table_writer_new          (const char          *path,
                                              gboolean             xlsx,
                                              const SyTableLayout *layout,
                                              guint                n_rows,
                                              GError             **error);
void            sy_table_writer_free         (SyTableWriter *self);

/* The cells of one row, in column order; NULL or "" is an empty cell. */
void            sy_table_writer_add_text     (SyTableWriter *self,
                                              const char    *text);
void            sy_table_writer_add_money    (SyTableWriter *self,
                                              gint64         fen);
void            sy_table_writer_add_number   (SyTableWriter *self,
                                              gint64         number);
gboolean        sy_table_writer_end_row      (SyTableWriter *self,
                                              GError       **error);

/* The money cells summed as a reader of the file would (the CSV text parsed
 * back, the XLSX numbers rounded to the 分), for reconciliation. */
gint64          sy_table_writer_get_money_total (SyTableWriter *self);

/* Closes and syncs the temporary file. */
gboolean        sy_table_writer_finish       (SyTableWriter *self,
                                              GError       **error);
/* After _finish(): see sy_export_file_commit(). */
gboolean        sy_table_writer_commit       (SyTableWriter *self,
                                              SyDatabase    *db,
                                              const char    *entity,
                                              gint64         entity_id,
                                              const char    *members,
                                              GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyTableWriter, sy_table_writer_free)

G_END_DECLS
