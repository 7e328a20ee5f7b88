/* sy-payment-audit-view.c: "按标准及时足额" — the payment audit of a year, in a window */
#include <glib/gi18n.h>

#include <string.h>

#include "sy-payment-audit-view.h"
#include "sy-ledger.h"
#include "sy-ui-util.h"

struct _SyPaymentAuditView
{
  AdwWindow            parent_instance;

  AdwToastOverlay     *toast_overlay;
  GtkSpinButton       *year_spin;
  GtkWidget           *export_button;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_page;
  GtkLabel            *summary_label;
  GtkDrawingArea      *month_chart;
  GtkDrawingArea      *kind_chart;
  GtkDropDown         *problem_dropdown;
  GtkLabel            *count_label;
  GtkStack            *findings_stack;
  AdwStatusPage       *findings_empty;
  GtkColumnView       *findings_view;
  GtkColumnViewColumn *problem_column;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *id_column;
  GtkColumnViewColumn *village_column;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *expected_column;
  GtkColumnViewColumn *paid_column;
  GtkColumnViewColumn *paid_date_column;
  GtkColumnViewColumn *due_date_column;

  SyDatabase          *db;
  SyPaymentAudit      *audit;
  SyLedgerChart       *by_month;
  SyLedgerChart       *by_kind;
  GtkFilterListModel  *filtered;
  GtkCustomFilter     *filter;
  GCancellable        *cancellable;
  GtkFileChooserNative *chooser;
  gboolean             done;
};

G_DEFINE_FINAL_TYPE (SyPaymentAuditView, sy_payment_audit_view, ADW_TYPE_WINDOW)

/* Series colours that read on light and dark backgrounds (GNOME palette
 * blue 3 and green 4). */
static const double expected_rgb[] = { 0.208, 0.518, 0.894 };
static const double paid_rgb[] = { 0.180, 0.761, 0.494 };

/* --- charts ------------------------------------------------------------------- */

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  SyPaymentAuditView *self = user_data;
  SyLedgerChart *chart = area == self->month_chart ? self->by_month : self->by_kind;
  GdkRGBA color;
  double foreground[3];

  if (chart == NULL)
    return;
  /* The theme's text colour, so the chart follows the dark style too. */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
  foreground[0] = color.red;
  foreground[1] = color.green;
  foreground[2] = color.blue;
  sy_ledger_chart_paint (chart, cr, gtk_widget_get_pango_context (GTK_WIDGET (area)),
                         width, height, foreground);
}

static double
yuan (gint64 fen)
{
  /* For the drawing only: money itself stays in integer 分. */
  return (double) fen / 100.0;
}

static void
build_charts (SyPaymentAuditView *self)
{
  SyPaymentAudit *audit = self->audit;
  guint n_kinds = sy_payment_audit_get_n_kinds (audit);
  g_autoptr(GPtrArray) month_labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *expected = g_new0 (double, MAX (n_kinds, 12));
  g_autofree double *paid = g_new0 (double, MAX (n_kinds, 12));
  g_autofree const char **kinds = g_new0 (const char *, n_kinds + 1);

  g_clear_object (&self->by_month);
  g_clear_object (&self->by_kind);

  self->by_month = sy_ledger_chart_new (_("Expected and Paid by Month"));
  for (int m = 1; m <= 12; m++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_local (2000, m, 1, 0, 0, 0);

      /* "Jan", or 1月 in Chinese: the locale names its months. */
      g_ptr_array_add (month_labels, g_date_time_format (date, "%b"));
      expected[m - 1] = yuan (sy_payment_audit_get_expected (audit, -1, m));
      paid[m - 1] = yuan (sy_payment_audit_get_paid (audit, -1, m));
    }
  sy_ledger_chart_set_groups (self->by_month, (const char * const *) month_labels->pdata, 12);
  sy_ledger_chart_add_series (self->by_month, _("Expected"), expected, 12,
                              expected_rgb[0], expected_rgb[1], expected_rgb[2]);
  sy_ledger_chart_add_series (self->by_month, C_("amount", "Paid"), paid, 12, paid_rgb[0], paid_rgb[1], paid_rgb[2]);
  sy_ledger_chart_set_unit (self->by_month, _("yuan"));

  self->by_kind = sy_ledger_chart_new (_("Expected and Paid by Kind"));
  for (guint k = 0; k < n_kinds; k++)
    {
      kinds[k] = sy_payment_audit_get_kind (audit, k);
      expected[k] = yuan (sy_payment_audit_get_expected (audit, (int) k, 0));
      paid[k] = yuan (sy_payment_audit_get_paid (audit, (int) k, 0));
    }
  sy_ledger_chart_set_groups (self->by_kind, kinds, n_kinds);
  sy_ledger_chart_add_series (self->by_kind, _("Expected"), expected, n_kinds,
                              expected_rgb[0], expected_rgb[1], expected_rgb[2]);
  sy_ledger_chart_add_series (self->by_kind, C_("amount", "Paid"), paid, n_kinds, paid_rgb[0], paid_rgb[1], paid_rgb[2]);
  sy_ledger_chart_set_unit (self->by_kind, _("yuan"));

  gtk_widget_queue_draw (GTK_WIDGET (self->month_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->kind_chart));
}

/* --- findings ------------------------------------------------------------------- */

static gboolean
match_problem (gpointer item,
               gpointer user_data)
{
  SyPaymentAuditView *self = user_data;
  guint selected = gtk_drop_down_get_selected (self->problem_dropdown);

  /* Entry 0 is "all"; then missed, underpaid, late in SyPaymentProblem order. */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return TRUE;
  return (guint) sy_payment_finding_get_problem (item) == selected - 1;
}

static void
update_findings (SyPaymentAuditView *self)
{
  guint shown = sy_payment_audit_view_get_n_shown (self);
  guint total = self->audit != NULL ? g_list_model_get_n_items (sy_payment_audit_get_findings (self->audit)) : 0;
  g_autofree char *count = NULL;

  if (total == 0)
    {
      adw_status_page_set_title (self->findings_empty, _("Everyone Was Paid"));
      adw_status_page_set_description (self->findings_empty,
                                       _("Every recipient was paid by the standard, on time and in full."));
      adw_status_page_set_icon_name (self->findings_empty, "emblem-ok-symbolic");
    }
  else
    {
      adw_status_page_set_title (self->findings_empty, _("No Findings of This Kind"));
      adw_status_page_set_description (self->findings_empty, _("Choose another problem to see its findings."));
      adw_status_page_set_icon_name (self->findings_empty, "edit-find-symbolic");
    }
  gtk_stack_set_visible_child_name (self->findings_stack, shown > 0 ? "list" : "empty");
  /* Translators: beside the findings list, e.g. 12 条（共 30 条） */
  count = g_strdup_printf (ngettext ("%u of %u finding", "%u of %u findings", total), shown, total);
  gtk_label_set_text (self->count_label, count);
}

static void
problem_changed (SyPaymentAuditView *self)
{
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_findings (self);
}

static void
show_audit (SyPaymentAuditView *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  guint checked = sy_payment_audit_get_n_checked (self->audit);
  guint ok = sy_payment_audit_get_n_ok (self->audit);
  g_autofree char *summary = NULL;
  g_autofree char *expected = sy_money_format (sy_payment_audit_get_expected (self->audit, -1, 0));
  g_autofree char *paid = sy_money_format (sy_payment_audit_get_paid (self->audit, -1, 0));

  /* Translators: the audit's summary, e.g. 2025年：检查 320 人次，310 人次按标准及时足额；应发 …，实发 … */
  summary = g_strdup_printf (ngettext ("%d: %u person × kind checked, %u paid on time and in full. Expected %s, paid %s.",
                                       "%d: %u people × kinds checked, %u paid on time and in full. Expected %s, paid %s.",
                                       checked),
                             sy_payment_audit_get_year (self->audit), checked, ok, expected, paid);
  gtk_label_set_text (self->summary_label, summary);
  build_charts (self);

  g_clear_object (&self->filtered);
  self->filtered = gtk_filter_list_model_new (g_object_ref (sy_payment_audit_get_findings (self->audit)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_column_view_set_model (self->findings_view, GTK_SELECTION_MODEL (selection));
  update_findings (self);
  gtk_stack_set_visible_child_name (self->stack, "result");
}

/* --- running the audit ------------------------------------------------------------- */

typedef struct {
  int             year;
  SyPaymentAudit *audit;   /* the result */
} AuditJob;

static void
audit_job_free (AuditJob *job)
{
  g_clear_object (&job->audit);
  g_free (job);
}

static gboolean
audit_work (SyDatabase   *db,
            gpointer      data,
            GCancellable *cancellable,
            GError      **error)
{
  AuditJob *job = data;

  job->audit = sy_payment_audit_new (db, job->year);
  return sy_payment_audit_run (job->audit, cancellable, error);
}

static void
audit_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  SyPaymentAuditView *self = SY_PAYMENT_AUDIT_VIEW (source);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  AuditJob *job = sy_ui_worker_get_data (result);
  g_autoptr(GError) error = NULL;
  SyPaymentAudit *audit = sy_ui_worker_finish (result, &error) ? job->audit : NULL;

  /* Another year was chosen meanwhile: that audit is on its way. */
  if (cancellable != self->cancellable)
    return;
  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  self->done = TRUE;
  if (audit == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.export", FALSE);
      return;
    }
  g_set_object (&self->audit, audit);
  show_audit (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.export", TRUE);
}

static void
start_audit (SyPaymentAuditView *self)
{
  AuditJob *job;

  if (self->db == NULL)
    return;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->audit);
  self->done = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.export", FALSE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  job = g_new0 (AuditJob, 1);
  job->year = gtk_spin_button_get_value_as_int (self->year_spin);
  self->cancellable = g_cancellable_new ();
  sy_ui_run_in_worker (self, self->db, audit_work, job, (GDestroyNotify) audit_job_free,
                       self->cancellable, audit_done);
}

/* --- export ------------------------------------------------------------------------ */

static void
export_chosen (GtkNativeDialog    *chooser,
               int                 response,
               SyPaymentAuditView *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->audit != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        {
          sy_ui_show_error (GTK_WIDGET (self), _("The Findings Were Not Exported"),
                            _("The file can only be saved to a local folder."));
        }
      else
        {
          g_autofree char *lower = g_ascii_strdown (path, -1);

          /* The format follows the name; a name without one gets the chosen filter's. */
          if (!g_str_has_suffix (lower, ".csv") && !g_str_has_suffix (lower, ".xlsx"))
            {
              GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
              gboolean csv = filter != NULL && g_object_get_data (G_OBJECT (filter), "csv") != NULL;
              char *with_suffix = g_strconcat (path, csv ? ".csv" : ".xlsx", NULL);

              g_free (path);
              path = with_suffix;
            }
          if (!sy_payment_audit_export (self->audit, path, &error))
            sy_ui_show_error (GTK_WIDGET (self), _("The Findings Were Not Exported"), error->message);
          else
            {
              guint n = g_list_model_get_n_items (sy_payment_audit_get_findings (self->audit));
              g_autofree char *text = g_strdup_printf (ngettext ("Exported %u finding", "Exported %u findings", n), n);

              adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
            }
        }
    }
  g_clear_object (&self->chooser);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SyPaymentAuditView *self = SY_PAYMENT_AUDIT_VIEW (widget);
  g_autoptr(GtkFileFilter) xlsx = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->audit == NULL || self->chooser != NULL)
    return;
  /* An internal list in Chinese, as the office files it. */
  name = g_strdup_printf ("%d年优抚金发放核查.xlsx", sy_payment_audit_get_year (self->audit));
  self->chooser = gtk_file_chooser_native_new (_("Export Findings"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (xlsx, _("Excel Workbooks (*.xlsx)"));
  gtk_file_filter_add_suffix (xlsx, "xlsx");
  gtk_file_filter_set_name (csv, _("CSV Files (*.csv)"));
  gtk_file_filter_add_suffix (csv, "csv");
  g_object_set_data (G_OBJECT (csv), "csv", GINT_TO_POINTER (TRUE));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), xlsx);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* --- deadlines ---------------------------------------------------------------------- */

/* One entry per kind; the first (kind NULL) is the office's default for
 * kinds without their own deadline.  Empty means "no setting of its own". */
typedef struct {
  SyPaymentAuditView *self;
  AdwMessageDialog   *dialog;
  GPtrArray          *kinds;     /* char *, NULL first */
  GPtrArray          *entries;   /* GtkEntry, same order */
} DeadlineForm;

static void
deadline_form_free (DeadlineForm *form)
{
  g_ptr_array_unref (form->kinds);
  g_ptr_array_unref (form->entries);
  g_free (form);
}

/* -1 for an empty entry, the days, or -2 when the text is no number of days. */
static int
entry_days (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  guint64 days;

  if (*text == '\0')
    return -1;
  if (!g_ascii_string_to_unsigned (text, 10, 0, SY_PAYMENT_DEADLINE_MAX, &days, NULL))
    return -2;
  return (int) days;
}

static void
deadline_form_changed (DeadlineForm *form)
{
  gboolean valid = TRUE;

  for (guint i = 0; i < form->entries->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (form->entries, i);
      gboolean ok = entry_days (GTK_ENTRY (entry)) >= -1;

      sy_ui_set_invalid (entry, !ok);
      valid = valid && ok;
    }
  adw_message_dialog_set_response_enabled (form->dialog, "save", valid);
}

static void
deadline_response (AdwMessageDialog *dialog,
                   const char       *response,
                   DeadlineForm     *form)
{
  SyPaymentAuditView *self = form->self;
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  if (g_strcmp0 (response, "save") != 0 || self->db == NULL)
    return;
  for (guint i = 0; i < form->kinds->len && error == NULL; i++)
    {
      const char *kind = g_ptr_array_index (form->kinds, i);
      int days = entry_days (g_ptr_array_index (form->entries, i));
      int stored = -1;

      /* Only what changed is written (and logged); a stored value that is
       * no number of days always differs. */
      if (!sy_payment_audit_get_deadline_setting (self->db, kind, &stored, NULL))
        stored = -2;
      if (days < -1 || days == stored)
        continue;
      if (sy_payment_audit_set_deadline (self->db, kind, days, &error))
        changed++;
    }
  if (error != NULL)
    sy_ui_show_error (GTK_WIDGET (self), _("The Deadlines Were Not Saved"), error->message);
  if (changed > 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Deadlines saved")));
      /* Lateness is measured against the deadlines: audit again. */
      start_audit (self);
    }
}

static void
deadline_form_add (DeadlineForm *form,
                   GtkWidget    *list,
                   const char   *kind,
                   int           fallback)
{
  SyPaymentAuditView *self = form->self;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *placeholder = g_strdup_printf ("%d", fallback);
  g_autofree char *subtitle = NULL;
  int days = -1;

  sy_payment_audit_get_deadline_setting (self->db, kind, &days, NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kind != NULL ? kind : _("Other Kinds"));
  if (kind == NULL)
    subtitle = g_strdup_printf (_("Empty: %d days"), SY_PAYMENT_DEADLINE_DEFAULT);
  else
    subtitle = g_strdup_printf (_("Empty: as the other kinds (%d days)"), fallback);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
  gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  /* The kind names the entry, for tests and accessibility tools alike. */
  gtk_widget_set_name (entry, kind != NULL ? kind : "");
  if (days >= 0)
    {
      g_autofree char *text = g_strdup_printf ("%d", days);

      gtk_editable_set_text (GTK_EDITABLE (entry), text);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_ptr_array_add (form->kinds, g_strdup (kind));
  g_ptr_array_add (form->entries, entry);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (deadline_form_changed), form);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The kinds of the standards and of the audit shown, sorted, each once. */
static GPtrArray *
deadline_kinds (SyPaymentAuditView *self)
{
  g_autoptr(GListModel) standards = sy_queries_standards (self->db, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *kinds = g_ptr_array_new_with_free_func (g_free);
  guint n = standards != NULL ? g_list_model_get_n_items (standards) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SySubsidyStandard) standard = g_list_model_get_item (standards, i);
      const char *kind = sy_subsidy_standard_get_kind (standard);

      if (kind != NULL && *kind != '\0' && g_hash_table_add (seen, (gpointer) kind))
        g_ptr_array_add (kinds, g_strdup (kind));
    }
  for (guint k = 0; self->audit != NULL && k < sy_payment_audit_get_n_kinds (self->audit); k++)
    {
      const char *kind = sy_payment_audit_get_kind (self->audit, k);

      if (g_hash_table_add (seen, (gpointer) kind))
        g_ptr_array_add (kinds, g_strdup (kind));
    }
  g_ptr_array_sort (kinds, compare_strings);
  return kinds;
}

GtkWidget *
sy_payment_audit_view_edit_deadlines (SyPaymentAuditView *self)
{
  g_autoptr(GPtrArray) kinds = NULL;
  g_autoptr(GError) error = NULL;
  DeadlineForm *form;
  GtkWidget *list;
  int general = SY_PAYMENT_DEADLINE_DEFAULT;

  g_return_val_if_fail (SY_IS_PAYMENT_AUDIT_VIEW (self), NULL);

  if (self->db == NULL)
    return NULL;
  /* A stored value that is no number is shown, and can be mended, here. */
  if (!sy_payment_audit_get_deadline (self->db, NULL, &general, &error))
    general = SY_PAYMENT_DEADLINE_DEFAULT;
  form = g_new0 (DeadlineForm, 1);
  form->self = self;
  form->dialog = sy_ui_form_dialog_new (GTK_WIDGET (self), _("Payment Deadlines"),
                                        _("A payment is late when it is made more than this many days "
                                          "after the first day of the month it pays for."),
                                        "save", _("_Save"), &list, NULL);
  form->kinds = g_ptr_array_new_with_free_func (g_free);
  form->entries = g_ptr_array_new ();
  deadline_form_add (form, list, NULL, SY_PAYMENT_DEADLINE_DEFAULT);
  kinds = deadline_kinds (self);
  for (guint i = 0; i < kinds->len; i++)
    deadline_form_add (form, list, g_ptr_array_index (kinds, i), general);
  g_object_set_data_full (G_OBJECT (form->dialog), "form", form, (GDestroyNotify) deadline_form_free);
  g_signal_connect (form->dialog, "response", G_CALLBACK (deadline_response), form);
  deadline_form_changed (form);
  gtk_window_present (GTK_WINDOW (form->dialog));
  if (error != NULL)
    sy_ui_show_error (GTK_WIDGET (form->dialog), _("A Deadline Setting Is Not a Number"), error->message);
  return GTK_WIDGET (form->dialog);
}

static void
deadlines_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  sy_payment_audit_view_edit_deadlines (SY_PAYMENT_AUDIT_VIEW (widget));
}

static void
close_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* --- public ------------------------------------------------------------------------ */

SyPaymentAuditView *
sy_payment_audit_view_new (GtkWindow  *parent,
                           SyDatabase *db,
                           int         year)
{
  SyPaymentAuditView *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  self = g_object_new (SY_TYPE_PAYMENT_AUDIT_VIEW, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  sy_payment_audit_view_set_year (self, year);
  /* set_year does nothing when the spin button already shows the year. */
  if (self->cancellable == NULL && self->audit == NULL)
    start_audit (self);
  return self;
}

int
sy_payment_audit_view_get_year (SyPaymentAuditView *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_AUDIT_VIEW (self), 0);

  return gtk_spin_button_get_value_as_int (self->year_spin);
}

void
sy_payment_audit_view_set_year (SyPaymentAuditView *self,
                                int                 year)
{
  g_return_if_fail (SY_IS_PAYMENT_AUDIT_VIEW (self));

  gtk_spin_button_set_value (self->year_spin, year);
}

gboolean
sy_payment_audit_view_is_done (SyPaymentAuditView *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_AUDIT_VIEW (self), FALSE);

  return self->done;
}

SyPaymentAudit *
sy_payment_audit_view_get_audit (SyPaymentAuditView *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_AUDIT_VIEW (self), NULL);

  return self->audit;
}

guint
sy_payment_audit_view_get_n_shown (SyPaymentAuditView *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_AUDIT_VIEW (self), 0);

  return self->filtered != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0;
}

/* --- class ------------------------------------------------------------------------- */

static void
sy_payment_audit_view_dispose (GObject *object)
{
  SyPaymentAuditView *self = SY_PAYMENT_AUDIT_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_PAYMENT_AUDIT_VIEW);

  G_OBJECT_CLASS (sy_payment_audit_view_parent_class)->dispose (object);
}

static void
sy_payment_audit_view_finalize (GObject *object)
{
  SyPaymentAuditView *self = SY_PAYMENT_AUDIT_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->by_month);
  g_clear_object (&self->by_kind);
  g_clear_object (&self->audit);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (sy_payment_audit_view_parent_class)->finalize (object);
}

static void
sy_payment_audit_view_class_init (SyPaymentAuditViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_payment_audit_view_dispose;
  object_class->finalize = sy_payment_audit_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-payment-audit-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, year_spin);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, export_button);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, stack);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, spinner);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, error_page);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, month_chart);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, kind_chart);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, problem_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, count_label);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, findings_stack);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, findings_empty);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, findings_view);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, problem_column);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, name_column);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, id_column);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, village_column);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, kind_column);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, expected_column);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, paid_column);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, paid_date_column);
  gtk_widget_class_bind_template_child (widget_class, SyPaymentAuditView, due_date_column);

  gtk_widget_class_install_action (widget_class, "audit.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "audit.close", NULL, close_activated);
  gtk_widget_class_install_action (widget_class, "audit.deadlines", NULL, deadlines_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "audit.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "audit.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "audit.close", NULL);
}

static void
sy_payment_audit_view_init (SyPaymentAuditView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  sy_ui_column_bind (self->problem_column, "problem-label", SY_CELL_TEXT);
  sy_ui_column_bind (self->name_column, "name", SY_CELL_TEXT);
  sy_ui_column_bind (self->id_column, "id-number", SY_CELL_ID_MASKED);
  sy_ui_column_bind (self->village_column, "village", SY_CELL_TEXT);
  sy_ui_column_bind (self->kind_column, "kind", SY_CELL_TEXT);
  sy_ui_column_bind (self->expected_column, "expected-fen", SY_CELL_MONEY);
  sy_ui_column_bind (self->paid_column, "paid-fen", SY_CELL_MONEY);
  sy_ui_column_bind (self->paid_date_column, "paid-date", SY_CELL_TEXT);
  sy_ui_column_bind (self->due_date_column, "due-date", SY_CELL_TEXT);

  self->filter = gtk_custom_filter_new (match_problem, self, NULL);
  gtk_drawing_area_set_draw_func (self->month_chart, draw_chart, self, NULL);
  gtk_drawing_area_set_draw_func (self->kind_chart, draw_chart, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.export", FALSE);
  g_signal_connect_object (self->problem_dropdown, "notify::selected", G_CALLBACK (problem_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->year_spin, "value-changed", G_CALLBACK (start_audit), self,
                           G_CONNECT_SWAPPED);
}
