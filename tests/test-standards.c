/* test-standards.c: subsidy standards imported from and exported to CSV */
#include "sy-store.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char           *dir;
  SyDatabase     *db;
  SyStandardRepo *repo;
} Fixture;

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sy-standards-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = sy_database_open (f->dir, &error);
  g_assert_no_error (error);
  f->repo = sy_standard_repo_new (f->db);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->repo);
  g_clear_object (&f->db);
  rm_rf (f->dir);
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
                                   "\xEF\xBB\xBF类型,优抚类别,伤残等级,伤残性质,户籍类别,金额,周期,生效日期,截止日期\r\n"));
  g_assert_nonnull (strstr (contents, ",22680.50,年,2025-01-01,2025-12-31\r\n"));
  g_assert_nonnull (strstr (contents, "定期抚恤金,残疾军人,1,因战,,8520.00,月,2025-01-01,\r\n"));

  table = sy_csv_reader_read_file (reader, file, "standards.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sy_standard_repo_import (f->repo, table, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sy_standard_repo_get_n_unchanged (f->repo), ==, 4);
  g_assert_cmpuint (sy_standard_repo_get_n_added (f->repo), ==, 0);
  g_assert_cmpuint (sy_standard_repo_get_n_updated (f->repo), ==, 0);
  g_assert_cmpuint (sy_standard_repo_get_n_rejected (f->repo), ==, 0);
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
#undef ADD

  return g_test_run ();
}
