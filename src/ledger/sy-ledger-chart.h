/* sy-ledger-chart.h: a grouped bar chart painted with Cairo and Pango
 *
 * For the payment audit (expected vs paid by month, by kind), the year-end
 * summary (activities by month and type) and the 考评 coverage map: the UI
 * paints it in a GtkDrawingArea, the PDFs on their pages — the same code.
 * Values are doubles in the chart's unit; the value axis gets round ticks.
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

#define SY_TYPE_LEDGER_CHART (sy_ledger_chart_get_type ())
G_DECLARE_FINAL_TYPE (SyLedgerChart, sy_ledger_chart, SY, LEDGER_CHART, GObject)

SyLedgerChart *sy_ledger_chart_new         (const char    *title);
/* The groups along the x axis ("1月" … "12月", or kinds). */
void           sy_ledger_chart_set_groups  (SyLedgerChart *self,
                                            const char * const *labels,
                                            guint          n_labels);
/* A series: one value per group (missing ones are 0); colours 0–1. */
void           sy_ledger_chart_add_series  (SyLedgerChart *self,
                                            const char    *name,
                                            const double  *values,
                                            guint          n_values,
                                            double         red,
                                            double         green,
                                            double         blue);
/* The unit shown on the value axis ("元", "场次"). */
void           sy_ledger_chart_set_unit    (SyLedgerChart *self,
                                            const char    *unit);
/* Paints into the rectangle (0, 0, @width, @height) of @cr's user space:
 * title, legend, axes, bars.  @context: a Pango context for the target
 * (NULL: one made for @cr).  @foreground: text and axis colour (the UI
 * passes the theme's; NULL for black). */
void           sy_ledger_chart_paint       (SyLedgerChart *self,
                                            cairo_t       *cr,
                                            PangoContext  *context,
                                            double         width,
                                            double         height,
                                            const double  *foreground_rgb);

G_END_DECLS
