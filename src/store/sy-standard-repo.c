/* sy-standard-repo.c: subsidy standards and top-up rules as dated data, CSV in and out
 *
 * The whole table of standards is small (hundreds of rows even for a big
 * county), so an import loads it into memory, plans every row against it,
 * checks the overlaps on the merged result and only then writes, in one
 * transaction: a rejected row means nothing is written at all.
 *
 * Standards and top-up rules share one machinery: a Schema describes a
 * table's CSV columns, its key (what may not be in force twice on one day),
 * the values a row may change, and the ones a paid run makes history.
 * The record-level rules (check_standard, check_topup) are the same for an
 * imported row and for a record saved from the editor; only the way a
 * problem is reported differs (an issue on FILE:LINE: column, or an error
 * naming the field).
 */
#include "sy-standard-repo.h"
#include "sy-store-private.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

/* --- columns --------------------------------------------------------------- */

#define MAX_COLS   10
#define MAX_TITLES 7

typedef enum {
  COL_KIND,
  COL_CATEGORY,
  COL_GRADE,
  COL_NATURE,
  COL_HUKOU,
  COL_AMOUNT,
  COL_PERIOD,
  COL_FROM,
  COL_TO,
  COL_HOUSEHOLD,
  N_COLS
} Column;

/* The first title of each is the one export writes. */
static const char *const column_titles[N_COLS][MAX_TITLES] = {
  [COL_KIND]      = { "类型", "补助类型", "kind", NULL },
  [COL_CATEGORY]  = { "优抚类别", "类别", "category", NULL },
  [COL_GRADE]     = { "伤残等级", "等级", "grade", NULL },
  [COL_NATURE]    = { "伤残性质", "性质", "nature", NULL },
  [COL_HUKOU]     = { "户籍类别", "户籍", "hukou", NULL },
  [COL_AMOUNT]    = { "金额", "标准(元)", "标准（元）", "标准", "amount", NULL },
  [COL_PERIOD]    = { "周期", "period", NULL },
  [COL_FROM]      = { "生效日期", "effective_from", NULL },
  [COL_TO]        = { "截止日期", "effective_to", NULL },
  [COL_HOUSEHOLD] = { "按户发放", "per_household", NULL },
};

/* The names the editor shows, for errors of a saved standard. */
static const char *const column_fields[N_COLS] = {
  [COL_KIND]      = N_("Subsidy Type"),
  [COL_CATEGORY]  = N_("Category"),
  [COL_GRADE]     = N_("Disability Grade"),
  [COL_NATURE]    = N_("Disability Nature"),
  [COL_HUKOU]     = N_("Hukou"),
  [COL_AMOUNT]    = N_("Amount"),
  [COL_PERIOD]    = N_("Period"),
  [COL_FROM]      = N_("Effective From"),
  [COL_TO]        = N_("Effective To"),
  [COL_HOUSEHOLD] = N_("Per Household"),
};

static const int required_columns[] = {
  COL_KIND, COL_CATEGORY, COL_AMOUNT, COL_PERIOD, COL_FROM, -1
};

typedef enum {
  TCOL_KIND,
  TCOL_CONDITION,
  TCOL_PERCENT,
  TCOL_FROM,
  TCOL_TO,
  N_TCOLS
} TopupColumn;

/* Export writes 类型 for the kind, as the standards' file does (there 类别
 * is the recipient category); import also takes 类别, which some tables
 * of top-up rules use for the kind. */
static const char *const topup_titles[N_TCOLS][MAX_TITLES] = {
  [TCOL_KIND]      = { "类型", "类别", "补助类型", "kind", NULL },
  [TCOL_CONDITION] = { "条件", "加发条件", "condition", NULL },
  [TCOL_PERCENT]   = { "加发比例(%)", "加发比例（%）", "加发比例", "比例", "percent", NULL },
  [TCOL_FROM]      = { "生效日期", "effective_from", NULL },
  [TCOL_TO]        = { "截止日期", "effective_to", NULL },
};

static const char *const topup_fields[N_TCOLS] = {
  [TCOL_KIND]      = N_("Subsidy Type"),
  [TCOL_CONDITION] = N_("Condition"),
  [TCOL_PERCENT]   = N_("Top-up (%)"),
  [TCOL_FROM]      = N_("Effective From"),
  [TCOL_TO]        = N_("Effective To"),
};

static const int topup_required[] = {
  TCOL_KIND, TCOL_CONDITION, TCOL_PERCENT, TCOL_FROM, -1
};

struct _SyStandardRepo
{
  GObject     parent_instance;

  SyDatabase *db;

  GPtrArray  *issues;   /* SyImportIssue */
  guint       n_added;
  guint       n_updated;
  guint       n_unchanged;
  guint       n_rejected;
};

G_DEFINE_FINAL_TYPE (SyStandardRepo, sy_standard_repo, G_TYPE_OBJECT)

static void
sy_standard_repo_finalize (GObject *object)
{
  SyStandardRepo *self = SY_STANDARD_REPO (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  G_OBJECT_CLASS (sy_standard_repo_parent_class)->finalize (object);
}

static void
sy_standard_repo_class_init (SyStandardRepoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_standard_repo_finalize;
}

static void
sy_standard_repo_init (SyStandardRepo *self)
{
  self->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_import_issue_free);
}

SyStandardRepo *
sy_standard_repo_new (SyDatabase *db)
{
  SyStandardRepo *self;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);
  self = g_object_new (SY_TYPE_STANDARD_REPO, NULL);
  self->db = g_object_ref (db);
  return self;
}

GListModel *
sy_standard_repo_list (SyStandardRepo *self, GError **error)
{
  g_autofree char *select = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), NULL);
  select = sy_database_select_all_sql (SY_TYPE_SUBSIDY_STANDARD);
  sql = g_strconcat (select,
                     " ORDER BY kind, category, disability_grade, disability_nature,"
                     " hukou, effective_from, id", NULL);
  return sy_database_list (self->db, SY_TYPE_SUBSIDY_STANDARD, sql, error, NULL);
}

GListModel *
sy_standard_repo_list_topups (SyStandardRepo *self, GError **error)
{
  g_autofree char *select = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), NULL);
  select = sy_database_select_all_sql (SY_TYPE_SUBSIDY_TOPUP);
  sql = g_strconcat (select, " ORDER BY kind, condition, effective_from, id", NULL);
  return sy_database_list (self->db, SY_TYPE_SUBSIDY_TOPUP, sql, error, NULL);
}

/* id → the latest date paid ("" when the batch has none), from a SELECT of
 * (id, date) pairs. */
static GHashTable *
load_id_dates (SyStandardRepo *self, const char *sql, GError **error)
{
  static const GType types[] = { G_TYPE_INT64, G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(GdaDataModel) model = NULL;
  GHashTable *ids;
  int n;

  model = sy_database_select (self->db, sql, types, error, NULL);
  if (model == NULL)
    return NULL;
  ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  n = gda_data_model_get_n_rows (model);
  for (int i = 0; i < n; i++)
    {
      const GValue *v = gda_data_model_get_value_at (model, 0, i, NULL);
      const GValue *date = gda_data_model_get_value_at (model, 1, i, NULL);

      if (v != NULL && G_VALUE_HOLDS_INT64 (v))
        g_hash_table_insert (ids, g_memdup2 (&(gint64) { g_value_get_int64 (v) }, sizeof (gint64)),
                             g_strdup (date != NULL && G_VALUE_HOLDS_STRING (date)
                                       && g_value_get_string (date) != NULL
                                       ? g_value_get_string (date) : ""));
    }
  return ids;
}

/* The standards that lines of paid batches name. */
static GHashTable *
load_paid_standards (SyStandardRepo *self, GError **error)
{
  return load_id_dates (self,
                        "SELECT l.standard_id, MAX(b.paid_date) FROM disbursement_line l"
                        " JOIN disbursement_batch b ON b.id = l.batch_id"
                        " WHERE b.state = 'paid' AND l.standard_id IS NOT NULL"
                        " GROUP BY l.standard_id",
                        error);
}

/* The top-up rules paid runs applied.  A line does not record which rule
 * it applied, only the conditions (its `topups` text) and its first month,
 * which the run computed the rule from (sy-run-repo.h): so a rule counts as
 * used when a paid line of its kind names its condition and started in a
 * month whose first day the rule covers.  instr() may over-match a
 * condition contained in another one's name; that only protects too much. */
static GHashTable *
load_paid_topups (SyStandardRepo *self, GError **error)
{
  return load_id_dates (self,
                        "SELECT t.id, MAX(b.paid_date) FROM subsidy_topup t"
                        " JOIN disbursement_batch b ON b.kind = t.kind AND b.state = 'paid'"
                        " JOIN disbursement_line l ON l.batch_id = b.id"
                        " WHERE l.topups IS NOT NULL AND l.first_month IS NOT NULL"
                        " AND instr (l.topups, t.condition) > 0"
                        " AND l.first_month || '-01' >= t.effective_from"
                        " AND (t.effective_to IS NULL OR l.first_month || '-01' <= t.effective_to)"
                        " GROUP BY t.id",
                        error);
}

gboolean
sy_standard_repo_is_used_by_paid_run (SyStandardRepo *self,
                                      gint64          id,
                                      gboolean       *used,
                                      GError        **error)
{
  gint64 count = 0;

  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), FALSE);
  g_return_val_if_fail (used != NULL, FALSE);
  if (!sy_database_query_int64 (self->db, &count,
                                "SELECT COUNT(*) FROM disbursement_line l"
                                " JOIN disbursement_batch b ON b.id = l.batch_id"
                                " WHERE b.state = 'paid' AND l.standard_id = ##id::gint64",
                                error, "id", G_TYPE_INT64, id, NULL))
    return FALSE;
  *used = count > 0;
  return TRUE;
}

gboolean
sy_standard_repo_topup_is_used_by_paid_run (SyStandardRepo *self,
                                            gint64          id,
                                            gboolean       *used,
                                            GError        **error)
{
  g_autoptr(GHashTable) paid = NULL;

  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), FALSE);
  g_return_val_if_fail (used != NULL, FALSE);
  paid = load_paid_topups (self, error);
  if (paid == NULL)
    return FALSE;
  *used = g_hash_table_contains (paid, &id);
  return TRUE;
}

const char *
sy_standard_repo_normalize_period (const char *text)
{
  static const struct { const char *stored; const char *names[6]; } periods[] = {
    { "月", { "月", "monthly", "每月", "按月", "month", NULL } },
    { "年", { "年", "yearly", "每年", "按年", "year", NULL } },
    { "次", { "次", "one-off", "一次性", "oneoff", "once", NULL } },
  };
  g_autofree char *lower = NULL;

  if (text == NULL)
    return NULL;
  lower = g_utf8_strdown (text, -1);
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    for (guint j = 0; periods[i].names[j] != NULL; j++)
      if (strcmp (lower, periods[i].names[j]) == 0)
        return periods[i].stored;
  return NULL;
}

/* 是/否 as offices write it; -1 when it is neither. */
static int
parse_yes_no (const char *text)
{
  static const char *const yes[] = { "是", "yes", "y", "1", "true", "按户", NULL };
  static const char *const no[] = { "否", "no", "n", "0", "false", "", NULL };
  g_autofree char *lower = g_utf8_strdown (text, -1);

  g_strstrip (lower);
  for (guint i = 0; yes[i] != NULL; i++)
    if (strcmp (lower, yes[i]) == 0)
      return 1;
  for (guint i = 0; no[i] != NULL; i++)
    if (strcmp (lower, no[i]) == 0)
      return 0;
  return -1;
}

/* YYYY-MM-DD, also with / or . and without leading zeros (as Excel writes
 * dates); normalised to YYYY-MM-DD, NULL when not a real date. */
static char *
parse_date (const char *text)
{
  g_auto(GStrv) parts = NULL;
  guint64 y, m, d;

  if (text == NULL)
    return NULL;
  if (strchr (text, '/') != NULL)
    parts = g_strsplit (text, "/", -1);
  else if (strchr (text, '.') != NULL)
    parts = g_strsplit (text, ".", -1);
  else
    parts = g_strsplit (text, "-", -1);
  if (g_strv_length (parts) != 3
      || strlen (parts[0]) != 4
      || !g_ascii_string_to_unsigned (parts[0], 10, 1900, 2999, &y, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL)
      || !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &d, NULL)
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", (guint) y, (guint) m, (guint) d);
}

/* The day before ISO date @iso (a valid date). */
static char *
day_before (const char *iso)
{
  GDate date;
  char out[11];

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) atoi (iso + 8), (GDateMonth) atoi (iso + 5),
                  (GDateYear) atoi (iso));
  g_date_subtract_days (&date, 1);
  g_date_strftime (out, sizeof out, "%Y-%m-%d", &date);
  return g_strdup (out);
}

static const char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* Two date ranges (NULL end = open) share a day. */
static gboolean
periods_overlap (const char *from_a, const char *to_a, const char *from_b, const char *to_b)
{
  return (to_b == NULL || strcmp (from_a, to_b) <= 0)
         && (to_a == NULL || strcmp (from_b, to_a) <= 0);
}

/* --- record rules ---------------------------------------------------------- */

/* Where a broken rule goes: an issue on a column of an imported row, or the
 * first one as the GError of a save. */
typedef void (*ReportFunc) (gpointer data, int column, const char *message);

static void G_GNUC_PRINTF (4, 5)
report (ReportFunc func, gpointer data, int column, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  func (data, column, message);
}

static gboolean
is_iso_date (const char *text)
{
  g_autofree char *parsed = parse_date (text);

  return parsed != NULL && strcmp (parsed, text) == 0;
}

static void
check_dates (const char *from, const char *to, int col_from, int col_to,
             ReportFunc func, gpointer data)
{
  gboolean from_ok = FALSE;

  if (from == NULL || *from == '\0')
    report (func, data, col_from, "%s", _("the effective date is missing"));
  else if (!is_iso_date (from))
    report (func, data, col_from, _("“%s” is not a date (YYYY-MM-DD)"), from);
  else
    from_ok = TRUE;

  if (to == NULL)
    return;
  if (!is_iso_date (to))
    report (func, data, col_to, _("“%s” is not a date (YYYY-MM-DD)"), to);
  else if (from_ok && strcmp (to, from) < 0)
    report (func, data, col_to, _("the end date %s is before the effective date %s"), to, from);
}

static void
check_standard (SyRecord *record, ReportFunc func, gpointer data)
{
  SySubsidyStandard *s = SY_SUBSIDY_STANDARD (record);
  const char *period = sy_subsidy_standard_get_period (s);
  gint grade = sy_subsidy_standard_get_disability_grade (s);

  if (empty_to_null (sy_subsidy_standard_get_kind (s)) == NULL)
    report (func, data, COL_KIND, "%s", _("the kind of subsidy is missing"));
  if (empty_to_null (sy_subsidy_standard_get_category (s)) == NULL)
    report (func, data, COL_CATEGORY, "%s", _("the recipient category is missing"));
  if (grade < 0 || grade > 10)
    {
      g_autofree char *text = g_strdup_printf ("%d", grade);

      report (func, data, COL_GRADE, _("“%s” is not a disability grade from 1 to 10"), text);
    }
  if (sy_subsidy_standard_get_amount_fen (s) < 0)
    report (func, data, COL_AMOUNT, "%s", _("the amount cannot be negative"));
  if (period == NULL || g_strcmp0 (sy_standard_repo_normalize_period (period), period) != 0)
    report (func, data, COL_PERIOD,
            _("unknown period “%s”: use 月, 年 or 次 (monthly, yearly, one-off)"),
            period != NULL ? period : "");
  check_dates (sy_subsidy_standard_get_effective_from (s), sy_subsidy_standard_get_effective_to (s),
               COL_FROM, COL_TO, func, data);
}

static void
check_topup (SyRecord *record, ReportFunc func, gpointer data)
{
  SySubsidyTopup *t = SY_SUBSIDY_TOPUP (record);
  gint percent = sy_subsidy_topup_get_percent (t);

  if (empty_to_null (sy_subsidy_topup_get_kind (t)) == NULL)
    report (func, data, TCOL_KIND, "%s", _("the kind of subsidy is missing"));
  if (empty_to_null (sy_subsidy_topup_get_condition (t)) == NULL)
    report (func, data, TCOL_CONDITION, "%s", _("the condition is missing"));
  if (percent < 0 || percent > 1000)
    report (func, data, TCOL_PERCENT, _("%d is not a percentage from 0 to 1000"), percent);
  check_dates (sy_subsidy_topup_get_effective_from (t), sy_subsidy_topup_get_effective_to (t),
               TCOL_FROM, TCOL_TO, func, data);
}

/* Dates typed as Excel writes them become YYYY-MM-DD, "monthly" becomes 月;
 * what cannot be normalised is left for the check to name. */
static void
normalize_dates (SyRecord *record)
{
  static const char *const names[] = { "effective_from", "effective_to" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *parsed = NULL;

      g_object_get (record, names[i], &text, NULL);
      if (text != NULL && *g_strstrip (text) == '\0')
        g_object_set (record, names[i], NULL, NULL);
      else if ((parsed = parse_date (text)) != NULL)
        g_object_set (record, names[i], parsed, NULL);
    }
}

static void
normalize_standard (SyRecord *record)
{
  SySubsidyStandard *s = SY_SUBSIDY_STANDARD (record);
  const char *period = sy_standard_repo_normalize_period (sy_subsidy_standard_get_period (s));

  if (period != NULL)
    sy_subsidy_standard_set_period (s, period);
  sy_subsidy_standard_set_disability_nature (s, empty_to_null (sy_subsidy_standard_get_disability_nature (s)));
  sy_subsidy_standard_set_hukou (s, empty_to_null (sy_subsidy_standard_get_hukou (s)));
  normalize_dates (record);
}

/* --- what a table is ------------------------------------------------------ */

typedef struct {
  guint     line;
  SyRecord *record;   /* as the row says */
  SyRecord *stored;   /* the one it updates, or NULL */
  gboolean  valid;
  gboolean  changed;
} Row;

typedef struct _Import Import;

typedef struct {
  guint              n_cols;
  const char *const (*titles)[MAX_TITLES];
  const char *const *fields;          /* N_() names for errors of a save */
  const int         *required;        /* ended by -1 */
  const char        *no_header;       /* msgid: FILE, LINE */
  int                col_from;
  int                col_to;
  int                col_value;       /* where a refused change of used history is reported */
  const char        *duplicate;       /* msgid: the earlier line */
  const char        *overlap;         /* msgid: two descriptions */
  const char        *stored_range;    /* msgid: from, to */
  const char        *import_refused;  /* msgid: effective date */
  const char        *edit_refused;    /* msgid */
  const char        *end_refused;     /* msgid: the date paid */
  GListModel      *(*list)         (SyStandardRepo *self, GError **error);
  GHashTable      *(*load_paid)    (SyStandardRepo *self, GError **error);
  void             (*parse_row)    (Import *im, guint r, Row *row);
  void             (*check)        (SyRecord *record, ReportFunc func, gpointer data);
  void             (*normalize)    (SyRecord *record);
  char            *(*group_key)    (SyRecord *record);
  const char      *(*get_from)     (SyRecord *record);
  const char      *(*get_to)       (SyRecord *record);
  /* Every value a row may change, and those a paid run made history. */
  gboolean         (*same_values)  (SyRecord *a, SyRecord *b);
  gboolean         (*same_history) (SyRecord *a, SyRecord *b);
  void             (*apply)        (SyRecord *stored, SyRecord *row);
  /* Optional: values of columns the file lacks are the stored ones. */
  void             (*keep_absent)  (Import *im, SyRecord *row, SyRecord *stored);
  void             (*write_row)    (GString *out, SyRecord *record);
} Schema;

struct _Import {
  SyStandardRepo *self;
  const Schema   *schema;
  SyTable        *table;
  guint           header;
  int             columns[MAX_COLS];
  /* The row being read: its line and the columns already reported. */
  guint           line;
  gboolean        reported[MAX_COLS];
  gboolean        ok;
};

static char *
full_key (const Schema *schema, SyRecord *record)
{
  g_autofree char *group = schema->group_key (record);

  return g_strdup_printf ("%s\x1f%s", group, schema->get_from (record));
}

/* --- standards ------------------------------------------------------------- */

static const char *
standard_from (SyRecord *r)
{
  return sy_subsidy_standard_get_effective_from (SY_SUBSIDY_STANDARD (r));
}

static const char *
standard_to (SyRecord *r)
{
  return sy_subsidy_standard_get_effective_to (SY_SUBSIDY_STANDARD (r));
}

/* The key that may not be in force twice on one day. */
static char *
standard_group_key (SyRecord *r)
{
  SySubsidyStandard *s = SY_SUBSIDY_STANDARD (r);
  const char *nature = sy_subsidy_standard_get_disability_nature (s);
  const char *hukou = sy_subsidy_standard_get_hukou (s);

  return g_strdup_printf ("%s\x1f%s\x1f%d\x1f%s\x1f%s",
                          sy_subsidy_standard_get_kind (s),
                          sy_subsidy_standard_get_category (s),
                          sy_subsidy_standard_get_disability_grade (s),
                          nature ? nature : "", hukou ? hukou : "");
}

static gboolean
standard_same_history (SyRecord *ra, SyRecord *rb)
{
  SySubsidyStandard *a = SY_SUBSIDY_STANDARD (ra), *b = SY_SUBSIDY_STANDARD (rb);

  return sy_subsidy_standard_get_amount_fen (a) == sy_subsidy_standard_get_amount_fen (b)
         && g_strcmp0 (sy_subsidy_standard_get_period (a), sy_subsidy_standard_get_period (b)) == 0
         && !sy_subsidy_standard_get_per_household (a) == !sy_subsidy_standard_get_per_household (b);
}

static gboolean
standard_same_values (SyRecord *a, SyRecord *b)
{
  return standard_same_history (a, b) && g_strcmp0 (standard_to (a), standard_to (b)) == 0;
}

static void
standard_apply (SyRecord *stored, SyRecord *row)
{
  SySubsidyStandard *s = SY_SUBSIDY_STANDARD (stored), *r = SY_SUBSIDY_STANDARD (row);

  sy_subsidy_standard_set_amount_fen (s, sy_subsidy_standard_get_amount_fen (r));
  sy_subsidy_standard_set_period (s, sy_subsidy_standard_get_period (r));
  sy_subsidy_standard_set_per_household (s, sy_subsidy_standard_get_per_household (r));
  sy_subsidy_standard_set_effective_to (s, sy_subsidy_standard_get_effective_to (r));
}

static void append_field (GString *out, const char *text, gboolean last);

static void
standard_write_row (GString *out, SyRecord *r)
{
  SySubsidyStandard *s = SY_SUBSIDY_STANDARD (r);
  gint grade = sy_subsidy_standard_get_disability_grade (s);
  g_autofree char *grade_text = grade > 0 ? g_strdup_printf ("%d", grade) : NULL;
  g_autofree char *amount = sy_money_format_plain (sy_subsidy_standard_get_amount_fen (s));

  append_field (out, sy_subsidy_standard_get_kind (s), FALSE);
  append_field (out, sy_subsidy_standard_get_category (s), FALSE);
  append_field (out, grade_text, FALSE);
  append_field (out, sy_subsidy_standard_get_disability_nature (s), FALSE);
  append_field (out, sy_subsidy_standard_get_hukou (s), FALSE);
  append_field (out, amount, FALSE);
  append_field (out, sy_subsidy_standard_get_period (s), FALSE);
  append_field (out, sy_subsidy_standard_get_effective_from (s), FALSE);
  append_field (out, sy_subsidy_standard_get_effective_to (s), FALSE);
  append_field (out, sy_subsidy_standard_get_per_household (s) ? "是" : "否", TRUE);
}

static void standard_parse_row (Import *im, guint r, Row *row);
static void standard_keep_absent (Import *im, SyRecord *row, SyRecord *stored);

static const Schema standard_schema = {
  .n_cols = N_COLS,
  .titles = column_titles,
  .fields = column_fields,
  .required = required_columns,
  .no_header = N_("%s:%u: no header row with the columns 类型, 优抚类别, 金额, 周期 and 生效日期"),
  .col_from = COL_FROM,
  .col_to = COL_TO,
  .col_value = COL_AMOUNT,
  .duplicate = N_("the same standard with the same effective date is already on line %u"),
  .overlap = N_("the period overlaps another standard of the same kind, category, grade, nature "
                "and 户籍: %s and %s; give the earlier one an end date before the later one starts"),
  .stored_range = N_("the stored standard %s to %s"),
  .import_refused = N_("this standard (from %s) was used by a paid run and cannot be edited; "
                       "supersede it with a new row with a new effective date"),
  .edit_refused = N_("This standard was used by a paid run and cannot be edited: only its end "
                     "date may change.  Supersede it with a new standard from a new effective date."),
  .end_refused = N_("this standard was used by a run paid on %s: it cannot end before that"),
  .list = sy_standard_repo_list,
  .load_paid = load_paid_standards,
  .parse_row = standard_parse_row,
  .check = check_standard,
  .normalize = normalize_standard,
  .group_key = standard_group_key,
  .get_from = standard_from,
  .get_to = standard_to,
  .same_values = standard_same_values,
  .same_history = standard_same_history,
  .apply = standard_apply,
  .keep_absent = standard_keep_absent,
  .write_row = standard_write_row,
};

/* --- top-up rules ---------------------------------------------------------- */

static const char *
topup_from (SyRecord *r)
{
  return sy_subsidy_topup_get_effective_from (SY_SUBSIDY_TOPUP (r));
}

static const char *
topup_to (SyRecord *r)
{
  return sy_subsidy_topup_get_effective_to (SY_SUBSIDY_TOPUP (r));
}

static char *
topup_group_key (SyRecord *r)
{
  return g_strdup_printf ("%s\x1f%s", sy_subsidy_topup_get_kind (SY_SUBSIDY_TOPUP (r)),
                          sy_subsidy_topup_get_condition (SY_SUBSIDY_TOPUP (r)));
}

static gboolean
topup_same_history (SyRecord *a, SyRecord *b)
{
  return sy_subsidy_topup_get_percent (SY_SUBSIDY_TOPUP (a))
         == sy_subsidy_topup_get_percent (SY_SUBSIDY_TOPUP (b));
}

static gboolean
topup_same_values (SyRecord *a, SyRecord *b)
{
  return topup_same_history (a, b) && g_strcmp0 (topup_to (a), topup_to (b)) == 0;
}

static void
topup_apply (SyRecord *stored, SyRecord *row)
{
  sy_subsidy_topup_set_percent (SY_SUBSIDY_TOPUP (stored), sy_subsidy_topup_get_percent (SY_SUBSIDY_TOPUP (row)));
  sy_subsidy_topup_set_effective_to (SY_SUBSIDY_TOPUP (stored), topup_to (row));
}

static void
topup_write_row (GString *out, SyRecord *r)
{
  SySubsidyTopup *t = SY_SUBSIDY_TOPUP (r);
  g_autofree char *percent = g_strdup_printf ("%d", sy_subsidy_topup_get_percent (t));

  append_field (out, sy_subsidy_topup_get_kind (t), FALSE);
  append_field (out, sy_subsidy_topup_get_condition (t), FALSE);
  append_field (out, percent, FALSE);
  append_field (out, sy_subsidy_topup_get_effective_from (t), FALSE);
  append_field (out, sy_subsidy_topup_get_effective_to (t), TRUE);
}

static void topup_parse_row (Import *im, guint r, Row *row);

static const Schema topup_schema = {
  .n_cols = N_TCOLS,
  .titles = topup_titles,
  .fields = topup_fields,
  .required = topup_required,
  .no_header = N_("%s:%u: no header row with the columns 类型, 条件, 加发比例(%%) and 生效日期"),
  .col_from = TCOL_FROM,
  .col_to = TCOL_TO,
  .col_value = TCOL_PERCENT,
  .duplicate = N_("the same top-up rule with the same effective date is already on line %u"),
  .overlap = N_("the period overlaps another top-up rule of the same kind and condition: %s and "
                "%s; give the earlier one an end date before the later one starts"),
  .stored_range = N_("the stored rule %s to %s"),
  .import_refused = N_("this top-up rule (from %s) was used by a paid run and cannot be edited; "
                       "supersede it with a new row with a new effective date"),
  .edit_refused = N_("This top-up rule was used by a paid run and cannot be edited: only its end "
                     "date may change.  Supersede it with a new rule from a new effective date."),
  .end_refused = N_("this top-up rule was applied by a run paid on %s: it cannot end before that"),
  .list = sy_standard_repo_list_topups,
  .load_paid = load_paid_topups,
  .parse_row = topup_parse_row,
  .check = check_topup,
  .normalize = normalize_dates,
  .group_key = topup_group_key,
  .get_from = topup_from,
  .get_to = topup_to,
  .same_values = topup_same_values,
  .same_history = topup_same_history,
  .apply = topup_apply,
  .write_row = topup_write_row,
};

static GType
schema_type (const Schema *schema)
{
  return schema == &standard_schema ? SY_TYPE_SUBSIDY_STANDARD : SY_TYPE_SUBSIDY_TOPUP;
}

/* --- saving one record ------------------------------------------------------ */

typedef struct {
  const Schema *schema;
  GError      **error;
  gboolean      failed;
} SaveReport;

/* The first broken rule, as "Field: message". */
static void
save_report (gpointer data, int column, const char *message)
{
  SaveReport *rep = data;

  if (rep->failed)
    return;
  rep->failed = TRUE;
  g_set_error (rep->error, SY_ERROR, SY_ERROR_INVALID, "%s: %s",
               _(rep->schema->fields[column]), message);
}

static void G_GNUC_PRINTF (4, 5)
set_field_error (GError **error, const Schema *schema, int column, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SY_ERROR, SY_ERROR_INVALID, "%s: %s", _(schema->fields[column]), message);
}

static gboolean
save_record (SyStandardRepo *self, const Schema *schema, SyRecord *record, GError **error)
{
  SaveReport rep = { schema, error, FALSE };
  gint64 id = sy_record_get_id (record);
  g_autoptr(GHashTable) paid = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autofree char *group = NULL;
  const char *from, *to;
  guint n;

  schema->normalize (record);
  schema->check (record, save_report, &rep);
  if (rep.failed)
    return FALSE;
  from = schema->get_from (record);
  to = schema->get_to (record);

  if (id > 0)
    {
      g_autoptr(SyRecord) stored = sy_database_load (self->db, schema_type (schema), id, error);
      const char *paid_date;

      if (stored == NULL)
        return FALSE;
      paid = schema->load_paid (self, error);
      if (paid == NULL)
        return FALSE;
      paid_date = g_hash_table_lookup (paid, &id);
      if (paid_date != NULL)
        {
          g_autofree char *key = full_key (schema, record);
          g_autofree char *stored_key = full_key (schema, stored);

          /* Its amounts are history: ending it is how it is superseded. */
          if (strcmp (key, stored_key) != 0 || !schema->same_history (record, stored))
            {
              g_set_error_literal (error, SY_ERROR, SY_ERROR_INVALID, _(schema->edit_refused));
              return FALSE;
            }
          if (to != NULL && strcmp (to, paid_date) < 0)
            {
              set_field_error (error, schema, schema->col_to, _(schema->end_refused), paid_date);
              return FALSE;
            }
        }
    }

  list = schema->list (self, error);
  if (list == NULL)
    return FALSE;
  group = schema->group_key (record);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyRecord) other = g_list_model_get_item (list, i);
      g_autofree char *other_group = NULL;

      if (sy_record_get_id (other) == id)
        continue;
      other_group = schema->group_key (other);
      if (strcmp (group, other_group) == 0
          && periods_overlap (from, to, schema->get_from (other), schema->get_to (other)))
        {
          const char *other_to = schema->get_to (other);
          g_autofree char *mine = g_strdup_printf (_("the new values (%s to %s)"),
                                                   from, to ? to : "…");
          g_autofree char *theirs = g_strdup_printf (_(schema->stored_range),
                                                     schema->get_from (other),
                                                     other_to ? other_to : "…");

          set_field_error (error, schema, schema->col_from, _(schema->overlap), mine, theirs);
          return FALSE;
        }
    }

  return id > 0 ? sy_database_update (self->db, record, error)
                : sy_database_insert (self->db, record, error);
}

gboolean
sy_standard_repo_save (SyStandardRepo    *self,
                       SySubsidyStandard *standard,
                       GError           **error)
{
  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_SUBSIDY_STANDARD (standard), FALSE);
  return save_record (self, &standard_schema, SY_RECORD (standard), error);
}

gboolean
sy_standard_repo_save_topup (SyStandardRepo *self,
                             SySubsidyTopup *topup,
                             GError        **error)
{
  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_SUBSIDY_TOPUP (topup), FALSE);
  return save_record (self, &topup_schema, SY_RECORD (topup), error);
}

gboolean
sy_standard_repo_supersede (SyStandardRepo *self,
                            gint64          id,
                            const char     *new_from,
                            gint64          new_amount_fen,
                            gint64         *new_id,
                            GError        **error)
{
  const Schema *schema = &standard_schema;
  g_autoptr(SySubsidyStandard) old = NULL;
  g_autoptr(SySubsidyStandard) ended = NULL;
  g_autoptr(SySubsidyStandard) fresh = NULL;
  g_autofree char *from = NULL;
  g_autofree char *end = NULL;
  const char *old_to;

  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), FALSE);

  old = sy_database_load (self->db, SY_TYPE_SUBSIDY_STANDARD, id, error);
  if (old == NULL)
    return FALSE;
  from = parse_date (new_from != NULL ? new_from : "");
  old_to = sy_subsidy_standard_get_effective_to (old);
  if (from == NULL)
    {
      set_field_error (error, schema, COL_FROM, _("“%s” is not a date (YYYY-MM-DD)"),
                       new_from != NULL ? new_from : "");
      return FALSE;
    }
  if (strcmp (from, sy_subsidy_standard_get_effective_from (old)) <= 0)
    {
      set_field_error (error, schema, COL_FROM,
                       _("the new standard must start after %s, when this one took effect"),
                       sy_subsidy_standard_get_effective_from (old));
      return FALSE;
    }
  if (old_to != NULL && strcmp (from, old_to) > 0)
    {
      set_field_error (error, schema, COL_FROM,
                       _("this standard already ended on %s: add a new standard instead"), old_to);
      return FALSE;
    }
  if (new_amount_fen < 0)
    {
      set_field_error (error, schema, COL_AMOUNT, "%s", _("the amount cannot be negative"));
      return FALSE;
    }

  end = day_before (from);
  ended = SY_SUBSIDY_STANDARD (sy_record_copy (SY_RECORD (old)));
  sy_subsidy_standard_set_effective_to (ended, end);
  fresh = SY_SUBSIDY_STANDARD (sy_record_copy (SY_RECORD (old)));
  sy_record_set_id (SY_RECORD (fresh), 0);
  sy_subsidy_standard_set_effective_from (fresh, from);
  sy_subsidy_standard_set_amount_fen (fresh, new_amount_fen);

  if (!sy_database_begin (self->db, error))
    return FALSE;
  if (!save_record (self, schema, SY_RECORD (ended), error)
      || !save_record (self, schema, SY_RECORD (fresh), error))
    {
      sy_database_rollback (self->db);
      return FALSE;
    }
  if (!sy_database_commit (self->db, error))
    return FALSE;
  if (new_id != NULL)
    *new_id = sy_record_get_id (SY_RECORD (fresh));
  return TRUE;
}

gboolean
sy_standard_repo_delete (SyStandardRepo *self,
                         gint64          id,
                         GError        **error)
{
  g_autoptr(SyRecord) stored = NULL;
  gint64 lines = 0;

  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), FALSE);
  if (!sy_database_query_int64 (self->db, &lines,
                                "SELECT COUNT(*) FROM disbursement_line WHERE standard_id = ##id::gint64",
                                error, "id", G_TYPE_INT64, id, NULL))
    return FALSE;
  if (lines > 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("This standard is used by %u lines of disbursement runs and cannot be "
                     "deleted; give it an end date instead."), (guint) MIN (lines, G_MAXUINT));
      return FALSE;
    }
  stored = sy_database_load (self->db, SY_TYPE_SUBSIDY_STANDARD, id, error);
  return stored != NULL && sy_database_delete (self->db, stored, error);
}

gboolean
sy_standard_repo_delete_topup (SyStandardRepo *self,
                               gint64          id,
                               GError        **error)
{
  g_autoptr(SyRecord) stored = NULL;
  gboolean used = FALSE;

  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), FALSE);
  if (!sy_standard_repo_topup_is_used_by_paid_run (self, id, &used, error))
    return FALSE;
  if (used)
    {
      g_set_error_literal (error, SY_ERROR, SY_ERROR_INVALID,
                           _("This top-up rule was applied by a paid run and cannot be deleted; "
                             "give it an end date instead."));
      return FALSE;
    }
  stored = sy_database_load (self->db, SY_TYPE_SUBSIDY_TOPUP, id, error);
  return stored != NULL && sy_database_delete (self->db, stored, error);
}

/* --- import -------------------------------------------------------------- */

static void
row_free (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->record);
  g_clear_object (&row->stored);
  g_free (row);
}

static void
add_issue (SyStandardRepo *self, guint line, const char *column, const char *message)
{
  g_ptr_array_add (self->issues, sy_import_issue_new (line, column, SY_IMPORT_ERROR, message));
}

/* Finds the header row: the first row naming every required column. */
static gboolean
find_header (Import *im, GError **error)
{
  const Schema *schema = im->schema;
  guint n_rows = sy_table_get_n_rows (im->table);

  for (guint r = 0; r < n_rows; r++)
    {
      guint n_cells = sy_table_get_n_cells (im->table, r);
      gboolean complete = TRUE;

      for (guint c = 0; c < schema->n_cols; c++)
        im->columns[c] = -1;
      for (guint cell = 0; cell < n_cells; cell++)
        {
          const char *title = sy_table_get_cell (im->table, r, cell);

          for (guint c = 0; c < schema->n_cols; c++)
            for (guint t = 0; schema->titles[c][t] != NULL; t++)
              if (im->columns[c] < 0 && g_ascii_strcasecmp (title, schema->titles[c][t]) == 0)
                im->columns[c] = (int) cell;
        }
      for (guint i = 0; schema->required[i] >= 0; i++)
        if (im->columns[schema->required[i]] < 0)
          complete = FALSE;
      if (complete)
        {
          im->header = r;
          return TRUE;
        }
    }

  g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _(schema->no_header),
               sy_table_get_source_name (im->table),
               n_rows > 0 ? sy_table_get_line (im->table, 0) : 1);
  return FALSE;
}

static const char *
cell (Import *im, guint r, int c)
{
  return im->columns[c] < 0 ? "" : sy_table_get_cell (im->table, r, (guint) im->columns[c]);
}

static const char *
title_of (Import *im, int c)
{
  return im->columns[c] < 0 ? im->schema->titles[c][0]
                            : sy_table_get_cell (im->table, im->header, (guint) im->columns[c]);
}

/* An issue on column @c of the row being read; one per column. */
static void
import_report (gpointer data, int c, const char *message)
{
  Import *im = data;

  if (im->reported[c])
    return;
  im->reported[c] = TRUE;
  im->ok = FALSE;
  add_issue (im->self, im->line, title_of (im, c), message);
}

static void
begin_row (Import *im, guint r, Row *row)
{
  row->line = im->line = sy_table_get_line (im->table, r);
  memset (im->reported, 0, sizeof im->reported);
  im->ok = TRUE;
}

/* What the cell says about a date: NULL for empty, the ISO date, or the
 * text itself (reported) when it is none. */
static char *
date_cell (Import *im, guint r, int c)
{
  const char *text = cell (im, r, c);
  char *date;

  if (*text == '\0')
    return NULL;
  date = parse_date (text);
  if (date == NULL)
    report (import_report, im, c, _("“%s” is not a date (YYYY-MM-DD)"), text);
  return date;
}

/* Reads one data row: the text-level problems here, the record's rules in
 * check_standard (once per column). */
static void
standard_parse_row (Import *im, guint r, Row *row)
{
  g_autoptr(SySubsidyStandard) s = sy_subsidy_standard_new ();
  const char *text;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gint64 fen = 0;
  guint64 grade = 0;
  int household;

  begin_row (im, r, row);
  sy_subsidy_standard_set_kind (s, cell (im, r, COL_KIND));
  sy_subsidy_standard_set_category (s, cell (im, r, COL_CATEGORY));

  text = cell (im, r, COL_GRADE);
  if (*text != '\0')
    {
      g_autofree char *digits = g_strdup (text);

      /* "3级" is how offices write a grade. */
      if (g_str_has_suffix (digits, "级"))
        digits[strlen (digits) - strlen ("级")] = '\0';
      if (!g_ascii_string_to_unsigned (digits, 10, 1, 10, &grade, NULL))
        report (import_report, im, COL_GRADE,
                _("“%s” is not a disability grade from 1 to 10"), text);
    }
  sy_subsidy_standard_set_disability_grade (s, (gint) grade);

  sy_subsidy_standard_set_disability_nature (s, empty_to_null (cell (im, r, COL_NATURE)));
  sy_subsidy_standard_set_hukou (s, empty_to_null (cell (im, r, COL_HUKOU)));

  text = cell (im, r, COL_AMOUNT);
  if (*text == '\0')
    report (import_report, im, COL_AMOUNT, "%s", _("the amount is missing"));
  else if (!sy_money_parse (text, &fen, NULL) || fen < 0)
    report (import_report, im, COL_AMOUNT, _("“%s” is not an amount in yuan (e.g. 1409.50)"), text);
  sy_subsidy_standard_set_amount_fen (s, fen < 0 ? 0 : fen);

  text = cell (im, r, COL_PERIOD);
  sy_subsidy_standard_set_period (s, sy_standard_repo_normalize_period (text));
  if (sy_subsidy_standard_get_period (s) == NULL)
    report (import_report, im, COL_PERIOD,
            _("unknown period “%s”: use 月, 年 or 次 (monthly, yearly, one-off)"), text);

  from = date_cell (im, r, COL_FROM);
  sy_subsidy_standard_set_effective_from (s, from);
  to = date_cell (im, r, COL_TO);
  sy_subsidy_standard_set_effective_to (s, to);

  text = cell (im, r, COL_HOUSEHOLD);
  household = parse_yes_no (text);
  if (household < 0)
    report (import_report, im, COL_HOUSEHOLD, _("“%s” is neither 是 nor 否"), text);
  sy_subsidy_standard_set_per_household (s, household > 0);

  check_standard (SY_RECORD (s), import_report, im);
  row->record = SY_RECORD (g_steal_pointer (&s));
  row->valid = im->ok;
}

/* A file from before 按户发放 existed says nothing about it: it must not
 * switch off (or, for a paid standard, be refused for changing) the
 * stored value. */
static void
standard_keep_absent (Import *im, SyRecord *row, SyRecord *stored)
{
  if (im->columns[COL_HOUSEHOLD] < 0)
    sy_subsidy_standard_set_per_household (SY_SUBSIDY_STANDARD (row),
                                           sy_subsidy_standard_get_per_household (SY_SUBSIDY_STANDARD (stored)));
}

static void
topup_parse_row (Import *im, guint r, Row *row)
{
  g_autoptr(SySubsidyTopup) t = sy_subsidy_topup_new ();
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *digits = NULL;
  const char *text;
  guint64 percent = 0;

  begin_row (im, r, row);
  sy_subsidy_topup_set_kind (t, cell (im, r, TCOL_KIND));
  sy_subsidy_topup_set_condition (t, cell (im, r, TCOL_CONDITION));

  text = cell (im, r, TCOL_PERCENT);
  digits = g_strdup (text);
  if (g_str_has_suffix (digits, "%"))
    digits[strlen (digits) - 1] = '\0';
  else if (g_str_has_suffix (digits, "％"))
    digits[strlen (digits) - strlen ("％")] = '\0';
  if (*text == '\0')
    report (import_report, im, TCOL_PERCENT, "%s", _("the percentage is missing"));
  else if (!g_ascii_string_to_unsigned (g_strstrip (digits), 10, 0, 1000, &percent, NULL))
    report (import_report, im, TCOL_PERCENT,
            _("“%s” is not a percentage from 0 to 1000 (100 doubles the amount)"), text);
  sy_subsidy_topup_set_percent (t, (gint) percent);

  from = date_cell (im, r, TCOL_FROM);
  sy_subsidy_topup_set_effective_from (t, from);
  to = date_cell (im, r, TCOL_TO);
  sy_subsidy_topup_set_effective_to (t, to);

  check_topup (SY_RECORD (t), import_report, im);
  row->record = SY_RECORD (g_steal_pointer (&t));
  row->valid = im->ok;
}

/* One record of the merged result: from the file (@row) or stored. */
typedef struct {
  SyRecord *record;
  Row      *row;
} Member;

static const Schema *sort_schema;   /* for compare_members; imports run on one thread */

static int
compare_members (gconstpointer a, gconstpointer b)
{
  const Member *ma = a, *mb = b;

  return g_strcmp0 (sort_schema->get_from (ma->record), sort_schema->get_from (mb->record));
}

static char *
describe (const Schema *schema, const Member *m)
{
  const char *to = schema->get_to (m->record);
  const char *from = schema->get_from (m->record);

  if (m->row != NULL)
    return g_strdup_printf (_("line %u (%s to %s)"), m->row->line, from, to ? to : "…");
  return g_strdup_printf (_(schema->stored_range), from, to ? to : "…");
}

/* Two records with the same key in force on one day: an issue on the
 * file's row, naming both.  Overlaps among stored rows alone are not this
 * import's doing and are left alone. */
static void
check_overlaps (Import *im, GPtrArray *rows, GListModel *stored, GHashTable *replaced)
{
  const Schema *schema = im->schema;
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);
  const char *from_title = title_of (im, schema->col_from);
  GHashTableIter iter;
  gpointer value;
  guint n_stored = g_list_model_get_n_items (stored);

  for (guint i = 0; i < rows->len + n_stored; i++)
    {
      Member m = { NULL, NULL };
      char *key;
      GArray *members;

      if (i < rows->len)
        {
          m.row = g_ptr_array_index (rows, i);
          if (!m.row->valid)
            continue;
          m.record = m.row->record;
        }
      else
        {
          SyRecord *item = g_list_model_get_item (stored, i - rows->len);

          g_ptr_array_add (keep, item);
          if (g_hash_table_contains (replaced, item))
            continue;
          m.record = item;
        }
      key = schema->group_key (m.record);
      members = g_hash_table_lookup (groups, key);
      if (members == NULL)
        {
          members = g_array_new (FALSE, FALSE, sizeof (Member));
          g_hash_table_insert (groups, key, members);
        }
      else
        g_free (key);
      g_array_append_val (members, m);
    }

  sort_schema = schema;
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GArray *members = value;

      g_array_sort (members, compare_members);
      /* Sorted by start: once a later one starts after this one ends, so
       * do all the rest. */
      for (guint i = 0; i < members->len; i++)
        for (guint j = i + 1; j < members->len; j++)
          {
            Member *a = &g_array_index (members, Member, i);
            Member *b = &g_array_index (members, Member, j);
            Row *blame = b->row != NULL ? b->row : a->row;
            g_autofree char *da = NULL;
            g_autofree char *db = NULL;
            g_autofree char *msg = NULL;

            if (!periods_overlap (schema->get_from (a->record), schema->get_to (a->record),
                                  schema->get_from (b->record), schema->get_to (b->record)))
              break;
            if (blame == NULL)
              continue;
            da = describe (schema, a);
            db = describe (schema, b);
            msg = g_strdup_printf (_(schema->overlap), da, db);
            add_issue (im->self, blame->line, from_title, msg);
            blame->valid = FALSE;
          }
    }
}

static int
compare_issues (gconstpointer a, gconstpointer b)
{
  const SyImportIssue *ia = *(SyImportIssue * const *) a;
  const SyImportIssue *ib = *(SyImportIssue * const *) b;

  return ia->line < ib->line ? -1 : ia->line > ib->line;
}

/* Plans every row against the stored records; writes only when none is
 * rejected. */
static gboolean
run_import (SyStandardRepo *self,
            const Schema   *schema,
            SyTable        *table,
            gboolean        dry_run,
            GError        **error)
{
  Import im = { self, schema, table, 0, { 0 }, 0, { 0 }, TRUE };
  g_autoptr(GListModel) stored = NULL;
  g_autoptr(GHashTable) paid = NULL;
  g_autoptr(GHashTable) by_key = NULL;      /* full key → stored record */
  g_autoptr(GHashTable) in_file = NULL;     /* full key → Row */
  g_autoptr(GHashTable) replaced = NULL;    /* stored records a row updates */
  g_autoptr(GPtrArray) rows = NULL;
  guint n_stored;

  g_ptr_array_set_size (self->issues, 0);
  self->n_added = self->n_updated = self->n_unchanged = self->n_rejected = 0;

  if (!find_header (&im, error))
    return FALSE;

  stored = schema->list (self, error);
  if (stored == NULL)
    return FALSE;
  paid = schema->load_paid (self, error);
  if (paid == NULL)
    return FALSE;

  by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  n_stored = g_list_model_get_n_items (stored);
  for (guint i = 0; i < n_stored; i++)
    {
      SyRecord *s = g_list_model_get_item (stored, i);

      g_hash_table_insert (by_key, full_key (schema, s), s);
    }

  rows = g_ptr_array_new_with_free_func (row_free);
  in_file = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  replaced = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint r = im.header + 1; r < sy_table_get_n_rows (table); r++)
    {
      Row *row = g_new0 (Row, 1);
      char *key;
      Row *earlier;
      SyRecord *match;

      g_ptr_array_add (rows, row);
      schema->parse_row (&im, r, row);
      if (!row->valid)
        continue;

      key = full_key (schema, row->record);
      earlier = g_hash_table_lookup (in_file, key);
      if (earlier != NULL)
        {
          g_autofree char *msg = g_strdup_printf (_(schema->duplicate), earlier->line);

          add_issue (self, row->line, title_of (&im, schema->col_from), msg);
          row->valid = FALSE;
          g_free (key);
          continue;
        }
      g_hash_table_insert (in_file, key, row);

      match = g_hash_table_lookup (by_key, key);
      if (match == NULL)
        continue;
      row->stored = g_object_ref (match);
      g_hash_table_add (replaced, match);
      if (schema->keep_absent != NULL)
        schema->keep_absent (&im, row->record, match);
      row->changed = !schema->same_values (row->record, match);
      if (row->changed)
        {
          gint64 id = sy_record_get_id (match);
          const char *paid_date = g_hash_table_lookup (paid, &id);
          const char *to = schema->get_to (row->record);

          /* Closing a paid record with an end date is how it is
           * superseded; its amounts are history. */
          if (paid_date != NULL && !schema->same_history (row->record, match))
            {
              g_autofree char *msg = g_strdup_printf (_(schema->import_refused),
                                                      schema->get_from (match));

              add_issue (self, row->line, title_of (&im, schema->col_value), msg);
              row->valid = FALSE;
            }
          else if (paid_date != NULL && to != NULL && strcmp (to, paid_date) < 0)
            {
              g_autofree char *msg = NULL;

              msg = g_strdup_printf (_(schema->end_refused), paid_date);
              add_issue (self, row->line, title_of (&im, schema->col_to), msg);
              row->valid = FALSE;
            }
        }
    }

  check_overlaps (&im, rows, stored, replaced);
  g_ptr_array_sort (self->issues, compare_issues);

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);

      if (!row->valid)
        self->n_rejected++;
      else if (row->stored == NULL)
        self->n_added++;
      else if (row->changed)
        self->n_updated++;
      else
        self->n_unchanged++;
    }

  if (self->n_rejected == 0 && !dry_run && (self->n_added > 0 || self->n_updated > 0))
    {
      if (!sy_database_begin (self->db, error))
        return FALSE;
      for (guint i = 0; i < rows->len; i++)
        {
          Row *row = g_ptr_array_index (rows, i);
          gboolean ok = TRUE;

          if (row->stored == NULL)
            ok = sy_database_insert (self->db, row->record, error);
          else if (row->changed)
            {
              /* Update a copy: on failure the loaded list stays as stored. */
              g_autoptr(SyRecord) copy = sy_record_copy (row->stored);

              schema->apply (copy, row->record);
              ok = sy_database_update (self->db, copy, error);
            }
          if (!ok)
            {
              sy_database_rollback (self->db);
              return FALSE;
            }
        }
      if (!sy_database_commit (self->db, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
sy_standard_repo_import (SyStandardRepo *self,
                         SyTable        *table,
                         gboolean        dry_run,
                         GError        **error)
{
  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_TABLE (table), FALSE);
  return run_import (self, &standard_schema, table, dry_run, error);
}

gboolean
sy_standard_repo_import_topups (SyStandardRepo *self,
                                SyTable        *table,
                                gboolean        dry_run,
                                GError        **error)
{
  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_TABLE (table), FALSE);
  return run_import (self, &topup_schema, table, dry_run, error);
}

GPtrArray *
sy_standard_repo_get_issues (SyStandardRepo *self)
{
  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), NULL);
  return self->issues;
}

guint
sy_standard_repo_get_n_added (SyStandardRepo *self)
{
  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), 0);
  return self->n_added;
}

guint
sy_standard_repo_get_n_updated (SyStandardRepo *self)
{
  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), 0);
  return self->n_updated;
}

guint
sy_standard_repo_get_n_unchanged (SyStandardRepo *self)
{
  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), 0);
  return self->n_unchanged;
}

guint
sy_standard_repo_get_n_rejected (SyStandardRepo *self)
{
  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), 0);
  return self->n_rejected;
}

/* --- export -------------------------------------------------------------- */

static void
append_field (GString *out, const char *text, gboolean last)
{
  if (text == NULL)
    text = "";
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ",");
}

void
_sy_csv_append_field (GString *out, const char *text, gboolean last)
{
  append_field (out, text, last);
}

static gboolean
run_export (SyStandardRepo *self,
            const Schema   *schema,
            GFile          *file,
            guint          *n_written,
            GError        **error)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GError) local_error = NULL;
  guint n;

  list = schema->list (self, error);
  if (list == NULL)
    return FALSE;

  for (guint c = 0; c < schema->n_cols; c++)
    append_field (out, schema->titles[c][0], c == schema->n_cols - 1);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyRecord) record = g_list_model_get_item (list, i);

      schema->write_row (out, record);
    }

  /* GIO writes a temporary file beside the target and renames it. */
  if (!g_file_replace_contents (file, out->str, out->len, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Could not write %s: %s"),
                   name, local_error->message);
      return FALSE;
    }
  if (n_written != NULL)
    *n_written = n;
  return TRUE;
}

gboolean
sy_standard_repo_export (SyStandardRepo *self,
                         GFile          *file,
                         guint          *n_written,
                         GError        **error)
{
  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  return run_export (self, &standard_schema, file, n_written, error);
}

gboolean
sy_standard_repo_export_topups (SyStandardRepo *self,
                                GFile          *file,
                                guint          *n_written,
                                GError        **error)
{
  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  return run_export (self, &topup_schema, file, n_written, error);
}
