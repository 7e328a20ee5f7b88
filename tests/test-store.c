/* test-store.c: the data layer on a temporary SQLite database */
#include <glib/gi18n.h>
#include "sy-store.h"
#include "sy-test-util.h"
#include "sy-test-db.h"

#include <glib/gstdio.h>

typedef struct {
  char       *dir;
  SyDatabase *db;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->db = sy_test_open_database (&f->dir);
  sy_database_set_actor (f->db, "tester");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->db);
  sy_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
count (SyDatabase *db, const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (sy_database_query_int64 (db, &n, sql, &error, NULL));
  g_assert_no_error (error);
  return n;
}

static void
test_migrations_from_empty (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_file = g_build_filename (f->dir, "office.db", NULL);
  g_autofree char *location = g_strdup (sy_database_get_directory (f->db));
  GStatBuf st;

  g_assert_cmpint (sy_database_get_schema_version (f->db), ==, sy_database_get_known_schema_version ());
  g_assert_cmpint (sy_database_get_known_schema_version (), >=, 1);
  g_assert_true (sy_database_is_empty (f->db));
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM schema_migration"), ==,
                   sy_database_get_known_schema_version ());

  /* Personal data: the database file is private to the user (on
   * PostgreSQL, the local folder of its attachments is). */
  g_assert_cmpint (g_stat (sy_database_is_postgres (f->db) ? f->dir : db_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  /* Reopening does not migrate again. */
  g_clear_object (&f->db);
  f->db = sy_database_open (location, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM schema_migration"), ==,
                   sy_database_get_known_schema_version ());
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static void
test_newer_schema_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_file = g_build_filename (f->dir, "office.db", NULL);
  g_autofree char *location = g_strdup (sy_database_get_directory (f->db));
  gboolean postgres = sy_database_is_postgres (f->db);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  SyDatabase *again;

  g_assert_cmpint (sy_database_execute (f->db,
                                        "INSERT INTO schema_migration (version, applied_at) "
                                        "VALUES (##v::gint, '2099-01-01')",
                                        &error, "v", G_TYPE_INT, 999, NULL), ==, 1);
  g_assert_no_error (error);
  /* Fold the WAL into the main file so the checksum covers everything. */
  g_clear_object (&f->db);
  if (!postgres)
    before = file_checksum (db_file);

  again = sy_database_open (location, &error);
  g_assert_null (again);
  g_assert_error (error, SY_ERROR, SY_ERROR_SCHEMA_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "999"));

  if (!postgres)
    {
      after = file_checksum (db_file);
      g_assert_cmpstr (before, ==, after);
    }
}

static SyRecipient *
make_recipient (const char *name, const char *id_number)
{
  SyRecipient *r = sy_recipient_new ();

  sy_recipient_set_name (r, name);
  sy_recipient_set_id_number (r, id_number);
  sy_recipient_set_village (r, "东风村");
  sy_recipient_set_status (r, "在册");
  return r;
}

static void
test_crud_and_audit (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecipient) r = make_recipient ("王'小\"明; DROP TABLE recipient; --", "360426199101010071");
  g_autoptr(SyRecipient) loaded = NULL;
  g_autoptr(SyRecipient) stale = NULL;
  gint64 id;

  sy_recipient_set_dibao (r, TRUE);
  g_assert_true (sy_database_insert (f->db, SY_RECORD (r), &error));
  g_assert_no_error (error);
  id = sy_record_get_id (SY_RECORD (r));
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (sy_record_get_version (SY_RECORD (r)), ==, 1);
  g_assert_cmpstr (sy_record_get_created_by (SY_RECORD (r)), ==, "tester");
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert' "
                                 "AND entity = 'recipient' AND actor = 'tester'"), ==, 1);

  loaded = sy_database_load (f->db, SY_TYPE_RECIPIENT, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_recipient_get_name (loaded), ==, "王'小\"明; DROP TABLE recipient; --");
  g_assert_cmpstr (sy_recipient_get_village (loaded), ==, "东风村");
  g_assert_true (sy_recipient_get_dibao (loaded));
  g_assert_false (sy_recipient_get_wubao (loaded));
  g_assert_cmpint (sy_recipient_get_unit_id (loaded), ==, 0);  /* NULL ref */
  g_assert_null (sy_recipient_get_phone (loaded));

  /* A second copy of the same version goes stale once the first is saved. */
  stale = SY_RECIPIENT (sy_record_copy (SY_RECORD (loaded)));
  sy_recipient_set_phone (loaded, "13812341234");
  g_assert_true (sy_database_update (f->db, SY_RECORD (loaded), &error));
  g_assert_no_error (error);
  g_assert_cmpint (sy_record_get_version (SY_RECORD (loaded)), ==, 2);

  sy_recipient_set_phone (stale, "13900000000");
  g_assert_false (sy_database_update (f->db, SY_RECORD (stale), &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "tester"));
  /* The other desk's change is shown: the field, from empty to the new
   * value, masked as lists show phones; fields it did not change are not. */
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, _("Phone")));
  g_assert_nonnull (strstr (error->message, _("(empty)")));
  {
    g_autofree char *masked = sy_mask_phone ("13812341234");
    g_assert_nonnull (strstr (error->message, masked));
  }
  g_assert_null (strstr (error->message, "13812341234"));
  g_assert_null (strstr (error->message, "13900000000"));
  g_assert_null (strstr (error->message, _("Village")));
  g_clear_error (&error);
  {
    g_autoptr(SyRecipient) check = sy_database_load (f->db, SY_TYPE_RECIPIENT, id, &error);
    g_assert_cmpstr (sy_recipient_get_phone (check), ==, "13812341234");
  }

  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update' "
                                 "AND entity = 'recipient'"), ==, 1);
  {
    static const GType types[] = { G_TYPE_STRING, G_TYPE_STRING, G_TYPE_NONE };
    g_autoptr(GdaDataModel) m = sy_database_select (f->db,
                                                    "SELECT old_values, new_values FROM audit_log "
                                                    "WHERE action = 'update'", types, &error, NULL);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (g_value_get_string (gda_data_model_get_value_at (m, 0, 0, NULL)),
                              "\"phone\":null"));
    g_assert_nonnull (strstr (g_value_get_string (gda_data_model_get_value_at (m, 1, 0, NULL)),
                              "\"phone\":\"13812341234\""));
  }

  /* Duplicate ID numbers are refused by the schema, with our error code. */
  {
    g_autoptr(SyRecipient) dup = make_recipient ("李四", "360426199101010071");
    g_assert_false (sy_database_insert (f->db, SY_RECORD (dup), &error));
    g_assert_error (error, SY_ERROR, SY_ERROR_DUPLICATE);
    g_clear_error (&error);
    g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient"), ==, 1);
  }

  /* Delete checks the version and is audited. */
  g_assert_false (sy_database_delete (f->db, SY_RECORD (stale), &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (sy_database_delete (f->db, SY_RECORD (loaded), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient"), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"), ==, 1);
  g_assert_null (sy_database_load (f->db, SY_TYPE_RECIPIENT, id, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_NOT_FOUND);
}

static void
test_transactions (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  /* An inner rollback dooms the outer transaction. */
  g_assert_true (sy_database_begin (f->db, &error));
  {
    g_autoptr(SyRecipient) a = make_recipient ("甲", "120103198806018241");
    g_assert_true (sy_database_insert (f->db, SY_RECORD (a), &error));
  }
  g_assert_true (sy_database_begin (f->db, &error));
  sy_database_rollback (f->db);
  g_assert_false (sy_database_commit (f->db, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient"), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log"), ==, 0);

  /* A committed outer transaction keeps everything. */
  g_assert_true (sy_database_begin (f->db, &error));
  for (int i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("人员%02d", i);
      g_autoptr(SyRecipient) r = make_recipient (name, NULL);
      g_assert_true (sy_database_insert (f->db, SY_RECORD (r), &error));
    }
  g_assert_true (sy_database_commit (f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient"), ==, 50);
}

/* A database holding only an imported roster is not a first start. */
static void
test_not_empty_with_roster_only (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecipient) r = make_recipient ("王五", "360426199101010071");

  g_assert_true (sy_database_is_empty (f->db));
  g_assert_true (sy_database_insert (f->db, SY_RECORD (r), &error));
  g_assert_no_error (error);
  g_assert_false (sy_database_is_empty (f->db));
}

static gint64
add_plan_item (SyDatabase *db, gint64 plan, gint64 parent, int position, const char *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyPlanItem) item = sy_plan_item_new ();

  sy_plan_item_set_plan_id (item, plan);
  sy_plan_item_set_parent_id (item, parent);
  sy_plan_item_set_position (item, position);
  sy_plan_item_set_label (item, label);
  sy_plan_item_set_title (item, label);
  sy_plan_item_set_status (item, "planned");
  g_assert_true (sy_database_insert (db, SY_RECORD (item), &error));
  g_assert_no_error (error);
  return sy_record_get_id (SY_RECORD (item));
}

/* Items come back in document order whatever the order they were stored
 * in, with position ordering siblings only. */
static void
test_plan_items_document_order (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyPlan) plan = sy_plan_new ();
  g_autoptr(GListModel) items = NULL;
  const char *expected[] = { "一、", "（一）", "1、", "2、", "（二）", "二、", "（一）" };
  gint64 p, one, two, one_one;

  sy_plan_set_year (plan, 2026);
  sy_plan_set_title (plan, "计划");
  g_assert_true (sy_database_insert (f->db, SY_RECORD (plan), &error));
  p = sy_record_get_id (SY_RECORD (plan));
  /* Stored breadth first, the second top-level item first. */
  two = add_plan_item (f->db, p, 0, 1, "二、");
  one = add_plan_item (f->db, p, 0, 0, "一、");
  add_plan_item (f->db, p, one, 1, "（二）");
  one_one = add_plan_item (f->db, p, one, 0, "（一）");
  add_plan_item (f->db, p, two, 0, "（一）");
  add_plan_item (f->db, p, one_one, 1, "2、");
  add_plan_item (f->db, p, one_one, 0, "1、");

  items = sy_queries_plan_items (f->db, p, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(SyPlanItem) item = g_list_model_get_item (items, i);
      g_assert_cmpstr (sy_plan_item_get_label (item), ==, expected[i]);
    }
}

static void
test_settings (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;

  g_assert_null (sy_database_get_setting (f->db, "office-name"));
  g_assert_true (sy_database_set_setting (f->db, "office-name", "清源县双拥办", &error));
  v1 = sy_database_get_setting (f->db, "office-name");
  g_assert_cmpstr (v1, ==, "清源县双拥办");
  g_assert_true (sy_database_set_setting (f->db, "office-name", "清源县'双拥'办", &error));
  v2 = sy_database_get_setting (f->db, "office-name");
  g_assert_cmpstr (v2, ==, "清源县'双拥'办");
  g_assert_no_error (error);
}

static void
test_attachments (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SyAttachmentStore *store = sy_database_get_attachments (f->db);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("照片内容 photo bytes", strlen ("照片内容 photo bytes"));
  g_autofree char *hash = sy_attachment_store_add_bytes (store, bytes, "image/jpeg", "a.jpg", &error);
  g_autofree char *again = sy_attachment_store_add_bytes (store, bytes, "image/jpeg", "b.jpg", &error);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) loaded = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (hash), ==, 64);
  g_assert_cmpstr (hash, ==, again);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM attachment"), ==, 1);
  g_assert_true (sy_attachment_store_contains (store, hash));

  loaded = sy_attachment_store_load (store, hash, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (loaded, bytes));
  g_clear_pointer (&loaded, g_bytes_unref);

  path = sy_attachment_store_get_path (store, hash);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  /* A changed file (on PostgreSQL: a changed row) is detected, not served. */
  if (sy_database_is_postgres (f->db))
    {
      /* The content lives in the database; the file is a cache of it. */
      g_autoptr(GBytes) cached = NULL;
      g_autofree char *data = NULL;
      gsize len = 0;

      g_assert_true (g_str_has_prefix (path, sy_database_get_files_directory (f->db)));
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      cached = g_bytes_new_take (g_steal_pointer (&data), len);
      g_assert_true (g_bytes_equal (cached, bytes));
      g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM attachment_blob"), ==, 1);
      g_assert_cmpint (sy_database_execute (f->db, "UPDATE attachment_blob SET content = decode ('00ff', 'hex')",
                                            &error, NULL), ==, 1);
      g_assert_no_error (error);
    }
  else
    {
      g_chmod (path, 0600);
      g_assert_true (g_file_set_contents (path, "tampered", -1, NULL));
    }
  loaded = sy_attachment_store_load (store, hash, &error);
  g_assert_null (loaded);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (sy_attachment_store_load (store, "0000000000000000000000000000000000000000000000000000000000000000", &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sy_attachment_store_load (store, "../../etc/passwd", &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
}

/* A photo-sized attachment round-trips (on PostgreSQL through the
 * database, hex-encoded), and get_path() gives a file of that content: on
 * PostgreSQL written to the local cache only when asked, once, and never
 * from a damaged row. */
static void
test_attachments_large (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SyAttachmentStore *store = sy_database_get_attachments (f->db);
  gsize size = 5 * 1024 * 1024;
  guint8 *content = g_malloc (size);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) loaded = NULL;
  g_autoptr(GBytes) other = g_bytes_new_static ("another photo", 13);
  g_autoptr(GBytes) third = g_bytes_new_static ("third", 5);
  g_autofree char *hash = NULL;
  g_autofree char *other_hash = NULL;
  g_autofree char *path = NULL;
  g_autofree char *other_path = NULL;
  g_autofree char *on_disk = NULL;
  gsize len = 0;
  gint64 start;

  for (gsize i = 0; i < size; i++)
    content[i] = (guint8) (i * 2654435761u >> 13);
  bytes = g_bytes_new_take (content, size);

  start = g_get_monotonic_time ();
  hash = sy_attachment_store_add_bytes (store, bytes, "image/jpeg", "大.jpg", &error);
  g_assert_no_error (error);
  g_test_message ("5 MB stored in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  start = g_get_monotonic_time ();
  loaded = sy_attachment_store_load (store, hash, &error);
  g_assert_no_error (error);
  g_test_message ("5 MB loaded in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_true (g_bytes_equal (loaded, bytes));
  g_assert_true (sy_attachment_store_contains (store, hash));
  g_assert_cmpint (count (f->db, "SELECT size FROM attachment"), ==, (gint64) size);

  if (sy_database_is_postgres (f->db))
    {
      g_autofree char *cache = g_build_filename (sy_database_get_files_directory (f->db), "attachments",
                                                 NULL);
      g_assert_false (g_file_test (cache, G_FILE_TEST_EXISTS));
    }
  path = sy_attachment_store_get_path (store, hash);
  g_assert_true (g_file_get_contents (path, &on_disk, &len, NULL));
  g_assert_cmpuint (len, ==, size);
  g_assert_cmpint (memcmp (on_disk, content, size), ==, 0);

  if (!sy_database_is_postgres (f->db))
    return;

  /* Materialised again after the cache is removed. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_free (path);
  path = sy_attachment_store_get_path (store, hash);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* A damaged row: load refuses it and no cache file is written. */
  other_hash = sy_attachment_store_add_bytes (store, other, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sy_database_execute (f->db, "UPDATE attachment_blob SET content = decode ('0102', 'hex') "
                                        "WHERE hash = ##h::string", &error, "h", G_TYPE_STRING, other_hash,
                                        NULL), ==, 1);
  g_assert_null (sy_attachment_store_load (store, other_hash, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  other_path = sy_attachment_store_get_path (store, other_hash);
  g_assert_nonnull (other_path);
  g_assert_false (g_file_test (other_path, G_FILE_TEST_EXISTS));

  /* The row and its content are one: a failed transaction keeps neither. */
  g_assert_true (sy_database_begin (f->db, &error));
  g_free (other_hash);
  other_hash = sy_attachment_store_add_bytes (store, third, NULL, NULL, &error);
  g_assert_no_error (error);
  sy_database_rollback (f->db);
  g_assert_false (sy_attachment_store_contains (store, other_hash));
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM attachment"), ==, 2);
}

static void
on_items_changed (GListModel *m, guint pos, guint removed, guint added, gpointer data)
{
  *(guint *) data += 1;
}

static void
test_query_model (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyQueryModel) model = NULL;
  g_autoptr(SyRecipient) first = NULL;
  guint changes = 0;
  const char *ids[] = { "360426199101010071", "120103198806018241" };

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(SyRecipient) r = make_recipient (i ? "张三" : "李四", ids[i]);
      g_autoptr(SyRecipientCategory) c = sy_recipient_category_new ();
      g_autoptr(SyRecipientCategory) c2 = sy_recipient_category_new ();

      g_assert_true (sy_database_insert (f->db, SY_RECORD (r), &error));
      sy_recipient_category_set_recipient_id (c, sy_record_get_id (SY_RECORD (r)));
      sy_recipient_category_set_category (c, "退役士兵");
      g_assert_true (sy_database_insert (f->db, SY_RECORD (c), &error));
      sy_recipient_category_set_recipient_id (c2, sy_record_get_id (SY_RECORD (r)));
      sy_recipient_category_set_category (c2, "残疾军人");
      sy_recipient_category_set_disability_grade (c2, 6);
      g_assert_true (sy_database_insert (f->db, SY_RECORD (c2), &error));
    }
  g_assert_no_error (error);

  model = sy_queries_recipients (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == SY_TYPE_RECIPIENT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  /* Same village; names sort by code point: 张 U+5F20 < 李 U+674E. */
  g_assert_cmpstr (sy_recipient_get_name (first), ==, "张三");
  g_assert_cmpstr (sy_recipient_get_categories (first), ==, "退役士兵、残疾军人");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 2));

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);
  {
    g_autoptr(SyRecipient) r = make_recipient ("赵六", NULL);
    g_assert_true (sy_database_insert (f->db, SY_RECORD (r), &error));
  }
  g_assert_true (sy_query_model_reload (model, &error));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);

  {
    g_autoptr(GListModel) cats = sy_queries_recipient_categories (f->db, sy_record_get_id (SY_RECORD (first)), &error);
    g_autoptr(SyRecipientCategory) c = NULL;
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (cats), ==, 2);
    c = g_list_model_get_item (cats, 1);
    g_assert_cmpint (sy_recipient_category_get_disability_grade (c), ==, 6);
  }
}

/* 0004: the related soldier of a family category is stored and read back. */
static void
test_category_related_soldier (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecipient) r = make_recipient ("钱小梅", "120103198806018241");
  g_autoptr(SyRecipientCategory) c = sy_recipient_category_new ();
  g_autoptr(SyRecipientCategory) loaded = NULL;
  g_autoptr(SyRecipientCategory) again = NULL;

  g_assert_true (sy_database_insert (f->db, SY_RECORD (r), &error));
  g_assert_no_error (error);
  sy_recipient_category_set_recipient_id (c, sy_record_get_id (SY_RECORD (r)));
  sy_recipient_category_set_category (c, "义务兵家庭");
  sy_recipient_category_set_related_soldier (c, "赵小川");
  g_assert_true (sy_database_insert (f->db, SY_RECORD (c), &error));
  g_assert_no_error (error);

  loaded = sy_database_load (f->db, SY_TYPE_RECIPIENT_CATEGORY, sy_record_get_id (SY_RECORD (c)),
                             &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_recipient_category_get_related_soldier (loaded), ==, "赵小川");

  sy_recipient_category_set_related_soldier (loaded, NULL);
  g_assert_true (sy_database_update (f->db, SY_RECORD (loaded), &error));
  g_assert_no_error (error);
  again = sy_database_load (f->db, SY_TYPE_RECIPIENT_CATEGORY, sy_record_get_id (SY_RECORD (c)),
                            &error);
  g_assert_no_error (error);
  g_assert_null (sy_recipient_category_get_related_soldier (again));

  g_assert_true (sy_recipient_category_name_is_family ("义务兵家庭"));
  g_assert_true (sy_recipient_category_name_is_family ("现役军人家属"));
  g_assert_true (sy_recipient_category_name_is_family ("因公牺牲军人遗属"));
  g_assert_false (sy_recipient_category_name_is_family ("残疾军人"));
  g_assert_false (sy_recipient_category_name_is_family ("退役士兵"));
  g_assert_false (sy_recipient_category_name_is_family (NULL));
}

static void
test_events_in_years (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *dates[] = { "2023-12-31", "2024-01-01", "2024-08-01", "2025-12-31T10:00", "2026-01-01" };
  g_autoptr(GListModel) list = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(SyEvent) e = sy_event_new ();
      g_autofree char *title = g_strdup_printf ("活动 %u", i);
      sy_event_set_kind (e, "走访慰问");
      sy_event_set_title (e, title);
      sy_event_set_date (e, dates[i]);
      g_assert_true (sy_database_insert (f->db, SY_RECORD (e), &error));
    }
  g_assert_no_error (error);
  list = sy_queries_events_in_years (f->db, 2024, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
}

/* ---- recipient search (issue 3) ---------------------------------------- */

static void
add_search_recipient (SyDatabase *db, const char *name, const char *id_number, const char *phone,
                      const char *village, const char *address, const char *birth,
                      const char *status, const char *category)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecipient) r = make_recipient (name, id_number);

  sy_recipient_set_phone (r, phone);
  sy_recipient_set_village (r, village);
  sy_recipient_set_address (r, address);
  sy_recipient_set_birth_date (r, birth);
  sy_recipient_set_status (r, status);
  g_assert_true (sy_database_insert (db, SY_RECORD (r), &error));
  g_assert_no_error (error);
  if (category)
    {
      g_autoptr(SyRecipientCategory) c = sy_recipient_category_new ();

      sy_recipient_category_set_recipient_id (c, sy_record_get_id (SY_RECORD (r)));
      sy_recipient_category_set_category (c, category);
      g_assert_true (sy_database_insert (db, SY_RECORD (c), &error));
      g_assert_no_error (error);
    }
}

static void
search_fixture_fill (SyDatabase *db)
{
  add_search_recipient (db, "王建国", "360426199101010071", "13812344295", "东风村",
                        "清源县东风村三组12号", "1991-01-01", "在册", "退役士兵");
  add_search_recipient (db, "李秀英", "120103198806018241", "13900001111", "红星村",
                        "清源县红星村100%号", "1988-06-01", "在册", "烈士遗属");
  add_search_recipient (db, "张明", "11010519491231002X", "13700002222", "新华社区",
                        "新华路5_6号", "1949-12-31", "减员", "残疾军人");
  add_search_recipient (db, "王芳", "110105200001010030", NULL, "东风村",
                        NULL, NULL, "在册", NULL);
}

/* The names of the model's rows joined with ',' (caller frees). */
static char *
names_of (GListModel *model)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SyRecipient) r = g_list_model_get_item (model, i);
      g_string_append_printf (s, "%s%s", i ? "," : "", sy_recipient_get_name (r));
    }
  return g_string_free (s, FALSE);
}

static char *
search (SyDatabase *db, const SyRecipientFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyQueryModel) model = sy_queries_recipients_filtered (db, filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return names_of (G_LIST_MODEL (model));
}

static char *
search_text (SyDatabase *db, const char *text)
{
  SyRecipientFilter filter = { .text = text, .sort = SY_RECIPIENT_SORT_NAME };
  return search (db, &filter);
}

#define assert_search(db, text, expected) \
  G_STMT_START { g_autofree char *got_ = search_text (db, text); \
                 g_assert_cmpstr (got_, ==, expected); } G_STMT_END

static void
test_recipient_search_text (Fixture *f, gconstpointer data)
{
  search_fixture_fill (f->db);

  /* Names sort by code point: 张 U+5F20 < 李 U+674E < 王 U+738B. */
  assert_search (f->db, NULL, "张明,李秀英,王建国,王芳");
  assert_search (f->db, "  ", "张明,李秀英,王建国,王芳");
  /* Trigram index: Chinese substrings of address and name, ID digits, phone. */
  assert_search (f->db, "东风村三", "王建国");
  assert_search (f->db, "红星村", "李秀英");
  assert_search (f->db, "王建国", "王建国");
  assert_search (f->db, "4295", "王建国");
  assert_search (f->db, "19880601", "李秀英");
  assert_search (f->db, "0002222", "张明");
  assert_search (f->db, "02x", "张明");
  assert_search (f->db, "不存在的", "");
  /* 1–2 characters: the LIKE scan. */
  assert_search (f->db, "王", "王建国,王芳");
  assert_search (f->db, "东风", "王建国");
  assert_search (f->db, "2x", "张明");
  assert_search (f->db, "芳", "王芳");
  /* LIKE wildcards in user text are literal. */
  assert_search (f->db, "%", "李秀英");
  assert_search (f->db, "_", "张明");
  assert_search (f->db, "0%", "李秀英");
  assert_search (f->db, "5_6", "张明");
  assert_search (f->db, "!", "");
  /* FTS syntax in user text is literal too. */
  assert_search (f->db, "\"东风", "");
  assert_search (f->db, "东风 OR 红星", "");
  assert_search (f->db, "100%号", "李秀英");
}

static void
test_recipient_search_filters (Fixture *f, gconstpointer data)
{
  SyRecipientFilter filter = { .sort = SY_RECIPIENT_SORT_NAME };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) villages = NULL;
  g_auto(GStrv) categories = NULL;
  g_auto(GStrv) statuses = NULL;
  char *got;

  search_fixture_fill (f->db);

  filter.village = "东风村";
  got = search (f->db, &filter);
  g_assert_cmpstr (got, ==, "王建国,王芳");
  g_free (got);

  filter.category = "退役士兵";
  got = search (f->db, &filter);
  g_assert_cmpstr (got, ==, "王建国");
  g_free (got);

  filter.text = "王";
  got = search (f->db, &filter);
  g_assert_cmpstr (got, ==, "王建国");
  g_free (got);

  filter.text = "东风村";
  filter.status = "减员";
  got = search (f->db, &filter);
  g_assert_cmpstr (got, ==, "");
  g_free (got);

  filter = (SyRecipientFilter) { .status = "在册", .category = "烈士遗属" };
  got = search (f->db, &filter);
  g_assert_cmpstr (got, ==, "李秀英");
  g_free (got);

  villages = sy_queries_recipient_facet_values (f->db, SY_RECIPIENT_FACET_VILLAGE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (villages), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) villages, "新华社区"));
  categories = sy_queries_recipient_facet_values (f->db, SY_RECIPIENT_FACET_CATEGORY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (categories), ==, 3);
  statuses = sy_queries_recipient_facet_values (f->db, SY_RECIPIENT_FACET_STATUS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (statuses), ==, 2);
}

static void
test_recipient_search_sort (Fixture *f, gconstpointer data)
{
  static const struct {
    SyRecipientSort sort;
    gboolean        descending;
    const char     *expected;
  } cases[] = {
    { SY_RECIPIENT_SORT_NAME, FALSE, "张明,李秀英,王建国,王芳" },
    { SY_RECIPIENT_SORT_NAME, TRUE, "王芳,王建国,李秀英,张明" },
    /* Youngest first; the unknown birth date last either way. */
    { SY_RECIPIENT_SORT_AGE, FALSE, "王建国,李秀英,张明,王芳" },
    { SY_RECIPIENT_SORT_AGE, TRUE, "张明,李秀英,王建国,王芳" },
    /* 东 U+4E1C < 新 U+65B0 < 红 U+7EA2 */
    { SY_RECIPIENT_SORT_VILLAGE, FALSE, "王建国,王芳,张明,李秀英" },
    { SY_RECIPIENT_SORT_VILLAGE, TRUE, "李秀英,张明,王芳,王建国" },
    /* 减 U+51CF < 在 U+5728 */
    { SY_RECIPIENT_SORT_STATUS, FALSE, "张明,李秀英,王建国,王芳" },
    /* 残 U+6B8B < 烈 U+70C8 < 退 U+9000; no category last. */
    { SY_RECIPIENT_SORT_CATEGORY, FALSE, "张明,李秀英,王建国,王芳" },
    { SY_RECIPIENT_SORT_CATEGORY, TRUE, "王建国,李秀英,张明,王芳" },
    { SY_RECIPIENT_SORT_DEFAULT, FALSE, "王建国,王芳,张明,李秀英" },
  };

  search_fixture_fill (f->db);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SyRecipientFilter filter = { .sort = cases[i].sort, .descending = cases[i].descending };
      g_autofree char *got = search (f->db, &filter);

      g_test_message ("sort %d descending %d", cases[i].sort, cases[i].descending);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_recipient_search_sync (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyQueryModel) model = NULL;
  g_autoptr(SyRecipient) r = NULL;
  SyRecipientFilter filter = { .text = "东风村三" };

  search_fixture_fill (f->db);
  model = sy_queries_recipients_filtered (f->db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  r = g_list_model_get_item (G_LIST_MODEL (model), 0);

  /* Update: the old text leaves the index, the new one enters it. */
  sy_recipient_set_address (r, "清源县胜利村七组");
  g_assert_true (sy_database_update (f->db, SY_RECORD (r), &error));
  g_assert_no_error (error);
  g_assert_true (sy_query_model_reload (model, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  assert_search (f->db, "胜利村七", "王建国");
  assert_search (f->db, "东风村三", "");
  /* A change of other columns keeps the row findable. */
  sy_recipient_set_notes (r, "年检已完成");
  g_assert_true (sy_database_update (f->db, SY_RECORD (r), &error));
  g_assert_no_error (error);
  assert_search (f->db, "胜利村七", "王建国");

  g_assert_true (sy_database_delete (f->db, SY_RECORD (r), &error));
  g_assert_no_error (error);
  assert_search (f->db, "胜利村七", "");
  assert_search (f->db, "4295", "");
  assert_search (f->db, "清源县", "李秀英");

  /* The index agrees with its content table (SQLite: PostgreSQL searches
   * without one). */
  if (sy_database_is_postgres (f->db))
    return;
  g_assert_true (sy_database_execute (f->db, "INSERT INTO recipient_fts (recipient_fts) "
                                             "VALUES ('integrity-check')", &error, NULL) >= 0);
  g_assert_no_error (error);
}

/* ---- paged recipient lists (issue 3) ------------------------------------ */

#include "sy-store-private.h"

static const char * const paged_surnames[] = { "王", "李", "张" };

/* @n recipients: name surname[i % 3] + i (zero-padded), village 东风村 for
 * odd i and 红星村 for even i, address 清源县第{i}组; a category for
 * every fourth. */
static void
paged_fill (SyDatabase *db, guint n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_database_begin (db, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%04u", paged_surnames[i % 3], i);
      g_autofree char *address = g_strdup_printf ("清源县第%u组", i);
      g_autoptr(SyRecipient) r = make_recipient (name, NULL);

      sy_recipient_set_village (r, i % 2 ? "东风村" : "红星村");
      sy_recipient_set_address (r, address);
      g_assert_true (sy_database_insert (db, SY_RECORD (r), &error));
      if (i % 4 == 0)
        {
          g_autoptr(SyRecipientCategory) c = sy_recipient_category_new ();

          sy_recipient_category_set_recipient_id (c, sy_record_get_id (SY_RECORD (r)));
          sy_recipient_category_set_category (c, i % 8 ? "烈士遗属" : "退役士兵");
          g_assert_true (sy_database_insert (db, SY_RECORD (c), &error));
        }
    }
  g_assert_true (sy_database_commit (db, &error));
  g_assert_no_error (error);
}

static SyQueryModel *
paged_search (SyDatabase *db, const SyRecipientFilter *filter, guint page_size, guint max_pages)
{
  g_autoptr(GError) error = NULL;
  SyQueryModel *model = sy_queries_recipients_filtered (db, filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  g_assert_true (_sy_query_model_is_paged (model));
  _sy_query_model_set_paging (model, page_size, max_pages);
  return model;
}

static char *
name_at (GListModel *model, guint position)
{
  g_autoptr(SyRecipient) r = g_list_model_get_item (model, position);

  g_assert_nonnull (r);
  return g_strdup (sy_recipient_get_name (r));
}

static void
test_paged_positions (Fixture *f, gconstpointer data)
{
  SyRecipientFilter filter = { .sort = SY_RECIPIENT_SORT_NAME };
  g_autoptr(SyQueryModel) model = NULL;
  GListModel *list;
  SyRecipient *held;
  gpointer weak = NULL;
  guint n;

  paged_fill (f->db, 250);
  model = paged_search (f->db, &filter, 10, 3);
  list = G_LIST_MODEL (model);

  n = g_list_model_get_n_items (list);
  g_assert_cmpuint (n, ==, 250);
  g_assert_cmpuint (_sy_query_model_get_n_cached_pages (model), ==, 0);
  g_assert_null (g_list_model_get_item (list, n));

  /* By name: all 张 (U+5F20), then 李 (U+674E), then 王 (U+738B), each by
   * number; every row once, in order, whichever page it is in. */
  for (guint pos = 0; pos < n; pos++)
    {
      guint k = pos < 83 ? pos : pos < 166 ? pos - 83 : pos - 166;
      guint i = pos < 83 ? 3 * k + 2 : pos < 166 ? 3 * k + 1 : 3 * k;
      g_autofree char *expected = g_strdup_printf ("%s%04u", paged_surnames[i % 3], i);
      g_autofree char *got = name_at (list, pos);

      g_assert_cmpstr (got, ==, expected);
      g_assert_cmpuint (_sy_query_model_get_n_cached_pages (model), <=, 3);
    }
  g_assert_cmpuint (_sy_query_model_get_n_page_loads (model), ==, 25);

  /* Cached: the same object for the same position, and no new query. */
  {
    g_autoptr(SyRecipient) a = g_list_model_get_item (list, 245);
    g_autoptr(SyRecipient) b = g_list_model_get_item (list, 245);

    g_assert_true (a == b);
    g_assert_cmpuint (_sy_query_model_get_n_page_loads (model), ==, 25);
  }

  /* Jumping around (a dragged scrollbar) reads only the pages it lands on. */
  {
    g_autofree char *mid = name_at (list, 125);
    g_autofree char *first = name_at (list, 0);

    g_assert_cmpstr (mid, ==, "李0127");
    g_assert_cmpstr (first, ==, "张0002");
    g_assert_cmpuint (_sy_query_model_get_n_page_loads (model), ==, 27);
  }

  /* Memory stays bounded: once its page is evicted, the model lets go of
   * a row; an object a widget still holds stays valid, and the position
   * then gives a new object with the same content. */
  held = g_list_model_get_item (list, 0);
  g_object_add_weak_pointer (G_OBJECT (held), &weak);
  weak = held;
  for (guint pos = 100; pos < 140; pos += 10)
    g_object_unref (g_list_model_get_item (list, pos));
  g_assert_cmpuint (_sy_query_model_get_n_cached_pages (model), ==, 3);
  g_assert_nonnull (weak);
  g_assert_cmpstr (sy_recipient_get_name (held), ==, "张0002");
  {
    g_autoptr(SyRecipient) again = g_list_model_get_item (list, 0);

    g_assert_true (again != held);
    g_assert_cmpstr (sy_recipient_get_name (again), ==, "张0002");
  }
  g_object_unref (held);
  for (guint pos = 100; pos < 140; pos += 10)
    g_object_unref (g_list_model_get_item (list, pos));
  g_assert_null (weak);

  /* The plain list is paged too, in village order. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SyQueryModel) all = sy_queries_recipients (f->db, &error);
    g_autofree char *first = NULL;
    g_autofree char *last = NULL;

    g_assert_no_error (error);
    g_assert_true (_sy_query_model_is_paged (all));
    _sy_query_model_set_paging (all, 7, 2);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 250);
    first = name_at (G_LIST_MODEL (all), 0);
    last = name_at (G_LIST_MODEL (all), 249);
    /* 东 U+4E1C < 红 U+7EA2; then by name. */
    g_assert_cmpstr (first, ==, "张0005");
    g_assert_cmpstr (last, ==, "王0246");
  }
}

typedef struct {
  guint position, removed, added;
  guint n_items;  /* the list's length while the signal runs */
} Change;

static void
record_change (GListModel *m, guint position, guint removed, guint added, gpointer data)
{
  Change c = { position, removed, added, g_list_model_get_n_items (m) };

  g_array_append_val ((GArray *) data, c);
}

static void
test_paged_reload (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (Change));
  SyRecipientFilter filter = { .village = "东风村" };
  g_autoptr(SyQueryModel) small = NULL;
  g_autoptr(SyQueryModel) big = NULL;
  g_autoptr(SyRecipient) added = make_recipient ("新人", NULL);
  Change *c;

  paged_fill (f->db, 250);

  /* A list within one page: one items-changed (0, old, new). */
  filter.text = "李";
  small = paged_search (f->db, &filter, 200, 20);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (small)), ==, 42);
  g_signal_connect (small, "items-changed", G_CALLBACK (record_change), changes);
  sy_recipient_set_name (added, "李新人");
  g_assert_true (sy_database_insert (f->db, SY_RECORD (added), &error));
  g_assert_no_error (error);
  g_assert_true (sy_query_model_reload (small, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  c = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (c->position, ==, 0);
  g_assert_cmpuint (c->removed, ==, 42);
  g_assert_cmpuint (c->added, ==, 43);
  g_assert_cmpuint (c->n_items, ==, 43);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (small)), ==, 43);
  g_signal_handlers_disconnect_by_data (small, changes);
  g_array_set_size (changes, 0);

  /* Longer than a page: emptied, then filled (so a GtkSingleSelection
   * does not walk every row looking for its selected object). */
  filter.text = NULL;
  big = paged_search (f->db, &filter, 10, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (big)), ==, 126);
  {
    g_autoptr(SyRecipient) before = g_list_model_get_item (G_LIST_MODEL (big), 0);
    g_autoptr(SyRecipient) after = NULL;

    g_signal_connect (big, "items-changed", G_CALLBACK (record_change), changes);
    g_assert_true (sy_database_delete (f->db, SY_RECORD (added), &error));
    g_assert_no_error (error);
    g_assert_true (sy_query_model_reload (big, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (changes->len, ==, 2);
    c = &g_array_index (changes, Change, 0);
    g_assert_cmpuint (c->position, ==, 0);
    g_assert_cmpuint (c->removed, ==, 126);
    g_assert_cmpuint (c->added, ==, 0);
    g_assert_cmpuint (c->n_items, ==, 0);
    c = &g_array_index (changes, Change, 1);
    g_assert_cmpuint (c->position, ==, 0);
    g_assert_cmpuint (c->removed, ==, 0);
    g_assert_cmpuint (c->added, ==, 125);
    g_assert_cmpuint (c->n_items, ==, 125);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (big)), ==, 125);
    g_assert_cmpuint (_sy_query_model_get_n_cached_pages (big), ==, 0);

    /* Old objects stay valid; rows are read again. */
    after = g_list_model_get_item (G_LIST_MODEL (big), 0);
    g_assert_true (after != before);
    g_assert_cmpstr (sy_recipient_get_name (after), ==, sy_recipient_get_name (before));
  }
  g_array_set_size (changes, 0);

  /* Nothing changed, nothing matched before: the counts still say so. */
  {
    SyRecipientFilter none = { .text = "没有这个人" };
    g_autoptr(SyQueryModel) empty = paged_search (f->db, &none, 10, 3);
    g_autoptr(SyRecipient) r = make_recipient ("没有这个人", NULL);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (empty)), ==, 0);
    g_signal_connect (empty, "items-changed", G_CALLBACK (record_change), changes);
    g_assert_true (sy_query_model_reload (empty, &error));
    g_assert_cmpuint (changes->len, ==, 0);
    g_assert_true (sy_database_insert (f->db, SY_RECORD (r), &error));
    g_assert_true (sy_query_model_reload (empty, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (changes->len, ==, 1);
    c = &g_array_index (changes, Change, 0);
    g_assert_cmpuint (c->removed, ==, 0);
    g_assert_cmpuint (c->added, ==, 1);
  }
}

/* Every row of @model through pages of 4, checked against @expected ids of
 * the same filter read in one unpaged query. */
static void
assert_paged_matches (SyDatabase *db, const SyRecipientFilter *filter, const char *where_sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyQueryModel) model = paged_search (db, filter, 4, 2);
  g_autofree char *base = sy_database_select_all_sql (SY_TYPE_RECIPIENT);
  g_autofree char *sql = g_strconcat (base, " ", where_sql, NULL);
  g_autoptr(GListModel) expected = sy_database_list (db, SY_TYPE_RECIPIENT, sql, &error, NULL);
  guint n;

  g_assert_no_error (error);
  n = g_list_model_get_n_items (expected);
  g_test_message ("%s: %u rows", where_sql, n);
  g_assert_cmpuint (n, >, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyRecipient) want = g_list_model_get_item (expected, i);
      g_autoptr(SyRecipient) got = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpint (sy_record_get_id (SY_RECORD (got)), ==, sy_record_get_id (SY_RECORD (want)));
    }
  g_assert_cmpuint (_sy_query_model_get_n_cached_pages (model), <=, 2);
}

static void
test_paged_filters (Fixture *f, gconstpointer data)
{
  SyRecipientFilter filter;

  paged_fill (f->db, 120);

  /* 1–2 characters (scan) with a village and a sort. */
  filter = (SyRecipientFilter) { .text = "王", .village = "东风村", .sort = SY_RECIPIENT_SORT_NAME };
  assert_paged_matches (f->db, &filter,
                        "WHERE name LIKE '%王%' AND village = '东风村' ORDER BY name, id");
  /* 3+ characters (trigram index), newest names first. */
  filter = (SyRecipientFilter) { .text = "清源县第1", .sort = SY_RECIPIENT_SORT_NAME, .descending = TRUE };
  assert_paged_matches (f->db, &filter,
                        "WHERE address LIKE '%清源县第1%' ORDER BY name DESC, id DESC");
  /* A category, default order. */
  filter = (SyRecipientFilter) { .category = "烈士遗属" };
  assert_paged_matches (f->db, &filter,
                        "WHERE id IN (SELECT recipient_id FROM recipient_category "
                        "WHERE category = '烈士遗属') ORDER BY village, name, id");
  /* The category order sorts by a subquery inside the page query. */
  filter = (SyRecipientFilter) { .village = "红星村", .sort = SY_RECIPIENT_SORT_CATEGORY };
  assert_paged_matches (f->db, &filter,
                        "WHERE village = '红星村' ORDER BY (SELECT group_concat (category, '、') "
                        "FROM recipient_category c WHERE c.recipient_id = recipient.id) IS NULL, "
                        "(SELECT group_concat (category, '、') FROM recipient_category c "
                        "WHERE c.recipient_id = recipient.id), name, id");
  /* Status order, descending, no filter: every row. */
  filter = (SyRecipientFilter) { .sort = SY_RECIPIENT_SORT_STATUS, .descending = TRUE };
  assert_paged_matches (f->db, &filter, "ORDER BY status DESC, name DESC, id DESC");
}

/* 1–2 characters are found by one scan into a hit table: counts and pages
 * equal the unpaged result, a reload fills the table again, and the
 * tables are given back when models go. */
static void
test_paged_short_search (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyQueryModel) model = NULL;
  g_autoptr(SyQueryModel) other = NULL;
  g_autoptr(SyRecipient) added = NULL;
  SyRecipientFilter filter;
  guint n;

  paged_fill (f->db, 120);

  filter = (SyRecipientFilter) { .text = "李" };
  assert_paged_matches (f->db, &filter, "WHERE name LIKE '%李%' ORDER BY village, name, id");
  filter = (SyRecipientFilter) { .text = "王", .sort = SY_RECIPIENT_SORT_NAME, .descending = TRUE };
  assert_paged_matches (f->db, &filter, "WHERE name LIKE '%王%' ORDER BY name DESC, id DESC");
  filter = (SyRecipientFilter) { .text = "1", .sort = SY_RECIPIENT_SORT_AGE };
  assert_paged_matches (f->db, &filter,
                        "WHERE name LIKE '%1%' OR address LIKE '%1%' "
                        "ORDER BY birth_date IS NULL, birth_date DESC, id");
  filter = (SyRecipientFilter) { .text = "张0", .category = "退役士兵" };
  assert_paged_matches (f->db, &filter,
                        "WHERE name LIKE '%张0%' AND id IN (SELECT recipient_id FROM recipient_category "
                        "WHERE category = '退役士兵') ORDER BY village, name, id");

  /* Two lists at once keep their own rows. */
  filter = (SyRecipientFilter) { .text = "李" };
  model = paged_search (f->db, &filter, 7, 2);
  filter = (SyRecipientFilter) { .text = "张" };
  other = paged_search (f->db, &filter, 7, 2);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, 40);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 40);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *a = name_at (G_LIST_MODEL (model), i);
      g_autofree char *b = name_at (G_LIST_MODEL (other), i);

      g_assert_true (g_str_has_prefix (a, "李"));
      g_assert_true (g_str_has_prefix (b, "张"));
    }

  /* A new match shows after reload(), in its place in the list order. */
  added = make_recipient ("李家新", NULL);
  sy_recipient_set_village (added, "东风村");
  g_assert_true (sy_database_insert (f->db, SY_RECORD (added), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 40);
  g_assert_true (sy_query_model_reload (model, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 41);
  g_clear_object (&model);
  filter = (SyRecipientFilter) { .text = "李" };
  assert_paged_matches (f->db, &filter, "WHERE name LIKE '%李%' ORDER BY village, name, id");
  {
    g_autoptr(SyQueryModel) again = paged_search (f->db, &filter, 200, 20);
    gboolean found = FALSE;

    for (guint i = 0; i < 41; i++)
      {
        g_autofree char *name = name_at (G_LIST_MODEL (again), i);
        found |= g_str_equal (name, "李家新");
      }
    g_assert_true (found);
  }

  /* Hit tables are given back: more lists than there are tables, one after
   * another. */
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(SyQueryModel) m = sy_queries_recipients_filtered (f->db, &filter, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m)), ==, 41);
    }
}

/* ---- PostgreSQL roles (issue 7) ------------------------------------------ */

/* Runs each of @statements with %s the role name @role. */
static void
run_admin (SyDatabase *db, const char *role, const char *const *statements)
{
  for (guint i = 0; statements[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) parts = g_strsplit (statements[i], "%s", -1);
      g_autofree char *sql = g_strjoinv (role, parts);

      gda_connection_execute_non_select_command (sy_database_get_connection (db), sql, &error);
      g_assert_no_error (error);
    }
}

/* @db's URI with @role as the user. */
static char *
uri_as (SyDatabase *db, const char *role)
{
  const char *location = sy_database_get_directory (db);
  const char *at = strchr (location, '@');

  g_assert_nonnull (at);
  return g_strdup_printf ("postgresql://%s%s", role, at);
}

/* The audit log names the role the change came through (current_user on
 * PostgreSQL, none on a local database). */
static void
test_audit_role (Fixture *f, gconstpointer data)
{
  static const GType types[] = { G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecipient) r = make_recipient ("赵审计", "360426199101010098");
  g_autoptr(GdaDataModel) model = NULL;
  const GValue *v;

  g_assert_true (sy_database_insert (f->db, SY_RECORD (r), &error));
  g_assert_no_error (error);
  model = sy_database_select (f->db, "SELECT db_role FROM audit_log WHERE entity = 'recipient'",
                              types, &error, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (gda_data_model_get_n_rows (model), ==, 1);
  v = gda_data_model_get_value_at (model, 0, 0, NULL);
  if (sy_database_is_postgres (f->db))
    {
      g_assert_cmpstr (sy_database_get_role (f->db), ==, "postgres");
      g_assert_true (G_VALUE_HOLDS_STRING (v));
      g_assert_cmpstr (g_value_get_string (v), ==, "postgres");
    }
  else
    {
      g_assert_null (sy_database_get_role (f->db));
      g_assert_true (v == NULL || G_VALUE_HOLDS (v, GDA_TYPE_NULL));
    }
  g_assert_false (sy_database_is_read_only (f->db));
}

/* A reviewer's role reads everything and changes nothing, with a message
 * that says why; a role that may write the audit log but not a table gets
 * the same message from the server's refusal. */
static void
test_read_only_role (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecipient) r = make_recipient ("钱只读", "360426199101010071");
  g_autoptr(SyRecipient) other = make_recipient ("孙不行", "360426199101010055");
  g_autoptr(SyDatabase) reviewer = NULL;
  g_autoptr(SyDatabase) clerk = NULL;
  g_autoptr(SyRecipient) seen = NULL;
  static const char *const reviewer_grants[] = {
    "CREATE ROLE %s LOGIN",
    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO %s",
    NULL
  };
  static const char *const clerk_grants[] = {
    "CREATE ROLE %s LOGIN",
    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO %s",
    "GRANT INSERT ON audit_log TO %s",
    "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %s",
    NULL
  };
  g_autofree char *reviewer_role = NULL;
  g_autofree char *clerk_role = NULL;
  g_autofree char *uri = NULL;
  gint64 audit_rows = 0;

  if (!sy_database_is_postgres (f->db))
    {
      g_test_skip ("database roles are PostgreSQL's");
      return;
    }
  g_assert_true (sy_database_insert (f->db, SY_RECORD (r), &error));
  g_assert_no_error (error);

  /* Roles belong to the server: names unique to this test database. */
  reviewer_role = g_strdup_printf ("reviewer_%s", strrchr (sy_database_get_directory (f->db), '/') + 1);
  clerk_role = g_strdup_printf ("clerk_%s", strrchr (sy_database_get_directory (f->db), '/') + 1);
  run_admin (f->db, reviewer_role, reviewer_grants);

  uri = uri_as (f->db, reviewer_role);
  reviewer = sy_database_open (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_database_get_role (reviewer), ==, reviewer_role);
  g_assert_true (sy_database_is_read_only (reviewer));
  seen = sy_database_load (reviewer, SY_TYPE_RECIPIENT, sy_record_get_id (SY_RECORD (r)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_recipient_get_name (seen), ==, "钱只读");
  {
    /* A search fills a temporary hit table: reading, so allowed. */
    SyRecipientFilter filter = { .text = "只读", .sort = SY_RECIPIENT_SORT_NAME };
    g_autoptr(SyQueryModel) found = sy_queries_recipients_filtered (reviewer, &filter, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 1);
  }

  sy_recipient_set_phone (seen, "13800000000");
  g_assert_false (sy_database_update (reviewer, SY_RECORD (seen), &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, reviewer_role));
  g_clear_error (&error);
  g_assert_false (sy_database_insert (reviewer, SY_RECORD (other), &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* The clerk may write the audit log (so is not read-only) but not the
   * recipients: the server refuses, and nothing of the change is kept. */
  run_admin (f->db, clerk_role, clerk_grants);
  g_free (uri);
  uri = uri_as (f->db, clerk_role);
  clerk = sy_database_open (uri, &error);
  g_assert_no_error (error);
  g_assert_false (sy_database_is_read_only (clerk));
  audit_rows = count (f->db, "SELECT COUNT(*) FROM audit_log");
  g_assert_false (sy_database_insert (clerk, SY_RECORD (other), &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, clerk_role));
  g_clear_error (&error);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log"), ==, audit_rows);
  /* The failed transaction is over: the connection still reads. */
  g_clear_object (&seen);
  seen = sy_database_load (clerk, SY_TYPE_RECIPIENT, sy_record_get_id (SY_RECORD (r)), &error);
  g_assert_no_error (error);
}

/* Addresses: a malformed one is refused with words; a password with the
 * characters a connection string uses (; = @ %) reaches the server intact
 * and never appears in the location workers reopen. */
static void
test_open_uri (Fixture *f, gconstpointer data)
{
  static const char *const bad[] = {
    "postgresql://postgres@localhost:5432",
    "postgresql://postgres@localhost:5432/",
    "postgresql://postgres@localhost:5432/a/b",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) again = NULL;
  g_autofree char *uri = NULL;
  const char *at;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(SyDatabase) db = sy_database_open_uri (bad[i], &error);

      g_assert_null (db);
      g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i]));
      g_clear_error (&error);
    }
  /* Backups and restore are for local databases: a shared one is refused
   * with words, before anything is read or written (check runs on both). */
  g_assert_true (sy_database_require_local ("/tmp/office", &error));
  g_assert_no_error (error);
  g_assert_false (sy_database_require_local ("postgresql://me@server/office", &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  if (!sy_database_is_postgres (f->db))
    {
      g_assert_cmpstr (sy_database_get_files_directory (f->db), ==, sy_database_get_directory (f->db));
      return;
    }
  {
    g_autoptr(GPtrArray) findings = sy_check_run (f->db, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (findings->len, ==, 0);
  }

  /* The test server trusts its socket, so any password is accepted: what
   * is tested is that the connection string survives it. */
  at = strchr (sy_database_get_directory (f->db), '@');
  uri = g_strdup_printf ("postgresql://postgres:p%%3Ba%%3Ds%%40s%%25w%s", at);
  again = sy_database_open_uri (uri, &error);
  g_assert_no_error (error);
  g_assert_true (sy_database_is_postgres (again));
  g_assert_cmpstr (sy_database_get_directory (again), ==, sy_database_get_directory (f->db));
  g_assert_null (strstr (sy_database_get_directory (again), "p;a"));
  g_assert_null (strstr (sy_database_get_directory (again), "%3B"));
  g_assert_cmpstr (sy_database_get_files_directory (again), ==, f->dir);
  g_assert_cmpint (count (again, "SELECT COUNT(*) FROM schema_migration"), ==,
                   sy_database_get_known_schema_version ());
}

/* Two connections to one database see each other's changes in the stamp.
 * The process's own writes are counted across its connections (a worker
 * thread's too); a private connection stands for another desk. */
static void
test_change_stamp (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) other = sy_database_open (sy_database_get_directory (f->db), &error);
  g_autoptr(SyDatabase) worker = sy_database_open (sy_database_get_directory (f->db), &error);
  gint64 s0 = -1, s1 = -1, s2 = -1, n = -1, own0, gen0 = 0, gen1 = 0;

  g_assert_no_error (error);
  sy_database_set_own_writes_private (other);
  own0 = sy_database_get_own_writes (f->db, &gen0);
  g_assert_cmpint (gen0, >, 0);
  g_assert_true (sy_database_get_change_stamp (f->db, &s0, &error));
  g_assert_no_error (error);

  g_assert_true (sy_database_set_setting (other, "unit-name", "某某县退役军人事务局", &error));
  g_assert_no_error (error);
  g_assert_true (sy_database_get_change_stamp (f->db, &s1, &error));
  g_assert_cmpint (s1, >, s0);
  g_assert_true (sy_database_count_changes_since (f->db, s0, &n, &error));
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpint (sy_database_get_own_writes (other, NULL), ==, 1);
  g_assert_cmpint (sy_database_get_own_writes (f->db, &gen1), ==, own0);
  g_assert_cmpint (gen1, ==, gen0);

  /* A rolled-back transaction's audit rows are not counted. */
  g_assert_true (sy_database_begin (f->db, &error));
  g_assert_true (sy_database_set_setting (f->db, "unit-name", "x", &error));
  sy_database_rollback (f->db);
  g_assert_cmpint (sy_database_get_own_writes (f->db, NULL), ==, own0);
  g_assert_true (sy_database_get_change_stamp (other, &s2, &error));
  g_assert_cmpint (s2, ==, s1);

  /* Committed ones count on commit, whichever connection of the process
   * wrote them. */
  g_assert_true (sy_database_begin (f->db, &error));
  g_assert_true (sy_database_set_setting (f->db, "unit-name", "y", &error));
  g_assert_true (sy_database_set_setting (f->db, "unit-code", "z", &error));
  g_assert_cmpint (sy_database_get_own_writes (f->db, NULL), ==, own0);
  g_assert_true (sy_database_commit (f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sy_database_get_own_writes (f->db, &gen1), ==, own0 + 2);
  g_assert_cmpint (gen1, >, gen0);
  g_assert_true (sy_database_set_setting (worker, "unit-code", "w", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sy_database_get_own_writes (f->db, NULL), ==, own0 + 3);
  g_assert_cmpint (sy_database_get_own_writes (other, NULL), ==, 1);
  g_assert_true (sy_database_get_change_stamp (other, &s2, &error));
  g_assert_cmpint (s2, >, s1);
  g_assert_true (sy_database_count_changes_since (other, s1, &n, &error));
  g_assert_cmpint (n, ==, 3);
}

static void
on_changed (SyChangeWatcher *watcher, gpointer data)
{
  (*(int *) data)++;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (10000);
}

/* The watcher ignores the process's writes (a worker thread's connection
 * included) and reports another desk's. */
static void
test_change_watcher (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) other = sy_database_open (sy_database_get_directory (f->db), &error);
  g_autoptr(SyDatabase) worker = sy_database_open (sy_database_get_directory (f->db), &error);
  g_autoptr(SyChangeWatcher) watcher = sy_change_watcher_new (f->db, 1);
  int changed = 0;
  gint64 end;

  g_assert_no_error (error);
  sy_database_set_own_writes_private (other);
  g_signal_connect (watcher, "changed", G_CALLBACK (on_changed), &changed);
  spin (1500);   /* the baseline */
  g_assert_true (sy_database_set_setting (f->db, "unit-name", "own", &error));
  g_assert_true (sy_database_set_setting (worker, "unit-code", "own", &error));
  g_assert_no_error (error);
  spin (2500);
  g_assert_cmpint (changed, ==, 0);

  /* Another's write among own ones is still noticed. */
  g_assert_true (sy_database_set_setting (other, "unit-name", "other", &error));
  g_assert_true (sy_database_set_setting (f->db, "unit-code", "own", &error));
  g_assert_no_error (error);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (changed == 0 && g_get_monotonic_time () < end)
    spin (50);
  g_assert_cmpint (changed, ==, 1);
  spin (2500);
  g_assert_cmpint (changed, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/store/migrations-from-empty", test_migrations_from_empty);
  ADD ("/store/newer-schema-refused", test_newer_schema_refused);
  ADD ("/store/crud-and-audit", test_crud_and_audit);
  ADD ("/store/transactions", test_transactions);
  ADD ("/store/settings", test_settings);
  ADD ("/store/plan-items-document-order", test_plan_items_document_order);
  ADD ("/store/not-empty-with-roster-only", test_not_empty_with_roster_only);
  ADD ("/store/attachments", test_attachments);
  ADD ("/store/attachments/large", test_attachments_large);
  ADD ("/store/query-model", test_query_model);
  ADD ("/store/category-related-soldier", test_category_related_soldier);
  ADD ("/store/events-in-years", test_events_in_years);
  ADD ("/store/recipient-search/text", test_recipient_search_text);
  ADD ("/store/recipient-search/filters", test_recipient_search_filters);
  ADD ("/store/recipient-search/sort", test_recipient_search_sort);
  ADD ("/store/recipient-search/sync", test_recipient_search_sync);
  ADD ("/store/paged/positions", test_paged_positions);
  ADD ("/store/paged/reload", test_paged_reload);
  ADD ("/store/paged/filters", test_paged_filters);
  ADD ("/store/paged/short-search", test_paged_short_search);
  ADD ("/store/audit-role", test_audit_role);
  ADD ("/store/open-uri", test_open_uri);
  ADD ("/store/read-only-role", test_read_only_role);
  ADD ("/store/change-stamp", test_change_stamp);
  ADD ("/store/change-watcher", test_change_watcher);
#undef ADD

  return g_test_run ();
}
