/* test-import.c: CSV reading, header mapping and row validation for the
 * recipient import (core/ only) */
#include <string.h>

#include <sy-core.h>

/* --- helpers ------------------------------------------------------------ */

static SyTable *
read_fixture (const char *name, SyCsvReader **reader_out, GError **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SyCsvReader) reader = sy_csv_reader_new ();
  SyTable *table = sy_csv_reader_read_file (reader, file, name, NULL, error);

  if (reader_out != NULL)
    *reader_out = g_steal_pointer (&reader);
  return table;
}

static SyTable *
read_fixture_ok (const char *name, SyCsvReader **reader_out)
{
  g_autoptr(GError) error = NULL;
  SyTable *table = read_fixture (name, reader_out, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static SyTable *
read_text (const char *text, gssize len, SyCsvReader **reader_out, GError **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);
  g_autoptr(SyCsvReader) reader = sy_csv_reader_new ();
  SyTable *table = sy_csv_reader_read_bytes (reader, bytes, "test.csv", error);

  if (reader_out != NULL)
    *reader_out = g_steal_pointer (&reader);
  return table;
}

static SyTable *
read_text_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  SyTable *table = read_text (text, -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

/* Checks the line and the cells of @row; the cell list ends with NULL. */
static void
assert_row (SyTable *table, guint row, guint line, ...)
{
  va_list args;
  const char *expected;
  guint column = 0;

  g_assert_cmpuint (row, <, sy_table_get_n_rows (table));
  g_assert_cmpuint (sy_table_get_line (table, row), ==, line);
  va_start (args, line);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_assert_cmpstr (sy_table_get_cell (table, row, column), ==, expected);
      column++;
    }
  va_end (args);
  g_assert_cmpuint (sy_table_get_n_cells (table, row), ==, column);
}

static void
assert_same_table (SyTable *a, SyTable *b)
{
  g_assert_cmpuint (sy_table_get_n_rows (a), ==, sy_table_get_n_rows (b));
  for (guint r = 0; r < sy_table_get_n_rows (a); r++)
    {
      g_assert_cmpuint (sy_table_get_line (a, r), ==, sy_table_get_line (b, r));
      g_assert_cmpuint (sy_table_get_n_cells (a, r), ==, sy_table_get_n_cells (b, r));
      for (guint c = 0; c < sy_table_get_n_cells (a, r); c++)
        g_assert_cmpstr (sy_table_get_cell (a, r, c), ==, sy_table_get_cell (b, r, c));
    }
}

static void
assert_message (const char *message, const char *part)
{
  if (strstr (message, part) == NULL)
    g_error ("message “%s” lacks “%s”", message, part);
}

/* The issue of @row for @column (NULL: whole-row issues) whose message
 * contains @part, or a failure. */
static const SyImportIssue *
find_issue (SyRecipientRow *row, const char *column, SyImportSeverity severity,
            const char *part)
{
  GPtrArray *issues = sy_recipient_row_get_issues (row);

  for (guint i = 0; i < issues->len; i++)
    {
      const SyImportIssue *issue = g_ptr_array_index (issues, i);

      if (g_strcmp0 (issue->column, column) == 0 && issue->severity == severity
          && strstr (issue->message, part) != NULL)
        return issue;
    }
  for (guint i = 0; i < issues->len; i++)
    {
      const SyImportIssue *issue = g_ptr_array_index (issues, i);
      g_test_message ("issue: line %u, %s, %s: %s", issue->line, issue->column,
                      issue->severity == SY_IMPORT_ERROR ? "error" : "warning",
                      issue->message);
    }
  g_error ("line %u: no %s in column %s with “%s”", sy_recipient_row_get_line (row),
           severity == SY_IMPORT_ERROR ? "error" : "warning", column, part);
  return NULL;
}

static GPtrArray *
validate_text (const char *text)
{
  g_autoptr(SyTable) table = read_text_ok (text);
  g_autoptr(SyRecipientMapping) mapping = sy_recipient_mapping_new (table);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = sy_recipient_mapping_validate (mapping, NULL, &error);

  g_assert_no_error (error);
  return rows;
}

/* A one-row file with the given header and values. */
static SyRecipientRow *
validate_one (const char *header, const char *values)
{
  g_autofree char *text = g_strdup_printf ("%s\n%s\n", header, values);
  g_autoptr(GPtrArray) rows = validate_text (text);

  g_assert_cmpuint (rows->len, ==, 1);
  return g_object_ref (g_ptr_array_index (rows, 0));
}

/* --- encodings ------------------------------------------------------------ */

static void
check_roster (SyTable *table)
{
  g_assert_cmpuint (sy_table_get_n_rows (table), ==, 4);
  g_assert_cmpuint (sy_table_get_n_cells (table, 0), ==, 13);
  g_assert_cmpstr (sy_table_get_cell (table, 0, 0), ==, "序号");
  g_assert_cmpstr (sy_table_get_cell (table, 0, 6), ==, "所属村（社区）");
  g_assert_cmpstr (sy_table_get_cell (table, 1, 1), ==, "李建国");
  g_assert_cmpstr (sy_table_get_cell (table, 1, 7), ==, "清源县东风镇东风村3组, 12号");
  g_assert_cmpstr (sy_table_get_cell (table, 1, 8), ==, "残疾军人、退役士兵");
  g_assert_cmpstr (sy_table_get_cell (table, 1, 12), ==, "");
  g_assert_cmpuint (sy_table_get_n_cells (table, 1), ==, 13);
  g_assert_cmpstr (sy_table_get_cell (table, 2, 12), ==, "老人说：\"谢谢\"");
  g_assert_cmpstr (sy_table_get_cell (table, 3, 2), ==, "36042619781102003x");
  g_assert_cmpuint (sy_table_get_n_cells (table, 3), ==, 13);
  g_assert_cmpuint (sy_table_get_line (table, 3), ==, 4);
}

static void
test_csv_utf8 (void)
{
  g_autoptr(SyCsvReader) reader = NULL;
  g_autoptr(SyTable) table = read_fixture_ok ("roster.utf8.csv", &reader);

  g_assert_cmpint (sy_csv_reader_get_encoding (reader), ==, SY_TEXT_ENCODING_UTF8);
  g_assert_cmpint (sy_csv_reader_get_delimiter (reader), ==, ',');
  g_assert_cmpstr (sy_table_get_source_name (table), ==, "roster.utf8.csv");
  check_roster (table);
}

static void
test_csv_utf8_bom (void)
{
  g_autoptr(SyCsvReader) reader = NULL;
  g_autoptr(SyTable) table = read_fixture_ok ("roster-bom.csv", &reader);
  g_autoptr(SyTable) plain = read_fixture_ok ("roster.utf8.csv", NULL);

  /* The BOM must not stick to the first title, or 序号 would not match. */
  g_assert_cmpint (sy_csv_reader_get_encoding (reader), ==, SY_TEXT_ENCODING_UTF8_BOM);
  check_roster (table);
  assert_same_table (plain, table);
}

static void
test_csv_gbk (void)
{
  g_autoptr(SyCsvReader) reader = NULL;
  g_autoptr(SyTable) table = read_fixture_ok ("roster-gbk.csv", &reader);
  g_autoptr(SyTable) plain = read_fixture_ok ("roster.utf8.csv", NULL);

  g_assert_cmpint (sy_csv_reader_get_encoding (reader), ==, SY_TEXT_ENCODING_GB18030);
  check_roster (table);
  assert_same_table (plain, table);
}

static void
test_csv_gb18030_four_byte (void)
{
  /* 𠮷 (U+20BB7) has no GBK code: GB18030 writes it in four bytes. */
  const char *utf8 = "姓名,身份证号\n吉𠮷,360426195203120011\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SyCsvReader) reader = NULL;
  g_autoptr(SyTable) table = NULL;
  gsize written = 0;
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &written, &error);

  g_assert_no_error (error);
  table = read_text (gb, written, &reader, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sy_csv_reader_get_encoding (reader), ==, SY_TEXT_ENCODING_GB18030);
  assert_row (table, 1, 2, "吉𠮷", "360426195203120011", NULL);
}

static void
test_csv_utf16 (void)
{
  g_autoptr(SyTable) tsv = read_fixture_ok ("roster.utf8.tsv", NULL);
  g_autoptr(SyCsvReader) le_reader = NULL;
  g_autoptr(SyCsvReader) be_reader = NULL;
  g_autoptr(SyTable) le = read_fixture_ok ("roster-utf16le.txt", &le_reader);
  g_autoptr(SyTable) be = read_fixture_ok ("roster-utf16be.txt", &be_reader);

  g_assert_cmpint (sy_csv_reader_get_encoding (le_reader), ==, SY_TEXT_ENCODING_UTF16LE);
  g_assert_cmpint (sy_csv_reader_get_delimiter (le_reader), ==, '\t');
  g_assert_cmpint (sy_csv_reader_get_encoding (be_reader), ==, SY_TEXT_ENCODING_UTF16BE);
  check_roster (le);
  assert_same_table (tsv, le);
  assert_same_table (tsv, be);
}

static void
test_csv_tab (void)
{
  g_autoptr(SyCsvReader) reader = NULL;
  g_autoptr(SyTable) tsv = read_fixture_ok ("roster.utf8.tsv", &reader);
  g_autoptr(SyTable) csv = read_fixture_ok ("roster.utf8.csv", NULL);

  /* The address holds a comma: with tabs it needs no quotes. */
  g_assert_cmpint (sy_csv_reader_get_delimiter (reader), ==, '\t');
  check_roster (tsv);
  assert_same_table (csv, tsv);
}

static void
test_csv_undecodable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyTable) table = read_fixture ("undecodable.csv", NULL, &error);

  g_assert_null (table);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  /* Names the file, the line and the bytes, and says what to do. */
  assert_message (error->message, "undecodable.csv:3:");
  assert_message (error->message, "not recognised");
  assert_message (error->message, "0x80 0xFF");
  assert_message (error->message, "CSV UTF-8");
}

static void
test_csv_not_csv (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyTable) table = NULL;
  const char utf16_no_bom[] = "\xD3\x59\x0D\x54,\x00";  /* 姓名, in UTF-16LE */

  table = read_text ("PK\003\004\024\000\006\000", 8, NULL, &error);
  g_assert_null (table);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  assert_message (error->message, ".xlsx");
  g_clear_error (&error);

  table = read_text (utf16_no_bom, sizeof utf16_no_bom - 1, NULL, &error);
  g_assert_null (table);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);

  table = read_text ("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, NULL, &error);
  g_assert_null (table);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  assert_message (error->message, ".xls");
  g_clear_error (&error);

  /* Decodes as GB18030, but into user-defined characters only. */
  table = read_text ("a,b\n\xAA\xA1\xAA\xA2,\xAB\xA3\xF8\xA1\n", -1, NULL, &error);
  g_assert_null (table);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  assert_message (error->message, "test.csv:2:");
  assert_message (error->message, "unassigned characters");
  g_clear_error (&error);

  table = read_text ("\n\r\n  \n", -1, NULL, &error);
  g_assert_null (table);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  assert_message (error->message, "test.csv is empty");
  g_clear_error (&error);

  {
    g_autoptr(SyCsvReader) reader = sy_csv_reader_new ();
    g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/roster.csv");

    table = sy_csv_reader_read_file (reader, file, NULL, NULL, &error);
    g_assert_null (table);
    g_assert_error (error, SY_ERROR, SY_ERROR_NOT_FOUND);
    assert_message (error->message, "/nonexistent/roster.csv");
  }
}

/* --- quoting, line ends, shapes ------------------------------------------ */

static void
test_csv_quoted (void)
{
  g_autoptr(SyTable) table = read_fixture_ok ("quoted.csv", NULL);

  g_assert_cmpuint (sy_table_get_n_rows (table), ==, 5);
  assert_row (table, 0, 1, "姓名", "身份证号", "住址", "备注", NULL);
  assert_row (table, 1, 2, "李建国", "360426195203120011", "东风村3组,12号", "他说\"你好\"", NULL);
  /* Embedded CRLF and LF both become LF; the record spans lines 3–5. */
  assert_row (table, 2, 3, "王秀英", "360426196307150025", "第一行\n第二行\n第三行", "有备注", NULL);
  assert_row (table, 3, 6, "赵卫东", "3604261978110200", "东风村5组", "", NULL);
  /* Line 7 is blank; spaces around a quoted field; no final newline and a
   * trailing empty field. */
  assert_row (table, 4, 8, "孙丽", "360426194508080044", "西湖路1号", "末行无换行", "", NULL);
}

static void
test_csv_line_ends (void)
{
  g_autoptr(SyTable) crlf = read_text_ok ("a,b\r\n1,2\r\n\r\n3,4");
  g_autoptr(SyTable) cr = read_text_ok ("a,b\r1,2\r3,4\r");
  g_autoptr(SyTable) blank = read_text_ok ("\n\na,b\n ,\n,,\n1,2\n\n");

  assert_row (crlf, 0, 1, "a", "b", NULL);
  assert_row (crlf, 1, 2, "1", "2", NULL);
  assert_row (crlf, 2, 4, "3", "4", NULL);
  g_assert_cmpuint (sy_table_get_n_rows (crlf), ==, 3);

  assert_row (cr, 2, 3, "3", "4", NULL);
  g_assert_cmpuint (sy_table_get_n_rows (cr), ==, 3);

  /* Blank lines, and lines of nothing but delimiters, are no rows. */
  g_assert_cmpuint (sy_table_get_n_rows (blank), ==, 2);
  assert_row (blank, 0, 3, "a", "b", NULL);
  assert_row (blank, 1, 6, "1", "2", NULL);
}

static void
test_csv_fields (void)
{
  /* Trailing empty fields are kept; whitespace including U+3000 and
   * no-break spaces is trimmed; quotes inside an unquoted field are text;
   * text after a closing quote is kept as Excel does. */
  g_autoptr(SyTable) table =
    read_text_ok ("a,b,c,d\n"
                  "\u3000张三\u3000, \u00a0x ,,\n"
                  "5\"寸,\"ab\"c,\"\",\"\"\"\"\n");

  assert_row (table, 1, 2, "张三", "x", "", "", NULL);
  assert_row (table, 2, 3, "5\"寸", "abc", "", "\"", NULL);
  g_assert_cmpstr (sy_table_get_cell (table, 1, 9), ==, "");
}

static void
test_csv_delimiters (void)
{
  g_autoptr(SyCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyTable) semi = NULL;
  g_autoptr(SyTable) sep = NULL;
  g_autoptr(SyTable) titled = NULL;
  g_autoptr(SyTable) quoted = NULL;
  g_autoptr(SyTable) forced = NULL;

  semi = read_text ("姓名;身份证号;住址\n张三;360426195203120011;东风村,3组\n", -1, &reader, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sy_csv_reader_get_delimiter (reader), ==, ';');
  assert_row (semi, 1, 2, "张三", "360426195203120011", "东风村,3组", NULL);
  g_clear_object (&reader);

  /* Excel's delimiter line. */
  sep = read_text ("sep=;\r\n姓名;住址\r\n张三;a,b\r\n", -1, &reader, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sy_csv_reader_get_delimiter (reader), ==, ';');
  assert_row (sep, 0, 2, "姓名", "住址", NULL);
  assert_row (sep, 1, 3, "张三", "a,b", NULL);
  g_clear_object (&reader);

  /* A title line without delimiters above tab-separated titles. */
  titled = read_text ("优抚对象花名册\n姓名\t住址\n张三\t东风村,3组\n", -1, &reader, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sy_csv_reader_get_delimiter (reader), ==, '\t');
  assert_row (titled, 2, 3, "张三", "东风村,3组", NULL);
  g_clear_object (&reader);

  /* Delimiters inside quotes do not count. */
  quoted = read_text ("\"a,b,c\";\"d,e\";f\n", -1, &reader, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sy_csv_reader_get_delimiter (reader), ==, ';');
  assert_row (quoted, 0, 1, "a,b,c", "d,e", "f", NULL);
  g_clear_object (&reader);

  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("a;b,c\n", 6);

    reader = sy_csv_reader_new ();
    sy_csv_reader_set_delimiter (reader, ';');
    forced = sy_csv_reader_read_bytes (reader, bytes, "x.csv", &error);
    g_assert_no_error (error);
    assert_row (forced, 0, 1, "a", "b,c", NULL);
  }
}

static void
test_csv_unclosed_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyTable) table =
    read_text ("姓名,住址\n张三,东风村\n李四,\"东风村\n5组\n王五,西湖路\n", -1, NULL, &error);

  g_assert_null (table);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  assert_message (error->message, "test.csv:3:");
  assert_message (error->message, "never closed");
}

static void
test_csv_ragged (void)
{
  g_autoptr(SyTable) table = read_fixture_ok ("ragged.csv", NULL);
  g_autoptr(SyRecipientMapping) mapping = sy_recipient_mapping_new (table);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *formatted = NULL;
  const SyImportIssue *issue;

  /* The reader keeps every cell; the mapping judges. */
  assert_row (table, 3, 4, "赵卫东", "36042619781102003X", "东风村5组", "12号", NULL);

  rows = sy_recipient_mapping_validate (mapping, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_false (sy_recipient_row_has_errors (rows->pdata[0]));
  /* Extra cells that are empty (a trailing ",,") carry nothing: fine. */
  g_assert_false (sy_recipient_row_has_errors (rows->pdata[1]));
  g_assert_true (sy_recipient_row_has_errors (rows->pdata[2]));
  issue = find_issue (rows->pdata[2], NULL, SY_IMPORT_ERROR, "4 cells but there are 3 columns");
  assert_message (issue->message, "“12号”");
  g_assert_cmpuint (issue->line, ==, 4);
  formatted = sy_import_issue_format (issue, "ragged.csv");
  g_assert_true (g_str_has_prefix (formatted, "ragged.csv:4: The line has 4 cells"));
}

/* --- header mapping --------------------------------------------------------- */

static void
test_header_titles (void)
{
  static const struct { const char *title; SyRecipientField field; } cases[] = {
    { "姓名", SY_RECIPIENT_FIELD_NAME },
    { "名字", SY_RECIPIENT_FIELD_NAME },
    { "名称", SY_RECIPIENT_FIELD_NAME },
    { " 姓 名 ", SY_RECIPIENT_FIELD_NAME },
    { "*姓名：", SY_RECIPIENT_FIELD_NAME },
    { "姓名:", SY_RECIPIENT_FIELD_NAME },
    { "\u3000姓名\u3000", SY_RECIPIENT_FIELD_NAME },
    { "身份证号", SY_RECIPIENT_FIELD_ID_NUMBER },
    { "公民身份号码", SY_RECIPIENT_FIELD_ID_NUMBER },
    { "身份证号码", SY_RECIPIENT_FIELD_ID_NUMBER },
    { "身份证", SY_RECIPIENT_FIELD_ID_NUMBER },
    { "证件号码", SY_RECIPIENT_FIELD_ID_NUMBER },
    { "身份证号（必填）", SY_RECIPIENT_FIELD_ID_NUMBER },
    { "ID_Number", SY_RECIPIENT_FIELD_ID_NUMBER },
    { "性别", SY_RECIPIENT_FIELD_SEX },
    { "民族", SY_RECIPIENT_FIELD_ETHNICITY },
    { "出生日期", SY_RECIPIENT_FIELD_BIRTH_DATE },
    { "出生年月", SY_RECIPIENT_FIELD_BIRTH_DATE },
    { "电话", SY_RECIPIENT_FIELD_PHONE },
    { "联系电话", SY_RECIPIENT_FIELD_PHONE },
    { "手机", SY_RECIPIENT_FIELD_PHONE },
    { "手机号", SY_RECIPIENT_FIELD_PHONE },
    { "联系方式", SY_RECIPIENT_FIELD_PHONE },
    { "户籍类别", SY_RECIPIENT_FIELD_HUKOU },
    { "户口性质", SY_RECIPIENT_FIELD_HUKOU },
    { "户籍", SY_RECIPIENT_FIELD_HUKOU },
    { "村", SY_RECIPIENT_FIELD_VILLAGE },
    { "所属村(社区)", SY_RECIPIENT_FIELD_VILLAGE },
    { "所属村（社区）", SY_RECIPIENT_FIELD_VILLAGE },
    { "社区", SY_RECIPIENT_FIELD_VILLAGE },
    { "村(社区)", SY_RECIPIENT_FIELD_VILLAGE },
    { "村居", SY_RECIPIENT_FIELD_VILLAGE },
    { "住址", SY_RECIPIENT_FIELD_ADDRESS },
    { "家庭住址", SY_RECIPIENT_FIELD_ADDRESS },
    { "地址", SY_RECIPIENT_FIELD_ADDRESS },
    { "现住址", SY_RECIPIENT_FIELD_ADDRESS },
    { "类别", SY_RECIPIENT_FIELD_CATEGORIES },
    { "优抚类别", SY_RECIPIENT_FIELD_CATEGORIES },
    { "人员类别", SY_RECIPIENT_FIELD_CATEGORIES },
    { "对象类别", SY_RECIPIENT_FIELD_CATEGORIES },
    { "伤残等级", SY_RECIPIENT_FIELD_DISABILITY_GRADE },
    { "伤残性质", SY_RECIPIENT_FIELD_DISABILITY_NATURE },
    { "入伍时间", SY_RECIPIENT_FIELD_ENLIST_DATE },
    { "入伍年月", SY_RECIPIENT_FIELD_ENLIST_DATE },
    { "退役时间", SY_RECIPIENT_FIELD_DISCHARGE_DATE },
    { "退伍时间", SY_RECIPIENT_FIELD_DISCHARGE_DATE },
    { "开户银行", SY_RECIPIENT_FIELD_BANK },
    { "开户行", SY_RECIPIENT_FIELD_BANK },
    { "户名", SY_RECIPIENT_FIELD_ACCOUNT_NAME },
    { "账户名", SY_RECIPIENT_FIELD_ACCOUNT_NAME },
    { "账号", SY_RECIPIENT_FIELD_ACCOUNT },
    { "银行账号", SY_RECIPIENT_FIELD_ACCOUNT },
    { "卡号", SY_RECIPIENT_FIELD_ACCOUNT },
    { "一卡通账号", SY_RECIPIENT_FIELD_ACCOUNT },
    { "低保", SY_RECIPIENT_FIELD_DIBAO },
    { "五保", SY_RECIPIENT_FIELD_WUBAO },
    { "孤老", SY_RECIPIENT_FIELD_GULAO },
    { "状态", SY_RECIPIENT_FIELD_STATUS },
    { "备注", SY_RECIPIENT_FIELD_NOTES },
    { "序号", SY_RECIPIENT_FIELD_NONE },
    { "联系人", SY_RECIPIENT_FIELD_NONE },
    { "", SY_RECIPIENT_FIELD_NONE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    if (sy_recipient_field_from_title (cases[i].title) != cases[i].field)
      g_error ("title “%s”: field %s, expected %s", cases[i].title,
               sy_recipient_field_to_string (sy_recipient_field_from_title (cases[i].title)),
               sy_recipient_field_to_string (cases[i].field));

  /* Every field's standard title maps back to it (the export relies on it). */
  for (SyRecipientField f = 1; f < SY_RECIPIENT_N_FIELDS; f++)
    {
      g_assert_cmpint (sy_recipient_field_from_title (sy_recipient_field_get_title (f)), ==, f);
      g_assert_cmpint (sy_recipient_field_from_string (sy_recipient_field_to_string (f)), ==, f);
      g_assert_cmpstr (sy_recipient_field_get_label (f), !=, "");
    }
}

static void
test_header_synonyms (void)
{
  g_autoptr(SyTable) table = read_fixture_ok ("synonyms.csv", NULL);
  g_autoptr(SyRecipientMapping) mapping = sy_recipient_mapping_new (table);
  g_autoptr(GPtrArray) header_issues = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  SyRecipientRow *row;
  SyRecipient *r;
  SyRecipientCategory *category;
  gboolean saw_title = FALSE, saw_serial = FALSE, saw_contact = FALSE;

  /* The title line above the column titles is found and skipped. */
  g_assert_cmpuint (sy_recipient_mapping_get_header_row (mapping), ==, 1);
  g_assert_cmpuint (sy_recipient_mapping_get_n_rows (mapping), ==, 1);
  g_assert_cmpuint (sy_recipient_mapping_get_n_columns (mapping), ==, 14);
  g_assert_cmpint (sy_recipient_mapping_get_field (mapping, 0), ==, SY_RECIPIENT_FIELD_NONE);
  g_assert_cmpint (sy_recipient_mapping_get_field (mapping, 1), ==, SY_RECIPIENT_FIELD_NAME);
  g_assert_cmpint (sy_recipient_mapping_get_field (mapping, 2), ==, SY_RECIPIENT_FIELD_ID_NUMBER);
  g_assert_cmpint (sy_recipient_mapping_get_field (mapping, 3), ==, SY_RECIPIENT_FIELD_SEX);
  g_assert_cmpint (sy_recipient_mapping_get_field (mapping, 4), ==, SY_RECIPIENT_FIELD_BIRTH_DATE);
  g_assert_cmpint (sy_recipient_mapping_get_field (mapping, 5), ==, SY_RECIPIENT_FIELD_PHONE);
  g_assert_cmpint (sy_recipient_mapping_get_field (mapping, 6), ==, SY_RECIPIENT_FIELD_VILLAGE);
  g_assert_cmpint (sy_recipient_mapping_get_field (mapping, 7), ==, SY_RECIPIENT_FIELD_ADDRESS);
  g_assert_cmpint (sy_recipient_mapping_get_field (mapping, 8), ==, SY_RECIPIENT_FIELD_CATEGORIES);
  g_assert_cmpint (sy_recipient_mapping_get_field (mapping, 9), ==, SY_RECIPIENT_FIELD_DISABILITY_GRADE);
  g_assert_cmpint (sy_recipient_mapping_get_field (mapping, 10), ==, SY_RECIPIENT_FIELD_BANK);
  g_assert_cmpint (sy_recipient_mapping_get_field (mapping, 11), ==, SY_RECIPIENT_FIELD_ACCOUNT);
  g_assert_cmpint (sy_recipient_mapping_get_field (mapping, 12), ==, SY_RECIPIENT_FIELD_DIBAO);
  g_assert_cmpint (sy_recipient_mapping_get_field (mapping, 13), ==, SY_RECIPIENT_FIELD_NONE);
  g_assert_cmpint (sy_recipient_mapping_get_column (mapping, SY_RECIPIENT_FIELD_ID_NUMBER), ==, 2);
  g_assert_cmpint (sy_recipient_mapping_get_column (mapping, SY_RECIPIENT_FIELD_NOTES), ==, -1);
  g_assert_true (sy_recipient_mapping_check (mapping, &error));
  g_assert_no_error (error);

  /* Unknown columns and the skipped line are reported, not refused. */
  header_issues = sy_recipient_mapping_get_header_issues (mapping);
  for (guint i = 0; i < header_issues->len; i++)
    {
      const SyImportIssue *issue = g_ptr_array_index (header_issues, i);

      g_assert_cmpint (issue->severity, ==, SY_IMPORT_WARNING);
      if (issue->line == 1 && strstr (issue->message, "花名册") != NULL)
        saw_title = TRUE;
      if (issue->line == 2 && g_strcmp0 (issue->column, "序号") == 0)
        saw_serial = TRUE;
      if (issue->line == 2 && g_strcmp0 (issue->column, "联系人") == 0)
        {
          g_autofree char *text = sy_import_issue_format (issue, "synonyms.csv");
          g_assert_cmpstr (text, ==, "synonyms.csv:2: 联系人: Not a recipient field; the column is ignored.");
          saw_contact = TRUE;
        }
    }
  g_assert_true (saw_title && saw_serial && saw_contact);
  g_assert_cmpuint (header_issues->len, ==, 3);

  rows = sy_recipient_mapping_validate (mapping, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = rows->pdata[0];
  g_assert_cmpuint (sy_recipient_row_get_line (row), ==, 3);
  g_assert_cmpuint (sy_recipient_row_get_n_errors (row), ==, 0);
  g_assert_cmpuint (sy_recipient_row_get_n_warnings (row), ==, 0);
  r = sy_recipient_row_get_recipient (row);
  g_assert_cmpstr (sy_recipient_get_name (r), ==, "李建国");
  g_assert_cmpstr (sy_recipient_get_birth_date (r), ==, "1952-03-12");
  g_assert_cmpstr (sy_recipient_get_village (r), ==, "东风村");
  g_assert_cmpstr (sy_recipient_get_bank (r), ==, "清源县农村商业银行");
  g_assert_cmpstr (sy_recipient_get_account (r), ==, "6230123412341234001");
  g_assert_true (sy_recipient_get_dibao (r));
  g_assert_cmpuint (sy_recipient_row_get_categories (row)->len, ==, 1);
  category = g_ptr_array_index (sy_recipient_row_get_categories (row), 0);
  g_assert_cmpstr (sy_recipient_category_get_category (category), ==, "残疾军人");
  g_assert_cmpint (sy_recipient_category_get_disability_grade (category), ==, 6);
}

static void
test_header_override (void)
{
  g_autoptr(SyTable) table =
    read_text_ok ("编号,名字,证号,联系人电话,名称\n"
                  "1,李建国,360426195203120011,13807910001,东风村\n");
  g_autoptr(SyRecipientMapping) mapping = sy_recipient_mapping_new (table);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  SyRecipient *r;

  /* 证号 is unknown: the file cannot be imported as mapped. */
  g_assert_cmpint (sy_recipient_mapping_get_column (mapping, SY_RECIPIENT_FIELD_NAME), ==, 1);
  g_assert_cmpint (sy_recipient_mapping_get_field (mapping, 4), ==, SY_RECIPIENT_FIELD_NONE);
  g_assert_false (sy_recipient_mapping_check (mapping, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  assert_message (error->message, "test.csv:1: No column gives the ID number (身份证号)");
  assert_message (error->message, "编号, 名字, 证号, 联系人电话, 名称");
  g_clear_error (&error);
  g_assert_null (sy_recipient_mapping_validate (mapping, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  issues = sy_recipient_mapping_get_header_issues (mapping);
  g_assert_cmpint (((SyImportIssue *) issues->pdata[0])->severity, ==, SY_IMPORT_ERROR);
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* The user says what the columns are. */
  sy_recipient_mapping_set_field (mapping, 2, SY_RECIPIENT_FIELD_ID_NUMBER);
  sy_recipient_mapping_set_field (mapping, 3, SY_RECIPIENT_FIELD_PHONE);
  /* 名称 was a second name column, ignored; it is the village. */
  sy_recipient_mapping_set_field (mapping, 4, SY_RECIPIENT_FIELD_VILLAGE);
  g_assert_true (sy_recipient_mapping_check (mapping, &error));
  g_assert_no_error (error);

  rows = sy_recipient_mapping_validate (mapping, NULL, &error);
  g_assert_no_error (error);
  r = sy_recipient_row_get_recipient (rows->pdata[0]);
  g_assert_cmpstr (sy_recipient_get_id_number (r), ==, "360426195203120011");
  g_assert_cmpstr (sy_recipient_get_phone (r), ==, "13807910001");
  g_assert_cmpstr (sy_recipient_get_village (r), ==, "东风村");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A field comes from one column: giving the name to column 4 takes it
   * from column 1. */
  sy_recipient_mapping_set_field (mapping, 4, SY_RECIPIENT_FIELD_NAME);
  g_assert_cmpint (sy_recipient_mapping_get_field (mapping, 1), ==, SY_RECIPIENT_FIELD_NONE);
  g_assert_cmpint (sy_recipient_mapping_get_column (mapping, SY_RECIPIENT_FIELD_NAME), ==, 4);
  issues = sy_recipient_mapping_get_header_issues (mapping);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < issues->len; i++)
      {
        SyImportIssue *issue = issues->pdata[i];

        if (g_strcmp0 (issue->column, "名字") == 0)
          {
            assert_message (issue->message, "column “名称” already gives");
            found = TRUE;
          }
      }
    g_assert_true (found);
  }

  /* Ignoring a column by hand. */
  sy_recipient_mapping_set_field (mapping, 3, SY_RECIPIENT_FIELD_NONE);
  g_assert_cmpint (sy_recipient_mapping_get_column (mapping, SY_RECIPIENT_FIELD_PHONE), ==, -1);

  /* Choosing the header row again maps it afresh. */
  sy_recipient_mapping_set_header_row (mapping, 0);
  g_assert_cmpint (sy_recipient_mapping_get_column (mapping, SY_RECIPIENT_FIELD_NAME), ==, 1);
  g_assert_cmpint (sy_recipient_mapping_get_column (mapping, SY_RECIPIENT_FIELD_ID_NUMBER), ==, -1);
}

static void
test_header_missing_both (void)
{
  g_autoptr(SyTable) table = read_text_ok ("优抚对象花名册\n序号,住址\n1,东风村\n");
  g_autoptr(SyRecipientMapping) mapping = sy_recipient_mapping_new (table);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (sy_recipient_mapping_get_header_row (mapping), ==, 0);
  g_assert_false (sy_recipient_mapping_check (mapping, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  assert_message (error->message, "the name (姓名) or the ID number (身份证号)");
}

/* --- row validation ----------------------------------------------------------- */

static void
test_row_problems (void)
{
  g_autoptr(SyTable) table = read_fixture_ok ("problems.csv", NULL);
  g_autoptr(SyRecipientMapping) mapping = sy_recipient_mapping_new (table);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = sy_recipient_mapping_validate (mapping, NULL, &error);
  SyRecipientRow *row;
  SyRecipient *r;
  const SyImportIssue *issue;
  g_autofree char *formatted = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 7);

  /* Line 2: an ID number that went through a numeric Excel cell. */
  row = rows->pdata[0];
  g_assert_true (sy_recipient_row_has_errors (row));
  g_assert_null (sy_recipient_row_get_id_number (row));
  issue = find_issue (row, "身份证号码", SY_IMPORT_ERROR, "3.60426E+17");
  assert_message (issue->message, "Excel");
  assert_message (issue->message, "Text (文本)");
  formatted = sy_import_issue_format (issue, "problems.csv");
  g_assert_true (g_str_has_prefix (formatted, "problems.csv:2: 身份证号码: "));

  /* Line 3: sex and birth date disagree with the ID; the phone is neither
   * mobile nor landline.  Warnings only: the ID's values are imported. */
  row = rows->pdata[1];
  g_assert_false (sy_recipient_row_has_errors (row));
  issue = find_issue (row, "性别", SY_IMPORT_WARNING, "“男”");
  assert_message (issue->message, "360426196307150025");
  assert_message (issue->message, "女");
  g_assert_cmpuint (issue->line, ==, 3);
  issue = find_issue (row, "出生日期", SY_IMPORT_WARNING, "“1963-07-16”");
  assert_message (issue->message, "1963-07-15");
  find_issue (row, "电话", SY_IMPORT_WARNING, "“12345”");
  r = sy_recipient_row_get_recipient (row);
  g_assert_cmpstr (sy_recipient_get_sex (r), ==, "女");
  g_assert_cmpstr (sy_recipient_get_birth_date (r), ==, "1963-07-15");

  /* Line 4: an impossible birth date (the ID's is used), a grade out of
   * range and a flag that is not yes or no. */
  row = rows->pdata[2];
  g_assert_cmpuint (sy_recipient_row_get_n_errors (row), ==, 2);
  find_issue (row, "出生日期", SY_IMPORT_WARNING, "“1978-13-02” is not a real date");
  find_issue (row, "伤残等级", SY_IMPORT_ERROR, "“十一级”");
  find_issue (row, "低保", SY_IMPORT_ERROR, "“也许”");
  r = sy_recipient_row_get_recipient (row);
  g_assert_cmpstr (sy_recipient_get_sex (r), ==, "男");
  g_assert_cmpstr (sy_recipient_get_id_number (r), ==, "36042619781102003X");

  /* Line 5: the first valid use of this ID (line 2's was mangled). */
  row = rows->pdata[3];
  g_assert_cmpuint (sy_recipient_row_get_n_errors (row), ==, 0);
  g_assert_cmpuint (sy_recipient_row_get_n_warnings (row), ==, 0);

  /* Line 6: two categories in one quoted cell; 1 is yes. */
  row = rows->pdata[4];
  g_assert_false (sy_recipient_row_has_errors (row));
  {
    const char * const *names = sy_recipient_row_get_category_names (row);

    g_assert_cmpuint (g_strv_length ((char **) names), ==, 2);
    g_assert_cmpstr (names[0], ==, "残疾军人");
    g_assert_cmpstr (names[1], ==, "退役士兵");
  }
  r = sy_recipient_row_get_recipient (row);
  g_assert_true (sy_recipient_get_dibao (r));
  g_assert_cmpstr (sy_recipient_get_categories (r), ==, "残疾军人、退役士兵");
  g_assert_cmpstr (sy_recipient_get_status (r), ==, "在册");

  /* Line 7: a digit in the name; an unknown region is only a warning. */
  row = rows->pdata[5];
  find_issue (row, "姓名", SY_IMPORT_ERROR, "“钱2”");
  find_issue (row, "身份证号码", SY_IMPORT_WARNING, "starts with 99");
  find_issue (row, "类别", SY_IMPORT_WARNING, "No category");
  g_assert_cmpuint (sy_recipient_row_get_n_errors (row), ==, 1);

  /* Line 8: the same ID number as line 6. */
  row = rows->pdata[6];
  issue = find_issue (row, "身份证号码", SY_IMPORT_ERROR, "already appears on line 6");
  assert_message (issue->message, "360426194508080044");
  g_assert_cmpuint (issue->line, ==, 8);
}

static void
test_row_line_after_multiline (void)
{
  /* The record after a quoted cell with line breaks is reported at its own
   * line, not at its record number. */
  g_autoptr(GPtrArray) rows =
    validate_text ("姓名,身份证号,备注\r\n"
                   "李建国,360426195203120011,\"第一行\r\n第二行\r\n第三行\"\r\n"
                   "王秀英,360426196307150026,\r\n");
  const SyImportIssue *issue;
  g_autofree char *formatted = NULL;

  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_false (sy_recipient_row_has_errors (rows->pdata[0]));
  g_assert_cmpstr (sy_recipient_get_notes (sy_recipient_row_get_recipient (rows->pdata[0])),
                   ==, "第一行\n第二行\n第三行");
  issue = find_issue (rows->pdata[1], "身份证号", SY_IMPORT_ERROR, "check character");
  g_assert_cmpuint (issue->line, ==, 5);
  formatted = sy_import_issue_format (issue, "f.csv");
  g_assert_true (g_str_has_prefix (formatted, "f.csv:5: 身份证号: The check character"));
}

static void
test_row_name (void)
{
  static const struct { const char *name; const char *part; } bad[] = {
    { "", "The name is empty" },
    { "李", "has 1 characters" },
    { "阿依古丽阿依古丽阿依古丽阿依古丽阿依古丽阿", "has 21 characters" },
    { "张３", "contains a digit" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *values = g_strdup_printf ("%s,360426195203120011", bad[i].name);
      g_autoptr(SyRecipientRow) row = validate_one ("姓名,身份证号", values);

      find_issue (row, "姓名", SY_IMPORT_ERROR, bad[i].part);
    }
  {
    g_autoptr(SyRecipientRow) row = validate_one ("姓名,身份证号", "阿依古丽·买买提,360426195203120011");
    g_assert_false (sy_recipient_row_has_errors (row));
  }
}

static void
test_row_id_forms (void)
{
  g_autoptr(SyRecipientRow) lower = validate_one ("姓名,身份证号", "赵卫东,36042619781102003x");
  g_autoptr(SyRecipientRow) quoted = validate_one ("姓名,身份证号", "赵卫东,\"=\"\"36042619781102003X\"\"\"");
  g_autoptr(SyRecipientRow) apostrophe = validate_one ("姓名,身份证号", "李建国,'360426195203120011");
  g_autoptr(SyRecipientRow) rounded = validate_one ("姓名,身份证号", "李建国,360426195203120000");
  g_autoptr(SyRecipientRow) empty = validate_one ("姓名,身份证号,性别", "李建国,,男");

  g_assert_cmpstr (sy_recipient_row_get_id_number (lower), ==, "36042619781102003X");
  g_assert_cmpstr (sy_recipient_row_get_id_number (quoted), ==, "36042619781102003X");
  g_assert_cmpstr (sy_recipient_row_get_id_number (apostrophe), ==, "360426195203120011");
  find_issue (rounded, "身份证号", SY_IMPORT_ERROR, "Excel");
  find_issue (empty, "身份证号", SY_IMPORT_ERROR, "empty");
  g_assert_cmpstr (sy_recipient_get_sex (sy_recipient_row_get_recipient (empty)), ==, "男");
}

static void
test_row_dates (void)
{
  static const struct { const char *text; const char *iso; } good[] = {
    { "1991-01-31", "1991-01-31" },
    { "1991/1/31", "1991-01-31" },
    { "1991.1.3", "1991-01-03" },
    { "1991年1月31日", "1991-01-31" },
    { "1991年12月", "1991-12" },
    { "199101", "1991-01" },
    { "19910131", "1991-01-31" },
    { "1991-1", "1991-01" },
    { "２０００－０２－２９", "2000-02-29" },
    { "1991-01-31 00:00:00", "1991-01-31" },
  };
  static const char *const bad[] = {
    "31/01/1991", "1991-02-30", "1900-02-29", "1991-13", "91-01-31", "33239", "昨天",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = sy_recipient_parse_date (good[i].text, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (iso, ==, good[i].iso);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = sy_recipient_parse_date (bad[i], &error);

      if (iso != NULL)
        g_error ("“%s” taken as %s", bad[i], iso);
      g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
      assert_message (error->message, bad[i]);
    }

  /* A month-only birth date agrees with the ID's full date. */
  {
    g_autoptr(SyRecipientRow) row =
      validate_one ("姓名,身份证号,出生年月,优抚类别,入伍年月,退伍时间",
                    "李建国,360426195203120011,1952.3,退役士兵,197012,1968年3月1日");
    SyRecipientCategory *category;

    g_assert_cmpuint (sy_recipient_row_get_n_errors (row), ==, 0);
    find_issue (row, "退伍时间", SY_IMPORT_WARNING, "1968-03-01 is before the enlistment date 1970-12");
    category = g_ptr_array_index (sy_recipient_row_get_categories (row), 0);
    g_assert_cmpstr (sy_recipient_category_get_enlist_date (category), ==, "1970-12");
    g_assert_cmpstr (sy_recipient_category_get_discharge_date (category), ==, "1968-03-01");
  }
  {
    g_autoptr(SyRecipientRow) row =
      validate_one ("姓名,身份证号,优抚类别,入伍时间", "李建国,360426195203120011,退役士兵,1970/2/30");

    find_issue (row, "入伍时间", SY_IMPORT_ERROR, "“1970/2/30” is not a real date");
  }
}

static void
test_row_phone (void)
{
  static const struct { const char *text; const char *normal; } good[] = {
    { "13807910001", "13807910001" },
    { "138 0791 0001", "13807910001" },
    { "138-0791-0001", "13807910001" },
    { "+86 138 0791 0001", "13807910001" },
    { "１３８０７９１０００１", "13807910001" },
    { "0791-86123456", "0791-86123456" },
    { "(0791)86123456", "0791-86123456" },
    { "010-62123456-801", "010-62123456-801" },
    { "86123456", "86123456" },
    { "13807910001/0791-86123456", "13807910001/0791-86123456" },
    { "13807910001、13907910002", "13807910001/13907910002" },
  };
  static const char *const bad[] = {
    "12345", "1380791000", "23807910001", "1.38079E+10", "无",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *phone = sy_recipient_parse_phone (good[i].text, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (phone, ==, good[i].normal);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *phone = sy_recipient_parse_phone (bad[i], &error);

      if (phone != NULL)
        g_error ("“%s” taken as %s", bad[i], phone);
      g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
      assert_message (error->message, bad[i]);
    }

  /* A bad phone is a warning and is kept as written. */
  {
    g_autoptr(SyRecipientRow) row = validate_one ("姓名,身份证号,手机", "李建国,360426195203120011,12345");

    g_assert_false (sy_recipient_row_has_errors (row));
    find_issue (row, "手机", SY_IMPORT_WARNING, "11-digit mobile number");
    g_assert_cmpstr (sy_recipient_get_phone (sy_recipient_row_get_recipient (row)), ==, "12345");
  }
}

static void
test_row_grade (void)
{
  static const struct { const char *text; int grade; } cases[] = {
    { "1", 1 }, { "10", 10 }, { "6级", 6 }, { "六级", 6 }, { "十级", 10 }, { "一", 1 },
    { "６级", 6 }, { "0", 0 }, { "11", 0 }, { "十一级", 0 }, { "甲等", 0 }, { "1.5", 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      int grade = sy_recipient_parse_grade (cases[i].text, &error);

      g_assert_cmpint (grade, ==, cases[i].grade);
      if (grade == 0)
        {
          g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
          assert_message (error->message, cases[i].text);
        }
      else
        g_assert_no_error (error);
    }

  /* The grade goes to the disability category only. */
  {
    g_autoptr(SyRecipientRow) row =
      validate_one ("姓名,身份证号,优抚类别,伤残等级,伤残性质,证件编号",
                    "李建国,360426195203120011,退役士兵/残疾军人,五级,因战,赣残001");
    GPtrArray *categories = sy_recipient_row_get_categories (row);
    SyRecipientCategory *veteran = categories->pdata[0];
    SyRecipientCategory *disabled = categories->pdata[1];

    g_assert_false (sy_recipient_row_has_errors (row));
    g_assert_cmpuint (categories->len, ==, 2);
    g_assert_cmpint (sy_recipient_category_get_disability_grade (veteran), ==, 0);
    g_assert_cmpint (sy_recipient_category_get_disability_grade (disabled), ==, 5);
    g_assert_cmpstr (sy_recipient_category_get_disability_nature (disabled), ==, "因战");
    g_assert_cmpstr (sy_recipient_category_get_certificate_no (veteran), ==, "赣残001");
  }
  {
    g_autoptr(SyRecipientRow) row =
      validate_one ("姓名,身份证号,优抚类别,伤残等级", "李建国,360426195203120011,退役士兵,5");

    find_issue (row, "伤残等级", SY_IMPORT_WARNING, "none of the categories (退役士兵)");
  }
}

static void
test_row_values (void)
{
  g_autoptr(SyRecipientRow) row =
    validate_one ("姓名,身份证号,民族,户口性质,低保,五保,孤老,状态,账号,户名",
                  "李建国,360426195203120011,回,农业,√,否,0,正常,6230 1234 1234 1234 001,李建国");
  g_autoptr(SyRecipientRow) bad =
    validate_one ("姓名,身份证号,户籍,账号,状态,伤残性质,优抚类别",
                  "李建国,360426195203120011,外籍,6.23012E+18,死亡,因伤,残疾军人");
  SyRecipient *r = sy_recipient_row_get_recipient (row);

  g_assert_cmpuint (sy_recipient_row_get_n_errors (row), ==, 0);
  g_assert_cmpstr (sy_recipient_get_ethnicity (r), ==, "回族");
  g_assert_cmpstr (sy_recipient_get_hukou (r), ==, "农村");
  g_assert_true (sy_recipient_get_dibao (r));
  g_assert_false (sy_recipient_get_wubao (r));
  g_assert_false (sy_recipient_get_gulao (r));
  g_assert_cmpstr (sy_recipient_get_status (r), ==, "在册");
  g_assert_cmpstr (sy_recipient_get_account (r), ==, "6230123412341234001");
  g_assert_cmpstr (sy_recipient_get_account_name (r), ==, "李建国");

  find_issue (bad, "户籍", SY_IMPORT_WARNING, "“外籍”");
  find_issue (bad, "账号", SY_IMPORT_ERROR, "“6.23012E+18” is not an account number");
  find_issue (bad, "状态", SY_IMPORT_WARNING, "“死亡”");
  find_issue (bad, "伤残性质", SY_IMPORT_WARNING, "“因伤”");
  g_assert_cmpuint (sy_recipient_row_get_n_errors (bad), ==, 1);
}

static void
test_row_direct (void)
{
  /* Rows can be validated without a file (the editor, XLSX). */
  const char *values[SY_RECIPIENT_N_FIELDS] = { NULL };
  g_autoptr(SyRecipientRow) row = NULL;
  g_autofree char *formatted = NULL;

  values[SY_RECIPIENT_FIELD_NAME] = "王秀英";
  values[SY_RECIPIENT_FIELD_ID_NUMBER] = "360426196307150026";
  row = sy_recipient_row_new (12, values, NULL);
  g_assert_cmpuint (sy_recipient_row_get_line (row), ==, 12);
  formatted = sy_import_issue_format (find_issue (row, "身份证号", SY_IMPORT_ERROR, "expected 5"),
                                      "x.csv");
  g_assert_true (g_str_has_prefix (formatted, "x.csv:12: 身份证号: "));
}

static void
test_row_same_person (void)
{
  /* Same name and birth date, another ID number: maybe one person typed
   * twice; a warning naming the first line. */
  g_autoptr(GPtrArray) rows =
    validate_text ("姓名,身份证号,类别\n"
                   "李建国,360426195203120011,退役士兵\n"
                   "李建国,360426195203120038,退役士兵\n");
  const SyImportIssue *issue;

  g_assert_false (sy_recipient_row_has_errors (rows->pdata[1]));
  issue = find_issue (rows->pdata[1], NULL, SY_IMPORT_WARNING, "also appears on line 2");
  assert_message (issue->message, "李建国, born 1952-03-12");
}

static gboolean
stop_after_two (SyRecipientRow *row, gpointer user_data, GError **error)
{
  guint *seen = user_data;

  if (++*seen == 2)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_DATABASE, "stop at line %u",
                   sy_recipient_row_get_line (row));
      return FALSE;
    }
  return TRUE;
}

static void
test_foreach (void)
{
  g_autoptr(SyTable) table = read_fixture_ok ("problems.csv", NULL);
  g_autoptr(SyRecipientMapping) mapping = sy_recipient_mapping_new (table);
  g_autoptr(GError) error = NULL;
  guint seen = 0;

  g_assert_false (sy_recipient_mapping_foreach (mapping, stop_after_two, &seen, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_DATABASE);
  g_assert_cmpstr (error->message, ==, "stop at line 3");
  g_assert_cmpuint (seen, ==, 2);
}

/* --- size ------------------------------------------------------------------- */

static void
test_many_rows (void)
{
  const guint n = 20000;
  g_autoptr(GString) text = g_string_new ("序号,姓名,身份证号,性别,出生日期,联系电话,所属村（社区）,"
                                          "住址,优抚类别,开户银行,账号,备注\r\n");
  static const char *const given[] = { "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋" };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SyCsvReader) reader = sy_csv_reader_new ();
  g_autoptr(SyTable) table = NULL;
  g_autoptr(SyRecipientMapping) mapping = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GDate birth;

  g_date_clear (&birth, 1);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = NULL;

      g_date_set_dmy (&birth, 1 + (i / 1000) % 28, 1 + (i / 1000) % 12, 1940 + (i / 1000) % 60);
      id = sy_id_number_generate ("360426", &birth, i % 1000);
      g_string_append_printf (text,
                              "%u,张%s%s%s,%s,%s,%04u-%02u-%02u,138%08u,东风村,"
                              "\"东风镇东风村%u组, %u号\",退役士兵、残疾军人,清源县农村商业银行,"
                              "6230%015u,\"说明 \"\"%u\"\"\"\r\n",
                              i + 1, given[i % 10], given[(i / 10) % 10], given[(i / 100) % 10],
                              id, (i % 1000) % 2 ? "男" : "女",
                              g_date_get_year (&birth), g_date_get_month (&birth),
                              g_date_get_day (&birth), i, i % 30, i, i, i);
    }
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));

  table = sy_csv_reader_read_bytes (reader, bytes, "many.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sy_table_get_n_rows (table), ==, n + 1);
  g_assert_cmpuint (sy_table_get_line (table, n), ==, n + 1);
  g_assert_cmpstr (sy_table_get_cell (table, n, 11), ==, "说明 \"19999\"");

  mapping = sy_recipient_mapping_new (table);
  rows = sy_recipient_mapping_validate (mapping, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, n);
  for (guint i = 0; i < n; i++)
    if (sy_recipient_row_get_n_errors (rows->pdata[i]) + sy_recipient_row_get_n_warnings (rows->pdata[i]) > 0)
      {
        GPtrArray *issues = sy_recipient_row_get_issues (rows->pdata[i]);
        g_error ("row %u: %s", i, ((SyImportIssue *) issues->pdata[0])->message);
      }
}

static void
test_cancel (void)
{
  g_autoptr(GString) text = g_string_new ("姓名,身份证号\n");
  g_autoptr(SyTable) table = NULL;
  g_autoptr(SyRecipientMapping) mapping = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  for (guint i = 0; i < 3000; i++)
    g_string_append (text, "李建国,360426195203120011\n");
  table = read_text_ok (text->str);
  mapping = sy_recipient_mapping_new (table);
  g_cancellable_cancel (cancellable);
  rows = sy_recipient_mapping_validate (mapping, cancellable, &error);
  g_assert_null (rows);
  g_assert_error (error, SY_ERROR, SY_ERROR_CANCELLED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/csv/utf8", test_csv_utf8);
  g_test_add_func ("/import/csv/utf8-bom", test_csv_utf8_bom);
  g_test_add_func ("/import/csv/gbk", test_csv_gbk);
  g_test_add_func ("/import/csv/gb18030-four-byte", test_csv_gb18030_four_byte);
  g_test_add_func ("/import/csv/utf16", test_csv_utf16);
  g_test_add_func ("/import/csv/tab", test_csv_tab);
  g_test_add_func ("/import/csv/undecodable", test_csv_undecodable);
  g_test_add_func ("/import/csv/not-csv", test_csv_not_csv);
  g_test_add_func ("/import/csv/quoted", test_csv_quoted);
  g_test_add_func ("/import/csv/line-ends", test_csv_line_ends);
  g_test_add_func ("/import/csv/fields", test_csv_fields);
  g_test_add_func ("/import/csv/delimiters", test_csv_delimiters);
  g_test_add_func ("/import/csv/unclosed-quote", test_csv_unclosed_quote);
  g_test_add_func ("/import/csv/ragged", test_csv_ragged);
  g_test_add_func ("/import/header/titles", test_header_titles);
  g_test_add_func ("/import/header/synonyms", test_header_synonyms);
  g_test_add_func ("/import/header/override", test_header_override);
  g_test_add_func ("/import/header/missing-both", test_header_missing_both);
  g_test_add_func ("/import/row/problems", test_row_problems);
  g_test_add_func ("/import/row/line-after-multiline", test_row_line_after_multiline);
  g_test_add_func ("/import/row/name", test_row_name);
  g_test_add_func ("/import/row/id-forms", test_row_id_forms);
  g_test_add_func ("/import/row/dates", test_row_dates);
  g_test_add_func ("/import/row/phone", test_row_phone);
  g_test_add_func ("/import/row/grade", test_row_grade);
  g_test_add_func ("/import/row/values", test_row_values);
  g_test_add_func ("/import/row/direct", test_row_direct);
  g_test_add_func ("/import/row/same-person", test_row_same_person);
  g_test_add_func ("/import/foreach", test_foreach);
  g_test_add_func ("/import/many-rows", test_many_rows);
  g_test_add_func ("/import/cancel", test_cancel);

  return g_test_run ();
}
