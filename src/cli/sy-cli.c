/* sy-cli.c: shuangyong-cli, the same operations as the app, for scripts
 *
 * Exit codes scripts rely on: 0 success, 1 the operation failed (nothing
 * half-done is left), 2 the command line or an input file could not be used.
 * Messages go to stderr; results to stdout.
 */
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "sy-cli.h"

static char *opt_db = NULL;

static void
usage (FILE *out)
{
  fprintf (out, "%s",
           _("Usage: shuangyong-cli [--db DIR] COMMAND [OPTIONS]\n"
             "\n"
             "Commands:\n"
             "  init                          create or upgrade the database\n"
             "  demo [--seed N] [--year Y]    fill an empty database with demo data\n"
             "  info                          show the office and record counts\n"
             "  ledger --from Y --to Y [--volumes 1,2,…] [--profile internal|public]\n"
             "         [--dpi 300|150] [--unit NAME] [--compiler NAME] -o FILE.pdf\n"
             "                                export the ledger (台帐) for those years\n"
             "  import recipients FILE [--sheet N|NAME] [--dry-run] [--skip-invalid]\n"
             "                                import or update recipients from a CSV or .xlsx\n"
             "                                file (.xlsx: the first sheet, or the one given)\n"
             "  export recipients FILE.csv|FILE.xlsx [--profile public|internal|bank]\n"
             "                                export the recipients (default profile: public)\n"
             "  recipients list [--search TEXT] [--category C] [--status S] [--village V]\n"
             "                                list recipients (ID numbers masked); last line: total N\n"
             "  recipients status ID_NUMBER --kind KIND --date YYYY-MM-DD [--reason TEXT]\n"
             "                                record a status change (减员, 迁出, 迁入, 年检 …)\n"
             "  recipients delete ID_NUMBER --yes\n"
             "                                delete a person (refused if payments or visits name them)\n"
             "  plan import FILE.txt --year Y [--unit U] [--dry-run]\n"
             "                                import a work plan (工作计划) from text; --dry-run\n"
             "                                prints the outline it found and writes nothing\n"
             "  standards import FILE [--dry-run] [--topups]\n"
             "                                import subsidy standards from CSV (all or nothing);\n"
             "                                --topups: the top-up rules (进藏进疆, 立功 …)\n"
             "  standards export FILE.csv [--topups]\n"
             "                                export the subsidy standards (or top-up rules) as CSV\n"
             "  run create --kind K --period P [--title T]\n"
             "                                compute a disbursement run (draft) for a kind and period\n"
             "  run list | run show RUN       list the runs; show one with its lines and exclusions\n"
             "  run approve|unapprove|delete RUN\n"
             "  run pay RUN --date YYYY-MM-DD --voucher NO\n"
             "  run return RUN FILE.csv       mark lines failed from a bank return file\n"
             "  run reissue RUN               a follow-up run paying the failed lines again\n"
             "  run roster RUN -o FILE.pdf [--profile internal|public]\n"
             "                                the 花名册 (public: the 公示 version)\n"
             "  run bankfile RUN -o FILE.csv|FILE.xlsx\n"
             "                                the bank file (name, bank, account, amount)\n"
             "  audit-payments --year Y [-o FILE.csv|FILE.xlsx] [--chart FILE.png]\n"
             "                                按标准及时足额: who was missed, paid late or underpaid\n"
             "  audit-payments --set-deadline KIND=DAYS [--year Y]\n"
             "                                a payment of KIND is late DAYS days after the start of\n"
             "                                its month (*=DAYS: every kind without its own; KIND=: remove)\n"
             "\n"
             "--db DIR  the database folder (default: the user data folder)\n"));
  fprintf (out, "%s",
           _("\n"
             "Backups:\n"
             "  backup FILE                   write one file with the database and every attachment\n"
             "  backup --auto DIR [--keep N]  write DIR/backup-YYYYMMDD-HHMMSS.tar, keep the newest N\n"
             "  restore FILE [--yes]          verify a backup, then replace the database with it\n"
             "                                (--yes: needed when the database holds data)\n"
             "  check                         check the database and attachments (exit 1 on errors)\n"));
  fprintf (out, "%s",
           _("  migrate --from DIR --to postgresql://USER@HOST:PORT/NAME\n"
             "                                copy a local database and its attachments to a new\n"
             "                                shared database, verify it (safe to run again)\n"));
  fprintf (out, "%s",
           _("\n"
             "考评 (the review's standards and evidence):\n"
             "  assessment import FILE.csv [--dry-run]\n"
             "                                import a province's 细则 (标准编号 细则编号 内容 分值 说明)\n"
             "  assessment export FILE.csv    export the scored sub-items as CSV\n"
             "  coverage [--years N] [--to Y] [-o FILE.pdf]\n"
             "                                the evidence per item and year, with gaps; -o: the\n"
             "                                self-score sheet as PDF\n"));
  fprintf (out, "%s",
           _("\n"
             "Year-end:\n"
             "  summary --year Y -o FILE.odt|FILE.pdf\n"
             "                                the draft 年终总结 of the year, with its figures and a\n"
             "                                chart; .odt to edit, .pdf to print\n"));
}

int
sy_cli_fail (GError *error)
{
  g_printerr ("shuangyong-cli: %s\n", error->message);
  return EXIT_FAILED;
}

/* --- the password of a shared database ---------------------------------- */

#define PASSWORD_ATTEMPTS 3

/* The terminal as it was before echo went off, for the signal handler. */
static struct termios saved_termios;
static volatile sig_atomic_t echo_off;

static void
restore_echo (void)
{
  if (echo_off)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
      echo_off = FALSE;
    }
}

/* Ctrl+C (or a kill) at the prompt must not leave the shell without echo:
 * restore the terminal, then die of the signal as if nothing caught it. */
static void
restore_echo_and_die (int signum)
{
  restore_echo ();
  signal (signum, SIG_DFL);
  raise (signum);
}

/* Reads one line from the terminal on stdin with echo off; NULL on end of
 * input.  The prompt goes to stderr (stdout may be a file or a pipe). */
static char *
read_password (const char *prompt)
{
  /* Not SIGTSTP: the shell gives a stopped job's terminal its modes back. */
  static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
  struct sigaction action = { 0 }, old_actions[G_N_ELEMENTS (signals)];
  struct termios quiet;
  char line[1024];
  char *result = NULL;

  fprintf (stderr, "%s", prompt);
  fflush (stderr);
  action.sa_handler = restore_echo_and_die;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &action, &old_actions[i]);
  if (tcgetattr (STDIN_FILENO, &saved_termios) == 0)
    {
      quiet = saved_termios;
      quiet.c_lflag &= ~(ECHO | ECHOE | ECHOK | ECHONL);
      echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
  if (fgets (line, sizeof line, stdin) != NULL)
    {
      line[strcspn (line, "\r\n")] = '\0';
      result = g_strdup (line);
    }
  restore_echo ();
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &old_actions[i], NULL);
  /* The Enter the user typed was not echoed. */
  fprintf (stderr, "\n");
  memset (line, 0, sizeof line);
  return result;
}

/* The server refused the user name or password (*@error): ask for the
 * password on the terminal (up to PASSWORD_ATTEMPTS times) or, for a
 * script, add to *@error how to give it.  Returns the database, or NULL
 * with *@error the last refusal. */
static SyDatabase *
ask_password (const char *location, GError **error)
{
  g_autofree char *who = sy_database_describe_location (location);
  g_autofree char *prompt = g_strdup_printf (_("Password for %s: "), who);

  if (!isatty (STDIN_FILENO))
    {
      char *message = g_strdup_printf (_("%s. A script gives the password in the environment "
                                         "variable SHUANGYONG_DB_PASSWORD."), (*error)->message);

      g_free ((*error)->message);
      (*error)->message = message;
      return NULL;
    }
  for (int attempt = 0; attempt < PASSWORD_ATTEMPTS; attempt++)
    {
      g_autofree char *password = NULL;
      SyDatabase *db;

      if (attempt > 0)
        g_printerr ("shuangyong-cli: %s\n", (*error)->message);
      password = read_password (prompt);
      if (password == NULL)
        return NULL;
      g_clear_error (error);
      db = sy_database_open_with_password (location, password, error);
      memset (password, 0, strlen (password));
      if (db != NULL || !g_error_matches (*error, SY_ERROR, SY_ERROR_AUTH))
        return db;
    }
  return NULL;
}

SyDatabase *
sy_cli_open_location (const char *location, GError **error)
{
  GError *local_error = NULL;
  SyDatabase *db = sy_database_open (location, &local_error);

  if (db == NULL && g_error_matches (local_error, SY_ERROR, SY_ERROR_AUTH))
    db = ask_password (location, &local_error);
  if (db == NULL)
    g_propagate_error (error, local_error);
  return db;
}

SyDatabase *
sy_cli_open_database (GError **error)
{
  return sy_cli_open_location (opt_db, error);
}

const char *
sy_cli_get_database_option (void)
{
  return opt_db;
}

/* Parses a command's own options; FALSE (and a message) on a bad command line. */
gboolean
sy_cli_parse_command_options (const char *command, GOptionEntry *entries, int *argc, char ***argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (ctx, TRUE);
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      g_printerr ("shuangyong-cli %s: %s\n", command, error->message);
      return FALSE;
    }
  if (*argc > 1)
    {
      g_printerr (_("shuangyong-cli %s: unexpected argument “%s”\n"), command, (*argv)[1]);
      return FALSE;
    }
  return TRUE;
}

static int
cmd_init (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  GOptionEntry entries[] = { { NULL } };

  if (!sy_cli_parse_command_options ("init", entries, &argc, &argv))
    return EXIT_USAGE;
  db = sy_cli_open_database (&error);
  if (!db)
    return sy_cli_fail (error);
  g_print (_("Database ready in %s (schema %d)\n"), sy_database_get_directory (db),
           sy_database_get_schema_version (db));
  return EXIT_OK;
}

void
sy_cli_print_progress (double fraction, const char *what, gpointer user_data)
{
  g_printerr ("[%3d%%] %s\n", (int) (fraction * 100 + 0.5), what ? what : "");
}

static int
current_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_get_year (now);
}

static int
cmd_demo (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  int seed = 20261129;
  int year = current_year () - 1;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed (same seed, same data)"), "N" },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The later of the two demo years"), "Y" },
    { NULL }
  };

  if (!sy_cli_parse_command_options ("demo", entries, &argc, &argv))
    return EXIT_USAGE;
  if (year < 1950 || year > 2100)
    {
      g_printerr (_("shuangyong-cli demo: --year must be between 1950 and 2100\n"));
      return EXIT_USAGE;
    }
  db = sy_cli_open_database (&error);
  if (!db)
    return sy_cli_fail (error);
  if (!sy_demo_populate (db, (guint32) seed, year, sy_cli_print_progress, NULL, &error))
    return sy_cli_fail (error);
  g_print (_("Demo data written to %s\n"), sy_database_get_directory (db));
  return EXIT_OK;
}

static gint64
count_rows (SyDatabase *db, const char *sql)
{
  gint64 n = 0;
  sy_database_query_int64 (db, &n, sql, NULL, NULL);
  return n;
}

static int
cmd_info (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autofree char *office = NULL;
  GOptionEntry entries[] = { { NULL } };
  static const struct { const char *label; const char *sql; } counts[] = {
    { N_("plans"),        "SELECT COUNT(*) FROM plan" },
    { N_("plan items"),   "SELECT COUNT(*) FROM plan_item" },
    { N_("recipients"),   "SELECT COUNT(*) FROM recipient" },
    { N_("standards"),    "SELECT COUNT(*) FROM subsidy_standard" },
    { N_("runs"),         "SELECT COUNT(*) FROM disbursement_batch" },
    { N_("events"),       "SELECT COUNT(*) FROM event" },
    { N_("photos"),       "SELECT COUNT(*) FROM event_photo" },
    { N_("documents"),    "SELECT COUNT(*) FROM document" },
  };

  if (!sy_cli_parse_command_options ("info", entries, &argc, &argv))
    return EXIT_USAGE;
  db = sy_cli_open_database (&error);
  if (!db)
    return sy_cli_fail (error);

  office = sy_database_get_setting (db, "office-name");
  g_print ("%s: %s\n", _("database"), sy_database_get_directory (db));
  g_print ("%s: %d\n", _("schema"), sy_database_get_schema_version (db));
  g_print ("%s: %s\n", _("office"), office ? office : _("(not set)"));
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    g_print ("%s: %" G_GINT64_FORMAT "\n", _(counts[i].label), count_rows (db, counts[i].sql));
  return EXIT_OK;
}

/* Parses a command's options and checks that exactly @n_args arguments
 * remain (options may come before or after them). */
gboolean
sy_cli_parse_command_args (const char   *command,
                    GOptionEntry *entries,
                    int           n_args,
                    const char   *synopsis,
                    int          *argc,
                    char       ***argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      g_printerr ("shuangyong-cli %s: %s\n", command, error->message);
      return FALSE;
    }
  if (*argc - 1 != n_args)
    {
      g_printerr (_("Usage: shuangyong-cli [--db DIR] %s\n"), synopsis);
      return FALSE;
    }
  return TRUE;
}

/* A warning keeps the FILE:LINE: COLUMN: shape of an error, with
 * "warning:" before the text so that scripts can tell the two apart. */
void
sy_cli_print_issue (const SyImportIssue *issue, const char *file_name)
{
  if (issue->severity == SY_IMPORT_ERROR)
    {
      g_autofree char *text = sy_import_issue_format (issue, file_name);
      g_printerr ("%s\n", text);
    }
  else if (issue->column != NULL && *issue->column != '\0')
    g_printerr ("%s:%u: %s: warning: %s\n", file_name, issue->line, issue->column,
                issue->message);
  else
    g_printerr ("%s:%u: warning: %s\n", file_name, issue->line, issue->message);
}

static gboolean
is_xlsx_name (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  return g_str_has_suffix (lower, ".xlsx") || g_str_has_suffix (lower, ".xlsm");
}

/* --sheet: a sheet name, else a number from 1; -1 when the workbook has
 * no such sheet. */
static int
resolve_sheet (SyXlsxReader *reader, const char *file_name, const char *sheet, GError **error)
{
  const char * const *names = sy_xlsx_reader_get_sheet_names (reader);
  int index = sy_xlsx_reader_find_sheet (reader, sheet);
  guint64 number = 0;
  g_autofree char *list = NULL;

  if (index >= 0)
    return index;
  if (g_ascii_string_to_unsigned (sheet, 10, 1, sy_xlsx_reader_get_n_sheets (reader),
                                  &number, NULL))
    return (int) number - 1;
  list = g_strjoinv ("”, “", (char **) names);
  g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
               _("%s has no sheet “%s”; its sheets are “%s” (or give a number from 1 "
                 "to %u)"),
               file_name, sheet, list, sy_xlsx_reader_get_n_sheets (reader));
  return -1;
}

/* Reads the table of @file_name: CSV, or a sheet of an .xlsx workbook. */
SyTable *
sy_cli_read_table (const char *file_name, const char *sheet, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (file_name);
  g_autoptr(SyXlsxReader) xlsx = NULL;
  g_autoptr(SyCsvReader) csv = NULL;
  int index;

  if (!is_xlsx_name (file_name))
    {
      if (sheet != NULL)
        {
          g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                       _("%s is not an .xlsx workbook: --sheet applies to .xlsx files only"),
                       file_name);
          return NULL;
        }
      csv = sy_csv_reader_new ();
      return sy_csv_reader_read_file (csv, file, file_name, NULL, error);
    }

  xlsx = sy_xlsx_reader_new ();
  if (!sy_xlsx_reader_open_file (xlsx, file, file_name, NULL, error))
    return NULL;
  index = (int) sy_xlsx_reader_get_default_sheet (xlsx);
  if (sheet != NULL && (index = resolve_sheet (xlsx, file_name, sheet, error)) < 0)
    return NULL;
  return sy_xlsx_reader_read_sheet (xlsx, (guint) index, error);
}

static int
cmd_import (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(SyTable) table = NULL;
  g_autoptr(SyRecipientMapping) mapping = NULL;
  g_autoptr(SyRecipientImporter) importer = NULL;
  g_autofree char *sheet = NULL;
  gboolean dry_run = FALSE, skip_invalid = FALSE;
  GOptionEntry entries[] = {
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet,
      N_("The sheet of an .xlsx file to read: its name, or its number from 1"), "N|NAME" },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check and count, write nothing"), NULL },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid,
      N_("Import the valid rows and leave out the rejected ones"), NULL },
    { NULL }
  };
  const char *file_name;
  GPtrArray *issues;
  guint rejected;

  if (!sy_cli_parse_command_args ("import", entries, 2,
                           "import recipients FILE [--sheet N|NAME] [--dry-run] [--skip-invalid]",
                           &argc, &argv)
      || strcmp (argv[1], "recipients") != 0)
    {
      if (argc == 3)
        g_printerr (_("shuangyong-cli import: only “recipients” can be imported\n"));
      return EXIT_USAGE;
    }
  file_name = argv[2];

  /* The file first: one that cannot be read is exit 2, and the database is
   * not even opened. */
  table = sy_cli_read_table (file_name, sheet, &error);
  if (table != NULL)
    {
      mapping = sy_recipient_mapping_new (table);
      sy_recipient_mapping_check (mapping, &error);
    }
  if (error != NULL)
    {
      g_printerr ("shuangyong-cli: %s\n", error->message);
      return EXIT_USAGE;
    }

  db = sy_cli_open_database (&error);
  if (db == NULL)
    return sy_cli_fail (error);

  importer = sy_recipient_importer_new (db, mapping);
  sy_recipient_importer_set_dry_run (importer, dry_run);
  sy_recipient_importer_set_skip_invalid (importer, skip_invalid);
  if (!sy_recipient_importer_commit (importer, NULL, NULL, NULL, &error))
    return sy_cli_fail (error);

  issues = sy_recipient_importer_get_issues (importer);
  for (guint i = 0; i < issues->len; i++)
    sy_cli_print_issue (g_ptr_array_index (issues, i), file_name);

  rejected = sy_recipient_importer_get_n_rejected (importer);
  if (rejected > 0 && !skip_invalid)
    g_printerr (_("shuangyong-cli: %u rows were rejected, so nothing was written; correct "
                  "them, or use --skip-invalid to import the other rows\n"), rejected);
  else if (dry_run)
    g_printerr (_("shuangyong-cli: dry run, nothing was written\n"));

  /* The contract: the last line on stdout, never translated. */
  g_print ("added %u, updated %u, unchanged %u, rejected %u\n",
           sy_recipient_importer_get_n_added (importer),
           sy_recipient_importer_get_n_updated (importer),
           sy_recipient_importer_get_n_unchanged (importer),
           rejected);
  return rejected > 0 && !skip_invalid ? EXIT_FAILED : EXIT_OK;
}

static int
cmd_export (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(SyRecipientExporter) exporter = NULL;
  g_autofree char *profile_name = NULL;
  g_autofree char *lower = NULL;
  SyMaskProfile profile = SY_MASK_PUBLIC;
  GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name,
      N_("Masking profile: public (公示, the default), internal or bank"), "PROFILE" },
    { NULL }
  };
  const char *path;

  if (!sy_cli_parse_command_args ("export", entries, 2,
                           "export recipients FILE.csv|FILE.xlsx [--profile public|internal|bank]",
                           &argc, &argv)
      || strcmp (argv[1], "recipients") != 0)
    {
      if (argc == 3)
        g_printerr (_("shuangyong-cli export: only “recipients” can be exported\n"));
      return EXIT_USAGE;
    }
  path = argv[2];

  if (profile_name != NULL && !sy_mask_profile_from_string (profile_name, &profile))
    {
      g_printerr (_("shuangyong-cli export: unknown profile “%s”; use public, internal or bank\n"),
                  profile_name);
      return EXIT_USAGE;
    }
  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".xls"))
    {
      g_printerr (_("shuangyong-cli export: the old .xls format cannot be written; write "
                    "a .xlsx or .csv file\n"));
      return EXIT_USAGE;
    }

  db = sy_cli_open_database (&error);
  if (db == NULL)
    return sy_cli_fail (error);
  exporter = sy_recipient_exporter_new (db, profile);
  if (g_str_has_suffix (lower, ".xlsx")
      ? !sy_recipient_exporter_write_xlsx (exporter, path, NULL, NULL, NULL, &error)
      : !sy_recipient_exporter_write_csv (exporter, path, NULL, NULL, NULL, &error))
    return sy_cli_fail (error);
  g_print (_("%u recipients written to %s (profile %s)\n"),
           sy_recipient_exporter_get_n_rows (exporter), path,
           sy_mask_profile_to_string (profile));
  return EXIT_OK;
}

/* The person holding @id_number, or NULL with a message (exit 1). */
static SyRecipient *
find_person (SyRecipientRepo *repo, const char *id_number, GError **error)
{
  SyIdInfo info;
  SyRecipient *person;

  if (!sy_id_number_validate (id_number, &info, error))
    return NULL;
  person = sy_recipient_repo_find_by_id_number (repo, info.normalized, 0, error);
  if (person == NULL && error != NULL && *error == NULL)
    g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND, _("No recipient has the ID number %s"),
                 info.normalized);
  return person;
}

/* recipients list|status|delete: what the Recipients tab does, for scripts.
 * Lists show ID numbers masked, as the tab does. */
static int
cmd_recipients (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(SyRecipientRepo) repo = NULL;
  g_autofree char *text = NULL, *category = NULL, *status = NULL, *village = NULL;
  g_autofree char *kind = NULL, *date = NULL, *reason = NULL;
  gboolean yes = FALSE;
  GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &text, N_("list: name, ID number, phone or address contains TEXT"), "TEXT" },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("list: only this 优抚类别"), "NAME" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("list: only this status"), "NAME" },
    { "village", 0, 0, G_OPTION_ARG_STRING, &village, N_("list: only this village (社区)"), "NAME" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("status: the change (减员, 迁出, 迁入, 取消资格, 年检 …)"), "KIND" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("status: effective date"), "YYYY-MM-DD" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("status: reason (e.g. 去世)"), "TEXT" },
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes, N_("delete: confirm the deletion"), NULL },
    { NULL }
  };
  const char *synopsis = "recipients list [--search TEXT] [--category C] [--status S] [--village V] | "
                         "recipients status ID_NUMBER --kind KIND --date YYYY-MM-DD [--reason TEXT] | "
                         "recipients delete ID_NUMBER --yes";
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  const char *sub;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("shuangyong-cli recipients: %s\n", error->message);
      return EXIT_USAGE;
    }
  sub = argc > 1 ? argv[1] : "";
  if (!((strcmp (sub, "list") == 0 && argc == 2)
        || ((strcmp (sub, "status") == 0 || strcmp (sub, "delete") == 0) && argc == 3)))
    {
      g_printerr (_("Usage: shuangyong-cli [--db DIR] %s\n"), synopsis);
      return EXIT_USAGE;
    }
  if (strcmp (sub, "status") == 0 && (kind == NULL || date == NULL))
    {
      g_printerr (_("shuangyong-cli recipients status: give --kind and --date\n"));
      return EXIT_USAGE;
    }
  if (strcmp (sub, "delete") == 0 && !yes)
    {
      g_printerr (_("shuangyong-cli recipients delete: deleting a person removes their categories and "
                    "history; add --yes to confirm (to record a death or a move, use “recipients status”)\n"));
      return EXIT_USAGE;
    }

  db = sy_cli_open_database (&error);
  if (db == NULL)
    return sy_cli_fail (error);
  repo = sy_recipient_repo_new (db);

  if (strcmp (sub, "list") == 0)
    {
      SyRecipientFilter filter = { text, category, status, village, SY_RECIPIENT_SORT_DEFAULT, FALSE };
      g_autoptr(SyQueryModel) model = sy_queries_recipients_filtered (db, &filter, &error);
      guint n;

      if (model == NULL)
        return sy_cli_fail (error);
      n = g_list_model_get_n_items (G_LIST_MODEL (model));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SyRecipient) r = g_list_model_get_item (G_LIST_MODEL (model), i);
          g_autofree char *masked = sy_mask_id_number (sy_recipient_get_id_number (r));

          g_print ("%s\t%s\t%s\t%s\t%s\n", sy_recipient_get_name (r), masked,
                   sy_recipient_get_categories (r) ? sy_recipient_get_categories (r) : "",
                   sy_recipient_get_village (r) ? sy_recipient_get_village (r) : "",
                   sy_recipient_get_status (r) ? sy_recipient_get_status (r) : "");
        }
      /* The contract: the last line, never translated. */
      g_print ("total %u\n", n);
      return EXIT_OK;
    }

  {
    g_autoptr(SyRecipient) person = find_person (repo, argv[2], &error);

    if (person == NULL)
      return sy_cli_fail (error);
    if (strcmp (sub, "status") == 0)
      {
        if (!sy_recipient_repo_change_status (repo, person, kind, date, reason, &error))
          return sy_cli_fail (error);
        g_print (_("%s: %s on %s, status now %s\n"), sy_recipient_get_name (person), kind, date,
                 sy_recipient_get_status (person));
      }
    else
      {
        if (!sy_recipient_repo_delete (repo, person, &error))
          return sy_cli_fail (error);
        g_print (_("%s deleted\n"), sy_recipient_get_name (person));
      }
  }
  return EXIT_OK;
}

static int
cmd_plan (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(SyPlanOutline) outline = NULL;
  g_autoptr(SyPlan) plan = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  gboolean dry_run = FALSE;
  gint64 unit_id = 0;
  int year = 0;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year of the plan"), "Y" },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The unit the plan belongs to, by name"), "U" },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Print the outline found, write nothing"), NULL },
    { NULL }
  };
  const char *file_name;

  if (!sy_cli_parse_command_args ("plan", entries, 2, "plan import FILE.txt|FILE.docx --year Y [--unit U] [--dry-run]",
                           &argc, &argv))
    return EXIT_USAGE;
  if (strcmp (argv[1], "import") != 0)
    {
      g_printerr (_("shuangyong-cli plan: unknown subcommand “%s” (try “import”)\n"), argv[1]);
      return EXIT_USAGE;
    }
  if (year < 1950 || year > 2100)
    {
      g_printerr (_("shuangyong-cli plan: --year is required, between 1950 and 2100\n"));
      return EXIT_USAGE;
    }
  file_name = argv[2];

  /* The file first: one that cannot be read or holds no outline is exit 2,
   * and the database is not even opened.  A Word document is read as its
   * paragraphs' text (an old .doc is refused with what to do). */
  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (file_name);

    text = sy_docx_load_text (file, file_name, &length, NULL, &error);
  }
  if (text == NULL || !(outline = sy_plan_parse_text (text, (gssize) length, &error)))
    {
      /* The reader's messages already name the file. */
      if (g_str_has_prefix (error->message, file_name))
        g_printerr ("shuangyong-cli: %s\n", error->message);
      else
        g_printerr ("shuangyong-cli: %s: %s\n", file_name, error->message);
      return EXIT_USAGE;
    }

  if (dry_run)
    {
      g_autofree char *lines = sy_plan_outline_format (outline);
      g_print ("%s", lines);
      g_printerr (_("shuangyong-cli: dry run, nothing was written\n"));
      return EXIT_OK;
    }

  db = sy_cli_open_database (&error);
  if (db == NULL)
    return sy_cli_fail (error);
  if (unit != NULL && !sy_plan_importer_find_unit (db, unit, &unit_id, &error))
    return sy_cli_fail (error);
  plan = sy_plan_importer_write (db, outline, year, unit_id, &error);
  if (plan == NULL)
    return sy_cli_fail (error);

  /* The contract: the last line on stdout, never translated. */
  g_print ("plan %" G_GINT64_FORMAT ", items %d\n", sy_record_get_id (SY_RECORD (plan)),
           sy_plan_get_item_count (plan));
  return EXIT_OK;
}

static int
cmd_standards (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(SyStandardRepo) repo = NULL;
  gboolean dry_run = FALSE;
  gboolean topups = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("import: check and count, write nothing"), NULL },
    { "topups", 0, 0, G_OPTION_ARG_NONE, &topups, N_("the top-up rules instead of the standards"), NULL },
    { NULL }
  };
  const char *file_name;
  gboolean import;
  GPtrArray *issues;
  guint rejected;

  if (!sy_cli_parse_command_args ("standards", entries, 2,
                           "standards import FILE [--dry-run] [--topups] | standards export FILE.csv [--topups]",
                           &argc, &argv))
    return EXIT_USAGE;
  import = strcmp (argv[1], "import") == 0;
  if (!import && strcmp (argv[1], "export") != 0)
    {
      g_printerr (_("shuangyong-cli standards: “%s” is neither “import” nor “export”\n"), argv[1]);
      return EXIT_USAGE;
    }
  file_name = argv[2];

  if (!import)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (file_name);
      guint n = 0;

      if (dry_run)
        {
          g_printerr (_("shuangyong-cli standards: --dry-run applies to import only\n"));
          return EXIT_USAGE;
        }
      db = sy_cli_open_database (&error);
      if (db == NULL)
        return sy_cli_fail (error);
      repo = sy_standard_repo_new (db);
      if (!(topups ? sy_standard_repo_export_topups : sy_standard_repo_export) (repo, file, &n, &error))
        return sy_cli_fail (error);
      g_print ("exported %u\n", n);
      return EXIT_OK;
    }

  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (file_name);
    g_autoptr(SyCsvReader) csv = sy_csv_reader_new ();
    g_autoptr(SyTable) table = sy_csv_reader_read_file (csv, file, file_name, NULL, &error);

    if (table == NULL)
      {
        g_printerr ("shuangyong-cli: %s\n", error->message);
        return EXIT_USAGE;
      }
    db = sy_cli_open_database (&error);
    if (db == NULL)
      return sy_cli_fail (error);
    repo = sy_standard_repo_new (db);
    if (!(topups ? sy_standard_repo_import_topups : sy_standard_repo_import) (repo, table, dry_run, &error))
      {
        g_printerr ("shuangyong-cli: %s\n", error->message);
        /* A file without the columns is unusable input, not a failure. */
        return g_error_matches (error, SY_ERROR, SY_ERROR_INVALID) ? EXIT_USAGE : EXIT_FAILED;
      }
  }

  issues = sy_standard_repo_get_issues (repo);
  for (guint i = 0; i < issues->len; i++)
    sy_cli_print_issue (g_ptr_array_index (issues, i), file_name);
  rejected = sy_standard_repo_get_n_rejected (repo);
  if (rejected > 0)
    g_printerr (_("shuangyong-cli: %u rows were rejected, so nothing was written\n"), rejected);
  else if (dry_run)
    g_printerr (_("shuangyong-cli: dry run, nothing was written\n"));

  /* The contract: the last line on stdout, never translated. */
  g_print ("added %u, updated %u, unchanged %u, rejected %u\n",
           sy_standard_repo_get_n_added (repo),
           sy_standard_repo_get_n_updated (repo),
           sy_standard_repo_get_n_unchanged (repo),
           rejected);
  return rejected > 0 ? EXIT_FAILED : EXIT_OK;
}

static const struct {
  const char *name;
  int (*run) (int argc, char **argv);
} commands[] = {
  { "init", cmd_init },
  { "demo", cmd_demo },
  { "info", cmd_info },
  { "ledger", sy_cli_ledger },
  { "import", cmd_import },
  { "export", cmd_export },
  { "recipients", cmd_recipients },
  { "plan", cmd_plan },
  { "standards", cmd_standards },
  { "run", sy_cli_run },
  { "audit-payments", sy_cli_audit_payments },
  { "backup", sy_cli_backup },
  { "restore", sy_cli_restore },
  { "check", sy_cli_check },
  { "migrate", sy_cli_migrate },
  { "assessment", sy_cli_assessment },
  { "coverage", sy_cli_coverage },
  { "summary", sy_cli_summary },
};

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  gboolean help = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db,
      N_("Database folder, or a shared database postgresql://user@host:port/name "
         "(password asked on the terminal, or from SHUANGYONG_DB_PASSWORD)"), "DIR|URI" },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show help"), NULL },
    { NULL }
  };

  /* Chinese output needs the locale (gtk_init would do this for the GUI). */
  setlocale (LC_ALL, "");
  /* SHUANGYONG_LOCALEDIR points an uninstalled build (build-aux/dev, the
   * tests) at the catalogues compiled in the build tree. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SHUANGYONG_LOCALEDIR") ? g_getenv ("SHUANGYONG_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  ctx = g_option_context_new (NULL);
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (ctx, FALSE);
  /* Stop at the command name: the rest belongs to the command. */
  g_option_context_set_strict_posix (ctx, TRUE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("shuangyong-cli: %s\n", error->message);
      usage (stderr);
      return EXIT_USAGE;
    }
  if (help)
    {
      usage (stdout);
      return EXIT_OK;
    }
  if (argc < 2)
    {
      usage (stderr);
      return EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        int status = commands[i].run (argc - 1, argv + 1);
        g_free (opt_db);
        return status;
      }

  g_printerr (_("shuangyong-cli: unknown command “%s”\n"), argv[1]);
  usage (stderr);
  return EXIT_USAGE;
}
