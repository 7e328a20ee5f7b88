/* test-payment-audit.c: "按标准及时足额" on a hand-built office whose answer is known
 *
 * 2025, 定期抚恤金 at 1000元 a month for 残疾军人, deadline 20 days for that kind:
 *   甲 (村B) paid the year on 2025-01-15 in full         → ok
 *   乙 (村B) and 丙 (村A) have no account, never paid       → missed (丙 first: 村A)
 *   丁 (村C) paid, line adjusted to 10 000元               → underpaid
 *   戊 (村A) paid in full by a second run on 2025-01-25    → late (due 2025-01-21)
 * 慰问金, 500元 once for 烈士遗属: 己 (村D) visited on 2025-02-10 with 500元 → ok;
 * 甲 got 300元 on a visit too (counted as paid, not checked: nothing due).
 */
#include "sy-store.h"
#include "sy-test-util.h"
#include "sy-test-db.h"

#include <glib/gstdio.h>
#include <string.h>

#define PENSION "定期抚恤金"
#define GIFT    "慰问金"

typedef struct {
  char       *dir;
  SyDatabase *db;
  SyRunRepo  *runs;
  gint64      jia, yi, bing, ding, wu, ji;
} Fixture;

static char *
id_number (int sequence)
{
  g_autoptr(GDate) birth = g_date_new_dmy (1, 3, 1960);

  return sy_id_number_generate ("360426", birth, sequence);
}

/* Written directly, without the repo's 新增 row dated today: a person with
 * no history is 在册 all along. */
static gint64
add_person (Fixture    *f,
            const char *name,
            int         sequence,
            const char *village,
            const char *account,
            const char *category,
            const char *valid_from,
            const char *valid_to)
{
  g_autoptr(SyRecipient) r = sy_recipient_new ();
  g_autoptr(SyRecipientCategory) c = sy_recipient_category_new ();
  g_autofree char *id = id_number (sequence);
  g_autoptr(GError) error = NULL;

  sy_recipient_set_name (r, name);
  sy_recipient_set_id_number (r, id);
  sy_recipient_set_village (r, village);
  sy_recipient_set_status (r, "在册");
  if (account != NULL)
    {
      sy_recipient_set_bank (r, "农商银行");
      sy_recipient_set_account (r, account);
    }
  g_assert_true (sy_database_insert (f->db, SY_RECORD (r), &error));
  g_assert_no_error (error);

  sy_recipient_category_set_recipient_id (c, sy_record_get_id (SY_RECORD (r)));
  sy_recipient_category_set_category (c, category);
  sy_recipient_category_set_valid_from (c, valid_from);
  sy_recipient_category_set_valid_to (c, valid_to);
  g_assert_true (sy_database_insert (f->db, SY_RECORD (c), &error));
  g_assert_no_error (error);
  return sy_record_get_id (SY_RECORD (r));
}

static void
add_standard (Fixture *f, const char *kind, const char *category, gint64 fen, const char *period)
{
  g_autoptr(SySubsidyStandard) s = sy_subsidy_standard_new ();
  g_autoptr(GError) error = NULL;

  sy_subsidy_standard_set_kind (s, kind);
  sy_subsidy_standard_set_category (s, category);
  sy_subsidy_standard_set_amount_fen (s, fen);
  sy_subsidy_standard_set_period (s, period);
  sy_subsidy_standard_set_effective_from (s, "2025-01-01");
  g_assert_true (sy_database_insert (f->db, SY_RECORD (s), &error));
  g_assert_no_error (error);
}

static void
add_visit (Fixture *f, const char *date, gint64 recipient_id, gint64 fen)
{
  g_autoptr(SyEvent) e = sy_event_new ();
  g_autoptr(SyEventRecipient) er = sy_event_recipient_new ();
  g_autoptr(GError) error = NULL;

  sy_event_set_kind (e, "走访慰问");
  sy_event_set_title (e, "春节走访慰问");
  sy_event_set_date (e, date);
  g_assert_true (sy_database_insert (f->db, SY_RECORD (e), &error));
  g_assert_no_error (error);
  sy_event_recipient_set_event_id (er, sy_record_get_id (SY_RECORD (e)));
  sy_event_recipient_set_recipient_id (er, recipient_id);
  sy_event_recipient_set_money_fen (er, fen);
  g_assert_true (sy_database_insert (f->db, SY_RECORD (er), &error));
  g_assert_no_error (error);
}

static void
pay_run (Fixture *f, gint64 batch, const char *date)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_run_repo_approve (f->runs, batch, &error));
  g_assert_no_error (error);
  g_assert_true (sy_run_repo_mark_paid (f->runs, batch, date, "记-0001", &error));
  g_assert_no_error (error);
}

static gint64
line_of (Fixture *f, gint64 batch, gint64 recipient)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (sy_database_query_int64 (f->db, &id,
                                          "SELECT id FROM disbursement_line"
                                          " WHERE batch_id = ##b::gint64 AND recipient_id = ##r::gint64",
                                          &error, "b", G_TYPE_INT64, batch, "r", G_TYPE_INT64, recipient,
                                          NULL));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecipient) wu = NULL;
  gint64 batch1 = 0, batch2 = 0;

  f->db = sy_test_open_database (&f->dir);
  f->runs = sy_run_repo_new (f->db);

  add_standard (f, PENSION, "残疾军人", 100000, "月");
  add_standard (f, GIFT, "烈士遗属", 50000, "次");
  f->jia = add_person (f, "甲", 11, "村B", "6217000000000000011", "残疾军人", NULL, NULL);
  f->yi = add_person (f, "乙", 13, "村B", NULL, "残疾军人", NULL, NULL);
  f->bing = add_person (f, "丙", 15, "村A", NULL, "残疾军人", NULL, NULL);
  f->ding = add_person (f, "丁", 17, "村C", "6217000000000000017", "残疾军人", NULL, NULL);
  f->wu = add_person (f, "戊", 19, "村A", NULL, "残疾军人", NULL, NULL);
  f->ji = add_person (f, "己", 21, "村D", NULL, "烈士遗属", NULL, NULL);
  g_assert_true (sy_database_set_setting (f->db, "payment_deadline_days." PENSION, "20", &error));
  g_assert_no_error (error);

  /* Run 1 pays 甲 and 丁 (the others have no account); 丁's line cut. */
  g_assert_true (sy_run_repo_create (f->runs, PENSION, "2025", NULL, &batch1, &error));
  g_assert_no_error (error);
  g_assert_true (sy_run_repo_adjust_line (f->runs, line_of (f, batch1, f->ding), 1000000,
                                          "扣回多发", &error));
  g_assert_no_error (error);
  pay_run (f, batch1, "2025-01-15");

  /* 戊 gets an account; run 2 pays only 戊 (甲 and 丁 are paid already). */
  wu = sy_database_load (f->db, SY_TYPE_RECIPIENT, f->wu, &error);
  g_assert_no_error (error);
  sy_recipient_set_account (wu, "6217000000000000019");
  g_assert_true (sy_database_update (f->db, SY_RECORD (wu), &error));
  g_assert_no_error (error);
  g_assert_true (sy_run_repo_create (f->runs, PENSION, "2025", NULL, &batch2, &error));
  g_assert_no_error (error);
  line_of (f, batch2, f->wu);
  pay_run (f, batch2, "2025-01-25");

  add_visit (f, "2025-02-10", f->ji, 50000);
  add_visit (f, "2025-02-10", f->jia, 30000);
  add_visit (f, "2024-12-30", f->ji, 99900);  /* another year */
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->runs);
  g_clear_object (&f->db);
  sy_test_remove_tree (f->dir);
  g_free (f->dir);
}

static SyPaymentAudit *
run_audit (SyDatabase *db, int year, const char *today)
{
  g_autoptr(GError) error = NULL;
  SyPaymentAudit *audit = sy_payment_audit_new (db, year);

  sy_payment_audit_set_today (audit, today);
  g_assert_true (sy_payment_audit_run (audit, NULL, &error));
  g_assert_no_error (error);
  return audit;
}

static int
kind_index (SyPaymentAudit *audit, const char *kind)
{
  for (guint i = 0; i < sy_payment_audit_get_n_kinds (audit); i++)
    if (strcmp (sy_payment_audit_get_kind (audit, i), kind) == 0)
      return (int) i;
  g_assert_not_reached ();
}

static SyPaymentFinding *
finding_at (SyPaymentAudit *audit, guint i)
{
  g_autoptr(SyPaymentFinding) f = g_list_model_get_item (sy_payment_audit_get_findings (audit), i);

  g_assert_nonnull (f);
  return f;  /* the list keeps it alive */
}

static void
test_findings (Fixture *f, gconstpointer data)
{
  g_autoptr(SyPaymentAudit) audit = run_audit (f->db, 2025, "2026-06-01");
  GListModel *findings = sy_payment_audit_get_findings (audit);
  SyPaymentFinding *x;

  /* 5 × 定期抚恤金 + 己's 慰问金; 甲's visit money is not due, not checked. */
  g_assert_cmpuint (sy_payment_audit_get_n_checked (audit), ==, 6);
  g_assert_cmpuint (sy_payment_audit_get_n_ok (audit), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 4);

  /* missed (by village, name), then underpaid, then late */
  x = finding_at (audit, 0);
  g_assert_cmpint (sy_payment_finding_get_problem (x), ==, SY_PAYMENT_MISSED);
  g_assert_cmpstr (sy_payment_finding_get_name (x), ==, "丙");
  g_assert_cmpstr (sy_payment_finding_get_village (x), ==, "村A");
  g_assert_cmpint (sy_payment_finding_get_expected_fen (x), ==, 1200000);
  g_assert_cmpint (sy_payment_finding_get_paid_fen (x), ==, 0);
  g_assert_null (sy_payment_finding_get_paid_date (x));
  g_assert_cmpstr (sy_payment_finding_get_due_date (x), ==, "2025-01-21");
  g_assert_cmpstr (sy_payment_finding_get_kind (x), ==, PENSION);
  g_assert_cmpstr (sy_payment_finding_get_category (x), ==, "残疾军人");
  g_assert_cmpint (sy_payment_finding_get_recipient_id (x), ==, f->bing);

  x = finding_at (audit, 1);
  g_assert_cmpint (sy_payment_finding_get_problem (x), ==, SY_PAYMENT_MISSED);
  g_assert_cmpstr (sy_payment_finding_get_name (x), ==, "乙");

  x = finding_at (audit, 2);
  g_assert_cmpint (sy_payment_finding_get_problem (x), ==, SY_PAYMENT_UNDERPAID);
  g_assert_cmpstr (sy_payment_finding_get_name (x), ==, "丁");
  g_assert_cmpint (sy_payment_finding_get_expected_fen (x), ==, 1200000);
  g_assert_cmpint (sy_payment_finding_get_paid_fen (x), ==, 1000000);
  g_assert_cmpstr (sy_payment_finding_get_paid_date (x), ==, "2025-01-15");

  x = finding_at (audit, 3);
  g_assert_cmpint (sy_payment_finding_get_problem (x), ==, SY_PAYMENT_LATE);
  g_assert_cmpstr (sy_payment_finding_get_name (x), ==, "戊");
  g_assert_cmpint (sy_payment_finding_get_paid_fen (x), ==, 1200000);
  g_assert_cmpstr (sy_payment_finding_get_paid_date (x), ==, "2025-01-25");
  g_assert_cmpstr (sy_payment_finding_get_due_date (x), ==, "2025-01-21");

  /* The properties list widgets bind to. */
  {
    g_autofree char *label = NULL;
    g_autofree char *id = NULL;
    gint64 expected = 0;
    int problem = -1;

    g_object_get (x, "problem", &problem, "problem-label", &label, "expected-fen", &expected,
                  "id-number", &id, NULL);
    g_assert_cmpint (problem, ==, SY_PAYMENT_LATE);
    g_assert_cmpstr (label, ==, sy_payment_finding_get_problem_label (x));
    g_assert_cmpstr (label, !=, "");
    g_assert_cmpint (expected, ==, 1200000);
    g_assert_cmpint (strlen (id), ==, 18);
  }
}

static void
test_totals (Fixture *f, gconstpointer data)
{
  g_autoptr(SyPaymentAudit) audit = run_audit (f->db, 2025, "2026-06-01");
  int pension, gift;
  gint64 sum = 0;

  g_assert_cmpuint (sy_payment_audit_get_n_kinds (audit), ==, 2);
  /* sorted */
  g_assert_cmpint (strcmp (sy_payment_audit_get_kind (audit, 0),
                           sy_payment_audit_get_kind (audit, 1)), <, 0);
  pension = kind_index (audit, PENSION);
  gift = kind_index (audit, GIFT);

  g_assert_cmpint (sy_payment_audit_get_expected (audit, pension, 0), ==, 5 * 1200000);
  for (int m = 1; m <= 12; m++)
    {
      g_assert_cmpint (sy_payment_audit_get_expected (audit, pension, m), ==, 5 * 100000);
      sum += sy_payment_audit_get_expected (audit, -1, m);
    }
  g_assert_cmpint (sum, ==, sy_payment_audit_get_expected (audit, -1, 0));
  /* paid in the month of paid_date: all in January */
  g_assert_cmpint (sy_payment_audit_get_paid (audit, pension, 0), ==, 1200000 + 1000000 + 1200000);
  g_assert_cmpint (sy_payment_audit_get_paid (audit, pension, 1), ==, 3400000);
  g_assert_cmpint (sy_payment_audit_get_paid (audit, pension, 2), ==, 0);

  /* a one-off in its first month; visits in their month, the 2024 one left out */
  g_assert_cmpint (sy_payment_audit_get_expected (audit, gift, 0), ==, 50000);
  g_assert_cmpint (sy_payment_audit_get_expected (audit, gift, 1), ==, 50000);
  g_assert_cmpint (sy_payment_audit_get_expected (audit, gift, 2), ==, 0);
  g_assert_cmpint (sy_payment_audit_get_paid (audit, gift, 0), ==, 80000);
  g_assert_cmpint (sy_payment_audit_get_paid (audit, gift, 2), ==, 80000);

  g_assert_cmpint (sy_payment_audit_get_expected (audit, -1, 0), ==, 6000000 + 50000);
  g_assert_cmpint (sy_payment_audit_get_paid (audit, -1, 0), ==, 3400000 + 80000);
}

/* The running year: a month is only due once its deadline has passed. */
static void
test_not_yet_due (Fixture *f, gconstpointer data)
{
  /* 20 days for 定期抚恤金: January (due 01-21) and February (02-21) are
   * due on 2025-03-15, March (03-21) is not. */
  g_autoptr(SyPaymentAudit) audit = run_audit (f->db, 2025, "2025-03-15");
  int pension = kind_index (audit, PENSION);

  g_assert_cmpint (sy_payment_audit_get_expected (audit, pension, 0), ==, 5 * 200000);
  g_assert_cmpint (sy_payment_audit_get_expected (audit, pension, 3), ==, 0);
  /* 丁's 10 000元 cover the two months due: not underpaid yet */
  g_assert_cmpuint (g_list_model_get_n_items (sy_payment_audit_get_findings (audit)), ==, 3);
  g_assert_cmpint (sy_payment_finding_get_problem (finding_at (audit, 2)), ==, SY_PAYMENT_LATE);

  /* and nothing is due in a year that has not begun */
  {
    g_autoptr(SyPaymentAudit) early = run_audit (f->db, 2025, "2024-12-31");

    g_assert_cmpuint (sy_payment_audit_get_n_checked (early), ==, 0);
    g_assert_cmpint (sy_payment_audit_get_expected (early, -1, 0), ==, 0);
  }
}

/* The default deadline (31 days) and a general setting apply when there is
 * no setting for the kind. */
static void
test_deadline_settings (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_database_set_setting (f->db, "payment_deadline_days." PENSION, NULL, &error));
  g_assert_no_error (error);
  {
    /* 31 days: due 2025-02-01, 戊 paid on 01-25 is on time */
    g_autoptr(SyPaymentAudit) audit = run_audit (f->db, 2025, "2026-06-01");

    g_assert_cmpuint (g_list_model_get_n_items (sy_payment_audit_get_findings (audit)), ==, 3);
    g_assert_cmpstr (sy_payment_finding_get_due_date (finding_at (audit, 0)), ==, "2025-02-01");
  }
  g_assert_true (sy_database_set_setting (f->db, "payment_deadline_days", "10", &error));
  g_assert_no_error (error);
  {
    /* 10 days: due 2025-01-11, both runs were late; 丁 stays underpaid */
    g_autoptr(SyPaymentAudit) audit = run_audit (f->db, 2025, "2026-06-01");

    g_assert_cmpuint (g_list_model_get_n_items (sy_payment_audit_get_findings (audit)), ==, 5);
    g_assert_cmpuint (sy_payment_audit_get_n_ok (audit), ==, 1);
    /* the late ones by village: 戊 (村A), then 甲 (村B) */
    g_assert_cmpstr (sy_payment_finding_get_name (finding_at (audit, 3)), ==, "戊");
    g_assert_cmpstr (sy_payment_finding_get_name (finding_at (audit, 4)), ==, "甲");
    g_assert_cmpint (sy_payment_finding_get_problem (finding_at (audit, 4)), ==, SY_PAYMENT_LATE);
    g_assert_cmpstr (sy_payment_finding_get_due_date (finding_at (audit, 4)), ==, "2025-01-11");
  }
  g_assert_true (sy_database_set_setting (f->db, "payment_deadline_days", "a month", &error));
  g_assert_no_error (error);
  {
    g_autoptr(SyPaymentAudit) audit = sy_payment_audit_new (f->db, 2025);

    g_assert_false (sy_payment_audit_run (audit, NULL, &error));
    g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "a month"));
    g_assert_cmpuint (g_list_model_get_n_items (sy_payment_audit_get_findings (audit)), ==, 0);
  }
}

static void
test_bad_year (Fixture *f, gconstpointer data)
{
  g_autoptr(SyPaymentAudit) audit = sy_payment_audit_new (f->db, 20250);
  g_autoptr(GError) error = NULL;

  g_assert_false (sy_payment_audit_run (audit, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
}

static void
test_cancelled (Fixture *f, gconstpointer data)
{
  g_autoptr(SyPaymentAudit) audit = sy_payment_audit_new (f->db, 2025);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (sy_payment_audit_run (audit, cancellable, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_CANCELLED);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static gint64
count_exports (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (sy_database_query_int64 (f->db, &n,
                                          "SELECT COUNT(*) FROM audit_log"
                                          " WHERE action = 'export' AND entity = 'payment_audit'",
                                          &error, NULL));
  g_assert_no_error (error);
  return n;
}

static void
test_export (Fixture *f, gconstpointer data)
{
  g_autoptr(SyPaymentAudit) audit = run_audit (f->db, 2025, "2026-06-01");
  g_autofree char *csv = g_build_filename (f->dir, "核查.csv", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "核查.xlsx", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "核查.txt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *full_id = id_number (15);
  g_autofree char *bing_prefix = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (sy_payment_audit_export (audit, csv, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_exports (f), ==, 1);
  g_assert_cmpint (g_stat (csv, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  text = read_text (csv);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "问题,姓名,身份证号,"));
  lines = g_strsplit (text, "\r\n", -1);
  /* header + 4 findings + the empty tail after the last CRLF */
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_cmpstr (lines[5], ==, "");
  /* the full ID number, protected from Excel; amounts in 元 */
  bing_prefix = g_strdup_printf ("已漏发,丙,\"=\"\"%s\"\"\",村A,定期抚恤金,残疾军人,12000.00,0.00,12000.00,,2025-01-21",
                                 full_id);
  g_assert_cmpstr (lines[1], ==, bing_prefix);
  g_assert_true (g_str_has_prefix (lines[3], "未足额,丁,"));
  g_assert_nonnull (strstr (lines[3], ",12000.00,10000.00,2000.00,2025-01-15,2025-01-21"));
  g_assert_true (g_str_has_prefix (lines[4], "未及时,戊,"));

  g_assert_true (sy_payment_audit_export (audit, xlsx, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_exports (f), ==, 2);
  {
    g_autofree char *bytes = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (xlsx, &bytes, &len, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (len, >, 1000);
    g_assert_true (memcmp (bytes, "PK\3\4", 4) == 0);
  }

  g_assert_false (sy_payment_audit_export (audit, bad, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_exports (f), ==, 2);
}

/* Old lines without months fall back to the run's period; a re-issue line
 * pays the months of the line it re-pays (and is late by those months). */
static void
test_old_and_reissued_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sy-payment-audit-XXXXXX", &error);
  g_autoptr(SyDatabase) db = NULL;
  Fixture f = { 0 };
  g_autoptr(SyDisbursementBatch) b1 = sy_disbursement_batch_new ();
  g_autoptr(SyDisbursementBatch) b2 = sy_disbursement_batch_new ();
  g_autoptr(SyDisbursementBatch) b3 = sy_disbursement_batch_new ();
  g_autoptr(SyDisbursementLine) l1 = sy_disbursement_line_new ();
  g_autoptr(SyDisbursementLine) l2 = sy_disbursement_line_new ();
  g_autoptr(SyDisbursementLine) l3 = sy_disbursement_line_new ();
  g_autoptr(SyPaymentAudit) audit = NULL;
  gint64 x, y;
  int k;

  g_assert_no_error (error);
  db = sy_database_open (dir, &error);
  g_assert_no_error (error);
  f.db = db;
  add_standard (&f, "定期生活补助", "在乡复员军人", 100000, "月");
  x = add_person (&f, "子", 31, "村A", "1", "在乡复员军人", "2025-01-01", "2025-03-31");
  y = add_person (&f, "丑", 33, "村A", "2", "在乡复员军人", "2025-04-01", "2025-06-30");

#define BATCH(b, period, state, date) \
  sy_disbursement_batch_set_kind (b, "定期生活补助"); \
  sy_disbursement_batch_set_period (b, period); \
  sy_disbursement_batch_set_title (b, period); \
  sy_disbursement_batch_set_state (b, state); \
  sy_disbursement_batch_set_paid_date (b, date); \
  g_assert_true (sy_database_insert (db, SY_RECORD (b), &error)); \
  g_assert_no_error (error)
#define LINE(l, b, who, months, fen, status) \
  sy_disbursement_line_set_batch_id (l, sy_record_get_id (SY_RECORD (b))); \
  sy_disbursement_line_set_recipient_id (l, who); \
  sy_disbursement_line_set_months (l, months); \
  sy_disbursement_line_set_amount_fen (l, fen); \
  sy_disbursement_line_set_status (l, status)

  /* 子: Q1 paid, the line failed, re-issued by a run "of June" on 06-01 */
  BATCH (b1, "2025-Q1", "paid", "2025-01-10");
  LINE (l1, b1, x, 3, 300000, "failed");
  sy_disbursement_line_set_first_month (l1, "2025-01");
  sy_disbursement_line_set_last_month (l1, "2025-03");
  g_assert_true (sy_database_insert (db, SY_RECORD (l1), &error));
  g_assert_no_error (error);
  BATCH (b2, "2025-06", "paid", "2025-06-01");
  LINE (l2, b2, x, 3, 300000, "paid");
  sy_disbursement_line_set_source_line_id (l2, sy_record_get_id (SY_RECORD (l1)));
  g_assert_true (sy_database_insert (db, SY_RECORD (l2), &error));
  g_assert_no_error (error);
  /* 丑: an old line without months, Q2, paid on 04-10 */
  BATCH (b3, "2025-Q2", "paid", "2025-04-10");
  LINE (l3, b3, y, 3, 300000, "paid");
  g_assert_true (sy_database_insert (db, SY_RECORD (l3), &error));
  g_assert_no_error (error);
#undef BATCH
#undef LINE

  audit = run_audit (db, 2025, "2026-01-31");
  k = kind_index (audit, "定期生活补助");
  g_assert_cmpuint (sy_payment_audit_get_n_checked (audit), ==, 2);
  g_assert_cmpuint (sy_payment_audit_get_n_ok (audit), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (sy_payment_audit_get_findings (audit)), ==, 1);
  {
    SyPaymentFinding *late = finding_at (audit, 0);

    g_assert_cmpint (sy_payment_finding_get_problem (late), ==, SY_PAYMENT_LATE);
    g_assert_cmpstr (sy_payment_finding_get_name (late), ==, "子");
    g_assert_cmpstr (sy_payment_finding_get_due_date (late), ==, "2025-02-01");
    g_assert_cmpstr (sy_payment_finding_get_paid_date (late), ==, "2025-06-01");
    g_assert_cmpint (sy_payment_finding_get_paid_fen (late), ==, 300000);
  }
  g_assert_cmpint (sy_payment_audit_get_paid (audit, k, 0), ==, 600000);
  g_assert_cmpint (sy_payment_audit_get_paid (audit, k, 1), ==, 0);  /* failed line */
  g_assert_cmpint (sy_payment_audit_get_paid (audit, k, 4), ==, 300000);
  g_assert_cmpint (sy_payment_audit_get_paid (audit, k, 6), ==, 300000);
  g_assert_cmpint (sy_payment_audit_get_expected (audit, k, 0), ==, 600000);

  g_clear_object (&audit);
  g_clear_object (&db);
  sy_test_remove_tree (dir);
}

/* An empty office: nothing due, nothing found, nothing to fail on. */
static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sy-payment-audit-XXXXXX", &error);
  g_autoptr(SyDatabase) db = sy_database_open (dir, &error);
  g_autoptr(SyPaymentAudit) audit = NULL;

  g_assert_no_error (error);
  audit = run_audit (db, 2025, NULL);
  g_assert_cmpuint (sy_payment_audit_get_n_kinds (audit), ==, 0);
  g_assert_cmpuint (sy_payment_audit_get_n_checked (audit), ==, 0);
  g_assert_cmpint (sy_payment_audit_get_expected (audit, -1, 0), ==, 0);
  g_assert_cmpint (sy_payment_audit_get_paid (audit, -1, 7), ==, 0);
  g_clear_object (&audit);
  g_clear_object (&db);
  sy_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) \
  g_test_add ("/payment-audit/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("findings", test_findings);
  ADD ("totals", test_totals);
  ADD ("not-yet-due", test_not_yet_due);
  ADD ("deadline-settings", test_deadline_settings);
  ADD ("bad-year", test_bad_year);
  ADD ("cancelled", test_cancelled);
  ADD ("export", test_export);
#undef ADD
  g_test_add_func ("/payment-audit/old-and-reissued-lines", test_old_and_reissued_lines);
  g_test_add_func ("/payment-audit/empty", test_empty);
  return g_test_run ();
}
