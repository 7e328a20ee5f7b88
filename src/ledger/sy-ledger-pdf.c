/* sy-ledger-pdf.c: writing the ledger's pages to a PDF file, all or nothing */
#include "sy-ledger-pdf.h"
#include "sy-ledger-style.h"

#include <errno.h>
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
