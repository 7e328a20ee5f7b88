/* sy-assessment-window.c: the 考评 items and how well the evidence covers them */
#include "sy-assessment-window.h"
#include "sy-ledger.h"

#include <string.h>
#include <glib/gi18n.h>

struct _SyAssessmentWindow
{
  AdwWindow parent_instance;

  GtkSpinButton *years_spin;
  GtkRevealer *message_revealer;
  GtkLabel *message_label;
  GtkListBox *item_list;
  GtkDrawingArea *grid_area;
  GtkLabel *gaps_title;
  GtkLabel *gaps_label;

  SyDatabase *db;
  SyAssessmentRepo *repo;
  SyCoverage *coverage;
  GPtrArray *rows;             /* AdwActionRow, parallel to the coverage's items */
  GSimpleActionGroup *actions;

  /* The open item form, if any. */
  AdwMessageDialog *form;
  GtkWidget *form_fields[4];   /* code, title, score, description */
  SyAssessmentItem *form_item; /* the item being added or edited */
};

G_DEFINE_FINAL_TYPE (SyAssessmentWindow, sy_assessment_window, ADW_TYPE_WINDOW)

static const char *const field_names[] = { "code", "title", "score", "description" };
enum { F_CODE, F_TITLE, F_SCORE, F_DESCRIPTION };

static void reload (SyAssessmentWindow *self);

static void
show_message (SyAssessmentWindow *self, const char *message)
{
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL && *message != '\0');
}

static SyAssessmentItem *
selected_item (SyAssessmentWindow *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->item_list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  if (index < 0 || self->coverage == NULL || (guint) index >= sy_coverage_get_n_items (self->coverage))
    return NULL;
  return sy_coverage_get_item (self->coverage, (guint) index);
}

static int
selected_index (SyAssessmentWindow *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->item_list);

  return row != NULL ? gtk_list_box_row_get_index (row) : -1;
}

static void
update_actions (SyAssessmentWindow *self)
{
  SyAssessmentItem *item = selected_item (self);
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "add-sub-item");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), item != NULL);
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "edit");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), item != NULL);
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "delete");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               item != NULL && sy_assessment_item_get_parent_id (item) != 0);
}

/* The gaps of the selected standard, or all of them. */
static void
show_gaps (SyAssessmentWindow *self)
{
  int index = selected_index (self);
  SyAssessmentItem *item = selected_item (self);
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;

  if (self->coverage == NULL)
    return;
  if (item != NULL && sy_assessment_item_get_parent_id (item) == 0)
    {
      text = sy_coverage_describe_gaps (self->coverage, (guint) index);
      title = g_strdup_printf (_("Gaps of %s %s"), sy_assessment_item_get_code (item),
                               sy_assessment_item_get_title (item));
    }
  else
    {
      GString *all = g_string_new (NULL);

      for (guint g = 0; g < sy_coverage_get_n_gaps (self->coverage); g++)
        g_string_append_printf (all, "%s[%s] %s", all->len ? "\n" : "",
                                sy_coverage_get_gap (self->coverage, g)->standard_code,
                                sy_coverage_get_gap (self->coverage, g)->message);
      text = g_string_free (all, FALSE);
      title = g_strdup_printf (_("Gaps (%u)"), sy_coverage_get_n_gaps (self->coverage));
    }
  gtk_label_set_text (self->gaps_title, title);
  gtk_label_set_text (self->gaps_label, *text ? text : _("No gaps."));
}

static void
selection_changed (SyAssessmentWindow *self)
{
  update_actions (self);
  show_gaps (self);
}

static void
grid_draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  SyAssessmentWindow *self = user_data;
  GdkRGBA fg;
  double rgb[3];

  if (self->coverage == NULL)
    return;
  /* gtk_widget_get_color() is 4.10. */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  rgb[0] = fg.red;
  rgb[1] = fg.green;
  rgb[2] = fg.blue;
  sy_ledger_coverage_paint_grid (self->coverage, cr, gtk_widget_get_pango_context (GTK_WIDGET (area)), FALSE,
                                 width, height, rgb);
}

static void
reload (SyAssessmentWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keep_code = NULL;
  SyAssessmentItem *selected = selected_item (self);
  int first, last;
  GtkWidget *child;

  if (selected != NULL)
    keep_code = g_strdup (sy_assessment_item_get_code (selected));
  sy_coverage_default_window (NULL, &first, &last);
  first = last - gtk_spin_button_get_value_as_int (self->years_spin) + 1;
  g_clear_object (&self->coverage);
  self->coverage = sy_coverage_compute (self->db, first, last, NULL, &error);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->item_list))) != NULL)
    gtk_list_box_remove (self->item_list, child);
  g_ptr_array_set_size (self->rows, 0);
  if (self->coverage == NULL)
    {
      show_message (self, error->message);
      return;
    }

  for (guint i = 0; i < sy_coverage_get_n_items (self->coverage); i++)
    {
      SyAssessmentItem *item = sy_coverage_get_item (self->coverage, i);
      gboolean sub = sy_assessment_item_get_parent_id (item) != 0;
      g_autofree char *title = g_strdup_printf ("%s  %s", sy_assessment_item_get_code (item),
                                                sy_assessment_item_get_title (item));
      guint gaps = sy_coverage_count_gaps (self->coverage, i, 0);
      g_autofree char *gap_text = gaps > 0 ? g_strdup_printf (_(" · gaps: %u"), gaps) : g_strdup ("");
      g_autofree char *subtitle = g_strdup_printf (_("Score %d · Evidence %u%s"), sy_assessment_item_get_score (item),
                                                   sy_coverage_get_total (self->coverage, i), gap_text);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (sy_assessment_item_get_description (item) != NULL)
        gtk_widget_set_tooltip_text (row, sy_assessment_item_get_description (item));
      if (sub)
        gtk_widget_set_margin_start (row, 24);
      if (gaps > 0)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
        }
      gtk_list_box_append (self->item_list, row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_widget_set_size_request (GTK_WIDGET (self->grid_area), -1,
                               (int) sy_ledger_coverage_grid_height (self->coverage, FALSE, 600) + 2);
  gtk_widget_queue_draw (GTK_WIDGET (self->grid_area));
  if (keep_code != NULL)
    sy_assessment_window_select (self, keep_code);
  selection_changed (self);
}

/* --- the item form ------------------------------------------------------- */

static void open_form (SyAssessmentWindow *self, SyAssessmentItem *item);

static void
form_validate (SyAssessmentWindow *self)
{
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->form_fields[F_CODE]))));
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->form_fields[F_TITLE]))));

  adw_message_dialog_set_response_enabled (self->form, "save", *code != '\0' && *title != '\0');
}

static void
form_response (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  SyAssessmentWindow *self = user_data;
  g_autoptr(SyAssessmentItem) item = g_steal_pointer (&self->form_item);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "save") == 0)
    {
      sy_assessment_item_set_code (item, gtk_editable_get_text (GTK_EDITABLE (self->form_fields[F_CODE])));
      sy_assessment_item_set_title (item, gtk_editable_get_text (GTK_EDITABLE (self->form_fields[F_TITLE])));
      sy_assessment_item_set_score (item,
                                    gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->form_fields[F_SCORE])));
      {
        const char *description = gtk_editable_get_text (GTK_EDITABLE (self->form_fields[F_DESCRIPTION]));

        sy_assessment_item_set_description (item, *description ? description : NULL);
      }
    }
  self->form = NULL;
  memset (self->form_fields, 0, sizeof self->form_fields);
  if (g_strcmp0 (response, "save") != 0)
    return;

  if (!sy_assessment_repo_save_item (self->repo, item, &error))
    {
      /* Keep what was typed: the form opens again with it and the reason. */
      show_message (self, error->message);
      open_form (self, item);
      return;
    }
  show_message (self, NULL);
  reload (self);
  sy_assessment_window_select (self, sy_assessment_item_get_code (item));
}

static GtkWidget *
form_row (GtkGrid *grid, int row, const char *label, GtkWidget *field)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), field);
  gtk_widget_set_hexpand (field, TRUE);
  gtk_grid_attach (grid, title, 0, row, 1, 1);
  gtk_grid_attach (grid, field, 1, row, 1, 1);
  return field;
}

static void
open_form (SyAssessmentWindow *self, SyAssessmentItem *item)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  gboolean adding = sy_record_get_id (SY_RECORD (item)) == 0;
  GtkWidget *dialog;

  gtk_grid_set_row_spacing (grid, 8);
  gtk_grid_set_column_spacing (grid, 12);
  self->form_fields[F_CODE] = form_row (grid, 0, _("_Code"), gtk_entry_new ());
  self->form_fields[F_TITLE] = form_row (grid, 1, _("_Title"), gtk_entry_new ());
  self->form_fields[F_SCORE] = form_row (grid, 2, _("_Score"), gtk_spin_button_new_with_range (0, 1000, 1));
  self->form_fields[F_DESCRIPTION] = form_row (grid, 3, _("_Description"), gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (self->form_fields[F_CODE]),
                         sy_assessment_item_get_code (item) ? sy_assessment_item_get_code (item) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->form_fields[F_TITLE]),
                         sy_assessment_item_get_title (item) ? sy_assessment_item_get_title (item) : "");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->form_fields[F_SCORE]), sy_assessment_item_get_score (item));
  gtk_editable_set_text (GTK_EDITABLE (self->form_fields[F_DESCRIPTION]),
                         sy_assessment_item_get_description (item) ? sy_assessment_item_get_description (item) : "");

  dialog = adw_message_dialog_new (GTK_WINDOW (self), adding ? _("New Sub-item") : _("Edit Item"), NULL);
  self->form = ADW_MESSAGE_DIALOG (dialog);
  g_set_object (&self->form_item, item);
  adw_message_dialog_set_extra_child (self->form, GTK_WIDGET (grid));
  adw_message_dialog_add_responses (self->form, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (self->form, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (self->form, "save");
  adw_message_dialog_set_close_response (self->form, "cancel");
  g_signal_connect_swapped (self->form_fields[F_CODE], "changed", G_CALLBACK (form_validate), self);
  g_signal_connect_swapped (self->form_fields[F_TITLE], "changed", G_CALLBACK (form_validate), self);
  g_signal_connect (dialog, "response", G_CALLBACK (form_response), self);
  form_validate (self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_sub_item_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SyAssessmentWindow *self = user_data;
  SyAssessmentItem *selected = selected_item (self);
  g_autoptr(SyAssessmentItem) item = sy_assessment_item_new ();
  gint64 parent_id;
  g_autofree char *code = NULL;
  guint n_children = 0;

  if (selected == NULL)
    return;
  parent_id = sy_assessment_item_get_parent_id (selected);
  if (parent_id == 0)
    parent_id = sy_record_get_id (SY_RECORD (selected));
  for (guint i = 0; i < sy_coverage_get_n_items (self->coverage); i++)
    if (sy_assessment_item_get_parent_id (sy_coverage_get_item (self->coverage, i)) == parent_id)
      n_children++;
  for (guint i = 0; i < sy_coverage_get_n_items (self->coverage); i++)
    if (sy_record_get_id (SY_RECORD (sy_coverage_get_item (self->coverage, i))) == parent_id)
      code = g_strdup_printf ("%s.%u", sy_assessment_item_get_code (sy_coverage_get_item (self->coverage, i)),
                              n_children + 1);
  sy_assessment_item_set_parent_id (item, parent_id);
  sy_assessment_item_set_code (item, code);
  open_form (self, item);
}

static void
edit_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SyAssessmentWindow *self = user_data;
  SyAssessmentItem *selected = selected_item (self);
  g_autoptr(SyAssessmentItem) copy = NULL;

  if (selected == NULL)
    return;
  /* Edit a fresh copy, so a refused save leaves the map's item as stored. */
  copy = sy_database_load (self->db, SY_TYPE_ASSESSMENT_ITEM, sy_record_get_id (SY_RECORD (selected)), NULL);
  if (copy != NULL)
    open_form (self, copy);
}

static void
delete_response (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  SyAssessmentWindow *self = user_data;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "item-id"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!sy_assessment_repo_delete_item (self->repo, id, &error))
    show_message (self, error->message);
  else
    show_message (self, NULL);
  reload (self);
}

static void
delete_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SyAssessmentWindow *self = user_data;
  SyAssessmentItem *selected = selected_item (self);
  GtkWidget *dialog;

  if (selected == NULL || sy_assessment_item_get_parent_id (selected) == 0)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete This Sub-item?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s %s” and the links of evidence to it will be deleted. "
                                    "The evidence itself is kept."),
                                  sy_assessment_item_get_code (selected), sy_assessment_item_get_title (selected));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data (G_OBJECT (dialog), "item-id",
                     GSIZE_TO_POINTER ((gsize) sy_record_get_id (SY_RECORD (selected))));
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- files ---------------------------------------------------------------- */

static GtkFileChooserNative *
file_dialog (SyAssessmentWindow *self, const char *title, GtkFileChooserAction what, const char *accept,
             const char *mime, const char *suffix, const char *name_of_filter)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), what, accept, _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, name_of_filter);
  gtk_file_filter_add_mime_type (filter, mime);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  return dialog;
}

static void
import_response (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  SyAssessmentWindow *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(SyCsvReader) csv = NULL;
  g_autoptr(SyTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GPtrArray *issues;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL)
    return;

  name = g_file_get_basename (file);
  csv = sy_csv_reader_new ();
  table = sy_csv_reader_read_file (csv, file, name, NULL, &error);
  if (table == NULL || !sy_assessment_repo_import (self->repo, table, FALSE, &error))
    {
      show_message (self, error->message);
      return;
    }
  issues = sy_assessment_repo_get_issues (self->repo);
  if (issues->len > 0)
    {
      GString *text = g_string_new (_("Nothing was imported:"));

      for (guint i = 0; i < issues->len; i++)
        {
          g_autofree char *line = sy_import_issue_format (g_ptr_array_index (issues, i), name);

          g_string_append_printf (text, "\n%s", line);
        }
      show_message (self, text->str);
      g_string_free (text, TRUE);
      return;
    }
  {
    g_autofree char *done = g_strdup_printf (_("Imported %s: %u added, %u updated, %u unchanged."), name,
                                             sy_assessment_repo_get_n_added (self->repo),
                                             sy_assessment_repo_get_n_updated (self->repo),
                                             sy_assessment_repo_get_n_unchanged (self->repo));

    show_message (self, done);
  }
  reload (self);
}

static void
import_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SyAssessmentWindow *self = user_data;
  GtkFileChooserNative *dialog = file_dialog (self, _("Import 考评 Sub-items"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                              _("_Import"), "text/csv", "csv", _("CSV Files"));

  g_signal_connect (dialog, "response", G_CALLBACK (import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_response (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  SyAssessmentWindow *self = user_data;
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "pdf"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gboolean ok;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL)
    return;

  name = g_file_get_parse_name (file);
  if (pdf)
    {
      g_autoptr(SyUnit) office = sy_queries_office (self->db, NULL);
      g_autofree char *path = g_file_get_path (file);

      ok = self->coverage != NULL && path != NULL
           && sy_ledger_coverage_export_pdf (self->coverage, office ? sy_unit_get_name (office) : NULL, path,
                                             NULL, &error);
    }
  else
    ok = sy_assessment_repo_export (self->repo, file, NULL, &error);
  if (!ok)
    {
      show_message (self, error ? error->message : _("The file could not be written"));
      return;
    }
  {
    g_autofree char *done = g_strdup_printf (_("Wrote %s."), name);

    show_message (self, done);
  }
}

static void
export_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SyAssessmentWindow *self = user_data;
  GtkFileChooserNative *dialog = file_dialog (self, _("Export 考评 Sub-items"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                              _("_Export"), "text/csv", "csv", _("CSV Files"));

  /* A file name in the users' language: it is their document. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "考评细则.csv");
  g_signal_connect (dialog, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_pdf_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SyAssessmentWindow *self = user_data;
  GtkFileChooserNative *dialog = file_dialog (self, _("Export Self-score Sheet"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                              _("_Export"), "application/pdf", "pdf", _("PDF Documents"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "考评自评表.pdf");
  g_object_set_data (G_OBJECT (dialog), "pdf", GINT_TO_POINTER (TRUE));
  g_signal_connect (dialog, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static const GActionEntry actions[] = {
  { .name = "add-sub-item", .activate = add_sub_item_activated },
  { .name = "edit", .activate = edit_activated },
  { .name = "delete", .activate = delete_activated },
  { .name = "import", .activate = import_activated },
  { .name = "export", .activate = export_activated },
  { .name = "export-pdf", .activate = export_pdf_activated },
};

/* --- the object --------------------------------------------------------------- */

static void
sy_assessment_window_dispose (GObject *object)
{
  SyAssessmentWindow *self = SY_ASSESSMENT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_ASSESSMENT_WINDOW);
  g_clear_object (&self->coverage);
  g_clear_object (&self->repo);
  g_clear_object (&self->db);
  g_clear_object (&self->actions);
  g_clear_object (&self->form_item);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (sy_assessment_window_parent_class)->dispose (object);
}

static void
sy_assessment_window_class_init (SyAssessmentWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sy_assessment_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-assessment-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SyAssessmentWindow, years_spin);
  gtk_widget_class_bind_template_child (widget_class, SyAssessmentWindow, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, SyAssessmentWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, SyAssessmentWindow, item_list);
  gtk_widget_class_bind_template_child (widget_class, SyAssessmentWindow, grid_area);
  gtk_widget_class_bind_template_child (widget_class, SyAssessmentWindow, gaps_title);
  gtk_widget_class_bind_template_child (widget_class, SyAssessmentWindow, gaps_label);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sy_assessment_window_init (SyAssessmentWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), actions, G_N_ELEMENTS (actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "assessment", G_ACTION_GROUP (self->actions));
  gtk_drawing_area_set_draw_func (self->grid_area, grid_draw, self, NULL);
  g_signal_connect_swapped (self->item_list, "selected-rows-changed", G_CALLBACK (selection_changed), self);
  g_signal_connect_swapped (self->years_spin, "value-changed", G_CALLBACK (reload), self);
}

GtkWidget *
sy_assessment_window_new (GtkWindow *parent, SyDatabase *db)
{
  SyAssessmentWindow *self;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);
  self = g_object_new (SY_TYPE_ASSESSMENT_WINDOW, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  self->repo = sy_assessment_repo_new (db);
  reload (self);
  return GTK_WIDGET (self);
}

guint
sy_assessment_window_get_n_items (SyAssessmentWindow *self)
{
  g_return_val_if_fail (SY_IS_ASSESSMENT_WINDOW (self), 0);
  return self->rows->len;
}

guint
sy_assessment_window_get_n_standards (SyAssessmentWindow *self)
{
  guint n = 0;

  g_return_val_if_fail (SY_IS_ASSESSMENT_WINDOW (self), 0);
  for (guint i = 0; self->coverage != NULL && i < self->rows->len; i++)
    if (sy_assessment_item_get_parent_id (sy_coverage_get_item (self->coverage, i)) == 0)
      n++;
  return n;
}

static int
index_of_code (SyAssessmentWindow *self, const char *code)
{
  for (guint i = 0; self->coverage != NULL && i < self->rows->len; i++)
    if (g_strcmp0 (sy_assessment_item_get_code (sy_coverage_get_item (self->coverage, i)), code) == 0)
      return (int) i;
  return -1;
}

gboolean
sy_assessment_window_select (SyAssessmentWindow *self, const char *code)
{
  int index;

  g_return_val_if_fail (SY_IS_ASSESSMENT_WINDOW (self), FALSE);
  index = index_of_code (self, code);
  if (index < 0)
    return FALSE;
  gtk_list_box_select_row (self->item_list, GTK_LIST_BOX_ROW (g_ptr_array_index (self->rows, index)));
  return TRUE;
}

const char *
sy_assessment_window_get_row_subtitle (SyAssessmentWindow *self, const char *code)
{
  int index;

  g_return_val_if_fail (SY_IS_ASSESSMENT_WINDOW (self), NULL);
  index = index_of_code (self, code);
  return index < 0 ? NULL : adw_action_row_get_subtitle (ADW_ACTION_ROW (g_ptr_array_index (self->rows, index)));
}

SyCoverage *
sy_assessment_window_get_coverage (SyAssessmentWindow *self)
{
  g_return_val_if_fail (SY_IS_ASSESSMENT_WINDOW (self), NULL);
  return self->coverage;
}

GtkWidget *
sy_assessment_window_get_field (SyAssessmentWindow *self, const char *name)
{
  g_return_val_if_fail (SY_IS_ASSESSMENT_WINDOW (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (field_names); i++)
    if (self->form != NULL && g_strcmp0 (name, field_names[i]) == 0)
      return self->form_fields[i];
  return NULL;
}

const char *
sy_assessment_window_get_message (SyAssessmentWindow *self)
{
  g_return_val_if_fail (SY_IS_ASSESSMENT_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->message_revealer) ? gtk_label_get_text (self->message_label) : "";
}
