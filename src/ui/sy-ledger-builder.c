/* sy-ledger-builder.c: the window that binds, previews, exports and prints the ledger */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtkunixprint.h>

#include "sy-ledger-builder.h"
#include "sy-document-render.h"
#include "sy-ledger-pdf.h"
#include "sy-ui-util.h"

/* The 考评 reviews a four-year window (DOMAIN.md). */
#define REVIEW_YEARS 4
#define N_VOLUMES 8
/* The office setting that remembers the compiler between sessions. */
#define COMPILER_SETTING "ledger-compiler"
/* Thumbnails in the strip, in pixels (before the screen's scale). */
#define THUMB_WIDTH 128
#define THUMB_HEIGHT 181
/* Zoom 1.0 is the printed size on a 96 dpi screen. */
#define PIXELS_PER_POINT (96.0 / 72.0)
#define ZOOM_MIN 0.25
#define ZOOM_MAX 4.0
#define ZOOM_STEP 1.25
/* The page picture's margins in its scrolled window (see the .ui) and room
 * for a vertical scrollbar, for Fit Width. */
#define PAGE_MARGINS (2 * 24 + 14)
/* How long print_to_printer waits for the printer to show up. */
#define PRINTER_TIMEOUT_S 30

/* --- the folder of the temporary PDFs --------------------------------------- */

/* Shared by the window and its workers: the last one to let go removes the
 * folder, so a worker still writing when the window closes cannot leave a
 * file behind. */
typedef struct {
  char *path;
} TempDir;

static void
temp_dir_clear (TempDir *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir->path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir->path, name, NULL);

      g_unlink (file);
    }
  g_rmdir (dir->path);
  g_free (dir->path);
}

static TempDir *
temp_dir_new (GError **error)
{
  g_autofree char *base = g_build_filename (g_get_user_cache_dir (), "shuangyong", NULL);
  g_autofree char *tmpl = g_build_filename (base, "ledger-preview-XXXXXX", NULL);
  TempDir *dir;

  if (g_mkdir_with_parents (base, 0700) != 0 || g_mkdtemp_full (tmpl, 0700) == NULL)
    {
      int saved = errno;

      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write %s: %s"), base, g_strerror (saved));
      return NULL;
    }
  dir = g_atomic_rc_box_new0 (TempDir);
  dir->path = g_steal_pointer (&tmpl);
  return dir;
}

static TempDir *
temp_dir_ref (TempDir *dir)
{
  return g_atomic_rc_box_acquire (dir);
}

static void
temp_dir_unref (TempDir *dir)
{
  g_atomic_rc_box_release_full (dir, (GDestroyNotify) temp_dir_clear);
}

/* --- jobs ---------------------------------------------------------------------- */

typedef struct {
  gboolean         preview;   /* the result becomes the preview */
  char            *path;      /* the file to write */
  char            *source;    /* a preview to copy to @path; NULL: lay out anew */
  TempDir         *dir;       /* keeps the folder while the worker may write in it */
  SyLedgerOptions  options;
  char            *compiler;
  SyProgressRelay *relay;
  /* Results of a layout. */
  guint            n_pages;
  GArray          *sizes;     /* double pairs: width, height in points */
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->source);
  g_free (job->compiler);
  g_clear_pointer (&job->dir, temp_dir_unref);
  g_clear_pointer (&job->relay, sy_progress_relay_unref);
  g_clear_pointer (&job->sizes, g_array_unref);
  g_free (job);
}

static void
job_progress (double fraction, const char *what, gpointer user_data)
{
  sy_progress_relay_post (user_data, fraction, what);
}

static gboolean
io_error (GError **error, const char *path, int saved)
{
  g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write %s: %s"), path, g_strerror (saved));
  return FALSE;
}

/* Copies @source over @path all or nothing: a temporary file beside @path,
 * synced, then renamed (sy_ledger_pdf_install). */
static gboolean
copy_file_atomically (const char    *source,
                      const char    *path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  g_autoptr(GFile) from = g_file_new_for_path (source);
  g_autoptr(GFile) to = NULL;
  g_autoptr(GError) local = NULL;
  int fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0644);

  if (fd < 0)
    return io_error (error, path, errno);
  close (fd);
  to = g_file_new_for_path (tmp);
  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, &local))
    {
      g_unlink (tmp);
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error_literal (error, SY_ERROR, SY_ERROR_CANCELLED, local->message);
      else
        g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write %s: %s"), path, local->message);
      return FALSE;
    }
  fd = open (tmp, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fsync (fd) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_unlink (tmp);
      return io_error (error, path, saved);
    }
  close (fd);
  return sy_ledger_pdf_install (tmp, path, error);
}

/* In the worker, on its own connection. */
static gboolean
job_run (SyDatabase   *db,
         gpointer      data,
         GCancellable *cancellable,
         GError      **error)
{
  Job *job = data;
  g_autoptr(SyLedgerDocument) document = NULL;

  if (job->source != NULL)
    {
      sy_progress_relay_post (job->relay, 0.5, _("Copying the ledger…"));
      return copy_file_atomically (job->source, job->path, cancellable, error);
    }

  sy_progress_relay_post (job->relay, 0.0, _("Reading the records…"));
  job->options.compiler = job->compiler;
  document = sy_ledger_document_new (db, &job->options);
  if (!sy_ledger_document_layout (document, cancellable, error)
      || !sy_ledger_document_export_pdf (document, job->path, job_progress, job->relay, cancellable, error))
    return FALSE;

  job->n_pages = sy_ledger_document_get_n_pages (document);
  job->sizes = g_array_sized_new (FALSE, FALSE, sizeof (double), job->n_pages * 2);
  for (guint i = 0; i < job->n_pages; i++)
    {
      double size[2];

      sy_ledger_document_get_page_size_at (document, i, &size[0], &size[1]);
      g_array_append_vals (job->sizes, size, 2);
    }
  return TRUE;
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
         || g_error_matches (error, SY_ERROR, SY_ERROR_CANCELLED);
}

/* --- the window ------------------------------------------------------------------ */

struct _SyLedgerBuilder
{
  AdwWindow parent_instance;

  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkSpinButton      *from_spin;
  GtkSpinButton      *to_spin;
  AdwComboRow        *unit_row;
  AdwPreferencesGroup *volumes_group;
  AdwComboRow        *profile_row;
  AdwComboRow        *dpi_row;
  AdwEntryRow        *compiler_row;
  GtkRevealer        *stale_revealer;
  GtkStack           *preview_stack;
  AdwStatusPage      *working_page;
  AdwStatusPage      *error_page;
  GtkProgressBar     *progress_bar;
  GtkListView        *thumbs_view;
  GtkLabel           *page_label;
  GtkLabel           *info_label;
  GtkLabel           *zoom_label;
  GtkScrolledWindow  *page_scroll;
  GtkPicture         *page_picture;

  SyDatabase         *db;
  char               *office;
  GArray             *unit_ids;          /* gint64 per unit_row position; 0: the office */
  GtkCheckButton     *volumes[N_VOLUMES];
  char               *compiler;
  gboolean            loading;           /* filling the controls: no "changed" */

  /* The preview. */
  TempDir            *temp_dir;
  guint               generation;
  char               *preview_path;
  char               *render_key;
  guint               n_pages;
  GArray             *sizes;             /* double pairs, points */
  int                 preview_from;
  int                 preview_to;
  gboolean            stale;
  char               *error;
  GtkStringList      *pages;
  GtkSingleSelection *selection;
  guint               page;
  double              zoom;
  gboolean            fit_width;
  int                 page_width;
  GCancellable       *page_cancel;
  GQueue              thumb_queue;     /* ThumbRender, waiting */
  guint               thumbs_running;
  guint               fit_idle;

  /* The worker under way (job_cancel != NULL). */
  GCancellable       *job_cancel;
  SyProgressRelay    *relay;
  char               *stack_before;

  GtkPrintSettings   *print_settings;
  gboolean            disposed;
};

G_DEFINE_FINAL_TYPE (SyLedgerBuilder, sy_ledger_builder, ADW_TYPE_WINDOW)

static void update_actions (SyLedgerBuilder *self);
static void render_page (SyLedgerBuilder *self);

static void
add_toast (SyLedgerBuilder *self, const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static guint
n_volumes_chosen (SyLedgerBuilder *self)
{
  guint n = 0;

  for (int i = 0; i < N_VOLUMES; i++)
    if (self->volumes[i] != NULL && gtk_check_button_get_active (self->volumes[i]))
      n++;
  return n;
}

void
sy_ledger_builder_get_options (SyLedgerBuilder *self,
                               SyLedgerOptions *options)
{
  int from, to;
  guint unit;
  gboolean all = TRUE;

  g_return_if_fail (SY_IS_LEDGER_BUILDER (self));
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  from = gtk_spin_button_get_value_as_int (self->from_spin);
  to = gtk_spin_button_get_value_as_int (self->to_spin);
  options->from_year = MIN (from, to);
  options->to_year = MAX (from, to);
  options->compiler = self->compiler;
  for (int i = 0; i < N_VOLUMES; i++)
    {
      if (self->volumes[i] != NULL && gtk_check_button_get_active (self->volumes[i]))
        options->volumes |= SY_LEDGER_VOLUME (i + 1);
      else if (self->volumes[i] != NULL)
        all = FALSE;
    }
  /* Every volume the office has: the whole book, whatever its standards. */
  if (all)
    options->volumes = SY_LEDGER_ALL_VOLUMES;
  options->profile = adw_combo_row_get_selected (self->profile_row) == 1 ? SY_MASK_PUBLIC : SY_MASK_INTERNAL;
  options->dpi = adw_combo_row_get_selected (self->dpi_row) == 1 ? 150 : 300;
  unit = adw_combo_row_get_selected (self->unit_row);
  options->unit_id = unit < self->unit_ids->len ? g_array_index (self->unit_ids, gint64, unit) : 0;
}

/* --- stale preview and action states ------------------------------------------- */

static gboolean
is_busy (SyLedgerBuilder *self)
{
  return self->job_cancel != NULL;
}

static void
update_actions (SyLedgerBuilder *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  gboolean busy = is_busy (self);
  gboolean shown = self->preview_path != NULL;
  gboolean can_lay_out = !busy && n_volumes_chosen (self) > 0 && self->db != NULL;

  gtk_widget_action_set_enabled (w, "builder.preview", can_lay_out);
  gtk_widget_action_set_enabled (w, "builder.export", can_lay_out);
  gtk_widget_action_set_enabled (w, "builder.cancel", busy);
  gtk_widget_action_set_enabled (w, "builder.print", !busy && shown && !self->stale);
  gtk_widget_action_set_enabled (w, "builder.previous-page", shown && self->page > 0);
  gtk_widget_action_set_enabled (w, "builder.next-page", shown && self->page + 1 < self->n_pages);
  gtk_widget_action_set_enabled (w, "builder.zoom-in", shown && self->zoom < ZOOM_MAX);
  gtk_widget_action_set_enabled (w, "builder.zoom-out", shown && self->zoom > ZOOM_MIN);
  gtk_widget_action_set_enabled (w, "builder.zoom-fit", shown);
}

static void
options_changed (SyLedgerBuilder *self)
{
  if (self->loading)
    return;
  if (self->preview_path != NULL && !self->stale)
    {
      self->stale = TRUE;
      gtk_revealer_set_reveal_child (self->stale_revealer, TRUE);
    }
  update_actions (self);
}

static void
compiler_changed (SyLedgerBuilder *self)
{
  g_free (self->compiler);
  self->compiler = sy_ui_entry_value (GTK_EDITABLE (self->compiler_row));
  options_changed (self);
}

/* Remembered for the next ledger when a ledger is made with it. */
static void
save_compiler (SyLedgerBuilder *self)
{
  g_autofree char *stored = sy_database_get_setting (self->db, COMPILER_SETTING);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (stored != NULL ? stored : "", self->compiler != NULL ? self->compiler : "") != 0
      && !sy_database_set_setting (self->db, COMPILER_SETTING, self->compiler != NULL ? self->compiler : "",
                                   &error))
    g_warning ("Cannot remember the compiler: %s", error->message);
}

/* --- the page view ---------------------------------------------------------------- */

static void
page_size (SyLedgerBuilder *self, guint page, double *width, double *height)
{
  if (self->sizes != NULL && page < self->sizes->len / 2)
    {
      *width = g_array_index (self->sizes, double, 2 * page);
      *height = g_array_index (self->sizes, double, 2 * page + 1);
    }
  else
    {
      /* A4 portrait. */
      *width = 595.276;
      *height = 841.89;
    }
}

static void
update_labels (SyLedgerBuilder *self)
{
  g_autofree char *page = NULL;
  g_autofree char *zoom = g_strdup_printf ("%d%%", (int) (self->zoom * 100 + 0.5));

  page = self->n_pages > 0 ? g_strdup_printf (_("Page %d of %d"), (int) self->page + 1, (int) self->n_pages)
                           : g_strdup ("");
  gtk_label_set_text (self->page_label, page);
  gtk_label_set_text (self->zoom_label, zoom);
  update_actions (self);
}

/* Fit Width: the zoom at which the page fills the view's width. */
static gboolean
apply_fit_width (SyLedgerBuilder *self)
{
  int available = gtk_widget_get_width (GTK_WIDGET (self->page_scroll)) - PAGE_MARGINS;
  double width, height, zoom;

  if (available <= 0)
    return FALSE;
  page_size (self, self->page, &width, &height);
  zoom = CLAMP (available / (width * PIXELS_PER_POINT), ZOOM_MIN, ZOOM_MAX);
  if (fabs (zoom - self->zoom) < 0.005)
    return FALSE;
  self->zoom = zoom;
  return TRUE;
}

static void
page_rendered (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(SyLedgerBuilder) self = data;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = sy_document_render_finish (result, NULL, &error);
  g_autoptr(GdkTexture) texture = NULL;

  if (surface == NULL)
    {
      g_debug ("ledger preview: page not rendered: %s", error->message);
      if (!is_cancelled (error) && !self->disposed)
        gtk_label_set_text (self->info_label, error->message);
      return;
    }
  if (self->disposed)
    {
      cairo_surface_destroy (surface);
      return;
    }
  texture = sy_ui_texture_from_surface (surface);
  self->page_width = cairo_image_surface_get_width (surface);
  cairo_surface_destroy (surface);
  gtk_picture_set_paintable (self->page_picture, GDK_PAINTABLE (texture));
}

/* Renders the page shown at the zoom, off the main thread; the picture
 * takes its new size at once (the old pixels stretched meanwhile). */
static void
render_page (SyLedgerBuilder *self)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double width, height;
  int css_width, css_height;

  if (self->preview_path == NULL)
    return;
  page_size (self, self->page, &width, &height);
  css_width = MAX (1, (int) (width * PIXELS_PER_POINT * self->zoom + 0.5));
  css_height = MAX (1, (int) (height * PIXELS_PER_POINT * self->zoom + 0.5));
  gtk_widget_set_size_request (GTK_WIDGET (self->page_picture), css_width, css_height);

  g_cancellable_cancel (self->page_cancel);
  g_clear_object (&self->page_cancel);
  self->page_cancel = g_cancellable_new ();
  sy_document_render_async (self->preview_path, self->render_key, "application/pdf", (int) self->page,
                            css_width * scale, G_PRIORITY_HIGH, self->page_cancel, page_rendered,
                            g_object_ref (self));
  update_labels (self);
}

static void
set_zoom (SyLedgerBuilder *self, double zoom, gboolean fit_width)
{
  self->fit_width = fit_width;
  if (fit_width)
    apply_fit_width (self);
  else
    self->zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  render_page (self);
}

static gboolean
refit (gpointer data)
{
  SyLedgerBuilder *self = data;

  self->fit_idle = 0;
  if (self->fit_width && apply_fit_width (self))
    render_page (self);
  return G_SOURCE_REMOVE;
}

/* The view's width changed (the window was resized, or the preview came
 * on screen): Fit Width follows, once the sizes have settled. */
static void
view_width_changed (SyLedgerBuilder *self)
{
  if (self->fit_width && self->fit_idle == 0)
    self->fit_idle = g_timeout_add (100, refit, self);
}

void
sy_ledger_builder_set_page (SyLedgerBuilder *self,
                            guint            page)
{
  GtkAdjustment *vadj;

  g_return_if_fail (SY_IS_LEDGER_BUILDER (self));

  if (self->n_pages == 0)
    return;
  page = MIN (page, self->n_pages - 1);
  if (page != self->page || self->page_width == 0)
    {
      self->page = page;
      if (self->fit_width)
        apply_fit_width (self);
      render_page (self);
      vadj = gtk_scrolled_window_get_vadjustment (self->page_scroll);
      gtk_adjustment_set_value (vadj, gtk_adjustment_get_lower (vadj));
    }
  if (gtk_single_selection_get_selected (self->selection) != page)
    gtk_single_selection_set_selected (self->selection, page);
  gtk_widget_activate_action (GTK_WIDGET (self->thumbs_view), "list.scroll-to-item", "u", page);
}

static void
selection_changed (SyLedgerBuilder *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (selected != GTK_INVALID_LIST_POSITION && selected != self->page)
    sy_ledger_builder_set_page (self, selected);
}

/* --- thumbnails ------------------------------------------------------------------- */

/* GTK 4.8's list view binds up to a couple of hundred rows at once, so a
 * 200-page preview would start a render for every page and keep the
 * thread pool busy while the user waits for the page they look at.
 * Thumbnails therefore wait in a queue, top first, with a few rendering
 * at a time; an unbound row's entry is dropped when its turn comes. */
#define MAX_THUMB_RENDERS 2

typedef struct {
  GtkListItem     *item;
  guint            page;
  int              width;
  SyLedgerBuilder *builder;  /* weak: NULL once the builder is gone */
} ThumbRender;

static void thumb_pump (SyLedgerBuilder *self);

static void
thumb_render_free (ThumbRender *r)
{
  g_clear_weak_pointer (&r->builder);
  g_object_unref (r->item);
  g_free (r);
}

static void
thumb_rendered (GObject *source, GAsyncResult *result, gpointer data)
{
  ThumbRender *r = data;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = sy_document_render_finish (result, NULL, &error);
  GtkWidget *box = gtk_list_item_get_child (r->item);
  SyLedgerBuilder *self = r->builder;

  /* The item may show another page by now (scrolled and rebound). */
  if (surface != NULL && box != NULL
      && GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (r->item), "sy-page")) == r->page + 1)
    {
      g_autoptr(GdkTexture) texture = sy_ui_texture_from_surface (surface);

      gtk_picture_set_paintable (GTK_PICTURE (gtk_widget_get_first_child (box)), GDK_PAINTABLE (texture));
    }
  g_clear_pointer (&surface, cairo_surface_destroy);
  thumb_render_free (r);
  if (self != NULL)
    {
      self->thumbs_running--;
      thumb_pump (self);
    }
}

static void
thumb_pump (SyLedgerBuilder *self)
{
  while (self->thumbs_running < MAX_THUMB_RENDERS && !g_queue_is_empty (&self->thumb_queue))
    {
      ThumbRender *r = g_queue_pop_head (&self->thumb_queue);
      GCancellable *cancellable = g_object_get_data (G_OBJECT (r->item), "sy-cancel");

      if (cancellable == NULL || g_cancellable_is_cancelled (cancellable) || self->preview_path == NULL)
        {
          thumb_render_free (r);
          continue;
        }
      self->thumbs_running++;
      sy_document_render_async (self->preview_path, self->render_key, "application/pdf", (int) r->page,
                                r->width, G_PRIORITY_LOW, cancellable, thumb_rendered, r);
    }
}

static void
thumb_setup (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_size_request (picture, THUMB_WIDTH, THUMB_HEIGHT);
  gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_add_css_class (picture, "ledger-page");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
thumb_bind (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  SyLedgerBuilder *self = data;
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkPicture *picture = GTK_PICTURE (gtk_widget_get_first_child (box));
  GtkLabel *label = GTK_LABEL (gtk_widget_get_last_child (box));
  GtkStringObject *text = gtk_list_item_get_item (item);
  guint page = gtk_list_item_get_position (item);
  int width = THUMB_WIDTH * gtk_widget_get_scale_factor (box);
  cairo_surface_t *cached;
  GCancellable *cancellable;
  ThumbRender *r;

  gtk_label_set_text (label, gtk_string_object_get_string (text));
  gtk_widget_set_tooltip_text (box, NULL);
  g_object_set_data (G_OBJECT (item), "sy-page", GUINT_TO_POINTER (page + 1));
  if (self->preview_path == NULL)
    return;
  cached = sy_document_render_lookup (self->render_key, (int) page, width);
  if (cached != NULL)
    {
      g_autoptr(GdkTexture) texture = sy_ui_texture_from_surface (cached);

      cairo_surface_destroy (cached);
      gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
      return;
    }
  gtk_picture_set_paintable (picture, NULL);
  cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (item), "sy-cancel", cancellable, g_object_unref);
  r = g_new0 (ThumbRender, 1);
  r->item = g_object_ref (item);
  r->page = page;
  r->width = width;
  g_set_weak_pointer (&r->builder, self);
  g_queue_push_tail (&self->thumb_queue, r);
  thumb_pump (self);
}

static void
thumb_unbind (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GCancellable *cancellable = g_object_get_data (G_OBJECT (item), "sy-cancel");
  GtkWidget *box = gtk_list_item_get_child (item);

  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
  g_object_set_data (G_OBJECT (item), "sy-cancel", NULL);
  g_object_set_data (G_OBJECT (item), "sy-page", NULL);
  gtk_picture_set_paintable (GTK_PICTURE (gtk_widget_get_first_child (box)), NULL);
}

/* --- preview and export -------------------------------------------------------------- */

static void
show_progress (double fraction, const char *text, gpointer user_data)
{
  SyLedgerBuilder *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  gtk_progress_bar_set_text (self->progress_bar, text != NULL && *text != '\0' ? text : NULL);
}

static void
drop_preview (SyLedgerBuilder *self)
{
  g_cancellable_cancel (self->page_cancel);
  g_clear_object (&self->page_cancel);
  if (self->preview_path != NULL)
    g_unlink (self->preview_path);
  g_clear_pointer (&self->preview_path, g_free);
  g_clear_pointer (&self->render_key, g_free);
  g_clear_pointer (&self->sizes, g_array_unref);
  self->n_pages = 0;
  self->page = 0;
  self->page_width = 0;
  self->stale = FALSE;
  gtk_revealer_set_reveal_child (self->stale_revealer, FALSE);
  gtk_picture_set_paintable (self->page_picture, NULL);
  gtk_string_list_splice (self->pages, 0, g_list_model_get_n_items (G_LIST_MODEL (self->pages)), NULL);
}

/* The text of item @position of a combo row over a GtkStringList. */
static const char *
combo_label (AdwComboRow *row, guint position)
{
  return gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (row)), position);
}

static void
take_preview (SyLedgerBuilder *self, Job *job)
{
  g_autofree char *years = NULL;
  g_autofree char *info = NULL;
  g_auto(GStrv) numbers = NULL;

  drop_preview (self);
  self->preview_path = g_strdup (job->path);
  /* The path is new for every preview: no cached picture of an older one
   * can stand in for a page of this one. */
  self->render_key = g_strdup_printf ("ledger-preview:%s", job->path);
  self->n_pages = job->n_pages;
  self->sizes = g_array_ref (job->sizes);
  self->preview_from = job->options.from_year;
  self->preview_to = job->options.to_year;
  numbers = g_new0 (char *, self->n_pages + 1);
  for (guint i = 0; i < self->n_pages; i++)
    numbers[i] = g_strdup_printf ("%u", i + 1);
  gtk_string_list_splice (self->pages, 0, 0, (const char * const *) numbers);
  /* What the pages were made with: the years, the masking, the photos. */
  years = self->preview_from == self->preview_to ? g_strdup_printf ("%d", self->preview_from)
                                                 : g_strdup_printf ("%d–%d", self->preview_from, self->preview_to);
  info = g_strdup_printf ("%s · %s · %s", years,
                          combo_label (self->profile_row, job->options.profile == SY_MASK_PUBLIC ? 1 : 0),
                          combo_label (self->dpi_row, job->options.dpi == 150 ? 1 : 0));
  gtk_label_set_text (self->info_label, info);
  gtk_stack_set_visible_child_name (self->preview_stack, self->n_pages > 0 ? "preview" : "empty");
  self->fit_width = TRUE;
  self->page = G_MAXUINT;
  sy_ledger_builder_set_page (self, 0);
}

static void
job_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SyLedgerBuilder *self = SY_LEDGER_BUILDER (source);
  Job *job = sy_ui_worker_get_data (result);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = g_steal_pointer (&self->stack_before);

  if (self->relay != NULL)
    sy_progress_relay_stop (self->relay);
  g_clear_pointer (&self->relay, sy_progress_relay_unref);
  g_clear_object (&self->job_cancel);
  if (self->disposed)
    return;

  if (!sy_ui_worker_finish (result, &error))
    {
      gboolean cancelled = is_cancelled (error);

      /* A half-written preview is removed by the export itself; nothing of
       * the job is kept. */
      if (job->preview && !cancelled)
        {
          drop_preview (self);
          g_free (self->error);
          self->error = g_strdup (error->message);
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->preview_stack, "error");
        }
      else
        {
          gtk_stack_set_visible_child_name (self->preview_stack, before);
          if (cancelled && !job->preview)
            add_toast (self, _("Export cancelled"));
          else if (!cancelled)
            {
              g_autofree char *message = g_strdup_printf (_("Could not export the ledger: %s"), error->message);

              g_free (self->error);
              self->error = g_strdup (error->message);
              add_toast (self, message);
            }
        }
      update_actions (self);
      return;
    }

  g_clear_pointer (&self->error, g_free);
  if (job->preview)
    take_preview (self, job);
  else
    {
      g_autofree char *name = g_path_get_basename (job->path);
      /* Translators: a toast once the ledger PDF is saved; %s is the file name */
      g_autofree char *title = g_strdup_printf (_("Saved as %s"), name);
      g_autoptr(GFile) file = g_file_new_for_path (job->path);
      AdwToast *toast = adw_toast_new (title);

      gtk_stack_set_visible_child_name (self->preview_stack, before);
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "builder.open-file");
      adw_toast_set_action_target_value (toast, g_variant_new_take_string (g_file_get_uri (file)));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  update_actions (self);
}

static void
start_job (SyLedgerBuilder *self, Job *job, const char *title)
{
  self->job_cancel = g_cancellable_new ();
  self->relay = sy_progress_relay_new (show_progress, self);
  job->relay = sy_progress_relay_ref (self->relay);
  self->stack_before = g_strdup (gtk_stack_get_visible_child_name (self->preview_stack));
  adw_status_page_set_title (self->working_page, title);
  show_progress (0.0, NULL, self);
  gtk_stack_set_visible_child_name (self->preview_stack, "working");
  save_compiler (self);
  update_actions (self);
  sy_ui_run_in_worker (self, self->db, job_run, job, (GDestroyNotify) job_free, self->job_cancel, job_done);
}

static Job *
job_new (SyLedgerBuilder *self)
{
  Job *job = g_new0 (Job, 1);

  sy_ledger_builder_get_options (self, &job->options);
  job->compiler = g_strdup (self->compiler);
  job->options.compiler = NULL;
  return job;
}

void
sy_ledger_builder_preview (SyLedgerBuilder *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  Job *job;

  g_return_if_fail (SY_IS_LEDGER_BUILDER (self));

  if (is_busy (self) || self->db == NULL || n_volumes_chosen (self) == 0)
    return;
  if (self->temp_dir == NULL && (self->temp_dir = temp_dir_new (&error)) == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->preview_stack, "error");
      return;
    }
  job = job_new (self);
  job->preview = TRUE;
  job->dir = temp_dir_ref (self->temp_dir);
  name = g_strdup_printf ("preview-%u.pdf", ++self->generation);
  job->path = g_build_filename (self->temp_dir->path, name, NULL);
  start_job (self, job, _("Laying Out the Ledger…"));
}

void
sy_ledger_builder_export_to (SyLedgerBuilder *self,
                             GFile           *file)
{
  g_autofree char *path = NULL;
  Job *job;

  g_return_if_fail (SY_IS_LEDGER_BUILDER (self));
  g_return_if_fail (G_IS_FILE (file));

  if (is_busy (self) || self->db == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      add_toast (self, _("The ledger can only be saved to a local folder"));
      return;
    }
  job = job_new (self);
  job->path = g_steal_pointer (&path);
  /* The pages the user has looked at, unless the options changed since. */
  if (self->preview_path != NULL && !self->stale)
    job->source = g_strdup (self->preview_path);
  start_job (self, job, _("Exporting the Ledger…"));
}

void
sy_ledger_builder_cancel (SyLedgerBuilder *self)
{
  g_return_if_fail (SY_IS_LEDGER_BUILDER (self));

  if (self->job_cancel != NULL)
    {
      gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
      g_cancellable_cancel (self->job_cancel);
    }
}

static void
export_response (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  SyLedgerBuilder *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        sy_ledger_builder_export_to (self, file);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  SyLedgerBuilder *self = SY_LEDGER_BUILDER (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  SyLedgerOptions options;

  sy_ledger_builder_get_options (self, &options);
  /* The ledger is an official Chinese document whatever the UI language
   * (DESIGN.md), so its file name is Chinese too. */
  if (options.from_year == options.to_year)
    name = g_strdup_printf ("双拥台帐-%d.pdf", options.from_year);
  else
    name = g_strdup_printf ("双拥台帐-%d-%d.pdf", options.from_year, options.to_year);
  /* Translators: the title of the save dialog of the ledger PDF (打印台帐) */
  dialog = gtk_file_chooser_native_new (_("Export Ledger"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* --- printing ---------------------------------------------------------------------- */

static char *
print_title (SyLedgerBuilder *self)
{
  /* The job's name in the printer queue: the document's own (Chinese) name. */
  if (self->preview_from == self->preview_to)
    return g_strdup_printf ("双拥台帐 %d", self->preview_from);
  return g_strdup_printf ("双拥台帐 %d—%d", self->preview_from, self->preview_to);
}

static void
request_page_setup (GtkPrintOperation *op,
                    GtkPrintContext   *context,
                    int                page_nr,
                    GtkPageSetup      *setup,
                    SyLedgerBuilder   *self)
{
  double width, height;

  /* A landscape 花名册 sheet prints across the paper. */
  page_size (self, page_nr, &width, &height);
  gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                        : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
draw_page (GtkPrintOperation *op,
           GtkPrintContext   *context,
           int                page_nr,
           SyLedgerBuilder   *self)
{
  SyDocumentPrint *document = g_object_get_data (G_OBJECT (op), "sy-document");
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width, height, scale;

  if (document == NULL || !sy_document_print_get_page_size (document, page_nr, &width, &height))
    return;
  /* The pages carry their own margins: printed at their size, or shrunk
   * to the paper when it is smaller. */
  scale = MIN (gtk_print_context_get_width (context) / width, gtk_print_context_get_height (context) / height);
  cairo_save (cr);
  cairo_scale (cr, MIN (scale, 1.0), MIN (scale, 1.0));
  sy_document_print_render_page (document, page_nr, cr);
  cairo_restore (cr);
}

static void
print_done (GtkPrintOperation       *op,
            GtkPrintOperationResult  result,
            SyLedgerBuilder         *self)
{
  g_object_set_data (G_OBJECT (op), "sy-done", GINT_TO_POINTER (TRUE));
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (op));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR && !self->disposed)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (op, &error);
      message = g_strdup_printf (_("Could not print the ledger: %s"), error != NULL ? error->message : "");
      add_toast (self, message);
    }
  g_object_unref (op);
}

/* A print operation over the previewed PDF: one sheet per page, each at
 * its printed size and orientation. */
static GtkPrintOperation *
print_operation_new (SyLedgerBuilder *self, GError **error)
{
  g_autofree char *title = NULL;
  SyDocumentPrint *document;
  GtkPrintOperation *op;

  if (self->preview_path == NULL || self->stale)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("Preview the ledger before printing it"));
      return NULL;
    }
  document = sy_document_print_open (self->preview_path, error);
  if (document == NULL)
    return NULL;
  title = print_title (self);
  op = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (op), "sy-document", document, (GDestroyNotify) sy_document_print_free);
  gtk_print_operation_set_job_name (op, title);
  gtk_print_operation_set_n_pages (op, sy_document_print_get_n_pages (document));
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (op, TRUE);
  if (self->print_settings != NULL)
    gtk_print_operation_set_print_settings (op, self->print_settings);
  g_signal_connect_object (op, "request-page-setup", G_CALLBACK (request_page_setup), self, 0);
  g_signal_connect_object (op, "draw-page", G_CALLBACK (draw_page), self, 0);
  return op;
}

static void
print_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  SyLedgerBuilder *self = SY_LEDGER_BUILDER (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPrintOperation) keep = NULL;
  GtkPrintOperation *op;

  if (is_busy (self))
    return;
  op = print_operation_new (self, &error);
  if (op != NULL)
    {
      gtk_print_operation_set_embed_page_setup (op, TRUE);
      gtk_print_operation_set_allow_async (op, TRUE);
      /* "done" drops the operation; this reference outlives the run. */
      keep = g_object_ref (op);
      g_signal_connect_object (op, "done", G_CALLBACK (print_done), self, 0);
      /* Never GTK_PRINT_OPERATION_ACTION_PRINT: without its dialog GTK 4.8.3
       * corrupts the heap (TOOLCHAIN.md). */
      if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self), &error)
          != GTK_PRINT_OPERATION_RESULT_ERROR || g_object_get_data (G_OBJECT (op), "sy-done") != NULL)
        return;
    }
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not print the ledger: %s"), error->message);

      add_toast (self, message);
    }
}

gboolean
sy_ledger_builder_print_to_pdf (SyLedgerBuilder  *self,
                                const char       *path,
                                GError          **error)
{
  g_autoptr(GtkPrintOperation) op = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (SY_IS_LEDGER_BUILDER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  op = print_operation_new (self, error);
  if (op == NULL)
    return FALSE;
  gtk_print_operation_set_export_filename (op, path);
  result = gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (self), error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

/* The non-interactive print: find the printer, send the file. */
typedef struct {
  char             *printer_name;
  char             *path;
  char             *title;
  GtkPrintSettings *settings;
  GtkPrinter       *printer;
  guint             timeout;
  gboolean          returned;
} PrintJob;

static void
print_job_free (PrintJob *p)
{
  g_free (p->printer_name);
  g_free (p->path);
  g_free (p->title);
  g_clear_object (&p->settings);
  g_clear_object (&p->printer);
  g_clear_handle_id (&p->timeout, g_source_remove);
  g_free (p);
}

static void
print_return_error (GTask *task, GError *error)
{
  PrintJob *p = g_task_get_task_data (task);

  if (p->returned)
    {
      g_error_free (error);
      return;
    }
  p->returned = TRUE;
  g_clear_handle_id (&p->timeout, g_source_remove);
  g_task_return_error (task, error);
}

static void
job_sent (GtkPrintJob *print_job, gpointer data, const GError *error)
{
  GTask *task = data;
  PrintJob *p = g_task_get_task_data (task);

  if (error != NULL)
    print_return_error (task, g_error_new (SY_ERROR, SY_ERROR_IO, _("Could not print the ledger: %s"),
                                           error->message));
  else if (!p->returned)
    {
      p->returned = TRUE;
      g_task_return_boolean (task, TRUE);
    }
}

static gboolean
printer_found (GtkPrinter *printer, gpointer data)
{
  PrintJob *p = g_task_get_task_data (data);

  if (p->returned || g_strcmp0 (gtk_printer_get_name (printer), p->printer_name) != 0)
    return p->returned;
  g_set_object (&p->printer, printer);
  return TRUE;
}

/* Every backend has listed its printers (or the wanted one was found). */
static void
printers_listed (gpointer data)
{
  g_autoptr(GTask) task = data;
  PrintJob *p = g_task_get_task_data (task);
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) a4 = NULL;
  GtkPrintJob *print_job;
  GError *error = NULL;

  if (p->returned)
    return;
  if (p->printer == NULL)
    {
      print_return_error (task, g_error_new (SY_ERROR, SY_ERROR_NOT_FOUND, _("No printer named “%s”"),
                                             p->printer_name));
      return;
    }
  g_clear_handle_id (&p->timeout, g_source_remove);
  setup = gtk_page_setup_new ();
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, a4);
  print_job = gtk_print_job_new (p->title, p->printer, p->settings, setup);
  if (!gtk_print_job_set_source_file (print_job, p->path, &error))
    {
      g_object_unref (print_job);
      print_return_error (task, error);
      return;
    }
  gtk_print_job_send (print_job, job_sent, g_object_ref (task), g_object_unref);
  g_object_unref (print_job);
}

static gboolean
printer_timeout (gpointer data)
{
  GTask *task = data;
  PrintJob *p = g_task_get_task_data (task);

  p->timeout = 0;
  print_return_error (task, g_error_new (SY_ERROR, SY_ERROR_NOT_FOUND, _("No printer named “%s”"),
                                         p->printer_name));
  return G_SOURCE_REMOVE;
}

void
sy_ledger_builder_print_to_printer (SyLedgerBuilder     *self,
                                    const char          *printer_name,
                                    GtkPrintSettings    *settings,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PrintJob *p;

  g_return_if_fail (SY_IS_LEDGER_BUILDER (self));
  g_return_if_fail (printer_name != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sy_ledger_builder_print_to_printer);
  if (self->preview_path == NULL || self->stale || is_busy (self))
    {
      g_task_return_new_error (task, SY_ERROR, SY_ERROR_INVALID, _("Preview the ledger before printing it"));
      return;
    }
  p = g_new0 (PrintJob, 1);
  p->printer_name = g_strdup (printer_name);
  /* A copy: a new preview may replace the file while the job is sent. */
  p->path = g_strdup (self->preview_path);
  p->title = print_title (self);
  p->settings = settings != NULL ? gtk_print_settings_copy (settings) : gtk_print_settings_new ();
  g_task_set_task_data (task, p, (GDestroyNotify) print_job_free);
  /* A backend that never finishes listing (no cupsd) must not hang us. */
  p->timeout = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, PRINTER_TIMEOUT_S, printer_timeout,
                                           g_object_ref (task), g_object_unref);
  gtk_enumerate_printers (printer_found, g_object_ref (task), printers_listed, FALSE);
}

gboolean
sy_ledger_builder_print_to_printer_finish (SyLedgerBuilder  *self,
                                           GAsyncResult     *result,
                                           GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- actions --------------------------------------------------------------------- */

static void
preview_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  sy_ledger_builder_preview (SY_LEDGER_BUILDER (widget));
}

static void
cancel_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  sy_ledger_builder_cancel (SY_LEDGER_BUILDER (widget));
}

static void
step_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  SyLedgerBuilder *self = SY_LEDGER_BUILDER (widget);

  if (g_str_equal (action, "builder.next-page"))
    sy_ledger_builder_set_page (self, self->page + 1);
  else if (self->page > 0)
    sy_ledger_builder_set_page (self, self->page - 1);
}

static void
zoom_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  SyLedgerBuilder *self = SY_LEDGER_BUILDER (widget);

  if (self->preview_path == NULL)
    return;
  if (g_str_equal (action, "builder.zoom-in"))
    set_zoom (self, self->zoom * ZOOM_STEP, FALSE);
  else if (g_str_equal (action, "builder.zoom-out"))
    set_zoom (self, self->zoom / ZOOM_STEP, FALSE);
  else
    set_zoom (self, self->zoom, TRUE);
}

static void
open_file_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  /* gtk_show_uri is the 4.8 way; GtkFileLauncher only came in 4.10. */
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

/* Page Up/Page Down turn the preview's pages from anywhere in the window,
 * except in a text or number field, which has its own use for them. */
static gboolean
page_key (GtkWidget *widget, GVariant *args, gpointer data)
{
  SyLedgerBuilder *self = SY_LEDGER_BUILDER (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (self->preview_path == NULL
      || (focus != NULL && (GTK_IS_EDITABLE (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON))))
    return FALSE;
  gtk_widget_activate_action (widget, GPOINTER_TO_INT (data) > 0 ? "builder.next-page" : "builder.previous-page",
                              NULL);
  return TRUE;
}

/* --- filling the options --------------------------------------------------------- */

static int
first_year_with_data (SyDatabase *db, int fallback)
{
  g_auto(GStrv) years = sy_queries_event_years (db, NULL);
  guint n = years != NULL ? g_strv_length (years) : 0;

  /* Newest first: the last is the oldest. */
  return n > 0 && g_ascii_isdigit (years[n - 1][0]) ? atoi (years[n - 1]) : fallback;
}

static void
fill_units (SyLedgerBuilder *self, int year)
{
  g_autoptr(SyUnit) office = sy_queries_office (self->db, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GdaDataModel) subs = NULL;
  gint64 none = 0;

  g_array_set_size (self->unit_ids, 0);
  /* The office itself binds every record (unit_id 0). */
  gtk_string_list_append (names, office != NULL ? sy_unit_get_name (office) : _("The Whole Office"));
  g_array_append_val (self->unit_ids, none);
  if (office != NULL)
    subs = sy_queries_sub_unit_plans (self->db, sy_record_get_id (SY_RECORD (office)), year, NULL);
  for (int row = 0; subs != NULL && row < gda_data_model_get_n_rows (subs); row++)
    {
      const GValue *id = gda_data_model_get_value_at (subs, 0, row, NULL);
      const GValue *name = gda_data_model_get_value_at (subs, 1, row, NULL);
      gint64 unit_id;

      if (id == NULL || !G_VALUE_HOLDS_INT64 (id) || name == NULL || !G_VALUE_HOLDS_STRING (name))
        continue;
      unit_id = g_value_get_int64 (id);
      gtk_string_list_append (names, g_value_get_string (name));
      g_array_append_val (self->unit_ids, unit_id);
    }
  adw_combo_row_set_model (self->unit_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->unit_row, 0);
}

static void
fill_volumes (SyLedgerBuilder *self)
{
  g_autoptr(SyAssessmentRepo) repo = sy_assessment_repo_new (self->db);
  g_autoptr(GListModel) items = sy_assessment_repo_list_items (repo, NULL);
  const char *titles[N_VOLUMES] = { NULL };

  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(SyAssessmentItem) item = g_list_model_get_item (items, i);
      const char *code = sy_assessment_item_get_code (item);
      int n = code != NULL && g_ascii_isdigit (code[0]) && code[1] == '\0' ? code[0] - '0' : 0;

      /* The eight basic standards are the top-level items "1" … "8"; the
       * list lives as long as this function, and so do the titles. */
      if (sy_assessment_item_get_parent_id (item) == 0 && n >= 1 && n <= N_VOLUMES)
        titles[n - 1] = sy_assessment_item_get_title (item);
    }
  for (int i = 0; i < N_VOLUMES; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      /* Translators: a volume of the ledger (第1卷) */
      g_autofree char *volume = g_strdup_printf (_("Volume %d"), i + 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), titles[i] != NULL ? titles[i] : volume);
      if (titles[i] != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), volume);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (options_changed), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->volumes_group, row);
      self->volumes[i] = GTK_CHECK_BUTTON (check);
    }
}

static void
load (SyLedgerBuilder *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *compiler = sy_database_get_setting (self->db, COMPILER_SETTING);
  int year = g_date_time_get_year (now);
  int first = first_year_with_data (self->db, year);

  self->loading = TRUE;
  self->office = sy_database_get_setting (self->db, "office-name");
  if (self->office != NULL)
    adw_window_title_set_subtitle (self->window_title, self->office);
  /* The review window ending this year, not before the first records. */
  sy_ledger_builder_set_years (self, MIN (MAX (year - (REVIEW_YEARS - 1), first), year), year);
  fill_units (self, year);
  fill_volumes (self);
  gtk_editable_set_text (GTK_EDITABLE (self->compiler_row), compiler != NULL ? compiler : "");
  g_free (self->compiler);
  self->compiler = sy_ui_entry_value (GTK_EDITABLE (self->compiler_row));
  self->loading = FALSE;
  update_actions (self);
}

/* --- life cycle ------------------------------------------------------------------ */

SyLedgerBuilder *
sy_ledger_builder_new (GtkWindow  *parent,
                       SyDatabase *db)
{
  SyLedgerBuilder *self;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  self = g_object_new (SY_TYPE_LEDGER_BUILDER, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  load (self);
  return self;
}

static void
sy_ledger_builder_dispose (GObject *object)
{
  SyLedgerBuilder *self = SY_LEDGER_BUILDER (object);

  self->disposed = TRUE;
  if (self->job_cancel != NULL)
    g_cancellable_cancel (self->job_cancel);
  if (self->relay != NULL)
    sy_progress_relay_stop (self->relay);
  g_clear_pointer (&self->relay, sy_progress_relay_unref);
  g_cancellable_cancel (self->page_cancel);
  g_clear_object (&self->page_cancel);
  g_queue_clear_full (&self->thumb_queue, (GDestroyNotify) thumb_render_free);
  g_clear_handle_id (&self->fit_idle, g_source_remove);
  if (self->preview_path != NULL)
    g_unlink (self->preview_path);
  g_clear_pointer (&self->preview_path, g_free);
  /* The folder goes now, or when the last worker writing in it stops. */
  g_clear_pointer (&self->temp_dir, temp_dir_unref);
  g_clear_object (&self->print_settings);

  G_OBJECT_CLASS (sy_ledger_builder_parent_class)->dispose (object);
}

static void
sy_ledger_builder_finalize (GObject *object)
{
  SyLedgerBuilder *self = SY_LEDGER_BUILDER (object);

  g_clear_object (&self->job_cancel);
  g_clear_object (&self->db);
  g_clear_object (&self->pages);
  g_free (self->office);
  g_free (self->compiler);
  g_free (self->render_key);
  g_free (self->error);
  g_free (self->stack_before);
  g_clear_pointer (&self->sizes, g_array_unref);
  g_clear_pointer (&self->unit_ids, g_array_unref);

  G_OBJECT_CLASS (sy_ledger_builder_parent_class)->finalize (object);
}

static void
sy_ledger_builder_class_init (SyLedgerBuilderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_ledger_builder_dispose;
  object_class->finalize = sy_ledger_builder_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-ledger-builder.ui");
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, window_title);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, from_spin);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, to_spin);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, unit_row);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, volumes_group);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, profile_row);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, dpi_row);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, compiler_row);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, stale_revealer);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, working_page);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, error_page);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, thumbs_view);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, page_label);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, info_label);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, page_scroll);
  gtk_widget_class_bind_template_child (widget_class, SyLedgerBuilder, page_picture);

  gtk_widget_class_install_action (widget_class, "builder.preview", NULL, preview_activated);
  gtk_widget_class_install_action (widget_class, "builder.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "builder.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "builder.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "builder.previous-page", NULL, step_activated);
  gtk_widget_class_install_action (widget_class, "builder.next-page", NULL, step_activated);
  gtk_widget_class_install_action (widget_class, "builder.zoom-in", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "builder.zoom-out", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "builder.zoom-fit", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "builder.open-file", "s", open_file_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "builder.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "builder.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "builder.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "builder.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "builder.zoom-out",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "builder.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sy_ledger_builder_init (SyLedgerBuilder *self)
{
  GtkListItemFactory *factory;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->zoom = 1.0;
  self->fit_width = TRUE;
  self->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = gtk_string_list_new (NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->pages)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selection_changed), self,
                           G_CONNECT_SWAPPED);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (thumb_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (thumb_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (thumb_unbind), self);
  gtk_list_view_set_factory (self->thumbs_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->thumbs_view, GTK_SELECTION_MODEL (self->selection));
  g_object_unref (self->selection);

  /* Capture phase: the thumbnails' list would take the keys for itself. */
  keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Up, 0),
                                                          gtk_callback_action_new (page_key, GINT_TO_POINTER (-1),
                                                                                   NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, 0),
                                                          gtk_callback_action_new (page_key, GINT_TO_POINTER (1),
                                                                                   NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect_object (self->from_spin, "value-changed", G_CALLBACK (options_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_spin, "value-changed", G_CALLBACK (options_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->unit_row, "notify::selected", G_CALLBACK (options_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->profile_row, "notify::selected", G_CALLBACK (options_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dpi_row, "notify::selected", G_CALLBACK (options_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compiler_row, "changed", G_CALLBACK (compiler_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->page_scroll), "notify::page-size",
                           G_CALLBACK (view_width_changed), self, G_CONNECT_SWAPPED);
  update_labels (self);
}

/* --- setters and state, for the window's callers and tests ----------------------------- */

void
sy_ledger_builder_set_years (SyLedgerBuilder *self,
                             int              from_year,
                             int              to_year)
{
  g_return_if_fail (SY_IS_LEDGER_BUILDER (self));

  gtk_spin_button_set_value (self->from_spin, from_year);
  gtk_spin_button_set_value (self->to_spin, to_year);
}

gboolean
sy_ledger_builder_set_volume (SyLedgerBuilder *self,
                              int              code,
                              gboolean         included)
{
  g_return_val_if_fail (SY_IS_LEDGER_BUILDER (self), FALSE);

  if (code < 1 || code > N_VOLUMES || self->volumes[code - 1] == NULL)
    return FALSE;
  gtk_check_button_set_active (self->volumes[code - 1], included);
  return TRUE;
}

void
sy_ledger_builder_set_profile (SyLedgerBuilder *self,
                               SyMaskProfile    profile)
{
  g_return_if_fail (SY_IS_LEDGER_BUILDER (self));

  adw_combo_row_set_selected (self->profile_row, profile == SY_MASK_PUBLIC ? 1 : 0);
}

void
sy_ledger_builder_set_dpi (SyLedgerBuilder *self,
                           int              dpi)
{
  g_return_if_fail (SY_IS_LEDGER_BUILDER (self));

  adw_combo_row_set_selected (self->dpi_row, dpi > 0 && dpi <= 150 ? 1 : 0);
}

void
sy_ledger_builder_set_compiler (SyLedgerBuilder *self,
                                const char      *compiler)
{
  g_return_if_fail (SY_IS_LEDGER_BUILDER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->compiler_row), compiler != NULL ? compiler : "");
}

gboolean
sy_ledger_builder_is_busy (SyLedgerBuilder *self)
{
  g_return_val_if_fail (SY_IS_LEDGER_BUILDER (self), FALSE);

  return is_busy (self);
}

gboolean
sy_ledger_builder_is_stale (SyLedgerBuilder *self)
{
  g_return_val_if_fail (SY_IS_LEDGER_BUILDER (self), FALSE);

  return self->stale;
}

const char *
sy_ledger_builder_get_preview_path (SyLedgerBuilder *self)
{
  g_return_val_if_fail (SY_IS_LEDGER_BUILDER (self), NULL);

  return self->preview_path;
}

const char *
sy_ledger_builder_get_temp_dir (SyLedgerBuilder *self)
{
  g_return_val_if_fail (SY_IS_LEDGER_BUILDER (self), NULL);

  return self->temp_dir != NULL ? self->temp_dir->path : NULL;
}

guint
sy_ledger_builder_get_n_pages (SyLedgerBuilder *self)
{
  g_return_val_if_fail (SY_IS_LEDGER_BUILDER (self), 0);

  return self->n_pages;
}

guint
sy_ledger_builder_get_n_thumbnails (SyLedgerBuilder *self)
{
  g_return_val_if_fail (SY_IS_LEDGER_BUILDER (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->pages));
}

guint
sy_ledger_builder_get_page (SyLedgerBuilder *self)
{
  g_return_val_if_fail (SY_IS_LEDGER_BUILDER (self), 0);

  return self->n_pages > 0 ? self->page : 0;
}

double
sy_ledger_builder_get_zoom (SyLedgerBuilder *self)
{
  g_return_val_if_fail (SY_IS_LEDGER_BUILDER (self), 1.0);

  return self->zoom;
}

int
sy_ledger_builder_get_page_width (SyLedgerBuilder *self)
{
  g_return_val_if_fail (SY_IS_LEDGER_BUILDER (self), 0);

  return self->page_width;
}

const char *
sy_ledger_builder_get_error (SyLedgerBuilder *self)
{
  g_return_val_if_fail (SY_IS_LEDGER_BUILDER (self), NULL);

  return self->error;
}
