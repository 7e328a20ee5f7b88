/* sy-recipient-row.h: one imported recipient row, normalised and checked
 *
 * A row is built from the values of one line of an imported file, keyed by
 * SyRecipientField (SyRecipientMapping does the keying), and validated at
 * once: the result is a normalised SyRecipient, its categories, and the list
 * of problems found, each with its line and column for FILE:LINE: COLUMN:
 * messages.  A row with an error must not be stored; warnings only inform.
 */
#pragma once

#include <glib-object.h>

#include "sy-recipient.h"
#include "sy-recipient-category.h"

G_BEGIN_DECLS

/* --- the fields an imported column can fill ------------------------------- */

typedef enum {
  SY_RECIPIENT_FIELD_NONE,              /* the column is ignored */
  SY_RECIPIENT_FIELD_NAME,
  SY_RECIPIENT_FIELD_ID_NUMBER,
  SY_RECIPIENT_FIELD_SEX,
  SY_RECIPIENT_FIELD_ETHNICITY,
  SY_RECIPIENT_FIELD_BIRTH_DATE,
  SY_RECIPIENT_FIELD_PHONE,
  SY_RECIPIENT_FIELD_HUKOU,
  SY_RECIPIENT_FIELD_VILLAGE,
  SY_RECIPIENT_FIELD_ADDRESS,
  SY_RECIPIENT_FIELD_RELATION_TO_HEAD,
  SY_RECIPIENT_FIELD_HEAD_ID_NUMBER,    /* 户主身份证号: the importer links the household */
  SY_RECIPIENT_FIELD_CATEGORIES,        /* several, separated by 、,，;；/ */
  SY_RECIPIENT_FIELD_CERTIFICATE_NO,    /* goes to the first category */
  SY_RECIPIENT_FIELD_DISABILITY_GRADE,  /* goes to the disability categories */
  SY_RECIPIENT_FIELD_DISABILITY_NATURE,
  SY_RECIPIENT_FIELD_ENLIST_DATE,       /* these three go to every category */
  SY_RECIPIENT_FIELD_DISCHARGE_DATE,
  SY_RECIPIENT_FIELD_SERVICE_UNIT,
  SY_RECIPIENT_FIELD_RELATED_SOLDIER,   /* goes to the family categories */
  SY_RECIPIENT_FIELD_BANK,
  SY_RECIPIENT_FIELD_ACCOUNT_NAME,
  SY_RECIPIENT_FIELD_ACCOUNT,
  SY_RECIPIENT_FIELD_DIBAO,
  SY_RECIPIENT_FIELD_WUBAO,
  SY_RECIPIENT_FIELD_GULAO,
  SY_RECIPIENT_FIELD_STATUS,
  SY_RECIPIENT_FIELD_NOTES,
  SY_RECIPIENT_N_FIELDS
} SyRecipientField;

/* "name", "id_number" … (the column names of recipient/recipient_category);
 * "" for NONE. */
const char      *sy_recipient_field_to_string   (SyRecipientField field);
/* SY_RECIPIENT_FIELD_NONE when @key names no field. */
SyRecipientField sy_recipient_field_from_string (const char      *key);
/* Translated label for the mapping dialog ("Name", "ID number" …). */
const char      *sy_recipient_field_get_label   (SyRecipientField field);
/* The standard Chinese column title (姓名, 身份证号 …), for exports that the
 * import reads back; not translated, it is part of the file format. */
const char      *sy_recipient_field_get_title   (SyRecipientField field);

/* --- issues ---------------------------------------------------------------- */

typedef enum {
  SY_IMPORT_WARNING,  /* imported anyway; the user should look */
  SY_IMPORT_ERROR,    /* the row (or the file) cannot be imported */
} SyImportSeverity;

typedef struct {
  guint            line;      /* 1-based line of the file */
  char            *column;    /* column title as in the file; NULL: the whole row */
  SyImportSeverity severity;
  char            *message;   /* translated, names the offending value */
} SyImportIssue;

#define SY_TYPE_IMPORT_ISSUE (sy_import_issue_get_type ())
GType          sy_import_issue_get_type (void) G_GNUC_CONST;
SyImportIssue *sy_import_issue_new      (guint                line,
                                         const char          *column,
                                         SyImportSeverity     severity,
                                         const char          *message);
SyImportIssue *sy_import_issue_copy     (const SyImportIssue *issue);
void           sy_import_issue_free     (SyImportIssue       *issue);
/* "FILE:LINE: COLUMN: message" ("FILE:LINE: message" without a column). */
char          *sy_import_issue_format   (const SyImportIssue *issue,
                                         const char          *file_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyImportIssue, sy_import_issue_free)

/* --- the row --------------------------------------------------------------- */

#define SY_TYPE_RECIPIENT_ROW (sy_recipient_row_get_type ())
G_DECLARE_FINAL_TYPE (SyRecipientRow, sy_recipient_row, SY, RECIPIENT_ROW, GObject)

/* Validates one row.  @values[field] is the cell text (NULL or "" when the
 * field has no column or the cell is empty); @titles[field] the column title
 * to name in messages, NULL when the file has no such column (@titles NULL:
 * every field is present, messages use the standard titles).  Checks made
 * here need nothing but the row; duplicates within the file are the
 * mapping's. */
SyRecipientRow     *sy_recipient_row_new         (guint                line,
                                                  const char * const  *values,
                                                  const char * const  *titles);

guint               sy_recipient_row_get_line    (SyRecipientRow *self);
/* The normalised person (ID number upper case, dates ISO, sex 男/女 from the
 * ID, phone digits, flags).  For a row with errors the offending values are
 * kept as written, for the preview; never store such a row. */
SyRecipient        *sy_recipient_row_get_recipient      (SyRecipientRow *self);
/* SyRecipientCategory (recipient_id 0), one per category named in the row. */
GPtrArray          *sy_recipient_row_get_categories     (SyRecipientRow *self);
/* The category names, NULL-terminated. */
const char * const *sy_recipient_row_get_category_names (SyRecipientRow *self);
/* The normalised ID number, or NULL when the row has none or it is invalid. */
const char         *sy_recipient_row_get_id_number      (SyRecipientRow *self);

/* The normalised ID number of the 户主 named in the row, or NULL when the row
 * names none or it is invalid (an error then).  The importer resolves it to
 * household_id: the row itself never knows the head's id. */
const char         *sy_recipient_row_get_head_id_number (SyRecipientRow *self);

/* SyImportIssue, in the order found. */
GPtrArray          *sy_recipient_row_get_issues   (SyRecipientRow *self);
gboolean            sy_recipient_row_has_errors   (SyRecipientRow *self);
guint               sy_recipient_row_get_n_errors   (SyRecipientRow *self);
guint               sy_recipient_row_get_n_warnings (SyRecipientRow *self);
/* For checks that need more than the row (duplicates, ragged lines). */
void                sy_recipient_row_add_issue    (SyRecipientRow   *self,
                                                   SyImportSeverity  severity,
                                                   const char       *column,
                                                   const char       *format,
                                                   ...) G_GNUC_PRINTF (4, 5);

/* --- value rules, shared with the editor ------------------------------------ */

/* 1991-01-31, 1991/1/31, 1991.1.31, 1991年1月31日, 19910131 → "1991-01-31";
 * 199101, 1991-1, 1991年1月 → "1991-01".  A trailing time of day is ignored.
 * NULL with SY_ERROR_INVALID otherwise. */
char     *sy_recipient_parse_date  (const char  *text,
                                    GError     **error);
/* 1–10, "3级", "三级", "十级" → the grade; 0 with SY_ERROR_INVALID otherwise. */
int       sy_recipient_parse_grade (const char  *text,
                                    GError     **error);
/* An 11-digit mobile number starting with 1 (spaces, dashes and +86 allowed)
 * or a landline number (0791-86123456, (0791)86123456, 86123456, an extension
 * after - or 转); several may be separated by / 、, ;.  Returns the
 * normalised text (mobile numbers as 11 digits, landlines AREA-NUMBER), or
 * NULL with SY_ERROR_INVALID. */
char     *sy_recipient_parse_phone (const char  *text,
                                    GError     **error);

G_END_DECLS
