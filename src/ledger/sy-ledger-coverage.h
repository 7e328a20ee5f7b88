/* sy-ledger-coverage.h: the 考评 coverage map and the self-score sheet
 *
 * The map is a heat-map grid: a row per item, a column per year of the
 * window, each cell the evidence count (SyCoverage), shaded by how much
 * there is; a cell with gaps is tinted red and marked "!" with their number.
 * The UI paints it in a GtkDrawingArea, the self-score sheet on its first
 * page — the same code.
 *
 * The self-score sheet (自评表, portrait A4, the ledger's geometry and type
 * scale): title, office and window, the map of the standards, then a table
 * 编号 项目 分值 佐证材料 自评得分 存在不足 with a row per item (the 自评得分
 * column left empty for the office to fill in), the header row repeated on
 * every page, "— N —" under every page.
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "sy-store.h"

G_BEGIN_DECLS

/* The height the grid wants for @coverage at @width (standards only, or
 * every item). */
double   sy_ledger_coverage_grid_height (SyCoverage    *coverage,
                                         gboolean       standards_only,
                                         double         width);

/* Paints the grid into (0, 0, @width, @height) of @cr's user space.
 * @context: a Pango context for the target (NULL: one made for @cr);
 * @foreground: text and rule colour (NULL: black). */
void     sy_ledger_coverage_paint_grid  (SyCoverage    *coverage,
                                         cairo_t       *cr,
                                         PangoContext  *context,
                                         gboolean       standards_only,
                                         double         width,
                                         double         height,
                                         const double  *foreground_rgb);

/* Writes the self-score sheet of @coverage for @office (may be NULL) to
 * @path (temporary file, fsync, rename: an old file is kept on error).
 * @n_pages (nullable) gets the page count. */
gboolean sy_ledger_coverage_export_pdf  (SyCoverage    *coverage,
                                         const char    *office,
                                         const char    *path,
                                         guint         *n_pages,
                                         GError       **error);

G_END_DECLS
