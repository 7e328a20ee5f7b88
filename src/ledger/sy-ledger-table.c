/* sy-ledger-table.c: a titled table that breaks across pages
 *
 * Rows are measured once (every cell wraps in its column, nothing is cut)
 * and flowed onto pages below the title and the header row.  A row that
 * does not fit goes whole to the next page; only a row taller than a whole
 * page is split, line by line in every cell at once, its pieces continuing
 * under the repeated header.  The note flows after the last row: the last
 * row moves (or the last lines of a split row stay back) so that at least
 * the note's first lines share its page, and the whole note when it fits.
 */
#include "sy-ledger-table.h"
#include "sy-ledger-grid.h"
#include "sy-ledger-style.h"
#include "sy-ledger-text.h"

/* Landscape A4 with 20 mm margins all round: the book centres the page
 * number 10 mm above the lower edge, below the block. */
#define LANDSCAPE_MARGIN SY_LEDGER_MM (20.0)
#define TITLE_GAP        SY_LEDGER_MM (3.0)
#define META_GAP         SY_LEDGER_MM (2.0)
#define NOTE_GAP         SY_LEDGER_MM (3.0)
#define HEADER_MIN       SY_LEDGER_MM (8.0)
#define ROW_MIN          SY_LEDGER_MM (7.0)
#define MAX_HEADER_LINES 3
/* Fewest lines of a split row (or of the note) left at the foot of a page
 * or carried to the next. */
#define MIN_LINES        2
/* Measures are compared with this much slack: sums of line heights are
 * not exact in floating point. */
#define EPSILON          0.01

typedef struct {
  char        **cells;    /* n_columns */
  PangoLayout **layouts;  /* n_columns, after pagination */
  double        height;
} Row;

typedef enum {
  PIECE_ROW,    /* a row, whole or the lines of a split one */
  PIECE_EMPTY,  /* "无记录" across the table */
  PIECE_NOTE,   /* lines of the note, below the table */
} PieceKind;

typedef struct {
  PieceKind  kind;
  guint      row;
  guint     *first;       /* PIECE_ROW split: the lines of each cell; NULL: whole */
  guint     *n;
  guint      line_first;  /* PIECE_NOTE */
  guint      line_n;
  double     height;
} Piece;

struct _SyLedgerTable
{
  GObject parent_instance;

  char           *title;
  char           *subtitle;
  SyLedgerColumn *columns;  /* headers owned */
  guint           n_columns;
  gboolean        landscape;
  GArray         *rows;     /* Row */
  char           *note;

  /* Pagination. */
  double          block_x;
  double          block_y;
  double          block_width;
  double          block_height;
  SyLedgerGrid   *grid;
  PangoLayout    *title_layout[2];  /* first page, continuation */
  PangoLayout    *subtitle_layout;
  PangoLayout   **heads;
  double          header_height;
  PangoLayout    *empty_layout;
  PangoLayout    *note_layout;
  GPtrArray      *pages;            /* GArray of Piece */
};

static void section_iface_init (SyLedgerSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SyLedgerTable, sy_ledger_table, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SY_TYPE_LEDGER_SECTION,
                                                      section_iface_init))

static void
clear_layouts (PangoLayout **layouts, guint n)
{
  for (guint c = 0; layouts != NULL && c < n; c++)
    g_clear_object (&layouts[c]);
}

static void
piece_clear (gpointer data)
{
  Piece *piece = data;

  g_clear_pointer (&piece->first, g_free);
  g_clear_pointer (&piece->n, g_free);
}

static GArray *
page_new (void)
{
  GArray *page = g_array_new (FALSE, TRUE, sizeof (Piece));

  g_array_set_clear_func (page, piece_clear);
  return page;
}

static void
clear_layout (SyLedgerTable *self)
{
  g_ptr_array_set_size (self->pages, 0);
  for (guint r = 0; r < self->rows->len; r++)
    clear_layouts (g_array_index (self->rows, Row, r).layouts, self->n_columns);
  clear_layouts (self->heads, self->n_columns);
  g_clear_object (&self->title_layout[0]);
  g_clear_object (&self->title_layout[1]);
  g_clear_object (&self->subtitle_layout);
  g_clear_object (&self->empty_layout);
  g_clear_object (&self->note_layout);
  g_clear_pointer (&self->grid, sy_ledger_grid_free);
}

static void
sy_ledger_table_finalize (GObject *object)
{
  SyLedgerTable *self = SY_LEDGER_TABLE (object);

  clear_layout (self);
  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = &g_array_index (self->rows, Row, r);

      for (guint c = 0; c < self->n_columns; c++)
        g_free (row->cells[c]);
      g_free (row->cells);
      g_free (row->layouts);
    }
  g_array_unref (self->rows);
  g_ptr_array_unref (self->pages);
  for (guint c = 0; c < self->n_columns; c++)
    g_free ((char *) self->columns[c].header);
  g_free (self->columns);
  g_free (self->heads);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->note);
  G_OBJECT_CLASS (sy_ledger_table_parent_class)->finalize (object);
}

static void
sy_ledger_table_class_init (SyLedgerTableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_ledger_table_finalize;
}

static void
sy_ledger_table_init (SyLedgerTable *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

/* --- pagination --------------------------------------------------------- */

typedef struct {
  SyLedgerTable *self;
  GArray        *page;   /* Piece, the page being filled */
  double         y;      /* used below the header row */
  gboolean       fresh;  /* no row on it yet */
  double         head_height[2];
} Flow;

static void
flow_new_page (Flow *flow)
{
  flow->page = page_new ();
  g_ptr_array_add (flow->self->pages, flow->page);
  flow->y = 0;
  flow->fresh = TRUE;
}

static double
flow_body (Flow *flow, gboolean continuation)
{
  return flow->self->block_height - flow->head_height[continuation]
         - flow->self->header_height;
}

static double
flow_room (Flow *flow)
{
  return flow_body (flow, flow->self->pages->len > 1) - flow->y;
}

static void
flow_place (Flow *flow, const Piece *piece)
{
  g_array_append_val (flow->page, *piece);
  flow->y += piece->height;
  if (piece->kind != PIECE_NOTE)
    flow->fresh = FALSE;
}

/* The height of the first lines of the note that must share the last
 * row's page (with the gap above them); 0 without a note. */
static double
note_keep (SyLedgerTable *self, gboolean whole)
{
  guint n;

  if (self->note_layout == NULL)
    return 0;
  n = sy_ledger_text_n_lines (self->note_layout);
  if (!whole)
    n = MIN (n, MIN_LINES);
  return NOTE_GAP + sy_ledger_text_range_height (self->note_layout, 0, n);
}

/* The lines of @row from @first, each cell's fitting in @avail (text
 * height), into @fit; TRUE when that is all of them. */
static gboolean
row_fit (SyLedgerTable *self, const Row *row, const guint *first, double avail, guint *fit)
{
  gboolean all = TRUE;

  for (guint c = 0; c < self->n_columns; c++)
    {
      guint remaining = sy_ledger_text_n_lines (row->layouts[c]) - first[c];

      fit[c] = sy_ledger_text_lines_fitting (row->layouts[c], first[c], avail);
      if (fit[c] < remaining)
        all = FALSE;
    }
  return all;
}

static double
row_piece_height (SyLedgerTable *self, const Row *row, const guint *first, const guint *n)
{
  double h = 0;

  for (guint c = 0; c < self->n_columns; c++)
    h = MAX (h, sy_ledger_text_range_height (row->layouts[c], first[c], n[c]));
  return MAX (ROW_MIN, h + 2 * SY_LEDGER_CELL_PAD_Y);
}

static void
place_row_piece (Flow *flow, guint index, const guint *first, const guint *n)
{
  SyLedgerTable *self = flow->self;
  const Row *row = &g_array_index (self->rows, Row, index);
  Piece piece = { PIECE_ROW, index, };

  piece.first = g_memdup2 (first, sizeof (guint) * self->n_columns);
  piece.n = g_memdup2 (n, sizeof (guint) * self->n_columns);
  piece.height = row_piece_height (self, row, first, n);
  flow_place (flow, &piece);
}

/* A row taller than a page, in pieces; the last piece leaves room for
 * @keep below it. */
static void
flow_split_row (Flow *flow, guint index, double keep)
{
  SyLedgerTable *self = flow->self;
  const Row *row = &g_array_index (self->rows, Row, index);
  g_autofree guint *first = g_new0 (guint, self->n_columns);
  g_autofree guint *fit = g_new0 (guint, self->n_columns);
  g_autofree guint *remaining = g_new0 (guint, self->n_columns);

  for (;;)
    {
      double avail = flow_room (flow) - 2 * SY_LEDGER_CELL_PAD_Y;
      guint most = 0, total_fit = 0, longest = 0;
      gboolean all;

      for (guint c = 0; c < self->n_columns; c++)
        remaining[c] = sy_ledger_text_n_lines (row->layouts[c]) - first[c];

      all = row_fit (self, row, first, avail, fit);
      if (all)
        {
          if (row_piece_height (self, row, first, fit) + keep <= flow_room (flow) + EPSILON)
            {
              place_row_piece (flow, index, first, fit);
              return;
            }
          /* Some lines stay back to go with the note. */
          row_fit (self, row, first, avail - keep, fit);
        }

      for (guint c = 0; c < self->n_columns; c++)
        {
          /* Never a lone line on either side of the break. */
          if (remaining[c] > MIN_LINES && fit[c] < remaining[c]
              && remaining[c] - fit[c] < MIN_LINES)
            fit[c] = remaining[c] - MIN_LINES;
          total_fit += fit[c];
          if (remaining[c] > remaining[longest])
            longest = c;
          most = MAX (most, fit[c]);
        }

      if (total_fit == 0 || (most < MIN_LINES && most < remaining[longest]))
        {
          if (!flow->fresh)
            {
              flow_new_page (flow);
              continue;
            }
          if (total_fit == 0)
            {
              if (remaining[longest] == 0 || all)
                {
                  /* Nothing left to carry (or nothing can be): the row
                   * ends here and the note takes its chance. */
                  for (guint c = 0; c < self->n_columns; c++)
                    fit[c] = remaining[c];
                  place_row_piece (flow, index, first, fit);
                  return;
                }
              /* A single line taller than the page: shown, overflowing
               * rather than lost. */
              fit[longest] = 1;
            }
        }

      place_row_piece (flow, index, first, fit);
      for (guint c = 0; c < self->n_columns; c++)
        first[c] += fit[c];
      flow_new_page (flow);
    }
}

static void
flow_row (Flow *flow, guint index, gboolean last)
{
  SyLedgerTable *self = flow->self;
  const Row *row = &g_array_index (self->rows, Row, index);
  double keep_whole = last ? note_keep (self, TRUE) : 0;
  double keep_some = last ? note_keep (self, FALSE) : 0;
  g_autofree guint *first = g_new0 (guint, self->n_columns);
  g_autofree guint *all = g_new0 (guint, self->n_columns);

  for (guint c = 0; c < self->n_columns; c++)
    all[c] = sy_ledger_text_n_lines (row->layouts[c]);

  /* Whole, here or on the next page; with the whole note if it can be,
   * else with its first lines. */
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      double keep = attempt == 0 ? keep_whole : keep_some;

      if (row->height + keep <= flow_room (flow) + EPSILON)
        {
          place_row_piece (flow, index, first, all);
          return;
        }
      if (!flow->fresh && row->height + keep <= flow_body (flow, TRUE) + EPSILON)
        {
          flow_new_page (flow);
          place_row_piece (flow, index, first, all);
          return;
        }
    }
  /* Split: its last lines go with the note, the whole note unless that
   * would take most of a page. */
  flow_split_row (flow, index,
                  keep_whole <= flow_body (flow, TRUE) / 2 ? keep_whole : keep_some);
}

static void
flow_empty (Flow *flow)
{
  Piece piece = { PIECE_EMPTY, };

  piece.height = MAX (ROW_MIN, sy_ledger_grid_cell_height (flow->self->empty_layout));
  flow_place (flow, &piece);
}

static void
flow_note (Flow *flow)
{
  PangoLayout *note = flow->self->note_layout;
  guint total = sy_ledger_text_n_lines (note), first = 0;

  while (first < total)
    {
      double gap = first == 0 ? NOTE_GAP : 0;
      guint fit = sy_ledger_text_lines_fitting (note, first, flow_room (flow) - gap);
      Piece piece = { PIECE_NOTE, };

      if (fit < total - first && total - first - fit < MIN_LINES && fit > MIN_LINES)
        fit--;
      if (fit == 0)
        {
          if (flow->page->len > 0 && flow_room (flow) < flow_body (flow, TRUE))
            {
              flow_new_page (flow);
              continue;
            }
          fit = 1;
        }
      piece.line_first = first;
      piece.line_n = fit;
      piece.height = gap + sy_ledger_text_range_height (note, first, fit);
      flow_place (flow, &piece);
      first += fit;
      if (first < total)
        flow_new_page (flow);
    }
}

static guint
table_paginate (SyLedgerSection *section,
                PangoContext    *context)
{
  SyLedgerTable *self = SY_LEDGER_TABLE (section);
  g_autofree double *widths = g_new0 (double, self->n_columns);
  g_autofree const char **titles = g_new0 (const char *, self->n_columns);
  g_autofree char *continued = g_strdup_printf ("%s（续）", self->title);
  double weights = 0;
  Flow flow = { self, };

  clear_layout (self);

  if (self->landscape)
    {
      self->block_x = LANDSCAPE_MARGIN;
      self->block_y = LANDSCAPE_MARGIN;
      self->block_width = SY_LEDGER_PAGE_HEIGHT - 2 * LANDSCAPE_MARGIN;
      self->block_height = SY_LEDGER_PAGE_WIDTH - 2 * LANDSCAPE_MARGIN;
    }
  else
    {
      self->block_x = SY_LEDGER_BLOCK_X;
      self->block_y = SY_LEDGER_BLOCK_Y;
      self->block_width = SY_LEDGER_BLOCK_WIDTH;
      self->block_height = SY_LEDGER_BLOCK_HEIGHT;
    }

  for (guint c = 0; c < self->n_columns; c++)
    weights += self->columns[c].weight;
  for (guint c = 0; c < self->n_columns; c++)
    {
      widths[c] = self->block_width * self->columns[c].weight / weights;
      titles[c] = self->columns[c].header;
    }
  self->grid = sy_ledger_grid_new (self->block_x, widths, self->n_columns);

  self->title_layout[0] = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_TITLE, self->title,
                                                     self->block_width, PANGO_ALIGN_CENTER);
  self->title_layout[1] = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_TITLE, continued,
                                                     self->block_width, PANGO_ALIGN_CENTER);
  for (guint i = 0; i < 2; i++)
    {
      sy_ledger_text_limit_lines (self->title_layout[i], 2);
      flow.head_height[i] = sy_ledger_text_height (self->title_layout[i]) + TITLE_GAP;
    }
  if (self->subtitle != NULL)
    {
      self->subtitle_layout = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL,
                                                         self->subtitle, self->block_width,
                                                         PANGO_ALIGN_CENTER);
      sy_ledger_text_limit_lines (self->subtitle_layout, 2);
      for (guint i = 0; i < 2; i++)
        flow.head_height[i] += sy_ledger_text_height (self->subtitle_layout) + META_GAP;
    }

  sy_ledger_grid_header_new (self->grid, context, titles, HEADER_MIN, self->heads);
  /* A header may not eat the page: it is repeated on every one. */
  self->header_height = HEADER_MIN;
  for (guint c = 0; c < self->n_columns; c++)
    {
      sy_ledger_text_limit_lines (self->heads[c], MAX_HEADER_LINES);
      self->header_height = MAX (self->header_height,
                                 sy_ledger_grid_cell_height (self->heads[c]));
    }

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = &g_array_index (self->rows, Row, r);

      row->height = ROW_MIN;
      for (guint c = 0; c < self->n_columns; c++)
        {
          row->layouts[c] = sy_ledger_grid_cell_new (context, SY_LEDGER_FONT_SMALL, row->cells[c],
                                                     widths[c], self->columns[c].align);
          row->height = MAX (row->height, sy_ledger_grid_cell_height (row->layouts[c]));
        }
    }
  self->empty_layout = sy_ledger_grid_cell_new (context, SY_LEDGER_FONT_SMALL, "无记录",
                                                self->block_width, PANGO_ALIGN_CENTER);
  if (self->note != NULL)
    self->note_layout = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_BODY, self->note,
                                                   self->block_width, PANGO_ALIGN_LEFT);

  flow_new_page (&flow);
  if (self->rows->len == 0)
    flow_empty (&flow);
  for (guint r = 0; r < self->rows->len; r++)
    flow_row (&flow, r, r + 1 == self->rows->len);
  if (self->note_layout != NULL)
    flow_note (&flow);

  return self->pages->len;
}

/* --- painting ----------------------------------------------------------- */

static void
table_paint_page (SyLedgerSection *section,
                  guint            index,
                  cairo_t         *cr,
                  PangoContext    *context)
{
  SyLedgerTable *self = SY_LEDGER_TABLE (section);
  GArray *pieces;
  double y, table_top;
  gboolean has_rows = FALSE, framed = FALSE;

  g_return_if_fail (index < self->pages->len);
  pieces = g_ptr_array_index (self->pages, index);

  cairo_set_source_rgb (cr, 0, 0, 0);
  y = self->block_y;
  sy_ledger_text_show (cr, self->title_layout[index > 0], self->block_x, y);
  y += sy_ledger_text_height (self->title_layout[index > 0]) + TITLE_GAP;
  if (self->subtitle_layout != NULL)
    {
      sy_ledger_text_show (cr, self->subtitle_layout, self->block_x, y);
      y += sy_ledger_text_height (self->subtitle_layout) + META_GAP;
    }
  table_top = y;

  for (guint p = 0; p < pieces->len; p++)
    if (g_array_index (pieces, Piece, p).kind != PIECE_NOTE)
      has_rows = TRUE;
  /* A page holding only the end of a long note has no table on it. */
  if (has_rows)
    {
      sy_ledger_grid_paint_header (self->grid, cr, self->heads, y, self->header_height);
      y += self->header_height;
    }

  for (guint p = 0; p < pieces->len; p++)
    {
      const Piece *piece = &g_array_index (pieces, Piece, p);

      switch (piece->kind)
        {
        case PIECE_ROW:
          sy_ledger_grid_paint_row (self->grid, cr,
                                    g_array_index (self->rows, Row, piece->row).layouts,
                                    piece->first, piece->n, y, piece->height);
          break;

        case PIECE_EMPTY:
          sy_ledger_grid_show_in_cell (cr, self->empty_layout, self->block_x, y, piece->height);
          sy_ledger_grid_hline (cr, self->block_x, y, self->block_width);
          cairo_set_line_width (cr, SY_LEDGER_RULE_INNER);
          cairo_stroke (cr);
          break;

        case PIECE_NOTE:
          if (has_rows && !framed)
            {
              sy_ledger_grid_paint_frame (self->grid, cr, table_top, y);
              framed = TRUE;
            }
          sy_ledger_text_show_range (cr, self->note_layout, piece->line_first, piece->line_n,
                                     self->block_x,
                                     y + (piece->line_first == 0 ? NOTE_GAP : 0));
          break;

        default:
          g_assert_not_reached ();
        }
      y += piece->height;
    }
  if (has_rows && !framed)
    sy_ledger_grid_paint_frame (self->grid, cr, table_top, y);
}

static void
table_get_page_size (SyLedgerSection *section,
                     guint            index,
                     double          *width,
                     double          *height)
{
  SyLedgerTable *self = SY_LEDGER_TABLE (section);

  *width = self->landscape ? SY_LEDGER_PAGE_HEIGHT : SY_LEDGER_PAGE_WIDTH;
  *height = self->landscape ? SY_LEDGER_PAGE_WIDTH : SY_LEDGER_PAGE_HEIGHT;
}

static void
section_iface_init (SyLedgerSectionInterface *iface)
{
  iface->paginate = table_paginate;
  iface->paint_page = table_paint_page;
  iface->get_page_size = table_get_page_size;
}

/* --- building ----------------------------------------------------------- */

SyLedgerTable *
sy_ledger_table_new (const char           *title,
                     const char           *subtitle,
                     const SyLedgerColumn *columns,
                     guint                 n_columns,
                     gboolean              landscape)
{
  SyLedgerTable *self;

  g_return_val_if_fail (columns != NULL, NULL);
  g_return_val_if_fail (n_columns > 0, NULL);

  self = g_object_new (SY_TYPE_LEDGER_TABLE, NULL);
  self->title = g_strdup (title ? title : "");
  self->subtitle = subtitle != NULL && *subtitle != '\0' ? g_strdup (subtitle) : NULL;
  self->columns = g_new0 (SyLedgerColumn, n_columns);
  self->n_columns = n_columns;
  for (guint c = 0; c < n_columns; c++)
    {
      self->columns[c].header = g_strdup (columns[c].header ? columns[c].header : "");
      /* A column without a share of its own gets an average one rather
       * than no room at all. */
      self->columns[c].weight = columns[c].weight > 0 ? columns[c].weight : 1.0;
      self->columns[c].align = columns[c].align;
    }
  self->heads = g_new0 (PangoLayout *, n_columns);
  self->landscape = landscape;
  return self;
}

void
sy_ledger_table_add_row (SyLedgerTable      *self,
                         const char * const *cells)
{
  Row row = { 0, };

  g_return_if_fail (SY_IS_LEDGER_TABLE (self));
  g_return_if_fail (cells != NULL);

  row.cells = g_new0 (char *, self->n_columns);
  row.layouts = g_new0 (PangoLayout *, self->n_columns);
  for (guint c = 0; c < self->n_columns; c++)
    row.cells[c] = g_strdup (cells[c] ? cells[c] : "");
  g_array_append_val (self->rows, row);
}

void
sy_ledger_table_set_note (SyLedgerTable *self,
                          const char    *note)
{
  g_return_if_fail (SY_IS_LEDGER_TABLE (self));

  g_free (self->note);
  self->note = note != NULL && *note != '\0' ? g_strdup (note) : NULL;
}

guint
sy_ledger_table_get_n_rows (SyLedgerTable *self)
{
  g_return_val_if_fail (SY_IS_LEDGER_TABLE (self), 0);

  return self->rows->len;
}
