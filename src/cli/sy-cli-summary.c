/* sy-cli-summary.c: `summary` — the draft 年终总结 of a year
 *
 * `summary --year Y -o FILE.odt|FILE.pdf [--today YYYY-MM-DD]` counts the
 * year (sy_year_report_gather) and writes the draft (sy_year_summary_write):
 * .odt to edit in LibreOffice, WPS or Word, .pdf to print.  The figures go
 * to stdout too, one "name value" line each (untranslated, for scripts).
 */
#include <string.h>

#include "sy-cli.h"

int
sy_cli_summary (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(SyYearReport) report = NULL;
  g_autofree char *output = NULL;
  g_autofree char *today = NULL;
  g_autofree char *office = NULL;
  g_autofree char *lower = NULL;
  int year = 0;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year to sum up"), "Y" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write (.odt or .pdf)"), "FILE" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("Count as of this day (default: today)"), "YYYY-MM-DD" },
    { NULL }
  };

  if (!sy_cli_parse_command_args ("summary", entries, 0, "summary --year Y -o FILE.odt|FILE.pdf",
                                  &argc, &argv))
    return EXIT_USAGE;
  if (year < 1950 || year > 2100)
    {
      g_printerr (_("shuangyong-cli summary: --year is required, between 1950 and 2100\n"));
      return EXIT_USAGE;
    }
  if (output != NULL)
    lower = g_ascii_strdown (output, -1);
  if (output == NULL || !(g_str_has_suffix (lower, ".odt") || g_str_has_suffix (lower, ".pdf")))
    {
      g_printerr (_("shuangyong-cli summary: -o FILE.odt or -o FILE.pdf is required\n"));
      return EXIT_USAGE;
    }

  db = sy_cli_open_database (&error);
  if (db == NULL)
    return sy_cli_fail (error);
  report = sy_year_report_gather (db, year, today, NULL, &error);
  if (report == NULL)
    return sy_cli_fail (error);
  office = sy_database_get_setting (db, "office-name");
  if (!sy_year_summary_write (report, office, output, sy_cli_print_progress, NULL, NULL, &error))
    return sy_cli_fail (error);

  g_print ("plans %u\nitems %u\nitems_done %u\nactivities %u\nvisits %u\npeople %u\n"
           "visit_money_fen %" G_GINT64_FORMAT "\nwelfare_paid_fen %" G_GINT64_FORMAT "\nphotos %u\n",
           report->n_plans, report->items_total, report->items_done, report->n_events,
           report->n_visits, report->n_people, report->visit_money_fen, report->welfare_paid_fen,
           report->n_photos);
  for (guint i = 0; i < report->kinds->len; i++)
    {
      const SyYearKindCount *k = g_ptr_array_index (report->kinds, i);

      g_print ("kind %s %u\n", k->kind, k->months[0]);
    }
  g_printerr (_("shuangyong-cli: wrote %s\n"), output);
  return EXIT_OK;
}
