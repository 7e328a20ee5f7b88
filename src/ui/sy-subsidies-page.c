/* sy-subsidies-page.c: the Subsidies view: disbursement runs, their lines and states */
#include <glib/gi18n.h>

#include <string.h>

#include "sy-subsidies-page.h"
#include "sy-ledger.h"
#include "sy-payment-audit-view.h"
#include "sy-run-dialog.h"
#include "sy-standards-dialog.h"
#include "sy-ui-util.h"
#include "sy-window.h"


struct _SySubsidiesPage
{
  AdwBin parent_instance;

  GtkStack            *stack;
  GtkSearchEntry      *search_entry;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *count_column;
  GtkColumnViewColumn *total_column;
  GtkColumnViewColumn *state_column;
  AdwStatusPage       *empty_page;
  AdwPreferencesPage  *detail_page;
  AdwPreferencesGroup *state_group;
  GtkLabel            *state_label;
  GtkLabel            *run_title_label;
  GtkLabel            *state_hint;
  GtkWidget           *export_button;
  GtkWidget           *approve_button;
  GtkWidget           *recompute_button;
  GtkWidget           *adjust_button;
  GtkWidget           *delete_button;
  GtkWidget           *mark_paid_button;
  GtkWidget           *unapprove_button;
  GtkWidget           *bank_return_button;
  GtkWidget           *reissue_button;
  AdwPreferencesGroup *batch_group;
  AdwPreferencesGroup *lines_group;
  GtkSearchEntry      *lines_search_entry;
  GtkColumnView       *lines_view;
  GtkColumnViewColumn *line_name_column;
  GtkColumnViewColumn *line_id_column;
  GtkColumnViewColumn *line_category_column;
  GtkColumnViewColumn *line_months_column;
  GtkColumnViewColumn *line_standard_column;
  GtkColumnViewColumn *line_base_column;
  GtkColumnViewColumn *line_topup_column;
  GtkColumnViewColumn *line_amount_column;
  GtkColumnViewColumn *line_account_column;
  GtkColumnViewColumn *line_status_column;
  GtkColumnViewColumn *line_note_column;
  AdwPreferencesGroup *exclusions_group;
  GtkWidget           *exclusions_window;
  GtkColumnView       *exclusions_view;
  GtkColumnViewColumn *exclusion_name_column;
  GtkColumnViewColumn *exclusion_id_column;
  GtkColumnViewColumn *exclusion_village_column;
  GtkColumnViewColumn *exclusion_category_column;
  GtkColumnViewColumn *exclusion_reason_column;
  GtkRevealer         *job_revealer;
  GtkLabel            *job_label;
  GtkProgressBar      *job_progress;

  SyDatabase          *db;
  SyRunRepo           *repo;
  GtkSingleSelection  *selection;
  GtkSingleSelection  *line_selection;
  GtkCustomFilter     *filter;        /* runs: by search_entry */
  GtkCustomFilter     *lines_filter;  /* lines: by lines_search_entry */
  char                *needle;        /* the searches, case folded; NULL: all */
  char                *lines_needle;
  guint                n_failed;     /* lines of the shown run, by status */
  guint                n_adjusted;

  GCancellable        *job_cancellable;
  SyProgressRelay     *job_relay;
  guint                pulse_id;
  gboolean             disposed;
};

G_DEFINE_FINAL_TYPE (SySubsidiesPage, sy_subsidies_page, ADW_TYPE_BIN)

static void update_actions (SySubsidiesPage *self);
static void reload_keeping (SySubsidiesPage *self, gint64 batch_id);

/* --- small helpers ------------------------------------------------------------ */

static GtkWindow *
parent_window (SySubsidiesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
add_toast (SySubsidiesPage *self,
           AdwToast        *toast)
{
  GtkWindow *window = parent_window (self);

  if (SY_IS_WINDOW (window))
    sy_window_add_toast (SY_WINDOW (window), toast);
  else
    g_object_unref (toast);
}

static void
toast (SySubsidiesPage *self,
       const char      *text)
{
  add_toast (self, adw_toast_new (text));
}

/* Errors get a dialog rather than a toast: the message (often FILE:LINE)
 * must stay on screen until it is read. */
static void
show_error (SySubsidiesPage *self,
            const char      *heading,
            const char      *message)
{
  sy_ui_show_error (GTK_WIDGET (self), heading, message);
}

static SyDisbursementBatch *
selected_batch (SySubsidiesPage *self)
{
  return self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;
}

static gint64
selected_batch_id (SySubsidiesPage *self)
{
  SyDisbursementBatch *batch = selected_batch (self);

  return batch != NULL ? sy_record_get_id (SY_RECORD (batch)) : 0;
}

static SyDisbursementLine *
selected_line (SySubsidiesPage *self)
{
  return self->line_selection != NULL
         ? gtk_single_selection_get_selected_item (self->line_selection) : NULL;
}

static gboolean
is_state (SyDisbursementBatch *batch,
          const char          *state)
{
  return batch != NULL && g_strcmp0 (sy_disbursement_batch_get_state (batch), state) == 0;
}

static gboolean
is_busy (SySubsidiesPage *self)
{
  return self->job_cancellable != NULL;
}

/* "2025-Q4" → "2025-Q4（2025年第四季度）"; anything unparsable as stored. */
static char *
period_text (const char *period)
{
  SyPeriod parsed;
  g_autofree char *label = NULL;

  if (period == NULL || !sy_period_parse (period, &parsed, NULL))
    return g_strdup (period);
  label = sy_period_to_label (&parsed);
  if (g_strcmp0 (label, period) == 0)
    return g_steal_pointer (&label);
  /* Translators: a run's period as stored and as read, e.g. 2025-Q4（2025年第四季度） */
  return g_strdup_printf (_("%s (%s)"), period, label);
}

/* "2026-11-29T10:20:30" → "2026-11-29 10:20" */
static char *
timestamp_text (const char *stamp)
{
  char *text;

  if (stamp == NULL)
    return NULL;
  text = g_strndup (stamp, 16);
  g_strdelimit (text, "T", ' ');
  return text;
}

/* --- cells of the payment list ------------------------------------------------ */

typedef char *(*LineTextFunc) (SyDisbursementLine *line);

static void
text_cell_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "xalign")) ? 1.0 : 0.0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
text_cell_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                LineTextFunc              func)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  SyDisbursementLine *line = gtk_list_item_get_item (item);
  g_autofree char *text = line != NULL ? func (line) : NULL;

  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
}

static void
line_column_bind (GtkColumnViewColumn *column,
                  LineTextFunc         func,
                  gboolean             right_aligned)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "xalign", GINT_TO_POINTER (right_aligned));
  g_signal_connect (factory, "setup", G_CALLBACK (text_cell_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (text_cell_bind), func);
  gtk_column_view_column_set_factory (column, factory);
}

/* Lists are seen by others: the account shows its last four digits only,
 * enough to tell two accounts of a person apart. */
static char *
line_account_text (SyDisbursementLine *line)
{
  const char *account = sy_disbursement_line_get_account (line);
  gsize n;

  if (account == NULL || *account == '\0')
    return NULL;
  n = strlen (account);
  if (n <= 4)
    return g_strdup (account);
  return g_strconcat ("****", account + n - 4, NULL);
}

/* The reason a line differs from its computation comes first: that is what a
 * reviewer looks for. */
static char *
line_note_text (SyDisbursementLine *line)
{
  const char *adjust = sy_disbursement_line_get_adjust_reason (line);
  const char *fail = sy_disbursement_line_get_fail_reason (line);
  const char *note = sy_disbursement_line_get_note (line);

  if (g_strcmp0 (sy_disbursement_line_get_status (line), SY_LINE_FAILED) == 0 && fail != NULL && *fail)
    /* Translators: the note of a line the bank could not pay, e.g. 发放失败：账号不存在 */
    return g_strdup_printf (_("Failed: %s"), fail);
  if (adjust != NULL && *adjust != '\0')
    {
      g_autofree char *computed = sy_money_format (sy_disbursement_line_get_computed_fen (line));
      /* Translators: the note of an adjusted line, e.g. 调整（原 1,200.00）：补发上季度差额 */
      return g_strdup_printf (_("Adjusted (computed %s): %s"), computed, adjust);
    }
  return g_strdup (note);
}

/* Months paid, with the span when there is one: "3 (10–12月)". */
static char *
line_months_text (SyDisbursementLine *line)
{
  int months = sy_disbursement_line_get_months (line);
  int first = sy_month_from_iso (sy_disbursement_line_get_first_month (line));
  int last = sy_month_from_iso (sy_disbursement_line_get_last_month (line));

  if (months == 0)
    /* Translators: the months column of a one-off payment (一次性) */
    return g_strdup (C_("months", "once"));
  if (first < 0 || last < 0 || months == 1)
    return g_strdup_printf ("%d", months);
  if (sy_month_year (first) == sy_month_year (last))
    /* Translators: number of months and the months, e.g. 3（10–12月） */
    return g_strdup_printf (_("%d (%d–%d)"), months, sy_month_month (first), sy_month_month (last));
  return g_strdup_printf ("%d", months);
}

/* --- showing a run -------------------------------------------------------------- */

/* Takes @lines over. */
static void
set_lines (SySubsidiesPage *self,
           GListModel      *lines)
{
  GtkSingleSelection *selection;

  if (lines == NULL)
    lines = G_LIST_MODEL (g_list_store_new (SY_TYPE_DISBURSEMENT_LINE));
  lines = G_LIST_MODEL (gtk_filter_list_model_new (lines, g_object_ref (GTK_FILTER (self->lines_filter))));
  selection = gtk_single_selection_new (lines);
  /* A line is adjusted only when the user picked it. */
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->lines_view, GTK_SELECTION_MODEL (selection));
  self->line_selection = selection;
  g_signal_connect_object (selection, "notify::selected", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_object_unref (selection);
}

/* Takes @exclusions over. */
static void
set_exclusions (SySubsidiesPage *self,
                GListModel      *exclusions)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  if (exclusions == NULL)
    exclusions = G_LIST_MODEL (g_list_store_new (SY_TYPE_DISBURSEMENT_EXCLUSION));
  selection = gtk_no_selection_new (exclusions);
  gtk_column_view_set_model (self->exclusions_view, GTK_SELECTION_MODEL (selection));
}

static void
set_state_style (SySubsidiesPage *self,
                 const char      *style)
{
  static const char *styles[] = { "accent", "warning", "success" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), styles[i]);
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), style);
}

static void
show_state (SySubsidiesPage     *self,
            SyDisbursementBatch *batch)
{
  g_autofree char *hint = NULL;

  gtk_label_set_text (self->state_label, sy_ui_status_label (sy_disbursement_batch_get_state (batch)));
  gtk_label_set_text (self->run_title_label, sy_disbursement_batch_get_title (batch));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->run_title_label), sy_disbursement_batch_get_title (batch));

  if (is_state (batch, SY_RUN_STATE_DRAFT))
    {
      set_state_style (self, "accent");
      hint = g_strdup (_("Check the payment list and the people not paid. Adjust a line if needed "
                         "(a reason is required), or correct the records and recompute; then approve."));
    }
  else if (is_state (batch, SY_RUN_STATE_APPROVED))
    {
      const char *by = sy_disbursement_batch_get_approved_by (batch);
      g_autofree char *at = timestamp_text (sy_disbursement_batch_get_approved_at (batch));

      set_state_style (self, "warning");
      if (by != NULL && at != NULL)
        /* Translators: %s are who approved the run and when */
        hint = g_strdup_printf (_("Approved by %s on %s. The payment list is locked: export the bank "
                                  "file, and mark the run paid once the bank has paid."), by, at);
      else
        hint = g_strdup (_("Approved. The payment list is locked: export the bank file, and mark the "
                           "run paid once the bank has paid."));
    }
  else if (is_state (batch, SY_RUN_STATE_PAID))
    {
      g_autofree char *paid = g_strdup_printf (_("Paid on %s, voucher %s."),
                                               sy_ui_or_dash (sy_disbursement_batch_get_paid_date (batch)),
                                               sy_ui_or_dash (sy_disbursement_batch_get_voucher_no (batch)));
      g_autofree char *more = NULL;

      set_state_style (self, "success");
      if (self->n_failed > 0)
        more = g_strdup_printf (ngettext ("%u line failed at the bank: re-issue it in a follow-up run.",
                                          "%u lines failed at the bank: re-issue them in a follow-up run.",
                                          self->n_failed), self->n_failed);
      else
        more = g_strdup (_("If the bank returns payments it could not make, import its return file."));
      hint = g_strconcat (paid, " ", more, NULL);
    }
  else
    set_state_style (self, NULL);
  gtk_label_set_text (self->state_hint, hint != NULL ? hint : "");
}

static void
show_selected (SySubsidiesPage *self)
{
  SyDisbursementBatch *batch = selected_batch (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) exclusions_error = NULL;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GListModel) exclusions = NULL;
  g_autofree char *total = NULL;
  g_autofree char *total_words = NULL;
  g_autofree char *period = NULL;
  g_autofree char *approved = NULL;
  g_autofree char *lines_text = NULL;
  AdwPreferencesGroup *g = self->batch_group;
  gint64 source_id;
  guint n_lines, n_excluded;

  sy_ui_group_clear (self->batch_group);
  adw_preferences_group_set_description (self->lines_group, NULL);
  adw_preferences_group_set_description (self->exclusions_group, NULL);
  self->n_failed = 0;
  self->n_adjusted = 0;
  if (batch == NULL || self->db == NULL)
    {
      set_lines (self, NULL);
      set_exclusions (self, NULL);
      gtk_label_set_text (self->state_label, "");
      gtk_label_set_text (self->run_title_label, "");
      gtk_label_set_text (self->state_hint, _("Select a run to see its payment list."));
      update_actions (self);
      return;
    }

  lines = sy_queries_batch_lines (self->db, sy_record_get_id (SY_RECORD (batch)), &error);
  n_lines = lines != NULL ? g_list_model_get_n_items (lines) : 0;
  for (guint i = 0; i < n_lines; i++)
    {
      g_autoptr(SyDisbursementLine) line = g_list_model_get_item (lines, i);
      const char *reason = sy_disbursement_line_get_adjust_reason (line);

      if (g_strcmp0 (sy_disbursement_line_get_status (line), SY_LINE_FAILED) == 0)
        self->n_failed++;
      if (reason != NULL && *reason != '\0')
        self->n_adjusted++;
    }
  show_state (self, batch);

  total = sy_money_format (sy_disbursement_batch_get_total_fen (batch));
  total_words = sy_money_to_chinese (sy_disbursement_batch_get_total_fen (batch), NULL);
  period = period_text (sy_disbursement_batch_get_period (batch));
  approved = timestamp_text (sy_disbursement_batch_get_approved_at (batch));

  /* The title and the state head the pane; the fields say the rest, and
   * only what the run has (no empty 发放日期 on a draft). */
  sy_ui_group_add_field (g, _("Kind"), sy_disbursement_batch_get_kind (batch));
  sy_ui_group_add_field (g, _("Period"), period);
  sy_ui_group_add_field (g, _("Total"), total);
  /* The 大写 total is what the printed roster shows under the figures. */
  sy_ui_group_add_field (g, _("Total in Words"), total_words);
  if (approved != NULL)
    {
      g_autofree char *who = g_strdup_printf ("%s · %s", approved,
                                              sy_ui_or_dash (sy_disbursement_batch_get_approved_by (batch)));
      sy_ui_group_add_field (g, _("Approved"), who);
    }
  if (sy_disbursement_batch_get_paid_date (batch) != NULL)
    sy_ui_group_add_field (g, _("Paid On"), sy_disbursement_batch_get_paid_date (batch));
  if (sy_disbursement_batch_get_voucher_no (batch) != NULL)
    sy_ui_group_add_field (g, _("Voucher Number"), sy_disbursement_batch_get_voucher_no (batch));
  source_id = sy_disbursement_batch_get_source_batch_id (batch);
  if (source_id != 0)
    {
      g_autoptr(SyDisbursementBatch) source = sy_database_load (self->db, SY_TYPE_DISBURSEMENT_BATCH,
                                                                source_id, NULL);
      sy_ui_group_add_field (g, _("Re-issue Of"),
                             source != NULL ? sy_disbursement_batch_get_title (source) : NULL);
    }

  if (lines == NULL)
    lines_text = g_strdup_printf (_("The payment list could not be read: %s"), error->message);
  else if (self->n_failed > 0)
    lines_text = g_strdup_printf (ngettext ("%u line, %u failed at the bank", "%u lines, %u failed at the bank",
                                            n_lines), n_lines, self->n_failed);
  else if (self->n_adjusted > 0)
    lines_text = g_strdup_printf (ngettext ("%u line, %u adjusted by hand", "%u lines, %u adjusted by hand",
                                            n_lines), n_lines, self->n_adjusted);
  else
    lines_text = g_strdup_printf (ngettext ("%u line", "%u lines", n_lines), n_lines);
  adw_preferences_group_set_description (self->lines_group, lines_text);
  set_lines (self, g_steal_pointer (&lines));

  exclusions = sy_queries_batch_exclusions (self->db, sy_record_get_id (SY_RECORD (batch)),
                                            &exclusions_error);
  n_excluded = exclusions != NULL ? g_list_model_get_n_items (exclusions) : 0;
  if (exclusions == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The people not paid could not be read: %s"),
                                               exclusions_error->message);
      adw_preferences_group_set_description (self->exclusions_group, text);
    }
  else if (n_excluded == 0)
    adw_preferences_group_set_description (self->exclusions_group,
                                           _("Everyone who holds a category this run pays is paid."));
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u person holds a category this run pays but is not paid:",
                                                         "%u people hold a category this run pays but are not paid:",
                                                         n_excluded), n_excluded);
      adw_preferences_group_set_description (self->exclusions_group, text);
    }
  gtk_widget_set_visible (self->exclusions_window, n_excluded > 0);
  set_exclusions (self, g_steal_pointer (&exclusions));
  update_actions (self);
}

static void
update_actions (SySubsidiesPage *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  SyDisbursementBatch *batch = selected_batch (self);
  gboolean idle = !is_busy (self) && self->db != NULL;
  gboolean draft = is_state (batch, SY_RUN_STATE_DRAFT);
  gboolean approved = is_state (batch, SY_RUN_STATE_APPROVED);
  gboolean paid = is_state (batch, SY_RUN_STATE_PAID);
  gboolean has_lines = batch != NULL && sy_disbursement_batch_get_line_count (batch) > 0;
  gtk_widget_action_set_enabled (w, "subsidies.new-run", self->db != NULL);
  gtk_widget_action_set_enabled (w, "subsidies.standards", self->db != NULL);
  gtk_widget_action_set_enabled (w, "subsidies.payment-audit", self->db != NULL);
  gtk_widget_action_set_enabled (w, "subsidies.recompute", idle && draft);
  gtk_widget_action_set_enabled (w, "subsidies.adjust-line", idle && draft && selected_line (self) != NULL);
  gtk_widget_action_set_enabled (w, "subsidies.approve", idle && draft && has_lines);
  gtk_widget_action_set_enabled (w, "subsidies.delete", idle && draft);
  gtk_widget_action_set_enabled (w, "subsidies.unapprove", idle && approved);
  gtk_widget_action_set_enabled (w, "subsidies.mark-paid", idle && approved);
  gtk_widget_action_set_enabled (w, "subsidies.import-bank-return", idle && paid);
  gtk_widget_action_set_enabled (w, "subsidies.reissue", idle && paid && self->n_failed > 0);
  gtk_widget_action_set_enabled (w, "subsidies.export-roster", idle && has_lines);
  gtk_widget_action_set_enabled (w, "subsidies.export-bank-file", idle && has_lines && (approved || paid));
  gtk_widget_action_set_enabled (w, "subsidies.cancel-job", is_busy (self));

  /* Only what can be done next is offered: the state decides. */
  gtk_widget_set_visible (self->approve_button, draft);
  gtk_widget_set_visible (self->recompute_button, draft);
  gtk_widget_set_visible (self->adjust_button, draft);
  gtk_widget_set_visible (self->delete_button, draft);
  gtk_widget_set_visible (self->mark_paid_button, approved);
  gtk_widget_set_visible (self->unapprove_button, approved);
  gtk_widget_set_visible (self->bank_return_button, paid);
  gtk_widget_set_visible (self->reissue_button, paid);
  gtk_widget_set_visible (self->export_button, batch != NULL);
  gtk_widget_set_sensitive (self->export_button, idle && has_lines);
}

/* --- search ------------------------------------------------------------------------ */

/* What the runs list is searched in: what its rows and the pane show of a
 * run (the period also as read, 2025年第四季度; the state as displayed). */
static gboolean
run_matches (gpointer item,
             gpointer user_data)
{
  SySubsidiesPage *self = user_data;
  SyDisbursementBatch *batch = item;
  g_autofree char *period = NULL;

  if (self->needle == NULL)
    return TRUE;
  period = period_text (sy_disbursement_batch_get_period (batch));
  return sy_ui_text_contains (sy_disbursement_batch_get_title (batch), self->needle)
         || sy_ui_text_contains (sy_disbursement_batch_get_kind (batch), self->needle)
         || sy_ui_text_contains (period, self->needle)
         || sy_ui_text_contains (sy_ui_status_label (sy_disbursement_batch_get_state (batch)), self->needle)
         || sy_ui_text_contains (sy_disbursement_batch_get_voucher_no (batch), self->needle);
}

/* A line by its payee's name, or by the end of the ID number: the list masks
 * the middle digits, and a search on them would tell them. */
static gboolean
line_matches (gpointer item,
              gpointer user_data)
{
  const char *needle = ((SySubsidiesPage *) user_data)->lines_needle;
  const char *id = sy_disbursement_line_get_id_number (item);
  g_autofree char *folded_id = id != NULL ? g_utf8_casefold (id, -1) : NULL;

  return needle == NULL
         || sy_ui_text_contains (sy_disbursement_line_get_recipient_name (item), needle)
         || (folded_id != NULL && g_str_has_suffix (folded_id, needle));
}

/* Takes the text of @entry into *@needle (stripped and case folded; NULL
 * when empty) and applies @filter again; FALSE when the text had not
 * changed. */
static gboolean
refilter (GtkSearchEntry  *entry,
          char           **needle,
          GtkCustomFilter *filter)
{
  g_autofree char *text = sy_ui_entry_value (GTK_EDITABLE (entry));
  g_autofree char *folded = text != NULL ? g_utf8_casefold (text, -1) : NULL;

  if (g_strcmp0 (folded, *needle) == 0)
    return FALSE;
  g_free (*needle);
  *needle = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (filter), GTK_FILTER_CHANGE_DIFFERENT);
  return TRUE;
}

static void
update_empty_page (SySubsidiesPage *self)
{
  g_autofree char *text = sy_ui_entry_value (GTK_EDITABLE (self->search_entry));

  if (text != NULL)
    {
      g_autofree char *description = NULL;

      /* Translators: the runs list found nothing; %s is what was searched for */
      description = g_strdup_printf (_("No runs match “%s”. Try other search words."), text);
      adw_status_page_set_title (self->empty_page, _("No Matching Runs"));
      adw_status_page_set_description (self->empty_page, description);
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Disbursements"));
      adw_status_page_set_description (self->empty_page,
                                       _("Press Ctrl+N or “New Run…” to compute a run from the standards."));
    }
}

/* The list follows the search at once: a run that goes out of view gives
 * its selection to a neighbour, shown as any selection change is. */
static void
search_changed (SySubsidiesPage *self)
{
  if (refilter (self->search_entry, &self->needle, self->filter))
    update_empty_page (self);
}

static void
clear_search (SySubsidiesPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  /* Now, not after the entry's delay: the caller lists the runs next. */
  search_changed (self);
}

static void
lines_search_changed (SySubsidiesPage *self)
{
  refilter (self->lines_search_entry, &self->lines_needle, self->lines_filter);
}

/* Escape in a search field empties it (there is no search bar to close). */
static void
stop_search (GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* Whether run @batch_id is in @runs but the search hides it. */
static gboolean
hidden_by_search (SySubsidiesPage *self,
                  GListModel      *runs,
                  gint64           batch_id)
{
  guint n = g_list_model_get_n_items (runs);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyDisbursementBatch) batch = g_list_model_get_item (runs, i);

      if (sy_record_get_id (SY_RECORD (batch)) == batch_id)
        return !run_matches (batch, self);
    }
  return FALSE;
}

/* Reloads the runs, back at @place (NULL: from the top).  @reveal: a run
 * asked for by id (a new one, a re-issue) is shown even when the search
 * would hide it; otherwise the search stays and a run it hides now gives
 * its selection to its neighbour. */
static void
reload_at (SySubsidiesPage     *self,
           const SyUiListPlace *place,
           gboolean             reveal)
{
  g_autoptr(GError) error = NULL;
  SyQueryModel *model;

  if (self->db == NULL)
    return;
  model = sy_queries_batches (self->db, &error);
  if (reveal && model != NULL && place != NULL && place->id != 0
      && hidden_by_search (self, G_LIST_MODEL (model), place->id))
    clear_search (self);
  self->selection = sy_ui_list_show_query (self->column_view, self->stack, self->empty_page,
                                           model != NULL
                                           ? gtk_filter_list_model_new (G_LIST_MODEL (model),
                                                                        g_object_ref (GTK_FILTER (self->filter)))
                                           : NULL,
                                           error, G_CALLBACK (show_selected), self);
  /* A change of selection shows the run by itself. */
  if (place == NULL || !sy_ui_list_restore_place (self->column_view, self->selection, place))
    show_selected (self);
}

/* Reloads the runs and selects @batch_id (0: the first; a run that is gone:
 * the row now where it was; one hidden by the search: the search is
 * emptied). */
static void
reload_keeping (SySubsidiesPage *self,
                gint64           batch_id)
{
  SyUiListPlace place;

  sy_ui_list_save_place (self->column_view, self->selection, &place);
  place.id = batch_id;
  if (batch_id == 0)
    place.position = 0;
  reload_at (self, &place, TRUE);
}

/* --- work in a worker thread ---------------------------------------------------- */

typedef struct _Job Job;
/* Runs in the worker with the worker's own connection. */
typedef gboolean (*JobFunc) (Job *job, SyDatabase *db, GCancellable *cancellable, GError **error);
/* Runs on the main thread afterwards; @error NULL on success. */
typedef void (*JobDone) (SySubsidiesPage *self, Job *job, const GError *error);

struct _Job {
  JobFunc          func;
  JobDone          done;
  SyProgressRelay *relay;
  gint64           batch_id;
  gint64           new_batch_id;
  SyMaskProfile    profile;
  char            *path;
  guint            n;
  gint64           total_fen;
};

static void
job_free (Job *job)
{
  g_free (job->path);
  g_clear_pointer (&job->relay, sy_progress_relay_unref);
  g_free (job);
}

static Job *
job_new (SySubsidiesPage *self,
         JobFunc          func,
         JobDone          done)
{
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->done = done;
  job->batch_id = selected_batch_id (self);
  return job;
}

static void
job_progress (double      fraction,
              const char *text,
              gpointer    user_data)
{
  SySubsidiesPage *self = user_data;

  if (fraction >= 0)
    {
      g_clear_handle_id (&self->pulse_id, g_source_remove);
      gtk_progress_bar_set_fraction (self->job_progress, CLAMP (fraction, 0.0, 1.0));
    }
  if (text != NULL && *text != '\0')
    gtk_label_set_text (self->job_label, text);
}

static void
ledger_progress (double      fraction,
                 const char *what,
                 gpointer    user_data)
{
  sy_progress_relay_post (user_data, fraction, what);
}

static gboolean
pulse (gpointer data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (data));
  return G_SOURCE_CONTINUE;
}

static gboolean
job_work (SyDatabase   *db,
          gpointer      data,
          GCancellable *cancellable,
          GError      **error)
{
  Job *job = data;

  return job->func (job, db, cancellable, error);
}

static void
job_finished (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SySubsidiesPage *self = SY_SUBSIDIES_PAGE (source);
  Job *job = sy_ui_worker_get_data (result);
  g_autoptr(GError) error = NULL;

  sy_ui_worker_finish (result, &error);
  if (job->relay != NULL)
    sy_progress_relay_stop (job->relay);
  g_clear_pointer (&self->job_relay, sy_progress_relay_unref);
  g_clear_object (&self->job_cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->disposed)
    return;
  gtk_revealer_set_reveal_child (self->job_revealer, FALSE);
  update_actions (self);
  job->done (self, job, error);
}

static void
start_job (SySubsidiesPage *self,
           Job             *job,
           const char      *text)
{
  if (is_busy (self))
    {
      job_free (job);
      return;
    }
  self->job_cancellable = g_cancellable_new ();
  self->job_relay = sy_progress_relay_new (job_progress, self);
  job->relay = sy_progress_relay_ref (self->job_relay);
  gtk_label_set_text (self->job_label, text);
  gtk_progress_bar_set_fraction (self->job_progress, 0.0);
  /* Until the work reports a fraction, the bar says "busy". */
  self->pulse_id = g_timeout_add (120, pulse, self->job_progress);
  gtk_revealer_set_reveal_child (self->job_revealer, TRUE);
  update_actions (self);

  /* A cancelled job still reports through job_finished. */
  sy_ui_run_in_worker (self, self->db, job_work, job, (GDestroyNotify) job_free,
                       self->job_cancellable, job_finished);
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
         || g_error_matches (error, SY_ERROR, SY_ERROR_CANCELLED);
}

static void
cancel_job_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SySubsidiesPage *self = SY_SUBSIDIES_PAGE (widget);

  if (self->job_cancellable != NULL)
    {
      gtk_label_set_text (self->job_label, _("Cancelling…"));
      g_cancellable_cancel (self->job_cancellable);
    }
}

/* --- new run, standards, audit -------------------------------------------------- */

static void
run_created (SyRunDialog     *dialog,
             gint64           batch_id,
             SySubsidiesPage *self)
{
  reload_keeping (self, batch_id);
  toast (self, _("Draft run created"));
}

static void
new_run_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SySubsidiesPage *self = SY_SUBSIDIES_PAGE (widget);
  SyRunDialog *dialog;

  if (self->db == NULL)
    return;
  dialog = sy_run_dialog_new (parent_window (self), self->db);
  g_signal_connect_object (dialog, "created", G_CALLBACK (run_created), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
new_run_shortcut (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  /* The shortcut is window-wide; only the page on screen takes it. */
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  return gtk_widget_activate_action (widget, "subsidies.new-run", NULL);
}

static void
standards_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SySubsidiesPage *self = SY_SUBSIDIES_PAGE (widget);
  GtkWidget *dialog;

  if (self->db == NULL)
    return;
  dialog = sy_standards_dialog_new (parent_window (self), self->db);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
payment_audit_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SySubsidiesPage *self = SY_SUBSIDIES_PAGE (widget);
  SyDisbursementBatch *batch = selected_batch (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);
  SyPaymentAuditView *view;

  if (self->db == NULL)
    return;
  /* The year of the run in view is the one the user is working on. */
  if (batch != NULL && sy_disbursement_batch_get_period (batch) != NULL
      && g_ascii_isdigit (*sy_disbursement_batch_get_period (batch)))
    year = atoi (sy_disbursement_batch_get_period (batch));
  view = sy_payment_audit_view_new (parent_window (self), self->db, year);
  gtk_window_present (GTK_WINDOW (view));
}

/* --- draft: recompute, adjust, approve, delete ---------------------------------- */

static gboolean
recompute_work (Job *job, SyDatabase *db, GCancellable *cancellable, GError **error)
{
  g_autoptr(SyRunRepo) repo = sy_run_repo_new (db);

  return sy_run_repo_recompute (repo, job->batch_id, error);
}

static void
recompute_done (SySubsidiesPage *self, Job *job, const GError *error)
{
  if (error != NULL)
    {
      show_error (self, _("The Run Could Not Be Recomputed"), error->message);
      return;
    }
  reload_keeping (self, job->batch_id);
  toast (self, _("Run recomputed"));
}

static void
recompute_response (AdwMessageDialog *dialog,
                    const char       *response,
                    SySubsidiesPage  *self)
{
  gint64 batch_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "batch-id"));
  Job *job;

  if (g_strcmp0 (response, "recompute") != 0 || selected_batch_id (self) != batch_id)
    return;
  job = job_new (self, recompute_work, recompute_done);
  start_job (self, job, _("Recomputing the run…"));
}

static void
recompute_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SySubsidiesPage *self = SY_SUBSIDIES_PAGE (widget);
  SyDisbursementBatch *batch = selected_batch (self);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (!is_state (batch, SY_RUN_STATE_DRAFT) || is_busy (self))
    return;
  if (self->n_adjusted == 0)
    {
      start_job (self, job_new (self, recompute_work, recompute_done), _("Recomputing the run…"));
      return;
    }
  body = g_strdup_printf (ngettext ("The lines are computed again from the current records and standards. "
                                    "%u line was adjusted by hand: its adjustment is dropped.",
                                    "The lines are computed again from the current records and standards. "
                                    "%u lines were adjusted by hand: their adjustments are dropped.",
                                    self->n_adjusted), self->n_adjusted);
  dialog = sy_ui_confirm (widget, _("Recompute the Run?"), body, "recompute", _("_Recompute"),
                          G_CALLBACK (recompute_response), self);
  g_object_set_data (G_OBJECT (dialog), "batch-id", GSIZE_TO_POINTER (selected_batch_id (self)));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct {
  SySubsidiesPage *self;
  AdwMessageDialog *dialog;
  AdwEntryRow     *amount_row;
  AdwEntryRow     *reason_row;
  GtkLabel        *message;
  gint64           line_id;
} AdjustForm;

static gboolean
adjust_form_parse (AdjustForm *form,
                   gint64     *fen,
                   char      **message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *amount = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->amount_row))));

  if (!sy_money_parse (amount, fen, &error))
    {
      *message = g_strdup_printf (_("Amount: %s"), error->message);
      return FALSE;
    }
  if (*fen < 0)
    {
      *message = g_strdup (_("Amount: a payment cannot be negative"));
      return FALSE;
    }
  return TRUE;
}

static void
adjust_form_changed (AdjustForm *form)
{
  g_autofree char *message = NULL;
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->reason_row))));
  gint64 fen;
  gboolean amount_ok = adjust_form_parse (form, &fen, &message);

  if (amount_ok && *reason == '\0')
    message = g_strdup (_("A reason is required: it is printed on the roster and kept in the log."));
  sy_ui_set_invalid (GTK_WIDGET (form->amount_row), !amount_ok);
  gtk_label_set_text (form->message, message != NULL ? message : "");
  adw_message_dialog_set_response_enabled (form->dialog, "adjust", amount_ok && *reason != '\0');
}

static void
adjust_response (AdwMessageDialog *dialog,
                 const char       *response,
                 AdjustForm       *form)
{
  SySubsidiesPage *self = form->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *reason = NULL;
  gint64 fen;

  if (g_strcmp0 (response, "adjust") != 0 || self->repo == NULL)
    return;
  if (!adjust_form_parse (form, &fen, &message))
    return;
  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->reason_row))));
  if (!sy_run_repo_adjust_line (self->repo, form->line_id, fen, reason, &error))
    {
      show_error (self, _("The Line Could Not Be Adjusted"), error->message);
      return;
    }
  reload_keeping (self, selected_batch_id (self));
  toast (self, _("Line adjusted"));
}

static void
adjust_line_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SySubsidiesPage *self = SY_SUBSIDIES_PAGE (widget);
  SyDisbursementLine *line = selected_line (self);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *computed = NULL;
  g_autofree char *amount = NULL;
  AdjustForm *form;
  GtkWidget *list;

  if (line == NULL || !is_state (selected_batch (self), SY_RUN_STATE_DRAFT))
    return;
  computed = sy_money_format (sy_disbursement_line_get_computed_fen (line));
  amount = sy_money_format_plain (sy_disbursement_line_get_amount_fen (line));
  /* Translators: the heading of the adjust dialog, e.g. 调整 张三 的金额 */
  heading = g_strdup_printf (_("Adjust the Amount of %s"), sy_disbursement_line_get_recipient_name (line));
  body = g_strdup_printf (_("Computed from the standard: %s. The new amount and the reason are kept "
                            "in the log and the reason is printed on the roster."), computed);
  form = g_new0 (AdjustForm, 1);
  form->self = self;
  form->line_id = sy_record_get_id (SY_RECORD (line));
  form->dialog = sy_ui_form_dialog_new (widget, heading, body, "adjust", _("_Adjust"), &list, &form->message);
  form->amount_row = sy_ui_list_add_entry (list, _("Amount (yuan)"), amount);
  form->reason_row = sy_ui_list_add_entry (list, _("Reason"), sy_disbursement_line_get_adjust_reason (line));
  g_object_set_data_full (G_OBJECT (form->dialog), "form", form, g_free);
  g_signal_connect_swapped (form->amount_row, "changed", G_CALLBACK (adjust_form_changed), form);
  g_signal_connect_swapped (form->reason_row, "changed", G_CALLBACK (adjust_form_changed), form);
  g_signal_connect (form->dialog, "response", G_CALLBACK (adjust_response), form);
  adjust_form_changed (form);
  gtk_window_present (GTK_WINDOW (form->dialog));
  gtk_widget_grab_focus (GTK_WIDGET (form->reason_row));
}

static void
line_activated (GtkColumnView   *view,
                guint            position,
                SySubsidiesPage *self)
{
  if (self->line_selection != NULL)
    gtk_single_selection_set_selected (self->line_selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "subsidies.adjust-line", NULL);
}

/* A state change of the selected run in @state: @change, then the run shown
 * again and @done said, or @failed with why. */
static void
change_state (SySubsidiesPage *self,
              const char      *state,
              gboolean       (*change) (SyRunRepo *repo, gint64 batch_id, GError **error),
              const char      *failed,
              const char      *done)
{
  gint64 batch_id = selected_batch_id (self);
  g_autoptr(GError) error = NULL;

  if (!is_state (selected_batch (self), state) || self->repo == NULL)
    return;
  if (!change (self->repo, batch_id, &error))
    {
      show_error (self, failed, error->message);
      return;
    }
  reload_keeping (self, batch_id);
  toast (self, done);
}

static void
approve_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  change_state (SY_SUBSIDIES_PAGE (widget), SY_RUN_STATE_DRAFT, sy_run_repo_approve,
                _("The Run Could Not Be Approved"), _("Run approved: the payment list is locked"));
}

static void
unapprove_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  change_state (SY_SUBSIDIES_PAGE (widget), SY_RUN_STATE_APPROVED, sy_run_repo_unapprove,
                _("The Approval Could Not Be Withdrawn"), _("Approval withdrawn: the run is a draft again"));
}

static void
delete_response (AdwMessageDialog *dialog,
                 const char       *response,
                 SySubsidiesPage  *self)
{
  gint64 batch_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "batch-id"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->repo == NULL)
    return;
  if (!sy_run_repo_delete (self->repo, batch_id, &error))
    {
      show_error (self, _("The Run Could Not Be Deleted"), error->message);
      return;
    }
  reload_keeping (self, 0);
  toast (self, _("Draft run deleted"));
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SySubsidiesPage *self = SY_SUBSIDIES_PAGE (widget);
  SyDisbursementBatch *batch = selected_batch (self);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (!is_state (batch, SY_RUN_STATE_DRAFT) || is_busy (self))
    return;
  heading = g_strdup_printf (_("Delete “%s”?"), sy_disbursement_batch_get_title (batch));
  dialog = sy_ui_confirm (widget, heading,
                          _("The draft and its payment list are removed (the office log keeps a "
                            "copy). Nothing has been paid from a draft."),
                          "delete", _("_Delete"), G_CALLBACK (delete_response), self);
  g_object_set_data (G_OBJECT (dialog), "batch-id", GSIZE_TO_POINTER (selected_batch_id (self)));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- approved: mark paid ------------------------------------------------------------ */

typedef struct {
  SySubsidiesPage  *self;
  AdwMessageDialog *dialog;
  AdwEntryRow      *date_row;
  AdwEntryRow      *voucher_row;
  GtkLabel         *message;
  gint64            batch_id;
} PaidForm;

/* NULL when @text is a real date (YYYY-MM-DD) not after today, else what is wrong. */
static char *
check_paid_date (const char *text)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  int y, m, d;
  char tail;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || strlen (text) != 10
      || !g_date_valid_dmy (d, m, y))
    return g_strdup (_("Paid on: write the date as YYYY-MM-DD, e.g. 2025-12-20"));
  if (strcmp (text, today) > 0)
    return g_strdup (_("Paid on: the date is in the future"));
  return NULL;
}

static void
paid_form_changed (PaidForm *form)
{
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->date_row))));
  g_autofree char *voucher = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->voucher_row))));
  g_autofree char *message = check_paid_date (date);
  gboolean date_ok = message == NULL;

  if (date_ok && *voucher == '\0')
    message = g_strdup (_("The voucher number (凭证号) is required."));
  sy_ui_set_invalid (GTK_WIDGET (form->date_row), !date_ok);
  gtk_label_set_text (form->message, message != NULL ? message : "");
  adw_message_dialog_set_response_enabled (form->dialog, "paid", date_ok && *voucher != '\0');
}

static void
paid_response (AdwMessageDialog *dialog,
               const char       *response,
               PaidForm         *form)
{
  SySubsidiesPage *self = form->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *voucher = NULL;

  if (g_strcmp0 (response, "paid") != 0 || self->repo == NULL)
    return;
  date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->date_row))));
  voucher = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->voucher_row))));
  if (!sy_run_repo_mark_paid (self->repo, form->batch_id, date, voucher, &error))
    {
      show_error (self, _("The Run Could Not Be Marked Paid"), error->message);
      return;
    }
  reload_keeping (self, form->batch_id);
  toast (self, _("Run marked paid"));
}

static void
mark_paid_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SySubsidiesPage *self = SY_SUBSIDIES_PAGE (widget);
  SyDisbursementBatch *batch = selected_batch (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *heading = NULL;
  g_autofree char *total = NULL;
  g_autofree char *body = NULL;
  PaidForm *form;
  GtkWidget *list;

  if (!is_state (batch, SY_RUN_STATE_APPROVED))
    return;
  total = sy_money_format (sy_disbursement_batch_get_total_fen (batch));
  heading = g_strdup_printf (_("Mark “%s” Paid?"), sy_disbursement_batch_get_title (batch));
  body = g_strdup_printf (ngettext ("%d line, total %s. Every line is recorded as paid on this date.",
                                    "%d lines, total %s. Every line is recorded as paid on this date.",
                                    sy_disbursement_batch_get_line_count (batch)),
                          sy_disbursement_batch_get_line_count (batch), total);
  form = g_new0 (PaidForm, 1);
  form->self = self;
  form->batch_id = selected_batch_id (self);
  form->dialog = sy_ui_form_dialog_new (widget, heading, body, "paid", _("_Mark Paid"), &list, &form->message);
  form->date_row = sy_ui_list_add_entry (list, _("Paid On"), today);
  form->voucher_row = sy_ui_list_add_entry (list, _("Voucher Number"), NULL);
  g_object_set_data_full (G_OBJECT (form->dialog), "form", form, g_free);
  g_signal_connect_swapped (form->date_row, "changed", G_CALLBACK (paid_form_changed), form);
  g_signal_connect_swapped (form->voucher_row, "changed", G_CALLBACK (paid_form_changed), form);
  g_signal_connect (form->dialog, "response", G_CALLBACK (paid_response), form);
  paid_form_changed (form);
  gtk_window_present (GTK_WINDOW (form->dialog));
  gtk_widget_grab_focus (GTK_WIDGET (form->voucher_row));
}

/* --- paid: bank return, re-issue ------------------------------------------------- */

static gboolean
has_suffix_ci (const char *path,
               const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, suffix);
}

static gboolean
bank_return_work (Job *job, SyDatabase *db, GCancellable *cancellable, GError **error)
{
  g_autoptr(SyRunRepo) repo = sy_run_repo_new (db);
  g_autoptr(GFile) file = g_file_new_for_path (job->path);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(SyTable) table = NULL;

  if (has_suffix_ci (job->path, ".xlsx"))
    {
      g_autoptr(SyXlsxReader) reader = sy_xlsx_reader_new ();
      table = sy_xlsx_reader_read_file (reader, file, name, cancellable, error);
    }
  else
    {
      g_autoptr(SyCsvReader) reader = sy_csv_reader_new ();
      table = sy_csv_reader_read_file (reader, file, name, cancellable, error);
    }
  if (table == NULL)
    return FALSE;
  return sy_run_repo_apply_bank_return (repo, job->batch_id, table, name, &job->n, error);
}

static void
bank_return_done (SySubsidiesPage *self, Job *job, const GError *error)
{
  g_autofree char *text = NULL;

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      if (is_cancelled (error))
        return;
      message = g_strdup_printf (_("%s\n\nNothing was changed. Correct the file and import it again."),
                                 error->message);
      show_error (self, _("The Bank Return Was Not Applied"), message);
      return;
    }
  reload_keeping (self, job->batch_id);
  if (job->n == 0)
    text = g_strdup (_("The return file marks no new line as failed"));
  else
    text = g_strdup_printf (ngettext ("%u line marked as failed", "%u lines marked as failed", job->n), job->n);
  toast (self, text);
}

static void
add_table_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) tables = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (tables, _("Tables (*.csv, *.xlsx)"));
  gtk_file_filter_add_suffix (tables, "csv");
  gtk_file_filter_add_suffix (tables, "xlsx");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, tables);
  gtk_file_chooser_add_filter (chooser, all);
}

gboolean
sy_subsidies_page_import_bank_return (SySubsidiesPage *self,
                                      GFile           *file)
{
  Job *job;

  g_return_val_if_fail (SY_IS_SUBSIDIES_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!is_state (selected_batch (self), SY_RUN_STATE_PAID) || is_busy (self) || self->disposed)
    return FALSE;
  if (g_file_peek_path (file) == NULL)
    {
      show_error (self, _("The Bank Return Was Not Applied"),
                  _("The file is not in a local folder. Copy it to this computer first."));
      return FALSE;
    }
  job = job_new (self, bank_return_work, bank_return_done);
  job->path = g_file_get_path (file);
  start_job (self, job, _("Reading the bank return…"));
  return TRUE;
}

static void
bank_return_chosen (GtkNativeDialog *chooser,
                    int              response,
                    SySubsidiesPage *self)
{
  gint64 batch_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (chooser), "batch-id"));

  /* The run in view is still the one the file was chosen for. */
  if (response == GTK_RESPONSE_ACCEPT && selected_batch_id (self) == batch_id)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        sy_subsidies_page_import_bank_return (self, file);
    }
  g_object_unref (chooser);
}

static void
import_bank_return_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  SySubsidiesPage *self = SY_SUBSIDIES_PAGE (widget);
  GtkFileChooserNative *chooser;

  if (!is_state (selected_batch (self), SY_RUN_STATE_PAID) || is_busy (self))
    return;
  chooser = gtk_file_chooser_native_new (_("Import Bank Return"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_table_filters (GTK_FILE_CHOOSER (chooser));
  g_object_set_data (G_OBJECT (chooser), "batch-id", GSIZE_TO_POINTER (selected_batch_id (self)));
  g_signal_connect_object (chooser, "response", G_CALLBACK (bank_return_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
reissue_work (Job *job, SyDatabase *db, GCancellable *cancellable, GError **error)
{
  g_autoptr(SyRunRepo) repo = sy_run_repo_new (db);

  return sy_run_repo_reissue (repo, job->batch_id, &job->new_batch_id, error);
}

static void
reissue_done (SySubsidiesPage *self, Job *job, const GError *error)
{
  if (error != NULL)
    {
      show_error (self, _("The Failed Lines Could Not Be Re-issued"), error->message);
      return;
    }
  reload_keeping (self, job->new_batch_id);
  toast (self, _("Re-issue run created as a draft"));
}

static void
reissue_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SySubsidiesPage *self = SY_SUBSIDIES_PAGE (widget);

  if (!is_state (selected_batch (self), SY_RUN_STATE_PAID) || is_busy (self))
    return;
  start_job (self, job_new (self, reissue_work, reissue_done), _("Creating the re-issue run…"));
}

/* --- exports ------------------------------------------------------------------------ */

static void
toast_file_written (SySubsidiesPage *self,
                    const char      *text,
                    const char      *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_button_label (t, _("_Open"));
  adw_toast_set_action_name (t, "win.open-uri");
  adw_toast_set_action_target_value (t, g_variant_new_string (uri));
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  add_toast (self, t);
}

static gboolean
roster_work (Job *job, SyDatabase *db, GCancellable *cancellable, GError **error)
{
  g_autoptr(SyLedgerRoster) roster = NULL;

  sy_progress_relay_post (job->relay, -1, _("Reading the run…"));
  roster = sy_ledger_roster_new (db, job->batch_id, job->profile, error);
  if (roster == NULL)
    return FALSE;
  job->n = sy_ledger_roster_get_n_lines (roster);
  job->total_fen = sy_ledger_roster_get_total_fen (roster);
  return sy_ledger_roster_export_pdf (roster, job->path, ledger_progress, job->relay, cancellable, error);
}

static void
roster_done (SySubsidiesPage *self, Job *job, const GError *error)
{
  g_autofree char *total = NULL;
  g_autofree char *text = NULL;

  if (error != NULL)
    {
      if (is_cancelled (error))
        toast (self, _("Export cancelled"));
      else
        show_error (self, _("The Roster Was Not Exported"), error->message);
      return;
    }
  total = sy_money_format (job->total_fen);
  /* Translators: a toast after the roster PDF is written, e.g. 花名册已导出：120 人，合计 1,234.00 */
  text = g_strdup_printf (ngettext ("Roster exported: %u line, total %s", "Roster exported: %u lines, total %s",
                                    job->n), job->n, total);
  toast_file_written (self, text, job->path);
}

gboolean
sy_subsidies_page_export_roster (SySubsidiesPage *self,
                                 GFile           *file,
                                 SyMaskProfile    profile)
{
  SyDisbursementBatch *batch;
  Job *job;

  g_return_val_if_fail (SY_IS_SUBSIDIES_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  batch = selected_batch (self);
  if (batch == NULL || sy_disbursement_batch_get_line_count (batch) == 0 || is_busy (self) || self->disposed)
    return FALSE;
  if (g_file_peek_path (file) == NULL)
    {
      show_error (self, _("The Roster Was Not Exported"), _("The roster can only be saved to a local folder."));
      return FALSE;
    }
  job = job_new (self, roster_work, roster_done);
  job->profile = profile == SY_MASK_INTERNAL ? SY_MASK_INTERNAL : SY_MASK_PUBLIC;
  job->path = g_file_get_path (file);
  if (!has_suffix_ci (job->path, ".pdf"))
    {
      char *with_suffix = g_strconcat (job->path, ".pdf", NULL);

      g_free (job->path);
      job->path = with_suffix;
    }
  start_job (self, job, _("Exporting the roster…"));
  return TRUE;
}

static void
roster_chosen (GtkNativeDialog *chooser,
               int              response,
               SySubsidiesPage *self)
{
  gint64 batch_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (chooser), "batch-id"));
  SyMaskProfile profile = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "profile"));

  if (response == GTK_RESPONSE_ACCEPT && selected_batch_id (self) == batch_id)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        sy_subsidies_page_export_roster (self, file, profile);
    }
  g_object_unref (chooser);
}

/* A file name from a run's title: the characters file systems refuse go. */
static char *
file_name_for (SyDisbursementBatch *batch,
               const char          *what,
               const char          *suffix)
{
  g_autofree char *title = g_strdup (sy_disbursement_batch_get_title (batch));

  g_strdelimit (title, "/\\:*?\"<>|", '-');
  return g_strconcat (title, what, suffix, NULL);
}

static void
export_roster_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SySubsidiesPage *self = SY_SUBSIDIES_PAGE (widget);
  SyDisbursementBatch *batch = selected_batch (self);
  gboolean internal = parameter != NULL && g_strcmp0 (g_variant_get_string (parameter, NULL), "internal") == 0;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (batch == NULL || is_busy (self))
    return;
  /* The printed document is Chinese whatever the UI language (DESIGN.md),
   * so is its file name. */
  name = file_name_for (batch, internal ? "发放花名册" : "公示名单", ".pdf");
  chooser = gtk_file_chooser_native_new (internal ? _("Export Roster") : _("Export Public Notice List"),
                                         parent_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data (G_OBJECT (chooser), "batch-id", GSIZE_TO_POINTER (selected_batch_id (self)));
  g_object_set_data (G_OBJECT (chooser), "profile",
                     GINT_TO_POINTER (internal ? SY_MASK_INTERNAL : SY_MASK_PUBLIC));
  g_signal_connect_object (chooser, "response", G_CALLBACK (roster_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
bank_file_work (Job *job, SyDatabase *db, GCancellable *cancellable, GError **error)
{
  return sy_bank_file_write (db, job->batch_id, job->path, &job->total_fen, &job->n, error);
}

static void
bank_file_done (SySubsidiesPage *self, Job *job, const GError *error)
{
  g_autofree char *total = NULL;
  g_autofree char *text = NULL;

  if (error != NULL)
    {
      show_error (self, _("The Bank File Was Not Exported"), error->message);
      return;
    }
  total = sy_money_format (job->total_fen);
  text = g_strdup_printf (ngettext ("Bank file exported: %u row, total %s", "Bank file exported: %u rows, total %s",
                                    job->n), job->n, total);
  toast_file_written (self, text, job->path);
}

/* The format follows the name; a name without one gets @csv's. */
static gboolean
export_bank_file (SySubsidiesPage *self,
                  GFile           *file,
                  gboolean         csv)
{
  SyDisbursementBatch *batch = selected_batch (self);
  Job *job;

  if (batch == NULL || sy_disbursement_batch_get_line_count (batch) == 0 || is_busy (self) || self->disposed
      || !(is_state (batch, SY_RUN_STATE_APPROVED) || is_state (batch, SY_RUN_STATE_PAID)))
    return FALSE;
  if (g_file_peek_path (file) == NULL)
    {
      show_error (self, _("The Bank File Was Not Exported"), _("The file can only be saved to a local folder."));
      return FALSE;
    }
  job = job_new (self, bank_file_work, bank_file_done);
  job->path = g_file_get_path (file);
  if (!has_suffix_ci (job->path, ".csv") && !has_suffix_ci (job->path, ".xlsx"))
    {
      char *with_suffix = g_strconcat (job->path, csv ? ".csv" : ".xlsx", NULL);

      g_free (job->path);
      job->path = with_suffix;
    }
  start_job (self, job, _("Writing the bank file…"));
  return TRUE;
}

gboolean
sy_subsidies_page_export_bank_file (SySubsidiesPage *self,
                                    GFile           *file)
{
  g_return_val_if_fail (SY_IS_SUBSIDIES_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return export_bank_file (self, file, FALSE);
}

static void
bank_file_chosen (GtkNativeDialog *chooser,
                  int              response,
                  SySubsidiesPage *self)
{
  gint64 batch_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (chooser), "batch-id"));

  if (response == GTK_RESPONSE_ACCEPT && selected_batch_id (self) == batch_id)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        export_bank_file (self, file, filter != NULL && g_object_get_data (G_OBJECT (filter), "csv") != NULL);
    }
  g_object_unref (chooser);
}

static void
export_bank_file_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  SySubsidiesPage *self = SY_SUBSIDIES_PAGE (widget);
  SyDisbursementBatch *batch = selected_batch (self);
  g_autoptr(GtkFileFilter) xlsx = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (batch == NULL || is_busy (self))
    return;
  name = file_name_for (batch, "银行代发", ".xlsx");
  chooser = gtk_file_chooser_native_new (_("Export Bank File"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (xlsx, _("Excel Workbooks (*.xlsx)"));
  gtk_file_filter_add_suffix (xlsx, "xlsx");
  gtk_file_filter_set_name (csv, _("CSV Files (*.csv)"));
  gtk_file_filter_add_suffix (csv, "csv");
  g_object_set_data (G_OBJECT (csv), "csv", GINT_TO_POINTER (TRUE));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), xlsx);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  g_object_set_data (G_OBJECT (chooser), "batch-id", GSIZE_TO_POINTER (selected_batch_id (self)));
  g_signal_connect_object (chooser, "response", G_CALLBACK (bank_file_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- public ------------------------------------------------------------------------- */

void
sy_subsidies_page_set_database (SySubsidiesPage *self,
                                SyDatabase      *db)
{
  g_return_if_fail (SY_IS_SUBSIDIES_PAGE (self));
  g_return_if_fail (SY_IS_DATABASE (db));

  g_set_object (&self->db, db);
  g_clear_object (&self->repo);
  self->repo = sy_run_repo_new (db);
  reload_at (self, NULL, FALSE);
}

void
sy_subsidies_page_reload (SySubsidiesPage *self)
{
  SyUiListPlace runs, lines;

  g_return_if_fail (SY_IS_SUBSIDIES_PAGE (self));

  sy_ui_list_save_place (self->column_view, self->selection, &runs);
  sy_ui_list_save_place (self->lines_view, self->line_selection, &lines);
  reload_at (self, &runs, FALSE);
  /* The run shown afresh: its payment list back where it was too. */
  if (runs.id != 0 && selected_batch_id (self) == runs.id && self->line_selection != NULL)
    sy_ui_list_restore_place (self->lines_view, self->line_selection, &lines);
}

gboolean
sy_subsidies_page_select_run (SySubsidiesPage *self,
                              gint64           batch_id)
{
  g_return_val_if_fail (SY_IS_SUBSIDIES_PAGE (self), FALSE);

  reload_keeping (self, batch_id);
  return selected_batch_id (self) == batch_id;
}

gint64
sy_subsidies_page_get_selected_run (SySubsidiesPage *self)
{
  g_return_val_if_fail (SY_IS_SUBSIDIES_PAGE (self), 0);

  return selected_batch_id (self);
}

gboolean
sy_subsidies_page_is_busy (SySubsidiesPage *self)
{
  g_return_val_if_fail (SY_IS_SUBSIDIES_PAGE (self), FALSE);

  return is_busy (self);
}

/* The payment list has a dozen columns: in the page's usual 600-pixel
 * clamp it would scroll sideways on any screen.  AdwPreferencesPage 1.2 has
 * no property for it, so its clamp is found and widened. */
static gboolean
widen_clamp (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_CLAMP (child))
        {
          adw_clamp_set_maximum_size (ADW_CLAMP (child), 1400);
          adw_clamp_set_tightening_threshold (ADW_CLAMP (child), 1000);
          return TRUE;
        }
      if (widen_clamp (child))
        return TRUE;
    }
  return FALSE;
}

/* --- class -------------------------------------------------------------------------- */

static void
sy_subsidies_page_dispose (GObject *object)
{
  SySubsidiesPage *self = SY_SUBSIDIES_PAGE (object);

  self->disposed = TRUE;
  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
  if (self->job_relay != NULL)
    sy_progress_relay_stop (self->job_relay);
  g_clear_pointer (&self->job_relay, sy_progress_relay_unref);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  self->selection = NULL;
  self->line_selection = NULL;
  g_clear_object (&self->repo);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (sy_subsidies_page_parent_class)->dispose (object);
}

static void
sy_subsidies_page_finalize (GObject *object)
{
  SySubsidiesPage *self = SY_SUBSIDIES_PAGE (object);

  g_clear_object (&self->job_cancellable);
  g_clear_object (&self->filter);
  g_clear_object (&self->lines_filter);
  g_free (self->needle);
  g_free (self->lines_needle);

  G_OBJECT_CLASS (sy_subsidies_page_parent_class)->finalize (object);
}

static void
sy_subsidies_page_class_init (SySubsidiesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_subsidies_page_dispose;
  object_class->finalize = sy_subsidies_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-subsidies-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, title_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, count_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, total_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, state_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, detail_page);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, state_group);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, run_title_label);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, state_hint);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, approve_button);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, recompute_button);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, adjust_button);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, mark_paid_button);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, unapprove_button);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, bank_return_button);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, reissue_button);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, batch_group);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, lines_group);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, lines_search_entry);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, lines_view);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, line_name_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, line_id_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, line_category_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, line_months_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, line_standard_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, line_base_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, line_topup_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, line_amount_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, line_account_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, line_status_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, line_note_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, exclusions_group);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, exclusions_window);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, exclusions_view);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, exclusion_name_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, exclusion_id_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, exclusion_village_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, exclusion_category_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, exclusion_reason_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, job_revealer);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, job_label);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, job_progress);
  gtk_widget_class_bind_template_callback (widget_class, line_activated);

  gtk_widget_class_install_action (widget_class, "subsidies.new-run", NULL, new_run_activated);
  gtk_widget_class_install_action (widget_class, "subsidies.standards", NULL, standards_activated);
  gtk_widget_class_install_action (widget_class, "subsidies.payment-audit", NULL, payment_audit_activated);
  gtk_widget_class_install_action (widget_class, "subsidies.recompute", NULL, recompute_activated);
  gtk_widget_class_install_action (widget_class, "subsidies.adjust-line", NULL, adjust_line_activated);
  gtk_widget_class_install_action (widget_class, "subsidies.approve", NULL, approve_activated);
  gtk_widget_class_install_action (widget_class, "subsidies.unapprove", NULL, unapprove_activated);
  gtk_widget_class_install_action (widget_class, "subsidies.mark-paid", NULL, mark_paid_activated);
  gtk_widget_class_install_action (widget_class, "subsidies.import-bank-return", NULL,
                                   import_bank_return_activated);
  gtk_widget_class_install_action (widget_class, "subsidies.reissue", NULL, reissue_activated);
  gtk_widget_class_install_action (widget_class, "subsidies.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "subsidies.export-roster", "s", export_roster_activated);
  gtk_widget_class_install_action (widget_class, "subsidies.export-bank-file", NULL, export_bank_file_activated);
  gtk_widget_class_install_action (widget_class, "subsidies.cancel-job", NULL, cancel_job_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "subsidies.export-roster", "s", "internal");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "subsidies.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "subsidies.delete", NULL);
}

static void
sy_subsidies_page_init (SySubsidiesPage *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Ctrl+N from anywhere in the window while this page is shown. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_n, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (new_run_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  sy_ui_column_bind (self->title_column, "title", SY_CELL_TEXT);
  sy_ui_column_bind (self->count_column, "line-count", SY_CELL_INT);
  sy_ui_column_bind (self->total_column, "total-fen", SY_CELL_MONEY);
  sy_ui_column_bind (self->state_column, "state", SY_CELL_STATUS);

  sy_ui_column_bind (self->line_name_column, "recipient-name", SY_CELL_TEXT);
  sy_ui_column_bind (self->line_id_column, "id-number", SY_CELL_ID_MASKED);
  sy_ui_column_bind (self->line_category_column, "category", SY_CELL_TEXT);
  line_column_bind (self->line_months_column, line_months_text, TRUE);
  sy_ui_column_bind (self->line_standard_column, "standard-fen", SY_CELL_MONEY);
  sy_ui_column_bind (self->line_base_column, "base-fen", SY_CELL_MONEY);
  sy_ui_column_bind (self->line_topup_column, "topup-fen", SY_CELL_MONEY);
  sy_ui_column_bind (self->line_amount_column, "amount-fen", SY_CELL_MONEY);
  line_column_bind (self->line_account_column, line_account_text, FALSE);
  sy_ui_column_bind (self->line_status_column, "status", SY_CELL_STATUS);
  line_column_bind (self->line_note_column, line_note_text, FALSE);

  sy_ui_column_bind (self->exclusion_name_column, "recipient-name", SY_CELL_TEXT);
  sy_ui_column_bind (self->exclusion_id_column, "id-number", SY_CELL_ID_MASKED);
  sy_ui_column_bind (self->exclusion_village_column, "village", SY_CELL_TEXT);
  sy_ui_column_bind (self->exclusion_category_column, "category", SY_CELL_TEXT);
  sy_ui_column_bind (self->exclusion_reason_column, "reason", SY_CELL_TEXT);

  /* Ctrl+F is the window's win.search: it focuses the runs' search field,
   * the first on the page. */
  self->filter = gtk_custom_filter_new (run_matches, self, NULL);
  self->lines_filter = gtk_custom_filter_new (line_matches, self, NULL);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lines_search_entry, "search-changed", G_CALLBACK (lines_search_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (stop_search), NULL);
  g_signal_connect (self->lines_search_entry, "stop-search", G_CALLBACK (stop_search), NULL);

  widen_clamp (GTK_WIDGET (self->detail_page));
  set_lines (self, NULL);
  set_exclusions (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_actions (self);
}
