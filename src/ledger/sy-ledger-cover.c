/* sy-ledger-cover.c: the ledger's cover page
 *
 * Centred serif lines in the manner of a bound official file: the unit on
 * top, the title between two pairs of rules, the years, and the
 * 编制单位/编制人/编制日期 block over writing lines in the lower third.
 */
#include "sy-ledger-cover.h"
#include "sy-ledger-style.h"
#include "sy-ledger-text.h"

struct _SyLedgerCover
{
  GObject parent_instance;

  char *office;
  char *title;
  char *years;
  char *volume;
  char *compiler;
  char *date;
};

static void section_iface_init (SyLedgerSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SyLedgerCover, sy_ledger_cover, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SY_TYPE_LEDGER_SECTION,
                                                      section_iface_init))

/* Width of the rules and of the writing lines in the lower block. */
#define RULE_WIDTH  SY_LEDGER_MM (120.0)
#define FIELD_WIDTH SY_LEDGER_MM (96.0)

static void
sy_ledger_cover_finalize (GObject *object)
{
  SyLedgerCover *self = SY_LEDGER_COVER (object);

  g_free (self->office);
  g_free (self->title);
  g_free (self->years);
  g_free (self->volume);
  g_free (self->compiler);
  g_free (self->date);
  G_OBJECT_CLASS (sy_ledger_cover_parent_class)->finalize (object);
}

static void
sy_ledger_cover_class_init (SyLedgerCoverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_ledger_cover_finalize;
}

static void
sy_ledger_cover_init (SyLedgerCover *self)
{
}

static guint
cover_paginate (SyLedgerSection *section,
                PangoContext    *context)
{
  return 1;
}

/* Letter spacing makes a short title read as a title; Pango adds the space
 * after every character, the last included, so the text is shifted by half
 * of it to stay centred. */
static PangoLayout *
spaced_layout (PangoContext *context,
               SyLedgerFont  font,
               const char   *text,
               double        spacing,
               double        width)
{
  PangoLayout *layout = sy_ledger_text_layout_new (context, font, text, width,
                                                   PANGO_ALIGN_CENTER);
  PangoAttrList *attrs = pango_attr_list_copy (pango_layout_get_attributes (layout));

  pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (spacing * PANGO_SCALE)));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
double_rule (cairo_t *cr, double y, gboolean thick_first)
{
  double x = SY_LEDGER_BLOCK_X + (SY_LEDGER_BLOCK_WIDTH - RULE_WIDTH) / 2;

  cairo_set_line_width (cr, thick_first ? 1.8 : 0.6);
  cairo_move_to (cr, x, y);
  cairo_rel_line_to (cr, RULE_WIDTH, 0);
  cairo_stroke (cr);
  cairo_set_line_width (cr, thick_first ? 0.6 : 1.8);
  cairo_move_to (cr, x, y + 3.5);
  cairo_rel_line_to (cr, RULE_WIDTH, 0);
  cairo_stroke (cr);
}

static void
cover_paint_page (SyLedgerSection *section,
                  guint            index,
                  cairo_t         *cr,
                  PangoContext    *context)
{
  SyLedgerCover *self = SY_LEDGER_COVER (section);
  const double x = SY_LEDGER_BLOCK_X;
  const double w = SY_LEDGER_BLOCK_WIDTH;
  const char *labels[] = { "编制单位：", "编制人：", "编制日期：" };
  const char *values[] = { self->office, self->compiler, self->date };
  g_autoptr(PangoLayout) office = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) years = NULL;
  double y, title_top, spacing, label_w = 0, block_x;
  PangoLayout *label_layouts[3];

  cairo_set_source_rgb (cr, 0, 0, 0);

  office = spaced_layout (context, SY_LEDGER_FONT_COVER, self->office, 2.0, w);
  sy_ledger_text_show (cr, office, x + 1.0, SY_LEDGER_BLOCK_Y + SY_LEDGER_MM (12));

  /* The title sits a little above the optical centre of the page. */
  spacing = SY_LEDGER_SIZE_DISPLAY * 0.25;
  title = spaced_layout (context, SY_LEDGER_FONT_DISPLAY, self->title, spacing, w);
  title_top = SY_LEDGER_MM (100);
  double_rule (cr, title_top - SY_LEDGER_MM (12), TRUE);
  sy_ledger_text_show (cr, title, x + spacing / 2, title_top);
  y = title_top + sy_ledger_text_height (title) + SY_LEDGER_MM (6);

  years = spaced_layout (context, SY_LEDGER_FONT_COVER, self->years, 1.0, w);
  sy_ledger_text_show (cr, years, x + 0.5, y);
  y += sy_ledger_text_height (years);
  if (self->volume != NULL && *self->volume != '\0')
    {
      g_autoptr(PangoLayout) volume = spaced_layout (context, SY_LEDGER_FONT_COVER,
                                                     self->volume, 1.0, w);

      y += SY_LEDGER_MM (4);
      sy_ledger_text_show (cr, volume, x + 0.5, y);
      y += sy_ledger_text_height (volume);
    }
  y += SY_LEDGER_MM (9);
  double_rule (cr, y, FALSE);

  /* The lower block: labels right-aligned in a column, values on lines. */
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      label_layouts[i] = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_COVER,
                                                    labels[i], -1, PANGO_ALIGN_LEFT);
      label_w = MAX (label_w, sy_ledger_text_width (label_layouts[i]));
    }
  block_x = x + (w - (label_w + SY_LEDGER_MM (2) + FIELD_WIDTH)) / 2;
  y = SY_LEDGER_MM (200);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      PangoLayout *label = label_layouts[i];
      g_autoptr(PangoLayout) value = NULL;
      double field_x = block_x + label_w + SY_LEDGER_MM (2);
      double line_y;

      value = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_COVER, values[i],
                                         FIELD_WIDTH, PANGO_ALIGN_CENTER);
      /* A long unit name takes a second line, each on its own rule. */
      sy_ledger_text_limit_lines (value, 2);
      sy_ledger_text_show (cr, label, block_x + label_w - sy_ledger_text_width (label), y);
      cairo_set_line_width (cr, 0.6);
      for (guint l = 0; l < MAX (1, sy_ledger_text_n_lines (value)); l++)
        {
          sy_ledger_text_show_range (cr, value, l, 1, field_x, y);
          line_y = y + sy_ledger_text_height (label) + 1.5;
          cairo_move_to (cr, field_x, line_y);
          cairo_rel_line_to (cr, FIELD_WIDTH, 0);
          cairo_stroke (cr);
          y += SY_LEDGER_MM (13);
        }
      g_object_unref (label_layouts[i]);
    }
}

void
sy_ledger_cover_set_volume (SyLedgerCover *self,
                            const char    *volume)
{
  g_return_if_fail (SY_IS_LEDGER_COVER (self));

  g_free (self->volume);
  self->volume = g_strdup (volume);
}

static void
section_iface_init (SyLedgerSectionInterface *iface)
{
  iface->paginate = cover_paginate;
  iface->paint_page = cover_paint_page;
}

SyLedgerCover *
sy_ledger_cover_new (const char *office,
                     const char *title,
                     int         from_year,
                     int         to_year,
                     const char *compiler,
                     const char *date)
{
  SyLedgerCover *self = g_object_new (SY_TYPE_LEDGER_COVER, NULL);

  self->office = g_strdup (office ? office : "");
  self->title = g_strdup (title ? title : "");
  if (from_year == to_year)
    self->years = g_strdup_printf ("%d年度", from_year);
  else
    self->years = g_strdup_printf ("%d—%d年度", from_year, to_year);
  self->compiler = g_strdup (compiler ? compiler : "");
  self->date = g_strdup (date ? date : "");
  return self;
}
