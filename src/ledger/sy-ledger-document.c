/* sy-ledger-document.c: the 台帐 (ledger) of an office for a span of years
 *
 * The book: cover, 目录, then one volume per 考评 standard (DOMAIN.md: the
 * review reads evidence by the eight basic standards), each opened by a
 * divider page and holding its evidence in date order — activity record
 * sheets, the leading-group roster, plans, payment rosters, documents and
 * the yearly visit registers.
 *
 * A piece of evidence goes into the volume of every standard it is linked
 * to (assessment_link, through a sub-item or, for a plan, through its
 * items).  Unlinked evidence goes where a reviewer would look for it:
 * meetings, plans and the leading group under standard 1, visits, rosters
 * and visit registers under 2, documents under 3 unless their tags say
 * otherwise, 共建 activities under 4, publicity under 5, help to the
 * locality under 6, every other activity under 7.
 *
 * The document is a list of sections and a page table mapping every
 * physical page to a section and its page in it.  Pagination runs once: the
 * 目录 is paginated before the sections get their page numbers (its length
 * does not depend on them), then the numbers are filled in.
 *
 * Photos are painted from their print copies (sy-photo-print.h): the
 * export makes the missing ones first, on all cores, then only reads the
 * cache while it streams the pages.
 */
#include "sy-ledger-document.h"
#include "sy-ledger-cover.h"
#include "sy-ledger-divider.h"
#include "sy-ledger-embed.h"
#include "sy-ledger-pdf.h"
#include "sy-ledger-photo.h"
#include "sy-ledger-plan.h"
#include "sy-ledger-roster.h"
#include "sy-ledger-sheet.h"
#include "sy-ledger-style.h"
#include "sy-ledger-table.h"
#include "sy-ledger-text.h"
#include "sy-ledger-toc.h"
#include "sy-photo-print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>

#define LEDGER_TITLE "双拥工作台帐"
#define N_VOLUMES 8

typedef struct {
  SyLedgerSection *section;  /* borrowed from self->sections */
  guint            part;
} PageRef;

/* In the order evidence of one day is bound. */
typedef enum {
  EVIDENCE_LEADING_GROUP,
  EVIDENCE_PLAN,
  EVIDENCE_EVENT,
  EVIDENCE_DOCUMENT,
  EVIDENCE_RUN,
  EVIDENCE_VISITS,
} EvidenceKind;

typedef struct {
  EvidenceKind kind;
  gint64       id;       /* the record's id; the year for EVIDENCE_VISITS */
  char        *date;     /* YYYY-MM-DD, the sort key */
  guint        volumes;  /* SY_LEDGER_VOLUME bits */
} Evidence;

typedef struct {
  gint64  id;            /* the top-level assessment item, 0 if missing */
  char   *title;
  char   *description;
} Volume;

struct _SyLedgerDocument
{
  GObject parent_instance;

  SyDatabase        *db;
  int                from_year;
  int                to_year;
  char              *compiler;
  guint              volumes;
  SyMaskProfile      profile;
  int                dpi;
  gint64             unit_id;

  PangoFontMap      *font_map;
  PangoContext      *context;
  SyPhotoPrintCache *photos;

  char              *office;
  GPtrArray         *sections;   /* SyLedgerSection */
  GArray            *pages;      /* PageRef */
  SyLedgerToc       *toc;
  guint              toc_first_page;  /* 1-based */
  GPtrArray         *photo_hashes;    /* char *, every photo a sheet shows */
  gboolean           laid_out;
};

G_DEFINE_FINAL_TYPE (SyLedgerDocument, sy_ledger_document, G_TYPE_OBJECT)

static void
sy_ledger_document_finalize (GObject *object)
{
  SyLedgerDocument *self = SY_LEDGER_DOCUMENT (object);

  g_clear_object (&self->db);
  g_free (self->compiler);
  g_free (self->office);
  g_ptr_array_unref (self->sections);
  g_array_unref (self->pages);
  g_ptr_array_unref (self->photo_hashes);
  g_clear_object (&self->toc);
  g_clear_object (&self->photos);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
  G_OBJECT_CLASS (sy_ledger_document_parent_class)->finalize (object);
}

static void
sy_ledger_document_class_init (SyLedgerDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_ledger_document_finalize;
}

static void
sy_ledger_document_init (SyLedgerDocument *self)
{
  self->sections = g_ptr_array_new_with_free_func (g_object_unref);
  self->pages = g_array_new (FALSE, FALSE, sizeof (PageRef));
  self->photo_hashes = g_ptr_array_new_with_free_func (g_free);
  /* A font map of its own: Pango's default one belongs to the thread that
   * made it, and the export may run in a worker. */
  self->font_map = pango_cairo_font_map_new ();
  self->context = sy_ledger_text_context_new (self->font_map);
}

SyLedgerDocument *
sy_ledger_document_new (SyDatabase            *db,
                        const SyLedgerOptions *options)
{
  SyLedgerDocument *self;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  self = g_object_new (SY_TYPE_LEDGER_DOCUMENT, NULL);
  self->db = g_object_ref (db);
  self->from_year = options->from_year;
  self->to_year = options->to_year;
  self->compiler = g_strdup (options->compiler);
  self->volumes = options->volumes & SY_LEDGER_ALL_VOLUMES;
  if (self->volumes == 0)
    self->volumes = SY_LEDGER_ALL_VOLUMES;
  self->profile = options->profile == SY_MASK_PUBLIC ? SY_MASK_PUBLIC : SY_MASK_INTERNAL;
  self->dpi = options->dpi == SY_PHOTO_PRINT_DPI_DRAFT ? SY_PHOTO_PRINT_DPI_DRAFT
                                                       : SY_PHOTO_PRINT_DPI;
  self->unit_id = options->unit_id;
  self->photos = sy_photo_print_cache_for_database (db);
  return self;
}

/* --- reading and pagination -------------------------------------------- */

static GBytes *
load_photo (const char *hash,
            gpointer    user_data)
{
  SyLedgerDocument *self = user_data;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  if (hash == NULL || *hash == '\0')
    return NULL;
  bytes = sy_photo_print_cache_get (self->photos, hash, self->dpi, &error);
  /* A missing or damaged photo is shown as such on the page; the ledger
   * still prints. */
  if (bytes == NULL)
    g_debug ("ledger: photo %s unavailable: %s", hash, error->message);
  return bytes;
}

static char *
read_office_name (SyLedgerDocument *self, GError **error)
{
  g_autofree char *setting = NULL;
  g_autoptr(SyUnit) office = NULL;
  g_autoptr(GError) local_error = NULL;

  if (self->unit_id > 0)
    {
      g_autoptr(SyUnit) unit = sy_database_load (self->db, SY_TYPE_UNIT, self->unit_id, error);

      return unit != NULL ? g_strdup (sy_unit_get_name (unit)) : NULL;
    }

  setting = sy_database_get_setting (self->db, "office-name");
  if (setting != NULL && *g_strstrip (setting) != '\0')
    return g_steal_pointer (&setting);

  office = sy_queries_office (self->db, &local_error);
  if (office == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_strdup (office ? sy_unit_get_name (office) : "");
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_strdup_printf ("%d年%d月%d日", g_date_time_get_year (now),
                          g_date_time_get_month (now),
                          g_date_time_get_day_of_month (now));
}

static void
clear_layout (SyLedgerDocument *self)
{
  self->laid_out = FALSE;
  g_ptr_array_set_size (self->sections, 0);
  g_array_set_size (self->pages, 0);
  g_ptr_array_set_size (self->photo_hashes, 0);
  g_clear_object (&self->toc);
  g_clear_pointer (&self->office, g_free);
}

static gboolean
check_cancelled (GCancellable *cancellable, GError **error)
{
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, SY_ERROR, SY_ERROR_CANCELLED, _("Cancelled"));
      return TRUE;
    }
  return FALSE;
}

static char *
years_text (SyLedgerDocument *self)
{
  if (self->from_year == self->to_year)
    return g_strdup_printf ("%d年度", self->from_year);
  return g_strdup_printf ("%d—%d年度", self->from_year, self->to_year);
}

/* The record sheet of @event with the photos meant for the ledger. */
static SyLedgerSheet *
make_sheet (SyLedgerDocument *self,
            SyEvent          *event,
            const char       *serial,
            GError          **error)
{
  g_autoptr(SyLedgerSheet) sheet = NULL;
  g_autoptr(GListModel) photos = NULL;
  guint n;

  photos = sy_queries_event_photos (self->db, sy_record_get_id (SY_RECORD (event)), error);
  if (photos == NULL)
    return NULL;

  sheet = sy_ledger_sheet_new (event, self->office, serial, load_photo, self);
  n = g_list_model_get_n_items (photos);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyEventPhoto) photo = g_list_model_get_item (photos, i);
      const char *hash = sy_event_photo_get_attachment_hash (photo);

      if (!sy_event_photo_get_in_ledger (photo))
        continue;
      sy_ledger_sheet_add_photo (sheet, hash, sy_event_photo_get_caption (photo));
      if (hash != NULL && *hash != '\0')
        g_ptr_array_add (self->photo_hashes, g_strdup (hash));
    }
  return g_steal_pointer (&sheet);
}

static void
add_pages (SyLedgerDocument *self, SyLedgerSection *section, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      PageRef ref = { section, i };
      g_array_append_val (self->pages, ref);
    }
}

/* --- gathering the evidence ------------------------------------------- */

static void
evidence_free (gpointer data)
{
  Evidence *e = data;

  g_free (e->date);
  g_free (e);
}

static gboolean
contains_any (const char *text, const char *const *words)
{
  for (; *words != NULL; words++)
    if (text != NULL && strstr (text, *words) != NULL)
      return TRUE;
  return FALSE;
}

/* The volume of evidence linked to no 考评 item (see the top comment). */
static guint
default_volume (EvidenceKind kind, const char *what)
{
  static const char *const meeting[] = { "会议", "述职", "领导小组", NULL };
  static const char *const visit[] = { "走访", "慰问", "优抚", "帮扶", NULL };
  static const char *const joint[] = { "共建", "协议", NULL };
  static const char *const publicity[] = { "宣传", "教育", "国防", "培训", NULL };
  static const char *const help[] = { "拥政爱民", "助民", "支援", "抢险", "救灾", "义诊", NULL };
  static const char *const funds[] = { "经费", "预算", "凭证", NULL };

  switch (kind)
    {
    case EVIDENCE_LEADING_GROUP:
    case EVIDENCE_PLAN:
      return 1;
    case EVIDENCE_RUN:
    case EVIDENCE_VISITS:
      return 2;
    case EVIDENCE_DOCUMENT:
      if (contains_any (what, joint))
        return 4;
      if (contains_any (what, funds) || contains_any (what, meeting))
        return 1;
      if (contains_any (what, publicity))
        return 5;
      return 3;
    case EVIDENCE_EVENT:
    default:
      if (contains_any (what, meeting))
        return 1;
      if (contains_any (what, visit))
        return 2;
      if (contains_any (what, joint))
        return 4;
      if (contains_any (what, publicity))
        return 5;
      if (contains_any (what, help))
        return 6;
      return 7;
    }
}

/* The units whose records the book binds: @unit_id and everything under it. */
static GHashTable *
unit_scope (SyLedgerDocument *self, GError **error)
{
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GHashTable) scope = NULL;
  gboolean grew = TRUE;
  guint n;

  if (self->unit_id <= 0)
    return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  units = sy_queries_units (self->db, error);
  if (units == NULL)
    return NULL;
  scope = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_hash_table_add (scope, g_memdup2 (&self->unit_id, sizeof (gint64)));
  n = g_list_model_get_n_items (units);
  while (grew)
    {
      grew = FALSE;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SyUnit) unit = g_list_model_get_item (units, i);
          gint64 id = sy_record_get_id (SY_RECORD (unit));
          gint64 parent = sy_unit_get_parent_id (unit);

          if (parent > 0 && g_hash_table_contains (scope, &parent)
              && !g_hash_table_contains (scope, &id))
            {
              g_hash_table_add (scope, g_memdup2 (&id, sizeof (gint64)));
              grew = TRUE;
            }
        }
    }
  return g_steal_pointer (&scope);
}

static gboolean
in_scope (SyLedgerDocument *self, GHashTable *scope, gint64 unit_id)
{
  /* The whole office: every record, those of no unit too. */
  return self->unit_id <= 0 || g_hash_table_contains (scope, &unit_id);
}

static const char *
model_string (GdaDataModel *model, int column, int row)
{
  const GValue *v = gda_data_model_get_value_at (model, column, row, NULL);

  return v != NULL && G_VALUE_HOLDS_STRING (v) ? g_value_get_string (v) : NULL;
}

static gint64
model_int64 (GdaDataModel *model, int column, int row)
{
  const GValue *v = gda_data_model_get_value_at (model, column, row, NULL);

  return v != NULL && G_VALUE_HOLDS_INT64 (v) ? g_value_get_int64 (v) : 0;
}

static Evidence *
evidence_new (EvidenceKind kind, gint64 id, const char *date)
{
  Evidence *e = g_new0 (Evidence, 1);

  e->kind = kind;
  e->id = id;
  e->date = g_strndup (date ? date : "", 10);
  return e;
}

static EvidenceKind
kind_of_entity (const char *entity)
{
  if (g_strcmp0 (entity, SY_ASSESSMENT_DOCUMENT) == 0)
    return EVIDENCE_DOCUMENT;
  if (g_strcmp0 (entity, SY_ASSESSMENT_DISBURSEMENT_BATCH) == 0)
    return EVIDENCE_RUN;
  if (g_strcmp0 (entity, "plan") == 0)
    return EVIDENCE_PLAN;
  return EVIDENCE_EVENT;
}

/* Appends the dated records of the window to @evidence, each with the
 * volumes it belongs in. */
static gboolean
gather_records (SyLedgerDocument *self,
                GHashTable       *scope,
                GPtrArray        *evidence,
                GError          **error)
{
  g_autoptr(GdaDataModel) rows = NULL;
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* The activity's kind or the document's tags, for default_volume(). */
  g_autoptr(GHashTable) kind_text = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  gint n;

  rows = sy_queries_ledger_evidence (self->db, self->from_year, self->to_year, error);
  if (rows == NULL)
    return FALSE;
  n = gda_data_model_get_n_rows (rows);
  for (gint r = 0; r < n; r++)
    {
      const char *entity = model_string (rows, 0, r);
      gint64 id = model_int64 (rows, 1, r);
      const char *code = model_string (rows, 5, r);
      g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, entity, id);
      Evidence *e;
      int standard;

      if (!in_scope (self, scope, model_int64 (rows, 3, r)))
        continue;
      e = g_hash_table_lookup (by_key, key);
      if (e == NULL)
        {
          e = evidence_new (kind_of_entity (entity), id, model_string (rows, 2, r));
          g_ptr_array_add (evidence, e);
          g_hash_table_insert (by_key, g_steal_pointer (&key), e);
        }
      standard = code != NULL ? atoi (code) : 0;
      if (standard >= 1 && standard <= N_VOLUMES)
        e->volumes |= SY_LEDGER_VOLUME (standard);
      if (!g_hash_table_contains (kind_text, e))
        g_hash_table_insert (kind_text, e, g_strdup (model_string (rows, 4, r)));
    }

  /* Links to items that are not one of the eight standards count as none. */
  for (guint i = 0; i < evidence->len; i++)
    {
      Evidence *e = g_ptr_array_index (evidence, i);

      if (e->volumes == 0)
        e->volumes = SY_LEDGER_VOLUME (default_volume (e->kind,
                                                       g_hash_table_lookup (kind_text, e)));
    }
  return TRUE;
}

/* The leading group's rows in force at some time of the window. */
static GPtrArray *
leading_group_rows (SyLedgerDocument *self, GHashTable *scope, GError **error)
{
  g_autoptr(GListModel) history = sy_queries_leading_group_history (self->db, error);
  g_autofree char *from = g_strdup_printf ("%04d-01-01", self->from_year);
  g_autofree char *to = g_strdup_printf ("%04d-12-31", self->to_year);
  GPtrArray *rows;
  guint n;

  if (history == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (history);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyLeadingGroupMember) m = g_list_model_get_item (history, i);
      const char *start = sy_leading_group_member_get_effective_from (m);
      const char *end = sy_leading_group_member_get_effective_to (m);

      if (!in_scope (self, scope, sy_leading_group_member_get_unit_id (m)))
        continue;
      if (g_strcmp0 (start, to) > 0 || (end != NULL && *end != '\0' && strcmp (end, from) < 0))
        continue;
      g_ptr_array_add (rows, g_steal_pointer (&m));
    }
  return rows;
}

static int
compare_evidence (gconstpointer a, gconstpointer b)
{
  const Evidence *x = *(Evidence **) a;
  const Evidence *y = *(Evidence **) b;
  int c = strcmp (x->date, y->date);

  if (c != 0)
    return c;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* --- sections of the evidence ------------------------------------------ */

static SyLedgerSection *
leading_group_section (SyLedgerDocument *self, GPtrArray *members)
{
  static const SyLedgerColumn columns[] = {
    { "序号", 0.7, PANGO_ALIGN_CENTER },
    { "姓名", 1.2, PANGO_ALIGN_CENTER },
    { "组内职务", 1.3, PANGO_ALIGN_CENTER },
    { "单位及职务", 3.2, PANGO_ALIGN_LEFT },
    { "任职起止", 2.6, PANGO_ALIGN_CENTER },
  };
  g_autofree char *years = years_text (self);
  g_autofree char *subtitle = g_strdup_printf ("%s　%s", self->office, years);
  SyLedgerTable *table = sy_ledger_table_new ("双拥工作领导小组成员名单", subtitle, columns,
                                              G_N_ELEMENTS (columns), FALSE);

  for (guint i = 0; i < members->len; i++)
    {
      SyLeadingGroupMember *m = g_ptr_array_index (members, i);
      const char *post = sy_leading_group_member_get_post (m);
      const char *member_unit = sy_leading_group_member_get_member_unit (m);
      const char *end = sy_leading_group_member_get_effective_to (m);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *where = g_strjoin ("", member_unit ? member_unit : "",
                                          post ? post : "", NULL);
      g_autofree char *start_text = sy_ledger_text_format_date (sy_leading_group_member_get_effective_from (m));
      g_autofree char *end_text = end && *end ? sy_ledger_text_format_date (end) : g_strdup ("至今");
      g_autofree char *span = g_strdup_printf ("%s—%s", start_text, end_text);
      const char *cells[] = { number, sy_leading_group_member_get_name (m),
                              sy_leading_group_member_get_role (m), where, span };

      sy_ledger_table_add_row (table, cells);
    }
  return SY_LEDGER_SECTION (table);
}

/* The 走访慰问登记表 of @year; NULL when nobody was visited. */
static SyLedgerSection *
visits_section (SyLedgerDocument *self, GdaDataModel *visits, GHashTable *scope, int year)
{
  static const SyLedgerColumn columns[] = {
    { "序号", 0.6, PANGO_ALIGN_CENTER },
    { "日期", 1.3, PANGO_ALIGN_CENTER },
    { "活动", 2.2, PANGO_ALIGN_LEFT },
    { "姓名", 1.0, PANGO_ALIGN_CENTER },
    { "类别", 1.6, PANGO_ALIGN_LEFT },
    { "慰问品", 1.5, PANGO_ALIGN_LEFT },
    { "慰问金（元）", 1.2, PANGO_ALIGN_RIGHT },
    { "困难与诉求", 2.0, PANGO_ALIGN_LEFT },
  };
  g_autofree char *title = g_strdup_printf ("%d年走访慰问登记表", year);
  g_autoptr(SyLedgerTable) table = sy_ledger_table_new (title, self->office, columns,
                                                        G_N_ELEMENTS (columns), TRUE);
  g_autofree char *prefix = g_strdup_printf ("%04d-", year);
  g_autofree char *total_text = NULL;
  g_autofree char *total_upper = NULL;
  g_autofree char *note = NULL;
  gint64 total = 0;
  guint count = 0;
  gint n = gda_data_model_get_n_rows (visits);

  for (gint r = 0; r < n; r++)
    {
      const char *date = model_string (visits, 0, r);
      gint64 fen = model_int64 (visits, 7, r);
      g_autofree char *number = NULL;
      g_autofree char *day = NULL;
      g_autofree char *money = NULL;

      if (date == NULL || !g_str_has_prefix (date, prefix)
          || !in_scope (self, scope, model_int64 (visits, 2, r)))
        continue;
      number = g_strdup_printf ("%u", ++count);
      day = g_strdup_printf ("%.2s月%.2s日", date + 5, date + 8);
      money = fen != 0 ? sy_money_format (fen) : g_strdup ("");
      total += fen;
      {
        const char *cells[] = { number, day, model_string (visits, 1, r),
                                model_string (visits, 3, r), model_string (visits, 5, r),
                                model_string (visits, 6, r), money,
                                model_string (visits, 8, r) };
        sy_ledger_table_add_row (table, cells);
      }
    }
  if (count == 0)
    return NULL;
  total_text = sy_money_format (total);
  total_upper = sy_money_to_chinese (total, NULL);
  note = g_strdup_printf ("合计：走访慰问 %u 人次，慰问金 %s 元（大写：%s）", count, total_text,
                          total_upper ? total_upper : "");
  sy_ledger_table_set_note (table, note);
  return SY_LEDGER_SECTION (g_steal_pointer (&table));
}

/* A page that records a document whose file cannot be bound. */
static SyLedgerSection *
document_record_section (SyDocument *document, const char *problem)
{
  static const SyLedgerColumn columns[] = {
    { "项目", 1.0, PANGO_ALIGN_CENTER },
    { "内容", 4.0, PANGO_ALIGN_LEFT },
  };
  g_autofree char *date = sy_ledger_text_format_date (sy_document_get_date (document));
  SyLedgerTable *table = sy_ledger_table_new (sy_document_get_title (document), NULL, columns,
                                              G_N_ELEMENTS (columns), FALSE);
  const char *rows[][2] = {
    { "文号", sy_document_get_doc_number (document) },
    { "发文机关", sy_document_get_issuer (document) },
    { "日期", date },
    { "说明", problem },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    sy_ledger_table_add_row (table, rows[i]);
  return SY_LEDGER_SECTION (table);
}

static SyLedgerSection *
document_section (SyLedgerDocument *self, SyDocument *document)
{
  SyAttachmentStore *store = sy_database_get_attachments (self->db);
  const char *hash = sy_document_get_attachment_hash (document);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  SyLedgerEmbed *embed;

  if (hash == NULL || *hash == '\0')
    return document_record_section (document, "未附原件");
  if (!sy_attachment_store_contains (store, hash)
      || (path = sy_attachment_store_get_path (store, hash)) == NULL)
    return document_record_section (document, "原件缺失，请在台帐档案中重新导入");
  embed = sy_ledger_embed_new (document, path, sy_document_get_mime_type (document), &error);
  if (embed == NULL)
    {
      g_autofree char *problem = g_strdup_printf ("原件无法读取：%s", error->message);
      return document_record_section (document, problem);
    }
  return SY_LEDGER_SECTION (embed);
}

static SyLedgerSection *
plan_section (SyLedgerDocument *self, gint64 plan_id, char **title, GError **error)
{
  g_autoptr(SyPlan) plan = sy_database_load (self->db, SY_TYPE_PLAN, plan_id, error);
  g_autoptr(GListModel) items = NULL;
  g_autofree char *unit_name = NULL;

  if (plan == NULL)
    return NULL;
  items = sy_queries_plan_items (self->db, plan_id, error);
  if (items == NULL)
    return NULL;
  if (sy_plan_get_unit_id (plan) > 0)
    {
      g_autoptr(SyUnit) unit = sy_database_load (self->db, SY_TYPE_UNIT,
                                                 sy_plan_get_unit_id (plan), NULL);
      unit_name = g_strdup (unit ? sy_unit_get_name (unit) : self->office);
    }
  else
    unit_name = g_strdup (self->office);
  /* The title the plan's page prints (sy-ledger-plan.h). */
  if (sy_plan_get_title (plan) != NULL && *sy_plan_get_title (plan) != '\0')
    *title = g_strdup (sy_plan_get_title (plan));
  else
    *title = g_strdup_printf ("%s%d年双拥工作计划", unit_name, sy_plan_get_year (plan));
  return SY_LEDGER_SECTION (sy_ledger_plan_new (plan, items, unit_name));
}

/* Makes the section of @e; *@title gets its 目录 title.  NULL with @error
 * when a record cannot be read, or with neither for an empty register. */
static SyLedgerSection *
evidence_section (SyLedgerDocument *self,
                  const Evidence   *e,
                  guint             volume,
                  guint             serial,
                  GHashTable       *events,
                  GPtrArray        *members,
                  GdaDataModel     *visits,
                  GHashTable       *scope,
                  char            **title,
                  GError          **error)
{
  switch (e->kind)
    {
    case EVIDENCE_EVENT:
      {
        SyEvent *event = g_hash_table_lookup (events, &e->id);
        g_autofree char *number = g_strdup_printf ("%u-%03u", volume, serial);

        if (event == NULL)
          {
            g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);

            g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND, _("Activity %s not found"), id);
            return NULL;
          }
        *title = g_strdup (sy_event_get_title (event));
        return (SyLedgerSection *) make_sheet (self, event, number, error);
      }
    case EVIDENCE_DOCUMENT:
      {
        g_autoptr(SyDocument) document = sy_database_load (self->db, SY_TYPE_DOCUMENT, e->id, error);
        const char *number;

        if (document == NULL)
          return NULL;
        number = sy_document_get_doc_number (document);
        *title = number && *number
                 ? g_strdup_printf ("%s（%s）", sy_document_get_title (document), number)
                 : g_strdup (sy_document_get_title (document));
        return document_section (self, document);
      }
    case EVIDENCE_RUN:
      {
        g_autoptr(GError) local_error = NULL;
        SyLedgerRoster *roster = sy_ledger_roster_new (self->db, e->id, self->profile, &local_error);
        g_autoptr(SyDisbursementBatch) batch = NULL;

        if (roster == NULL)
          {
            g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);

            g_set_error (error, local_error->domain, local_error->code,
                         _("Run %s: %s"), id, local_error->message);
            return NULL;
          }
        batch = sy_database_load (self->db, SY_TYPE_DISBURSEMENT_BATCH, e->id, NULL);
        *title = g_strdup_printf ("%s%s", batch ? sy_disbursement_batch_get_title (batch) : "",
                                  self->profile == SY_MASK_PUBLIC ? "公示名单" : "发放花名册");
        return SY_LEDGER_SECTION (roster);
      }
    case EVIDENCE_PLAN:
      return plan_section (self, e->id, title, error);
    case EVIDENCE_LEADING_GROUP:
      *title = g_strdup ("双拥工作领导小组成员名单");
      return leading_group_section (self, members);
    case EVIDENCE_VISITS:
    default:
      *title = g_strdup_printf ("%d年走访慰问登记表", (int) e->id);
      return visits_section (self, visits, scope, (int) e->id);
    }
}

/* What the divider lists: the standard's scored items, each with the
 * number of its links whose evidence is in this book. */
static void
add_divider_items (SyLedgerDocument *self,
                   SyLedgerDivider  *divider,
                   GListModel       *items,
                   gint64            standard_id,
                   GdaDataModel     *links,
                   GHashTable       *bound)
{
  guint n = g_list_model_get_n_items (items);
  gint n_links = links ? gda_data_model_get_n_rows (links) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyAssessmentItem) item = g_list_model_get_item (items, i);
      gint64 item_id = sy_record_get_id (SY_RECORD (item));
      guint count = 0;

      if (sy_assessment_item_get_parent_id (item) != standard_id)
        continue;
      for (gint r = 0; r < n_links; r++)
        {
          g_autofree char *key = NULL;
          const char *entity = model_string (links, 1, r);

          if (model_int64 (links, 0, r) != item_id)
            continue;
          key = g_strdup_printf ("%s:%" G_GINT64_FORMAT,
                                 g_strcmp0 (entity, SY_ASSESSMENT_PLAN_ITEM) == 0 ? "plan-item" : entity,
                                 model_int64 (links, 2, r));
          if (g_hash_table_contains (bound, key))
            count++;
        }
      sy_ledger_divider_add_item (divider, sy_assessment_item_get_code (item),
                                  sy_assessment_item_get_title (item),
                                  sy_assessment_item_get_score (item), count);
    }
}

static const char *
entity_of_kind (EvidenceKind kind)
{
  switch (kind)
    {
    case EVIDENCE_EVENT: return SY_ASSESSMENT_EVENT;
    case EVIDENCE_DOCUMENT: return SY_ASSESSMENT_DOCUMENT;
    case EVIDENCE_RUN: return SY_ASSESSMENT_DISBURSEMENT_BATCH;
    case EVIDENCE_PLAN: return "plan";
    case EVIDENCE_LEADING_GROUP:
    case EVIDENCE_VISITS:
    default: return NULL;
    }
}

typedef struct {
  GPtrArray  *sections;   /* SyLedgerSection, in book order after the 目录 */
  GArray     *entries;    /* gint: the 目录 entry each opens, or -1 */
  GArray     *headings;   /* gint: the 目录 heading (volume) it opens, or -1 */
} Plan;

static void
plan_add (Plan *plan, SyLedgerSection *section, gint entry, gint heading)
{
  g_ptr_array_add (plan->sections, section);
  g_array_append_val (plan->entries, entry);
  g_array_append_val (plan->headings, heading);
}

static char *
cover_volume_line (guint volumes)
{
  g_autoptr(GString) line = g_string_new (NULL);
  guint count = 0, only = 0;

  for (guint v = 1; v <= N_VOLUMES; v++)
    if (volumes & SY_LEDGER_VOLUME (v))
      {
        count++;
        only = v;
      }
  g_string_append (line, count == N_VOLUMES ? "全" : "第");
  if (count == N_VOLUMES || count == 1)
    sy_numeral_append_chinese (line, (int) (count == 1 ? only : N_VOLUMES));
  else
    for (guint v = 1; v <= N_VOLUMES; v++)
      if (volumes & SY_LEDGER_VOLUME (v))
        {
          if (line->len > strlen ("第"))
            g_string_append (line, "、");
          sy_numeral_append_chinese (line, (int) v);
        }
  g_string_append (line, "卷");
  return g_string_free (g_steal_pointer (&line), FALSE);
}

gboolean
sy_ledger_document_layout (SyLedgerDocument *self,
                           GCancellable     *cancellable,
                           GError          **error)
{
  g_autoptr(GHashTable) scope = NULL;
  g_autoptr(GPtrArray) evidence = g_ptr_array_new_with_free_func (evidence_free);
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GdaDataModel) visits = NULL;
  g_autoptr(GdaDataModel) links = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GHashTable) event_by_id = NULL;
  g_autoptr(GHashTable) bound = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *today = NULL;
  g_autofree char *cover_title = NULL;
  Volume volumes[N_VOLUMES + 1] = { { 0, NULL, NULL }, };
  Plan plan = { 0, };
  SyLedgerCover *cover;
  guint toc_pages, n_items, n_bound = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (SY_IS_LEDGER_DOCUMENT (self), FALSE);

  clear_layout (self);
  if (self->from_year > self->to_year || self->from_year < 1900 || self->to_year > 9999)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("Invalid ledger years %d–%d"), self->from_year, self->to_year);
      return FALSE;
    }

  self->office = read_office_name (self, error);
  if (self->office == NULL
      || (scope = unit_scope (self, error)) == NULL
      || (items = sy_queries_assessment_items (self->db, error)) == NULL
      || (events = sy_queries_events_in_years (self->db, self->from_year, self->to_year, error)) == NULL
      || (visits = sy_queries_ledger_visits (self->db, self->from_year, self->to_year, error)) == NULL
      || (links = sy_queries_assessment_evidence (self->db, error)) == NULL
      || (members = leading_group_rows (self, scope, error)) == NULL
      || !gather_records (self, scope, evidence, error))
    {
      clear_layout (self);
      return FALSE;
    }

  /* The volumes: the top-level items coded "1" … "8". */
  n_items = g_list_model_get_n_items (items);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(SyAssessmentItem) item = g_list_model_get_item (items, i);
      const char *code = sy_assessment_item_get_code (item);
      int v = code ? atoi (code) : 0;

      if (sy_assessment_item_get_parent_id (item) == 0 && v >= 1 && v <= N_VOLUMES
          && volumes[v].id == 0)
        {
          volumes[v].id = sy_record_get_id (SY_RECORD (item));
          volumes[v].title = (char *) sy_assessment_item_get_title (item);
          volumes[v].description = (char *) sy_assessment_item_get_description (item);
        }
    }

  event_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      SyEvent *event = g_list_model_get_item (events, i);
      gint64 id = sy_record_get_id (SY_RECORD (event));

      g_hash_table_insert (event_by_id, g_memdup2 (&id, sizeof id), event);
    }

  if (members->len > 0)
    {
      Evidence *e = evidence_new (EVIDENCE_LEADING_GROUP, 0, "");

      e->date = g_strdup_printf ("%04d-01-01", self->from_year);
      e->volumes = SY_LEDGER_VOLUME (default_volume (e->kind, NULL));
      g_ptr_array_add (evidence, e);
    }
  for (int y = self->from_year; y <= self->to_year; y++)
    {
      g_autofree char *date = g_strdup_printf ("%04d-12-31", y);
      Evidence *e = evidence_new (EVIDENCE_VISITS, y, date);

      /* Visits are bound as the year's register after its activities. */
      e->volumes = SY_LEDGER_VOLUME (default_volume (e->kind, NULL));
      g_ptr_array_add (evidence, e);
    }
  g_ptr_array_sort (evidence, compare_evidence);

  for (guint i = 0; i < evidence->len; i++)
    {
      Evidence *e = g_ptr_array_index (evidence, i);
      const char *entity = entity_of_kind (e->kind);

      if ((e->volumes & self->volumes) != 0 && entity != NULL)
        g_hash_table_add (bound, g_strdup_printf ("%s:%" G_GINT64_FORMAT, entity, e->id));
    }
  /* Plans are linked through their items: a link counts when its plan is bound. */
  {
    gint n_links = gda_data_model_get_n_rows (links);

    for (gint r = 0; r < n_links; r++)
      if (g_strcmp0 (model_string (links, 1, r), SY_ASSESSMENT_PLAN_ITEM) == 0)
        {
          g_autoptr(SyPlanItem) pi = sy_database_load (self->db, SY_TYPE_PLAN_ITEM,
                                                       model_int64 (links, 2, r), NULL);
          g_autofree char *plan_key = NULL;

          if (pi == NULL)
            continue;
          plan_key = g_strdup_printf ("plan:%" G_GINT64_FORMAT, sy_plan_item_get_plan_id (pi));
          if (g_hash_table_contains (bound, plan_key))
            g_hash_table_add (bound, g_strdup_printf ("plan-item:%" G_GINT64_FORMAT,
                                                      model_int64 (links, 2, r)));
        }
  }

  today = today_text ();
  cover = sy_ledger_cover_new (self->office, LEDGER_TITLE, self->from_year, self->to_year,
                               self->compiler, today);
  cover_title = cover_volume_line (self->volumes);
  sy_ledger_cover_set_volume (cover, cover_title);
  g_ptr_array_add (self->sections, cover);
  self->toc = sy_ledger_toc_new ();
  g_ptr_array_add (self->sections, g_object_ref (self->toc));

  plan.sections = g_ptr_array_new_with_free_func (g_object_unref);
  plan.entries = g_array_new (FALSE, FALSE, sizeof (gint));
  plan.headings = g_array_new (FALSE, FALSE, sizeof (gint));

  for (guint v = 1; v <= N_VOLUMES; v++)
    {
      g_autofree char *heading_title = NULL;
      g_autofree char *years = years_text (self);
      SyLedgerDivider *divider;
      const char *title = volumes[v].title ? volumes[v].title : "";
      guint serial = 0, in_volume = 0;
      gint heading;

      if ((self->volumes & SY_LEDGER_VOLUME (v)) == 0)
        continue;
      {
        g_autofree char *numeral = sy_numeral_chinese ((int) v);

        heading_title = g_strdup_printf ("第%s卷　%s", numeral, title);
      }
      heading = (gint) sy_ledger_toc_add (self->toc, 0, NULL, heading_title);
      divider = sy_ledger_divider_new (v, title, volumes[v].description, self->office, years);
      add_divider_items (self, divider, items, volumes[v].id, links, bound);
      plan_add (&plan, SY_LEDGER_SECTION (divider), -1, heading);

      for (guint i = 0; i < evidence->len; i++)
        {
          Evidence *e = g_ptr_array_index (evidence, i);
          g_autofree char *entry_title = NULL;
          g_autofree char *prefix = NULL;
          SyLedgerSection *section;
          g_autoptr(GError) local_error = NULL;

          if ((e->volumes & SY_LEDGER_VOLUME (v)) == 0)
            continue;
          if (check_cancelled (cancellable, error))
            goto out;
          section = evidence_section (self, e, v, serial + 1, event_by_id, members, visits,
                                      scope, &entry_title, &local_error);
          if (section == NULL)
            {
              if (local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  goto out;
                }
              continue;  /* an empty register */
            }
          serial++;
          in_volume++;
          prefix = g_strdup_printf ("%.4s.%.2s.%.2s", e->date, e->date + 5, e->date + 8);
          plan_add (&plan, section,
                    (gint) sy_ledger_toc_add (self->toc, 1, prefix, entry_title), -1);
          n_bound++;
        }
      if (in_volume == 0)
        sy_ledger_toc_add (self->toc, 1, NULL, "本卷暂无佐证材料");
    }

  /* Cover and 目录 first: their page counts fix every later number. */
  add_pages (self, SY_LEDGER_SECTION (cover), sy_ledger_section_paginate (SY_LEDGER_SECTION (cover), self->context));
  toc_pages = sy_ledger_section_paginate (SY_LEDGER_SECTION (self->toc), self->context);
  self->toc_first_page = self->pages->len + 1;
  add_pages (self, SY_LEDGER_SECTION (self->toc), toc_pages);

  for (guint s = 0; s < plan.sections->len; s++)
    {
      SyLedgerSection *section = g_ptr_array_index (plan.sections, s);
      guint first_page = self->pages->len + 1;
      gint entry = g_array_index (plan.entries, gint, s);
      gint heading = g_array_index (plan.headings, gint, s);

      if (check_cancelled (cancellable, error))
        goto out;
      g_ptr_array_add (self->sections, g_object_ref (section));
      add_pages (self, section, sy_ledger_section_paginate (section, self->context));
      if (entry >= 0)
        sy_ledger_toc_set_page (self->toc, (guint) entry, first_page);
      if (heading >= 0)
        sy_ledger_toc_set_page (self->toc, (guint) heading, first_page);
    }

  g_debug ("ledger: %u pieces of evidence, %u pages", n_bound, self->pages->len);
  self->laid_out = TRUE;
  ok = TRUE;

out:
  g_clear_pointer (&plan.sections, g_ptr_array_unref);
  g_clear_pointer (&plan.entries, g_array_unref);
  g_clear_pointer (&plan.headings, g_array_unref);
  if (!ok)
    clear_layout (self);
  return ok;
}

/* --- pages -------------------------------------------------------------- */

guint
sy_ledger_document_get_n_pages (SyLedgerDocument *self)
{
  g_return_val_if_fail (SY_IS_LEDGER_DOCUMENT (self), 0);

  return self->pages->len;
}

void
sy_ledger_document_get_page_size (SyLedgerDocument *self,
                                  double           *width_pt,
                                  double           *height_pt)
{
  g_return_if_fail (SY_IS_LEDGER_DOCUMENT (self));

  if (width_pt != NULL)
    *width_pt = SY_LEDGER_PAGE_WIDTH;
  if (height_pt != NULL)
    *height_pt = SY_LEDGER_PAGE_HEIGHT;
}

void
sy_ledger_document_get_page_size_at (SyLedgerDocument *self,
                                     guint             index,
                                     double           *width_pt,
                                     double           *height_pt)
{
  g_return_if_fail (SY_IS_LEDGER_DOCUMENT (self));

  if (index < self->pages->len)
    {
      const PageRef *ref = &g_array_index (self->pages, PageRef, index);

      sy_ledger_section_get_page_size (ref->section, ref->part, width_pt, height_pt);
    }
  else
    sy_ledger_document_get_page_size (self, width_pt, height_pt);
}

/* "— N —" centred under the text block, on every page, the cover too.  A
 * page of another size (a landscape roster, whose block reaches lower) has
 * it centred 10 mm above the lower edge. */
static void
paint_folio (SyLedgerDocument *self, cairo_t *cr, guint number,
             double width, double height)
{
  g_autofree char *text = g_strdup_printf ("— %u —", number);
  g_autoptr(PangoLayout) layout = NULL;
  gboolean portrait = width == SY_LEDGER_PAGE_WIDTH && height == SY_LEDGER_PAGE_HEIGHT;
  double block_width = portrait ? SY_LEDGER_BLOCK_WIDTH : width - 2 * SY_LEDGER_MM (20.0);

  layout = sy_ledger_text_layout_new (self->context, SY_LEDGER_FONT_FOLIO, text,
                                      block_width, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (portrait)
    sy_ledger_text_show (cr, layout, SY_LEDGER_BLOCK_X,
                         SY_LEDGER_BLOCK_Y + SY_LEDGER_BLOCK_HEIGHT + SY_LEDGER_FOLIO_GAP);
  else
    sy_ledger_text_show (cr, layout, (width - block_width) / 2,
                         height - SY_LEDGER_MM (10.0) - sy_ledger_text_height (layout));
}

void
sy_ledger_document_render_page (SyLedgerDocument *self,
                                guint             index,
                                cairo_t          *cr)
{
  const PageRef *ref;
  double width, height;

  g_return_if_fail (SY_IS_LEDGER_DOCUMENT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (index < self->pages->len);

  ref = &g_array_index (self->pages, PageRef, index);
  sy_ledger_section_get_page_size (ref->section, ref->part, &width, &height);
  cairo_save (cr);
  sy_ledger_section_paint_page (ref->section, ref->part, cr, self->context);
  paint_folio (self, cr, index + 1, width, height);
  cairo_restore (cr);
}

/* --- PDF export --------------------------------------------------------- */

/* The share of the export's progress bar the photos take on a cold cache
 * (a warm one passes through it at once). */
#define PHOTO_SHARE 0.4

typedef struct {
  SyLedgerProgress progress;
  gpointer         user_data;
  double           offset;
  double           scale;
} Stages;

static void
stage_progress (double fraction, const char *what, gpointer user_data)
{
  Stages *stages = user_data;

  stages->progress (stages->offset + stages->scale * fraction, what, stages->user_data);
}

static void
pdf_page_size (gpointer data, guint index, double *width, double *height)
{
  sy_ledger_document_get_page_size_at (data, index, width, height);
}

static void
pdf_render_page (gpointer data, guint index, cairo_t *cr)
{
  sy_ledger_document_render_page (data, index, cr);
}

static void
add_outline (gpointer data, cairo_surface_t *surface)
{
  SyLedgerDocument *self = data;
  g_autofree char *toc_link = g_strdup_printf ("page=%u", self->toc_first_page);
  guint n = sy_ledger_toc_get_n_entries (self->toc);
  int parent = CAIRO_PDF_OUTLINE_ROOT;

  cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, "封面", "page=1", 0);
  cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, "目录", toc_link, 0);
  for (guint i = 0; i < n; i++)
    {
      guint page = sy_ledger_toc_get_page (self->toc, i);
      g_autofree char *link = NULL;

      if (page == 0)
        continue;
      link = g_strdup_printf ("page=%u", page);
      if (sy_ledger_toc_get_level (self->toc, i) == 0)
        {
          parent = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT,
                                                  sy_ledger_toc_get_title (self->toc, i),
                                                  link, CAIRO_PDF_OUTLINE_FLAG_OPEN);
        }
      else
        {
          cairo_pdf_surface_add_outline (surface, parent,
                                         sy_ledger_toc_get_title (self->toc, i), link, 0);
        }
    }
}

/* Every 目录 entry with a page is a link to it (entries are in page order,
 * so the list comes sorted by the 目录 page they are on). */
static GArray *
toc_links (SyLedgerDocument *self)
{
  GArray *links = g_array_new (FALSE, FALSE, sizeof (SyLedgerPdfLink));
  guint n = sy_ledger_toc_get_n_entries (self->toc);

  for (guint i = 0; i < n; i++)
    {
      SyLedgerPdfLink link = { 0, };
      guint page = sy_ledger_toc_get_page (self->toc, i);
      guint toc_page;

      if (page == 0 || !sy_ledger_toc_get_entry_box (self->toc, i, &toc_page, &link.x, &link.y,
                                                     &link.width, &link.height))
        continue;
      link.from_page = self->toc_first_page - 1 + toc_page;
      link.to_page = page - 1;
      g_array_append_val (links, link);
    }
  return links;
}

gboolean
sy_ledger_document_export_pdf (SyLedgerDocument *self,
                               const char       *path,
                               SyLedgerProgress  progress,
                               gpointer          user_data,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_autofree char *title = NULL;
  g_autofree char *years = NULL;
  SyLedgerPdfPages pages = { 0, };
  Stages stages = { 0, };
  g_autoptr(GArray) links = NULL;
  guint n_failed = 0;

  g_return_val_if_fail (SY_IS_LEDGER_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!self->laid_out && !sy_ledger_document_layout (self, cancellable, error))
    return FALSE;
  if (check_cancelled (cancellable, error))
    return FALSE;

  /* Cold photos first, on every core, so that painting only reads the
   * cache: each original is decoded once, and never while a page is
   * being written. */
  stages.progress = progress;
  stages.user_data = user_data;
  stages.offset = 0.0;
  stages.scale = PHOTO_SHARE;
  if (!sy_photo_print_cache_prepare (self->photos,
                                     (const char * const *) self->photo_hashes->pdata,
                                     self->photo_hashes->len, self->dpi, 0, &n_failed,
                                     progress ? stage_progress : NULL, &stages,
                                     cancellable, error))
    return FALSE;
  if (n_failed > 0)
    g_debug ("ledger: %u photos could not be prepared; their placeholders are printed", n_failed);
  stages.offset = PHOTO_SHARE;
  stages.scale = 1.0 - PHOTO_SHARE;

  years = years_text (self);
  title = g_strdup_printf ("%s %s", LEDGER_TITLE, years);
  links = toc_links (self);
  pages.links = (const SyLedgerPdfLink *) links->data;
  pages.n_links = links->len;
  pages.n_pages = self->pages->len;
  pages.page_size = pdf_page_size;
  pages.render_page = pdf_render_page;
  pages.outline = add_outline;
  pages.data = self;
  pages.title = title;
  pages.author = self->office;
  return sy_ledger_pdf_write (path, &pages, progress ? stage_progress : NULL, &stages,
                              cancellable, error);
}

/* --- 目录 ---------------------------------------------------------------- */

guint
sy_ledger_document_get_n_toc_entries (SyLedgerDocument *self)
{
  g_return_val_if_fail (SY_IS_LEDGER_DOCUMENT (self), 0);

  return self->toc ? sy_ledger_toc_get_n_entries (self->toc) : 0;
}

const char *
sy_ledger_document_get_toc_title (SyLedgerDocument *self,
                                  guint             index)
{
  g_return_val_if_fail (SY_IS_LEDGER_DOCUMENT (self), NULL);
  g_return_val_if_fail (self->toc != NULL, NULL);

  return sy_ledger_toc_get_title (self->toc, index);
}

guint
sy_ledger_document_get_toc_page (SyLedgerDocument *self,
                                 guint             index)
{
  g_return_val_if_fail (SY_IS_LEDGER_DOCUMENT (self), 0);
  g_return_val_if_fail (self->toc != NULL, 0);

  return sy_ledger_toc_get_page (self->toc, index);
}

guint
sy_ledger_document_get_toc_level (SyLedgerDocument *self,
                                  guint             index)
{
  g_return_val_if_fail (SY_IS_LEDGER_DOCUMENT (self), 0);
  g_return_val_if_fail (self->toc != NULL, 0);

  return sy_ledger_toc_get_level (self->toc, index);
}
