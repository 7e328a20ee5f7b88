/* sy-ledger-plan.c: a 工作计划 as it is bound in the ledger
 *
 * The plan becomes a list of text blocks (the title, the preface, each
 * item's "label title" line, its meta line, its body paragraphs) that flow
 * down the pages line by line.  A block that must not end a page (a
 * heading, an item with a meta line or body under it) asks for room for
 * itself and the first lines of what follows before it is placed, through
 * a chain of such blocks (一、 → （一） → 1. → its meta line); a text that
 * breaks leaves at least two lines on either side.
 *
 * Levels are read relative to the shallowest item, so an outline stored
 * from depth 0 (sy-plan-repo) and one from depth 1 print the same.
 */
#include "sy-ledger-plan.h"
#include "sy-ledger-style.h"
#include "sy-ledger-text.h"
#include "sy-plan-repo.h"

#include <string.h>

typedef struct {
  PangoLayout *layout;
  double       x;             /* from the block's left edge */
  double       space_before;  /* dropped at the top of a page */
  gboolean     keep;          /* never the last thing on a page */
} Block;

/* Lines of a block placed on a page. */
typedef struct {
  guint  block;
  guint  first;
  guint  n;
  double y;  /* of the first line's top, from the block's top */
} Piece;

struct _SyLedgerPlan
{
  GObject parent_instance;

  SyPlan     *plan;
  GListModel *items;
  char       *unit_name;

  GArray     *blocks;  /* Block */
  GPtrArray  *pages;   /* GArray of Piece */
};

static void section_iface_init (SyLedgerSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SyLedgerPlan, sy_ledger_plan, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SY_TYPE_LEDGER_SECTION,
                                                      section_iface_init))

#define TITLE_GAP      SY_LEDGER_MM (8.0)
#define HEADING_SPACE  SY_LEDGER_MM (4.0)
#define ITEM_SPACE     SY_LEDGER_MM (1.5)
#define META_SPACE     SY_LEDGER_MM (0.5)
#define INDENT         (2 * SY_LEDGER_SIZE_BODY)
#define MAX_INDENT     (4 * INDENT)
#define MIN_LINES      2
#define EPSILON        0.01

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_clear_object (&block->layout);
}

static void
sy_ledger_plan_finalize (GObject *object)
{
  SyLedgerPlan *self = SY_LEDGER_PLAN (object);

  g_array_unref (self->blocks);
  g_ptr_array_unref (self->pages);
  g_clear_object (&self->plan);
  g_clear_object (&self->items);
  g_free (self->unit_name);
  G_OBJECT_CLASS (sy_ledger_plan_parent_class)->finalize (object);
}

static void
sy_ledger_plan_class_init (SyLedgerPlanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_ledger_plan_finalize;
}

static void
sy_ledger_plan_init (SyLedgerPlan *self)
{
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

/* --- building blocks ---------------------------------------------------- */

static gboolean
is_blank (const char *text)
{
  return text == NULL || *text == '\0';
}

/* The printed word for a stored status; an unknown one as stored. */
static const char *
status_text (const char *status)
{
  static const struct { const char *stored, *printed; } names[] = {
    { "planned",     "计划中" },
    { "in_progress", "进行中" },
    { "done",        "已完成" },
    { "dropped",     "已取消" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (status, names[i].stored) == 0)
      return names[i].printed;
  return status;
}

/* "时间节点：…；完成期限：…；责任单位：…；状态：…", the parts that are
 * set; NULL when there is nothing to say.  A section's own status means
 * nothing (its tasks' do), so only a task shows one.  Lines break between
 * the parts, not inside one (unless it is wider than a line): "状" at the
 * end of a line and "态：" on the next is no way to print a status. */
static char *
meta_text (PangoContext *context, SyPlanItem *item, gboolean task, double width)
{
  GString *text = g_string_new (NULL);
  double line = 0;

  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *node = sy_plan_item_get_time_node (item);
  const char *due = sy_plan_item_get_due_date (item);
  const char *who = sy_plan_item_get_responsible (item);
  const char *status = sy_plan_item_get_status (item);

  if (!is_blank (node))
    g_ptr_array_add (parts, g_strdup_printf ("时间节点：%s", node));
  if (!is_blank (due))
    {
      g_autofree char *date = sy_ledger_text_format_date (due);

      g_ptr_array_add (parts, g_strdup_printf ("完成期限：%s", date));
    }
  if (!is_blank (who))
    g_ptr_array_add (parts, g_strdup_printf ("责任单位：%s", who));
  if (task && !is_blank (status))
    g_ptr_array_add (parts, g_strdup_printf ("状态：%s", status_text (status)));
  for (guint i = 0; i < parts->len; i++)
    {
      g_autofree char *part = g_strconcat (g_ptr_array_index (parts, i),
                                           i + 1 < parts->len ? "；" : "", NULL);
      g_autoptr(PangoLayout) probe = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL,
                                                                part, -1, PANGO_ALIGN_LEFT);
      double w = sy_ledger_text_width (probe);

      /* A point to spare: the parts measured apart may kern together. */
      if (line > 0 && line + w > width - 1.0)
        {
          g_string_append_c (text, '\n');
          line = 0;
        }
      g_string_append (text, part);
      line += w;
    }
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

/* Returns the new block's index. */
static guint
add_block (SyLedgerPlan *self, PangoLayout *layout, double x, double space_before,
           gboolean keep)
{
  Block block = { layout, x, space_before, keep };

  g_array_append_val (self->blocks, block);
  return self->blocks->len - 1;
}

static SyLedgerFont
item_font (guint depth)
{
  switch (depth)
    {
    case 0:
      return SY_LEDGER_FONT_HEADING;
    case 1:
      return SY_LEDGER_FONT_LABEL;
    default:
      return SY_LEDGER_FONT_BODY;
    }
}

/* @flat: the outline has one level only: its items are tasks, in body
 * type, not a column of headings. */
static void
add_item (SyLedgerPlan *self, PangoContext *context, SyPlanItem *item, guint depth,
          gboolean has_children, gboolean flat)
{
  const char *title = sy_plan_item_get_title (item);
  const char *label = sy_plan_item_get_label (item);
  const char *nl = title ? strchr (title, '\n') : NULL;
  g_autofree char *line = sy_plan_item_title_line (title);
  g_autofree char *text = g_strconcat (label ? label : "", line, NULL);
  double x = MIN (depth * INDENT, MAX_INDENT);
  double width = SY_LEDGER_BLOCK_WIDTH - x;
  g_autofree char *meta = meta_text (context, item, !has_children, width);
  double space = depth == 0 && !flat ? HEADING_SPACE : ITEM_SPACE;
  SyLedgerFont font = flat ? SY_LEDGER_FONT_BODY : item_font (depth);
  g_autofree char *body = NULL;
  guint last;

  if (nl != NULL)
    {
      body = g_strstrip (g_strdup (nl + 1));
      if (*body == '\0')
        g_clear_pointer (&body, g_free);
    }

  last = add_block (self, sy_ledger_text_layout_new (context, font, text, width,
                                                     PANGO_ALIGN_LEFT),
                    x, space, TRUE);
  if (meta != NULL)
    last = add_block (self, sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL, meta,
                                                       width, PANGO_ALIGN_LEFT),
                      x, META_SPACE, TRUE);
  if (body != NULL)
    last = add_block (self, sy_ledger_text_paragraphs_new (context, SY_LEDGER_FONT_BODY, body,
                                                           width),
                      x, META_SPACE, TRUE);
  /* The item's last block goes with the first child; a task's with
   * nothing. */
  g_array_index (self->blocks, Block, last).keep = has_children;
}

static char *
plan_title (SyLedgerPlan *self)
{
  const char *title = sy_plan_get_title (self->plan);
  int year = sy_plan_get_year (self->plan);

  /* The office's own title ("…双拥工作要点") is what the 目录 lists too. */
  if (title != NULL && *title != '\0')
    return g_strdup (title);
  return year > 0 ? g_strdup_printf ("%s%d年双拥工作计划", self->unit_name, year)
                  : g_strdup_printf ("%s双拥工作计划", self->unit_name);
}

static void
make_blocks (SyLedgerPlan *self, PangoContext *context)
{
  guint n = g_list_model_get_n_items (self->items);
  g_autofree char *title = plan_title (self);
  const char *preface = sy_plan_get_preface (self->plan);
  double after_title = TITLE_GAP;
  int top = G_MAXINT, deepest = G_MININT;

  g_array_set_size (self->blocks, 0);
  add_block (self, sy_ledger_text_layout_new (context, SY_LEDGER_FONT_TITLE, title,
                                              SY_LEDGER_BLOCK_WIDTH, PANGO_ALIGN_CENTER),
             0, 0, TRUE);
  if (!is_blank (preface))
    {
      add_block (self, sy_ledger_text_paragraphs_new (context, SY_LEDGER_FONT_BODY, preface,
                                                      SY_LEDGER_BLOCK_WIDTH),
                 0, TITLE_GAP, FALSE);
      after_title = HEADING_SPACE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyPlanItem) item = g_list_model_get_item (self->items, i);

      top = MIN (top, sy_plan_item_get_level (item));
      deepest = MAX (deepest, sy_plan_item_get_level (item));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyPlanItem) item = g_list_model_get_item (self->items, i);
      g_autoptr(SyPlanItem) next = i + 1 < n ? g_list_model_get_item (self->items, i + 1) : NULL;
      int level = sy_plan_item_get_level (item);
      gboolean has_children = next != NULL && sy_plan_item_get_level (next) > level;
      guint before = self->blocks->len;

      add_item (self, context, item, (guint) (level - top), has_children, deepest == top);
      if (i == 0)
        g_array_index (self->blocks, Block, before).space_before = after_title;
    }
  if (n == 0)
    add_block (self, sy_ledger_text_layout_new (context, SY_LEDGER_FONT_BODY, "（无计划条目）",
                                                SY_LEDGER_BLOCK_WIDTH, PANGO_ALIGN_CENTER),
               0, after_title, FALSE);
}

/* --- pagination --------------------------------------------------------- */

typedef struct {
  SyLedgerPlan *self;
  GArray       *page;  /* Piece */
  double        y;
} Flow;

static void
flow_new_page (Flow *flow)
{
  flow->page = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_ptr_array_add (flow->self->pages, flow->page);
  flow->y = 0;
}

static gboolean
flow_empty (Flow *flow)
{
  return flow->page->len == 0;
}

static double
flow_room (Flow *flow)
{
  return SY_LEDGER_BLOCK_HEIGHT - flow->y;
}

static Block *
block_at (SyLedgerPlan *self, guint index)
{
  return &g_array_index (self->blocks, Block, index);
}

/* What block @index needs at the foot of a page for the blocks before it
 * that must not end the page: its first lines, or all of it and what it
 * in turn keeps with. */
static double
need_from (SyLedgerPlan *self, guint index)
{
  Block *b = block_at (self, index);
  guint n = sy_ledger_text_n_lines (b->layout);

  if (b->keep && index + 1 < self->blocks->len)
    return b->space_before + sy_ledger_text_height (b->layout) + need_from (self, index + 1);
  return b->space_before + sy_ledger_text_range_height (b->layout, 0, MIN (n, MIN_LINES));
}

static void
flow_place (Flow *flow, guint index, guint first, guint n, double space)
{
  Piece piece = { index, first, n, flow->y + space };

  g_array_append_val (flow->page, piece);
  flow->y += space + sy_ledger_text_range_height (block_at (flow->self, index)->layout, first, n);
}

static void
flow_block (Flow *flow, guint index)
{
  SyLedgerPlan *self = flow->self;
  Block *b = block_at (self, index);
  guint total = sy_ledger_text_n_lines (b->layout), first = 0;

  if (b->keep && index + 1 < self->blocks->len && !flow_empty (flow))
    {
      double need = b->space_before + sy_ledger_text_height (b->layout)
                    + need_from (self, index + 1);

      /* Moving on helps only if the chain fits on a page of its own. */
      if (need > flow_room (flow) + EPSILON && need - b->space_before <= SY_LEDGER_BLOCK_HEIGHT)
        flow_new_page (flow);
    }

  while (first < total)
    {
      double space = first == 0 && !flow_empty (flow) ? b->space_before : 0;
      guint remaining = total - first;
      guint fit = sy_ledger_text_lines_fitting (b->layout, first, flow_room (flow) - space);

      if (fit >= remaining)
        {
          flow_place (flow, index, first, remaining, space);
          return;
        }
      if (remaining - fit < MIN_LINES && remaining > MIN_LINES)
        fit = remaining - MIN_LINES;
      if (fit < MIN_LINES)
        {
          if (!flow_empty (flow))
            {
              flow_new_page (flow);
              continue;
            }
          fit = MAX (fit, 1);
        }
      flow_place (flow, index, first, fit, space);
      first += fit;
      flow_new_page (flow);
    }
}

static guint
plan_paginate (SyLedgerSection *section,
               PangoContext    *context)
{
  SyLedgerPlan *self = SY_LEDGER_PLAN (section);
  Flow flow = { self, };

  g_ptr_array_set_size (self->pages, 0);
  make_blocks (self, context);

  flow_new_page (&flow);
  for (guint i = 0; i < self->blocks->len; i++)
    flow_block (&flow, i);
  return self->pages->len;
}

static void
plan_paint_page (SyLedgerSection *section,
                 guint            index,
                 cairo_t         *cr,
                 PangoContext    *context)
{
  SyLedgerPlan *self = SY_LEDGER_PLAN (section);
  GArray *pieces;

  g_return_if_fail (index < self->pages->len);
  pieces = g_ptr_array_index (self->pages, index);

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint p = 0; p < pieces->len; p++)
    {
      const Piece *piece = &g_array_index (pieces, Piece, p);
      Block *b = block_at (self, piece->block);

      sy_ledger_text_show_range (cr, b->layout, piece->first, piece->n,
                                 SY_LEDGER_BLOCK_X + b->x, SY_LEDGER_BLOCK_Y + piece->y);
    }
}

static void
section_iface_init (SyLedgerSectionInterface *iface)
{
  iface->paginate = plan_paginate;
  iface->paint_page = plan_paint_page;
}

SyLedgerPlan *
sy_ledger_plan_new (SyPlan     *plan,
                    GListModel *items,
                    const char *unit_name)
{
  SyLedgerPlan *self;

  g_return_val_if_fail (SY_IS_PLAN (plan), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (items), NULL);

  self = g_object_new (SY_TYPE_LEDGER_PLAN, NULL);
  self->plan = g_object_ref (plan);
  self->items = g_object_ref (items);
  self->unit_name = g_strdup (unit_name ? unit_name : "");
  return self;
}
