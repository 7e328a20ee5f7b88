/* test-backup-shared.c: backups of a shared (PostgreSQL) database and
 * restores into one
 *
 * Runs against the throwaway server of tests/pg/run-with-pg.sh (skipped
 * without it).  The demo office is written once into a shared database;
 * each test works on its own databases.  "The same data" is judged here
 * independently of the store's own copy code: every table's rows as
 * PostgreSQL prints them, sorted and hashed, and the attachments' contents
 * by md5 on the server.
 */
#define _GNU_SOURCE  /* memmem */
#include "sy-demo.h"
#include "sy-test-util.h"
#include "sy-test-db.h"
#include "sy-backup.h"
#include "sy-check.h"
#include "sy-attachment-store.h"

#include <string.h>
#include <glib/gstdio.h>

#define SEED      20261129
#define LAST_YEAR 2026

static SyDatabase *office;      /* the demo office, never changed */
static char *office_files;
static char *work;              /* backups and local folders */

/* Every table of a shared database, row by row as the server prints it:
 * the audit row of a restore and the migration marker are the target's
 * own and left out, attachment contents by their md5. */
static char *
digest_of (SyDatabase *db)
{
  g_autofree char *tables = sy_test_db_text (db, "SELECT table_name FROM information_schema.tables "
                                         "WHERE table_schema = current_schema () "
                                         "AND table_name <> 'schema_migration' ORDER BY table_name");
  g_auto(GStrv) names = g_strsplit (tables, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; names[i] && *names[i]; i++)
    {
      const char *name = names[i];
      const char *where = g_str_equal (name, "audit_log") ? " WHERE action <> 'restore'"
                        : g_str_equal (name, "setting") ? " WHERE key <> 'migrated-from'" : "";
      const char *row = g_str_equal (name, "attachment_blob") ? "hash || md5 (content)" : "CAST (t AS TEXT)";
      g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*), md5 (COALESCE (string_agg (x, '\n' ORDER BY x), '')) "
                                              "FROM (SELECT %s AS x FROM \"%s\" t%s) s", row, name, where);
      g_autofree char *line = sy_test_db_text (db, sql);

      g_string_append_printf (out, "%s %s", name, line);
    }
  return g_string_free (out, FALSE);
}

static char *
backup_of (SyDatabase *db, const char *name, SyBackupReport *report)
{
  g_autofree char *path = g_build_filename (work, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_backup_create (db, path, report, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
assert_check_clean (SyDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = sy_check_run (db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < findings->len; i++)
    g_test_message ("check: %s", ((SyCheckFinding *) findings->pdata[i])->message);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
close_database (SyDatabase **db, char **files)
{
  g_clear_object (db);
  sy_test_remove_tree (*files);
  g_clear_pointer (files, g_free);
}

/* A shared office backed up and restored into another, new shared
 * database: the same rows, ids, attachments; the report right. */
static void
test_round_trip (void)
{
  g_autofree char *path = NULL;
  g_autofree char *target_files = NULL;
  g_autofree char *before = digest_of (office);
  g_autofree char *after = NULL;
  g_auto(SyBackupReport) report = { 0 };
  g_auto(SyBackupReport) restored = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) target = NULL;
  GStatBuf st;

  path = backup_of (office, "round-trip.tar", &report);
  g_assert_cmpint (report.schema_version, ==, sy_database_get_known_schema_version ());
  g_assert_cmpint (report.n_attachments, ==, sy_test_db_count (office, "SELECT COUNT(*) FROM attachment"));
  g_assert_cmpint (report.n_attachments, >, 10);
  g_assert_null (report.missing);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (sy_backup_verify (path, NULL, &error));
  g_assert_no_error (error);

  target = sy_test_open_database (&target_files);
  g_assert_true (sy_backup_restore_into (target, path, &restored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (restored.n_attachments, ==, report.n_attachments);
  g_assert_null (restored.missing);

  after = digest_of (target);
  g_assert_cmpstr (after, ==, before);
  /* The restore itself is in the audit log, by the role that did it. */
  g_assert_cmpint (sy_test_db_count (target, "SELECT COUNT(*) FROM audit_log WHERE action = 'restore' "
                                  "AND db_role = current_user"), ==, 1);
  assert_check_clean (target);
  /* Contents come back verified through the store. */
  {
    g_autofree char *hash = sy_test_db_text (target, "SELECT MIN(hash) FROM attachment");
    g_autoptr(GBytes) bytes = NULL;

    g_strchomp (hash);
    bytes = sy_attachment_store_load (sy_database_get_attachments (target), hash, &error);
    g_assert_no_error (error);
    g_assert_nonnull (bytes);
  }
  /* New rows get new ids: the sequences moved up with the copied rows. */
  g_assert_cmpint (sy_database_execute (target, "INSERT INTO setting (key, value) VALUES ('x', 'y')",
                                        &error, NULL), ==, 1);
  g_assert_no_error (error);
  g_assert_true (sy_database_audit_event (target, "test", "setting", 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sy_test_db_count (target, "SELECT COUNT(DISTINCT id) - COUNT(*) FROM audit_log"), ==, 0);
  close_database (&target, &target_files);
}

/* Restoring over a shared database that changed since its backup brings
 * it back: changed rows, new rows, new attachments (their contents go
 * too); ids never go back, so other desks' watchers see the restore. */
static void
test_restore_over_changes (void)
{
  g_autofree char *files = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *extra = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = sy_test_open_database (&files);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("not in the backup", 17);
  gint64 max_audit;

  {
    g_autofree char *seed = backup_of (office, "seed.tar", NULL);
    g_assert_true (sy_backup_restore_into (db, seed, NULL, &error));
    g_assert_no_error (error);
  }
  path = backup_of (db, "over-changes.tar", NULL);
  before = digest_of (db);

  g_assert_true (sy_database_set_setting (db, "office-name", "改过的名字", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sy_database_execute (db, "UPDATE recipient SET name = '改名' WHERE id = "
                                            "(SELECT MIN(id) FROM recipient)", &error, NULL), ==, 1);
  g_assert_cmpint (sy_database_execute (db, "DELETE FROM event_photo WHERE event_id = "
                                            "(SELECT MIN(event_id) FROM event_photo)", &error, NULL), >, 0);
  g_assert_no_error (error);
  extra = sy_attachment_store_add_bytes (sy_database_get_attachments (db), bytes, "text/plain",
                                         "x.txt", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (digest_of (db), !=, before);
  max_audit = sy_test_db_count (db, "SELECT MAX(id) FROM audit_log");

  g_assert_true (sy_backup_restore_into (db, path, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *after = digest_of (db);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_false (sy_attachment_store_contains (sy_database_get_attachments (db), extra));
  g_assert_cmpint (sy_test_db_count (db, "SELECT MAX(id) FROM audit_log WHERE action = 'restore'"), >, max_audit);
  assert_check_clean (db);
  close_database (&db, &files);
}

/* One format for both kinds: a local office's backup restores into a
 * shared database, a shared one's into a local folder. */
static void
test_across_kinds (void)
{
  g_autofree char *local_dir = g_build_filename (work, "local", NULL);
  g_autofree char *shared_path = backup_of (office, "shared.tar", NULL);
  g_autofree char *local_path = NULL;
  g_autofree char *files = NULL;
  g_autofree char *recipients = sy_test_db_text (office, "SELECT id, name, id_number FROM recipient ORDER BY id");
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) shared = NULL;

  g_assert_true (sy_backup_restore (shared_path, local_dir, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SyDatabase) local = sy_database_open (local_dir, &error);
    g_autofree char *copied = NULL;

    g_assert_no_error (error);
    copied = sy_test_db_text (local, "SELECT id, name, id_number FROM recipient ORDER BY id");
    g_assert_cmpstr (copied, ==, recipients);
    g_assert_cmpint (sy_test_db_count (local, "SELECT COUNT(*) FROM attachment"), ==,
                     sy_test_db_count (office, "SELECT COUNT(*) FROM attachment"));
    /* The local full-text index was filled as the rows went in. */
    g_assert_cmpint (sy_test_db_count (local, "SELECT COUNT(*) FROM recipient_fts"), ==,
                     sy_test_db_count (local, "SELECT COUNT(*) FROM recipient"));
    assert_check_clean (local);
    local_path = backup_of (local, "local.tar", NULL);
  }

  shared = sy_test_open_database (&files);
  g_assert_true (sy_backup_restore_into (shared, local_path, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *a = digest_of (office);
    g_autofree char *b = digest_of (shared);
    g_assert_cmpstr (a, ==, b);
  }
  assert_check_clean (shared);
  close_database (&shared, &files);
  sy_test_remove_tree (local_dir);
}

/* Refusals leave the shared database exactly as it was: a damaged backup,
 * a tampered attachment, a role that may only read, a local folder. */
static void
test_refused (void)
{
  g_autofree char *files = NULL;
  g_autofree char *path = backup_of (office, "refused.tar", NULL);
  g_autofree char *damaged = g_build_filename (work, "damaged.tar", NULL);
  g_autofree char *before = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = sy_test_open_database (&files);
  gsize len = 0;

  g_assert_true (sy_backup_restore_into (db, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sy_database_set_setting (db, "office-name", "现在的名字", &error));
  g_assert_no_error (error);
  before = digest_of (db);

  /* Cut short. */
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_true (g_file_set_contents (damaged, data, len / 2, NULL));
  g_assert_false (sy_backup_restore_into (db, damaged, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpstr (digest_of (db), ==, before);

  /* One byte of the last attachment changed: its hash no longer matches.
   * The tar ends with zero padding and end blocks: the last non-zero byte
   * is that attachment's. */
  {
    gsize i = len - 1;

    while (i > 0 && data[i] == 0)
      i--;
    data[i] ^= 0x01;
  }
  g_assert_true (g_file_set_contents (damaged, data, len, NULL));
  g_assert_false (sy_backup_restore_into (db, damaged, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpstr (digest_of (db), ==, before);

  /* From a newer version: the manifest's schema raised in place (same
   * length, so the tar stays well-formed). */
  {
    g_autofree char *from = g_strdup_printf ("\"schema_version\": %d,", sy_database_get_known_schema_version ());
    g_autofree char *to = g_strdup_printf ("\"schema_version\":%d%d,", sy_database_get_known_schema_version (),
                                           sy_database_get_known_schema_version ());
    char *at;

    g_clear_pointer (&data, g_free);
    g_assert_true (g_file_get_contents (path, &data, &len, NULL));
    at = memmem (data, MIN (len, 4096), from, strlen (from));
    g_assert_nonnull (at);
    g_assert_cmpuint (strlen (from), ==, strlen (to));
    memcpy (at, to, strlen (to));
    g_assert_true (g_file_set_contents (damaged, data, len, NULL));
    g_assert_false (sy_backup_restore_into (db, damaged, NULL, &error));
    g_assert_error (error, SY_ERROR, SY_ERROR_SCHEMA_TOO_NEW);
    g_test_message ("%s", error->message);
    g_clear_error (&error);
    g_assert_cmpstr (digest_of (db), ==, before);
  }

  /* A reviewer's role: refused as read-only, nothing changed. */
  {
    const char *uri = sy_database_get_directory (db);
    const char *dbname = strrchr (uri, '/') + 1;
    g_autofree char *reviewer_uri = sy_test_pg_uri ("sy_reviewer", dbname);
    g_autoptr(SyDatabase) reviewer = NULL;

    sy_test_pg_execute (dbname, "DO $$ BEGIN CREATE ROLE sy_reviewer LOGIN; "
                                "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    sy_test_pg_execute (dbname, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO sy_reviewer");
    reviewer = sy_database_open_uri (reviewer_uri, &error);
    g_assert_no_error (error);
    g_assert_false (sy_backup_restore_into (reviewer, path, NULL, &error));
    g_assert_error (error, SY_ERROR, SY_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_assert_cmpstr (digest_of (db), ==, before);
    /* …but may make a backup. */
    {
      g_autofree char *copy = backup_of (reviewer, "reviewer.tar", NULL);
      g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
    }
  }

  /* A local database is restored by its folder, not in place. */
  {
    g_autofree char *dir = g_build_filename (work, "not-shared", NULL);
    g_autoptr(SyDatabase) local = sy_database_open (dir, &error);

    g_assert_no_error (error);
    g_assert_false (sy_backup_restore_into (local, path, NULL, &error));
    g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
    g_clear_error (&error);
    g_clear_object (&local);
    sy_test_remove_tree (dir);
  }
  /* No staging folder is left behind. */
  {
    g_autoptr(GDir) dir = g_dir_open (sy_database_get_files_directory (db), 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)))
      g_assert_null (strstr (name, ".restore-"));
  }
  close_database (&db, &files);
}

/* Automatic backups work on a shared database too. */
static void
test_auto (void)
{
  g_autofree char *dir = g_build_filename (work, "auto", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = sy_backup_auto (office, dir, 2, &error);
  g_auto(SyBackupReport) report = { 0 };

  g_assert_no_error (error);
  g_assert_true (sy_backup_verify (first, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.n_attachments, ==, sy_test_db_count (office, "SELECT COUNT(*) FROM attachment"));
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *more = sy_backup_auto (office, dir, 2, &error);
      g_assert_no_error (error);
    }
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    guint n = 0;
    while (g_dir_read_name (d))
      n++;
    g_assert_cmpuint (n, ==, 2);
  }
  sy_test_remove_tree (dir);
}

static void
needs_server (void)
{
  g_test_skip ("needs the test PostgreSQL server (tests/pg/run-with-pg.sh)");
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!sy_test_database_is_postgres ())
    {
      /* Backups of local databases: test-backup.c. */
      g_test_add_func ("/backup-shared/needs-server", needs_server);
      return g_test_run ();
    }
  work = g_dir_make_tmp ("sy-backup-shared-XXXXXX", &error);
  g_assert_no_error (error);
  office = sy_test_open_database (&office_files);
  g_assert_true (sy_demo_populate (office, SEED, LAST_YEAR, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/backup-shared/round-trip", test_round_trip);
  g_test_add_func ("/backup-shared/restore-over-changes", test_restore_over_changes);
  g_test_add_func ("/backup-shared/across-kinds", test_across_kinds);
  g_test_add_func ("/backup-shared/refused", test_refused);
  g_test_add_func ("/backup-shared/auto", test_auto);
  status = g_test_run ();

  g_clear_object (&office);
  sy_test_remove_tree (office_files);
  sy_test_remove_tree (work);
  return status;
}
