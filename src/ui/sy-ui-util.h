/* sy-ui-util.h: small helpers the five pages share
 *
 * Binding column-view cells to record properties, filling read-only detail
 * groups, relaying progress from worker threads to the main loop, running
 * work in a worker thread on its own database connection, and the dialogs
 * every page asks the same way (errors, confirmations, small forms, field
 * messages).
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

typedef enum {
  SY_CELL_TEXT,       /* a string property, shown as is */
  SY_CELL_INT,        /* an int property, right-aligned */
  SY_CELL_YEAR,       /* an int property that names a year, left-aligned */
  SY_CELL_MONEY,      /* an int64 分 property, through sy_money_format () */
  SY_CELL_ID_MASKED,  /* a 身份证号, masked for lists that others may see */
  SY_CELL_STATUS,     /* a stored status token, translated for display */
} SyCellKind;

/* Gives @column a factory that shows @property of each row's record. */
void        sy_ui_column_bind         (GtkColumnViewColumn *column,
                                       const char          *property,
                                       SyCellKind           kind);

/* Wraps @model (transfer full; NULL shows the empty state) in a single
 * selection for @view, switches @stack between its "list" and "empty" pages
 * as rows come and go, and calls @on_selected (swapped: @user_data first)
 * whenever the selected record changes afterwards (call it yourself for the
 * initial selection).  Returns the selection (owned by @view). */
GtkSingleSelection *sy_ui_list_set_model (GtkColumnView *view,
                                          GtkStack      *stack,
                                          GListModel    *model,
                                          GCallback      on_selected,
                                          gpointer       user_data);
/* sy_ui_list_set_model() for the result of a list query: when the query
 * failed (@model NULL), @empty_page says why (@error) over an empty list. */
GtkSingleSelection *sy_ui_list_show_query (GtkColumnView *view,
                                           GtkStack      *stack,
                                           AdwStatusPage *empty_page,
                                           gpointer       model,
                                           const GError  *error,
                                           GCallback      on_selected,
                                           gpointer       user_data);

/* Where a list was before it is read again (another desk's change, the
 * page's own save): the selected record by id (rows may have come before
 * it), its position and how far the list was scrolled. */
typedef struct {
  gint64 id;          /* the selected record, 0: none */
  guint  position;    /* GTK_INVALID_LIST_POSITION: none */
  double scroll;      /* the vertical adjustment's value */
  double row_height;  /* estimated from the adjustment; 0: unknown */
} SyUiListPlace;

/* Takes @view's place (@selection may be NULL: nothing selected). */
void        sy_ui_list_save_place     (GtkColumnView       *view,
                                       GtkSingleSelection  *selection,
                                       SyUiListPlace       *place);
/* Selects @place's record again in @selection (the new list of @view),
 * searching near its old position (a long paged list is never walked
 * whole).  When it is gone: a list that always has a selection
 * (autoselect) takes the row now at the old position, one that may have
 * none selects nothing.  The view is scrolled back where it was, moved by
 * as many rows as the record moved, and so that it stays in sight.
 * Returns TRUE when the selected position changed (the selection's
 * notify::selected-item has then already been emitted). */
gboolean    sy_ui_list_restore_place  (GtkColumnView       *view,
                                       GtkSingleSelection  *selection,
                                       const SyUiListPlace *place);

/* A filter menu: @all_label first (the choice "any"), then @values; the
 * chosen value is kept when it is still there. */
void        sy_ui_dropdown_fill       (GtkDropDown         *dropdown,
                                       const char          *all_label,
                                       const char * const  *values);
/* The chosen value of a menu filled so, or NULL for its first entry. */
const char *sy_ui_dropdown_value      (GtkDropDown         *dropdown);

/* The display text of a stored status/state token ("draft" → Draft). */
const char *sy_ui_status_label        (const char *token);
/* "—" for NULL or empty text, else @text. */
const char *sy_ui_or_dash             (const char *text);
/* Whether @text (NULL: no) holds @folded_needle (g_utf8_casefold()ed), case
 * folded: what the pages' search fields match with. */
gboolean    sy_ui_text_contains       (const char *text,
                                       const char *folded_needle);

/* Rows added through these helpers are remembered by the group, so that
 * sy_ui_group_clear () can remove them when another record is shown. */
AdwActionRow *sy_ui_group_add_field   (AdwPreferencesGroup *group,
                                       const char          *title,
                                       const char          *value);
AdwActionRow *sy_ui_group_add_row     (AdwPreferencesGroup *group,
                                       const char          *title,
                                       const char          *subtitle);
/* A paragraph of free text (preface, content, outcome …) on a card. */
GtkWidget    *sy_ui_group_add_text    (AdwPreferencesGroup *group,
                                       const char          *text);
void          sy_ui_group_add_widget  (AdwPreferencesGroup *group,
                                       GtkWidget           *widget);
void          sy_ui_group_clear       (AdwPreferencesGroup *group);

/* Coalesces progress reports from a worker thread into at most one pending
 * main-loop callback: the callback sees the latest fraction and text. */
typedef void (*SyProgressFunc) (double fraction, const char *text, gpointer user_data);
typedef struct _SyProgressRelay SyProgressRelay;

SyProgressRelay *sy_progress_relay_new   (SyProgressFunc func,
                                          gpointer       user_data);
/* Thread-safe. */
void             sy_progress_relay_post  (SyProgressRelay *self,
                                          double           fraction,
                                          const char      *text);
/* Stops delivering (call on the main thread before user_data goes away). */
void             sy_progress_relay_stop  (SyProgressRelay *self);
SyProgressRelay *sy_progress_relay_ref   (SyProgressRelay *self);
void             sy_progress_relay_unref (SyProgressRelay *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyProgressRelay, sy_progress_relay_unref)

/* Work in a worker thread on its own connection to the office database
 * (libgda connections are not shared between threads), opened by folder
 * and acting as the same user.  FALSE with @error set on failure. */
typedef gboolean (*SyWorkerFunc) (SyDatabase   *db,
                                  gpointer      data,
                                  GCancellable *cancellable,
                                  GError      **error);

/* Runs @func (…, @data, …) in a GTask thread for @source_object, on a new
 * connection to @db's folder.  @data stays with the task (freed with
 * @data_free; sy_ui_worker_get_data() in @callback).  The task does not
 * check @cancellable itself: @callback always runs, with the outcome in
 * sy_ui_worker_finish() (a cancelled job reports its own error). */
void          sy_ui_run_in_worker     (gpointer             source_object,
                                       SyDatabase          *db,
                                       SyWorkerFunc         func,
                                       gpointer             data,
                                       GDestroyNotify       data_free,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback);
gboolean      sy_ui_worker_finish     (GAsyncResult *result,
                                       GError      **error);
gpointer      sy_ui_worker_get_data   (GAsyncResult *result);

/* Dialogs.  An error, with a Close button, over @parent (any widget in a
 * window, or NULL); the caller does not wait for it. */
void          sy_ui_show_error        (GtkWidget   *parent,
                                       const char  *heading,
                                       const char  *message);
/* Gives a form dialog the responses "cancel" (_Cancel, the close response)
 * and @id (@label, suggested and the default). */
void          sy_ui_dialog_add_ok     (AdwMessageDialog *dialog,
                                       const char       *id,
                                       const char       *label);
/* A form in a message dialog over @parent: @heading, @body, then a boxed
 * list (@list, for the rows) and under it a wrapping error caption
 * (@message; NULL: none), with the responses of sy_ui_dialog_add_ok(). */
AdwMessageDialog *sy_ui_form_dialog_new (GtkWidget   *parent,
                                         const char  *heading,
                                         const char  *body,
                                         const char  *ok_id,
                                         const char  *ok_label,
                                         GtkWidget  **list,
                                         GtkLabel   **message);
/* A question over @parent with "cancel" (the default and close response)
 * and a destructive @id (@label); @on_response is connected to "response"
 * for as long as @object lives. */
AdwMessageDialog *sy_ui_confirm         (GtkWidget   *parent,
                                         const char  *heading,
                                         const char  *body,
                                         const char  *id,
                                         const char  *label,
                                         GCallback    on_response,
                                         gpointer     object);
/* For a window's close-request while it holds unsaved changes: asks
 * "Discard Changes?" (@body) with Keep Editing and Discard; Discard sets
 * *@closing (a field of @window's instance) and closes @window again.
 * Returns TRUE, for close-request to return (the close waits). */
gboolean      sy_ui_confirm_discard   (GtkWindow   *window,
                                       const char  *body,
                                       gboolean    *closing);
/* A field's message in a row of its own right below it (@row, hidden when
 * @message is NULL or empty): AdwPreferencesGroup only keeps
 * AdwPreferencesRow children inside its list, anything else would land
 * below the whole group, far from the field it talks about.  An error marks
 * @field too; a warning (@is_error FALSE) does not. */
void          sy_ui_field_set_message (AdwActionRow *row,
                                       GtkWidget    *field,
                                       const char   *message,
                                       gboolean      is_error);
/* The message @row shows, or "". */
const char   *sy_ui_field_get_message (AdwActionRow *row);
/* Marks @widget as holding an invalid value (the "error" style) or not. */
void          sy_ui_set_invalid       (GtkWidget   *widget,
                                       gboolean     invalid);
/* Combo rows over a GtkStringList whose first item may stand for "none"
 * ("—").  The position of @text (appended when missing), 0 for NULL or
 * empty text; and the chosen text, NULL for nothing chosen or, when
 * @first_is_none, the first item. */
guint         sy_ui_combo_index       (AdwComboRow *combo,
                                       const char  *text);
const char   *sy_ui_combo_value       (AdwComboRow *combo,
                                       gboolean     first_is_none);
/* The text of @editable stripped, or NULL when empty (caller frees). */
char         *sy_ui_entry_value       (GtkEditable *editable);
/* An AdwEntryRow titled @title showing @text (NULL: empty), appended to
 * @list (a boxed-list GtkListBox). */
AdwEntryRow  *sy_ui_list_add_entry    (GtkWidget   *list,
                                       const char  *title,
                                       const char  *text);

/* A shortcut that works anywhere in the window while @page is on screen,
 * activating @action ("recipients.new") on @page; the page's shortcut
 * controller (GLOBAL scope) is made on first use. */
void        sy_ui_page_add_shortcut  (GtkWidget       *page,
                                      guint            keyval,
                                      GdkModifierType  modifiers,
                                      const char      *action);

/* A texture sharing the pixels of @surface (an ARGB32 image surface, as the
 * document renderer makes them), which it keeps alive. */
GdkTexture *sy_ui_texture_from_surface (cairo_surface_t *surface);

G_END_DECLS
