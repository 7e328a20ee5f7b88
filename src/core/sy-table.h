/* sy-table.h: rows of text cells read from an imported file
 *
 * What every importer (CSV now, XLSX later) produces and every mapping
 * (recipients, plans) consumes: the non-blank rows of a file, each cell
 * trimmed text, each row with the 1-based line (CSV) or row number (XLSX)
 * where it starts, so that messages can say FILE:LINE.  There is no header
 * notion here: which row holds the column titles is the mapping's business
 * (lists often have a title line above it).
 *
 * All cells live in one buffer, so 100 000 rows × 12 columns cost two
 * allocations' worth of bookkeeping rather than a million strings.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SY_TYPE_TABLE (sy_table_get_type ())
G_DECLARE_FINAL_TYPE (SyTable, sy_table, SY, TABLE, GObject)

/* @source_name names the file in messages (as the user typed or chose it). */
SyTable    *sy_table_new             (const char *source_name);
const char *sy_table_get_source_name (SyTable    *self);

/* --- building (readers only) ---------------------------------------------
 * begin_row, add_cell for each cell, end_row.  add_cell trims surrounding
 * whitespace (ASCII, U+3000 全角空格, no-break and zero-width spaces, BOM);
 * @text must be valid UTF-8.  end_row drops a row whose cells are all empty
 * (blank lines, and the ",,,," an empty spreadsheet row becomes). */
void        sy_table_begin_row       (SyTable    *self,
                                      guint       line);
void        sy_table_add_cell        (SyTable    *self,
                                      const char *text,
                                      gssize      length);
void        sy_table_end_row         (SyTable    *self);

/* --- reading ------------------------------------------------------------ */
guint       sy_table_get_n_rows      (SyTable    *self);
/* The line (or spreadsheet row) where @row starts, 1-based. */
guint       sy_table_get_line        (SyTable    *self,
                                      guint       row);
guint       sy_table_get_n_cells     (SyTable    *self,
                                      guint       row);
/* The trimmed text of a cell; "" for a cell past the end of a short row.
 * Valid as long as the table lives and no row is added to it. */
const char *sy_table_get_cell        (SyTable    *self,
                                      guint       row,
                                      guint       column);

G_END_DECLS
