/* sy-leading-group-dialog.c: the 领导小组 — roster at a date, changes, history
 *
 * One form serves both a new member and a change: "Change…" on a member of
 * the roster fills the form with that member and switches it to "replaces
 * …", so what staff do when someone is transferred (根据人事变动情况及时调整)
 * is one step that keeps the old row as history.
 */
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "sy-leading-group-dialog.h"
#include "sy-ledger-text.h"

struct _SyLeadingGroupDialog
{
  AdwWindow             parent_instance;

  SyDatabase           *db;
  SyPlanRepo           *repo;
  AdwToastOverlay      *toasts;
  AdwEntryRow          *date_row;
  AdwPreferencesGroup  *roster_group;
  AdwPreferencesGroup  *form_group;
  AdwPreferencesGroup  *history_group;
  GPtrArray            *roster_rows;
  GPtrArray            *history_rows;
  AdwEntryRow          *name_row;
  AdwComboRow          *role_row;
  AdwEntryRow          *post_row;
  AdwEntryRow          *unit_row;
  AdwEntryRow          *from_row;
  GtkButton            *cancel_button;
  char                 *date;
  guint                 n_members;
  SyLeadingGroupMember *replacing;   /* the member being changed, or NULL */
};

G_DEFINE_FINAL_TYPE (SyLeadingGroupDialog, sy_leading_group_dialog, ADW_TYPE_WINDOW)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char * const roles[] = { "组长", "副组长", "成员", NULL };

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

static void
toast (SyLeadingGroupDialog *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

static void
clear_rows (AdwPreferencesGroup *group, GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static char *
member_subtitle (SyLeadingGroupMember *m)
{
  const char *post = sy_leading_group_member_get_post (m);
  const char *unit = sy_leading_group_member_get_member_unit (m);
  const char *to = sy_leading_group_member_get_effective_to (m);

  /* Translators: a leading-group member's details: role · post · unit · from – to */
  return g_strdup_printf ("%s · %s · %s · %s – %s", sy_leading_group_member_get_role (m),
                          post && *post ? post : "—", unit && *unit ? unit : "—",
                          sy_leading_group_member_get_effective_from (m), to ? to : _("now"));
}

static void reset_form (SyLeadingGroupDialog *self);

static void
change_clicked (GtkButton *button, SyLeadingGroupDialog *self)
{
  SyLeadingGroupMember *m = g_object_get_data (G_OBJECT (button), "member");
  g_autofree char *title = NULL;
  g_autofree char *today = today_iso ();

  g_set_object (&self->replacing, m);
  /* Translators: the form's title when it replaces someone */
  title = g_strdup_printf (_("Change of %s (%s)"), sy_leading_group_member_get_name (m),
                           sy_leading_group_member_get_role (m));
  adw_preferences_group_set_title (self->form_group, title);
  adw_preferences_group_set_description (self->form_group,
                                         _("The member's row ends the day before the date of the change and is kept as history; the person entered here takes over from that date."));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  for (guint i = 0; roles[i]; i++)
    if (g_strcmp0 (roles[i], sy_leading_group_member_get_role (m)) == 0)
      adw_combo_row_set_selected (self->role_row, i);
  gtk_editable_set_text (GTK_EDITABLE (self->post_row), sy_leading_group_member_get_post (m) ? sy_leading_group_member_get_post (m) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), sy_leading_group_member_get_member_unit (m) ? sy_leading_group_member_get_member_unit (m) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), today);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void refresh (SyLeadingGroupDialog *self);

static void
leave_clicked (GtkButton *button, SyLeadingGroupDialog *self)
{
  SyLeadingGroupMember *m = g_object_get_data (G_OBJECT (button), "member");
  g_autoptr(GError) error = NULL;
  g_autofree char *today = today_iso ();
  const char *date = self->date && strcmp (self->date, today) > 0 ? self->date : today;

  /* Leaving today (or on the date shown, if later): the roster of earlier
   * dates keeps them. */
  if (!sy_plan_repo_change_member (self->repo, m, NULL, date, &error))
    {
      toast (self, error->message);
      return;
    }
  refresh (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkWidget *
member_row (SyLeadingGroupDialog *self, SyLeadingGroupMember *m, gboolean actions)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = member_subtitle (m);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sy_leading_group_member_get_name (m));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (actions && sy_leading_group_member_get_effective_to (m) == NULL)
    {
      GtkWidget *change = gtk_button_new_with_mnemonic (_("_Change…"));
      GtkWidget *leave = gtk_button_new_with_mnemonic (_("_Leaves"));

      gtk_widget_set_tooltip_text (change, _("Someone else takes over this place from a date"));
      gtk_widget_set_tooltip_text (leave, _("The member leaves the group (the history keeps the row)"));
      g_object_set_data_full (G_OBJECT (change), "member", g_object_ref (m), g_object_unref);
      g_object_set_data_full (G_OBJECT (leave), "member", g_object_ref (m), g_object_unref);
      g_signal_connect_object (change, "clicked", G_CALLBACK (change_clicked), self, 0);
      g_signal_connect_object (leave, "clicked", G_CALLBACK (leave_clicked), self, 0);
      gtk_widget_set_valign (change, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (leave, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (leave, "flat");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), change);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), leave);
    }
  return row;
}

static void
refresh (SyLeadingGroupDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) roster = sy_queries_leading_group (self->db, self->date, &error);
  g_autoptr(GListModel) history = NULL;
  g_autofree char *description = NULL;

  clear_rows (self->roster_group, self->roster_rows);
  clear_rows (self->history_group, self->history_rows);
  self->n_members = roster ? g_list_model_get_n_items (roster) : 0;
  /* Translators: %s is a date */
  description = g_strdup_printf (_("Members on %s"), self->date);
  adw_preferences_group_set_description (self->roster_group, description);
  if (roster == NULL)
    toast (self, error->message);
  for (guint i = 0; i < self->n_members; i++)
    {
      g_autoptr(SyLeadingGroupMember) m = g_list_model_get_item (roster, i);
      GtkWidget *row = member_row (self, m, TRUE);

      adw_preferences_group_add (self->roster_group, row);
      g_ptr_array_add (self->roster_rows, row);
    }
  if (self->n_members == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nobody was a member on that date"));
      adw_preferences_group_add (self->roster_group, row);
      g_ptr_array_add (self->roster_rows, row);
    }

  history = sy_queries_leading_group_history (self->db, NULL);
  for (guint i = 0; history && i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(SyLeadingGroupMember) m = g_list_model_get_item (history, i);
      GtkWidget *row = member_row (self, m, FALSE);

      adw_preferences_group_add (self->history_group, row);
      g_ptr_array_add (self->history_rows, row);
    }
}

gboolean
sy_leading_group_dialog_set_date (SyLeadingGroupDialog *self, const char *date)
{
  GDate d;

  g_return_val_if_fail (SY_IS_LEADING_GROUP_DIALOG (self), FALSE);
  g_date_clear (&d, 1);
  if (date == NULL || strlen (date) != 10)
    return FALSE;
  g_date_set_parse (&d, date);
  if (!g_date_valid (&d))
    return FALSE;
  g_free (self->date);
  self->date = g_strdup (date);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), date) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  refresh (self);
  return TRUE;
}

guint
sy_leading_group_dialog_get_n_members (SyLeadingGroupDialog *self)
{
  return self->n_members;
}

static void
date_applied (SyLeadingGroupDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));

  if (!sy_leading_group_dialog_set_date (self, text))
    toast (self, _("Enter the date as YYYY-MM-DD"));
}

static void
reset_form (SyLeadingGroupDialog *self)
{
  g_autofree char *today = today_iso ();

  g_clear_object (&self->replacing);
  adw_preferences_group_set_title (self->form_group, _("Add a Member"));
  adw_preferences_group_set_description (self->form_group, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->post_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), today);
  adw_combo_row_set_selected (self->role_row, 2);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
}

static char *
row_text (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
save_clicked (SyLeadingGroupDialog *self)
{
  g_autoptr(SyLeadingGroupMember) m = sy_leading_group_member_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = row_text (self->name_row);
  g_autofree char *post = row_text (self->post_row);
  g_autofree char *unit = row_text (self->unit_row);
  g_autofree char *from = row_text (self->from_row);
  g_autoptr(SyUnit) office = sy_queries_office (self->db, NULL);
  guint role = adw_combo_row_get_selected (self->role_row);
  gboolean ok;

  sy_leading_group_member_set_unit_id (m, office ? sy_record_get_id (SY_RECORD (office)) : 0);
  sy_leading_group_member_set_name (m, name);
  sy_leading_group_member_set_role (m, role < 3 ? roles[role] : NULL);
  sy_leading_group_member_set_post (m, post);
  sy_leading_group_member_set_member_unit (m, unit);
  sy_leading_group_member_set_effective_from (m, from);
  if (self->replacing != NULL)
    ok = sy_plan_repo_change_member (self->repo, self->replacing, m, from, &error);
  else
    ok = sy_plan_repo_add_member (self->repo, m, &error);
  if (!ok)
    {
      toast (self, error->message);
      return;
    }
  toast (self, _("Saved"));
  reset_form (self);
  refresh (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* --- the roster as a PDF ----------------------------------------------------------- */

#define PAGE_W 595.0   /* A4 in points */
#define PAGE_H 842.0
#define MARGIN 64.0
#define ROW_PAD 6.0

static const struct { const char *title; double share; } roster_columns[] = {
  { "序号", 0.08 }, { "职务", 0.12 }, { "姓名", 0.14 }, { "本职", 0.38 }, { "单位", 0.28 },
};

static double
roster_row (cairo_t *cr, PangoContext *ctx, const char * const *cells, SyLedgerFont font,
            double y, gboolean measure_only)
{
  double width = PAGE_W - 2 * MARGIN, x = MARGIN, height = 0;
  PangoLayout *layouts[G_N_ELEMENTS (roster_columns)];

  for (guint c = 0; c < G_N_ELEMENTS (roster_columns); c++)
    {
      double w = width * roster_columns[c].share;

      layouts[c] = sy_ledger_text_layout_new (ctx, font, cells[c], w - 2 * ROW_PAD,
                                              c == 0 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
      height = MAX (height, sy_ledger_text_height (layouts[c]) + 2 * ROW_PAD);
    }
  for (guint c = 0; c < G_N_ELEMENTS (roster_columns); c++)
    {
      double w = width * roster_columns[c].share;

      if (!measure_only)
        {
          cairo_rectangle (cr, x, y, w, height);
          cairo_stroke (cr);
          sy_ledger_text_show (cr, layouts[c], x + ROW_PAD, y + ROW_PAD);
        }
      x += w;
      g_object_unref (layouts[c]);
    }
  return height;
}

static gboolean
draw_roster (SyLeadingGroupDialog *self, const char *path, GListModel *members, GError **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, PAGE_W, PAGE_H);
  cairo_t *cr = cairo_create (surface);
  PangoContext *ctx = sy_ledger_text_context_new (pango_cairo_font_map_get_default ());
  g_autoptr(SyUnit) office = sy_queries_office (self->db, NULL);
  g_autofree char *date = sy_ledger_text_format_date (self->date);
  /* The office is usually the group's own 办公室: its name goes under the
   * title, not into it. */
  const char *title = "双拥工作领导小组成员名单";
  g_autofree char *subtitle = office ? g_strdup_printf ("%s　（%s）", sy_unit_get_name (office), date)
                                     : g_strdup_printf ("（%s）", date);
  static const char * const header[] = { "序号", "职务", "姓名", "本职", "单位" };
  double y = MARGIN;
  cairo_status_t status;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_set_line_width (cr, 0.6);
  for (guint i = 0; i <= g_list_model_get_n_items (members); i++)
    {
      g_autoptr(SyLeadingGroupMember) m = i < g_list_model_get_n_items (members)
                                          ? g_list_model_get_item (members, i) : NULL;
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      const char *cells[5];
      double h;

      if (i == 0)
        {
          PangoLayout *t = sy_ledger_text_layout_new (ctx, SY_LEDGER_FONT_TITLE, title,
                                                                PAGE_W - 2 * MARGIN, PANGO_ALIGN_CENTER);
          PangoLayout *st = sy_ledger_text_layout_new (ctx, SY_LEDGER_FONT_BODY, subtitle,
                                                                 PAGE_W - 2 * MARGIN, PANGO_ALIGN_CENTER);

          sy_ledger_text_show (cr, t, MARGIN, y);
          y += sy_ledger_text_height (t) + 6;
          sy_ledger_text_show (cr, st, MARGIN, y);
          y += sy_ledger_text_height (st) + 18;
          g_object_unref (t);
          g_object_unref (st);
          y += roster_row (cr, ctx, header, SY_LEDGER_FONT_LABEL, y, FALSE);
        }
      if (m == NULL)
        break;
      cells[0] = number;
      cells[1] = sy_leading_group_member_get_role (m);
      cells[2] = sy_leading_group_member_get_name (m);
      cells[3] = sy_leading_group_member_get_post (m) ? sy_leading_group_member_get_post (m) : "";
      cells[4] = sy_leading_group_member_get_member_unit (m) ? sy_leading_group_member_get_member_unit (m) : "";
      h = roster_row (cr, ctx, cells, SY_LEDGER_FONT_BODY, y, TRUE);
      /* A long roster continues on the next page under the header again. */
      if (y + h > PAGE_H - MARGIN)
        {
          cairo_show_page (cr);
          y = MARGIN;
          y += roster_row (cr, ctx, header, SY_LEDGER_FONT_LABEL, y, FALSE);
        }
      y += roster_row (cr, ctx, cells, SY_LEDGER_FONT_BODY, y, FALSE);
    }
  cairo_show_page (cr);
  cairo_destroy (cr);
  g_object_unref (ctx);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("The PDF could not be written: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
sy_leading_group_dialog_export_pdf (SyLeadingGroupDialog *self, GFile *file, GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autofree char *details = NULL;
  int fd;

  g_return_val_if_fail (SY_IS_LEADING_GROUP_DIALOG (self), FALSE);
  if (path == NULL)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Only local files can be written"));
      return FALSE;
    }
  members = sy_queries_leading_group (self->db, self->date, error);
  if (members == NULL)
    return FALSE;

  /* Written beside the target and renamed over it once complete and on
   * disk, so a crash never leaves half a PDF under the chosen name. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write %s: %s"), path, g_strerror (errno));
      return FALSE;
    }
  close (fd);
  if (!draw_roster (self, tmp, members, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  fd = open (tmp, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fsync (fd) != 0 || g_rename (tmp, path) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_unlink (tmp);
      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  details = g_strdup_printf ("{\"date\": \"%s\", \"members\": %u}", self->date,
                             g_list_model_get_n_items (members));
  return sy_database_audit_event (self->db, "export-pdf", "leading_group_member", 0, details, error);
}

static void
export_chosen (GtkNativeDialog *chooser, int response, SyLeadingGroupDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (!sy_leading_group_dialog_export_pdf (self, file, &error))
        toast (self, error->message);
      else
        toast (self, _("Roster exported"));
    }
  g_object_unref (chooser);
}

static void
export_clicked (SyLeadingGroupDialog *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Export Roster"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Export"), _("_Cancel"));
  g_autofree char *name = g_strdup_printf ("领导小组成员名单-%s.pdf", self->date);

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static AdwEntryRow *
form_row (AdwPreferencesGroup *group, const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static void
build (SyLeadingGroupDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *date_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  g_autoptr(GtkStringList) role_names = gtk_string_list_new ((const char * const *) roles);

  gtk_window_set_title (GTK_WINDOW (self), _("Leading Group"));
  gtk_window_set_default_size (GTK_WINDOW (self), 620, 720);
  gtk_box_append (GTK_BOX (box), header);

  self->date_row = form_row (date_group, _("Roster on (YYYY-MM-DD)"));
  adw_entry_row_set_show_apply_button (self->date_row, TRUE);
  g_signal_connect_object (self->date_row, "apply", G_CALLBACK (date_applied), self, G_CONNECT_SWAPPED);
  {
    GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export PDF…"));

    gtk_widget_set_tooltip_text (export, _("The roster on this date as a PDF for the ledger"));
    gtk_widget_set_halign (export, GTK_ALIGN_END);
    gtk_widget_set_margin_top (export, 6);
    g_signal_connect_object (export, "clicked", G_CALLBACK (export_clicked), self, G_CONNECT_SWAPPED);
    adw_preferences_group_add (date_group, export);
  }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), date_group);

  self->roster_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->roster_group, _("Roster"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->roster_group);

  self->form_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->name_row = form_row (self->form_group, _("Name"));
  self->role_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->role_row), _("Role"));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (role_names));
  adw_preferences_group_add (self->form_group, GTK_WIDGET (self->role_row));
  self->post_row = form_row (self->form_group, _("Post"));
  self->unit_row = form_row (self->form_group, _("Unit"));
  self->from_row = form_row (self->form_group, _("From (YYYY-MM-DD)"));
  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel Change")));
  g_signal_connect_object (self->cancel_button, "clicked", G_CALLBACK (reset_form), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (save, "clicked", G_CALLBACK (save_clicked), self, G_CONNECT_SWAPPED);
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->cancel_button));
  gtk_box_append (GTK_BOX (buttons), save);
  adw_preferences_group_add (self->form_group, buttons);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->form_group);

  self->history_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->history_group, _("History"));
  adw_preferences_group_set_description (self->history_group, _("Every membership, current and ended."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->history_group);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, page);
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
sy_leading_group_dialog_dispose (GObject *object)
{
  SyLeadingGroupDialog *self = SY_LEADING_GROUP_DIALOG (object);

  g_clear_object (&self->replacing);
  g_clear_object (&self->repo);
  g_clear_object (&self->db);
  g_clear_pointer (&self->roster_rows, g_ptr_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);
  g_clear_pointer (&self->date, g_free);
  G_OBJECT_CLASS (sy_leading_group_dialog_parent_class)->dispose (object);
}

static void
sy_leading_group_dialog_class_init (SyLeadingGroupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_leading_group_dialog_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sy_leading_group_dialog_init (SyLeadingGroupDialog *self)
{
  self->roster_rows = g_ptr_array_new ();
  self->history_rows = g_ptr_array_new ();
  build (self);
}

GtkWidget *
sy_leading_group_dialog_new (GtkWindow *parent, SyDatabase *db)
{
  SyLeadingGroupDialog *self = g_object_new (SY_TYPE_LEADING_GROUP_DIALOG,
                                             "transient-for", parent, "modal", TRUE, NULL);
  g_autofree char *today = today_iso ();

  self->db = g_object_ref (db);
  self->repo = sy_plan_repo_new (db);
  reset_form (self);
  sy_leading_group_dialog_set_date (self, today);
  return GTK_WIDGET (self);
}
