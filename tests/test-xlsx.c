/* test-xlsx.c: reading .xlsx workbooks into tables (SyXlsxReader)
 *
 * The fixtures are written here with libxlsxwriter (and LibreOffice when it
 * is installed), so the tests need no binary files in the tree.
 */
#include <stdlib.h>
#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "sy-core.h"

static char *tmp_dir;

static char *
fixture_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* Sheet 名单: a title row, strings, an ID as text, a phone as a number,
 * dates in three formats, a time, an amount, an ID that became a number,
 * gaps; a second sheet 第二页. */
static char *
write_basic (gboolean constant_memory)
{
  char *path = fixture_path (constant_memory ? "basic-cm.xlsx" : "basic.xlsx");
  lxw_workbook_options options = { .constant_memory = constant_memory, .tmpdir = tmp_dir };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "名单");
  lxw_worksheet *ws2 = workbook_add_worksheet (wb, "第二页");
  lxw_format *text = workbook_add_format (wb);
  lxw_format *iso = workbook_add_format (wb);
  lxw_format *builtin = workbook_add_format (wb);
  lxw_format *chinese = workbook_add_format (wb);
  lxw_format *clock = workbook_add_format (wb);
  lxw_format *money = workbook_add_format (wb);
  lxw_format *bold = workbook_add_format (wb);
  lxw_datetime birth = { 1991, 1, 1, 0, 0, 0 };
  lxw_datetime paid = { 2024, 3, 1, 0, 0, 0 };
  lxw_datetime enlisted = { 2010, 12, 9, 0, 0, 0 };
  lxw_datetime at = { 0, 0, 0, 8, 30, 15 };
  lxw_rich_string_tuple run1 = { .format = bold, .string = "红星" };
  lxw_rich_string_tuple run2 = { .format = NULL, .string = "村" };
  lxw_rich_string_tuple *runs[] = { &run1, &run2, NULL };

  format_set_num_format (text, "@");
  format_set_num_format (iso, "yyyy-mm-dd");
  format_set_num_format_index (builtin, 14);
  format_set_num_format (chinese, "yyyy\"年\"m\"月\"d\"日\"");
  format_set_num_format (clock, "hh:mm:ss");
  format_set_num_format (money, "#,##0.00");
  format_set_bold (bold);

  worksheet_write_string (ws, 0, 0, "XX镇优抚对象花名册", NULL);
  worksheet_write_string (ws, 1, 0, "姓名", NULL);
  worksheet_write_string (ws, 1, 1, "身份证号", NULL);
  worksheet_write_string (ws, 1, 2, "联系电话", NULL);
  worksheet_write_string (ws, 1, 3, "出生日期", NULL);
  worksheet_write_string (ws, 1, 4, "发放日期", NULL);
  worksheet_write_string (ws, 1, 5, "入伍时间", NULL);
  worksheet_write_string (ws, 1, 6, "时间", NULL);
  worksheet_write_string (ws, 1, 7, "金额", NULL);
  worksheet_write_string (ws, 1, 8, "所属村", NULL);

  worksheet_write_string (ws, 2, 0, "张建国", NULL);
  worksheet_write_string (ws, 2, 1, "360426199101010071", text);
  worksheet_write_number (ws, 2, 2, 13812341234.0, NULL);
  worksheet_write_datetime (ws, 2, 3, &birth, iso);
  worksheet_write_datetime (ws, 2, 4, &paid, builtin);
  worksheet_write_datetime (ws, 2, 5, &enlisted, chinese);
  worksheet_write_datetime (ws, 2, 6, &at, clock);
  worksheet_write_number (ws, 2, 7, 1409.5, money);
  if (!constant_memory)
    worksheet_write_rich_string (ws, 2, 8, runs, NULL);
  else
    worksheet_write_string (ws, 2, 8, "红星村", NULL);

  worksheet_write_string (ws, 3, 0, "赵强", NULL);
  worksheet_write_number (ws, 3, 1, 360426199101010071.0, NULL);
  worksheet_write_boolean (ws, 3, 2, 1, NULL);

  /* row 5 is blank; row 6 has gaps (B, D–H) and a styled empty cell far right */
  worksheet_write_string (ws, 5, 0, "王明", NULL);
  worksheet_write_number (ws, 5, 2, 0.1 + 0.2, NULL);
  worksheet_write_string (ws, 5, 8, "东风村", NULL);
  worksheet_write_blank (ws, 5, 40, bold);

  worksheet_write_string (ws2, 0, 0, "第二页的内容", NULL);

  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  return path;
}

static SyTable *
read_ok (SyXlsxReader *reader, const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SyTable *table = sy_xlsx_reader_read_file (reader, file, "test.xlsx", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static void
check_basic (gboolean constant_memory)
{
  g_autofree char *path = write_basic (constant_memory);
  g_autoptr(SyXlsxReader) reader = sy_xlsx_reader_new ();
  g_autoptr(SyTable) table = read_ok (reader, path);
  const char * const *names = sy_xlsx_reader_get_sheet_names (reader);

  g_assert_cmpuint (sy_xlsx_reader_get_n_sheets (reader), ==, 2);
  g_assert_cmpstr (names[0], ==, "名单");
  g_assert_cmpstr (names[1], ==, "第二页");
  g_assert_null (names[2]);
  g_assert_cmpint (sy_xlsx_reader_find_sheet (reader, "第二页"), ==, 1);
  g_assert_cmpint (sy_xlsx_reader_find_sheet (reader, "Sheet9"), ==, -1);
  g_assert_cmpuint (sy_xlsx_reader_get_sheet (reader), ==, 0);
  g_assert_cmpstr (sy_table_get_source_name (table), ==, "test.xlsx");

  /* rows 1–4 and 6: the blank row 5 is dropped, the numbers are Excel's */
  g_assert_cmpuint (sy_table_get_n_rows (table), ==, 5);
  g_assert_cmpuint (sy_table_get_line (table, 0), ==, 1);
  g_assert_cmpuint (sy_table_get_line (table, 3), ==, 4);
  g_assert_cmpuint (sy_table_get_line (table, 4), ==, 6);
  g_assert_cmpstr (sy_table_get_cell (table, 0, 0), ==, "XX镇优抚对象花名册");
  g_assert_cmpstr (sy_table_get_cell (table, 1, 8), ==, "所属村");

  g_assert_cmpstr (sy_table_get_cell (table, 2, 0), ==, "张建国");
  g_assert_cmpstr (sy_table_get_cell (table, 2, 1), ==, "360426199101010071");
  g_assert_cmpstr (sy_table_get_cell (table, 2, 2), ==, "13812341234");
  g_assert_cmpstr (sy_table_get_cell (table, 2, 3), ==, "1991-01-01");
  g_assert_cmpstr (sy_table_get_cell (table, 2, 4), ==, "2024-03-01");
  g_assert_cmpstr (sy_table_get_cell (table, 2, 5), ==, "2010-12-09");
  g_assert_cmpstr (sy_table_get_cell (table, 2, 6), ==, "08:30:15");
  g_assert_cmpstr (sy_table_get_cell (table, 2, 7), ==, "1,409.50");
  g_assert_cmpstr (sy_table_get_cell (table, 2, 8), ==, "红星村");

  /* the ID that was typed as a number: shown as Excel shows it, so the ID
   * check refuses it */
  g_assert_cmpstr (sy_table_get_cell (table, 3, 1), ==, "3.60426E+17");
  g_assert_true (sy_id_number_is_excel_mangled (sy_table_get_cell (table, 3, 1)));
  g_assert_cmpstr (sy_table_get_cell (table, 3, 2), ==, "TRUE");

  g_assert_cmpuint (sy_table_get_n_cells (table, 4), ==, 9);
  g_assert_cmpstr (sy_table_get_cell (table, 4, 0), ==, "王明");
  g_assert_cmpstr (sy_table_get_cell (table, 4, 1), ==, "");
  g_assert_cmpstr (sy_table_get_cell (table, 4, 2), ==, "0.3");
  g_assert_cmpstr (sy_table_get_cell (table, 4, 7), ==, "");
  g_assert_cmpstr (sy_table_get_cell (table, 4, 8), ==, "东风村");
}

static void
test_basic (void)
{
  check_basic (FALSE);
}

/* constant_memory: inline strings instead of the shared string table */
static void
test_inline_strings (void)
{
  check_basic (TRUE);
}

static void
test_second_sheet (void)
{
  g_autofree char *path = write_basic (FALSE);
  g_autoptr(SyXlsxReader) reader = sy_xlsx_reader_new ();
  g_autoptr(SyTable) table = NULL;
  g_autoptr(SyTable) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *data = NULL;
  gsize len;

  sy_xlsx_reader_set_sheet (reader, 1);
  table = read_ok (reader, path);
  g_assert_cmpuint (sy_xlsx_reader_get_sheet (reader), ==, 1);
  g_assert_cmpuint (sy_table_get_n_rows (table), ==, 1);
  g_assert_cmpstr (sy_table_get_cell (table, 0, 0), ==, "第二页的内容");

  /* the same workbook from memory, both sheets in turn */
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  bytes = g_bytes_new (data, len);
  g_assert_true (sy_xlsx_reader_open_bytes (reader, bytes, "mem.xlsx", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sy_xlsx_reader_get_default_sheet (reader), ==, 0);
  again = sy_xlsx_reader_read_sheet (reader, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_table_get_cell (again, 2, 0), ==, "张建国");
  g_clear_object (&again);
  again = sy_xlsx_reader_read_sheet (reader, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_table_get_cell (again, 0, 0), ==, "第二页的内容");
  g_clear_object (&again);

  again = sy_xlsx_reader_read_sheet (reader, 2, &error);
  g_assert_null (again);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "mem.xlsx"));
}

static void
test_formats (void)
{
  gboolean seconds = TRUE;
  struct { const char *code; SyXlsxFormatKind kind; gboolean seconds; } cases[] = {
    { "General", SY_XLSX_FORMAT_GENERAL, FALSE },
    { "0.00", SY_XLSX_FORMAT_GENERAL, FALSE },
    { "#,##0.00_);[Red](#,##0.00)", SY_XLSX_FORMAT_GENERAL, FALSE },
    { "0.00E+00", SY_XLSX_FORMAT_GENERAL, FALSE },
    { "@", SY_XLSX_FORMAT_TEXT, FALSE },
    { "yyyy-mm-dd", SY_XLSX_FORMAT_DATE, FALSE },
    { "yyyy\"年\"m\"月\"d\"日\"", SY_XLSX_FORMAT_DATE, FALSE },
    { "[$-804]yyyy\"年\"m\"月\"", SY_XLSX_FORMAT_DATE, FALSE },
    { "\"day\" 0", SY_XLSX_FORMAT_GENERAL, FALSE },
    { "0\"h\"", SY_XLSX_FORMAT_GENERAL, FALSE },
    { "h:mm AM/PM", SY_XLSX_FORMAT_TIME, FALSE },
    { "hh:mm:ss", SY_XLSX_FORMAT_TIME, TRUE },
    { "mm:ss", SY_XLSX_FORMAT_TIME, TRUE },
    { "[h]:mm", SY_XLSX_FORMAT_TIME, FALSE },
    { "yyyy/m/d h:mm", SY_XLSX_FORMAT_DATE_TIME, FALSE },
    { "m/d/yy", SY_XLSX_FORMAT_DATE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].code);
      g_assert_cmpint (sy_xlsx_classify_format (cases[i].code, &seconds), ==, cases[i].kind);
      if (cases[i].kind == SY_XLSX_FORMAT_TIME)
        g_assert_cmpint (seconds, ==, cases[i].seconds);
    }
}

static void
assert_number (double value, SyXlsxFormatKind kind, gboolean date1904, const char *expected)
{
  g_autofree char *text = sy_xlsx_format_number (value, kind, TRUE, date1904);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_numbers (void)
{
  assert_number (13812341234.0, SY_XLSX_FORMAT_GENERAL, FALSE, "13812341234");
  assert_number (999999999999999.0, SY_XLSX_FORMAT_GENERAL, FALSE, "999999999999999");
  assert_number (1e15, SY_XLSX_FORMAT_GENERAL, FALSE, "1E+15");
  assert_number (360426199101010071.0, SY_XLSX_FORMAT_GENERAL, FALSE, "3.60426E+17");
  assert_number (6217000010012345678.0, SY_XLSX_FORMAT_GENERAL, FALSE, "6.217E+18");
  assert_number (-42, SY_XLSX_FORMAT_GENERAL, FALSE, "-42");
  assert_number (-0.0, SY_XLSX_FORMAT_GENERAL, FALSE, "0");
  assert_number (1409.5, SY_XLSX_FORMAT_TEXT, FALSE, "1409.5");

  /* the 1900 system, its fictitious leap day, and 1904 */
  assert_number (1, SY_XLSX_FORMAT_DATE, FALSE, "1900-01-01");
  assert_number (59, SY_XLSX_FORMAT_DATE, FALSE, "1900-02-28");
  assert_number (60, SY_XLSX_FORMAT_DATE, FALSE, "1900-02-29");
  assert_number (61, SY_XLSX_FORMAT_DATE, FALSE, "1900-03-01");
  assert_number (33239, SY_XLSX_FORMAT_DATE, FALSE, "1991-01-01");
  assert_number (45352, SY_XLSX_FORMAT_DATE, FALSE, "2024-03-01");
  assert_number (0, SY_XLSX_FORMAT_DATE, TRUE, "1904-01-01");
  assert_number (45352 - 1462, SY_XLSX_FORMAT_DATE, TRUE, "2024-03-01");
  assert_number (45352.75, SY_XLSX_FORMAT_DATE_TIME, FALSE, "2024-03-01 18:00:00");
  assert_number (0.5, SY_XLSX_FORMAT_TIME, FALSE, "12:00:00");
  /* out of Excel's date range: the number */
  assert_number (-1, SY_XLSX_FORMAT_DATE, FALSE, "-1");
}

static void
assert_code (double value, const char *code, const char *expected)
{
  g_autofree char *text = sy_xlsx_format_number_code (value, code);

  g_test_message ("%.17g under %s", value, code);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_number_codes (void)
{
  /* the built-ins by id */
  g_assert_cmpstr (sy_xlsx_builtin_format_code (1), ==, "0");
  g_assert_cmpstr (sy_xlsx_builtin_format_code (4), ==, "#,##0.00");
  g_assert_cmpstr (sy_xlsx_builtin_format_code (11), ==, "0.00E+00");
  g_assert_cmpstr (sy_xlsx_builtin_format_code (49), ==, "@");
  g_assert_null (sy_xlsx_builtin_format_code (14));

  assert_code (1409.5, "General", "1409.5");
  assert_code (1409.5, "0", "1410");
  assert_code (1409.49, "0", "1409");
  assert_code (-1409.5, "0", "-1410");
  assert_code (0, "0", "0");
  assert_code (1409.5, "0.00", "1409.50");
  /* half away from zero on the 15-digit decimal, as Excel: 2.675 is
   * 2.67499999… as a double */
  assert_code (2.675, "0.00", "2.68");
  assert_code (-2.675, "0.00", "-2.68");
  assert_code (1.005, "0.00", "1.01");
  assert_code (0.006, "0.00", "0.01");
  assert_code (-0.001, "0.00", "0.00");
  assert_code (1234567.891, "#,##0", "1,234,568");
  assert_code (999.5, "#,##0", "1,000");
  assert_code (0, "#,##0", "0");
  assert_code (1409.5, "#,##0.00", "1,409.50");
  assert_code (-1234567.5, "#,##0.00", "-1,234,567.50");
  assert_code (0.125, "0%", "13%");
  assert_code (0.45, "0.00%", "45.00%");
  assert_code (-0.0005, "0.00%", "-0.05%");
  assert_code (12345.678, "0.00E+00", "1.23E+04");
  assert_code (0.000123, "0.00E+00", "1.23E-04");
  assert_code (9.999, "0.00E+00", "1.00E+01");
  assert_code (0, "0.00E+00", "0.00E+00");
  assert_code (12345, "##0.0E+0", "12.3E+3");
  assert_code (1409.5, "@", "1409.5");

  /* the 15 significant digits Excel keeps: an ID typed as a number */
  assert_code (360426199101010071.0, "0", "360426199101010000");
  assert_code (360426199101010071.0, "#,##0", "360,426,199,101,010,000");
  assert_code (6217000010012345678.0, "0", "6217000010012350000");
  assert_code (13812341234.0, "0", "13812341234");
  assert_code (1e20, "0", "100000000000000000000");
  assert_code (0.1 + 0.2, "0.00000000000000000", "0.30000000000000000");

  /* custom codes */
  assert_code (1409.5, "¥#,##0.00", "¥1,409.50");
  assert_code (-1409.5, "¥#,##0.00", "-¥1,409.50");
  assert_code (1409.5, "[$¥-804]#,##0.00", "¥1,409.50");
  assert_code (1409.5, "[$-804]0.0", "1409.5");
  assert_code (1409.5, "#,##0.00\\元", "1,409.50元");
  assert_code (1409.5, "0\" 元\"", "1410 元");
  assert_code (1409.5, "#,##0.00;[Red](#,##0.00)", "1,409.50");
  assert_code (-1409.5, "#,##0.00;[Red](#,##0.00)", "(1,409.50)");
  assert_code (-5, "0.00;\\-0.00;\"零\"", "-5.00");
  assert_code (0, "0.00;\\-0.00;\"零\"", "零");
  assert_code (-5, "#,##0.00_);(#,##0.00)", "(5.00)");
  assert_code (5, "#,##0.00_);(#,##0.00)", "5.00");
  assert_code (1.5, "0.0#", "1.5");
  assert_code (1.256, "0.0#", "1.26");
  assert_code (0.5, "#.##", ".5");
  assert_code (42, "00000", "00042");
  assert_code (13812341234.0, "000-0000-0000", "138-1234-1234");
  assert_code (1234567, "#,##0,", "1,235");
  assert_code (1234567, "0.0,,", "1.2");
  assert_code (99.99, "##0.0E+0", "100.0E+0");
  assert_code (0.001, "##0.0E+0", "1.0E-3");
  assert_code (7, "\"第\"0\"名\"", "第7名");
  assert_code (3, "General\" 人\"", "3 人");

  /* not understood: General */
  assert_code (1.5, "# ?/?", "1.5");
  assert_code (150, "[>100]0;0.00", "150");
  assert_code (1.5, "0.0\"unterminated", "1.5");
  assert_code (1.5, "0 abc", "1.5");
}

/* Cells under number formats, as libxlsxwriter writes them (built-in ids
 * as numFmtId only, custom codes in styles.xml). */
static void
test_formatted_cells (void)
{
  g_autofree char *path = fixture_path ("formats.xlsx");
  lxw_workbook_options options = { .tmpdir = tmp_dir };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "格式");
  struct { guint id; double value; const char *shown; } builtins[] = {
    { 0, 1409.5, "1409.5" },
    { 1, 1409.5, "1410" },
    { 2, 1409.5, "1409.50" },
    { 3, 1234567.5, "1,234,568" },
    { 4, 1409.5, "1,409.50" },
    { 9, 0.125, "13%" },
    { 10, 0.45, "45.00%" },
    { 11, 12345.678, "1.23E+04" },
    { 49, 1409.5, "1409.5" },
  };
  struct { const char *code; double value; const char *shown; } customs[] = {
    { "¥#,##0.00", 1409.5, "¥1,409.50" },
    { "[$¥-804]#,##0.00", 6007.14, "¥6,007.14" },
    { "#,##0.00;[Red]\\-#,##0.00", -16409.02, "-16,409.02" },
    { "0.00\"元\";(0.00\"元\")", -3.5, "(3.50元)" },
    { "0", 360426199101010071.0, "360426199101010000" },
  };
  lxw_format *text = workbook_add_format (wb);
  g_autoptr(SyXlsxReader) reader = sy_xlsx_reader_new ();
  g_autoptr(SyTable) table = NULL;
  g_autoptr(GError) error = NULL;
  const char *mangled;

  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    {
      lxw_format *f = workbook_add_format (wb);

      format_set_num_format_index (f, builtins[i].id);
      worksheet_write_number (ws, i, 0, builtins[i].value, f);
    }
  for (guint i = 0; i < G_N_ELEMENTS (customs); i++)
    {
      lxw_format *f = workbook_add_format (wb);

      format_set_num_format (f, customs[i].code);
      worksheet_write_number (ws, i, 1, customs[i].value, f);
    }
  /* an ID kept as text under "@" */
  format_set_num_format (text, "@");
  worksheet_write_string (ws, 0, 2, "120103198806018241", text);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  table = read_ok (reader, path);
  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    {
      g_test_message ("numFmtId %u", builtins[i].id);
      g_assert_cmpstr (sy_table_get_cell (table, i, 0), ==, builtins[i].shown);
    }
  for (guint i = 0; i < G_N_ELEMENTS (customs); i++)
    {
      g_test_message ("%s", customs[i].code);
      g_assert_cmpstr (sy_table_get_cell (table, i, 1), ==, customs[i].shown);
    }

  /* The ID typed as a number under "0": all 18 digits shown, the last three
   * zeros, and the ID check refuses it as mangled by Excel. */
  mangled = sy_table_get_cell (table, G_N_ELEMENTS (customs) - 1, 1);
  g_assert_true (sy_id_number_is_excel_mangled (mangled));
  g_assert_false (sy_id_number_validate (mangled, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* the ID kept as text stays exact and valid */
  g_assert_cmpstr (sy_table_get_cell (table, 0, 2), ==, "120103198806018241");
  g_assert_true (sy_id_number_validate (sy_table_get_cell (table, 0, 2), NULL, &error));
  g_assert_no_error (error);
}

static void
assert_refused (const char *name, const void *data, gsize len, const char *part)
{
  g_autoptr(SyXlsxReader) reader = sy_xlsx_reader_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyTable) table = sy_xlsx_reader_read_bytes (reader, bytes, name, &error);

  g_assert_null (table);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, part));
}

static void
test_not_xlsx (void)
{
  static const char csv[] = "姓名,身份证号\n张三,360426199101010071\n";
  static const guchar ole[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0 };
  g_autofree char *path = write_basic (FALSE);
  g_autofree char *data = NULL;
  gsize len;

  assert_refused ("list.xlsx", csv, strlen (csv), "not a zip");
  assert_refused ("empty.xlsx", "", 0, "not a zip");
  assert_refused ("secret.xlsx", ole, sizeof ole, "password");
  assert_refused ("old.xlsx", ole, sizeof ole, ".xls");

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  assert_refused ("cut.xlsx", data, len / 2, "damaged");
  assert_refused ("stub.xlsx", data, 30, "damaged");
}

/* A zip with the parts a workbook needs and @sheet_size bytes of sheet. */
static GBytes *
make_zip (const char *workbook, gsize sheet_size)
{
  static const char rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/></Relationships>";
  static const char head[] = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>";
  struct archive *a = archive_write_new ();
  struct archive_entry *e;
  gsize size = 64 * 1024 * 1024, used = 0;
  guchar *buf = g_malloc (size);
  struct { const char *name; const char *text; gsize len; } parts[] = {
    { "xl/workbook.xml", workbook, strlen (workbook) },
    { "xl/_rels/workbook.xml.rels", rels, strlen (rels) },
  };
  g_autofree char *spaces = g_malloc (1024 * 1024);

  memset (spaces, ' ', 1024 * 1024);
  archive_write_set_format_zip (a);
  archive_write_zip_set_compression_deflate (a);
  g_assert_cmpint (archive_write_open_memory (a, buf, size, &used), ==, ARCHIVE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      e = archive_entry_new ();
      archive_entry_set_pathname (e, parts[i].name);
      archive_entry_set_filetype (e, AE_IFREG);
      archive_entry_set_perm (e, 0644);
      archive_entry_set_size (e, parts[i].len);
      archive_write_header (a, e);
      archive_write_data (a, parts[i].text, parts[i].len);
      archive_entry_free (e);
    }
  if (sheet_size > 0)
    {
      e = archive_entry_new ();
      archive_entry_set_pathname (e, "xl/worksheets/sheet1.xml");
      archive_entry_set_filetype (e, AE_IFREG);
      archive_entry_set_perm (e, 0644);
      /* no size in the header: the reader has to count */
      archive_write_header (a, e);
      archive_write_data (a, head, strlen (head));
      for (gsize n = 0; n < sheet_size; n += 1024 * 1024)
        archive_write_data (a, spaces, 1024 * 1024);
      archive_entry_free (e);
    }
  g_assert_cmpint (archive_write_close (a), ==, ARCHIVE_OK);
  archive_write_free (a);
  return g_bytes_new_take (g_realloc (buf, used), used);
}

static void
test_no_sheets (void)
{
  g_autoptr(GBytes) zip = make_zip ("<workbook><sheets/></workbook>", 0);
  g_autoptr(SyXlsxReader) reader = sy_xlsx_reader_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (sy_xlsx_reader_open_bytes (reader, zip, "none.xlsx", &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "without any sheet"));
}

static void
test_zip_bomb (void)
{
  static const char workbook[] =
    "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"炸弹\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  g_autoptr(GBytes) zip = NULL;
  g_autoptr(SyXlsxReader) reader = sy_xlsx_reader_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SyTable) table = NULL;

  if (!g_test_slow () && g_getenv ("SY_TEST_QUICK") != NULL)
    {
      g_test_skip ("SY_TEST_QUICK");
      return;
    }
  zip = make_zip (workbook, SY_XLSX_MAX_MEMBER_SIZE + 1024 * 1024);
  /* deflate makes 200 MB of spaces a few hundred KB */
  g_assert_cmpuint (g_bytes_get_size (zip), <, 2 * 1024 * 1024);
  table = sy_xlsx_reader_read_bytes (reader, zip, "bomb.xlsx", &error);
  g_assert_null (table);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_test_message ("%" G_GSIZE_FORMAT " bytes: %s", g_bytes_get_size (zip), error->message);
  g_assert_nonnull (strstr (error->message, "zip bomb"));
}

/* Converts @csv to .xlsx with LibreOffice (headless, a throwaway profile
 * and HOME under tmp_dir, at most 120 s through timeout(1), which ends only
 * the processes it started).  @infilter gives the CSV column types. */
static void
libreoffice_convert (const char *soffice,
                     const char *csv,
                     const char *infilter,
                     const char *xlsx)
{
  g_autofree char *timeout = g_find_program_in_path ("timeout");
  g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/lo-profile", tmp_dir);
  g_autofree char *home = fixture_path ("lo-home");
  g_autofree char *filter = g_strdup_printf ("--infilter=Text - txt - csv (StarCalc):%s", infilter);
  g_autofree char *errors = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);
  envp = g_environ_setenv (envp, "HOME", home, TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  g_remove (xlsx);

  if (timeout != NULL)
    {
      g_ptr_array_add (argv, timeout);
      g_ptr_array_add (argv, "-k");
      g_ptr_array_add (argv, "10");
      g_ptr_array_add (argv, "120");
    }
  g_ptr_array_add (argv, (char *) soffice);
  g_ptr_array_add (argv, profile);
  g_ptr_array_add (argv, "--headless");
  g_ptr_array_add (argv, filter);
  g_ptr_array_add (argv, "--convert-to");
  g_ptr_array_add (argv, "xlsx");
  g_ptr_array_add (argv, "--outdir");
  g_ptr_array_add (argv, tmp_dir);
  g_ptr_array_add (argv, (char *) csv);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &errors, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error) || !g_file_test (xlsx, G_FILE_TEST_EXISTS))
    g_error ("soffice could not convert %s: %s\n%s", csv,
             error != NULL ? error->message : "no output", errors);
}

/* Workbooks as LibreOffice writes them: the ID column imported as text, and
 * left as numbers (what Excel users get).  Skipped only where LibreOffice is
 * not installed (build-aux/dev installs it with the test packages). */
static void
test_libreoffice (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *csv = fixture_path ("lo.csv");
  g_autofree char *xlsx = fixture_path ("lo.xlsx");
  g_autoptr(SyXlsxReader) reader = sy_xlsx_reader_new ();
  g_autoptr(SyTable) table = NULL;

  if (soffice == NULL)
    {
      g_test_skip ("soffice (LibreOffice) is not installed");
      return;
    }
  g_assert_true (g_file_set_contents (csv,
                                      "姓名,身份证号,电话,日期,金额\n"
                                      "张三,360426199101010071,13812341234,2024-03-01,1409.5\n"
                                      "李四,120103198806018241,,1988/6/1,\n", -1, NULL));

  /* UTF-8, column 2 as Text, zh-CN; "detect special numbers" makes 1988/6/1
   * a date (without it only ISO dates are). */
  libreoffice_convert (soffice, csv, "44,34,76,1,2/2,2052,false,true", xlsx);
  table = read_ok (reader, xlsx);
  g_assert_cmpuint (sy_table_get_n_rows (table), ==, 3);
  g_assert_cmpstr (sy_table_get_cell (table, 0, 1), ==, "身份证号");
  g_assert_cmpstr (sy_table_get_cell (table, 1, 0), ==, "张三");
  g_assert_cmpstr (sy_table_get_cell (table, 1, 1), ==, "360426199101010071");
  g_assert_cmpstr (sy_table_get_cell (table, 1, 2), ==, "13812341234");
  g_assert_cmpstr (sy_table_get_cell (table, 1, 3), ==, "2024-03-01");
  g_assert_cmpstr (sy_table_get_cell (table, 1, 4), ==, "1409.5");
  g_assert_cmpstr (sy_table_get_cell (table, 2, 1), ==, "120103198806018241");
  g_assert_cmpstr (sy_table_get_cell (table, 2, 3), ==, "1988-06-01");
  g_clear_object (&table);

  /* The same with the ID column as numbers: shown as General shows them. */
  libreoffice_convert (soffice, csv, "44,34,76,1,2/1,2052,false,true", xlsx);
  table = read_ok (reader, xlsx);
  g_assert_cmpstr (sy_table_get_cell (table, 1, 1), ==, "3.60426E+17");
  g_assert_cmpstr (sy_table_get_cell (table, 2, 1), ==, "1.20103E+17");
  g_assert_true (sy_id_number_is_excel_mangled (sy_table_get_cell (table, 1, 1)));
  g_assert_cmpstr (sy_table_get_cell (table, 1, 0), ==, "张三");
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("sy-test-xlsx-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/xlsx/basic", test_basic);
  g_test_add_func ("/xlsx/inline-strings", test_inline_strings);
  g_test_add_func ("/xlsx/second-sheet", test_second_sheet);
  g_test_add_func ("/xlsx/formats", test_formats);
  g_test_add_func ("/xlsx/numbers", test_numbers);
  g_test_add_func ("/xlsx/number-codes", test_number_codes);
  g_test_add_func ("/xlsx/formatted-cells", test_formatted_cells);
  g_test_add_func ("/xlsx/not-xlsx", test_not_xlsx);
  g_test_add_func ("/xlsx/no-sheets", test_no_sheets);
  g_test_add_func ("/xlsx/zip-bomb", test_zip_bomb);
  g_test_add_func ("/xlsx/libreoffice", test_libreoffice);
  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", tmp_dir);
  }
  g_free (tmp_dir);
  return status;
}
