/* sy-disbursement-line.c: one payee of a disbursement run */
#include "sy-disbursement-line.h"

struct _SyDisbursementLine
{
  SyRecord parent_instance;

  gint64 batch_id;
  gint64 recipient_id;
  gint64 standard_id;
  gint months;
  gint64 standard_fen;
  gint64 amount_fen;
  char *account;
  char *status;
  char *note;
  char *recipient_name;
  char *id_number;
  char *category;
  char *first_month;
  char *last_month;
  gint64 base_fen;
  gint64 topup_fen;
  char *topups;
  gint64 computed_fen;
  char *adjust_reason;
  char *fail_reason;
  gint64 source_line_id;
  char *bank;
  char *village;
};

G_DEFINE_FINAL_TYPE (SyDisbursementLine, sy_disbursement_line, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SyDisbursementLine, batch_id, SY_FIELD_REF, 0, NULL),
  SY_FIELD (SyDisbursementLine, recipient_id, SY_FIELD_REF, 0, NULL),
  SY_FIELD (SyDisbursementLine, standard_id, SY_FIELD_REF, 0, NULL),
  SY_FIELD (SyDisbursementLine, months, SY_FIELD_INT, 0, NULL),
  SY_FIELD (SyDisbursementLine, standard_fen, SY_FIELD_INT64, 0, NULL),
  SY_FIELD (SyDisbursementLine, amount_fen, SY_FIELD_INT64, 0, NULL),
  SY_FIELD (SyDisbursementLine, account, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementLine, status, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementLine, note, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementLine, recipient_name, SY_FIELD_STRING, SY_FIELD_DERIVED, NULL),
  SY_FIELD (SyDisbursementLine, id_number, SY_FIELD_STRING, SY_FIELD_DERIVED, NULL),
  SY_FIELD (SyDisbursementLine, category, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementLine, first_month, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementLine, last_month, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementLine, base_fen, SY_FIELD_INT64, 0, NULL),
  SY_FIELD (SyDisbursementLine, topup_fen, SY_FIELD_INT64, 0, NULL),
  SY_FIELD (SyDisbursementLine, topups, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementLine, computed_fen, SY_FIELD_INT64, 0, NULL),
  SY_FIELD (SyDisbursementLine, adjust_reason, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementLine, fail_reason, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementLine, source_line_id, SY_FIELD_REF, 0, NULL),
  SY_FIELD (SyDisbursementLine, bank, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementLine, village, SY_FIELD_STRING, SY_FIELD_DERIVED, NULL),
};

static void
sy_disbursement_line_class_init (SyDisbursementLineClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "disbursement_line",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_disbursement_line_init (SyDisbursementLine *self)
{
}

SyDisbursementLine *
sy_disbursement_line_new (void)
{
  return g_object_new (SY_TYPE_DISBURSEMENT_LINE, NULL);
}

SY_RECORD_DEFINE_SCALAR (SyDisbursementLine, sy_disbursement_line, gint64, batch_id)
SY_RECORD_DEFINE_SCALAR (SyDisbursementLine, sy_disbursement_line, gint64, recipient_id)
SY_RECORD_DEFINE_SCALAR (SyDisbursementLine, sy_disbursement_line, gint64, standard_id)
SY_RECORD_DEFINE_SCALAR (SyDisbursementLine, sy_disbursement_line, gint, months)
SY_RECORD_DEFINE_SCALAR (SyDisbursementLine, sy_disbursement_line, gint64, standard_fen)
SY_RECORD_DEFINE_SCALAR (SyDisbursementLine, sy_disbursement_line, gint64, amount_fen)
SY_RECORD_DEFINE_STRING (SyDisbursementLine, sy_disbursement_line, account)
SY_RECORD_DEFINE_STRING (SyDisbursementLine, sy_disbursement_line, status)
SY_RECORD_DEFINE_STRING (SyDisbursementLine, sy_disbursement_line, note)
SY_RECORD_DEFINE_STRING (SyDisbursementLine, sy_disbursement_line, recipient_name)
SY_RECORD_DEFINE_STRING (SyDisbursementLine, sy_disbursement_line, id_number)
SY_RECORD_DEFINE_STRING (SyDisbursementLine, sy_disbursement_line, category)
SY_RECORD_DEFINE_STRING (SyDisbursementLine, sy_disbursement_line, first_month)
SY_RECORD_DEFINE_STRING (SyDisbursementLine, sy_disbursement_line, last_month)
SY_RECORD_DEFINE_SCALAR (SyDisbursementLine, sy_disbursement_line, gint64, base_fen)
SY_RECORD_DEFINE_SCALAR (SyDisbursementLine, sy_disbursement_line, gint64, topup_fen)
SY_RECORD_DEFINE_STRING (SyDisbursementLine, sy_disbursement_line, topups)
SY_RECORD_DEFINE_SCALAR (SyDisbursementLine, sy_disbursement_line, gint64, computed_fen)
SY_RECORD_DEFINE_STRING (SyDisbursementLine, sy_disbursement_line, adjust_reason)
SY_RECORD_DEFINE_STRING (SyDisbursementLine, sy_disbursement_line, fail_reason)
SY_RECORD_DEFINE_SCALAR (SyDisbursementLine, sy_disbursement_line, gint64, source_line_id)
SY_RECORD_DEFINE_STRING (SyDisbursementLine, sy_disbursement_line, bank)
SY_RECORD_DEFINE_STRING (SyDisbursementLine, sy_disbursement_line, village)
