/* test-standards.c: subsidy standards and top-up rules: CSV in and out, editing, superseding */
#include "sy-store.h"
#include "sy-test-util.h"
#include "sy-test-db.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char           *dir;
  SyDatabase     *db;
  SyStandardRepo *repo;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->db = sy_test_open_database (&f->dir);
  f->repo = sy_standard_repo_new (f->db);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->repo);
  g_clear_object (&f->db);
  sy_test_remove_tree (f->dir);
  g_free (f->dir);
}

static SyTable *
table_from (const char *csv)
{
  g_autoptr(SyCsvReader) reader = sy_csv_reader_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autoptr(GError) error = NULL;
  SyTable *table = sy_csv_reader_read_bytes (reader, bytes, "t.csv", &error);

  g_assert_no_error (error);
  return table;
}

/* Imports @csv; returns "added A, updated U, unchanged N, rejected R". */
static char *
import (Fixture *f, const char *csv, gboolean dry_run)
{
  g_autoptr(SyTable) table = table_from (csv);
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_standard_repo_import (f->repo, table, dry_run, &error));
  g_assert_no_error (error);
  return g_strdup_printf ("added %u, updated %u, unchanged %u, rejected %u",
                          sy_standard_repo_get_n_added (f->repo),
                          sy_standard_repo_get_n_updated (f->repo),
                          sy_standard_repo_get_n_unchanged (f->repo),
                          sy_standard_repo_get_n_rejected (f->repo));
}

/* All issues of the last import as "FILE:LINE: COLUMN: message" lines. */
static char *
issues_text (Fixture *f)
{
  GPtrArray *issues = sy_standard_repo_get_issues (f->repo);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < issues->len; i++)
    {
      g_autofree char *line = sy_import_issue_format (g_ptr_array_index (issues, i), "t.csv");

      g_string_append_printf (out, "%s\n", line);
    }
  return g_strdup (out->str);
}

static gint64
count_standards (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (sy_database_query_int64 (f->db, &n, "SELECT COUNT(*) FROM subsidy_standard",
                                          &error, NULL));
  g_assert_no_error (error);
  return n;
}

static const char table_2025[] =
  "2025年优抚标准\n"
  "类型,优抚类别,伤残等级,伤残性质,户籍类别,标准(元),周期,生效日期,截止日期\n"
  "定期抚恤金,残疾军人,1,因战,,\"8,520.00\",月,2025-01-01,\n"
  "定期抚恤金,残疾军人,2级,因战,,7680,monthly,2025/1/1,\n"
  "义务兵家庭优待金,义务兵家庭,,,城镇,22680.5,yearly,2025-01-01,2025-12-31\n"
  "慰问金,重点优抚对象,,,,600,one-off,2025-01-01,\n";

static void
test_import_new (Fixture *f, gconstpointer data)
{
  g_autofree char *counts = import (f, table_2025, FALSE);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (counts, ==, "added 4, updated 0, unchanged 0, rejected 0");
  list = sy_standard_repo_list (f->repo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);

  /* The list's order is the database's collation: check by value. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(SySubsidyStandard) s = g_list_model_get_item (list, i);

      if (sy_subsidy_standard_get_disability_grade (s) == 2)
        {
          g_assert_cmpint (sy_subsidy_standard_get_amount_fen (s), ==, 768000);
          g_assert_cmpstr (sy_subsidy_standard_get_period (s), ==, "月");
          g_assert_cmpstr (sy_subsidy_standard_get_effective_from (s), ==, "2025-01-01");
          g_assert_null (sy_subsidy_standard_get_effective_to (s));
          g_assert_cmpstr (sy_subsidy_standard_get_disability_nature (s), ==, "因战");
        }
      else if (g_strcmp0 (sy_subsidy_standard_get_hukou (s), "城镇") == 0)
        {
          g_assert_cmpint (sy_subsidy_standard_get_amount_fen (s), ==, 2268050);
          g_assert_cmpstr (sy_subsidy_standard_get_period (s), ==, "年");
          g_assert_cmpstr (sy_subsidy_standard_get_effective_to (s), ==, "2025-12-31");
        }
      else if (g_strcmp0 (sy_subsidy_standard_get_kind (s), "慰问金") == 0)
        g_assert_cmpstr (sy_subsidy_standard_get_period (s), ==, "次");
    }

  /* The same file again changes nothing. */
  g_free (counts);
  counts = import (f, table_2025, FALSE);
  g_assert_cmpstr (counts, ==, "added 0, updated 0, unchanged 4, rejected 0");
}

static void
test_dry_run (Fixture *f, gconstpointer data)
{
  g_autofree char *counts = import (f, table_2025, TRUE);

  g_assert_cmpstr (counts, ==, "added 4, updated 0, unchanged 0, rejected 0");
  g_assert_cmpint (count_standards (f), ==, 0);
}

static void
test_invalid_rows (Fixture *f, gconstpointer data)
{
  static const char csv[] =
    "类型,类别,伤残等级,伤残性质,户籍类别,金额,周期,生效日期,截止日期\n"
    "慰问金,重点优抚对象,,,,600,weekly,2025-01-01,\n"
    "定期抚恤金,残疾军人,11,因战,,100,月,2025-01-01,\n"
    "定期抚恤金,残疾军人,3,因战,,1.234,月,2025-01-01,\n"
    "定期抚恤金,残疾军人,4,因战,,100,月,2025-02-30,\n"
    "定期抚恤金,残疾军人,5,因战,,100,月,2025-03-01,2025-02-01\n"
    "定期抚恤金,残疾军人,6,因战,,100,月,2025-01-01,\n";
  g_autofree char *counts = import (f, csv, FALSE);
  g_autofree char *text = issues_text (f);

  g_assert_cmpstr (counts, ==, "added 1, updated 0, unchanged 0, rejected 5");
  g_assert_nonnull (strstr (text, "t.csv:2: 周期: "));
  g_assert_nonnull (strstr (text, "weekly"));
  g_assert_nonnull (strstr (text, "t.csv:3: 伤残等级: "));
  g_assert_nonnull (strstr (text, "t.csv:4: 金额: "));
  g_assert_nonnull (strstr (text, "t.csv:5: 生效日期: "));
  g_assert_nonnull (strstr (text, "t.csv:6: 截止日期: "));
  /* All or nothing: the valid row was not written either. */
  g_assert_cmpint (count_standards (f), ==, 0);
}

static void
test_no_header (Fixture *f, gconstpointer data)
{
  g_autoptr(SyTable) table = table_from ("姓名,金额\n张三,100\n");
  g_autoptr(GError) error = NULL;

  g_assert_false (sy_standard_repo_import (f->repo, table, FALSE, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "t.csv:1: "));
}

static void
test_overlap (Fixture *f, gconstpointer data)
{
  g_autofree char *counts = import (f, table_2025, FALSE);
  g_autofree char *text = NULL;

  /* A 2026 rate while the 2025 one is open-ended: both named. */
  g_free (counts);
  counts = import (f,
                   "类型,优抚类别,伤残等级,伤残性质,户籍类别,金额,周期,生效日期,截止日期\n"
                   "定期抚恤金,残疾军人,1,因战,,9000,月,2026-01-01,\n", FALSE);
  text = issues_text (f);
  g_assert_cmpstr (counts, ==, "added 0, updated 0, unchanged 0, rejected 1");
  g_assert_nonnull (strstr (text, "t.csv:2: 生效日期: "));
  g_assert_nonnull (strstr (text, "2025-01-01"));
  g_assert_nonnull (strstr (text, "2026-01-01"));

  /* Two rows of one file overlapping each other. */
  g_free (counts);
  g_free (text);
  counts = import (f,
                   "类型,优抚类别,金额,周期,生效日期,截止日期\n"
                   "奖励金,立功,500,次,2025-01-01,2025-06-30\n"
                   "奖励金,立功,600,次,2025-06-01,\n", FALSE);
  text = issues_text (f);
  g_assert_cmpstr (counts, ==, "added 1, updated 0, unchanged 0, rejected 1");
  g_assert_nonnull (strstr (text, "t.csv:3: "));
  g_assert_nonnull (strstr (text, "line 2"));
  g_assert_nonnull (strstr (text, "line 3"));

  /* Closing the old one and adding the new one in one file is fine. */
  g_free (counts);
  counts = import (f,
                   "类型,优抚类别,伤残等级,伤残性质,户籍类别,金额,周期,生效日期,截止日期\n"
                   "定期抚恤金,残疾军人,1,因战,,8520,月,2025-01-01,2025-12-31\n"
                   "定期抚恤金,残疾军人,1,因战,,9000,月,2026-01-01,\n", FALSE);
  g_assert_cmpstr (counts, ==, "added 1, updated 1, unchanged 0, rejected 0");
  g_assert_cmpint (count_standards (f), ==, 5);
}

static gint64
standard_id (Fixture *f, const char *kind)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (sy_database_query_int64 (f->db, &id,
                                          "SELECT MIN(id) FROM subsidy_standard WHERE kind = ##kind::string",
                                          &error, "kind", G_TYPE_STRING, kind, NULL));
  g_assert_no_error (error);
  return id;
}

static void
test_paid_refuses_edit (Fixture *f, gconstpointer data)
{
  g_autofree char *counts = import (f, table_2025, FALSE);
  g_autoptr(SyRecipient) person = sy_recipient_new ();
  g_autoptr(SyDisbursementBatch) batch = sy_disbursement_batch_new ();
  g_autoptr(SyDisbursementLine) line = sy_disbursement_line_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id = standard_id (f, "慰问金");
  gboolean used = TRUE;

  g_assert_true (sy_standard_repo_is_used_by_paid_run (f->repo, id, &used, &error));
  g_assert_no_error (error);
  g_assert_false (used);

  sy_recipient_set_name (person, "张三");
  sy_recipient_set_status (person, "在册");
  g_assert_true (sy_database_insert (f->db, SY_RECORD (person), &error));
  g_assert_no_error (error);
  sy_disbursement_batch_set_kind (batch, "慰问金");
  sy_disbursement_batch_set_period (batch, "2025");
  sy_disbursement_batch_set_title (batch, "2025年春节慰问金");
  sy_disbursement_batch_set_state (batch, "paid");
  sy_disbursement_batch_set_paid_date (batch, "2025-01-20");
  g_assert_true (sy_database_insert (f->db, SY_RECORD (batch), &error));
  g_assert_no_error (error);
  sy_disbursement_line_set_batch_id (line, sy_record_get_id (SY_RECORD (batch)));
  sy_disbursement_line_set_recipient_id (line, sy_record_get_id (SY_RECORD (person)));
  sy_disbursement_line_set_standard_id (line, id);
  sy_disbursement_line_set_months (line, 1);
  sy_disbursement_line_set_standard_fen (line, 60000);
  sy_disbursement_line_set_amount_fen (line, 60000);
  sy_disbursement_line_set_status (line, "paid");
  g_assert_true (sy_database_insert (f->db, SY_RECORD (line), &error));
  g_assert_no_error (error);

  g_assert_true (sy_standard_repo_is_used_by_paid_run (f->repo, id, &used, &error));
  g_assert_true (used);

  /* A new amount for the paid standard: refused, nothing written. */
  g_free (counts);
  counts = import (f,
                   "类型,优抚类别,金额,周期,生效日期,截止日期\n"
                   "定期抚恤金,残疾军人,1,月,2024-01-01,\n"
                   "慰问金,重点优抚对象,800,次,2025-01-01,\n", FALSE);
  text = issues_text (f);
  g_assert_cmpstr (counts, ==, "added 1, updated 0, unchanged 0, rejected 1");
  g_assert_nonnull (strstr (text, "t.csv:3: 金额: "));
  g_assert_nonnull (strstr (text, "supersede"));
  g_assert_cmpint (count_standards (f), ==, 4);

  /* Superseding it: an end date and a new row. */
  g_free (counts);
  counts = import (f,
                   "类型,优抚类别,金额,周期,生效日期,截止日期\n"
                   "慰问金,重点优抚对象,600,次,2025-01-01,2025-12-31\n"
                   "慰问金,重点优抚对象,800,次,2026-01-01,\n", FALSE);
  g_assert_cmpstr (counts, ==, "added 1, updated 1, unchanged 0, rejected 0");

  /* But not ending before the run was paid. */
  g_free (counts);
  counts = import (f,
                   "类型,优抚类别,金额,周期,生效日期,截止日期\n"
                   "慰问金,重点优抚对象,600,次,2025-01-01,2025-01-10\n", FALSE);
  g_assert_cmpstr (counts, ==, "added 0, updated 0, unchanged 0, rejected 1");
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *counts = import (f, table_2025, FALSE);
  g_autofree char *path = g_build_filename (f->dir, "standards.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(SyCsvReader) reader = sy_csv_reader_new ();
  g_autoptr(SyTable) table = NULL;
  guint n = 0;

  g_assert_true (sy_standard_repo_export (f->repo, file, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents,
                                   "\xEF\xBB\xBF类型,优抚类别,伤残等级,伤残性质,户籍类别,金额,周期,生效日期,截止日期,按户发放\r\n"));
  g_assert_nonnull (strstr (contents, ",22680.50,年,2025-01-01,2025-12-31,否\r\n"));
  g_assert_nonnull (strstr (contents, "定期抚恤金,残疾军人,1,因战,,8520.00,月,2025-01-01,,否\r\n"));

  table = sy_csv_reader_read_file (reader, file, "standards.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sy_standard_repo_import (f->repo, table, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sy_standard_repo_get_n_unchanged (f->repo), ==, 4);
  g_assert_cmpuint (sy_standard_repo_get_n_added (f->repo), ==, 0);
  g_assert_cmpuint (sy_standard_repo_get_n_updated (f->repo), ==, 0);
  g_assert_cmpuint (sy_standard_repo_get_n_rejected (f->repo), ==, 0);
}


/* --- editing one standard, superseding, deleting ----------------------------- */

/* A run of @kind in @state with one line naming @standard_id (0: none),
 * with @topups and @first_month. */
static void
add_run_line (Fixture *f, const char *kind, const char *state, const char *paid_date,
              gint64 standard_id, const char *topups, const char *first_month)
{
  g_autoptr(SyRecipient) person = sy_recipient_new ();
  g_autoptr(SyDisbursementBatch) batch = sy_disbursement_batch_new ();
  g_autoptr(SyDisbursementLine) line = sy_disbursement_line_new ();
  g_autoptr(GError) error = NULL;

  sy_recipient_set_name (person, "李四");
  sy_recipient_set_status (person, "在册");
  g_assert_true (sy_database_insert (f->db, SY_RECORD (person), &error));
  g_assert_no_error (error);
  sy_disbursement_batch_set_kind (batch, kind);
  sy_disbursement_batch_set_period (batch, "2025");
  sy_disbursement_batch_set_title (batch, "测试批次");
  sy_disbursement_batch_set_state (batch, state);
  sy_disbursement_batch_set_paid_date (batch, paid_date);
  g_assert_true (sy_database_insert (f->db, SY_RECORD (batch), &error));
  g_assert_no_error (error);
  sy_disbursement_line_set_batch_id (line, sy_record_get_id (SY_RECORD (batch)));
  sy_disbursement_line_set_recipient_id (line, sy_record_get_id (SY_RECORD (person)));
  sy_disbursement_line_set_standard_id (line, standard_id);
  sy_disbursement_line_set_months (line, 12);
  sy_disbursement_line_set_amount_fen (line, 100);
  sy_disbursement_line_set_status (line, g_strcmp0 (state, "paid") == 0 ? "paid" : "pending");
  sy_disbursement_line_set_topups (line, topups);
  sy_disbursement_line_set_first_month (line, first_month);
  sy_disbursement_line_set_last_month (line, first_month);
  g_assert_true (sy_database_insert (f->db, SY_RECORD (line), &error));
  g_assert_no_error (error);
}

static SySubsidyStandard *
load_standard (Fixture *f, gint64 id)
{
  g_autoptr(GError) error = NULL;
  SySubsidyStandard *s = sy_database_load (f->db, SY_TYPE_SUBSIDY_STANDARD, id, &error);

  g_assert_no_error (error);
  return s;
}

static SySubsidyStandard *
new_standard (const char *kind, const char *category, gint64 fen, const char *period,
              const char *from, const char *to)
{
  SySubsidyStandard *s = sy_subsidy_standard_new ();

  sy_subsidy_standard_set_kind (s, kind);
  sy_subsidy_standard_set_category (s, category);
  sy_subsidy_standard_set_amount_fen (s, fen);
  sy_subsidy_standard_set_period (s, period);
  sy_subsidy_standard_set_effective_from (s, from);
  sy_subsidy_standard_set_effective_to (s, to);
  return s;
}

/* Saves @s expecting SY_ERROR_INVALID with a message starting "@field: ". */
static void
assert_save_refused (Fixture *f, SySubsidyStandard *s, const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s: ", field);

  g_assert_false (sy_standard_repo_save (f->repo, s, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);
}

static void
test_save_validation (Fixture *f, gconstpointer data)
{
  g_autoptr(SySubsidyStandard) s = new_standard ("慰问金", "重点优抚对象", 60000, "once",
                                                 "2025/1/1", "");
  g_autoptr(SySubsidyStandard) stored = NULL;
  g_autoptr(SySubsidyStandard) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_kind = NULL;

  /* The messages in the test's zh_CN locale use the translated names. */
  old_kind = g_strdup (sy_subsidy_standard_get_kind (s));
  sy_subsidy_standard_set_kind (s, "");
  assert_save_refused (f, s, g_dgettext (GETTEXT_PACKAGE, "Subsidy Type"));
  sy_subsidy_standard_set_kind (s, old_kind);
  sy_subsidy_standard_set_category (s, NULL);
  assert_save_refused (f, s, g_dgettext (GETTEXT_PACKAGE, "Category"));
  sy_subsidy_standard_set_category (s, "重点优抚对象");
  sy_subsidy_standard_set_amount_fen (s, -1);
  assert_save_refused (f, s, g_dgettext (GETTEXT_PACKAGE, "Amount"));
  sy_subsidy_standard_set_amount_fen (s, 60000);
  sy_subsidy_standard_set_period (s, "weekly");
  assert_save_refused (f, s, g_dgettext (GETTEXT_PACKAGE, "Period"));
  sy_subsidy_standard_set_period (s, "one-off");
  sy_subsidy_standard_set_effective_from (s, "2025-02-30");
  assert_save_refused (f, s, g_dgettext (GETTEXT_PACKAGE, "Effective From"));
  sy_subsidy_standard_set_effective_from (s, "2025/1/1");
  sy_subsidy_standard_set_effective_to (s, "2024-12-31");
  assert_save_refused (f, s, g_dgettext (GETTEXT_PACKAGE, "Effective To"));
  sy_subsidy_standard_set_effective_to (s, "");
  sy_subsidy_standard_set_disability_grade (s, 11);
  assert_save_refused (f, s, g_dgettext (GETTEXT_PACKAGE, "Disability Grade"));
  sy_subsidy_standard_set_disability_grade (s, 0);
  g_assert_cmpint (count_standards (f), ==, 0);

  /* Valid: stored normalised. */
  g_assert_true (sy_standard_repo_save (f->repo, s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sy_record_get_id (SY_RECORD (s)), >, 0);
  stored = load_standard (f, sy_record_get_id (SY_RECORD (s)));
  g_assert_cmpstr (sy_subsidy_standard_get_period (stored), ==, "次");
  g_assert_cmpstr (sy_subsidy_standard_get_effective_from (stored), ==, "2025-01-01");
  g_assert_null (sy_subsidy_standard_get_effective_to (stored));

  /* Another with the same key in force at the same time: refused, naming both. */
  other = new_standard ("慰问金", "重点优抚对象", 80000, "次", "2025-06-01", NULL);
  assert_save_refused (f, other, g_dgettext (GETTEXT_PACKAGE, "Effective From"));
  g_assert_true (sy_standard_repo_save (f->repo, other, &error) == FALSE);
  g_assert_nonnull (strstr (error->message, "2025-01-01"));
  g_clear_error (&error);
  /* The same with a different key is fine; so is an edit of the first. */
  sy_subsidy_standard_set_hukou (other, "城镇");
  g_assert_true (sy_standard_repo_save (f->repo, other, &error));
  g_assert_no_error (error);
  sy_subsidy_standard_set_amount_fen (stored, 65000);
  g_assert_true (sy_standard_repo_save (f->repo, stored, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = load_standard (f, sy_record_get_id (SY_RECORD (s)));
  g_assert_cmpint (sy_subsidy_standard_get_amount_fen (stored), ==, 65000);
  g_assert_cmpint (count_standards (f), ==, 2);
}

static void
test_save_paid_protection (Fixture *f, gconstpointer data)
{
  g_autofree char *counts = import (f, table_2025, FALSE);
  gint64 id = standard_id (f, "慰问金");
  g_autoptr(SySubsidyStandard) s = NULL;
  g_autoptr(SySubsidyStandard) stored = NULL;
  g_autoptr(GError) error = NULL;

  add_run_line (f, "慰问金", "paid", "2025-01-20", id, NULL, "2025-01");

  /* The amount, the period, the start, 按户: refused, telling to supersede. */
  s = load_standard (f, id);
  sy_subsidy_standard_set_amount_fen (s, 80000);
  g_assert_false (sy_standard_repo_save (f->repo, s, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, g_dgettext (GETTEXT_PACKAGE, "Supersede")));
  g_clear_error (&error);
  g_clear_object (&s);
  s = load_standard (f, id);
  sy_subsidy_standard_set_per_household (s, TRUE);
  g_assert_false (sy_standard_repo_save (f->repo, s, &error));
  g_clear_error (&error);
  g_clear_object (&s);
  s = load_standard (f, id);
  sy_subsidy_standard_set_effective_from (s, "2024-12-01");
  g_assert_false (sy_standard_repo_save (f->repo, s, &error));
  g_clear_error (&error);
  g_clear_object (&s);
  s = load_standard (f, id);
  sy_subsidy_standard_set_category (s, "残疾军人");
  g_assert_false (sy_standard_repo_save (f->repo, s, &error));
  g_clear_error (&error);

  /* Ending it before the run was paid: refused on the end date. */
  g_clear_object (&s);
  s = load_standard (f, id);
  sy_subsidy_standard_set_effective_to (s, "2025-01-10");
  assert_save_refused (f, s, g_dgettext (GETTEXT_PACKAGE, "Effective To"));

  /* Ending it after: fine, and nothing else changed. */
  sy_subsidy_standard_set_effective_to (s, "2025-12-31");
  g_assert_true (sy_standard_repo_save (f->repo, s, &error));
  g_assert_no_error (error);
  stored = load_standard (f, id);
  g_assert_cmpstr (sy_subsidy_standard_get_effective_to (stored), ==, "2025-12-31");
  g_assert_cmpint (sy_subsidy_standard_get_amount_fen (stored), ==, 60000);

  /* A standard only a draft run names is still editable. */
  {
    gint64 other = standard_id (f, "义务兵家庭优待金");
    g_autoptr(SySubsidyStandard) o = NULL;

    add_run_line (f, "义务兵家庭优待金", "draft", NULL, other, NULL, "2025-01");
    o = load_standard (f, other);
    sy_subsidy_standard_set_amount_fen (o, 2300000);
    g_assert_true (sy_standard_repo_save (f->repo, o, &error));
    g_assert_no_error (error);
  }
}

static void
test_supersede (Fixture *f, gconstpointer data)
{
  g_autofree char *counts = import (f, table_2025, FALSE);
  gint64 id = standard_id (f, "慰问金");
  g_autoptr(SySubsidyStandard) old = NULL;
  g_autoptr(SySubsidyStandard) fresh = NULL;
  g_autoptr(GError) error = NULL;
  gint64 new_id = 0;
  gint64 n = 0;

  add_run_line (f, "慰问金", "paid", "2025-01-20", id, NULL, "2025-01");

  /* Not on or before the old start, not a date. */
  g_assert_false (sy_standard_repo_supersede (f->repo, id, "2025-01-01", 80000, &new_id, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sy_standard_repo_supersede (f->repo, id, "2025-13-01", 80000, &new_id, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sy_standard_repo_supersede (f->repo, id, "2026-01-01", -5, &new_id, &error));
  g_clear_error (&error);
  /* Before the run was paid: the old one cannot end then; nothing written. */
  g_assert_false (sy_standard_repo_supersede (f->repo, id, "2025-01-15", 80000, &new_id, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_standards (f), ==, 4);

  g_assert_true (sy_standard_repo_supersede (f->repo, id, "2026/3/1", 80000, &new_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (new_id, >, id);
  old = load_standard (f, id);
  fresh = load_standard (f, new_id);
  g_assert_cmpstr (sy_subsidy_standard_get_effective_to (old), ==, "2026-02-28");
  g_assert_cmpint (sy_subsidy_standard_get_amount_fen (old), ==, 60000);
  g_assert_cmpstr (sy_subsidy_standard_get_effective_from (fresh), ==, "2026-03-01");
  g_assert_null (sy_subsidy_standard_get_effective_to (fresh));
  g_assert_cmpint (sy_subsidy_standard_get_amount_fen (fresh), ==, 80000);
  g_assert_cmpstr (sy_subsidy_standard_get_kind (fresh), ==, "慰问金");
  g_assert_cmpstr (sy_subsidy_standard_get_category (fresh), ==, "重点优抚对象");
  g_assert_cmpstr (sy_subsidy_standard_get_period (fresh), ==, "次");

  /* A closed standard keeps its end on the new one; past it is refused. */
  {
    gint64 closed = 0;
    g_autoptr(SySubsidyStandard) c = NULL;
    g_autoptr(SySubsidyStandard) d = NULL;

    g_assert_true (sy_database_query_int64 (f->db, &closed,
                                            "SELECT id FROM subsidy_standard WHERE hukou = '城镇'",
                                            &error, NULL));
    g_assert_false (sy_standard_repo_supersede (f->repo, closed, "2026-01-01", 1, NULL, &error));
    g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (sy_standard_repo_supersede (f->repo, closed, "2025-07-01", 2400000, &new_id, &error));
    g_assert_no_error (error);
    c = load_standard (f, closed);
    d = load_standard (f, new_id);
    g_assert_cmpstr (sy_subsidy_standard_get_effective_to (c), ==, "2025-06-30");
    g_assert_cmpstr (sy_subsidy_standard_get_effective_to (d), ==, "2025-12-31");
  }

  /* Audited: one update and one insert each. */
  g_assert_true (sy_database_query_int64 (f->db, &n,
                                          "SELECT COUNT(*) FROM audit_log WHERE entity = 'subsidy_standard'"
                                          " AND action = 'update'", &error, NULL));
  g_assert_cmpint (n, ==, 2);
}

static void
test_supersede_rolls_back (Fixture *f, gconstpointer data)
{
  g_autofree char *counts = import (f,
                                    "类型,优抚类别,金额,周期,生效日期,截止日期\n"
                                    "奖励金,立功,500,次,2025-01-01,2025-12-31\n", FALSE);
  gint64 id = standard_id (f, "奖励金");
  g_autoptr(SySubsidyStandard) old = NULL;
  g_autoptr(SySubsidyStandard) clash = new_standard ("奖励金", "立功", 1, "次", "2025-09-01", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (counts, ==, "added 1, updated 0, unchanged 0, rejected 0");
  /* Bad data stored behind the repo's back: the superseding copy (from
   * 2025-07-01 to the old end) would overlap it while the shortened old one
   * no longer does, so the second write fails and the first is undone. */
  g_assert_true (sy_database_insert (f->db, SY_RECORD (clash), &error));
  g_assert_no_error (error);

  g_assert_false (sy_standard_repo_supersede (f->repo, id, "2025-07-01", 700, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  old = load_standard (f, id);
  g_assert_cmpstr (sy_subsidy_standard_get_effective_to (old), ==, "2025-12-31");
  g_assert_cmpint (count_standards (f), ==, 2);
}

static void
test_delete (Fixture *f, gconstpointer data)
{
  g_autofree char *counts = import (f, table_2025, FALSE);
  gint64 used = standard_id (f, "慰问金");
  gint64 unused = standard_id (f, "义务兵家庭优待金");
  g_autoptr(GError) error = NULL;

  /* Even a draft run's line keeps it. */
  add_run_line (f, "慰问金", "draft", NULL, used, NULL, "2025-01");
  g_assert_false (sy_standard_repo_delete (f->repo, used, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_standards (f), ==, 4);

  g_assert_true (sy_standard_repo_delete (f->repo, unused, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_standards (f), ==, 3);
  g_assert_false (sy_standard_repo_delete (f->repo, unused, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_NOT_FOUND);
}

/* --- top-up rules ------------------------------------------------------------ */

static SySubsidyTopup *
new_topup (const char *kind, const char *condition, gint percent, const char *from, const char *to)
{
  SySubsidyTopup *t = sy_subsidy_topup_new ();

  sy_subsidy_topup_set_kind (t, kind);
  sy_subsidy_topup_set_condition (t, condition);
  sy_subsidy_topup_set_percent (t, percent);
  sy_subsidy_topup_set_effective_from (t, from);
  sy_subsidy_topup_set_effective_to (t, to);
  return t;
}

static void
assert_topup_refused (Fixture *f, SySubsidyTopup *t, const char *field)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sy_standard_repo_save_topup (f->repo, t, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  if (field != NULL)
    {
      g_autofree char *prefix = g_strdup_printf ("%s: ", field);

      if (!g_str_has_prefix (error->message, prefix))
        g_error ("“%s” does not start with “%s”", error->message, prefix);
    }
}

static void
test_topups (Fixture *f, gconstpointer data)
{
  g_autoptr(SySubsidyTopup) t = new_topup ("义务兵家庭优待金", "进藏进疆", 100, "2025-01-01", NULL);
  g_autoptr(SySubsidyTopup) other = NULL;
  g_autoptr(SySubsidyTopup) merit = new_topup ("义务兵家庭优待金", "二等功", 15, "2025-01-01", NULL);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  gboolean used = TRUE;
  gint64 id;

  sy_subsidy_topup_set_percent (t, 1001);
  assert_topup_refused (f, t, g_dgettext (GETTEXT_PACKAGE, "Top-up (%)"));
  sy_subsidy_topup_set_percent (t, -1);
  assert_topup_refused (f, t, g_dgettext (GETTEXT_PACKAGE, "Top-up (%)"));
  sy_subsidy_topup_set_percent (t, 100);
  sy_subsidy_topup_set_condition (t, "");
  assert_topup_refused (f, t, g_dgettext (GETTEXT_PACKAGE, "Condition"));
  sy_subsidy_topup_set_condition (t, "进藏进疆");
  sy_subsidy_topup_set_kind (t, NULL);
  assert_topup_refused (f, t, g_dgettext (GETTEXT_PACKAGE, "Subsidy Type"));
  sy_subsidy_topup_set_kind (t, "义务兵家庭优待金");
  sy_subsidy_topup_set_effective_to (t, "2024-01-01");
  assert_topup_refused (f, t, g_dgettext (GETTEXT_PACKAGE, "Effective To"));
  sy_subsidy_topup_set_effective_to (t, NULL);
  sy_subsidy_topup_set_effective_from (t, "soon");
  assert_topup_refused (f, t, g_dgettext (GETTEXT_PACKAGE, "Effective From"));
  sy_subsidy_topup_set_effective_from (t, "2025.1.1");

  g_assert_true (sy_standard_repo_save_topup (f->repo, t, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sy_subsidy_topup_get_effective_from (t), ==, "2025-01-01");
  id = sy_record_get_id (SY_RECORD (t));
  g_assert_true (sy_standard_repo_save_topup (f->repo, merit, &error));
  g_assert_no_error (error);

  /* The same condition twice at once. */
  other = new_topup ("义务兵家庭优待金", "进藏进疆", 50, "2025-06-01", NULL);
  assert_topup_refused (f, other, g_dgettext (GETTEXT_PACKAGE, "Effective From"));
  list = sy_standard_repo_list_topups (f->repo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);

  /* A paid line of another kind, or one that started before the rule, or a
   * draft one, does not use it. */
  add_run_line (f, "定期抚恤金", "paid", "2025-07-20", 0, "进藏进疆", "2025-07");
  add_run_line (f, "义务兵家庭优待金", "paid", "2024-07-20", 0, "进藏进疆", "2024-07");
  add_run_line (f, "义务兵家庭优待金", "draft", NULL, 0, "进藏进疆", "2025-07");
  g_assert_true (sy_standard_repo_topup_is_used_by_paid_run (f->repo, id, &used, &error));
  g_assert_false (used);
  /* Editable while unused. */
  sy_subsidy_topup_set_percent (t, 120);
  g_assert_true (sy_standard_repo_save_topup (f->repo, t, &error));
  g_assert_no_error (error);

  add_run_line (f, "义务兵家庭优待金", "paid", "2025-07-20", 0, "进藏进疆、二等功", "2025-01");
  g_assert_true (sy_standard_repo_topup_is_used_by_paid_run (f->repo, id, &used, &error));
  g_assert_true (used);

  /* Used: the percentage is history, deleting is refused, ending is fine. */
  sy_subsidy_topup_set_percent (t, 100);
  assert_topup_refused (f, t, NULL);
  sy_subsidy_topup_set_percent (t, 120);
  g_assert_false (sy_standard_repo_delete_topup (f->repo, id, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sy_standard_repo_delete_topup (f->repo, sy_record_get_id (SY_RECORD (merit)), &error));
  g_clear_error (&error);
  sy_subsidy_topup_set_effective_to (t, "2025-12-31");
  g_assert_true (sy_standard_repo_save_topup (f->repo, t, &error));
  g_assert_no_error (error);

  /* An unused rule goes. */
  sy_subsidy_topup_set_effective_from (other, "2026-01-01");
  g_assert_true (sy_standard_repo_save_topup (f->repo, other, &error));
  g_assert_no_error (error);
  g_assert_true (sy_standard_repo_delete_topup (f->repo, sy_record_get_id (SY_RECORD (other)), &error));
  g_assert_no_error (error);
  g_clear_object (&list);
  list = sy_standard_repo_list_topups (f->repo, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
}

/* --- CSV: 按户发放 and top-up rules ------------------------------------------ */

static void
test_per_household_csv (Fixture *f, gconstpointer data)
{
  static const char csv[] =
    "类型,优抚类别,户籍类别,金额,周期,生效日期,按户发放\n"
    "义务兵家庭优待金,义务兵家庭,城镇,22680,年,2025-01-01,是\n"
    "义务兵家庭优待金,义务兵家庭,农村,17010,年,2025-01-01,yes\n"
    "慰问金,重点优抚对象,,600,次,2025-01-01,否\n"
    "慰问金,残疾军人,,600,次,2025-01-01,\n"
    "慰问金,烈士遗属,,600,次,2025-01-01,1\n";
  g_autofree char *counts = import (f, csv, FALSE);
  g_autofree char *path = g_build_filename (f->dir, "standards.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(SyCsvReader) reader = sy_csv_reader_new ();
  g_autoptr(SyTable) table = NULL;
  gint64 n = 0;

  g_assert_cmpstr (counts, ==, "added 5, updated 0, unchanged 0, rejected 0");
  g_assert_true (sy_database_query_int64 (f->db, &n,
                                          "SELECT COUNT(*) FROM subsidy_standard WHERE per_household = 1",
                                          &error, NULL));
  g_assert_cmpint (n, ==, 3);

  g_assert_true (sy_standard_repo_export (f->repo, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "义务兵家庭优待金,义务兵家庭,,,城镇,22680.00,年,2025-01-01,,是\r\n"));
  g_assert_nonnull (strstr (contents, "慰问金,残疾军人,,,,600.00,次,2025-01-01,,否\r\n"));
  table = sy_csv_reader_read_file (reader, file, "standards.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sy_standard_repo_import (f->repo, table, FALSE, &error));
  g_assert_cmpuint (sy_standard_repo_get_n_unchanged (f->repo), ==, 5);

  /* Changing 按户 is an update; nonsense is named with its line and column. */
  g_free (counts);
  counts = import (f,
                   "类型,优抚类别,户籍类别,金额,周期,生效日期,按户发放\n"
                   "义务兵家庭优待金,义务兵家庭,城镇,22680,年,2025-01-01,否\n"
                   "慰问金,重点优抚对象,,600,次,2025-01-01,maybe\n", FALSE);
  text = issues_text (f);
  g_assert_cmpstr (counts, ==, "added 0, updated 1, unchanged 0, rejected 1");
  g_assert_nonnull (strstr (text, "t.csv:3: 按户发放: "));
  g_assert_nonnull (strstr (text, "maybe"));
  g_assert_true (sy_database_query_int64 (f->db, &n,
                                          "SELECT COUNT(*) FROM subsidy_standard WHERE per_household = 1",
                                          &error, NULL));
  g_assert_cmpint (n, ==, 3);

  /* A file without the column leaves the stored 按户 alone. */
  g_free (counts);
  counts = import (f,
                   "类型,优抚类别,户籍类别,金额,周期,生效日期\n"
                   "义务兵家庭优待金,义务兵家庭,农村,17010,年,2025-01-01\n"
                   "慰问金,烈士遗属,,600,次,2025-01-01\n", FALSE);
  g_assert_cmpstr (counts, ==, "added 0, updated 0, unchanged 2, rejected 0");
  g_assert_true (sy_database_query_int64 (f->db, &n,
                                          "SELECT COUNT(*) FROM subsidy_standard WHERE per_household = 1",
                                          &error, NULL));
  g_assert_cmpint (n, ==, 3);
}

static const char topups_csv[] =
  "类别,条件,加发比例(%),生效日期,截止日期\n"
  "义务兵家庭优待金,进藏进疆,100,2025-01-01,\n"
  "义务兵家庭优待金,一等功,20%,2025/1/1,\n"
  "义务兵家庭优待金,二等功,15,2025-01-01,2025-12-31\n"
  "义务兵家庭优待金,大学生入伍,\"50\",2025-01-01,\n";

static char *
import_topups (Fixture *f, const char *csv)
{
  g_autoptr(SyTable) table = table_from (csv);
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_standard_repo_import_topups (f->repo, table, FALSE, &error));
  g_assert_no_error (error);
  return g_strdup_printf ("added %u, updated %u, unchanged %u, rejected %u",
                          sy_standard_repo_get_n_added (f->repo),
                          sy_standard_repo_get_n_updated (f->repo),
                          sy_standard_repo_get_n_unchanged (f->repo),
                          sy_standard_repo_get_n_rejected (f->repo));
}

static void
test_topups_csv (Fixture *f, gconstpointer data)
{
  g_autofree char *counts = import_topups (f, topups_csv);
  g_autofree char *path = g_build_filename (f->dir, "topups.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(SyCsvReader) reader = sy_csv_reader_new ();
  g_autoptr(SyTable) table = NULL;
  g_autoptr(GListModel) list = NULL;
  guint n = 0;
  gint64 count = 0;

  g_assert_cmpstr (counts, ==, "added 4, updated 0, unchanged 0, rejected 0");
  list = sy_standard_repo_list_topups (f->repo, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);

  g_assert_true (sy_standard_repo_export_topups (f->repo, file, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF类型,条件,加发比例(%),生效日期,截止日期\r\n"));
  g_assert_nonnull (strstr (contents, "义务兵家庭优待金,一等功,20,2025-01-01,\r\n"));
  g_assert_nonnull (strstr (contents, "义务兵家庭优待金,二等功,15,2025-01-01,2025-12-31\r\n"));
  table = sy_csv_reader_read_file (reader, file, "topups.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sy_standard_repo_import_topups (f->repo, table, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sy_standard_repo_get_n_unchanged (f->repo), ==, 4);
  g_assert_cmpuint (sy_standard_repo_get_n_rejected (f->repo), ==, 0);

  /* Bad rows: each named FILE:LINE: column; all or nothing. */
  g_free (counts);
  counts = import_topups (f,
                          "类型,条件,加发比例(%),生效日期,截止日期\n"
                          "义务兵家庭优待金,三等功,10,2025-01-01,\n"
                          "义务兵家庭优待金,进藏进疆,两倍,2026-01-01,\n"
                          "义务兵家庭优待金,,10,2026-01-01,\n"
                          "义务兵家庭优待金,立功,1200,2026-01-01,\n"
                          "义务兵家庭优待金,进藏进疆,100,2026-01-01,2025-01-01\n"
                          "义务兵家庭优待金,一等功,30,2025-06-01,\n");
  text = issues_text (f);
  g_assert_cmpstr (counts, ==, "added 1, updated 0, unchanged 0, rejected 5");
  g_assert_nonnull (strstr (text, "t.csv:3: 加发比例(%): "));
  g_assert_nonnull (strstr (text, "t.csv:4: 条件: "));
  g_assert_nonnull (strstr (text, "t.csv:5: 加发比例(%): "));
  g_assert_nonnull (strstr (text, "t.csv:6: 截止日期: "));
  g_assert_nonnull (strstr (text, "t.csv:7: 生效日期: "));
  g_assert_true (sy_database_query_int64 (f->db, &count, "SELECT COUNT(*) FROM subsidy_topup",
                                          &error, NULL));
  g_assert_cmpint (count, ==, 4);

  /* A used rule keeps its percentage; an end date is fine. */
  add_run_line (f, "义务兵家庭优待金", "paid", "2025-07-20", 0, "一等功", "2025-01");
  g_free (counts);
  g_free (text);
  counts = import_topups (f,
                          "类型,条件,加发比例(%),生效日期,截止日期\n"
                          "义务兵家庭优待金,一等功,25,2025-01-01,\n");
  text = issues_text (f);
  g_assert_cmpstr (counts, ==, "added 0, updated 0, unchanged 0, rejected 1");
  g_assert_nonnull (strstr (text, "t.csv:2: 加发比例(%): "));
  g_free (counts);
  counts = import_topups (f,
                          "类型,条件,加发比例(%),生效日期,截止日期\n"
                          "义务兵家庭优待金,一等功,20,2025-01-01,2025-12-31\n"
                          "义务兵家庭优待金,一等功,25,2026-01-01,\n");
  g_assert_cmpstr (counts, ==, "added 1, updated 1, unchanged 0, rejected 0");

  /* No header. */
  {
    g_autoptr(SyTable) bad = table_from ("类型,金额\n慰问金,1\n");

    g_assert_false (sy_standard_repo_import_topups (f->repo, bad, FALSE, &error));
    g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "t.csv:1: "));
  }
}

static void
test_periods (void)
{
  g_assert_cmpstr (sy_standard_repo_normalize_period ("月"), ==, "月");
  g_assert_cmpstr (sy_standard_repo_normalize_period ("Monthly"), ==, "月");
  g_assert_cmpstr (sy_standard_repo_normalize_period ("yearly"), ==, "年");
  g_assert_cmpstr (sy_standard_repo_normalize_period ("one-off"), ==, "次");
  g_assert_null (sy_standard_repo_normalize_period ("weekly"));
  g_assert_null (sy_standard_repo_normalize_period (""));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  g_test_add_func ("/standards/periods", test_periods);
  ADD ("/standards/import-new", test_import_new);
  ADD ("/standards/dry-run", test_dry_run);
  ADD ("/standards/invalid-rows", test_invalid_rows);
  ADD ("/standards/no-header", test_no_header);
  ADD ("/standards/overlap", test_overlap);
  ADD ("/standards/paid-refuses-edit", test_paid_refuses_edit);
  ADD ("/standards/round-trip", test_round_trip);
  ADD ("/standards/save-validation", test_save_validation);
  ADD ("/standards/save-paid-protection", test_save_paid_protection);
  ADD ("/standards/supersede", test_supersede);
  ADD ("/standards/supersede-rolls-back", test_supersede_rolls_back);
  ADD ("/standards/delete", test_delete);
  ADD ("/standards/topups", test_topups);
  ADD ("/standards/per-household-csv", test_per_household_csv);
  ADD ("/standards/topups-csv", test_topups_csv);
#undef ADD

  return g_test_run ();
}
