/* test-docx.c: Word documents (.docx) as plan text
 *
 * The fixtures are written here with libarchive: a minimal
 * [Content_Types].xml and word/document.xml (and numbering.xml where the
 * test is about automatic numbering), as Word and WPS lay them out.
 */
#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

#include "sy-core.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " \
             "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
#define DOC(body) "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" \
                  "<w:document " W_NS "><w:body>" body "<w:sectPr/></w:body></w:document>"

static const char content_types[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
  "<Override PartName=\"/word/document.xml\" "
  "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
  "</Types>";

/* A zip of (name, text) pairs, NULL-terminated; a part named "BOMB" is
 * @bomb_size bytes of spaces without a size in its header. */
static GBytes *
make_zip (gsize bomb_size, ...)
{
  struct archive *a = archive_write_new ();
  gsize size = 64 * 1024 * 1024, used = 0;
  guchar *buf = g_malloc (size);
  const char *name;
  va_list args;

  archive_write_set_format_zip (a);
  archive_write_zip_set_compression_deflate (a);
  g_assert_cmpint (archive_write_open_memory (a, buf, size, &used), ==, ARCHIVE_OK);
  va_start (args, bomb_size);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *text = va_arg (args, const char *);
      struct archive_entry *e = archive_entry_new ();

      archive_entry_set_pathname (e, strcmp (name, "BOMB") == 0 ? "word/document.xml" : name);
      archive_entry_set_filetype (e, AE_IFREG);
      archive_entry_set_perm (e, 0644);
      if (strcmp (name, "BOMB") == 0)
        {
          g_autofree char *spaces = g_malloc (1024 * 1024);

          memset (spaces, ' ', 1024 * 1024);
          archive_write_header (a, e);
          archive_write_data (a, text, strlen (text));
          for (gsize n = 0; n < bomb_size; n += 1024 * 1024)
            archive_write_data (a, spaces, 1024 * 1024);
        }
      else
        {
          archive_entry_set_size (e, strlen (text));
          archive_write_header (a, e);
          archive_write_data (a, text, strlen (text));
        }
      archive_entry_free (e);
    }
  va_end (args);
  g_assert_cmpint (archive_write_close (a), ==, ARCHIVE_OK);
  archive_write_free (a);
  return g_bytes_new_take (g_realloc (buf, used), used);
}

static char *
read_ok (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  char *text = sy_docx_read_text (bytes, "plan.docx", &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static void
test_paragraphs (void)
{
  /* A heading split over runs mid-word (as Word does after a spell check
   * or a style change), a tab, a line break, tab stops in the paragraph
   * properties (not text), deleted text and a field code (not text). */
  static const char document[] = DOC (
    "<w:p><w:r><w:t>青石镇2025年双拥</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>工作计划</w:t></w:r></w:p>"
    "<w:p/>"
    "<w:p><w:r><w:t xml:space=\"preserve\">为巩固双拥创建成果，</w:t></w:r><w:r><w:t>制定本计划。</w:t></w:r></w:p>"
    "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr>"
    "<w:r><w:t>一、加强组</w:t></w:r><w:r><w:t>织领导</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>（一）调整</w:t></w:r><w:r><w:tab/><w:t>领导小组</w:t></w:r>"
    "<w:del><w:r><w:delText>删掉的字</w:delText></w:r></w:del>"
    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
    "<w:r><w:br/><w:t>明确职责分工。</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>二、扎实开展拥军优属</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>A_x000D_B</w:t></w:r></w:p>");
  g_autoptr(GBytes) zip = make_zip (0, "[Content_Types].xml", content_types,
                                    "word/document.xml", document, NULL);
  g_autofree char *text = read_ok (zip);

  g_assert_cmpstr (text, ==,
                   "青石镇2025年双拥工作计划\n"
                   "\n"
                   "为巩固双拥创建成果，制定本计划。\n"
                   "一、加强组织领导\n"
                   "（一）调整\t领导小组\n明确职责分工。\n"
                   "二、扎实开展拥军优属\n"
                   "A\rB\n");
}

static void
test_table (void)
{
  /* Cells in row order, each its own line; a paragraph after the table. */
  static const char document[] = DOC (
    "<w:p><w:r><w:t>一、时间安排</w:t></w:r></w:p>"
    "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
    "<w:tr><w:tc><w:tcPr/><w:p><w:r><w:t>1月</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>春节</w:t></w:r><w:r><w:t>走访</w:t></w:r></w:p></w:tc></w:tr>"
    "<w:tr><w:tc><w:p><w:r><w:t>8月</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>八一慰问</w:t></w:r></w:p><w:p><w:r><w:t>部队座谈</w:t></w:r></w:p></w:tc></w:tr>"
    "</w:tbl>"
    "<w:p><w:r><w:t>二、工作要求</w:t></w:r></w:p>"
    /* A text box in both forms: only the Choice is read. */
    "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:t>框内</w:t></mc:Choice>"
    "<mc:Fallback><w:pict><w:t>框内</w:t></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>");
  g_autoptr(GBytes) zip = make_zip (0, "[Content_Types].xml", content_types,
                                    "word/document.xml", document, NULL);
  g_autofree char *text = read_ok (zip);

  g_assert_cmpstr (text, ==, "一、时间安排\n1月\n春节走访\n8月\n八一慰问\n部队座谈\n二、工作要求\n框内\n");
}

static void
test_numbering (void)
{
  static const char numbering[] =
    "<?xml version=\"1.0\"?><w:numbering " W_NS ">"
    "<w:abstractNum w:abstractNumId=\"3\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%3.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"3\"><w:numFmt w:val=\"decimalEnclosedCircle\"/><w:lvlText w:val=\"%4\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"4\">"
    "<w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xef\x82\xb7\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"3\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"4\"/></w:num>"
    "</w:numbering>";
#define NUM(id, lvl, text) "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" lvl "\"/><w:numId w:val=\"" id "\"/>" \
                           "</w:numPr></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
  static const char document[] = DOC (
    "<w:p><w:r><w:t>2025年双拥工作计划</w:t></w:r></w:p>"
    NUM ("1", "0", "加强组织领导")
    NUM ("1", "1", "调整领导小组")
    NUM ("1", "1", "健全工作制度")
    NUM ("1", "2", "每季度召开一次会议")
    NUM ("1", "3", "会议记录存档")
    NUM ("1", "3", "会议纪要印发")
    NUM ("1", "0", "扎实开展拥军优属")
    NUM ("1", "1", "走访慰问")
    NUM ("2", "0", "要点不编号")
    NUM ("0", "0", "numId 0 是取消编号"));
#undef NUM
  g_autoptr(GBytes) zip = make_zip (0, "[Content_Types].xml", content_types,
                                    "word/numbering.xml", numbering,
                                    "word/document.xml", document, NULL);
  g_autofree char *text = read_ok (zip);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyPlanOutline) outline = NULL;
  g_autofree char *lines = NULL;

  g_assert_cmpstr (text, ==,
                   "2025年双拥工作计划\n"
                   "一、加强组织领导\n"
                   "（一）调整领导小组\n"
                   "（二）健全工作制度\n"
                   "1.每季度召开一次会议\n"
                   "①会议记录存档\n"
                   "②会议纪要印发\n"
                   "二、扎实开展拥军优属\n"
                   "（一）走访慰问\n"
                   "要点不编号\n"
                   "numId 0 是取消编号\n");

  /* and the parser makes the outline of it */
  outline = sy_plan_parse_text (text, -1, &error);
  g_assert_no_error (error);
  lines = sy_plan_outline_format (outline);
  g_assert_true (g_str_has_prefix (lines,
                                   "一、 加强组织领导\n"
                                   "  （一） 调整领导小组\n"
                                   "  （二） 健全工作制度\n"
                                   "    1. 每季度召开一次会议\n"
                                   "      ① 会议记录存档\n"));
  g_assert_cmpstr (outline->title, ==, "2025年双拥工作计划");

  /* Without numbering.xml the labels are lost, the text is not. */
  {
    g_autoptr(GBytes) bare = make_zip (0, "word/document.xml", document, NULL);
    g_autofree char *plain = read_ok (bare);

    g_assert_true (g_str_has_prefix (plain, "2025年双拥工作计划\n加强组织领导\n调整领导小组\n"));
  }
}

static void
assert_refused (GBytes *bytes, const char *name, const char *part)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = sy_docx_read_text (bytes, name, &error);

  g_assert_null (text);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, part));
}

static void
test_refused (void)
{
  static const guchar ole[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0 };
  static const char text[] = "一、加强组织领导\n";
  g_autoptr(GBytes) cfb = g_bytes_new_static (ole, sizeof ole);
  g_autoptr(GBytes) plain = g_bytes_new_static (text, strlen (text));
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) no_document = make_zip (0, "[Content_Types].xml", content_types, NULL);
  g_autoptr(GBytes) bad_xml = make_zip (0, "word/document.xml", "<w:document><w:body><w:p>", NULL);
  g_autoptr(GBytes) good = make_zip (0, "word/document.xml", DOC ("<w:p><w:r><w:t>一、甲</w:t></w:r></w:p>"), NULL);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (good, 0, g_bytes_get_size (good) / 2);

  assert_refused (cfb, "old.doc", ".docx");
  assert_refused (cfb, "secret.docx", "password");
  assert_refused (plain, "plan.docx", "not a zip");
  assert_refused (empty, "empty.docx", "not a zip");
  assert_refused (no_document, "other.docx", "word/document.xml");
  assert_refused (bad_xml, "broken.docx", "damaged");
  assert_refused (cut, "cut.docx", "damaged");
}

static void
test_zip_bomb (void)
{
  /* A document.xml that inflates past the cap, its size not declared. */
  g_autoptr(GBytes) bomb = make_zip (SY_DOCX_MAX_PART_SIZE + 1024 * 1024,
                                     "BOMB", "<w:document " W_NS "><w:body>", NULL);

  g_assert_cmpuint (g_bytes_get_size (bomb), <, 1024 * 1024);
  assert_refused (bomb, "bomb.docx", "zip bomb");
}

static void
test_load_text (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-docx-XXXXXX", NULL);
  g_autofree char *txt = g_build_filename (dir, "plan.txt", NULL);
  g_autofree char *doc = g_build_filename (dir, "plan.doc", NULL);
  g_autofree char *docx = g_build_filename (dir, "计划.docx", NULL);
  g_autoptr(GBytes) zip = make_zip (0, "word/document.xml",
                                    DOC ("<w:p><w:r><w:t>一、甲</w:t></w:r></w:p>"), NULL);
  g_autoptr(GError) error = NULL;
  char *text;
  gsize length = 0;

  g_assert_true (g_file_set_contents (txt, "一、乙\n\0x", 11, NULL));
  g_assert_true (g_file_set_contents (doc, "一、丙\n", -1, NULL));
  g_assert_true (g_file_set_contents (docx, g_bytes_get_data (zip, NULL), g_bytes_get_size (zip), NULL));

  {
    g_autoptr(GFile) file = g_file_new_for_path (docx);
    text = sy_docx_load_text (file, NULL, &length, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, "一、甲\n");
    g_assert_cmpuint (length, ==, strlen ("一、甲\n"));
    g_free (text);
  }
  {
    /* a text file is returned whole, NUL and all, for the parser to judge */
    g_autoptr(GFile) file = g_file_new_for_path (txt);
    text = sy_docx_load_text (file, NULL, &length, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (length, ==, 11);
    g_assert_cmpstr (text, ==, "一、乙\n");
    g_free (text);
  }
  {
    /* .doc by its name: even a text file so named is refused */
    g_autoptr(GFile) file = g_file_new_for_path (doc);
    text = sy_docx_load_text (file, NULL, &length, NULL, &error);
    g_assert_null (text);
    g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, ".txt"));
    g_clear_error (&error);
  }
  g_unlink (txt);
  g_unlink (doc);
  g_unlink (docx);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/docx/paragraphs", test_paragraphs);
  g_test_add_func ("/docx/table", test_table);
  g_test_add_func ("/docx/numbering", test_numbering);
  g_test_add_func ("/docx/refused", test_refused);
  g_test_add_func ("/docx/zip-bomb", test_zip_bomb);
  g_test_add_func ("/docx/load-text", test_load_text);
  return g_test_run ();
}
