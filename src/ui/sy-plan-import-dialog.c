/* sy-plan-import-dialog.c: importing a 工作计划 from pasted text, a .txt or a .docx file */
#include <glib/gi18n.h>

#include <string.h>

#include "sy-plan-import-dialog.h"
#include "sy-plan-importer.h"
#include "sy-plan-parser.h"
#include "sy-docx-reader.h"

/* Long enough that typing does not re-parse on every key, short enough that
 * the preview feels live. */
#define REPARSE_DELAY_MS 300
/* Indentation per outline level in the preview, in pixels. */
#define PREVIEW_INDENT 24

struct _SyPlanImportDialog
{
  AdwWindow       parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkSpinButton   *year_spin;
  GtkTextView     *text_view;
  GtkButton       *import_button;
  GtkStack        *preview_stack;
  AdwStatusPage   *error_page;
  GtkLabel        *title_label;
  GtkLabel        *preface_label;
  GtkLabel        *count_label;
  GtkListBox      *outline_list;

  SyDatabase      *db;
  SyPlanOutline   *outline;
  char            *error_message;
  guint            reparse_id;
  GtkFileChooserNative *chooser;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (SyPlanImportDialog, sy_plan_import_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_IMPORTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
set_label_text (GtkLabel   *label,
                const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_outline (SyPlanImportDialog *self)
{
  guint n = self->outline != NULL ? self->outline->items->len : 0;
  g_autofree char *count = NULL;

  clear_list (self->outline_list);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan-import.import", n > 0);

  if (self->outline == NULL)
    {
      GtkTextIter start, end;
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      /* An empty text is not an error yet: it only asks for one. */
      if (gtk_text_iter_equal (&start, &end))
        {
          adw_status_page_set_title (self->error_page, _("Paste a Plan"));
          adw_status_page_set_description (self->error_page,
                                           _("Paste the text of a work plan on the left, or open a text or Word (.docx) file. "
                                             "The outline found in it is shown here before anything is saved."));
        }
      else
        {
          adw_status_page_set_title (self->error_page, _("No Outline Found"));
          adw_status_page_set_description (self->error_page, self->error_message);
        }
      gtk_stack_set_visible_child_name (self->preview_stack, "error");
      return;
    }

  set_label_text (self->title_label, self->outline->title);
  set_label_text (self->preface_label, self->outline->preface);
  /* Translators: above the preview of an imported plan, e.g. 共 12 项 */
  count = g_strdup_printf (ngettext ("%u item", "%u items", n), n);
  gtk_label_set_text (self->count_label, count);

  for (guint i = 0; i < n; i++)
    {
      SyPlanOutlineItem *item = g_ptr_array_index (self->outline->items, i);
      g_autofree char *first_line = g_strndup (item->title, strcspn (item->title, "\n"));
      g_autofree char *text = g_strconcat (item->label, first_line, NULL);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_margin_start (label, 12 + (int) item->level * PREVIEW_INDENT);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      if (item->level == 0)
        gtk_widget_add_css_class (label, "heading");
      if (item->body != NULL)
        gtk_widget_set_tooltip_text (label, item->body);
      gtk_list_box_append (self->outline_list, label);
    }
  gtk_stack_set_visible_child_name (self->preview_stack, "preview");
}

static void
reparse (SyPlanImportDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->reparse_id, g_source_remove);
  g_clear_pointer (&self->outline, sy_plan_outline_free);
  g_clear_pointer (&self->error_message, g_free);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (*text != '\0')
    {
      self->outline = sy_plan_parse_text (text, -1, &error);
      if (self->outline == NULL)
        self->error_message = g_strdup (error->message);
      else if (self->outline->items->len == 0)
        {
          g_clear_pointer (&self->outline, sy_plan_outline_free);
          self->error_message = g_strdup (_("No numbered item was found in the text."));
        }
    }
  show_outline (self);
}

static gboolean
reparse_timeout (gpointer data)
{
  SyPlanImportDialog *self = data;

  self->reparse_id = 0;
  reparse (self);
  return G_SOURCE_REMOVE;
}

static void
text_changed (GtkTextBuffer      *buffer,
              SyPlanImportDialog *self)
{
  g_clear_handle_id (&self->reparse_id, g_source_remove);
  self->reparse_id = g_timeout_add (REPARSE_DELAY_MS, reparse_timeout, self);
  /* Nothing may be imported that the preview has not shown yet. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan-import.import", FALSE);
}

static void
show_error_toast (SyPlanImportDialog *self,
                  const char         *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* --- files ------------------------------------------------------------------- */

typedef struct {
  char  *text;
  gsize  length;
} LoadedText;

static void
loaded_text_free (gpointer data)
{
  LoadedText *loaded = data;

  g_free (loaded->text);
  g_free (loaded);
}

/* In a worker thread: a .docx is unzipped and parsed, which can take a
 * moment for a big one. */
static void
load_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  LoadedText *loaded = g_new0 (LoadedText, 1);

  loaded->text = sy_docx_load_text (G_FILE (task_data), NULL, &loaded->length, cancellable, &error);
  if (loaded->text == NULL)
    {
      loaded_text_free (loaded);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, loaded, loaded_text_free);
}

static void
file_loaded (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(SyPlanImportDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *converted = NULL;
  LoadedText *loaded;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);
  if (loaded == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && !g_error_matches (error, SY_ERROR, SY_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Could not read the file: %s"), error->message);
          show_error_toast (self, message);
        }
      return;
    }
  if (!g_utf8_validate (loaded->text, loaded->length, NULL))
    {
      converted = g_convert (loaded->text, loaded->length, "UTF-8", "GB18030", NULL, NULL, NULL);
      if (converted == NULL)
        show_error_toast (self, _("The file is not text in UTF-8 or GB 18030"));
      else
        sy_plan_import_dialog_set_text (self, converted);
    }
  else
    sy_plan_import_dialog_set_text (self, loaded->text);
  loaded_text_free (loaded);
}

void
sy_plan_import_dialog_load_file (SyPlanImportDialog *self,
                                 GFile              *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SY_IS_PLAN_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, self->cancellable, file_loaded, g_object_ref (self));
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

static void
chooser_response (GtkNativeDialog    *chooser,
                  int                 response,
                  SyPlanImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        sy_plan_import_dialog_load_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SyPlanImportDialog *self = SY_PLAN_IMPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) text_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Open a Plan"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (text_filter, _("Plans (*.txt, *.md, *.docx)"));
  gtk_file_filter_add_pattern (text_filter, "*.txt");
  gtk_file_filter_add_pattern (text_filter, "*.TXT");
  gtk_file_filter_add_pattern (text_filter, "*.md");
  gtk_file_filter_add_pattern (text_filter, "*.docx");
  gtk_file_filter_add_pattern (text_filter, "*.DOCX");
  gtk_file_filter_set_name (all_filter, _("All files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), text_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all_filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* --- import ------------------------------------------------------------------ */

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SyPlanImportDialog *self = SY_PLAN_IMPORT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyPlan) plan = NULL;

  /* The text may have changed since the preview: import what it says now. */
  if (self->reparse_id != 0)
    reparse (self);
  if (self->outline == NULL || self->outline->items->len == 0)
    return;

  plan = sy_plan_importer_write (self->db, self->outline,
                                 gtk_spin_button_get_value_as_int (self->year_spin), 0, &error);
  if (plan == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not import the plan: %s"), error->message);
      show_error_toast (self, message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, plan);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* --- public ------------------------------------------------------------------ */

SyPlanImportDialog *
sy_plan_import_dialog_new (GtkWindow  *parent,
                           SyDatabase *db)
{
  SyPlanImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  self = g_object_new (SY_TYPE_PLAN_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->db = g_object_ref (db);
  return self;
}

void
sy_plan_import_dialog_set_text (SyPlanImportDialog *self,
                                const char         *text)
{
  g_return_if_fail (SY_IS_PLAN_IMPORT_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text != NULL ? text : "", -1);
}

int
sy_plan_import_dialog_get_year (SyPlanImportDialog *self)
{
  g_return_val_if_fail (SY_IS_PLAN_IMPORT_DIALOG (self), 0);

  return gtk_spin_button_get_value_as_int (self->year_spin);
}

void
sy_plan_import_dialog_set_year (SyPlanImportDialog *self,
                                int                 year)
{
  g_return_if_fail (SY_IS_PLAN_IMPORT_DIALOG (self));

  gtk_spin_button_set_value (self->year_spin, year);
}

gboolean
sy_plan_import_dialog_is_parsed (SyPlanImportDialog *self)
{
  g_return_val_if_fail (SY_IS_PLAN_IMPORT_DIALOG (self), FALSE);

  return self->reparse_id == 0;
}

guint
sy_plan_import_dialog_get_n_items (SyPlanImportDialog *self)
{
  g_return_val_if_fail (SY_IS_PLAN_IMPORT_DIALOG (self), 0);

  return self->outline != NULL ? self->outline->items->len : 0;
}

const char *
sy_plan_import_dialog_get_item_label (SyPlanImportDialog *self,
                                      guint               index)
{
  SyPlanOutlineItem *item;

  g_return_val_if_fail (SY_IS_PLAN_IMPORT_DIALOG (self), NULL);
  g_return_val_if_fail (index < sy_plan_import_dialog_get_n_items (self), NULL);

  item = g_ptr_array_index (self->outline->items, index);
  return item->label;
}

const char *
sy_plan_import_dialog_get_error (SyPlanImportDialog *self)
{
  g_return_val_if_fail (SY_IS_PLAN_IMPORT_DIALOG (self), NULL);

  return self->error_message;
}

gboolean
sy_plan_import_dialog_can_import (SyPlanImportDialog *self)
{
  g_return_val_if_fail (SY_IS_PLAN_IMPORT_DIALOG (self), FALSE);

  return gtk_widget_is_sensitive (GTK_WIDGET (self->import_button));
}

/* --- class ------------------------------------------------------------------- */

static void
sy_plan_import_dialog_dispose (GObject *object)
{
  SyPlanImportDialog *self = SY_PLAN_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reparse_id, g_source_remove);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_PLAN_IMPORT_DIALOG);

  G_OBJECT_CLASS (sy_plan_import_dialog_parent_class)->dispose (object);
}

static void
sy_plan_import_dialog_finalize (GObject *object)
{
  SyPlanImportDialog *self = SY_PLAN_IMPORT_DIALOG (object);

  g_clear_object (&self->db);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->outline, sy_plan_outline_free);
  g_free (self->error_message);

  G_OBJECT_CLASS (sy_plan_import_dialog_parent_class)->finalize (object);
}

static void
sy_plan_import_dialog_class_init (SyPlanImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_plan_import_dialog_dispose;
  object_class->finalize = sy_plan_import_dialog_finalize;

  /* Emitted with the stored SyPlan after a successful import. */
  signals[SIGNAL_IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, SY_TYPE_PLAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-plan-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SyPlanImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SyPlanImportDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, SyPlanImportDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, SyPlanImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, SyPlanImportDialog, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, SyPlanImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, SyPlanImportDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, SyPlanImportDialog, preface_label);
  gtk_widget_class_bind_template_child (widget_class, SyPlanImportDialog, count_label);
  gtk_widget_class_bind_template_child (widget_class, SyPlanImportDialog, outline_list);

  gtk_widget_class_install_action (widget_class, "plan-import.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "plan-import.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "plan-import.cancel", NULL, cancel_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "plan-import.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "plan-import.open", NULL);
}

static void
sy_plan_import_dialog_init (SyPlanImportDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now));
  g_signal_connect (gtk_text_view_get_buffer (self->text_view), "changed",
                    G_CALLBACK (text_changed), self);
  show_outline (self);
}
