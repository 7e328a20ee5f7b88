/* sy-cli-roster.c: `run roster` (the 花名册 PDF) and `run bankfile`
 *
 * Both take the run's id and -o FILE; both reconcile before anything is
 * written (a figure that does not add up is exit 1 and no file), and print
 * "N lines, total X.XX" so that a script can compare the two.
 */
#include <stdlib.h>
#include <string.h>

#include "sy-cli.h"

/* The RUN argument: a positive integer id. */
static gboolean
parse_run_id (const char *command, const char *text, gint64 *id)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_printerr (_("shuangyong-cli run %s: “%s” is not a run number (see “shuangyong-cli "
                    "run list”)\n"), command, text);
      return FALSE;
    }
  *id = (gint64) value;
  return TRUE;
}

static void
print_summary (guint n_lines, gint64 total_fen)
{
  g_autofree char *total = sy_money_format_plain (total_fen);

  /* Untranslated: scripts read it (like the other run commands' last line). */
  g_print ("%u lines, total %s\n", n_lines, total);
}

int
sy_cli_run_roster (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(SyLedgerRoster) roster = NULL;
  g_autofree char *output = NULL;
  g_autofree char *profile_text = NULL;
  SyMaskProfile profile = SY_MASK_INTERNAL;
  gint64 batch_id = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), "FILE.pdf" },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_text,
      N_("internal (full ID numbers, accounts, signatures) or public (the 公示 version)"),
      "internal|public" },
    { NULL }
  };

  if (!sy_cli_parse_command_args ("run roster", entries, 1,
                                  "run roster RUN -o FILE.pdf [--profile internal|public]",
                                  &argc, &argv))
    return EXIT_USAGE;
  if (output == NULL)
    {
      g_printerr (_("shuangyong-cli run roster: give the PDF file to write with -o FILE.pdf\n"));
      return EXIT_USAGE;
    }
  if (profile_text != NULL
      && (!sy_mask_profile_from_string (profile_text, &profile)
          || (profile != SY_MASK_INTERNAL && profile != SY_MASK_PUBLIC)))
    {
      g_printerr (_("shuangyong-cli run roster: unknown profile “%s”; use internal or "
                    "public\n"), profile_text);
      return EXIT_USAGE;
    }
  if (!parse_run_id ("roster", argv[1], &batch_id))
    return EXIT_USAGE;

  db = sy_cli_open_database (&error);
  if (db == NULL)
    return sy_cli_fail (error);
  roster = sy_ledger_roster_new (db, batch_id, profile, &error);
  if (roster == NULL
      || !sy_ledger_roster_export_pdf (roster, output, NULL, NULL, NULL, &error))
    return sy_cli_fail (error);
  print_summary (sy_ledger_roster_get_n_lines (roster), sy_ledger_roster_get_total_fen (roster));
  return EXIT_OK;
}

int
sy_cli_run_bankfile (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autofree char *output = NULL;
  gint64 batch_id = 0, total = 0;
  guint n_rows = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The .csv or .xlsx file to write"),
      "FILE.csv|FILE.xlsx" },
    { NULL }
  };

  if (!sy_cli_parse_command_args ("run bankfile", entries, 1,
                                  "run bankfile RUN -o FILE.csv|FILE.xlsx", &argc, &argv))
    return EXIT_USAGE;
  if (output == NULL)
    {
      g_printerr (_("shuangyong-cli run bankfile: give the file to write with -o FILE.csv or "
                    "-o FILE.xlsx\n"));
      return EXIT_USAGE;
    }
  {
    g_autofree char *lower = g_ascii_strdown (output, -1);

    if (!g_str_has_suffix (lower, ".csv") && !g_str_has_suffix (lower, ".xlsx"))
      {
        g_printerr (_("shuangyong-cli run bankfile: %s: the file name must end in .csv or "
                      ".xlsx\n"), output);
        return EXIT_USAGE;
      }
  }
  if (!parse_run_id ("bankfile", argv[1], &batch_id))
    return EXIT_USAGE;

  db = sy_cli_open_database (&error);
  if (db == NULL)
    return sy_cli_fail (error);
  if (!sy_bank_file_write (db, batch_id, output, &total, &n_rows, &error))
    return sy_cli_fail (error);
  print_summary (n_rows, total);
  return EXIT_OK;
}
