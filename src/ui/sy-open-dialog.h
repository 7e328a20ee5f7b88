/* sy-open-dialog.h: a shared database that did not open at startup
 *
 * Shown instead of the window when the configured shared (PostgreSQL)
 * database does not open.  When the server refused the password
 * (SY_ERROR_AUTH) it asks for it: which user, server and database, a
 * password entry, and the responses "quit" (退出), "local" (使用本机数据库)
 * and "connect" (连接, the default).  Any other failure (the server is down)
 * offers "quit", "local" and "retry" (重试).  Connect and Retry open the
 * database in a worker thread (spinner, buttons disabled); a failure keeps
 * the dialog open with the reason, success emits ::opened with the new
 * connection.  The dialog never closes by itself: the application destroys
 * it after ::opened or on "quit"/"local" (AdwMessageDialog::response).
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_OPEN_DIALOG (sy_open_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SyOpenDialog, sy_open_dialog, SY, OPEN_DIALOG, AdwMessageDialog)

/* @location: what failed to open (a postgresql:// URI without password);
 * @error: why. */
SyOpenDialog *sy_open_dialog_new           (GtkApplication *application,
                                            const char     *location,
                                            const GError   *error);

/* TRUE while a connection is being tried. */
gboolean      sy_open_dialog_is_connecting (SyOpenDialog *self);
/* Whether it asks for a password (the server refused one). */
gboolean      sy_open_dialog_asks_password (SyOpenDialog *self);
/* The reason the last attempt failed ("" before any attempt). */
const char   *sy_open_dialog_get_reason    (SyOpenDialog *self);

/* Opens @location with @password (NULL: none typed) in a worker thread,
 * as sy_database_open_with_password() does; @callback gets the new
 * connection from sy_open_database_finish().  The dialog's Connect and the
 * application's switch of database use it. */
void          sy_open_database_async       (gpointer             source_object,
                                            const char          *location,
                                            const char          *password,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
SyDatabase   *sy_open_database_finish      (GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
