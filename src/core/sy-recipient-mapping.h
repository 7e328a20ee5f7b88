/* sy-recipient-mapping.h: which column of an imported table is which
 * recipient field
 *
 * Built from a SyTable: finds the line of column titles (skipping title
 * lines above it), maps each title to a field by its Chinese name or a
 * common synonym (身份证号/公民身份号码/身份证号码 …), lets the user change
 * any column's field by hand, and validates every data row into a
 * SyRecipientRow, adding the checks that span rows (an ID number twice in
 * the file) and lines with more cells than there are columns.
 */
#pragma once

#include <gio/gio.h>

#include "sy-table.h"
#include "sy-recipient-row.h"

G_BEGIN_DECLS

/* The field a column title names (after normalising spaces, brackets,
 * a trailing colon and ASCII case), or SY_RECIPIENT_FIELD_NONE. */
SyRecipientField sy_recipient_field_from_title (const char *title);

#define SY_TYPE_RECIPIENT_MAPPING (sy_recipient_mapping_get_type ())
G_DECLARE_FINAL_TYPE (SyRecipientMapping, sy_recipient_mapping, SY, RECIPIENT_MAPPING, GObject)

/* Takes the first of the table's first 10 rows that has both a name and an
 * ID number column as the header (else the first row), and maps it. */
SyRecipientMapping *sy_recipient_mapping_new              (SyTable            *table);

SyTable            *sy_recipient_mapping_get_table        (SyRecipientMapping *self);
/* The table row holding the column titles; rows above it are skipped. */
guint               sy_recipient_mapping_get_header_row   (SyRecipientMapping *self);
/* Chooses another header row and maps its titles afresh (manual choices
 * are forgotten). */
void                sy_recipient_mapping_set_header_row   (SyRecipientMapping *self,
                                                           guint               row);

/* Columns up to the last one with a title. */
guint               sy_recipient_mapping_get_n_columns    (SyRecipientMapping *self);
const char         *sy_recipient_mapping_get_column_title (SyRecipientMapping *self,
                                                           guint               column);
SyRecipientField    sy_recipient_mapping_get_field        (SyRecipientMapping *self,
                                                           guint               column);
/* The manual override: @column now fills @field (NONE: ignored).  A field
 * comes from one column only, so a column that had @field loses it. */
void                sy_recipient_mapping_set_field        (SyRecipientMapping *self,
                                                           guint               column,
                                                           SyRecipientField    field);
/* The column that fills @field, or -1. */
int                 sy_recipient_mapping_get_column       (SyRecipientMapping *self,
                                                           SyRecipientField    field);

/* Problems of the header as now mapped, as SyImportIssue (new array):
 * errors for a missing name or ID number column, warnings for ignored
 * columns and skipped lines above the header. */
GPtrArray          *sy_recipient_mapping_get_header_issues (SyRecipientMapping *self);
/* FALSE with SY_ERROR_INVALID ("FILE:LINE: …", naming the titles found)
 * when the name or the ID number column is missing. */
gboolean            sy_recipient_mapping_check            (SyRecipientMapping *self,
                                                           GError            **error);

/* The number of data rows (below the header). */
guint               sy_recipient_mapping_get_n_rows       (SyRecipientMapping *self);
/* Called for each validated row, in file order; return FALSE and set
 * @error to stop.  Take a reference to keep the row. */
typedef gboolean (*SyRecipientRowFunc) (SyRecipientRow  *row,
                                        gpointer         user_data,
                                        GError         **error);

/* Validates every data row, in order, and hands each to @func.  The second
 * row with an ID number already seen gets an error naming the first one's
 * line; a second person with the same name and birth date a warning.
 * Fails when sy_recipient_mapping_check() fails, when cancelled
 * (SY_ERROR_CANCELLED) or with @func's error.  Memory stays flat when @func
 * keeps no rows (a validated row costs about 1.4 KB): use this for large
 * files, e.g. to count rejected rows and then to store them. */
gboolean            sy_recipient_mapping_foreach          (SyRecipientMapping *self,
                                                           SyRecipientRowFunc  func,
                                                           gpointer            user_data,
                                                           GCancellable       *cancellable,
                                                           GError            **error);
/* sy_recipient_mapping_foreach() collecting every row into a new array of
 * SyRecipientRow, one per data row. */
GPtrArray          *sy_recipient_mapping_validate         (SyRecipientMapping *self,
                                                           GCancellable       *cancellable,
                                                           GError            **error);

G_END_DECLS
