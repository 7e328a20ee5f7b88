/* sy-demo-document.c: small generated PDF documents for the demo data */
#include "sy-demo-document.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "sy-error.h"

/* A4 in points, with 公文-like margins (37 mm top, 28 mm sides). */
#define PAGE_W   595.0
#define PAGE_H   842.0
#define MARGIN_X 80.0
#define TOP      100.0
#define BOTTOM   (PAGE_H - 90.0)

#define SERIF "Noto Serif CJK SC"
#define SANS  "Noto Sans CJK SC"

typedef struct {
  cairo_t      *cr;
  PangoContext *pango;
  double        y;
  int           page;
} Writer;

static cairo_status_t
append_to_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static PangoLayout *
make_layout (Writer *w, const char *family, gboolean bold, double size, double width)
{
  PangoLayout *layout = pango_layout_new (w->pango);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, family);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_CHAR);
  pango_font_description_free (desc);
  return layout;
}

static void
page_footer (Writer *w)
{
  g_autofree char *text = g_strdup_printf ("— %d —", w->page);
  PangoLayout *layout = make_layout (w, SERIF, FALSE, 12, PAGE_W);

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);
  cairo_set_source_rgb (w->cr, 0, 0, 0);
  cairo_move_to (w->cr, 0, PAGE_H - 60);
  pango_cairo_show_layout (w->cr, layout);
  g_object_unref (layout);
}

static void
next_page (Writer *w)
{
  page_footer (w);
  cairo_show_page (w->cr);
  w->page++;
  w->y = 72;
}

/* Shows @layout line by line at the left margin, breaking pages between
 * lines; @spacing is extra space after each line. */
static void
flow (Writer *w, PangoLayout *layout, double x, double spacing, double r, double g, double b)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double baseline, top;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = logical.y / (double) PANGO_SCALE;
      baseline = pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;

      if (w->y + logical.height / (double) PANGO_SCALE > BOTTOM)
        next_page (w);

      cairo_set_source_rgb (w->cr, r, g, b);
      cairo_move_to (w->cr, x + logical.x / (double) PANGO_SCALE, w->y + (baseline - top));
      pango_cairo_show_layout_line (w->cr, line);
      w->y += logical.height / (double) PANGO_SCALE + spacing;
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
}

/* The size at which @text fits on one line of the text width (red headers
 * are never broken). */
static double
fitting_size (Writer *w, const char *family, gboolean bold, double size, const char *text)
{
  PangoLayout *layout = make_layout (w, family, bold, size, -1);
  PangoRectangle logical;
  double width = PAGE_W - 2 * MARGIN_X;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  g_object_unref (layout);
  if (logical.width / (double) PANGO_SCALE > width)
    size *= width / (logical.width / (double) PANGO_SCALE) * 0.98;
  return size;
}

static void
centred (Writer *w, const char *family, gboolean bold, double size, const char *text,
         double r, double g, double b, double after)
{
  PangoLayout *layout = make_layout (w, family, bold, size, PAGE_W - 2 * MARGIN_X);

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);
  flow (w, layout, MARGIN_X, 4, r, g, b);
  g_object_unref (layout);
  w->y += after;
}

GBytes *
sy_demo_pdf_render (const SyDemoPdf *pdf, GError **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  Writer w = { 0 };
  double body = 15;

  surface = cairo_pdf_surface_create_for_stream (append_to_array, bytes, PAGE_W, PAGE_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pdf->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "双拥台帐 demo");
  if (pdf->iso_date != NULL)
    {
      /* cairo would stamp the current time: the demo must be reproducible. */
      g_autofree char *when = g_strdup_printf ("%sT09:00:00", pdf->iso_date);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, when);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, when);
    }

  w.cr = cairo_create (surface);
  w.pango = pango_cairo_create_context (w.cr);
  pango_cairo_context_set_resolution (w.pango, 72);
  w.page = 1;
  w.y = TOP;

  if (pdf->red_header != NULL)
    {
      w.y = 70;
      centred (&w, SERIF, TRUE, fitting_size (&w, SERIF, TRUE, 30, pdf->red_header),
               pdf->red_header, 0.85, 0.05, 0.05, 14);
      if (pdf->doc_number != NULL)
        centred (&w, SERIF, FALSE, 15, pdf->doc_number, 0, 0, 0, 4);
      cairo_set_source_rgb (w.cr, 0.85, 0.05, 0.05);
      cairo_set_line_width (w.cr, 2);
      cairo_move_to (w.cr, MARGIN_X - 10, w.y);
      cairo_line_to (w.cr, PAGE_W - MARGIN_X + 10, w.y);
      cairo_stroke (w.cr);
      w.y += 30;
    }
  else if (pdf->doc_number != NULL)
    centred (&w, SERIF, FALSE, 14, pdf->doc_number, 0, 0, 0, 10);

  centred (&w, SANS, TRUE, 18, pdf->title, 0, 0, 0, 22);

  for (const char **para = pdf->paragraphs; para != NULL && *para != NULL; para++)
    {
      PangoLayout *layout = make_layout (&w, SERIF, FALSE, body, PAGE_W - 2 * MARGIN_X);

      /* 公文 paragraphs start two characters in */
      pango_layout_set_indent (layout, (int) (2 * body * PANGO_SCALE));
      pango_layout_set_justify (layout, TRUE);
      pango_layout_set_text (layout, *para, -1);
      flow (&w, layout, MARGIN_X, body * 0.55, 0, 0, 0);
      g_object_unref (layout);
      w.y += body * 0.3;
    }

  w.y += body * 2;
  /* the signature and the date stay together */
  if (w.y + body * 5 > BOTTOM)
    next_page (&w);
  for (int i = 0; i < 2; i++)
    {
      const char *text = i == 0 ? pdf->signature : pdf->date_text;
      PangoLayout *layout;

      if (text == NULL)
        continue;
      layout = make_layout (&w, SERIF, FALSE, body, PAGE_W - 2 * MARGIN_X - 2 * body);
      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      pango_layout_set_text (layout, text, -1);
      flow (&w, layout, MARGIN_X, body * 0.55, 0, 0, 0);
      g_object_unref (layout);
    }

  page_footer (&w);
  cairo_show_page (w.cr);
  g_object_unref (w.pango);
  cairo_destroy (w.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_FAILED, "Could not write the PDF “%s”: %s",
                   pdf->title, cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

char *
sy_demo_pdf_text (const SyDemoPdf *pdf)
{
  GString *text = g_string_new (NULL);

  if (pdf->red_header != NULL)
    g_string_append_printf (text, "%s\n", pdf->red_header);
  if (pdf->doc_number != NULL)
    g_string_append_printf (text, "%s\n", pdf->doc_number);
  g_string_append_printf (text, "%s\n\n", pdf->title);
  for (const char **para = pdf->paragraphs; para != NULL && *para != NULL; para++)
    g_string_append_printf (text, "%s\n", *para);
  if (pdf->signature != NULL)
    g_string_append_printf (text, "\n%s\n", pdf->signature);
  if (pdf->date_text != NULL)
    g_string_append_printf (text, "%s\n", pdf->date_text);
  return g_string_free (text, FALSE);
}
