/* sy-year-summary.c: the 年终总结 draft, composed once, written as .odt or PDF
 *
 * The draft is a list of blocks (title, headings, paragraphs, one table,
 * the chart); the two writers only lay those blocks out, so the .odt and
 * the PDF always say the same thing.
 */
#include "sy-year-summary.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>

#include "sy-error.h"
#include "sy-export-file.h"
#include "sy-ledger-chart.h"
#include "sy-ledger-pdf.h"
#include "sy-ledger-style.h"
#include "sy-ledger-text.h"
#include "sy-money.h"

#define CHART_HEIGHT  SY_LEDGER_MM (80.0)
#define CHART_PNG_SCALE 3.0
/* Series in the chart, the last one 其他 when there are more kinds. */
#define CHART_MAX_SERIES 6
#define TO_FILL(what) "【待补充：" what "】"

typedef enum {
  BLOCK_TITLE,
  BLOCK_HEADING,      /* 一、… */
  BLOCK_SUBHEADING,   /* （一）… */
  BLOCK_PARAGRAPH,
  BLOCK_TABLE,        /* rows of "cell\tcell" */
  BLOCK_CHART,
  BLOCK_SIGNATURE,    /* right-aligned lines */
} BlockKind;

typedef struct {
  BlockKind  kind;
  char      *text;
  GPtrArray *rows;    /* BLOCK_TABLE: char * "a\tb", first row the header */
} Block;

static void
block_free (gpointer data)
{
  Block *b = data;

  g_free (b->text);
  g_clear_pointer (&b->rows, g_ptr_array_unref);
  g_free (b);
}

static Block *
add_block (GPtrArray *blocks, BlockKind kind, char *text)
{
  Block *b = g_new0 (Block, 1);

  b->kind = kind;
  b->text = text;
  g_ptr_array_add (blocks, b);
  return b;
}

/* "85.7" from done/total, one decimal, integer arithmetic. */
static char *
percent (guint done, guint total)
{
  guint64 tenths = total ? ((guint64) done * 1000 + total / 2) / total : 0;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT, tenths / 10, tenths % 10);
}

static void
compose_plans (const SyYearReport *r, GPtrArray *blocks)
{
  GString *p = g_string_new (NULL);

  add_block (blocks, BLOCK_SUBHEADING, g_strdup ("（一）工作计划完成情况"));
  if (r->n_plans == 0)
    {
      g_string_printf (p, "本年度系统中未录入工作计划。" TO_FILL ("年度工作计划的制定和落实情况"));
      add_block (blocks, BLOCK_PARAGRAPH, g_string_free (p, FALSE));
      return;
    }
  {
    g_autofree char *pct = percent (r->items_done, r->items_total);

    g_string_printf (p, "全年制定双拥工作计划%u份，列入计划的工作事项%u项，已完成%u项，"
                     "完成率%s%%。", r->n_plans, r->items_total, r->items_done, pct);
  }
  if (r->open_items->len == 0)
    g_string_append (p, "计划事项均已完成。");
  else
    {
      g_string_append_printf (p, "尚未完成的事项%u项：", r->open_items->len);
      for (guint i = 0; i < r->open_items->len; i++)
        {
          const SyYearOpenItem *item = g_ptr_array_index (r->open_items, i);

          g_string_append_printf (p, "%s%s%s", i ? "；" : "", item->label, item->title);
        }
      g_string_append (p, "。" TO_FILL ("未完成的原因及打算"));
    }
  add_block (blocks, BLOCK_PARAGRAPH, g_string_free (p, FALSE));
}

static void
compose_events (const SyYearReport *r, GPtrArray *blocks)
{
  GString *p = g_string_new (NULL);
  Block *table;

  add_block (blocks, BLOCK_SUBHEADING, g_strdup ("（二）双拥活动开展情况"));
  if (r->n_events == 0)
    {
      add_block (blocks, BLOCK_PARAGRAPH,
                 g_strdup ("本年度系统中未登记双拥活动。" TO_FILL ("活动开展情况")));
      return;
    }
  g_string_printf (p, "全年共开展双拥活动%u场次，其中", r->n_events);
  for (guint i = 0; i < r->kinds->len; i++)
    {
      const SyYearKindCount *k = g_ptr_array_index (r->kinds, i);

      g_string_append_printf (p, "%s%s%u场次", i ? "、" : "", k->kind, k->months[0]);
    }
  g_string_append_printf (p, "。参加活动的领导%" G_GINT64_FORMAT "人次、部队官兵%" G_GINT64_FORMAT
                          "人次、群众%" G_GINT64_FORMAT "人次。各类活动分月情况见下图。",
                          r->leaders, r->soldiers, r->civilians);
  add_block (blocks, BLOCK_PARAGRAPH, g_string_free (p, FALSE));

  table = add_block (blocks, BLOCK_TABLE, NULL);
  table->rows = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (table->rows, g_strdup ("活动类型\t场次"));
  for (guint i = 0; i < r->kinds->len; i++)
    {
      const SyYearKindCount *k = g_ptr_array_index (r->kinds, i);

      g_ptr_array_add (table->rows, g_strdup_printf ("%s\t%u", k->kind, k->months[0]));
    }
  g_ptr_array_add (table->rows, g_strdup_printf ("合计\t%u", r->n_events));
  add_block (blocks, BLOCK_CHART, NULL);
  add_block (blocks, BLOCK_PARAGRAPH, g_strdup (TO_FILL ("重点活动的简要情况")));
}

static void
compose_visits (const SyYearReport *r, GPtrArray *blocks)
{
  g_autofree char *visit_money = sy_money_format (r->visit_money_fen);
  g_autofree char *welfare = sy_money_format (r->welfare_paid_fen);

  add_block (blocks, BLOCK_SUBHEADING, g_strdup ("（三）走访慰问情况"));
  add_block (blocks, BLOCK_PARAGRAPH,
             g_strdup_printf ("全年走访慰问%u人次，涉及%u人，走访时发放慰问金%s元。全年发放"
                              "慰问金合计%s元（含集中发放和走访时发放）。"
                              TO_FILL ("走访中了解的困难诉求及解决情况"),
                              r->n_visits, r->n_people, visit_money, welfare));
}

static void
compose_photos (const SyYearReport *r, GPtrArray *blocks)
{
  add_block (blocks, BLOCK_SUBHEADING, g_strdup ("（四）活动资料留存情况"));
  add_block (blocks, BLOCK_PARAGRAPH,
             g_strdup_printf ("全年留存活动照片%u张，其中%u张选入双拥工作台帐。",
                              r->n_photos, r->n_ledger_photos));
}

static GPtrArray *
compose (const SyYearReport *r, const char *unit_name)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func (block_free);
  const char *unit = unit_name ? unit_name : "";
  g_autofree char *office = unit_name && *unit_name ? g_strdup (unit_name) : g_strdup ("我单位");

  add_block (blocks, BLOCK_TITLE, g_strdup_printf ("%s%d年双拥工作总结", unit, r->year));
  add_block (blocks, BLOCK_PARAGRAPH,
             g_strdup_printf ("%d年，%s在上级党委、政府和双拥工作领导小组的领导下，扎实开展"
                              "双拥工作。" TO_FILL ("全年工作总体情况"), r->year, office));

  add_block (blocks, BLOCK_HEADING, g_strdup ("一、工作开展情况"));
  compose_plans (r, blocks);
  compose_events (r, blocks);
  compose_visits (r, blocks);
  compose_photos (r, blocks);

  add_block (blocks, BLOCK_HEADING, g_strdup ("二、主要做法和成效"));
  add_block (blocks, BLOCK_PARAGRAPH,
             g_strdup (TO_FILL ("结合上述工作，总结主要做法、典型事例和取得的成效")));
  add_block (blocks, BLOCK_HEADING, g_strdup ("三、存在的问题和不足"));
  add_block (blocks, BLOCK_PARAGRAPH,
             r->open_items->len > 0
             ? g_strdup_printf ("部分计划事项（%u项）年内尚未完成。" TO_FILL ("其他问题和不足"),
                                r->open_items->len)
             : g_strdup (TO_FILL ("存在的问题和不足")));
  add_block (blocks, BLOCK_HEADING, g_strdup ("四、下一步工作打算"));
  add_block (blocks, BLOCK_PARAGRAPH, g_strdup (TO_FILL ("下一年度的工作思路和重点")));
  add_block (blocks, BLOCK_SIGNATURE,
             g_strdup_printf ("%s\n%d年  月  日", unit_name && *unit_name ? unit_name : "（单位）",
                              r->year + 1));
  return blocks;
}

char *
sy_year_summary_text (const SyYearReport *report,
                      const char         *unit_name)
{
  g_autoptr(GPtrArray) blocks = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  blocks = compose (report, unit_name);
  for (guint i = 0; i < blocks->len; i++)
    {
      const Block *b = g_ptr_array_index (blocks, i);

      if (b->kind == BLOCK_TABLE)
        for (guint r = 0; r < b->rows->len; r++)
          g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (b->rows, r));
      else if (b->text != NULL)
        g_string_append_printf (out, "%s\n", b->text);
    }
  return g_string_free (out, FALSE);
}

/* --- the chart ------------------------------------------------------------------ */

static SyLedgerChart *
make_chart (const SyYearReport *r)
{
  /* Colours that stay apart in print and for the colour-blind. */
  static const double palette[][3] = {
    { 0.00, 0.45, 0.70 }, { 0.90, 0.62, 0.00 }, { 0.00, 0.62, 0.45 }, { 0.80, 0.47, 0.65 },
    { 0.34, 0.71, 0.91 }, { 0.55, 0.55, 0.55 },
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (palette) == CHART_MAX_SERIES);
  g_autofree char *title = g_strdup_printf ("%d年双拥活动分月统计", r->year);
  SyLedgerChart *chart = sy_ledger_chart_new (title);
  g_autoptr(GPtrArray) months = g_ptr_array_new_with_free_func (g_free);

  for (int m = 1; m <= 12; m++)
    g_ptr_array_add (months, g_strdup_printf ("%d月", m));
  sy_ledger_chart_set_groups (chart, (const char * const *) months->pdata, 12);
  sy_ledger_chart_set_unit (chart, "场次");
  /* Twelve bars a month are slivers: the most frequent kinds get their
   * own series, the rest are summed as 其他. */
  for (guint i = 0; i < r->kinds->len && i < CHART_MAX_SERIES; i++)
    {
      const SyYearKindCount *k = g_ptr_array_index (r->kinds, i);
      gboolean last = i + 1 == CHART_MAX_SERIES && r->kinds->len > CHART_MAX_SERIES;
      double values[12] = { 0, };

      for (guint j = i; j < (last ? r->kinds->len : i + 1); j++)
        {
          const SyYearKindCount *kj = g_ptr_array_index (r->kinds, j);

          for (int m = 0; m < 12; m++)
            values[m] += kj->months[m + 1];
        }
      sy_ledger_chart_add_series (chart, last ? "其他" : k->kind, values, 12, palette[i][0],
                                  palette[i][1], palette[i][2]);
    }
  return chart;
}

static cairo_status_t
append_png (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
chart_png (const SyYearReport *r, double width, double height)
{
  g_autoptr(SyLedgerChart) chart = make_chart (r);
  cairo_surface_t *surface;
  cairo_t *cr;
  GByteArray *png = g_byte_array_new ();

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (width * CHART_PNG_SCALE),
                                        (int) (height * CHART_PNG_SCALE));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, CHART_PNG_SCALE, CHART_PNG_SCALE);
  sy_ledger_chart_paint (chart, cr, NULL, width, height, NULL);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

/* --- OpenDocument text ------------------------------------------------------------ */

static const char odt_mimetype[] = "application/vnd.oasis.opendocument.text";

static const char odt_manifest[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\n"
  " <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>\n"
  " <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\n"
  " <manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>\n"
  " <manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>\n"
  " <manifest:file-entry manifest:full-path=\"Pictures/chart.png\" manifest:media-type=\"image/png\"/>\n"
  "</manifest:manifest>\n";

#define ODF_NS \
  " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"" \
  " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"" \
  " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"" \
  " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"" \
  " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\"" \
  " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"" \
  " xmlns:xlink=\"http://www.w3.org/1999/xlink\"" \
  " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"" \
  " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\"" \
  " xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\"" \
  " office:version=\"1.2\""

/* Page A4 with the ledger's margins; 仿宋-like body in the serif CJK face,
 * headings in the sans face, as 公文 drafts look. */
static const char odt_styles[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<office:document-styles" ODF_NS ">\n"
  "<office:font-face-decls xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\">"
  "<style:font-face style:name=\"Serif\" svg:font-family=\"'" SY_LEDGER_SERIF "'\"/>"
  "<style:font-face style:name=\"Sans\" svg:font-family=\"'" SY_LEDGER_SANS "'\"/>"
  "</office:font-face-decls>\n"
  "<office:styles>"
  "<style:default-style style:family=\"paragraph\"><style:text-properties style:font-name=\"Serif\""
  " style:font-name-asian=\"Serif\" fo:font-size=\"12pt\" style:font-size-asian=\"12pt\" fo:language=\"zh\""
  " fo:country=\"CN\" style:language-asian=\"zh\" style:country-asian=\"CN\"/></style:default-style>"
  "<style:style style:name=\"Standard\" style:family=\"paragraph\"/>"
  "<style:style style:name=\"Title\" style:family=\"paragraph\"><style:paragraph-properties fo:text-align=\"center\""
  " fo:margin-bottom=\"0.5cm\"/><style:text-properties style:font-name=\"Sans\" style:font-name-asian=\"Sans\""
  " fo:font-size=\"22pt\" style:font-size-asian=\"22pt\" fo:font-weight=\"bold\" style:font-weight-asian=\"bold\"/></style:style>"
  "<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\" style:family=\"paragraph\""
  " style:default-outline-level=\"1\"><style:paragraph-properties fo:margin-top=\"0.4cm\" fo:margin-bottom=\"0.2cm\"/>"
  "<style:text-properties style:font-name=\"Sans\" style:font-name-asian=\"Sans\" fo:font-size=\"16pt\""
  " style:font-size-asian=\"16pt\" fo:font-weight=\"bold\" style:font-weight-asian=\"bold\"/></style:style>"
  "<style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\" style:family=\"paragraph\""
  " style:default-outline-level=\"2\"><style:paragraph-properties fo:margin-top=\"0.2cm\" fo:margin-bottom=\"0.1cm\"/>"
  "<style:text-properties fo:font-size=\"14pt\" style:font-size-asian=\"14pt\" fo:font-weight=\"bold\""
  " style:font-weight-asian=\"bold\"/></style:style>"
  "<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\" style:family=\"paragraph\">"
  "<style:paragraph-properties fo:text-indent=\"24pt\" fo:line-height=\"150%\" fo:text-align=\"justify\"/></style:style>"
  "<style:style style:name=\"Signature\" style:family=\"paragraph\"><style:paragraph-properties fo:text-align=\"end\""
  " fo:margin-top=\"0.8cm\"/></style:style>"
  "<style:style style:name=\"Signature_20_Line\" style:family=\"paragraph\"><style:paragraph-properties"
  " fo:text-align=\"end\"/></style:style>"
  "<style:style style:name=\"Table_20_Contents\" style:display-name=\"Table Contents\" style:family=\"paragraph\">"
  "<style:paragraph-properties fo:text-align=\"center\"/></style:style>"
  "</office:styles>\n"
  "<office:automatic-styles><style:page-layout style:name=\"pm1\"><style:page-layout-properties"
  " fo:page-width=\"21cm\" fo:page-height=\"29.7cm\" fo:margin-top=\"3.7cm\" fo:margin-bottom=\"3.5cm\""
  " fo:margin-left=\"2.8cm\" fo:margin-right=\"2.6cm\"/></style:page-layout></office:automatic-styles>\n"
  "<office:master-styles><style:master-page style:name=\"Standard\" style:page-layout-name=\"pm1\"/></office:master-styles>\n"
  "</office:document-styles>\n";

static void
append_escaped (GString *out, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_string_append (out, escaped);
}

static char *
odt_content (GPtrArray *blocks, double chart_w, double chart_h)
{
  GString *x = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content" ODF_NS ">\n"
                             "<office:automatic-styles>"
                             "<style:style style:name=\"Tbl\" style:family=\"table\"><style:table-properties"
                             " style:width=\"10cm\" table:align=\"center\"/></style:style>"
                             "<style:style style:name=\"Cell\" style:family=\"table-cell\"><style:table-cell-properties"
                             " fo:padding=\"0.08cm\" fo:border=\"0.5pt solid #000000\"/></style:style>"
                             "<style:style style:name=\"Fig\" style:family=\"graphic\"><style:graphic-properties"
                             " style:wrap=\"none\" style:vertical-pos=\"top\" style:horizontal-pos=\"center\""
                             " style:horizontal-rel=\"paragraph\"/></style:style>"
                             "</office:automatic-styles>\n<office:body><office:text>\n");

  for (guint i = 0; i < blocks->len; i++)
    {
      const Block *b = g_ptr_array_index (blocks, i);

      switch (b->kind)
        {
        case BLOCK_TITLE:
          g_string_append (x, "<text:p text:style-name=\"Title\">");
          append_escaped (x, b->text);
          g_string_append (x, "</text:p>\n");
          break;
        case BLOCK_HEADING:
        case BLOCK_SUBHEADING:
          {
            int level = b->kind == BLOCK_HEADING ? 1 : 2;

            g_string_append_printf (x, "<text:h text:style-name=\"Heading_20_%d\" text:outline-level=\"%d\">",
                                    level, level);
            append_escaped (x, b->text);
            g_string_append (x, "</text:h>\n");
          }
          break;
        case BLOCK_PARAGRAPH:
          g_string_append (x, "<text:p text:style-name=\"Text_20_body\">");
          append_escaped (x, b->text);
          g_string_append (x, "</text:p>\n");
          break;
        case BLOCK_SIGNATURE:
          {
            g_auto(GStrv) lines = g_strsplit (b->text, "\n", -1);

            for (guint l = 0; lines[l] != NULL; l++)
              {
                g_string_append_printf (x, "<text:p text:style-name=\"%s\">", l == 0 ? "Signature" : "Signature_20_Line");
                append_escaped (x, lines[l]);
                g_string_append (x, "</text:p>\n");
              }
          }
          break;
        case BLOCK_TABLE:
          g_string_append (x, "<table:table table:name=\"活动统计\" table:style-name=\"Tbl\">"
                              "<table:table-column table:number-columns-repeated=\"2\"/>\n");
          for (guint r = 0; r < b->rows->len; r++)
            {
              g_auto(GStrv) cells = g_strsplit (g_ptr_array_index (b->rows, r), "\t", -1);

              g_string_append (x, "<table:table-row>");
              for (guint c = 0; cells[c] != NULL; c++)
                {
                  g_string_append (x, "<table:table-cell table:style-name=\"Cell\" office:value-type=\"string\">"
                                      "<text:p text:style-name=\"Table_20_Contents\">");
                  append_escaped (x, cells[c]);
                  g_string_append (x, "</text:p></table:table-cell>");
                }
              g_string_append (x, "</table:table-row>\n");
            }
          g_string_append (x, "</table:table>\n");
          break;
        case BLOCK_CHART:
          g_string_append_printf (x, "<text:p text:style-name=\"Table_20_Contents\"><draw:frame draw:style-name=\"Fig\""
                                  " draw:name=\"chart\" text:anchor-type=\"as-char\" svg:width=\"%.1fpt\" svg:height=\"%.1fpt\">"
                                  "<draw:image xlink:href=\"Pictures/chart.png\" xlink:type=\"simple\" xlink:show=\"embed\""
                                  " xlink:actuate=\"onLoad\"/></draw:frame></text:p>\n", chart_w, chart_h);
          break;
        }
    }
  g_string_append (x, "</office:text></office:body></office:document-content>\n");
  return g_string_free (x, FALSE);
}

static char *
odt_meta (const char *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta" ODF_NS ">"
                          "<office:meta><meta:generator>shuangyong</meta:generator><dc:title>%s</dc:title>"
                          "<meta:creation-date>%s</meta:creation-date></office:meta></office:document-meta>\n",
                          escaped, date);
}

static gboolean
zip_add (struct archive *a, const char *name, gconstpointer data, gsize len, gboolean stored)
{
  struct archive_entry *e = archive_entry_new ();
  gboolean ok;

  /* The mimetype must be the first member and not compressed: that is
   * how ODF readers (and `file`) recognise the package. */
  if (stored)
    archive_write_zip_set_compression_store (a);
  else
    archive_write_zip_set_compression_deflate (a);
  archive_entry_set_pathname (e, name);
  archive_entry_set_filetype (e, AE_IFREG);
  archive_entry_set_perm (e, 0644);
  archive_entry_set_size (e, len);
  archive_entry_set_mtime (e, g_get_real_time () / G_USEC_PER_SEC, 0);
  ok = archive_write_header (a, e) == ARCHIVE_OK
       && archive_write_data (a, data, len) == (la_ssize_t) len;
  archive_entry_free (e);
  return ok;
}

static gboolean
write_odt (const SyYearReport *r, GPtrArray *blocks, const char *path, GError **error)
{
  double chart_w = SY_LEDGER_BLOCK_WIDTH, chart_h = CHART_HEIGHT;
  g_autoptr(GBytes) png = chart_png (r, chart_w, chart_h);
  g_autofree char *content = odt_content (blocks, chart_w, chart_h);
  const Block *title = g_ptr_array_index (blocks, 0);
  g_autofree char *meta = odt_meta (title->text);
  g_autofree char *tmp_path = NULL;
  struct archive *a;
  gboolean ok;
  int fd;

  fd = sy_export_temp_file (path, &tmp_path, error);
  if (fd < 0)
    return FALSE;
  a = archive_write_new ();
  archive_write_set_format_zip (a);
  ok = archive_write_open_fd (a, fd) == ARCHIVE_OK
       && zip_add (a, "mimetype", odt_mimetype, strlen (odt_mimetype), TRUE)
       && zip_add (a, "content.xml", content, strlen (content), FALSE)
       && zip_add (a, "styles.xml", odt_styles, strlen (odt_styles), FALSE)
       && zip_add (a, "meta.xml", meta, strlen (meta), FALSE)
       && zip_add (a, "Pictures/chart.png", g_bytes_get_data (png, NULL), g_bytes_get_size (png), FALSE)
       && zip_add (a, "META-INF/manifest.xml", odt_manifest, strlen (odt_manifest), FALSE)
       && archive_write_close (a) == ARCHIVE_OK;
  if (!ok)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write %s: %s"), path,
                   archive_error_string (a) ? archive_error_string (a) : g_strerror (errno));
      archive_write_free (a);
      close (fd);
      sy_ledger_pdf_discard (tmp_path);
      return FALSE;
    }
  archive_write_free (a);
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      int errsv = errno;

      sy_ledger_pdf_discard (tmp_path);
      return sy_export_io_error (error, path, errsv);
    }
  return sy_ledger_pdf_install (tmp_path, path, error);
}

/* --- PDF ------------------------------------------------------------------------------ */

typedef enum { PIECE_TEXT, PIECE_ROW, PIECE_CHART } PieceKind;

typedef struct {
  PieceKind    kind;
  PangoLayout *layout;     /* TEXT */
  guint        first, n;   /* TEXT: line range */
  double       x, y;       /* top-left on the page */
  double       height;
  GPtrArray   *cells;      /* ROW: PangoLayout * */
  gboolean     header;     /* ROW */
} Piece;

typedef struct {
  const SyYearReport *report;
  GPtrArray          *pages;   /* GPtrArray of Piece * */
  SyLedgerChart      *chart;
  PangoContext       *context;
} Pdf;

#define TABLE_WIDTH  SY_LEDGER_MM (100.0)

static void
piece_free (gpointer data)
{
  Piece *p = data;

  g_clear_object (&p->layout);
  g_clear_pointer (&p->cells, g_ptr_array_unref);
  g_free (p);
}

static GPtrArray *
new_page (Pdf *pdf, double *y)
{
  GPtrArray *page = g_ptr_array_new_with_free_func (piece_free);

  g_ptr_array_add (pdf->pages, page);
  *y = SY_LEDGER_BLOCK_Y;
  return page;
}

static double
space_left (double y)
{
  return SY_LEDGER_BLOCK_Y + SY_LEDGER_BLOCK_HEIGHT - y;
}

/* Places @layout, splitting it over pages by lines; a heading (@keep)
 * moves whole to the next page rather than be split or stranded. */
static GPtrArray *
place_text (Pdf *pdf, GPtrArray *page, double *y, PangoLayout *layout, double x,
            double before, double after, gboolean keep)
{
  guint n_lines = sy_ledger_text_n_lines (layout), first = 0;

  if (*y > SY_LEDGER_BLOCK_Y)
    *y += before;
  if (keep && sy_ledger_text_height (layout) + SY_LEDGER_SIZE_BODY * 3 > space_left (*y))
    page = new_page (pdf, y);
  while (first < n_lines)
    {
      guint n = 0;
      Piece *p;

      while (first + n < n_lines
             && sy_ledger_text_range_height (layout, first, n + 1) <= space_left (*y))
        n++;
      if (n == 0)
        {
          page = new_page (pdf, y);
          continue;
        }
      p = g_new0 (Piece, 1);
      p->kind = PIECE_TEXT;
      p->layout = g_object_ref (layout);
      p->first = first;
      p->n = n;
      p->x = x;
      p->y = *y;
      p->height = sy_ledger_text_range_height (layout, first, n);
      g_ptr_array_add (page, p);
      *y += p->height;
      first += n;
    }
  *y += after;
  return page;
}

static void
paginate (Pdf *pdf, GPtrArray *blocks)
{
  const double w = SY_LEDGER_BLOCK_WIDTH, x0 = SY_LEDGER_BLOCK_X;
  double y;
  GPtrArray *page = new_page (pdf, &y);

  for (guint i = 0; i < blocks->len; i++)
    {
      const Block *b = g_ptr_array_index (blocks, i);
      g_autoptr(PangoLayout) layout = NULL;

      switch (b->kind)
        {
        case BLOCK_TITLE:
          layout = sy_ledger_text_layout_new (pdf->context, SY_LEDGER_FONT_TITLE, b->text, w, PANGO_ALIGN_CENTER);
          page = place_text (pdf, page, &y, layout, x0, 0, SY_LEDGER_SIZE_BODY * 1.5, TRUE);
          break;
        case BLOCK_HEADING:
          layout = sy_ledger_text_layout_new (pdf->context, SY_LEDGER_FONT_HEADING, b->text, w, PANGO_ALIGN_LEFT);
          page = place_text (pdf, page, &y, layout, x0, SY_LEDGER_SIZE_BODY, SY_LEDGER_SIZE_BODY * 0.4, TRUE);
          break;
        case BLOCK_SUBHEADING:
          layout = sy_ledger_text_layout_new (pdf->context, SY_LEDGER_FONT_LABEL, b->text, w, PANGO_ALIGN_LEFT);
          page = place_text (pdf, page, &y, layout, x0, SY_LEDGER_SIZE_BODY * 0.5, SY_LEDGER_SIZE_BODY * 0.3, TRUE);
          break;
        case BLOCK_PARAGRAPH:
          layout = sy_ledger_text_paragraphs_new (pdf->context, SY_LEDGER_FONT_BODY, b->text, w);
          page = place_text (pdf, page, &y, layout, x0, 0, SY_LEDGER_SIZE_BODY * 0.3, FALSE);
          break;
        case BLOCK_SIGNATURE:
          layout = sy_ledger_text_layout_new (pdf->context, SY_LEDGER_FONT_BODY, b->text, w, PANGO_ALIGN_RIGHT);
          page = place_text (pdf, page, &y, layout, x0, SY_LEDGER_SIZE_BODY * 2, 0, TRUE);
          break;
        case BLOCK_TABLE:
          y += SY_LEDGER_SIZE_BODY * 0.5;
          for (guint r = 0; r < b->rows->len; r++)
            {
              g_auto(GStrv) cells = g_strsplit (g_ptr_array_index (b->rows, r), "\t", -1);
              Piece *p = g_new0 (Piece, 1);
              double cell_w = TABLE_WIDTH / 2;

              p->kind = PIECE_ROW;
              p->header = r == 0;
              p->cells = g_ptr_array_new_with_free_func (g_object_unref);
              p->height = SY_LEDGER_MM (7.0);
              for (guint c = 0; cells[c] != NULL && c < 2; c++)
                {
                  PangoLayout *cell = sy_ledger_text_layout_new (pdf->context,
                                                                 r == 0 ? SY_LEDGER_FONT_LABEL : SY_LEDGER_FONT_BODY,
                                                                 cells[c], cell_w - 2 * SY_LEDGER_CELL_PAD_X,
                                                                 PANGO_ALIGN_CENTER);
                  p->height = MAX (p->height, sy_ledger_text_height (cell) + 2 * SY_LEDGER_CELL_PAD_Y);
                  g_ptr_array_add (p->cells, cell);
                }
              if (p->height > space_left (y))
                page = new_page (pdf, &y);
              p->x = x0 + (w - TABLE_WIDTH) / 2;
              p->y = y;
              g_ptr_array_add (page, p);
              y += p->height;
            }
          y += SY_LEDGER_SIZE_BODY * 0.5;
          break;
        case BLOCK_CHART:
          {
            Piece *p = g_new0 (Piece, 1);

            p->kind = PIECE_CHART;
            p->height = CHART_HEIGHT;
            if (p->height > space_left (y))
              page = new_page (pdf, &y);
            p->x = x0;
            p->y = y;
            g_ptr_array_add (page, p);
            y += p->height + SY_LEDGER_SIZE_BODY * 0.5;
          }
          break;
        }
    }
}

static void
render_page (gpointer data, guint index, cairo_t *cr)
{
  Pdf *pdf = data;
  GPtrArray *page = g_ptr_array_index (pdf->pages, index);
  g_autofree char *folio = g_strdup_printf ("— %u —", index + 1);
  g_autoptr(PangoLayout) folio_layout = sy_ledger_text_layout_new (pdf->context, SY_LEDGER_FONT_FOLIO, folio,
                                                                   SY_LEDGER_BLOCK_WIDTH, PANGO_ALIGN_CENTER);

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < page->len; i++)
    {
      Piece *p = g_ptr_array_index (page, i);

      switch (p->kind)
        {
        case PIECE_TEXT:
          sy_ledger_text_show_range (cr, p->layout, p->first, p->n, p->x, p->y);
          break;
        case PIECE_ROW:
          {
            double cell_w = TABLE_WIDTH / 2;

            if (p->header)
              {
                cairo_set_source_rgb (cr, SY_LEDGER_LABEL_SHADE, SY_LEDGER_LABEL_SHADE, SY_LEDGER_LABEL_SHADE);
                cairo_rectangle (cr, p->x, p->y, TABLE_WIDTH, p->height);
                cairo_fill (cr);
                cairo_set_source_rgb (cr, 0, 0, 0);
              }
            cairo_set_line_width (cr, SY_LEDGER_RULE_INNER);
            for (guint c = 0; c < p->cells->len; c++)
              {
                PangoLayout *cell = g_ptr_array_index (p->cells, c);

                cairo_rectangle (cr, p->x + c * cell_w, p->y, cell_w, p->height);
                cairo_stroke (cr);
                sy_ledger_text_show (cr, cell, p->x + c * cell_w + SY_LEDGER_CELL_PAD_X,
                                     p->y + (p->height - sy_ledger_text_height (cell)) / 2);
              }
          }
          break;
        case PIECE_CHART:
          cairo_save (cr);
          cairo_translate (cr, p->x, p->y);
          sy_ledger_chart_paint (pdf->chart, cr, pdf->context, SY_LEDGER_BLOCK_WIDTH, p->height, NULL);
          cairo_restore (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
          break;
        }
    }
  sy_ledger_text_show (cr, folio_layout, SY_LEDGER_BLOCK_X,
                       SY_LEDGER_BLOCK_Y + SY_LEDGER_BLOCK_HEIGHT + SY_LEDGER_FOLIO_GAP);
}

static gboolean
write_pdf (const SyYearReport *r, GPtrArray *blocks, const char *path,
           SyLedgerProgress progress, gpointer user_data,
           GCancellable *cancellable, GError **error)
{
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(SyLedgerChart) chart = make_chart (r);
  const Block *title = g_ptr_array_index (blocks, 0);
  SyLedgerPdfPages spec = { 0, };
  Pdf pdf = { r, pages, chart, NULL };
  gboolean ok;

  pdf.context = sy_ledger_text_context_new (font_map);
  paginate (&pdf, blocks);
  spec.n_pages = pages->len;
  spec.render_page = render_page;
  spec.data = &pdf;
  spec.title = title->text;
  ok = sy_ledger_pdf_write (path, &spec, progress, user_data, cancellable, error);
  g_ptr_array_set_size (pages, 0);  /* the layouts go before their context */
  g_object_unref (pdf.context);
  return ok;
}

gboolean
sy_year_summary_write (const SyYearReport *report,
                       const char         *unit_name,
                       const char         *path,
                       SyLedgerProgress    progress,
                       gpointer            user_data,
                       GCancellable       *cancellable,
                       GError            **error)
{
  g_autoptr(GPtrArray) blocks = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  blocks = compose (report, unit_name);
  if (g_str_has_suffix (lower, ".odt"))
    {
      gboolean ok = write_odt (report, blocks, path, error);

      if (ok && progress != NULL)
        progress (1.0, path, user_data);
      return ok;
    }
  if (g_str_has_suffix (lower, ".pdf"))
    return write_pdf (report, blocks, path, progress, user_data, cancellable, error);
  g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
               _("%s: the summary is written as OpenDocument text (.odt) or PDF (.pdf); "
                 "name the file accordingly."), path);
  return FALSE;
}
