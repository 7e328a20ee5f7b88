/* test-assessment.c: 考评 items, CSV in and out, evidence links, the coverage
 * map on a hand-built database, and the self-score sheet read back with
 * Poppler */
#include "sy-ledger.h"
#include "sy-test-util.h"
#include "sy-test-db.h"

#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>

typedef struct {
  char             *dir;
  SyDatabase       *db;
  SyAssessmentRepo *repo;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->db = sy_test_open_database (&f->dir);
  f->repo = sy_assessment_repo_new (f->db);
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

static char *
import (Fixture *f, const char *csv)
{
  g_autoptr(SyTable) table = table_from (csv);
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_assessment_repo_import (f->repo, table, FALSE, &error));
  g_assert_no_error (error);
  return g_strdup_printf ("added %u, updated %u, unchanged %u, issues %u",
                          sy_assessment_repo_get_n_added (f->repo),
                          sy_assessment_repo_get_n_updated (f->repo),
                          sy_assessment_repo_get_n_unchanged (f->repo),
                          sy_assessment_repo_get_issues (f->repo)->len);
}

static gint64
item_id (Fixture *f, const char *code)
{
  g_autoptr(GListModel) items = sy_assessment_repo_list_items (f->repo, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(SyAssessmentItem) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (sy_assessment_item_get_code (item), code) == 0)
        return sy_record_get_id (SY_RECORD (item));
    }
  return 0;
}

static guint
n_items (Fixture *f)
{
  g_autoptr(GListModel) items = sy_assessment_repo_list_items (f->repo, NULL);

  return g_list_model_get_n_items (items);
}

static void
test_seeds (Fixture *f, gconstpointer data)
{
  static const char *const titles[] = {
    "组织领导坚强有力", "拥军工作扎实有效", "政策法规落到实处", "军民共建富有成效",
    "宣传教育广泛深入", "拥政爱民成果显著", "双拥活动坚持经常", "军政军民关系融洽",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = sy_assessment_repo_list_items (f->repo, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 8);
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(SyAssessmentItem) item = g_list_model_get_item (items, i);
      g_autofree char *code = g_strdup_printf ("%u", i + 1);

      g_assert_cmpstr (sy_assessment_item_get_code (item), ==, code);
      g_assert_cmpstr (sy_assessment_item_get_title (item), ==, titles[i]);
      g_assert_cmpint (sy_assessment_item_get_parent_id (item), ==, 0);
      g_assert_nonnull (sy_assessment_item_get_description (item));
      g_assert_cmpuint (strlen (sy_assessment_item_get_description (item)), >, 10);
    }
}

/* A database from before 0006 whose activity and document name an item in
 * their assessment_item_id columns: the migration moves those links. */
static void
test_migrate_single_links (Fixture *f, gconstpointer data)
{
  static const char *const downgrade[] = {
    "DROP TABLE assessment_link",
    "ALTER TABLE assessment_item DROP COLUMN description",
    "DELETE FROM assessment_item WHERE created_by = 'migration'",
    /* and what came after 0006, which runs again too */
    "ALTER TABLE audit_log DROP COLUMN db_role",
    "DROP TABLE IF EXISTS attachment_blob",
    "DELETE FROM schema_migration WHERE version >= 6",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SyAssessmentItem) item = sy_assessment_item_new ();
  g_autoptr(SyEvent) event = sy_event_new ();
  g_autoptr(SyDocument) doc = sy_document_new ();
  g_autoptr(GListModel) links = NULL;
  g_autofree char *location = NULL;
  gint64 item_id_old;

  sy_assessment_item_set_code (item, "甲");
  sy_assessment_item_set_title (item, "旧库中的考评项目");
  g_assert_true (sy_database_insert (f->db, SY_RECORD (item), &error));
  g_assert_no_error (error);
  item_id_old = sy_record_get_id (SY_RECORD (item));
  sy_event_set_kind (event, "会议");
  sy_event_set_title (event, "会议");
  sy_event_set_date (event, "2024-01-01");
  sy_event_set_assessment_item_id (event, item_id_old);
  g_assert_true (sy_database_insert (f->db, SY_RECORD (event), &error));
  sy_document_set_title (doc, "文件");
  sy_document_set_assessment_item_id (doc, item_id_old);
  g_assert_true (sy_database_insert (f->db, SY_RECORD (doc), &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (downgrade); i++)
    {
      g_assert_cmpint (sy_database_execute (f->db, downgrade[i], &error, NULL), >=, -2);
      g_assert_no_error (error);
    }
  g_clear_object (&f->repo);
  location = g_strdup (sy_database_get_directory (f->db));
  g_clear_object (&f->db);

  f->db = sy_database_open (location, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sy_database_get_schema_version (f->db), >=, 6);
  f->repo = sy_assessment_repo_new (f->db);
  g_assert_cmpuint (n_items (f), ==, 9);
  links = sy_assessment_repo_links_for_item (f->repo, item_id_old, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 2);
  {
    g_autoptr(SyAssessmentLink) first = g_list_model_get_item (links, 0);

    g_assert_cmpstr (sy_assessment_link_get_entity (first), ==, SY_ASSESSMENT_DOCUMENT);
    g_assert_cmpint (sy_assessment_link_get_entity_id (first), ==, sy_record_get_id (SY_RECORD (doc)));
  }
}

static void
test_save_item (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyAssessmentItem) item = sy_assessment_item_new ();
  g_autoptr(SyAssessmentItem) other = sy_assessment_item_new ();
  g_autoptr(SyAssessmentItem) nested = sy_assessment_item_new ();

  sy_assessment_item_set_parent_id (item, item_id (f, "2"));
  sy_assessment_item_set_code (item, " 2.1 ");
  sy_assessment_item_set_title (item, "春节、八一走访慰问驻地部队");
  sy_assessment_item_set_score (item, 5);
  g_assert_true (sy_assessment_repo_save_item (f->repo, item, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sy_assessment_item_get_code (item), ==, "2.1");
  g_assert_cmpint (sy_assessment_item_get_position (item), ==, 1);

  /* Outline order: the sub-item right after its standard. */
  {
    g_autoptr(GListModel) items = sy_assessment_repo_list_items (f->repo, NULL);
    g_autoptr(SyAssessmentItem) third = g_list_model_get_item (items, 2);

    g_assert_cmpstr (sy_assessment_item_get_code (third), ==, "2.1");
  }

  sy_assessment_item_set_code (other, "2.1");
  sy_assessment_item_set_title (other, "x");
  sy_assessment_item_set_parent_id (other, item_id (f, "2"));
  g_assert_false (sy_assessment_repo_save_item (f->repo, other, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_DUPLICATE);
  g_clear_error (&error);

  sy_assessment_item_set_code (other, "2.2");
  sy_assessment_item_set_score (other, 1001);
  g_assert_false (sy_assessment_repo_save_item (f->repo, other, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);

  /* Sub-items are one level deep. */
  sy_assessment_item_set_code (nested, "2.1.1");
  sy_assessment_item_set_title (nested, "x");
  sy_assessment_item_set_parent_id (nested, sy_record_get_id (SY_RECORD (item)));
  g_assert_false (sy_assessment_repo_save_item (f->repo, nested, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpuint (n_items (f), ==, 9);
}

static const char *const province_csv =
  "某省双拥模范县考评细则\n"
  "标准编号,细则编号,内容,分值,说明\n"
  "1,1.1,成立双拥工作领导小组,3,\"组长由党委、政府主要领导担任, 成员单位齐全\"\n"
  "1,1.2,每季度召开领导小组会议,4,\n"
  "2,2.1,\"春节、八一走访慰问\",5.0,\"含\"\"重点优抚对象\"\"\"\n";

static void
test_csv_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "out.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *result = import (f, province_csv);
  g_autofree char *contents = NULL;
  g_autofree char *again = NULL;
  guint n = 0;

  g_assert_cmpstr (result, ==, "added 3, updated 0, unchanged 0, issues 0");
  g_assert_cmpuint (n_items (f), ==, 11);

  g_assert_true (sy_assessment_repo_export (f->repo, file, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==,
                   "\xEF\xBB\xBF" "标准编号,细则编号,内容,分值,说明\r\n"
                   "1,1.1,成立双拥工作领导小组,3,\"组长由党委、政府主要领导担任, 成员单位齐全\"\r\n"
                   "1,1.2,每季度召开领导小组会议,4,\r\n"
                   "2,2.1,春节、八一走访慰问,5,\"含\"\"重点优抚对象\"\"\"\r\n");

  /* What export wrote imports back unchanged. */
  again = import (f, contents);
  g_assert_cmpstr (again, ==, "added 0, updated 0, unchanged 3, issues 0");
  g_free (again);

  /* A changed score updates in place. */
  again = import (f, "标准编号,细则编号,内容,分值\n1,1.2,每季度召开领导小组会议,6\n");
  g_assert_cmpstr (again, ==, "added 0, updated 1, unchanged 0, issues 0");
  g_assert_cmpuint (n_items (f), ==, 11);
}

static void
test_csv_bad_rows (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyTable) no_header = table_from ("a,b,c\n1,2,3\n");
  g_autofree char *result = import (f,
                                    "标准编号,细则编号,内容,分值,说明\n"
                                    "1,1.1,成立双拥工作领导小组,3,\n"
                                    "9,9.1,不存在的标准,2,\n"
                                    "1,1.3,,abc,\n"
                                    "1,1.1,重复,1,\n"
                                    "2,3,细则编号与标准相同,1,\n");
  GPtrArray *issues = sy_assessment_repo_get_issues (f->repo);
  g_autoptr(GString) lines = g_string_new (NULL);

  g_assert_cmpstr (result, ==, "added 1, updated 0, unchanged 0, issues 5");
  for (guint i = 0; i < issues->len; i++)
    {
      const SyImportIssue *issue = g_ptr_array_index (issues, i);
      g_autofree char *text = sy_import_issue_format (issue, "t.csv");

      g_string_append_printf (lines, "%s\n", text);
      g_assert_cmpint (issue->severity, ==, SY_IMPORT_ERROR);
    }
  /* FILE:LINE: COLUMN: for every rejected cell, in line order. */
  g_assert_true (strstr (lines->str, "t.csv:3: 标准编号: ") != NULL);
  g_assert_true (strstr (lines->str, "“9”") != NULL);
  g_assert_true (strstr (lines->str, "t.csv:4: 内容: ") != NULL);
  g_assert_true (strstr (lines->str, "t.csv:4: 分值: ") != NULL);
  g_assert_true (strstr (lines->str, "“abc”") != NULL);
  g_assert_true (strstr (lines->str, "t.csv:5: 细则编号: ") != NULL);
  g_assert_true (strstr (lines->str, "t.csv:6: 细则编号: ") != NULL);
  /* All or nothing: the good row was not written either. */
  g_assert_cmpuint (n_items (f), ==, 8);

  g_assert_false (sy_assessment_repo_import (f->repo, no_header, FALSE, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "t.csv:1: "));
}

static gint64
add_event (Fixture *f, const char *kind, const char *title, const char *date, gint64 plan_item)
{
  g_autoptr(SyEvent) event = sy_event_new ();
  g_autoptr(GError) error = NULL;

  sy_event_set_kind (event, kind);
  sy_event_set_title (event, title);
  sy_event_set_date (event, date);
  sy_event_set_plan_item_id (event, plan_item);
  g_assert_true (sy_database_insert (f->db, SY_RECORD (event), &error));
  g_assert_no_error (error);
  return sy_record_get_id (SY_RECORD (event));
}

static gint64
add_document (Fixture *f, const char *title, const char *tags, const char *date)
{
  g_autoptr(SyDocument) doc = sy_document_new ();
  g_autoptr(GError) error = NULL;

  sy_document_set_title (doc, title);
  sy_document_set_tags (doc, tags);
  sy_document_set_date (doc, date);
  g_assert_true (sy_database_insert (f->db, SY_RECORD (doc), &error));
  g_assert_no_error (error);
  return sy_record_get_id (SY_RECORD (doc));
}

static gint64
add_plan_item (Fixture *f, gint64 plan, gint64 parent, const char *title)
{
  g_autoptr(SyPlanItem) item = sy_plan_item_new ();
  g_autoptr(GError) error = NULL;

  sy_plan_item_set_plan_id (item, plan);
  sy_plan_item_set_parent_id (item, parent);
  sy_plan_item_set_title (item, title);
  sy_plan_item_set_status (item, "planned");
  g_assert_true (sy_database_insert (f->db, SY_RECORD (item), &error));
  g_assert_no_error (error);
  return sy_record_get_id (SY_RECORD (item));
}

static void
add_link (Fixture *f, const char *code, const char *entity, gint64 id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_assessment_repo_link (f->repo, item_id (f, code), entity, id, &error));
  g_assert_no_error (error);
}

static void
test_links (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 event = add_event (f, "会议", "第一季度领导小组会议", "2024-02-01", 0);
  gint64 one = item_id (f, "1"), seven = item_id (f, "7");
  g_autoptr(GListModel) by_item = NULL;
  g_autoptr(GListModel) by_evidence = NULL;
  g_autoptr(SyEvent) loaded = NULL;
  guint removed = 99;

  add_link (f, "1", SY_ASSESSMENT_EVENT, event);
  add_link (f, "7", SY_ASSESSMENT_EVENT, event);

  g_assert_false (sy_assessment_repo_link (f->repo, one, SY_ASSESSMENT_EVENT, event, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (sy_assessment_repo_link (f->repo, one, "recipient", event, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sy_assessment_repo_link (f->repo, one, SY_ASSESSMENT_DOCUMENT, 4242, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sy_assessment_repo_link (f->repo, 4242, SY_ASSESSMENT_EVENT, event, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  by_item = sy_assessment_repo_links_for_item (f->repo, one, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (by_item), ==, 1);
  by_evidence = sy_assessment_repo_links_for_evidence (f->repo, SY_ASSESSMENT_EVENT, event, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (by_evidence), ==, 2);
  {
    g_autoptr(SyAssessmentLink) first = g_list_model_get_item (by_evidence, 0);

    g_assert_cmpint (sy_assessment_link_get_item_id (first), ==, one);
  }

  g_assert_true (sy_assessment_repo_unlink (f->repo, seven, SY_ASSESSMENT_EVENT, event, &error));
  g_assert_no_error (error);
  g_assert_false (sy_assessment_repo_unlink (f->repo, seven, SY_ASSESSMENT_EVENT, event, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* What evidence deletion calls. */
  g_assert_true (sy_assessment_repo_delete_links_for (f->db, SY_ASSESSMENT_EVENT, event, &error));
  g_assert_no_error (error);
  g_clear_object (&by_evidence);
  by_evidence = sy_assessment_repo_links_for_evidence (f->repo, SY_ASSESSMENT_EVENT, event, &error);
  g_assert_cmpuint (g_list_model_get_n_items (by_evidence), ==, 0);

  /* A caller that forgot: the clean-up finds the dangling link. */
  add_link (f, "1", SY_ASSESSMENT_EVENT, event);
  loaded = sy_database_load (f->db, SY_TYPE_EVENT, event, &error);
  g_assert_no_error (error);
  g_assert_true (sy_database_delete (f->db, SY_RECORD (loaded), &error));
  g_assert_no_error (error);
  g_assert_true (sy_assessment_repo_remove_dangling (f->repo, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 1);
  g_clear_object (&by_item);
  by_item = sy_assessment_repo_links_for_item (f->repo, one, &error);
  g_assert_cmpuint (g_list_model_get_n_items (by_item), ==, 0);
}

static void
test_delete_item (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = import (f, province_csv);
  gint64 event = add_event (f, "会议", "会议", "2024-02-01", 0);
  g_autoptr(GListModel) links = NULL;

  add_link (f, "1.1", SY_ASSESSMENT_EVENT, event);
  add_link (f, "1", SY_ASSESSMENT_EVENT, event);
  g_assert_true (sy_assessment_repo_delete_item (f->repo, item_id (f, "1"), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (f), ==, 11 - 3);
  links = sy_assessment_repo_links_for_evidence (f->repo, SY_ASSESSMENT_EVENT, event, &error);
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 0);
}

/* The hand-built office of the coverage tests, window 2022–2024 as of
 * 2025-03-01 (every quarter of the window has ended). */
static void
build_office (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyPlan) plan = sy_plan_new ();
  g_autoptr(SyDisbursementBatch) run = sy_disbursement_batch_new ();
  g_autofree char *result = import (f, province_csv);
  gint64 a, b, d, visit_heading, defence, counting;

  /* Meetings: 2023 Q1, Q2, Q4 (no Q3), 2024 every quarter, none in 2022. */
  a = add_event (f, "会议", "一季度会议", "2023-02-10", 0);
  b = add_event (f, "会议", "二季度会议", "2023-05-10", 0);
  add_event (f, "会议", "四季度会议", "2023-11-01", 0);
  d = add_event (f, "会议", "一季度会议", "2024-01-15", 0);
  add_event (f, "会议", "二季度会议", "2024-04-15", 0);
  add_event (f, "会议", "三季度会议", "2024-07-15", 0);
  add_event (f, "会议", "四季度会议", "2024-10-15", 0);
  /* Outside the window: neither counted nor judged. */
  add_event (f, "会议", "往年会议", "2021-03-01", 0);

  /* 述职 in 2023 only; 经费 by a paid run in 2023, a voucher in 2024. */
  add_document (f, "2023年度双拥工作述职报告", "总结", "2023-12-20");
  add_document (f, "双拥经费下拨通知", "经费,凭证", "2024-06-01");
  sy_disbursement_batch_set_kind (run, "慰问金");
  sy_disbursement_batch_set_period (run, "2023");
  sy_disbursement_batch_set_title (run, "2023年春节慰问金");
  sy_disbursement_batch_set_state (run, "paid");
  sy_disbursement_batch_set_paid_date (run, "2023-01-10");
  g_assert_true (sy_database_insert (f->db, SY_RECORD (run), &error));
  g_assert_no_error (error);

  /* The 2024 plan: 国防教育 promised and not done; 走访慰问 done through
   * a child item; a task naming no kind. */
  sy_plan_set_year (plan, 2024);
  sy_plan_set_title (plan, "2024年双拥工作计划");
  g_assert_true (sy_database_insert (f->db, SY_RECORD (plan), &error));
  g_assert_no_error (error);
  defence = add_plan_item (f, sy_record_get_id (SY_RECORD (plan)), 0, "广泛开展国防教育活动");
  visit_heading = add_plan_item (f, sy_record_get_id (SY_RECORD (plan)), 0, "做好节日走访慰问");
  add_event (f, "走访慰问", "春节走访", "2024-02-05",
             add_plan_item (f, sy_record_get_id (SY_RECORD (plan)), visit_heading, "春节期间走访驻地部队"));
  counting = add_plan_item (f, sy_record_get_id (SY_RECORD (plan)), 0, "做好统计工作");

  /* Links: standard 1 and its sub-item 1.1 both link meeting a (counted once
   * for the standard); b only to 1.1; d and the plan heading to 1; the run
   * to 2; the voucher to 5. */
  add_link (f, "1", SY_ASSESSMENT_EVENT, a);
  add_link (f, "1.1", SY_ASSESSMENT_EVENT, a);
  add_link (f, "1.1", SY_ASSESSMENT_EVENT, b);
  add_link (f, "1", SY_ASSESSMENT_EVENT, d);
  add_link (f, "1", SY_ASSESSMENT_PLAN_ITEM, defence);
  add_link (f, "2", SY_ASSESSMENT_DISBURSEMENT_BATCH, sy_record_get_id (SY_RECORD (run)));
  add_link (f, "5", SY_ASSESSMENT_DOCUMENT, add_document (f, "经费凭证", "凭证", "2024-06-02"));
  (void) counting;
}

static guint
index_of (SyCoverage *coverage, const char *code)
{
  for (guint i = 0; i < sy_coverage_get_n_items (coverage); i++)
    if (g_strcmp0 (sy_assessment_item_get_code (sy_coverage_get_item (coverage, i)), code) == 0)
      return i;
  g_assert_not_reached ();
}

static guint
n_gaps_of_kind (SyCoverage *coverage, SyCoverageGapKind kind, int year, int quarter)
{
  guint n = 0;

  for (guint g = 0; g < sy_coverage_get_n_gaps (coverage); g++)
    {
      const SyCoverageGap *gap = sy_coverage_get_gap (coverage, g);

      if (gap->kind == kind && (year == 0 || gap->year == year) && (quarter < 0 || gap->quarter == quarter))
        n++;
    }
  return n;
}

static void
test_coverage (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyCoverage) coverage = NULL;
  g_autoptr(SyCoverage) early = NULL;
  guint one, one_one, two, five, seven;
  g_autofree char *text = NULL;
  int first = 0, last = 0;

  build_office (f);
  coverage = sy_coverage_compute (f->db, 2022, 2024, "2025-03-01", &error);
  g_assert_no_error (error);
  one = index_of (coverage, "1");
  one_one = index_of (coverage, "1.1");
  two = index_of (coverage, "2");
  five = index_of (coverage, "5");
  seven = index_of (coverage, "7");

  g_assert_cmpuint (sy_coverage_get_count (coverage, one, 2022), ==, 0);
  g_assert_cmpuint (sy_coverage_get_count (coverage, one, 2023), ==, 2);   /* a (once), b via 1.1 */
  g_assert_cmpuint (sy_coverage_get_count (coverage, one, 2024), ==, 2);   /* d, the plan item */
  g_assert_cmpuint (sy_coverage_get_count (coverage, one_one, 2023), ==, 2);
  g_assert_cmpuint (sy_coverage_get_count (coverage, one_one, 2024), ==, 0);
  g_assert_cmpuint (sy_coverage_get_count (coverage, two, 2023), ==, 1);
  g_assert_cmpuint (sy_coverage_get_count (coverage, five, 2024), ==, 1);
  g_assert_cmpuint (sy_coverage_get_total (coverage, one), ==, 4);
  g_assert_cmpuint (sy_coverage_get_total (coverage, seven), ==, 0);

  /* MEETING: 2022 Q1–Q4 and 2023 Q3. */
  g_assert_cmpuint (n_gaps_of_kind (coverage, SY_COVERAGE_GAP_MEETING, 0, -1), ==, 5);
  g_assert_cmpuint (n_gaps_of_kind (coverage, SY_COVERAGE_GAP_MEETING, 2022, -1), ==, 4);
  g_assert_cmpuint (n_gaps_of_kind (coverage, SY_COVERAGE_GAP_MEETING, 2023, 3), ==, 1);
  /* SHUZHI: 2022 and 2024. */
  g_assert_cmpuint (n_gaps_of_kind (coverage, SY_COVERAGE_GAP_SHUZHI, 0, -1), ==, 2);
  g_assert_cmpuint (n_gaps_of_kind (coverage, SY_COVERAGE_GAP_SHUZHI, 2023, -1), ==, 0);
  /* FUNDING: 2022 only (2023 the paid run, 2024 the voucher). */
  g_assert_cmpuint (n_gaps_of_kind (coverage, SY_COVERAGE_GAP_FUNDING, 0, -1), ==, 1);
  g_assert_cmpuint (n_gaps_of_kind (coverage, SY_COVERAGE_GAP_FUNDING, 2022, -1), ==, 1);
  /* PLAN: the 国防教育 item only. */
  g_assert_cmpuint (n_gaps_of_kind (coverage, SY_COVERAGE_GAP_PLAN, 0, -1), ==, 1);
  for (guint g = 0; g < sy_coverage_get_n_gaps (coverage); g++)
    {
      const SyCoverageGap *gap = sy_coverage_get_gap (coverage, g);

      g_assert_nonnull (gap->message);
      g_assert_true (strstr (gap->message, "20") != NULL);
      if (gap->kind == SY_COVERAGE_GAP_PLAN)
        {
          g_assert_cmpstr (gap->promised_kind, ==, "国防教育");
          g_assert_cmpstr (gap->standard_code, ==, "7");
          g_assert_cmpint (gap->year, ==, 2024);
        }
    }
  g_assert_cmpuint (sy_coverage_get_n_gaps (coverage), ==, 9);

  /* Highlighting: standard 1 in 2023 has one gap (Q3); 7 in 2024 one; sub-items none. */
  g_assert_cmpuint (sy_coverage_count_gaps (coverage, one, 2023), ==, 1);
  g_assert_cmpuint (sy_coverage_count_gaps (coverage, one, 2022), ==, 6);
  g_assert_cmpuint (sy_coverage_count_gaps (coverage, seven, 2024), ==, 1);
  g_assert_cmpuint (sy_coverage_count_gaps (coverage, one_one, 0), ==, 0);

  text = sy_coverage_to_text (coverage);
  g_assert_true (strstr (text, "组织领导坚强有力") != NULL);
  g_assert_true (strstr (text, "2022") != NULL);

  /* Time that has not passed is not judged: Q1 2025 ends after "today". */
  early = sy_coverage_compute (f->db, 2025, 2025, "2025-03-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sy_coverage_get_n_gaps (early), ==, 0);
  g_clear_object (&early);
  early = sy_coverage_compute (f->db, 2025, 2025, "2025-04-01", &error);
  g_assert_cmpuint (n_gaps_of_kind (early, SY_COVERAGE_GAP_MEETING, 2025, 1), ==, 1);

  sy_coverage_default_window ("2026-05-01", &first, &last);
  g_assert_cmpint (first, ==, 2023);
  g_assert_cmpint (last, ==, 2026);
  g_assert_null (sy_coverage_compute (f->db, 2024, 2022, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
}

static void
test_pdf (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyCoverage) coverage = NULL;
  g_autofree char *path = g_build_filename (f->dir, "自评表.pdf", NULL);
  g_autofree char *uri = NULL;
  g_autoptr(GObject) pdf_object = NULL;
  PopplerDocument *pdf;
  g_autoptr(GObject) page_object = NULL;
  PopplerPage *page;
  g_autofree char *text = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  guint n_pages = 0;

  build_office (f);
  coverage = sy_coverage_compute (f->db, 2022, 2024, "2025-03-01", &error);
  g_assert_no_error (error);
  g_assert_true (sy_ledger_coverage_export_pdf (coverage, "清源县双拥办", path, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, >=, 1);

  uri = g_filename_to_uri (path, NULL, NULL);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  pdf_object = G_OBJECT (pdf);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, (int) n_pages);
  page = poppler_document_get_page (pdf, 0);
  page_object = G_OBJECT (page);
  text = poppler_page_get_text (page);
  g_assert_true (strstr (text, "双拥模范考评自评表") != NULL);
  g_assert_true (strstr (text, "清源县双拥办") != NULL);
  g_assert_true (strstr (text, "自评得分") != NULL);
  for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
    {
      g_autoptr(GObject) each = G_OBJECT (poppler_document_get_page (pdf, p));
      g_autofree char *t = poppler_page_get_text (POPPLER_PAGE (each));
      g_autofree char *folio = g_strdup_printf ("—%d—", p + 1);   /* poppler drops the spaces */

      g_assert_true (strstr (t, folio) != NULL);
      g_string_append (all, t);
    }
  g_assert_true (strstr (all->str, "组织领导坚强有力") != NULL);
  g_assert_true (strstr (all->str, "军政军民关系融洽") != NULL);
  g_assert_true (strstr (all->str, "每季度召开领导小组会议") != NULL);
  /* The gap summary of standard 1 (a no-break space inside "2022 Q1"). */
  g_assert_true (strstr (all->str, "2022\u00a0Q1") != NULL || strstr (all->str, "2022 Q1") != NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/assessment/seeds", test_seeds);
  ADD ("/assessment/migrate-single-links", test_migrate_single_links);
  ADD ("/assessment/save-item", test_save_item);
  ADD ("/assessment/csv-round-trip", test_csv_round_trip);
  ADD ("/assessment/csv-bad-rows", test_csv_bad_rows);
  ADD ("/assessment/links", test_links);
  ADD ("/assessment/delete-item", test_delete_item);
  ADD ("/assessment/coverage", test_coverage);
  ADD ("/assessment/pdf", test_pdf);
#undef ADD
  return g_test_run ();
}
