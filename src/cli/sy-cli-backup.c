/* sy-cli-backup.c: backup, restore and check
 *
 * Contract lines for scripts (stdout, never translated):
 *   backup:  "backup FILE: attachments N, bytes B"
 *   restore: "restored FILE: schema S, attachments N"
 *   check:   one finding a line, "error: …" or "warning: …", then
 *            "errors N, warnings M"
 * Exit codes: 0 done (check: clean or warnings only); 1 failed (check:
 * errors found); 2 bad command line, an unusable backup file (damaged,
 * unsafe, from a newer schema: nothing was changed), or a restore over a
 * database holding data without --yes.
 */
#include <string.h>
#include <glib/gstdio.h>

#include "sy-cli.h"
#include "sy-backup.h"
#include "sy-check.h"

static void
print_missing (GStrv missing, const char *what)
{
  for (guint i = 0; missing && missing[i]; i++)
    g_printerr ("warning: %s %s\n", what, missing[i]);
}

int
sy_cli_backup (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_auto(SyBackupReport) report = { 0 };
  g_autofree char *auto_dir = NULL;
  g_autofree char *written = NULL;
  int keep = 10;
  gboolean has_auto = FALSE;
  GOptionEntry entries[] = {
    { "auto", 0, 0, G_OPTION_ARG_FILENAME, &auto_dir,
      N_("Write backup-YYYYMMDD-HHMMSS.tar into DIR and keep the newest N"), "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_INT, &keep, N_("How many automatic backups to keep (default 10)"), "N" },
    { NULL }
  };

  /* FILE or --auto DIR: how many arguments remain depends on the option. */
  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--auto") == 0 || g_str_has_prefix (argv[i], "--auto="))
      has_auto = TRUE;
  if (!sy_cli_parse_command_args ("backup", entries, has_auto ? 0 : 1,
                                  "backup FILE | backup --auto DIR [--keep N]", &argc, &argv))
    return EXIT_USAGE;
  if (keep < 1)
    {
      g_printerr (_("shuangyong-cli backup: --keep must be at least 1\n"));
      return EXIT_USAGE;
    }

  db = sy_cli_open_database (&error);
  if (!db)
    return sy_cli_fail (error);

  if (auto_dir)
    {
      written = sy_backup_auto (db, auto_dir, (guint) keep, &error);
      if (!written)
        return sy_cli_fail (error);
      /* sy_backup_auto reports nothing: verify what it wrote for the counts. */
      if (!sy_backup_verify (written, &report, &error))
        return sy_cli_fail (error);
    }
  else
    {
      written = g_strdup (argv[1]);
      if (!sy_backup_create (db, written, &report, &error))
        return sy_cli_fail (error);
    }

  print_missing (report.missing, _("missing or damaged attachment left out of the backup:"));
  g_print ("backup %s: attachments %u, bytes %" G_GUINT64_FORMAT "\n", written,
           report.n_attachments, report.n_bytes);
  return EXIT_OK;
}

/* A folder without office.db holds no office; one whose database cannot be
 * opened (from a newer version, damaged) is treated as holding data. */
static gboolean
database_has_data (const char *directory)
{
  g_autofree char *dir = directory && *directory ? g_strdup (directory)
                                                 : sy_database_default_directory ();
  g_autofree char *file = g_build_filename (dir, "office.db", NULL);
  g_autoptr(SyDatabase) db = NULL;

  if (!g_file_test (file, G_FILE_TEST_EXISTS))
    return FALSE;
  db = sy_database_open (dir, NULL);
  return !db || !sy_database_is_empty (db);
}

int
sy_cli_restore (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(SyBackupReport) report = { 0 };
  gboolean yes = FALSE;
  GOptionEntry entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes, N_("Replace a database that holds data"), NULL },
    { NULL }
  };
  const char *directory = sy_cli_get_database_option ();
  g_autoptr(SyDatabase) shared = NULL;

  if (!sy_cli_parse_command_args ("restore", entries, 1, "restore FILE [--yes]", &argc, &argv))
    return EXIT_USAGE;
  if (!g_file_test (argv[1], G_FILE_TEST_IS_REGULAR))
    {
      g_printerr (_("shuangyong-cli restore: %s: no such file\n"), argv[1]);
      return EXIT_USAGE;
    }
  /* A shared database is replaced in place, through the connection the
   * other commands use (it may ask for the password). */
  if (directory && sy_database_location_is_postgres (directory))
    {
      shared = sy_cli_open_database (&error);
      if (!shared)
        return sy_cli_fail (error);
    }
  if (!yes && (shared ? !sy_database_is_empty (shared) : database_has_data (directory)))
    {
      g_printerr (_("shuangyong-cli restore: the database holds data, which the backup would "
                    "replace; nothing was changed. Run again with --yes to replace it.\n"));
      return EXIT_USAGE;
    }

  if (shared ? !sy_backup_restore_into (shared, argv[1], &report, &error)
             : !sy_backup_restore (argv[1], directory, &report, &error))
    {
      g_printerr ("shuangyong-cli: %s\n", error->message);
      /* A backup that cannot be used is an input problem; nothing changed. */
      return g_error_matches (error, SY_ERROR, SY_ERROR_INVALID)
             || g_error_matches (error, SY_ERROR, SY_ERROR_SCHEMA_TOO_NEW)
             || g_error_matches (error, SY_ERROR, SY_ERROR_NOT_FOUND) ? EXIT_USAGE : EXIT_FAILED;
    }

  print_missing (report.missing, _("the restored database names an attachment the backup lacks:"));
  g_print ("restored %s: schema %d, attachments %u\n", argv[1], report.schema_version,
           report.n_attachments);
  return EXIT_OK;
}

int
sy_cli_check (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  GOptionEntry entries[] = { { NULL } };
  guint errors;

  if (!sy_cli_parse_command_options ("check", entries, &argc, &argv))
    return EXIT_USAGE;
  db = sy_cli_open_database (&error);
  if (!db)
    return sy_cli_fail (error);
  findings = sy_check_run (db, &error);
  if (!findings)
    return sy_cli_fail (error);

  for (guint i = 0; i < findings->len; i++)
    {
      SyCheckFinding *f = g_ptr_array_index (findings, i);
      g_print ("%s: %s\n", f->severity == SY_CHECK_ERROR ? "error" : "warning", f->message);
    }
  errors = sy_check_count (findings, SY_CHECK_ERROR);
  g_print ("errors %u, warnings %u\n", errors, sy_check_count (findings, SY_CHECK_WARNING));
  return errors > 0 ? EXIT_FAILED : EXIT_OK;
}
