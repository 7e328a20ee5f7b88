/* sy-ledger-document.c: the 台帐 (ledger) of an office for a span of years
 *
 * The document is a list of sections (cover, 目录, one record sheet per
 * activity) and a page table mapping every physical page to a section and
 * its page in it.  Pagination runs once: the 目录 is paginated before the
 * sheets get their page numbers (its length does not depend on them), then
 * the numbers are filled in.
 */
#include "sy-ledger-document.h"
#include "sy-ledger-cover.h"
#include "sy-ledger-pdf.h"
#include "sy-ledger-photo.h"
#include "sy-ledger-sheet.h"
#include "sy-ledger-style.h"
#include "sy-ledger-text.h"
#include "sy-ledger-toc.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>

#define LEDGER_TITLE "双拥工作台帐"

typedef struct {
  SyLedgerSection *section;  /* borrowed from self->sections */
  guint            part;
} PageRef;

struct _SyLedgerDocument
{
  GObject parent_instance;

  SyDatabase   *db;
  int           from_year;
  int           to_year;
  char         *compiler;

  PangoFontMap *font_map;
  PangoContext *context;

  char         *office;
  GPtrArray    *sections;   /* SyLedgerSection */
  GArray       *pages;      /* PageRef */
  SyLedgerToc  *toc;
  guint         toc_first_page;  /* 1-based */
  gboolean      laid_out;
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
  g_clear_object (&self->toc);
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
  bytes = sy_attachment_store_load (sy_database_get_attachments (self->db), hash, &error);
  /* A missing or damaged photo is shown as such on the page; the ledger
   * still prints. */
  if (bytes == NULL)
    g_debug ("ledger: photo %s unavailable: %s", hash, error->message);
  return bytes;
}

static char *
read_office_name (SyLedgerDocument *self, GError **error)
{
  g_autofree char *setting = sy_database_get_setting (self->db, "office-name");
  g_autoptr(SyUnit) office = NULL;
  g_autoptr(GError) local_error = NULL;

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

/* Adds the record sheet of @event with the photos meant for the ledger. */
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

      if (sy_event_photo_get_in_ledger (photo))
        sy_ledger_sheet_add_photo (sheet, sy_event_photo_get_attachment_hash (photo),
                                   sy_event_photo_get_caption (photo));
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

gboolean
sy_ledger_document_layout (SyLedgerDocument *self,
                           GCancellable     *cancellable,
                           GError          **error)
{
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GArray) entry_of_section = NULL;   /* toc entry per section, or -1 */
  g_autoptr(GArray) heading_of_section = NULL; /* year heading it opens, or -1 */
  g_autofree char *today = NULL;
  SyLedgerCover *cover;
  guint n_events, year_index = 0, toc_pages;
  int year = G_MININT;
  gint none = -1;

  g_return_val_if_fail (SY_IS_LEDGER_DOCUMENT (self), FALSE);

  clear_layout (self);
  if (self->from_year > self->to_year || self->from_year < 1900 || self->to_year > 9999)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("Invalid ledger years %d–%d"), self->from_year, self->to_year);
      return FALSE;
    }

  self->office = read_office_name (self, error);
  if (self->office == NULL)
    return FALSE;
  events = sy_queries_events_in_years (self->db, self->from_year, self->to_year, error);
  if (events == NULL)
    return FALSE;

  today = today_text ();
  cover = sy_ledger_cover_new (self->office, LEDGER_TITLE, self->from_year, self->to_year,
                               self->compiler, today);
  g_ptr_array_add (self->sections, cover);
  self->toc = sy_ledger_toc_new ();
  g_ptr_array_add (self->sections, g_object_ref (self->toc));

  entry_of_section = g_array_new (FALSE, FALSE, sizeof (gint));
  heading_of_section = g_array_new (FALSE, FALSE, sizeof (gint));
  g_array_append_val (entry_of_section, none);
  g_array_append_val (entry_of_section, none);
  g_array_append_val (heading_of_section, none);
  g_array_append_val (heading_of_section, none);

  n_events = g_list_model_get_n_items (events);
  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr(SyEvent) event = g_list_model_get_item (events, i);
      const char *date = sy_event_get_date (event);
      g_autofree char *serial = NULL;
      g_autofree char *prefix = NULL;
      SyLedgerSheet *sheet;
      int y = 0, m = 0, d = 0;
      gint heading = -1, entry;

      if (check_cancelled (cancellable, error))
        {
          clear_layout (self);
          return FALSE;
        }

      if (date == NULL || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
        y = self->from_year;
      if (y != year)
        {
          g_autofree char *title = g_strdup_printf ("%d年活动记录", y);

          heading = (gint) sy_ledger_toc_add (self->toc, 0, NULL, title);
          year = y;
          year_index = 0;
        }
      serial = g_strdup_printf ("%d-%02u", y, ++year_index);
      sheet = make_sheet (self, event, serial, error);
      if (sheet == NULL)
        {
          clear_layout (self);
          return FALSE;
        }
      g_ptr_array_add (self->sections, sheet);
      prefix = g_strdup_printf ("%02d月%02d日", m, d);
      entry = (gint) sy_ledger_toc_add (self->toc, 1, prefix, sy_event_get_title (event));
      g_array_append_val (entry_of_section, entry);
      g_array_append_val (heading_of_section, heading);
    }
  if (n_events == 0)
    sy_ledger_toc_add (self->toc, 1, NULL, "本期无活动记录");

  /* Cover and 目录 first: their page counts fix every later number. */
  add_pages (self, SY_LEDGER_SECTION (cover), sy_ledger_section_paginate (SY_LEDGER_SECTION (cover), self->context));
  toc_pages = sy_ledger_section_paginate (SY_LEDGER_SECTION (self->toc), self->context);
  self->toc_first_page = self->pages->len + 1;
  add_pages (self, SY_LEDGER_SECTION (self->toc), toc_pages);

  for (guint s = 2; s < self->sections->len; s++)
    {
      SyLedgerSection *section = g_ptr_array_index (self->sections, s);
      guint first_page = self->pages->len + 1;
      gint entry = g_array_index (entry_of_section, gint, s);
      gint heading = g_array_index (heading_of_section, gint, s);

      if (check_cancelled (cancellable, error))
        {
          clear_layout (self);
          return FALSE;
        }
      add_pages (self, section, sy_ledger_section_paginate (section, self->context));
      if (entry >= 0)
        sy_ledger_toc_set_page (self->toc, (guint) entry, first_page);
      if (heading >= 0)
        sy_ledger_toc_set_page (self->toc, (guint) heading, first_page);
    }

  self->laid_out = TRUE;
  return TRUE;
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

  /* Links inside pages (CAIRO_TAG_LINK) would make the 目录 clickable,
   * but cairo 1.16 writes a broken cross-reference table as soon as one is
   * used (qpdf --check: "file is damaged"); the outline works. */
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

gboolean
sy_ledger_document_export_pdf (SyLedgerDocument *self,
                               const char       *path,
                               SyLedgerProgress  progress,
                               gpointer          user_data,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_autofree char *title = NULL;
  SyLedgerPdfPages pages = { 0, };

  g_return_val_if_fail (SY_IS_LEDGER_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!self->laid_out && !sy_ledger_document_layout (self, cancellable, error))
    return FALSE;
  if (check_cancelled (cancellable, error))
    return FALSE;

  if (self->from_year == self->to_year)
    title = g_strdup_printf ("%s %d年度", LEDGER_TITLE, self->from_year);
  else
    title = g_strdup_printf ("%s %d—%d年度", LEDGER_TITLE, self->from_year, self->to_year);
  pages.n_pages = self->pages->len;
  pages.page_size = pdf_page_size;
  pages.render_page = pdf_render_page;
  pages.outline = add_outline;
  pages.data = self;
  pages.title = title;
  pages.author = self->office;
  return sy_ledger_pdf_write (path, &pages, progress, user_data, cancellable, error);
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
