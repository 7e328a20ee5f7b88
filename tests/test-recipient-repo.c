/* test-recipient-repo.c: saving, status changes, deleting and reveals of 优抚对象 */
#include "sy-store.h"
#include "sy-test-util.h"
#include "sy-test-db.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char            *dir;
  SyDatabase      *db;
  SyRecipientRepo *repo;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->db = sy_test_open_database (&f->dir);
  sy_database_set_actor (f->db, "desk-a");
  f->repo = sy_recipient_repo_new (f->db);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->repo);
  g_clear_object (&f->db);
  sy_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
count (SyDatabase *db, const char *sql, gint64 id)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (sy_database_query_int64 (db, &n, sql, &error, "id", G_TYPE_INT64, id, NULL));
  g_assert_no_error (error);
  return n;
}

static SyRecipientCategory *
category_new (const char *name, const char *certificate, int grade, const char *nature)
{
  SyRecipientCategory *c = sy_recipient_category_new ();

  sy_recipient_category_set_category (c, name);
  sy_recipient_category_set_certificate_no (c, certificate);
  sy_recipient_category_set_disability_grade (c, grade);
  sy_recipient_category_set_disability_nature (c, nature);
  return c;
}

/* 王建国, 360426199101010071, 残疾军人 5级 因战 + 退役士兵. */
static SyRecipient *
save_person (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cats = g_ptr_array_new_with_free_func (g_object_unref);
  SyRecipient *r = sy_recipient_new ();

  sy_recipient_set_name (r, "王建国");
  sy_recipient_set_id_number (r, "360426199101010071");
  sy_recipient_set_village (r, "东湖村");
  g_ptr_array_add (cats, category_new ("残疾军人", "赣残字0001", 5, "因战"));
  g_ptr_array_add (cats, category_new ("退役士兵", NULL, 0, NULL));
  g_assert_true (sy_recipient_repo_save (f->repo, r, cats, &error));
  g_assert_no_error (error);
  return r;
}

static void
test_save_new (Fixture *f, gconstpointer data)
{
  g_autoptr(SyRecipient) r = save_person (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cats = NULL;
  g_autoptr(SyRecipientCategory) first = NULL;
  gint64 id = sy_record_get_id (SY_RECORD (r));

  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (sy_record_get_version (SY_RECORD (r)), ==, 1);
  g_assert_cmpstr (sy_recipient_get_status (r), ==, "在册");
  cats = sy_queries_recipient_categories (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cats), ==, 2);
  first = g_list_model_get_item (cats, 0);
  g_assert_cmpstr (sy_recipient_category_get_category (first), ==, "残疾军人");
  g_assert_cmpint (sy_recipient_category_get_disability_grade (first), ==, 5);
  g_assert_cmpstr (sy_recipient_category_get_disability_nature (first), ==, "因战");
  /* A new person starts their history with 新增. */
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM status_change WHERE recipient_id = ##id::gint64 "
                          "AND kind = '新增'", id), ==, 1);
}

static void
test_invalid (Fixture *f, gconstpointer data)
{
  g_autoptr(SyRecipient) r = sy_recipient_new ();
  g_autoptr(SyRecipient) other = save_person (f);
  g_autoptr(GError) error = NULL;

  /* No name. */
  g_assert_false (sy_recipient_repo_save (f->repo, r, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);

  sy_recipient_set_name (r, "李四");
  sy_recipient_set_id_number (r, "360426199101010072");
  g_assert_false (sy_recipient_repo_save (f->repo, r, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);

  /* Someone else's number: refused, naming them. */
  sy_recipient_set_id_number (r, "360426199101010071");
  g_assert_false (sy_recipient_repo_save (f->repo, r, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "王建国"));
  g_assert_cmpint (sy_record_get_id (SY_RECORD (r)), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient WHERE id <> ##id::gint64", 0), ==, 1);
}

static void
test_conflict (Fixture *f, gconstpointer data)
{
  g_autoptr(SyRecipient) mine = save_person (f);
  g_autoptr(SyRecipient) theirs = NULL;
  g_autoptr(SyRecipient) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = sy_record_get_id (SY_RECORD (mine));

  theirs = sy_database_load (f->db, SY_TYPE_RECIPIENT, id, &error);
  g_assert_no_error (error);
  sy_database_set_actor (f->db, "desk-b");
  sy_recipient_set_phone (theirs, "13812341234");
  g_assert_true (sy_recipient_repo_save (f->repo, theirs, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sy_record_get_version (SY_RECORD (theirs)), ==, 2);

  /* My copy is stale: refused, telling who changed it; nothing written. */
  sy_database_set_actor (f->db, "desk-a");
  sy_recipient_set_name (mine, "王建军");
  {
    g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);

    g_assert_false (sy_recipient_repo_save (f->repo, mine, none, &error));
  }
  g_assert_error (error, SY_ERROR, SY_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "desk-b"));
  g_assert_cmpint (sy_record_get_version (SY_RECORD (mine)), ==, 1);
  stored = sy_database_load (f->db, SY_TYPE_RECIPIENT, id, NULL);
  g_assert_cmpstr (sy_recipient_get_name (stored), ==, "王建国");
  g_assert_cmpint (sy_record_get_version (SY_RECORD (stored)), ==, 2);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient_category WHERE recipient_id = ##id::gint64",
                          id), ==, 2);
}

static void
test_categories_replaced (Fixture *f, gconstpointer data)
{
  g_autoptr(SyRecipient) r = save_person (f);
  g_autoptr(GPtrArray) cats = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) stored = NULL;
  g_autoptr(SyRecipientCategory) only = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = sy_record_get_id (SY_RECORD (r));

  g_ptr_array_add (cats, category_new ("烈士遗属", "烈属证123", 0, NULL));
  g_assert_true (sy_recipient_repo_save (f->repo, r, cats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sy_record_get_version (SY_RECORD (r)), ==, 2);
  stored = sy_queries_recipient_categories (f->db, id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 1);
  only = g_list_model_get_item (stored, 0);
  g_assert_cmpstr (sy_recipient_category_get_category (only), ==, "烈士遗属");
  g_assert_cmpstr (sy_recipient_category_get_certificate_no (only), ==, "烈属证123");
  /* The replaced ones left their values in the audit log. */
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete' "
                          "AND entity = 'recipient_category' AND id > ##id::gint64", 0), ==, 2);
}

static void
test_change_status (Fixture *f, gconstpointer data)
{
  g_autoptr(SyRecipient) r = save_person (f);
  g_autoptr(SyRecipient) stored = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(SyStatusChange) last = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = sy_record_get_id (SY_RECORD (r));

  g_assert_true (sy_recipient_repo_change_status (f->repo, r, "减员", "2025-03-15", "去世", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sy_recipient_get_status (r), ==, "减员");
  g_assert_cmpint (sy_record_get_version (SY_RECORD (r)), ==, 2);
  stored = sy_database_load (f->db, SY_TYPE_RECIPIENT, id, NULL);
  g_assert_cmpstr (sy_recipient_get_status (stored), ==, "减员");

  history = sy_queries_status_changes (f->db, id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  /* History is in date order and 新增 is dated today: find the 减员. */
  for (guint i = 0; i < 2 && last == NULL; i++)
    {
      g_autoptr(SyStatusChange) change = g_list_model_get_item (history, i);

      if (g_strcmp0 (sy_status_change_get_kind (change), "新增") != 0)
        last = g_steal_pointer (&change);
    }
  g_assert_nonnull (last);
  g_assert_cmpstr (sy_status_change_get_kind (last), ==, "减员");
  g_assert_cmpstr (sy_status_change_get_effective_date (last), ==, "2025-03-15");
  g_assert_cmpstr (sy_status_change_get_reason (last), ==, "去世");
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert' "
                          "AND entity = 'status_change' AND entity_id = ##id::gint64",
                          sy_record_get_id (SY_RECORD (last))), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update' "
                          "AND entity = 'recipient' AND entity_id = ##id::gint64", id), ==, 1);

  /* 年检 keeps the status; a bad date or a stale version writes nothing. */
  g_assert_true (sy_recipient_repo_change_status (f->repo, r, "年检", "2025年12月1日", NULL, &error));
  g_assert_cmpstr (sy_recipient_get_status (r), ==, "减员");
  g_assert_false (sy_recipient_repo_change_status (f->repo, r, "迁出", "someday", NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  sy_record_set_version (SY_RECORD (r), 1);
  g_assert_false (sy_recipient_repo_change_status (f->repo, r, "迁出", "2025-12-02", NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_CONFLICT);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM status_change WHERE recipient_id = ##id::gint64",
                          id), ==, 3);
  g_assert_cmpstr (sy_recipient_repo_status_after ("迁入", "迁出"), ==, "在册");
}

static void
test_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(SyRecipient) r = save_person (f);
  g_autoptr(GError) error = NULL;
  gint64 id = sy_record_get_id (SY_RECORD (r));

  g_assert_true (sy_recipient_repo_change_status (f->repo, r, "迁出", "2025-05-01", "迁往外省", &error));
  g_assert_true (sy_recipient_repo_delete (f->repo, r, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient WHERE id = ##id::gint64", id), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient_category WHERE recipient_id = ##id::gint64",
                          id), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM status_change WHERE recipient_id = ##id::gint64",
                          id), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete' "
                          "AND entity = 'recipient' AND entity_id = ##id::gint64 "
                          "AND old_values LIKE '%王建国%'", id), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete' "
                          "AND entity = 'status_change' AND id > ##id::gint64", 0), ==, 2);
}

static void
test_reveal (Fixture *f, gconstpointer data)
{
  g_autoptr(SyRecipient) r = save_person (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdaDataModel) rows = NULL;
  static const GType types[] = { G_TYPE_STRING, G_TYPE_STRING, G_TYPE_NONE };
  const GValue *v;

  g_assert_true (sy_recipient_repo_log_reveal (f->repo, r, &error));
  g_assert_no_error (error);
  rows = sy_database_select (f->db, "SELECT actor, new_values FROM audit_log WHERE action = 'reveal' "
                             "AND entity = 'recipient' AND entity_id = ##id::gint64", types, &error,
                             "id", G_TYPE_INT64, sy_record_get_id (SY_RECORD (r)), NULL);
  g_assert_no_error (error);
  g_assert_cmpint (gda_data_model_get_n_rows (rows), ==, 1);
  v = gda_data_model_get_value_at (rows, 0, 0, NULL);
  g_assert_cmpstr (g_value_get_string (v), ==, "desk-a");
  v = gda_data_model_get_value_at (rows, 1, 0, NULL);
  g_assert_nonnull (strstr (g_value_get_string (v), "王建国"));
  /* The log must not become a copy of the number it protects. */
  g_assert_null (strstr (g_value_get_string (v), "360426199101010071"));
}

static SyRecipient *
save_named (Fixture *f, const char *name, gint64 head_id, const char *relation)
{
  g_autoptr(GError) error = NULL;
  SyRecipient *r = sy_recipient_new ();

  sy_recipient_set_name (r, name);
  sy_recipient_set_household_id (r, head_id);
  sy_recipient_set_relation_to_head (r, relation);
  g_assert_true (sy_recipient_repo_save (f->repo, r, NULL, &error));
  g_assert_no_error (error);
  return r;
}

static void
assert_household (Fixture *f, SyRecipient *who, const char * const *names)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) household = sy_recipient_repo_list_household (f->repo, who, &error);
  guint n = g_strv_length ((char **) names);

  g_assert_no_error (error);
  g_assert_nonnull (household);
  g_assert_cmpuint (g_list_model_get_n_items (household), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyRecipient) r = g_list_model_get_item (household, i);
      g_assert_cmpstr (sy_recipient_get_name (r), ==, names[i]);
    }
}

static void
test_household (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecipient) head = save_named (f, "赵大山", 0, "户主");
  gint64 head_id = sy_record_get_id (SY_RECORD (head));
  g_autoptr(SyRecipient) wife = save_named (f, "钱小梅", head_id, "配偶");
  g_autoptr(SyRecipient) son = save_named (f, "赵小川", head_id, "子");
  g_autoptr(SyRecipient) alone = save_named (f, "孙独居", 0, NULL);
  g_autoptr(SyRecipient) unsaved = sy_recipient_new ();
  g_autoptr(GListModel) none = NULL;
  const char * const family[] = { "赵大山", "赵小川", "钱小梅", NULL };
  const char * const single[] = { "孙独居", NULL };

  /* Head first, then the members; the same list from any of them. */
  assert_household (f, head, family);
  assert_household (f, wife, family);
  assert_household (f, son, family);
  assert_household (f, alone, single);
  none = sy_recipient_repo_list_household (f->repo, unsaved, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);

  /* Nobody is a member of their own household. */
  sy_recipient_set_household_id (alone, sy_record_get_id (SY_RECORD (alone)));
  g_assert_false (sy_recipient_repo_save (f->repo, alone, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "孙独居"));
  g_clear_error (&error);

  /* A member cannot head a household: 孙独居 must join 赵大山's instead. */
  sy_recipient_set_household_id (alone, sy_record_get_id (SY_RECORD (wife)));
  g_assert_false (sy_recipient_repo_save (f->repo, alone, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "钱小梅"));
  g_clear_error (&error);

  /* A head with members cannot join another household. */
  sy_recipient_set_household_id (head, sy_record_get_id (SY_RECORD (alone)));
  g_assert_false (sy_recipient_repo_save (f->repo, head, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "赵大山"));
  g_clear_error (&error);
  sy_recipient_set_household_id (head, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient WHERE household_id = ##id::gint64",
                          head_id), ==, 2);

  /* A head without members can join. */
  sy_recipient_set_household_id (alone, head_id);
  g_assert_true (sy_recipient_repo_save (f->repo, alone, NULL, &error));
  g_assert_no_error (error);

  /* Deleting the head is refused while members name them. */
  g_assert_false (sy_recipient_repo_delete (f->repo, head, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "赵大山"));
  g_clear_error (&error);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient WHERE id = ##id::gint64", head_id),
                   ==, 1);

  /* A member can go; the household keeps the others. */
  g_assert_true (sy_recipient_repo_delete (f->repo, son, &error));
  g_assert_no_error (error);
  {
    const char * const rest[] = { "赵大山", "孙独居", "钱小梅", NULL };
    assert_household (f, head, rest);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/recipient-repo/save-new", test_save_new);
  ADD ("/recipient-repo/invalid", test_invalid);
  ADD ("/recipient-repo/conflict", test_conflict);
  ADD ("/recipient-repo/categories-replaced", test_categories_replaced);
  ADD ("/recipient-repo/change-status", test_change_status);
  ADD ("/recipient-repo/delete", test_delete);
  ADD ("/recipient-repo/reveal", test_reveal);
  ADD ("/recipient-repo/household", test_household);
#undef ADD

  return g_test_run ();
}
