/* sy-disbursement-batch.c: a disbursement run (发放批次) */
#include "sy-disbursement-batch.h"

struct _SyDisbursementBatch
{
  SyRecord parent_instance;

  gint64 unit_id;
  char *kind;
  char *period;
  char *title;
  char *state;
  char *paid_date;
  char *voucher_no;
  gint line_count;
  gint64 total_fen;
  char *approved_at;
  char *approved_by;
  gint64 source_batch_id;
};

G_DEFINE_FINAL_TYPE (SyDisbursementBatch, sy_disbursement_batch, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SyDisbursementBatch, unit_id, SY_FIELD_REF, 0, NULL),
  SY_FIELD (SyDisbursementBatch, kind, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementBatch, period, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementBatch, title, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementBatch, state, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementBatch, paid_date, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementBatch, voucher_no, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementBatch, line_count, SY_FIELD_INT, SY_FIELD_DERIVED, NULL),
  SY_FIELD (SyDisbursementBatch, total_fen, SY_FIELD_INT64, SY_FIELD_DERIVED, NULL),
  SY_FIELD (SyDisbursementBatch, approved_at, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementBatch, approved_by, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementBatch, source_batch_id, SY_FIELD_REF, 0, NULL),
};

static void
sy_disbursement_batch_class_init (SyDisbursementBatchClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "disbursement_batch",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_disbursement_batch_init (SyDisbursementBatch *self)
{
}

SyDisbursementBatch *
sy_disbursement_batch_new (void)
{
  return g_object_new (SY_TYPE_DISBURSEMENT_BATCH, NULL);
}

SY_RECORD_DEFINE_SCALAR (SyDisbursementBatch, sy_disbursement_batch, gint64, unit_id)
SY_RECORD_DEFINE_STRING (SyDisbursementBatch, sy_disbursement_batch, kind)
SY_RECORD_DEFINE_STRING (SyDisbursementBatch, sy_disbursement_batch, period)
SY_RECORD_DEFINE_STRING (SyDisbursementBatch, sy_disbursement_batch, title)
SY_RECORD_DEFINE_STRING (SyDisbursementBatch, sy_disbursement_batch, state)
SY_RECORD_DEFINE_STRING (SyDisbursementBatch, sy_disbursement_batch, paid_date)
SY_RECORD_DEFINE_STRING (SyDisbursementBatch, sy_disbursement_batch, voucher_no)
SY_RECORD_DEFINE_SCALAR (SyDisbursementBatch, sy_disbursement_batch, gint, line_count)
SY_RECORD_DEFINE_SCALAR (SyDisbursementBatch, sy_disbursement_batch, gint64, total_fen)
SY_RECORD_DEFINE_STRING (SyDisbursementBatch, sy_disbursement_batch, approved_at)
SY_RECORD_DEFINE_STRING (SyDisbursementBatch, sy_disbursement_batch, approved_by)
SY_RECORD_DEFINE_SCALAR (SyDisbursementBatch, sy_disbursement_batch, gint64, source_batch_id)
