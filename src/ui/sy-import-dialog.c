/* sy-import-dialog.c: importing a recipient list (CSV, .xlsx) with a preview */
#include <glib/gi18n.h>

#include <string.h>

#include "sy-import-dialog.h"
#include "sy-ui-util.h"

/* Markup colours of the problems column (Adwaita's red 4 and orange 5, both
 * readable on the light list background). */
#define ERROR_COLOUR   "#c01c28"
#define WARNING_COLOUR "#c64600"

typedef enum {
  JOB_LOAD,      /* read the file, then validate */
  JOB_VALIDATE,  /* validate the table again under a changed mapping */
  JOB_COMMIT,
} JobKind;

/* One worker's input and output.  The worker builds its own mapping from
 * the (read-only) table and the chosen fields, and opens its own database
 * connection: nothing it touches is shared with the main thread. */
typedef struct {
  JobKind         kind;
  guint           generation;
  GFile          *file;
  char           *file_name;
  char           *directory;
  char           *actor;
  GArray         *fields;        /* SyRecipientField per column; NULL: as detected */
  guint           header_row;    /* with fields */
  gboolean        skip_invalid;
  int             sheet;         /* LOAD of an .xlsx: the sheet to read; -1: the default */

  SyTable        *table;         /* in for VALIDATE/COMMIT, out for LOAD */
  char           *source_info;
  char          **sheet_names;   /* out for LOAD of an .xlsx */
  guint           sheet_read;
  GPtrArray      *issues;        /* SyImportIssue */
  GByteArray     *actions;       /* SyImportAction per data row */
  guint           counts[4];     /* by SyImportAction */
  gboolean        committed;
  gboolean        mapping_failed;
} Job;

struct _SyImportDialog
{
  AdwWindow            parent_instance;

  GtkStack            *stack;
  GtkButton           *cancel_button;
  GtkButton           *import_button;
  GtkButton           *choose_again_button;
  AdwStatusPage       *busy_page;
  GtkProgressBar      *progress_bar;
  AdwStatusPage       *error_page;
  GtkLabel            *source_label;
  GtkWidget           *sheet_box;
  GtkDropDown         *sheet_dropdown;
  GtkDropDown         *header_dropdown;
  GtkBox              *mapping_box;
  GtkLabel            *mapping_label;
  GtkLabel            *counts_label;
  GtkToggleButton     *problems_toggle;
  GtkColumnView       *rows_view;
  GtkColumnViewColumn *line_column;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *id_column;
  GtkColumnViewColumn *action_column;
  GtkColumnViewColumn *messages_column;
  GtkSwitch           *skip_switch;
  AdwStatusPage       *result_page;
  GtkLabel            *added_label;
  GtkLabel            *updated_label;
  GtkLabel            *unchanged_label;
  GtkLabel            *rejected_label;

  char                *directory;
  char                *actor;

  GFile               *file;
  char                *file_name;
  char                *source_info;
  char               **sheet_names;    /* of the workbook shown; NULL for CSV */
  guint                sheet;          /* the one shown */
  int                  wanted_sheet;   /* what the next load reads; -1: the default */
  SyTable             *table;
  SyRecipientMapping  *mapping;        /* main thread only: the drop-downs' state */
  GPtrArray           *dropdowns;
  gboolean             updating_dropdowns;
  char                *error_message;  /* error page or missing column */

  /* The last validation under the current mapping. */
  gboolean             validated;
  GPtrArray           *issues;
  GByteArray          *actions;
  GHashTable          *issues_by_line; /* line → GPtrArray of borrowed issues */
  guint                counts[4];
  gboolean             committed;

  GtkStringList       *rows;           /* one item per data row: its index */
  GtkCustomFilter     *filter;

  /* The running worker, if any. */
  GCancellable        *cancellable;
  SyProgressRelay     *relay;
  JobKind              running;
  gboolean             busy;
  guint                generation;
  guint                pulse_id;
  gboolean             pulsing;
  gboolean             disposed;
};

G_DEFINE_FINAL_TYPE (SyImportDialog, sy_import_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_IMPORTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void update_actions (SyImportDialog *self);
static void start_job (SyImportDialog *self, JobKind kind);
static void finish_worker (SyImportDialog *self);

/* --- the worker ----------------------------------------------------------- */

static void
job_free (Job *job)
{
  g_clear_object (&job->file);
  g_free (job->file_name);
  g_free (job->directory);
  g_free (job->actor);
  g_clear_pointer (&job->fields, g_array_unref);
  g_clear_object (&job->table);
  g_free (job->source_info);
  g_strfreev (job->sheet_names);
  g_clear_pointer (&job->issues, g_ptr_array_unref);
  g_clear_pointer (&job->actions, g_byte_array_unref);
  g_free (job);
}

static gboolean
is_xlsx_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, ".xlsx") || g_str_has_suffix (lower, ".xlsm");
}

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case '\t':
      return _("tab");
    case ';':
      return _("semicolon");
    default:
      return _("comma");
    }
}

static SyTable *
read_table (Job *job, GCancellable *cancellable, GError **error)
{
  SyTable *table;

  if (is_xlsx_name (job->file_name))
    {
      g_autoptr(SyXlsxReader) reader = sy_xlsx_reader_new ();
      guint sheet;

      if (!sy_xlsx_reader_open_file (reader, job->file, job->file_name, cancellable, error))
        return NULL;
      /* A workbook often starts with a cover or notes sheet: the user can
       * pick the roster, and the names go back for the drop-down. */
      if (job->sheet >= 0 && (guint) job->sheet < sy_xlsx_reader_get_n_sheets (reader))
        sheet = (guint) job->sheet;
      else
        sheet = sy_xlsx_reader_get_default_sheet (reader);
      job->sheet_names = g_strdupv ((char **) sy_xlsx_reader_get_sheet_names (reader));
      job->sheet_read = sheet;
      table = sy_xlsx_reader_read_sheet (reader, sheet, error);
      if (table != NULL)
        /* Translators: where the rows come from, e.g. 工作表：花名册（共 3 张） */
        job->source_info = g_strdup_printf (_("sheet “%s” (of %u)"),
                                            sy_xlsx_reader_get_sheet_names (reader)[sheet],
                                            sy_xlsx_reader_get_n_sheets (reader));
      return table;
    }
  else
    {
      g_autoptr(SyCsvReader) reader = sy_csv_reader_new ();

      table = sy_csv_reader_read_file (reader, job->file, job->file_name, cancellable, error);
      if (table != NULL)
        /* Translators: e.g. 编码 GB18030，逗号分隔 */
        job->source_info = g_strdup_printf (_("encoding %s, %s-separated"),
                                            sy_text_encoding_to_string (sy_csv_reader_get_encoding (reader)),
                                            delimiter_name (sy_csv_reader_get_delimiter (reader)));
      return table;
    }
}

static void
importer_progress (double fraction, const char *what, gpointer user_data)
{
  sy_progress_relay_post (user_data, fraction, what);
}

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  SyProgressRelay *relay = g_object_get_data (G_OBJECT (task), "relay");
  g_autoptr(SyRecipientMapping) mapping = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(SyRecipientImporter) importer = NULL;
  GError *error = NULL;
  guint n_rows;
  gboolean ok;

  if (job->table == NULL)
    {
      sy_progress_relay_post (relay, -1.0, _("Reading the file…"));
      job->table = read_table (job, cancellable, &error);
      if (job->table == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  mapping = sy_recipient_mapping_new (job->table);
  if (job->fields != NULL && job->header_row != sy_recipient_mapping_get_header_row (mapping))
    sy_recipient_mapping_set_header_row (mapping, job->header_row);
  for (guint c = 0; job->fields != NULL && c < job->fields->len; c++)
    sy_recipient_mapping_set_field (mapping, c, g_array_index (job->fields, SyRecipientField, c));
  /* The main thread shows what is missing; there is nothing to classify. */
  if (!sy_recipient_mapping_check (mapping, NULL))
    {
      job->mapping_failed = TRUE;
      g_task_return_boolean (task, TRUE);
      return;
    }

  sy_progress_relay_post (relay, 0.0, _("Checking the rows…"));
  db = sy_database_open (job->directory, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->actor != NULL)
    sy_database_set_actor (db, job->actor);

  importer = sy_recipient_importer_new (db, mapping);
  sy_recipient_importer_set_skip_invalid (importer, job->skip_invalid);
  if (job->kind == JOB_COMMIT)
    ok = sy_recipient_importer_commit (importer, importer_progress, relay, cancellable, &error);
  else
    ok = sy_recipient_importer_preview (importer, importer_progress, relay, cancellable, &error);
  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }

  job->counts[SY_IMPORT_ACTION_ADDED] = sy_recipient_importer_get_n_added (importer);
  job->counts[SY_IMPORT_ACTION_UPDATED] = sy_recipient_importer_get_n_updated (importer);
  job->counts[SY_IMPORT_ACTION_UNCHANGED] = sy_recipient_importer_get_n_unchanged (importer);
  job->counts[SY_IMPORT_ACTION_REJECTED] = sy_recipient_importer_get_n_rejected (importer);
  job->committed = sy_recipient_importer_get_committed (importer);
  job->issues = g_ptr_array_ref (sy_recipient_importer_get_issues (importer));
  n_rows = sy_recipient_mapping_get_n_rows (mapping);
  job->actions = g_byte_array_sized_new (n_rows);
  g_byte_array_set_size (job->actions, n_rows);
  for (guint r = 0; r < n_rows; r++)
    job->actions->data[r] = (guint8) sy_recipient_importer_get_action (importer, r);
  g_task_return_boolean (task, TRUE);
}

/* --- showing the preview ---------------------------------------------------- */

static guint
data_row_line (SyImportDialog *self, guint row)
{
  return sy_table_get_line (self->table, sy_recipient_mapping_get_header_row (self->mapping) + 1 + row);
}

static const char *
data_row_cell (SyImportDialog *self, guint row, SyRecipientField field)
{
  int column = sy_recipient_mapping_get_column (self->mapping, field);

  if (column < 0)
    return "";
  return sy_table_get_cell (self->table, sy_recipient_mapping_get_header_row (self->mapping) + 1 + row,
                            (guint) column);
}

static GPtrArray *
row_issues (SyImportDialog *self, guint row)
{
  if (self->issues_by_line == NULL)
    return NULL;
  return g_hash_table_lookup (self->issues_by_line, GUINT_TO_POINTER (data_row_line (self, row)));
}

static const char *
action_label (SyImportAction action)
{
  switch (action)
    {
    case SY_IMPORT_ACTION_ADDED:
      return C_("import action", "New");
    case SY_IMPORT_ACTION_UPDATED:
      return C_("import action", "Update");
    case SY_IMPORT_ACTION_UNCHANGED:
      return C_("import action", "Unchanged");
    case SY_IMPORT_ACTION_REJECTED:
    default:
      return C_("import action", "Rejected");
    }
}

static guint
item_row (GtkListItem *item)
{
  GtkStringObject *object = gtk_list_item_get_item (item);

  return (guint) g_ascii_strtoull (gtk_string_object_get_string (object), NULL, 10);
}

static void
label_setup (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (user_data))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static char *
issue_text (const SyImportIssue *issue)
{
  if (issue->column != NULL && *issue->column != '\0')
    return g_strdup_printf ("%s：%s", issue->column, issue->message);
  return g_strdup (issue->message);
}

static void
bind_line (GtkSignalListItemFactory *factory, GtkListItem *item, SyImportDialog *self)
{
  g_autofree char *text = g_strdup_printf ("%u", data_row_line (self, item_row (item)));
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "dim-label");
}

static void
bind_name (GtkSignalListItemFactory *factory, GtkListItem *item, SyImportDialog *self)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      data_row_cell (self, item_row (item), SY_RECIPIENT_FIELD_NAME));
}

static void
bind_id (GtkSignalListItemFactory *factory, GtkListItem *item, SyImportDialog *self)
{
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label),
                      data_row_cell (self, item_row (item), SY_RECIPIENT_FIELD_ID_NUMBER));
  gtk_widget_add_css_class (label, "numeric");
}

static void
bind_action (GtkSignalListItemFactory *factory, GtkListItem *item, SyImportDialog *self)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  guint row = item_row (item);
  SyImportAction action;

  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "dim-label");
  if (!self->validated || self->actions == NULL || row >= self->actions->len)
    {
      gtk_label_set_text (GTK_LABEL (label), "—");
      gtk_widget_add_css_class (label, "dim-label");
      return;
    }
  action = self->actions->data[row];
  gtk_label_set_text (GTK_LABEL (label), action_label (action));
  if (action == SY_IMPORT_ACTION_REJECTED)
    gtk_widget_add_css_class (label, "error");
  else if (action == SY_IMPORT_ACTION_ADDED)
    gtk_widget_add_css_class (label, "success");
  else if (action == SY_IMPORT_ACTION_UNCHANGED)
    gtk_widget_add_css_class (label, "dim-label");
}

static void
bind_messages (GtkSignalListItemFactory *factory, GtkListItem *item, SyImportDialog *self)
{
  GPtrArray *issues = self->validated ? row_issues (self, item_row (item)) : NULL;
  g_autoptr(GString) markup = g_string_new (NULL);

  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      const SyImportIssue *issue = g_ptr_array_index (issues, i);
      g_autofree char *text = issue_text (issue);
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      g_string_append_printf (markup, "%s<span foreground=\"%s\">%s</span>",
                              markup->len > 0 ? "\n" : "",
                              issue->severity == SY_IMPORT_ERROR ? ERROR_COLOUR : WARNING_COLOUR,
                              escaped);
    }
  gtk_label_set_markup (GTK_LABEL (gtk_list_item_get_child (item)), markup->str);
}

static void
column_factory (SyImportDialog      *self,
                GtkColumnViewColumn *column,
                GCallback            bind,
                gboolean             wrap)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (label_setup), GINT_TO_POINTER (wrap));
  g_signal_connect (factory, "bind", bind, self);
  gtk_column_view_column_set_factory (column, factory);
}

static gboolean
row_has_problems (gpointer item, gpointer user_data)
{
  SyImportDialog *self = user_data;
  guint row = (guint) g_ascii_strtoull (gtk_string_object_get_string (item), NULL, 10);

  if (!self->validated)
    return TRUE;
  return (self->actions != NULL && row < self->actions->len
          && self->actions->data[row] == SY_IMPORT_ACTION_REJECTED)
         || row_issues (self, row) != NULL;
}

/* Gives the view a fresh model over the same rows, so that every visible
 * row is bound again after a validation (GTK 4.8 has no way to rebind
 * in place). */
static void
refresh_rows (SyImportDialog *self)
{
  GtkFilterListModel *filtered;
  GtkNoSelection *selection;

  if (self->rows == NULL)
    {
      gtk_column_view_set_model (self->rows_view, NULL);
      return;
    }
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                        gtk_toggle_button_get_active (self->problems_toggle)
                                        ? GTK_FILTER (g_object_ref (self->filter)) : NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (filtered));
  gtk_column_view_set_model (self->rows_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

static void
show_counts (SyImportDialog *self)
{
  g_autofree char *text = NULL;

  if (sy_recipient_mapping_check (self->mapping, NULL) == FALSE)
    text = g_strdup (_("Choose the columns of the name and the ID number to check the rows."));
  else if (!self->validated)
    text = g_strdup_printf (ngettext ("Checking %u row…", "Checking %u rows…",
                                      sy_recipient_mapping_get_n_rows (self->mapping)),
                            sy_recipient_mapping_get_n_rows (self->mapping));
  else
    /* Translators: the preview's summary, e.g. 新增 3 · 更新 1 · 不变 0 · 拒绝 2 */
    text = g_strdup_printf (_("%u new · %u updated · %u unchanged · %u rejected"),
                            self->counts[SY_IMPORT_ACTION_ADDED],
                            self->counts[SY_IMPORT_ACTION_UPDATED],
                            self->counts[SY_IMPORT_ACTION_UNCHANGED],
                            self->counts[SY_IMPORT_ACTION_REJECTED]);
  gtk_label_set_text (self->counts_label, text);
}

/* The header's state under the mapping: a missing name or ID number column
 * in red (nothing can be checked), ignored columns and skipped lines in
 * orange. */
static void
show_mapping_state (SyImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = sy_recipient_mapping_get_header_issues (self->mapping);
  g_autoptr(GString) markup = g_string_new (NULL);

  g_clear_pointer (&self->error_message, g_free);
  if (!sy_recipient_mapping_check (self->mapping, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      self->error_message = g_strdup (error->message);
      g_string_append_printf (markup, "<span foreground=\"%s\">%s</span>", ERROR_COLOUR, escaped);
    }
  for (guint i = 0; i < issues->len; i++)
    {
      const SyImportIssue *issue = g_ptr_array_index (issues, i);
      g_autofree char *text = NULL;
      g_autofree char *escaped = NULL;

      /* The check's message already says what is missing. */
      if (issue->severity == SY_IMPORT_ERROR)
        continue;
      text = issue_text (issue);
      escaped = g_markup_escape_text (text, -1);
      g_string_append_printf (markup, "%s<span foreground=\"%s\">%s</span>",
                              markup->len > 0 ? "\n" : "", WARNING_COLOUR, escaped);
    }
  gtk_label_set_markup (self->mapping_label, markup->str);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_label), markup->len > 0);
}

static void
sync_dropdowns (SyImportDialog *self)
{
  self->updating_dropdowns = TRUE;
  for (guint c = 0; c < self->dropdowns->len; c++)
    gtk_drop_down_set_selected (g_ptr_array_index (self->dropdowns, c),
                                sy_recipient_mapping_get_field (self->mapping, c));
  self->updating_dropdowns = FALSE;
}

static void
field_chosen (GtkDropDown    *dropdown,
              GParamSpec     *pspec,
              SyImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "column"));
  guint field = gtk_drop_down_get_selected (dropdown);

  if (self->updating_dropdowns || field >= SY_RECIPIENT_N_FIELDS)
    return;
  sy_recipient_mapping_set_field (self->mapping, column, field);
  /* Another column may have given the field up. */
  sync_dropdowns (self);
  self->validated = FALSE;
  show_mapping_state (self);
  if (sy_recipient_mapping_check (self->mapping, NULL))
    start_job (self, JOB_VALIDATE);
  else
    {
      /* Nothing to check: a running validation is for the old mapping. */
      if (self->cancellable != NULL)
        g_cancellable_cancel (self->cancellable);
      finish_worker (self);
      self->generation++;
    }
  show_counts (self);
  refresh_rows (self);
  update_actions (self);
}

static void
build_dropdowns (SyImportDialog *self)
{
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->mapping_box))) != NULL)
    gtk_box_remove (self->mapping_box, child);
  g_ptr_array_set_size (self->dropdowns, 0);

  gtk_string_list_append (fields, _("Ignore"));
  for (guint f = SY_RECIPIENT_FIELD_NONE + 1; f < SY_RECIPIENT_N_FIELDS; f++)
    gtk_string_list_append (fields, sy_recipient_field_get_label (f));

  for (guint c = 0; c < sy_recipient_mapping_get_n_columns (self->mapping); c++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      const char *title = sy_recipient_mapping_get_column_title (self->mapping, c);
      GtkWidget *label = gtk_label_new (title != NULL && *title ? title : "—");
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (fields)), NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_set_tooltip_text (label, title);
      g_object_set_data (G_OBJECT (dropdown), "column", GUINT_TO_POINTER (c));
      /* Translators: tooltip of a column's drop-down in the import preview */
      {
        g_autofree char *tip = g_strdup_printf (_("What the column “%s” holds"), title);
        gtk_widget_set_tooltip_text (dropdown, tip);
      }
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), dropdown);
      gtk_box_append (self->mapping_box, box);
      g_ptr_array_add (self->dropdowns, dropdown);
    }
  sync_dropdowns (self);
  for (guint c = 0; c < self->dropdowns->len; c++)
    g_signal_connect_object (g_ptr_array_index (self->dropdowns, c), "notify::selected",
                             G_CALLBACK (field_chosen), self, 0);
}

static void
take_validation (SyImportDialog *self, Job *job)
{
  g_clear_pointer (&self->issues_by_line, g_hash_table_unref);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_clear_pointer (&self->actions, g_byte_array_unref);
  self->validated = !job->mapping_failed;
  if (!self->validated)
    return;

  self->issues = g_steal_pointer (&job->issues);
  self->actions = g_steal_pointer (&job->actions);
  memcpy (self->counts, job->counts, sizeof self->counts);
  self->issues_by_line = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < self->issues->len; i++)
    {
      SyImportIssue *issue = g_ptr_array_index (self->issues, i);
      GPtrArray *list = g_hash_table_lookup (self->issues_by_line, GUINT_TO_POINTER (issue->line));

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (self->issues_by_line, GUINT_TO_POINTER (issue->line), list);
        }
      g_ptr_array_add (list, issue);
    }
}

static void
show_preview (SyImportDialog *self)
{
  g_autofree char *source = NULL;
  guint n_rows = sy_recipient_mapping_get_n_rows (self->mapping);

  /* Translators: e.g. 名单.csv · 编码 UTF-8，逗号分隔 · 表头在第 2 行 · 120 行 */
  source = g_strdup_printf (ngettext ("%s · %s · column titles on line %u · %u row",
                                      "%s · %s · column titles on line %u · %u rows", n_rows),
                            self->file_name, self->source_info,
                            sy_table_get_line (self->table, sy_recipient_mapping_get_header_row (self->mapping)),
                            n_rows);
  gtk_label_set_text (self->source_label, source);
  show_mapping_state (self);
  show_counts (self);
  refresh_rows (self);
  gtk_stack_set_visible_child_name (self->stack, "preview");
}

/* The rows and the columns under the mapping's header row. */
static void
take_header (SyImportDialog *self)
{
  guint n_rows = sy_recipient_mapping_get_n_rows (self->mapping);
  g_autoptr(GPtrArray) items = NULL;

  g_clear_object (&self->rows);
  items = g_ptr_array_new_full (n_rows + 1, g_free);
  for (guint r = 0; r < n_rows; r++)
    g_ptr_array_add (items, g_strdup_printf ("%u", r));
  g_ptr_array_add (items, NULL);
  self->rows = gtk_string_list_new ((const char * const *) items->pdata);
  build_dropdowns (self);
}

static void
header_chosen (GtkDropDown    *dropdown,
               GParamSpec     *pspec,
               SyImportDialog *self)
{
  guint row = gtk_drop_down_get_selected (dropdown);

  if (self->updating_dropdowns || row == GTK_INVALID_LIST_POSITION
      || row == sy_recipient_mapping_get_header_row (self->mapping))
    return;
  sy_recipient_mapping_set_header_row (self->mapping, row);
  take_header (self);
  self->validated = FALSE;
  show_preview (self);
  if (sy_recipient_mapping_check (self->mapping, NULL))
    start_job (self, JOB_VALIDATE);
  else
    {
      if (self->cancellable != NULL)
        g_cancellable_cancel (self->cancellable);
      finish_worker (self);
      self->generation++;
    }
  show_counts (self);
  update_actions (self);
}

/* The header can be any of the first lines: a list often has a title line
 * or two above its column titles, which the detection only finds when both
 * the name and the ID number column have known titles. */
static void
fill_header_choices (SyImportDialog *self)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  guint n = MIN (sy_table_get_n_rows (self->table), 10);

  for (guint r = 0; r < n; r++)
    {
      g_autoptr(GString) cells = g_string_new (NULL);
      g_autofree char *text = NULL;

      for (guint c = 0; c < sy_table_get_n_cells (self->table, r) && cells->len < 40; c++)
        {
          const char *cell = sy_table_get_cell (self->table, r, c);

          if (*cell == '\0')
            continue;
          if (cells->len > 0)
            g_string_append (cells, ", ");
          g_string_append (cells, cell);
        }
      if (g_utf8_strlen (cells->str, -1) > 24)
        {
          g_string_truncate (cells, g_utf8_offset_to_pointer (cells->str, 24) - cells->str);
          g_string_append (cells, "…");
        }
      /* Translators: a choice of the header line, e.g. 第 2 行：姓名, 证件号, 备注 */
      text = g_strdup_printf (_("line %u: %s"), sy_table_get_line (self->table, r), cells->str);
      gtk_string_list_append (choices, text);
    }
  self->updating_dropdowns = TRUE;
  gtk_drop_down_set_model (self->header_dropdown, G_LIST_MODEL (choices));
  gtk_drop_down_set_selected (self->header_dropdown, sy_recipient_mapping_get_header_row (self->mapping));
  self->updating_dropdowns = FALSE;
}

static void
set_table (SyImportDialog *self, SyTable *table)
{
  g_set_object (&self->table, table);
  g_clear_object (&self->mapping);
  self->mapping = sy_recipient_mapping_new (table);
  fill_header_choices (self);
  take_header (self);
}

/* The sheet drop-down, for a workbook with more than one sheet. */
static void
take_sheets (SyImportDialog *self, Job *job)
{
  g_autoptr(GtkStringList) names = NULL;
  guint n;

  g_strfreev (self->sheet_names);
  self->sheet_names = g_steal_pointer (&job->sheet_names);
  self->sheet = job->sheet_read;
  n = self->sheet_names != NULL ? g_strv_length (self->sheet_names) : 0;
  names = gtk_string_list_new ((const char * const *) self->sheet_names);
  self->updating_dropdowns = TRUE;
  gtk_drop_down_set_model (self->sheet_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->sheet_dropdown, n > 0 ? self->sheet : GTK_INVALID_LIST_POSITION);
  self->updating_dropdowns = FALSE;
  gtk_widget_set_visible (self->sheet_box, n > 1);
}

/* Another sheet is another table: it is read and checked again in the
 * worker as the first one was, with its own header row and mapping. */
static void
sheet_chosen (GtkDropDown    *dropdown,
              GParamSpec     *pspec,
              SyImportDialog *self)
{
  guint sheet = gtk_drop_down_get_selected (dropdown);

  if (self->updating_dropdowns || sheet == GTK_INVALID_LIST_POSITION || self->file == NULL
      || (self->busy && self->running == JOB_COMMIT))
    return;
  if (sheet == self->sheet && self->table != NULL && !(self->busy && self->running == JOB_LOAD))
    return;
  self->wanted_sheet = (int) sheet;
  self->validated = FALSE;
  memset (self->counts, 0, sizeof self->counts);
  start_job (self, JOB_LOAD);
}

/* --- running the workers ---------------------------------------------------- */

static void
stop_pulse (SyImportDialog *self)
{
  self->pulsing = FALSE;
  if (self->pulse_id != 0)
    {
      g_source_remove (self->pulse_id);
      self->pulse_id = 0;
    }
}

static gboolean
pulse_tick (gpointer user_data)
{
  SyImportDialog *self = user_data;

  if (self->pulsing)
    gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
job_progress (double fraction, const char *text, gpointer user_data)
{
  SyImportDialog *self = user_data;

  self->pulsing = fraction < 0;
  if (fraction >= 0)
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
finish_worker (SyImportDialog *self)
{
  if (self->relay != NULL)
    sy_progress_relay_stop (self->relay);
  g_clear_pointer (&self->relay, sy_progress_relay_unref);
  g_clear_object (&self->cancellable);
  stop_pulse (self);
  self->busy = FALSE;
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, SY_ERROR, SY_ERROR_CANCELLED)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
show_error_page (SyImportDialog *self, const char *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
show_result (SyImportDialog *self, const char *title, const char *description, const char *icon)
{
  g_autofree char *added = g_strdup_printf ("%u", self->counts[SY_IMPORT_ACTION_ADDED]);
  g_autofree char *updated = g_strdup_printf ("%u", self->counts[SY_IMPORT_ACTION_UPDATED]);
  g_autofree char *unchanged = g_strdup_printf ("%u", self->counts[SY_IMPORT_ACTION_UNCHANGED]);
  g_autofree char *rejected = g_strdup_printf ("%u", self->counts[SY_IMPORT_ACTION_REJECTED]);

  adw_status_page_set_title (self->result_page, title);
  adw_status_page_set_description (self->result_page, description);
  adw_status_page_set_icon_name (self->result_page, icon);
  gtk_label_set_text (self->added_label, added);
  gtk_label_set_text (self->updated_label, updated);
  gtk_label_set_text (self->unchanged_label, unchanged);
  gtk_label_set_text (self->rejected_label, rejected);
  gtk_stack_set_visible_child_name (self->stack, "result");
}

static void
commit_done (SyImportDialog *self, Job *job, GError *error)
{
  if (error != NULL)
    {
      memset (self->counts, 0, sizeof self->counts);
      self->committed = FALSE;
      if (is_cancelled (error))
        show_result (self, _("Import Cancelled"),
                     _("Nothing was written: the database is as it was before."),
                     "dialog-information-symbolic");
      else
        {
          g_autofree char *text = g_strdup_printf (_("%s\nNothing was written: the database is as it "
                                                     "was before."), error->message);
          show_result (self, _("Import Failed"), text, "dialog-error-symbolic");
        }
      return;
    }

  memcpy (self->counts, job->counts, sizeof self->counts);
  self->committed = job->committed;
  if (!job->committed)
    {
      /* The database changed since the preview and rows became invalid. */
      show_result (self, _("Nothing Imported"),
                   _("Some rows were rejected, so nothing was written. Check the file "
                     "and import it again."),
                   "dialog-warning-symbolic");
      return;
    }
  show_result (self, _("Import Complete"),
               self->counts[SY_IMPORT_ACTION_REJECTED] > 0
               ? _("The rejected rows were left out.") : NULL,
               "emblem-ok-symbolic");
  g_signal_emit (self, signals[SIGNAL_IMPORTED], 0);
}

static void
job_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SyImportDialog *self = SY_IMPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  /* A newer job replaced this one, or the window is gone. */
  if (self->disposed || job->generation != self->generation)
    return;
  finish_worker (self);

  switch (job->kind)
    {
    case JOB_LOAD:
      if (error != NULL)
        {
          if (is_cancelled (error))
            gtk_stack_set_visible_child_name (self->stack, "choose");
          else
            show_error_page (self, error->message);
          break;
        }
      g_free (self->source_info);
      self->source_info = g_strdup (job->source_info);
      take_sheets (self, job);
      set_table (self, job->table);
      take_validation (self, job);
      show_preview (self);
      break;

    case JOB_VALIDATE:
      if (error != NULL)
        {
          if (!is_cancelled (error))
            show_error_page (self, error->message);
          break;
        }
      take_validation (self, job);
      show_counts (self);
      refresh_rows (self);
      break;

    case JOB_COMMIT:
      commit_done (self, job, error);
      break;
    }
  update_actions (self);
}

static void
start_job (SyImportDialog *self, JobKind kind)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  /* Only one job's answer counts: the newest. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  finish_worker (self);

  job = g_new0 (Job, 1);
  job->kind = kind;
  job->generation = ++self->generation;
  job->directory = g_strdup (self->directory);
  job->actor = g_strdup (self->actor);
  job->file = g_object_ref (self->file);
  job->file_name = g_strdup (self->file_name);
  job->skip_invalid = gtk_switch_get_active (self->skip_switch);
  job->sheet = self->wanted_sheet;
  if (kind != JOB_LOAD)
    {
      guint n = sy_recipient_mapping_get_n_columns (self->mapping);

      job->table = g_object_ref (self->table);
      job->header_row = sy_recipient_mapping_get_header_row (self->mapping);
      job->fields = g_array_sized_new (FALSE, FALSE, sizeof (SyRecipientField), n);
      for (guint c = 0; c < n; c++)
        {
          SyRecipientField field = sy_recipient_mapping_get_field (self->mapping, c);
          g_array_append_val (job->fields, field);
        }
    }

  self->busy = TRUE;
  self->running = kind;
  self->cancellable = g_cancellable_new ();
  self->relay = sy_progress_relay_new (job_progress, self);
  if (kind != JOB_VALIDATE)
    {
      adw_status_page_set_title (self->busy_page,
                                 kind == JOB_LOAD ? _("Reading the File…") : _("Importing…"));
      adw_status_page_set_description (self->busy_page,
                                       kind == JOB_COMMIT
                                       ? _("Cancel leaves the database as it was.") : NULL);
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      gtk_progress_bar_set_text (self->progress_bar, NULL);
      gtk_stack_set_visible_child_name (self->stack, "busy");
      self->pulsing = TRUE;
      self->pulse_id = g_timeout_add (100, pulse_tick, self);
    }

  task = g_task_new (self, self->cancellable, job_done, NULL);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* A cancelled job still reports, so the page is restored in one place. */
  g_task_set_check_cancellable (task, FALSE);
  g_object_set_data_full (G_OBJECT (task), "relay", sy_progress_relay_ref (self->relay),
                          (GDestroyNotify) sy_progress_relay_unref);
  g_task_run_in_thread (task, job_thread);
  update_actions (self);
}

/* --- actions ------------------------------------------------------------------- */

static gboolean
can_import (SyImportDialog *self)
{
  return !self->busy && self->validated
         && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "preview") == 0
         && (self->counts[SY_IMPORT_ACTION_REJECTED] == 0 || gtk_switch_get_active (self->skip_switch))
         && self->counts[SY_IMPORT_ACTION_ADDED] + self->counts[SY_IMPORT_ACTION_UPDATED] > 0;
}

static void
update_actions (SyImportDialog *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);
  gboolean preview = g_strcmp0 (step, "preview") == 0;
  gboolean result = g_strcmp0 (step, "result") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", can_import (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose",
                                 !(self->busy && self->running == JOB_COMMIT) && !result);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), preview);
  gtk_widget_set_visible (GTK_WIDGET (self->choose_again_button), preview);
  gtk_button_set_label (self->cancel_button, result ? _("_Close") : _("_Cancel"));
  if (preview && self->validated && self->counts[SY_IMPORT_ACTION_REJECTED] > 0
      && !gtk_switch_get_active (self->skip_switch))
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->import_button),
                                 _("Some rows have errors: correct the file, or skip those rows"));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->import_button), NULL);
}

static void
file_chosen (GtkNativeDialog *chooser,
             int              response,
             gpointer         user_data)
{
  SyImportDialog *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && !self->disposed)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        sy_import_dialog_load_file (self, file);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SyImportDialog *self = SY_IMPORT_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) lists = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Recipients"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: file type filter of the import file chooser */
  gtk_file_filter_set_name (lists, _("Recipient lists (*.csv, *.xlsx, *.txt)"));
  gtk_file_filter_add_suffix (lists, "csv");
  gtk_file_filter_add_suffix (lists, "xlsx");
  gtk_file_filter_add_suffix (lists, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), lists);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SyImportDialog *self = SY_IMPORT_DIALOG (widget);

  if (can_import (self))
    start_job (self, JOB_COMMIT);
}

static void
stop_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SyImportDialog *self = SY_IMPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static gboolean
sy_import_dialog_close_request (GtkWindow *window)
{
  SyImportDialog *self = SY_IMPORT_DIALOG (window);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  /* A commit being cancelled rolls back first; the result page says so. */
  if (self->busy && self->running == JOB_COMMIT)
    return TRUE;
  return GTK_WINDOW_CLASS (sy_import_dialog_parent_class)->close_request (window);
}

static void
skip_changed (SyImportDialog *self)
{
  update_actions (self);
}

static void
problems_toggled (SyImportDialog *self)
{
  refresh_rows (self);
}

/* --- public --------------------------------------------------------------------- */

SyImportDialog *
sy_import_dialog_new (GtkWindow  *parent,
                      SyDatabase *db)
{
  SyImportDialog *self;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  self = g_object_new (SY_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->directory = g_strdup (sy_database_get_directory (db));
  self->actor = g_strdup (sy_database_get_actor (db));
  return self;
}

void
sy_import_dialog_load_file (SyImportDialog *self,
                            GFile          *file)
{
  g_return_if_fail (SY_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->busy && self->running == JOB_COMMIT)
    return;
  g_set_object (&self->file, file);
  g_free (self->file_name);
  self->file_name = g_file_get_basename (file);
  self->wanted_sheet = -1;
  self->validated = FALSE;
  self->committed = FALSE;
  memset (self->counts, 0, sizeof self->counts);
  gtk_switch_set_active (self->skip_switch, FALSE);
  start_job (self, JOB_LOAD);
}

const char *
sy_import_dialog_get_step (SyImportDialog *self)
{
  g_return_val_if_fail (SY_IS_IMPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
sy_import_dialog_is_busy (SyImportDialog *self)
{
  g_return_val_if_fail (SY_IS_IMPORT_DIALOG (self), FALSE);
  return self->busy;
}

const char *
sy_import_dialog_get_error (SyImportDialog *self)
{
  g_return_val_if_fail (SY_IS_IMPORT_DIALOG (self), NULL);
  return self->error_message;
}

guint
sy_import_dialog_get_n_rows (SyImportDialog *self)
{
  g_return_val_if_fail (SY_IS_IMPORT_DIALOG (self), 0);
  return self->mapping != NULL ? sy_recipient_mapping_get_n_rows (self->mapping) : 0;
}

gboolean
sy_import_dialog_is_validated (SyImportDialog *self)
{
  g_return_val_if_fail (SY_IS_IMPORT_DIALOG (self), FALSE);
  return self->validated;
}

SyImportAction
sy_import_dialog_get_row_action (SyImportDialog *self,
                                 guint           row)
{
  g_return_val_if_fail (SY_IS_IMPORT_DIALOG (self), SY_IMPORT_ACTION_REJECTED);
  if (!self->validated || self->actions == NULL || row >= self->actions->len)
    return SY_IMPORT_ACTION_REJECTED;
  return self->actions->data[row];
}

char *
sy_import_dialog_get_row_messages (SyImportDialog *self,
                                   guint           row)
{
  GPtrArray *issues;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (SY_IS_IMPORT_DIALOG (self), NULL);
  issues = self->validated && row < sy_import_dialog_get_n_rows (self) ? row_issues (self, row) : NULL;
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      g_autofree char *line = issue_text (g_ptr_array_index (issues, i));

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
sy_import_dialog_select_sheet (SyImportDialog *self,
                               guint           sheet)
{
  g_return_if_fail (SY_IS_IMPORT_DIALOG (self));
  g_return_if_fail (self->sheet_names != NULL && sheet < g_strv_length (self->sheet_names));

  gtk_drop_down_set_selected (self->sheet_dropdown, sheet);
}

int
sy_import_dialog_get_sheet (SyImportDialog *self)
{
  g_return_val_if_fail (SY_IS_IMPORT_DIALOG (self), -1);
  return self->sheet_names != NULL ? (int) self->sheet : -1;
}

guint
sy_import_dialog_get_n_sheets (SyImportDialog *self)
{
  g_return_val_if_fail (SY_IS_IMPORT_DIALOG (self), 0);
  return self->sheet_names != NULL ? g_strv_length (self->sheet_names) : 0;
}

GtkDropDown *
sy_import_dialog_get_column_dropdown (SyImportDialog *self,
                                      guint           column)
{
  g_return_val_if_fail (SY_IS_IMPORT_DIALOG (self), NULL);
  return column < self->dropdowns->len ? g_ptr_array_index (self->dropdowns, column) : NULL;
}

guint
sy_import_dialog_get_count (SyImportDialog *self,
                            SyImportAction  action)
{
  g_return_val_if_fail (SY_IS_IMPORT_DIALOG (self), 0);
  g_return_val_if_fail (action <= SY_IMPORT_ACTION_UNCHANGED, 0);
  return self->counts[action];
}

gboolean
sy_import_dialog_get_committed (SyImportDialog *self)
{
  g_return_val_if_fail (SY_IS_IMPORT_DIALOG (self), FALSE);
  return self->committed;
}

/* --- GObject ---------------------------------------------------------------------- */

static void
sy_import_dialog_dispose (GObject *object)
{
  SyImportDialog *self = SY_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  finish_worker (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (sy_import_dialog_parent_class)->dispose (object);
}

static void
sy_import_dialog_finalize (GObject *object)
{
  SyImportDialog *self = SY_IMPORT_DIALOG (object);

  g_free (self->directory);
  g_free (self->actor);
  g_clear_object (&self->file);
  g_free (self->file_name);
  g_free (self->source_info);
  g_strfreev (self->sheet_names);
  g_clear_object (&self->table);
  g_clear_object (&self->mapping);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);
  g_free (self->error_message);
  g_clear_pointer (&self->issues_by_line, g_hash_table_unref);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_clear_pointer (&self->actions, g_byte_array_unref);
  g_clear_object (&self->rows);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (sy_import_dialog_parent_class)->finalize (object);
}

static void
sy_import_dialog_class_init (SyImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sy_import_dialog_dispose;
  object_class->finalize = sy_import_dialog_finalize;
  window_class->close_request = sy_import_dialog_close_request;

  /* After a commit that wrote to the database. */
  signals[SIGNAL_IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, choose_again_button);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, busy_page);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, source_label);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, sheet_box);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, sheet_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, header_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, mapping_box);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, mapping_label);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, counts_label);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, problems_toggle);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, rows_view);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, line_column);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, name_column);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, id_column);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, action_column);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, messages_column);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, skip_switch);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, result_page);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, added_label);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, updated_label);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, unchanged_label);
  gtk_widget_class_bind_template_child (widget_class, SyImportDialog, rejected_label);

  gtk_widget_class_install_action (widget_class, "import.choose", NULL, choose_activated);
  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "import.stop", NULL, stop_activated);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
sy_import_dialog_init (SyImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->dropdowns = g_ptr_array_new ();
  self->wanted_sheet = -1;
  self->filter = gtk_custom_filter_new (row_has_problems, self, NULL);
  column_factory (self, self->line_column, G_CALLBACK (bind_line), FALSE);
  column_factory (self, self->name_column, G_CALLBACK (bind_name), FALSE);
  column_factory (self, self->id_column, G_CALLBACK (bind_id), FALSE);
  column_factory (self, self->action_column, G_CALLBACK (bind_action), FALSE);
  column_factory (self, self->messages_column, G_CALLBACK (bind_messages), TRUE);
  g_signal_connect_object (self->skip_switch, "notify::active",
                           G_CALLBACK (skip_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->header_dropdown, "notify::selected",
                           G_CALLBACK (header_chosen), self, 0);
  g_signal_connect_object (self->sheet_dropdown, "notify::selected",
                           G_CALLBACK (sheet_chosen), self, 0);
  g_signal_connect_object (self->problems_toggle, "toggled",
                           G_CALLBACK (problems_toggled), self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->stack, "choose");
  update_actions (self);
}
