/* sy-recipient-editor.h: the window that adds or edits one 优抚对象
 *
 * A modal form with inline validation (name required, ID number, date of
 * birth, phone); Save (Ctrl+S) stays insensitive while anything is invalid;
 * Escape cancels, asking before changes are thrown away.  Saving goes
 * through SyRecipientRepo; a conflict with another desk is shown with an
 * offer to reload.  Also here: the status-change dialog.
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_RECIPIENT_EDITOR (sy_recipient_editor_get_type ())
G_DECLARE_FINAL_TYPE (SyRecipientEditor, sy_recipient_editor, SY, RECIPIENT_EDITOR, AdwWindow)

/* @recipient NULL: a new person.  The editor works on a copy; it emits
 * "saved" (with the stored SyRecipient) after a successful save and closes. */
SyRecipientEditor *sy_recipient_editor_new      (GtkWindow         *parent,
                                                 SyRecipientRepo   *repo,
                                                 SyRecipient       *recipient);

/* TRUE when every field is valid (what Save's sensitivity shows). */
gboolean           sy_recipient_editor_is_valid (SyRecipientEditor *self);
/* The entry of a field: "name", "id-number", "birth-date", "phone",
 * "village" … (for tests and focus); NULL for an unknown name.  A
 * category's fields are "category.N.valid-from", "…valid-to", "…topups"
 * and "…certificate" (N from 0, in the order shown). */
GtkEditable       *sy_recipient_editor_get_entry (SyRecipientEditor *self,
                                                  const char        *field);
/* The inline message under @field ("" when valid); "category.N.validity"
 * for a category's eligibility dates. */
const char        *sy_recipient_editor_get_message (SyRecipientEditor *self,
                                                    const char        *field);

typedef void (*SyStatusChangedFunc) (SyRecipient *recipient, gpointer user_data);

/* Asks for the kind, date and reason of a status change of @recipient and
 * records it; @done runs after a successful change (errors are shown). */
void               sy_recipient_status_dialog_present (GtkWindow          *parent,
                                                       SyRecipientRepo    *repo,
                                                       SyRecipient        *recipient,
                                                       SyStatusChangedFunc done,
                                                       gpointer            user_data);

G_END_DECLS
