/* sy-recipient-row.c: one imported recipient row, normalised and checked */
#include "sy-recipient-row.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sy-error.h"
#include "sy-id-number.h"

/* --- fields ---------------------------------------------------------------- */

typedef struct
{
  const char *key;
  const char *label;
  const char *title;
} FieldInfo;

static const FieldInfo field_info[SY_RECIPIENT_N_FIELDS] = {
  [SY_RECIPIENT_FIELD_NONE] = { "", N_("Ignored"), "" },
  [SY_RECIPIENT_FIELD_NAME] = { "name", N_("Name"), "姓名" },
  [SY_RECIPIENT_FIELD_ID_NUMBER] = { "id_number", N_("ID number"), "身份证号" },
  [SY_RECIPIENT_FIELD_SEX] = { "sex", N_("Sex"), "性别" },
  [SY_RECIPIENT_FIELD_ETHNICITY] = { "ethnicity", N_("Ethnicity"), "民族" },
  [SY_RECIPIENT_FIELD_BIRTH_DATE] = { "birth_date", N_("Birth date"), "出生日期" },
  [SY_RECIPIENT_FIELD_PHONE] = { "phone", N_("Phone"), "联系电话" },
  [SY_RECIPIENT_FIELD_HUKOU] = { "hukou", N_("Hukou type"), "户籍类别" },
  [SY_RECIPIENT_FIELD_VILLAGE] = { "village", N_("Village or community"), "所属村（社区）" },
  [SY_RECIPIENT_FIELD_ADDRESS] = { "address", N_("Address"), "住址" },
  [SY_RECIPIENT_FIELD_RELATION_TO_HEAD] = { "relation_to_head", N_("Relation to the household head"), "与户主关系" },
  [SY_RECIPIENT_FIELD_HEAD_ID_NUMBER] = { "head_id_number", N_("ID number of the household head"), "户主身份证号" },
  [SY_RECIPIENT_FIELD_CATEGORIES] = { "categories", N_("Categories"), "优抚类别" },
  [SY_RECIPIENT_FIELD_CERTIFICATE_NO] = { "certificate_no", N_("Certificate number"), "证件编号" },
  [SY_RECIPIENT_FIELD_DISABILITY_GRADE] = { "disability_grade", N_("Disability grade"), "伤残等级" },
  [SY_RECIPIENT_FIELD_DISABILITY_NATURE] = { "disability_nature", N_("Disability cause"), "伤残性质" },
  [SY_RECIPIENT_FIELD_ENLIST_DATE] = { "enlist_date", N_("Enlistment date"), "入伍时间" },
  [SY_RECIPIENT_FIELD_DISCHARGE_DATE] = { "discharge_date", N_("Discharge date"), "退役时间" },
  [SY_RECIPIENT_FIELD_SERVICE_UNIT] = { "service_unit", N_("Service unit"), "服役部队" },
  [SY_RECIPIENT_FIELD_RELATED_SOLDIER] = { "related_soldier", N_("Related soldier"), "关联军人" },
  [SY_RECIPIENT_FIELD_BANK] = { "bank", N_("Bank"), "开户银行" },
  [SY_RECIPIENT_FIELD_ACCOUNT_NAME] = { "account_name", N_("Account holder"), "户名" },
  [SY_RECIPIENT_FIELD_ACCOUNT] = { "account", N_("Account number"), "账号" },
  [SY_RECIPIENT_FIELD_DIBAO] = { "dibao", N_("Minimum living allowance (低保)"), "低保" },
  [SY_RECIPIENT_FIELD_WUBAO] = { "wubao", N_("Five guarantees (五保)"), "五保" },
  [SY_RECIPIENT_FIELD_GULAO] = { "gulao", N_("Elderly living alone (孤老)"), "孤老" },
  [SY_RECIPIENT_FIELD_STATUS] = { "status", N_("Status"), "状态" },
  [SY_RECIPIENT_FIELD_NOTES] = { "notes", N_("Notes"), "备注" },
};

const char *
sy_recipient_field_to_string (SyRecipientField field)
{
  g_return_val_if_fail (field < SY_RECIPIENT_N_FIELDS, "");
  return field_info[field].key;
}

SyRecipientField
sy_recipient_field_from_string (const char *key)
{
  if (key == NULL || *key == '\0')
    return SY_RECIPIENT_FIELD_NONE;
  for (guint f = 1; f < SY_RECIPIENT_N_FIELDS; f++)
    if (strcmp (field_info[f].key, key) == 0)
      return f;
  return SY_RECIPIENT_FIELD_NONE;
}

const char *
sy_recipient_field_get_label (SyRecipientField field)
{
  g_return_val_if_fail (field < SY_RECIPIENT_N_FIELDS, "");
  return _(field_info[field].label);
}

const char *
sy_recipient_field_get_title (SyRecipientField field)
{
  g_return_val_if_fail (field < SY_RECIPIENT_N_FIELDS, "");
  return field_info[field].title;
}

/* --- issues ---------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (SyImportIssue, sy_import_issue, sy_import_issue_copy, sy_import_issue_free)

SyImportIssue *
sy_import_issue_new (guint             line,
                     const char       *column,
                     SyImportSeverity  severity,
                     const char       *message)
{
  SyImportIssue *issue = g_new0 (SyImportIssue, 1);

  issue->line = line;
  issue->column = g_strdup (column);
  issue->severity = severity;
  issue->message = g_strdup (message);
  return issue;
}

SyImportIssue *
sy_import_issue_copy (const SyImportIssue *issue)
{
  g_return_val_if_fail (issue != NULL, NULL);
  return sy_import_issue_new (issue->line, issue->column, issue->severity, issue->message);
}

void
sy_import_issue_free (SyImportIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->column);
  g_free (issue->message);
  g_free (issue);
}

char *
sy_import_issue_format (const SyImportIssue *issue,
                        const char          *file_name)
{
  g_return_val_if_fail (issue != NULL, NULL);

  if (issue->column != NULL && *issue->column != '\0')
    return g_strdup_printf ("%s:%u: %s: %s", file_name ? file_name : "-",
                            issue->line, issue->column, issue->message);
  return g_strdup_printf ("%s:%u: %s", file_name ? file_name : "-",
                          issue->line, issue->message);
}

/* --- text helpers ---------------------------------------------------------- */

/* Copy of @text with full-width ASCII (０１２ （ ） － ／ ．…, what a
 * Chinese input method types in full-width mode) folded to ASCII and the
 * ideographic space to a space. */
static char *
fold_width (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; )
    {
      if ((guchar) *p < 0x80)
        {
          g_string_append_c (out, *p++);
          continue;
        }

      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (c >= 0xFF01 && c <= 0xFF5E)
        g_string_append_c (out, (char) (c - 0xFF01 + 0x21));
      else if (c == 0x3000)
        g_string_append_c (out, ' ');
      else
        g_string_append_len (out, p, next - p);
      p = next;
    }
  return g_string_free (out, FALSE);
}

/* Copy of @text without the characters of @drop (ASCII only). */
static char *
strip_chars (const char *text, const char *drop)
{
  char *out = g_malloc (strlen (text) + 1);
  char *o = out;

  for (const char *p = text; *p; p++)
    if (strchr (drop, *p) == NULL)
      *o++ = *p;
  *o = '\0';
  return out;
}

static gboolean
all_ascii_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* 3.60426E+17, 6.21700E+18: a long number after a numeric spreadsheet cell. */
static gboolean
is_scientific (const char *s)
{
  const char *e = strpbrk (s, "eE");

  if (e == NULL || e == s || !g_ascii_isdigit (*s))
    return FALSE;
  for (const char *p = s; p < e; p++)
    if (!g_ascii_isdigit (*p) && *p != '.' && *p != ',')
      return FALSE;
  e++;
  if (*e == '+')
    e++;
  return all_ascii_digits (e);
}

/* Reads 1 to @max digits at *p. */
static gboolean
read_number (const char **p, int min, int max, int *value)
{
  int n = 0, v = 0;

  while (n < max && g_ascii_isdigit (**p))
    {
      v = v * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  if (n < min || g_ascii_isdigit (**p))
    return FALSE;
  *value = v;
  return TRUE;
}

static gboolean
skip_literal (const char **p, const char *literal)
{
  gsize n = strlen (literal);

  if (strncmp (*p, literal, n) != 0)
    return FALSE;
  *p += n;
  return TRUE;
}

static gboolean
skip_date_separator (const char **p)
{
  if (**p == '-' || **p == '/' || **p == '.')
    {
      (*p)++;
      return TRUE;
    }
  return FALSE;
}

/* --- value rules ----------------------------------------------------------- */

static char *
date_error (GError **error, const char *text)
{
  g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
               _("“%s” is not a date: write it as 1991-01-31, 1991/1/31, "
                 "1991.1.31, 1991年1月31日 or 199101."),
               text);
  return NULL;
}

char *
sy_recipient_parse_date (const char  *text,
                         GError     **error)
{
  g_autofree char *s = NULL;
  const char *p;
  char *cut;
  int year = 0, month = 0, day = 0;
  gboolean month_only = FALSE;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  s = g_strstrip (fold_width (text));
  /* "1991-01-31 00:00:00" from a date cell exported with its time. */
  if ((cut = strchr (s, ' ')) != NULL && strchr (cut, ':') != NULL)
    *cut = '\0';
  len = strlen (s);
  p = s;

  if (all_ascii_digits (s))
    {
      if (len == 5)
        {
          g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                       _("“%s” is an Excel date serial number, not a date: format "
                         "the column as a date (yyyy-mm-dd) in Excel before "
                         "saving."),
                       text);
          return NULL;
        }
      if (len != 6 && len != 8)
        return date_error (error, text);
      for (int i = 0; i < 4; i++)
        year = year * 10 + (s[i] - '0');
      month = (s[4] - '0') * 10 + (s[5] - '0');
      if (len == 8)
        day = (s[6] - '0') * 10 + (s[7] - '0');
      else
        month_only = TRUE;
    }
  else
    {
      gboolean chinese;

      if (!read_number (&p, 4, 4, &year))
        return date_error (error, text);
      chinese = skip_literal (&p, "年");
      if (!chinese && !skip_date_separator (&p))
        return date_error (error, text);
      if (!read_number (&p, 1, 2, &month))
        return date_error (error, text);
      if (chinese && !skip_literal (&p, "月"))
        return date_error (error, text);
      if (*p == '\0')
        month_only = TRUE;
      else
        {
          if (!chinese && !skip_date_separator (&p))
            return date_error (error, text);
          if (!read_number (&p, 1, 2, &day))
            return date_error (error, text);
          if (chinese && !skip_literal (&p, "日"))
            skip_literal (&p, "号");
          if (*p != '\0')
            return date_error (error, text);
        }
    }

  if (year < 1800 || month < 1 || month > 12
      || (!month_only && !g_date_valid_dmy (day, month, year)))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("“%s” is not a real date."), text);
      return NULL;
    }
  if (month_only)
    return g_strdup_printf ("%04d-%02d", year, month);
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

int
sy_recipient_parse_grade (const char  *text,
                          GError     **error)
{
  static const char *const numerals[] = {
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
  };
  g_autofree char *folded = NULL;
  g_autofree char *s = NULL;
  char *suffix;
  int grade = 0;

  g_return_val_if_fail (text != NULL, 0);

  folded = fold_width (text);
  s = strip_chars (folded, " ");
  if ((suffix = strstr (s, "级")) != NULL && suffix[strlen ("级")] == '\0')
    *suffix = '\0';

  if (all_ascii_digits (s) && strlen (s) <= 2)
    grade = atoi (s);
  else
    for (guint i = 0; i < G_N_ELEMENTS (numerals); i++)
      if (strcmp (s, numerals[i]) == 0)
        grade = i + 1;

  if (grade < 1 || grade > 10)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("Disability grade “%s” is not a grade from 1 to 10 (write 1 "
                     "to 10, 3级 or 三级)."),
                   text);
      return 0;
    }
  return grade;
}

static GRegex *
landline_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      /* (area code)? number (extension)?, spaces already removed. */
      GRegex *r = g_regex_new ("^(?:\\(?(0[1-9][0-9]{1,2})\\)?-?)?([2-9][0-9]{6,7})"
                               "(?:(?:-|转|#|ext\\.?|x)([0-9]{1,6}))?$",
                               G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
      g_once_init_leave (&regex, r);
    }
  return regex;
}

static char *
parse_one_phone (const char *part)
{
  g_autofree char *compact = strip_chars (part, " -()");
  g_autofree char *spaceless = strip_chars (part, " ");
  g_autoptr(GMatchInfo) match = NULL;
  const char *digits = compact;

  if (g_str_has_prefix (digits, "+86"))
    digits += 3;
  else if (g_str_has_prefix (digits, "0086"))
    digits += 4;
  else if (g_str_has_prefix (digits, "86") && strlen (digits) == 13)
    digits += 2;
  if (strlen (digits) == 11 && digits[0] == '1' && all_ascii_digits (digits))
    return g_strdup (digits);

  if (g_regex_match (landline_regex (), spaceless, 0, &match))
    {
      g_autofree char *area = g_match_info_fetch (match, 1);
      g_autofree char *number = g_match_info_fetch (match, 2);
      g_autofree char *extension = g_match_info_fetch (match, 3);
      GString *out = g_string_new (NULL);

      if (area != NULL && *area != '\0')
        g_string_append_printf (out, "%s-", area);
      g_string_append (out, number);
      if (extension != NULL && *extension != '\0')
        g_string_append_printf (out, "-%s", extension);
      return g_string_free (out, FALSE);
    }
  return NULL;
}

char *
sy_recipient_parse_phone (const char  *text,
                          GError     **error)
{
  g_autofree char *folded = NULL;
  g_autoptr(GString) unified = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  /* Several numbers may share the cell, separated by / 、 , or ; (the
   * full-width ， ； ／ are ASCII once folded). */
  folded = fold_width (text);
  unified = g_string_new (folded);
  g_string_replace (unified, "、", "/", 0);
  for (gsize i = 0; i < unified->len; i++)
    if (unified->str[i] == ',' || unified->str[i] == ';')
      unified->str[i] = '/';
  parts = g_strsplit (unified->str, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *one = NULL;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      one = parse_one_phone (parts[i]);
      if (one == NULL)
        {
          g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                       _("Phone “%s” is neither an 11-digit mobile number starting "
                         "with 1 nor a landline number such as 0791-86123456."),
                       parts[i]);
          return NULL;
        }
      if (out->len > 0)
        g_string_append_c (out, '/');
      g_string_append (out, one);
    }
  if (out->len == 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("Phone “%s” holds no number."), text);
      return NULL;
    }
  return g_strdup (out->str);
}

/* --- the row --------------------------------------------------------------- */

struct _SyRecipientRow
{
  GObject parent_instance;

  guint        line;
  SyRecipient *recipient;
  GPtrArray   *categories;      /* SyRecipientCategory */
  GStrv        category_names;
  char        *id_number;       /* normalised, valid; else NULL */
  char        *head_id_number;  /* the 户主's, normalised, valid; else NULL */
  GPtrArray   *issues;          /* SyImportIssue; NULL until the first */
  guint        n_errors;
  guint        n_warnings;
};

G_DEFINE_FINAL_TYPE (SyRecipientRow, sy_recipient_row, G_TYPE_OBJECT)

static void
sy_recipient_row_finalize (GObject *object)
{
  SyRecipientRow *self = SY_RECIPIENT_ROW (object);

  g_clear_object (&self->recipient);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_strfreev (self->category_names);
  g_free (self->id_number);
  g_free (self->head_id_number);
  g_clear_pointer (&self->issues, g_ptr_array_unref);

  G_OBJECT_CLASS (sy_recipient_row_parent_class)->finalize (object);
}

static void
sy_recipient_row_class_init (SyRecipientRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_recipient_row_finalize;
}

static void
sy_recipient_row_init (SyRecipientRow *self)
{
}

static void
add_issue_literal (SyRecipientRow   *self,
                   SyImportSeverity  severity,
                   const char       *column,
                   char             *message)  /* (transfer full) */
{
  SyImportIssue *issue = g_new0 (SyImportIssue, 1);

  issue->line = self->line;
  issue->column = g_strdup (column);
  issue->severity = severity;
  issue->message = message;
  if (self->issues == NULL)
    self->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_import_issue_free);
  g_ptr_array_add (self->issues, issue);
  if (severity == SY_IMPORT_ERROR)
    self->n_errors++;
  else
    self->n_warnings++;
}

void
sy_recipient_row_add_issue (SyRecipientRow   *self,
                            SyImportSeverity  severity,
                            const char       *column,
                            const char       *format,
                            ...)
{
  va_list args;

  g_return_if_fail (SY_IS_RECIPIENT_ROW (self));
  g_return_if_fail (format != NULL);

  va_start (args, format);
  add_issue_literal (self, severity, column, g_strdup_vprintf (format, args));
  va_end (args);
}

/* What validation needs while it runs. */
typedef struct
{
  SyRecipientRow     *row;
  const char         *values[SY_RECIPIENT_N_FIELDS];  /* NULL when empty */
  char               *owned[SY_RECIPIENT_N_FIELDS];
  const char * const *titles;
} Check;

static const char *
column_of (Check *c, SyRecipientField field)
{
  if (c->titles != NULL && c->titles[field] != NULL && *c->titles[field] != '\0')
    return c->titles[field];
  return field_info[field].title;
}

static gboolean
column_present (Check *c, SyRecipientField field)
{
  return c->titles == NULL || c->titles[field] != NULL;
}

static void report (Check *c, SyRecipientField field, SyImportSeverity severity,
                    const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
report (Check            *c,
        SyRecipientField  field,
        SyImportSeverity  severity,
        const char       *format,
        ...)
{
  va_list args;

  va_start (args, format);
  add_issue_literal (c->row, severity, column_of (c, field), g_strdup_vprintf (format, args));
  va_end (args);
}

static void
report_error (Check *c, SyRecipientField field, SyImportSeverity severity, GError *error)
{
  add_issue_literal (c->row, severity, column_of (c, field), g_strdup (error->message));
}

/* The cell as the person meant it: spreadsheets and exporters protect
 * long numbers as ="360426…" or '360426…; drop that wrapping. */
static void
take_value (Check *c, SyRecipientField field, const char *raw)
{
  gsize len;

  if (raw == NULL || *raw == '\0')
    return;
  len = strlen (raw);
  if (len >= 3 && raw[0] == '=' && raw[1] == '"' && raw[len - 1] == '"')
    {
      c->owned[field] = g_strstrip (g_strndup (raw + 2, len - 3));
      raw = c->owned[field];
    }
  else if (raw[0] == '\'' && g_ascii_isdigit (raw[1]))
    raw++;
  if (*raw != '\0')
    c->values[field] = raw;
}

static gboolean
name_has_digit (const char *name)
{
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    if (g_unichar_isdigit (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
check_name (Check *c)
{
  const char *name = c->values[SY_RECIPIENT_FIELD_NAME];
  glong n;

  if (name == NULL)
    {
      report (c, SY_RECIPIENT_FIELD_NAME, SY_IMPORT_ERROR, _("The name is empty."));
      return;
    }
  sy_recipient_set_name (c->row->recipient, name);
  n = g_utf8_strlen (name, -1);
  if (n < 2 || n > 20)
    report (c, SY_RECIPIENT_FIELD_NAME, SY_IMPORT_ERROR,
            _("The name “%s” has %ld characters; a name has 2 to 20."), name, n);
  else if (name_has_digit (name))
    report (c, SY_RECIPIENT_FIELD_NAME, SY_IMPORT_ERROR,
            _("The name “%s” contains a digit."), name);
}

static const char *
sex_name (SySex sex)
{
  return sex == SY_SEX_MALE ? "男" : sex == SY_SEX_FEMALE ? "女" : "";
}

static SySex
parse_sex (const char *text)
{
  static const char *const male[] = { "男", "男性", "M", "MALE", "1" };
  static const char *const female[] = { "女", "女性", "F", "FEMALE", "2" };
  g_autofree char *up = g_ascii_strup (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (male); i++)
    if (strcmp (up, male[i]) == 0)
      return SY_SEX_MALE;
  for (guint i = 0; i < G_N_ELEMENTS (female); i++)
    if (strcmp (up, female[i]) == 0)
      return SY_SEX_FEMALE;
  return SY_SEX_UNKNOWN;
}

/* Rosters list the 户主's ID number on every member's line, and often on the
 * head's own line too: that one means "this person heads the household". */
static void
check_head (Check *c)
{
  const char *head = c->values[SY_RECIPIENT_FIELD_HEAD_ID_NUMBER];
  g_autoptr(GError) error = NULL;
  SyIdInfo info;

  if (head == NULL)
    return;
  if (!sy_id_number_validate (head, &info, &error))
    {
      report_error (c, SY_RECIPIENT_FIELD_HEAD_ID_NUMBER, SY_IMPORT_ERROR, error);
      return;
    }
  if (g_strcmp0 (info.normalized, c->row->id_number) == 0)
    return;
  c->row->head_id_number = g_strdup (info.normalized);
}

static void
check_identity (Check *c)
{
  SyRecipient *r = c->row->recipient;
  const char *id = c->values[SY_RECIPIENT_FIELD_ID_NUMBER];
  const char *sex_text = c->values[SY_RECIPIENT_FIELD_SEX];
  const char *birth_text = c->values[SY_RECIPIENT_FIELD_BIRTH_DATE];
  g_autoptr(GError) error = NULL;
  g_autofree char *birth = NULL;
  gboolean id_valid;
  SySex sex = SY_SEX_UNKNOWN;
  SyIdInfo info;

  id_valid = sy_id_number_validate (id, &info, &error);
  if (!id_valid)
    {
      report_error (c, SY_RECIPIENT_FIELD_ID_NUMBER, SY_IMPORT_ERROR, error);
      g_clear_error (&error);
      sy_recipient_set_id_number (r, id);
    }
  else
    {
      c->row->id_number = g_strdup (info.normalized);
      sy_recipient_set_id_number (r, info.normalized);
      if (!sy_id_number_region_known (info.normalized))
        report (c, SY_RECIPIENT_FIELD_ID_NUMBER, SY_IMPORT_WARNING,
                _("ID number %s starts with %.2s, which is not a known province "
                  "code; check the number."),
                info.normalized, info.normalized);
    }

  if (sex_text != NULL)
    {
      sex = parse_sex (sex_text);
      if (sex == SY_SEX_UNKNOWN)
        report (c, SY_RECIPIENT_FIELD_SEX, id_valid ? SY_IMPORT_WARNING : SY_IMPORT_ERROR,
                id_valid ? _("Sex “%s” is neither 男 nor 女; the sex from the ID "
                             "number is imported.")
                         : _("Sex “%s” is neither 男 nor 女."),
                sex_text);
      else if (id_valid && sex != info.sex)
        report (c, SY_RECIPIENT_FIELD_SEX, SY_IMPORT_WARNING,
                _("Sex “%s” does not match ID number %s, which says %s; %s is "
                  "imported."),
                sex_text, info.normalized, sex_name (info.sex), sex_name (info.sex));
    }
  if (id_valid)
    sex = info.sex;
  if (sex != SY_SEX_UNKNOWN)
    sy_recipient_set_sex (r, sex_name (sex));
  else if (sex_text != NULL)
    sy_recipient_set_sex (r, sex_text);

  if (birth_text != NULL)
    {
      birth = sy_recipient_parse_date (birth_text, &error);
      if (birth == NULL)
        {
          if (id_valid)
            report (c, SY_RECIPIENT_FIELD_BIRTH_DATE, SY_IMPORT_WARNING,
                    _("%s The birth date from the ID number is imported."),
                    error->message);
          else
            report_error (c, SY_RECIPIENT_FIELD_BIRTH_DATE, SY_IMPORT_ERROR, error);
        }
    }
  if (id_valid)
    {
      char id_birth[11];

      g_snprintf (id_birth, sizeof id_birth, "%04u-%02u-%02u",
                  (guint) g_date_get_year (&info.birth_date),
                  (guint) g_date_get_month (&info.birth_date),
                  (guint) g_date_get_day (&info.birth_date));
      /* A month-only date (出生年月) agrees when year and month do. */
      if (birth != NULL && strncmp (birth, id_birth, strlen (birth)) != 0)
        report (c, SY_RECIPIENT_FIELD_BIRTH_DATE, SY_IMPORT_WARNING,
                _("Birth date “%s” does not match ID number %s, which says %s; %s "
                  "is imported."),
                birth_text, info.normalized, id_birth, id_birth);
      sy_recipient_set_birth_date (r, id_birth);
    }
  else
    sy_recipient_set_birth_date (r, birth != NULL ? birth : birth_text);
}

static void
check_phone (Check *c)
{
  const char *text = c->values[SY_RECIPIENT_FIELD_PHONE];
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = NULL;

  if (text == NULL)
    return;
  phone = sy_recipient_parse_phone (text, &error);
  if (phone == NULL)
    report_error (c, SY_RECIPIENT_FIELD_PHONE, SY_IMPORT_WARNING, error);
  sy_recipient_set_phone (c->row->recipient, phone != NULL ? phone : text);
}

static void
check_hukou (Check *c)
{
  static const char *const urban[] = { "城镇", "城市", "非农", "非农业", "城镇户口", "非农业户口" };
  static const char *const rural[] = { "农村", "农业", "农村户口", "农业户口" };
  const char *text = c->values[SY_RECIPIENT_FIELD_HUKOU];

  if (text == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (urban); i++)
    if (strcmp (text, urban[i]) == 0)
      {
        sy_recipient_set_hukou (c->row->recipient, "城镇");
        return;
      }
  for (guint i = 0; i < G_N_ELEMENTS (rural); i++)
    if (strcmp (text, rural[i]) == 0)
      {
        sy_recipient_set_hukou (c->row->recipient, "农村");
        return;
      }
  report (c, SY_RECIPIENT_FIELD_HUKOU, SY_IMPORT_WARNING,
          _("Hukou type “%s” is neither 城镇 nor 农村; it is imported as written."),
          text);
  sy_recipient_set_hukou (c->row->recipient, text);
}

static void
check_ethnicity (Check *c)
{
  /* The 56 groups without 族, as people often write them (汉, 回, 维吾尔). */
  static const char *const groups[] = {
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满",
    "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲",
    "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔",
    "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
    "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京",
    "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
  };
  const char *text = c->values[SY_RECIPIENT_FIELD_ETHNICITY];

  if (text == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (strcmp (text, groups[i]) == 0)
      {
        g_autofree char *full = g_strconcat (text, "族", NULL);
        sy_recipient_set_ethnicity (c->row->recipient, full);
        return;
      }
  sy_recipient_set_ethnicity (c->row->recipient, text);
}

static void
check_account (Check *c)
{
  const char *text = c->values[SY_RECIPIENT_FIELD_ACCOUNT];
  g_autofree char *folded = NULL;
  g_autofree char *compact = NULL;

  if (text == NULL)
    return;
  folded = fold_width (text);
  compact = strip_chars (folded, " -");
  if (is_scientific (compact))
    {
      report (c, SY_RECIPIENT_FIELD_ACCOUNT, SY_IMPORT_ERROR,
              _("“%s” is not an account number any more: Excel stored the cell "
                "as a number and rounded away its last digits. In Excel, format "
                "the column as Text (文本), then enter or paste the account "
                "numbers again."),
              text);
      sy_recipient_set_account (c->row->recipient, text);
      return;
    }
  if (!all_ascii_digits (compact))
    report (c, SY_RECIPIENT_FIELD_ACCOUNT, SY_IMPORT_WARNING,
            _("Account number “%s” contains characters other than digits."), text);
  sy_recipient_set_account (c->row->recipient, all_ascii_digits (compact) ? compact : text);
}

static void
check_flag (Check *c, SyRecipientField field)
{
  static const char *const yes[] = { "是", "√", "✓", "✔", "1", "Y", "YES", "TRUE", "有" };
  static const char *const no[] = { "否", "×", "✗", "0", "N", "NO", "FALSE", "无", "-" };
  const char *text = c->values[field];
  g_autofree char *up = NULL;
  gboolean value = FALSE, known = FALSE;

  if (text == NULL)
    return;
  up = g_ascii_strup (text, -1);
  for (guint i = 0; i < G_N_ELEMENTS (yes) && !known; i++)
    if (strcmp (up, yes[i]) == 0)
      known = value = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (no) && !known; i++)
    if (strcmp (up, no[i]) == 0)
      known = TRUE;
  if (!known)
    {
      report (c, field, SY_IMPORT_ERROR,
              _("“%s” is not yes or no: write 是 or 否 (√, 1 and 0 also work)."),
              text);
      return;
    }
  switch (field)
    {
    case SY_RECIPIENT_FIELD_DIBAO: sy_recipient_set_dibao (c->row->recipient, value); break;
    case SY_RECIPIENT_FIELD_WUBAO: sy_recipient_set_wubao (c->row->recipient, value); break;
    case SY_RECIPIENT_FIELD_GULAO: sy_recipient_set_gulao (c->row->recipient, value); break;
    default: g_assert_not_reached ();
    }
}

static void
check_status (Check *c)
{
  static const char *const known[] = { "在册", "减员", "迁出", "迁入", "取消资格", "暂停", "停发" };
  const char *text = c->values[SY_RECIPIENT_FIELD_STATUS];

  if (text == NULL || strcmp (text, "正常") == 0 || strcmp (text, "在籍") == 0)
    {
      sy_recipient_set_status (c->row->recipient, "在册");
      return;
    }
  if (!g_strv_contains ((const char * const *) known, text))
    report (c, SY_RECIPIENT_FIELD_STATUS, SY_IMPORT_WARNING,
            _("Status “%s” is not one of 在册, 减员, 迁出, 迁入, 取消资格, 暂停, "
              "停发; it is imported as written."),
            text);
  sy_recipient_set_status (c->row->recipient, text);
}

static gboolean
is_category_separator (gunichar ch)
{
  return ch == 0x3001 /* 、 */ || ch == ',' || ch == 0xFF0C /* ， */
         || ch == ';' || ch == 0xFF1B /* ； */ || ch == '/' || ch == 0xFF0F /* ／ */
         || ch == '|' || g_unichar_isspace (ch);
}

static GStrv
split_categories (const char *text)
{
  GPtrArray *names = g_ptr_array_new ();
  const char *start = text;
  const char *p = text;

  for (;;)
    {
      gunichar ch = *p ? g_utf8_get_char (p) : 0;

      if (ch == 0 || is_category_separator (ch))
        {
          if (p > start)
            {
              char *name = g_strndup (start, p - start);
              gboolean seen = FALSE;

              for (guint i = 0; i < names->len && !seen; i++)
                seen = strcmp (g_ptr_array_index (names, i), name) == 0;
              if (seen)
                g_free (name);
              else
                g_ptr_array_add (names, name);
            }
          if (ch == 0)
            break;
          p = g_utf8_next_char (p);
          start = p;
          continue;
        }
      p = g_utf8_next_char (p);
    }
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

static gboolean
is_disability_category (const char *name)
{
  /* 残疾军人, 伤残民兵民工, 伤残人民警察 … */
  return strstr (name, "残") != NULL;
}

/* A date field of the categories: normalised, or NULL after an error. */
static char *
category_date (Check *c, SyRecipientField field)
{
  g_autoptr(GError) error = NULL;
  char *date;

  if (c->values[field] == NULL)
    return NULL;
  date = sy_recipient_parse_date (c->values[field], &error);
  if (date == NULL)
    report_error (c, field, SY_IMPORT_ERROR, error);
  return date;
}

static void
check_categories (Check *c)
{
  SyRecipientRow *row = c->row;
  const char *text = c->values[SY_RECIPIENT_FIELD_CATEGORIES];
  const char *grade_text = c->values[SY_RECIPIENT_FIELD_DISABILITY_GRADE];
  const char *nature = c->values[SY_RECIPIENT_FIELD_DISABILITY_NATURE];
  const char *certificate = c->values[SY_RECIPIENT_FIELD_CERTIFICATE_NO];
  const char *service_unit = c->values[SY_RECIPIENT_FIELD_SERVICE_UNIT];
  const char *soldier = c->values[SY_RECIPIENT_FIELD_RELATED_SOLDIER];
  g_autofree char *enlist = category_date (c, SY_RECIPIENT_FIELD_ENLIST_DATE);
  g_autofree char *discharge = category_date (c, SY_RECIPIENT_FIELD_DISCHARGE_DATE);
  g_autofree char *joined = NULL;
  gboolean any_disability = FALSE;
  gboolean any_family = FALSE;
  int grade = 0;
  guint n;

  row->category_names = text != NULL ? split_categories (text) : g_new0 (char *, 1);
  n = g_strv_length (row->category_names);

  if (grade_text != NULL)
    {
      g_autoptr(GError) error = NULL;

      grade = sy_recipient_parse_grade (grade_text, &error);
      if (grade == 0)
        report_error (c, SY_RECIPIENT_FIELD_DISABILITY_GRADE, SY_IMPORT_ERROR, error);
    }
  if (nature != NULL && strcmp (nature, "因战") != 0 && strcmp (nature, "因公") != 0
      && strcmp (nature, "因病") != 0)
    report (c, SY_RECIPIENT_FIELD_DISABILITY_NATURE, SY_IMPORT_WARNING,
            _("Disability cause “%s” is not 因战, 因公 or 因病; it is imported as "
              "written."),
            nature);
  if (enlist != NULL && discharge != NULL && strcmp (discharge, enlist) < 0)
    report (c, SY_RECIPIENT_FIELD_DISCHARGE_DATE, SY_IMPORT_WARNING,
            _("Discharge date %s is before the enlistment date %s."),
            discharge, enlist);

  for (guint i = 0; i < n; i++)
    {
      const char *name = row->category_names[i];
      SyRecipientCategory *category = sy_recipient_category_new ();

      sy_recipient_category_set_category (category, name);
      if (i == 0)
        sy_recipient_category_set_certificate_no (category, certificate);
      if (is_disability_category (name))
        {
          any_disability = TRUE;
          sy_recipient_category_set_disability_grade (category, grade);
          sy_recipient_category_set_disability_nature (category, nature);
        }
      sy_recipient_category_set_enlist_date (category, enlist);
      sy_recipient_category_set_discharge_date (category, discharge);
      sy_recipient_category_set_service_unit (category, service_unit);
      if (sy_recipient_category_name_is_family (name))
        {
          any_family = TRUE;
          sy_recipient_category_set_related_soldier (category, soldier);
        }
      g_ptr_array_add (row->categories, category);
    }

  if (n == 0)
    {
      /* A file without a category column gets one warning for the header
       * (the mapping's), not one per line. */
      if (column_present (c, SY_RECIPIENT_FIELD_CATEGORIES))
        report (c, SY_RECIPIENT_FIELD_CATEGORIES, SY_IMPORT_WARNING,
                _("No category is given; the person is imported without one."));
      for (SyRecipientField f = SY_RECIPIENT_FIELD_CERTIFICATE_NO;
           f <= SY_RECIPIENT_FIELD_RELATED_SOLDIER; f++)
        if (c->values[f] != NULL)
          report (c, f, SY_IMPORT_WARNING,
                  _("“%s” belongs to a category, but the row has none; it is not "
                    "imported."),
                  c->values[f]);
    }
  else if (!any_disability && (grade_text != NULL || nature != NULL))
    report (c, grade_text != NULL ? SY_RECIPIENT_FIELD_DISABILITY_GRADE
                                  : SY_RECIPIENT_FIELD_DISABILITY_NATURE,
            SY_IMPORT_WARNING,
            _("“%s” is given, but none of the categories (%s) is a disability "
              "category; it is not imported."),
            grade_text != NULL ? grade_text : nature, text);
  if (n > 0 && !any_family && soldier != NULL)
    report (c, SY_RECIPIENT_FIELD_RELATED_SOLDIER, SY_IMPORT_WARNING,
            _("“%s” is given, but none of the categories (%s) is a family category "
              "(军属, 遗属 …); it is not imported."),
            soldier, text);

  joined = g_strjoinv ("、", row->category_names);
  sy_recipient_set_categories (row->recipient, n > 0 ? joined : NULL);
}

/* Names, numbers and dates are one short line (SY_FIELD_LINE: the store
 * refuses longer ones); a cell far longer is a shifted or garbled row.
 * Said here with the file's line and column; the row is refused. */
static void
check_lengths (Check *c)
{
  for (guint f = 1; f < SY_RECIPIENT_N_FIELDS; f++)
    {
      glong n;

      if (f == SY_RECIPIENT_FIELD_ADDRESS || f == SY_RECIPIENT_FIELD_NOTES
          || f == SY_RECIPIENT_FIELD_CATEGORIES || c->values[f] == NULL
          || (n = g_utf8_strlen (c->values[f], -1)) <= SY_RECORD_LINE_MAX)
        continue;
      report (c, f, SY_IMPORT_ERROR, _("too long: %ld characters, at most %d"), n, SY_RECORD_LINE_MAX);
    }
}

SyRecipientRow *
sy_recipient_row_new (guint               line,
                      const char * const *values,
                      const char * const *titles)
{
  SyRecipientRow *self;
  Check c = { 0 };
  SyRecipient *r;

  g_return_val_if_fail (values != NULL, NULL);

  self = g_object_new (SY_TYPE_RECIPIENT_ROW, NULL);
  self->line = line;
  self->recipient = r = sy_recipient_new ();
  self->categories = g_ptr_array_new_with_free_func (g_object_unref);

  c.row = self;
  c.titles = titles;
  for (guint f = 1; f < SY_RECIPIENT_N_FIELDS; f++)
    take_value (&c, f, values[f]);
  check_lengths (&c);

  check_name (&c);
  check_identity (&c);
  check_ethnicity (&c);
  check_phone (&c);
  check_hukou (&c);
  sy_recipient_set_village (r, c.values[SY_RECIPIENT_FIELD_VILLAGE]);
  sy_recipient_set_address (r, c.values[SY_RECIPIENT_FIELD_ADDRESS]);
  sy_recipient_set_relation_to_head (r, c.values[SY_RECIPIENT_FIELD_RELATION_TO_HEAD]);
  check_head (&c);
  check_categories (&c);
  sy_recipient_set_bank (r, c.values[SY_RECIPIENT_FIELD_BANK]);
  sy_recipient_set_account_name (r, c.values[SY_RECIPIENT_FIELD_ACCOUNT_NAME]);
  check_account (&c);
  check_flag (&c, SY_RECIPIENT_FIELD_DIBAO);
  check_flag (&c, SY_RECIPIENT_FIELD_WUBAO);
  check_flag (&c, SY_RECIPIENT_FIELD_GULAO);
  check_status (&c);
  sy_recipient_set_notes (r, c.values[SY_RECIPIENT_FIELD_NOTES]);

  for (guint f = 0; f < SY_RECIPIENT_N_FIELDS; f++)
    g_free (c.owned[f]);
  return self;
}

guint
sy_recipient_row_get_line (SyRecipientRow *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_ROW (self), 0);
  return self->line;
}

SyRecipient *
sy_recipient_row_get_recipient (SyRecipientRow *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_ROW (self), NULL);
  return self->recipient;
}

GPtrArray *
sy_recipient_row_get_categories (SyRecipientRow *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_ROW (self), NULL);
  return self->categories;
}

const char * const *
sy_recipient_row_get_category_names (SyRecipientRow *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_ROW (self), NULL);
  return (const char * const *) self->category_names;
}

const char *
sy_recipient_row_get_head_id_number (SyRecipientRow *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_ROW (self), NULL);
  return self->head_id_number;
}

const char *
sy_recipient_row_get_id_number (SyRecipientRow *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_ROW (self), NULL);
  return self->id_number;
}

GPtrArray *
sy_recipient_row_get_issues (SyRecipientRow *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_ROW (self), NULL);
  if (self->issues == NULL)
    self->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_import_issue_free);
  return self->issues;
}

gboolean
sy_recipient_row_has_errors (SyRecipientRow *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_ROW (self), TRUE);
  return self->n_errors > 0;
}

guint
sy_recipient_row_get_n_errors (SyRecipientRow *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_ROW (self), 0);
  return self->n_errors;
}

guint
sy_recipient_row_get_n_warnings (SyRecipientRow *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_ROW (self), 0);
  return self->n_warnings;
}
