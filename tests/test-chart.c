/* test-chart.c: the grouped bar chart, painted into images and a PDF */
#include "sy-ledger-chart.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#define W 640
#define H 400

/* Series colours that nothing else in the chart uses. */
static const double red[3] = { 0.8, 0.1, 0.1 };
static const double green[3] = { 0.1, 0.6, 0.2 };

static cairo_surface_t *
paint (SyLedgerChart *chart, int width, int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  sy_ledger_chart_paint (chart, cr, NULL, width, height, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
is_colour (cairo_surface_t *surface, int x, int y, const double *rgb)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 pixel = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return abs (r - (int) lround (rgb[0] * 255)) <= 2 && abs (g - (int) lround (rgb[1] * 255)) <= 2
         && abs (b - (int) lround (rgb[2] * 255)) <= 2;
}

/* The tallest vertical run of @rgb among columns [x0, x1), and the row
 * just under it (the bar's foot). */
static int
tallest_run (cairo_surface_t *surface, int x0, int x1, const double *rgb, int *foot)
{
  int height = cairo_image_surface_get_height (surface);
  int best = 0;

  for (int x = x0; x < x1; x++)
    {
      int run = 0;

      for (int y = 0; y < height; y++)
        {
          run = is_colour (surface, x, y, rgb) ? run + 1 : 0;
          if (run > best)
            {
              best = run;
              if (foot)
                *foot = y + 1;
            }
        }
    }
  return best;
}

static void
test_bars (void)
{
  const char *groups[] = { "1月", "2月" };
  const double values[] = { 10.0, 20.0 };
  g_autoptr(SyLedgerChart) chart = sy_ledger_chart_new ("应发与实发");
  cairo_surface_t *surface;
  int left, right, foot_left = 0, foot_right = 0;

  sy_ledger_chart_set_groups (chart, groups, 2);
  sy_ledger_chart_add_series (chart, "应发", values, 2, red[0], red[1], red[2]);
  sy_ledger_chart_set_unit (chart, "元");
  surface = paint (chart, W, H);

  left = tallest_run (surface, 0, W / 2, red, &foot_left);
  right = tallest_run (surface, W / 2, W, red, &foot_right);
  /* Bars in both halves, standing on one base line, twice as tall for
   * twice the value (20 ends the axis: the bar fills the plot). */
  g_assert_cmpint (left, >, H / 8);
  g_assert_cmpint (right, >, left);
  g_assert_cmpfloat (fabs ((double) right / left - 2.0), <, 0.05);
  g_assert_cmpint (foot_left, ==, foot_right);
  g_assert_cmpint (foot_left, >, H / 2);
  g_assert_cmpint (right, <, H);
  cairo_surface_destroy (surface);
}

static void
test_two_series (void)
{
  const char *groups[] = { "义务兵家庭优待金", "定期抚恤金", "慰问金" };
  const double expected[] = { 680400, 245000, 36000 };
  const double paid[] = { 340200, 245000 };  /* the third is missing: 0 */
  g_autoptr(SyLedgerChart) chart = sy_ledger_chart_new ("按类型");
  cairo_surface_t *surface;
  int third = W / 3;

  sy_ledger_chart_set_groups (chart, groups, 3);
  sy_ledger_chart_add_series (chart, "应发", expected, 3, red[0], red[1], red[2]);
  sy_ledger_chart_add_series (chart, "实发", paid, 2, green[0], green[1], green[2]);
  sy_ledger_chart_set_unit (chart, "元");
  surface = paint (chart, W, H);

  /* first group: paid is half of expected */
  {
    int e = tallest_run (surface, 0, third, red, NULL);
    int p = tallest_run (surface, 0, third, green, NULL);

    g_assert_cmpint (e, >, H / 4);
    g_assert_cmpfloat (fabs ((double) p / e - 0.5), <, 0.05);
  }
  /* second group: equal */
  g_assert_cmpint (abs (tallest_run (surface, third, 2 * third, red, NULL)
                        - tallest_run (surface, third, 2 * third, green, NULL)), <=, 1);
  /* third group: no paid bar (the legend swatch is all the green there is) */
  g_assert_cmpint (tallest_run (surface, 2 * third, W, green, NULL), <, 20);
  g_assert_cmpint (tallest_run (surface, 2 * third, W, red, NULL), >, 2);
  cairo_surface_destroy (surface);
}

static void
test_nothing_to_show (void)
{
  const char *groups[] = { "1月", "2月", "3月" };
  const double zeros[] = { 0, -5, NAN };
  g_autoptr(SyLedgerChart) chart = sy_ledger_chart_new ("无数据");
  g_autoptr(SyLedgerChart) bare = sy_ledger_chart_new (NULL);
  cairo_surface_t *surface;

  sy_ledger_chart_set_groups (chart, groups, 3);
  sy_ledger_chart_add_series (chart, "应发", zeros, 3, red[0], red[1], red[2]);
  surface = paint (chart, W, H);
  /* only the legend swatch: no bars */
  g_assert_cmpint (tallest_run (surface, 0, W, red, NULL), <, 20);
  cairo_surface_destroy (surface);

  /* no groups, no series, and sizes too small for an axis */
  cairo_surface_destroy (paint (bare, W, H));
  cairo_surface_destroy (paint (chart, 12, 9));
  cairo_surface_destroy (paint (chart, 1, 1));
  sy_ledger_chart_set_groups (chart, NULL, 0);
  cairo_surface_destroy (paint (chart, W, H));
}

/* The same painter on a PDF page: the text is real text (Pango), with the
 * Chinese readable back. */
static void
test_pdf (void)
{
  const char *groups[] = { "1月", "2月", "3月", "4月", "5月", "6月",
                           "7月", "8月", "9月", "10月", "11月", "12月" };
  double values[12];
  g_autoptr(SyLedgerChart) chart = sy_ledger_chart_new ("2025年优待金按月发放");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sy-chart-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "chart.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  /* poppler 22.12 defines no g_autoptr cleanups */
  PopplerDocument *doc;
  PopplerPage *page;
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_no_error (error);
  for (int i = 0; i < 12; i++)
    values[i] = 42000 * (i % 3 + 1);
  sy_ledger_chart_set_groups (chart, groups, 12);
  sy_ledger_chart_add_series (chart, "实发", values, 12, red[0], red[1], red[2]);
  sy_ledger_chart_set_unit (chart, "元");

  surface = cairo_pdf_surface_create (path, 595, 842);
  cr = cairo_create (surface);
  cairo_translate (cr, 80, 100);
  sy_ledger_chart_paint (chart, cr, NULL, 440, 260, NULL);
  cairo_show_page (cr);
  /* Counts: whole ticks only, even for a maximum of 1 */
  {
    const char *kinds[] = { "走访慰问", "座谈会" };
    const double counts[] = { 1, 0 };
    g_autoptr(SyLedgerChart) activities = sy_ledger_chart_new ("活动场次");

    sy_ledger_chart_set_groups (activities, kinds, 2);
    sy_ledger_chart_add_series (activities, "场次", counts, 2, red[0], red[1], red[2]);
    sy_ledger_chart_set_unit (activities, "场次");
    sy_ledger_chart_paint (activities, cr, NULL, 440, 260, NULL);
  }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  page = poppler_document_get_page (doc, 0);
  text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (text, "2025年优待金按月发放"));
  g_assert_nonnull (strstr (text, "单位：元"));
  g_assert_nonnull (strstr (text, "12月"));
  g_assert_nonnull (strstr (text, "实发"));
  /* round ticks: 0, 5万, 10万, 15万 for a 126 000 maximum */
  g_assert_nonnull (strstr (text, "15万"));
  g_object_unref (page);

  page = poppler_document_get_page (doc, 1);
  g_free (text);
  text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (text, "活动场次"));
  g_assert_nonnull (strstr (text, "座谈会"));
  g_assert_null (strstr (text, "0.5"));
  g_assert_null (strstr (text, "0.2"));
  g_object_unref (page);
  g_object_unref (doc);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/bars", test_bars);
  g_test_add_func ("/chart/two-series", test_two_series);
  g_test_add_func ("/chart/nothing-to-show", test_nothing_to_show);
  g_test_add_func ("/chart/pdf", test_pdf);
  return g_test_run ();
}
