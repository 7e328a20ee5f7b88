/* sy-cli-assessment.c: the 考评 items (a province's 细则 as CSV) and the
 * coverage map
 *
 *   assessment import FILE.csv [--dry-run]   all or nothing; last stdout line
 *                                           "added A, updated U, unchanged N, rejected R"
 *   assessment export FILE.csv               the sub-items; "exported N"
 *   coverage [--years N] [--to Y] [-o FILE.pdf]
 *                                           the map as text on stdout; -o: the
 *                                           self-score sheet as PDF
 */
#include <stdlib.h>
#include <string.h>

#include "sy-cli.h"

int
sy_cli_assessment (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(SyAssessmentRepo) repo = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("import: check and count, write nothing"), NULL },
    { NULL }
  };
  const char *file_name;
  GPtrArray *issues;
  guint rejected = 0;

  if (!sy_cli_parse_command_args ("assessment", entries, 2,
                                  "assessment import FILE.csv [--dry-run] | assessment export FILE.csv",
                                  &argc, &argv))
    return EXIT_USAGE;
  file_name = argv[2];
  file = g_file_new_for_commandline_arg (file_name);

  if (strcmp (argv[1], "export") == 0)
    {
      guint n = 0;

      if (dry_run)
        {
          g_printerr (_("shuangyong-cli assessment: --dry-run applies to import only\n"));
          return EXIT_USAGE;
        }
      db = sy_cli_open_database (&error);
      if (db == NULL)
        return sy_cli_fail (error);
      repo = sy_assessment_repo_new (db);
      if (!sy_assessment_repo_export (repo, file, &n, &error))
        return sy_cli_fail (error);
      g_print ("exported %u\n", n);
      return EXIT_OK;
    }
  if (strcmp (argv[1], "import") != 0)
    {
      g_printerr (_("shuangyong-cli assessment: “%s” is neither “import” nor “export”\n"), argv[1]);
      return EXIT_USAGE;
    }

  {
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
    repo = sy_assessment_repo_new (db);
    if (!sy_assessment_repo_import (repo, table, dry_run, &error))
      {
        g_printerr ("shuangyong-cli: %s\n", error->message);
        /* A file without the columns is unusable input, not a failure. */
        return g_error_matches (error, SY_ERROR, SY_ERROR_INVALID) ? EXIT_USAGE : EXIT_FAILED;
      }
  }

  issues = sy_assessment_repo_get_issues (repo);
  for (guint i = 0; i < issues->len; i++)
    {
      const SyImportIssue *issue = g_ptr_array_index (issues, i);

      sy_cli_print_issue (issue, file_name);
      /* One row may have several issues: count rows, not issues. */
      if (i == 0 || ((const SyImportIssue *) g_ptr_array_index (issues, i - 1))->line != issue->line)
        rejected++;
    }
  if (rejected > 0)
    g_printerr (_("shuangyong-cli: %u rows were rejected, so nothing was written\n"), rejected);
  else if (dry_run)
    g_printerr (_("shuangyong-cli: dry run, nothing was written\n"));

  /* The contract: the last line on stdout, never translated. */
  g_print ("added %u, updated %u, unchanged %u, rejected %u\n",
           rejected ? 0 : sy_assessment_repo_get_n_added (repo),
           rejected ? 0 : sy_assessment_repo_get_n_updated (repo),
           rejected ? 0 : sy_assessment_repo_get_n_unchanged (repo), rejected);
  return rejected > 0 ? EXIT_FAILED : EXIT_OK;
}

int
sy_cli_coverage (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(SyCoverage) coverage = NULL;
  g_autoptr(SyUnit) office = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  int years = 4, to_year = 0, first_year, last_year;
  GOptionEntry entries[] = {
    { "years", 0, 0, G_OPTION_ARG_INT, &years, N_("The length of the review window (default 4)"), "N" },
    { "to", 0, 0, G_OPTION_ARG_INT, &to_year, N_("The window's last year (default: this year)"), "Y" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Also write the self-score sheet (PDF)"),
      "FILE.pdf" },
    { NULL }
  };

  if (!sy_cli_parse_command_args ("coverage", entries, 0, "coverage [--years N] [--to Y] [-o FILE.pdf]",
                                  &argc, &argv))
    return EXIT_USAGE;
  if (years < 1 || years > 20)
    {
      g_printerr (_("shuangyong-cli coverage: --years must be 1 to 20\n"));
      return EXIT_USAGE;
    }
  sy_coverage_default_window (NULL, &first_year, &last_year);
  if (to_year != 0)
    last_year = to_year;
  first_year = last_year - years + 1;

  db = sy_cli_open_database (&error);
  if (db == NULL)
    return sy_cli_fail (error);
  coverage = sy_coverage_compute (db, first_year, last_year, NULL, &error);
  if (coverage == NULL)
    return sy_cli_fail (error);
  text = sy_coverage_to_text (coverage);
  g_print ("%s", text);

  if (output != NULL)
    {
      guint n_pages = 0;

      office = sy_queries_office (db, NULL);
      if (!sy_ledger_coverage_export_pdf (coverage, office ? sy_unit_get_name (office) : NULL, output,
                                          &n_pages, &error))
        return sy_cli_fail (error);
      g_printerr (_("Wrote %s (%u pages)\n"), output, n_pages);
    }
  return EXIT_OK;
}
