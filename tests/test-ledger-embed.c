/* test-ledger-embed.c: archived documents bound into the ledger, volume
 * dividers, and the photo panel of the 活动记录表 at page breaks
 *
 * Each test lays sections out on their own (a small SyLedgerPdfPages
 * adapter stands in for the ledger document), writes a PDF and reads it
 * back with poppler: which text is on which page, that no glyph runs into
 * the margins, the file's size (an embedded JPEG must stay a JPEG), and
 * qpdf/pdffonts on the file.
 */
#include "sy-ledger.h"
#include "sy-ledger-divider.h"
#include "sy-ledger-embed.h"
#include "sy-ledger-pdf.h"
#include "sy-ledger-sheet.h"
#include "sy-ledger-style.h"
#include "sy-ledger-text.h"
#include "sy-document-test-pdf.h"
#include "sy-test-pdf.h"
#include "sy-test-util.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#define FIXTURE_TEXT   "上级文件测试正文"
#define FIXTURE_PAGE2  "第二页另有安排"
#define OTHER_TEXT     "另一份文件的内容"
#define JPEG_WIDTH     1200
#define JPEG_HEIGHT    900

static char *tmp_dir;

/* --- fixtures ------------------------------------------------------------- */

/* A photo-like JPEG: smooth colours plus a little noise, so that it
 * compresses the way photos do (far below its raw size, but not to nothing). */
static GBytes *
make_jpeg (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, JPEG_WIDTH, JPEG_HEIGHT);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  for (int y = 0; y < JPEG_HEIGHT; y++)
    for (int x = 0; x < JPEG_WIDTH; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;
        int noise = g_rand_int_range (rand, -12, 12);

        p[0] = (guint8) CLAMP (x * 255 / JPEG_WIDTH + noise, 0, 255);
        p[1] = (guint8) CLAMP (y * 255 / JPEG_HEIGHT + noise, 0, 255);
        p[2] = (guint8) CLAMP (128 + noise, 0, 255);
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error,
                                            "quality", "85", NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

/* A two-page A4 PDF: @first_text and the JPEG on page 1, FIXTURE_PAGE2 on
 * page 2.  Written to @name in the temporary folder. */
static char *
make_pdf (const char *name, const char *first_text, GBytes *jpeg)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (sy_test_append, bytes, 595, 842);
  cairo_t *cr = cairo_create (surface);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, JPEG_WIDTH, JPEG_HEIGHT);
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  sy_test_draw_text (cr, 90, 16, first_text);
  /* The JPEG goes in as it is, like a scanner's PDF. */
  cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG, g_bytes_get_data (jpeg, NULL),
                               g_bytes_get_size (jpeg), (cairo_destroy_func_t) g_bytes_unref,
                               g_bytes_ref (jpeg));
  cairo_save (cr);
  cairo_translate (cr, 72, 160);
  cairo_scale (cr, 450.0 / JPEG_WIDTH, 450.0 / JPEG_WIDTH);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_show_page (cr);
  sy_test_draw_text (cr, 90, 16, FIXTURE_PAGE2);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (image);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_set_contents (path, (const char *) bytes->data, bytes->len, &error));
  g_assert_no_error (error);
  return path;
}

static char *
write_fixture (const char *name, GBytes *bytes)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  return path;
}

static SyDocument *
new_document (const char *title, const char *hash)
{
  SyDocument *doc = sy_document_new ();

  sy_document_set_title (doc, title);
  sy_document_set_doc_number (doc, "民发〔2024〕12号");
  sy_document_set_issuer (doc, "县退役军人事务局");
  sy_document_set_date (doc, "2024-03-05");
  sy_document_set_attachment_hash (doc, hash);
  return doc;
}

/* --- writing sections ------------------------------------------------------ */

typedef struct {
  SyLedgerSection *section;
  guint            part;
} PageRef;

typedef struct {
  PangoFontMap *font_map;
  PangoContext *context;
  GArray       *pages;   /* PageRef */
} Book;

static void
book_page_size (gpointer data, guint index, double *width, double *height)
{
  Book *book = data;
  PageRef *ref = &g_array_index (book->pages, PageRef, index);

  sy_ledger_section_get_page_size (ref->section, ref->part, width, height);
}

static void
book_render_page (gpointer data, guint index, cairo_t *cr)
{
  Book *book = data;
  PageRef *ref = &g_array_index (book->pages, PageRef, index);

  sy_ledger_section_paint_page (ref->section, ref->part, cr, book->context);
}

/* Paginates @sections (NULL-terminated) and writes them to @name in the
 * temporary folder; returns its path. */
static char *
write_book (const char *name, SyLedgerSection **sections)
{
  Book book = { 0, };
  SyLedgerPdfPages pages = { 0, };
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  book.font_map = pango_cairo_font_map_new ();
  book.context = sy_ledger_text_context_new (book.font_map);
  book.pages = g_array_new (FALSE, FALSE, sizeof (PageRef));
  for (guint s = 0; sections[s] != NULL; s++)
    {
      guint n = sy_ledger_section_paginate (sections[s], book.context);

      for (guint p = 0; p < n; p++)
        {
          PageRef ref = { sections[s], p };
          g_array_append_val (book.pages, ref);
        }
    }
  pages.n_pages = book.pages->len;
  pages.page_size = book_page_size;
  pages.render_page = book_render_page;
  pages.data = &book;
  pages.title = name;
  g_assert_true (sy_ledger_pdf_write (path, &pages, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_array_unref (book.pages);
  g_object_unref (book.context);
  g_object_unref (book.font_map);
  return path;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* --- embedded documents --------------------------------------------------- */

static void
test_embed_pdf (void)
{
  g_autoptr(GBytes) jpeg = make_jpeg ();
  g_autofree char *fixture = make_pdf ("notice.pdf", FIXTURE_TEXT, jpeg);
  g_autoptr(SyDocument) document = new_document ("关于做好优抚工作的通知", "hash-notice");
  g_autoptr(SyLedgerEmbed) embed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *out = NULL;
  g_autofree char *page1 = NULL;
  SyLedgerSection *sections[2] = { NULL, NULL };
  gint64 raw_size = (gint64) JPEG_WIDTH * JPEG_HEIGHT * 3;

  embed = sy_ledger_embed_new (document, fixture, "application/pdf", &error);
  g_assert_no_error (error);
  g_assert_nonnull (embed);
  g_assert_cmpuint (sy_ledger_embed_get_n_file_pages (embed), ==, 2);
  sections[0] = SY_LEDGER_SECTION (embed);
  out = write_book ("embed-pdf.pdf", sections);

  pdf = sy_test_pdf_open (out);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 2);
  /* The file's own text, extractable, on the page it belongs to. */
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, FIXTURE_TEXT, 1), ==, 1);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, FIXTURE_TEXT, 2), ==, 0);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, FIXTURE_PAGE2, 1), ==, 2);
  /* The caption on every page, with the page's place in the file. */
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, "关于做好优抚工作的通知　民发〔2024〕12号", 1), ==, 1);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, "县退役军人事务局", 2), ==, 2);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, "2024年3月5日", 1), ==, 1);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, "1/2", 1), ==, 1);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, "2/2", 1), ==, 2);
  /* The caption is the first line of the page. */
  page1 = sy_test_pdf_page_text (pdf, 1);
  g_assert_true (g_str_has_prefix (page1, "关于做好优抚工作的通知"));
  /* The photo went in as the JPEG it is, not as a bitmap (which would be
   * the raw size or, deflated, still several times the JPEG). */
  g_test_message ("JPEG %" G_GSIZE_FORMAT " bytes, raw %" G_GINT64_FORMAT ", ledger %" G_GINT64_FORMAT,
                  g_bytes_get_size (jpeg), raw_size, file_size (out));
  g_assert_cmpint (file_size (out), <, (gint64) g_bytes_get_size (jpeg) + 400 * 1024);
  g_assert_cmpint (file_size (out), <, raw_size / 4);
  sy_test_pdf_assert_glyphs_inside (pdf);
  sy_test_pdf_check_tools (out);
}

/* The top of the first place @needle is on @page, in PDF units (upwards). */
static double
text_top (PopplerPage *page, const char *needle)
{
  GList *found = poppler_page_find_text (page, needle);
  double top;

  g_assert_nonnull (found);
  top = ((PopplerRectangle *) found->data)->y2;
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  return top;
}

/* A title longer than the line: it is cut, the caption stays one line
 * (文号 and page number on it) and inside the margins. */
static void
test_embed_long_title (void)
{
  g_autoptr(GBytes) jpeg = make_jpeg ();
  g_autofree char *fixture = make_pdf ("long.pdf", FIXTURE_TEXT, jpeg);
  g_autoptr(SyDocument) document = new_document ("关于进一步做好新时代退役军人和其他优抚对象服务保障工作"
                                                 "以及双拥模范城（县）创建工作的实施意见", "hash-long");
  g_autoptr(SyLedgerEmbed) embed = sy_ledger_embed_new (document, fixture, "application/pdf", NULL);
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  g_autoptr(PopplerPage) page = NULL;
  double top;
  SyLedgerSection *sections[2] = { SY_LEDGER_SECTION (embed), NULL };

  g_assert_nonnull (embed);
  out = write_book ("embed-long.pdf", sections);
  pdf = sy_test_pdf_open (out);
  text = sy_test_pdf_page_text (pdf, 1);
  g_assert_true (g_str_has_prefix (text, "关于进一步"));
  /* Title, 文号 and page number share the first line. */
  page = poppler_document_get_page (pdf, 0);
  top = text_top (page, "关于进一步");
  g_assert_cmpfloat_with_epsilon (text_top (page, "民发"), top, 1.0);
  g_assert_cmpfloat_with_epsilon (text_top (page, "1/2"), top, 1.0);
  g_assert_cmpfloat (text_top (page, FIXTURE_TEXT), <, top - 10);
  sy_test_pdf_assert_glyphs_inside (pdf);
}

static void
test_embed_image (void)
{
  g_autoptr(GBytes) jpeg = make_jpeg ();
  g_autofree char *fixture = write_fixture ("voucher.jpg", jpeg);
  g_autoptr(SyDocument) document = new_document ("慰问金发放凭证", "hash-voucher");
  g_autoptr(SyLedgerEmbed) embed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  SyLedgerSection *sections[2] = { NULL, NULL };

  embed = sy_ledger_embed_new (document, fixture, "image/jpeg", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sy_ledger_embed_get_n_file_pages (embed), ==, 1);
  sections[0] = SY_LEDGER_SECTION (embed);
  out = write_book ("embed-jpeg.pdf", sections);

  pdf = sy_test_pdf_open (out);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 1);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, "慰问金发放凭证　民发〔2024〕12号", 1), ==, 1);
  /* One page: no "1/1". */
  text = sy_test_pdf_page_text (pdf, 1);
  g_assert_null (strstr (text, "1/1"));
  g_assert_cmpint (file_size (out), <, (gint64) g_bytes_get_size (jpeg) + 200 * 1024);
  sy_test_pdf_assert_glyphs_inside (pdf);
  sy_test_pdf_check_tools (out);
}

/* Two files bound alternately: the one open PDF is swapped between pages,
 * and the fonts of a closed file must still be there when the ledger's
 * file is finished (cairo writes font subsets at the end). */
static void
test_embed_interleaved (void)
{
  g_autoptr(GBytes) jpeg = make_jpeg ();
  g_autofree char *a_path = make_pdf ("a.pdf", FIXTURE_TEXT, jpeg);
  g_autofree char *b_path = make_pdf ("b.pdf", OTHER_TEXT, jpeg);
  g_autoptr(SyDocument) a_doc = new_document ("甲文件", "hash-a");
  g_autoptr(SyDocument) b_doc = new_document ("乙文件", "hash-b");
  g_autoptr(SyLedgerEmbed) a = sy_ledger_embed_new (a_doc, a_path, "application/pdf", NULL);
  g_autoptr(SyLedgerEmbed) b = sy_ledger_embed_new (b_doc, b_path, "application/pdf", NULL);
  g_autoptr(SyLedgerEmbed) a_again = sy_ledger_embed_new (a_doc, a_path, "application/pdf", NULL);
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *out = NULL;
  SyLedgerSection *sections[4];

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_nonnull (a_again);
  sections[0] = SY_LEDGER_SECTION (a);
  sections[1] = SY_LEDGER_SECTION (b);
  sections[2] = SY_LEDGER_SECTION (a_again);
  sections[3] = NULL;
  out = write_book ("interleaved.pdf", sections);

  pdf = sy_test_pdf_open (out);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 6);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, FIXTURE_TEXT, 1), ==, 1);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, OTHER_TEXT, 1), ==, 3);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, FIXTURE_TEXT, 2), ==, 5);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, "乙文件", 1), ==, 3);
  sy_test_pdf_assert_glyphs_inside (pdf);
  sy_test_pdf_check_tools (out);
}

static void
assert_refused (const char *path, const char *mime_type)
{
  g_autoptr(SyDocument) document = new_document ("坏文件", "hash-bad");
  g_autoptr(GError) error = NULL;
  g_autoptr(SyLedgerEmbed) embed = sy_ledger_embed_new (document, path, mime_type, &error);

  g_assert_null (embed);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  /* The message names the document. */
  g_assert_nonnull (strstr (error->message, "坏文件"));
}

static void
test_embed_unreadable (void)
{
  g_autoptr(GBytes) garbage = g_bytes_new_static ("%PDF-1.4\nnot really\n%%EOF\n", 26);
  g_autoptr(GBytes) jpeg = make_jpeg ();
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (jpeg, 0, 1);
  g_autofree char *garbage_path = write_fixture ("garbage.pdf", garbage);
  g_autofree char *cut_path = write_fixture ("cut.jpg", cut);
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.pdf", NULL);
  g_autofree char *jpeg_path = write_fixture ("photo.jpg", jpeg);

  assert_refused (missing, "application/pdf");
  assert_refused (missing, "image/jpeg");
  assert_refused (garbage_path, "application/pdf");
  assert_refused (cut_path, "image/jpeg");
  assert_refused (garbage_path, "image/png");
  assert_refused (jpeg_path, "application/msword");
}

/* --- the divider ----------------------------------------------------------- */

static void
test_divider (void)
{
  g_autoptr(SyLedgerDivider) divider = sy_ledger_divider_new (3, "全国双拥模范县（市）考评标准",
                                                              "本卷收录组织领导方面的证明材料。",
                                                              "某某县双拥工作领导小组办公室",
                                                              "2022—2025年度");
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *out = NULL;
  SyLedgerSection *sections[2] = { SY_LEDGER_SECTION (divider), NULL };

  sy_ledger_divider_add_item (divider, "1.1", "党委政府把双拥工作纳入经济社会发展总体规划", 4, 7);
  sy_ledger_divider_add_item (divider, "1.2", "建立健全双拥工作领导机构", 3, 2);
  sy_ledger_divider_add_item (divider, "1.3", "开展双拥宣传教育", 0, 0);
  out = write_book ("divider.pdf", sections);

  pdf = sy_test_pdf_open (out);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 1);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, "第三卷", 1), ==, 1);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, "全国双拥模范县（市）考评标准", 1), ==, 1);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, "本卷收录组织领导方面的证明材料", 1), ==, 1);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, "某某县双拥工作领导小组办公室", 1), ==, 1);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, "2022—2025年度", 1), ==, 1);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, "1.1　党委政府把双拥工作纳入经济社会发展总体规划（4分）", 1), ==, 1);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, "7 份", 1), ==, 1);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, "1.2　建立健全双拥工作领导机构（3分）", 1), ==, 1);
  /* No score: nothing in brackets. */
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, "1.3　开展双拥宣传教育0份", 1), ==, 1);
  sy_test_pdf_assert_glyphs_inside (pdf);
  sy_test_pdf_check_tools (out);
}

/* More items than a page holds: still one page, the rest counted. */
static void
test_divider_long (void)
{
  g_autoptr(SyLedgerDivider) divider = sy_ledger_divider_new (12, "考评标准", NULL, "办公室", "2025年度");
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  SyLedgerSection *sections[2] = { SY_LEDGER_SECTION (divider), NULL };

  for (guint i = 1; i <= 80; i++)
    {
      g_autofree char *code = g_strdup_printf ("%u.%u", i / 10 + 1, i % 10);

      sy_ledger_divider_add_item (divider, code, "落实优抚对象抚恤补助标准并按时足额发放到位", 2, i);
    }
  out = write_book ("divider-long.pdf", sections);

  pdf = sy_test_pdf_open (out);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 1);
  g_assert_cmpuint (sy_test_pdf_find_text (pdf, "第十二卷", 1), ==, 1);
  text = sy_test_pdf_page_text (pdf, 1);
  g_assert_nonnull (strstr (text, "另有"));
  sy_test_pdf_assert_glyphs_inside (pdf);
}

/* --- the photo panel at page breaks ---------------------------------------- */

static GBytes *shared_jpeg;

static GBytes *
load_photo (const char *hash, gpointer user_data)
{
  return g_bytes_ref (shared_jpeg);
}

/* The last non-blank line of @text. */
static char *
last_line (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = g_strv_length (lines); i-- > 0;)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0')
        return g_strdup (lines[i]);
    }
  return g_strdup ("");
}

static guint
count (const char *haystack, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Paragraphs of about one line each. */
static char *
record_text (guint lines)
{
  GString *text = g_string_new (NULL);

  for (guint l = 0; l < lines; l++)
    g_string_append (text, "组织志愿者走访慰问驻地部队官兵和优抚对象家庭，送去节日的问候和慰问品。\n");
  return g_string_free (text, FALSE);
}

/* Writes one 活动记录表 with @n_photos photos of shared_jpeg to @name;
 * returns its path.  @caption_seed makes some captions two lines long
 * (rows of two heights). */
static char *
write_sheet (const char *name,
             const char *content,
             const char *outcome,
             guint       n_photos,
             guint       caption_seed)
{
  g_autoptr(SyEvent) event = sy_event_new ();
  g_autoptr(SyLedgerSheet) sheet = NULL;
  SyLedgerSection *sections[2] = { NULL, NULL };

  sy_event_set_title (event, "八一建军节走访慰问活动");
  sy_event_set_kind (event, "走访慰问");
  sy_event_set_date (event, "2024-08-01");
  sy_event_set_place (event, "驻地某部");
  sy_event_set_organiser (event, "县双拥办");
  sy_event_set_participants (event, "县领导、双拥办全体人员");
  sy_event_set_content (event, content);
  sy_event_set_outcome (event, outcome);
  sy_event_set_recorder (event, "张三");
  sy_event_set_reviewer (event, "李四");
  sheet = sy_ledger_sheet_new (event, "某某县双拥办", "2024-08", load_photo, NULL);
  for (guint i = 0; i < n_photos; i++)
    {
      g_autofree char *caption = g_strdup_printf ("照片说明%u%s", i + 1,
                                                  (i + caption_seed) % 4 == 3
                                                  ? "：县领导与部队官兵座谈交流，共叙鱼水深情，听取部队对双拥工作的意见和建议"
                                                  : "");
      sy_ledger_sheet_add_photo (sheet, "photo-hash", caption);
    }
  sections[0] = SY_LEDGER_SECTION (sheet);
  return write_book (name, sections);
}

static void
test_sheet_photo_band (void)
{
  guint n_books = 0;

  shared_jpeg = make_jpeg ();
  for (guint lines = 0; lines <= 45; lines += 3)
    {
      /* The band meets every height left at the foot of a page. */
      g_autofree char *content = record_text (lines);

      for (guint n_photos = 1; n_photos <= 9; n_photos++)
        {
          g_autoptr(PopplerDocument) pdf = NULL;
          g_autofree char *name = g_strdup_printf ("sheet-%u-%u.pdf", lines, n_photos);
          g_autofree char *out = NULL;
          guint n_pages, shown = 0;

          out = write_sheet (name, content,
                             lines % 12 == 0 ? "增进了军政军民团结。" : content,
                             n_photos, lines);
          n_books++;

          pdf = sy_test_pdf_open (out);
          n_pages = (guint) poppler_document_get_n_pages (pdf);
          for (guint p = 1; p <= n_pages; p++)
            {
              g_autofree char *text = sy_test_pdf_page_text (pdf, p);
              g_autofree char *last = last_line (text);
              guint on_page = 0;

              /* A band heading is never the last thing on a page. */
              if (g_str_has_prefix (last, "活动照片"))
                g_error ("%s: page %u ends with “%s”", name, p, last);
              /* Fewer than ten photos: no caption's number starts another's. */
              for (guint i = 0; i < n_photos; i++)
                {
                  g_autofree char *caption = g_strdup_printf ("照片说明%u", i + 1);

                  if (strstr (text, caption) != NULL)
                    on_page++;
                }
              /* Two rows of two at most on a page. */
              g_assert_cmpuint (on_page, <=, 4);
              /* Photos continued from an earlier page come under the
               * continuation band. */
              if (on_page > 0 && count (text, "活动照片") == 0)
                g_error ("%s: page %u has photos without a band", name, p);
              if (on_page > 0 && shown > 0)
                g_assert_nonnull (strstr (text, "活动照片（续）"));
              shown += on_page;
            }
          g_assert_cmpuint (shown, ==, n_photos);
          /* The signature row is on the last page, with the last photos. */
          g_assert_cmpuint (sy_test_pdf_find_text (pdf, "记录人", 1), ==, n_pages);
          g_assert_cmpuint (sy_test_pdf_find_text (pdf, "照片说明", n_pages), ==, n_pages);
          sy_test_pdf_assert_glyphs_inside (pdf);
          if (g_getenv ("SY_TEST_KEEP") == NULL)
            g_remove (out);
        }
    }
  g_test_message ("%u sheets checked", n_books);
  g_clear_pointer (&shared_jpeg, g_bytes_unref);
}

#define BLOCK_LEFT       SY_LEDGER_BLOCK_X
#define BLOCK_WIDTH      SY_LEDGER_BLOCK_WIDTH
#define BLOCK_TOP        SY_LEDGER_BLOCK_Y
#define BLOCK_BOTTOM     (SY_LEDGER_BLOCK_Y + SY_LEDGER_BLOCK_HEIGHT)
#define FULL_PHOTO_WIDTH SY_LEDGER_PHOTO_WIDTH
/* sy-ledger-sheet.c's PHOTO_MIN_SCALE */
#define MIN_PHOTO_SCALE  0.75
/* poppler's image mapping comes in whole points, heights off by up to two. */
#define MAPPING_SLACK    1.2
#define MAPPING_SLACK_Y  2.5

/* The photos on @page_no (1-based), checked: 4:3 like the fixture (so the
 * box is the picture), all at one size, inside the text block, centred in
 * their cells (a lone last photo in the middle).  Sets @scale to their
 * width over the full box's. */
static guint
page_photos (PopplerDocument *pdf, guint page_no, double *scale)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, page_no - 1);
  GList *mapping = poppler_page_get_image_mapping (page);
  guint n = 0;

  *scale = 1.0;
  for (GList *l = mapping; l != NULL; l = l->next)
    {
      const PopplerRectangle *a = &((PopplerImageMapping *) l->data)->area;
      double w = a->x2 - a->x1;
      double centre = (a->x1 + a->x2) / 2;
      gboolean in_cell = FALSE;

      g_assert_cmpfloat_with_epsilon (a->y2 - a->y1, w * 3.0 / 4.0, MAPPING_SLACK_Y);
      if (n == 0)
        *scale = w / FULL_PHOTO_WIDTH;
      else
        g_assert_cmpfloat_with_epsilon (w, *scale * FULL_PHOTO_WIDTH, MAPPING_SLACK);
      for (guint q = 1; q <= 3; q++)
        in_cell |= fabs (centre - (BLOCK_LEFT + q * BLOCK_WIDTH / 4)) < MAPPING_SLACK;
      if (!in_cell)
        g_error ("page %u: photo centred at %.1f pt, not in a cell", page_no, centre);
      g_assert_cmpfloat (a->x1, >=, BLOCK_LEFT - MAPPING_SLACK);
      g_assert_cmpfloat (a->x2, <=, BLOCK_LEFT + BLOCK_WIDTH + MAPPING_SLACK);
      g_assert_cmpfloat (a->y1, >=, BLOCK_TOP - MAPPING_SLACK_Y);
      g_assert_cmpfloat (a->y2, <=, BLOCK_BOTTOM + MAPPING_SLACK_Y);
      n++;
    }
  poppler_page_free_image_mapping (mapping);
  return n;
}

/* Every photo of @page_no has its caption ("照片说明…") right under it,
 * centred on it (the first glyph within half a cell), at whatever size. */
static void
assert_captions_under_photos (PopplerDocument *pdf, guint page_no)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, page_no - 1);
  g_autofree char *text = poppler_page_get_text (page);
  GList *mapping = poppler_page_get_image_mapping (page);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;

  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  for (GList *l = mapping; l != NULL; l = l->next)
    {
      const PopplerRectangle *a = &((PopplerImageMapping *) l->data)->area;
      double centre = (a->x1 + a->x2) / 2;
      gboolean found = FALSE;
      const char *p = text;

      for (guint r = 0; r < n_rects && *p != '\0' && !found; r++, p = g_utf8_next_char (p))
        found = g_str_has_prefix (p, "照片说明") &&
                fabs ((rects[r].x1 + rects[r].x2) / 2 - centre) < BLOCK_WIDTH / 4 &&
                rects[r].y1 > a->y2 - MAPPING_SLACK_Y &&
                rects[r].y1 < a->y2 + SY_LEDGER_MM (3.0);
      if (!found)
        g_error ("page %u: no caption under the photo at (%.0f, %.0f)–(%.0f, %.0f)",
                 page_no, a->x1, a->y1, a->x2, a->y2);
    }
  g_free (rects);
  poppler_page_free_image_mapping (mapping);
}

/* The lowest glyph of @page_no above the page number. */
static double
glyph_bottom (PopplerDocument *pdf, guint page_no)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, page_no - 1);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  double bottom = 0.0;

  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  for (guint r = 0; r < n_rects; r++)
    if (rects[r].y2 < BLOCK_BOTTOM + SY_LEDGER_MM (4.0))
      bottom = MAX (bottom, rects[r].y2);
  g_free (rects);
  return bottom;
}

/* A record just too long for the photo panel: rather than carry the last
 * photos (with the signature) to a near-empty continuation page, the
 * photos of the page are drawn smaller, never below MIN_PHOTO_SCALE, and
 * only when that saves the page. */
static void
test_sheet_photo_shrink (void)
{
  const guint cases[] = { 2, 4, 6 };

  shared_jpeg = make_jpeg ();
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      guint n_photos = cases[c];
      guint n_rows = (n_photos + 1) / 2;
      guint shrunk = 0, previous_pages = 0;
      g_autoptr(GString) content = g_string_new (NULL);

      /* One line longer each time (short paragraphs): every height left
       * at the foot of a page, in steps finer than the 13.5 mm a row
       * gives back at the smallest scale. */
      for (guint lines = 0; lines <= 70; lines++, g_string_append (content, "走访慰问驻地部队官兵和优抚对象家庭。\n"))
        {
          g_autofree char *name = g_strdup_printf ("shrink-%u-%u.pdf", n_photos, lines);
          g_autofree char *out = write_sheet (name, content->str, "增进了军政军民团结。",
                                               n_photos, 0);
          g_autoptr(PopplerDocument) pdf = sy_test_pdf_open (out);
          guint n_pages = (guint) poppler_document_get_n_pages (pdf);
          guint shown = 0;

          /* A longer record never takes fewer pages. */
          g_assert_cmpuint (n_pages, >=, previous_pages);
          previous_pages = n_pages;
          for (guint p = 1; p <= n_pages; p++)
            {
              g_autofree char *text = sy_test_pdf_page_text (pdf, p);
              g_autofree char *last = last_line (text);
              double scale;
              guint n = page_photos (pdf, p, &scale);

              if (g_str_has_prefix (last, "活动照片"))
                g_error ("%s: page %u ends with “%s”", name, p, last);
              shown += n;
              if (n == 0 || fabs (scale - 1.0) * FULL_PHOTO_WIDTH < MAPPING_SLACK)
                continue;

              shrunk++;
              assert_captions_under_photos (pdf, p);
              g_test_message ("%s: page %u photos at %.0f%%", name, p, scale * 100);
              g_assert_cmpfloat (scale * FULL_PHOTO_WIDTH, >=,
                                 MIN_PHOTO_SCALE * FULL_PHOTO_WIDTH - MAPPING_SLACK);
              g_assert_cmpfloat (scale, <, 1.0);
              /* Shrunk just enough: the table reaches the foot of the
               * block (so at full size it would run over). */
              g_assert_cmpfloat (glyph_bottom (pdf, p), >, BLOCK_BOTTOM - SY_LEDGER_MM (5.0));
              /* Only to save a page: the photos left over, if any, fill
               * one continuation page, with the signature. */
              if (n_rows <= 2)
                g_assert_cmpuint (p, ==, n_pages);
              else
                {
                  g_assert_cmpuint (p + 1, ==, n_pages);
                  g_assert_cmpuint (n_photos - shown, ==, 4);
                }
            }
          g_assert_cmpuint (shown, ==, n_photos);
          g_assert_cmpuint (sy_test_pdf_find_text (pdf, "记录人", 1), ==, n_pages);
          /* A short record and one row of photos: full size on one page
           * (two rows never fit beside the table at full size). */
          if (lines == 0 && n_rows == 1)
            {
              double scale;

              g_assert_cmpuint (n_pages, ==, 1);
              g_assert_cmpuint (page_photos (pdf, 1, &scale), ==, n_photos);
              g_assert_cmpfloat_with_epsilon (scale * FULL_PHOTO_WIDTH, FULL_PHOTO_WIDTH,
                                              MAPPING_SLACK);
            }
          sy_test_pdf_assert_glyphs_inside (pdf);
          if (g_getenv ("SY_TEST_KEEP") == NULL)
            g_remove (out);
        }
      /* Some length of record lands in the window where shrinking saves
       * the page: the old layout had a continuation page there. */
      g_assert_cmpuint (shrunk, >, 0);
    }
  g_clear_pointer (&shared_jpeg, g_bytes_unref);
}

int
main (int argc, char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("sy-ledger-embed-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/ledger-embed/pdf", test_embed_pdf);
  g_test_add_func ("/ledger-embed/long-title", test_embed_long_title);
  g_test_add_func ("/ledger-embed/image", test_embed_image);
  g_test_add_func ("/ledger-embed/interleaved", test_embed_interleaved);
  g_test_add_func ("/ledger-embed/unreadable", test_embed_unreadable);
  g_test_add_func ("/ledger-divider/items", test_divider);
  g_test_add_func ("/ledger-divider/long", test_divider_long);
  g_test_add_func ("/ledger-sheet/photo-band", test_sheet_photo_band);
  g_test_add_func ("/ledger-sheet/photo-shrink", test_sheet_photo_shrink);

  status = g_test_run ();
  if (g_getenv ("SY_TEST_KEEP") == NULL)
    sy_test_remove_tree (tmp_dir);
  else
    g_printerr ("kept %s\n", tmp_dir);
  g_free (tmp_dir);
  return status;
}
