/* sy-recipient-mapping.c: which column of an imported table is which field */
#include "sy-recipient-mapping.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sy-error.h"

/* Rows searched for the column titles: lists exported from Excel often
 * carry a title (XX镇优抚对象花名册) and a date line above them. */
#define HEADER_SEARCH_ROWS 10

/* --- titles ---------------------------------------------------------------- */

typedef struct
{
  const char       *title;  /* normalised: no spaces, brackets or colon */
  SyRecipientField  field;
} Synonym;

static const Synonym synonyms[] = {
  { "姓名", SY_RECIPIENT_FIELD_NAME },
  { "名字", SY_RECIPIENT_FIELD_NAME },
  { "名称", SY_RECIPIENT_FIELD_NAME },
  { "优抚对象姓名", SY_RECIPIENT_FIELD_NAME },
  { "身份证号", SY_RECIPIENT_FIELD_ID_NUMBER },
  { "公民身份号码", SY_RECIPIENT_FIELD_ID_NUMBER },
  { "身份证号码", SY_RECIPIENT_FIELD_ID_NUMBER },
  { "身份证", SY_RECIPIENT_FIELD_ID_NUMBER },
  { "证件号码", SY_RECIPIENT_FIELD_ID_NUMBER },
  { "公民身份证号码", SY_RECIPIENT_FIELD_ID_NUMBER },
  { "身份证件号码", SY_RECIPIENT_FIELD_ID_NUMBER },
  { "性别", SY_RECIPIENT_FIELD_SEX },
  { "民族", SY_RECIPIENT_FIELD_ETHNICITY },
  { "出生日期", SY_RECIPIENT_FIELD_BIRTH_DATE },
  { "出生年月", SY_RECIPIENT_FIELD_BIRTH_DATE },
  { "出生年月日", SY_RECIPIENT_FIELD_BIRTH_DATE },
  { "电话", SY_RECIPIENT_FIELD_PHONE },
  { "联系电话", SY_RECIPIENT_FIELD_PHONE },
  { "手机", SY_RECIPIENT_FIELD_PHONE },
  { "手机号", SY_RECIPIENT_FIELD_PHONE },
  { "手机号码", SY_RECIPIENT_FIELD_PHONE },
  { "电话号码", SY_RECIPIENT_FIELD_PHONE },
  { "联系方式", SY_RECIPIENT_FIELD_PHONE },
  { "户籍类别", SY_RECIPIENT_FIELD_HUKOU },
  { "户口性质", SY_RECIPIENT_FIELD_HUKOU },
  { "户籍", SY_RECIPIENT_FIELD_HUKOU },
  { "户口类别", SY_RECIPIENT_FIELD_HUKOU },
  { "户籍性质", SY_RECIPIENT_FIELD_HUKOU },
  { "村", SY_RECIPIENT_FIELD_VILLAGE },
  { "所属村社区", SY_RECIPIENT_FIELD_VILLAGE },
  { "社区", SY_RECIPIENT_FIELD_VILLAGE },
  { "村社区", SY_RECIPIENT_FIELD_VILLAGE },
  { "村居", SY_RECIPIENT_FIELD_VILLAGE },
  { "所属村", SY_RECIPIENT_FIELD_VILLAGE },
  { "所属社区", SY_RECIPIENT_FIELD_VILLAGE },
  { "住址", SY_RECIPIENT_FIELD_ADDRESS },
  { "家庭住址", SY_RECIPIENT_FIELD_ADDRESS },
  { "地址", SY_RECIPIENT_FIELD_ADDRESS },
  { "现住址", SY_RECIPIENT_FIELD_ADDRESS },
  { "家庭地址", SY_RECIPIENT_FIELD_ADDRESS },
  { "居住地址", SY_RECIPIENT_FIELD_ADDRESS },
  { "与户主关系", SY_RECIPIENT_FIELD_RELATION_TO_HEAD },
  { "户主身份证号", SY_RECIPIENT_FIELD_HEAD_ID_NUMBER },
  { "户主身份证", SY_RECIPIENT_FIELD_HEAD_ID_NUMBER },
  { "户主证件号", SY_RECIPIENT_FIELD_HEAD_ID_NUMBER },
  { "户主身份证号码", SY_RECIPIENT_FIELD_HEAD_ID_NUMBER },
  { "户主证件号码", SY_RECIPIENT_FIELD_HEAD_ID_NUMBER },
  { "类别", SY_RECIPIENT_FIELD_CATEGORIES },
  { "优抚类别", SY_RECIPIENT_FIELD_CATEGORIES },
  { "人员类别", SY_RECIPIENT_FIELD_CATEGORIES },
  { "对象类别", SY_RECIPIENT_FIELD_CATEGORIES },
  { "证件编号", SY_RECIPIENT_FIELD_CERTIFICATE_NO },
  { "优抚证号", SY_RECIPIENT_FIELD_CERTIFICATE_NO },
  { "优抚证编号", SY_RECIPIENT_FIELD_CERTIFICATE_NO },
  { "伤残等级", SY_RECIPIENT_FIELD_DISABILITY_GRADE },
  { "残疾等级", SY_RECIPIENT_FIELD_DISABILITY_GRADE },
  { "伤残性质", SY_RECIPIENT_FIELD_DISABILITY_NATURE },
  { "残疾性质", SY_RECIPIENT_FIELD_DISABILITY_NATURE },
  { "入伍时间", SY_RECIPIENT_FIELD_ENLIST_DATE },
  { "入伍年月", SY_RECIPIENT_FIELD_ENLIST_DATE },
  { "入伍日期", SY_RECIPIENT_FIELD_ENLIST_DATE },
  { "退役时间", SY_RECIPIENT_FIELD_DISCHARGE_DATE },
  { "退伍时间", SY_RECIPIENT_FIELD_DISCHARGE_DATE },
  { "退役日期", SY_RECIPIENT_FIELD_DISCHARGE_DATE },
  { "退伍日期", SY_RECIPIENT_FIELD_DISCHARGE_DATE },
  { "退役年月", SY_RECIPIENT_FIELD_DISCHARGE_DATE },
  { "退伍年月", SY_RECIPIENT_FIELD_DISCHARGE_DATE },
  { "服役部队", SY_RECIPIENT_FIELD_SERVICE_UNIT },
  { "原部队", SY_RECIPIENT_FIELD_SERVICE_UNIT },
  { "原服役部队", SY_RECIPIENT_FIELD_SERVICE_UNIT },
  { "关联军人", SY_RECIPIENT_FIELD_RELATED_SOLDIER },
  { "军人姓名", SY_RECIPIENT_FIELD_RELATED_SOLDIER },
  { "现役军人姓名", SY_RECIPIENT_FIELD_RELATED_SOLDIER },
  { "义务兵姓名", SY_RECIPIENT_FIELD_RELATED_SOLDIER },
  { "入伍人员姓名", SY_RECIPIENT_FIELD_RELATED_SOLDIER },
  { "烈士姓名", SY_RECIPIENT_FIELD_RELATED_SOLDIER },
  { "开户银行", SY_RECIPIENT_FIELD_BANK },
  { "开户行", SY_RECIPIENT_FIELD_BANK },
  { "户名", SY_RECIPIENT_FIELD_ACCOUNT_NAME },
  { "账户名", SY_RECIPIENT_FIELD_ACCOUNT_NAME },
  { "帐户名", SY_RECIPIENT_FIELD_ACCOUNT_NAME },
  { "账户名称", SY_RECIPIENT_FIELD_ACCOUNT_NAME },
  { "开户名", SY_RECIPIENT_FIELD_ACCOUNT_NAME },
  { "账号", SY_RECIPIENT_FIELD_ACCOUNT },
  { "帐号", SY_RECIPIENT_FIELD_ACCOUNT },
  { "银行账号", SY_RECIPIENT_FIELD_ACCOUNT },
  { "银行帐号", SY_RECIPIENT_FIELD_ACCOUNT },
  { "卡号", SY_RECIPIENT_FIELD_ACCOUNT },
  { "银行卡号", SY_RECIPIENT_FIELD_ACCOUNT },
  { "一卡通账号", SY_RECIPIENT_FIELD_ACCOUNT },
  { "一卡通帐号", SY_RECIPIENT_FIELD_ACCOUNT },
  { "低保", SY_RECIPIENT_FIELD_DIBAO },
  { "是否低保", SY_RECIPIENT_FIELD_DIBAO },
  { "低保户", SY_RECIPIENT_FIELD_DIBAO },
  { "五保", SY_RECIPIENT_FIELD_WUBAO },
  { "是否五保", SY_RECIPIENT_FIELD_WUBAO },
  { "五保户", SY_RECIPIENT_FIELD_WUBAO },
  { "孤老", SY_RECIPIENT_FIELD_GULAO },
  { "是否孤老", SY_RECIPIENT_FIELD_GULAO },
  { "状态", SY_RECIPIENT_FIELD_STATUS },
  { "人员状态", SY_RECIPIENT_FIELD_STATUS },
  { "备注", SY_RECIPIENT_FIELD_NOTES },
};

static gboolean
is_open_bracket (gunichar c)
{
  return c == '(' || c == 0xFF08 /* （ */ || c == '[' || c == 0x3010 /* 【 */
         || c == 0x3014 /* 〔 */ || c == 0xFF3B /* ［ */;
}

static gboolean
is_close_bracket (gunichar c)
{
  return c == ')' || c == 0xFF09 /* ） */ || c == ']' || c == 0x3011 /* 】 */
         || c == 0x3015 /* 〕 */ || c == 0xFF3D /* ］ */;
}

/* Spaces, brackets and required-field stars removed, ASCII lower case, no
 * trailing colon.  With @drop_bracketed, bracketed text goes too, so that
 * 身份证号（必填） finds 身份证号 while 所属村(社区) finds 所属村社区. */
static char *
normalize_title (const char *title, gboolean drop_bracketed)
{
  GString *out = g_string_sized_new (strlen (title));
  int depth = 0;

  for (const char *p = title; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_open_bracket (c))
        depth++;
      else if (is_close_bracket (c))
        depth = MAX (depth - 1, 0);
      else if (g_unichar_isspace (c) || c == 0xFEFF || (c >= 0x200B && c <= 0x200D)
               || c == '*' || c == 0xFF0A /* ＊ */)
        continue;
      else if (drop_bracketed && depth > 0)
        continue;
      else if (c < 0x80)
        g_string_append_c (out, g_ascii_tolower ((char) c));
      else
        g_string_append_unichar (out, c);
    }

  while (out->len > 0 && out->str[out->len - 1] == ':')
    g_string_truncate (out, out->len - 1);
  while (g_str_has_suffix (out->str, "："))
    g_string_truncate (out, out->len - strlen ("："));
  return g_string_free (out, FALSE);
}

static SyRecipientField
lookup (const char *normalized)
{
  if (*normalized == '\0')
    return SY_RECIPIENT_FIELD_NONE;
  for (gsize i = 0; i < G_N_ELEMENTS (synonyms); i++)
    if (strcmp (synonyms[i].title, normalized) == 0)
      return synonyms[i].field;
  /* The English keys, for files written by scripts. */
  return sy_recipient_field_from_string (normalized);
}

SyRecipientField
sy_recipient_field_from_title (const char *title)
{
  g_autofree char *kept = NULL;
  g_autofree char *dropped = NULL;
  SyRecipientField field;

  if (title == NULL)
    return SY_RECIPIENT_FIELD_NONE;
  kept = normalize_title (title, FALSE);
  if ((field = lookup (kept)) != SY_RECIPIENT_FIELD_NONE)
    return field;
  dropped = normalize_title (title, TRUE);
  return lookup (dropped);
}

/* --- the mapping ----------------------------------------------------------- */

struct _SyRecipientMapping
{
  GObject parent_instance;

  SyTable          *table;
  guint             header_row;
  guint             n_columns;
  SyRecipientField *fields;  /* n_columns */
};

G_DEFINE_FINAL_TYPE (SyRecipientMapping, sy_recipient_mapping, G_TYPE_OBJECT)

static void
sy_recipient_mapping_finalize (GObject *object)
{
  SyRecipientMapping *self = SY_RECIPIENT_MAPPING (object);

  g_clear_object (&self->table);
  g_free (self->fields);

  G_OBJECT_CLASS (sy_recipient_mapping_parent_class)->finalize (object);
}

static void
sy_recipient_mapping_class_init (SyRecipientMappingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_recipient_mapping_finalize;
}

static void
sy_recipient_mapping_init (SyRecipientMapping *self)
{
}

static void
map_header (SyRecipientMapping *self)
{
  guint n_cells = 0;

  if (self->header_row < sy_table_get_n_rows (self->table))
    n_cells = sy_table_get_n_cells (self->table, self->header_row);

  /* Trailing untitled columns are not columns; values there are reported
   * as extra cells of their line. */
  self->n_columns = 0;
  for (guint c = 0; c < n_cells; c++)
    if (*sy_table_get_cell (self->table, self->header_row, c) != '\0')
      self->n_columns = c + 1;

  g_free (self->fields);
  self->fields = g_new0 (SyRecipientField, MAX (self->n_columns, 1));
  for (guint c = 0; c < self->n_columns; c++)
    {
      SyRecipientField field =
        sy_recipient_field_from_title (sy_table_get_cell (self->table, self->header_row, c));

      /* The first column with a field's title gives it. */
      if (field != SY_RECIPIENT_FIELD_NONE && sy_recipient_mapping_get_column (self, field) >= 0)
        field = SY_RECIPIENT_FIELD_NONE;
      self->fields[c] = field;
    }
}

static gboolean
row_is_header (SyTable *table, guint row)
{
  gboolean name = FALSE, id = FALSE;

  for (guint c = 0; c < sy_table_get_n_cells (table, row); c++)
    {
      SyRecipientField field = sy_recipient_field_from_title (sy_table_get_cell (table, row, c));

      name |= field == SY_RECIPIENT_FIELD_NAME;
      id |= field == SY_RECIPIENT_FIELD_ID_NUMBER;
    }
  return name && id;
}

SyRecipientMapping *
sy_recipient_mapping_new (SyTable *table)
{
  SyRecipientMapping *self;
  guint n;

  g_return_val_if_fail (SY_IS_TABLE (table), NULL);

  self = g_object_new (SY_TYPE_RECIPIENT_MAPPING, NULL);
  self->table = g_object_ref (table);

  n = MIN (sy_table_get_n_rows (table), HEADER_SEARCH_ROWS);
  for (guint row = 0; row < n; row++)
    if (row_is_header (table, row))
      {
        self->header_row = row;
        break;
      }
  map_header (self);
  return self;
}

SyTable *
sy_recipient_mapping_get_table (SyRecipientMapping *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_MAPPING (self), NULL);
  return self->table;
}

guint
sy_recipient_mapping_get_header_row (SyRecipientMapping *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_MAPPING (self), 0);
  return self->header_row;
}

void
sy_recipient_mapping_set_header_row (SyRecipientMapping *self,
                                     guint               row)
{
  g_return_if_fail (SY_IS_RECIPIENT_MAPPING (self));
  g_return_if_fail (row < sy_table_get_n_rows (self->table));

  self->header_row = row;
  map_header (self);
}

guint
sy_recipient_mapping_get_n_columns (SyRecipientMapping *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_MAPPING (self), 0);
  return self->n_columns;
}

const char *
sy_recipient_mapping_get_column_title (SyRecipientMapping *self,
                                       guint               column)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_MAPPING (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);
  return sy_table_get_cell (self->table, self->header_row, column);
}

SyRecipientField
sy_recipient_mapping_get_field (SyRecipientMapping *self,
                                guint               column)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_MAPPING (self), SY_RECIPIENT_FIELD_NONE);
  g_return_val_if_fail (column < self->n_columns, SY_RECIPIENT_FIELD_NONE);
  return self->fields[column];
}

void
sy_recipient_mapping_set_field (SyRecipientMapping *self,
                                guint               column,
                                SyRecipientField    field)
{
  g_return_if_fail (SY_IS_RECIPIENT_MAPPING (self));
  g_return_if_fail (column < self->n_columns);
  g_return_if_fail (field < SY_RECIPIENT_N_FIELDS);

  if (field != SY_RECIPIENT_FIELD_NONE)
    for (guint c = 0; c < self->n_columns; c++)
      if (self->fields[c] == field)
        self->fields[c] = SY_RECIPIENT_FIELD_NONE;
  self->fields[column] = field;
}

int
sy_recipient_mapping_get_column (SyRecipientMapping *self,
                                 SyRecipientField    field)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_MAPPING (self), -1);

  if (field == SY_RECIPIENT_FIELD_NONE)
    return -1;
  for (guint c = 0; c < self->n_columns; c++)
    if (self->fields[c] == field)
      return c;
  return -1;
}

guint
sy_recipient_mapping_get_n_rows (SyRecipientMapping *self)
{
  guint n;

  g_return_val_if_fail (SY_IS_RECIPIENT_MAPPING (self), 0);

  n = sy_table_get_n_rows (self->table);
  return n > self->header_row ? n - self->header_row - 1 : 0;
}

static guint
header_line (SyRecipientMapping *self)
{
  if (self->header_row < sy_table_get_n_rows (self->table))
    return sy_table_get_line (self->table, self->header_row);
  return 1;
}

/* Non-empty cells of @row joined by @separator, cut after @max characters. */
static char *
row_text (SyRecipientMapping *self, guint row, const char *separator, glong max)
{
  GString *s = g_string_new (NULL);

  for (guint c = 0; c < sy_table_get_n_cells (self->table, row); c++)
    {
      const char *cell = sy_table_get_cell (self->table, row, c);

      if (*cell == '\0')
        continue;
      if (s->len > 0)
        g_string_append (s, separator);
      g_string_append (s, cell);
    }
  if (g_utf8_strlen (s->str, -1) > max)
    {
      g_string_truncate (s, g_utf8_offset_to_pointer (s->str, max) - s->str);
      g_string_append (s, "…");
    }
  return g_string_free (s, FALSE);
}

/* The message for missing required columns, or NULL. */
static char *
missing_columns_message (SyRecipientMapping *self)
{
  gboolean no_name = sy_recipient_mapping_get_column (self, SY_RECIPIENT_FIELD_NAME) < 0;
  gboolean no_id = sy_recipient_mapping_get_column (self, SY_RECIPIENT_FIELD_ID_NUMBER) < 0;
  g_autofree char *titles = NULL;

  if (!no_name && !no_id)
    return NULL;
  titles = self->header_row < sy_table_get_n_rows (self->table)
           ? row_text (self, self->header_row, ", ", 200) : g_strdup ("");
  if (no_name && no_id)
    return g_strdup_printf (_("No column gives the name (姓名) or the ID number "
                              "(身份证号); the column titles found are: %s."),
                            titles);
  if (no_name)
    return g_strdup_printf (_("No column gives the name (姓名); the column titles "
                              "found are: %s."),
                            titles);
  return g_strdup_printf (_("No column gives the ID number (身份证号); the column "
                            "titles found are: %s."),
                          titles);
}

GPtrArray *
sy_recipient_mapping_get_header_issues (SyRecipientMapping *self)
{
  GPtrArray *issues;
  guint line;
  g_autofree char *missing = NULL;

  g_return_val_if_fail (SY_IS_RECIPIENT_MAPPING (self), NULL);

  issues = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_import_issue_free);
  line = header_line (self);

  if ((missing = missing_columns_message (self)) != NULL)
    g_ptr_array_add (issues, sy_import_issue_new (line, NULL, SY_IMPORT_ERROR, missing));
  if (sy_recipient_mapping_get_column (self, SY_RECIPIENT_FIELD_CATEGORIES) < 0)
    g_ptr_array_add (issues, sy_import_issue_new (line, NULL, SY_IMPORT_WARNING,
                                                  _("No column gives the categories "
                                                    "(优抚类别); people are imported "
                                                    "without one.")));

  for (guint row = 0; row < self->header_row; row++)
    {
      g_autofree char *text = row_text (self, row, " ", 40);
      g_autofree char *message =
        g_strdup_printf (_("“%s” is above the column titles; the line is skipped."), text);

      g_ptr_array_add (issues, sy_import_issue_new (sy_table_get_line (self->table, row),
                                                    NULL, SY_IMPORT_WARNING, message));
    }

  for (guint c = 0; c < self->n_columns; c++)
    {
      const char *title = sy_recipient_mapping_get_column_title (self, c);
      g_autofree char *message = NULL;
      SyRecipientField named;
      int other;

      if (self->fields[c] != SY_RECIPIENT_FIELD_NONE)
        continue;
      named = sy_recipient_field_from_title (title);
      other = sy_recipient_mapping_get_column (self, named);
      if (*title == '\0')
        message = g_strdup_printf (_("Column %u has no title; its values are ignored."),
                                   c + 1);
      else if (named == SY_RECIPIENT_FIELD_NONE)
        message = g_strdup (_("Not a recipient field; the column is ignored."));
      else if (other >= 0)
        message = g_strdup_printf (_("The column is ignored: column “%s” already "
                                     "gives the %s."),
                                   sy_recipient_mapping_get_column_title (self, other),
                                   sy_recipient_field_get_label (named));
      else
        message = g_strdup (_("The column is ignored."));
      g_ptr_array_add (issues, sy_import_issue_new (line, *title ? title : NULL,
                                                    SY_IMPORT_WARNING, message));
    }
  return issues;
}

gboolean
sy_recipient_mapping_check (SyRecipientMapping  *self,
                            GError             **error)
{
  g_autofree char *missing = NULL;

  g_return_val_if_fail (SY_IS_RECIPIENT_MAPPING (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((missing = missing_columns_message (self)) == NULL)
    return TRUE;
  g_set_error (error, SY_ERROR, SY_ERROR_INVALID, "%s:%u: %s",
               sy_table_get_source_name (self->table), header_line (self), missing);
  return FALSE;
}

/* Non-empty cells past the last column make the line suspect: usually a
 * delimiter inside an unquoted value shifted everything after it. */
static void
check_extra_cells (SyRecipientMapping *self, guint row, SyRecipientRow *result)
{
  guint n_cells = sy_table_get_n_cells (self->table, row);

  for (guint c = self->n_columns; c < n_cells; c++)
    {
      const char *cell = sy_table_get_cell (self->table, row, c);

      if (*cell == '\0')
        continue;
      sy_recipient_row_add_issue (result, SY_IMPORT_ERROR, NULL,
                                  _("The line has %u cells but there are %u columns; "
                                    "the extra “%s” suggests a delimiter inside an "
                                    "unquoted value (a comma in an address?)."),
                                  n_cells, self->n_columns, cell);
      return;
    }
}

gboolean
sy_recipient_mapping_foreach (SyRecipientMapping  *self,
                              SyRecipientRowFunc   func,
                              gpointer             user_data,
                              GCancellable        *cancellable,
                              GError             **error)
{
  g_autoptr(GHashTable) ids = NULL;     /* ID number → first line */
  g_autoptr(GHashTable) people = NULL;  /* name \x1f birth date → first line */
  const char *values[SY_RECIPIENT_N_FIELDS] = { NULL };
  const char *titles[SY_RECIPIENT_N_FIELDS] = { NULL };
  int columns[SY_RECIPIENT_N_FIELDS];
  int id_column;
  guint n_rows;

  g_return_val_if_fail (SY_IS_RECIPIENT_MAPPING (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sy_recipient_mapping_check (self, error))
    return FALSE;

  for (guint f = 0; f < SY_RECIPIENT_N_FIELDS; f++)
    {
      columns[f] = sy_recipient_mapping_get_column (self, f);
      if (columns[f] >= 0)
        titles[f] = sy_recipient_mapping_get_column_title (self, columns[f]);
    }
  id_column = columns[SY_RECIPIENT_FIELD_ID_NUMBER];

  n_rows = sy_table_get_n_rows (self->table);
  /* Keys are copies: the consumer may drop each row once it has seen it. */
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint row = self->header_row + 1; row < n_rows; row++)
    {
      g_autoptr(SyRecipientRow) result = NULL;
      SyRecipient *r;
      const char *id;
      guint line = sy_table_get_line (self->table, row);
      gpointer first;

      if ((row & 1023) == 0 && g_cancellable_is_cancelled (cancellable))
        {
          g_set_error_literal (error, SY_ERROR, SY_ERROR_CANCELLED,
                               _("The import was cancelled."));
          return FALSE;
        }

      for (guint f = 1; f < SY_RECIPIENT_N_FIELDS; f++)
        values[f] = columns[f] >= 0 ? sy_table_get_cell (self->table, row, columns[f]) : NULL;
      result = sy_recipient_row_new (line, values, titles);
      check_extra_cells (self, row, result);

      id = sy_recipient_row_get_id_number (result);
      r = sy_recipient_row_get_recipient (result);
      if (id != NULL && g_hash_table_lookup_extended (ids, id, NULL, &first))
        sy_recipient_row_add_issue (result, SY_IMPORT_ERROR,
                                    sy_recipient_mapping_get_column_title (self, id_column),
                                    _("ID number %s already appears on line %u."),
                                    id, GPOINTER_TO_UINT (first));
      else if (id != NULL)
        {
          g_hash_table_insert (ids, g_strdup (id), GUINT_TO_POINTER (line));

          /* The birth date comes from the valid ID number. */
          if (sy_recipient_get_name (r) != NULL)
            {
              char *key = g_strconcat (sy_recipient_get_name (r), "\x1f",
                                       sy_recipient_get_birth_date (r), NULL);

              if (g_hash_table_lookup_extended (people, key, NULL, &first))
                {
                  sy_recipient_row_add_issue (result, SY_IMPORT_WARNING, NULL,
                                              _("%s, born %s, also appears on line %u "
                                                "with another ID number; check that "
                                                "these are two people."),
                                              sy_recipient_get_name (r),
                                              sy_recipient_get_birth_date (r),
                                              GPOINTER_TO_UINT (first));
                  g_free (key);
                }
              else
                g_hash_table_insert (people, key, GUINT_TO_POINTER (line));
            }
        }

      if (!func (result, user_data, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
collect_row (SyRecipientRow *row, gpointer user_data, GError **error)
{
  g_ptr_array_add (user_data, g_object_ref (row));
  return TRUE;
}

GPtrArray *
sy_recipient_mapping_validate (SyRecipientMapping  *self,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (SY_IS_RECIPIENT_MAPPING (self), NULL);

  rows = g_ptr_array_new_full (sy_recipient_mapping_get_n_rows (self), g_object_unref);
  if (!sy_recipient_mapping_foreach (self, collect_row, rows, cancellable, error))
    return NULL;
  return g_steal_pointer (&rows);
}
