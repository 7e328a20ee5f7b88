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

  /* The index agrees with its content table. */
  g_assert_true (sy_database_execute (f->db, "INSERT INTO recipient_fts (recipient_fts) "
                                             "VALUES ('integrity-check')", &error, NULL) >= 0);
  g_assert_no_error (error);
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
  ADD ("/store/recipient-search/text", test_recipient_search_text);
  ADD ("/store/recipient-search/filters", test_recipient_search_filters);
  ADD ("/store/recipient-search/sort", test_recipient_search_sort);
  ADD ("/store/recipient-search/sync", test_recipient_search_sync);
#undef ADD

  return g_test_run ();
}
