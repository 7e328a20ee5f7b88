/* sy-ledger-toc.c: the 目录 (table of contents)
 *
 * Headings and entries with dotted leaders and right-aligned page numbers.
 * Titles wrap in their own column; the leader runs from the end of the
 * title's last line to the number.  Leader dots sit on a grid shared by the
 * whole page so that they line up from entry to entry, as in typeset books.
 */
#include "sy-ledger-toc.h"

#include <math.h>
#include "sy-ledger-style.h"
#include "sy-ledger-text.h"

typedef struct {
  guint        level;
  char        *prefix;
  char        *title;
  guint        page;      /* 1-based page in the ledger; 0 = not set */
  PangoLayout *prefix_layout;
  PangoLayout *title_layout;
  double       x_title;   /* from the block's left edge */
  double       height;
  double       space_before;
  guint        toc_page;  /* page of the 目录 it is on */
  double       y;         /* from the block's top edge */
} Entry;

struct _SyLedgerToc
{
  GObject parent_instance;

  GArray      *entries;   /* Entry */
  PangoLayout *heading;
  double       heading_height;
  double       number_width;
  guint        n_pages;
};

static void section_iface_init (SyLedgerSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SyLedgerToc, sy_ledger_toc, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SY_TYPE_LEDGER_SECTION,
                                                      section_iface_init))

#define LEADER_STEP   4.0
#define LEADER_GAP    SY_LEDGER_MM (2.0)
#define ENTRY_GAP     3.0
#define HEADING_GAP   SY_LEDGER_MM (4.0)
#define TITLE_GAP     SY_LEDGER_MM (10.0)

static void
entry_clear (gpointer data)
{
  Entry *e = data;

  g_free (e->prefix);
  g_free (e->title);
  g_clear_object (&e->prefix_layout);
  g_clear_object (&e->title_layout);
}

static void
sy_ledger_toc_finalize (GObject *object)
{
  SyLedgerToc *self = SY_LEDGER_TOC (object);

  g_array_unref (self->entries);
  g_clear_object (&self->heading);
  G_OBJECT_CLASS (sy_ledger_toc_parent_class)->finalize (object);
}

static void
sy_ledger_toc_class_init (SyLedgerTocClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_ledger_toc_finalize;
}

static void
sy_ledger_toc_init (SyLedgerToc *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
}

static SyLedgerFont
entry_font (const Entry *e)
{
  return e->level == 0 ? SY_LEDGER_FONT_HEADING : SY_LEDGER_FONT_BODY;
}

static guint
toc_paginate (SyLedgerSection *section,
              PangoContext    *context)
{
  SyLedgerToc *self = SY_LEDGER_TOC (section);
  const double block_w = SY_LEDGER_BLOCK_WIDTH;
  g_autoptr(PangoLayout) digits = NULL;
  double prefix_w = 0, indent, y;
  guint page = 0;
  gboolean page_empty = TRUE;

  g_clear_object (&self->heading);
  self->heading = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_TITLE, "目　录",
                                             block_w, PANGO_ALIGN_CENTER);
  self->heading_height = sy_ledger_text_height (self->heading);

  /* The number column holds four digits; a ledger longer than 9999 pages
   * would still print, only closer to its leader. */
  digits = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_BODY, "0000", -1,
                                      PANGO_ALIGN_LEFT);
  self->number_width = sy_ledger_text_width (digits);
  indent = 2 * SY_LEDGER_SIZE_BODY;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = &g_array_index (self->entries, Entry, i);

      g_clear_object (&e->prefix_layout);
      if (e->prefix != NULL)
        {
          e->prefix_layout = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_BODY,
                                                        e->prefix, -1, PANGO_ALIGN_LEFT);
          prefix_w = MAX (prefix_w, sy_ledger_text_width (e->prefix_layout));
        }
    }

  y = self->heading_height + TITLE_GAP;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = &g_array_index (self->entries, Entry, i);
      double title_w;

      if (e->level == 0)
        e->x_title = 0;
      else
        e->x_title = indent + (prefix_w > 0 ? prefix_w + SY_LEDGER_SIZE_BODY : 0);
      /* Room for at least a short leader before the number. */
      title_w = block_w - e->x_title - self->number_width - 2 * LEADER_GAP - 3 * LEADER_STEP;
      g_clear_object (&e->title_layout);
      e->title_layout = sy_ledger_text_layout_new (context, entry_font (e), e->title,
                                                   title_w, PANGO_ALIGN_LEFT);
      e->height = sy_ledger_text_height (e->title_layout);
      e->space_before = e->level == 0 && i > 0 ? HEADING_GAP : 0;
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = &g_array_index (self->entries, Entry, i);
      double need = e->space_before + e->height;

      /* A heading never ends a page: it goes with its first entry. */
      if (e->level == 0 && i + 1 < self->entries->len)
        need += ENTRY_GAP + g_array_index (self->entries, Entry, i + 1).height;

      if (!page_empty && y + need > SY_LEDGER_BLOCK_HEIGHT)
        {
          page++;
          y = 0;
          page_empty = TRUE;
        }
      if (!page_empty)
        y += e->space_before;
      e->toc_page = page;
      e->y = y;
      y += e->height + ENTRY_GAP;
      page_empty = FALSE;
    }

  self->n_pages = page + 1;
  return self->n_pages;
}

/* The end of the last line of @layout (x from the layout's left edge) and
 * that line's baseline (from its top). */
static void
last_line_end (PangoLayout *layout, double *end_x, double *baseline)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  PangoRectangle logical = { 0, };
  int top = 0, base = 0;
  gboolean first = TRUE;

  do
    {
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      if (first)
        top = y0;
      first = FALSE;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      base = pango_layout_iter_get_baseline (iter);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  *end_x = (double) (logical.x + logical.width) / PANGO_SCALE;
  *baseline = (double) (base - top) / PANGO_SCALE;
}

static void
paint_leader (cairo_t *cr, double from_x, double to_x, double baseline)
{
  /* Dots on a grid counted from the page's left edge. */
  for (double x = ceil (from_x / LEADER_STEP) * LEADER_STEP; x <= to_x; x += LEADER_STEP)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, baseline - 0.9, 0.55, 0, 2 * G_PI);
    }
  cairo_fill (cr);
}

static void
toc_paint_page (SyLedgerSection *section,
                guint            index,
                cairo_t         *cr,
                PangoContext    *context)
{
  SyLedgerToc *self = SY_LEDGER_TOC (section);
  const double bx = SY_LEDGER_BLOCK_X;
  const double by = SY_LEDGER_BLOCK_Y;
  const double right = bx + SY_LEDGER_BLOCK_WIDTH;

  cairo_set_source_rgb (cr, 0, 0, 0);
  if (index == 0)
    sy_ledger_text_show (cr, self->heading, bx, by);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = &g_array_index (self->entries, Entry, i);
      g_autoptr(PangoLayout) number = NULL;
      g_autofree char *number_text = NULL;
      double end_x, baseline, num_x, num_base;

      if (e->toc_page != index)
        continue;

      if (e->prefix_layout != NULL)
        sy_ledger_text_show (cr, e->prefix_layout, bx + 2 * SY_LEDGER_SIZE_BODY, by + e->y);
      sy_ledger_text_show (cr, e->title_layout, bx + e->x_title, by + e->y);

      number_text = e->page > 0 ? g_strdup_printf ("%u", e->page) : g_strdup ("");
      number = sy_ledger_text_layout_new (context, entry_font (e), number_text, -1,
                                          PANGO_ALIGN_LEFT);
      last_line_end (e->title_layout, &end_x, &baseline);
      num_x = right - sy_ledger_text_width (number);
      num_base = (double) pango_layout_get_baseline (number) / PANGO_SCALE;
      sy_ledger_text_show (cr, number, num_x, by + e->y + baseline - num_base);
      if (e->page > 0)
        paint_leader (cr, bx + e->x_title + end_x + LEADER_GAP,
                      right - self->number_width - LEADER_GAP, by + e->y + baseline);
    }
}

static void
section_iface_init (SyLedgerSectionInterface *iface)
{
  iface->paginate = toc_paginate;
  iface->paint_page = toc_paint_page;
}

SyLedgerToc *
sy_ledger_toc_new (void)
{
  return g_object_new (SY_TYPE_LEDGER_TOC, NULL);
}

guint
sy_ledger_toc_add (SyLedgerToc *self,
                   guint        level,
                   const char  *prefix,
                   const char  *title)
{
  Entry e = { 0, };

  g_return_val_if_fail (SY_IS_LEDGER_TOC (self), 0);

  e.level = level;
  e.prefix = g_strdup (prefix);
  e.title = g_strdup (title ? title : "");
  g_array_append_val (self->entries, e);
  return self->entries->len - 1;
}

void
sy_ledger_toc_set_page (SyLedgerToc *self,
                        guint        entry,
                        guint        page)
{
  g_return_if_fail (SY_IS_LEDGER_TOC (self));
  g_return_if_fail (entry < self->entries->len);

  g_array_index (self->entries, Entry, entry).page = page;
}

gboolean
sy_ledger_toc_get_entry_box (SyLedgerToc *self,
                             guint        entry,
                             guint       *toc_page,
                             double      *x,
                             double      *y,
                             double      *width,
                             double      *height)
{
  const Entry *e;

  g_return_val_if_fail (SY_IS_LEDGER_TOC (self), FALSE);
  g_return_val_if_fail (entry < self->entries->len, FALSE);

  e = &g_array_index (self->entries, Entry, entry);
  if (e->title_layout == NULL)
    return FALSE;
  *toc_page = e->toc_page;
  *x = SY_LEDGER_BLOCK_X;
  *y = SY_LEDGER_BLOCK_Y + e->y;
  *width = SY_LEDGER_BLOCK_WIDTH;
  *height = e->height;
  return TRUE;
}

guint
sy_ledger_toc_get_n_entries (SyLedgerToc *self)
{
  g_return_val_if_fail (SY_IS_LEDGER_TOC (self), 0);

  return self->entries->len;
}

const char *
sy_ledger_toc_get_title (SyLedgerToc *self, guint entry)
{
  g_return_val_if_fail (SY_IS_LEDGER_TOC (self), NULL);
  g_return_val_if_fail (entry < self->entries->len, NULL);

  return g_array_index (self->entries, Entry, entry).title;
}

guint
sy_ledger_toc_get_page (SyLedgerToc *self, guint entry)
{
  g_return_val_if_fail (SY_IS_LEDGER_TOC (self), 0);
  g_return_val_if_fail (entry < self->entries->len, 0);

  return g_array_index (self->entries, Entry, entry).page;
}

guint
sy_ledger_toc_get_level (SyLedgerToc *self, guint entry)
{
  g_return_val_if_fail (SY_IS_LEDGER_TOC (self), 0);
  g_return_val_if_fail (entry < self->entries->len, 0);

  return g_array_index (self->entries, Entry, entry).level;
}
