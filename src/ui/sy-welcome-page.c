/* sy-welcome-page.c: the first start on an empty database, and the office dialog */
#include <glib/gi18n.h>

#include "sy-welcome-page.h"

/* The levels an office is usually at.  They are stored data in Chinese (the
 * ledger prints them), so they are not translated. */
static const char *const office_levels[] = {
  "县", "乡镇", "街道", "社区", "村", "学校", "医院", "企业", "其他", NULL
};

/* The office form is the same on the welcome page and in the office dialog;
 * it is built in code so that both share it. */
typedef struct {
  AdwPreferencesGroup *group;
  AdwEntryRow         *name_row;
  AdwComboRow         *level_row;
  AdwEntryRow         *region_row;
  GtkLabel            *error_label;
  GtkStringList       *levels;
} OfficeForm;

struct _SyWelcomePage
{
  AdwBin      parent_instance;

  GtkBox     *form_box;
  GtkLabel   *error_label;

  OfficeForm  form;
  SyDatabase *db;
  gboolean    done;
};

G_DEFINE_FINAL_TYPE (SyWelcomePage, sy_welcome_page, ADW_TYPE_BIN)

enum { SIGNAL_START, N_SIGNALS };
static guint signals[N_SIGNALS];

/* --- the office ------------------------------------------------------------- */

gboolean
sy_welcome_region_code_valid (const char *code)
{
  if (code == NULL || *code == '\0')
    return TRUE;
  /* 行政区划代码 (GB/T 2260): two digits of province, none of them 0x. */
  if (strlen (code) != 6 || code[0] == '0')
    return FALSE;
  for (const char *p = code; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

gboolean
sy_welcome_save_office (SyDatabase  *db,
                        const char  *name,
                        const char  *level,
                        const char  *region_code,
                        GError     **error)
{
  g_autoptr(SyUnit) office = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *clean_name = g_strstrip (g_strdup (name != NULL ? name : ""));
  gboolean ok;

  g_return_val_if_fail (SY_IS_DATABASE (db), FALSE);

  if (*clean_name == '\0')
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("The office needs a name"));
      return FALSE;
    }
  if (!sy_welcome_region_code_valid (region_code))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("Region code “%s”: it has six digits, such as 110105"), region_code);
      return FALSE;
    }
  level = level != NULL ? level : "";
  region_code = region_code != NULL ? region_code : "";

  office = sy_queries_office (db, &local_error);
  if (office == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!sy_database_begin (db, error))
    return FALSE;
  if (office == NULL)
    office = sy_unit_new ();
  sy_unit_set_name (office, clean_name);
  sy_unit_set_level (office, *level != '\0' ? level : NULL);
  sy_unit_set_region_code (office, *region_code != '\0' ? region_code : NULL);
  ok = sy_record_get_id (SY_RECORD (office)) == 0 ? sy_database_insert (db, SY_RECORD (office), error)
                                                  : sy_database_update (db, SY_RECORD (office), error);
  /* The settings are what the ledger cover and the rosters read first
   * (the demo office writes them too): keep them the same as the unit. */
  ok = ok
       && sy_database_set_setting (db, "office-name", clean_name, error)
       && sy_database_set_setting (db, "office-level", level, error)
       && sy_database_set_setting (db, "region-code", region_code, error);
  if (!ok)
    {
      sy_database_rollback (db);
      return FALSE;
    }
  return sy_database_commit (db, error);
}

/* --- the form ------------------------------------------------------------------ */

static void
office_form_build (OfficeForm *form)
{
  form->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (form->group, _("Your Office"));

  form->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->name_row), _("Office name (required)"));
  adw_preferences_group_add (form->group, GTK_WIDGET (form->name_row));

  form->levels = gtk_string_list_new ((const char *const *) office_levels);
  form->level_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->level_row), _("Level"));
  adw_combo_row_set_model (form->level_row, G_LIST_MODEL (form->levels));
  adw_preferences_group_add (form->group, GTK_WIDGET (form->level_row));

  form->region_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->region_row), _("Region code (6 digits)"));
  adw_entry_row_set_input_purpose (form->region_row, GTK_INPUT_PURPOSE_DIGITS);
  adw_preferences_group_add (form->group, GTK_WIDGET (form->region_row));
}

static void
office_form_clear (OfficeForm *form)
{
  g_clear_object (&form->levels);
}

static void
office_form_free (OfficeForm *form)
{
  office_form_clear (form);
  g_free (form);
}

static const char *
office_form_level (OfficeForm *form)
{
  guint i = adw_combo_row_get_selected (form->level_row);

  return i != GTK_INVALID_LIST_POSITION ? gtk_string_list_get_string (form->levels, i) : NULL;
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* Fills the form from the office, keeping a level the list lacks (an older
 * database, another tool) rather than replacing it. */
static void
office_form_fill (OfficeForm *form,
                  SyUnit     *office)
{
  const char *level = sy_unit_get_level (office);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (form->levels));
  guint i;

  gtk_editable_set_text (GTK_EDITABLE (form->name_row), or_empty (sy_unit_get_name (office)));
  gtk_editable_set_text (GTK_EDITABLE (form->region_row), or_empty (sy_unit_get_region_code (office)));
  if (level == NULL || *level == '\0')
    return;
  for (i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (form->levels, i), level) == 0)
      break;
  if (i == n)
    gtk_string_list_append (form->levels, level);
  adw_combo_row_set_selected (form->level_row, i);
}

/* Shows what is wrong with the form under it; TRUE when it can be saved.
 * A name still to be typed is not an error yet: the buttons just wait. */
static gboolean
office_form_check (OfficeForm *form)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->name_row))));
  const char *region = gtk_editable_get_text (GTK_EDITABLE (form->region_row));
  gboolean region_ok = sy_welcome_region_code_valid (region);

  if (region_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (form->region_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (form->region_row), "error");
  gtk_label_set_text (form->error_label,
                      region_ok ? "" : _("The region code (行政区划代码) has six digits, such as 110105."));
  gtk_widget_set_visible (GTK_WIDGET (form->error_label), !region_ok);

  return region_ok && *name != '\0';
}

static gboolean
office_form_save (OfficeForm  *form,
                  SyDatabase  *db,
                  GError     **error)
{
  return sy_welcome_save_office (db,
                                 gtk_editable_get_text (GTK_EDITABLE (form->name_row)),
                                 office_form_level (form),
                                 gtk_editable_get_text (GTK_EDITABLE (form->region_row)),
                                 error);
}

static void
office_form_connect (OfficeForm *form,
                     GCallback   changed,
                     gpointer    user_data)
{
  g_signal_connect_swapped (form->name_row, "changed", changed, user_data);
  g_signal_connect_swapped (form->region_row, "changed", changed, user_data);
}

/* --- the page ------------------------------------------------------------------- */

SyWelcomePage *
sy_welcome_page_new (SyDatabase *db)
{
  SyWelcomePage *self;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  self = g_object_new (SY_TYPE_WELCOME_PAGE, NULL);
  self->db = g_object_ref (db);
  return self;
}

GtkEditable *
sy_welcome_page_get_name_row (SyWelcomePage *self)
{
  g_return_val_if_fail (SY_IS_WELCOME_PAGE (self), NULL);

  return GTK_EDITABLE (self->form.name_row);
}

AdwComboRow *
sy_welcome_page_get_level_row (SyWelcomePage *self)
{
  g_return_val_if_fail (SY_IS_WELCOME_PAGE (self), NULL);

  return self->form.level_row;
}

GtkEditable *
sy_welcome_page_get_region_row (SyWelcomePage *self)
{
  g_return_val_if_fail (SY_IS_WELCOME_PAGE (self), NULL);

  return GTK_EDITABLE (self->form.region_row);
}

const char *
sy_welcome_page_get_error (SyWelcomePage *self)
{
  g_return_val_if_fail (SY_IS_WELCOME_PAGE (self), NULL);

  return gtk_label_get_text (self->error_label);
}

static void
page_update (SyWelcomePage *self)
{
  gboolean ok = office_form_check (&self->form);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.import", ok && !self->done);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.start-empty", ok && !self->done);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.demo", !self->done);
}

static void
finish (SyWelcomePage  *self,
        SyWelcomeStart  start)
{
  /* Once: a second click while the window switches must not start twice. */
  self->done = TRUE;
  page_update (self);
  /* The handler takes the page out of its window: keep it alive until the
   * action that emitted is done with it. */
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_START], 0, (int) start);
  g_object_unref (self);
}

static void
save_and_start (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SyWelcomePage *self = SY_WELCOME_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->done || !office_form_check (&self->form))
    return;
  if (!office_form_save (&self->form, self->db, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  finish (self, g_str_equal (action_name, "welcome.import") ? SY_WELCOME_START_IMPORT
                                                           : SY_WELCOME_START_EMPTY);
}

static void
demo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SyWelcomePage *self = SY_WELCOME_PAGE (widget);

  if (!self->done)
    finish (self, SY_WELCOME_START_DEMO);
}

static gboolean
name_row_grab_focus (gpointer data)
{
  SyWelcomePage *self = data;

  gtk_widget_grab_focus (GTK_WIDGET (self->form.name_row));
  return G_SOURCE_REMOVE;
}

static void
sy_welcome_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sy_welcome_page_parent_class)->map (widget);

  /* The name is the one thing to type: the cursor waits there. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, name_row_grab_focus,
                   g_object_ref (widget), g_object_unref);
}

static void
sy_welcome_page_dispose (GObject *object)
{
  SyWelcomePage *self = SY_WELCOME_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_WELCOME_PAGE);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (sy_welcome_page_parent_class)->dispose (object);
}

static void
sy_welcome_page_finalize (GObject *object)
{
  SyWelcomePage *self = SY_WELCOME_PAGE (object);

  office_form_clear (&self->form);

  G_OBJECT_CLASS (sy_welcome_page_parent_class)->finalize (object);
}

static void
sy_welcome_page_class_init (SyWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_welcome_page_dispose;
  object_class->finalize = sy_welcome_page_finalize;
  widget_class->map = sy_welcome_page_map;

  signals[SIGNAL_START] = g_signal_new ("start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SyWelcomePage, form_box);
  gtk_widget_class_bind_template_child (widget_class, SyWelcomePage, error_label);

  gtk_widget_class_install_action (widget_class, "welcome.import", NULL, save_and_start);
  gtk_widget_class_install_action (widget_class, "welcome.start-empty", NULL, save_and_start);
  gtk_widget_class_install_action (widget_class, "welcome.demo", NULL, demo_activated);
}

static void
sy_welcome_page_init (SyWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  office_form_build (&self->form);
  self->form.error_label = self->error_label;
  gtk_box_prepend (self->form_box, GTK_WIDGET (self->form.group));
  office_form_connect (&self->form, G_CALLBACK (page_update), self);
  page_update (self);
}

/* --- the office dialog ------------------------------------------------------------ */

static void
dialog_update (AdwMessageDialog *dialog)
{
  OfficeForm *form = g_object_get_data (G_OBJECT (dialog), "form");

  adw_message_dialog_set_response_enabled (dialog, "save", office_form_check (form));
}

static void
dialog_response (AdwMessageDialog *dialog,
                 const char       *response,
                 gpointer          user_data)
{
  SyDatabase *db = user_data;
  OfficeForm *form = g_object_get_data (G_OBJECT (dialog), "form");
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "save"))
    return;
  if (!office_form_save (form, db, &error))
    {
      GtkWidget *message = adw_message_dialog_new (parent, _("Could Not Save the Office"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
    }
}

GtkWidget *
sy_welcome_page_edit_office (GtkWindow  *parent,
                             SyDatabase *db)
{
  OfficeForm *form = g_new0 (OfficeForm, 1);
  g_autoptr(SyUnit) office = NULL;
  GtkWidget *dialog, *box;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  dialog = adw_message_dialog_new (parent, _("Office"),
                                   _("The office name goes on the cover of the ledger and on the rosters."));
  office_form_build (form);
  /* The dialog has its own title: the group's would say it twice. */
  adw_preferences_group_set_title (form->group, NULL);
  form->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (form->error_label, TRUE);
  gtk_label_set_xalign (form->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (form->error_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (form->error_label), "caption");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->group));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->error_label));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  office = sy_queries_office (db, NULL);
  if (office != NULL)
    office_form_fill (form, office);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "form", form, (GDestroyNotify) office_form_free);
  office_form_connect (form, G_CALLBACK (dialog_update), dialog);
  dialog_update (ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_data (dialog, "response", G_CALLBACK (dialog_response),
                         g_object_ref (db), (GClosureNotify) (void (*) (void)) g_object_unref, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
