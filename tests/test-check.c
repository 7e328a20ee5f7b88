/* test-check.c: the database check (sy-check.c) on SQLite and, as check-pg,
 * on PostgreSQL: foreign-key orphans, attachments, dangling 考评 links */
#include "sy-store.h"
#include "sy-test-util.h"
#include "sy-test-db.h"

#include <string.h>

typedef struct {
  char       *dir;
  SyDatabase *db;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
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

/* The findings as "error: …" / "warning: …" lines, as the CLI prints them. */
static char *
run_check (SyDatabase *db, guint *errors, guint *warnings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = sy_check_run (db, &error);
  GString *report = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (findings);
  for (guint i = 0; i < findings->len; i++)
    {
      SyCheckFinding *f = g_ptr_array_index (findings, i);
      g_string_append_printf (report, "%s: %s\n", f->severity == SY_CHECK_ERROR ? "error" : "warning",
                              f->message);
    }
  *errors = sy_check_count (findings, SY_CHECK_ERROR);
  *warnings = sy_check_count (findings, SY_CHECK_WARNING);
  if (report->len)
    g_test_message ("%s", report->str);
  return g_string_free (report, FALSE);
}

static void
raw (SyDatabase *db, const char *sql)
{
  g_autoptr(GError) error = NULL;

  gda_connection_execute_non_select_command (sy_database_get_connection (db), sql, &error);
  g_assert_no_error (error);
}

static void
test_clean (Fixture *f, gconstpointer data)
{
  guint errors = 99, warnings = 99;
  g_autofree char *report = run_check (f->db, &errors, &warnings);

  g_assert_cmpuint (errors, ==, 0);
  g_assert_cmpuint (warnings, ==, 0);
}

/* Rows a foreign key should have stopped: PostgreSQL enforces them, but
 * rows loaded with triggers off (as a restore may) are not checked. */
static void
test_foreign_key_orphans (Fixture *f, gconstpointer data)
{
  guint errors = 0, warnings = 0;
  g_autofree char *report = NULL;

  if (sy_database_is_postgres (f->db))
    raw (f->db, "SET session_replication_role = replica");
  else
    {
      g_autoptr(GdaDataModel) pragma =
        gda_connection_execute_select_command (sy_database_get_connection (f->db),
                                               "PRAGMA foreign_keys = OFF", NULL);
    }
  raw (f->db, "INSERT INTO event_military_unit (event_id, military_unit_id) VALUES (987654, 987655)");
  if (sy_database_is_postgres (f->db))
    raw (f->db, "SET session_replication_role = DEFAULT");

  report = run_check (f->db, &errors, &warnings);
  g_assert_cmpuint (errors, ==, 2);   /* the activity and the unit */
  g_assert_cmpuint (warnings, ==, 0);
  g_assert_nonnull (strstr (report, "event_military_unit"));
  g_assert_nonnull (strstr (report, "military_unit"));
  /* PostgreSQL names the missing values (SQLite's pragma, the row). */
  if (sy_database_is_postgres (f->db))
    {
      g_assert_nonnull (strstr (report, "987654"));
      g_assert_nonnull (strstr (report, "987655"));
    }
}

/* An attachment whose content no longer matches its hash, in a file or (on
 * PostgreSQL with attachment_blob) in the database. */
static void
test_damaged_attachment (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SyAttachmentStore *store = sy_database_get_attachments (f->db);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("扫描件 scan", strlen ("扫描件 scan"));
  g_autofree char *hash = sy_attachment_store_add_bytes (store, bytes, "image/jpeg", "a.jpg", &error);
  g_autofree char *report = NULL;
  gint64 blobs = 0;
  guint errors = 0, warnings = 0;

  g_assert_no_error (error);
  /* Stored but used by no record: untidy, nothing lost. */
  report = run_check (f->db, &errors, &warnings);
  g_assert_cmpuint (errors, ==, 0);
  g_assert_cmpuint (warnings, ==, 1);
  g_assert_nonnull (strstr (report, hash));
  g_clear_pointer (&report, g_free);

  if (sy_database_is_postgres (f->db))
    g_assert_true (sy_database_query_int64 (f->db, &blobs,
                                            "SELECT CASE WHEN to_regclass ('attachment_blob') IS NULL "
                                            "THEN 0 ELSE 1 END", &error, NULL));
  if (blobs)
    raw (f->db, "UPDATE attachment_blob SET content = decode ('00', 'hex')");
  else
    {
      g_autofree char *path = sy_attachment_store_get_path (store, hash);
      g_assert_true (g_file_set_contents (path, "扫描件 scan", strlen ("扫描件 scan") - 1, NULL));
    }
  report = run_check (f->db, &errors, &warnings);
  g_assert_cmpuint (errors, ==, 1);
  g_assert_nonnull (strstr (report, hash));
  g_assert_true (g_str_has_prefix (report, "error: "));
}

/* A 考评 link whose activity was deleted behind the repository's back. */
static void
test_dangling_assessment_link (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  guint errors = 0, warnings = 0;

  g_assert_cmpint (sy_database_execute (f->db,
                                        "INSERT INTO assessment_link (item_id, entity, entity_id, version, "
                                        "created_at, created_by, updated_at, updated_by) "
                                        "SELECT MIN(id), 'event', 987654, 1, 'now', 'tester', 'now', 'tester' "
                                        "FROM assessment_item", &error, NULL), ==, 1);
  g_assert_no_error (error);
  report = run_check (f->db, &errors, &warnings);
  g_assert_cmpuint (errors, ==, 0);
  g_assert_cmpuint (warnings, ==, 1);
  g_assert_nonnull (strstr (report, "987654"));
  g_assert_nonnull (strstr (report, "event"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/check/clean", test_clean);
  ADD ("/check/foreign-key-orphans", test_foreign_key_orphans);
  ADD ("/check/damaged-attachment", test_damaged_attachment);
  ADD ("/check/dangling-assessment-link", test_dangling_assessment_link);
#undef ADD

  return g_test_run ();
}
