/* sy-cli-audit.c: `audit-payments` — 按标准及时足额 for one year
 *
 * Prints the summary (people × kinds checked and what was found, expected
 * and paid per kind and in all, in 元) and then one tab-separated line per
 * finding with the ID number masked: the screen is not the place for full
 * ID numbers, the exported file (-o) is.  Findings are the result, not a
 * failure: the exit status is 0 whenever the audit could be made.
 *
 * `--set-deadline KIND=DAYS` (repeatable) sets the days after the first day
 * of a month by which a payment of KIND is due ("*=DAYS": the default for
 * kinds without their own; "KIND=": back to that default), logged; with
 * --year the audit then runs with the new deadlines.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "sy-cli.h"

/* Series colours: what was due in a quiet slate, what was paid in the
 * strong blue the eye goes to. */
static const double expected_rgb[3] = { 0.66, 0.74, 0.84 };
static const double paid_rgb[3] = { 0.13, 0.42, 0.73 };

#define CHART_WIDTH  1200
#define CHART_HEIGHT 460

static void
print_findings (GListModel *findings)
{
  guint n = g_list_model_get_n_items (findings);

  g_print (_("Findings: %u (ID numbers masked; the exported file has them in full)\n"), n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyPaymentFinding) f = g_list_model_get_item (findings, i);
      const char *id = sy_payment_finding_get_id_number (f);
      const char *paid_date = sy_payment_finding_get_paid_date (f);
      g_autofree char *masked = id != NULL && *id != '\0' ? sy_mask_id_number (id) : g_strdup ("-");
      g_autofree char *expected = sy_money_format_plain (sy_payment_finding_get_expected_fen (f));
      g_autofree char *paid = sy_money_format_plain (sy_payment_finding_get_paid_fen (f));
      const char *village = sy_payment_finding_get_village (f);
      const char *category = sy_payment_finding_get_category (f);
      const char *due = sy_payment_finding_get_due_date (f);

      g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
               sy_payment_finding_get_problem_label (f), sy_payment_finding_get_name (f),
               masked, village && *village ? village : "-", sy_payment_finding_get_kind (f),
               category && *category ? category : "-", expected, paid, due ? due : "-",
               paid_date ? paid_date : "-");
    }
}

static void
print_summary (SyPaymentAudit *audit, const char *as_of)
{
  GListModel *findings = sy_payment_audit_get_findings (audit);
  guint n = g_list_model_get_n_items (findings);
  guint counts[3] = { 0, 0, 0 };
  g_autofree char *expected = NULL;
  g_autofree char *paid = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyPaymentFinding) f = g_list_model_get_item (findings, i);
      SyPaymentProblem problem = sy_payment_finding_get_problem (f);

      if (problem <= SY_PAYMENT_LATE)
        counts[problem]++;
    }

  g_print (_("Payment audit %d, as of %s\n"), sy_payment_audit_get_year (audit), as_of);
  g_print (_("Checked %u, paid on time in full %u, missed %u, underpaid %u, late %u\n"),
           sy_payment_audit_get_n_checked (audit), sy_payment_audit_get_n_ok (audit),
           counts[SY_PAYMENT_MISSED], counts[SY_PAYMENT_UNDERPAID], counts[SY_PAYMENT_LATE]);
  for (guint k = 0; k < sy_payment_audit_get_n_kinds (audit); k++)
    {
      g_autofree char *e = sy_money_format_plain (sy_payment_audit_get_expected (audit, k, 0));
      g_autofree char *p = sy_money_format_plain (sy_payment_audit_get_paid (audit, k, 0));

      /* TRANSLATORS: a kind of subsidy, then amounts in yuan, tab-separated */
      g_print (_("%s\texpected %s yuan\tpaid %s yuan\n"), sy_payment_audit_get_kind (audit, k), e, p);
    }
  expected = sy_money_format_plain (sy_payment_audit_get_expected (audit, -1, 0));
  paid = sy_money_format_plain (sy_payment_audit_get_paid (audit, -1, 0));
  g_print (_("All kinds\texpected %s yuan\tpaid %s yuan\n"), expected, paid);
}

static void
paint_chart (cairo_t *cr, SyLedgerChart *chart, double y)
{
  cairo_save (cr);
  cairo_translate (cr, 0, y);
  sy_ledger_chart_paint (chart, cr, NULL, CHART_WIDTH, CHART_HEIGHT, NULL);
  cairo_restore (cr);
}

/* Expected against paid by month (above) and by kind (below), in 元. */
static gboolean
write_chart (SyPaymentAudit *audit, const char *path, GError **error)
{
  int year = sy_payment_audit_get_year (audit);
  guint n_kinds = sy_payment_audit_get_n_kinds (audit);
  g_autofree char *by_month_title = g_strdup_printf (_("Expected and paid by month, %d"), year);
  g_autofree char *by_kind_title = g_strdup_printf (_("Expected and paid by kind, %d"), year);
  g_autoptr(SyLedgerChart) by_month = sy_ledger_chart_new (by_month_title);
  g_autoptr(SyLedgerChart) by_kind = sy_ledger_chart_new (by_kind_title);
  g_autoptr(GPtrArray) months = g_ptr_array_new_with_free_func (g_free);
  g_autofree const char **kinds = g_new0 (const char *, n_kinds + 1);
  g_autofree double *kind_expected = g_new0 (double, n_kinds + 1);
  g_autofree double *kind_paid = g_new0 (double, n_kinds + 1);
  double month_expected[12], month_paid[12];
  g_autofree char *target = g_canonicalize_filename (path, NULL);
  g_autofree char *tmp_path = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int fd;

  /* 分 → 元 for drawing only; the figures printed stay integer 分. */
  for (int m = 1; m <= 12; m++)
    {
      g_ptr_array_add (months, g_strdup_printf ("%d月", m));
      month_expected[m - 1] = sy_payment_audit_get_expected (audit, -1, m) / 100.0;
      month_paid[m - 1] = sy_payment_audit_get_paid (audit, -1, m) / 100.0;
    }
  for (guint k = 0; k < n_kinds; k++)
    {
      kinds[k] = sy_payment_audit_get_kind (audit, k);
      kind_expected[k] = sy_payment_audit_get_expected (audit, k, 0) / 100.0;
      kind_paid[k] = sy_payment_audit_get_paid (audit, k, 0) / 100.0;
    }

  sy_ledger_chart_set_groups (by_month, (const char * const *) months->pdata, months->len);
  sy_ledger_chart_add_series (by_month, _("Expected"), month_expected, 12,
                              expected_rgb[0], expected_rgb[1], expected_rgb[2]);
  sy_ledger_chart_add_series (by_month, _("Amount paid"), month_paid, 12,
                              paid_rgb[0], paid_rgb[1], paid_rgb[2]);
  sy_ledger_chart_set_unit (by_month, _("yuan"));
  sy_ledger_chart_set_groups (by_kind, kinds, n_kinds);
  sy_ledger_chart_add_series (by_kind, _("Expected"), kind_expected, n_kinds,
                              expected_rgb[0], expected_rgb[1], expected_rgb[2]);
  sy_ledger_chart_add_series (by_kind, _("Amount paid"), kind_paid, n_kinds,
                              paid_rgb[0], paid_rgb[1], paid_rgb[2]);
  sy_ledger_chart_set_unit (by_kind, _("yuan"));

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, CHART_WIDTH, 2 * CHART_HEIGHT);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  paint_chart (cr, by_month, 0);
  paint_chart (cr, by_kind, CHART_HEIGHT);
  cairo_destroy (cr);

  /* Temp file beside the target, renamed into place when complete. */
  {
    g_autofree char *dir = g_path_get_dirname (target);
    g_autofree char *base = g_path_get_basename (target);

    tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  }
  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    {
      int errsv = errno;

      cairo_surface_destroy (surface);
      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write %s: %s"), path, g_strerror (errsv));
      return FALSE;
    }
  close (fd);
  status = cairo_surface_write_to_png (surface, tmp_path);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS || g_rename (tmp_path, target) != 0)
    {
      const char *why = status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status)
                                                       : g_strerror (errno);

      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write %s: %s"), path, why);
      g_unlink (tmp_path);
      return FALSE;
    }
  return TRUE;
}

/* "KIND=DAYS", "*=DAYS" or "KIND=" → kind (NULL for "*") and days (-1:
 * remove the setting).  FALSE with a message for anything else. */
static gboolean
parse_deadline (const char *arg, char **kind, int *days)
{
  const char *eq = strchr (arg, '=');
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  guint64 n = 0;

  if (eq == NULL)
    {
      g_printerr (_("shuangyong-cli audit-payments: --set-deadline %s: write KIND=DAYS (or *=DAYS for "
                    "every kind without its own)\n"), arg);
      return FALSE;
    }
  name = g_strstrip (g_strndup (arg, eq - arg));
  value = g_strstrip (g_strdup (eq + 1));
  if (*name == '\0')
    {
      g_printerr (_("shuangyong-cli audit-payments: --set-deadline %s: the kind is missing before “=”\n"),
                  arg);
      return FALSE;
    }
  if (*value != '\0' && !g_ascii_string_to_unsigned (value, 10, 0, SY_PAYMENT_DEADLINE_MAX, &n, NULL))
    {
      g_printerr (_("shuangyong-cli audit-payments: --set-deadline %s: “%s” is not a number of days "
                    "(0–%d)\n"), arg, value, SY_PAYMENT_DEADLINE_MAX);
      return FALSE;
    }
  *kind = strcmp (name, "*") == 0 ? NULL : g_steal_pointer (&name);
  *days = *value != '\0' ? (int) n : -1;
  return TRUE;
}

/* Sets every deadline given, in one transaction: all or none. */
static gboolean
set_deadlines (SyDatabase *db, char **args, GError **error)
{
  if (!sy_database_begin (db, error))
    return FALSE;
  for (guint i = 0; args[i] != NULL; i++)
    {
      g_autofree char *kind = NULL;
      int days = -1, now = 0;

      /* Checked before anything is opened; cannot fail here. */
      parse_deadline (args[i], &kind, &days);
      if (!sy_payment_audit_set_deadline (db, kind, days, error)
          || !sy_payment_audit_get_deadline (db, kind, &now, error))
        {
          sy_database_rollback (db);
          return FALSE;
        }
      if (kind == NULL)
        g_print (_("Deadline for kinds without their own: %d days\n"), now);
      else
        g_print (_("Deadline for %s: %d days\n"), kind, now);
    }
  return sy_database_commit (db, error);
}

static gboolean
has_suffix (const char *path, const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, suffix);
}

int
sy_cli_audit_payments (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(SyPaymentAudit) audit = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *year_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *chart = NULL;
  g_auto(GStrv) deadlines = NULL;
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  guint64 year = 0;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_("The year to audit"), "Y" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Export the findings with full ID numbers (CSV or .xlsx)"), "FILE.csv|FILE.xlsx" },
    { "chart", 0, 0, G_OPTION_ARG_FILENAME, &chart,
      N_("Draw expected against paid by month and by kind"), "FILE.png" },
    { "set-deadline", 0, 0, G_OPTION_ARG_STRING_ARRAY, &deadlines,
      N_("Days after the first day of a month by which KIND is paid (*: every kind without its own; "
         "empty: remove)"), "KIND=DAYS" },
    { NULL }
  };

  if (!sy_cli_parse_command_args ("audit-payments", entries, 0,
                                  "audit-payments --year Y [-o FILE.csv|FILE.xlsx] [--chart FILE.png] "
                                  "[--set-deadline KIND=DAYS]",
                                  &argc, &argv))
    return EXIT_USAGE;
  for (guint i = 0; deadlines != NULL && deadlines[i] != NULL; i++)
    {
      g_autofree char *kind = NULL;
      int days;

      if (!parse_deadline (deadlines[i], &kind, &days))
        return EXIT_USAGE;
    }
  if (year_text == NULL && deadlines != NULL && output == NULL && chart == NULL)
    {
      db = sy_cli_open_database (&error);
      if (db == NULL || !set_deadlines (db, deadlines, &error))
        return sy_cli_fail (error);
      return EXIT_OK;
    }
  if (year_text == NULL)
    {
      g_printerr (_("shuangyong-cli audit-payments: give the year with --year Y\n"));
      return EXIT_USAGE;
    }
  if (!g_ascii_string_to_unsigned (year_text, 10, 1900, 2200, &year, NULL))
    {
      g_printerr (_("shuangyong-cli audit-payments: “%s” is not a year (1900–2200)\n"), year_text);
      return EXIT_USAGE;
    }
  if (output != NULL && !has_suffix (output, ".csv") && !has_suffix (output, ".xlsx"))
    {
      g_printerr (_("shuangyong-cli audit-payments: %s: the file name must end in .csv or .xlsx\n"),
                  output);
      return EXIT_USAGE;
    }
  if (chart != NULL && !has_suffix (chart, ".png"))
    {
      g_printerr (_("shuangyong-cli audit-payments: %s: the chart is a PNG image (FILE.png)\n"),
                  chart);
      return EXIT_USAGE;
    }

  db = sy_cli_open_database (&error);
  if (db == NULL)
    return sy_cli_fail (error);
  if (deadlines != NULL && !set_deadlines (db, deadlines, &error))
    return sy_cli_fail (error);
  audit = sy_payment_audit_new (db, (int) year);
  sy_payment_audit_set_today (audit, today);
  if (!sy_payment_audit_run (audit, NULL, &error))
    return sy_cli_fail (error);

  print_summary (audit, today);
  print_findings (sy_payment_audit_get_findings (audit));

  if (output != NULL)
    {
      if (!sy_payment_audit_export (audit, output, &error))
        return sy_cli_fail (error);
      g_printerr (_("Findings written to %s\n"), output);
    }
  if (chart != NULL)
    {
      if (!write_chart (audit, chart, &error))
        return sy_cli_fail (error);
      g_printerr (_("Chart written to %s\n"), chart);
    }
  return EXIT_OK;
}
