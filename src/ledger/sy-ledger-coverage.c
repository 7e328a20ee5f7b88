/* sy-ledger-coverage.c: the 考评 coverage map and the self-score sheet */
#include "sy-ledger-coverage.h"
#include "sy-ledger-pdf.h"
#include "sy-ledger-style.h"
#include "sy-ledger-text.h"

#include <glib/gi18n-lib.h>

#define GRID_ROW_HEIGHT     20.0
#define GRID_HEADER_HEIGHT  22.0

/* --- the grid -------------------------------------------------------------- */

static gboolean
row_shown (SyCoverage *coverage, guint index, gboolean standards_only)
{
  return !standards_only || sy_assessment_item_get_parent_id (sy_coverage_get_item (coverage, index)) == 0;
}

static guint
n_rows_shown (SyCoverage *coverage, gboolean standards_only)
{
  guint n = 0;

  for (guint i = 0; i < sy_coverage_get_n_items (coverage); i++)
    if (row_shown (coverage, i, standards_only))
      n++;
  return n;
}

double
sy_ledger_coverage_grid_height (SyCoverage *coverage, gboolean standards_only, double width)
{
  g_return_val_if_fail (SY_IS_COVERAGE (coverage), 0);
  return GRID_HEADER_HEIGHT + GRID_ROW_HEIGHT * n_rows_shown (coverage, standards_only);
}

static void
show_centered (cairo_t *cr, PangoContext *context, SyLedgerFont font, const char *text,
               double x, double y, double width, double height)
{
  g_autoptr(PangoLayout) layout = sy_ledger_text_layout_new (context, font, text, width, PANGO_ALIGN_CENTER);

  sy_ledger_text_limit_lines (layout, 1);
  sy_ledger_text_show (cr, layout, x, y + (height - sy_ledger_text_height (layout)) / 2);
}

void
sy_ledger_coverage_paint_grid (SyCoverage   *coverage,
                               cairo_t      *cr,
                               PangoContext *context,
                               gboolean      standards_only,
                               double        width,
                               double        height,
                               const double *foreground_rgb)
{
  static const double black[3] = { 0, 0, 0 };
  const double *fg = foreground_rgb ? foreground_rgb : black;
  g_autoptr(GObject) own_context = NULL;
  int first, last, n_years;
  double label_width, cell_width, y;
  guint max_count = 1;

  g_return_if_fail (SY_IS_COVERAGE (coverage));

  if (context == NULL)
    {
      context = pango_cairo_create_context (cr);
      own_context = G_OBJECT (context);
    }
  first = sy_coverage_get_first_year (coverage);
  last = sy_coverage_get_last_year (coverage);
  n_years = last - first + 1;
  label_width = MIN (width * 0.5, MAX (width - n_years * 70.0, width * 0.3));
  cell_width = (width - label_width) / n_years;
  for (guint i = 0; i < sy_coverage_get_n_items (coverage); i++)
    for (int yr = first; yr <= last; yr++)
      max_count = MAX (max_count, sy_coverage_get_count (coverage, i, yr));

  cairo_save (cr);
  cairo_set_source_rgb (cr, fg[0], fg[1], fg[2]);
  for (int yr = first; yr <= last; yr++)
    {
      g_autofree char *text = g_strdup_printf ("%d", yr);

      show_centered (cr, context, SY_LEDGER_FONT_SMALL_SANS, text,
                     label_width + (yr - first) * cell_width, 0, cell_width, GRID_HEADER_HEIGHT);
    }

  y = GRID_HEADER_HEIGHT;
  for (guint i = 0; i < sy_coverage_get_n_items (coverage) && y + GRID_ROW_HEIGHT <= height + 0.5; i++)
    {
      SyAssessmentItem *item = sy_coverage_get_item (coverage, i);
      gboolean sub = sy_assessment_item_get_parent_id (item) != 0;
      g_autofree char *label = NULL;
      g_autoptr(PangoLayout) layout = NULL;

      if (!row_shown (coverage, i, standards_only))
        continue;
      label = g_strdup_printf ("%s%s %s", sub ? "    " : "", sy_assessment_item_get_code (item),
                               sy_assessment_item_get_title (item));
      layout = sy_ledger_text_layout_new (context, sub ? SY_LEDGER_FONT_SMALL : SY_LEDGER_FONT_SMALL_SANS,
                                          label, label_width - 6, PANGO_ALIGN_LEFT);
      sy_ledger_text_limit_lines (layout, 1);
      cairo_set_source_rgb (cr, fg[0], fg[1], fg[2]);
      sy_ledger_text_show (cr, layout, 0, y + (GRID_ROW_HEIGHT - sy_ledger_text_height (layout)) / 2);

      for (int yr = first; yr <= last; yr++)
        {
          guint count = sy_coverage_get_count (coverage, i, yr);
          guint gaps = sy_coverage_count_gaps (coverage, i, yr);
          double x = label_width + (yr - first) * cell_width;
          double shade = count == 0 ? 0.0 : 0.25 + 0.6 * count / max_count;
          g_autofree char *text = NULL;

          /* Blue for how much evidence there is; red when a rule found a gap. */
          if (gaps > 0)
            cairo_set_source_rgb (cr, 0.96, 0.62 - 0.2 * shade, 0.58 - 0.2 * shade);
          else if (count == 0)
            cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
          else
            cairo_set_source_rgb (cr, 1.0 - 0.75 * shade, 1.0 - 0.45 * shade, 1.0 - 0.1 * shade);
          cairo_rectangle (cr, x + 1, y + 1, cell_width - 2, GRID_ROW_HEIGHT - 2);
          cairo_fill (cr);

          text = gaps > 0 ? g_strdup_printf ("%u  !%u", count, gaps) : g_strdup_printf ("%u", count);
          if (gaps == 0 && shade > 0.6)
            cairo_set_source_rgb (cr, 1, 1, 1);
          else
            cairo_set_source_rgb (cr, 0, 0, 0);
          show_centered (cr, context, SY_LEDGER_FONT_SMALL_SANS, text, x, y, cell_width, GRID_ROW_HEIGHT);
        }
      y += GRID_ROW_HEIGHT;
    }

  cairo_set_source_rgb (cr, fg[0], fg[1], fg[2]);
  cairo_set_line_width (cr, SY_LEDGER_RULE_INNER);
  cairo_move_to (cr, 0, GRID_HEADER_HEIGHT);
  cairo_line_to (cr, width, GRID_HEADER_HEIGHT);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* --- the self-score sheet ------------------------------------------------- */

enum { C_CODE, C_TITLE, C_SCORE, C_EVIDENCE, C_SELF, C_GAPS, N_C };

static const char *const sheet_titles[N_C] = { "编号", "项目", "分值", "佐证材料", "自评得分", "存在不足" };
static const double sheet_widths_mm[N_C] = { 13, 52, 13, 20, 20, 38 };

typedef struct {
  PangoLayout *cells[N_C];
  double height;
  gboolean standard;
} SheetRow;

typedef struct {
  SyCoverage *coverage;
  PangoContext *context;
  char *office;
  GArray *rows;        /* SheetRow */
  GArray *page_first;  /* guint: first row of each page; one extra at the end */
  PangoLayout *header[N_C];
  double header_height;
  double grid_height;
} Sheet;

static void
sheet_row_clear (gpointer data)
{
  SheetRow *row = data;

  for (guint c = 0; c < N_C; c++)
    g_clear_object (&row->cells[c]);
}

static double
column_x (guint c)
{
  double x = SY_LEDGER_BLOCK_X;

  for (guint i = 0; i < c; i++)
    x += SY_LEDGER_MM (sheet_widths_mm[i]);
  return x;
}

static double
cell_height (PangoLayout **cells)
{
  double h = SY_LEDGER_ROW_MIN_HEIGHT;

  for (guint c = 0; c < N_C; c++)
    if (cells[c] != NULL)
      h = MAX (h, sy_ledger_text_height (cells[c]) + 2 * SY_LEDGER_CELL_PAD_Y);
  return h;
}

#define TITLE_BLOCK_HEIGHT SY_LEDGER_MM (22.0)

/* The table's top on page @index: under the title and the map on the first. */
static double
table_top (Sheet *sheet, guint index)
{
  return SY_LEDGER_BLOCK_Y + (index == 0 ? TITLE_BLOCK_HEIGHT + sheet->grid_height + SY_LEDGER_MM (6.0) : 0);
}

static void
sheet_paginate (Sheet *sheet)
{
  guint n = sy_coverage_get_n_items (sheet->coverage);
  double y;
  guint page = 0;

  for (guint c = 0; c < N_C; c++)
    sheet->header[c] = sy_ledger_text_layout_new (sheet->context, SY_LEDGER_FONT_SMALL_SANS, sheet_titles[c],
                                                  SY_LEDGER_MM (sheet_widths_mm[c]) - 2 * SY_LEDGER_CELL_PAD_X,
                                                  PANGO_ALIGN_CENTER);
  sheet->header_height = cell_height (sheet->header);
  sheet->grid_height = sy_ledger_coverage_grid_height (sheet->coverage, TRUE, SY_LEDGER_BLOCK_WIDTH);

  for (guint i = 0; i < n; i++)
    {
      SyAssessmentItem *item = sy_coverage_get_item (sheet->coverage, i);
      g_autofree char *score = g_strdup_printf ("%d", sy_assessment_item_get_score (item));
      g_autofree char *count = g_strdup_printf ("%u", sy_coverage_get_total (sheet->coverage, i));
      g_autofree char *gaps = sy_coverage_summarize_gaps (sheet->coverage, i);
      const char *texts[N_C] = { sy_assessment_item_get_code (item), sy_assessment_item_get_title (item),
                                 score, count, "", gaps };
      SheetRow row = { { NULL }, 0, sy_assessment_item_get_parent_id (item) == 0 };

      for (guint c = 0; c < N_C; c++)
        row.cells[c] = sy_ledger_text_layout_new (sheet->context,
                                                  c == C_GAPS ? SY_LEDGER_FONT_SMALL
                                                  : row.standard ? SY_LEDGER_FONT_LABEL : SY_LEDGER_FONT_BODY,
                                                  texts[c],
                                                  SY_LEDGER_MM (sheet_widths_mm[c]) - 2 * SY_LEDGER_CELL_PAD_X,
                                                  c == C_TITLE || c == C_GAPS ? PANGO_ALIGN_LEFT
                                                                              : PANGO_ALIGN_CENTER);
      /* A row never splits: keep one to a page's height at most. */
      sy_ledger_text_limit_lines (row.cells[C_GAPS], 12);
      row.height = cell_height (row.cells);
      g_array_append_val (sheet->rows, row);
    }

  g_array_append_val (sheet->page_first, page);
  y = table_top (sheet, 0) + sheet->header_height;
  for (guint i = 0; i < sheet->rows->len; i++)
    {
      SheetRow *row = &g_array_index (sheet->rows, SheetRow, i);
      guint n_pages = sheet->page_first->len;

      if (y + row->height > SY_LEDGER_BLOCK_Y + SY_LEDGER_BLOCK_HEIGHT
          && i > g_array_index (sheet->page_first, guint, n_pages - 1))
        {
          g_array_append_val (sheet->page_first, i);
          y = table_top (sheet, n_pages) + sheet->header_height;
        }
      y += row->height;
    }
  page = sheet->rows->len;
  g_array_append_val (sheet->page_first, page);
}

static void
paint_row (cairo_t *cr, PangoLayout **cells, double y, double height, gboolean header)
{
  if (header)
    {
      cairo_set_source_rgb (cr, SY_LEDGER_LABEL_SHADE, SY_LEDGER_LABEL_SHADE, SY_LEDGER_LABEL_SHADE);
      cairo_rectangle (cr, SY_LEDGER_BLOCK_X, y, SY_LEDGER_BLOCK_WIDTH, height);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint c = 0; c < N_C; c++)
    {
      double x = column_x (c);
      double text_y = !header && (c == C_TITLE || c == C_GAPS) ? y + SY_LEDGER_CELL_PAD_Y
                                                  : y + (height - sy_ledger_text_height (cells[c])) / 2;

      sy_ledger_text_show (cr, cells[c], x + SY_LEDGER_CELL_PAD_X, text_y);
      cairo_set_line_width (cr, SY_LEDGER_RULE_INNER);
      cairo_rectangle (cr, x, y, SY_LEDGER_MM (sheet_widths_mm[c]), height);
      cairo_stroke (cr);
    }
}

static void
sheet_render_page (gpointer data, guint index, cairo_t *cr)
{
  Sheet *sheet = data;
  guint first = g_array_index (sheet->page_first, guint, index);
  guint end = g_array_index (sheet->page_first, guint, index + 1);
  double y = table_top (sheet, index);
  g_autofree char *folio = g_strdup_printf ("— %u —", index + 1);
  g_autoptr(PangoLayout) folio_layout = NULL;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (index == 0)
    {
      g_autofree char *subtitle = g_strdup_printf ("%s%s%d—%d年度", sheet->office ? sheet->office : "",
                                                   sheet->office ? "　" : "",
                                                   sy_coverage_get_first_year (sheet->coverage),
                                                   sy_coverage_get_last_year (sheet->coverage));
      g_autoptr(PangoLayout) title = sy_ledger_text_layout_new (sheet->context, SY_LEDGER_FONT_TITLE,
                                                                "双拥模范考评自评表", SY_LEDGER_BLOCK_WIDTH,
                                                                PANGO_ALIGN_CENTER);
      g_autoptr(PangoLayout) sub = sy_ledger_text_layout_new (sheet->context, SY_LEDGER_FONT_SMALL_SANS, subtitle,
                                                              SY_LEDGER_BLOCK_WIDTH, PANGO_ALIGN_CENTER);

      sy_ledger_text_show (cr, title, SY_LEDGER_BLOCK_X, SY_LEDGER_BLOCK_Y);
      sy_ledger_text_show (cr, sub, SY_LEDGER_BLOCK_X, SY_LEDGER_BLOCK_Y + sy_ledger_text_height (title) + 6);
      cairo_save (cr);
      cairo_translate (cr, SY_LEDGER_BLOCK_X, SY_LEDGER_BLOCK_Y + TITLE_BLOCK_HEIGHT);
      sy_ledger_coverage_paint_grid (sheet->coverage, cr, sheet->context, TRUE, SY_LEDGER_BLOCK_WIDTH,
                                     sheet->grid_height, NULL);
      cairo_restore (cr);
    }

  paint_row (cr, sheet->header, y, sheet->header_height, TRUE);
  y += sheet->header_height;
  for (guint i = first; i < end; i++)
    {
      SheetRow *row = &g_array_index (sheet->rows, SheetRow, i);

      paint_row (cr, row->cells, y, row->height, FALSE);
      y += row->height;
    }
  cairo_set_line_width (cr, SY_LEDGER_RULE_OUTER);
  cairo_rectangle (cr, SY_LEDGER_BLOCK_X, table_top (sheet, index), SY_LEDGER_BLOCK_WIDTH,
                   y - table_top (sheet, index));
  cairo_stroke (cr);

  folio_layout = sy_ledger_text_layout_new (sheet->context, SY_LEDGER_FONT_FOLIO, folio, SY_LEDGER_BLOCK_WIDTH,
                                            PANGO_ALIGN_CENTER);
  sy_ledger_text_show (cr, folio_layout, SY_LEDGER_BLOCK_X,
                       SY_LEDGER_BLOCK_Y + SY_LEDGER_BLOCK_HEIGHT + SY_LEDGER_FOLIO_GAP);
}

gboolean
sy_ledger_coverage_export_pdf (SyCoverage  *coverage,
                               const char  *office,
                               const char  *path,
                               guint       *n_pages,
                               GError     **error)
{
  g_autoptr(PangoFontMap) font_map = NULL;
  SyLedgerPdfPages pages = { 0, };
  Sheet sheet = { 0, };
  gboolean ok;

  g_return_val_if_fail (SY_IS_COVERAGE (coverage), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* A font map of its own: Pango's default one belongs to the thread that
   * made it, and the export may run in a worker. */
  font_map = pango_cairo_font_map_new ();
  sheet.coverage = coverage;
  sheet.context = sy_ledger_text_context_new (font_map);
  sheet.office = g_strdup (office);
  sheet.rows = g_array_new (FALSE, TRUE, sizeof (SheetRow));
  g_array_set_clear_func (sheet.rows, sheet_row_clear);
  sheet.page_first = g_array_new (FALSE, FALSE, sizeof (guint));
  sheet_paginate (&sheet);

  pages.n_pages = sheet.page_first->len - 1;
  pages.render_page = sheet_render_page;
  pages.data = &sheet;
  pages.title = "双拥模范考评自评表";
  pages.author = office;
  ok = sy_ledger_pdf_write (path, &pages, NULL, NULL, NULL, error);
  if (ok && n_pages != NULL)
    *n_pages = pages.n_pages;

  for (guint c = 0; c < N_C; c++)
    g_clear_object (&sheet.header[c]);
  g_array_unref (sheet.rows);
  g_array_unref (sheet.page_first);
  g_free (sheet.office);
  g_object_unref (sheet.context);
  return ok;
}
