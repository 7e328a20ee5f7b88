/* sy-ledger-pdf.c: writing the ledger's pages to a PDF file, all or nothing */
#include "sy-ledger-pdf.h"
#include "sy-ledger-style.h"

#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>

#define LEDGER_CREATOR "双拥台帐"

typedef struct {
  int fd;
  int error;  /* errno of the first failed write */
} Writer;

static cairo_status_t
write_to_fd (void *closure, const unsigned char *data, unsigned int length)
{
  Writer *w = closure;

  while (length > 0 && w->error == 0)
    {
      ssize_t n = write (w->fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          w->error = errno;
          break;
        }
      data += n;
      length -= (unsigned int) n;
    }
  return w->error == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void
set_io_error (GError **error, const char *path, int saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Could not write “%s”: %s"),
               display, g_strerror (saved_errno));
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

static void
page_size (const SyLedgerPdfPages *pages, guint index, double *width, double *height)
{
  *width = SY_LEDGER_PAGE_WIDTH;
  *height = SY_LEDGER_PAGE_HEIGHT;
  if (pages->page_size != NULL)
    pages->page_size (pages->data, index, width, height);
}

static void
set_metadata (const SyLedgerPdfPages *pages, cairo_surface_t *surface)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");

  if (pages->title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pages->title);
  if (pages->author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, pages->author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, LEDGER_CREATOR);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

/* Renders every page into @surface; FALSE with @error on cancellation. */
static gboolean
render_all (const SyLedgerPdfPages *pages,
            cairo_surface_t        *surface,
            SyLedgerProgress        progress,
            gpointer                user_data,
            GCancellable           *cancellable,
            GError                **error)
{
  cairo_t *cr = cairo_create (surface);
  guint n = pages->n_pages;

  for (guint i = 0; i < n; i++)
    {
      double width, height;

      if (check_cancelled (cancellable, error))
        {
          cairo_destroy (cr);
          return FALSE;
        }
      /* Must come before anything is drawn on the page. */
      page_size (pages, i, &width, &height);
      cairo_pdf_surface_set_size (surface, width, height);
      cairo_save (cr);
      pages->render_page (pages->data, i, cr);
      cairo_restore (cr);
      cairo_show_page (cr);
      if (progress != NULL)
        {
          g_autofree char *what = g_strdup_printf (_("Page %u of %u"), i + 1, n);
          progress ((double) (i + 1) / n, what, user_data);
        }
    }
  cairo_destroy (cr);
  return TRUE;
}


/* --- links as an incremental update -------------------------------------
 *
 * cairo has finished the file: a classic cross-reference table, a trailer,
 * and one flat page tree.  The links are appended after it as PDF's
 * incremental update (ISO 32000 7.5.6): new Link annotations, a new version
 * of every page that gets some (its dictionary plus /Annots), and a
 * cross-reference section for those objects whose trailer points back to
 * cairo's.  Only the file's end, its table and a few small objects are
 * read, so a ledger of any size costs the same.
 */

typedef struct {
  GArray *offsets;   /* goffset per object number; -1 when free */
  goffset xref;
  guint   size;
  guint   root;
  guint   info;
} PdfIndex;

static char *
read_at (int fd, goffset offset, gsize length, gsize *read_length)
{
  char *buf = g_malloc (length + 1);
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = pread (fd, buf + done, length - done, offset + (goffset) done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }
  buf[done] = '\0';
  *read_length = done;
  return buf;
}

/* The number after @key in @text ("/Size 42", "/Root 7 0 R"), or 0. */
static guint
number_after (const char *text, const char *key)
{
  const char *p = strstr (text, key);

  return p != NULL ? (guint) g_ascii_strtoull (p + strlen (key), NULL, 10) : 0;
}

static gboolean
read_index (int fd, PdfIndex *index)
{
  goffset end = lseek (fd, 0, SEEK_END);
  goffset tail_start = MAX (0, end - 1024);
  g_autofree char *tail = NULL;
  g_autofree char *table = NULL;
  gsize length;
  const char *p, *trailer;

  if (end <= 0)
    return FALSE;
  tail = read_at (fd, tail_start, (gsize) (end - tail_start), &length);
  p = g_strrstr (tail, "startxref");
  if (p == NULL)
    return FALSE;
  index->xref = (goffset) g_ascii_strtoll (p + strlen ("startxref"), NULL, 10);
  if (index->xref <= 0 || index->xref >= end)
    return FALSE;

  table = read_at (fd, index->xref, (gsize) (end - index->xref), &length);
  if (!g_str_has_prefix (table, "xref"))
    return FALSE;
  trailer = strstr (table, "trailer");
  if (trailer == NULL)
    return FALSE;
  index->size = number_after (trailer, "/Size");
  index->root = number_after (trailer, "/Root");
  index->info = number_after (trailer, "/Info");
  if (index->size == 0 || index->root == 0)
    return FALSE;

  index->offsets = g_array_new (FALSE, FALSE, sizeof (goffset));
  g_array_set_size (index->offsets, index->size);
  for (guint i = 0; i < index->size; i++)
    g_array_index (index->offsets, goffset, i) = -1;
  p = table + strlen ("xref");
  while (p < trailer)
    {
      char *next;
      guint64 first = g_ascii_strtoull (p, &next, 10);
      guint64 count;

      if (next == p)
        break;
      count = g_ascii_strtoull (next, &next, 10);
      p = next;
      while (*p == ' ' || *p == '\r' || *p == '\n')
        p++;
      for (guint64 k = 0; k < count && p + 18 <= trailer; k++, p += 20)
        if (p[17] == 'n' && first + k < index->size)
          g_array_index (index->offsets, goffset, first + k) =
            (goffset) g_ascii_strtoll (p, NULL, 10);
      while (p < trailer && (*p == ' ' || *p == '\r' || *p == '\n'))
        p++;
    }
  return TRUE;
}

/* The text of object @number between "N 0 obj" and "endobj". */
static char *
read_object (int fd, const PdfIndex *index, guint number)
{
  goffset offset;
  gsize chunk = 4096;

  if (number >= index->size || (offset = g_array_index (index->offsets, goffset, number)) < 0)
    return NULL;
  for (;;)
    {
      gsize length;
      g_autofree char *text = read_at (fd, offset, chunk, &length);
      char *body = strstr (text, "obj");
      char *stop = body ? strstr (body, "endobj") : NULL;

      if (stop != NULL)
        return g_strndup (body + 3, (gsize) (stop - body - 3));
      if (length < chunk || chunk > 64 * 1024 * 1024)
        return NULL;
      chunk *= 4;
    }
}

static gboolean
write_all (int fd, const char *data, gsize length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static void
append_number (GString *out, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.2f", value));
  g_string_append_c (out, ' ');
}

/* Appends @pages->links to the finished PDF in @fd.  FALSE with errno set
 * when writing fails; a file cairo wrote in a shape this does not expect
 * keeps its links out (g_warning) rather than failing the export. */
static gboolean
append_links (int fd, const SyLedgerPdfPages *pages)
{
  PdfIndex index = { NULL, };
  g_autofree char *catalog = NULL;
  g_autofree char *tree = NULL;
  g_autoptr(GArray) kids = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (goffset));
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint));  /* page objects */
  g_autoptr(GArray) changed_offsets = g_array_new (FALSE, FALSE, sizeof (goffset));
  goffset base;
  guint next_object;
  const char *p;
  gboolean ok = TRUE;

  if (!read_index (fd, &index)
      || (catalog = read_object (fd, &index, index.root)) == NULL
      || (tree = read_object (fd, &index, number_after (catalog, "/Pages"))) == NULL
      || (p = strstr (tree, "/Kids")) == NULL || (p = strchr (p, '[')) == NULL)
    {
      g_warning ("ledger PDF: unexpected structure; the 目录 is not clickable");
      g_clear_pointer (&index.offsets, g_array_unref);
      return TRUE;
    }
  for (p++; *p != '\0' && *p != ']';)
    {
      char *next;
      guint64 n = g_ascii_strtoull (p, &next, 10);

      if (next == p)
        break;
      g_array_append_val (kids, (guint) { (guint) n });
      p = strchr (next, 'R');
      if (p == NULL)
        break;
      p++;
    }
  if (kids->len != pages->n_pages)
    {
      g_warning ("ledger PDF: %u pages in the tree, %u painted; the 目录 is not clickable",
                 kids->len, pages->n_pages);
      g_array_unref (index.offsets);
      return TRUE;
    }

  base = lseek (fd, 0, SEEK_END);
  g_string_append_c (out, '\n');
  next_object = index.size;
  for (guint i = 0; i < pages->n_links;)
    {
      guint from = pages->links[i].from_page;
      guint page_object = g_array_index (kids, guint, from);
      g_autofree char *dict = read_object (fd, &index, page_object);
      g_autoptr(GString) annots = g_string_new (" /Annots [ ");
      double width, height;
      char *close;

      page_size (pages, from, &width, &height);
      /* Every link of this page, each an annotation object. */
      for (; i < pages->n_links && pages->links[i].from_page == from; i++)
        {
          const SyLedgerPdfLink *link = &pages->links[i];

          if (link->to_page >= kids->len)
            continue;
          g_array_append_val (entries, (goffset) { base + (goffset) out->len });
          g_string_append_printf (out, "%u 0 obj\n<< /Type /Annot /Subtype /Link /Border [ 0 0 0 ] /Rect [ ",
                                  next_object);
          append_number (out, link->x);
          append_number (out, height - link->y - link->height);
          append_number (out, link->x + link->width);
          append_number (out, height - link->y);
          g_string_append_printf (out, "] /Dest [ %u 0 R /XYZ null null null ] >>\nendobj\n",
                                  g_array_index (kids, guint, link->to_page));
          g_string_append_printf (annots, "%u 0 R ", next_object++);
        }
      g_string_append (annots, "]\n");
      close = dict ? g_strrstr (dict, ">>") : NULL;
      if (close == NULL || strstr (dict, "/Annots") != NULL)
        continue;  /* the annotations stay unused; harmless */
      g_array_append_val (changed, page_object);
      g_array_append_val (changed_offsets, (goffset) { base + (goffset) out->len });
      g_string_append_printf (out, "%u 0 obj", page_object);
      g_string_append_len (out, dict, close - dict);
      g_string_append (out, annots->str);
      g_string_append_printf (out, "%s\nendobj\n", close);
    }

  /* The new section: one subsection per changed page, one for the new
   * annotations. */
  {
    goffset xref = base + (goffset) out->len;

    g_string_append (out, "xref\n");
    for (guint k = 0; k < changed->len; k++)
      g_string_append_printf (out, "%u 1\n%010" G_GINT64_FORMAT " 00000 n \n",
                              g_array_index (changed, guint, k),
                              (gint64) g_array_index (changed_offsets, goffset, k));
    if (entries->len > 0)
      {
        g_string_append_printf (out, "%u %u\n", index.size, entries->len);
        for (guint k = 0; k < entries->len; k++)
          g_string_append_printf (out, "%010" G_GINT64_FORMAT " 00000 n \n",
                                  (gint64) g_array_index (entries, goffset, k));
      }
    g_string_append_printf (out, "trailer\n<< /Size %u /Root %u 0 R", next_object, index.root);
    if (index.info != 0)
      g_string_append_printf (out, " /Info %u 0 R", index.info);
    g_string_append_printf (out, " /Prev %" G_GINT64_FORMAT " >>\nstartxref\n%" G_GINT64_FORMAT "\n%%%%EOF\n",
                            (gint64) index.xref, (gint64) xref);
  }
  if (changed->len > 0)
    ok = write_all (fd, out->str, out->len);
  g_array_unref (index.offsets);
  return ok;
}

/* An export killed before its rename leaves "<name>.tmp-XXXXXX" beside
 * the target.  The next export of the same file removes those older than
 * an hour (a younger one may belong to an export still running). */
static void
remove_stale_temps (const char *path)
{
  g_autofree char *dir_path = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".tmp-", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  gint64 limit = g_get_real_time () / G_USEC_PER_SEC - 3600;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *stale = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, prefix) || strlen (name) != strlen (prefix) + 6)
        continue;
      stale = g_build_filename (dir_path, name, NULL);
      if (g_lstat (stale, &st) == 0 && S_ISREG (st.st_mode) && st.st_mtime < limit)
        g_unlink (stale);
    }
}

char *
sy_ledger_pdf_write_temp (const char             *path,
                          const SyLedgerPdfPages *pages,
                          SyLedgerProgress        progress,
                          gpointer                user_data,
                          GCancellable           *cancellable,
                          GError                **error)
{
  g_autofree char *tmp_path = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  Writer writer = { -1, 0 };
  double width, height;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (pages != NULL && pages->render_page != NULL, NULL);

  if (check_cancelled (cancellable, error))
    return NULL;

  remove_stale_temps (path);
  /* Same directory, so the final rename is atomic. */
  tmp_path = g_strdup_printf ("%s.tmp-XXXXXX", path);
  writer.fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0666);
  if (writer.fd < 0)
    {
      set_io_error (error, path, errno);
      return NULL;
    }

  page_size (pages, 0, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (write_to_fd, &writer, width, height);
  set_metadata (pages, surface);
  if (pages->outline != NULL)
    pages->outline (pages->data, surface);
  ok = render_all (pages, surface, progress, user_data, cancellable, error);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (ok && writer.error != 0)
    {
      set_io_error (error, path, writer.error);
      ok = FALSE;
    }
  else if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_FAILED, _("Could not make the PDF: %s"),
                   cairo_status_to_string (status));
      ok = FALSE;
    }
  if (ok && pages->n_links > 0 && !append_links (writer.fd, pages))
    {
      set_io_error (error, path, errno);
      ok = FALSE;
    }
  if (ok && fsync (writer.fd) != 0)
    {
      set_io_error (error, path, errno);
      ok = FALSE;
    }
  if (close (writer.fd) != 0 && ok)
    {
      set_io_error (error, path, errno);
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (tmp_path);
      return NULL;
    }
  return g_steal_pointer (&tmp_path);
}

gboolean
sy_ledger_pdf_install (const char  *tmp_path,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *dir = NULL;
  int dir_fd;

  g_return_val_if_fail (tmp_path != NULL && path != NULL, FALSE);

  if (g_rename (tmp_path, path) != 0)
    {
      set_io_error (error, path, errno);
      g_unlink (tmp_path);
      return FALSE;
    }

  /* Make the rename itself durable. */
  dir = g_path_get_dirname (path);
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;
}

void
sy_ledger_pdf_discard (const char *tmp_path)
{
  if (tmp_path != NULL)
    g_unlink (tmp_path);
}

gboolean
sy_ledger_pdf_write (const char             *path,
                     const SyLedgerPdfPages *pages,
                     SyLedgerProgress        progress,
                     gpointer                user_data,
                     GCancellable           *cancellable,
                     GError                **error)
{
  g_autofree char *tmp_path = sy_ledger_pdf_write_temp (path, pages, progress, user_data,
                                                        cancellable, error);

  return tmp_path != NULL && sy_ledger_pdf_install (tmp_path, path, error);
}
