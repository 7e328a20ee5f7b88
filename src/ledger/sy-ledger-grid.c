/* sy-ledger-grid.c: the ruled tables of the ledger's lists */
#include "sy-ledger-grid.h"
#include "sy-ledger-style.h"

SyLedgerGrid *
sy_ledger_grid_new (double        x,
                    const double *widths,
                    guint         n_columns)
{
  SyLedgerGrid *grid = g_new0 (SyLedgerGrid, 1);

  grid->x = x;
  grid->n_columns = n_columns;
  grid->widths = g_memdup2 (widths, sizeof (double) * n_columns);
  return grid;
}

void
sy_ledger_grid_free (SyLedgerGrid *grid)
{
  if (grid == NULL)
    return;
  g_free (grid->widths);
  g_free (grid);
}

double
sy_ledger_grid_span_width (const SyLedgerGrid *grid,
                           guint               first,
                           guint               last)
{
  double w = 0;

  for (guint c = first; c < last && c < grid->n_columns; c++)
    w += grid->widths[c];
  return w;
}

double
sy_ledger_grid_get_width (const SyLedgerGrid *grid)
{
  return sy_ledger_grid_span_width (grid, 0, grid->n_columns);
}

double
sy_ledger_grid_column_x (const SyLedgerGrid *grid,
                         guint               column)
{
  return grid->x + sy_ledger_grid_span_width (grid, 0, column);
}

PangoLayout *
sy_ledger_grid_cell_new (PangoContext   *context,
                         SyLedgerFont    font,
                         const char     *text,
                         double          cell_width,
                         PangoAlignment  align)
{
  /* Never narrower than a point: a width of 0 or less would turn
   * wrapping off and let the text run out of its cell. */
  return sy_ledger_text_layout_new (context, font, text,
                                    MAX (1.0, cell_width - 2 * SY_LEDGER_CELL_PAD_X), align);
}

double
sy_ledger_grid_cell_height (PangoLayout *layout)
{
  return layout ? sy_ledger_text_height (layout) + 2 * SY_LEDGER_CELL_PAD_Y : 0.0;
}

double
sy_ledger_grid_header_new (const SyLedgerGrid *grid,
                           PangoContext       *context,
                           const char * const *titles,
                           double              min_height,
                           PangoLayout       **heads)
{
  double height = min_height;

  for (guint c = 0; c < grid->n_columns; c++)
    {
      heads[c] = sy_ledger_grid_cell_new (context, SY_LEDGER_FONT_SMALL_SANS, titles[c],
                                          grid->widths[c], PANGO_ALIGN_CENTER);
      height = MAX (height, sy_ledger_grid_cell_height (heads[c]));
    }
  return height;
}

void
sy_ledger_grid_shade (cairo_t *cr,
                      double   x,
                      double   y,
                      double   width,
                      double   height)
{
  cairo_set_source_rgb (cr, SY_LEDGER_LABEL_SHADE, SY_LEDGER_LABEL_SHADE, SY_LEDGER_LABEL_SHADE);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
}

void
sy_ledger_grid_show_in_cell (cairo_t     *cr,
                             PangoLayout *layout,
                             double       x,
                             double       y,
                             double       height)
{
  sy_ledger_text_show (cr, layout, x + SY_LEDGER_CELL_PAD_X,
                       y + (height - sy_ledger_text_height (layout)) / 2);
}

void
sy_ledger_grid_hline (cairo_t *cr,
                      double   x,
                      double   y,
                      double   width)
{
  cairo_move_to (cr, x, y);
  cairo_rel_line_to (cr, width, 0);
}

void
sy_ledger_grid_vline (cairo_t *cr,
                      double   x,
                      double   y,
                      double   height)
{
  cairo_move_to (cr, x, y);
  cairo_rel_line_to (cr, 0, height);
}

void
sy_ledger_grid_paint_row (const SyLedgerGrid *grid,
                          cairo_t            *cr,
                          PangoLayout       **cells,
                          const guint        *first,
                          const guint        *n,
                          double              y,
                          double              height)
{
  double x = grid->x;

  for (guint c = 0; c < grid->n_columns; c++)
    {
      PangoLayout *cell = cells[c];

      if (cell != NULL && first == NULL)
        sy_ledger_grid_show_in_cell (cr, cell, x, y, height);
      else if (cell != NULL && n[c] > 0)
        {
          double th = sy_ledger_text_range_height (cell, first[c], n[c]);

          sy_ledger_text_show_range (cr, cell, first[c], n[c], x + SY_LEDGER_CELL_PAD_X,
                                     y + (height - th) / 2);
        }
      if (c > 0)
        sy_ledger_grid_vline (cr, x, y, height);
      x += grid->widths[c];
    }
  sy_ledger_grid_hline (cr, grid->x, y, x - grid->x);
  cairo_set_line_width (cr, SY_LEDGER_RULE_INNER);
  cairo_stroke (cr);
}

void
sy_ledger_grid_paint_header (const SyLedgerGrid *grid,
                             cairo_t            *cr,
                             PangoLayout       **heads,
                             double              y,
                             double              height)
{
  sy_ledger_grid_shade (cr, grid->x, y, sy_ledger_grid_get_width (grid), height);
  sy_ledger_grid_paint_row (grid, cr, heads, NULL, NULL, y, height);
}

void
sy_ledger_grid_paint_frame (const SyLedgerGrid *grid,
                            cairo_t            *cr,
                            double              top,
                            double              bottom)
{
  cairo_set_line_width (cr, SY_LEDGER_RULE_OUTER);
  cairo_rectangle (cr, grid->x, top, sy_ledger_grid_get_width (grid), bottom - top);
  cairo_stroke (cr);
}
