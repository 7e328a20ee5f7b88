/* sy-plan-outline-editor.c: the outline editor of one plan (the Plans tab)
 *
 * The tree is rebuilt from the database after every change (a plan has tens
 * of items, not thousands): one code path shows the stored truth, labels and
 * positions included, whatever the operation did.  What the user sees as
 * continuity — the selected item, the collapsed sections, the focus — is
 * carried over by item id.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "sy-plan-outline-editor.h"
#include "sy-ui-util.h"
#include "sy-window.h"

struct _SyPlanOutlineEditor
{
  AdwBin              parent_instance;

  GtkColumnView      *view;
  GtkColumnViewColumn *item_column;
  GtkColumnViewColumn *node_column;
  GtkColumnViewColumn *due_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *progress_column;
  GtkSingleSelection *selection;
  AdwPreferencesGroup *plan_group;   /* the plan's title and progress */
  AdwPreferencesGroup *fields_group;
  AdwEntryRow        *title_row;
  AdwEntryRow        *node_row;
  AdwEntryRow        *due_row;
  AdwEntryRow        *responsible_row;
  AdwComboRow        *status_row;
  AdwPreferencesGroup *events_group;
  GPtrArray          *event_rows;     /* rows added to events_group */
  AdwComboRow        *link_row;
  GListStore         *linkable;       /* SyEvent */

  SyDatabase         *db;
  SyPlanRepo         *repo;
  gint64              plan_id;
  int                 year;
  char               *title;
  SyPlanProgress      total;
  GHashTable         *children;       /* parent id → GListStore of SyPlanItem; 0 = top */
  GHashTable         *progress;       /* item id → SyPlanProgress */
  GHashTable         *evidence;       /* item id → activities held, as GINT_TO_POINTER */
  GHashTable         *collapsed;      /* item ids of collapsed sections */
  GHashTable         *opening;        /* sections to open at the next reload */
  gboolean            filling;

  SyPlanDeletion     *pending;        /* the last delete, for Undo */
  AdwToast           *undo_toast;     /* weak */
};

G_DEFINE_FINAL_TYPE (SyPlanOutlineEditor, sy_plan_outline_editor, ADW_TYPE_BIN)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void reload (SyPlanOutlineEditor *self, gint64 select_id);

static gint64
item_id (SyPlanItem *item)
{
  return item ? sy_record_get_id (SY_RECORD (item)) : 0;
}

static void
toast (SyPlanOutlineEditor *self, const char *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (SY_IS_WINDOW (root))
    sy_window_add_toast (SY_WINDOW (root), adw_toast_new (message));
  else
    g_warning ("%s", message);
}

static void
report (SyPlanOutlineEditor *self, GError *error)
{
  /* A refused move (indent of a first item …) is a hint, not an alarm. */
  toast (self, error->message);
}

/* --- cells ------------------------------------------------------------------------ */

static SyPlanItem *
cell_item (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(GObject) item = row ? gtk_tree_list_row_get_item (row) : NULL;

  /* The row holds its item; the borrowed pointer stays valid while bound. */
  return item ? SY_PLAN_ITEM (item) : NULL;
}

static void
item_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *title = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), title);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
}

static void
item_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (expander);
  GtkLabel *label = GTK_LABEL (gtk_widget_get_first_child (box));
  GtkLabel *title = GTK_LABEL (gtk_widget_get_last_child (box));
  SyPlanItem *item = cell_item (list_item);
  g_autofree char *line = NULL;
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  gtk_tree_expander_set_list_row (expander, row);
  if (item == NULL)
    return;
  line = sy_plan_item_title_line (sy_plan_item_get_title (item));
  /* Sections read as headings, as in the printed plan. */
  if (gtk_tree_list_row_is_expandable (row))
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_label_set_attributes (label, attrs);
  gtk_label_set_attributes (title, attrs);
  gtk_label_set_text (label, sy_plan_item_get_label (item) ? sy_plan_item_get_label (item) : "");
  gtk_widget_set_visible (GTK_WIDGET (label), sy_plan_item_get_label (item) && *sy_plan_item_get_label (item));
  gtk_label_set_text (title, line);
  gtk_widget_set_tooltip_text (GTK_WIDGET (title), sy_plan_item_get_title (item));
}

static void
item_unbind (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
}

static void
text_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

typedef enum { COL_NODE, COL_DUE, COL_STATUS, COL_PROGRESS } Column;

static char *
progress_text (SyPlanOutlineEditor *self, SyPlanItem *item, gboolean leaf)
{
  gint64 id = item_id (item);
  SyPlanProgress *p = self->progress ? g_hash_table_lookup (self->progress, &id) : NULL;

  if (p == NULL || p->total == 0)
    return g_strdup ("—");
  if (leaf)
    {
      int n = self->evidence ? GPOINTER_TO_INT (g_hash_table_lookup (self->evidence, &id)) : 0;

      /* What made it done: activities that took place, or the status. */
      if (n > 0)
        /* Translators: a task done through %d linked activities */
        return g_strdup_printf (ngettext ("✓ %d activity", "✓ %d activities", n), n);
      return g_strdup (p->done ? "✓" : "");
    }
  return g_strdup_printf ("%u/%u · %u%%", p->done, p->total, p->done * 100 / p->total);
}

static void
text_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  SyPlanOutlineEditor *self = g_object_get_data (G_OBJECT (factory), "outline");
  Column column = GPOINTER_TO_INT (data);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  SyPlanItem *item = cell_item (list_item);
  g_autofree char *text = NULL;

  if (item == NULL)
    return;
  switch (column)
    {
    case COL_NODE:
      text = g_strdup (sy_plan_item_get_time_node (item));
      break;
    case COL_DUE:
      text = g_strdup (sy_plan_item_get_due_date (item));
      break;
    case COL_STATUS:
      text = g_strdup (sy_ui_status_label (sy_plan_item_get_status (item)));
      break;
    case COL_PROGRESS:
      text = progress_text (self, item, !gtk_tree_list_row_is_expandable (row));
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (label, text ? text : "");
}

static GtkListItemFactory *
column_factory (SyPlanOutlineEditor *self, Column column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "outline", self);
  g_signal_connect (factory, "setup", G_CALLBACK (text_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (text_bind), GINT_TO_POINTER (column));
  return factory;
}

/* --- the tree --------------------------------------------------------------------- */

static GListModel *
create_children (gpointer item, gpointer user_data)
{
  GHashTable *children = user_data;
  gint64 id = item_id (SY_PLAN_ITEM (item));
  GListStore *store = g_hash_table_lookup (children, &id);

  return store ? g_object_ref (G_LIST_MODEL (store)) : NULL;
}

static GtkTreeListModel *
tree_model (SyPlanOutlineEditor *self)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);
  GListModel *inner = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model));

  return GTK_IS_TREE_LIST_MODEL (inner) ? GTK_TREE_LIST_MODEL (inner) : NULL;
}

/* Remembers the sections on screen that the user collapsed (or expanded
 * again); sections inside collapsed ones keep their remembered state. */
static void
remember_collapsed (SyPlanOutlineEditor *self)
{
  GtkTreeListModel *tree = tree_model (self);
  guint n = tree ? g_list_model_get_n_items (G_LIST_MODEL (tree)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);
      gint64 id = item_id (SY_PLAN_ITEM (item));

      if (!gtk_tree_list_row_is_expandable (row))
        continue;
      if (gtk_tree_list_row_get_expanded (row) || g_hash_table_contains (self->opening, &id))
        g_hash_table_remove (self->collapsed, &id);
      else
        g_hash_table_add (self->collapsed, g_memdup2 (&id, sizeof id));
    }
}

static guint
find_row (SyPlanOutlineEditor *self, gint64 id)
{
  GtkTreeListModel *tree = tree_model (self);
  guint n = tree ? g_list_model_get_n_items (G_LIST_MODEL (tree)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (item_id (SY_PLAN_ITEM (item)) == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

gboolean
sy_plan_outline_editor_select (SyPlanOutlineEditor *self, gint64 id)
{
  guint pos;

  g_return_val_if_fail (SY_IS_PLAN_OUTLINE_EDITOR (self), FALSE);
  pos = find_row (self, id);
  if (pos == GTK_INVALID_LIST_POSITION && self->db != NULL && id != 0)
    {
      /* Hidden in a collapsed section: open its ancestors, outermost first. */
      g_autoptr(SyPlanItem) item = sy_database_load (self->db, SY_TYPE_PLAN_ITEM, id, NULL);
      g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (gint64));
      gint64 parent = item && sy_plan_item_get_plan_id (item) == self->plan_id
                      ? sy_plan_item_get_parent_id (item) : 0;

      while (parent != 0 && chain->len < 64)
        {
          g_autoptr(SyPlanItem) up = sy_database_load (self->db, SY_TYPE_PLAN_ITEM, parent, NULL);

          g_array_append_val (chain, parent);
          parent = up ? sy_plan_item_get_parent_id (up) : 0;
        }
      for (guint i = chain->len; i-- > 0;)
        {
          gint64 ancestor = g_array_index (chain, gint64, i);
          guint at = find_row (self, ancestor);

          g_hash_table_remove (self->collapsed, &ancestor);
          if (at != GTK_INVALID_LIST_POSITION)
            {
              g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree_model (self), at);
              gtk_tree_list_row_set_expanded (row, TRUE);
            }
        }
      pos = find_row (self, id);
    }
  if (pos == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, pos);
  return TRUE;
}

guint
sy_plan_outline_editor_get_n_rows (SyPlanOutlineEditor *self)
{
  g_return_val_if_fail (SY_IS_PLAN_OUTLINE_EDITOR (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->selection));
}

GtkWidget *
sy_plan_outline_editor_get_view (SyPlanOutlineEditor *self)
{
  return GTK_WIDGET (self->view);
}

AdwToast *
sy_plan_outline_editor_get_undo_toast (SyPlanOutlineEditor *self)
{
  return self->undo_toast;
}

gint64
sy_plan_outline_editor_get_plan_id (SyPlanOutlineEditor *self)
{
  return self->plan_id;
}

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

static void update_actions (SyPlanOutlineEditor *self);
static void fill_detail (SyPlanOutlineEditor *self);
static SyPlanItem *selected (SyPlanOutlineEditor *self);

SyPlanItem *
sy_plan_outline_editor_get_selected (SyPlanOutlineEditor *self)
{
  g_return_val_if_fail (SY_IS_PLAN_OUTLINE_EDITOR (self), NULL);
  return selected (self);
}

static void
reload (SyPlanOutlineEditor *self, gint64 select_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *today = today_iso ();
  GHashTable *children;
  GListStore *top = g_list_store_new (SY_TYPE_PLAN_ITEM);
  GtkTreeListModel *tree;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && (focus == GTK_WIDGET (self->view)
                                         || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->view)));
  guint n;

  remember_collapsed (self);
  children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_hash_table_insert (children, g_memdup2 (&(gint64) { 0 }, sizeof (gint64)), top);
  g_clear_pointer (&self->progress, g_hash_table_unref);
  g_clear_pointer (&self->evidence, g_hash_table_unref);
  self->total.done = self->total.total = 0;

  if (self->db != NULL && self->plan_id != 0)
    {
      items = sy_queries_plan_items (self->db, self->plan_id, &error);
      if (items == NULL)
        toast (self, error->message);
      else
        {
          self->progress = sy_plan_repo_progress (self->repo, self->plan_id, today, &self->total, NULL);
          self->evidence = sy_queries_plan_item_evidence (self->db, self->plan_id, today, NULL);
        }
    }
  n = items ? g_list_model_get_n_items (items) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyPlanItem) item = g_list_model_get_item (items, i);
      gint64 id = item_id (item);
      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyPlanItem) item = g_list_model_get_item (items, i);
      gint64 parent = sy_plan_item_get_parent_id (item);
      GListStore *store;

      if (!g_hash_table_contains (ids, &parent))
        parent = 0;
      store = g_hash_table_lookup (children, &parent);
      if (store == NULL)
        {
          store = g_list_store_new (SY_TYPE_PLAN_ITEM);
          g_hash_table_insert (children, g_memdup2 (&parent, sizeof parent), store);
        }
      g_list_store_append (store, item);
    }
  g_clear_pointer (&self->children, g_hash_table_unref);
  self->children = children;

  tree = gtk_tree_list_model_new (G_LIST_MODEL (g_object_ref (top)), FALSE, TRUE, create_children,
                                  g_hash_table_ref (children), (GDestroyNotify) g_hash_table_unref);
  /* Collapse what the user had collapsed. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (tree)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);
      gint64 id = item_id (SY_PLAN_ITEM (item));

      if (gtk_tree_list_row_is_expandable (row) && g_hash_table_contains (self->collapsed, &id))
        gtk_tree_list_row_set_expanded (row, FALSE);
    }
  self->filling = TRUE;
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (tree));
  g_object_unref (tree);
  self->filling = FALSE;

  if (select_id == 0 || !sy_plan_outline_editor_select (self, select_id))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  fill_detail (self);
  update_actions (self);
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->view));
  g_hash_table_remove_all (self->opening);
}

void
sy_plan_outline_editor_set_plan (SyPlanOutlineEditor *self, SyDatabase *db, gint64 plan_id, int year,
                                 const char *title)
{
  gint64 keep = 0;

  g_return_if_fail (SY_IS_PLAN_OUTLINE_EDITOR (self));

  if (db != self->db)
    {
      g_set_object (&self->db, db);
      g_clear_object (&self->repo);
      if (db != NULL)
        self->repo = sy_plan_repo_new (db);
    }
  if (plan_id != self->plan_id)
    {
      g_hash_table_remove_all (self->collapsed);
      g_clear_pointer (&self->pending, sy_plan_deletion_free);
      if (self->undo_toast != NULL)
        adw_toast_dismiss (self->undo_toast);
    }
  else
    keep = item_id (selected (self));
  self->plan_id = plan_id;
  self->year = year;
  g_free (self->title);
  self->title = g_strdup (title);
  reload (self, keep);
}

/* --- actions ------------------------------------------------------------------------ */

static SyPlanItem *
selected (SyPlanOutlineEditor *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GObject) item = row ? gtk_tree_list_row_get_item (row) : NULL;

  return item ? SY_PLAN_ITEM (item) : NULL;
}

static void
update_actions (SyPlanOutlineEditor *self)
{
  SyPlanItem *item = selected (self);
  gint64 parent = item ? sy_plan_item_get_parent_id (item) : 0;
  GListStore *siblings = self->children && item ? g_hash_table_lookup (self->children, &parent) : NULL;
  guint pos = 0, n = siblings ? g_list_model_get_n_items (G_LIST_MODEL (siblings)) : 0;
  gboolean have_plan = self->plan_id != 0;

  if (siblings != NULL)
    g_list_store_find (siblings, item, &pos);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outline.add", have_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outline.add-child", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outline.indent", item != NULL && pos > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outline.outdent", item != NULL && parent != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outline.move-up", item != NULL && pos > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outline.move-down", item != NULL && pos + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outline.delete", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outline.undo", self->pending != NULL);
}

/* @id's children show after the next reload. */
static void
open_section (SyPlanOutlineEditor *self, gint64 id)
{
  g_hash_table_remove (self->collapsed, &id);
  g_hash_table_add (self->opening, g_memdup2 (&id, sizeof id));
}

static void
changed (SyPlanOutlineEditor *self, gint64 select_id)
{
  reload (self, select_id);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
add_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SyPlanOutlineEditor *self = SY_PLAN_OUTLINE_EDITOR (widget);
  SyPlanItem *anchor = selected (self);
  gboolean child = g_strcmp0 (action_name, "outline.add-child") == 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyPlanItem) added = NULL;

  if (self->repo == NULL || self->plan_id == 0)
    return;
  added = sy_plan_repo_add_item (self->repo, self->plan_id, anchor,
                                 child ? SY_PLAN_ADD_CHILD : SY_PLAN_ADD_AFTER,
                                 _("New item"), &error);
  if (added == NULL)
    {
      report (self, error);
      return;
    }
  if (anchor != NULL && child)
    open_section (self, item_id (anchor));
  changed (self, item_id (added));
  /* The title is what one types next. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->title_row)))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      gtk_editable_select_region (GTK_EDITABLE (self->title_row), 0, -1);
    }
}

static void
move_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SyPlanOutlineEditor *self = SY_PLAN_OUTLINE_EDITOR (widget);
  SyPlanItem *item = selected (self);
  g_autoptr(GError) error = NULL;
  gint64 id = item_id (item);
  gboolean ok;

  if (item == NULL || self->repo == NULL)
    return;
  if (g_str_equal (action_name, "outline.indent"))
    {
      /* The new parent shows it: open it. */
      gint64 parent = sy_plan_item_get_parent_id (item);
      GListStore *siblings = g_hash_table_lookup (self->children, &parent);
      guint pos = 0;

      if (siblings != NULL && g_list_store_find (siblings, item, &pos) && pos > 0)
        {
          g_autoptr(SyPlanItem) prev = g_list_model_get_item (G_LIST_MODEL (siblings), pos - 1);
          open_section (self, item_id (prev));
        }
      ok = sy_plan_repo_indent (self->repo, item, &error);
    }
  else if (g_str_equal (action_name, "outline.outdent"))
    ok = sy_plan_repo_outdent (self->repo, item, &error);
  else if (g_str_equal (action_name, "outline.move-up"))
    ok = sy_plan_repo_move_up (self->repo, item, &error);
  else
    ok = sy_plan_repo_move_down (self->repo, item, &error);
  if (!ok)
    {
      report (self, error);
      if (g_error_matches (error, SY_ERROR, SY_ERROR_CONFLICT))
        reload (self, id);
      return;
    }
  changed (self, id);
}

static void
undo_toast_gone (SyPlanOutlineEditor *self)
{
  self->undo_toast = NULL;
}

static void
undo_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SyPlanOutlineEditor *self = SY_PLAN_OUTLINE_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyPlanItem) restored = NULL;
  g_autoptr(SyPlanDeletion) deletion = g_steal_pointer (&self->pending);

  if (deletion == NULL || self->repo == NULL)
    return;
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  restored = sy_plan_repo_restore (self->repo, deletion, &error);
  if (restored == NULL)
    {
      report (self, error);
      return;
    }
  changed (self, item_id (restored));
}

static void
undo_clicked (AdwToast *toast, SyPlanOutlineEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "outline.undo", NULL);
}

static void
delete_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SyPlanOutlineEditor *self = SY_PLAN_OUTLINE_EDITOR (widget);
  SyPlanItem *item = selected (self);
  g_autoptr(GError) error = NULL;
  SyPlanDeletion *deletion;
  guint pos = gtk_single_selection_get_selected (self->selection);
  g_autofree char *text = NULL;
  AdwToast *undo;
  GtkRoot *root;
  guint n;
  gint64 next_id = 0;

  if (item == NULL || self->repo == NULL)
    return;
  /* What takes its place: the next item of its section, else the one
   * before, else the section itself. */
  {
    gint64 parent = sy_plan_item_get_parent_id (item);
    GListStore *siblings = g_hash_table_lookup (self->children, &parent);
    guint at = 0, len = siblings ? g_list_model_get_n_items (G_LIST_MODEL (siblings)) : 0;

    next_id = parent;
    if (siblings != NULL && g_list_store_find (siblings, item, &at) && len > 1)
      {
        g_autoptr(SyPlanItem) other = g_list_model_get_item (G_LIST_MODEL (siblings),
                                                             at + 1 < len ? at + 1 : at - 1);
        next_id = item_id (other);
      }
  }
  deletion = sy_plan_repo_delete (self->repo, item, &error);
  if (deletion == NULL)
    {
      report (self, error);
      return;
    }
  g_clear_pointer (&self->pending, sy_plan_deletion_free);
  self->pending = deletion;

  reload (self, next_id);
  n = sy_plan_outline_editor_get_n_rows (self);
  if (next_id == 0 && n > 0)
    gtk_single_selection_set_selected (self->selection, MIN (pos, n - 1));
  g_signal_emit (self, signals[CHANGED], 0);

  n = sy_plan_deletion_get_n_items (deletion);
  text = n > 1
         /* Translators: a toast; %s is the item's title, %u how many items went with it */
         ? g_strdup_printf (ngettext ("Deleted “%s” and %u sub-item", "Deleted “%s” and %u sub-items", n - 1),
                            sy_plan_deletion_get_title (deletion), n - 1)
         : g_strdup_printf (_("Deleted “%s”"), sy_plan_deletion_get_title (deletion));
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  undo = adw_toast_new (text);
  adw_toast_set_button_label (undo, _("_Undo"));
  adw_toast_set_priority (undo, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (undo, "button-clicked", G_CALLBACK (undo_clicked), self, 0);
  g_signal_connect_object (undo, "dismissed", G_CALLBACK (undo_toast_gone), self, G_CONNECT_SWAPPED);
  self->undo_toast = undo;
  root = gtk_widget_get_root (widget);
  if (SY_IS_WINDOW (root))
    sy_window_add_toast (SY_WINDOW (root), undo);
  else
    {
      self->undo_toast = NULL;
      g_object_unref (undo);
    }
  update_actions (self);
}

/* --- the detail pane -------------------------------------------------------------- */

static void
clear_event_rows (SyPlanOutlineEditor *self)
{
  for (guint i = 0; i < self->event_rows->len; i++)
    adw_preferences_group_remove (self->events_group, g_ptr_array_index (self->event_rows, i));
  g_ptr_array_set_size (self->event_rows, 0);
}

static void
unlink_clicked (GtkButton *button, SyPlanOutlineEditor *self)
{
  gint64 event_id = *(gint64 *) g_object_get_data (G_OBJECT (button), "event-id");
  g_autoptr(GError) error = NULL;

  if (!sy_plan_repo_link_event (self->repo, event_id, 0, &error))
    report (self, error);
  changed (self, item_id (selected (self)));
}

static void
fill_events (SyPlanOutlineEditor *self, SyPlanItem *item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) linked = sy_queries_plan_item_events (self->db, item_id (item), &error);
  g_autoptr(GListModel) year_events = NULL;
  guint n = linked ? g_list_model_get_n_items (linked) : 0;

  clear_event_rows (self);
  g_list_store_remove_all (self->linkable);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyEvent) event = g_list_model_get_item (linked, i);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", sy_event_get_date (event), sy_event_get_kind (event));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gint64 *id = g_new (gint64, 1);

      *id = sy_record_get_id (SY_RECORD (event));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sy_event_get_title (event));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Unlink this activity"));
      g_object_set_data_full (G_OBJECT (button), "event-id", id, g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (unlink_clicked), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->events_group, row);
      g_ptr_array_add (self->event_rows, row);
    }
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No linked activities"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->events_group, row);
      g_ptr_array_add (self->event_rows, row);
    }

  /* The link row comes last, under the linked activities. */
  g_object_ref (self->link_row);
  adw_preferences_group_remove (self->events_group, GTK_WIDGET (self->link_row));
  adw_preferences_group_add (self->events_group, GTK_WIDGET (self->link_row));
  g_object_unref (self->link_row);

  /* Activities of the plan's year not linked here yet can be linked. */
  year_events = sy_queries_events_in_years (self->db, self->year, self->year, NULL);
  for (guint i = 0; year_events && i < g_list_model_get_n_items (year_events); i++)
    {
      g_autoptr(SyEvent) event = g_list_model_get_item (year_events, i);

      if (sy_event_get_plan_item_id (event) != item_id (item))
        g_list_store_append (self->linkable, event);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->link_row),
                            g_list_model_get_n_items (G_LIST_MODEL (self->linkable)) > 0);
}

static void
fill_detail (SyPlanOutlineEditor *self)
{
  SyPlanItem *item = selected (self);
  g_autofree char *line = NULL;
  const char * const *statuses = sy_plan_repo_statuses ();
  guint status = 0;

  adw_preferences_group_set_title (self->plan_group, self->title ? self->title : "");
  {
    g_autoptr(GString) text = g_string_new (NULL);

    if (self->total.total > 0)
      g_string_append_printf (text, _("%u of %u tasks done (%u%%)"), self->total.done,
                              self->total.total, self->total.done * 100 / self->total.total);
    /* Without a selection the pane says what it is for. */
    if (item == NULL)
      g_string_append_printf (text, "%s%s", text->len ? "\n" : "",
                              _("Select an item to see and edit its time node, due date, responsible unit, status and activities."));
    adw_preferences_group_set_description (self->plan_group, text->len ? text->str : NULL);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->plan_group), self->plan_id != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_group), item != NULL && self->db != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->events_group), item != NULL && self->db != NULL);
  if (item == NULL || self->db == NULL)
    return;
  self->filling = TRUE;
  line = sy_plan_item_title_line (sy_plan_item_get_title (item));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), line);
  gtk_editable_set_text (GTK_EDITABLE (self->node_row), sy_plan_item_get_time_node (item) ? sy_plan_item_get_time_node (item) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->due_row), sy_plan_item_get_due_date (item) ? sy_plan_item_get_due_date (item) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->responsible_row), sy_plan_item_get_responsible (item) ? sy_plan_item_get_responsible (item) : "");
  for (guint i = 0; statuses[i]; i++)
    if (g_strcmp0 (statuses[i], sy_plan_item_get_status (item)) == 0)
      status = i;
  adw_combo_row_set_selected (self->status_row, status);
  fill_events (self, item);
  self->filling = FALSE;
}

static void
selection_changed (SyPlanOutlineEditor *self)
{
  if (self->filling)
    return;
  fill_detail (self);
  update_actions (self);
}

/* Writes @item's fields as edited, or says why not. */
static void
save (SyPlanOutlineEditor *self, SyPlanItem *work)
{
  g_autoptr(GError) error = NULL;

  if (!sy_plan_repo_save_fields (self->repo, work, &error))
    {
      report (self, error);
      fill_detail (self);
      return;
    }
  changed (self, item_id (work));
}

static SyPlanItem *
work_copy (SyPlanOutlineEditor *self)
{
  SyPlanItem *item = selected (self);

  return item ? SY_PLAN_ITEM (sy_record_copy (SY_RECORD (item))) : NULL;
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
title_applied (SyPlanOutlineEditor *self)
{
  g_autoptr(SyPlanItem) work = work_copy (self);
  g_autofree char *text = entry_text (self->title_row);
  const char *old, *body;
  g_autofree char *title = NULL;

  if (work == NULL)
    return;
  old = sy_plan_item_get_title (work);
  /* An imported item keeps its body paragraphs under the new first line. */
  body = old ? strchr (old, '\n') : NULL;
  title = g_strconcat (text, body, NULL);
  if (g_strcmp0 (title, old) == 0)
    return;
  sy_plan_item_set_title (work, title);
  save (self, work);
}

static void
text_field_applied (AdwEntryRow *row, SyPlanOutlineEditor *self)
{
  g_autoptr(SyPlanItem) work = work_copy (self);
  g_autofree char *text = entry_text (row);
  const char *value = *text ? text : NULL;

  if (work == NULL)
    return;
  if (row == self->due_row)
    {
      if (g_strcmp0 (value, sy_plan_item_get_due_date (work)) == 0)
        return;
      sy_plan_item_set_due_date (work, value);
    }
  else if (row == self->responsible_row)
    {
      if (g_strcmp0 (value, sy_plan_item_get_responsible (work)) == 0)
        return;
      sy_plan_item_set_responsible (work, value);
    }
  else
    {
      if (g_strcmp0 (value, sy_plan_item_get_time_node (work)) == 0)
        return;
      sy_plan_item_set_time_node (work, value);
      /* A festival's date in the plan's year is the natural due date. */
      if (value != NULL && sy_plan_item_get_due_date (work) == NULL)
        {
          GDate date;

          if (sy_festival_date (value, self->year, &date))
            {
              char iso[16];

              g_snprintf (iso, sizeof iso, "%04d-%02d-%02d", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date));
              sy_plan_item_set_due_date (work, iso);
            }
        }
    }
  save (self, work);
}

static void
status_selected (SyPlanOutlineEditor *self)
{
  g_autoptr(SyPlanItem) work = NULL;
  const char * const *statuses = sy_plan_repo_statuses ();
  guint i = adw_combo_row_get_selected (self->status_row);

  if (self->filling || i >= g_strv_length ((char **) statuses))
    return;
  work = work_copy (self);
  if (work == NULL || g_strcmp0 (sy_plan_item_get_status (work), statuses[i]) == 0)
    return;
  sy_plan_item_set_status (work, statuses[i]);
  save (self, work);
}

static void
set_node_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SyPlanOutlineEditor *self = SY_PLAN_OUTLINE_EDITOR (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->node_row), g_variant_get_string (parameter, NULL));
  text_field_applied (self->node_row, self);
}

static void
link_clicked (SyPlanOutlineEditor *self)
{
  guint i = adw_combo_row_get_selected (self->link_row);
  g_autoptr(SyEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  SyPlanItem *item = selected (self);

  if (item == NULL || i == GTK_INVALID_LIST_POSITION
      || i >= g_list_model_get_n_items (G_LIST_MODEL (self->linkable)))
    return;
  event = g_list_model_get_item (G_LIST_MODEL (self->linkable), i);
  if (!sy_plan_repo_link_event (self->repo, sy_record_get_id (SY_RECORD (event)), item_id (item), &error))
    report (self, error);
  changed (self, item_id (item));
}

static char *
event_caption (gpointer unused, SyEvent *event)
{
  if (event == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%s %s", sy_event_get_date (event), sy_event_get_title (event));
}

/* --- construction ------------------------------------------------------------------ */

static GtkWidget *
tool_button (const char *icon, const char *label, const char *tooltip, const char *action)
{
  GtkWidget *button = gtk_button_new ();

  if (label != NULL)
    {
      GtkWidget *content = adw_button_content_new ();

      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
      adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
      gtk_button_set_child (GTK_BUTTON (button), content);
    }
  else
    gtk_button_set_icon_name (GTK_BUTTON (button), icon);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkColumnViewColumn *
add_column (SyPlanOutlineEditor *self, const char *title, GtkListItemFactory *factory, int width)
{
  GtkColumnViewColumn *column = gtk_column_view_column_new (title, factory);

  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  else
    gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->view, column);
  g_object_unref (column);
  return column;
}

static void
add_shortcut (GtkShortcutController *controller, guint key, GdkModifierType mods, const char *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (key, mods),
                                                          gtk_named_action_new (action)));
}

static AdwEntryRow *
entry_row (SyPlanOutlineEditor *self, AdwPreferencesGroup *group, const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static GMenuModel *
festival_menu (void)
{
  GMenu *menu = g_menu_new ();
  const char * const *ids = sy_festival_ids ();

  for (guint i = 0; ids[i]; i++)
    {
      const char *zh = sy_festival_name_zh (ids[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (zh, NULL);

      g_menu_item_set_action_and_target_value (item, "outline.set-node", g_variant_new_string (zh));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static void
build (SyPlanOutlineEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *detail_page = adw_preferences_page_new ();
  AdwPreferencesGroup *fields = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkListItemFactory *factory;
  GtkShortcutController *shortcuts;
  GtkWidget *menu_button;
  GtkWidget *link_button;
  g_autoptr(GtkStringList) status_names = gtk_string_list_new (NULL);
  g_autoptr(GMenuModel) menu = festival_menu ();
  const char * const *statuses = sy_plan_repo_statuses ();

  /* Toolbar */
  gtk_widget_set_margin_start (toolbar, 6);
  gtk_widget_set_margin_end (toolbar, 6);
  gtk_widget_set_margin_top (toolbar, 4);
  gtk_widget_set_margin_bottom (toolbar, 4);
  gtk_box_append (GTK_BOX (toolbar), tool_button ("list-add-symbolic", _("_Add Item"),
                                                  _("Add an item after the selected one (Insert, Ctrl+Enter)"),
                                                  "outline.add"));
  gtk_box_append (GTK_BOX (toolbar), tool_button ("list-add-symbolic", _("Add _Sub-item"),
                                                  _("Add an item inside the selected one (Ctrl+Shift+Enter)"),
                                                  "outline.add-child"));
  gtk_box_append (GTK_BOX (toolbar), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (toolbar), tool_button ("format-indent-more-symbolic", NULL, _("Indent (Tab)"), "outline.indent"));
  gtk_box_append (GTK_BOX (toolbar), tool_button ("format-indent-less-symbolic", NULL, _("Outdent (Shift+Tab)"), "outline.outdent"));
  gtk_box_append (GTK_BOX (toolbar), tool_button ("go-up-symbolic", NULL, _("Move Up (Alt+Up)"), "outline.move-up"));
  gtk_box_append (GTK_BOX (toolbar), tool_button ("go-down-symbolic", NULL, _("Move Down (Alt+Down)"), "outline.move-down"));
  gtk_box_append (GTK_BOX (toolbar), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (toolbar), tool_button ("user-trash-symbolic", NULL, _("Delete with its sub-items (Delete)"), "outline.delete"));
  gtk_box_append (GTK_BOX (box), toolbar);

  /* The tree */
  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "data-table");
  gtk_column_view_set_show_row_separators (self->view, TRUE);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
  g_object_unref (self->selection);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selection_changed),
                           self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (item_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (item_bind), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (item_unbind), NULL);
  /* Translators: column of the outline: the numbered item (一、…) */
  self->item_column = add_column (self, _("Item"), factory, 0);
  self->node_column = add_column (self, _("Time Node"), column_factory (self, COL_NODE), 96);
  self->due_column = add_column (self, _("Due"), column_factory (self, COL_DUE), 96);
  self->status_column = add_column (self, _("Status"), column_factory (self, COL_STATUS), 70);
  self->progress_column = add_column (self, _("Progress"), column_factory (self, COL_PROGRESS), 96);

  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  /* Capture: Tab must not move the focus out of the tree first. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (shortcuts), GTK_PHASE_CAPTURE);
  add_shortcut (shortcuts, GDK_KEY_Insert, 0, "outline.add");
  add_shortcut (shortcuts, GDK_KEY_KP_Insert, 0, "outline.add");
  add_shortcut (shortcuts, GDK_KEY_Return, GDK_CONTROL_MASK, "outline.add");
  add_shortcut (shortcuts, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "outline.add");
  add_shortcut (shortcuts, GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "outline.add-child");
  add_shortcut (shortcuts, GDK_KEY_Tab, 0, "outline.indent");
  add_shortcut (shortcuts, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, "outline.outdent");
  add_shortcut (shortcuts, GDK_KEY_Tab, GDK_SHIFT_MASK, "outline.outdent");
  add_shortcut (shortcuts, GDK_KEY_Up, GDK_ALT_MASK, "outline.move-up");
  add_shortcut (shortcuts, GDK_KEY_Down, GDK_ALT_MASK, "outline.move-down");
  add_shortcut (shortcuts, GDK_KEY_Delete, 0, "outline.delete");
  add_shortcut (shortcuts, GDK_KEY_KP_Delete, 0, "outline.delete");
  add_shortcut (shortcuts, GDK_KEY_z, GDK_CONTROL_MASK, "outline.undo");
  gtk_widget_add_controller (GTK_WIDGET (self->view), GTK_EVENT_CONTROLLER (shortcuts));

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->view));
  gtk_widget_set_size_request (scrolled, 320, -1);
  gtk_paned_set_start_child (GTK_PANED (paned), scrolled);
  gtk_paned_set_resize_start_child (GTK_PANED (paned), TRUE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);

  /* The selected item's fields */
  adw_preferences_group_set_title (fields, _("Item"));
  self->title_row = entry_row (self, fields, _("Title"));
  g_signal_connect_object (self->title_row, "apply", G_CALLBACK (title_applied), self, G_CONNECT_SWAPPED);
  self->node_row = entry_row (self, fields, _("Time node"));
  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "x-office-calendar-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_tooltip_text (menu_button, _("Choose a festival or commemoration day"));
  adw_entry_row_add_suffix (self->node_row, menu_button);
  g_signal_connect_object (self->node_row, "apply", G_CALLBACK (text_field_applied), self, 0);
  self->due_row = entry_row (self, fields, _("Due date (YYYY-MM-DD)"));
  g_signal_connect_object (self->due_row, "apply", G_CALLBACK (text_field_applied), self, 0);
  self->responsible_row = entry_row (self, fields, _("Responsible unit or person"));
  g_signal_connect_object (self->responsible_row, "apply", G_CALLBACK (text_field_applied), self, 0);
  for (guint i = 0; statuses[i]; i++)
    gtk_string_list_append (status_names, sy_ui_status_label (statuses[i]));
  self->status_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Status"));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (status_names));
  adw_preferences_group_add (fields, GTK_WIDGET (self->status_row));
  g_signal_connect_object (self->status_row, "notify::selected", G_CALLBACK (status_selected), self,
                           G_CONNECT_SWAPPED);

  self->events_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->events_group, _("Linked Activities"));
  adw_preferences_group_set_description (self->events_group,
                                         _("A task counts as done once an activity linked to it has taken place."));
  self->linkable = g_list_store_new (SY_TYPE_EVENT);
  self->link_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->link_row), _("Link an activity"));
  adw_combo_row_set_model (self->link_row, G_LIST_MODEL (self->linkable));
  adw_combo_row_set_expression (self->link_row,
                                gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                             G_CALLBACK (event_caption), NULL, NULL));
  link_button = gtk_button_new_with_mnemonic (_("_Link"));
  gtk_widget_set_valign (link_button, GTK_ALIGN_CENTER);
  g_signal_connect_object (link_button, "clicked", G_CALLBACK (link_clicked), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->link_row), link_button);
  adw_preferences_group_add (self->events_group, GTK_WIDGET (self->link_row));
  self->event_rows = g_ptr_array_new ();

  self->plan_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->fields_group = fields;
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (detail_page), self->plan_group);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (detail_page), fields);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (detail_page), self->events_group);
  gtk_widget_set_size_request (detail_page, 300, -1);
  gtk_paned_set_end_child (GTK_PANED (paned), detail_page);
  gtk_paned_set_resize_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), TRUE);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (box), paned);

  adw_bin_set_child (ADW_BIN (self), box);
}

static void
sy_plan_outline_editor_dispose (GObject *object)
{
  SyPlanOutlineEditor *self = SY_PLAN_OUTLINE_EDITOR (object);

  if (self->undo_toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->undo_toast, self);
      self->undo_toast = NULL;
    }
  g_clear_pointer (&self->pending, sy_plan_deletion_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->children, g_hash_table_unref);
  g_clear_pointer (&self->progress, g_hash_table_unref);
  g_clear_pointer (&self->evidence, g_hash_table_unref);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  g_clear_pointer (&self->opening, g_hash_table_unref);
  g_clear_pointer (&self->event_rows, g_ptr_array_unref);
  g_clear_object (&self->linkable);
  g_clear_object (&self->repo);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (sy_plan_outline_editor_parent_class)->dispose (object);
}

static void
sy_plan_outline_editor_class_init (SyPlanOutlineEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_plan_outline_editor_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "outline.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "outline.add-child", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "outline.indent", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "outline.outdent", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "outline.move-up", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "outline.move-down", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "outline.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "outline.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "outline.set-node", "s", set_node_activated);
}

static void
sy_plan_outline_editor_init (SyPlanOutlineEditor *self)
{
  self->collapsed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->opening = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  build (self);
  reload (self, 0);
}

GtkWidget *
sy_plan_outline_editor_new (void)
{
  return g_object_new (SY_TYPE_PLAN_OUTLINE_EDITOR, NULL);
}
