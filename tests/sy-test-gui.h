/* sy-test-gui.h: start-up, main-loop, frame and screenshot helpers shared by the GUI tests
 *
 * Plain functions, compiled into each GUI test executable; they assert
 * (g_assert_*) rather than return errors, as tests do.
 */
#pragma once

#include "sy-test-util.h"

#include <gtk/gtk.h>

#include "sy-application.h"
#include "sy-preferences-window.h"
#include "sy-window.h"

G_BEGIN_DECLS

/* How long a test waits for anything before failing. */
#define SY_TEST_TIMEOUT_MS 30000

typedef gboolean (*SyTestCondition) (gpointer data);

gboolean   sy_test_wait_until       (SyTestCondition  cond,
                                     gpointer         data,
                                     guint            timeout_ms);

void       sy_test_watch_frames     (GtkWidget       *window);
void       sy_test_wait_for_frame   (GtkWidget       *window);
void       sy_test_save_screenshot  (GtkWidget       *window,
                                     const char      *name);

/* The application's main window, or NULL; and a condition that it is mapped
 * (@app: the SyApplication). */
SyWindow  *sy_test_current_window   (GtkApplication  *app);
gboolean   sy_test_window_mapped    (gpointer         app);

/* The first descendant of @widget of @type, depth first, not looking inside
 * widgets of @not_inside (G_TYPE_INVALID: look everywhere). */
GtkWidget *sy_test_find_descendant  (GtkWidget       *widget,
                                     GType            type,
                                     GType            not_inside);
/* The button bound to @action inside @widget. */
GtkWidget *sy_test_find_action_button (GtkWidget     *widget,
                                       const char    *action);

/* Presses @accelerator ("<Control>f") in @window as GTK would dispatch the
 * key press to its shortcut controllers (GTK 4 cannot synthesize the event
 * itself): global and managed ones of the capture phase, the local ones from
 * the focus up to @window, then global and managed ones of the bubble phase;
 * only on mapped, sensitive widgets, as GTK does.  TRUE when a shortcut
 * took it. */
gboolean   sy_test_press_shortcut   (GtkWidget       *window,
                                     const char      *accelerator);

GtkWindow *sy_test_find_toplevel    (GType            type);
/* Activates @action ("app.preferences") on @app's main window and returns
 * the toplevel of @type it opens, once mapped. */
GtkWindow *sy_test_open_toplevel    (GtkApplication  *app,
                                     const char      *action,
                                     GType            type);
gboolean   sy_test_toplevel_mapped  (gpointer         type);
/* Destroys every AdwMessageDialog left open (results, confirmations). */
void       sy_test_close_message_dialogs (void);
/* As a click on a response button does: the response, then the dialog
 * closes (adw_message_dialog_response () alone leaves it open). */
void       sy_test_answer_dialog    (AdwMessageDialog *dialog,
                                     const char       *response);
/* A condition: @app (an SyApplication) is not making a backup or restore. */
gboolean   sy_test_backup_idle      (gpointer         app);
/* Preferences opened through app.preferences, once mapped; and the
 * condition "@prefs (an SyPreferencesWindow) is not testing or switching". */
SyPreferencesWindow *sy_test_open_preferences (GtkApplication *app);
gboolean   sy_test_preferences_idle (gpointer         prefs);
gboolean   sy_test_pointer_cleared  (gpointer         location);

void       sy_test_init             (int             *argc,
                                     char          ***argv);
char      *sy_test_make_demo_database (const char    *tmpl);
/* Runs @app on the database in @db_dir (NULL: the one the settings name)
 * and the registered tests once it has activated. */
int        sy_test_run_application  (SyApplication   *app,
                                     const char      *db_dir);

/* The usual main of a GUI test, after its g_test_add_func () calls: a demo
 * database in a new folder named from @tmpl (in *@db_dir meanwhile), *@app
 * a new SyApplication run on it (the tests run once its window is mapped),
 * then both removed.  Returns the exit status. */
int        sy_test_run_on_demo      (SyApplication  **app,
                                     char           **db_dir,
                                     const char      *tmpl);

/* The one integer a query without parameters gives, on the app's database;
 * asserts that it worked. */
gint64     sy_test_query_int        (SyApplication   *app,
                                     const char      *sql);

G_END_DECLS
