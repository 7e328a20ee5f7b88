/* test-plan-repo.c: the outline operations, progress, visits due, the
 * leading group's history and the quarter-without-meeting flag
 *
 * The random test runs 200 operations against the repository and against
 * an in-memory outline (a tree of titles, every title unique) with the
 * semantics sy-plan-repo.h promises, and compares the stored outline with
 * the model after each step: document order, levels, dense positions,
 * parents and labels.
 */
#include "sy-store.h"
#include "sy-test-util.h"
#include "sy-test-db.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char       *dir;
  SyDatabase *db;
  SyPlanRepo *repo;
  gint64      plan_id;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyPlan) plan = sy_plan_new ();

  f->db = sy_test_open_database (&f->dir);
  sy_database_set_actor (f->db, "desk-a");
  f->repo = sy_plan_repo_new (f->db);

  sy_plan_set_year (plan, 2025);
  sy_plan_set_title (plan, "2025年双拥工作计划");
  g_assert_true (sy_database_insert (f->db, SY_RECORD (plan), &error));
  g_assert_no_error (error);
  f->plan_id = sy_record_get_id (SY_RECORD (plan));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->repo);
  g_clear_object (&f->db);
  sy_test_remove_tree (f->dir);
  g_free (f->dir);
}

static GListModel *
items (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GListModel *list = sy_queries_plan_items (f->db, f->plan_id, &error);

  g_assert_no_error (error);
  return list;
}

static SyPlanItem *
find (Fixture *f, const char *title)
{
  g_autoptr(GListModel) list = items (f);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(SyPlanItem) item = g_list_model_get_item (list, i);

      if (g_strcmp0 (sy_plan_item_get_title (item), title) == 0)
        return g_steal_pointer (&item);
    }
  g_error ("no item %s", title);
  return NULL;
}

static SyPlanItem *
add (Fixture *f, const char *anchor, SyPlanAddMode mode, const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyPlanItem) a = anchor ? find (f, anchor) : NULL;
  SyPlanItem *item = sy_plan_repo_add_item (f->repo, f->plan_id, a, mode, title, &error);

  g_assert_no_error (error);
  g_assert_nonnull (item);
  return item;
}

/* "LABEL TITLE" per item, two spaces per level, and a check of the stored
 * invariants: level = depth, dense positions, parent of each item. */
static char *
outline_text (Fixture *f)
{
  g_autoptr(GListModel) list = items (f);
  g_autoptr(GHashTable) level_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) next_pos = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(SyPlanItem) item = g_list_model_get_item (list, i);
      gint64 id = sy_record_get_id (SY_RECORD (item));
      gint64 parent = sy_plan_item_get_parent_id (item);
      int level = sy_plan_item_get_level (item);
      int expected_level = 0;
      int expected_pos = GPOINTER_TO_INT (g_hash_table_lookup (next_pos, &parent));

      if (parent != 0)
        {
          g_assert_true (g_hash_table_contains (level_of, &parent));
          expected_level = GPOINTER_TO_INT (g_hash_table_lookup (level_of, &parent)) + 1;
        }
      g_assert_cmpint (level, ==, expected_level);
      g_assert_cmpint (sy_plan_item_get_position (item), ==, expected_pos);
      g_hash_table_insert (next_pos, g_memdup2 (&parent, sizeof parent), GINT_TO_POINTER (expected_pos + 1));
      g_hash_table_insert (level_of, g_memdup2 (&id, sizeof id), GINT_TO_POINTER (level));
      for (int k = 0; k < level; k++)
        g_string_append (out, "  ");
      g_string_append_printf (out, "%s %s\n", sy_plan_item_get_label (item), sy_plan_item_get_title (item));
    }
  return g_string_free (out, FALSE);
}

/* --- labels ----------------------------------------------------------------- */

static void
test_label_format (void)
{
  struct { const char *tmpl; int n; const char *want; } cases[] = {
    { "一、", 1, "一、" }, { "一、", 10, "十、" }, { "三、", 12, "十二、" }, { "一、", 20, "二十、" },
    { "一、", 35, "三十五、" }, { "（一）", 4, "（四）" }, { "(二)", 3, "(三)" }, { "1、", 11, "11、" },
    { "1.", 2, "2." }, { "1．", 3, "3．" }, { "（1）", 7, "（7）" }, { "①", 3, "③" },
    { "①", 21, "(21)" }, { "第一条", 9, "第九条" }, { "", 3, "" }, { NULL, 3, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = sy_plan_label_format (cases[i].tmpl, cases[i].n);
      g_assert_cmpstr (got, ==, cases[i].want);
    }
  g_assert_cmpstr (sy_plan_label_default (0), ==, "一、");
  g_assert_cmpstr (sy_plan_label_default (1), ==, "（一）");
  g_assert_cmpstr (sy_plan_label_default (2), ==, "1、");
  g_assert_cmpstr (sy_plan_label_default (3), ==, "1.");
}

/* --- deterministic operations ---------------------------------------------------- */

static void
build_sample (Fixture *f)
{
  g_autoptr(SyPlanItem) a = add (f, NULL, SY_PLAN_ADD_AFTER, "A");
  g_autoptr(SyPlanItem) a1 = add (f, "A", SY_PLAN_ADD_CHILD, "a1");
  g_autoptr(SyPlanItem) a2 = add (f, "a1", SY_PLAN_ADD_AFTER, "a2");
  g_autoptr(SyPlanItem) a3 = add (f, "a2", SY_PLAN_ADD_AFTER, "a3");
  g_autoptr(SyPlanItem) x = add (f, "a2", SY_PLAN_ADD_CHILD, "x");
  g_autoptr(SyPlanItem) b = add (f, "A", SY_PLAN_ADD_AFTER, "B");
}

static void
test_operations (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(SyPlanItem) a3 = NULL;
  g_autoptr(SyPlanItem) a2 = NULL;
  g_autoptr(SyPlanItem) b = NULL;
  g_autoptr(SyPlanItem) first = NULL;

  build_sample (f);
  text = outline_text (f);
  g_assert_cmpstr (text, ==,
                   "一、 A\n"
                   "  （一） a1\n"
                   "  （二） a2\n"
                   "    1、 x\n"
                   "  （三） a3\n"
                   "二、 B\n");
  g_clear_pointer (&text, g_free);

  /* Indent a3: last child of a2, after x. */
  a3 = find (f, "a3");
  g_assert_true (sy_plan_repo_indent (f->repo, a3, &error));
  g_assert_no_error (error);
  text = outline_text (f);
  g_assert_cmpstr (text, ==,
                   "一、 A\n  （一） a1\n  （二） a2\n    1、 x\n    2、 a3\n二、 B\n");
  g_clear_pointer (&text, g_free);

  /* The copy of a3 is stale now: refused, nothing written. */
  g_assert_false (sy_plan_repo_move_up (f->repo, a3, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_object (&a3);

  /* Outdent a2: its later sibling… none; a2 becomes 二、 after A. */
  a2 = find (f, "a2");
  g_assert_true (sy_plan_repo_outdent (f->repo, a2, &error));
  g_assert_no_error (error);
  text = outline_text (f);
  g_assert_cmpstr (text, ==,
                   "一、 A\n  （一） a1\n二、 a2\n  （一） x\n  （二） a3\n三、 B\n");
  g_clear_pointer (&text, g_free);

  /* Outdent x: a3 (after it) becomes x's child; the order stays. */
  {
    g_autoptr(SyPlanItem) x = find (f, "x");
    g_assert_true (sy_plan_repo_outdent (f->repo, x, &error));
    g_assert_no_error (error);
  }
  text = outline_text (f);
  g_assert_cmpstr (text, ==,
                   "一、 A\n  （一） a1\n二、 a2\n三、 x\n  （一） a3\n四、 B\n");
  g_clear_pointer (&text, g_free);

  /* Move B up twice, then the impossible moves. */
  b = find (f, "B");
  g_assert_true (sy_plan_repo_move_up (f->repo, b, &error));
  g_assert_no_error (error);
  g_clear_object (&b);
  b = find (f, "B");
  g_assert_true (sy_plan_repo_move_up (f->repo, b, &error));
  g_clear_object (&b);
  text = outline_text (f);
  g_assert_cmpstr (text, ==,
                   "一、 A\n  （一） a1\n二、 B\n三、 a2\n四、 x\n  （一） a3\n");
  g_clear_pointer (&text, g_free);

  first = find (f, "A");
  g_assert_false (sy_plan_repo_move_up (f->repo, first, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sy_plan_repo_indent (f->repo, first, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sy_plan_repo_outdent (f->repo, first, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  text = outline_text (f);
  g_assert_cmpstr (text, ==,
                   "一、 A\n  （一） a1\n二、 B\n三、 a2\n四、 x\n  （一） a3\n");
}

static gint64
add_event (Fixture *f, const char *kind, const char *date, gint64 item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyEvent) e = sy_event_new ();

  sy_event_set_kind (e, kind);
  sy_event_set_title (e, kind);
  sy_event_set_date (e, date);
  sy_event_set_plan_item_id (e, item_id);
  g_assert_true (sy_database_insert (f->db, SY_RECORD (e), &error));
  g_assert_no_error (error);
  return sy_record_get_id (SY_RECORD (e));
}

/* Everything of the outline but ids: fields, structure, and which item
 * each activity is linked to (by title). */
static char *
snapshot (Fixture *f)
{
  g_autoptr(GListModel) list = items (f);
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(SyPlanItem) item = g_list_model_get_item (list, i);
      g_autoptr(GListModel) events = sy_queries_plan_item_events (f->db, sy_record_get_id (SY_RECORD (item)), &error);

      g_assert_no_error (error);
      g_string_append_printf (out, "%d|%d|%s|%s|%s|%s|%s|%s|events:",
                              sy_plan_item_get_level (item), sy_plan_item_get_position (item),
                              sy_plan_item_get_label (item), sy_plan_item_get_title (item),
                              sy_plan_item_get_time_node (item), sy_plan_item_get_due_date (item),
                              sy_plan_item_get_responsible (item), sy_plan_item_get_status (item));
      for (guint k = 0; k < g_list_model_get_n_items (events); k++)
        {
          g_autoptr(SyEvent) e = g_list_model_get_item (events, k);
          g_string_append_printf (out, " %" G_GINT64_FORMAT, sy_record_get_id (SY_RECORD (e)));
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
test_delete_restore (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyPlanItem) a2 = NULL;
  g_autoptr(SyPlanItem) x = NULL;
  g_autoptr(SyPlanItem) a = NULL;
  g_autoptr(SyPlanItem) restored = NULL;
  g_autoptr(SyPlanDeletion) deletion = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_delete = NULL;
  g_autofree char *after_restore = NULL;
  gint64 ev;
  gint64 n = -1;

  build_sample (f);
  x = find (f, "x");
  sy_plan_item_set_time_node (x, "春节");
  sy_plan_item_set_due_date (x, "2025-01-28");
  sy_plan_item_set_responsible (x, "县双拥办");
  sy_plan_item_set_status (x, "in_progress");
  g_assert_true (sy_plan_repo_save_fields (f->repo, x, &error));
  g_assert_no_error (error);
  ev = add_event (f, "走访慰问", "2025-01-20", sy_record_get_id (SY_RECORD (x)));
  before = snapshot (f);

  /* Stale copy of a2 after x changed? a2 itself did not: delete works. */
  a2 = find (f, "a2");
  deletion = sy_plan_repo_delete (f->repo, a2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deletion);
  g_assert_cmpuint (sy_plan_deletion_get_n_items (deletion), ==, 2);
  g_assert_cmpstr (sy_plan_deletion_get_title (deletion), ==, "a2");
  after_delete = outline_text (f);
  g_assert_cmpstr (after_delete, ==, "一、 A\n  （一） a1\n  （二） a3\n二、 B\n");
  g_assert_true (sy_database_query_int64 (f->db, &n, "SELECT COUNT(*) FROM event WHERE plan_item_id IS NULL",
                                          &error, NULL));
  g_assert_cmpint (n, ==, 1);

  restored = sy_plan_repo_restore (f->repo, deletion, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_plan_item_get_title (restored), ==, "a2");
  g_assert_cmpint (sy_plan_item_get_position (restored), ==, 1);
  after_restore = snapshot (f);
  g_assert_cmpstr (after_restore, ==, before);
  {
    g_autoptr(SyEvent) e = sy_database_load (f->db, SY_TYPE_EVENT, ev, &error);
    g_autoptr(SyPlanItem) x2 = find (f, "x");

    g_assert_cmpint (sy_event_get_plan_item_id (e), ==, sy_record_get_id (SY_RECORD (x2)));
  }

  /* A stale copy cannot delete. */
  a = find (f, "A");
  {
    g_autoptr(SyPlanItem) fresh = find (f, "A");
    g_assert_true (sy_plan_repo_rename (f->repo, fresh, "A 改", &error));
    g_assert_no_error (error);
  }
  g_assert_null (sy_plan_repo_delete (f->repo, a, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (sy_database_query_int64 (f->db, &n, "SELECT COUNT(*) FROM plan_item", &error, NULL));
  g_assert_cmpint (n, ==, 6);
}

static void
test_save_fields (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyPlanItem) item = add (f, NULL, SY_PLAN_ADD_AFTER, "A");
  gint64 version = sy_record_get_version (SY_RECORD (item));

  sy_plan_item_set_status (item, "finished");
  g_assert_false (sy_plan_repo_save_fields (f->repo, item, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  sy_plan_item_set_status (item, "done");
  sy_plan_item_set_due_date (item, "2025-02-30");
  g_assert_false (sy_plan_repo_save_fields (f->repo, item, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  sy_plan_item_set_due_date (item, "2025-02-28");
  /* Structure fields are not the caller's to change. */
  sy_plan_item_set_level (item, 5);
  g_assert_true (sy_plan_repo_save_fields (f->repo, item, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sy_record_get_version (SY_RECORD (item)), ==, version + 1);
  g_assert_cmpint (sy_plan_item_get_level (item), ==, 0);
  g_assert_false (sy_plan_repo_rename (f->repo, item, "  ", &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
}

/* An imported plan keeps its numbering style per level. */
static void
test_label_styles (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *labels[] = { "1.", "(一)", "(二)", "2." };
  const int levels[] = { 0, 1, 1, 0 };
  gint64 parent = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autoptr(SyPlanItem) item = sy_plan_item_new ();
      g_autofree char *title = g_strdup_printf ("t%u", i);

      sy_plan_item_set_plan_id (item, f->plan_id);
      sy_plan_item_set_parent_id (item, levels[i] ? parent : 0);
      sy_plan_item_set_position (item, (int) i);  /* sparse, as the demo writes them */
      sy_plan_item_set_level (item, levels[i]);
      sy_plan_item_set_label (item, labels[i]);
      sy_plan_item_set_title (item, title);
      sy_plan_item_set_status (item, "planned");
      g_assert_true (sy_database_insert (f->db, SY_RECORD (item), &error));
      if (levels[i] == 0)
        parent = sy_record_get_id (SY_RECORD (item));
    }
  g_object_unref (add (f, "t3", SY_PLAN_ADD_AFTER, "t4"));
  g_object_unref (add (f, "t2", SY_PLAN_ADD_CHILD, "t5"));
  text = outline_text (f);
  g_assert_cmpstr (text, ==, "1. t0\n  (一) t1\n  (二) t2\n    1、 t5\n2. t3\n3. t4\n");
}

/* --- random operations against a model ------------------------------------------ */

typedef struct _M M;
struct _M
{
  char      *title;
  M         *parent;
  GPtrArray *kids;
};

static M *
m_new (const char *title, M *parent)
{
  M *m = g_new0 (M, 1);

  m->title = g_strdup (title);
  m->parent = parent;
  m->kids = g_ptr_array_new ();
  return m;
}

static void
m_free (M *m)
{
  for (guint i = 0; i < m->kids->len; i++)
    m_free (g_ptr_array_index (m->kids, i));
  g_ptr_array_unref (m->kids);
  g_free (m->title);
  g_free (m);
}

static guint
m_index (M *m)
{
  guint i = 0;

  g_assert_true (g_ptr_array_find (m->parent->kids, m, &i));
  return i;
}

static void
m_all (M *m, GPtrArray *out)
{
  for (guint i = 0; i < m->kids->len; i++)
    {
      M *k = g_ptr_array_index (m->kids, i);
      g_ptr_array_add (out, k);
      m_all (k, out);
    }
}

static void
m_text (M *m, int depth, GString *out)
{
  for (guint i = 0; i < m->kids->len; i++)
    {
      M *k = g_ptr_array_index (m->kids, i);
      g_autofree char *label = sy_plan_label_format (sy_plan_label_default (depth), (int) i + 1);

      for (int d = 0; d < depth; d++)
        g_string_append (out, "  ");
      g_string_append_printf (out, "%s %s\n", label, k->title);
      m_text (k, depth + 1, out);
    }
}

static M *
m_find (M *root, const char *title)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  m_all (root, all);
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (((M *) g_ptr_array_index (all, i))->title, title) == 0)
      return g_ptr_array_index (all, i);
  return NULL;
}

typedef struct {
  SyPlanDeletion *deletion;
  M              *subtree;
  char           *parent_title;  /* NULL: top */
  guint           index;
} Pending;

static void
pending_clear (Pending *p)
{
  g_clear_pointer (&p->deletion, sy_plan_deletion_free);
  g_clear_pointer (&p->subtree, m_free);
  g_clear_pointer (&p->parent_title, g_free);
}

static void
test_random (Fixture *f, gconstpointer data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20251129);
  M *root = m_new (NULL, NULL);
  Pending pending = { 0 };
  guint counter = 0;
  guint n_ok = 0, n_refused = 0, n_restored = 0;

  for (guint step = 0; step < 200; step++)
    {
      g_autoptr(GPtrArray) all = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;
      int op;
      M *m = NULL;
      g_autoptr(SyPlanItem) item = NULL;
      gboolean ok = FALSE;

      m_all (root, all);
      op = all->len < 3 ? 0 : g_rand_int_range (rand, 0, 9);
      if (all->len > 0)
        {
          m = g_ptr_array_index (all, g_rand_int_range (rand, 0, all->len));
          item = find (f, m->title);
        }
      if (op == 8 && pending.deletion == NULL)
        op = 0;

      switch (op)
        {
        case 0:
        case 1:
          {
            g_autofree char *title = g_strdup_printf ("n%u", counter++);
            SyPlanAddMode mode = op == 0 ? SY_PLAN_ADD_AFTER : SY_PLAN_ADD_CHILD;
            g_autoptr(SyPlanItem) added = sy_plan_repo_add_item (f->repo, f->plan_id, item, mode, title, &error);
            M *n;

            g_assert_no_error (error);
            g_assert_nonnull (added);
            if (m == NULL)
              {
                n = m_new (title, root);
                g_ptr_array_add (root->kids, n);
              }
            else if (mode == SY_PLAN_ADD_CHILD)
              {
                n = m_new (title, m);
                g_ptr_array_add (m->kids, n);
              }
            else
              {
                n = m_new (title, m->parent);
                g_ptr_array_insert (m->parent->kids, m_index (m) + 1, n);
              }
            ok = TRUE;
          }
          break;
        case 2:  /* indent */
          {
            guint i = m_index (m);

            ok = sy_plan_repo_indent (f->repo, item, &error);
            if (i == 0)
              g_assert_false (ok);
            else
              {
                M *prev = g_ptr_array_index (m->parent->kids, i - 1);

                g_assert_true (ok);
                g_ptr_array_remove_index (m->parent->kids, i);
                g_ptr_array_add (prev->kids, m);
                m->parent = prev;
              }
          }
          break;
        case 3:  /* outdent */
          {
            M *parent = m->parent;
            guint i = m_index (m);

            ok = sy_plan_repo_outdent (f->repo, item, &error);
            if (parent == root)
              g_assert_false (ok);
            else
              {
                guint pi = m_index (parent);

                g_assert_true (ok);
                while (parent->kids->len > i + 1)
                  {
                    M *later = g_ptr_array_steal_index (parent->kids, i + 1);
                    later->parent = m;
                    g_ptr_array_add (m->kids, later);
                  }
                g_ptr_array_remove_index (parent->kids, i);
                g_ptr_array_insert (parent->parent->kids, pi + 1, m);
                m->parent = parent->parent;
              }
          }
          break;
        case 4:  /* up */
        case 5:  /* down */
          {
            guint i = m_index (m);
            gboolean possible = op == 4 ? i > 0 : i + 1 < m->parent->kids->len;

            ok = op == 4 ? sy_plan_repo_move_up (f->repo, item, &error)
                         : sy_plan_repo_move_down (f->repo, item, &error);
            g_assert_cmpint (ok, ==, possible);
            if (ok)
              {
                guint o = op == 4 ? i - 1 : i + 1;
                m->parent->kids->pdata[i] = m->parent->kids->pdata[o];
                m->parent->kids->pdata[o] = m;
              }
          }
          break;
        case 6:  /* delete */
        case 7:
          {
            SyPlanDeletion *del = sy_plan_repo_delete (f->repo, item, &error);

            g_assert_no_error (error);
            g_assert_nonnull (del);
            pending_clear (&pending);
            pending.deletion = del;
            pending.parent_title = g_strdup (m->parent->title);
            pending.index = m_index (m);
            g_ptr_array_remove_index (m->parent->kids, pending.index);
            m->parent = NULL;
            pending.subtree = m;
            ok = TRUE;
          }
          break;
        case 8:  /* undo the last delete */
          {
            g_autoptr(SyPlanItem) back = sy_plan_repo_restore (f->repo, pending.deletion, &error);
            M *parent = pending.parent_title ? m_find (root, pending.parent_title) : root;
            guint index;

            g_assert_no_error (error);
            g_assert_nonnull (back);
            g_assert_cmpstr (sy_plan_item_get_title (back), ==, pending.subtree->title);
            if (parent == NULL)
              {
                parent = root;
                index = root->kids->len;
              }
            else
              index = MIN (pending.index, parent->kids->len);
            g_ptr_array_insert (parent->kids, index, pending.subtree);
            pending.subtree->parent = parent;
            pending.subtree = NULL;
            pending_clear (&pending);
            n_restored++;
            ok = TRUE;
          }
          break;
        default:
          g_assert_not_reached ();
        }
      if (ok)
        n_ok++;
      else
        {
          g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
          n_refused++;
        }

      {
        g_autoptr(GString) want = g_string_new (NULL);
        g_autofree char *got = outline_text (f);

        m_text (root, 0, want);
        if (g_strcmp0 (got, want->str) != 0)
          g_error ("step %u (op %d on %s): stored\n%s\nmodel\n%s", step, op,
                   m ? m->title : "-", got, want->str);
      }
    }
  g_test_message ("%u done, %u refused, %u restored", n_ok, n_refused, n_restored);
  g_assert_cmpuint (n_restored, >, 0);
  g_assert_cmpuint (n_refused, >, 0);
  pending_clear (&pending);
  m_free (root);
}

/* --- progress ----------------------------------------------------------------- */

static void
test_progress (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyPlanItem) a = add (f, NULL, SY_PLAN_ADD_AFTER, "A");
  g_autoptr(SyPlanItem) a1 = add (f, "A", SY_PLAN_ADD_CHILD, "a1");
  g_autoptr(SyPlanItem) a2 = add (f, "a1", SY_PLAN_ADD_AFTER, "a2");
  g_autoptr(SyPlanItem) a3 = add (f, "a2", SY_PLAN_ADD_AFTER, "a3");
  g_autoptr(SyPlanItem) a4 = add (f, "a3", SY_PLAN_ADD_AFTER, "a4");
  g_autoptr(SyPlanItem) b = add (f, "A", SY_PLAN_ADD_AFTER, "B");
  g_autoptr(GHashTable) table = NULL;
  SyPlanProgress plan = { 99, 99 }, *p;
  gint64 id;

  sy_plan_item_set_status (a1, "done");
  g_assert_true (sy_plan_repo_save_fields (f->repo, a1, &error));
  sy_plan_item_set_status (a4, "dropped");
  g_assert_true (sy_plan_repo_save_fields (f->repo, a4, &error));
  g_assert_no_error (error);
  add_event (f, "走访慰问", "2025-03-01", sy_record_get_id (SY_RECORD (a2)));
  add_event (f, "走访慰问", "2025-03-03T09:30", sy_record_get_id (SY_RECORD (a3)));

  table = sy_plan_repo_progress (f->repo, f->plan_id, "2025-03-02", &plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan.done, ==, 2);
  g_assert_cmpuint (plan.total, ==, 4);
  id = sy_record_get_id (SY_RECORD (a));
  p = g_hash_table_lookup (table, &id);
  g_assert_cmpuint (p->done, ==, 2);
  g_assert_cmpuint (p->total, ==, 3);
  id = sy_record_get_id (SY_RECORD (a3));
  p = g_hash_table_lookup (table, &id);
  g_assert_cmpuint (p->done, ==, 0);
  g_assert_cmpuint (p->total, ==, 1);
  id = sy_record_get_id (SY_RECORD (a4));
  p = g_hash_table_lookup (table, &id);
  g_assert_cmpuint (p->total, ==, 0);
  id = sy_record_get_id (SY_RECORD (b));
  p = g_hash_table_lookup (table, &id);
  g_assert_cmpuint (p->done, ==, 0);
  g_assert_cmpuint (p->total, ==, 1);
  g_clear_pointer (&table, g_hash_table_unref);

  /* The day after, a3's activity has taken place. */
  table = sy_plan_repo_progress (f->repo, f->plan_id, "2025-03-03", &plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan.done, ==, 3);
  g_assert_cmpuint (plan.total, ==, 4);
}

static void
test_link_events (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyPlanItem) a = add (f, NULL, SY_PLAN_ADD_AFTER, "A");
  g_autoptr(SyPlanItem) b = add (f, "A", SY_PLAN_ADD_AFTER, "B");
  g_autoptr(GListModel) linked = NULL;
  gint64 e1 = add_event (f, "走访慰问", "2025-01-10", 0);
  gint64 e2 = add_event (f, "会议", "2025-02-10", 0);
  SyPlanProgress plan;
  g_autoptr(GHashTable) table = NULL;

  g_assert_true (sy_plan_repo_link_event (f->repo, e2, sy_record_get_id (SY_RECORD (a)), &error));
  g_assert_true (sy_plan_repo_link_event (f->repo, e1, sy_record_get_id (SY_RECORD (a)), &error));
  g_assert_no_error (error);
  linked = sy_queries_plan_item_events (f->db, sy_record_get_id (SY_RECORD (a)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (linked), ==, 2);
  {
    g_autoptr(SyEvent) first = g_list_model_get_item (linked, 0);
    g_assert_cmpint (sy_record_get_id (SY_RECORD (first)), ==, e1);  /* oldest first */
  }
  table = sy_plan_repo_progress (f->repo, f->plan_id, "2025-12-31", &plan, &error);
  g_assert_cmpuint (plan.done, ==, 1);
  g_assert_cmpuint (plan.total, ==, 2);
  g_clear_pointer (&table, g_hash_table_unref);

  /* Moving a link to another item; unlinking. */
  g_assert_true (sy_plan_repo_link_event (f->repo, e1, sy_record_get_id (SY_RECORD (b)), &error));
  g_assert_true (sy_plan_repo_link_event (f->repo, e2, 0, &error));
  g_assert_no_error (error);
  g_clear_object (&linked);
  linked = sy_queries_plan_item_events (f->db, sy_record_get_id (SY_RECORD (a)), &error);
  g_assert_cmpuint (g_list_model_get_n_items (linked), ==, 0);
  table = sy_plan_repo_progress (f->repo, f->plan_id, "2025-12-31", &plan, &error);
  g_assert_cmpuint (plan.done, ==, 1);
  /* A missing item or activity is refused. */
  g_assert_false (sy_plan_repo_link_event (f->repo, e1, 999999, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sy_plan_repo_link_event (f->repo, 999999, 0, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_NOT_FOUND);
}

/* --- visits due ------------------------------------------------------------------- */

static gint64
person (Fixture *f, const char *name, const char *category, const char *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecipientRepo) repo = sy_recipient_repo_new (f->db);
  g_autoptr(SyRecipient) r = sy_recipient_new ();
  g_autoptr(GPtrArray) cats = g_ptr_array_new_with_free_func (g_object_unref);
  SyRecipientCategory *c = sy_recipient_category_new ();

  sy_recipient_set_name (r, name);
  sy_recipient_set_village (r, "东湖村");
  sy_recipient_category_set_category (c, category);
  g_ptr_array_add (cats, c);
  g_assert_true (sy_recipient_repo_save (repo, r, cats, &error));
  g_assert_no_error (error);
  if (status != NULL)
    {
      g_assert_true (sy_recipient_repo_change_status (repo, r, status, "2025-02-01", NULL, &error));
      g_assert_no_error (error);
    }
  return sy_record_get_id (SY_RECORD (r));
}

static void
visit (Fixture *f, gint64 recipient, const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyEventRecipient) er = sy_event_recipient_new ();

  sy_event_recipient_set_event_id (er, add_event (f, "走访慰问", date, 0));
  sy_event_recipient_set_recipient_id (er, recipient);
  g_assert_true (sy_database_insert (f->db, SY_RECORD (er), &error));
  g_assert_no_error (error);
}

static void
test_visits_due (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyQueryModel) due = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  gint64 visited = person (f, "乙已访", "烈士遗属", NULL);
  gint64 last_year = person (f, "丁去年访", "现役军人家属", NULL);

  person (f, "甲未访", "残疾军人", NULL);
  person (f, "丙减员", "残疾军人", "减员");
  person (f, "戊退役", "退役士兵", NULL);
  visit (f, visited, "2025-01-25");
  visit (f, last_year, "2024-12-30");

  due = sy_queries_visits_due (f->db, 2025, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (due)); i++)
    {
      g_autoptr(SyRecipient) r = g_list_model_get_item (G_LIST_MODEL (due), i);
      g_string_append_printf (names, "%s(%s) ", sy_recipient_get_name (r), sy_recipient_get_categories (r));
    }
  g_assert_cmpstr (names->str, ==, "丁去年访(现役军人家属) 甲未访(残疾军人) ");
}

/* --- leading group ----------------------------------------------------------------- */

static char *
roster (Fixture *f, const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = sy_queries_leading_group (f->db, date, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(SyLeadingGroupMember) m = g_list_model_get_item (list, i);
      g_string_append_printf (out, "%s:%s ", sy_leading_group_member_get_role (m),
                              sy_leading_group_member_get_name (m));
    }
  return g_string_free (out, FALSE);
}

static void
test_leading_group (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyLeadingGroupMember) head = sy_leading_group_member_new ();
  g_autoptr(SyLeadingGroupMember) member = sy_leading_group_member_new ();
  g_autoptr(SyLeadingGroupMember) stale = NULL;
  g_autoptr(SyLeadingGroupMember) next = sy_leading_group_member_new ();
  g_autoptr(SyLeadingGroupMember) bad = sy_leading_group_member_new ();
  g_autoptr(GListModel) history = NULL;
  g_autofree char *r1 = NULL, *r2 = NULL, *r3 = NULL, *r4 = NULL;

  sy_leading_group_member_set_name (head, "张明");
  sy_leading_group_member_set_role (head, "组长");
  sy_leading_group_member_set_post (head, "副县长");
  sy_leading_group_member_set_effective_from (head, "2024-01-01");
  g_assert_true (sy_plan_repo_add_member (f->repo, head, &error));
  g_assert_no_error (error);
  sy_leading_group_member_set_name (member, "李华");
  sy_leading_group_member_set_role (member, "成员");
  sy_leading_group_member_set_effective_from (member, "2024-01-01");
  g_assert_true (sy_plan_repo_add_member (f->repo, member, &error));
  stale = SY_LEADING_GROUP_MEMBER (sy_record_copy (SY_RECORD (head)));

  sy_leading_group_member_set_name (bad, "王五");
  sy_leading_group_member_set_role (bad, "主任");
  sy_leading_group_member_set_effective_from (bad, "2024-01-01");
  g_assert_false (sy_plan_repo_add_member (f->repo, bad, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);

  sy_leading_group_member_set_name (next, "赵强");
  sy_leading_group_member_set_role (next, "组长");
  sy_leading_group_member_set_post (next, "副县长");
  g_assert_true (sy_plan_repo_change_member (f->repo, head, next, "2025-03-01", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sy_leading_group_member_get_effective_to (head), ==, "2025-02-28");

  history = sy_queries_leading_group_history (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 3);

  r1 = roster (f, "2025-02-28");
  r2 = roster (f, "2025-03-01");
  r3 = roster (f, "2023-12-31");
  g_assert_cmpstr (r1, ==, "组长:张明 成员:李华 ");
  g_assert_cmpstr (r2, ==, "组长:赵强 成员:李华 ");
  g_assert_cmpstr (r3, ==, "");

  /* The stale copy of the old row: refused, nothing written. */
  g_assert_false (sy_plan_repo_change_member (f->repo, stale, NULL, "2025-06-01", &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_CONFLICT);
  g_clear_error (&error);
  /* The member leaves: no replacement. */
  g_assert_true (sy_plan_repo_change_member (f->repo, member, NULL, "2025-07-01", &error));
  g_assert_no_error (error);
  r4 = roster (f, "2025-07-01");
  g_assert_cmpstr (r4, ==, "组长:赵强 ");
  /* A change dated before the member started is refused. */
  g_assert_false (sy_plan_repo_change_member (f->repo, next, NULL, "2025-01-01", &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
}

static void
test_quarters (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  add_event (f, "会议", "2025-02-10", 0);
  add_event (f, "会议", "2025-09-30", 0);
  add_event (f, "座谈会", "2025-05-10", 0);
  add_event (f, "会议", "2024-05-10", 0);
  add_event (f, "会议", "2026-11-10", 0);

  g_assert_cmpuint (sy_plan_repo_quarters_without_meeting (f->repo, 2025, "2025-12-01", &error), ==, 0xA);
  g_assert_no_error (error);
  g_assert_cmpuint (sy_plan_repo_quarters_without_meeting (f->repo, 2025, "2025-05-01", &error), ==, 0x2);
  g_assert_cmpuint (sy_plan_repo_quarters_without_meeting (f->repo, 2025, "2025-03-31", &error), ==, 0);
  g_assert_cmpuint (sy_plan_repo_quarters_without_meeting (f->repo, 2026, "2027-01-01", &error), ==, 0x7);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  g_test_add_func ("/plan-repo/label-format", test_label_format);
  ADD ("/plan-repo/operations", test_operations);
  ADD ("/plan-repo/delete-restore", test_delete_restore);
  ADD ("/plan-repo/save-fields", test_save_fields);
  ADD ("/plan-repo/label-styles", test_label_styles);
  ADD ("/plan-repo/random", test_random);
  ADD ("/plan-repo/progress", test_progress);
  ADD ("/plan-repo/link-events", test_link_events);
  ADD ("/plan-repo/visits-due", test_visits_due);
  ADD ("/plan-repo/leading-group", test_leading_group);
  ADD ("/plan-repo/quarters", test_quarters);
#undef ADD
  return g_test_run ();
}
