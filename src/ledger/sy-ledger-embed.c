/* sy-ledger-embed.c: an archived document bound into the ledger
 *
 * A book may bind hundreds of scanned files.  Keeping one PopplerDocument
 * per file open would hold every file's xref and caches (and a descriptor)
 * at once, so the whole process keeps one: the file last counted or
 * painted, in a slot shared by all embeds.  The ledger paints its pages in
 * order, so a file is opened once for counting and once for painting.  The
 * slot is locked while a page is painted: the preview (main thread) and an
 * export (worker) may paint at the same time, and a PopplerDocument must
 * not be used by two threads at once.
 */
#include "sy-ledger-embed.h"
#include "sy-document-render-private.h"
#include "sy-ledger-photo.h"
#include "sy-ledger-style.h"
#include "sy-ledger-text.h"
#include "sy-photo-intake.h"

#include <glib/gi18n-lib.h>

/* Caption line, then this gap, then the file's page. */
#define CAPTION_GAP SY_LEDGER_MM (3.0)
#define FRAME_GRAY  0.55

struct _SyLedgerEmbed
{
  GObject parent_instance;

  SyDocument  *document;
  char        *path;
  char        *name;      /* for messages */
  gboolean     is_pdf;
  guint        n_pages;
  int          image_w;   /* images: upright size in pixels */
  int          image_h;

  PangoLayout *title;       /* caption: the title, cut first when too long */
  PangoLayout *meta;        /* caption: "文号　发文机关　date" after it */
  GPtrArray   *page_labels;  /* PangoLayout "i/n"; empty for a file of one page */
};

static void section_iface_init (SyLedgerSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SyLedgerEmbed, sy_ledger_embed, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SY_TYPE_LEDGER_SECTION,
                                                      section_iface_init))

/* --- the one open PDF ---------------------------------------------------- */

static GMutex slot_lock;
static char *slot_path;
static PopplerDocument *slot_doc;

/* The PDF at @path, from the slot or opened into it (the previous one is
 * closed).  Call with slot_lock held; the result is borrowed. */
static PopplerDocument *
slot_get (const char *path, const char *name, GError **error)
{
  PopplerDocument *doc;

  if (slot_doc != NULL && g_strcmp0 (slot_path, path) == 0)
    return slot_doc;
  doc = sy_document_render_open_pdf_file (path, name, error);
  if (doc == NULL)
    return NULL;
  g_clear_object (&slot_doc);
  g_free (slot_path);
  slot_doc = doc;
  slot_path = g_strdup (path);
  return slot_doc;
}

/* --- GObject ------------------------------------------------------------- */

static void
sy_ledger_embed_finalize (GObject *object)
{
  SyLedgerEmbed *self = SY_LEDGER_EMBED (object);

  g_clear_object (&self->document);
  g_free (self->path);
  g_free (self->name);
  g_clear_object (&self->title);
  g_clear_object (&self->meta);
  g_ptr_array_unref (self->page_labels);
  G_OBJECT_CLASS (sy_ledger_embed_parent_class)->finalize (object);
}

static void
sy_ledger_embed_class_init (SyLedgerEmbedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_ledger_embed_finalize;
}

static void
sy_ledger_embed_init (SyLedgerEmbed *self)
{
  self->page_labels = g_ptr_array_new_with_free_func (g_object_unref);
}

/* --- the section --------------------------------------------------------- */

/* "文号　发文机关　2024年3月5日", empty parts left out. */
static char *
meta_text (SyDocument *document)
{
  g_autofree char *date = sy_ledger_text_format_date (sy_document_get_date (document));
  const char *parts[] = { sy_document_get_doc_number (document), sy_document_get_issuer (document),
                          date };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, "\u3000");
      g_string_append (text, parts[i]);
    }
  g_strdelimit (text->str, "\r\n\t", ' ');
  return g_string_free (text, FALSE);
}

/* The caption is one line: title, 文号, 发文机关 and date, then (for a
 * file of several pages) "i/n" at the right.  When it is too
 * long the title is cut (with an ellipsis), so the date and number, which
 * the title cannot stand in for, stay whole. */
static guint
embed_paginate (SyLedgerSection *section,
                PangoContext    *context)
{
  SyLedgerEmbed *self = SY_LEDGER_EMBED (section);
  g_autofree char *meta = meta_text (self->document);
  g_autofree char *title = g_strdup (sy_document_get_title (self->document));
  double label_w = 0, avail, meta_w = 0;

  /* A line break pasted into a title would make the caption two lines. */
  if (title != NULL)
    g_strdelimit (title, "\r\n\t", ' ');

  g_ptr_array_set_size (self->page_labels, 0);
  if (self->n_pages > 1)
    for (guint i = 0; i < self->n_pages; i++)
      {
        g_autofree char *label = g_strdup_printf ("%u/%u", i + 1, self->n_pages);
        PangoLayout *layout = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL_SANS,
                                                         label, -1, PANGO_ALIGN_LEFT);

        label_w = MAX (label_w, sy_ledger_text_width (layout));
        g_ptr_array_add (self->page_labels, layout);
      }
  avail = SY_LEDGER_BLOCK_WIDTH - (label_w > 0 ? label_w + SY_LEDGER_MM (4.0) : 0);

  g_clear_object (&self->title);
  self->title = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL_SANS, title, -1,
                                           PANGO_ALIGN_LEFT);
  g_clear_object (&self->meta);
  if (*meta != '\0')
    {
      /* The meta gets what the whole title leaves, but at least 75 % of
       * the line; a full-width space goes between them. */
      double meta_max = MAX (avail * 0.75, avail - sy_ledger_text_width (self->title)
                                          - SY_LEDGER_SIZE_SMALL);

      self->meta = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL_SANS, meta, -1,
                                              PANGO_ALIGN_LEFT);
      if (sy_ledger_text_width (self->meta) > meta_max)
        {
          g_clear_object (&self->meta);
          self->meta = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL_SANS, meta,
                                                  meta_max, PANGO_ALIGN_LEFT);
          sy_ledger_text_limit_lines (self->meta, 1);
        }
      meta_w = sy_ledger_text_width (self->meta) + SY_LEDGER_SIZE_SMALL;
    }
  if (sy_ledger_text_width (self->title) > avail - meta_w)
    {
      g_clear_object (&self->title);
      self->title = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL_SANS, title,
                                               avail - meta_w, PANGO_ALIGN_LEFT);
      sy_ledger_text_limit_lines (self->title, 1);
    }
  return self->n_pages;
}

static void
frame (cairo_t *cr, double x, double y, double w, double h)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, FRAME_GRAY, FRAME_GRAY, FRAME_GRAY);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, x, y, w, h);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The file went away or broke after the book was laid out: the page says
 * so instead of the export failing half-way. */
static void
paint_unreadable (cairo_t *cr, PangoContext *context, const char *message,
                  double x, double y, double w, double h)
{
  g_autoptr(PangoLayout) layout = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL_SANS,
                                                             message, w - SY_LEDGER_MM (10.0),
                                                             PANGO_ALIGN_CENTER);

  sy_ledger_text_limit_lines (layout, 4);
  frame (cr, x, y, w, h);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  sy_ledger_text_show (cr, layout, x + SY_LEDGER_MM (5.0),
                       y + (h - sy_ledger_text_height (layout)) / 2);
}

/* Scale and offset that fit a @w × @h picture into the box, centred. */
static void
fit (double w, double h, double bx, double by, double bw, double bh,
     double *x, double *y, double *scale)
{
  *scale = MIN (bw / MAX (w, 1.0), bh / MAX (h, 1.0));
  *x = bx + (bw - w * *scale) / 2;
  *y = by + (bh - h * *scale) / 2;
}

static void
paint_pdf_page (SyLedgerEmbed *self, guint index, cairo_t *cr, PangoContext *context,
                double bx, double by, double bw, double bh)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc;
  g_autoptr(PopplerPage) page = NULL;
  double pw, ph, x, y, scale;

  g_mutex_lock (&slot_lock);
  doc = slot_get (self->path, self->name, &error);
  if (doc != NULL)
    page = poppler_document_get_page (doc, (int) index);
  if (page == NULL)
    {
      g_mutex_unlock (&slot_lock);
      paint_unreadable (cr, context, error != NULL ? error->message : self->name, bx, by, bw, bh);
      return;
    }
  poppler_page_get_size (page, &pw, &ph);
  fit (pw, ph, bx, by, bw, bh, &x, &y, &scale);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  /* Anything a page draws outside its own box stays out of the ledger's
   * margins. */
  cairo_rectangle (cr, 0, 0, pw, ph);
  cairo_clip (cr);
  /* For printing: text stays text and images keep their own encoding
   * (poppler_page_render would re-encode them as raw bitmaps). */
  poppler_page_render_for_printing (page, cr);
  cairo_restore (cr);
  g_clear_object (&page);
  g_mutex_unlock (&slot_lock);
  frame (cr, x, y, pw * scale, ph * scale);
}

static void
paint_image (SyLedgerEmbed *self, cairo_t *cr, PangoContext *context,
             double bx, double by, double bw, double bh)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (self->path, FALSE, &error);
  g_autoptr(GBytes) bytes = NULL;
  double x, y, scale;

  if (mapped == NULL)
    {
      paint_unreadable (cr, context, error->message, bx, by, bw, bh);
      return;
    }
  /* The mapping lives as long as the bytes, which cairo keeps as the
   * JPEG's mime data until the page is written. */
  bytes = g_mapped_file_get_bytes (mapped);
  fit (self->image_w, self->image_h, bx, by, bw, bh, &x, &y, &scale);
  sy_ledger_photo_paint (cr, context, bytes, sy_document_get_attachment_hash (self->document),
                         x, y, self->image_w * scale, self->image_h * scale);
  frame (cr, x, y, self->image_w * scale, self->image_h * scale);
}

/* The width of a one-line layout's text: a layout given a width reports
 * that width, whatever its (ellipsized) line takes. */
static double
first_line_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_line_get_extents (pango_layout_get_line_readonly (layout, 0), NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static void
embed_paint_page (SyLedgerSection *section,
                  guint            index,
                  cairo_t         *cr,
                  PangoContext    *context)
{
  SyLedgerEmbed *self = SY_LEDGER_EMBED (section);
  const double bx = SY_LEDGER_BLOCK_X;
  double by = SY_LEDGER_BLOCK_Y;
  double caption_h;

  g_return_if_fail (index < self->n_pages);
  g_return_if_fail (self->title != NULL);

  cairo_set_source_rgb (cr, 0, 0, 0);
  sy_ledger_text_show (cr, self->title, bx, by);
  caption_h = sy_ledger_text_height (self->title);
  if (self->meta != NULL)
    {
      /* A full-width space after the title, as the parts are joined. */
      double title_w = first_line_width (self->title);

      /* A cut title's ellipsis, a full-width glyph, makes the space. */
      double gap = title_w > 0 && !pango_layout_is_ellipsized (self->title) ? SY_LEDGER_SIZE_SMALL : 0;

      sy_ledger_text_show (cr, self->meta, bx + title_w + gap, by);
      caption_h = MAX (caption_h, sy_ledger_text_height (self->meta));
    }
  if (index < self->page_labels->len)
    {
      PangoLayout *label = g_ptr_array_index (self->page_labels, index);

      sy_ledger_text_show (cr, label, bx + SY_LEDGER_BLOCK_WIDTH - sy_ledger_text_width (label), by);
      caption_h = MAX (caption_h, sy_ledger_text_height (label));
    }
  by += caption_h + CAPTION_GAP;

  if (self->is_pdf)
    paint_pdf_page (self, index, cr, context, bx, by, SY_LEDGER_BLOCK_WIDTH,
                    SY_LEDGER_BLOCK_Y + SY_LEDGER_BLOCK_HEIGHT - by);
  else
    paint_image (self, cr, context, bx, by, SY_LEDGER_BLOCK_WIDTH,
                 SY_LEDGER_BLOCK_Y + SY_LEDGER_BLOCK_HEIGHT - by);
}

static void
section_iface_init (SyLedgerSectionInterface *iface)
{
  iface->paginate = embed_paginate;
  iface->paint_page = embed_paint_page;
}

/* --- public -------------------------------------------------------------- */

/* Reads the image's header for its upright size. */
static gboolean
probe_image (SyLedgerEmbed *self, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (self->path, FALSE, &local_error);
  g_autoptr(GBytes) bytes = NULL;
  SyPhotoInfo info = { 0 };
  gboolean swap;

  if (mapped == NULL)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("%s cannot be read: %s"), self->name,
                   local_error->message);
      return FALSE;
    }
  bytes = g_mapped_file_get_bytes (mapped);
  if (!sy_photo_intake_probe (bytes, self->name, &info, error))
    return FALSE;
  /* EXIF orientations 5–8 turn the picture a quarter. */
  swap = info.orientation >= 5;
  self->image_w = MAX (1, swap ? info.height : info.width);
  self->image_h = MAX (1, swap ? info.width : info.height);
  sy_photo_info_clear (&info);
  return TRUE;
}

SyLedgerEmbed *
sy_ledger_embed_new (SyDocument  *document,
                     const char  *path,
                     const char  *mime_type,
                     GError     **error)
{
  g_autoptr(SyLedgerEmbed) self = NULL;
  const char *title;

  g_return_val_if_fail (SY_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SY_TYPE_LEDGER_EMBED, NULL);
  self->document = g_object_ref (document);
  self->path = g_strdup (path);
  title = sy_document_get_title (document);
  self->name = (title != NULL && *title != '\0') ? g_strdup (title) : g_path_get_basename (path);

  if (g_strcmp0 (mime_type, "application/pdf") == 0)
    {
      PopplerDocument *doc;

      self->is_pdf = TRUE;
      g_mutex_lock (&slot_lock);
      doc = slot_get (path, self->name, error);
      if (doc != NULL)
        self->n_pages = (guint) poppler_document_get_n_pages (doc);
      g_mutex_unlock (&slot_lock);
      if (doc == NULL)
        return NULL;
    }
  else if (g_strcmp0 (mime_type, "image/jpeg") == 0 || g_strcmp0 (mime_type, "image/png") == 0)
    {
      if (!probe_image (self, error))
        return NULL;
      self->n_pages = 1;
    }
  else
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s is not a PDF, JPEG or PNG file (its content is of another kind, whatever its name)"),
                   self->name);
      return NULL;
    }
  return g_steal_pointer (&self);
}

guint
sy_ledger_embed_get_n_file_pages (SyLedgerEmbed *self)
{
  g_return_val_if_fail (SY_IS_LEDGER_EMBED (self), 0);

  return self->n_pages;
}
