/* test-ledger-sections.c: the ledger's table and plan sections on their own
 *
 * Each section is paginated alone with a context from
 * sy_ledger_text_context_new, written to a PDF through sy_ledger_pdf_write
 * (a small SyLedgerPdfPages adapter below) and read back with poppler:
 *   table — a 120-row register breaks over several pages with its header on
 *   every page and "（续）" on the continuation pages, every row once, in
 *   order down the pages (by position: text extraction reorders table
 *   cells) and never split; a 300-character cell wrapped whole in its
 *   column; a row taller than a page split and complete, also as the last
 *   row before the note; the note on the page of the last row whatever the
 *   number of rows; "无记录" for an empty table; landscape pages;
 *   plan — an outline of 78 items in three levels: labels in order, no page
 *   ending in a heading or section (for many page breaks: the preface grows
 *   step by step), time nodes, due dates, responsible units and statuses;
 *   both — every glyph inside the text block (or the landscape margins),
 *   and pages painted in any order, twice, come out the same.
 */
#include "sy-ledger-plan.h"
#include "sy-ledger-table.h"
#include "sy-ledger-pdf.h"
#include "sy-ledger-style.h"
#include "sy-ledger-text.h"
#include "sy-test-pdf.h"
#include "sy-test-util.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#define N_ROWS      120
#define LONG_ROW    50    /* 0-based: the row with the 300-character cell */
#define LONG_CHARS  "甲乙丙丁戊己庚辛壬癸"
#define HUGE_CHARS  "子丑寅卯辰巳午未申酉戌亥"
#define HUGE2_CHARS "金木水火土"

static struct {
  char         *dir;
  PangoFontMap *font_map;
  PangoContext *context;
  guint         serial;
} shared;

/* --- writing and reading ------------------------------------------------ */

typedef struct {
  SyLedgerSection *section;
} Adapter;

static void
adapter_page_size (gpointer data, guint index, double *width, double *height)
{
  Adapter *adapter = data;

  sy_ledger_section_get_page_size (adapter->section, index, width, height);
}

static void
adapter_render_page (gpointer data, guint index, cairo_t *cr)
{
  Adapter *adapter = data;

  sy_ledger_section_paint_page (adapter->section, index, cr, shared.context);
}

/* Paginates @section and writes it to a new PDF; returns its path. */
static char *
write_section (gpointer section, guint *n_pages)
{
  g_autoptr(GError) error = NULL;
  Adapter adapter = { SY_LEDGER_SECTION (section) };
  SyLedgerPdfPages pages = { 0, };
  g_autofree char *name = g_strdup_printf ("section-%u.pdf", ++shared.serial);
  char *path = g_build_filename (shared.dir, name, NULL);

  pages.n_pages = sy_ledger_section_paginate (adapter.section, shared.context);
  g_assert_cmpuint (pages.n_pages, >=, 1);
  pages.page_size = adapter_page_size;
  pages.render_page = adapter_render_page;
  pages.data = &adapter;
  pages.title = "test";
  g_assert_true (sy_ledger_pdf_write (path, &pages, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  if (n_pages != NULL)
    *n_pages = pages.n_pages;
  return path;
}

/* The squeezed text of every page. */
static GPtrArray *
pages_text (PopplerDocument *pdf)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, p);
      g_autofree char *text = poppler_page_get_text (page);

      g_ptr_array_add (texts, sy_test_pdf_squeeze (text));
    }
  return texts;
}

static char *
joined (GPtrArray *texts)
{
  GString *all = g_string_new (NULL);

  for (guint i = 0; i < texts->len; i++)
    g_string_append (all, g_ptr_array_index (texts, i));
  return g_string_free (all, FALSE);
}

/* Only the characters of @text that are among @set, in order. */
static char *
filtered (const char *text, const char *set)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_utf8_strchr (set, -1, g_utf8_get_char (p)) != NULL)
      g_string_append_unichar (s, g_utf8_get_char (p));
  return g_string_free (s, FALSE);
}

/* The index of the page whose text has @needle, -1 if none. */
static int
page_of (GPtrArray *texts, const char *needle)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), needle) != NULL)
      return (int) i;
  return -1;
}

/* Where @needle is first printed: its page and its top from the page's
 * top; FALSE if nowhere.  Text extraction may reorder a table's cells, the
 * positions tell the order a reader sees. */
static gboolean
locate (PopplerDocument *pdf, const char *needle, int *page_nr, double *top)
{
  for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, p);
      GList *found = poppler_page_find_text (page, needle);
      double width, height;

      if (found == NULL)
        continue;
      poppler_page_get_size (page, &width, &height);
      *page_nr = p;
      /* find_text answers in PDF coordinates, y upwards. */
      *top = height - ((PopplerRectangle *) found->data)->y2;
      g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
      return TRUE;
    }
  return FALSE;
}

static guint
count_of (const char *haystack, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* @n characters cycled from @set. */
static char *
cycled (const char *set, guint n)
{
  GString *s = g_string_new (NULL);
  glong len = g_utf8_strlen (set, -1);

  for (guint i = 0; i < n; i++)
    {
      const char *c = g_utf8_offset_to_pointer (set, i % len);

      g_string_append_len (s, c, g_utf8_next_char (c) - c);
    }
  return g_string_free (s, FALSE);
}

/* Many PDFs are written in a loop: removed as soon as read, unless kept
 * to be looked at. */
static void
drop (const char *path)
{
  if (g_getenv ("SY_KEEP_TEST_DIR") == NULL)
    g_unlink (path);
}

/* A section written to a PDF and read back; the file is removed with it
 * unless the test folder is kept. */
typedef struct {
  char            *path;
  PopplerDocument *pdf;
  GPtrArray       *texts;  /* the squeezed text of each page */
  char            *all;    /* all of them, joined */
  guint            n_pages;
} Written;

static Written *
written_new (gpointer section)
{
  Written *w = g_new0 (Written, 1);

  w->path = write_section (section, &w->n_pages);
  w->pdf = sy_test_pdf_open (w->path);
  g_assert_cmpint (poppler_document_get_n_pages (w->pdf), ==, (int) w->n_pages);
  w->texts = pages_text (w->pdf);
  w->all = joined (w->texts);
  return w;
}

static void
written_free (Written *w)
{
  g_object_unref (w->pdf);
  g_ptr_array_unref (w->texts);
  g_free (w->all);
  drop (w->path);
  g_free (w->path);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Written, written_free)

/* Every glyph of every page within (@x0, @y0)–(@x1, @y1) ± 1 pt, and
 * every page @width × @height. */
static void
check_inside (const char *path, double width, double height,
              double x0, double y0, double x1, double y1)
{
  g_autoptr(PopplerDocument) pdf = sy_test_pdf_open (path);

  for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, p);
      g_autofree char *text = poppler_page_get_text (page);
      PopplerRectangle *rects = NULL;
      guint n_rects = 0, checked = 0;
      double w, h;
      const char *c = text;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat (fabs (w - width), <, 1.0);
      g_assert_cmpfloat (fabs (h - height), <, 1.0);
      g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
      for (guint i = 0; i < n_rects && c && *c; i++, c = g_utf8_next_char (c))
        {
          const PopplerRectangle *r = &rects[i];

          if (g_unichar_isspace (g_utf8_get_char (c)))
            continue;
          checked++;
          if (r->x1 < x0 - 1 || r->x2 > x1 + 1 || r->y1 < y0 - 1 || r->y2 > y1 + 1)
            g_error ("%s page %d: “%.*s” at (%.1f, %.1f)–(%.1f, %.1f) is outside "
                     "(%.1f, %.1f)–(%.1f, %.1f)",
                     path, p + 1, (int) (g_utf8_next_char (c) - c), c,
                     r->x1, r->y1, r->x2, r->y2, x0, y0, x1, y1);
        }
      g_assert_cmpuint (checked, >, 0);
      g_free (rects);
    }
}

static void
check_inside_block (const char *path)
{
  check_inside (path, SY_LEDGER_PAGE_WIDTH, SY_LEDGER_PAGE_HEIGHT,
                SY_LEDGER_BLOCK_X, SY_LEDGER_BLOCK_Y,
                SY_LEDGER_BLOCK_X + SY_LEDGER_BLOCK_WIDTH,
                SY_LEDGER_BLOCK_Y + SY_LEDGER_BLOCK_HEIGHT);
}

static void
check_inside_landscape (const char *path)
{
  double m = SY_LEDGER_MM (20.0);

  check_inside (path, SY_LEDGER_PAGE_HEIGHT, SY_LEDGER_PAGE_WIDTH,
                m, m, SY_LEDGER_PAGE_HEIGHT - m, SY_LEDGER_PAGE_WIDTH - m);
}

/* --- the table ---------------------------------------------------------- */

static const SyLedgerColumn register_columns[] = {
  { "序号",     1.0, PANGO_ALIGN_CENTER },
  { "走访对象", 2.0, PANGO_ALIGN_LEFT },
  { "所在单位", 2.5, PANGO_ALIGN_LEFT },
  { "走访时间", 2.0, PANGO_ALIGN_CENTER },
  { "慰问内容", 4.5, PANGO_ALIGN_LEFT },
};

#define NOTE "合计：走访慰问对象若干户，发放慰问金和慰问品。\n制表人：＿＿＿＿＿＿　　审核人：＿＿＿＿＿＿"

static SyLedgerTable *
register_table (guint n_rows, gboolean landscape, gboolean with_long)
{
  SyLedgerTable *table = sy_ledger_table_new ("走访慰问登记表", "填报单位：测试县退役军人事务局　2025年度",
                                              register_columns,
                                              G_N_ELEMENTS (register_columns), landscape);

  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *serial = g_strdup_printf ("%u", i + 1);
      g_autofree char *name = g_strdup_printf ("对象%03u", i + 1);
      g_autofree char *content = NULL;
      const char *cells[5];

      if (with_long && i == LONG_ROW)
        {
          g_autofree char *long_text = cycled (LONG_CHARS, 300);

          content = g_strdup_printf ("%s止%03u", long_text, i + 1);
        }
      else
        /* One to four lines. */
        content = g_strdup_printf ("%.*s止%03u",
                                   (int) strlen ("走访慰问并送去慰问金和米面油等慰问品") * (int) (i % 4),
                                   "走访慰问并送去慰问金和米面油等慰问品"
                                   "走访慰问并送去慰问金和米面油等慰问品"
                                   "走访慰问并送去慰问金和米面油等慰问品",
                                   i + 1);
      cells[0] = serial;
      cells[1] = name;
      cells[2] = i % 3 == 0 ? NULL : "某某镇某某村";
      cells[3] = "2025年1月20日";
      cells[4] = content;
      sy_ledger_table_add_row (table, cells);
    }
  return table;
}

static void
test_table_pages (void)
{
  g_autoptr(SyLedgerTable) table = register_table (N_ROWS, FALSE, TRUE);
  g_autoptr(Written) w = NULL;
  g_autofree char *note = sy_test_pdf_squeeze (NOTE);
  int last_page = 0;
  double last_top = 0;

  sy_ledger_table_set_note (table, NOTE);
  g_assert_cmpuint (sy_ledger_table_get_n_rows (table), ==, N_ROWS);
  w = written_new (table);
  g_assert_cmpuint (w->n_pages, >=, 4);

  for (guint p = 0; p < w->texts->len; p++)
    {
      const char *text = g_ptr_array_index (w->texts, p);

      g_assert_nonnull (strstr (text, "走访慰问登记表"));
      g_assert_nonnull (strstr (text, "测试县退役军人事务局"));
      /* The header row on every page. */
      for (guint c = 0; c < G_N_ELEMENTS (register_columns); c++)
        g_assert_nonnull (strstr (text, register_columns[c].header));
      if (p == 0)
        g_assert_null (strstr (text, "（续）"));
      else
        g_assert_nonnull (strstr (text, "走访慰问登记表（续）"));
    }

  /* Every row once, in order down the pages, and never split: its first
   * and last cells on one page. */
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autofree char *name = g_strdup_printf ("对象%03u", i + 1);
      g_autofree char *end = g_strdup_printf ("止%03u", i + 1);
      int page_nr;
      double top;

      if (!locate (w->pdf, name, &page_nr, &top))
        g_error ("row %u (%s) missing", i + 1, name);
      if (page_nr < last_page || (page_nr == last_page && top <= last_top))
        g_error ("row %u (%s) out of order: page %d at %.1f pt after page %d at %.1f pt",
                 i + 1, name, page_nr + 1, top, last_page + 1, last_top);
      last_page = page_nr;
      last_top = top;
      g_assert_cmpuint (count_of (w->all, name), ==, 1);
      g_assert_cmpuint (count_of (w->all, end), ==, 1);
      g_assert_cmpint (page_of (w->texts, name), ==, page_of (w->texts, end));
    }

  /* The note on the last page, after the last row there. */
  g_assert_cmpint (page_of (w->texts, note), ==, (int) w->n_pages - 1);
  g_assert_cmpint (page_of (w->texts, "对象120"), ==, (int) w->n_pages - 1);
  g_assert_cmpuint (count_of (w->all, note), ==, 1);
  g_assert_null (strstr (w->all, "无记录"));

  check_inside_block (w->path);
  sy_test_pdf_check_tools (w->path);
}

/* The 300-character cell: wrapped over many lines of its column, every
 * character printed, no ellipsis. */
static void
test_table_long_cell (void)
{
  g_autoptr(SyLedgerTable) table = register_table (N_ROWS, FALSE, TRUE);
  g_autoptr(Written) w = written_new (table);
  g_autofree char *expected = cycled (LONG_CHARS, 300);
  g_autofree char *got = filtered (w->all, LONG_CHARS);
  g_autoptr(GHashTable) tops = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree char *name = g_strdup_printf ("对象%03u", LONG_ROW + 1);
  int page_nr = page_of (w->texts, name);
  g_autoptr(PopplerPage) page = NULL;
  g_autofree char *text = NULL;
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  double min_x = G_MAXDOUBLE, max_x = 0;
  const char *c;

  g_assert_cmpstr (got, ==, expected);
  g_assert_null (strstr (w->all, "…"));

  /* Many lines, all inside the 慰问内容 column. */
  g_assert_cmpint (page_nr, >=, 0);
  page = poppler_document_get_page (w->pdf, page_nr);
  text = poppler_page_get_text (page);
  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  c = text;
  for (guint i = 0; i < n_rects && *c; i++, c = g_utf8_next_char (c))
    if (g_utf8_strchr (LONG_CHARS, -1, g_utf8_get_char (c)) != NULL)
      {
        g_hash_table_add (tops, GINT_TO_POINTER ((int) round (rects[i].y1)));
        min_x = MIN (min_x, rects[i].x1);
        max_x = MAX (max_x, rects[i].x2);
      }
  g_free (rects);
  g_assert_cmpuint (g_hash_table_size (tops), >=, 6);
  g_assert_cmpfloat (min_x, >, SY_LEDGER_BLOCK_X + SY_LEDGER_BLOCK_WIDTH * 7.5 / 12.0 - 1);
  g_assert_cmpfloat (max_x, <, SY_LEDGER_BLOCK_X + SY_LEDGER_BLOCK_WIDTH + 1);
}

/* A row taller than a page is split between pages, every line of every
 * cell printed once, the header repeated above its continuation. */
static void
test_table_huge_row (void)
{
  static const SyLedgerColumn columns[] = {
    { "序号", 1, PANGO_ALIGN_CENTER },
    { "说明", 3, PANGO_ALIGN_LEFT },
    { "备注", 2, PANGO_ALIGN_LEFT },
  };
  g_autoptr(SyLedgerTable) table = sy_ledger_table_new ("情况说明表", NULL, columns, 3, FALSE);
  g_autofree char *huge = cycled (HUGE_CHARS, 5000);
  g_autofree char *huge2 = cycled (HUGE2_CHARS, 900);
  const char *before[] = { "1", "前一行", "无" };
  const char *row[] = { "2", huge, huge2 };
  const char *after[] = { "3", "后一行", "无" };
  g_autoptr(Written) w = NULL;
  g_autofree char *got = NULL;
  g_autofree char *got2 = NULL;

  sy_ledger_table_add_row (table, before);
  sy_ledger_table_add_row (table, row);
  sy_ledger_table_add_row (table, after);
  sy_ledger_table_set_note (table, "附注：本表末行之后。");
  w = written_new (table);

  g_assert_cmpuint (w->n_pages, >=, 4);
  got = filtered (w->all, HUGE_CHARS);
  g_assert_cmpstr (got, ==, huge);
  got2 = filtered (w->all, HUGE2_CHARS);
  g_assert_cmpstr (got2, ==, huge2);
  g_assert_cmpint (page_of (w->texts, "前一行"), ==, 0);
  g_assert_cmpint (page_of (w->texts, "后一行"), ==, (int) w->n_pages - 1);
  g_assert_cmpint (page_of (w->texts, "附注：本表末行之后。"), ==, (int) w->n_pages - 1);
  for (guint p = 0; p < w->n_pages; p++)
    {
      g_autofree char *part = filtered (g_ptr_array_index (w->texts, p), HUGE_CHARS);

      /* The header above every piece; every page carries part of the long
       * row (it starts on the first page, below the row before it). */
      g_assert_nonnull (strstr (g_ptr_array_index (w->texts, p), "说明"));
      g_assert_cmpuint (strlen (part), >, 0);
      if (p > 0)
        g_assert_nonnull (strstr (g_ptr_array_index (w->texts, p), "情况说明表（续）"));
    }
  check_inside_block (w->path);
}

/* A last row taller than a page keeps its last lines for the note's page:
 * the note never starts a page alone. */
static void
test_table_huge_last_row (void)
{
  static const SyLedgerColumn columns[] = {
    { "序号", 1, PANGO_ALIGN_CENTER },
    { "说明", 5, PANGO_ALIGN_LEFT },
  };

  for (guint n = 2400; n <= 2800; n += 20)
    {
      g_autoptr(SyLedgerTable) table = sy_ledger_table_new ("情况说明表", NULL, columns, 2, FALSE);
      g_autofree char *huge = cycled (HUGE_CHARS, n);
      const char *row[] = { "1", huge };
      g_autoptr(Written) w = NULL;
      g_autofree char *got = NULL;
      g_autofree char *on_last = NULL;

      sy_ledger_table_add_row (table, row);
      sy_ledger_table_set_note (table, "附注：第一行。\n第二行。\n第三行。");
      w = written_new (table);
      got = filtered (w->all, HUGE_CHARS);
      g_assert_cmpstr (got, ==, huge);
      /* The note whole on the last page, with lines of the row above it. */
      g_assert_cmpint (page_of (w->texts, "附注：第一行。第二行。第三行。"), ==, (int) w->n_pages - 1);
      on_last = filtered (g_ptr_array_index (w->texts, w->n_pages - 1), HUGE_CHARS);
      g_assert_cmpuint (strlen (on_last), >, 0);
    }
}

/* Whatever the number of rows, the note is on the page of the last row. */
static void
test_table_note_kept (void)
{
  g_autofree char *note = sy_test_pdf_squeeze (NOTE);
  guint moved = 0;

  for (guint n = 14; n <= 40; n++)
    {
      g_autoptr(SyLedgerTable) table = register_table (n, FALSE, FALSE);
      g_autoptr(Written) w = NULL;
      g_autofree char *last = g_strdup_printf ("止%03u", n);

      sy_ledger_table_set_note (table, NOTE);
      w = written_new (table);
      /* The note starts on the last row's page, and is short enough to
       * be there whole. */
      g_assert_cmpint (page_of (w->texts, "合计：走访慰问对象若干户"), ==, page_of (w->texts, last));
      g_assert_cmpint (page_of (w->texts, note), ==, (int) w->n_pages - 1);
      g_assert_cmpint (page_of (w->texts, last), ==, (int) w->n_pages - 1);
      /* Counts the cases where the last row went over with the note. */
      if (w->n_pages > 1 && page_of (w->texts, "对象001") == 0)
        {
          g_autofree char *before = g_strdup_printf ("对象%03u", n - 1);

          if (page_of (w->texts, before) == (int) w->n_pages - 2)
            moved++;
        }
    }
  /* The range of row counts crosses the page break at least once. */
  g_assert_cmpuint (moved, >, 0);
}

static void
test_table_empty (void)
{
  g_autoptr(SyLedgerTable) table = register_table (0, FALSE, FALSE);
  g_autoptr(Written) w = NULL;

  sy_ledger_table_set_note (table, "说明：本年度无走访记录。");
  g_assert_cmpuint (sy_ledger_table_get_n_rows (table), ==, 0);
  w = written_new (table);
  g_assert_cmpuint (w->n_pages, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (w->texts, 0), "无记录"));
  g_assert_nonnull (strstr (g_ptr_array_index (w->texts, 0), "慰问内容"));
  g_assert_nonnull (strstr (g_ptr_array_index (w->texts, 0), "说明：本年度无走访记录。"));
  check_inside_block (w->path);
}

static void
test_table_landscape (void)
{
  g_autoptr(SyLedgerTable) table = register_table (N_ROWS, TRUE, TRUE);
  g_autoptr(Written) w = NULL;
  double width, height;

  sy_ledger_section_get_page_size (SY_LEDGER_SECTION (table), 0, &width, &height);
  g_assert_cmpfloat (fabs (width - SY_LEDGER_MM (297.0)), <, 0.01);
  g_assert_cmpfloat (fabs (height - SY_LEDGER_MM (210.0)), <, 0.01);
  sy_ledger_table_set_note (table, NOTE);
  w = written_new (table);
  g_assert_cmpuint (w->n_pages, >=, 3);
  for (guint p = 0; p < w->n_pages; p++)
    g_assert_nonnull (strstr (g_ptr_array_index (w->texts, p), "慰问内容"));
  g_assert_cmpint (page_of (w->texts, "对象120"), ==, (int) w->n_pages - 1);
  check_inside_landscape (w->path);
}

/* --- the plan ----------------------------------------------------------- */

#define N_HEADINGS 6
#define N_SECTIONS 3
#define N_TASKS    3

static const char *numerals[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };

static SyPlanItem *
plan_item (int level, const char *label, const char *title)
{
  SyPlanItem *item = sy_plan_item_new ();

  sy_plan_item_set_level (item, level);
  sy_plan_item_set_label (item, label);
  sy_plan_item_set_title (item, title);
  sy_plan_item_set_status (item, "planned");
  return item;
}

/* 6 一、 headings, each with 3 （一） sections of 3 tasks (78 items); the
 * labels and the texts in outline order into @labels. */
static GListModel *
outline (int base_level, GPtrArray *labels)
{
  static const char *statuses[] = { "planned", "in_progress", "done", "dropped" };
  GListStore *store = g_list_store_new (SY_TYPE_PLAN_ITEM);
  guint task = 0;

  for (guint h = 0; h < N_HEADINGS; h++)
    {
      g_autofree char *label = g_strdup_printf ("%s、", numerals[h]);
      g_autofree char *title = g_strdup_printf ("第%u项重点工作标题", h + 1);
      g_autoptr(SyPlanItem) heading = plan_item (base_level, label, title);

      g_list_store_append (store, heading);
      g_ptr_array_add (labels, g_strconcat (label, title, NULL));
      for (guint s = 0; s < N_SECTIONS; s++)
        {
          g_autofree char *slabel = g_strdup_printf ("（%s）", numerals[s]);
          g_autofree char *stitle = g_strdup_printf ("第%u-%u节工作安排", h + 1, s + 1);
          g_autoptr(SyPlanItem) section = plan_item (base_level + 1, slabel, stitle);

          if (s == 1)
            sy_plan_item_set_responsible (section, "县双拥办");
          g_list_store_append (store, section);
          g_ptr_array_add (labels, g_strconcat (slabel, stitle, NULL));
          for (guint t = 0; t < N_TASKS; t++, task++)
            {
              g_autofree char *tlabel = g_strdup_printf ("%u.", t + 1);
              g_autofree char *ttitle =
                g_strdup_printf ("任务%02u：组织开展%s走访慰问驻地部队官兵和重点优抚对象，"
                                 "落实各项优待政策%s",
                                 task + 1, task % 2 ? "春节、八一期间" : "",
                                 task % 5 == 0 ? "，并及时总结上报工作情况和经验做法" : "");
              g_autoptr(SyPlanItem) item = plan_item (base_level + 2, tlabel, ttitle);
              g_autofree char *node = g_strdup_printf ("%u月底前", task % 12 + 1);
              g_autofree char *due = g_strdup_printf ("2025-%02u-28", task % 12 + 1);

              sy_plan_item_set_time_node (item, node);
              sy_plan_item_set_due_date (item, due);
              sy_plan_item_set_responsible (item, task % 3 ? "县退役军人事务局" : NULL);
              sy_plan_item_set_status (item, statuses[task % 4]);
              g_list_store_append (store, item);
              g_ptr_array_add (labels, g_strdup_printf ("%s任务%02u：", tlabel, task + 1));
            }
        }
    }
  return G_LIST_MODEL (store);
}

static SyPlan *
plan_new (const char *preface)
{
  SyPlan *plan = sy_plan_new ();

  sy_plan_set_year (plan, 2025);
  sy_plan_set_title (plan, "测试县2025年双拥工作要点");
  sy_plan_set_preface (plan, preface);
  return plan;
}

/* Labels in order; no page ends in a 一、 heading or a （一） section (or
 * its meta line), each is on the page of its first child; statuses and
 * time nodes printed. */
static void
check_plan (SyLedgerPlan *section, GPtrArray *labels, gboolean details)
{
  g_autoptr(Written) w = written_new (section);
  const char *at = w->all;

  g_assert_cmpuint (w->n_pages, >=, 3);
  /* The plan's own title, as the 目录 lists it. */
  g_assert_nonnull (strstr (g_ptr_array_index (w->texts, 0), "测试县2025年双拥工作要点"));
  for (guint i = 0; i < labels->len; i++)
    {
      const char *label = g_ptr_array_index (labels, i);
      const char *found = strstr (at, label);

      if (found == NULL)
        g_error ("%s: item %u “%s” missing or out of order", w->path, i + 1, label);
      g_assert_cmpuint (count_of (w->all, label), ==, 1);
      at = found + strlen (label);
      /* Headings and sections with their first child. */
      if (g_str_has_suffix (label, "重点工作标题") || g_str_has_suffix (label, "节工作安排"))
        g_assert_cmpint (page_of (w->texts, label), ==,
                         page_of (w->texts, g_ptr_array_index (labels, i + 1)));
    }

  for (int p = 0; p < poppler_document_get_n_pages (w->pdf); p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (w->pdf, p);
      g_autofree char *text = poppler_page_get_text (page);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      const char *last = NULL;

      for (guint l = 0; lines[l] != NULL; l++)
        if (*g_strstrip (lines[l]) != '\0')
          last = lines[l];
      g_assert_nonnull (last);
      if (strstr (last, "重点工作标题") != NULL || strstr (last, "节工作安排") != NULL
          || strstr (last, "县双拥办") != NULL)
        g_error ("%s: page %d ends in the heading “%s”", w->path, p + 1, last);
    }

  if (details)
    {
      g_assert_nonnull (strstr (w->all, "时间节点：1月底前"));
      g_assert_nonnull (strstr (w->all, "完成期限：2025年1月28日"));
      g_assert_nonnull (strstr (w->all, "责任单位：县退役军人事务局"));
      g_assert_nonnull (strstr (w->all, "状态：计划中"));
      g_assert_nonnull (strstr (w->all, "状态：进行中"));
      g_assert_nonnull (strstr (w->all, "状态：已完成"));
      g_assert_nonnull (strstr (w->all, "状态：已取消"));
      /* A section's own status is not printed, its responsible unit is. */
      g_assert_cmpuint (count_of (w->all, "状态："), ==, N_HEADINGS * N_SECTIONS * N_TASKS);
      g_assert_nonnull (strstr (w->all, "责任单位：县双拥办"));
      check_inside_block (w->path);
      sy_test_pdf_check_tools (w->path);
    }
}

static void
test_plan_outline (void)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) items = outline (0, labels);
  g_autoptr(SyPlan) plan = plan_new ("为深入开展双拥模范城创建工作，制定本计划。\n"
                                     "各单位要高度重视，认真组织实施。");
  g_autoptr(SyLedgerPlan) section = sy_ledger_plan_new (plan, items, "测试县");

  g_assert_cmpuint (labels->len, ==, 78);
  check_plan (section, labels, TRUE);
}

/* Page breaks fall everywhere as the preface grows; items numbered from
 * level 1 print the same as from level 0. */
static void
test_plan_headings_kept (void)
{
  g_autoptr(GString) preface = g_string_new ("为做好本年度双拥工作，制定本计划。");

  for (guint k = 0; k < 24; k++)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GListModel) items = outline (k % 2, labels);
      g_autoptr(SyPlan) plan = plan_new (preface->str);
      g_autoptr(SyLedgerPlan) section = sy_ledger_plan_new (plan, items, "测试县");

      check_plan (section, labels, FALSE);
      /* About one line more each time. */
      g_string_append (preface, "坚持党对双拥工作的全面领导，");
      g_string_append (preface, "推动军地融合发展。");
    }
}

static void
test_plan_body_and_empty (void)
{
  GListStore *store = g_list_store_new (SY_TYPE_PLAN_ITEM);
  g_autoptr(GListModel) items = G_LIST_MODEL (store);
  g_autoptr(GListModel) none = G_LIST_MODEL (g_list_store_new (SY_TYPE_PLAN_ITEM));
  g_autoptr(SyPlan) plan = plan_new (NULL);
  g_autoptr(SyPlanItem) imported = plan_item (0, "", "一份导入的条目\n　　正文第一段。\n正文第二段。");
  g_autoptr(SyLedgerPlan) section = NULL;
  g_autoptr(SyLedgerPlan) empty = NULL;
  g_autoptr(Written) w = NULL;
  g_autoptr(Written) empty_w = NULL;
  GPtrArray *texts;

  g_list_store_append (store, imported);
  /* Without a title of its own the plan is named from its unit and year. */
  sy_plan_set_title (plan, "");
  section = sy_ledger_plan_new (plan, items, NULL);
  w = written_new (section);
  texts = w->texts;
  g_assert_nonnull (strstr (g_ptr_array_index (texts, 0), "2025年双拥工作计划"));
  g_assert_nonnull (strstr (g_ptr_array_index (texts, 0), "一份导入的条目"));
  g_assert_nonnull (strstr (g_ptr_array_index (texts, 0), "正文第一段。"));
  g_assert_nonnull (strstr (g_ptr_array_index (texts, 0), "正文第二段。"));
  g_assert_nonnull (strstr (g_ptr_array_index (texts, 0), "状态：计划中"));

  empty = sy_ledger_plan_new (plan, none, "测试县");
  empty_w = written_new (empty);
  g_assert_cmpuint (empty_w->n_pages, ==, 1);
  g_assert_nonnull (strstr (empty_w->all, "无计划条目"));
}

/* --- both ------------------------------------------------------------- */

static cairo_surface_t *
paint_preview (gpointer section, guint index)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 298, 421);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 0.5, 0.5);
  sy_ledger_section_paint_page (SY_LEDGER_SECTION (section), index, cr, shared.context);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Pixels that are not white. */
static guint
ink (cairo_surface_t *surface)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      if ((((const guint32 *) (data + y * stride))[x] & 0xffffff) != 0xffffff)
        n++;
  return n;
}

/* Pages painted in any order, as often as wanted, are the same: painting
 * shows what paginating measured and changes nothing. */
static void
test_repaint (void)
{
  g_autoptr(SyLedgerTable) table = register_table (30, FALSE, TRUE);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) items = outline (0, labels);
  g_autoptr(SyPlan) plan = plan_new (NULL);
  g_autoptr(SyLedgerPlan) outline_section = sy_ledger_plan_new (plan, items, "测试县");
  gpointer sections[] = { table, outline_section };

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      guint n = sy_ledger_section_paginate (sections[s], shared.context);
      g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);

      g_assert_cmpuint (n, >, 1);
      for (guint p = 0; p < n; p++)
        g_ptr_array_add (first, paint_preview (sections[s], p));
      for (guint p = n; p-- > 0;)
        {
          cairo_surface_t *a = g_ptr_array_index (first, p);
          cairo_surface_t *b = paint_preview (sections[s], p);

          g_assert_cmpmem (cairo_image_surface_get_data (a),
                           cairo_image_surface_get_stride (a) * 421,
                           cairo_image_surface_get_data (b),
                           cairo_image_surface_get_stride (b) * 421);
          g_assert_cmpuint (ink (a), >, 1000);
          cairo_surface_destroy (b);
        }
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  shared.dir = g_dir_make_tmp ("sy-ledger-sections-XXXXXX", &error);
  g_assert_no_error (error);
  shared.font_map = pango_cairo_font_map_new ();
  shared.context = sy_ledger_text_context_new (shared.font_map);

  g_test_add_func ("/ledger-sections/table/pages", test_table_pages);
  g_test_add_func ("/ledger-sections/table/long-cell", test_table_long_cell);
  g_test_add_func ("/ledger-sections/table/huge-row", test_table_huge_row);
  g_test_add_func ("/ledger-sections/table/huge-last-row", test_table_huge_last_row);
  g_test_add_func ("/ledger-sections/table/note-kept", test_table_note_kept);
  g_test_add_func ("/ledger-sections/table/empty", test_table_empty);
  g_test_add_func ("/ledger-sections/table/landscape", test_table_landscape);
  g_test_add_func ("/ledger-sections/plan/outline", test_plan_outline);
  g_test_add_func ("/ledger-sections/plan/headings-kept", test_plan_headings_kept);
  g_test_add_func ("/ledger-sections/plan/body-and-empty", test_plan_body_and_empty);
  g_test_add_func ("/ledger-sections/repaint", test_repaint);

  status = g_test_run ();

  g_clear_object (&shared.context);
  g_clear_object (&shared.font_map);
  if (g_getenv ("SY_KEEP_TEST_DIR") == NULL)
    sy_test_remove_tree (shared.dir);
  else
    g_printerr ("kept %s\n", shared.dir);
  g_free (shared.dir);
  return status;
}
