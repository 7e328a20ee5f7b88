/* sy-document-render.c: checking archived documents, their text and their pictures */
#include "sy-document-render.h"
#include "sy-document-render-private.h"
#include "sy-ledger-photo.h"
#include "sy-photo-intake.h"
#include "sy-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

void
sy_document_intake_free (SyDocumentIntake *intake)
{
  if (intake == NULL)
    return;
  g_free (intake->name);
  g_clear_pointer (&intake->bytes, g_bytes_unref);
  g_free (intake->hash);
  g_free (intake->title);
  g_free (intake->text);
  g_free (intake);
}

/* PDF 1.7 §7.5.2 allows the header anywhere in the first 1024 bytes. */
static gboolean
has_pdf_header (const guint8 *data, gsize len)
{
  gsize n = MIN (len, 1024);

  for (gsize i = 0; i + 5 <= n; i++)
    if (memcmp (data + i, "%PDF-", 5) == 0)
      return TRUE;
  return FALSE;
}

/* The last "%%EOF" must be near the end; readers tolerate trailing junk
 * (mail gateways append a line or two), so look at the last 2 KB. */
static gboolean
has_pdf_end (const guint8 *data, gsize len)
{
  gsize from = len > 2048 ? len - 2048 : 0;

  for (gsize i = len >= 5 ? len - 5 + 1 : 0; i-- > from;)
    if (memcmp (data + i, "%%EOF", 5) == 0)
      return TRUE;
  return FALSE;
}

static const char *
sniff_image (const guint8 *data, gsize len)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  if (len >= sizeof png && memcmp (data, png, sizeof png) == 0)
    return "image/png";
  return NULL;
}

/* What poppler made of a file (@doc, or NULL and @local_error); messages
 * name @name. */
static PopplerDocument *
check_opened (PopplerDocument *doc, GError *local_error, const char *name, GError **error)
{
  if (doc == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_OPEN_FILE))
        g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("%s cannot be read: %s"), name,
                     local_error->message);
      else if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                     _("%s is encrypted (it needs a password to open); save an unprotected copy and import that"),
                     name);
      else
        g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("%s is a damaged PDF file: %s"), name,
                     local_error != NULL ? local_error->message : "?");
      return NULL;
    }
  if (poppler_document_get_n_pages (doc) < 1)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("%s is a PDF file without pages"), name);
      g_object_unref (doc);
      return NULL;
    }
  return doc;
}

/* Opens a PDF that has passed the header and end checks. */
static PopplerDocument *
open_pdf (GBytes *bytes, const char *name, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *doc = poppler_document_new_from_bytes (bytes, NULL, &local_error);

  return check_opened (doc, local_error, name, error);
}

PopplerDocument *
sy_document_render_open_pdf_file (const char  *path,
                                  const char  *name,
                                  GError     **error)
{
  /* poppler wants a URI, and g_filename_to_uri() refuses relative paths. */
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &local_error);

  return check_opened (doc, local_error, name, error);
}

/* The file name without its extension, as a default title. */
static char *
title_from_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot != NULL && dot != name)
    return g_strndup (name, dot - name);
  return g_strdup (name);
}

static char *
pdf_title (PopplerDocument *doc)
{
  g_autofree char *title = poppler_document_get_title (doc);

  if (title == NULL)
    return NULL;
  g_strstrip (title);
  /* Generators put "Untitled", "Microsoft Word - x.doc" or nothing: only a
   * real title beats the file name. */
  if (*title == '\0' || g_ascii_strcasecmp (title, "untitled") == 0
      || g_str_has_prefix (title, "Microsoft Word - "))
    return NULL;
  return g_steal_pointer (&title);
}

SyDocumentIntake *
sy_document_intake_check (GBytes        *bytes,
                          const char    *name,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(SyDocumentIntake) intake = g_new0 (SyDocumentIntake, 1);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GString) text = NULL;
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);

  intake->name = g_strdup (name != NULL ? name : "?");
  intake->bytes = g_bytes_ref (bytes);
  data = g_bytes_get_data (bytes, &len);

  if (len == 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("%s is empty"), intake->name);
      return NULL;
    }
  if (sniff_image (data, len) != NULL)
    {
      SyPhotoInfo info = { 0 };
      g_autoptr(GdkPixbuf) check = NULL;

      check = sy_photo_intake_check (bytes, intake->name, 64, &info, error);
      if (check == NULL)
        return NULL;
      intake->mime_type = g_intern_string (info.mime_type);
      sy_photo_info_clear (&info);
      intake->n_pages = 1;
      intake->title = title_from_name (intake->name);
      intake->hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
      return g_steal_pointer (&intake);
    }
  if (!has_pdf_header (data, len))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s is not a PDF, JPEG or PNG file (its content is of another kind, whatever its name)"),
                   intake->name);
      return NULL;
    }
  if (!has_pdf_end (data, len))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s is truncated: the end of the PDF file is missing (copy or download it again)"),
                   intake->name);
      return NULL;
    }
  doc = open_pdf (bytes, intake->name, error);
  if (doc == NULL)
    return NULL;

  intake->mime_type = "application/pdf";
  intake->n_pages = poppler_document_get_n_pages (doc);
  text = g_string_new (NULL);
  for (int i = 0; i < intake->n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *page_text = page != NULL ? poppler_page_get_text (page) : NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (i > 0)
        g_string_append_c (text, '\f');
      if (page_text != NULL)
        g_string_append (text, g_strstrip (page_text));
    }
  intake->text = g_string_free (g_steal_pointer (&text), FALSE);
  intake->title = pdf_title (doc);
  if (intake->title == NULL)
    intake->title = title_from_name (intake->name);
  intake->hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  return g_steal_pointer (&intake);
}

SyDocumentIntake *
sy_document_intake_load (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *name = g_filename_display_name (base != NULL ? base : "?");
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("%s is not a file"), name);
      return NULL;
    }
  if (info != NULL && g_file_info_get_size (info) > SY_DOCUMENT_MAX_SIZE)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("%s is larger than %d MB"), name,
                   SY_DOCUMENT_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (info != NULL)
    bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SY_ERROR, SY_ERROR_IO, _("%s cannot be read: %s"), name, local_error->message);
      return NULL;
    }
  return sy_document_intake_check (bytes, name, cancellable, error);
}

static void
intake_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  SyDocumentIntake *intake;

  if (g_task_return_error_if_cancelled (task))
    return;
  intake = sy_document_intake_load (task_data, cancellable, &error);
  if (intake == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, intake, (GDestroyNotify) sy_document_intake_free);
}

void
sy_document_intake_load_async (GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, sy_document_intake_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, intake_thread);
}

SyDocumentIntake *
sy_document_intake_load_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- rendering ---------------------------------------------------------------------- */

static gboolean
is_image (const char *mime_type)
{
  return g_strcmp0 (mime_type, "image/jpeg") == 0 || g_strcmp0 (mime_type, "image/png") == 0;
}

int
sy_document_render_count_pages (GBytes      *bytes,
                                const char  *mime_type,
                                GError     **error)
{
  g_autoptr(PopplerDocument) doc = NULL;

  if (is_image (mime_type))
    return 1;
  doc = open_pdf (bytes, _("The document"), error);
  return doc != NULL ? poppler_document_get_n_pages (doc) : -1;
}

static cairo_surface_t *
white_surface (int width, int height, cairo_t **cr)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (width, 1),
                                                         MAX (height, 1));

  *cr = cairo_create (surface);
  cairo_set_source_rgb (*cr, 1, 1, 1);
  cairo_paint (*cr);
  return surface;
}

static cairo_surface_t *
render_image (GBytes *bytes, int width, GError **error)
{
  SyPhotoInfo info = { 0 };
  PangoContext *context;
  cairo_surface_t *surface;
  cairo_t *cr;
  int w, h;

  if (!sy_photo_intake_probe (bytes, _("The document"), &info, error))
    return NULL;
  /* EXIF orientations 5–8 turn the picture a quarter. */
  w = info.orientation >= 5 ? info.height : info.width;
  h = info.orientation >= 5 ? info.width : info.height;
  sy_photo_info_clear (&info);
  surface = white_surface (width, (int) MAX (1, (double) width * h / MAX (w, 1) + 0.5), &cr);
  context = pango_cairo_create_context (cr);
  sy_ledger_photo_paint (cr, context, bytes, NULL, 0, 0, cairo_image_surface_get_width (surface),
                         cairo_image_surface_get_height (surface));
  g_object_unref (context);
  cairo_destroy (cr);
  return surface;
}

/* Page @page of an open PDF, @width pixels wide. */
static cairo_surface_t *
render_pdf_page (PopplerDocument *doc, int page, int width, GError **error)
{
  g_autoptr(PopplerPage) pdf_page = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double pw, ph, scale;

  if (page < 0 || page >= poppler_document_get_n_pages (doc))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND, _("The document has no page %d"), page + 1);
      return NULL;
    }
  pdf_page = poppler_document_get_page (doc, page);
  poppler_page_get_size (pdf_page, &pw, &ph);
  scale = width / MAX (pw, 1.0);
  surface = white_surface (width, (int) (ph * scale + 0.5), &cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (pdf_page, cr);
  cairo_destroy (cr);
  return surface;
}

/* Parses the PDF once for both answers; *@n_pages is 1 for images. */
static cairo_surface_t *
render_counting (GBytes *bytes, const char *mime_type, int page, int width, int *n_pages, GError **error)
{
  g_autoptr(PopplerDocument) doc = NULL;

  if (is_image (mime_type))
    {
      *n_pages = 1;
      if (page != 0)
        {
          g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND, _("The document has no page %d"), page + 1);
          return NULL;
        }
      return render_image (bytes, width, error);
    }
  doc = open_pdf (bytes, _("The document"), error);
  if (doc == NULL)
    return NULL;
  *n_pages = poppler_document_get_n_pages (doc);
  return render_pdf_page (doc, page, width, error);
}

cairo_surface_t *
sy_document_render_page (GBytes      *bytes,
                         const char  *mime_type,
                         int          page,
                         int          width,
                         GError     **error)
{
  int n_pages;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (width > 0, NULL);

  return render_counting (bytes, mime_type, page, width, &n_pages, error);
}

/* --- the render cache ---------------------------------------------------------------- */

/* Surfaces are kept until they hold more than this many bytes; then the
 * least recently used go.  A 160-pixel thumbnail is ≈ 0.1 MB, a preview
 * page at 1200 pixels ≈ 6 MB. */
#define RENDER_CACHE_BYTES (64 * 1024 * 1024)

typedef struct {
  char            *key;
  cairo_surface_t *surface;
  int              n_pages;
  gsize            size;
} Rendered;

static GMutex render_lock;
static GHashTable *render_index;  /* key → GList link in render_lru */
static GQueue render_lru;         /* most recent first; data: Rendered */
static gsize render_bytes;

static char *
render_key (const char *hash, int page, int width)
{
  return g_strdup_printf ("%s:%d:%d", hash, page, width);
}

static void
rendered_free (Rendered *r)
{
  g_free (r->key);
  cairo_surface_destroy (r->surface);
  g_free (r);
}

/* Transfer full, or NULL; *@n_pages set when found. */
static cairo_surface_t *
cache_get (const char *key, int *n_pages)
{
  cairo_surface_t *surface = NULL;
  GList *link;

  g_mutex_lock (&render_lock);
  if (render_index != NULL && (link = g_hash_table_lookup (render_index, key)) != NULL)
    {
      Rendered *r = link->data;

      g_queue_unlink (&render_lru, link);
      g_queue_push_head_link (&render_lru, link);
      surface = cairo_surface_reference (r->surface);
      if (n_pages != NULL)
        *n_pages = r->n_pages;
    }
  g_mutex_unlock (&render_lock);
  return surface;
}

static void
cache_put (const char *key, cairo_surface_t *surface, int n_pages)
{
  Rendered *r;

  g_mutex_lock (&render_lock);
  if (render_index == NULL)
    render_index = g_hash_table_new (g_str_hash, g_str_equal);
  if (!g_hash_table_contains (render_index, key))
    {
      r = g_new0 (Rendered, 1);
      r->key = g_strdup (key);
      r->surface = cairo_surface_reference (surface);
      r->n_pages = n_pages;
      r->size = (gsize) cairo_image_surface_get_stride (surface) * cairo_image_surface_get_height (surface);
      g_queue_push_head (&render_lru, r);
      g_hash_table_insert (render_index, r->key, render_lru.head);
      render_bytes += r->size;
      while (render_bytes > RENDER_CACHE_BYTES && render_lru.length > 1)
        {
          Rendered *old = g_queue_pop_tail (&render_lru);

          g_hash_table_remove (render_index, old->key);
          render_bytes -= old->size;
          rendered_free (old);
        }
    }
  g_mutex_unlock (&render_lock);
}

cairo_surface_t *
sy_document_render_lookup (const char *hash, int page, int width)
{
  g_autofree char *key = NULL;

  if (hash == NULL)
    return NULL;
  key = render_key (hash, page, width);
  return cache_get (key, NULL);
}

typedef struct {
  char *path;
  char *key;
  char *mime_type;
  int   page;
  int   width;
  int   n_pages;
} RenderJob;

static void
render_job_free (RenderJob *job)
{
  g_free (job->path);
  g_free (job->key);
  g_free (job->mime_type);
  g_free (job);
}

static void
render_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  cairo_surface_t *surface;

  if (g_task_return_error_if_cancelled (task))
    return;
  surface = cache_get (job->key, &job->n_pages);
  if (surface == NULL)
    {
      mapped = g_mapped_file_new (job->path, FALSE, &error);
      if (mapped == NULL)
        {
          g_task_return_new_error (task, SY_ERROR, SY_ERROR_NOT_FOUND, _("The document’s file is missing: %s"),
                                   error->message);
          g_error_free (error);
          return;
        }
      bytes = g_mapped_file_get_bytes (mapped);
      surface = render_counting (bytes, job->mime_type, job->page, MAX (job->width, 1), &job->n_pages, &error);
      if (surface == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      cache_put (job->key, surface, job->n_pages);
    }
  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

void
sy_document_render_async (const char          *path,
                          const char          *hash,
                          const char          *mime_type,
                          int                  page,
                          int                  width,
                          int                  io_priority,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  RenderJob *job = g_new0 (RenderJob, 1);

  job->path = g_strdup (path);
  job->key = render_key (hash != NULL ? hash : path, page, width);
  job->mime_type = g_strdup (mime_type);
  job->page = page;
  job->width = width;
  g_task_set_source_tag (task, sy_document_render_async);
  /* GTask's thread pool takes waiting tasks by priority. */
  g_task_set_priority (task, io_priority);
  g_task_set_task_data (task, job, (GDestroyNotify) render_job_free);
  g_task_run_in_thread (task, render_thread);
}

cairo_surface_t *
sy_document_render_finish (GAsyncResult  *result,
                           int           *n_pages,
                           GError       **error)
{
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  cairo_surface_t *surface = g_task_propagate_pointer (G_TASK (result), error);

  if (n_pages != NULL)
    *n_pages = surface != NULL ? job->n_pages : 0;
  return surface;
}

/* --- printing ----------------------------------------------------------------------- */

struct _SyDocumentPrint {
  PopplerDocument *doc;
};

SyDocumentPrint *
sy_document_print_open (const char  *path,
                        GError     **error)
{
  g_autofree char *name = g_path_get_basename (path);
  PopplerDocument *doc = sy_document_render_open_pdf_file (path, name, error);
  SyDocumentPrint *self;

  if (doc == NULL)
    return NULL;
  self = g_new0 (SyDocumentPrint, 1);
  self->doc = doc;
  return self;
}

int
sy_document_print_get_n_pages (SyDocumentPrint *self)
{
  return poppler_document_get_n_pages (self->doc);
}

gboolean
sy_document_print_get_page_size (SyDocumentPrint *self,
                                 int              page,
                                 double          *width,
                                 double          *height)
{
  g_autoptr(PopplerPage) p = poppler_document_get_page (self->doc, page);

  if (p == NULL)
    return FALSE;
  poppler_page_get_size (p, width, height);
  return TRUE;
}

void
sy_document_print_render_page (SyDocumentPrint *self,
                               int              page,
                               cairo_t         *cr)
{
  g_autoptr(PopplerPage) p = poppler_document_get_page (self->doc, page);

  if (p != NULL)
    poppler_page_render_for_printing (p, cr);
}

void
sy_document_print_free (SyDocumentPrint *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->doc);
  g_free (self);
}
