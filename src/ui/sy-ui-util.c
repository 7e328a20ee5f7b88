/* sy-ui-util.c: small helpers the five pages share */
#include <glib/gi18n.h>

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
sy_ui_or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "—";
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
