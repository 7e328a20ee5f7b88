/* sy-cli-run.c: `shuangyong-cli run …`, disbursement runs for scripts
 *
 * The same operations as the Subsidies tab: create (computed, draft), list,
 * show, approve/unapprove, pay, apply a bank return, re-issue, delete.
 * The last line on stdout of each command is a fixed, untranslated summary
 * ("run 4, lines 97, total 123456.00, excluded 3") that scripts and the CLI
 * test read; ID numbers are masked as in the tab.
 */
#include <stdlib.h>
#include <string.h>

#include "sy-cli.h"

static const char *synopsis =
  "run create --kind K --period P [--title T] | run list | run show RUN | "
  "run approve|unapprove|delete RUN | run pay RUN --date YYYY-MM-DD --voucher NO | "
  "run return RUN FILE.csv|FILE.xlsx [--sheet N] | run reissue RUN | "
  "run roster RUN -o FILE.pdf [--profile internal|public] | run bankfile RUN -o FILE.csv|FILE.xlsx";

static int
usage_error (void)
{
  g_printerr (_("Usage: shuangyong-cli [--db DIR] %s\n"), synopsis);
  return EXIT_USAGE;
}

/* RUN as a run id; FALSE (and a message) for anything else. */
static gboolean
parse_run_id (const char *text, gint64 *id)
{
  guint64 value = 0;
  const char *digits = text;

  if (digits != NULL && digits[0] == '#')
    digits++;
  if (digits == NULL || !g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_printerr (_("shuangyong-cli run: “%s” is not a run number (see “run list”)\n"),
                  text != NULL ? text : "");
      return FALSE;
    }
  *id = (gint64) value;
  return TRUE;
}

static char *
money (gint64 fen)
{
  return sy_money_format_plain (fen);
}

/* The fixed summary line of a run. */
static void
print_summary (SyRunRepo *repo, SyDatabase *db, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDisbursementBatch) batch = sy_run_repo_load (repo, id, &error);
  g_autoptr(GListModel) exclusions = sy_queries_batch_exclusions (db, id, NULL);
  g_autofree char *total = NULL;

  if (batch == NULL)
    return;
  total = money (sy_disbursement_batch_get_total_fen (batch));
  g_print ("run %" G_GINT64_FORMAT ", %s, lines %d, total %s, excluded %u\n", id,
           sy_disbursement_batch_get_state (batch), sy_disbursement_batch_get_line_count (batch), total,
           exclusions != NULL ? g_list_model_get_n_items (exclusions) : 0);
}

static const char *
or_blank (const char *text)
{
  return text != NULL ? text : "";
}

static int
show_run (SyRunRepo *repo, SyDatabase *db, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDisbursementBatch) batch = sy_run_repo_load (repo, id, &error);
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GListModel) exclusions = NULL;
  g_autofree char *total = NULL;
  guint n;

  if (batch == NULL)
    return sy_cli_fail (error);
  lines = sy_queries_batch_lines (db, id, &error);
  if (lines == NULL)
    return sy_cli_fail (error);
  exclusions = sy_queries_batch_exclusions (db, id, &error);
  if (exclusions == NULL)
    return sy_cli_fail (error);

  total = money (sy_disbursement_batch_get_total_fen (batch));
  g_print (_("Run #%lld: %s\n"), (long long) id, sy_disbursement_batch_get_title (batch));
  g_print (_("Kind: %s\n"), sy_disbursement_batch_get_kind (batch));
  g_print (_("Period: %s\n"), sy_disbursement_batch_get_period (batch));
  g_print (_("State: %s\n"), sy_disbursement_batch_get_state (batch));
  if (sy_disbursement_batch_get_approved_at (batch) != NULL)
    g_print (_("Approved: %s by %s\n"), sy_disbursement_batch_get_approved_at (batch),
             or_blank (sy_disbursement_batch_get_approved_by (batch)));
  if (sy_disbursement_batch_get_paid_date (batch) != NULL)
    g_print (_("Paid: %s, voucher %s\n"), sy_disbursement_batch_get_paid_date (batch),
             or_blank (sy_disbursement_batch_get_voucher_no (batch)));
  if (sy_disbursement_batch_get_source_batch_id (batch) != 0)
    g_print (_("Re-issues the failed lines of run #%lld\n"),
             (long long) sy_disbursement_batch_get_source_batch_id (batch));

  /* line id, name, masked ID, category, months, standard, amount, account, status, note */
  n = g_list_model_get_n_items (lines);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyDisbursementLine) line = g_list_model_get_item (lines, i);
      g_autofree char *masked = sy_mask_id_number (sy_disbursement_line_get_id_number (line));
      g_autofree char *amount = money (sy_disbursement_line_get_amount_fen (line));
      g_autofree char *standard = money (sy_disbursement_line_get_standard_fen (line));
      GString *note = g_string_new (NULL);

      if (sy_disbursement_line_get_topups (line) != NULL)
        g_string_append (note, sy_disbursement_line_get_topups (line));
      if (sy_disbursement_line_get_adjust_reason (line) != NULL)
        {
          g_autofree char *computed = money (sy_disbursement_line_get_computed_fen (line));

          g_string_append_printf (note, "%s%s (%s)", note->len ? "; " : "",
                                  sy_disbursement_line_get_adjust_reason (line), computed);
        }
      if (sy_disbursement_line_get_fail_reason (line) != NULL)
        g_string_append_printf (note, "%s%s", note->len ? "; " : "", sy_disbursement_line_get_fail_reason (line));
      if (sy_disbursement_line_get_note (line) != NULL)
        g_string_append_printf (note, "%s%s", note->len ? "; " : "", sy_disbursement_line_get_note (line));
      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s..%s\t%d\t%s\t%s\t%s\t%s\n",
               sy_record_get_id (SY_RECORD (line)),
               or_blank (sy_disbursement_line_get_recipient_name (line)), masked,
               or_blank (sy_disbursement_line_get_village (line)),
               or_blank (sy_disbursement_line_get_category (line)),
               or_blank (sy_disbursement_line_get_first_month (line)),
               or_blank (sy_disbursement_line_get_last_month (line)),
               sy_disbursement_line_get_months (line), standard, amount,
               or_blank (sy_disbursement_line_get_account (line)),
               or_blank (sy_disbursement_line_get_status (line)));
      if (note->len > 0)
        g_print ("\t%s\n", note->str);
      g_string_free (note, TRUE);
    }

  n = g_list_model_get_n_items (exclusions);
  if (n > 0)
    g_print (_("Not paid:\n"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyDisbursementExclusion) e = g_list_model_get_item (exclusions, i);
      g_autofree char *masked = sy_mask_id_number (sy_disbursement_exclusion_get_id_number (e));

      g_print ("excluded\t%s\t%s\t%s\t%s\t%s\t%s\n",
               or_blank (sy_disbursement_exclusion_get_recipient_name (e)), masked,
               or_blank (sy_disbursement_exclusion_get_village (e)),
               or_blank (sy_disbursement_exclusion_get_category (e)),
               sy_disbursement_exclusion_get_code (e),
               or_blank (sy_disbursement_exclusion_get_reason (e)));
    }
  print_summary (repo, db, id);
  return EXIT_OK;
}

static int
list_runs (SyDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyQueryModel) model = sy_queries_batches (db, &error);
  guint n;

  if (model == NULL)
    return sy_cli_fail (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyDisbursementBatch) b = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *total = money (sy_disbursement_batch_get_total_fen (b));

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%d\t%s\t%s\n", sy_record_get_id (SY_RECORD (b)),
               sy_disbursement_batch_get_period (b), sy_disbursement_batch_get_kind (b),
               sy_disbursement_batch_get_state (b), sy_disbursement_batch_get_line_count (b), total,
               sy_disbursement_batch_get_title (b));
    }
  /* The contract: the last line, never translated. */
  g_print ("total %u\n", n);
  return EXIT_OK;
}

int
sy_cli_run (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(SyRunRepo) repo = NULL;
  g_autoptr(GOptionContext) ctx = NULL;
  g_autofree char *kind = NULL, *period = NULL, *title = NULL, *date = NULL, *voucher = NULL;
  g_autofree char *sheet = NULL;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("create: the kind of subsidy (a kind of the standards)"), "K" },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("create: 2025, 2025-H1, 2025-Q4, 2025-03 (or 2025年第四季度 …)"), "P" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("create: the title (default: period and kind)"), "T" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("pay: the day of payment"), "YYYY-MM-DD" },
    { "voucher", 0, 0, G_OPTION_ARG_STRING, &voucher, N_("pay: the voucher number (凭证号)"), "NO" },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet, N_("return: the sheet of an .xlsx file"), "N|NAME" },
    { NULL }
  };
  const char *sub;
  gint64 id = 0;

  /* roster and bankfile have their own options */
  if (argc > 1 && strcmp (argv[1], "roster") == 0)
    return sy_cli_run_roster (argc - 1, argv + 1);
  if (argc > 1 && strcmp (argv[1], "bankfile") == 0)
    return sy_cli_run_bankfile (argc - 1, argv + 1);

  ctx = g_option_context_new (NULL);
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("shuangyong-cli run: %s\n", error->message);
      return EXIT_USAGE;
    }
  sub = argc > 1 ? argv[1] : "";

  if (strcmp (sub, "create") == 0)
    {
      if (argc != 2)
        return usage_error ();
      if (kind == NULL || period == NULL)
        {
          g_printerr (_("shuangyong-cli run create: give --kind and --period\n"));
          return EXIT_USAGE;
        }
    }
  else if (strcmp (sub, "list") == 0)
    {
      if (argc != 2)
        return usage_error ();
    }
  else if (strcmp (sub, "return") == 0)
    {
      if (argc != 4 || !parse_run_id (argv[2], &id))
        return usage_error ();
    }
  else if (strcmp (sub, "show") == 0 || strcmp (sub, "approve") == 0 || strcmp (sub, "unapprove") == 0
           || strcmp (sub, "delete") == 0 || strcmp (sub, "pay") == 0 || strcmp (sub, "reissue") == 0)
    {
      if (argc != 3 || !parse_run_id (argv[2], &id))
        return usage_error ();
      if (strcmp (sub, "pay") == 0 && (date == NULL || voucher == NULL))
        {
          g_printerr (_("shuangyong-cli run pay: give --date and --voucher\n"));
          return EXIT_USAGE;
        }
    }
  else
    return usage_error ();

  db = sy_cli_open_database (&error);
  if (db == NULL)
    return sy_cli_fail (error);
  repo = sy_run_repo_new (db);

  if (strcmp (sub, "list") == 0)
    return list_runs (db);
  if (strcmp (sub, "show") == 0)
    return show_run (repo, db, id);

  if (strcmp (sub, "create") == 0)
    {
      SyPeriod parsed;

      /* a malformed period is a bad command line */
      if (!sy_period_parse (period, &parsed, &error))
        {
          g_printerr ("shuangyong-cli: %s\n", error->message);
          return EXIT_USAGE;
        }
      if (!sy_run_repo_create (repo, kind, period, title, &id, &error))
        return sy_cli_fail (error);
      {
        g_autoptr(SyDisbursementBatch) batch = sy_run_repo_load (repo, id, NULL);

        if (batch != NULL)
          g_print (_("Run #%lld “%s” created as a draft\n"), (long long) id,
                   sy_disbursement_batch_get_title (batch));
      }
      print_summary (repo, db, id);
      return EXIT_OK;
    }

  if (strcmp (sub, "approve") == 0)
    {
      if (!sy_run_repo_approve (repo, id, &error))
        return sy_cli_fail (error);
    }
  else if (strcmp (sub, "unapprove") == 0)
    {
      if (!sy_run_repo_unapprove (repo, id, &error))
        return sy_cli_fail (error);
    }
  else if (strcmp (sub, "delete") == 0)
    {
      if (!sy_run_repo_delete (repo, id, &error))
        return sy_cli_fail (error);
      g_print ("run %" G_GINT64_FORMAT " deleted\n", id);
      return EXIT_OK;
    }
  else if (strcmp (sub, "pay") == 0)
    {
      if (!sy_run_repo_mark_paid (repo, id, date, voucher, &error))
        return sy_cli_fail (error);
    }
  else if (strcmp (sub, "return") == 0)
    {
      const char *file_name = argv[3];
      g_autoptr(SyDisbursementBatch) batch = sy_run_repo_load (repo, id, &error);
      g_autoptr(SyTable) table = NULL;
      guint n = 0;

      if (batch == NULL)
        return sy_cli_fail (error);
      /* the run's state first: a file for a run not paid is the wrong run,
       * not a bad file */
      if (g_strcmp0 (sy_disbursement_batch_get_state (batch), SY_RUN_STATE_PAID) != 0)
        {
          g_printerr (_("shuangyong-cli: run #%lld is %s: a bank return applies to a "
                        "paid run only\n"), (long long) id, sy_disbursement_batch_get_state (batch));
          return EXIT_FAILED;
        }
      table = sy_cli_read_table (file_name, sheet, &error);
      if (table == NULL)
        {
          g_printerr ("shuangyong-cli: %s\n", error->message);
          return EXIT_USAGE;
        }
      if (!sy_run_repo_apply_bank_return (repo, id, table, file_name, &n, &error))
        {
          g_printerr ("shuangyong-cli: %s\n", error->message);
          return g_error_matches (error, SY_ERROR, SY_ERROR_INVALID) ? EXIT_USAGE : EXIT_FAILED;
        }
      g_print (_("%u lines marked failed\n"), n);
      g_print ("failed %u\n", n);
      return EXIT_OK;
    }
  else if (strcmp (sub, "reissue") == 0)
    {
      gint64 new_id = 0;

      if (!sy_run_repo_reissue (repo, id, &new_id, &error))
        return sy_cli_fail (error);
      g_print (_("Run #%lld re-pays the failed lines of run #%lld\n"),
               (long long) new_id, (long long) id);
      print_summary (repo, db, new_id);
      return EXIT_OK;
    }

  print_summary (repo, db, id);
  return EXIT_OK;
}
