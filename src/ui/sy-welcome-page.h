/* sy-welcome-page.h: the first start on an empty database, and the office dialog
 *
 * The welcome page asks for the office (the unit without parent: name,
 * level, region code) and how to begin: import an Excel roster, start
 * empty, or explore the demo office.  The first two save the office first;
 * the demo brings its own office (sy_demo_populate () needs an empty
 * database), so it needs no form.  The office name also goes to the
 * "office-name" setting, which the ledger cover and the rosters read first.
 *
 * sy_welcome_page_edit_office () shows the same form in a dialog to change
 * the office later (the "Office…" menu item).
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

typedef enum {
  SY_WELCOME_START_EMPTY,
  SY_WELCOME_START_IMPORT,
  SY_WELCOME_START_DEMO,
} SyWelcomeStart;

#define SY_TYPE_WELCOME_PAGE (sy_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (SyWelcomePage, sy_welcome_page, SY, WELCOME_PAGE, AdwBin)

/* Emits "start" (SyWelcomeStart as an int) once the office is saved, or
 * right away for the demo; the page is done then. */
SyWelcomePage *sy_welcome_page_new            (SyDatabase    *db);

/* The form, for tests: the rows are GtkEditables (the combo row's model is
 * a GtkStringList of levels). */
GtkEditable   *sy_welcome_page_get_name_row   (SyWelcomePage *self);
AdwComboRow   *sy_welcome_page_get_level_row  (SyWelcomePage *self);
GtkEditable   *sy_welcome_page_get_region_row (SyWelcomePage *self);
/* The message under the form ("" when the form is fine). */
const char    *sy_welcome_page_get_error      (SyWelcomePage *self);

/* Whether @code is a valid 行政区划代码 as the form accepts it: empty, or
 * six digits not starting with 0. */
gboolean       sy_welcome_region_code_valid   (const char    *code);

/* Saves the office: updates the unit without parent, or inserts one when
 * there is none, and sets the "office-name" setting, in one transaction.
 * @level and @region_code may be NULL or empty. */
gboolean       sy_welcome_save_office         (SyDatabase    *db,
                                               const char    *name,
                                               const char    *level,
                                               const char    *region_code,
                                               GError       **error);

/* The "Office…" dialog on @parent: the form filled from the office, Save
 * writes it.  Returns the dialog (owned by GTK). */
GtkWidget     *sy_welcome_page_edit_office    (GtkWindow     *parent,
                                               SyDatabase    *db);

G_END_DECLS
