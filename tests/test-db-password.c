/* test-db-password.c: a shared database whose role must give its password
 *
 * Runs under tests/pg/run-with-pg.sh (skipped without SY_TEST_PG_SOCKET):
 * the test server asks SY_TEST_PG_PASSWORD_ROLE for its password
 * (scram-sha-256) and trusts everyone else.  No password, a wrong one and a
 * wrong one in the environment are SY_ERROR_AUTH naming user, server and
 * database but never the password; sy_database_open_with_password connects
 * (before a wrong environment password) and a worker thread that reopens by
 * sy_database_get_directory () connects too; a server that is not there is
 * SY_ERROR_DATABASE, not a password question.
 */
#include <glib/gstdio.h>

#include "sy-store.h"
#include "sy-test-db.h"
#include "sy-test-util.h"

/* ; = @ % and a space: must survive the connection string. */
#define PASSWORD "Pa;ss=w@rd%1 x"
#define DBNAME "sy_pw_store"

static char *uri;

static void
assert_auth_error (GError *error, const char *wrong)
{
  g_assert_error (error, SY_ERROR, SY_ERROR_AUTH);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, SY_TEST_PG_PASSWORD_ROLE));
  g_assert_nonnull (strstr (error->message, DBNAME));
  g_assert_nonnull (strstr (error->message, g_getenv ("SY_TEST_PG_PORT")));
  g_assert_null (strstr (error->message, PASSWORD));
  if (wrong != NULL)
    g_assert_null (strstr (error->message, wrong));
}

static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;

  /* None given: the server asks, libpq has nothing to say. */
  db = sy_database_open_uri (uri, &error);
  g_assert_null (db);
  assert_auth_error (error, NULL);
  g_clear_error (&error);

  db = sy_database_open_with_password (uri, "not-it", &error);
  g_assert_null (db);
  assert_auth_error (error, "not-it");
  g_clear_error (&error);

  /* A wrong password in the environment: the same error. */
  g_setenv ("SHUANGYONG_DB_PASSWORD", "env-wrong", TRUE);
  db = sy_database_open (uri, &error);
  g_assert_null (db);
  assert_auth_error (error, "env-wrong");
  g_clear_error (&error);

  /* The password in the URI, wrong. */
  {
    g_autofree char *with = g_strdup_printf ("postgresql://%s:bad@%s", SY_TEST_PG_PASSWORD_ROLE,
                                             strchr (uri, '@') + 1);

    db = sy_database_open_uri (with, &error);
    g_assert_null (db);
    assert_auth_error (error, "bad");
    g_clear_error (&error);
  }
}

static gpointer
reopen_thread (gpointer data)
{
  GError *error = NULL;
  SyDatabase *db = sy_database_open (data, &error);

  g_assert_no_error (error);
  return db;
}

static void
test_open_with_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(SyDatabase) worker_db = NULL;
  GThread *thread;

  /* The typed password goes before the (wrong) environment's. */
  g_setenv ("SHUANGYONG_DB_PASSWORD", "env-wrong", TRUE);
  db = sy_database_open_with_password (uri, PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpstr (sy_database_get_role (db), ==, SY_TEST_PG_PASSWORD_ROLE);
  g_assert_false (sy_database_is_read_only (db));
  g_assert_cmpint (sy_database_get_schema_version (db), ==, sy_database_get_known_schema_version ());
  g_assert_null (strstr (sy_database_get_directory (db), PASSWORD));
  g_assert_null (strstr (sy_database_get_directory (db), "Pa%3B"));

  /* A worker thread reopens by the location without a password. */
  thread = g_thread_new ("reopen", reopen_thread, (gpointer) sy_database_get_directory (db));
  worker_db = g_thread_join (thread);
  g_assert_nonnull (worker_db);
  g_assert_cmpstr (sy_database_get_role (worker_db), ==, SY_TEST_PG_PASSWORD_ROLE);

  /* A password typed wrong later is still refused (it goes first), and
   * does not replace the one that worked. */
  g_clear_object (&worker_db);
  worker_db = sy_database_open_with_password (uri, "not-it", &error);
  g_assert_null (worker_db);
  assert_auth_error (error, "not-it");
  g_clear_error (&error);
  worker_db = sy_database_open (uri, &error);
  g_assert_no_error (error);
  g_assert_nonnull (worker_db);
  g_unsetenv ("SHUANGYONG_DB_PASSWORD");
}

static void
test_no_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autofree char *host = g_uri_escape_string (g_getenv ("SY_TEST_PG_SOCKET"), NULL, FALSE);
  g_autofree char *nowhere = g_strdup_printf ("postgresql://%s@%s:1/%s", SY_TEST_PG_PASSWORD_ROLE,
                                              host, DBNAME);

  db = sy_database_open_with_password (nowhere, PASSWORD, &error);
  g_assert_null (db);
  g_assert_error (error, SY_ERROR, SY_ERROR_DATABASE);
  g_assert_null (strstr (error->message, PASSWORD));
}

static void
test_describe (void)
{
  g_autofree char *text = sy_database_describe_location (uri);
  g_autofree char *expected = g_strdup_printf ("%s@%s:%s/%s", SY_TEST_PG_PASSWORD_ROLE,
                                               g_getenv ("SY_TEST_PG_SOCKET"),
                                               g_getenv ("SY_TEST_PG_PORT"), DBNAME);
  g_autofree char *folder = sy_database_describe_location ("/srv/office");
  g_autofree char *with = sy_database_describe_location ("postgresql://desk:secret@db.example/office");

  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (folder, ==, "/srv/office");
  g_assert_cmpstr (with, ==, "desk@db.example:5432/office");
}

int
main (int argc, char *argv[])
{
  g_autofree char *pgpass = NULL;

  g_test_init (&argc, &argv, NULL);
  if (!sy_test_database_is_postgres ())
    {
      g_print ("1..0 # SKIP needs the test PostgreSQL server (tests/pg/run-with-pg.sh)\n");
      return 0;
    }

  /* Nothing but what the test gives: no password from the environment or
   * a ~/.pgpass of the machine. */
  g_unsetenv ("SHUANGYONG_DB_PASSWORD");
  g_unsetenv ("PGPASSWORD");
  pgpass = g_build_filename (g_get_tmp_dir (), "sy-no-pgpass", NULL);
  g_setenv ("PGPASSFILE", pgpass, TRUE);
  uri = sy_test_pg_password_database (DBNAME, PASSWORD);

  /* In this order: the password is remembered once it worked. */
  g_test_add_func ("/db-password/refused", test_refused);
  g_test_add_func ("/db-password/open-with-password", test_open_with_password);
  g_test_add_func ("/db-password/no-server", test_no_server);
  g_test_add_func ("/db-password/describe", test_describe);
  return g_test_run ();
}
