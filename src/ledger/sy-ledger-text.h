/* sy-ledger-text.h: Pango text for the ledger pages
 *
 * Every section measures its text while paginating and keeps the
 * PangoLayouts it made; painting shows those same layouts on whatever
 * cairo_t it is given, so a line never breaks differently on paper than it
 * did when the page was planned.  The context therefore must not depend on
 * the target surface: metrics are unhinted and glyph positions unrounded.
 */
#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

typedef enum {
  SY_LEDGER_FONT_DISPLAY,     /* cover title: serif bold */
  SY_LEDGER_FONT_COVER,       /* cover lines: serif, heading size */
  SY_LEDGER_FONT_TITLE,       /* page titles (目录, 活动记录表): sans bold */
  SY_LEDGER_FONT_HEADING,     /* year headings: sans bold */
  SY_LEDGER_FONT_BODY,        /* running text: serif */
  SY_LEDGER_FONT_LABEL,       /* table labels: sans */
  SY_LEDGER_FONT_SMALL,       /* captions, notes: serif, small */
  SY_LEDGER_FONT_SMALL_SANS,  /* small labels */
  SY_LEDGER_FONT_FOLIO,       /* page numbers */
} SyLedgerFont;

/* A context for measuring and painting: 72 dpi, zh-CN, unhinted. */
PangoContext *sy_ledger_text_context_new   (PangoFontMap *font_map);

/* A layout of @text (NULL = "") in @font.  @width > 0 wraps at that width
 * (WORD_CHAR, so long Latin runs break too); @width <= 0 does not wrap. */
PangoLayout  *sy_ledger_text_layout_new    (PangoContext   *context,
                                            SyLedgerFont    font,
                                            const char     *text,
                                            double          width,
                                            PangoAlignment  alignment);

/* Body text paragraphs: justified, 1.5 line spacing, first line of every
 * paragraph indented by two characters (Chinese convention). */
PangoLayout  *sy_ledger_text_paragraphs_new (PangoContext  *context,
                                             SyLedgerFont   font,
                                             const char    *text,
                                             double         width);

/* Limits @layout to @max_lines lines, ending in an ellipsis when cut. */
void          sy_ledger_text_limit_lines   (PangoLayout *layout,
                                            int          max_lines);

/* Logical size in points. */
double        sy_ledger_text_width         (PangoLayout *layout);
double        sy_ledger_text_height        (PangoLayout *layout);

/* Shows the whole layout with its top-left corner at (@x, @y). */
void          sy_ledger_text_show          (cairo_t     *cr,
                                            PangoLayout *layout,
                                            double       x,
                                            double       y);

/* Line ranges, for text that continues on the next page.  Heights include
 * the line spacing, so consecutive ranges stack without gaps. */
guint         sy_ledger_text_n_lines       (PangoLayout *layout);
double        sy_ledger_text_range_height  (PangoLayout *layout,
                                            guint        first,
                                            guint        n);
/* How many lines from @first stack within @height (a hundredth of a point
 * to spare: sums of line heights are not exact). */
guint         sy_ledger_text_lines_fitting (PangoLayout *layout,
                                            guint        first,
                                            double       height);
/* Shows only lines [@first, @first + @n) with the top of @first at @y:
 * the other lines are not drawn at all, so the PDF's text on a page is
 * exactly what the page shows. */
void          sy_ledger_text_show_range    (cairo_t     *cr,
                                            PangoLayout *layout,
                                            guint        first,
                                            guint        n,
                                            double       x,
                                            double       y);

/* "2024-03-05" → "2024年3月5日"; NULL or malformed → copy of @iso (or ""). */
char         *sy_ledger_text_format_date   (const char *iso);

G_END_DECLS
