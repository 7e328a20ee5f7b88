/* sy-ledger-text.c: Pango text for the ledger pages */
#include "sy-ledger-text.h"
#include "sy-ledger-style.h"

#include <stdio.h>
#include <string.h>

typedef struct {
  const char  *family;
  PangoWeight  weight;
  double       size;
} FontSpec;

static const FontSpec fonts[] = {
  [SY_LEDGER_FONT_DISPLAY]    = { SY_LEDGER_SERIF, PANGO_WEIGHT_BOLD,   SY_LEDGER_SIZE_DISPLAY },
  [SY_LEDGER_FONT_COVER]      = { SY_LEDGER_SERIF, PANGO_WEIGHT_NORMAL, SY_LEDGER_SIZE_HEADING },
  [SY_LEDGER_FONT_TITLE]      = { SY_LEDGER_SANS,  PANGO_WEIGHT_BOLD,   SY_LEDGER_SIZE_TITLE },
  [SY_LEDGER_FONT_HEADING]    = { SY_LEDGER_SANS,  PANGO_WEIGHT_BOLD,   SY_LEDGER_SIZE_HEADING },
  [SY_LEDGER_FONT_BODY]       = { SY_LEDGER_SERIF, PANGO_WEIGHT_NORMAL, SY_LEDGER_SIZE_BODY },
  [SY_LEDGER_FONT_LABEL]      = { SY_LEDGER_SANS,  PANGO_WEIGHT_NORMAL, SY_LEDGER_SIZE_BODY },
  [SY_LEDGER_FONT_SMALL]      = { SY_LEDGER_SERIF, PANGO_WEIGHT_NORMAL, SY_LEDGER_SIZE_SMALL },
  [SY_LEDGER_FONT_SMALL_SANS] = { SY_LEDGER_SANS,  PANGO_WEIGHT_NORMAL, SY_LEDGER_SIZE_SMALL },
  [SY_LEDGER_FONT_FOLIO]      = { SY_LEDGER_SERIF, PANGO_WEIGHT_NORMAL, SY_LEDGER_SIZE_BODY },
};

PangoContext *
sy_ledger_text_context_new (PangoFontMap *font_map)
{
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Hinted metrics or rounded positions would tie line breaks to the
   * device: the preview at 60 dpi would wrap differently from the PDF. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_cairo_context_set_resolution (context, 72.0);
  /* The ledger is a Simplified Chinese document whatever the UI locale:
   * without this, Han characters in the C locale get the Japanese face. */
  pango_context_set_language (context, pango_language_from_string ("zh-cn"));
  return context;
}

static PangoFontDescription *
font_description (SyLedgerFont font)
{
  PangoFontDescription *desc = pango_font_description_new ();

  g_return_val_if_fail (font < G_N_ELEMENTS (fonts), desc);
  pango_font_description_set_family_static (desc, fonts[font].family);
  pango_font_description_set_weight (desc, fonts[font].weight);
  pango_font_description_set_size (desc, (int) (fonts[font].size * PANGO_SCALE));
  return desc;
}

PangoLayout *
sy_ledger_text_layout_new (PangoContext   *context,
                           SyLedgerFont    font,
                           const char     *text,
                           double          width,
                           PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = font_description (font);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* Chinese text takes no hyphens, not even where a long Latin run is
   * broken between characters. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

PangoLayout *
sy_ledger_text_paragraphs_new (PangoContext *context,
                               SyLedgerFont  font,
                               const char   *text,
                               double        width)
{
  PangoLayout *layout;
  g_autoptr(GString) clean = g_string_new (NULL);

  g_return_val_if_fail (font < G_N_ELEMENTS (fonts), NULL);

  /* Paragraphs typed with their own leading spaces (full-width or not)
   * would be indented twice; Windows line ends would count as two breaks. */
  if (text != NULL)
    {
      g_auto(GStrv) paragraphs = NULL;
      g_autofree char *unix_text = NULL;
      GString *tmp = g_string_new (text);

      g_string_replace (tmp, "\r\n", "\n", 0);
      g_string_replace (tmp, "\r", "\n", 0);
      unix_text = g_string_free (tmp, FALSE);
      paragraphs = g_strsplit (unix_text, "\n", -1);
      for (guint i = 0; paragraphs[i] != NULL; i++)
        {
          const char *p = paragraphs[i];

          while (*p == ' ' || *p == '\t' || g_str_has_prefix (p, "\u3000"))
            p += (*p == ' ' || *p == '\t') ? 1 : strlen ("\u3000");
          if (*p == '\0')
            continue;
          if (clean->len > 0)
            g_string_append_c (clean, '\n');
          g_string_append (clean, p);
        }
    }

  layout = sy_ledger_text_layout_new (context, font, clean->str, width,
                                      PANGO_ALIGN_LEFT);
  pango_layout_set_justify (layout, TRUE);
  pango_layout_set_line_spacing (layout, 1.5);
  pango_layout_set_indent (layout, (int) (2 * fonts[font].size * PANGO_SCALE));
  return layout;
}

void
sy_ledger_text_limit_lines (PangoLayout *layout,
                            int          max_lines)
{
  pango_layout_set_height (layout, -max_lines);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
}

double
sy_ledger_text_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

double
sy_ledger_text_height (PangoLayout *layout)
{
  guint n = sy_ledger_text_n_lines (layout);

  /* The sum of the line ranges, not the logical rectangle: with line
   * spacing the two differ by the last line's spacing, and the ranges are
   * what show_range() paints. */
  return n > 0 ? sy_ledger_text_range_height (layout, 0, n) : 0.0;
}

void
sy_ledger_text_show (cairo_t     *cr,
                     PangoLayout *layout,
                     double       x,
                     double       y)
{
  sy_ledger_text_show_range (cr, layout, 0, sy_ledger_text_n_lines (layout), x, y);
}

guint
sy_ledger_text_n_lines (PangoLayout *layout)
{
  return (guint) pango_layout_get_line_count (layout);
}

double
sy_ledger_text_range_height (PangoLayout *layout,
                             guint        first,
                             guint        n)
{
  PangoLayoutIter *iter;
  int top = 0, bottom = 0;
  guint i = 0;

  if (n == 0)
    return 0.0;

  iter = pango_layout_get_iter (layout);
  do
    {
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      if (i == first)
        top = y0;
      if (i == first + n - 1)
        {
          bottom = y1;
          break;
        }
      i++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  return (double) MAX (bottom - top, 0) / PANGO_SCALE;
}

guint
sy_ledger_text_lines_fitting (PangoLayout *layout,
                              guint        first,
                              double       height)
{
  guint total = sy_ledger_text_n_lines (layout);
  guint fit = 0;

  while (first + fit < total &&
         sy_ledger_text_range_height (layout, first, fit + 1) <= height + 0.01)
    fit++;
  return fit;
}

void
sy_ledger_text_show_range (cairo_t     *cr,
                           PangoLayout *layout,
                           guint        first,
                           guint        n,
                           double       x,
                           double       y)
{
  PangoLayoutIter *iter;
  int top = 0;
  guint i = 0;

  if (n == 0)
    return;

  iter = pango_layout_get_iter (layout);
  do
    {
      if (i >= first)
        {
          PangoRectangle logical;
          int y0, y1, baseline;

          pango_layout_iter_get_line_yrange (iter, &y0, &y1);
          if (i == first)
            top = y0;
          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          baseline = pango_layout_iter_get_baseline (iter);
          cairo_move_to (cr,
                         x + (double) logical.x / PANGO_SCALE,
                         y + (double) (baseline - top) / PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
          if (i == first + n - 1)
            break;
        }
      i++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

char *
sy_ledger_text_format_date (const char *iso)
{
  int y, m, d;
  char tail;

  if (iso == NULL)
    return g_strdup ("");
  if (sscanf (iso, "%d-%d-%d%c", &y, &m, &d, &tail) >= 3 &&
      g_date_valid_dmy (d, m, y))
    return g_strdup_printf ("%d年%d月%d日", y, m, d);
  return g_strdup (iso);
}
