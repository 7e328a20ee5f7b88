/* sy-export-dialog.h: exporting the recipient list under a masking profile
 *
 * Asks for the profile (公示 / internal / bank, each with what it shows),
 * then for the file (GtkFileChooserNative, .xlsx or .csv), and writes it in
 * a worker thread with its own database connection.  "finished" reports
 * the row count, or the error message.
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_EXPORT_DIALOG (sy_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SyExportDialog, sy_export_dialog, SY, EXPORT_DIALOG, AdwMessageDialog)

SyExportDialog *sy_export_dialog_new          (GtkWindow      *parent,
                                               SyDatabase     *db);

SyMaskProfile   sy_export_dialog_get_profile  (SyExportDialog *self);
void            sy_export_dialog_set_profile  (SyExportDialog *self,
                                               SyMaskProfile   profile);

/* The file name offered for @profile: 优抚对象-公示.xlsx … (Chinese whatever
 * the UI language: the file goes to Chinese offices). */
char           *sy_export_dialog_default_name (SyMaskProfile   profile);

/* Writes the list to @file (.csv by its name, else .xlsx) in a worker
 * thread: what choosing the file does.  Emits "finished" (guint rows,
 * const char *error_message or NULL) on the main thread. */
void            sy_export_dialog_export_to    (SyExportDialog *self,
                                               GFile          *file);
gboolean        sy_export_dialog_is_busy      (SyExportDialog *self);

G_END_DECLS
