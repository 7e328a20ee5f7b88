/* sy-ledger-grid.h: the ruled tables of the ledger's lists
 *
 * The 花名册 and the ledger's tables (走访慰问登记表, 领导小组名单 …) share
 * one look: a shaded header row in small sans, centred; cells in small
 * serif with SY_LEDGER_CELL_PAD_X/Y around the text, centred vertically;
 * inner rules SY_LEDGER_RULE_INNER, the frame SY_LEDGER_RULE_OUTER.
 *
 * A grid is only the columns' left edge and widths.  Rows are painted one
 * at a time, each with its top rule and its column rules, so a caller can
 * merge cells in a row of its own (a foot row, "无记录") or paint a row
 * split between pages (a line range of each cell).
 */
#pragma once

#include <pango/pangocairo.h>

#include "sy-ledger-text.h"

G_BEGIN_DECLS

typedef struct {
  double  x;          /* the table's left edge */
  guint   n_columns;
  double *widths;     /* points */
} SyLedgerGrid;

/* @widths (points, n_columns of them) are copied. */
SyLedgerGrid *sy_ledger_grid_new          (double        x,
                                           const double *widths,
                                           guint         n_columns);
void          sy_ledger_grid_free         (SyLedgerGrid *grid);

double        sy_ledger_grid_get_width    (const SyLedgerGrid *grid);
/* The width of columns [@first, @last), and the left edge of @column. */
double        sy_ledger_grid_span_width   (const SyLedgerGrid *grid,
                                           guint               first,
                                           guint               last);
double        sy_ledger_grid_column_x     (const SyLedgerGrid *grid,
                                           guint               column);

/* A layout for a cell @cell_width wide (its text is narrower by the
 * padding); wraps, never cut: limit it with sy_ledger_text_limit_lines()
 * if a row must not grow. */
PangoLayout  *sy_ledger_grid_cell_new     (PangoContext   *context,
                                           SyLedgerFont    font,
                                           const char     *text,
                                           double          cell_width,
                                           PangoAlignment  align);
/* The height of a cell holding @layout (all of it), padding included. */
double        sy_ledger_grid_cell_height  (PangoLayout *layout);

/* Makes the header cells (n_columns layouts into @heads, small sans,
 * centred) and returns the header row's height, at least @min_height. */
double        sy_ledger_grid_header_new   (const SyLedgerGrid *grid,
                                           PangoContext       *context,
                                           const char * const *titles,
                                           double              min_height,
                                           PangoLayout       **heads);

/* Shades @height of the header row at @y and shows @heads in it, with
 * its top and column rules. */
void          sy_ledger_grid_paint_header (const SyLedgerGrid *grid,
                                           cairo_t            *cr,
                                           PangoLayout       **heads,
                                           double              y,
                                           double              height);
/* One row of @height at @y: @cells (n_columns, NULL: empty) each centred
 * vertically, with the row's top rule and column rules.  With @first and
 * @n (n_columns each; may be NULL for whole cells) only lines [@first[c],
 * @first[c] + @n[c]) of cell c are shown: a row split between pages. */
void          sy_ledger_grid_paint_row    (const SyLedgerGrid *grid,
                                           cairo_t            *cr,
                                           PangoLayout       **cells,
                                           const guint        *first,
                                           const guint        *n,
                                           double              y,
                                           double              height);
/* The outer frame of the table from @top to @bottom. */
void          sy_ledger_grid_paint_frame  (const SyLedgerGrid *grid,
                                           cairo_t            *cr,
                                           double              top,
                                           double              bottom);

/* Pieces for rows of one's own (merged cells). */
void          sy_ledger_grid_shade        (cairo_t *cr,
                                           double   x,
                                           double   y,
                                           double   width,
                                           double   height);
/* Shows @layout in the cell at @x (its left edge) and @y, @height high,
 * padded and centred vertically. */
void          sy_ledger_grid_show_in_cell (cairo_t     *cr,
                                           PangoLayout *layout,
                                           double       x,
                                           double       y,
                                           double       height);
/* Adds a rule to the path (stroke it with the rule's width). */
void          sy_ledger_grid_hline        (cairo_t *cr,
                                           double   x,
                                           double   y,
                                           double   width);
void          sy_ledger_grid_vline        (cairo_t *cr,
                                           double   x,
                                           double   y,
                                           double   height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyLedgerGrid, sy_ledger_grid_free)

G_END_DECLS
