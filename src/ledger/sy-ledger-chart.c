/* sy-ledger-chart.c: a grouped bar chart painted with Cairo and Pango
 *
 * Everything is measured from the rectangle it is given: the type size
 * follows the chart's size (absolute sizes, so a 96 dpi widget context and
 * a 72 dpi PDF context give the same picture), then the title, the legend,
 * the unit line and the group labels take what they need and the bars get
 * the rest.  Negative and non-finite values paint as 0: the charts show
 * amounts and counts.
 */
#include "sy-ledger-chart.h"
#include "sy-ledger-style.h"

#include <math.h>
#include <string.h>

typedef struct {
  char   *name;
  double *values;
  guint   n_values;
  double  rgb[3];
} Series;

struct _SyLedgerChart
{
  GObject parent_instance;

  char      *title;
  char      *unit;
  GPtrArray *groups;  /* char * */
  GArray    *series;  /* Series */
};

G_DEFINE_FINAL_TYPE (SyLedgerChart, sy_ledger_chart, G_TYPE_OBJECT)

static void
series_clear (gpointer data)
{
  Series *s = data;

  g_free (s->name);
  g_free (s->values);
}

static void
sy_ledger_chart_finalize (GObject *object)
{
  SyLedgerChart *self = SY_LEDGER_CHART (object);

  g_free (self->title);
  g_free (self->unit);
  g_ptr_array_unref (self->groups);
  g_array_unref (self->series);

  G_OBJECT_CLASS (sy_ledger_chart_parent_class)->finalize (object);
}

static void
sy_ledger_chart_class_init (SyLedgerChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_ledger_chart_finalize;
}

static void
sy_ledger_chart_init (SyLedgerChart *self)
{
  self->groups = g_ptr_array_new_with_free_func (g_free);
  self->series = g_array_new (FALSE, TRUE, sizeof (Series));
  g_array_set_clear_func (self->series, series_clear);
}

SyLedgerChart *
sy_ledger_chart_new (const char *title)
{
  SyLedgerChart *self = g_object_new (SY_TYPE_LEDGER_CHART, NULL);

  self->title = g_strdup (title);
  return self;
}

void
sy_ledger_chart_set_groups (SyLedgerChart      *self,
                            const char * const *labels,
                            guint               n_labels)
{
  g_return_if_fail (SY_IS_LEDGER_CHART (self));
  g_return_if_fail (labels != NULL || n_labels == 0);

  g_ptr_array_set_size (self->groups, 0);
  for (guint i = 0; i < n_labels; i++)
    g_ptr_array_add (self->groups, g_strdup (labels[i] ? labels[i] : ""));
}

void
sy_ledger_chart_add_series (SyLedgerChart *self,
                            const char    *name,
                            const double  *values,
                            guint          n_values,
                            double         red,
                            double         green,
                            double         blue)
{
  Series s = { 0 };

  g_return_if_fail (SY_IS_LEDGER_CHART (self));
  g_return_if_fail (values != NULL || n_values == 0);

  s.name = g_strdup (name ? name : "");
  s.values = n_values > 0 ? g_memdup2 (values, n_values * sizeof (double)) : NULL;
  s.n_values = n_values;
  s.rgb[0] = CLAMP (red, 0.0, 1.0);
  s.rgb[1] = CLAMP (green, 0.0, 1.0);
  s.rgb[2] = CLAMP (blue, 0.0, 1.0);
  g_array_append_val (self->series, s);
}

void
sy_ledger_chart_set_unit (SyLedgerChart *self,
                          const char    *unit)
{
  g_return_if_fail (SY_IS_LEDGER_CHART (self));

  g_free (self->unit);
  self->unit = g_strdup (unit);
}

/* --- painting ------------------------------------------------------------- */

static double
value_at (const Series *s, guint group)
{
  double v = group < s->n_values ? s->values[group] : 0.0;

  return isfinite (v) && v > 0 ? v : 0.0;
}

/* A step of 1, 2 or 5 × 10ⁿ giving at most @max_ticks intervals up to
 * @max; the axis then ends on the first step at or above @max. */
static double
nice_step (double max, int max_ticks)
{
  double raw = max / max_ticks;
  double magnitude = pow (10.0, floor (log10 (raw)));
  double residual = raw / magnitude;

  if (residual <= 1.0)
    return magnitude;
  if (residual <= 2.0)
    return 2.0 * magnitude;
  if (residual <= 5.0)
    return 5.0 * magnitude;
  return 10.0 * magnitude;
}

/* Tick labels in the Chinese way: 20000 is "2万" once the steps are whole
 * 万, which keeps yearly totals short. */
static char *
format_tick (double value, double step)
{
  if (value == 0.0)
    return g_strdup ("0");
  if (step >= 1e8 && fmod (step, 1e8) == 0.0)
    return g_strdup_printf ("%.0f亿", value / 1e8);
  if (step >= 1e4 && fmod (step, 1e4) == 0.0)
    return g_strdup_printf ("%.0f万", value / 1e4);
  if (step >= 1.0)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.*f", (int) ceil (-log10 (step) - 1e-9), value);
}

/* The figure over a bar, in the axis's style: in 万 when the ticks are
 * (two decimals at most, trailing zeros dropped), else as it is. */
static char *
format_value (double value, double step)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean wan = step >= 1e4 && fmod (step, 1e4) == 0.0;
  double shown = wan ? value / 1e4 : value;
  char *end;

  if (!wan && fabs (shown - round (shown)) < 1e-9)
    return g_strdup_printf ("%.0f", shown);
  g_ascii_formatd (buffer, sizeof buffer, "%.2f", shown);
  end = buffer + strlen (buffer) - 1;
  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  return g_strconcat (buffer, wan ? "万" : "", NULL);
}

static PangoLayout *
make_layout (PangoContext *context,
             const char   *text,
             double        size,
             gboolean      bold,
             double        width,
             int           max_lines,
             PangoAlignment alignment)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_new ();
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_font_description_set_family_static (desc, SY_LEDGER_SANS);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  /* Absolute: user-space units whatever the context's resolution. */
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  /* Simplified Chinese glyph shapes even when the context is a widget's
   * in another locale. */
  pango_attr_list_insert (attrs, pango_attr_language_new (pango_language_from_string ("zh-cn")));
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      if (max_lines > 0)
        {
          pango_layout_set_height (layout, -max_lines);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        }
    }
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static void
layout_size (PangoLayout *layout, double *width, double *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width)
    *width = (double) logical.width / PANGO_SCALE;
  if (height)
    *height = (double) logical.height / PANGO_SCALE;
}

/* @x, @y: the layout's origin (a wrapped layout aligns within its width). */
static void
show_layout (cairo_t *cr, PangoLayout *layout, double x, double y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
set_colour (cairo_t *cr, const double *rgb, double alpha)
{
  cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], alpha);
}

/* One legend entry: a swatch and the series' name. */
typedef struct {
  PangoLayout *label;
  double       width;  /* swatch + gap + text */
} LegendItem;

void
sy_ledger_chart_paint (SyLedgerChart *self,
                       cairo_t       *cr,
                       PangoContext  *context,
                       double         width,
                       double         height,
                       const double  *foreground_rgb)
{
  static const double black[3] = { 0.0, 0.0, 0.0 };
  const double *fg = foreground_rgb ? foreground_rgb : black;
  /* No g_autoptr for PangoContext in Pango 1.50. */
  g_autoptr(GObject) own_context = NULL;
  guint n_groups, n_series;
  double base, pad, y, max_value = 0.0, step, axis_max;
  double plot_left, plot_right, plot_top, plot_bottom, plot_w, plot_h;
  double tick_w = 0.0, label_h = 0.0, group_w;
  int n_ticks;
  gboolean all_whole = TRUE;
  g_autoptr(GPtrArray) tick_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) group_layouts = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (SY_IS_LEDGER_CHART (self));
  g_return_if_fail (cr != NULL);

  if (!(width > 0 && height > 0))
    return;
  if (context == NULL)
    {
      context = pango_cairo_create_context (cr);
      own_context = G_OBJECT (context);
      pango_context_set_language (context, pango_language_from_string ("zh-cn"));
    }

  n_groups = self->groups->len;
  n_series = self->series->len;
  /* Type follows the chart: 12 units on a 600 × 300 chart, never below a
   * readable 7 nor above 13 on a large one. */
  base = CLAMP (MIN (width / 48.0, height / 22.0), 7.0, 13.0);
  pad = base * 0.9;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  /* Title */
  y = pad;
  if (self->title != NULL && *self->title != '\0')
    {
      g_autoptr(PangoLayout) title = make_layout (context, self->title, base * 1.3, TRUE,
                                                  width - 2 * pad, 2, PANGO_ALIGN_CENTER);
      double h;

      layout_size (title, NULL, &h);
      set_colour (cr, fg, 1.0);
      show_layout (cr, title, pad, y);
      y += h + base * 0.5;
    }

  /* Legend: entries flow in centred rows. */
  if (n_series > 0)
    {
      g_autofree LegendItem *items = g_new0 (LegendItem, n_series);
      double swatch = base * 0.85, gap = base * 0.4, spacing = base * 1.4;
      double row_h = 0.0;
      guint first = 0;

      for (guint i = 0; i < n_series; i++)
        {
          const Series *s = &g_array_index (self->series, Series, i);
          double w, h;

          items[i].label = make_layout (context, s->name, base * 0.9, FALSE, -1, 0,
                                        PANGO_ALIGN_LEFT);
          layout_size (items[i].label, &w, &h);
          items[i].width = swatch + gap + w;
          row_h = MAX (row_h, h);
        }
      while (first < n_series)
        {
          double row_w = items[first].width, x;
          guint end = first + 1;

          while (end < n_series && row_w + spacing + items[end].width <= width - 2 * pad)
            row_w += spacing + items[end++].width;
          x = MAX (pad, (width - row_w) / 2.0);
          for (guint i = first; i < end; i++)
            {
              const Series *s = &g_array_index (self->series, Series, i);

              set_colour (cr, s->rgb, 1.0);
              cairo_rectangle (cr, x, y + (row_h - swatch) / 2.0, swatch, swatch);
              cairo_fill (cr);
              set_colour (cr, fg, 0.85);
              show_layout (cr, items[i].label, x + swatch + gap, y);
              x += items[i].width + spacing;
            }
          y += row_h + base * 0.3;
          first = end;
        }
      for (guint i = 0; i < n_series; i++)
        g_object_unref (items[i].label);
      y += base * 0.3;
    }

  /* The value axis: round steps, at most 5 intervals, never empty. */
  for (guint s = 0; s < n_series; s++)
    for (guint g = 0; g < n_groups; g++)
      {
        double v = value_at (&g_array_index (self->series, Series, s), g);

        max_value = MAX (max_value, v);
        all_whole = all_whole && v == floor (v);
      }
  /* Nothing to show: a plain 0–5 axis rather than 0.2 steps of nothing. */
  if (max_value <= 0.0)
    max_value = 5.0;
  /* 5% headroom: the tallest bar's figure stays inside the plot. */
  max_value *= 1.05;
  step = nice_step (max_value, 5);
  /* Counts (场次) never get half-steps. */
  if (step < 1.0 && all_whole)
    step = 1.0;
  n_ticks = (int) ceil (max_value / step - 1e-9);
  n_ticks = MAX (n_ticks, 1);
  axis_max = n_ticks * step;
  for (int i = 0; i <= n_ticks; i++)
    {
      g_autofree char *text = format_tick (i * step, step);
      PangoLayout *layout = make_layout (context, text, base * 0.85, FALSE, -1, 0,
                                         PANGO_ALIGN_RIGHT);
      double w;

      layout_size (layout, &w, NULL);
      tick_w = MAX (tick_w, w);
      g_ptr_array_add (tick_layouts, layout);
    }

  /* The unit, above the value axis. */
  if (self->unit != NULL && *self->unit != '\0')
    {
      g_autofree char *text = g_strdup_printf ("单位：%s", self->unit);
      g_autoptr(PangoLayout) unit = make_layout (context, text, base * 0.85, FALSE, -1, 0,
                                                 PANGO_ALIGN_LEFT);
      double h;

      layout_size (unit, NULL, &h);
      set_colour (cr, fg, 0.7);
      show_layout (cr, unit, pad, y);
      y += h + base * 0.3;
    }

  plot_left = pad + tick_w + base * 0.5;
  plot_right = width - pad;
  plot_w = plot_right - plot_left;
  group_w = n_groups > 0 ? plot_w / n_groups : plot_w;

  /* Group labels: wrapped to the group's width, two lines at most. */
  for (guint g = 0; g < n_groups; g++)
    {
      PangoLayout *layout = make_layout (context, g_ptr_array_index (self->groups, g),
                                         base * 0.85, FALSE, MAX (group_w - base * 0.2, base), 2,
                                         PANGO_ALIGN_CENTER);
      double h;

      layout_size (layout, NULL, &h);
      label_h = MAX (label_h, h);
      g_ptr_array_add (group_layouts, layout);
    }

  /* Half a line of headroom so the top tick label is not cut. */
  plot_top = y + base * 0.5;
  plot_bottom = height - pad - label_h - (n_groups > 0 ? base * 0.4 : 0.0);
  plot_h = plot_bottom - plot_top;
  if (plot_w <= base || plot_h <= base)
    {
      /* Too small for an axis: the title and legend are all there is. */
      cairo_restore (cr);
      return;
    }

  /* Grid lines and tick labels */
  for (int i = 0; i <= n_ticks; i++)
    {
      PangoLayout *layout = g_ptr_array_index (tick_layouts, i);
      double ty = plot_bottom - plot_h * i / n_ticks;
      double w, h;

      if (i > 0)
        {
          set_colour (cr, fg, 0.14);
          cairo_set_line_width (cr, MAX (base * 0.06, 0.5));
          cairo_move_to (cr, plot_left, ty);
          cairo_line_to (cr, plot_right, ty);
          cairo_stroke (cr);
        }
      layout_size (layout, &w, &h);
      set_colour (cr, fg, 0.7);
      show_layout (cr, layout, plot_left - base * 0.5 - w, ty - h / 2.0);
    }

  /* Bars: each group's cluster takes 70% of its width (60% for one
   * series, which would otherwise look like a wall), with a hairline of
   * space between neighbouring bars. */
  if (n_series > 0)
    {
      double cluster = group_w * (n_series == 1 ? 0.6 : 0.72);
      double bar_w = cluster / n_series;
      double gap = MIN (bar_w * 0.12, base * 0.25);
      gboolean show_values = TRUE;

      /* Figures over the bars for all of them or for none: a chart where
       * only the narrow ones go without looks broken. */
      for (guint g = 0; g < n_groups && show_values; g++)
        for (guint s = 0; s < n_series && show_values; s++)
          {
            double v = value_at (&g_array_index (self->series, Series, s), g);
            g_autofree char *text = NULL;
            g_autoptr(PangoLayout) label = NULL;
            double lw;

            if (v <= 0.0)
              continue;
            text = format_value (v, step);
            label = make_layout (context, text, base * 0.7, FALSE, -1, 0, PANGO_ALIGN_LEFT);
            layout_size (label, &lw, NULL);
            show_values = lw + base * 0.3 <= bar_w;
          }

      for (guint g = 0; g < n_groups; g++)
        {
          double x0 = plot_left + g * group_w + (group_w - cluster) / 2.0;

          for (guint s = 0; s < n_series; s++)
            {
              const Series *ser = &g_array_index (self->series, Series, s);
              double v = value_at (ser, g);
              double h = plot_h * v / axis_max;
              double bx = x0 + s * bar_w + gap / 2.0;
              double bw = bar_w - gap;

              if (h <= 0.0)
                continue;
              set_colour (cr, ser->rgb, 1.0);
              cairo_rectangle (cr, bx, plot_bottom - h, bw, h);
              cairo_fill (cr);

              if (show_values)
                {
                  g_autofree char *text = format_value (v, step);
                  g_autoptr(PangoLayout) label = make_layout (context, text, base * 0.7, FALSE,
                                                              -1, 0, PANGO_ALIGN_LEFT);
                  double lw, lh;

                  layout_size (label, &lw, &lh);
                  set_colour (cr, fg, 0.75);
                  show_layout (cr, label, bx + (bw - lw) / 2.0, plot_bottom - h - lh);
                }
            }
        }
    }

  /* The base line over the bars' feet, then the group labels under it. */
  set_colour (cr, fg, 0.8);
  cairo_set_line_width (cr, MAX (base * 0.08, 0.75));
  cairo_move_to (cr, plot_left, plot_bottom);
  cairo_line_to (cr, plot_right, plot_bottom);
  cairo_stroke (cr);

  for (guint g = 0; g < n_groups; g++)
    {
      PangoLayout *layout = g_ptr_array_index (group_layouts, g);
      double w = (double) pango_layout_get_width (layout) / PANGO_SCALE;

      set_colour (cr, fg, 0.85);
      show_layout (cr, layout, plot_left + g * group_w + (group_w - w) / 2.0,
                   plot_bottom + base * 0.4);
    }

  cairo_restore (cr);
}
