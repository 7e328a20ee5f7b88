/* sy-recipient-importer.h: an imported recipient list into the database
 *
 * Takes a SyRecipientMapping (core/ has read, mapped and can validate the
 * file) and matches its rows against the stored recipients by 身份证号:
 * a new ID number adds a person (with their categories and a 新增 status
 * change), a known one updates the fields the file has columns for, and a
 * row that changes nothing is left alone.  preview() only classifies;
 * commit() writes everything in one transaction or nothing at all.
 *
 * What a file's columns mean for an existing person: a field whose column
 * is missing keeps its stored value; an empty cell in a present column
 * clears the value, except 状态 and 优抚类别, where an empty cell keeps the
 * stored status (it has a history) and categories (payments hang on them).
 * Categories are replaced only when the imported ones differ (by name and
 * by the category columns present); stored details of a category whose
 * column the file lacks are carried over to the replacement.
 */
#pragma once

#include "sy-database.h"

G_BEGIN_DECLS

typedef enum {
  SY_IMPORT_ACTION_REJECTED,   /* the row has errors */
  SY_IMPORT_ACTION_ADDED,
  SY_IMPORT_ACTION_UPDATED,
  SY_IMPORT_ACTION_UNCHANGED,
} SyImportAction;

/* @fraction 0…1, @what a short translated text ("Row 1200 of 5000"). */
typedef void (*SyRecipientImportProgress) (double      fraction,
                                           const char *what,
                                           gpointer    user_data);

#define SY_TYPE_RECIPIENT_IMPORTER (sy_recipient_importer_get_type ())
G_DECLARE_FINAL_TYPE (SyRecipientImporter, sy_recipient_importer, SY, RECIPIENT_IMPORTER, GObject)

/* The file name in messages and in the 新增 reason ("导入 roster.csv") is
 * the mapping's table source name. */
SyRecipientImporter *sy_recipient_importer_new              (SyDatabase          *db,
                                                             SyRecipientMapping  *mapping);

/* Rows with errors are left out and counted as rejected, and the rest is
 * written (default FALSE: any rejected row means nothing is written). */
void                 sy_recipient_importer_set_skip_invalid (SyRecipientImporter *self,
                                                             gboolean             skip_invalid);
gboolean             sy_recipient_importer_get_skip_invalid (SyRecipientImporter *self);
/* commit() classifies and reports like preview(), and writes nothing. */
void                 sy_recipient_importer_set_dry_run      (SyRecipientImporter *self,
                                                             gboolean             dry_run);
gboolean             sy_recipient_importer_get_dry_run      (SyRecipientImporter *self);

/* Validates every row and classifies it against the database; writes
 * nothing.  Fails only when the file cannot be imported at all
 * (SY_ERROR_INVALID: no 姓名 or 身份证号 column), when reading the database
 * fails, or when cancelled (SY_ERROR_CANCELLED).  The stored recipients are
 * read in one query up front. */
gboolean             sy_recipient_importer_preview          (SyRecipientImporter       *self,
                                                             SyRecipientImportProgress  progress,
                                                             gpointer                   user_data,
                                                             GCancellable              *cancellable,
                                                             GError                   **error);

/* preview() and the writes, in one transaction.  Returns TRUE when the
 * import ran to its end, which includes "nothing written because rows were
 * rejected" (see get_committed()); FALSE when it failed, with the database
 * exactly as before and @error naming FILE:LINE of the row being written. */
gboolean             sy_recipient_importer_commit           (SyRecipientImporter       *self,
                                                             SyRecipientImportProgress  progress,
                                                             gpointer                   user_data,
                                                             GCancellable              *cancellable,
                                                             GError                   **error);

/* --- results of the last preview() or commit() ----------------------------
 * The counts say what the rows are (or would be, after a preview, a dry run
 * or a commit refused for rejected rows): use get_committed() to know
 * whether they were written. */
guint                sy_recipient_importer_get_n_added      (SyRecipientImporter *self);
guint                sy_recipient_importer_get_n_updated    (SyRecipientImporter *self);
guint                sy_recipient_importer_get_n_unchanged  (SyRecipientImporter *self);
guint                sy_recipient_importer_get_n_rejected   (SyRecipientImporter *self);
/* TRUE when the last commit() wrote its changes (FALSE after a preview, a
 * dry run, or rejected rows without skip_invalid). */
gboolean             sy_recipient_importer_get_committed    (SyRecipientImporter *self);
/* Every SyImportIssue: the header's first, then each row's in file order
 * (errors and warnings, including the importer's own warnings such as a
 * changed name for a known ID number).  Owned by the importer. */
GPtrArray           *sy_recipient_importer_get_issues       (SyRecipientImporter *self);
/* What became of data row @row (0 is the first row below the header). */
SyImportAction       sy_recipient_importer_get_action       (SyRecipientImporter *self,
                                                             guint                row);

G_END_DECLS
