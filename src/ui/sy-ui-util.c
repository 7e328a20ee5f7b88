/* sy-ui-util.c: small helpers the five pages share */
#include <glib/gi18n.h>

#include <string.h>

#include "sy-ui-util.h"

#define ROWS_KEY "sy-ui-rows"

/* --- column cells ------------------------------------------------------ */

typedef struct {
  char       *property;
  SyCellKind  kind;
} CellSpec;

static void
cell_spec_free (gpointer data)
{
  CellSpec *spec = data;

  g_free (spec->property);
  g_free (spec);
}

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            CellSpec                 *spec)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (spec->kind == SY_CELL_INT || spec->kind == SY_CELL_MONEY)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_list_item_set_child (item, label);
}

static char *
cell_text (GObject *record, CellSpec *spec)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (record),
                                                    spec->property);
  g_auto(GValue) value = G_VALUE_INIT;

  /* A missing property means the record type and the column disagree: show
   * nothing rather than crash, and say so once in the log. */
  if (pspec == NULL)
    {
      g_warning ("%s has no property “%s”", G_OBJECT_TYPE_NAME (record), spec->property);
      return NULL;
    }

  g_value_init (&value, pspec->value_type);
  g_object_get_property (record, spec->property, &value);

  switch (spec->kind)
    {
    case SY_CELL_TEXT:
      return g_value_dup_string (&value);
    case SY_CELL_STATUS:
      return g_strdup (sy_ui_status_label (g_value_get_string (&value)));
    case SY_CELL_ID_MASKED:
      {
        const char *id = g_value_get_string (&value);
        return id != NULL && *id != '\0' ? sy_mask_id_number (id) : NULL;
      }
    case SY_CELL_INT:
    case SY_CELL_YEAR:
      if (G_VALUE_HOLDS_INT64 (&value))
        return g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (&value));
      return g_strdup_printf ("%d", g_value_get_int (&value));
    case SY_CELL_MONEY:
      if (G_VALUE_HOLDS_INT64 (&value))
        return sy_money_format (g_value_get_int64 (&value));
      return sy_money_format (g_value_get_int (&value));
    default:
      g_assert_not_reached ();
    }
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           CellSpec                 *spec)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  GObject *record = gtk_list_item_get_item (item);
  g_autofree char *text = record != NULL ? cell_text (record, spec) : NULL;

  gtk_label_set_text (label, text != NULL ? text : "");
  /* Ellipsized names and titles stay readable on hover. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (label),
                               spec->kind == SY_CELL_TEXT ? text : NULL);
}

void
sy_ui_column_bind (GtkColumnViewColumn *column,
                   const char          *property,
                   SyCellKind           kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  CellSpec *spec = g_new0 (CellSpec, 1);

  spec->property = g_strdup (property);
  spec->kind = kind;
  g_object_set_data_full (G_OBJECT (factory), "sy-cell-spec", spec, cell_spec_free);
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), spec);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), spec);
  gtk_column_view_column_set_factory (column, factory);
}

/* --- lists -------------------------------------------------------------- */

static void
update_list_stack (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   GtkStack   *stack)
{
  gtk_stack_set_visible_child_name (stack,
                                    g_list_model_get_n_items (model) > 0 ? "list" : "empty");
}

GtkSingleSelection *
sy_ui_list_set_model (GtkColumnView *view,
                      GtkStack      *stack,
                      GListModel    *model,
                      GCallback      on_selected,
                      gpointer       user_data)
{
  GtkSingleSelection *selection;

  if (model == NULL)
    model = G_LIST_MODEL (g_list_store_new (SY_TYPE_RECORD));

  selection = gtk_single_selection_new (model);
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  g_signal_connect_object (selection, "items-changed", G_CALLBACK (update_list_stack),
                           stack, 0);
  g_signal_connect_object (selection, "notify::selected-item", on_selected,
                           user_data, G_CONNECT_SWAPPED);
  update_list_stack (G_LIST_MODEL (selection), 0, 0, 0, stack);
  return selection;
}

GtkSingleSelection *
sy_ui_list_show_query (GtkColumnView *view,
                       GtkStack      *stack,
                       AdwStatusPage *empty_page,
                       gpointer       model,
                       const GError  *error,
                       GCallback      on_selected,
                       gpointer       user_data)
{
  if (model == NULL && error != NULL)
    adw_status_page_set_description (empty_page, error->message);
  return sy_ui_list_set_model (view, stack, model, on_selected, user_data);
}

/* --- a list's place across a reload ------------------------------------- */

static gint64
list_item_id (GListModel *model,
              guint       position)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, position);

  return SY_IS_RECORD (item) ? sy_record_get_id (SY_RECORD (item)) : 0;
}

void
sy_ui_list_save_place (GtkColumnView      *view,
                       GtkSingleSelection *selection,
                       SyUiListPlace      *place)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  GObject *item = selection != NULL ? gtk_single_selection_get_selected_item (selection) : NULL;
  guint n = selection != NULL ? g_list_model_get_n_items (G_LIST_MODEL (selection)) : 0;

  place->id = SY_IS_RECORD (item) ? sy_record_get_id (SY_RECORD (item)) : 0;
  place->position = item != NULL ? gtk_single_selection_get_selected (selection)
                                 : GTK_INVALID_LIST_POSITION;
  place->scroll = adjustment != NULL ? gtk_adjustment_get_value (adjustment) : 0;
  /* The rows of a column view are of one height; the adjustment spans them. */
  place->row_height = adjustment != NULL && n > 0
                      ? (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_lower (adjustment)) / n
                      : 0;
}

typedef struct {
  GtkAdjustment *adjustment;
  double         value;
  guint          ticks;
  guint          tick_id;
} ScrollBack;

#define SCROLL_BACK_KEY "sy-ui-scroll-back"

/* The rows of a new model have no height until the next layout (the list
 * view refuses a position then), which comes after the first tick: the
 * value is set from the second, again on a few frames while the estimate
 * of the rows' heights settles. */
static gboolean
scroll_back_tick (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       data)
{
  ScrollBack *back = data;
  double max;

  if (back->ticks++ == 0)
    return G_SOURCE_CONTINUE;
  max = gtk_adjustment_get_upper (back->adjustment) - gtk_adjustment_get_page_size (back->adjustment);
  gtk_adjustment_set_value (back->adjustment, MIN (back->value, MAX (max, 0)));
  if (back->ticks < 5 && gtk_adjustment_get_value (back->adjustment) != back->value)
    return G_SOURCE_CONTINUE;
  back->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
scroll_back_free (gpointer data)
{
  ScrollBack *back = data;

  g_object_unref (back->adjustment);
  g_free (back);
}

/* One pending scroll per view (a hidden page may reload twice before it
 * is drawn). */
static void
scroll_back (GtkWidget     *view,
             GtkAdjustment *adjustment,
             double         value)
{
  ScrollBack *back = g_object_get_data (G_OBJECT (view), SCROLL_BACK_KEY);

  if (back != NULL && back->adjustment != adjustment)
    {
      if (back->tick_id != 0)
        gtk_widget_remove_tick_callback (view, back->tick_id);
      back->tick_id = 0;
      g_set_object (&back->adjustment, adjustment);
    }
  if (back == NULL)
    {
      back = g_new0 (ScrollBack, 1);
      back->adjustment = g_object_ref (adjustment);
      g_object_set_data_full (G_OBJECT (view), SCROLL_BACK_KEY, back, scroll_back_free);
    }
  back->value = value;
  back->ticks = 0;
  if (back->tick_id == 0)
    back->tick_id = gtk_widget_add_tick_callback (view, scroll_back_tick, back, NULL);
}

gboolean
sy_ui_list_restore_place (GtkColumnView       *view,
                          GtkSingleSelection  *selection,
                          const SyUiListPlace *place)
{
  GListModel *model = G_LIST_MODEL (selection);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  guint n = g_list_model_get_n_items (model);
  guint old = place->position;
  guint window = 2000;
  guint found = GTK_INVALID_LIST_POSITION;
  guint target;
  double value = place->scroll;

  if (old == GTK_INVALID_LIST_POSITION || old >= n)
    old = n > 0 ? n - 1 : 0;
  for (guint d = 0; place->id > 0 && d < MIN (n, window); d++)
    {
      if (old + d < n && list_item_id (model, old + d) == place->id)
        {
          found = old + d;
          break;
        }
      if (d > 0 && d <= old && list_item_id (model, old - d) == place->id)
        {
          found = old - d;
          break;
        }
    }

  if (found != GTK_INVALID_LIST_POSITION)
    target = found;
  else if (place->id > 0 && gtk_single_selection_get_autoselect (selection) && n > 0)
    target = old;                                  /* the neighbour */
  else if (place->id > 0)
    target = GTK_INVALID_LIST_POSITION;
  else
    target = gtk_single_selection_get_selected (selection);  /* as the list chose */

  if (found != GTK_INVALID_LIST_POSITION && place->position != GTK_INVALID_LIST_POSITION)
    value += ((double) found - (double) place->position) * place->row_height;
  if (target != GTK_INVALID_LIST_POSITION && place->row_height > 0 && adjustment != NULL
      && gtk_adjustment_get_page_size (adjustment) > place->row_height)
    {
      double top = target * place->row_height;

      /* Keep the selected row in sight. */
      value = CLAMP (value, top + place->row_height - gtk_adjustment_get_page_size (adjustment), top);
    }
  if (adjustment != NULL)
    scroll_back (GTK_WIDGET (view), adjustment, MAX (value, 0));

  if (target == gtk_single_selection_get_selected (selection))
    return FALSE;
  gtk_single_selection_set_selected (selection, target);
  return TRUE;
}

/* --- text --------------------------------------------------------------- */

const char *
sy_ui_status_label (const char *token)
{
  static const struct { const char *token; const char *label; } labels[] = {
    { "draft", N_("Draft") },
    { "approved", N_("Approved") },
    { "published", N_("Published") },
    { "paid", N_("Paid") },
    { "pending", N_("Pending") },
    { "failed", N_("Failed") },
    { "returned", N_("Returned") },
    { "planned", N_("Planned") },
    { "in_progress", N_("In Progress") },
    { "in-progress", N_("In Progress") },
    { "done", N_("Done") },
    { "dropped", N_("Dropped") },
    { "cancelled", N_("Cancelled") },
  };

  if (token == NULL || *token == '\0')
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].token, token) == 0)
      return _(labels[i].label);
  /* Statuses the office typed itself (在册, 减员 …) are already readable. */
  return token;
}

const char *
sy_ui_dropdown_value (GtkDropDown *dropdown)
{
  guint pos = gtk_drop_down_get_selected (dropdown);
  GListModel *values = gtk_drop_down_get_model (dropdown);

  if (!GTK_IS_STRING_LIST (values) || pos == 0 || pos == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (GTK_STRING_LIST (values), pos);
}

void
sy_ui_dropdown_fill (GtkDropDown        *dropdown,
                     const char         *all_label,
                     const char * const *values)
{
  g_autofree char *keep = g_strdup (sy_ui_dropdown_value (dropdown));
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (list, all_label);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      gtk_string_list_append (list, values[i]);
      if (g_strcmp0 (keep, values[i]) == 0)
        selected = i + 1;
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, selected);
}

const char *
sy_ui_or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "—";
}

gboolean
sy_ui_text_contains (const char *text,
                     const char *folded_needle)
{
  g_autofree char *folded = text != NULL ? g_utf8_casefold (text, -1) : NULL;

  return folded != NULL && strstr (folded, folded_needle) != NULL;
}

/* --- detail groups ------------------------------------------------------ */

static void
remember (AdwPreferencesGroup *group, GtkWidget *widget)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (group), ROWS_KEY);

  if (rows == NULL)
    {
      rows = g_ptr_array_new ();
      g_object_set_data_full (G_OBJECT (group), ROWS_KEY, rows,
                              (GDestroyNotify) g_ptr_array_unref);
    }
  g_ptr_array_add (rows, widget);
}

void
sy_ui_group_add_widget (AdwPreferencesGroup *group,
                        GtkWidget           *widget)
{
  adw_preferences_group_add (group, widget);
  remember (group, widget);
}

AdwActionRow *
sy_ui_group_add_row (AdwPreferencesGroup *group,
                     const char          *title,
                     const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Record data is not Pango markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  sy_ui_group_add_widget (group, row);
  return ADW_ACTION_ROW (row);
}

AdwActionRow *
sy_ui_group_add_field (AdwPreferencesGroup *group,
                       const char          *title,
                       const char          *value)
{
  AdwActionRow *row = sy_ui_group_add_row (group, title, NULL);
  GtkWidget *label = gtk_label_new (sy_ui_or_dash (value));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "field-value");
  if (value == NULL || *value == '\0')
    gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (row, label);
  return row;
}

GtkWidget *
sy_ui_group_add_text (AdwPreferencesGroup *group,
                      const char          *text)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (sy_ui_or_dash (text));

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "text-card");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "body-text");
  gtk_box_append (GTK_BOX (card), label);
  sy_ui_group_add_widget (group, card);
  return label;
}

void
sy_ui_group_clear (AdwPreferencesGroup *group)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (group), ROWS_KEY);

  if (rows == NULL)
    return;
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

/* --- progress relay ----------------------------------------------------- */

struct _SyProgressRelay
{
  gatomicrefcount  ref_count;
  GMutex           lock;
  double           fraction;
  char            *text;
  gboolean         scheduled;
  gboolean         stopped;
  SyProgressFunc   func;
  gpointer         user_data;
};

SyProgressRelay *
sy_progress_relay_new (SyProgressFunc func,
                       gpointer       user_data)
{
  SyProgressRelay *self = g_new0 (SyProgressRelay, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  self->func = func;
  self->user_data = user_data;
  return self;
}

SyProgressRelay *
sy_progress_relay_ref (SyProgressRelay *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sy_progress_relay_unref (SyProgressRelay *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_mutex_clear (&self->lock);
  g_free (self->text);
  g_free (self);
}

static gboolean
relay_dispatch (gpointer data)
{
  SyProgressRelay *self = data;
  g_autofree char *text = NULL;
  double fraction;
  gboolean stopped;

  g_mutex_lock (&self->lock);
  self->scheduled = FALSE;
  fraction = self->fraction;
  text = g_strdup (self->text);
  stopped = self->stopped;
  g_mutex_unlock (&self->lock);

  if (!stopped)
    self->func (fraction, text, self->user_data);
  return G_SOURCE_REMOVE;
}

void
sy_progress_relay_post (SyProgressRelay *self,
                        double           fraction,
                        const char      *text)
{
  gboolean schedule;

  g_mutex_lock (&self->lock);
  self->fraction = fraction;
  if (g_strcmp0 (self->text, text) != 0)
    {
      g_free (self->text);
      self->text = g_strdup (text);
    }
  /* Workers may report thousands of times a second: one pending idle is
   * enough, it reads whatever is newest when it runs. */
  schedule = !self->scheduled && !self->stopped;
  self->scheduled |= schedule;
  g_mutex_unlock (&self->lock);

  if (schedule)
    g_idle_add_full (G_PRIORITY_DEFAULT, relay_dispatch,
                     sy_progress_relay_ref (self),
                     (GDestroyNotify) sy_progress_relay_unref);
}

void
sy_progress_relay_stop (SyProgressRelay *self)
{
  g_mutex_lock (&self->lock);
  self->stopped = TRUE;
  g_mutex_unlock (&self->lock);
}

/* --- worker threads ----------------------------------------------------- */

typedef struct {
  char           *directory;
  char           *actor;
  SyWorkerFunc    func;
  gpointer        data;
  GDestroyNotify  data_free;
} Worker;

static void
worker_free (Worker *worker)
{
  if (worker->data_free != NULL)
    worker->data_free (worker->data);
  g_free (worker->directory);
  g_free (worker->actor);
  g_free (worker);
}

static void
worker_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Worker *worker = task_data;
  g_autoptr(SyDatabase) db = NULL;
  GError *error = NULL;

  db = sy_database_open (worker->directory, &error);
  if (db != NULL && worker->actor != NULL)
    sy_database_set_actor (db, worker->actor);
  if (db == NULL || !worker->func (db, worker->data, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
sy_ui_run_in_worker (gpointer             source_object,
                     SyDatabase          *db,
                     SyWorkerFunc         func,
                     gpointer             data,
                     GDestroyNotify       data_free,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, callback, NULL);
  Worker *worker = g_new0 (Worker, 1);

  worker->directory = g_strdup (sy_database_get_directory (db));
  worker->actor = g_strdup (sy_database_get_actor (db));
  worker->func = func;
  worker->data = data;
  worker->data_free = data_free;
  g_task_set_source_tag (task, sy_ui_run_in_worker);
  g_task_set_task_data (task, worker, (GDestroyNotify) worker_free);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, worker_thread);
}

gboolean
sy_ui_worker_finish (GAsyncResult  *result,
                     GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

gpointer
sy_ui_worker_get_data (GAsyncResult *result)
{
  Worker *worker = g_task_get_task_data (G_TASK (result));

  return worker->data;
}

/* --- dialogs ------------------------------------------------------------ */

/* The window @widget is in (NULL for NULL), for a dialog's transient-for. */
static GtkWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
sy_ui_show_error (GtkWidget  *parent,
                  const char *heading,
                  const char *message)
{
  GtkWidget *alert = adw_message_dialog_new (window_of (parent), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (alert));
}

void
sy_ui_dialog_add_ok (AdwMessageDialog *dialog,
                     const char       *id,
                     const char       *label)
{
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), id, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, id, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, id);
  adw_message_dialog_set_close_response (dialog, "cancel");
}

AdwMessageDialog *
sy_ui_form_dialog_new (GtkWidget   *parent,
                       const char  *heading,
                       const char  *body,
                       const char  *ok_id,
                       const char  *ok_label,
                       GtkWidget  **list,
                       GtkLabel   **message)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window_of (parent), heading, body));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (*list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (*list, "boxed-list");
  gtk_box_append (GTK_BOX (box), *list);
  if (message != NULL)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "error");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
      *message = GTK_LABEL (label);
    }
  adw_message_dialog_set_extra_child (dialog, box);
  sy_ui_dialog_add_ok (dialog, ok_id, ok_label);
  return dialog;
}

AdwMessageDialog *
sy_ui_confirm (GtkWidget  *parent,
               const char *heading,
               const char *body,
               const char *id,
               const char *label,
               GCallback   on_response,
               gpointer    object)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window_of (parent), heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), id, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, id, ADW_RESPONSE_DESTRUCTIVE);
  /* A destructive answer is never the default. */
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", on_response, object, 0);
  return dialog;
}

static void
discard_response (AdwMessageDialog *dialog,
                  const char       *response,
                  GtkWindow        *window)
{
  gboolean *closing = g_object_get_data (G_OBJECT (dialog), "closing");

  if (g_strcmp0 (response, "discard") != 0)
    return;
  *closing = TRUE;
  gtk_window_close (window);
}

gboolean
sy_ui_confirm_discard (GtkWindow  *window,
                       const char *body,
                       gboolean   *closing)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Discard Changes?"), body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Keep Editing"), "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "closing", closing);
  /* Connected for as long as @window lives: @closing is part of it. */
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

void
sy_ui_field_set_message (AdwActionRow *row,
                         GtkWidget    *field,
                         const char   *message,
                         gboolean      is_error)
{
  gboolean shown = message != NULL && *message != '\0';

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (row), shown);
  if (shown && is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (row), "warning");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_widget_add_css_class (GTK_WIDGET (row), "warning");
    }
  sy_ui_set_invalid (field, shown && is_error);
}

const char *
sy_ui_field_get_message (AdwActionRow *row)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (row)))
    return "";
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

void
sy_ui_set_invalid (GtkWidget *widget,
                   gboolean   invalid)
{
  if (invalid)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

guint
sy_ui_combo_index (AdwComboRow *combo,
                   const char  *text)
{
  GtkStringList *list = GTK_STRING_LIST (adw_combo_row_get_model (combo));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  if (text == NULL || *text == '\0')
    return 0;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), text) == 0)
      return i;
  gtk_string_list_append (list, text);
  return n;
}

const char *
sy_ui_combo_value (AdwComboRow *combo,
                   gboolean     first_is_none)
{
  GtkStringList *list = GTK_STRING_LIST (adw_combo_row_get_model (combo));
  guint selected = adw_combo_row_get_selected (combo);

  if (selected == GTK_INVALID_LIST_POSITION || (first_is_none && selected == 0))
    return NULL;
  return gtk_string_list_get_string (list, selected);
}

char *
sy_ui_entry_value (GtkEditable *editable)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

AdwEntryRow *
sy_ui_list_add_entry (GtkWidget  *list,
                      const char *title,
                      const char *text)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (row));
  return row;
}

/* --- page shortcuts -------------------------------------------------------- */

static gboolean
page_action_shortcut (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  /* Hidden pages of the view stack are unmapped: only the page on screen
   * takes the key, so the same shortcut can mean "new" on every tab. */
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  return gtk_widget_activate_action (widget, user_data, NULL);
}

void
sy_ui_page_add_shortcut (GtkWidget       *page,
                         guint            keyval,
                         GdkModifierType  modifiers,
                         const char      *action)
{
  GtkEventController *shortcuts = g_object_get_data (G_OBJECT (page), "sy-page-shortcuts");

  if (shortcuts == NULL)
    {
      shortcuts = gtk_shortcut_controller_new ();
      gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
      gtk_widget_add_controller (page, shortcuts);
      g_object_set_data (G_OBJECT (page), "sy-page-shortcuts", shortcuts);
    }
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                                          gtk_callback_action_new (page_action_shortcut,
                                                                                   (gpointer) g_intern_string (action),
                                                                                   NULL)));
}

GdkTexture *
sy_ui_texture_from_surface (cairo_surface_t *surface)
{
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;

  /* ARGB32 is GDK_MEMORY_DEFAULT: no copy, no conversion. */
  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  return gdk_memory_texture_new (cairo_image_surface_get_width (surface), height,
                                 GDK_MEMORY_DEFAULT, bytes, stride);
}
