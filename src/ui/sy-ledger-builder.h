/* sy-ledger-builder.h: the window that binds the 台帐 (ledger) book
 *
 * Opened from the Archives tab (win.export-ledger, Ctrl+P).  On the left the
 * options of SyLedgerOptions: the years (the 考评 review window by default),
 * the unit, the volumes (one per basic standard of the review), the masking
 * profile, the photo resolution and the compiler (remembered in the office
 * settings as "ledger-compiler").  Preview lays the book out and writes it
 * to a temporary PDF in a worker thread with its own database connection
 * (progress and Cancel; the window stays responsive), then shows the pages:
 * a strip of thumbnails and one page at a time with zoom.  Any change of an
 * option afterwards marks the preview stale.
 *
 * Export PDF… copies the previewed file to the chosen one (temporary file,
 * fsync, rename), or exports anew when the preview is missing or stale.
 * Print… prints the previewed PDF through the print dialog (GTK 4.8 must
 * never print without one); sy_ledger_builder_print_to_printer() sends it
 * to a named printer without any dialog, for tests and batch use.
 *
 * The temporary PDFs live in a folder of their own under the user's cache
 * folder, removed when the window closes (or, when a worker still runs
 * then, as soon as it has stopped).
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"
#include "sy-ledger-document.h"

G_BEGIN_DECLS

#define SY_TYPE_LEDGER_BUILDER (sy_ledger_builder_get_type ())
G_DECLARE_FINAL_TYPE (SyLedgerBuilder, sy_ledger_builder, SY, LEDGER_BUILDER, AdwWindow)

/* A modal window over @parent for the office in @db. */
SyLedgerBuilder *sy_ledger_builder_new             (GtkWindow       *parent,
                                                    SyDatabase      *db);

/* The options as the window shows them; @options->compiler points into
 * @self and stays valid until the compiler field changes. */
void             sy_ledger_builder_get_options     (SyLedgerBuilder *self,
                                                    SyLedgerOptions *options);
void             sy_ledger_builder_set_years       (SyLedgerBuilder *self,
                                                    int              from_year,
                                                    int              to_year);
/* Ticks or unticks volume @code (1–8); FALSE when there is no such volume. */
gboolean         sy_ledger_builder_set_volume      (SyLedgerBuilder *self,
                                                    int              code,
                                                    gboolean         included);
void             sy_ledger_builder_set_profile     (SyLedgerBuilder *self,
                                                    SyMaskProfile    profile);
void             sy_ledger_builder_set_dpi         (SyLedgerBuilder *self,
                                                    int              dpi);
void             sy_ledger_builder_set_compiler    (SyLedgerBuilder *self,
                                                    const char      *compiler);

/* What the Preview button does; ignored while a worker runs. */
void             sy_ledger_builder_preview         (SyLedgerBuilder *self);
/* Stops the preview or export under way. */
void             sy_ledger_builder_cancel          (SyLedgerBuilder *self);
/* TRUE while a preview or export worker runs. */
gboolean         sy_ledger_builder_is_busy         (SyLedgerBuilder *self);
/* TRUE when a preview is shown but an option changed since. */
gboolean         sy_ledger_builder_is_stale        (SyLedgerBuilder *self);
/* The previewed PDF, NULL when none; and the folder of the temporary files. */
const char      *sy_ledger_builder_get_preview_path (SyLedgerBuilder *self);
const char      *sy_ledger_builder_get_temp_dir    (SyLedgerBuilder *self);
/* The pages of the preview (as the layout reported them) and the
 * thumbnails in its strip; 0 without a preview. */
guint            sy_ledger_builder_get_n_pages     (SyLedgerBuilder *self);
guint            sy_ledger_builder_get_n_thumbnails (SyLedgerBuilder *self);
/* The page shown (0-based); setting it is what a click on its thumbnail
 * and Page Up/Page Down do. */
guint            sy_ledger_builder_get_page        (SyLedgerBuilder *self);
void             sy_ledger_builder_set_page        (SyLedgerBuilder *self,
                                                    guint            page);
/* Zoom 1.0 shows a page at its printed size (96 pixels an inch). */
double           sy_ledger_builder_get_zoom        (SyLedgerBuilder *self);
/* The width in pixels of the page picture last rendered (0 before). */
int              sy_ledger_builder_get_page_width  (SyLedgerBuilder *self);
/* The last error of a preview or export, NULL when none. */
const char      *sy_ledger_builder_get_error       (SyLedgerBuilder *self);

/* Writes the ledger to @file (what Export PDF… does after its file
 * dialog), in a worker thread; a toast says when it is done. */
void             sy_ledger_builder_export_to       (SyLedgerBuilder *self,
                                                    GFile           *file);

/* Sends the previewed PDF to the printer named @printer_name without a
 * dialog (gtk_print_job_send).  @settings may be NULL; a file printer takes
 * GTK_PRINT_SETTINGS_OUTPUT_URI from it.  SY_ERROR_INVALID without a
 * current preview, SY_ERROR_NOT_FOUND when no such printer is found. */
void             sy_ledger_builder_print_to_printer        (SyLedgerBuilder     *self,
                                                            const char          *printer_name,
                                                            GtkPrintSettings    *settings,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean         sy_ledger_builder_print_to_printer_finish (SyLedgerBuilder     *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* Runs the Print… operation without a dialog as an export to the PDF at
 * @path (GTK_PRINT_OPERATION_ACTION_EXPORT): the sheets the print dialog
 * would send, for tests.  SY_ERROR_INVALID without a current preview. */
gboolean         sy_ledger_builder_print_to_pdf            (SyLedgerBuilder     *self,
                                                            const char          *path,
                                                            GError             **error);

G_END_DECLS
