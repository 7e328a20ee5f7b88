/* sy-ledger-sheet.c: one 活动记录表 (activity record sheet) with its photos
 *
 * A ruled table like the paper forms: shaded label cells, values beside
 * them, then a photo panel (2 × 2 at most per page, captions below) and the
 * 记录人/审核人 row.  Long texts (主要内容, 活动成效 …) break between lines
 * and continue on the next page under "活动记录表（续）" with the 活动名称
 * row repeated, never leaving a single line alone at either side of the
 * break.  The photo panel's band ("活动照片") keeps with the photo row
 * under it, so it never ends a page; photo rows go two to a page, rows
 * carried over under "活动照片（续）".  The 记录人/审核人 row always stays
 * with the last photos.
 *
 * When the rest of the photo panel would end on this page if its photos
 * were drawn a little smaller, the photo rows of the page are shrunk (all
 * by one scale, photos centred in their cells, captions unchanged) rather
 * than starting a near-empty continuation page: see flow_shrink().
 */
#include "sy-ledger-sheet.h"
#include "sy-ledger-style.h"
#include "sy-ledger-text.h"
#include "sy-ledger-photo.h"

typedef enum {
  ROW_WIDE,    /* label | value spanning three columns */
  ROW_PAIR,    /* label | value | label | value */
  ROW_BAND,    /* one shaded cell across: the photo panel's title */
  ROW_PHOTOS,  /* up to two photos side by side with captions */
} RowKind;

typedef struct {
  RowKind      kind;
  PangoLayout *label[2];
  PangoLayout *value[2];
  double      *line_tops;   /* ROW_WIDE: n_lines + 1 offsets of value[0] */
  guint        n_lines;
  guint        first_photo; /* ROW_PHOTOS */
  guint        n_photos;
  double       caption_height;
  double       height;      /* the whole row */
} Row;

/* A row, or the part of a ROW_WIDE row's lines, placed on a page. */
typedef struct {
  guint  row;
  guint  first_line;
  guint  n_lines;
  double height;
  double scale;     /* ROW_PHOTOS: of the photo box, 1 at full size */
} Piece;

typedef struct {
  char        *hash;
  char        *caption;
  PangoLayout *caption_layout;
} Photo;

struct _SyLedgerSheet
{
  GObject parent_instance;

  SyEvent             *event;
  char                *office;
  char                *serial;
  SyLedgerPhotoLoader  loader;
  gpointer             loader_data;
  GArray              *photos;  /* Photo */

  GArray              *rows;    /* Row */
  GPtrArray           *pages;   /* GArray of Piece */
  PangoLayout         *title[2];  /* first page, continuation */
  PangoLayout         *meta_left;
  PangoLayout         *meta_right;
  double               head_height;
};

static void section_iface_init (SyLedgerSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SyLedgerSheet, sy_ledger_sheet, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SY_TYPE_LEDGER_SECTION,
                                                      section_iface_init))

#define LABEL_WIDTH    SY_LEDGER_MM (26.0)
#define VALUE_WIDTH    ((SY_LEDGER_BLOCK_WIDTH - 2 * LABEL_WIDTH) / 2)
#define WIDE_WIDTH     (SY_LEDGER_BLOCK_WIDTH - LABEL_WIDTH)
#define BAND_HEIGHT    SY_LEDGER_MM (8.0)
#define PHOTO_PAD_X    SY_LEDGER_MM (3.0)
#define PHOTO_PAD_TOP  SY_LEDGER_MM (3.5)
#define PHOTO_GAP      SY_LEDGER_MM (1.5)
#define PHOTO_PAD_BOT  SY_LEDGER_MM (3.0)
#define PHOTOS_PER_ROW 2
#define ROWS_PER_PAGE  2
#define TITLE_GAP      SY_LEDGER_MM (3.0)
#define META_GAP       SY_LEDGER_MM (2.0)
/* Fewest lines of a broken text left at the foot or carried to the top. */
#define MIN_LINES      2
/* The smallest photos are drawn to save a page: 3/4 of the box, 54 × 40.5
 * mm.  Reviewers leaf through the book comparing sheets: a quarter off
 * still reads as the same panel beside full-size ones, and the picture
 * keeps over half its area (56 %), so the faces and banners it is evidence
 * of stay legible; smaller, it looks like a thumbnail and falls under half
 * at 0.7.  Nothing is lost to print: the print copy, made for the full
 * box, then has 4/3 of the book's dpi.  And 3/4 is worth having: two rows
 * give back 27 mm, the signature row and a photo row's caption and
 * paddings, which is what a sheet usually overruns by. */
#define PHOTO_MIN_SCALE 0.75

static void
row_clear (gpointer data)
{
  Row *row = data;

  for (guint i = 0; i < 2; i++)
    {
      g_clear_object (&row->label[i]);
      g_clear_object (&row->value[i]);
    }
  g_clear_pointer (&row->line_tops, g_free);
}

static void
photo_clear (gpointer data)
{
  Photo *photo = data;

  g_free (photo->hash);
  g_free (photo->caption);
  g_clear_object (&photo->caption_layout);
}

static void
clear_layout (SyLedgerSheet *self)
{
  g_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->pages, 0);
  g_clear_object (&self->title[0]);
  g_clear_object (&self->title[1]);
  g_clear_object (&self->meta_left);
  g_clear_object (&self->meta_right);
}

static void
sy_ledger_sheet_finalize (GObject *object)
{
  SyLedgerSheet *self = SY_LEDGER_SHEET (object);

  clear_layout (self);
  g_array_unref (self->rows);
  g_ptr_array_unref (self->pages);
  g_array_unref (self->photos);
  g_clear_object (&self->event);
  g_free (self->office);
  g_free (self->serial);
  G_OBJECT_CLASS (sy_ledger_sheet_parent_class)->finalize (object);
}

static void
sy_ledger_sheet_class_init (SyLedgerSheetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_ledger_sheet_finalize;
}

static void
sy_ledger_sheet_init (SyLedgerSheet *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
  self->photos = g_array_new (FALSE, TRUE, sizeof (Photo));
  g_array_set_clear_func (self->photos, photo_clear);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

/* --- building rows ------------------------------------------------------ */

static PangoLayout *
label_layout (PangoContext *context, const char *text, double width)
{
  return sy_ledger_text_layout_new (context, SY_LEDGER_FONT_LABEL, text,
                                    width - 2 * SY_LEDGER_CELL_PAD_X, PANGO_ALIGN_CENTER);
}

static double
cell_height (PangoLayout *layout)
{
  return layout ? sy_ledger_text_height (layout) + 2 * SY_LEDGER_CELL_PAD_Y : 0.0;
}

static void
measure_lines (Row *row)
{
  PangoLayoutIter *iter = pango_layout_get_iter (row->value[0]);
  guint i = 0;
  int top = 0;

  row->n_lines = sy_ledger_text_n_lines (row->value[0]);
  row->line_tops = g_new0 (double, row->n_lines + 1);
  do
    {
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      if (i == 0)
        top = y0;
      row->line_tops[i] = (double) (y0 - top) / PANGO_SCALE;
      row->line_tops[i + 1] = (double) (y1 - top) / PANGO_SCALE;
      i++;
    }
  while (i < row->n_lines && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static guint
add_wide (SyLedgerSheet *self,
          PangoContext  *context,
          const char    *label,
          const char    *value,
          gboolean       paragraphs,
          int            max_lines)
{
  Row row = { .kind = ROW_WIDE };
  double text_width = WIDE_WIDTH - 2 * SY_LEDGER_CELL_PAD_X;

  row.label[0] = label_layout (context, label, LABEL_WIDTH);
  if (paragraphs)
    row.value[0] = sy_ledger_text_paragraphs_new (context, SY_LEDGER_FONT_BODY, value, text_width);
  else
    row.value[0] = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_BODY, value,
                                              text_width, PANGO_ALIGN_LEFT);
  if (max_lines > 0)
    sy_ledger_text_limit_lines (row.value[0], max_lines);
  measure_lines (&row);
  row.height = MAX (SY_LEDGER_ROW_MIN_HEIGHT,
                    MAX (cell_height (row.label[0]), cell_height (row.value[0])));
  g_array_append_val (self->rows, row);
  return self->rows->len - 1;
}

static guint
add_pair (SyLedgerSheet *self,
          PangoContext  *context,
          const char    *label1,
          const char    *value1,
          const char    *label2,
          const char    *value2)
{
  Row row = { .kind = ROW_PAIR };
  double text_width = VALUE_WIDTH - 2 * SY_LEDGER_CELL_PAD_X;

  row.label[0] = label_layout (context, label1, LABEL_WIDTH);
  row.label[1] = label_layout (context, label2, LABEL_WIDTH);
  row.value[0] = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_BODY, value1,
                                            text_width, PANGO_ALIGN_LEFT);
  row.value[1] = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_BODY, value2,
                                            text_width, PANGO_ALIGN_LEFT);
  /* A pair row never breaks; an absurdly long place or organiser is cut
   * with an ellipsis rather than pushed off the page. */
  sy_ledger_text_limit_lines (row.value[0], 6);
  sy_ledger_text_limit_lines (row.value[1], 6);
  row.height = SY_LEDGER_ROW_MIN_HEIGHT;
  for (guint i = 0; i < 2; i++)
    row.height = MAX (row.height, MAX (cell_height (row.label[i]), cell_height (row.value[i])));
  g_array_append_val (self->rows, row);
  return self->rows->len - 1;
}

static guint
add_band (SyLedgerSheet *self,
          PangoContext  *context,
          const char    *label)
{
  Row row = { .kind = ROW_BAND };

  row.label[0] = label_layout (context, label, SY_LEDGER_BLOCK_WIDTH);
  row.height = MAX (BAND_HEIGHT, cell_height (row.label[0]));
  g_array_append_val (self->rows, row);
  return self->rows->len - 1;
}

static guint
add_photos (SyLedgerSheet *self,
            PangoContext  *context,
            guint          first,
            guint          n)
{
  Row row = { .kind = ROW_PHOTOS, .first_photo = first, .n_photos = n };
  g_autoptr(PangoLayout) one_line = NULL;

  /* Rows keep their height even with empty captions, so that photo
   * panels on facing pages line up. */
  one_line = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL, "图", -1,
                                        PANGO_ALIGN_LEFT);
  row.caption_height = sy_ledger_text_height (one_line);
  for (guint i = first; i < first + n; i++)
    {
      Photo *photo = &g_array_index (self->photos, Photo, i);

      g_clear_object (&photo->caption_layout);
      photo->caption_layout = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL,
                                                         photo->caption, SY_LEDGER_PHOTO_WIDTH,
                                                         PANGO_ALIGN_CENTER);
      sy_ledger_text_limit_lines (photo->caption_layout, 2);
      row.caption_height = MAX (row.caption_height,
                                sy_ledger_text_height (photo->caption_layout));
    }
  row.height = PHOTO_PAD_TOP + SY_LEDGER_PHOTO_HEIGHT + PHOTO_GAP + row.caption_height + PHOTO_PAD_BOT;
  g_array_append_val (self->rows, row);
  return self->rows->len - 1;
}

static char *
headcount_text (SyEvent *event)
{
  int leaders = sy_event_get_leaders (event);
  int soldiers = sy_event_get_soldiers (event);
  int civilians = sy_event_get_civilians (event);

  return g_strdup_printf ("领导 %d 人　　部队官兵 %d 人　　群众 %d 人　　合计 %d 人",
                          leaders, soldiers, civilians, leaders + soldiers + civilians);
}

/* --- pagination --------------------------------------------------------- */

typedef struct {
  SyLedgerSheet *self;
  GArray        *page;        /* Piece, the page being filled */
  double         y;           /* below the page head */
  gboolean       fresh;       /* nothing but the repeated head on it */
  guint          photo_rows;  /* photo rows on this page */
  double         scale;       /* of the photo rows on this page */
  guint          name_repeat; /* rows shown again on continuation pages */
  guint          band_repeat;
} Flow;

static void
flow_place (Flow *flow, guint row, guint first_line, guint n_lines, double height)
{
  Piece piece = { row, first_line, n_lines, height, flow->scale };

  g_array_append_val (flow->page, piece);
  flow->y += height;
}

static void
flow_new_page (Flow *flow)
{
  Row *name = &g_array_index (flow->self->rows, Row, flow->name_repeat);

  flow->page = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_ptr_array_add (flow->self->pages, flow->page);
  flow->y = 0;
  flow->photo_rows = 0;
  flow->scale = 1.0;
  if (flow->self->pages->len > 1)
    flow_place (flow, flow->name_repeat, 0, name->n_lines, name->height);
  flow->fresh = TRUE;
}

static double
flow_room (Flow *flow)
{
  return SY_LEDGER_BLOCK_HEIGHT - flow->self->head_height - flow->y;
}

/* Makes room for @need, starting a page if this one is too full (a fresh
 * page takes whatever comes: nothing can be gained by another). */
static void
flow_reserve (Flow *flow, double need)
{
  if (!flow->fresh && need > flow_room (flow) + 0.01)
    flow_new_page (flow);
}

static void
flow_text (Flow *flow, guint index)
{
  Row *row = &g_array_index (flow->self->rows, Row, index);
  guint first = 0;

  while (first < row->n_lines)
    {
      guint remaining = row->n_lines - first;
      double avail = flow_room (flow) - 2 * SY_LEDGER_CELL_PAD_Y;
      guint fit = 0;

      while (fit < remaining &&
             row->line_tops[first + fit + 1] - row->line_tops[first] <= avail + 0.01)
        fit++;

      if (fit == remaining)
        {
          double h = first == 0 ? row->height
                     : row->line_tops[row->n_lines] - row->line_tops[first] + 2 * SY_LEDGER_CELL_PAD_Y;
          /* The label needs its minimum height even for a short tail. */
          h = MAX (h, MAX (SY_LEDGER_ROW_MIN_HEIGHT, cell_height (row->label[0])));
          if (h > flow_room (flow) + 0.01 && !flow->fresh)
            {
              flow_new_page (flow);
              continue;
            }
          flow_place (flow, index, first, remaining, h);
          break;
        }

      if (remaining - fit < MIN_LINES && remaining > MIN_LINES)
        fit = remaining - MIN_LINES;
      if (fit < MIN_LINES || row->line_tops[first + fit] - row->line_tops[first]
                             + 2 * SY_LEDGER_CELL_PAD_Y < cell_height (row->label[0]))
        {
          if (!flow->fresh)
            {
              flow_new_page (flow);
              continue;
            }
          fit = MAX (fit, 1);
        }
      flow_place (flow, index, first, fit,
                  row->line_tops[first + fit] - row->line_tops[first] + 2 * SY_LEDGER_CELL_PAD_Y);
      first += fit;
      flow_new_page (flow);
    }
  flow->fresh = FALSE;
}

/* The height of photo row @row at @scale: only the photo box shrinks;
 * paddings and captions keep their size. */
static double
photo_row_height (const Row *row, double scale)
{
  return row->height - (1.0 - scale) * SY_LEDGER_PHOTO_HEIGHT;
}

/* Makes @need (at full photo size, holding @n_new photo rows still to
 * come) fit in what is left of the page by drawing every photo row of the
 * page — those placed already and those to come — at one smaller scale,
 * no smaller than PHOTO_MIN_SCALE.  FALSE, and nothing changed, if even
 * that is not enough.
 *
 * The callers only ask when it saves a page: when the photos that would
 * move on make the continuation page needed at all.  Moving a row back
 * otherwise would only trade a blank at this page's foot for a lone row on
 * the next one, and smaller photos for nothing. */
static gboolean
flow_shrink (Flow *flow, double need, guint n_new)
{
  GArray *rows = flow->self->rows;
  guint n = flow->photo_rows + n_new;
  double placed = flow->photo_rows * flow->scale * SY_LEDGER_PHOTO_HEIGHT;
  double fixed = need - n_new * SY_LEDGER_PHOTO_HEIGHT;
  double scale;

  if (n == 0 || n > ROWS_PER_PAGE)
    return FALSE;
  /* What the photo boxes of the page may take, all of them together. */
  scale = (flow_room (flow) + placed - fixed) / (n * SY_LEDGER_PHOTO_HEIGHT);
  if (scale < PHOTO_MIN_SCALE)
    return FALSE;
  scale = MIN (scale, flow->scale);

  flow->scale = scale;
  flow->y = 0;
  for (guint p = 0; p < flow->page->len; p++)
    {
      Piece *piece = &g_array_index (flow->page, Piece, p);
      Row *row = &g_array_index (rows, Row, piece->row);

      if (row->kind == ROW_PHOTOS)
        {
          piece->scale = scale;
          piece->height = photo_row_height (row, scale);
        }
      flow->y += piece->height;
    }
  return TRUE;
}

static void
flow_block (Flow *flow, guint index, double keep_with)
{
  Row *row = &g_array_index (flow->self->rows, Row, index);

  flow_reserve (flow, row->height + keep_with);
  flow_place (flow, index, 0, 0, row->height);
  flow->fresh = FALSE;
}

static gboolean
last_is_band (Flow *flow)
{
  const Piece *last;

  if (flow->page->len == 0)
    return FALSE;
  last = &g_array_index (flow->page, Piece, flow->page->len - 1);
  return g_array_index (flow->self->rows, Row, last->row).kind == ROW_BAND;
}

static guint
sheet_paginate (SyLedgerSection *section,
                PangoContext    *context)
{
  SyLedgerSheet *self = SY_LEDGER_SHEET (section);
  SyEvent *ev = self->event;
  g_autofree char *date = sy_ledger_text_format_date (sy_event_get_date (ev));
  g_autofree char *heads = headcount_text (ev);
  g_autofree char *meta_left = g_strdup_printf ("填报单位：%s", self->office);
  g_autofree char *meta_right = g_strdup_printf ("编号：%s", self->serial);
  g_autoptr(GArray) flow_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree double *keep = NULL;
  guint n_photo_rows = (self->photos->len + PHOTOS_PER_ROW - 1) / PHOTOS_PER_ROW;
  guint photo_row = 0;
  Flow flow = { self, };

  clear_layout (self);

  self->title[0] = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_TITLE, "活动记录表",
                                              SY_LEDGER_BLOCK_WIDTH, PANGO_ALIGN_CENTER);
  self->title[1] = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_TITLE, "活动记录表（续）",
                                              SY_LEDGER_BLOCK_WIDTH, PANGO_ALIGN_CENTER);
  self->meta_left = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL, meta_left,
                                               SY_LEDGER_BLOCK_WIDTH * 0.7, PANGO_ALIGN_LEFT);
  sy_ledger_text_limit_lines (self->meta_left, 1);
  self->meta_right = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL, meta_right,
                                                -1, PANGO_ALIGN_LEFT);
  self->head_height = sy_ledger_text_height (self->title[0]) + TITLE_GAP +
                      sy_ledger_text_height (self->meta_left) + META_GAP;

#define FLOW(expr) G_STMT_START { guint _r = (expr); g_array_append_val (flow_rows, _r); } G_STMT_END
  FLOW (add_wide (self, context, "活动名称", sy_event_get_title (ev), FALSE, 0));
  FLOW (add_pair (self, context, "活动类型", sy_event_get_kind (ev), "活动时间", date));
  FLOW (add_pair (self, context, "活动地点", sy_event_get_place (ev),
                  "主办单位", sy_event_get_organiser (ev)));
  FLOW (add_wide (self, context, "参加人员", sy_event_get_participants (ev), FALSE, 0));
  FLOW (add_wide (self, context, "参加人数", heads, FALSE, 0));
  FLOW (add_wide (self, context, "主要内容", sy_event_get_content (ev), TRUE, 0));
  FLOW (add_wide (self, context, "活动成效", sy_event_get_outcome (ev), TRUE, 0));
  if (self->photos->len > 0)
    {
      FLOW (add_band (self, context, "活动照片"));
      for (guint i = 0; i < self->photos->len; i += PHOTOS_PER_ROW)
        FLOW (add_photos (self, context, i, MIN (PHOTOS_PER_ROW, self->photos->len - i)));
    }
  FLOW (add_pair (self, context, "记录人", sy_event_get_recorder (ev),
                  "审核人", sy_event_get_reviewer (ev)));
#undef FLOW
  /* Shown only at the top of continuation pages. */
  flow.name_repeat = add_wide (self, context, "活动名称", sy_event_get_title (ev), FALSE, 2);
  flow.band_repeat = add_band (self, context, "活动照片（续）");

  /* Keep-with-next, from the end: a band heading must share its page
   * with the photo row below it (and that row's own follower), the last
   * photo row with the signature row.  A heading is then never the last
   * thing on a page, and the signature never stands alone. */
  keep = g_new0 (double, flow_rows->len);
  for (guint k = flow_rows->len; k-- > 0;)
    {
      Row *row = &g_array_index (self->rows, Row, g_array_index (flow_rows, guint, k));
      Row *next = k + 1 < flow_rows->len
                  ? &g_array_index (self->rows, Row, g_array_index (flow_rows, guint, k + 1)) : NULL;

      if (next == NULL)
        continue;
      if (row->kind == ROW_BAND)
        keep[k] = next->height + keep[k + 1];
      else if (row->kind == ROW_PHOTOS && next->kind == ROW_PAIR)
        keep[k] = next->height;
    }

  flow_new_page (&flow);
  for (guint k = 0; k < flow_rows->len; k++)
    {
      guint index = g_array_index (flow_rows, guint, k);
      Row *row = &g_array_index (self->rows, Row, index);

      switch (row->kind)
        {
        case ROW_WIDE:
          flow_text (&flow, index);
          break;

        case ROW_PAIR:
          flow_block (&flow, index, keep[k]);
          break;

        case ROW_BAND:
          /* Photo rows go two to a continuation page, so pulling the
           * first row back with its band saves a page when an even
           * number of rows is left behind it (none: the signature comes
           * too, and the sheet ends here). */
          if (!flow.fresh && row->height + keep[k] > flow_room (&flow) + 0.01 &&
              (n_photo_rows - 1) % ROWS_PER_PAGE == 0 &&
              flow_shrink (&flow, row->height + keep[k], 1))
            {
              flow_place (&flow, index, 0, 0, row->height);
              flow.fresh = FALSE;
            }
          else
            flow_block (&flow, index, keep[k]);
          break;

        case ROW_PHOTOS:
          /* At most ROWS_PER_PAGE rows a page; rows carried over come
           * under "活动照片（续）".  The row right under a band stays
           * there whatever happens: the band made room for it.  A row
           * that does not fit is drawn smaller with the others of the
           * page instead, if that saves a page (as for the band). */
          if (!last_is_band (&flow) &&
              (flow.photo_rows >= ROWS_PER_PAGE ||
               (!flow.fresh &&
                photo_row_height (row, flow.scale) + keep[k] > flow_room (&flow) + 0.01)) &&
              !((n_photo_rows - 1 - photo_row) % ROWS_PER_PAGE == 0 &&
                flow_shrink (&flow, row->height + keep[k], 1)))
            {
              Row *band = &g_array_index (self->rows, Row, flow.band_repeat);

              flow_new_page (&flow);
              flow_place (&flow, flow.band_repeat, 0, 0, band->height);
            }
          flow_place (&flow, index, 0, 0, photo_row_height (row, flow.scale));
          flow.photo_rows++;
          photo_row++;
          flow.fresh = FALSE;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return self->pages->len;
}

/* --- painting ----------------------------------------------------------- */

static void
shade (cairo_t *cr, double x, double y, double w, double h)
{
  cairo_set_source_rgb (cr, SY_LEDGER_LABEL_SHADE, SY_LEDGER_LABEL_SHADE, SY_LEDGER_LABEL_SHADE);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
}

static void
vline (cairo_t *cr, double x, double y, double h)
{
  cairo_move_to (cr, x, y);
  cairo_rel_line_to (cr, 0, h);
}

/* Centred in the cell both ways (labels are centred layouts as wide as
 * the cell's text area). */
static void
show_centred (cairo_t *cr, PangoLayout *layout, double x, double y, double h)
{
  sy_ledger_text_show (cr, layout, x + SY_LEDGER_CELL_PAD_X,
                       y + (h - sy_ledger_text_height (layout)) / 2);
}

static void
show_value (cairo_t *cr, PangoLayout *layout, guint first, guint n,
            double x, double y, double h)
{
  double th = sy_ledger_text_range_height (layout, first, n);

  sy_ledger_text_show_range (cr, layout, first, n,
                             x + SY_LEDGER_CELL_PAD_X, y + (h - th) / 2);
}

static void
paint_photos (SyLedgerSheet *self, cairo_t *cr, PangoContext *context,
              const Row *row, double scale, double y)
{
  double pw = SY_LEDGER_PHOTO_WIDTH * scale;
  double ph = SY_LEDGER_PHOTO_HEIGHT * scale;
  double cell_w = SY_LEDGER_BLOCK_WIDTH / PHOTOS_PER_ROW;
  /* A lone last photo is centred rather than left in a half-empty row. */
  double x0 = SY_LEDGER_BLOCK_X + (PHOTOS_PER_ROW - row->n_photos) * cell_w / 2;

  for (guint i = 0; i < row->n_photos; i++)
    {
      Photo *photo = &g_array_index (self->photos, Photo, row->first_photo + i);
      g_autoptr(GBytes) bytes = NULL;
      double px = x0 + i * cell_w + PHOTO_PAD_X;
      double py = y + PHOTO_PAD_TOP;

      if (self->loader != NULL)
        bytes = self->loader (photo->hash, self->loader_data);
      /* A smaller photo keeps the centre of its cell; the caption, a
       * centred layout as wide as the full box, stays centred under it. */
      sy_ledger_photo_paint (cr, context, bytes, photo->hash,
                             px + (SY_LEDGER_PHOTO_WIDTH - pw) / 2, py, pw, ph);
      cairo_set_source_rgb (cr, 0, 0, 0);
      sy_ledger_text_show (cr, photo->caption_layout, px, py + ph + PHOTO_GAP);
    }
}

static void
sheet_paint_page (SyLedgerSection *section,
                  guint            index,
                  cairo_t         *cr,
                  PangoContext    *context)
{
  SyLedgerSheet *self = SY_LEDGER_SHEET (section);
  const double bx = SY_LEDGER_BLOCK_X;
  const double bw = SY_LEDGER_BLOCK_WIDTH;
  GArray *pieces;
  double y, table_top;
  RowKind previous = ROW_WIDE;

  g_return_if_fail (index < self->pages->len);
  pieces = g_ptr_array_index (self->pages, index);

  cairo_set_source_rgb (cr, 0, 0, 0);
  y = SY_LEDGER_BLOCK_Y;
  sy_ledger_text_show (cr, self->title[index > 0], bx, y);
  y += sy_ledger_text_height (self->title[index > 0]) + TITLE_GAP;
  sy_ledger_text_show (cr, self->meta_left, bx, y);
  sy_ledger_text_show (cr, self->meta_right, bx + bw - sy_ledger_text_width (self->meta_right), y);
  y += sy_ledger_text_height (self->meta_left) + META_GAP;
  table_top = y;

  for (guint p = 0; p < pieces->len; p++)
    {
      const Piece *piece = &g_array_index (pieces, Piece, p);
      const Row *row = &g_array_index (self->rows, Row, piece->row);
      double h = piece->height;

      /* Fills first, then text, then rules on top of both. */
      switch (row->kind)
        {
        case ROW_WIDE:
          shade (cr, bx, y, LABEL_WIDTH, h);
          show_centred (cr, row->label[0], bx, y, h);
          show_value (cr, row->value[0], piece->first_line, piece->n_lines,
                      bx + LABEL_WIDTH, y, h);
          vline (cr, bx + LABEL_WIDTH, y, h);
          break;

        case ROW_PAIR:
          for (guint c = 0; c < 2; c++)
            {
              double cx = bx + c * (LABEL_WIDTH + VALUE_WIDTH);

              shade (cr, cx, y, LABEL_WIDTH, h);
              show_centred (cr, row->label[c], cx, y, h);
              show_value (cr, row->value[c], 0, sy_ledger_text_n_lines (row->value[c]),
                          cx + LABEL_WIDTH, y, h);
              vline (cr, cx + LABEL_WIDTH, y, h);
              if (c == 1)
                vline (cr, cx, y, h);
            }
          break;

        case ROW_BAND:
          shade (cr, bx, y, bw, h);
          show_centred (cr, row->label[0], bx, y, h);
          break;

        case ROW_PHOTOS:
          paint_photos (self, cr, context, row, piece->scale, y);
          break;

        default:
          g_assert_not_reached ();
        }

      /* Photo rows of one panel are not ruled apart. */
      if (p > 0 && !(row->kind == ROW_PHOTOS && previous == ROW_PHOTOS))
        {
          cairo_move_to (cr, bx, y);
          cairo_rel_line_to (cr, bw, 0);
        }
      cairo_set_line_width (cr, SY_LEDGER_RULE_INNER);
      cairo_stroke (cr);
      previous = row->kind;
      y += h;
    }

  cairo_set_line_width (cr, SY_LEDGER_RULE_OUTER);
  cairo_rectangle (cr, bx, table_top, bw, y - table_top);
  cairo_stroke (cr);
}

static void
section_iface_init (SyLedgerSectionInterface *iface)
{
  iface->paginate = sheet_paginate;
  iface->paint_page = sheet_paint_page;
}

SyLedgerSheet *
sy_ledger_sheet_new (SyEvent             *event,
                     const char          *office,
                     const char          *serial,
                     SyLedgerPhotoLoader  loader,
                     gpointer             loader_data)
{
  SyLedgerSheet *self;

  g_return_val_if_fail (SY_IS_EVENT (event), NULL);

  self = g_object_new (SY_TYPE_LEDGER_SHEET, NULL);
  self->event = g_object_ref (event);
  self->office = g_strdup (office ? office : "");
  self->serial = g_strdup (serial ? serial : "");
  self->loader = loader;
  self->loader_data = loader_data;
  return self;
}

void
sy_ledger_sheet_add_photo (SyLedgerSheet *self,
                           const char    *hash,
                           const char    *caption)
{
  Photo photo = { 0, };

  g_return_if_fail (SY_IS_LEDGER_SHEET (self));

  photo.hash = g_strdup (hash);
  photo.caption = g_strdup (caption ? caption : "");
  g_array_append_val (self->photos, photo);
}

SyEvent *
sy_ledger_sheet_get_event (SyLedgerSheet *self)
{
  g_return_val_if_fail (SY_IS_LEDGER_SHEET (self), NULL);

  return self->event;
}
