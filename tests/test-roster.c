/* test-roster.c: the 花名册 PDF (internal and 公示) and the bank file
 *
 * One temporary database holds 40 people and three runs made directly
 * with sy_database_insert: a paid run of 120 lines (several pages; long
 * names and categories, a one-off line, a re-issue line, an adjustment),
 * a draft, and a run whose line is made inconsistent by raw SQL.  The PDFs
 * are read back with poppler: the header on every page, 本页小计 on every
 * page, 合计 and its exact 大写 on the last, "共 M 页" against the page
 * count, no full ID number or account in the 公示 version, every glyph on
 * the page.  The bank files are read back with the project's CSV and XLSX
 * readers and must add up to the roster's total.
 */
#include "sy-ledger-roster.h"
#include "sy-test-pdf.h"
#include "sy-test-util.h"
#include "sy-ledger-pdf.h"
#include "sy-ledger-style.h"
#include "sy-ledger-text.h"

#include <locale.h>
#include <math.h>
#include <poppler.h>
#include <string.h>
#include <glib/gstdio.h>

/* poppler-glib 22.12 declares no autoptr cleanups. */

#define N_PEOPLE 40
#define N_LINES  120
#define OFFICE   "测试县退役军人事务局"

static struct {
  char       *dir;
  SyDatabase *db;
  gint64      paid_run;
  gint64      draft_run;
  gint64      broken_run;
  gint64      total;         /* of the paid run */
  char       *id_numbers[N_PEOPLE];
  char       *accounts[N_PEOPLE];
  gint64      people[N_PEOPLE];
  char       *internal_pdf;
  char       *public_pdf;
} shared;

/* --- helpers ------------------------------------------------------------ */

/* Page @index (0-based), raw or without white space. */
static char *
page_text (PopplerDocument *pdf, int index, gboolean squeezed)
{
  g_autofree char *text = sy_test_pdf_page_text (pdf, (guint) index + 1);

  return squeezed ? sy_test_pdf_squeeze (text) : g_steal_pointer (&text);
}

static void
insert (gpointer record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_database_insert (shared.db, record, &error));
  g_assert_no_error (error);
}

static gint64
add_batch (const char *title, const char *state)
{
  g_autoptr(SyDisbursementBatch) batch = sy_disbursement_batch_new ();

  sy_disbursement_batch_set_kind (batch, "定期抚恤金");
  sy_disbursement_batch_set_period (batch, "2025-Q4");
  sy_disbursement_batch_set_title (batch, title);
  sy_disbursement_batch_set_state (batch, state);
  insert (batch);
  return sy_record_get_id (SY_RECORD (batch));
}

static gint64
add_line (gint64 batch, guint person, const char *category, int months,
          gint64 standard, gint64 amount, gint64 source_line, const char *reason)
{
  g_autoptr(SyDisbursementLine) line = sy_disbursement_line_new ();

  sy_disbursement_line_set_batch_id (line, batch);
  sy_disbursement_line_set_recipient_id (line, shared.people[person]);
  sy_disbursement_line_set_category (line, category);
  sy_disbursement_line_set_months (line, months);
  sy_disbursement_line_set_standard_fen (line, standard);
  sy_disbursement_line_set_amount_fen (line, amount);
  sy_disbursement_line_set_computed_fen (line, amount);
  sy_disbursement_line_set_base_fen (line, amount);
  sy_disbursement_line_set_account (line, shared.accounts[person]);
  sy_disbursement_line_set_bank (line, "农村信用合作联社营业部");
  sy_disbursement_line_set_status (line, "pending");
  sy_disbursement_line_set_source_line_id (line, source_line);
  sy_disbursement_line_set_adjust_reason (line, reason);
  insert (line);
  return sy_record_get_id (SY_RECORD (line));
}

static void
setup (void)
{
  static const char *const categories[] = {
    "伤残军人", "烈士遗属", "在乡复员军人",
    "带病回乡退伍军人（含参战参试退役人员及其他享受定期生活补助的人员）",
    "因公牺牲军人遗属",
  };
  g_autoptr(GError) error = NULL;
  GDate birth;
  gint64 first_line = 0;

  shared.dir = g_dir_make_tmp ("test-roster-XXXXXX", &error);
  g_assert_no_error (error);
  shared.db = sy_database_open (shared.dir, &error);
  g_assert_no_error (error);
  g_assert_true (sy_database_set_setting (shared.db, "office-name", OFFICE, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_autoptr(SyRecipient) r = sy_recipient_new ();
      g_autofree char *name = NULL;

      g_date_clear (&birth, 1);
      g_date_set_dmy (&birth, 1 + i % 28, 1 + i % 12, 1940 + i);
      shared.id_numbers[i] = sy_id_number_generate ("360426", &birth, 100 + i);
      shared.accounts[i] = g_strdup_printf ("62215800%011u", 12345 + i * 7919);
      /* One very long name: it must wrap inside its cell. */
      name = i == 7 ? g_strdup ("阿卜杜热合曼·买买提依明·艾则孜托合提") :
             g_strdup_printf ("测试对象%02u", i);
      sy_recipient_set_name (r, name);
      sy_recipient_set_id_number (r, shared.id_numbers[i]);
      sy_recipient_set_village (r, i % 2 ? "城关镇东门社区" : "石城乡大畲村");
      sy_recipient_set_account (r, shared.accounts[i]);
      sy_recipient_set_status (r, "在册");
      insert (r);
      shared.people[i] = sy_record_get_id (SY_RECORD (r));
    }

  shared.paid_run = add_batch ("2025年第四季度定期抚恤金", "paid");
  for (guint i = 0; i < N_LINES; i++)
    {
      guint person = i % N_PEOPLE;
      gint64 standard = 52000 + (gint64) (i % 9) * 3355 + (i % 7);
      int months = i == 5 ? 0 : 3;
      gint64 amount = months == 0 ? standard : standard * months;
      gint64 id;

      id = add_line (shared.paid_run, person, categories[i % G_N_ELEMENTS (categories)],
                     months, standard, amount, i == 50 ? first_line : 0,
                     i == 60 ? "补足上季度少发部分" : NULL);
      if (i == 0)
        first_line = id;
      shared.total += amount;
    }

  shared.draft_run = add_batch ("2026年第一季度定期抚恤金", "draft");
  for (guint i = 0; i < 3; i++)
    add_line (shared.draft_run, i, "伤残军人", 3, 60000, 180000, 0, NULL);

  shared.broken_run = add_batch ("2025年第三季度定期抚恤金", "approved");
  for (guint i = 0; i < 3; i++)
    add_line (shared.broken_run, i, "伤残军人", 3, 60000, 180000, 0, NULL);
}

static void
ensure_exports (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyLedgerRoster) internal = NULL;
  g_autoptr(SyLedgerRoster) public = NULL;

  if (shared.internal_pdf != NULL)
    return;
  internal = sy_ledger_roster_new (shared.db, shared.paid_run, SY_MASK_INTERNAL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sy_ledger_roster_get_n_lines (internal), ==, N_LINES);
  g_assert_cmpint (sy_ledger_roster_get_total_fen (internal), ==, shared.total);
  shared.internal_pdf = g_build_filename (shared.dir, "roster-internal.pdf", NULL);
  g_assert_true (sy_ledger_roster_export_pdf (internal, shared.internal_pdf, NULL, NULL,
                                              NULL, &error));
  g_assert_no_error (error);

  public = sy_ledger_roster_new (shared.db, shared.paid_run, SY_MASK_PUBLIC, &error);
  g_assert_no_error (error);
  shared.public_pdf = g_build_filename (shared.dir, "roster-public.pdf", NULL);
  g_assert_true (sy_ledger_roster_export_pdf (public, shared.public_pdf, NULL, NULL,
                                              NULL, &error));
  g_assert_no_error (error);
}

static gint64
count_exports (const char *profile)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pattern = g_strdup_printf ("%%\"profile\":\"%s\"%%", profile);
  gint64 n = -1;

  g_assert_true (sy_database_query_int64 (shared.db, &n,
                                          "SELECT COUNT(*) FROM audit_log WHERE action = 'export' "
                                          "AND entity = 'disbursement_batch' "
                                          "AND new_values LIKE ##p::string",
                                          &error, "p", G_TYPE_STRING, pattern, NULL));
  g_assert_no_error (error);
  return n;
}

/* Every page: the header titles, 本页小计, "第 N 页 共 M 页"; the last:
 * 合计 with the exact 大写 of the total. */
static void
check_pages (const char *path, const char *const *titles, const char *heading)
{
  g_autoptr(PopplerDocument) pdf = sy_test_pdf_open (path);
  int n = poppler_document_get_n_pages (pdf);
  g_autofree char *words = sy_money_to_chinese (shared.total, NULL);
  g_autofree char *figures = sy_money_format (shared.total);
  g_autofree char *total_text = NULL;
  g_autofree char *last = NULL;

  /* 120 rows do not fit on two pages of a landscape table. */
  g_assert_cmpint (n, >=, 3);
  for (int p = 0; p < n; p++)
    {
      g_autofree char *text = page_text (pdf, p, TRUE);
      g_autofree char *folio = g_strdup_printf ("第%d页共%d页", p + 1, n);

      g_assert_nonnull (strstr (text, heading));
      for (guint t = 0; titles[t] != NULL; t++)
        if (strstr (text, titles[t]) == NULL)
          g_error ("page %d of %s lacks the column title %s", p + 1, path, titles[t]);
      g_assert_nonnull (strstr (text, "本页小计"));
      g_assert_nonnull (strstr (text, folio));
      if (p + 1 < n)
        g_assert_null (strstr (text, "合计（"));
    }
  last = page_text (pdf, n - 1, TRUE);
  /* PDF text extraction may part the label from the words (it guesses
   * columns); test-roster-cli.sh checks them on one line with pdftotext
   * -layout. */
  total_text = g_strdup_printf ("合计（%u人）", N_LINES);
  g_assert_nonnull (strstr (last, total_text));
  g_clear_pointer (&total_text, g_free);
  total_text = g_strdup_printf ("大写：%s", words);
  if (strstr (last, total_text) == NULL)
    g_error ("the last page of %s lacks “%s”: %s", path, total_text, last);
  g_assert_nonnull (strstr (last, figures));
}

/* --- tests -------------------------------------------------------------- */

static void
test_internal_pages (void)
{
  static const char *const titles[] = {
    "序号", "姓名", "身份证号", "类别", "标准", "月数", "金额", "账号",
    "签名/指印", "备注", NULL
  };
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  gboolean found_id = FALSE;

  ensure_exports ();
  check_pages (shared.internal_pdf, titles, "2025年第四季度定期抚恤金发放花名册");

  pdf = sy_test_pdf_open (shared.internal_pdf);
  for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
    {
      g_autofree char *text = page_text (pdf, p, TRUE);
      g_string_append (all, text);
    }
  /* Full ID numbers and accounts, the signature blocks, the one-off's
   * "—", the 补发 and the adjustment in 备注. */
  for (guint i = 0; i < N_PEOPLE; i++)
    {
      found_id |= strstr (all->str, shared.id_numbers[i]) != NULL;
      g_assert_nonnull (strstr (all->str, shared.accounts[i]));
    }
  g_assert_true (found_id);
  g_assert_nonnull (strstr (all->str, "制表人"));
  g_assert_nonnull (strstr (all->str, "审核人"));
  g_assert_nonnull (strstr (all->str, "负责人"));
  g_assert_nonnull (strstr (all->str, "—"));
  g_assert_nonnull (strstr (all->str, "补发"));
  g_assert_nonnull (strstr (all->str, "调整：补足上季度少发部分"));
  g_assert_nonnull (strstr (all->str, OFFICE));
  g_assert_null (strstr (all->str, "草稿"));
}

/* A character of a 大写 amount. */
static gboolean
is_capital (const char *p)
{
  static const char capitals[] = "人民币零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整";
  g_autofree char *one = g_strndup (p, g_utf8_next_char (p) - p);

  return strstr (capitals, one) != NULL;
}

static void
test_subtotals_add_up (void)
{
  g_autoptr(PopplerDocument) pdf = NULL;
  gint64 sum = 0;

  ensure_exports ();
  pdf = sy_test_pdf_open (shared.internal_pdf);
  /* Each page's 本页小计 in 大写 read back; they add up to the total. */
  for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
    {
      g_autofree char *text = page_text (pdf, p, TRUE);
      const char *at = strstr (text, "本页小计");
      const char *words, *end;
      g_autofree char *chinese = NULL;
      gint64 fen = -1;

      g_assert_nonnull (at);
      words = strstr (at, "大写：");
      g_assert_nonnull (words);
      words += strlen ("大写：");
      end = words;
      while (*end != '\0' && is_capital (end))
        end = g_utf8_next_char (end);
      chinese = g_strndup (words, end - words);
      if (!sy_money_parse_chinese (chinese, &fen, NULL))
        g_error ("page %d: “%s” is not a 大写 amount", p + 1, chinese);
      sum += fen;
    }
  g_assert_cmpint (sum, ==, shared.total);
}

static gboolean
has_long_digit_run (const char *text, int min)
{
  int run = 0;

  for (const char *p = text; *p; p++)
    {
      run = g_ascii_isdigit (*p) || *p == 'X' ? run + 1 : 0;
      if (run >= min)
        return TRUE;
    }
  return FALSE;
}

static void
test_public_pages (void)
{
  static const char *const titles[] = {
    "序号", "姓名", "身份证号", "类别", "所属村（社区）", "标准", "月数", "金额",
    "备注", NULL
  };
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *masked = sy_mask_id_number (shared.id_numbers[1]);

  ensure_exports ();
  check_pages (shared.public_pdf, titles, "2025年第四季度定期抚恤金公示名单");

  pdf = sy_test_pdf_open (shared.public_pdf);
  for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
    {
      g_autofree char *raw = page_text (pdf, p, FALSE);
      g_autofree char *text = page_text (pdf, p, TRUE);

      /* No ID number and no account, whole or in a digit run. */
      g_assert_false (has_long_digit_run (raw, 15));
      for (guint i = 0; i < N_PEOPLE; i++)
        {
          g_assert_null (strstr (text, shared.id_numbers[i]));
          g_assert_null (strstr (text, shared.accounts[i]));
        }
      g_assert_null (strstr (text, "账号"));
      g_assert_null (strstr (text, "签名"));
      g_assert_null (strstr (text, "制表人"));
      if (p == 0)
        g_assert_nonnull (strstr (text, masked));
      if (p + 1 == poppler_document_get_n_pages (pdf))
        {
          g_assert_nonnull (strstr (text, "公示期"));
          g_assert_nonnull (strstr (text, OFFICE));
        }
    }
}

/* Every glyph on the landscape page, at least 10 mm from its edges. */
static void
check_within_page (const char *path)
{
  g_autoptr(PopplerDocument) pdf = sy_test_pdf_open (path);
  const double margin = SY_LEDGER_MM (10.0);

  for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, p);
      g_autofree char *text = poppler_page_get_text (page);
      PopplerRectangle *rects = NULL;
      guint n_rects = 0;
      double width, height;
      const char *c = text;

      poppler_page_get_size (page, &width, &height);
      /* Landscape A4. */
      g_assert_cmpfloat (fabs (width - SY_LEDGER_MM (297.0)), <, 1.0);
      g_assert_cmpfloat (fabs (height - SY_LEDGER_MM (210.0)), <, 1.0);
      g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
      g_assert_cmpuint (n_rects, >, 100);
      for (guint i = 0; i < n_rects && c && *c; i++, c = g_utf8_next_char (c))
        {
          const PopplerRectangle *r = &rects[i];

          if (g_unichar_isspace (g_utf8_get_char (c)))
            continue;
          if (r->x1 < margin || r->x2 > width - margin || r->y1 < margin
              || r->y2 > height - margin)
            g_error ("%s page %d: “%.*s” at (%.1f, %.1f)–(%.1f, %.1f) is off the page",
                     path, p + 1, (int) (g_utf8_next_char (c) - c), c,
                     r->x1, r->y1, r->x2, r->y2);
        }
      g_free (rects);
    }
}

static void
test_within_page (void)
{
  ensure_exports ();
  check_within_page (shared.internal_pdf);
  check_within_page (shared.public_pdf);
}

static void
test_audited (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyLedgerRoster) roster = NULL;
  g_autofree char *path = g_build_filename (shared.dir, "again.pdf", NULL);
  gint64 before;

  ensure_exports ();
  g_assert_cmpint (count_exports ("internal"), >=, 1);
  g_assert_cmpint (count_exports ("public"), >=, 1);
  before = count_exports ("public");
  roster = sy_ledger_roster_new (shared.db, shared.paid_run, SY_MASK_PUBLIC, &error);
  g_assert_no_error (error);
  g_assert_true (sy_ledger_roster_export_pdf (roster, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_exports ("public"), ==, before + 1);
}

static void
test_cancelled_keeps_old_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyLedgerRoster) roster = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (shared.dir, "old-roster.pdf", NULL);
  g_autofree char *contents = NULL;
  gint64 before = count_exports ("internal");

  g_assert_true (g_file_set_contents (path, "old roster", -1, &error));
  roster = sy_ledger_roster_new (shared.db, shared.paid_run, SY_MASK_INTERNAL, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (sy_ledger_roster_export_pdf (roster, path, NULL, NULL, cancellable, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old roster");
  /* Nothing written, nothing logged. */
  g_assert_cmpint (count_exports ("internal"), ==, before);
}

static void
test_draft (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyLedgerRoster) roster = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *path = g_build_filename (shared.dir, "draft.pdf", NULL);
  g_autofree char *bank = g_build_filename (shared.dir, "draft.csv", NULL);
  g_autofree char *text = NULL;
  gint64 total = -1;
  guint n = 0;

  /* A draft's roster may be printed for checking, and says so. */
  roster = sy_ledger_roster_new (shared.db, shared.draft_run, SY_MASK_INTERNAL, &error);
  g_assert_no_error (error);
  g_assert_true (sy_ledger_roster_export_pdf (roster, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  pdf = sy_test_pdf_open (path);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 1);
  text = page_text (pdf, 0, TRUE);
  g_assert_nonnull (strstr (text, "2026年第一季度定期抚恤金发放花名册（草稿）"));
  g_assert_nonnull (strstr (text, "人民币伍仟肆佰元整"));

  /* A draft is not money yet: no bank file. */
  g_assert_false (sy_bank_file_write (shared.db, shared.draft_run, bank, &total, &n, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_false (g_file_test (bank, G_FILE_TEST_EXISTS));
}

static void
test_not_found (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bank = g_build_filename (shared.dir, "none.csv", NULL);

  g_assert_null (sy_ledger_roster_new (shared.db, 987654, SY_MASK_INTERNAL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "987654"));
  g_clear_error (&error);
  g_assert_false (sy_bank_file_write (shared.db, 987654, bank, NULL, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sy_bank_file_write (shared.db, shared.paid_run, "x.txt", NULL, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
}

/* A line changed behind the application's back to an amount that cannot
 * be paid: no roster, no bank file. */
static void
test_inconsistent_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bank = g_build_filename (shared.dir, "broken.csv", NULL);
  gint rows;

  rows = sy_database_execute (shared.db,
                              "UPDATE disbursement_line SET amount_fen = -100 "
                              "WHERE id = (SELECT MIN(id) FROM disbursement_line "
                              "WHERE batch_id = ##b::gint64)",
                              &error, "b", G_TYPE_INT64, shared.broken_run, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (rows, ==, 1);

  g_assert_null (sy_ledger_roster_new (shared.db, shared.broken_run, SY_MASK_INTERNAL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "-1.00"));
  g_clear_error (&error);
  g_assert_false (sy_bank_file_write (shared.db, shared.broken_run, bank, NULL, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_false (g_file_test (bank, G_FILE_TEST_EXISTS));
}

static gint64
sum_table (SyTable *table, guint *n_rows)
{
  gint64 sum = 0;

  g_assert_cmpstr (sy_table_get_cell (table, 0, 0), ==, "序号");
  g_assert_cmpstr (sy_table_get_cell (table, 0, 1), ==, "姓名");
  g_assert_cmpstr (sy_table_get_cell (table, 0, 2), ==, "开户银行");
  g_assert_cmpstr (sy_table_get_cell (table, 0, 3), ==, "账号");
  g_assert_cmpstr (sy_table_get_cell (table, 0, 4), ==, "金额");
  *n_rows = sy_table_get_n_rows (table) - 1;
  for (guint r = 1; r < sy_table_get_n_rows (table); r++)
    {
      g_autoptr(GError) error = NULL;
      const char *amount = sy_table_get_cell (table, r, 4);
      g_autofree char *account = g_strdup (sy_table_get_cell (table, r, 3));
      gint64 fen = -1;

      /* Two decimals, as the bank reads them. */
      g_assert_nonnull (strchr (amount, '.'));
      g_assert_cmpuint (strlen (strchr (amount, '.')), ==, 3);
      g_assert_true (sy_money_parse (amount, &fen, &error));
      g_assert_no_error (error);
      sum += fen;
      /* ="…" (CSV) keeps Excel from rounding the account; its digits are all there. */
      if (g_str_has_prefix (account, "=\""))
        {
          memmove (account, account + 2, strlen (account + 2) + 1);
          account[strlen (account) - 1] = '\0';
        }
      g_assert_cmpstr (account, ==, shared.accounts[(r - 1) % N_PEOPLE]);
      g_assert_cmpstr (sy_table_get_cell (table, r, 2), ==, "农村信用合作联社营业部");
    }
  return sum;
}

static void
test_bank_csv (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (shared.dir, "bank.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SyCsvReader) reader = sy_csv_reader_new ();
  g_autoptr(SyTable) table = NULL;
  g_autofree char *bytes = NULL;
  gint64 total = -1;
  guint n = 0, n_rows = 0;

  g_assert_true (sy_bank_file_write (shared.db, shared.paid_run, path, &total, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, shared.total);
  g_assert_cmpuint (n, ==, N_LINES);

  g_assert_true (g_file_get_contents (path, &bytes, NULL, NULL));
  g_assert_true (g_str_has_prefix (bytes, "\xEF\xBB\xBF序号,"));
  g_assert_nonnull (strstr (bytes, "\r\n"));

  table = sy_csv_reader_read_file (reader, file, "bank.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sum_table (table, &n_rows), ==, shared.total);
  g_assert_cmpuint (n_rows, ==, N_LINES);
  g_assert_cmpint (count_exports ("bank"), >=, 1);
}

static void
test_bank_xlsx (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (shared.dir, "bank.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SyXlsxReader) reader = sy_xlsx_reader_new ();
  g_autoptr(SyTable) table = NULL;
  gint64 total = -1;
  guint n = 0, n_rows = 0;

  g_assert_true (sy_bank_file_write (shared.db, shared.paid_run, path, &total, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, shared.total);
  g_assert_cmpuint (n, ==, N_LINES);

  g_assert_true (sy_xlsx_reader_open_file (reader, file, "bank.xlsx", NULL, &error));
  g_assert_no_error (error);
  table = sy_xlsx_reader_read_sheet (reader, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sum_table (table, &n_rows), ==, shared.total);
  g_assert_cmpuint (n_rows, ==, N_LINES);
}

/* The 台帐 book will hold landscape rosters among portrait pages: the PDF
 * writer gives every page its own size. */
typedef struct {
  SyLedgerSection *roster;
  PangoContext    *context;
} MixedPages;

static void
mixed_size (gpointer data, guint index, double *width, double *height)
{
  MixedPages *mixed = data;

  if (index % 2 == 0)
    sy_ledger_section_get_page_size (mixed->roster, 0, width, height);
}

static void
mixed_render (gpointer data, guint index, cairo_t *cr)
{
  MixedPages *mixed = data;

  if (index % 2 == 0)
    sy_ledger_section_paint_page (mixed->roster, 0, cr, mixed->context);
}

static void
test_mixed_page_sizes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyLedgerRoster) roster = NULL;
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *path = g_build_filename (shared.dir, "mixed.pdf", NULL);
  MixedPages mixed;
  SyLedgerPdfPages pages = { 0, };
  guint n;

  roster = sy_ledger_roster_new (shared.db, shared.draft_run, SY_MASK_PUBLIC, &error);
  g_assert_no_error (error);
  mixed.roster = SY_LEDGER_SECTION (roster);
  mixed.context = sy_ledger_text_context_new (font_map);
  n = sy_ledger_section_paginate (mixed.roster, mixed.context);
  g_assert_cmpuint (n, ==, 1);
  pages.n_pages = 4;
  pages.page_size = mixed_size;
  pages.render_page = mixed_render;
  pages.data = &mixed;
  g_assert_true (sy_ledger_pdf_write (path, &pages, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_object_unref (mixed.context);

  pdf = sy_test_pdf_open (path);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 4);
  for (int p = 0; p < 4; p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, p);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      if (p % 2 == 0)
        g_assert_cmpfloat (w, >, h);
      else
        {
          g_assert_cmpfloat (fabs (w - SY_LEDGER_PAGE_WIDTH), <, 1.0);
          g_assert_cmpfloat (fabs (h - SY_LEDGER_PAGE_HEIGHT), <, 1.0);
        }
    }
}

int
main (int argc, char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  setup ();

  g_test_add_func ("/roster/internal-pages", test_internal_pages);
  g_test_add_func ("/roster/subtotals-add-up", test_subtotals_add_up);
  g_test_add_func ("/roster/public-pages", test_public_pages);
  g_test_add_func ("/roster/within-page", test_within_page);
  g_test_add_func ("/roster/audited", test_audited);
  g_test_add_func ("/roster/cancelled-keeps-old-file", test_cancelled_keeps_old_file);
  g_test_add_func ("/roster/draft", test_draft);
  g_test_add_func ("/roster/not-found", test_not_found);
  g_test_add_func ("/roster/inconsistent-run", test_inconsistent_run);
  g_test_add_func ("/roster/bank-csv", test_bank_csv);
  g_test_add_func ("/roster/bank-xlsx", test_bank_xlsx);
  g_test_add_func ("/roster/mixed-page-sizes", test_mixed_page_sizes);

  status = g_test_run ();

  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_free (shared.id_numbers[i]);
      g_free (shared.accounts[i]);
    }
  g_clear_object (&shared.db);
  if (g_getenv ("SY_KEEP_TEST_DIR") == NULL)
    sy_test_remove_tree (shared.dir);
  else
    g_printerr ("kept %s\n", shared.dir);
  g_free (shared.dir);
  g_free (shared.internal_pdf);
  g_free (shared.public_pdf);
  return status;
}
