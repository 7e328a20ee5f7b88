/* sy-test-db.c: a fresh office database for a store test */
#include "sy-test-db.h"
#include "sy-test-util.h"

#include <unistd.h>

gboolean
sy_test_database_is_postgres (void)
{
  return g_getenv ("SY_TEST_PG_SOCKET") != NULL && g_getenv ("SY_TEST_PG_PORT") != NULL;
}

/* The server's URI for @dbname, the socket folder URL-encoded as host. */
static char *
server_uri (const char *dbname)
{
  g_autofree char *host = g_uri_escape_string (g_getenv ("SY_TEST_PG_SOCKET"), NULL, FALSE);

  return g_strdup_printf ("postgresql://postgres@%s:%s/%s", host, g_getenv ("SY_TEST_PG_PORT"), dbname);
}

/* CREATE DATABASE through a connection to the server's `postgres`
 * database: a database cannot create itself. */
static void
create_database (const char *dbname, const char *template)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *enc_host = gda_rfc1738_encode (g_getenv ("SY_TEST_PG_SOCKET"));
  g_autofree char *cnc_string = g_strdup_printf ("HOST=%s;PORT=%s;DB_NAME=postgres", enc_host,
                                                 g_getenv ("SY_TEST_PG_PORT"));
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s ENCODING 'UTF8' TEMPLATE %s", dbname, template);
  GdaConnection *cnc;

  gda_init ();
  cnc = gda_connection_open_from_string ("PostgreSQL", cnc_string, "USERNAME=postgres",
                                         GDA_CONNECTION_OPTIONS_NONE, &error);
  g_assert_no_error (error);
  gda_connection_execute_non_select_command (cnc, sql, &error);
  g_assert_no_error (error);
  gda_connection_close (cnc);
  g_object_unref (cnc);
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
