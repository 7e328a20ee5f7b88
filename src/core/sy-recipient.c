/* sy-recipient.c: an 优抚对象 */
#include <glib/gi18n-lib.h>
#include "sy-recipient.h"

struct _SyRecipient
{
  SyRecord parent_instance;

  gint64 unit_id;
  char *name;
  char *sex;
  char *ethnicity;
  char *id_number;
  char *birth_date;
  char *phone;
  char *hukou;
  char *village;
  char *address;
  gint64 household_id;
  char *relation_to_head;
  char *bank;
  char *account_name;
  char *account;
  gboolean dibao;
  gboolean wubao;
  gboolean gulao;
  char *status;
  char *notes;
  char *categories;
};

G_DEFINE_FINAL_TYPE (SyRecipient, sy_recipient, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SyRecipient, unit_id, SY_FIELD_REF, 0, N_("Unit")),
  SY_FIELD (SyRecipient, name, SY_FIELD_STRING, SY_FIELD_LINE, N_("Name")),
  SY_FIELD (SyRecipient, sex, SY_FIELD_STRING, SY_FIELD_LINE, N_("Sex")),
  SY_FIELD (SyRecipient, ethnicity, SY_FIELD_STRING, SY_FIELD_LINE, N_("Ethnicity")),
  SY_FIELD (SyRecipient, id_number, SY_FIELD_STRING, SY_FIELD_LINE, N_("ID number")),
  SY_FIELD (SyRecipient, birth_date, SY_FIELD_STRING, SY_FIELD_LINE, N_("Date of birth")),
  SY_FIELD (SyRecipient, phone, SY_FIELD_STRING, SY_FIELD_LINE, N_("Phone")),
  SY_FIELD (SyRecipient, hukou, SY_FIELD_STRING, SY_FIELD_LINE, N_("Household registration")),
  SY_FIELD (SyRecipient, village, SY_FIELD_STRING, SY_FIELD_LINE, N_("Village")),
  SY_FIELD (SyRecipient, address, SY_FIELD_STRING, 0, N_("Address")),
  SY_FIELD (SyRecipient, household_id, SY_FIELD_REF, 0, N_("Household")),
  SY_FIELD (SyRecipient, relation_to_head, SY_FIELD_STRING, SY_FIELD_LINE, N_("Relation to the head of household")),
  SY_FIELD (SyRecipient, bank, SY_FIELD_STRING, SY_FIELD_LINE, N_("Bank")),
  SY_FIELD (SyRecipient, account_name, SY_FIELD_STRING, SY_FIELD_LINE, N_("Account holder")),
  SY_FIELD (SyRecipient, account, SY_FIELD_STRING, SY_FIELD_LINE, N_("Account number")),
  SY_FIELD (SyRecipient, dibao, SY_FIELD_BOOLEAN, 0, N_("Minimum living allowance")),
  SY_FIELD (SyRecipient, wubao, SY_FIELD_BOOLEAN, 0, N_("Five guarantees")),
  SY_FIELD (SyRecipient, gulao, SY_FIELD_BOOLEAN, 0, N_("Lone elderly")),
  SY_FIELD (SyRecipient, status, SY_FIELD_STRING, SY_FIELD_LINE, N_("Status")),
  SY_FIELD (SyRecipient, notes, SY_FIELD_STRING, 0, N_("Notes")),
  SY_FIELD (SyRecipient, categories, SY_FIELD_STRING, SY_FIELD_DERIVED, NULL),
};

static void
sy_recipient_class_init (SyRecipientClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "recipient",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_recipient_init (SyRecipient *self)
{
}

SyRecipient *
sy_recipient_new (void)
{
  return g_object_new (SY_TYPE_RECIPIENT, NULL);
}

SY_RECORD_DEFINE_SCALAR (SyRecipient, sy_recipient, gint64, unit_id)
SY_RECORD_DEFINE_STRING (SyRecipient, sy_recipient, name)
SY_RECORD_DEFINE_STRING (SyRecipient, sy_recipient, sex)
SY_RECORD_DEFINE_STRING (SyRecipient, sy_recipient, ethnicity)
SY_RECORD_DEFINE_STRING (SyRecipient, sy_recipient, id_number)
SY_RECORD_DEFINE_STRING (SyRecipient, sy_recipient, birth_date)
SY_RECORD_DEFINE_STRING (SyRecipient, sy_recipient, phone)
SY_RECORD_DEFINE_STRING (SyRecipient, sy_recipient, hukou)
SY_RECORD_DEFINE_STRING (SyRecipient, sy_recipient, village)
SY_RECORD_DEFINE_STRING (SyRecipient, sy_recipient, address)
SY_RECORD_DEFINE_SCALAR (SyRecipient, sy_recipient, gint64, household_id)
SY_RECORD_DEFINE_STRING (SyRecipient, sy_recipient, relation_to_head)
SY_RECORD_DEFINE_STRING (SyRecipient, sy_recipient, bank)
SY_RECORD_DEFINE_STRING (SyRecipient, sy_recipient, account_name)
SY_RECORD_DEFINE_STRING (SyRecipient, sy_recipient, account)
SY_RECORD_DEFINE_SCALAR (SyRecipient, sy_recipient, gboolean, dibao)
SY_RECORD_DEFINE_SCALAR (SyRecipient, sy_recipient, gboolean, wubao)
SY_RECORD_DEFINE_SCALAR (SyRecipient, sy_recipient, gboolean, gulao)
SY_RECORD_DEFINE_STRING (SyRecipient, sy_recipient, status)
SY_RECORD_DEFINE_STRING (SyRecipient, sy_recipient, notes)
SY_RECORD_DEFINE_STRING (SyRecipient, sy_recipient, categories)
