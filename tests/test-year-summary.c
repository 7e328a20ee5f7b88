/* test-year-summary.c: the 年终总结 draft on the demo database
 *
 * The figures are checked against SQL counts made here independently; the
 * .odt is opened as a zip (mimetype first and stored, content.xml parsed
 * with libxml2); the PDF is read back with poppler.  If LibreOffice Writer
 * is installed, it converts the .odt to PDF as a validity check.
 */
#define _GNU_SOURCE
#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include <libxml/parser.h>
#include <poppler.h>
#include <glib/gstdio.h>

#include "sy-demo.h"
#include "sy-ledger.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define YEAR  2025
#define TODAY "2026-03-01"

static struct {
  char         *dir;
  SyDatabase   *db;
  SyYearReport *report;
} shared;

static gint64
count (const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (sy_database_query_int64 (shared.db, &value, sql, &error, NULL));
  g_assert_no_error (error);
  return value;
}

static void
test_figures (void)
{
  SyYearReport *r = shared.report;
  guint kinds_total = 0;

  g_assert_cmpint (r->year, ==, YEAR);
  g_assert_cmpint (r->n_events, ==,
                   count ("SELECT COUNT(*) FROM event WHERE date >= '2025-01-01' AND date < '2026-01-01'"));
  g_assert_cmpuint (r->n_events, >, 0);
  for (guint i = 0; i < r->kinds->len; i++)
    {
      const SyYearKindCount *k = g_ptr_array_index (r->kinds, i);
      g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM event WHERE kind = '%s'"
                                              " AND date >= '2025-01-01' AND date < '2026-01-01'", k->kind);
      guint months = 0;

      g_assert_cmpint (k->months[0], ==, count (sql));
      for (int m = 1; m <= 12; m++)
        months += k->months[m];
      g_assert_cmpuint (months, ==, k->months[0]);
      if (i > 0)
        g_assert_cmpuint (k->months[0], <=, ((SyYearKindCount *) g_ptr_array_index (r->kinds, i - 1))->months[0]);
      kinds_total += k->months[0];
    }
  g_assert_cmpuint (kinds_total, ==, r->n_events);
  /* 走访慰问 in March: the month comes from the date */
  g_assert_cmpint (r->leaders, ==,
                   count ("SELECT SUM(leaders) FROM event WHERE date >= '2025-01-01' AND date < '2026-01-01'"));
  g_assert_cmpint (r->n_visits, ==,
                   count ("SELECT COUNT(*) FROM event_recipient x JOIN event e ON e.id = x.event_id"
                          " WHERE e.date LIKE '2025-%'"));
  g_assert_cmpuint (r->n_visits, >, 0);
  g_assert_cmpint (r->n_people, ==,
                   count ("SELECT COUNT(*) FROM (SELECT x.recipient_id FROM event_recipient x"
                          " JOIN event e ON e.id = x.event_id WHERE e.date LIKE '2025-%'"
                          " GROUP BY x.recipient_id) AS p"));
  g_assert_cmpint (r->visit_money_fen, ==,
                   count ("SELECT SUM(x.money_fen) FROM event_recipient x JOIN event e ON e.id = x.event_id"
                          " WHERE e.date LIKE '2025-%'"));
  /* 慰问金 paid: the visits' money and the paid run lines of that kind */
  g_assert_cmpint (r->welfare_paid_fen, >=, r->visit_money_fen);
  g_assert_cmpint (r->n_photos, ==,
                   count ("SELECT COUNT(*) FROM event_photo x JOIN event e ON e.id = x.event_id"
                          " WHERE e.date LIKE '2025-%'"));
  g_assert_cmpint (r->n_plans, ==, count ("SELECT COUNT(*) FROM plan WHERE year = 2025"));
  g_assert_cmpuint (r->n_plans, >, 0);
  /* counted leaves: items without children, not dropped */
  g_assert_cmpint (r->items_total, ==,
                   count ("SELECT COUNT(*) FROM plan_item i JOIN plan p ON p.id = i.plan_id"
                          " LEFT JOIN plan_item c ON c.parent_id = i.id"
                          " WHERE p.year = 2025 AND c.id IS NULL AND i.status <> 'dropped'"));
  g_assert_cmpuint (r->items_done + r->open_items->len, ==, r->items_total);
}

static void
test_text (void)
{
  g_autofree char *text = sy_year_summary_text (shared.report, "清源县双拥办");
  g_autofree char *events = g_strdup_printf ("全年共开展双拥活动%u场次", shared.report->n_events);
  g_autofree char *visits = g_strdup_printf ("走访慰问%u人次，涉及%u人", shared.report->n_visits,
                                             shared.report->n_people);
  g_autofree char *photos = g_strdup_printf ("活动照片%u张", shared.report->n_photos);
  g_autofree char *money = sy_money_format (shared.report->visit_money_fen);
  const char *headings[] = { "清源县双拥办2025年双拥工作总结", "一、工作开展情况", "（一）工作计划完成情况",
                             "（二）双拥活动开展情况", "（三）走访慰问情况", "二、主要做法和成效",
                             "三、存在的问题和不足", "四、下一步工作打算", "【待补充：" };

  g_test_message ("%s", text);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    g_assert_nonnull (strstr (text, headings[i]));
  g_assert_nonnull (strstr (text, events));
  g_assert_nonnull (strstr (text, visits));
  g_assert_nonnull (strstr (text, photos));
  g_assert_nonnull (strstr (text, money));
}

/* The bytes of @member of the zip at @path, or NULL. */
static GBytes *
zip_member (const char *path, const char *member, char **first_name)
{
  struct archive *a = archive_read_new ();
  struct archive_entry *e;
  GBytes *result = NULL;
  gboolean first = TRUE;

  archive_read_support_format_zip (a);
  g_assert_cmpint (archive_read_open_filename (a, path, 16384), ==, ARCHIVE_OK);
  while (archive_read_next_header (a, &e) == ARCHIVE_OK)
    {
      if (first && first_name != NULL)
        *first_name = g_strdup (archive_entry_pathname (e));
      first = FALSE;
      if (strcmp (archive_entry_pathname (e), member) == 0)
        {
          GByteArray *buf = g_byte_array_new ();
          char chunk[8192];
          la_ssize_t n;

          while ((n = archive_read_data (a, chunk, sizeof chunk)) > 0)
            g_byte_array_append (buf, (guint8 *) chunk, n);
          g_assert_cmpint (n, ==, 0);
          result = g_byte_array_free_to_bytes (buf);
          break;
        }
    }
  archive_read_free (a);
  return result;
}

static void
test_odt (void)
{
  g_autofree char *path = g_build_filename (shared.dir, "总结.odt", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *first = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) manifest = NULL;
  g_autofree char *figure = g_strdup_printf ("全年共开展双拥活动%u场次", shared.report->n_events);
  xmlDocPtr doc;
  gsize len;

  g_assert_true (sy_year_summary_write (shared.report, "清源县双拥办", path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  /* the first local header: "mimetype", stored (method 0), its text */
  g_assert_cmpint (memcmp (data, "PK\003\004", 4), ==, 0);
  g_assert_cmpint (data[8] | data[9] << 8, ==, 0);
  g_assert_cmpint (memcmp (data + 30, "mimetype", 8), ==, 0);
  g_assert_nonnull (memmem (data, MIN (len, 200), "application/vnd.oasis.opendocument.text", 39));

  content = zip_member (path, "content.xml", &first);
  g_assert_cmpstr (first, ==, "mimetype");
  g_assert_nonnull (content);
  doc = xmlReadMemory (g_bytes_get_data (content, NULL), (int) g_bytes_get_size (content),
                       "content.xml", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);   /* well-formed */
  xmlFreeDoc (doc);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (content, NULL), g_bytes_get_size (content), figure));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (content, NULL), g_bytes_get_size (content),
                                  "text:outline-level=\"1\">一、工作开展情况"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (content, NULL), g_bytes_get_size (content),
                                  "Pictures/chart.png"));
  png = zip_member (path, "Pictures/chart.png", NULL);
  g_assert_nonnull (png);
  g_assert_cmpint (memcmp (g_bytes_get_data (png, NULL), "\x89PNG", 4), ==, 0);
  manifest = zip_member (path, "META-INF/manifest.xml", NULL);
  g_assert_nonnull (manifest);
  g_assert_nonnull (zip_member (path, "styles.xml", NULL));
  g_assert_nonnull (zip_member (path, "meta.xml", NULL));

  /* LibreOffice Writer, if installed, must open it. */
  {
    g_autofree char *soffice = g_find_program_in_path ("soffice");
    g_autofree char *real = soffice ? g_canonicalize_filename (soffice, NULL) : NULL;
    g_autofree char *target = NULL;
    g_autofree char *writer = NULL;
    char buf[4096];
    ssize_t n;

    if (real != NULL && (n = readlink (real, buf, sizeof buf - 1)) > 0)
      {
        g_autofree char *dir = g_path_get_dirname (real);
        buf[n] = '\0';
        target = g_canonicalize_filename (buf, dir);
      }
    if (target != NULL)
      {
        g_autofree char *program = g_path_get_dirname (target);
        writer = g_build_filename (program, "libswlo.so", NULL);
      }
    if (writer == NULL || !g_file_test (writer, G_FILE_TEST_EXISTS))
      g_test_message ("LibreOffice Writer is not installed: the conversion check is skipped");
    else
      {
        g_autofree char *out_dir = g_build_filename (shared.dir, "lo", NULL);
        g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/lo-profile", shared.dir);
        const char *argv[] = { soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", out_dir, path, NULL };
        g_autofree char *pdf = g_build_filename (out_dir, "总结.pdf", NULL);
        int status = -1;

        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                     NULL, NULL, NULL, NULL, &status, &error));
        g_assert_no_error (error);
        g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
      }
  }
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(PopplerDocument) pdf = poppler_document_new_from_file (uri, NULL, &error);
  GString *all = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, i);
      g_autofree char *text = poppler_page_get_text (page);

      /* lines wrap anywhere in Chinese text: compare without breaks */
      for (const char *p = text; *p; p++)
        if (*p != '\n' && *p != ' ')
          g_string_append_c (all, *p);
    }
  return g_string_free (all, FALSE);
}

static void
test_pdf (void)
{
  g_autofree char *path = g_build_filename (shared.dir, "summary.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *events = g_strdup_printf ("全年共开展双拥活动%u场次", shared.report->n_events);
  g_autofree char *visits = g_strdup_printf ("走访慰问%u人次", shared.report->n_visits);
  g_autofree char *money = sy_money_format (shared.report->welfare_paid_fen);
  const char *expected[] = { "一、工作开展情况", "二、主要做法和成效", "三、存在的问题和不足",
                             "四、下一步工作打算", "2025年双拥活动分月统计", "活动类型", "合计" };

  g_assert_true (sy_year_summary_write (shared.report, "清源县双拥办", path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (strstr (text, expected[i]));
  g_assert_nonnull (strstr (text, events));
  g_assert_nonnull (strstr (text, visits));
  g_assert_nonnull (strstr (text, money));
}

static void
test_refused (void)
{
  g_autofree char *doc = g_build_filename (shared.dir, "summary.doc", NULL);
  g_autofree char *missing = g_build_filename (shared.dir, "no", "such", "dir", "s.odt", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (sy_year_summary_write (shared.report, NULL, doc, NULL, NULL, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_false (g_file_test (doc, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_false (sy_year_summary_write (shared.report, NULL, missing, NULL, NULL, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_IO);
}

static void
test_empty_year (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyYearReport) r = sy_year_report_gather (shared.db, 1990, TODAY, NULL, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (r->n_events, ==, 0);
  g_assert_cmpuint (r->n_plans, ==, 0);
  text = sy_year_summary_text (r, NULL);
  /* no figures invented: the draft says nothing was recorded */
  g_assert_nonnull (strstr (text, "未录入工作计划"));
  g_assert_nonnull (strstr (text, "未登记双拥活动"));
  g_assert_null (strstr (text, "场次，其中"));
}

static gint64
value_int64 (GdaDataModel *model, int col, int row)
{
  const GValue *v = gda_data_model_get_value_at (model, col, row, NULL);

  g_assert_nonnull (v);
  g_assert_true (G_VALUE_HOLDS_INT64 (v));
  return g_value_get_int64 (v);
}

/* Which sub-units have a plan of the year (a county sees who still owes
 * theirs); a plan of another year does not count. */
static void
test_sub_unit_plans (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyUnit) office = sy_queries_office (shared.db, &error);
  g_autoptr(GdaDataModel) before = NULL;
  g_autoptr(GdaDataModel) after = NULL;
  g_autoptr(GdaDataModel) other_year = NULL;
  g_autoptr(SyPlan) plan = sy_plan_new ();
  g_autofree char *sql = NULL;
  gint64 office_id, town_id, n_children;

  g_assert_no_error (error);
  office_id = sy_record_get_id (SY_RECORD (office));
  sql = g_strdup_printf ("SELECT COUNT(*) FROM unit WHERE parent_id = %" G_GINT64_FORMAT, office_id);
  n_children = count (sql);
  g_assert_cmpint (n_children, >=, 2);

  before = sy_queries_sub_unit_plans (shared.db, office_id, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gda_data_model_get_n_rows (before), ==, n_children);
  for (int row = 0; row < n_children; row++)
    {
      g_assert_cmpint (value_int64 (before, 2, row), ==, 0);
      g_assert_cmpint (value_int64 (before, 3, row), ==, 0);
    }

  /* the second town submits its plan for 2026 */
  town_id = value_int64 (before, 0, 1);
  sy_plan_set_unit_id (plan, town_id);
  sy_plan_set_year (plan, 2026);
  sy_plan_set_title (plan, "2026年双拥工作计划");
  g_assert_true (sy_database_insert (shared.db, SY_RECORD (plan), &error));
  g_assert_no_error (error);

  after = sy_queries_sub_unit_plans (shared.db, office_id, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gda_data_model_get_n_rows (after), ==, n_children);
  for (int row = 0; row < n_children; row++)
    {
      gboolean is_town = value_int64 (after, 0, row) == town_id;

      g_assert_cmpint (value_int64 (after, 2, row), ==, is_town ? sy_record_get_id (SY_RECORD (plan)) : 0);
      g_assert_cmpint (value_int64 (after, 3, row), ==, is_town ? 1 : 0);
    }
  other_year = sy_queries_sub_unit_plans (shared.db, office_id, 2027, &error);
  g_assert_no_error (error);
  g_assert_cmpint (value_int64 (other_year, 3, 1), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  shared.dir = g_dir_make_tmp ("test-year-summary-XXXXXX", &error);
  g_assert_no_error (error);
  shared.db = sy_database_open (shared.dir, &error);
  g_assert_no_error (error);
  g_assert_true (sy_demo_populate (shared.db, 1, YEAR, NULL, NULL, &error));
  g_assert_no_error (error);
  shared.report = sy_year_report_gather (shared.db, YEAR, TODAY, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/year-summary/figures", test_figures);
  g_test_add_func ("/year-summary/text", test_text);
  g_test_add_func ("/year-summary/odt", test_odt);
  g_test_add_func ("/year-summary/pdf", test_pdf);
  g_test_add_func ("/year-summary/refused", test_refused);
  g_test_add_func ("/year-summary/empty-year", test_empty_year);
  g_test_add_func ("/year-summary/sub-unit-plans", test_sub_unit_plans);
  status = g_test_run ();

  sy_year_report_free (shared.report);
  g_clear_object (&shared.db);
  if (g_getenv ("KEEP") == NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", shared.dir);
      (void) !system (cmd);
    }
  return status;
}
