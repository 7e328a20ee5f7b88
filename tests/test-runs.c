/* test-runs.c: disbursement runs — eligibility, amounts, states (sy-run-repo.h) */
#include "sy-store.h"
#include "sy-test-util.h"
#include "sy-test-db.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char       *dir;
  SyDatabase *db;
  SyRunRepo  *repo;
  int         seq;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->db = sy_test_open_database (&f->dir);
  f->repo = sy_run_repo_new (f->db);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->repo);
  g_clear_object (&f->db);
  sy_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* --- building a small register ------------------------------------------------ */

static void
insert (Fixture *f, gpointer record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_database_insert (f->db, record, &error));
  g_assert_no_error (error);
}

/* A person; @account NULL for none, @head 0 for a household of their own. */
static gint64
person (Fixture *f, const char *name, const char *village, const char *hukou, const char *account,
        gint64 head)
{
  g_autoptr(SyRecipient) r = sy_recipient_new ();
  GDate birth;
  g_autofree char *id_number = NULL;

  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, 1 + f->seq % 28, 1 + f->seq % 12, 1950 + f->seq);
  id_number = sy_id_number_generate ("360426", &birth, 100 + f->seq * 2);
  f->seq++;
  sy_recipient_set_name (r, name);
  sy_recipient_set_id_number (r, id_number);
  sy_recipient_set_village (r, village);
  sy_recipient_set_hukou (r, hukou);
  sy_recipient_set_account (r, account);
  sy_recipient_set_bank (r, account != NULL ? "清源县农村商业银行" : NULL);
  sy_recipient_set_household_id (r, head);
  sy_recipient_set_status (r, "在册");
  insert (f, r);
  return sy_record_get_id (SY_RECORD (r));
}

static void
category (Fixture *f, gint64 rid, const char *name, int grade, const char *nature,
          const char *from, const char *to, const char *topups)
{
  g_autoptr(SyRecipientCategory) c = sy_recipient_category_new ();

  sy_recipient_category_set_recipient_id (c, rid);
  sy_recipient_category_set_category (c, name);
  sy_recipient_category_set_disability_grade (c, grade);
  sy_recipient_category_set_disability_nature (c, nature);
  sy_recipient_category_set_valid_from (c, from);
  sy_recipient_category_set_valid_to (c, to);
  sy_recipient_category_set_topups (c, topups);
  insert (f, c);
}

/* A status change; the person's status follows it. */
static void
change (Fixture *f, gint64 rid, const char *kind, const char *date, const char *reason)
{
  g_autoptr(SyStatusChange) s = sy_status_change_new ();
  g_autoptr(SyRecipient) r = sy_database_load (f->db, SY_TYPE_RECIPIENT, rid, NULL);
  g_autoptr(GError) error = NULL;

  sy_status_change_set_recipient_id (s, rid);
  sy_status_change_set_kind (s, kind);
  sy_status_change_set_effective_date (s, date);
  sy_status_change_set_reason (s, reason);
  insert (f, s);
  sy_recipient_set_status (r, sy_recipient_repo_status_after (kind, sy_recipient_get_status (r)));
  g_assert_true (sy_database_update (f->db, SY_RECORD (r), &error));
}

static gint64
standard (Fixture *f, const char *kind, const char *cat, int grade, const char *nature,
          const char *hukou, gint64 fen, const char *period, const char *from, const char *to,
          gboolean per_household)
{
  g_autoptr(SySubsidyStandard) s = sy_subsidy_standard_new ();

  sy_subsidy_standard_set_kind (s, kind);
  sy_subsidy_standard_set_category (s, cat);
  sy_subsidy_standard_set_disability_grade (s, grade);
  sy_subsidy_standard_set_disability_nature (s, nature);
  sy_subsidy_standard_set_hukou (s, hukou);
  sy_subsidy_standard_set_amount_fen (s, fen);
  sy_subsidy_standard_set_period (s, period);
  sy_subsidy_standard_set_effective_from (s, from);
  sy_subsidy_standard_set_effective_to (s, to);
  sy_subsidy_standard_set_per_household (s, per_household);
  insert (f, s);
  return sy_record_get_id (SY_RECORD (s));
}

static void
topup (Fixture *f, const char *kind, const char *condition, int percent, const char *from)
{
  g_autoptr(SySubsidyTopup) t = sy_subsidy_topup_new ();

  sy_subsidy_topup_set_kind (t, kind);
  sy_subsidy_topup_set_condition (t, condition);
  sy_subsidy_topup_set_percent (t, percent);
  sy_subsidy_topup_set_effective_from (t, from);
  insert (f, t);
}

/* --- reading results ------------------------------------------------------------- */

typedef struct {
  GPtrArray *lines;
  GPtrArray *exclusions;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->lines, g_ptr_array_unref);
  g_clear_pointer (&r->exclusions, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
compute (Fixture *f, const char *kind, const char *period, SyRunComputeFlags flags, Result *r)
{
  g_autoptr(GError) error = NULL;

  result_clear (r);
  g_assert_true (sy_run_repo_compute (f->repo, kind, period, flags, 0, &r->lines, &r->exclusions, &error));
  g_assert_no_error (error);
}

/* The lines of @name, in order. */
static GPtrArray *
lines_of (Result *r, const char *name)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < r->lines->len; i++)
    {
      SyDisbursementLine *line = g_ptr_array_index (r->lines, i);

      if (g_strcmp0 (sy_disbursement_line_get_recipient_name (line), name) == 0)
        g_ptr_array_add (out, line);
    }
  return out;
}

static SyDisbursementLine *
only_line (Result *r, const char *name)
{
  g_autoptr(GPtrArray) lines = lines_of (r, name);

  g_test_message ("lines of %s: %u", name, lines->len);
  g_assert_cmpuint (lines->len, ==, 1);
  return g_ptr_array_index (lines, 0);
}

/* The exclusion code of @name ("" for none); the reason in @reason. */
static const char *
excluded (Result *r, const char *name, const char **reason)
{
  for (guint i = 0; i < r->exclusions->len; i++)
    {
      SyDisbursementExclusion *e = g_ptr_array_index (r->exclusions, i);

      if (g_strcmp0 (sy_disbursement_exclusion_get_recipient_name (e), name) == 0)
        {
          if (reason != NULL)
            *reason = sy_disbursement_exclusion_get_reason (e);
          return sy_disbursement_exclusion_get_code (e);
        }
    }
  return "";
}

static void
check_line (SyDisbursementLine *line, const char *first, const char *last, int months, gint64 amount)
{
  g_assert_cmpstr (sy_disbursement_line_get_first_month (line), ==, first);
  g_assert_cmpstr (sy_disbursement_line_get_last_month (line), ==, last);
  g_assert_cmpint (sy_disbursement_line_get_months (line), ==, months);
  g_assert_cmpint (sy_disbursement_line_get_amount_fen (line), ==, amount);
  g_assert_cmpint (sy_disbursement_line_get_computed_fen (line), ==, amount);
  g_assert_cmpint (sy_disbursement_line_get_base_fen (line) + sy_disbursement_line_get_topup_fen (line), ==, amount);
  g_assert_cmpint (sy_disbursement_line_get_batch_id (line), ==, 0);
  g_assert_cmpint (sy_record_get_id (SY_RECORD (line)), ==, 0);
}

#define PENSION "定期抚恤金"
#define LIVING  "定期生活补助"
#define CONSCRIPT "义务兵家庭优待金"
#define GIFT "慰问金"

/* --- eligibility ------------------------------------------------------------------ */

static void
test_death_and_moves (Fixture *f, gconstpointer data)
{
  g_auto(Result) r = { 0 };
  gint64 a, b, c, d, e, g;
  const char *reason = NULL;

  standard (f, PENSION, "残疾军人", 5, "因战", NULL, 100000, "月", "2024-01-01", NULL, FALSE);
  a = person (f, "甲", "东村", "农村", "6230001", 0);
  category (f, a, "残疾军人", 5, "因战", NULL, NULL, NULL);
  change (f, a, "新增", "2020-01-01", "登记");
  change (f, a, "减员", "2025-08-14", "去世");
  b = person (f, "乙", "东村", "农村", "6230002", 0);   /* no history: 在册 throughout */
  category (f, b, "残疾军人", 5, "因战", NULL, NULL, NULL);
  c = person (f, "丙", "东村", "农村", "6230003", 0);
  category (f, c, "残疾军人", 5, "因战", NULL, NULL, NULL);
  change (f, c, "减员", "2024-05-02", "去世");
  d = person (f, "丁", "西村", "农村", "6230004", 0);
  category (f, d, "残疾军人", 5, "因战", NULL, NULL, NULL);
  change (f, d, "新增", "2019-03-01", NULL);
  change (f, d, "迁出", "2025-08-02", "户籍迁往外省");
  e = person (f, "戊", "西村", "农村", "6230005", 0);
  category (f, e, "残疾军人", 5, "因战", NULL, NULL, NULL);
  change (f, e, "迁入", "2025-08-20", NULL);
  g = person (f, "己", "西村", "农村", "6230006", 0);   /* left, came back */
  category (f, g, "残疾军人", 5, "因战", NULL, NULL, NULL);
  change (f, g, "新增", "2010-01-01", NULL);
  change (f, g, "年检", "2024-03-01", NULL);
  change (f, g, "迁出", "2025-02-10", NULL);
  change (f, g, "迁入", "2025-11-03", NULL);

  compute (f, PENSION, "2025", SY_RUN_COMPUTE_DEFAULT, &r);
  /* died in August: paid January to August, and the line says why */
  check_line (only_line (&r, "甲"), "2025-01", "2025-08", 8, 800000);
  g_assert_nonnull (strstr (sy_disbursement_line_get_note (only_line (&r, "甲")), "2025-08-14"));
  check_line (only_line (&r, "乙"), "2025-01", "2025-12", 12, 1200000);
  g_assert_null (sy_disbursement_line_get_note (only_line (&r, "乙")));
  g_assert_cmpstr (excluded (&r, "丙", &reason), ==, SY_RUN_EXCLUDED_INACTIVE);
  g_assert_nonnull (strstr (reason, "减员"));
  check_line (only_line (&r, "丁"), "2025-01", "2025-08", 8, 800000);
  check_line (only_line (&r, "戊"), "2025-08", "2025-12", 5, 500000);
  {
    g_autoptr(GPtrArray) lines = lines_of (&r, "己");

    g_assert_cmpuint (lines->len, ==, 2);
    check_line (g_ptr_array_index (lines, 0), "2025-01", "2025-02", 2, 200000);
    check_line (g_ptr_array_index (lines, 1), "2025-11", "2025-12", 2, 200000);
  }
  g_assert_cmpuint (r.lines->len, ==, 6);
  g_assert_cmpuint (r.exclusions->len, ==, 1);

  /* the quarter: moved out in August, moved in in August */
  compute (f, PENSION, "2025-Q3", SY_RUN_COMPUTE_DEFAULT, &r);
  check_line (only_line (&r, "丁"), "2025-07", "2025-08", 2, 200000);
  check_line (only_line (&r, "戊"), "2025-08", "2025-09", 2, 200000);
  check_line (only_line (&r, "甲"), "2025-07", "2025-08", 2, 200000);
  g_assert_cmpstr (excluded (&r, "己", NULL), ==, SY_RUN_EXCLUDED_INACTIVE);

  /* the lines come by village, then name */
  for (guint i = 1; i < r.lines->len; i++)
    {
      SyDisbursementLine *x = g_ptr_array_index (r.lines, i - 1), *y = g_ptr_array_index (r.lines, i);
      int cmp = strcmp (sy_disbursement_line_get_village (x), sy_disbursement_line_get_village (y));

      g_assert_true (cmp < 0 || (cmp == 0 && strcmp (sy_disbursement_line_get_recipient_name (x),
                                                      sy_disbursement_line_get_recipient_name (y)) <= 0));
    }
}

static void
test_category_change (Fixture *f, gconstpointer data)
{
  g_auto(Result) r = { 0 };
  gint64 a, b;
  g_autoptr(GPtrArray) lines = NULL;

  standard (f, LIVING, "带病回乡", 0, NULL, NULL, 81000, "月", "2024-01-01", NULL, FALSE);
  standard (f, LIVING, "复员军人", 0, NULL, NULL, 118000, "月", "2024-01-01", NULL, FALSE);
  a = person (f, "甲", "东村", "农村", "6230001", 0);
  category (f, a, "带病回乡", 0, NULL, NULL, "2025-06-30", NULL);
  category (f, a, "复员军人", 0, NULL, "2025-07-01", NULL, NULL);
  /* a category that ended last year is no exclusion: nothing was due */
  b = person (f, "乙", "东村", "农村", "6230002", 0);
  category (f, b, "带病回乡", 0, NULL, NULL, "2024-12-31", NULL);

  compute (f, LIVING, "2025", SY_RUN_COMPUTE_DEFAULT, &r);
  lines = lines_of (&r, "甲");
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpstr (sy_disbursement_line_get_category (g_ptr_array_index (lines, 0)), ==, "复员军人");
  check_line (g_ptr_array_index (lines, 0), "2025-07", "2025-12", 6, 6 * 118000);
  g_assert_cmpstr (sy_disbursement_line_get_category (g_ptr_array_index (lines, 1)), ==, "带病回乡");
  check_line (g_ptr_array_index (lines, 1), "2025-01", "2025-06", 6, 6 * 81000);
  g_assert_cmpuint (r.lines->len, ==, 2);
  g_assert_cmpuint (r.exclusions->len, ==, 0);
}

static void
test_standards_crossing (Fixture *f, gconstpointer data)
{
  g_auto(Result) r = { 0 };
  gint64 old_id, new_id, a, b, c;
  g_autoptr(GPtrArray) lines = NULL;
  const char *reason = NULL;

  old_id = standard (f, PENSION, "残疾军人", 1, "因战", NULL, 852000, "月", "2024-01-01", "2025-09-30", FALSE);
  new_id = standard (f, PENSION, "残疾军人", 1, "因战", NULL, 900000, "月", "2025-10-01", NULL, FALSE);
  /* a generic rate for the grade: the more specific one above wins */
  standard (f, PENSION, "残疾军人", 1, NULL, NULL, 700000, "月", "2024-01-01", NULL, FALSE);
  a = person (f, "甲", "东村", "农村", "6230001", 0);
  category (f, a, "残疾军人", 1, "因战", NULL, NULL, NULL);
  b = person (f, "乙", "东村", "农村", "6230002", 0);
  category (f, b, "残疾军人", 1, "因公", NULL, NULL, NULL);
  c = person (f, "丙", "东村", "农村", "6230003", 0);
  category (f, c, "残疾军人", 2, "因战", NULL, NULL, NULL);

  compute (f, PENSION, "2025", SY_RUN_COMPUTE_DEFAULT, &r);
  lines = lines_of (&r, "甲");
  g_assert_cmpuint (lines->len, ==, 2);
  check_line (g_ptr_array_index (lines, 0), "2025-01", "2025-09", 9, 9 * 852000);
  g_assert_cmpint (sy_disbursement_line_get_standard_id (g_ptr_array_index (lines, 0)), ==, old_id);
  g_assert_cmpint (sy_disbursement_line_get_standard_fen (g_ptr_array_index (lines, 0)), ==, 852000);
  check_line (g_ptr_array_index (lines, 1), "2025-10", "2025-12", 3, 3 * 900000);
  g_assert_cmpint (sy_disbursement_line_get_standard_id (g_ptr_array_index (lines, 1)), ==, new_id);
  /* 因公 takes the grade's generic rate */
  check_line (only_line (&r, "乙"), "2025-01", "2025-12", 12, 12 * 700000);
  /* no standard for grade 2 */
  g_assert_cmpstr (excluded (&r, "丙", &reason), ==, SY_RUN_EXCLUDED_NO_STANDARD);
  g_assert_nonnull (strstr (reason, PENSION));

  /* two equally specific standards are a data error naming both */
  {
    gint64 x = standard (f, LIVING, "参战参试", 0, NULL, "农村", 78000, "月", "2025-01-01", NULL, FALSE);
    gint64 y = standard (f, LIVING, "参战参试", 0, "因战", NULL, 80000, "月", "2025-01-01", NULL, FALSE);
    gint64 d = person (f, "丁", "东村", "农村", "6230004", 0);
    g_autofree char *sx = g_strdup_printf ("#%" G_GINT64_FORMAT, x);
    g_autofree char *sy = g_strdup_printf ("#%" G_GINT64_FORMAT, y);

    category (f, d, "参战参试", 0, "因战", NULL, NULL, NULL);
    compute (f, LIVING, "2025", SY_RUN_COMPUTE_DEFAULT, &r);
    g_assert_cmpstr (excluded (&r, "丁", &reason), ==, SY_RUN_EXCLUDED_AMBIGUOUS);
    g_assert_nonnull (strstr (reason, sx));
    g_assert_nonnull (strstr (reason, sy));
    g_assert_cmpuint (r.lines->len, ==, 0);
  }
  /* a tie of two less specific standards is settled by a more specific one */
  {
    gint64 e = person (f, "戊", "东村", "城镇", "6230005", 0);
    gint64 z;

    standard (f, LIVING, "带病回乡", 0, NULL, "城镇", 81000, "月", "2025-01-01", NULL, FALSE);
    standard (f, LIVING, "带病回乡", 0, "因战", NULL, 82000, "月", "2025-01-01", NULL, FALSE);
    z = standard (f, LIVING, "带病回乡", 0, "因战", "城镇", 83000, "月", "2025-01-01", NULL, FALSE);
    category (f, e, "带病回乡", 0, "因战", NULL, NULL, NULL);
    compute (f, LIVING, "2025", SY_RUN_COMPUTE_DEFAULT, &r);
    check_line (only_line (&r, "戊"), "2025-01", "2025-12", 12, 12 * 83000);
    g_assert_cmpint (sy_disbursement_line_get_standard_id (only_line (&r, "戊")), ==, z);
    g_assert_cmpstr (excluded (&r, "戊", NULL), ==, "");
  }
}

static void
test_yearly_and_topups (Fixture *f, gconstpointer data)
{
  g_auto(Result) r = { 0 };
  gint64 a, b, c, d, e, g;
  SyDisbursementLine *line;
  const gint64 rate = 1701005;   /* fen a year; 4/12 of it is 567001.67 */

  standard (f, CONSCRIPT, "义务兵家庭", 0, NULL, "农村", rate, "年", "2025-01-01", NULL, TRUE);
  topup (f, CONSCRIPT, "进藏进疆", 100, "2024-01-01");
  topup (f, CONSCRIPT, "二等功", 15, "2024-01-01");
  topup (f, CONSCRIPT, "大学生入伍", 50, "2024-01-01");
  topup (f, CONSCRIPT, "一等功", 20, "2026-01-01");   /* not yet in force */

  a = person (f, "甲", "东村", "农村", "6230001", 0);
  category (f, a, "义务兵家庭", 0, NULL, NULL, NULL, NULL);
  b = person (f, "乙", "东村", "农村", "6230002", 0);   /* enlisted in September */
  category (f, b, "义务兵家庭", 0, NULL, "2025-09-10", NULL, NULL);
  c = person (f, "丙", "东村", "农村", "6230003", 0);
  category (f, c, "义务兵家庭", 0, NULL, NULL, NULL, "进藏进疆");
  d = person (f, "丁", "东村", "农村", "6230004", 0);
  category (f, d, "义务兵家庭", 0, NULL, NULL, NULL, "二等功");
  e = person (f, "戊", "东村", "农村", "6230005", 0);
  category (f, e, "义务兵家庭", 0, NULL, NULL, NULL, "进藏进疆、二等功，大学生入伍");
  g = person (f, "己", "东村", "农村", "6230006", 0);
  category (f, g, "义务兵家庭", 0, NULL, NULL, NULL, "一等功");

  compute (f, CONSCRIPT, "2025", SY_RUN_COMPUTE_DEFAULT, &r);
  check_line (only_line (&r, "甲"), "2025-01", "2025-12", 12, rate);
  line = only_line (&r, "乙");
  /* months / 12 of the yearly rate, half up to the 分 */
  check_line (line, "2025-09", "2025-12", 4, 567002);
  g_assert_cmpint (sy_disbursement_line_get_standard_fen (line), ==, rate);

  line = only_line (&r, "丙");
  check_line (line, "2025-01", "2025-12", 12, 2 * rate);
  g_assert_cmpint (sy_disbursement_line_get_base_fen (line), ==, rate);
  g_assert_cmpint (sy_disbursement_line_get_topup_fen (line), ==, rate);
  g_assert_nonnull (strstr (sy_disbursement_line_get_topups (line), "进藏进疆"));

  line = only_line (&r, "丁");
  /* 15 % of 1701005 = 255150.75 → 255151 */
  check_line (line, "2025-01", "2025-12", 12, rate + 255151);

  line = only_line (&r, "戊");
  /* the sum of the three, each rounded: 1701005 + 255151 + 850503 */
  check_line (line, "2025-01", "2025-12", 12, rate + rate + 255151 + 850503);
  g_assert_nonnull (strstr (sy_disbursement_line_get_topups (line), "大学生入伍"));
  g_assert_nonnull (strstr (sy_disbursement_line_get_topups (line), "二等功"));

  /* the rules as the Subsidies tab lists them: by kind, condition, date */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) rules = sy_queries_topups (f->db, &error);
    g_autoptr(SySubsidyTopup) first = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (rules), ==, 4);
    first = g_list_model_get_item (rules, 0);
    g_assert_cmpstr (sy_subsidy_topup_get_condition (first), ==, "一等功");   /* 一 < 二 < 大 < 进 by code point */
    g_assert_cmpint (sy_subsidy_topup_get_percent (first), ==, 20);
  }

  /* a rule not in force at the line's first month adds nothing */
  line = only_line (&r, "己");
  check_line (line, "2025-01", "2025-12", 12, rate);
  g_assert_null (sy_disbursement_line_get_topups (line));
}

static void
test_one_off_and_group (Fixture *f, gconstpointer data)
{
  g_auto(Result) r = { 0 };
  gint64 a, b, c, d;

  g_assert_true (sy_run_repo_category_in_group ("重点优抚对象", "残疾军人"));
  g_assert_true (sy_run_repo_category_in_group ("重点优抚对象", "义务兵家庭"));
  g_assert_true (sy_run_repo_category_in_group ("重点优抚对象", "三红"));
  g_assert_false (sy_run_repo_category_in_group ("重点优抚对象", "退役士兵"));
  g_assert_false (sy_run_repo_category_in_group ("重点优抚对象", "军队转业干部"));
  g_assert_true (sy_run_repo_category_in_group ("残疾军人", "残疾军人"));
  g_assert_false (sy_run_repo_category_in_group ("残疾军人", "烈士遗属"));
  g_assert_false (sy_run_repo_category_in_group (NULL, "残疾军人"));

  standard (f, GIFT, "重点优抚对象", 0, NULL, NULL, 80000, "次", "2025-01-01", NULL, FALSE);
  /* the family of the fallen get more: their own category beats the group */
  standard (f, GIFT, "烈士遗属", 0, NULL, NULL, 100000, "次", "2025-01-01", NULL, FALSE);
  a = person (f, "甲", "东村", "农村", "6230001", 0);
  category (f, a, "残疾军人", 6, "因公", NULL, NULL, NULL);
  category (f, a, "参战参试", 0, NULL, NULL, NULL, NULL);   /* two of the group: paid once */
  b = person (f, "乙", "东村", "农村", "6230002", 0);
  category (f, b, "烈士遗属", 0, NULL, NULL, NULL, NULL);
  c = person (f, "丙", "东村", "农村", "6230003", 0);
  category (f, c, "退役士兵", 0, NULL, NULL, NULL, NULL);
  d = person (f, "丁", "东村", "农村", "6230004", 0);
  category (f, d, "三红", 0, NULL, NULL, NULL, NULL);
  change (f, d, "减员", "2025-01-20", "去世");

  compute (f, GIFT, "2025", SY_RUN_COMPUTE_DEFAULT, &r);
  check_line (only_line (&r, "甲"), "2025-01", "2025-12", 0, 80000);
  check_line (only_line (&r, "乙"), "2025-01", "2025-12", 0, 100000);
  g_assert_cmpstr (sy_disbursement_line_get_category (only_line (&r, "乙")), ==, "烈士遗属");
  /* died in January: still one visit's money */
  check_line (only_line (&r, "丁"), "2025-01", "2025-01", 0, 80000);
  /* not in the group: neither a line nor an exclusion */
  g_assert_cmpuint (lines_of (&r, "丙")->len, ==, 0);
  g_assert_cmpstr (excluded (&r, "丙", NULL), ==, "");
  g_assert_cmpuint (r.lines->len, ==, 3);
}

static void
test_household_and_account (Fixture *f, gconstpointer data)
{
  g_auto(Result) r = { 0 };
  gint64 head, member, dead_head, survivor, lone;
  const char *reason = NULL;

  standard (f, CONSCRIPT, "义务兵家庭", 0, NULL, NULL, 1200000, "年", "2025-01-01", NULL, TRUE);
  head = person (f, "甲父", "东村", "农村", "6230001", 0);
  category (f, head, "义务兵家庭", 0, NULL, NULL, NULL, NULL);
  member = person (f, "甲母", "东村", "农村", "6230002", head);
  category (f, member, "义务兵家庭", 0, NULL, NULL, NULL, NULL);

  /* the head died before the year: the household is paid to the other */
  dead_head = person (f, "乙父", "西村", "农村", "6230003", 0);
  category (f, dead_head, "义务兵家庭", 0, NULL, NULL, NULL, NULL);
  change (f, dead_head, "减员", "2024-03-01", "去世");
  survivor = person (f, "乙母", "西村", "农村", "6230004", dead_head);
  category (f, survivor, "义务兵家庭", 0, NULL, NULL, NULL, NULL);

  lone = person (f, "丙", "西村", "农村", NULL, 0);   /* no account */
  category (f, lone, "义务兵家庭", 0, NULL, NULL, NULL, NULL);

  compute (f, CONSCRIPT, "2025", SY_RUN_COMPUTE_DEFAULT, &r);
  check_line (only_line (&r, "甲父"), "2025-01", "2025-12", 12, 1200000);
  g_assert_cmpstr (excluded (&r, "甲母", &reason), ==, SY_RUN_EXCLUDED_HOUSEHOLD);
  g_assert_nonnull (strstr (reason, "甲父"));
  check_line (only_line (&r, "乙母"), "2025-01", "2025-12", 12, 1200000);
  g_assert_cmpstr (excluded (&r, "乙父", NULL), ==, SY_RUN_EXCLUDED_INACTIVE);
  g_assert_cmpstr (excluded (&r, "丙", NULL), ==, SY_RUN_EXCLUDED_NO_ACCOUNT);
  g_assert_cmpuint (r.lines->len, ==, 2);
  g_assert_cmpstr (sy_disbursement_line_get_account (only_line (&r, "甲父")), ==, "6230001");
  g_assert_cmpstr (sy_disbursement_line_get_bank (only_line (&r, "甲父")), ==, "清源县农村商业银行");

  /* what is due regardless of accounts */
  compute (f, CONSCRIPT, "2025", SY_RUN_COMPUTE_ENTITLEMENT, &r);
  check_line (only_line (&r, "丙"), "2025-01", "2025-12", 12, 1200000);
  g_assert_cmpstr (excluded (&r, "丙", NULL), ==, "");
  g_assert_cmpuint (r.lines->len, ==, 3);
}

/* --- runs and states -------------------------------------------------------------- */

static gint64
create (Fixture *f, const char *kind, const char *period)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (sy_run_repo_create (f->repo, kind, period, NULL, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static SyDisbursementBatch *
load (Fixture *f, gint64 id)
{
  g_autoptr(GError) error = NULL;
  SyDisbursementBatch *batch = sy_run_repo_load (f->repo, id, &error);

  g_assert_no_error (error);
  return batch;
}

static gint64
count (Fixture *f, const char *sql, gint64 id)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  if (strstr (sql, "##id") != NULL)
    g_assert_true (sy_database_query_int64 (f->db, &n, sql, &error, "id", G_TYPE_INT64, id, NULL));
  else
    g_assert_true (sy_database_query_int64 (f->db, &n, sql, &error, NULL));
  g_assert_no_error (error);
  return n;
}

static void
pay (Fixture *f, gint64 id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_run_repo_approve (f->repo, id, &error));
  g_assert_no_error (error);
  g_assert_true (sy_run_repo_mark_paid (f->repo, id, "2025-07-20", "清财社〔2025〕12号", &error));
  g_assert_no_error (error);
}

static SyTable *
table_from (const char *csv)
{
  g_autoptr(SyCsvReader) reader = sy_csv_reader_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autoptr(GError) error = NULL;
  SyTable *table = sy_csv_reader_read_bytes (reader, bytes, "return.csv", &error);

  g_assert_no_error (error);
  return table;
}

static void
pension_office (Fixture *f)
{
  gint64 a, b, c;

  standard (f, PENSION, "残疾军人", 5, "因战", NULL, 100000, "月", "2024-01-01", NULL, FALSE);
  a = person (f, "甲", "东村", "农村", "6230001", 0);
  category (f, a, "残疾军人", 5, "因战", NULL, NULL, NULL);
  b = person (f, "乙", "东村", "农村", "6230002", 0);
  category (f, b, "残疾军人", 5, "因战", NULL, NULL, NULL);
  c = person (f, "丙", "西村", "农村", NULL, 0);
  category (f, c, "残疾军人", 5, "因战", NULL, NULL, NULL);
}

static void
test_paid_months (Fixture *f, gconstpointer data)
{
  g_auto(Result) r = { 0 };
  gint64 h1;
  const char *reason = NULL;

  pension_office (f);
  h1 = create (f, PENSION, "2025-H1");
  pay (f, h1);

  /* the year: only the months the first run did not pay */
  compute (f, PENSION, "2025", SY_RUN_COMPUTE_DEFAULT, &r);
  check_line (only_line (&r, "甲"), "2025-07", "2025-12", 6, 600000);
  check_line (only_line (&r, "乙"), "2025-07", "2025-12", 6, 600000);
  /* the audit's view: everything due */
  compute (f, PENSION, "2025", SY_RUN_COMPUTE_ENTITLEMENT, &r);
  check_line (only_line (&r, "甲"), "2025-01", "2025-12", 12, 1200000);
  check_line (only_line (&r, "丙"), "2025-01", "2025-12", 12, 1200000);

  /* the same half year again: everyone paid */
  compute (f, PENSION, "2025-Q2", SY_RUN_COMPUTE_DEFAULT, &r);
  g_assert_cmpuint (r.lines->len, ==, 0);
  g_assert_cmpstr (excluded (&r, "甲", &reason), ==, SY_RUN_EXCLUDED_PAID);
  g_assert_nonnull (strstr (reason, "2025年上半年定期抚恤金"));
  g_assert_cmpstr (excluded (&r, "丙", NULL), ==, SY_RUN_EXCLUDED_NO_ACCOUNT);

  /* a failed line was not paid */
  {
    g_autoptr(SyTable) table = table_from ("账号,原因\n6230002,账户已销户\n");
    g_autoptr(GError) error = NULL;
    guint n = 0;

    g_assert_true (sy_run_repo_apply_bank_return (f->repo, h1, table, "return.csv", &n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 1);
  }
  compute (f, PENSION, "2025-Q2", SY_RUN_COMPUTE_DEFAULT, &r);
  check_line (only_line (&r, "乙"), "2025-04", "2025-06", 3, 300000);
  g_assert_cmpstr (excluded (&r, "甲", NULL), ==, SY_RUN_EXCLUDED_PAID);
}

static void
test_create_and_states (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDisbursementBatch) batch = NULL;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GListModel) exclusions = NULL;
  g_auto(GStrv) kinds = NULL;
  gint64 id, empty, line_id;
  guint n_exclusions;

  pension_office (f);
  standard (f, LIVING, "三红", 0, NULL, NULL, 420000, "月", "2024-01-01", NULL, FALSE);

  kinds = sy_run_repo_list_kinds (f->repo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (kinds), ==, 2);
  g_assert_cmpstr (kinds[0], ==, PENSION);   /* sorted (by code point, as SQL sorts) */
  g_assert_cmpstr (kinds[1], ==, LIVING);

  /* bad input */
  g_assert_false (sy_run_repo_create (f->repo, "优待金", "2025", NULL, &id, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, PENSION));   /* the kinds there are */
  g_clear_error (&error);
  g_assert_false (sy_run_repo_create (f->repo, PENSION, "2025-Q5", NULL, &id, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2025-Q4"));
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM disbursement_batch WHERE id <> ##id::gint64", 0), ==, 0);

  id = create (f, PENSION, "2025年第三季度");
  batch = load (f, id);
  g_assert_cmpstr (sy_disbursement_batch_get_title (batch), ==, "2025年第三季度定期抚恤金");
  g_assert_cmpstr (sy_disbursement_batch_get_period (batch), ==, "2025-Q3");
  g_assert_cmpstr (sy_disbursement_batch_get_state (batch), ==, SY_RUN_STATE_DRAFT);
  g_assert_cmpint (sy_disbursement_batch_get_line_count (batch), ==, 2);
  g_assert_cmpint (sy_disbursement_batch_get_total_fen (batch), ==, 600000);
  g_clear_object (&batch);

  exclusions = sy_queries_batch_exclusions (f->db, id, &error);
  g_assert_no_error (error);
  n_exclusions = g_list_model_get_n_items (exclusions);
  g_assert_cmpuint (n_exclusions, ==, 1);
  {
    g_autoptr(SyDisbursementExclusion) e = g_list_model_get_item (exclusions, 0);

    g_assert_cmpstr (sy_disbursement_exclusion_get_recipient_name (e), ==, "丙");
    g_assert_cmpstr (sy_disbursement_exclusion_get_village (e), ==, "西村");
    g_assert_cmpstr (sy_disbursement_exclusion_get_code (e), ==, SY_RUN_EXCLUDED_NO_ACCOUNT);
    g_assert_nonnull (sy_disbursement_exclusion_get_id_number (e));
  }

  lines = sy_queries_batch_lines (f->db, id, &error);
  g_assert_no_error (error);
  {
    g_autoptr(SyDisbursementLine) first = g_list_model_get_item (lines, 0);

    line_id = sy_record_get_id (SY_RECORD (first));
    g_assert_cmpstr (sy_disbursement_line_get_recipient_name (first), ==, "乙");   /* 乙 < 甲 by code point */
    g_assert_cmpstr (sy_disbursement_line_get_status (first), ==, SY_LINE_PENDING);
  }

  /* adjusting: a reason is required, amounts are not negative */
  g_assert_false (sy_run_repo_adjust_line (f->repo, line_id, 250000, "  ", &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sy_run_repo_adjust_line (f->repo, line_id, -1, "扣回多发", &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sy_run_repo_adjust_line (f->repo, line_id, 250000, "补发2025年6月少发部分", &error));
  g_assert_no_error (error);
  {
    g_autoptr(SyDisbursementLine) line = sy_database_load (f->db, SY_TYPE_DISBURSEMENT_LINE, line_id, &error);

    g_assert_cmpint (sy_disbursement_line_get_amount_fen (line), ==, 250000);
    g_assert_cmpint (sy_disbursement_line_get_computed_fen (line), ==, 300000);
    g_assert_cmpstr (sy_disbursement_line_get_adjust_reason (line), ==, "补发2025年6月少发部分");
  }
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM audit_log WHERE entity = 'disbursement_line' "
                             "AND action = 'update' AND entity_id = ##id::gint64 "
                             "AND new_values LIKE '%补发2025年6月少发部分%'", line_id), ==, 1);

  /* recompute: the record fixed, the adjustment dropped */
  {
    g_autoptr(SyRecipient) c = NULL;
    gint64 cid = 0;

    g_assert_true (sy_database_query_int64 (f->db, &cid, "SELECT id FROM recipient WHERE name = '丙'", &error, NULL));
    c = sy_database_load (f->db, SY_TYPE_RECIPIENT, cid, &error);
    sy_recipient_set_account (c, "6230003");
    g_assert_true (sy_database_update (f->db, SY_RECORD (c), &error));
    g_assert_no_error (error);
  }
  g_assert_true (sy_run_repo_recompute (f->repo, id, &error));
  g_assert_no_error (error);
  batch = load (f, id);
  g_assert_cmpint (sy_disbursement_batch_get_line_count (batch), ==, 3);
  g_assert_cmpint (sy_disbursement_batch_get_total_fen (batch), ==, 900000);
  g_clear_object (&batch);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM disbursement_exclusion WHERE batch_id = ##id::gint64", id), ==, 0);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM disbursement_line WHERE adjust_reason IS NOT NULL", 0), ==, 0);

  /* an empty run cannot be approved */
  empty = create (f, LIVING, "2025-Q3");
  g_assert_false (sy_run_repo_approve (f->repo, empty, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);

  /* paying needs approval first */
  g_assert_false (sy_run_repo_mark_paid (f->repo, id, "2025-10-10", "凭证1", &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (sy_run_repo_approve (f->repo, id, &error));
  g_assert_no_error (error);
  batch = load (f, id);
  g_assert_cmpstr (sy_disbursement_batch_get_state (batch), ==, SY_RUN_STATE_APPROVED);
  g_assert_nonnull (sy_disbursement_batch_get_approved_at (batch));
  g_assert_cmpstr (sy_disbursement_batch_get_approved_by (batch), ==, sy_database_get_actor (f->db));
  g_clear_object (&batch);

  /* approved is locked */
  g_assert_false (sy_run_repo_adjust_line (f->repo, line_id, 1, "改", &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_NOT_FOUND);   /* recompute replaced the lines */
  g_clear_error (&error);
  {
    g_autoptr(GListModel) now = sy_queries_batch_lines (f->db, id, &error);
    g_autoptr(SyDisbursementLine) first = g_list_model_get_item (now, 0);

    g_assert_false (sy_run_repo_adjust_line (f->repo, sy_record_get_id (SY_RECORD (first)), 1, "改", &error));
    g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_false (sy_run_repo_recompute (f->repo, id, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sy_run_repo_delete (f->repo, id, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);

  /* unapprove and approve again */
  g_assert_true (sy_run_repo_unapprove (f->repo, id, &error));
  g_assert_no_error (error);
  batch = load (f, id);
  g_assert_cmpstr (sy_disbursement_batch_get_state (batch), ==, SY_RUN_STATE_DRAFT);
  g_assert_null (sy_disbursement_batch_get_approved_at (batch));
  g_clear_object (&batch);
  g_assert_true (sy_run_repo_approve (f->repo, id, &error));
  g_assert_no_error (error);

  /* paying: a voucher, a real date, not in the future */
  g_assert_false (sy_run_repo_mark_paid (f->repo, id, "2025-10-10", " ", &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sy_run_repo_mark_paid (f->repo, id, "2025-02-30", "凭证1", &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sy_run_repo_mark_paid (f->repo, id, "2999-01-01", "凭证1", &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM disbursement_line WHERE batch_id = ##id::gint64 AND status = 'paid'", id), ==, 0);
  g_assert_true (sy_run_repo_mark_paid (f->repo, id, "2025-10-10", "清财社〔2025〕31号", &error));
  g_assert_no_error (error);
  batch = load (f, id);
  g_assert_cmpstr (sy_disbursement_batch_get_state (batch), ==, SY_RUN_STATE_PAID);
  g_assert_cmpstr (sy_disbursement_batch_get_paid_date (batch), ==, "2025-10-10");
  g_assert_cmpstr (sy_disbursement_batch_get_voucher_no (batch), ==, "清财社〔2025〕31号");
  g_clear_object (&batch);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM disbursement_line WHERE batch_id = ##id::gint64 AND status = 'paid'", id), ==, 3);
  g_assert_false (sy_run_repo_unapprove (f->repo, id, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sy_run_repo_delete (f->repo, id, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);

  /* a draft is deleted with its lines and exclusions */
  g_assert_true (sy_run_repo_delete (f->repo, empty, &error));
  g_assert_no_error (error);
  g_assert_null (sy_run_repo_load (f->repo, empty, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM audit_log WHERE entity = 'disbursement_batch' "
                             "AND action = 'delete' AND entity_id = ##id::gint64", empty), ==, 1);
}

static void
test_bank_return_and_reissue (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(SyDisbursementBatch) batch = NULL;
  gint64 id, reissue = 0, other;
  guint n = 99;
  gint64 yi = 0;

  pension_office (f);
  id = create (f, PENSION, "2025-Q3");

  /* not before payment */
  {
    g_autoptr(SyTable) table = table_from ("账号,原因\n6230002,账户冻结\n");

    g_assert_false (sy_run_repo_apply_bank_return (f->repo, id, table, "return.csv", &n, &error));
    g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_false (sy_run_repo_reissue (f->repo, id, &reissue, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  pay (f, id);

  /* nothing failed yet: nothing to re-issue */
  g_assert_false (sy_run_repo_reissue (f->repo, id, &reissue, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);

  /* a row matching no line fails the whole file and marks nothing */
  {
    g_autoptr(SyTable) table = table_from ("某银行退票清单\n账号,户名,失败原因\n6230002,乙,账户冻结\n6239999,某,户名不符\n");

    g_assert_false (sy_run_repo_apply_bank_return (f->repo, id, table, "return.csv", &n, &error));
    g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
    g_test_message ("%s", error->message);
    g_assert_true (g_str_has_prefix (error->message, "return.csv:4: 账号: "));
    g_assert_nonnull (strstr (error->message, "6239999"));
    g_clear_error (&error);
    g_assert_cmpint (count (f, "SELECT COUNT(*) FROM disbursement_line WHERE status = 'failed' AND batch_id = ##id::gint64", id), ==, 0);
  }
  /* a file without the columns */
  {
    g_autoptr(SyTable) table = table_from ("姓名,原因\n乙,账户冻结\n");

    g_assert_false (sy_run_repo_apply_bank_return (f->repo, id, table, "return.csv", &n, &error));
    g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "return.csv:1: "));
    g_clear_error (&error);
  }
  /* by ID number too; blanks inside the account are the bank's */
  {
    g_autoptr(SyTable) table = table_from ("账号,原因\n6230 002,账户冻结\n");

    g_assert_true (sy_run_repo_apply_bank_return (f->repo, id, table, "return.csv", &n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 1);
  }
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM disbursement_line WHERE status = 'failed' "
                             "AND fail_reason = '账户冻结' AND batch_id = ##id::gint64", id), ==, 1);
  /* by 身份证号 (a lower-case x is the same number) */
  {
    g_autoptr(SyTable) table = NULL;
    g_autofree char *csv = NULL;
    g_autofree char *id_number = NULL;
    gint64 jia = 0;

    g_assert_true (sy_database_query_int64 (f->db, &jia, "SELECT id FROM recipient WHERE name = '甲'", &error, NULL));
    {
      g_autoptr(SyRecipient) r = sy_database_load (f->db, SY_TYPE_RECIPIENT, jia, &error);

      id_number = g_ascii_strdown (sy_recipient_get_id_number (r), -1);
    }
    csv = g_strdup_printf ("姓名,身份证号,备注\n甲,%s,户名不符\n", id_number);
    table = table_from (csv);
    g_assert_true (sy_run_repo_apply_bank_return (f->repo, id, table, "return.csv", &n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpint (count (f, "SELECT COUNT(*) FROM disbursement_line WHERE status = 'failed' "
                               "AND fail_reason = '户名不符' AND batch_id = ##id::gint64", id), ==, 1);
    /* an unknown ID number fails the file */
    g_clear_pointer (&csv, g_free);
    g_clear_object (&table);
    table = table_from ("姓名,身份证号,备注\n某,360426199101010071,户名不符\n");
    g_assert_false (sy_run_repo_apply_bank_return (f->repo, id, table, "return.csv", &n, &error));
    g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "return.csv:2: 身份证号: "));
    g_clear_error (&error);
  }
  /* the same file again marks nothing new */
  {
    g_autoptr(SyTable) table = table_from ("账号,原因\n6230002,账户冻结\n");

    g_assert_true (sy_run_repo_apply_bank_return (f->repo, id, table, "return.csv", &n, &error));
    g_assert_cmpuint (n, ==, 0);
  }

  /* the person gets a new account, then the failed line is paid again */
  g_assert_true (sy_database_query_int64 (f->db, &yi, "SELECT id FROM recipient WHERE name = '乙'", &error, NULL));
  {
    g_autoptr(SyRecipient) r = sy_database_load (f->db, SY_TYPE_RECIPIENT, yi, &error);

    sy_recipient_set_account (r, "6217000000000002");
    sy_recipient_set_bank (r, "中国邮政储蓄银行清源县支行");
    g_assert_true (sy_database_update (f->db, SY_RECORD (r), &error));
  }
  g_assert_true (sy_run_repo_reissue (f->repo, id, &reissue, &error));
  g_assert_no_error (error);
  batch = load (f, reissue);
  g_assert_cmpstr (sy_disbursement_batch_get_state (batch), ==, SY_RUN_STATE_DRAFT);
  g_assert_cmpint (sy_disbursement_batch_get_source_batch_id (batch), ==, id);
  g_assert_cmpstr (sy_disbursement_batch_get_title (batch), ==, "2025年第三季度定期抚恤金（补发）");
  g_assert_cmpstr (sy_disbursement_batch_get_kind (batch), ==, PENSION);
  g_assert_cmpint (sy_disbursement_batch_get_line_count (batch), ==, 2);
  g_assert_cmpint (sy_disbursement_batch_get_total_fen (batch), ==, 600000);
  lines = sy_queries_batch_lines (f->db, reissue, &error);
  {
    /* 乙 < 甲 by code point: 乙's line first */
    g_autoptr(SyDisbursementLine) line = g_list_model_get_item (lines, 0);

    g_assert_cmpstr (sy_disbursement_line_get_recipient_name (line), ==, "乙");
    g_assert_cmpstr (sy_disbursement_line_get_account (line), ==, "6217000000000002");
    g_assert_cmpstr (sy_disbursement_line_get_bank (line), ==, "中国邮政储蓄银行清源县支行");
    g_assert_cmpstr (sy_disbursement_line_get_first_month (line), ==, "2025-07");
    g_assert_cmpint (sy_disbursement_line_get_months (line), ==, 3);
    g_assert_cmpint (count (f, "SELECT batch_id FROM disbursement_line WHERE id = ##id::gint64",
                            sy_disbursement_line_get_source_line_id (line)), ==, id);
  }
  /* twice is refused */
  g_assert_false (sy_run_repo_reissue (f->repo, id, &other, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);

  /* the re-issue counts as paying those months */
  {
    g_auto(Result) r = { 0 };

    compute (f, PENSION, "2025-Q3", SY_RUN_COMPUTE_DEFAULT, &r);
    g_assert_cmpuint (r.lines->len, ==, 0);
    g_assert_cmpstr (excluded (&r, "乙", NULL), ==, SY_RUN_EXCLUDED_PAID);
  }

  /* deleting the draft re-issue frees the failed line again */
  g_assert_true (sy_run_repo_delete (f->repo, reissue, &error));
  g_assert_no_error (error);
  g_assert_true (sy_run_repo_reissue (f->repo, id, &other, &error));
  g_assert_no_error (error);
  g_assert_cmpint (other, !=, reissue);
}

/* Compute reads in set queries: 20 000 people take well under a few
 * seconds (one query per person took minutes). */
static void
test_many (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Result) r = { 0 };
  gint64 t0;
  double seconds;
  /* SY_TEST_RUNS_N=100000 for the size the contract names (slow to set up) */
  const int n = g_getenv ("SY_TEST_RUNS_N") ? atoi (g_getenv ("SY_TEST_RUNS_N")) : 20000;

  standard (f, PENSION, "残疾军人", 5, "因战", NULL, 100000, "月", "2024-01-01", NULL, FALSE);
  /* the rows in one statement each: this is about compute, not inserts */
  g_assert_true (sy_database_begin (f->db, &error));
  for (int i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("p%05d", i);

      g_assert_cmpint (sy_database_execute (f->db,
                                            "INSERT INTO recipient (name, id_number, village, hukou, account, status, "
                                            "created_at, created_by, updated_at, updated_by) "
                                            "VALUES (##name::string, ##name::string, ##village::string, '农村', "
                                            "##name::string, '在册', '2025-01-01', 't', '2025-01-01', 't')",
                                            &error, "name", G_TYPE_STRING, name,
                                            "village", G_TYPE_STRING, i % 2 ? "东村" : "西村", NULL), ==, 1);
    }
  g_assert_true (sy_database_commit (f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sy_database_execute (f->db,
                                        "INSERT INTO recipient_category (recipient_id, category, disability_grade, "
                                        "disability_nature, created_at, created_by, updated_at, updated_by) "
                                        "SELECT id, '残疾军人', 5, '因战', '2025-01-01', 't', '2025-01-01', 't' FROM recipient",
                                        &error, NULL), ==, n);
  g_assert_cmpint (sy_database_execute (f->db,
                                        "INSERT INTO status_change (recipient_id, kind, effective_date, "
                                        "created_at, created_by, updated_at, updated_by) "
                                        "SELECT id, '新增', '2020-01-01', '2025-01-01', 't', '2025-01-01', 't' FROM recipient",
                                        &error, NULL), ==, n);

  t0 = g_get_monotonic_time ();
  compute (f, PENSION, "2025", SY_RUN_COMPUTE_DEFAULT, &r);
  seconds = (g_get_monotonic_time () - t0) / 1e6;
  g_test_message ("compute for %d people: %.2f s", n, seconds);
  g_assert_cmpuint (r.lines->len, ==, (guint) n);
  g_assert_cmpfloat (seconds, <, 5.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/runs/death-and-moves", test_death_and_moves);
  ADD ("/runs/category-change", test_category_change);
  ADD ("/runs/standards-crossing", test_standards_crossing);
  ADD ("/runs/yearly-and-topups", test_yearly_and_topups);
  ADD ("/runs/one-off-and-group", test_one_off_and_group);
  ADD ("/runs/household-and-account", test_household_and_account);
  ADD ("/runs/paid-months", test_paid_months);
  ADD ("/runs/create-and-states", test_create_and_states);
  ADD ("/runs/bank-return-and-reissue", test_bank_return_and_reissue);
  ADD ("/runs/many", test_many);
#undef ADD
  return g_test_run ();
}
