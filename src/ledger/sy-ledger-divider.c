/* sy-ledger-divider.c: the divider page that opens a volume of the ledger
 *
 * Laid out like a section title page of a bound file: the volume number
 * spaced out in sans, the standard's title large, its description, the
 * office and the years, a double rule, then the item list in a ruled
 * two-column form (item | pieces of evidence).  The page is one page
 * whatever happens: when the items do not fit they are set small, and if
 * even that is too long the list ends with a line counting the rest (the
 * 目录 lists every piece anyway).
 */
#include "sy-ledger-divider.h"
#include "sy-ledger-style.h"
#include "sy-ledger-text.h"
#include "sy-numeral.h"

#define COUNT_WIDTH  SY_LEDGER_MM (30.0)
#define ITEM_PAD     SY_LEDGER_MM (1.6)
#define LIST_GAP     SY_LEDGER_MM (8.0)

typedef struct {
  char        *code;
  char        *title;
  int          score;
  guint        n_evidence;
  PangoLayout *text;
  PangoLayout *count;
} Item;

struct _SyLedgerDivider
{
  GObject parent_instance;

  guint        volume;
  char        *title;
  char        *description;
  char        *office;
  char        *years;
  GArray      *items;   /* Item */

  /* Made by paginate. */
  PangoLayout *volume_layout;
  PangoLayout *title_layout;
  PangoLayout *description_layout;
  PangoLayout *office_layout;
  PangoLayout *years_layout;
  PangoLayout *list_head[2];
  PangoLayout *rest;        /* "另有 N 项" or NULL */
  guint        n_shown;     /* items that fit */
  double       list_top;
};

static void section_iface_init (SyLedgerSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SyLedgerDivider, sy_ledger_divider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SY_TYPE_LEDGER_SECTION,
                                                      section_iface_init))

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_free (item->code);
  g_free (item->title);
  g_clear_object (&item->text);
  g_clear_object (&item->count);
}

static void
clear_layouts (SyLedgerDivider *self)
{
  g_clear_object (&self->volume_layout);
  g_clear_object (&self->title_layout);
  g_clear_object (&self->description_layout);
  g_clear_object (&self->office_layout);
  g_clear_object (&self->years_layout);
  g_clear_object (&self->list_head[0]);
  g_clear_object (&self->list_head[1]);
  g_clear_object (&self->rest);
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      g_clear_object (&item->text);
      g_clear_object (&item->count);
    }
}

static void
sy_ledger_divider_finalize (GObject *object)
{
  SyLedgerDivider *self = SY_LEDGER_DIVIDER (object);

  clear_layouts (self);
  g_array_unref (self->items);
  g_free (self->title);
  g_free (self->description);
  g_free (self->office);
  g_free (self->years);
  G_OBJECT_CLASS (sy_ledger_divider_parent_class)->finalize (object);
}

static void
sy_ledger_divider_class_init (SyLedgerDividerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_ledger_divider_finalize;
}

static void
sy_ledger_divider_init (SyLedgerDivider *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);
}

/* --- layout -------------------------------------------------------------- */

static PangoLayout *
centred (PangoContext *context, SyLedgerFont font, const char *text, double spacing)
{
  PangoLayout *layout = sy_ledger_text_layout_new (context, font, text, SY_LEDGER_BLOCK_WIDTH,
                                                   PANGO_ALIGN_CENTER);

  if (spacing > 0)
    {
      PangoAttrList *attrs = pango_attr_list_copy (pango_layout_get_attributes (layout));

      pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (spacing * PANGO_SCALE)));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

static double
row_height (Item *item)
{
  return MAX (sy_ledger_text_height (item->text), sy_ledger_text_height (item->count)) + 2 * ITEM_PAD;
}

/* Lays the items out in @font; returns the list's height (head included). */
static double
layout_items (SyLedgerDivider *self, PangoContext *context, SyLedgerFont font)
{
  double text_w = SY_LEDGER_BLOCK_WIDTH - COUNT_WIDTH - 2 * SY_LEDGER_CELL_PAD_X;
  double height;

  g_clear_object (&self->list_head[0]);
  g_clear_object (&self->list_head[1]);
  self->list_head[0] = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL_SANS, "考评项目",
                                                  text_w, PANGO_ALIGN_LEFT);
  self->list_head[1] = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL_SANS, "证明材料",
                                                  COUNT_WIDTH, PANGO_ALIGN_CENTER);
  height = sy_ledger_text_height (self->list_head[0]) + 2 * ITEM_PAD;
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *count = g_strdup_printf ("%u 份", item->n_evidence);

      if (item->code != NULL && *item->code != '\0')
        g_string_append_printf (text, "%s\u3000", item->code);
      g_string_append (text, item->title);
      if (item->score > 0)
        g_string_append_printf (text, "（%d分）", item->score);
      g_clear_object (&item->text);
      g_clear_object (&item->count);
      item->text = sy_ledger_text_layout_new (context, font, text->str, text_w, PANGO_ALIGN_LEFT);
      sy_ledger_text_limit_lines (item->text, 3);
      item->count = sy_ledger_text_layout_new (context, font, count, COUNT_WIDTH, PANGO_ALIGN_CENTER);
      height += row_height (item);
    }
  return height;
}

static void
hrule (cairo_t *cr, double y, double width)
{
  cairo_move_to (cr, SY_LEDGER_BLOCK_X, y);
  cairo_rel_line_to (cr, SY_LEDGER_BLOCK_WIDTH, 0);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

/* The heads above the list, painted on @cr (NULL: only measured);
 * returns where the list starts. */
static double
heads (SyLedgerDivider *self, cairo_t *cr)
{
  PangoLayout *layouts[] = { self->volume_layout, self->title_layout, self->description_layout,
                             self->office_layout, self->years_layout };
  const double gaps[] = { SY_LEDGER_MM (6.0), SY_LEDGER_MM (6.0), SY_LEDGER_MM (5.0),
                          SY_LEDGER_MM (1.5), SY_LEDGER_MM (6.0) };
  double y = SY_LEDGER_BLOCK_Y + SY_LEDGER_MM (12.0);

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      /* Letter spacing follows every character, the last too: half of it
       * shifts the volume number back to the centre. */
      double shift = i == 0 ? SY_LEDGER_SIZE_HEADING * 0.25 : 0;

      if (layouts[i] == NULL)
        continue;
      if (cr != NULL)
        sy_ledger_text_show (cr, layouts[i], SY_LEDGER_BLOCK_X + shift, y);
      y += sy_ledger_text_height (layouts[i]) + gaps[i];
    }
  if (cr != NULL)
    {
      hrule (cr, y, 1.8);
      hrule (cr, y + 3.5, 0.6);
    }
  return y + 3.5 + LIST_GAP;
}

static guint
divider_paginate (SyLedgerSection *section,
                  PangoContext    *context)
{
  SyLedgerDivider *self = SY_LEDGER_DIVIDER (section);
  g_autoptr(GString) volume = g_string_new ("第");
  double y, room, height, rest_h;

  clear_layouts (self);
  sy_numeral_append_chinese (volume, (int) self->volume);
  g_string_append (volume, "卷");

  self->volume_layout = centred (context, SY_LEDGER_FONT_HEADING, volume->str, SY_LEDGER_SIZE_HEADING * 0.5);
  self->title_layout = centred (context, SY_LEDGER_FONT_TITLE, self->title, 0);
  sy_ledger_text_limit_lines (self->title_layout, 3);
  if (self->description != NULL && *self->description != '\0')
    {
      self->description_layout = sy_ledger_text_paragraphs_new (context, SY_LEDGER_FONT_BODY,
                                                                self->description,
                                                                SY_LEDGER_BLOCK_WIDTH);
      sy_ledger_text_limit_lines (self->description_layout, 6);
    }
  self->office_layout = centred (context, SY_LEDGER_FONT_COVER, self->office, 0);
  sy_ledger_text_limit_lines (self->office_layout, 2);
  self->years_layout = centred (context, SY_LEDGER_FONT_COVER, self->years, 0);

  y = self->list_top = heads (self, NULL);
  room = SY_LEDGER_BLOCK_Y + SY_LEDGER_BLOCK_HEIGHT - y;

  self->n_shown = self->items->len;
  height = layout_items (self, context, SY_LEDGER_FONT_BODY);
  if (height > room)
    height = layout_items (self, context, SY_LEDGER_FONT_SMALL);
  if (height > room)
    {
      /* Drop items from the end until they and the line saying so fit. */
      g_autofree char *rest = NULL;

      self->rest = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL, "另有 00 项", -1,
                                              PANGO_ALIGN_LEFT);
      rest_h = sy_ledger_text_height (self->rest) + 2 * ITEM_PAD;
      while (self->n_shown > 0 && height + rest_h > room)
        height -= row_height (&g_array_index (self->items, Item, --self->n_shown));
      rest = g_strdup_printf ("……另有 %u 项", self->items->len - self->n_shown);
      pango_layout_set_text (self->rest, rest, -1);
    }
  return 1;
}

static void
divider_paint_page (SyLedgerSection *section,
                    guint            index,
                    cairo_t         *cr,
                    PangoContext    *context)
{
  SyLedgerDivider *self = SY_LEDGER_DIVIDER (section);
  const double x = SY_LEDGER_BLOCK_X;
  const double count_x = x + SY_LEDGER_BLOCK_WIDTH - COUNT_WIDTH;
  double y, h, top;

  g_return_if_fail (self->volume_layout != NULL);

  cairo_set_source_rgb (cr, 0, 0, 0);
  y = heads (self, cr);
  if (self->items->len == 0)
    return;

  /* The list: a shaded head row, one ruled row per item. */
  top = y;
  h = sy_ledger_text_height (self->list_head[0]) + 2 * ITEM_PAD;
  cairo_set_source_rgb (cr, SY_LEDGER_LABEL_SHADE, SY_LEDGER_LABEL_SHADE, SY_LEDGER_LABEL_SHADE);
  cairo_rectangle (cr, x, y, SY_LEDGER_BLOCK_WIDTH, h);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  sy_ledger_text_show (cr, self->list_head[0], x + SY_LEDGER_CELL_PAD_X, y + ITEM_PAD);
  sy_ledger_text_show (cr, self->list_head[1], count_x, y + ITEM_PAD);
  y += h;
  for (guint i = 0; i < self->n_shown; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      h = row_height (item);
      hrule (cr, y, SY_LEDGER_RULE_INNER);
      sy_ledger_text_show (cr, item->text, x + SY_LEDGER_CELL_PAD_X, y + ITEM_PAD);
      sy_ledger_text_show (cr, item->count, count_x, y + ITEM_PAD);
      y += h;
    }
  if (self->rest != NULL)
    {
      hrule (cr, y, SY_LEDGER_RULE_INNER);
      sy_ledger_text_show (cr, self->rest, x + SY_LEDGER_CELL_PAD_X, y + ITEM_PAD);
      y += sy_ledger_text_height (self->rest) + 2 * ITEM_PAD;
    }
  cairo_move_to (cr, count_x, top);
  cairo_line_to (cr, count_x, y);
  cairo_set_line_width (cr, SY_LEDGER_RULE_INNER);
  cairo_stroke (cr);
  cairo_rectangle (cr, x, top, SY_LEDGER_BLOCK_WIDTH, y - top);
  cairo_set_line_width (cr, SY_LEDGER_RULE_OUTER);
  cairo_stroke (cr);
}

static void
section_iface_init (SyLedgerSectionInterface *iface)
{
  iface->paginate = divider_paginate;
  iface->paint_page = divider_paint_page;
}

/* --- public -------------------------------------------------------------- */

SyLedgerDivider *
sy_ledger_divider_new (guint       volume,
                       const char *title,
                       const char *description,
                       const char *office,
                       const char *years_text)
{
  SyLedgerDivider *self = g_object_new (SY_TYPE_LEDGER_DIVIDER, NULL);

  self->volume = MAX (volume, 1);
  self->title = g_strdup (title != NULL ? title : "");
  self->description = g_strdup (description);
  self->office = g_strdup (office != NULL ? office : "");
  self->years = g_strdup (years_text != NULL ? years_text : "");
  return self;
}

void
sy_ledger_divider_add_item (SyLedgerDivider *self,
                            const char      *code,
                            const char      *title,
                            int              score,
                            guint            n_evidence)
{
  Item item = { 0, };

  g_return_if_fail (SY_IS_LEDGER_DIVIDER (self));

  item.code = g_strdup (code != NULL ? code : "");
  item.title = g_strdup (title != NULL ? title : "");
  item.score = score;
  item.n_evidence = n_evidence;
  g_array_append_val (self->items, item);
}
