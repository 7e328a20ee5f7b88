/* sy-ui-util.h: small helpers the five pages share
 *
 * Binding column-view cells to record properties, filling read-only detail
 * groups, and relaying progress from worker threads to the main loop.
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

/* The display text of a stored status/state token ("draft" → Draft). */
const char *sy_ui_status_label        (const char *token);
/* "—" for NULL or empty text, else @text. */
const char *sy_ui_or_dash             (const char *text);

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

G_END_DECLS
