/* test-store.c: the data layer on a temporary SQLite database */
#include "sy-store.h"

#include <glib/gstdio.h>

typedef struct {
  char       *dir;
  SyDatabase *db;
} Fixture;

static void
rm_rf (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) en = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                             G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                             NULL, NULL);
  GFileInfo *info;

  while (en && (info = g_file_enumerator_next_file (en, NULL, NULL)))
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        rm_rf (child);
      else
        g_unlink (child);
      g_object_unref (info);
    }
  g_rmdir (path);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sy-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = sy_database_open (f->dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->db);
  sy_database_set_actor (f->db, "tester");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->db);
  rm_rf (f->dir);
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
  GStatBuf st;

  g_assert_cmpint (sy_database_get_schema_version (f->db), ==, sy_database_get_known_schema_version ());
  g_assert_cmpint (sy_database_get_known_schema_version (), >=, 1);
  g_assert_true (sy_database_is_empty (f->db));
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM schema_migration"), ==,
                   sy_database_get_known_schema_version ());

  /* Personal data: the database file is private to the user. */
  g_assert_cmpint (g_stat (db_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  /* Reopening does not migrate again. */
  g_clear_object (&f->db);
  f->db = sy_database_open (f->dir, &error);
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
  before = file_checksum (db_file);

  again = sy_database_open (f->dir, &error);
  g_assert_null (again);
  g_assert_error (error, SY_ERROR, SY_ERROR_SCHEMA_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "999"));

  after = file_checksum (db_file);
  g_assert_cmpstr (before, ==, after);
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

  /* A changed file is detected, not served. */
  g_chmod (path, 0600);
  g_assert_true (g_file_set_contents (path, "tampered", -1, NULL));
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
  ADD ("/store/attachments", test_attachments);
  ADD ("/store/query-model", test_query_model);
  ADD ("/store/events-in-years", test_events_in_years);
#undef ADD

  return g_test_run ();
}
