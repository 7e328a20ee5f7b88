/* sy-test-db.c: a fresh office database for a store test */
#include "sy-test-db.h"
#include "sy-test-util.h"

#include <unistd.h>

gboolean
sy_test_database_is_postgres (void)
{
  return g_getenv ("SY_TEST_PG_SOCKET") != NULL && g_getenv ("SY_TEST_PG_PORT") != NULL;
}

char *
sy_test_pg_uri (const char *user, const char *dbname)
{
  /* The socket folder URL-encoded as host. */
  g_autofree char *host = g_uri_escape_string (g_getenv ("SY_TEST_PG_SOCKET"), NULL, FALSE);

  return g_strdup_printf ("postgresql://%s@%s:%s/%s", user, host, g_getenv ("SY_TEST_PG_PORT"), dbname);
}

static char *
server_uri (const char *dbname)
{
  return sy_test_pg_uri ("postgres", dbname);
}

/* A connection as the superuser `postgres` to @dbname. */
static GdaConnection *
connect_superuser (const char *dbname)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *enc_host = gda_rfc1738_encode (g_getenv ("SY_TEST_PG_SOCKET"));
  g_autofree char *cnc_string = g_strdup_printf ("HOST=%s;PORT=%s;DB_NAME=%s", enc_host,
                                                 g_getenv ("SY_TEST_PG_PORT"), dbname);
  GdaConnection *cnc;

  gda_init ();
  cnc = gda_connection_open_from_string ("PostgreSQL", cnc_string, "USERNAME=postgres",
                                         GDA_CONNECTION_OPTIONS_NONE, &error);
  g_assert_no_error (error);
  return cnc;
}

void
sy_test_pg_execute (const char *dbname, const char *sql)
{
  g_autoptr(GError) error = NULL;
  GdaConnection *cnc = connect_superuser (dbname);

  gda_connection_execute_non_select_command (cnc, sql, &error);
  g_assert_no_error (error);
  gda_connection_close (cnc);
  g_object_unref (cnc);
}

/* CREATE DATABASE through a connection to the server's `postgres`
 * database: a database cannot create itself. */
static void
create_database (const char *dbname, const char *template)
{
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s ENCODING 'UTF8' TEMPLATE %s", dbname, template);

  sy_test_pg_execute ("postgres", sql);
}

static gboolean
pg_role_exists (const char *role)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT rolname FROM pg_roles WHERE rolname = '%s'", role);
  GdaConnection *cnc = connect_superuser ("postgres");
  GdaDataModel *model;
  gboolean exists;

  model = gda_connection_execute_select_command (cnc, sql, &error);
  g_assert_no_error (error);
  exists = gda_data_model_get_n_rows (model) > 0;
  g_object_unref (model);
  gda_connection_close (cnc);
  g_object_unref (cnc);
  return exists;
}

char *
sy_test_pg_password_database (const char *dbname, const char *password)
{
  g_autofree char *quoted = NULL;
  g_autofree char *role_sql = NULL;
  g_autofree char *db_sql = NULL;
  GString *q = g_string_new (NULL);

  /* A literal: quotes doubled. */
  for (const char *p = password; *p; p++)
    {
      if (*p == '\'')
        g_string_append_c (q, '\'');
      g_string_append_c (q, *p);
    }
  quoted = g_string_free (q, FALSE);
  /* CREATE the first time, ALTER after (roles are the server's, not a
   * database's). */
  role_sql = g_strdup_printf ("%s ROLE %s LOGIN PASSWORD '%s'",
                              pg_role_exists (SY_TEST_PG_PASSWORD_ROLE) ? "ALTER" : "CREATE",
                              SY_TEST_PG_PASSWORD_ROLE, quoted);
  sy_test_pg_execute ("postgres", role_sql);
  db_sql = g_strdup_printf ("CREATE DATABASE %s ENCODING 'UTF8' TEMPLATE template0 OWNER %s",
                            dbname, SY_TEST_PG_PASSWORD_ROLE);
  sy_test_pg_execute ("postgres", db_sql);
  return sy_test_pg_uri (SY_TEST_PG_PASSWORD_ROLE, dbname);
}

SyDatabase *
sy_test_open_database (char **dir_out)
{
  static guint counter;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  SyDatabase *db;

  if (sy_test_database_is_postgres ())
    {
      static char *template;
      g_autofree char *dbname = g_strdup_printf ("sy_test_%d_%u", (int) getpid (), ++counter);

      /* Migrating takes as long as creating: migrate once, into a template
       * every test database of the process is a copy of (closed first: a
       * template may have no connections). */
      if (template == NULL)
        {
          g_autofree char *name = g_strdup_printf ("sy_test_%d_template", (int) getpid ());
          g_autofree char *uri = server_uri (name);
          SyDatabase *migrated;

          create_database (name, "template0");
          migrated = sy_database_open (uri, &error);
          g_assert_no_error (error);
          g_object_unref (migrated);
          template = g_steal_pointer (&name);
        }
      create_database (dbname, template);
      location = server_uri (dbname);
    }
  else
    {
      location = g_dir_make_tmp ("sy-test-XXXXXX", &error);
      g_assert_no_error (error);
    }

  db = sy_database_open (location, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpint (sy_database_is_postgres (db), ==, sy_test_database_is_postgres ());
  if (dir_out)
    *dir_out = g_strdup (sy_database_get_files_directory (db));
  return db;
}

gint64
sy_test_db_count (SyDatabase *db, const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (sy_database_query_int64 (db, &n, sql, &error, NULL));
  g_assert_no_error (error);
  return n;
}

char *
sy_test_db_text (SyDatabase *db, const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdaDataModel) m = gda_connection_execute_select_command (sy_database_get_connection (db),
                                                                     sql, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (gint r = 0; r < gda_data_model_get_n_rows (m); r++)
    for (gint c = 0; c < gda_data_model_get_n_columns (m); c++)
      {
        const GValue *v = gda_data_model_get_value_at (m, c, r, NULL);
        g_autofree char *text = v && !G_VALUE_HOLDS (v, GDA_TYPE_NULL) ? gda_value_stringify (v)
                                                                      : g_strdup ("∅");
        g_string_append_printf (out, "%s%s", text, c + 1 < gda_data_model_get_n_columns (m) ? "|" : "\n");
      }
  return g_string_free (out, FALSE);
}
