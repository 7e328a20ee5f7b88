/* test-recipient-import.c: the recipient import (upsert, all or nothing)
 * and export on a temporary SQLite database */
#include "sy-store.h"
#include "sy-test-util.h"
#include "sy-test-db.h"

#include <string.h>
#include <glib/gstdio.h>

typedef struct {
  char       *dir;
  SyDatabase *db;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->db = sy_test_open_database (&f->dir);
  sy_database_set_actor (f->db, "tester");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->db);
  sy_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
count (SyDatabase *db, const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (sy_database_query_int64 (db, &n, sql, &error, NULL));
  g_assert_no_error (error);
  return n;
}

static char *
query_string (SyDatabase *db, const char *sql)
{
  static const GType types[] = { G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GdaDataModel) model = sy_database_select (db, sql, types, &error, NULL);
  const GValue *v;

  g_assert_no_error (error);
  if (gda_data_model_get_n_rows (model) < 1)
    return NULL;
  v = gda_data_model_get_value_at (model, 0, 0, NULL);
  return v != NULL && G_VALUE_HOLDS_STRING (v) ? g_value_dup_string (v) : NULL;
}

/* A valid ID number, different for every @n. */
static char *
id_for (int n)
{
  g_autoptr(GDate) birth = g_date_new_dmy (1, G_DATE_JANUARY, 1950);

  g_date_add_days (birth, n * 7);
  return sy_id_number_generate ("360426", birth, (10 + n) % 1000);
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

static SyRecipientMapping *
mapping_for (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(SyCsvReader) reader = sy_csv_reader_new ();
  g_autoptr(SyTable) table = sy_csv_reader_read_bytes (reader, bytes, "roster.csv", &error);

  g_assert_no_error (error);
  return sy_recipient_mapping_new (table);
}

typedef enum {
  RUN_COMMIT,
  RUN_SKIP_INVALID,
  RUN_DRY,
  RUN_PREVIEW,
} RunKind;

static void
on_progress (double fraction, const char *what, gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  g_assert_nonnull (what);
  *last = fraction;
}

/* Imports @text; fails the test when the import fails. */
static SyRecipientImporter *
import_text (Fixture *f, const char *text, RunKind kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecipientMapping) mapping = mapping_for (text);
  SyRecipientImporter *importer = sy_recipient_importer_new (f->db, mapping);
  double last = 0.0;
  gboolean ok;

  sy_recipient_importer_set_skip_invalid (importer, kind == RUN_SKIP_INVALID);
  sy_recipient_importer_set_dry_run (importer, kind == RUN_DRY);
  if (kind == RUN_PREVIEW)
    ok = sy_recipient_importer_preview (importer, on_progress, &last, NULL, &error);
  else
    ok = sy_recipient_importer_commit (importer, on_progress, &last, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpfloat (last, ==, 1.0);
  return importer;
}

static void
assert_counts (SyRecipientImporter *importer, guint added, guint updated, guint unchanged,
               guint rejected)
{
  g_assert_cmpuint (sy_recipient_importer_get_n_added (importer), ==, added);
  g_assert_cmpuint (sy_recipient_importer_get_n_updated (importer), ==, updated);
  g_assert_cmpuint (sy_recipient_importer_get_n_unchanged (importer), ==, unchanged);
  g_assert_cmpuint (sy_recipient_importer_get_n_rejected (importer), ==, rejected);
}

/* The issue on @line whose text contains @part, formatted, or a failure. */
static char *
find_issue (SyRecipientImporter *importer, guint line, SyImportSeverity severity,
            const char *part)
{
  GPtrArray *issues = sy_recipient_importer_get_issues (importer);

  for (guint i = 0; i < issues->len; i++)
    {
      const SyImportIssue *issue = g_ptr_array_index (issues, i);
      g_autofree char *text = sy_import_issue_format (issue, "roster.csv");

      if (issue->line == line && issue->severity == severity && strstr (text, part) != NULL)
        return g_steal_pointer (&text);
    }
  for (guint i = 0; i < issues->len; i++)
    {
      g_autofree char *text = sy_import_issue_format (g_ptr_array_index (issues, i), "roster.csv");
      g_test_message ("issue: %s", text);
    }
  g_error ("no issue on line %u with “%s”", line, part);
  return NULL;
}

#define HEADER "姓名,身份证号,联系电话,所属村（社区）,优抚类别,状态\n"

/* Three people; @phone2 is the second one's phone. */
static char *
three_people (const char *phone2)
{
  g_autofree char *a = id_for (1);
  g_autofree char *b = id_for (2);
  g_autofree char *c = id_for (3);

  return g_strdup_printf (HEADER
                          "张建国,%s,13812341234,东风村,退役士兵,在册\n"
                          "李秀英,%s,%s,红星村,烈士遗属,\n"
                          "王明,%s,,东风村,\"残疾军人、退役士兵\",在册\n",
                          a, b, phone2, c);
}

/* --- upsert ---------------------------------------------------------------- */

static void
test_upsert_counts (Fixture *f, gconstpointer data)
{
  g_autofree char *first = three_people ("13900001111");
  g_autofree char *changed = three_people ("13900002222");
  g_autofree char *day = today ();
  g_autofree char *id2 = id_for (2);
  g_autoptr(SyRecipientImporter) added = NULL;
  g_autoptr(SyRecipientImporter) again = NULL;
  g_autoptr(SyRecipientImporter) updated = NULL;
  gint64 audit_before;
  gint64 own_before = sy_database_get_own_writes (f->db, NULL);

  audit_before = count (f->db, "SELECT COUNT(*) FROM audit_log");
  added = import_text (f, first, RUN_COMMIT);
  assert_counts (added, 3, 0, 0, 0);
  /* The bulk audit rows count as this desk's own writes (the change
   * watcher must not take an import for another desk's). */
  g_assert_cmpint (sy_database_get_own_writes (f->db, NULL) - own_before, ==,
                   count (f->db, "SELECT COUNT(*) FROM audit_log") - audit_before);
  g_assert_cmpint (sy_database_get_own_writes (f->db, NULL) - own_before, >=, 3);
  g_assert_true (sy_recipient_importer_get_committed (added));
  g_assert_cmpint (sy_recipient_importer_get_action (added, 0), ==, SY_IMPORT_ACTION_ADDED);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient"), ==, 3);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient_category"), ==, 4);

  /* Every new person gets a 新增 status change, dated today. */
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM status_change WHERE kind = '新增' "
                                 "AND reason = '导入 roster.csv'"), ==, 3);
  {
    g_autofree char *date = query_string (f->db, "SELECT MIN(effective_date) FROM status_change");
    g_assert_cmpstr (date, ==, day);
  }
  /* The normalised row went in (sex from the ID, status 在册 for an empty cell). */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT sex || '/' || status || '/' || village "
                                            "FROM recipient WHERE id_number = '%s'", id2);
    g_autofree char *text = query_string (f->db, sql);
    g_assert_cmpstr (text, ==, "女/在册/红星村");
  }

  audit_before = count (f->db, "SELECT COUNT(*) FROM audit_log");
  again = import_text (f, first, RUN_COMMIT);
  assert_counts (again, 0, 0, 3, 0);
  g_assert_true (sy_recipient_importer_get_committed (again));
  g_assert_cmpint (sy_recipient_importer_get_action (again, 2), ==, SY_IMPORT_ACTION_UNCHANGED);
  /* Nothing at all was written for unchanged people. */
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log"), ==, audit_before);
  g_assert_cmpint (count (f->db, "SELECT MAX(version) FROM recipient"), ==, 1);

  updated = import_text (f, changed, RUN_COMMIT);
  assert_counts (updated, 0, 1, 2, 0);
  g_assert_cmpint (sy_recipient_importer_get_action (updated, 1), ==, SY_IMPORT_ACTION_UPDATED);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT phone || '/' || version FROM recipient "
                                            "WHERE id_number = '%s'", id2);
    g_autofree char *text = query_string (f->db, sql);
    g_assert_cmpstr (text, ==, "13900002222/2");
  }
  /* An update is no new person: no second 新增, categories untouched. */
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM status_change"), ==, 3);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"), ==, 0);
}

/* Columns the file lacks keep their stored values; empty status and category
 * cells keep theirs; other empty cells clear. */
static void
test_partial_columns (Fixture *f, gconstpointer data)
{
  g_autofree char *first = three_people ("13900001111");
  g_autofree char *id1 = id_for (1);
  g_autofree char *id2 = id_for (2);
  g_autofree char *phones = NULL;
  g_autofree char *blanks = NULL;
  g_autoptr(SyRecipientImporter) importer = NULL;

  g_object_unref (import_text (f, first, RUN_COMMIT));
  g_assert_cmpint (sy_database_execute (f->db, "UPDATE recipient SET status = '减员' WHERE id_number = "
                                               "##id::string", NULL, "id", G_TYPE_STRING, id1, NULL),
                   ==, 1);

  phones = g_strdup_printf ("身份证号,姓名,电话\n%s,张建国,13812341234\n%s,李秀英,13700000000\n",
                            id1, id2);
  importer = import_text (f, phones, RUN_COMMIT);
  assert_counts (importer, 0, 1, 1, 0);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT phone || '/' || village || '/' || status "
                                            "FROM recipient WHERE id_number = '%s'", id2);
    g_autofree char *text = query_string (f->db, sql);
    g_assert_cmpstr (text, ==, "13700000000/红星村/在册");
  }
  g_clear_object (&importer);

  /* 张建国: empty status and category cells keep 减员 and 退役士兵; the
   * emptied village is cleared. */
  blanks = g_strdup_printf (HEADER "张建国,%s,13812341234,,,\n", id1);
  importer = import_text (f, blanks, RUN_COMMIT);
  assert_counts (importer, 0, 1, 0, 0);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT coalesce (village, '-') || '/' || status || '/' || "
                                            "(SELECT group_concat (category) FROM recipient_category c "
                                            "WHERE c.recipient_id = r.id) FROM recipient r "
                                            "WHERE id_number = '%s'", id1);
    g_autofree char *text = query_string (f->db, sql);
    g_assert_cmpstr (text, ==, "-/减员/退役士兵");
  }
  g_clear_object (&importer);

  /* A given status that differs is written, with a warning about the history. */
  {
    g_autofree char *back = g_strdup_printf (HEADER "张建国,%s,13812341234,,,在册\n", id1);
    g_autofree char *warning = NULL;

    importer = import_text (f, back, RUN_COMMIT);
    assert_counts (importer, 0, 1, 0, 0);
    warning = find_issue (importer, 2, SY_IMPORT_WARNING, "减员");
    g_assert_nonnull (strstr (warning, "在册"));
  }
}

static void
test_name_change_warns (Fixture *f, gconstpointer data)
{
  g_autofree char *first = three_people ("13900001111");
  g_autofree char *id1 = id_for (1);
  g_autofree char *renamed = g_strdup_printf ("姓名,身份证号\n张建华,%s\n", id1);
  g_autoptr(SyRecipientImporter) importer = NULL;
  g_autofree char *warning = NULL;

  g_object_unref (import_text (f, first, RUN_COMMIT));
  importer = import_text (f, renamed, RUN_COMMIT);
  assert_counts (importer, 0, 1, 0, 0);
  warning = find_issue (importer, 2, SY_IMPORT_WARNING, "张建国");
  g_assert_true (g_str_has_prefix (warning, "roster.csv:2: 姓名: "));
  g_assert_nonnull (strstr (warning, "张建华"));
}

/* --- all or nothing ---------------------------------------------------------- */

static char *
file_with_bad_rows (void)
{
  g_autofree char *a = id_for (1);
  g_autofree char *b = id_for (2);
  g_autofree char *bad = id_for (3);

  /* Line 3: Excel turned the ID into a number; line 4: a wrong check character. */
  bad[17] = bad[17] == '1' ? '2' : '1';
  return g_strdup_printf (HEADER
                          "张建国,%s,13812341234,东风村,退役士兵,在册\n"
                          "赵强,3.60426E+17,13812341234,东风村,退役士兵,在册\n"
                          "王明,%s,,东风村,退役士兵,在册\n"
                          "李秀英,%s,13900001111,红星村,烈士遗属,在册\n",
                          a, bad, b);
}

static void
test_rejected_rows_write_nothing (Fixture *f, gconstpointer data)
{
  g_autofree char *text = file_with_bad_rows ();
  g_autoptr(SyRecipientImporter) importer = NULL;
  g_autofree char *mangled = NULL;
  g_autofree char *checksum = NULL;
  gint64 audit_before = count (f->db, "SELECT COUNT(*) FROM audit_log");

  importer = import_text (f, text, RUN_COMMIT);
  /* The counts say what the rows are; nothing of it was written. */
  assert_counts (importer, 2, 0, 0, 2);
  g_assert_false (sy_recipient_importer_get_committed (importer));
  g_assert_cmpint (sy_recipient_importer_get_action (importer, 1), ==, SY_IMPORT_ACTION_REJECTED);
  g_assert_cmpint (sy_recipient_importer_get_action (importer, 3), ==, SY_IMPORT_ACTION_ADDED);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient"), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM status_change"), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log"), ==, audit_before);

  mangled = find_issue (importer, 3, SY_IMPORT_ERROR, "3.60426E+17");
  g_assert_true (g_str_has_prefix (mangled, "roster.csv:3: 身份证号: "));
  checksum = find_issue (importer, 4, SY_IMPORT_ERROR, "身份证号");
  g_assert_true (g_str_has_prefix (checksum, "roster.csv:4: 身份证号: "));
}

static void
test_skip_invalid (Fixture *f, gconstpointer data)
{
  g_autofree char *text = file_with_bad_rows ();
  g_autoptr(SyRecipientImporter) importer = import_text (f, text, RUN_SKIP_INVALID);

  assert_counts (importer, 2, 0, 0, 2);
  g_assert_true (sy_recipient_importer_get_committed (importer));
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient"), ==, 2);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient WHERE name = '赵强'"), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM status_change"), ==, 2);
}

/* A village of 3 000 characters (a garbled row): that row is refused with
 * its line and column, the others go in with --skip-invalid — also on
 * PostgreSQL, where such a value would not fit in the village index. */
static void
test_over_long_cell (Fixture *f, gconstpointer data)
{
  g_autofree char *a = id_for (1);
  g_autofree char *b = id_for (2);
  g_autoptr(GString) village = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *issue = NULL;
  g_autoptr(SyRecipientImporter) importer = NULL;

  for (int i = 0; i < 3000; i++)
    g_string_append (village, i % 2 ? "村" : "x");
  text = g_strdup_printf (HEADER
                          "张建国,%s,13812341234,东风村,退役士兵,在册\n"
                          "李秀英,%s,13900001111,%s,烈士遗属,在册\n",
                          a, b, village->str);
  importer = import_text (f, text, RUN_SKIP_INVALID);
  assert_counts (importer, 1, 0, 0, 1);
  issue = find_issue (importer, 3, SY_IMPORT_ERROR, "3000");
  g_assert_true (g_str_has_prefix (issue, "roster.csv:3: 所属村（社区）: "));
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient"), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient WHERE name = '李秀英'"), ==, 0);
}

static void
test_dry_run_writes_nothing (Fixture *f, gconstpointer data)
{
  g_autofree char *text = three_people ("13900001111");
  g_autoptr(SyRecipientImporter) dry = NULL;
  g_autoptr(SyRecipientImporter) preview = NULL;
  gint64 audit_before = count (f->db, "SELECT COUNT(*) FROM audit_log");

  dry = import_text (f, text, RUN_DRY);
  assert_counts (dry, 3, 0, 0, 0);
  g_assert_false (sy_recipient_importer_get_committed (dry));
  preview = import_text (f, text, RUN_PREVIEW);
  assert_counts (preview, 3, 0, 0, 0);
  g_assert_false (sy_recipient_importer_get_committed (preview));

  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient"), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient_category"), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM status_change"), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log"), ==, audit_before);
}

/* A database failure in the middle (a trigger refuses one name) rolls back
 * everything written before it, and the error names the file and line. */
static void
test_database_failure_rolls_back (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = three_people ("13900001111");
  g_autofree char *id4 = id_for (4);
  g_autofree char *id1 = id_for (1);
  g_autofree char *id5 = id_for (5);
  g_autofree char *id6 = id_for (6);
  g_autofree char *text = NULL;
  g_autoptr(SyRecipientMapping) mapping = NULL;
  g_autoptr(SyRecipientImporter) importer = NULL;
  gint64 audit_before, recipients_before, categories_before, changes_before;
  g_autofree char *phone_before = NULL;
  g_autofree char *sql = NULL;

  g_object_unref (import_text (f, base, RUN_COMMIT));
  /* PostgreSQL: a constraint refuses the row as the trigger does. */
  gda_connection_execute_non_select_command (sy_database_get_connection (f->db),
                                             sy_database_sql (f->db,
                                                              "CREATE TRIGGER refuse_name BEFORE INSERT ON recipient "
                                                              "WHEN NEW.name = '钱失败' "
                                                              "BEGIN SELECT RAISE (ABORT, 'refused by the test'); END",
                                                              "ALTER TABLE recipient ADD CONSTRAINT refuse_name "
                                                              "CHECK (name <> '钱失败')"),
                                             &error);
  g_assert_no_error (error);

  audit_before = count (f->db, "SELECT COUNT(*) FROM audit_log");
  recipients_before = count (f->db, "SELECT COUNT(*) FROM recipient");
  categories_before = count (f->db, "SELECT COUNT(*) FROM recipient_category");
  changes_before = count (f->db, "SELECT COUNT(*) FROM status_change");
  sql = g_strdup_printf ("SELECT phone FROM recipient WHERE id_number = '%s'", id1);
  phone_before = query_string (f->db, sql);

  /* An update and an insert before the failing row, one after. */
  text = g_strdup_printf (HEADER
                          "张建国,%s,13700000000,东风村,复员军人,在册\n"
                          "孙新人,%s,,南山村,退役士兵,在册\n"
                          "钱失败,%s,,南山村,退役士兵,在册\n"
                          "周后来,%s,,南山村,退役士兵,在册\n",
                          id1, id5, id4, id6);
  mapping = mapping_for (text);
  importer = sy_recipient_importer_new (f->db, mapping);
  g_assert_false (sy_recipient_importer_commit (importer, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "roster.csv:4: "));
  g_assert_nonnull (strstr (error->message, "钱失败"));
  g_assert_false (sy_recipient_importer_get_committed (importer));

  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log"), ==, audit_before);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient"), ==, recipients_before);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient_category"), ==, categories_before);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM status_change"), ==, changes_before);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient WHERE name = '孙新人'"), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT MAX(version) FROM recipient"), ==, 1);
  {
    g_autofree char *phone = query_string (f->db, sql);
    g_assert_cmpstr (phone, ==, phone_before);
  }

  /* The database is usable afterwards: the transaction is over. */
  g_clear_error (&error);
  g_object_unref (import_text (f, base, RUN_COMMIT));
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (HEADER);
  g_autoptr(SyRecipientMapping) mapping = NULL;
  g_autoptr(SyRecipientImporter) importer = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  for (int i = 0; i < 1100; i++)
    {
      g_autofree char *id = id_for (100 + i);
      g_string_append_printf (text, "测试人,%s,,东风村,退役士兵,在册\n", id);
    }
  mapping = mapping_for (text->str);
  importer = sy_recipient_importer_new (f->db, mapping);
  g_cancellable_cancel (cancellable);
  g_assert_false (sy_recipient_importer_commit (importer, NULL, NULL, cancellable, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_CANCELLED);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient"), ==, 0);
}

/* --- categories --------------------------------------------------------------- */

static GStrv
category_rows (SyDatabase *db, const char *id_number)
{
  static const GType types[] = { G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GdaDataModel) model = NULL;
  g_autoptr(GStrvBuilder) rows = g_strv_builder_new ();

  model = sy_database_select (db,
                              "SELECT c.id || ':' || c.category || ':' || coalesce (c.certificate_no, '') "
                              "FROM recipient_category c JOIN recipient r ON r.id = c.recipient_id "
                              "WHERE r.id_number = ##id::string ORDER BY c.category",
                              types, &error, "id", G_TYPE_STRING, id_number, NULL);
  g_assert_no_error (error);
  for (int i = 0; i < gda_data_model_get_n_rows (model); i++)
    g_strv_builder_add (rows, g_value_get_string (gda_data_model_get_value_at (model, 0, i, NULL)));
  return g_strv_builder_end (rows);
}

static void
test_categories_replaced_only_when_different (Fixture *f, gconstpointer data)
{
  g_autofree char *id = id_for (7);
  g_autofree char *first = g_strdup_printf ("姓名,身份证号,优抚类别,证件编号\n"
                                            "吴勇,%s,\"退役士兵、残疾军人\",赣退001\n", id);
  g_autofree char *reordered = g_strdup_printf ("姓名,身份证号,优抚类别\n"
                                                "吴勇,%s,残疾军人/退役士兵\n", id);
  /* Same details again: nothing to do. */
  g_autofree char *same = g_strdup_printf ("姓名,身份证号,类别,优抚证号\n"
                                           "吴勇,%s,\"退役士兵、残疾军人\",赣退001\n", id);
  g_autofree char *changed = g_strdup_printf ("姓名,身份证号,类别\n吴勇,%s,退役士兵、复员军人\n", id);
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  g_autoptr(SyRecipientImporter) importer = NULL;

  g_object_unref (import_text (f, first, RUN_COMMIT));
  before = category_rows (f->db, id);
  g_assert_cmpuint (g_strv_length (before), ==, 2);
  g_assert_nonnull (strstr (before[1], ":退役士兵:"));

  /* Same names in another order, no certificate column: nothing to do. */
  importer = import_text (f, reordered, RUN_COMMIT);
  assert_counts (importer, 0, 0, 1, 0);
  g_clear_object (&importer);
  importer = import_text (f, same, RUN_COMMIT);
  assert_counts (importer, 0, 0, 1, 0);
  g_clear_object (&importer);
  after = category_rows (f->db, id);
  g_assert_cmpstrv (after, before);
  g_clear_pointer (&after, g_strfreev);

  /* Different names: replaced (new rows); the certificate number of the
   * kept category comes along, since this file has no column for it. */
  importer = import_text (f, changed, RUN_COMMIT);
  assert_counts (importer, 0, 1, 0, 0);
  after = category_rows (f->db, id);
  g_assert_cmpuint (g_strv_length (after), ==, 2);
  g_assert_nonnull (strstr (after[0], ":复员军人:"));
  g_assert_true (g_str_has_suffix (after[1], ":退役士兵:赣退001"));
  g_assert_cmpstr (after[1], !=, before[1]);
  /* The recipient row itself did not change. */
  g_assert_cmpint (count (f->db, "SELECT MAX(version) FROM recipient"), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete' "
                                 "AND entity = 'recipient_category'"), ==, 2);
}

static char *
related_soldier_of (SyDatabase *db, const char *id_number, const char *category)
{
  static const GType types[] = { G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GdaDataModel) model = NULL;
  const GValue *v;

  model = sy_database_select (db,
                              "SELECT c.related_soldier FROM recipient_category c "
                              "JOIN recipient r ON r.id = c.recipient_id "
                              "WHERE r.id_number = ##id::string AND c.category = ##cat::string",
                              types, &error, "id", G_TYPE_STRING, id_number,
                              "cat", G_TYPE_STRING, category, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (gda_data_model_get_n_rows (model), ==, 1);
  v = gda_data_model_get_value_at (model, 0, 0, NULL);
  return v != NULL && G_VALUE_HOLDS_STRING (v) ? g_value_dup_string (v) : NULL;
}

static void
test_related_soldier (Fixture *f, gconstpointer data)
{
  g_autofree char *mother = id_for (8);
  g_autofree char *veteran = id_for (9);
  g_autofree char *first = g_strdup_printf ("姓名,身份证号,优抚类别,义务兵姓名\n"
                                            "孙桂兰,%s,\"义务兵家庭、烈士遗属\",孙强\n"
                                            "周平,%s,退役士兵,\n", mother, veteran);
  g_autofree char *renamed = g_strdup_printf ("姓名,身份证号,优抚类别,关联军人\n"
                                              "孙桂兰,%s,\"义务兵家庭、烈士遗属\",孙刚\n"
                                              "周平,%s,退役士兵,\n", mother, veteran);
  /* A soldier's name on a category that has none: a warning, not stored. */
  g_autofree char *misplaced = g_strdup_printf ("姓名,身份证号,优抚类别,军人姓名\n"
                                                "周平,%s,退役士兵,周军\n", veteran);
  g_autoptr(SyRecipientImporter) importer = NULL;
  g_autofree char *soldier = NULL;
  g_autofree char *issue = NULL;

  importer = import_text (f, first, RUN_COMMIT);
  assert_counts (importer, 2, 0, 0, 0);
  g_clear_object (&importer);
  soldier = related_soldier_of (f->db, mother, "义务兵家庭");
  g_assert_cmpstr (soldier, ==, "孙强");
  g_clear_pointer (&soldier, g_free);
  soldier = related_soldier_of (f->db, mother, "烈士遗属");
  g_assert_cmpstr (soldier, ==, "孙强");
  g_clear_pointer (&soldier, g_free);
  soldier = related_soldier_of (f->db, veteran, "退役士兵");
  g_assert_null (soldier);

  importer = import_text (f, first, RUN_COMMIT);
  assert_counts (importer, 0, 0, 2, 0);
  g_clear_object (&importer);

  importer = import_text (f, renamed, RUN_PREVIEW);
  assert_counts (importer, 0, 1, 1, 0);
  g_clear_object (&importer);
  importer = import_text (f, renamed, RUN_COMMIT);
  assert_counts (importer, 0, 1, 1, 0);
  g_clear_object (&importer);
  soldier = related_soldier_of (f->db, mother, "义务兵家庭");
  g_assert_cmpstr (soldier, ==, "孙刚");
  g_clear_pointer (&soldier, g_free);

  importer = import_text (f, misplaced, RUN_COMMIT);
  issue = find_issue (importer, 2, SY_IMPORT_WARNING, "周军");
  g_assert_nonnull (strstr (issue, "roster.csv:2: 军人姓名: "));
  assert_counts (importer, 0, 0, 1, 0);
  soldier = related_soldier_of (f->db, veteran, "退役士兵");
  g_assert_null (soldier);
}

/* --- export ------------------------------------------------------------------ */

static char *
export_to (Fixture *f, SyMaskProfile profile, const char *name, guint *n_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecipientExporter) exporter = sy_recipient_exporter_new (f->db, profile);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  char *contents = NULL;

  g_assert_true (sy_recipient_exporter_write_csv (exporter, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  *n_rows = sy_recipient_exporter_get_n_rows (exporter);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static void
test_export_profiles (Fixture *f, gconstpointer data)
{
  g_autofree char *first = three_people ("13900001111");
  g_autofree char *id1 = id_for (1);
  g_autofree char *masked = sy_mask_id_number (id1);
  g_autofree char *internal = NULL;
  g_autofree char *public = NULL;
  g_autofree char *bank = NULL;
  g_autoptr(SyRecipientImporter) again = NULL;
  g_autofree char *details = NULL;
  guint n = 0;

  g_object_unref (import_text (f, first, RUN_COMMIT));
  internal = export_to (f, SY_MASK_INTERNAL, "internal.csv", &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (g_str_has_prefix (internal, "\xEF\xBB\xBF姓名,性别,民族,身份证号,出生日期,联系电话,"
                                             "户籍类别,所属村（社区）,住址,优抚类别,开户银行,户名,"
                                             "账号,状态\r\n"));
  g_assert_nonnull (strstr (internal, id1));
  g_assert_nonnull (strstr (internal, "残疾军人、退役士兵"));

  /* Imported again into the same database: nothing changes. */
  again = import_text (f, internal, RUN_COMMIT);
  assert_counts (again, 0, 0, 3, 0);

  public = export_to (f, SY_MASK_PUBLIC, "public.csv", &n);
  g_assert_true (g_str_has_prefix (public, "\xEF\xBB\xBF姓名,优抚类别,所属村（社区）,身份证号,联系电话\r\n"));
  g_assert_null (strstr (public, id1));
  g_assert_nonnull (strstr (public, masked));
  g_assert_null (strstr (public, "13812341234"));
  g_assert_nonnull (strstr (public, "138****1234"));

  bank = export_to (f, SY_MASK_BANK, "bank.csv", &n);
  g_assert_true (g_str_has_prefix (bank, "\xEF\xBB\xBF姓名,开户银行,账号\r\n"));
  g_assert_null (strstr (bank, id1));

  /* Every export is in the audit log, with its profile, rows and file. */
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'export' "
                                 "AND entity = 'recipient'"), ==, 3);
  details = query_string (f->db, "SELECT new_values FROM audit_log WHERE action = 'export' "
                                 "AND new_values LIKE '%public%'");
  g_assert_nonnull (strstr (details, "\"profile\":\"public\""));
  g_assert_nonnull (strstr (details, "\"rows\":3"));
  g_assert_nonnull (strstr (details, "public.csv\""));
}

static void
test_export_failure_leaves_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecipientExporter) exporter = sy_recipient_exporter_new (f->db, SY_MASK_INTERNAL);
  g_autofree char *path = g_build_filename (f->dir, "no", "such", "dir", "x.csv", NULL);

  g_assert_false (sy_recipient_exporter_write_csv (exporter, path, NULL, NULL, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_IO);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'export'"), ==, 0);
}

/* --- households --------------------------------------------------------------- */

static gint64
household_of (SyDatabase *db, const char *id_number, const char *head_id_number)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT COUNT(*) FROM recipient m JOIN recipient h ON m.household_id = h.id "
    "WHERE m.id_number = '%s' AND h.id_number = '%s'", id_number, head_id_number);
  return count (db, sql);
}

static void
test_household_head_later_in_file (Fixture *f, gconstpointer data)
{
  g_autofree char *head = id_for (11);
  g_autofree char *wife = id_for (12);
  g_autofree char *son = id_for (13);
  /* The members come first; the head's own line names himself. */
  g_autofree char *text = g_strdup_printf ("姓名,身份证号,户主身份证号,与户主关系\n"
                                           "钱小梅,%s,%s,配偶\n"
                                           "赵小川,%s,%s,子\n"
                                           "赵大山,%s,%s,户主\n",
                                           wife, head, son, head, head, head);
  g_autoptr(SyRecipientImporter) importer = import_text (f, text, RUN_COMMIT);

  assert_counts (importer, 3, 0, 0, 0);
  g_assert_true (sy_recipient_importer_get_committed (importer));
  g_assert_cmpint (household_of (f->db, wife, head), ==, 1);
  g_assert_cmpint (household_of (f->db, son, head), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient WHERE household_id IS NULL"), ==, 1);
}

static void
test_household_head_stored (Fixture *f, gconstpointer data)
{
  g_autofree char *head = id_for (21);
  g_autofree char *wife = id_for (22);
  g_autofree char *first = g_strdup_printf ("姓名,身份证号\n赵大山,%s\n", head);
  g_autofree char *second = g_strdup_printf ("姓名,身份证,户主身份证\n钱小梅,%s,%s\n", wife, head);
  g_autoptr(SyRecipientImporter) a = import_text (f, first, RUN_COMMIT);
  g_autoptr(SyRecipientImporter) b = import_text (f, second, RUN_COMMIT);

  assert_counts (b, 1, 0, 0, 0);
  g_assert_cmpint (household_of (f->db, wife, head), ==, 1);
}

static void
test_household_head_unknown (Fixture *f, gconstpointer data)
{
  g_autofree char *stranger = id_for (31);
  g_autofree char *wife = id_for (32);
  g_autofree char *other = id_for (33);
  g_autofree char *text = g_strdup_printf ("姓名,身份证号,户主证件号\n"
                                           "周平,%s,\n"
                                           "钱小梅,%s,%s\n",
                                           other, wife, stranger);
  g_autoptr(SyRecipientImporter) importer = import_text (f, text, RUN_COMMIT);
  g_autofree char *issue = find_issue (importer, 3, SY_IMPORT_ERROR, stranger);

  g_assert_nonnull (strstr (issue, "roster.csv:3: 户主证件号: "));
  assert_counts (importer, 1, 0, 0, 1);
  g_assert_false (sy_recipient_importer_get_committed (importer));
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM recipient"), ==, 0);
}

/* A stored person whose only change is a new 户主 is updated, in the preview
 * and in the commit alike; the same file again leaves them unchanged. */
static void
test_household_link_only (Fixture *f, gconstpointer data)
{
  g_autofree char *head = id_for (41);
  g_autofree char *wife = id_for (42);
  g_autofree char *first = g_strdup_printf ("姓名,身份证号\n赵大山,%s\n钱小梅,%s\n", head, wife);
  g_autofree char *linked = g_strdup_printf ("姓名,身份证号,户主身份证号\n"
                                             "赵大山,%s,%s\n钱小梅,%s,%s\n",
                                             head, head, wife, head);
  g_autoptr(SyRecipientImporter) importer = NULL;

  g_object_unref (import_text (f, first, RUN_COMMIT));

  importer = import_text (f, linked, RUN_PREVIEW);
  assert_counts (importer, 0, 1, 1, 0);
  g_assert_cmpint (sy_recipient_importer_get_action (importer, 1), ==, SY_IMPORT_ACTION_UPDATED);
  g_clear_object (&importer);
  g_assert_cmpint (household_of (f->db, wife, head), ==, 0);

  importer = import_text (f, linked, RUN_COMMIT);
  assert_counts (importer, 0, 1, 1, 0);
  g_assert_cmpint (sy_recipient_importer_get_action (importer, 0), ==, SY_IMPORT_ACTION_UNCHANGED);
  g_assert_cmpint (sy_recipient_importer_get_action (importer, 1), ==, SY_IMPORT_ACTION_UPDATED);
  g_clear_object (&importer);
  g_assert_cmpint (household_of (f->db, wife, head), ==, 1);

  importer = import_text (f, linked, RUN_COMMIT);
  assert_counts (importer, 0, 0, 2, 0);
}

/* A new link the register cannot take (the head is a member elsewhere) is
 * not made: the person counts as unchanged after the commit. */
static void
test_household_link_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *head = id_for (51);
  g_autofree char *son = id_for (52);
  g_autofree char *other = id_for (53);
  g_autofree char *first = g_strdup_printf ("姓名,身份证号,户主身份证号\n"
                                            "赵大山,%s,\n赵小川,%s,%s\n周平,%s,\n",
                                            head, son, head, other);
  g_autofree char *second = g_strdup_printf ("姓名,身份证号,户主身份证号\n周平,%s,%s\n",
                                             other, son);
  g_autoptr(SyRecipientImporter) importer = NULL;
  g_autofree char *issue = NULL;

  g_object_unref (import_text (f, first, RUN_COMMIT));
  importer = import_text (f, second, RUN_COMMIT);
  issue = find_issue (importer, 2, SY_IMPORT_WARNING, son);
  assert_counts (importer, 0, 0, 1, 0);
  g_assert_cmpint (sy_recipient_importer_get_action (importer, 0), ==, SY_IMPORT_ACTION_UNCHANGED);
  g_assert_cmpint (household_of (f->db, other, son), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/recipient-import/upsert-counts", test_upsert_counts);
  ADD ("/recipient-import/partial-columns", test_partial_columns);
  ADD ("/recipient-import/name-change-warns", test_name_change_warns);
  ADD ("/recipient-import/rejected-rows-write-nothing", test_rejected_rows_write_nothing);
  ADD ("/recipient-import/skip-invalid", test_skip_invalid);
  ADD ("/recipient-import/over-long-cell", test_over_long_cell);
  ADD ("/recipient-import/dry-run-writes-nothing", test_dry_run_writes_nothing);
  ADD ("/recipient-import/database-failure-rolls-back", test_database_failure_rolls_back);
  ADD ("/recipient-import/cancel", test_cancel);
  ADD ("/recipient-import/categories-replaced-only-when-different",
       test_categories_replaced_only_when_different);
  ADD ("/recipient-export/profiles", test_export_profiles);
  ADD ("/recipient-export/failure-leaves-nothing", test_export_failure_leaves_nothing);
  ADD ("/recipient-import/household-head-later", test_household_head_later_in_file);
  ADD ("/recipient-import/household-head-stored", test_household_head_stored);
  ADD ("/recipient-import/household-head-unknown", test_household_head_unknown);
  ADD ("/recipient-import/household-link-only", test_household_link_only);
  ADD ("/recipient-import/household-link-refused", test_household_link_refused);
  ADD ("/recipient-import/related-soldier", test_related_soldier);
#undef ADD

  return g_test_run ();
}
