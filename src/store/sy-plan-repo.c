/* sy-plan-repo.c: editing a plan's outline, its progress, the leading group
 *
 * Every outline operation loads the plan's items into a small tree, changes
 * the tree in memory, and then walks it once to give every row the parent,
 * position, level and label it must have (normalise()): one place decides
 * what a consistent outline is, whatever the operation, and stored data
 * that was never normalised (sparse positions, a level that disagrees with
 * the depth, a dangling parent) is repaired by the first edit.
 */
#include "sy-plan-repo.h"
#include "sy-assessment-repo.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sy-error.h"
#include "sy-queries.h"

struct _SyPlanRepo
{
  GObject     parent_instance;
  SyDatabase *db;
};

G_DEFINE_FINAL_TYPE (SyPlanRepo, sy_plan_repo, G_TYPE_OBJECT)

static void
sy_plan_repo_dispose (GObject *object)
{
  SyPlanRepo *self = SY_PLAN_REPO (object);

  g_clear_object (&self->db);
  G_OBJECT_CLASS (sy_plan_repo_parent_class)->dispose (object);
}

static void
sy_plan_repo_class_init (SyPlanRepoClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sy_plan_repo_dispose;
}

static void
sy_plan_repo_init (SyPlanRepo *self)
{
}

SyPlanRepo *
sy_plan_repo_new (SyDatabase *db)
{
  SyPlanRepo *self;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);
  self = g_object_new (SY_TYPE_PLAN_REPO, NULL);
  self->db = g_object_ref (db);
  return self;
}

SyDatabase *
sy_plan_repo_get_database (SyPlanRepo *self)
{
  g_return_val_if_fail (SY_IS_PLAN_REPO (self), NULL);
  return self->db;
}

/* --- plans ---------------------------------------------------------------- */

gboolean
sy_plan_repo_find_plan (SyPlanRepo *self,
                        gint64      unit_id,
                        int         year,
                        gint64     *plan_id,
                        GError    **error)
{
  g_autoptr(SyUnit) office = NULL;
  g_autoptr(GError) office_error = NULL;
  gint64 office_id;

  g_return_val_if_fail (SY_IS_PLAN_REPO (self), FALSE);
  g_return_val_if_fail (plan_id != NULL, FALSE);

  /* Imported plans carry no unit: they are the office's own, so a plan of
   * the office must not be created beside one of them. */
  office = sy_queries_office (self->db, &office_error);
  office_id = office != NULL ? sy_record_get_id (SY_RECORD (office)) : 0;
  if (unit_id == 0 || unit_id == office_id)
    return sy_database_query_int64 (self->db, plan_id,
                                    "SELECT MIN (id) FROM plan WHERE year = ##year::gint "
                                    "AND (unit_id IS NULL OR unit_id = ##office::gint64)",
                                    error, "year", G_TYPE_INT, year, "office", G_TYPE_INT64, office_id, NULL);
  return sy_database_query_int64 (self->db, plan_id,
                                  "SELECT MIN (id) FROM plan WHERE year = ##year::gint AND unit_id = ##unit::gint64",
                                  error, "year", G_TYPE_INT, year, "unit", G_TYPE_INT64, unit_id, NULL);
}

gboolean
sy_plan_repo_create_plan (SyPlanRepo *self,
                          gint64      unit_id,
                          int         year,
                          const char *title,
                          gint64     *plan_id,
                          GError    **error)
{
  g_autoptr(SyPlan) plan = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (title ? title : ""));
  gint64 existing = 0;

  g_return_val_if_fail (SY_IS_PLAN_REPO (self), FALSE);

  if (*stripped == '\0')
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("A plan needs a title"));
      return FALSE;
    }
  if (year < 1949 || year > 9999)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("%d is not a plan year (1949–9999)"), year);
      return FALSE;
    }
  if (!sy_database_begin (self->db, error))
    return FALSE;
  if (!sy_plan_repo_find_plan (self, unit_id, year, &existing, error))
    goto failed;
  if (existing != 0)
    {
      g_autoptr(SyPlan) other = sy_database_load (self->db, SY_TYPE_PLAN, existing, NULL);

      /* Translators: %d is a year, %s the title of the plan already there */
      g_set_error (error, SY_ERROR, SY_ERROR_DUPLICATE, _("There is already a plan for %d: “%s”"),
                   year, other != NULL ? sy_plan_get_title (other) : "");
      goto failed;
    }
  plan = sy_plan_new ();
  sy_plan_set_unit_id (plan, unit_id);
  sy_plan_set_year (plan, year);
  sy_plan_set_title (plan, stripped);
  if (!sy_database_insert (self->db, SY_RECORD (plan), error))
    goto failed;
  if (!sy_database_commit (self->db, error))
    return FALSE;
  if (plan_id != NULL)
    *plan_id = sy_record_get_id (SY_RECORD (plan));
  return TRUE;

failed:
  sy_database_rollback (self->db);
  return FALSE;
}

/* --- labels --------------------------------------------------------------- */

typedef enum {
  NUMERAL_NONE,
  NUMERAL_CHINESE,
  NUMERAL_DIGITS,
  NUMERAL_CIRCLED,
} NumeralKind;

static const char * const cn_digits[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

static gboolean
is_cn_numeral (gunichar c)
{
  return (c == 0x5341 /* 十 */ || c == 0x96F6 /* 零 */ || c == 0x767E /* 百 */
             || c == 0x4E00 || c == 0x4E8C || c == 0x4E09 || c == 0x56DB || c == 0x4E94
             || c == 0x516D || c == 0x4E03 || c == 0x516B || c == 0x4E5D);
}

/* Splits @label into prefix, numeral and suffix (byte offsets); NONE when
 * it holds no numeral. */
static NumeralKind
split_label (const char *label, gsize *numeral_start, gsize *numeral_end)
{
  const char *p;

  if (label == NULL)
    return NUMERAL_NONE;
  for (p = label; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      NumeralKind kind = NUMERAL_NONE;
      const char *q = p;

      if (g_unichar_isdigit (c) && c < 0x80)
        {
          kind = NUMERAL_DIGITS;
          while (*q >= '0' && *q <= '9')
            q++;
        }
      else if (c >= 0x2460 && c <= 0x2473)
        {
          kind = NUMERAL_CIRCLED;
          q = g_utf8_next_char (q);
        }
      else if (is_cn_numeral (c))
        {
          kind = NUMERAL_CHINESE;
          while (is_cn_numeral (g_utf8_get_char (q)))
            q = g_utf8_next_char (q);
        }
      if (kind != NUMERAL_NONE)
        {
          *numeral_start = p - label;
          *numeral_end = q - label;
          return kind;
        }
    }
  return NUMERAL_NONE;
}

static char *
chinese_numeral (int n)
{
  /* Plans never run past a few dozen items at one level; beyond 99 the
   * digits are still readable. */
  if (n <= 0 || n > 99)
    return g_strdup_printf ("%d", n);
  if (n < 10)
    return g_strdup (cn_digits[n]);
  if (n < 20)
    return g_strconcat ("十", n % 10 ? cn_digits[n % 10] : "", NULL);
  return g_strconcat (cn_digits[n / 10], "十", n % 10 ? cn_digits[n % 10] : "", NULL);
}

char *
sy_plan_label_format (const char *label_template, int n)
{
  gsize start = 0, end = 0;
  g_autofree char *numeral = NULL;

  switch (split_label (label_template, &start, &end))
    {
    case NUMERAL_NONE:
      return g_strdup ("");
    case NUMERAL_CHINESE:
      numeral = chinese_numeral (n);
      break;
    case NUMERAL_DIGITS:
      numeral = g_strdup_printf ("%d", n);
      break;
    case NUMERAL_CIRCLED:
      if (n >= 1 && n <= 20)
        {
          char buf[8] = { 0 };
          g_unichar_to_utf8 (0x2460 + n - 1, buf);
          numeral = g_strdup (buf);
        }
      else
        return g_strdup_printf ("(%d)", n);
      break;
    default:
      g_assert_not_reached ();
    }
  return g_strdup_printf ("%.*s%s%s", (int) start, label_template, numeral, label_template + end);
}

static const char * const default_styles[] = { "一、", "（一）", "1、", "1.", "（1）", "①" };

const char *
sy_plan_label_default (int depth)
{
  return default_styles[CLAMP (depth, 0, (int) G_N_ELEMENTS (default_styles) - 1)];
}

/* Two templates are the same style when they number alike ("三、" is "一、"). */
static gboolean
same_style (const char *a, const char *b)
{
  g_autofree char *fa = sy_plan_label_format (a, 1);
  g_autofree char *fb = sy_plan_label_format (b, 1);

  return g_strcmp0 (fa, fb) == 0;
}

char *
sy_plan_item_title_line (const char *title)
{
  const char *nl;

  if (title == NULL)
    return g_strdup ("");
  nl = strchr (title, '\n');
  return nl ? g_strndup (title, nl - title) : g_strdup (title);
}

/* --- the tree ------------------------------------------------------------ */

typedef struct _Node Node;
struct _Node
{
  SyPlanItem *row;      /* owned */
  Node       *parent;   /* NULL at the top */
  GPtrArray  *kids;     /* Node *, in order (not owned) */
};

typedef struct {
  gint64      plan_id;
  Node        root;     /* row NULL; its kids are the top level */
  GPtrArray  *nodes;    /* Node *, owned */
  GHashTable *by_id;    /* gint64 * → Node * */
  GPtrArray  *styles;   /* char *: the label template of each depth */
} Tree;

static void
node_free (Node *node)
{
  g_clear_object (&node->row);
  g_ptr_array_unref (node->kids);
  g_free (node);
}

static void
tree_free (Tree *tree)
{
  g_ptr_array_unref (tree->root.kids);
  g_ptr_array_unref (tree->nodes);
  g_hash_table_unref (tree->by_id);
  g_ptr_array_unref (tree->styles);
  g_free (tree);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Tree, tree_free)

static int
compare_rows (gconstpointer a, gconstpointer b)
{
  SyPlanItem *x = (*(Node * const *) a)->row, *y = (*(Node * const *) b)->row;
  int px = sy_plan_item_get_position (x), py = sy_plan_item_get_position (y);
  gint64 ix = sy_record_get_id (SY_RECORD (x)), iy = sy_record_get_id (SY_RECORD (y));

  if (px != py)
    return px < py ? -1 : 1;
  return ix < iy ? -1 : ix > iy;
}

static guint
node_index (Node *node)
{
  guint i = 0;

  g_assert (g_ptr_array_find (node->parent->kids, node, &i));
  return i;
}

static void
collect_styles (Tree *tree, Node *parent, guint depth)
{
  for (guint i = 0; i < parent->kids->len; i++)
    {
      Node *node = g_ptr_array_index (parent->kids, i);
      const char *label = sy_plan_item_get_label (node->row);
      gsize s, e;

      while (tree->styles->len <= depth)
        g_ptr_array_add (tree->styles, NULL);
      if (g_ptr_array_index (tree->styles, depth) == NULL && split_label (label, &s, &e) != NUMERAL_NONE)
        g_ptr_array_index (tree->styles, depth) = g_strdup (label);
      collect_styles (tree, node, depth + 1);
    }
}

/* Loads the plan's items: children sorted by (position, id); an item whose
 * parent is missing, or that sits on a parent cycle, goes to the top. */
static Tree *
tree_load (SyPlanRepo *self, gint64 plan_id, GError **error)
{
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(Tree) tree = g_new0 (Tree, 1);
  guint n;

  g_autofree char *sql = sy_database_select_all_sql (SY_TYPE_PLAN_ITEM);
  g_autofree char *full = g_strconcat (sql, " WHERE plan_id = ##pid::gint64", NULL);

  tree->plan_id = plan_id;
  tree->root.kids = g_ptr_array_new ();
  tree->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  tree->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  tree->styles = g_ptr_array_new_with_free_func (g_free);

  rows = sy_database_list (self->db, SY_TYPE_PLAN_ITEM, full, error, "pid", G_TYPE_INT64, plan_id, NULL);
  if (rows == NULL)
    return NULL;
  n = g_list_model_get_n_items (rows);
  for (guint i = 0; i < n; i++)
    {
      Node *node = g_new0 (Node, 1);
      gint64 id;

      node->row = g_list_model_get_item (rows, i);
      node->kids = g_ptr_array_new ();
      g_ptr_array_add (tree->nodes, node);
      id = sy_record_get_id (SY_RECORD (node->row));
      g_hash_table_insert (tree->by_id, g_memdup2 (&id, sizeof id), node);
    }
  for (guint i = 0; i < n; i++)
    {
      Node *node = g_ptr_array_index (tree->nodes, i);
      gint64 pid = sy_plan_item_get_parent_id (node->row);
      Node *parent = pid ? g_hash_table_lookup (tree->by_id, &pid) : NULL;

      /* A parent cycle would hang every walk: break it at this item. */
      if (parent != NULL)
        {
          Node *p = parent;
          guint steps = 0;

          for (; p != NULL && p != node && steps <= n; steps++)
            {
              gint64 ppid = sy_plan_item_get_parent_id (p->row);
              p = ppid ? g_hash_table_lookup (tree->by_id, &ppid) : NULL;
            }
          if (p != NULL)
            parent = NULL;
        }
      node->parent = parent ? parent : &tree->root;
    }
  for (guint i = 0; i < n; i++)
    {
      Node *node = g_ptr_array_index (tree->nodes, i);
      g_ptr_array_add (node->parent->kids, node);
    }
  g_ptr_array_sort (tree->root.kids, compare_rows);
  for (guint i = 0; i < n; i++)
    {
      Node *node = g_ptr_array_index (tree->nodes, i);
      g_ptr_array_sort (node->kids, compare_rows);
    }
  collect_styles (tree, &tree->root, 0);
  return g_steal_pointer (&tree);
}

static Node *
tree_find (Tree *tree, SyPlanItem *item, GError **error)
{
  gint64 id = sy_record_get_id (SY_RECORD (item));
  Node *node = g_hash_table_lookup (tree->by_id, &id);

  if (node == NULL)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND,
                   _("The plan item was deleted by someone else in the meantime"));
      return NULL;
    }
  return node;
}

/* The acting item is written from the caller's copy, so that its version
 * is the one checked (optimistic locking). */
static void
tree_adopt (Node *node, SyPlanItem *item)
{
  g_autoptr(SyPlanItem) copy = SY_PLAN_ITEM (sy_record_copy (SY_RECORD (item)));

  sy_plan_item_set_plan_id (copy, sy_plan_item_get_plan_id (node->row));
  sy_plan_item_set_parent_id (copy, sy_plan_item_get_parent_id (node->row));
  sy_plan_item_set_position (copy, sy_plan_item_get_position (node->row));
  sy_plan_item_set_level (copy, sy_plan_item_get_level (node->row));
  sy_plan_item_set_label (copy, sy_plan_item_get_label (node->row));
  g_set_object (&node->row, copy);
}

/* Fills the style of @depth if no item at that depth had one. */
static const char *
style_for_depth (Tree *tree, guint depth)
{
  while (tree->styles->len <= depth)
    g_ptr_array_add (tree->styles, NULL);
  if (g_ptr_array_index (tree->styles, depth) == NULL)
    {
      /* Every item at this depth may be an unlabelled # heading: keep
       * them unlabelled rather than invent numbers. */
      for (guint d = 0; d < G_N_ELEMENTS (default_styles); d++)
        {
          const char *candidate = sy_plan_label_default ((int) (depth + d) % (int) G_N_ELEMENTS (default_styles));
          gboolean used = FALSE;

          for (guint k = 0; k < tree->styles->len && !used; k++)
            used = k != depth && g_ptr_array_index (tree->styles, k) != NULL
                   && same_style (g_ptr_array_index (tree->styles, k), candidate);
          if (!used || d + 1 == G_N_ELEMENTS (default_styles))
            {
              g_ptr_array_index (tree->styles, depth) = g_strdup (candidate);
              break;
            }
        }
    }
  return g_ptr_array_index (tree->styles, depth);
}

static gboolean
depth_unlabelled (Tree *tree, Node *parent, guint depth, guint target, gboolean *any)
{
  for (guint i = 0; i < parent->kids->len; i++)
    {
      Node *node = g_ptr_array_index (parent->kids, i);
      const char *label = sy_plan_item_get_label (node->row);

      if (depth == target)
        {
          *any = TRUE;
          if (label != NULL && *label != '\0')
            return FALSE;
        }
      else if (!depth_unlabelled (tree, node, depth + 1, target, any))
        return FALSE;
    }
  return TRUE;
}

static gboolean
normalise_kids (SyPlanRepo *self, Tree *tree, Node *parent, guint depth, GError **error)
{
  const char *style = NULL;

  for (guint i = 0; i < parent->kids->len; i++)
    {
      Node *node = g_ptr_array_index (parent->kids, i);
      SyPlanItem *row = node->row;
      gint64 parent_id = parent->row ? sy_record_get_id (SY_RECORD (parent->row)) : 0;
      g_autofree char *label = NULL;

      if (style == NULL)
        style = style_for_depth (tree, depth);
      label = sy_plan_label_format (style, (int) i + 1);
      if (sy_plan_item_get_parent_id (row) != parent_id
          || sy_plan_item_get_position (row) != (int) i
          || sy_plan_item_get_level (row) != (int) depth
          || g_strcmp0 (sy_plan_item_get_label (row) ? sy_plan_item_get_label (row) : "", label) != 0
          || g_object_get_data (G_OBJECT (row), "sy-plan-repo-dirty") != NULL)
        {
          sy_plan_item_set_parent_id (row, parent_id);
          sy_plan_item_set_position (row, (int) i);
          sy_plan_item_set_level (row, (int) depth);
          sy_plan_item_set_label (row, label);
          if (!sy_database_update (self->db, SY_RECORD (row), error))
            return FALSE;
          g_object_set_data (G_OBJECT (row), "sy-plan-repo-dirty", NULL);
        }
      if (!normalise_kids (self, tree, node, depth + 1, error))
        return FALSE;
    }
  return TRUE;
}

static void
mark_unlabelled_depths (Tree *tree)
{
  /* A depth whose items all carry empty labels (# headings) keeps them
   * empty: its style is "". */
  for (guint d = 0; d < tree->styles->len; d++)
    {
      gboolean any = FALSE;

      if (g_ptr_array_index (tree->styles, d) == NULL
          && depth_unlabelled (tree, &tree->root, 0, d, &any) && any)
        g_ptr_array_index (tree->styles, d) = g_strdup ("");
    }
}

static gboolean
tree_save (SyPlanRepo *self, Tree *tree, GError **error)
{
  return normalise_kids (self, tree, &tree->root, 0, error);
}

/* Runs @op on the loaded tree of @plan_id and normalises it, in one
 * transaction. */
typedef gboolean (*TreeOp) (SyPlanRepo *self, Tree *tree, gpointer data, GError **error);

static gboolean
run (SyPlanRepo *self, gint64 plan_id, TreeOp op, gpointer data, GError **error)
{
  g_autoptr(Tree) tree = NULL;

  if (!sy_database_begin (self->db, error))
    return FALSE;
  tree = tree_load (self, plan_id, error);
  if (tree == NULL)
    goto fail;
  mark_unlabelled_depths (tree);
  if (!op (self, tree, data, error) || !tree_save (self, tree, error))
    goto fail;
  return sy_database_commit (self->db, error);

fail:
  sy_database_rollback (self->db);
  return FALSE;
}

/* --- outline operations ------------------------------------------------------ */

typedef struct {
  SyPlanItem    *anchor;
  SyPlanAddMode  mode;
  const char    *title;
  SyPlanItem    *added;  /* out */
} AddData;

static gboolean
op_add (SyPlanRepo *self, Tree *tree, gpointer data, GError **error)
{
  AddData *d = data;
  Node *parent = &tree->root, *node;
  guint index = tree->root.kids->len;

  if (d->anchor != NULL)
    {
      Node *anchor = tree_find (tree, d->anchor, error);

      if (anchor == NULL)
        return FALSE;
      if (d->mode == SY_PLAN_ADD_CHILD)
        {
          parent = anchor;
          index = anchor->kids->len;
        }
      else
        {
          parent = anchor->parent;
          index = node_index (anchor) + 1;
        }
    }

  node = g_new0 (Node, 1);
  node->row = sy_plan_item_new ();
  node->kids = g_ptr_array_new ();
  node->parent = parent;
  g_ptr_array_add (tree->nodes, node);
  g_ptr_array_insert (parent->kids, index, node);

  sy_plan_item_set_plan_id (node->row, tree->plan_id);
  sy_plan_item_set_parent_id (node->row, parent->row ? sy_record_get_id (SY_RECORD (parent->row)) : 0);
  sy_plan_item_set_position (node->row, (int) index);
  sy_plan_item_set_title (node->row, d->title);
  sy_plan_item_set_status (node->row, "planned");
  /* Inserted first so it has an id; normalise() then gives it its level
   * and label with the rest. */
  if (!sy_database_insert (self->db, SY_RECORD (node->row), error))
    return FALSE;
  g_object_set_data (G_OBJECT (node->row), "sy-plan-repo-dirty", GINT_TO_POINTER (1));
  sy_plan_item_set_label (node->row, NULL);
  d->added = g_object_ref (node->row);
  return TRUE;
}

SyPlanItem *
sy_plan_repo_add_item (SyPlanRepo    *self,
                       gint64         plan_id,
                       SyPlanItem    *anchor,
                       SyPlanAddMode  mode,
                       const char    *title,
                       GError       **error)
{
  AddData data = { anchor, mode, title, NULL };
  g_autofree char *trimmed = g_strstrip (g_strdup (title ? title : ""));

  g_return_val_if_fail (SY_IS_PLAN_REPO (self), NULL);
  if (*trimmed == '\0')
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("A plan item needs a title"));
      return NULL;
    }
  if (anchor != NULL && sy_plan_item_get_plan_id (anchor) != plan_id)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("The item belongs to another plan"));
      return NULL;
    }
  data.title = trimmed;
  if (!run (self, plan_id, op_add, &data, error))
    {
      g_clear_object (&data.added);
      return NULL;
    }
  return data.added;
}

typedef enum { MOVE_INDENT, MOVE_OUTDENT, MOVE_UP, MOVE_DOWN } MoveKind;

typedef struct {
  SyPlanItem *item;
  MoveKind    kind;
} MoveData;

static gboolean
op_move (SyPlanRepo *self, Tree *tree, gpointer data, GError **error)
{
  MoveData *d = data;
  Node *node = tree_find (tree, d->item, error);
  Node *parent;
  guint index;

  if (node == NULL)
    return FALSE;
  parent = node->parent;
  index = node_index (node);
  tree_adopt (node, d->item);

  switch (d->kind)
    {
    case MOVE_INDENT:
      {
        Node *prev;

        if (index == 0)
          {
            g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                         _("The first item of a section cannot be indented"));
            return FALSE;
          }
        prev = g_ptr_array_index (parent->kids, index - 1);
        g_ptr_array_remove_index (parent->kids, index);
        g_ptr_array_add (prev->kids, node);
        node->parent = prev;
      }
      break;
    case MOVE_OUTDENT:
      {
        Node *grand = parent->parent;
        guint parent_index;

        if (grand == NULL)
          {
            g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                         _("An item at the top level cannot be outdented"));
            return FALSE;
          }
        parent_index = node_index (parent);
        /* The later siblings follow it as its children: what reads after
         * it stays after it. */
        while (parent->kids->len > index + 1)
          {
            Node *later = g_ptr_array_steal_index (parent->kids, index + 1);

            later->parent = node;
            g_ptr_array_add (node->kids, later);
          }
        g_ptr_array_remove_index (parent->kids, index);
        g_ptr_array_insert (grand->kids, parent_index + 1, node);
        node->parent = grand;
      }
      break;
    case MOVE_UP:
    case MOVE_DOWN:
      {
        guint other = d->kind == MOVE_UP ? index - 1 : index + 1;

        if ((d->kind == MOVE_UP && index == 0) || (d->kind == MOVE_DOWN && index + 1 >= parent->kids->len))
          {
            g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                         d->kind == MOVE_UP ? _("The item is already the first of its section")
                                            : _("The item is already the last of its section"));
            return FALSE;
          }
        parent->kids->pdata[index] = parent->kids->pdata[other];
        parent->kids->pdata[other] = node;
      }
      break;
    default:
      g_assert_not_reached ();
    }
  /* The acting row is written even if only its neighbours moved, so that a
   * stale copy is refused. */
  g_object_set_data (G_OBJECT (node->row), "sy-plan-repo-dirty", GINT_TO_POINTER (1));
  return TRUE;
}

static gboolean
move (SyPlanRepo *self, SyPlanItem *item, MoveKind kind, GError **error)
{
  MoveData data = { item, kind };

  g_return_val_if_fail (SY_IS_PLAN_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_PLAN_ITEM (item), FALSE);
  if (!run (self, sy_plan_item_get_plan_id (item), op_move, &data, error))
    return FALSE;
  return TRUE;
}

gboolean
sy_plan_repo_indent (SyPlanRepo *self, SyPlanItem *item, GError **error)
{
  return move (self, item, MOVE_INDENT, error);
}

gboolean
sy_plan_repo_outdent (SyPlanRepo *self, SyPlanItem *item, GError **error)
{
  return move (self, item, MOVE_OUTDENT, error);
}

gboolean
sy_plan_repo_move_up (SyPlanRepo *self, SyPlanItem *item, GError **error)
{
  return move (self, item, MOVE_UP, error);
}

gboolean
sy_plan_repo_move_down (SyPlanRepo *self, SyPlanItem *item, GError **error)
{
  return move (self, item, MOVE_DOWN, error);
}

/* --- delete and restore ------------------------------------------------------ */

typedef struct {
  gint64 event_id;
  gint64 item_id;   /* the deleted item's old id */
} EventLink;

struct _SyPlanDeletion
{
  gint64     plan_id;
  gint64     parent_id;   /* of the root; 0 at the top */
  int        position;    /* of the root among its siblings */
  GPtrArray *rows;        /* SyPlanItem copies, root first, parents before children */
  GArray    *links;       /* EventLink */
  char      *title;
};

void
sy_plan_deletion_free (SyPlanDeletion *deletion)
{
  if (deletion == NULL)
    return;
  g_ptr_array_unref (deletion->rows);
  g_array_unref (deletion->links);
  g_free (deletion->title);
  g_free (deletion);
}

guint
sy_plan_deletion_get_n_items (SyPlanDeletion *deletion)
{
  return deletion->rows->len;
}

const char *
sy_plan_deletion_get_title (SyPlanDeletion *deletion)
{
  return deletion->title;
}

static void
collect_subtree (Node *node, GPtrArray *out)
{
  g_ptr_array_add (out, node);
  for (guint i = 0; i < node->kids->len; i++)
    collect_subtree (g_ptr_array_index (node->kids, i), out);
}

typedef struct {
  SyPlanItem     *item;
  SyPlanDeletion *deletion;  /* out */
} DeleteData;

static gboolean
op_delete (SyPlanRepo *self, Tree *tree, gpointer data, GError **error)
{
  DeleteData *d = data;
  Node *node = tree_find (tree, d->item, error);
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();
  SyPlanDeletion *del;

  if (node == NULL)
    return FALSE;
  tree_adopt (node, d->item);
  collect_subtree (node, doomed);

  del = g_new0 (SyPlanDeletion, 1);
  d->deletion = del;
  del->plan_id = tree->plan_id;
  del->parent_id = node->parent->row ? sy_record_get_id (SY_RECORD (node->parent->row)) : 0;
  del->position = (int) node_index (node);
  del->rows = g_ptr_array_new_with_free_func (g_object_unref);
  del->links = g_array_new (FALSE, FALSE, sizeof (EventLink));
  del->title = sy_plan_item_title_line (sy_plan_item_get_title (node->row));

  for (guint i = 0; i < doomed->len; i++)
    {
      Node *n = g_ptr_array_index (doomed, i);
      gint64 id = sy_record_get_id (SY_RECORD (n->row));
      g_autofree char *sql = sy_database_select_all_sql (SY_TYPE_EVENT);
      g_autofree char *full = g_strconcat (sql, " WHERE plan_item_id = ##iid::gint64 ORDER BY id", NULL);
      g_autoptr(GListModel) events = sy_database_list (self->db, SY_TYPE_EVENT, full, error,
                                                       "iid", G_TYPE_INT64, id, NULL);

      if (events == NULL)
        return FALSE;
      g_ptr_array_add (del->rows, sy_record_copy (SY_RECORD (n->row)));
      /* Unlinked through the record, not by the foreign key's SET NULL, so
       * that the activity's version and audit trail show it. */
      for (guint k = 0; k < g_list_model_get_n_items (events); k++)
        {
          g_autoptr(SyEvent) event = g_list_model_get_item (events, k);
          EventLink link = { sy_record_get_id (SY_RECORD (event)), id };

          sy_event_set_plan_item_id (event, 0);
          if (!sy_database_update (self->db, SY_RECORD (event), error))
            return FALSE;
          g_array_append_val (del->links, link);
        }
    }
  /* Children first: each delete is audited, none left to the cascade. */
  for (guint i = doomed->len; i-- > 0;)
    {
      Node *n = g_ptr_array_index (doomed, i);

      /* 考评 links have no foreign key (one column serves several tables). */
      if (!sy_assessment_repo_delete_links_for (self->db, SY_ASSESSMENT_PLAN_ITEM,
                                                sy_record_get_id (SY_RECORD (n->row)), error)
          || !sy_database_delete (self->db, SY_RECORD (n->row), error))
        return FALSE;
    }
  g_ptr_array_remove (node->parent->kids, node);
  for (guint i = 0; i < doomed->len; i++)
    {
      Node *n = g_ptr_array_index (doomed, i);
      gint64 id = sy_record_get_id (SY_RECORD (n->row));

      g_hash_table_remove (tree->by_id, &id);
      g_ptr_array_set_size (n->kids, 0);
    }
  return TRUE;
}

SyPlanDeletion *
sy_plan_repo_delete (SyPlanRepo *self, SyPlanItem *item, GError **error)
{
  DeleteData data = { item, NULL };

  g_return_val_if_fail (SY_IS_PLAN_REPO (self), NULL);
  g_return_val_if_fail (SY_IS_PLAN_ITEM (item), NULL);
  if (!run (self, sy_plan_item_get_plan_id (item), op_delete, &data, error))
    {
      sy_plan_deletion_free (data.deletion);
      return NULL;
    }
  return data.deletion;
}

typedef struct {
  SyPlanDeletion *deletion;
  SyPlanItem     *root;  /* out */
} RestoreData;

static gboolean
op_restore (SyPlanRepo *self, Tree *tree, gpointer data, GError **error)
{
  RestoreData *d = data;
  SyPlanDeletion *del = d->deletion;
  g_autoptr(GHashTable) new_nodes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  Node *parent = del->parent_id ? g_hash_table_lookup (tree->by_id, &del->parent_id) : NULL;
  guint index;

  if (parent == NULL)
    {
      parent = &tree->root;
      index = del->parent_id ? parent->kids->len : MIN ((guint) del->position, parent->kids->len);
    }
  else
    index = MIN ((guint) del->position, parent->kids->len);

  for (guint i = 0; i < del->rows->len; i++)
    {
      SyPlanItem *saved = g_ptr_array_index (del->rows, i);
      gint64 old_id = sy_record_get_id (SY_RECORD (saved));
      Node *node = g_new0 (Node, 1);
      Node *up;

      node->row = sy_plan_item_new ();
      node->kids = g_ptr_array_new ();
      sy_plan_item_set_plan_id (node->row, tree->plan_id);
      sy_plan_item_set_title (node->row, sy_plan_item_get_title (saved));
      sy_plan_item_set_time_node (node->row, sy_plan_item_get_time_node (saved));
      sy_plan_item_set_due_date (node->row, sy_plan_item_get_due_date (saved));
      sy_plan_item_set_responsible (node->row, sy_plan_item_get_responsible (saved));
      sy_plan_item_set_status (node->row, sy_plan_item_get_status (saved));
      sy_plan_item_set_label (node->row, sy_plan_item_get_label (saved));
      sy_plan_item_set_level (node->row, sy_plan_item_get_level (saved));
      sy_plan_item_set_position (node->row, sy_plan_item_get_position (saved));
      if (i == 0)
        {
          up = parent;
          g_ptr_array_insert (parent->kids, index, node);
        }
      else
        {
          gint64 pid = sy_plan_item_get_parent_id (saved);

          up = g_hash_table_lookup (new_nodes, &pid);
          /* Copies are stored parents first, so the parent is there. */
          g_assert (up != NULL);
          g_ptr_array_add (up->kids, node);
        }
      node->parent = up;
      sy_plan_item_set_parent_id (node->row, up->row ? sy_record_get_id (SY_RECORD (up->row)) : 0);
      if (!sy_database_insert (self->db, SY_RECORD (node->row), error))
        {
          node_free (node);
          return FALSE;
        }
      g_ptr_array_add (tree->nodes, node);
      g_hash_table_insert (new_nodes, g_memdup2 (&old_id, sizeof old_id), node);
      if (i == 0)
        d->root = g_object_ref (node->row);
    }

  for (guint i = 0; i < del->links->len; i++)
    {
      EventLink *link = &g_array_index (del->links, EventLink, i);
      Node *node = g_hash_table_lookup (new_nodes, &link->item_id);
      g_autoptr(SyEvent) event = sy_database_load (self->db, SY_TYPE_EVENT, link->event_id, NULL);

      /* An activity deleted or linked elsewhere since is left as it is. */
      if (event == NULL || sy_event_get_plan_item_id (event) != 0 || node == NULL)
        continue;
      sy_event_set_plan_item_id (event, sy_record_get_id (SY_RECORD (node->row)));
      if (!sy_database_update (self->db, SY_RECORD (event), error))
        return FALSE;
    }
  return TRUE;
}

SyPlanItem *
sy_plan_repo_restore (SyPlanRepo *self, SyPlanDeletion *deletion, GError **error)
{
  RestoreData data = { deletion, NULL };

  g_return_val_if_fail (SY_IS_PLAN_REPO (self), NULL);
  g_return_val_if_fail (deletion != NULL, NULL);
  if (!run (self, deletion->plan_id, op_restore, &data, error))
    {
      g_clear_object (&data.root);
      return NULL;
    }
  /* The root as stored after normalising (its level, position, label). */
  if (data.root != NULL)
    {
      SyPlanItem *stored = sy_database_load (self->db, SY_TYPE_PLAN_ITEM,
                                             sy_record_get_id (SY_RECORD (data.root)), error);
      g_object_unref (data.root);
      return stored;
    }
  return NULL;
}

/* --- fields --------------------------------------------------------------- */

static const char * const statuses[] = { "planned", "in_progress", "done", "dropped", NULL };

const char * const *
sy_plan_repo_statuses (void)
{
  return statuses;
}

static gboolean
valid_date (const char *text)
{
  int y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  return text[4] == '-' && text[7] == '-';
}

gboolean
sy_plan_repo_save_fields (SyPlanRepo *self, SyPlanItem *item, GError **error)
{
  g_autoptr(SyPlanItem) stored = NULL;
  g_autoptr(SyPlanItem) work = NULL;
  g_autofree char *title = NULL;
  const char *due = sy_plan_item_get_due_date (item);
  const char *status = sy_plan_item_get_status (item);

  g_return_val_if_fail (SY_IS_PLAN_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_PLAN_ITEM (item), FALSE);

  title = g_strstrip (g_strdup (sy_plan_item_get_title (item) ? sy_plan_item_get_title (item) : ""));
  if (*title == '\0')
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("A plan item needs a title"));
      return FALSE;
    }
  if (due != NULL && *due != '\0' && !valid_date (due))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The due date “%s” is not a date (YYYY-MM-DD)"), due);
      return FALSE;
    }
  if (status == NULL || !g_strv_contains (statuses, status))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("Unknown status “%s” (planned, in_progress, done or dropped)"),
                   status ? status : "");
      return FALSE;
    }

  stored = sy_database_load (self->db, SY_TYPE_PLAN_ITEM, sy_record_get_id (SY_RECORD (item)), error);
  if (stored == NULL)
    return FALSE;
  work = SY_PLAN_ITEM (sy_record_copy (SY_RECORD (item)));
  sy_plan_item_set_title (work, title);
  if (due != NULL && *due == '\0')
    sy_plan_item_set_due_date (work, NULL);
  sy_plan_item_set_plan_id (work, sy_plan_item_get_plan_id (stored));
  sy_plan_item_set_parent_id (work, sy_plan_item_get_parent_id (stored));
  sy_plan_item_set_position (work, sy_plan_item_get_position (stored));
  sy_plan_item_set_level (work, sy_plan_item_get_level (stored));
  sy_plan_item_set_label (work, sy_plan_item_get_label (stored));
  if (!sy_database_update (self->db, SY_RECORD (work), error))
    return FALSE;

  sy_plan_item_set_title (item, title);
  sy_plan_item_set_due_date (item, sy_plan_item_get_due_date (work));
  sy_plan_item_set_parent_id (item, sy_plan_item_get_parent_id (work));
  sy_plan_item_set_position (item, sy_plan_item_get_position (work));
  sy_plan_item_set_level (item, sy_plan_item_get_level (work));
  sy_plan_item_set_label (item, sy_plan_item_get_label (work));
  sy_record_set_version (SY_RECORD (item), sy_record_get_version (SY_RECORD (work)));
  return TRUE;
}

gboolean
sy_plan_repo_rename (SyPlanRepo *self, SyPlanItem *item, const char *title, GError **error)
{
  g_autoptr(SyPlanItem) work = SY_PLAN_ITEM (sy_record_copy (SY_RECORD (item)));

  sy_plan_item_set_title (work, title);
  if (!sy_plan_repo_save_fields (self, work, error))
    return FALSE;
  sy_plan_item_set_title (item, sy_plan_item_get_title (work));
  sy_record_set_version (SY_RECORD (item), sy_record_get_version (SY_RECORD (work)));
  return TRUE;
}

gboolean
sy_plan_repo_link_event (SyPlanRepo *self, gint64 event_id, gint64 item_id, GError **error)
{
  g_autoptr(SyEvent) event = NULL;

  g_return_val_if_fail (SY_IS_PLAN_REPO (self), FALSE);
  event = sy_database_load (self->db, SY_TYPE_EVENT, event_id, error);
  if (event == NULL)
    return FALSE;
  if (item_id != 0)
    {
      g_autoptr(SyPlanItem) item = sy_database_load (self->db, SY_TYPE_PLAN_ITEM, item_id, error);

      if (item == NULL)
        return FALSE;
    }
  if (sy_event_get_plan_item_id (event) == item_id)
    return TRUE;
  sy_event_set_plan_item_id (event, item_id);
  return sy_database_update (self->db, SY_RECORD (event), error);
}

/* --- progress -------------------------------------------------------------- */

static void
add_progress (SyPlanProgress *into, const SyPlanProgress *p)
{
  into->done += p->done;
  into->total += p->total;
}

static SyPlanProgress
progress_of (Node *node, GHashTable *evidence, GHashTable *out)
{
  SyPlanProgress p = { 0, 0 };
  gint64 id = sy_record_get_id (SY_RECORD (node->row));
  gint64 *key;

  if (node->kids->len == 0)
    {
      if (g_strcmp0 (sy_plan_item_get_status (node->row), "dropped") != 0)
        {
          p.total = 1;
          p.done = g_strcmp0 (sy_plan_item_get_status (node->row), "done") == 0
                   || GPOINTER_TO_INT (g_hash_table_lookup (evidence, &id)) > 0;
        }
    }
  else
    for (guint i = 0; i < node->kids->len; i++)
      {
        SyPlanProgress kid = progress_of (g_ptr_array_index (node->kids, i), evidence, out);
        add_progress (&p, &kid);
      }
  key = g_memdup2 (&id, sizeof id);
  g_hash_table_insert (out, key, g_memdup2 (&p, sizeof p));
  return p;
}

GHashTable *
sy_plan_repo_progress (SyPlanRepo     *self,
                       gint64          plan_id,
                       const char     *today,
                       SyPlanProgress *plan,
                       GError        **error)
{
  g_autoptr(Tree) tree = NULL;
  g_autoptr(GHashTable) evidence = NULL;
  GHashTable *out;
  SyPlanProgress total = { 0, 0 };

  g_return_val_if_fail (SY_IS_PLAN_REPO (self), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  tree = tree_load (self, plan_id, error);
  if (tree == NULL)
    return NULL;
  evidence = sy_queries_plan_item_evidence (self->db, plan_id, today, error);
  if (evidence == NULL)
    return NULL;
  out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < tree->root.kids->len; i++)
    {
      SyPlanProgress p = progress_of (g_ptr_array_index (tree->root.kids, i), evidence, out);
      add_progress (&total, &p);
    }
  if (plan != NULL)
    *plan = total;
  return out;
}

/* --- leading group ------------------------------------------------------------ */

static gboolean
check_member (SyLeadingGroupMember *member, GError **error)
{
  static const char * const roles[] = { "组长", "副组长", "成员", NULL };
  const char *name = sy_leading_group_member_get_name (member);
  const char *from = sy_leading_group_member_get_effective_from (member);
  const char *to = sy_leading_group_member_get_effective_to (member);
  const char *role = sy_leading_group_member_get_role (member);

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("A member needs a name"));
      return FALSE;
    }
  if (role == NULL || !g_strv_contains (roles, role))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("Unknown role “%s” (组长, 副组长 or 成员)"), role ? role : "");
      return FALSE;
    }
  if (!valid_date (from))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The start date “%s” is not a date (YYYY-MM-DD)"), from ? from : "");
      return FALSE;
    }
  if (to != NULL && (!valid_date (to) || strcmp (to, from) < 0))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The end date “%s” is not a date on or after the start"), to);
      return FALSE;
    }
  return TRUE;
}

gboolean
sy_plan_repo_add_member (SyPlanRepo *self, SyLeadingGroupMember *member, GError **error)
{
  g_return_val_if_fail (SY_IS_PLAN_REPO (self), FALSE);
  if (!check_member (member, error))
    return FALSE;
  return sy_database_insert (self->db, SY_RECORD (member), error);
}

gboolean
sy_plan_repo_change_member (SyPlanRepo           *self,
                            SyLeadingGroupMember *old,
                            SyLeadingGroupMember *replacement,
                            const char           *date,
                            GError              **error)
{
  g_autoptr(SyLeadingGroupMember) ended = NULL;
  GDate d;
  char eve[16];

  g_return_val_if_fail (SY_IS_PLAN_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_LEADING_GROUP_MEMBER (old), FALSE);

  if (!valid_date (date))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The date of the change “%s” is not a date (YYYY-MM-DD)"), date ? date : "");
      return FALSE;
    }
  if (strcmp (date, sy_leading_group_member_get_effective_from (old)) <= 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The change must be dated after the member started (%s)"),
                   sy_leading_group_member_get_effective_from (old));
      return FALSE;
    }
  g_date_clear (&d, 1);
  g_date_set_parse (&d, date);
  g_date_subtract_days (&d, 1);
  g_snprintf (eve, sizeof eve, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));

  ended = SY_LEADING_GROUP_MEMBER (sy_record_copy (SY_RECORD (old)));
  sy_leading_group_member_set_effective_to (ended, eve);
  if (replacement != NULL)
    {
      sy_leading_group_member_set_effective_from (replacement, date);
      if (sy_leading_group_member_get_unit_id (replacement) == 0)
        sy_leading_group_member_set_unit_id (replacement, sy_leading_group_member_get_unit_id (old));
      if (!check_member (replacement, error))
        return FALSE;
    }

  if (!sy_database_begin (self->db, error))
    return FALSE;
  if (!sy_database_update (self->db, SY_RECORD (ended), error)
      || (replacement != NULL && !sy_database_insert (self->db, SY_RECORD (replacement), error)))
    {
      sy_database_rollback (self->db);
      return FALSE;
    }
  if (!sy_database_commit (self->db, error))
    return FALSE;
  sy_leading_group_member_set_effective_to (old, eve);
  sy_record_set_version (SY_RECORD (old), sy_record_get_version (SY_RECORD (ended)));
  return TRUE;
}

guint
sy_plan_repo_quarters_without_meeting (SyPlanRepo *self, int year, const char *today, GError **error)
{
  int counts[4];
  guint mask = 0;

  g_return_val_if_fail (SY_IS_PLAN_REPO (self), 0);
  if (!sy_queries_meetings_per_quarter (self->db, year, counts, error))
    return 0;
  for (int q = 0; q < 4; q++)
    {
      char start[16];

      g_snprintf (start, sizeof start, "%04d-%02d-01", year, q * 3 + 1);
      if (counts[q] == 0 && today != NULL && strcmp (start, today) <= 0)
        mask |= 1u << q;
    }
  return mask;
}
