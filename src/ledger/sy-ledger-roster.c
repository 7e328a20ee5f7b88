/* sy-ledger-roster.c: the 发放花名册 of a disbursement run, and its 公示 version
 *
 * Everything printed is prepared when the roster is made: the cells' texts
 * (masked for 公示), the amounts and the total with its 大写, reconciled
 * before a page exists.  Pagination measures every row (long names and
 * categories wrap inside their cells, at most MAX_CELL_LINES lines, so no
 * row can outgrow a page), fills pages with as many rows as fit above the
 * 本页小计 row, and keeps at least one row with the 合计 and the signature
 * blocks on the last page.  Each page's subtotal is known only then; the
 * export checks that the subtotals add up to the 合计 before writing.
 */
#include "sy-ledger-roster.h"
#include "sy-ledger-grid.h"
#include "sy-ledger-pdf.h"
#include "sy-export-file.h"
#include "sy-ledger-style.h"
#include "sy-ledger-text.h"
#include "sy-period.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

/* Landscape A4 with 20 mm side margins: a 257 mm table. */
#define PAGE_WIDTH      SY_LEDGER_PAGE_HEIGHT
#define PAGE_HEIGHT     SY_LEDGER_PAGE_WIDTH
#define BLOCK_X         SY_LEDGER_MM (20.0)
#define BLOCK_Y         SY_LEDGER_MM (15.0)
#define BLOCK_WIDTH     (PAGE_WIDTH - 2 * BLOCK_X)
/* Ends 23 mm above the lower edge: a book that includes the roster puts
 * its own page number below it. */
#define BLOCK_HEIGHT    SY_LEDGER_MM (172.0)
#define TITLE_GAP       SY_LEDGER_MM (2.5)
#define META_GAP        SY_LEDGER_MM (2.0)
#define FOLIO_GAP       SY_LEDGER_MM (2.0)
#define SIGN_GAP        SY_LEDGER_MM (5.0)
#define SIGN_LINE_GAP   SY_LEDGER_MM (3.0)
#define HEADER_MIN      SY_LEDGER_MM (8.0)
#define ROW_MIN_INTERNAL SY_LEDGER_MM (9.0)  /* room to sign or press a thumb */
#define ROW_MIN_PUBLIC  SY_LEDGER_MM (7.0)
#define FOOT_MIN        SY_LEDGER_MM (8.0)
#define MAX_CELL_LINES  3

typedef enum {
  FIELD_SERIAL,
  FIELD_NAME,
  FIELD_ID,
  FIELD_CATEGORY,
  FIELD_VILLAGE,
  FIELD_STANDARD,
  FIELD_MONTHS,
  FIELD_AMOUNT,
  FIELD_ACCOUNT,
  FIELD_SIGN,
  FIELD_NOTE,
  N_FIELDS
} Field;

typedef struct {
  Field          field;
  const char    *title;
  double         width_mm;
  PangoAlignment align;
} Column;

/* Widths add up to the 257 mm table.  An ID number (18 digits), a bank
 * account (up to 19), a name of four characters, 12,000.00 as a standard
 * and 999,999.99 as an amount fit on one line at the small size; the
 * amounts are in 元 (the line above the table says so). */
static const Column internal_columns[] = {
  { FIELD_SERIAL,   "序号",      12, PANGO_ALIGN_CENTER },
  { FIELD_NAME,     "姓名",      24, PANGO_ALIGN_LEFT },
  { FIELD_ID,       "身份证号",  42, PANGO_ALIGN_LEFT },
  { FIELD_CATEGORY, "类别",      28, PANGO_ALIGN_LEFT },
  { FIELD_STANDARD, "标准",      23, PANGO_ALIGN_RIGHT },
  { FIELD_MONTHS,   "月数",      12, PANGO_ALIGN_CENTER },
  { FIELD_AMOUNT,   "金额",      27, PANGO_ALIGN_RIGHT },
  { FIELD_ACCOUNT,  "账号",      44, PANGO_ALIGN_LEFT },
  { FIELD_SIGN,     "签名/指印", 22, PANGO_ALIGN_CENTER },
  { FIELD_NOTE,     "备注",      23, PANGO_ALIGN_LEFT },
};

static const Column public_columns[] = {
  { FIELD_SERIAL,   "序号",          12, PANGO_ALIGN_CENTER },
  { FIELD_NAME,     "姓名",          26, PANGO_ALIGN_LEFT },
  { FIELD_ID,       "身份证号",      42, PANGO_ALIGN_LEFT },
  { FIELD_CATEGORY, "类别",          36, PANGO_ALIGN_LEFT },
  { FIELD_VILLAGE,  "所属村（社区）", 40, PANGO_ALIGN_LEFT },
  { FIELD_STANDARD, "标准",          24, PANGO_ALIGN_RIGHT },
  { FIELD_MONTHS,   "月数",          12, PANGO_ALIGN_CENTER },
  { FIELD_AMOUNT,   "金额",          28, PANGO_ALIGN_RIGHT },
  { FIELD_NOTE,     "备注",          37, PANGO_ALIGN_LEFT },
};

typedef struct {
  char        *text[N_FIELDS];
  gint64       amount;
  PangoLayout *cell[N_FIELDS];  /* by column index, after pagination */
  double       height;
} Row;

typedef struct {
  guint        first;
  guint        n;
  gint64       subtotal;
  PangoLayout *foot_label;
  PangoLayout *foot_amount;
  PangoLayout *folio;
} Page;

struct _SyLedgerRoster
{
  GObject parent_instance;

  SyDatabase    *db;
  gint64         batch_id;
  SyMaskProfile  profile;
  const Column  *columns;
  guint          n_columns;
  SyLedgerGrid  *grid;
  guint          amount_column;

  char          *title;
  char          *office;
  char          *period;
  char          *date;   /* today, "2026年11月29日" */
  GArray        *rows;   /* Row */
  gint64         total;
  char          *total_words;

  /* Pagination. */
  GArray        *pages;  /* Page */
  PangoLayout   *title_layout;
  PangoLayout   *meta[3];
  PangoLayout   *heads[N_FIELDS];
  double         header_height;
  double         foot_height;
  PangoLayout   *total_label;
  PangoLayout   *total_amount;
  GPtrArray     *sign_lines;   /* PangoLayout, the blocks under the table */
  double         sign_height;
  double         folio_height;
  double         head_height;  /* title and meta */
};

static void section_iface_init (SyLedgerSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SyLedgerRoster, sy_ledger_roster, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SY_TYPE_LEDGER_SECTION,
                                                      section_iface_init))

static void
row_clear (gpointer data)
{
  Row *row = data;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_free (row->text[i]);
      g_clear_object (&row->cell[i]);
    }
}

static void
page_clear (gpointer data)
{
  Page *page = data;

  g_clear_object (&page->foot_label);
  g_clear_object (&page->foot_amount);
  g_clear_object (&page->folio);
}

static void
clear_layout (SyLedgerRoster *self)
{
  g_array_set_size (self->pages, 0);
  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = &g_array_index (self->rows, Row, r);

      for (guint i = 0; i < N_FIELDS; i++)
        g_clear_object (&row->cell[i]);
    }
  g_clear_object (&self->title_layout);
  for (guint i = 0; i < G_N_ELEMENTS (self->meta); i++)
    g_clear_object (&self->meta[i]);
  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_object (&self->heads[i]);
  g_clear_object (&self->total_label);
  g_clear_object (&self->total_amount);
  g_ptr_array_set_size (self->sign_lines, 0);
}

static void
sy_ledger_roster_finalize (GObject *object)
{
  SyLedgerRoster *self = SY_LEDGER_ROSTER (object);

  clear_layout (self);
  g_array_unref (self->pages);
  g_array_unref (self->rows);
  g_ptr_array_unref (self->sign_lines);
  g_clear_object (&self->db);
  g_clear_pointer (&self->grid, sy_ledger_grid_free);
  g_free (self->title);
  g_free (self->office);
  g_free (self->period);
  g_free (self->date);
  g_free (self->total_words);
  G_OBJECT_CLASS (sy_ledger_roster_parent_class)->finalize (object);
}

static void
sy_ledger_roster_class_init (SyLedgerRosterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_ledger_roster_finalize;
}

static void
sy_ledger_roster_init (SyLedgerRoster *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
  self->pages = g_array_new (FALSE, TRUE, sizeof (Page));
  g_array_set_clear_func (self->pages, page_clear);
  self->sign_lines = g_ptr_array_new_with_free_func (g_object_unref);
}

/* --- reading the run ---------------------------------------------------- */

static char *
office_name (SyDatabase *db, GError **error)
{
  g_autofree char *setting = sy_database_get_setting (db, "office-name");
  g_autoptr(SyUnit) office = NULL;
  g_autoptr(GError) local_error = NULL;

  if (setting != NULL && *g_strstrip (setting) != '\0')
    return g_steal_pointer (&setting);
  office = sy_queries_office (db, &local_error);
  if (office == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_strdup (office ? sy_unit_get_name (office) : "");
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || *text == '\0';
}

/* 备注: what a reader of the roster needs to understand an amount. */
static char *
note_text (SyDisbursementLine *line)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *topups = sy_disbursement_line_get_topups (line);
  const char *reason = sy_disbursement_line_get_adjust_reason (line);
  const char *note = sy_disbursement_line_get_note (line);
  const char *fail = sy_disbursement_line_get_fail_reason (line);

  if (sy_disbursement_line_get_source_line_id (line) != 0)
    g_ptr_array_add (parts, g_strdup ("补发"));
  if (!is_blank (topups))
    g_ptr_array_add (parts, g_strdup_printf ("含%s加发", topups));
  if (!is_blank (reason))
    g_ptr_array_add (parts, g_strdup_printf ("调整：%s", reason));
  if (g_strcmp0 (sy_disbursement_line_get_status (line), "failed") == 0)
    g_ptr_array_add (parts, g_strdup_printf ("发放失败%s%s", is_blank (fail) ? "" : "：",
                                             is_blank (fail) ? "" : fail));
  if (!is_blank (note))
    g_ptr_array_add (parts, g_strdup (note));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("；", (char **) parts->pdata);
}

static gboolean
add_lines (SyLedgerRoster *self, GListModel *lines, GError **error)
{
  guint n = g_list_model_get_n_items (lines);

  self->total = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyDisbursementLine) line = g_list_model_get_item (lines, i);
      const char *id_number = sy_disbursement_line_get_id_number (line);
      gint64 amount = sy_disbursement_line_get_amount_fen (line);
      int months = sy_disbursement_line_get_months (line);
      Row row = { 0, };

      if (amount < 0 || self->total > G_MAXINT64 - amount)
        {
          g_autofree char *figures = sy_money_format (amount);

          g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                       _("Line %u (%s) has an amount that cannot be printed on a "
                         "roster: %s."),
                       i + 1, sy_disbursement_line_get_recipient_name (line), figures);
          return FALSE;
        }
      self->total += amount;
      row.amount = amount;
      row.text[FIELD_SERIAL] = g_strdup_printf ("%u", i + 1);
      row.text[FIELD_NAME] = g_strdup (sy_disbursement_line_get_recipient_name (line));
      if (is_blank (id_number))
        row.text[FIELD_ID] = g_strdup ("");
      else if (self->profile == SY_MASK_INTERNAL)
        row.text[FIELD_ID] = g_strdup (id_number);
      else
        row.text[FIELD_ID] = sy_mask_id_number (id_number);
      row.text[FIELD_CATEGORY] = g_strdup (sy_disbursement_line_get_category (line));
      row.text[FIELD_VILLAGE] = g_strdup (sy_disbursement_line_get_village (line));
      row.text[FIELD_STANDARD] = sy_money_format (sy_disbursement_line_get_standard_fen (line));
      /* A one-off payment (慰问金) covers no months. */
      row.text[FIELD_MONTHS] = months > 0 ? g_strdup_printf ("%d", months) : g_strdup ("—");
      row.text[FIELD_AMOUNT] = sy_money_format (amount);
      if (self->profile == SY_MASK_INTERNAL)
        row.text[FIELD_ACCOUNT] = g_strdup (sy_disbursement_line_get_account (line));
      row.text[FIELD_SIGN] = g_strdup ("");
      row.text[FIELD_NOTE] = note_text (line);
      g_array_append_val (self->rows, row);
    }
  return TRUE;
}

/* "2025年第四季度" for "2025-Q4"; a period that does not parse is shown
 * as stored. */
static char *
period_label (const char *period)
{
  SyPeriod parsed;

  if (period != NULL && sy_period_parse (period, &parsed, NULL))
    return sy_period_to_label (&parsed);
  return g_strdup (period ? period : "");
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_strdup_printf ("%d年%d月%d日", g_date_time_get_year (now),
                          g_date_time_get_month (now),
                          g_date_time_get_day_of_month (now));
}

SyLedgerRoster *
sy_ledger_roster_new (SyDatabase     *db,
                      gint64          batch_id,
                      SyMaskProfile   profile,
                      GError        **error)
{
  g_autoptr(SyLedgerRoster) self = NULL;
  g_autoptr(SyDisbursementBatch) batch = NULL;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, batch_id);
  double widths[N_FIELDS];
  gboolean draft;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  batch = sy_database_load (db, SY_TYPE_DISBURSEMENT_BATCH, batch_id, &local_error);
  if (batch == NULL)
    {
      if (g_error_matches (local_error, SY_ERROR, SY_ERROR_NOT_FOUND))
        g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND,
                     _("There is no disbursement run %s."), id_text);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  self = g_object_new (SY_TYPE_LEDGER_ROSTER, NULL);
  self->db = g_object_ref (db);
  self->batch_id = batch_id;
  self->profile = profile == SY_MASK_INTERNAL ? SY_MASK_INTERNAL : SY_MASK_PUBLIC;
  if (self->profile == SY_MASK_INTERNAL)
    {
      self->columns = internal_columns;
      self->n_columns = G_N_ELEMENTS (internal_columns);
    }
  else
    {
      self->columns = public_columns;
      self->n_columns = G_N_ELEMENTS (public_columns);
    }
  for (guint c = 0; c < self->n_columns; c++)
    {
      widths[c] = SY_LEDGER_MM (self->columns[c].width_mm);
      if (self->columns[c].field == FIELD_AMOUNT)
        self->amount_column = c;
    }
  self->grid = sy_ledger_grid_new (BLOCK_X, widths, self->n_columns);

  self->office = office_name (db, error);
  if (self->office == NULL)
    return NULL;
  /* A draft is not money yet: it may be printed for checking, but says so. */
  draft = g_strcmp0 (sy_disbursement_batch_get_state (batch), "draft") == 0;
  self->title = g_strdup_printf ("%s%s%s", sy_disbursement_batch_get_title (batch),
                                 self->profile == SY_MASK_INTERNAL ? "发放花名册" : "公示名单",
                                 draft ? "（草稿）" : "");
  self->period = period_label (sy_disbursement_batch_get_period (batch));
  self->date = today_text ();

  lines = sy_queries_batch_lines (db, batch_id, error);
  if (lines == NULL || !add_lines (self, lines, error))
    return NULL;

  /* What will be printed as 合计 and 大写 must read back as the lines' sum. */
  self->total_words = sy_money_to_chinese (self->total, error);
  if (self->total_words == NULL
      || !sy_money_reconcile (self->total, self->total, self->total_words, -1, error))
    return NULL;
  return g_steal_pointer (&self);
}

gint64
sy_ledger_roster_get_total_fen (SyLedgerRoster *self)
{
  g_return_val_if_fail (SY_IS_LEDGER_ROSTER (self), 0);
  return self->total;
}

guint
sy_ledger_roster_get_n_lines (SyLedgerRoster *self)
{
  g_return_val_if_fail (SY_IS_LEDGER_ROSTER (self), 0);
  return self->rows->len;
}

/* --- pagination --------------------------------------------------------- */

static double
cell_height (PangoLayout *layout)
{
  return sy_ledger_grid_cell_height (layout);
}

static PangoLayout *
cell_layout (PangoContext *context, SyLedgerFont font, const char *text,
             double width, PangoAlignment align)
{
  PangoLayout *layout = sy_ledger_grid_cell_new (context, font, text, width, align);

  /* An absurdly long name or note is cut with an ellipsis rather than
   * pushing the row off the page. */
  sy_ledger_text_limit_lines (layout, MAX_CELL_LINES);
  return layout;
}

/* "本页小计（N 人）  大写：…" left of the amount column, and the figures. */
static void
make_foot (SyLedgerRoster *self, PangoContext *context, const char *label,
           guint n, gint64 amount, PangoLayout **label_layout, PangoLayout **amount_layout)
{
  g_autofree char *words = sy_money_to_chinese (amount, NULL);
  g_autofree char *figures = sy_money_format (amount);
  /* One space only: a wider gap reads as a column break to PDF text
   * extraction, which would part the label from its amount in words. */
  g_autofree char *text = g_strdup_printf ("%s（%u 人）　大写：%s", label, n, words);

  *label_layout = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL_SANS, text,
                                             sy_ledger_grid_span_width (self->grid, 0,
                                                                        self->amount_column)
                                             - 2 * SY_LEDGER_CELL_PAD_X,
                                             PANGO_ALIGN_LEFT);
  *amount_layout = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL, figures,
                                              self->grid->widths[self->amount_column]
                                              - 2 * SY_LEDGER_CELL_PAD_X,
                                              PANGO_ALIGN_RIGHT);
}

static void
add_sign_line (SyLedgerRoster *self, PangoContext *context, const char *text,
               PangoAlignment align)
{
  g_ptr_array_add (self->sign_lines,
                   sy_ledger_text_layout_new (context, SY_LEDGER_FONT_BODY, text,
                                              BLOCK_WIDTH, align));
}

static void
make_sign_blocks (SyLedgerRoster *self, PangoContext *context)
{
  if (self->profile == SY_MASK_INTERNAL)
    {
      g_autofree char *date = g_strdup_printf ("制表日期：%s", self->date);

      add_sign_line (self, context,
                     "制表人：＿＿＿＿＿＿＿＿　　　　　　审核人：＿＿＿＿＿＿＿＿"
                     "　　　　　　负责人：＿＿＿＿＿＿＿＿",
                     PANGO_ALIGN_LEFT);
      add_sign_line (self, context, date, PANGO_ALIGN_RIGHT);
    }
  else
    {
      g_autofree char *objection =
        g_strdup_printf ("公示期间如有异议，请向%s反映。", self->office);
      g_autofree char *signed_by = g_strdup_printf ("%s　　%s", self->office, self->date);

      add_sign_line (self, context,
                     "公示期：　　　年　　月　　日至　　　年　　月　　日",
                     PANGO_ALIGN_LEFT);
      add_sign_line (self, context, objection, PANGO_ALIGN_LEFT);
      add_sign_line (self, context, signed_by, PANGO_ALIGN_RIGHT);
    }
  self->sign_height = SIGN_GAP;
  for (guint i = 0; i < self->sign_lines->len; i++)
    self->sign_height += sy_ledger_text_height (g_ptr_array_index (self->sign_lines, i))
                         + (i > 0 ? SIGN_LINE_GAP : 0);
}

static void
measure_rows (SyLedgerRoster *self, PangoContext *context)
{
  double row_min = self->profile == SY_MASK_INTERNAL ? ROW_MIN_INTERNAL : ROW_MIN_PUBLIC;

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = &g_array_index (self->rows, Row, r);

      row->height = row_min;
      for (guint c = 0; c < self->n_columns; c++)
        {
          const Column *col = &self->columns[c];

          row->cell[c] = cell_layout (context, SY_LEDGER_FONT_SMALL, row->text[col->field],
                                      self->grid->widths[c], col->align);
          row->height = MAX (row->height, cell_height (row->cell[c]));
        }
    }
}

static void
add_page (SyLedgerRoster *self, guint first, guint n)
{
  Page page = { first, n, 0, };

  for (guint r = first; r < first + n; r++)
    page.subtotal += g_array_index (self->rows, Row, r).amount;
  g_array_append_val (self->pages, page);
}

static guint
roster_paginate (SyLedgerSection *section,
                 PangoContext    *context)
{
  SyLedgerRoster *self = SY_LEDGER_ROSTER (section);
  g_autofree char *unit = g_strdup_printf ("填报单位：%s", self->office);
  g_autofree char *period = g_strdup_printf ("发放期间：%s", self->period ? self->period : "");
  g_autoptr(PangoLayout) probe = NULL;
  const char *titles[N_FIELDS];
  double body, last_extra, total_height;
  guint r = 0, n = self->rows->len;

  clear_layout (self);

  self->title_layout = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_TITLE, self->title,
                                                  BLOCK_WIDTH, PANGO_ALIGN_CENTER);
  sy_ledger_text_limit_lines (self->title_layout, 2);
  self->meta[0] = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL, unit,
                                             BLOCK_WIDTH * 0.45, PANGO_ALIGN_LEFT);
  sy_ledger_text_limit_lines (self->meta[0], 1);
  self->meta[1] = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL, period,
                                             BLOCK_WIDTH * 0.3, PANGO_ALIGN_CENTER);
  sy_ledger_text_limit_lines (self->meta[1], 1);
  self->meta[2] = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL, "金额单位：元",
                                             BLOCK_WIDTH * 0.25, PANGO_ALIGN_RIGHT);
  sy_ledger_text_limit_lines (self->meta[2], 1);
  self->head_height = sy_ledger_text_height (self->title_layout) + TITLE_GAP
                      + sy_ledger_text_height (self->meta[0]) + META_GAP;

  for (guint c = 0; c < self->n_columns; c++)
    titles[c] = self->columns[c].title;
  self->header_height = sy_ledger_grid_header_new (self->grid, context, titles, HEADER_MIN,
                                                   self->heads);
  measure_rows (self, context);

  /* The foot rows get two lines: a long 大写 may wrap. */
  probe = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL_SANS, "合\n计", -1,
                                     PANGO_ALIGN_LEFT);
  self->foot_height = MAX (FOOT_MIN, cell_height (probe));
  make_foot (self, context, "合计", n, self->total, &self->total_label, &self->total_amount);
  total_height = MAX (FOOT_MIN, MAX (cell_height (self->total_label),
                                     cell_height (self->total_amount)));
  make_sign_blocks (self, context);
  g_clear_object (&probe);
  probe = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL, "第 1 页 共 1 页", -1,
                                     PANGO_ALIGN_CENTER);
  self->folio_height = sy_ledger_text_height (probe) + FOLIO_GAP;

  body = BLOCK_HEIGHT - self->head_height - self->header_height - self->foot_height
         - self->folio_height;
  last_extra = total_height + self->sign_height;

  /* Rows are at most MAX_CELL_LINES lines high, so one always fits on a
   * page together with the 合计 and the signatures. */
  do
    {
      guint first = r;
      double used = 0;

      while (r < n && used + g_array_index (self->rows, Row, r).height <= body + 0.01)
        used += g_array_index (self->rows, Row, r++).height;
      if (r == first && r < n)
        used += g_array_index (self->rows, Row, r++).height;
      /* The last rows need room for the tail: leave some for another
       * page, but never the 合计 alone on it. */
      if (r == n)
        while (r > first + 1 && used + last_extra > body + 0.01)
          used -= g_array_index (self->rows, Row, --r).height;
      add_page (self, first, r - first);
    }
  while (r < n);

  for (guint p = 0; p < self->pages->len; p++)
    {
      Page *page = &g_array_index (self->pages, Page, p);
      g_autofree char *folio = g_strdup_printf ("第 %u 页 共 %u 页", p + 1, self->pages->len);

      make_foot (self, context, "本页小计", page->n, page->subtotal,
                 &page->foot_label, &page->foot_amount);
      page->folio = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL, folio,
                                               BLOCK_WIDTH, PANGO_ALIGN_CENTER);
    }
  return self->pages->len;
}

/* --- painting ----------------------------------------------------------- */

/* A foot row: the label across the columns before the amount, the figures
 * under the amounts, the columns after it left empty. */
static double
paint_foot (SyLedgerRoster *self, cairo_t *cr, PangoLayout *label, PangoLayout *amount,
            double y, double min_height)
{
  double ax = sy_ledger_grid_column_x (self->grid, self->amount_column);
  double aw = self->grid->widths[self->amount_column];
  double h = MAX (min_height, MAX (cell_height (label), cell_height (amount)));

  sy_ledger_grid_show_in_cell (cr, label, BLOCK_X, y, h);
  sy_ledger_grid_show_in_cell (cr, amount, ax, y, h);
  sy_ledger_grid_hline (cr, BLOCK_X, y, BLOCK_WIDTH);
  sy_ledger_grid_vline (cr, ax, y, h);
  sy_ledger_grid_vline (cr, ax + aw, y, h);
  cairo_set_line_width (cr, SY_LEDGER_RULE_INNER);
  cairo_stroke (cr);
  return h;
}

static void
roster_paint_page (SyLedgerSection *section,
                   guint            index,
                   cairo_t         *cr,
                   PangoContext    *context)
{
  SyLedgerRoster *self = SY_LEDGER_ROSTER (section);
  const Page *page;
  double y, table_top;
  gboolean last;

  g_return_if_fail (index < self->pages->len);
  page = &g_array_index (self->pages, Page, index);
  last = index + 1 == self->pages->len;

  cairo_set_source_rgb (cr, 0, 0, 0);
  y = BLOCK_Y;
  sy_ledger_text_show (cr, self->title_layout, BLOCK_X, y);
  y += sy_ledger_text_height (self->title_layout) + TITLE_GAP;
  sy_ledger_text_show (cr, self->meta[0], BLOCK_X, y);
  sy_ledger_text_show (cr, self->meta[1], BLOCK_X + (BLOCK_WIDTH - BLOCK_WIDTH * 0.3) / 2, y);
  sy_ledger_text_show (cr, self->meta[2], BLOCK_X + BLOCK_WIDTH * 0.75, y);
  y += sy_ledger_text_height (self->meta[0]) + META_GAP;
  table_top = y;

  /* The header row, on every page; column rules through the header and
   * the rows only: the foot rows merge cells. */
  sy_ledger_grid_paint_header (self->grid, cr, self->heads, y, self->header_height);
  y += self->header_height;

  for (guint r = page->first; r < page->first + page->n; r++)
    {
      Row *row = &g_array_index (self->rows, Row, r);

      sy_ledger_grid_paint_row (self->grid, cr, row->cell, NULL, NULL, y, row->height);
      y += row->height;
    }

  y += paint_foot (self, cr, page->foot_label, page->foot_amount, y, FOOT_MIN);
  if (last)
    y += paint_foot (self, cr, self->total_label, self->total_amount, y, FOOT_MIN);

  sy_ledger_grid_paint_frame (self->grid, cr, table_top, y);

  if (last)
    {
      y += SIGN_GAP;
      for (guint i = 0; i < self->sign_lines->len; i++)
        {
          PangoLayout *layout = g_ptr_array_index (self->sign_lines, i);

          sy_ledger_text_show (cr, layout, BLOCK_X, y);
          y += sy_ledger_text_height (layout) + SIGN_LINE_GAP;
        }
    }

  sy_ledger_text_show (cr, page->folio, BLOCK_X,
                       BLOCK_Y + BLOCK_HEIGHT - sy_ledger_text_height (page->folio));
}

static void
roster_get_page_size (SyLedgerSection *section,
                      guint            index,
                      double          *width,
                      double          *height)
{
  *width = PAGE_WIDTH;
  *height = PAGE_HEIGHT;
}

static void
section_iface_init (SyLedgerSectionInterface *iface)
{
  iface->paginate = roster_paginate;
  iface->paint_page = roster_paint_page;
  iface->get_page_size = roster_get_page_size;
}

/* --- export ------------------------------------------------------------- */

typedef struct {
  SyLedgerRoster *self;
  PangoContext   *context;
} Export;

static void
export_page_size (gpointer data, guint index, double *width, double *height)
{
  *width = PAGE_WIDTH;
  *height = PAGE_HEIGHT;
}

static void
export_render_page (gpointer data, guint index, cairo_t *cr)
{
  Export *ex = data;

  sy_ledger_section_paint_page (SY_LEDGER_SECTION (ex->self), index, cr, ex->context);
}

/* The pages must add up to what the last one prints as 合计. */
static gboolean
check_pages (SyLedgerRoster *self, GError **error)
{
  gint64 pages_total = 0;
  guint pages_lines = 0;

  for (guint p = 0; p < self->pages->len; p++)
    {
      const Page *page = &g_array_index (self->pages, Page, p);

      pages_total += page->subtotal;
      pages_lines += page->n;
    }
  if (pages_lines != self->rows->len)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_FAILED,
                   _("The roster’s pages show %u lines, but the run has %u."),
                   pages_lines, self->rows->len);
      return FALSE;
    }
  return sy_money_reconcile (pages_total, self->total, self->total_words, -1, error);
}

gboolean
sy_ledger_roster_export_pdf (SyLedgerRoster   *self,
                             const char       *path,
                             SyLedgerProgress  progress,
                             gpointer          user_data,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_autoptr(PangoFontMap) font_map = NULL;
  PangoContext *context = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *members = NULL;
  SyLedgerPdfPages pages = { 0, };
  Export ex;

  g_return_val_if_fail (SY_IS_LEDGER_ROSTER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A font map of its own: Pango's default one belongs to the thread that
   * made it, and the export may run in a worker. */
  font_map = pango_cairo_font_map_new ();
  context = sy_ledger_text_context_new (font_map);
  ex.self = self;
  ex.context = context;

  pages.n_pages = sy_ledger_section_paginate (SY_LEDGER_SECTION (self), context);
  if (!check_pages (self, error))
    {
      g_object_unref (context);
      return FALSE;
    }
  pages.page_size = export_page_size;
  pages.render_page = export_render_page;
  pages.data = &ex;
  pages.title = self->title;
  pages.author = self->office;

  tmp_path = sy_ledger_pdf_write_temp (path, &pages, progress, user_data, cancellable, error);
  g_object_unref (context);
  if (tmp_path == NULL)
    return FALSE;

  /* The file and its log entry, both or neither. */
  members = g_strdup_printf ("\"profile\":\"%s\",\"lines\":%u,\"total_fen\":%" G_GINT64_FORMAT
                             ",\"pages\":%u",
                             sy_mask_profile_to_string (self->profile), self->rows->len,
                             self->total, pages.n_pages);
  return sy_export_file_commit (self->db, tmp_path, path, "disbursement_batch", self->batch_id,
                                members, sy_ledger_pdf_install, error);
}
