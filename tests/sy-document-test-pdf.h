/* sy-document-test-pdf.h: real documents made in the tests (shared by the document tests)
 *
 * A two-page A4 PDF drawn with cairo and Pango, with Chinese text that a
 * PDF reader extracts again, and a small PNG.  Static functions: include
 * this header once per test program.
 */
#pragma once

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

/* A word only page 2 of sy_test_make_pdf() holds. */
#define SY_TEST_PAGE2_WORD "拥军优属模范单位"

static cairo_status_t
sy_test_append (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
sy_test_draw_text (cairo_t *cr, double y, double size, const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autofree char *font = g_strdup_printf ("Noto Serif CJK SC %g", size);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, 450 * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, 72, y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (desc);
  g_object_unref (layout);
}

/* Two pages; @title (may be NULL) is the Title metadata and page 1's heading. */
G_GNUC_UNUSED static GBytes *
sy_test_make_pdf (const char *title)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (sy_test_append, bytes, 595, 842);
  cairo_t *cr = cairo_create (surface);

  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  sy_test_draw_text (cr, 90, 20, title != NULL ? title : "会议纪要");
  sy_test_draw_text (cr, 150, 14, "各乡镇：为做好优抚对象优待金发放工作，现将有关事项通知如下。");
  cairo_show_page (cr);
  sy_test_draw_text (cr, 90, 14, "二、表彰" SY_TEST_PAGE2_WORD "，总结经验。");
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

/* A 400 × 200 PNG, a red bar on white. */
G_GNUC_UNUSED static GBytes *
sy_test_make_png (void)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 200);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_rectangle (cr, 40, 80, 320, 40);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, sy_test_append, bytes);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}
