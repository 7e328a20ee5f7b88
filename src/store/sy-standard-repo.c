/* sy-standard-repo.c: subsidy standards as dated data, CSV in and out
 *
 * The whole table of standards is small (hundreds of rows even for a big
 * county), so an import loads it into memory, plans every row against it,
 * checks the overlaps on the merged result and only then writes, in one
 * transaction: a rejected row means nothing is written at all.
 */
#include "sy-standard-repo.h"

#include <string.h>
#include <glib/gi18n-lib.h>

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
  N_COLS
} Column;

/* The first title of each is the one export writes. */
static const char *const column_titles[N_COLS][6] = {
  [COL_KIND]     = { "类型", "补助类型", "kind", NULL },
  [COL_CATEGORY] = { "优抚类别", "类别", "category", NULL },
  [COL_GRADE]    = { "伤残等级", "等级", "grade", NULL },
  [COL_NATURE]   = { "伤残性质", "性质", "nature", NULL },
  [COL_HUKOU]    = { "户籍类别", "户籍", "hukou", NULL },
  [COL_AMOUNT]   = { "金额", "标准(元)", "标准（元）", "标准", "amount", NULL },
  [COL_PERIOD]   = { "周期", "period", NULL },
  [COL_FROM]     = { "生效日期", "effective_from", NULL },
  [COL_TO]       = { "截止日期", "effective_to", NULL },
};

static const Column required_columns[] = {
  COL_KIND, COL_CATEGORY, COL_AMOUNT, COL_PERIOD, COL_FROM
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

/* The standards that lines of paid batches name: id → the latest date
 * paid ("" when the batch has none). */
static GHashTable *
load_paid_ids (SyStandardRepo *self, GError **error)
{
  static const GType types[] = { G_TYPE_INT64, G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(GdaDataModel) model = NULL;
  GHashTable *ids;
  int n;

  model = sy_database_select (self->db,
                              "SELECT l.standard_id, MAX(b.paid_date) FROM disbursement_line l"
                              " JOIN disbursement_batch b ON b.id = l.batch_id"
                              " WHERE b.state = 'paid' AND l.standard_id IS NOT NULL"
                              " GROUP BY l.standard_id",
                              types, error, NULL);
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

/* --- import -------------------------------------------------------------- */

typedef struct {
  guint              line;
  SySubsidyStandard *standard;   /* as the row says */
  SySubsidyStandard *stored;     /* the one it updates, or NULL */
  gboolean           valid;
  gboolean           changed;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->standard);
  g_clear_object (&row->stored);
  g_free (row);
}

static void
add_issue (SyStandardRepo *self, guint line, const char *column, const char *message)
{
  g_ptr_array_add (self->issues, sy_import_issue_new (line, column, SY_IMPORT_ERROR, message));
}

static const char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* The key that may not be in force twice on one day. */
static char *
group_key (SySubsidyStandard *s)
{
  const char *nature = sy_subsidy_standard_get_disability_nature (s);
  const char *hukou = sy_subsidy_standard_get_hukou (s);

  return g_strdup_printf ("%s\x1f%s\x1f%d\x1f%s\x1f%s",
                          sy_subsidy_standard_get_kind (s),
                          sy_subsidy_standard_get_category (s),
                          sy_subsidy_standard_get_disability_grade (s),
                          nature ? nature : "", hukou ? hukou : "");
}

static char *
full_key (SySubsidyStandard *s)
{
  g_autofree char *group = group_key (s);

  return g_strdup_printf ("%s\x1f%s", group, sy_subsidy_standard_get_effective_from (s));
}

/* YYYY-MM-DD, also with / or . and without leading zeros (as Excel writes
 * dates); normalised to YYYY-MM-DD, NULL when not a real date. */
static char *
parse_date (const char *text)
{
  g_auto(GStrv) parts = NULL;
  guint64 y, m, d;

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

/* Finds the header row: the first row naming every required column. */
static gboolean
find_header (SyTable *table, guint *header_row, int columns[N_COLS], GError **error)
{
  guint n_rows = sy_table_get_n_rows (table);

  for (guint r = 0; r < n_rows; r++)
    {
      guint n_cells = sy_table_get_n_cells (table, r);
      gboolean complete = TRUE;

      for (int c = 0; c < N_COLS; c++)
        columns[c] = -1;
      for (guint cell = 0; cell < n_cells; cell++)
        {
          const char *title = sy_table_get_cell (table, r, cell);

          for (int c = 0; c < N_COLS; c++)
            for (guint t = 0; column_titles[c][t] != NULL; t++)
              if (columns[c] < 0 && g_ascii_strcasecmp (title, column_titles[c][t]) == 0)
                columns[c] = (int) cell;
        }
      for (guint i = 0; i < G_N_ELEMENTS (required_columns); i++)
        if (columns[required_columns[i]] < 0)
          complete = FALSE;
      if (complete)
        {
          *header_row = r;
          return TRUE;
        }
    }

  g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
               _("%s:%u: no header row with the columns 类型, 优抚类别, 金额, 周期 and 生效日期"),
               sy_table_get_source_name (table),
               n_rows > 0 ? sy_table_get_line (table, 0) : 1);
  return FALSE;
}

static const char *
cell (SyTable *table, guint r, const int columns[N_COLS], Column c)
{
  return columns[c] < 0 ? "" : sy_table_get_cell (table, r, (guint) columns[c]);
}

static const char *
title_of (SyTable *table, guint header, const int columns[N_COLS], Column c)
{
  return columns[c] < 0 ? column_titles[c][0]
                        : sy_table_get_cell (table, header, (guint) columns[c]);
}

/* Reads and validates one data row; adds an issue for every problem. */
static gboolean
parse_row (SyStandardRepo *self, SyTable *table, guint header, guint r,
           const int columns[N_COLS], Row *row)
{
  guint line = sy_table_get_line (table, r);
  g_autoptr(SySubsidyStandard) s = sy_subsidy_standard_new ();
  const char *text;
  const char *period;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean ok = TRUE;
  gint64 fen = 0;
  guint64 grade = 0;

#define ISSUE(col, ...) G_STMT_START {                                          \
    g_autofree char *msg_ = g_strdup_printf (__VA_ARGS__);                      \
    add_issue (self, line, title_of (table, header, columns, col), msg_);       \
    ok = FALSE;                                                                 \
  } G_STMT_END

  row->line = line;

  text = cell (table, r, columns, COL_KIND);
  if (*text == '\0')
    ISSUE (COL_KIND, "%s", _("the kind of subsidy is missing"));
  sy_subsidy_standard_set_kind (s, text);

  text = cell (table, r, columns, COL_CATEGORY);
  if (*text == '\0')
    ISSUE (COL_CATEGORY, "%s", _("the recipient category is missing"));
  sy_subsidy_standard_set_category (s, text);

  text = cell (table, r, columns, COL_GRADE);
  if (*text != '\0')
    {
      g_autofree char *digits = g_strdup (text);

      /* "3级" is how offices write a grade. */
      if (g_str_has_suffix (digits, "级"))
        digits[strlen (digits) - strlen ("级")] = '\0';
      if (!g_ascii_string_to_unsigned (digits, 10, 1, 10, &grade, NULL))
        ISSUE (COL_GRADE, _("“%s” is not a disability grade from 1 to 10"), text);
    }
  sy_subsidy_standard_set_disability_grade (s, (gint) grade);

  sy_subsidy_standard_set_disability_nature (s, empty_to_null (cell (table, r, columns, COL_NATURE)));
  sy_subsidy_standard_set_hukou (s, empty_to_null (cell (table, r, columns, COL_HUKOU)));

  text = cell (table, r, columns, COL_AMOUNT);
  if (*text == '\0')
    ISSUE (COL_AMOUNT, "%s", _("the amount is missing"));
  else if (!sy_money_parse (text, &fen, NULL) || fen < 0)
    ISSUE (COL_AMOUNT, _("“%s” is not an amount in yuan (e.g. 1409.50)"), text);
  sy_subsidy_standard_set_amount_fen (s, fen);

  text = cell (table, r, columns, COL_PERIOD);
  period = sy_standard_repo_normalize_period (text);
  if (period == NULL)
    ISSUE (COL_PERIOD, _("unknown period “%s”: use 月, 年 or 次 (monthly, yearly, one-off)"), text);
  sy_subsidy_standard_set_period (s, period);

  text = cell (table, r, columns, COL_FROM);
  if (*text == '\0')
    ISSUE (COL_FROM, "%s", _("the effective date is missing"));
  else if ((from = parse_date (text)) == NULL)
    ISSUE (COL_FROM, _("“%s” is not a date (YYYY-MM-DD)"), text);
  sy_subsidy_standard_set_effective_from (s, from);

  text = cell (table, r, columns, COL_TO);
  if (*text != '\0' && (to = parse_date (text)) == NULL)
    ISSUE (COL_TO, _("“%s” is not a date (YYYY-MM-DD)"), text);
  else if (to != NULL && from != NULL && strcmp (to, from) < 0)
    ISSUE (COL_TO, _("the end date %s is before the effective date %s"), to, from);
  sy_subsidy_standard_set_effective_to (s, to);

#undef ISSUE

  row->standard = g_steal_pointer (&s);
  row->valid = ok;
  return ok;
}

static gboolean
same_values (SySubsidyStandard *a, SySubsidyStandard *b)
{
  return sy_subsidy_standard_get_amount_fen (a) == sy_subsidy_standard_get_amount_fen (b)
         && g_strcmp0 (sy_subsidy_standard_get_period (a), sy_subsidy_standard_get_period (b)) == 0
         && g_strcmp0 (sy_subsidy_standard_get_effective_to (a),
                       sy_subsidy_standard_get_effective_to (b)) == 0;
}

/* One standard of the merged result: from the file (@row) or stored. */
typedef struct {
  SySubsidyStandard *standard;
  Row               *row;
} Member;

static int
compare_members (gconstpointer a, gconstpointer b)
{
  const Member *ma = a, *mb = b;

  return g_strcmp0 (sy_subsidy_standard_get_effective_from (ma->standard),
                    sy_subsidy_standard_get_effective_from (mb->standard));
}

static char *
describe (const Member *m)
{
  const char *to = sy_subsidy_standard_get_effective_to (m->standard);
  const char *from = sy_subsidy_standard_get_effective_from (m->standard);

  if (m->row != NULL)
    return g_strdup_printf (_("line %u (%s to %s)"), m->row->line, from, to ? to : "…");
  return g_strdup_printf (_("the stored standard %s to %s"), from, to ? to : "…");
}

/* Two standards with the same key in force on one day: an issue on the
 * file's row, naming both.  Overlaps among stored rows alone are not this
 * import's doing and are left alone. */
static void
check_overlaps (SyStandardRepo *self, GPtrArray *rows, GListModel *stored,
                GHashTable *replaced, const char *from_title)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_array_unref);
  GHashTableIter iter;
  gpointer value;
  guint n_stored = g_list_model_get_n_items (stored);

  for (guint i = 0; i < rows->len + n_stored; i++)
    {
      Member m = { NULL, NULL };
      g_autoptr(SySubsidyStandard) item = NULL;
      char *key;
      GArray *members;

      if (i < rows->len)
        {
          m.row = g_ptr_array_index (rows, i);
          if (!m.row->valid)
            continue;
          m.standard = m.row->standard;
        }
      else
        {
          item = g_list_model_get_item (stored, i - rows->len);
          if (g_hash_table_contains (replaced, item))
            continue;
          m.standard = item;
        }
      key = group_key (m.standard);
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

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GArray *members = value;

      g_array_sort (members, compare_members);
      /* Sorted by start: each one overlaps a later one iff its end (open =
       * forever) is on or after the later one's start. */
      for (guint i = 0; i < members->len; i++)
        for (guint j = i + 1; j < members->len; j++)
          {
            Member *a = &g_array_index (members, Member, i);
            Member *b = &g_array_index (members, Member, j);
            const char *a_to = sy_subsidy_standard_get_effective_to (a->standard);
            Row *blame = b->row != NULL ? b->row : a->row;
            g_autofree char *da = NULL;
            g_autofree char *db = NULL;
            g_autofree char *msg = NULL;

            if (a_to != NULL
                && strcmp (a_to, sy_subsidy_standard_get_effective_from (b->standard)) < 0)
              break;
            if (blame == NULL)
              continue;
            da = describe (a);
            db = describe (b);
            msg = g_strdup_printf (_("the period overlaps another standard of the same kind, "
                                     "category, grade, nature and 户籍: %s and %s; give the "
                                     "earlier one an end date before the later one starts"),
                                   da, db);
            add_issue (self, blame->line, from_title, msg);
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

gboolean
sy_standard_repo_import (SyStandardRepo *self,
                         SyTable        *table,
                         gboolean        dry_run,
                         GError        **error)
{
  int columns[N_COLS];
  guint header = 0;
  g_autoptr(GListModel) stored = NULL;
  g_autoptr(GHashTable) paid = NULL;
  g_autoptr(GHashTable) by_key = NULL;      /* full key → stored standard */
  g_autoptr(GHashTable) in_file = NULL;     /* full key → Row */
  g_autoptr(GHashTable) replaced = NULL;    /* stored standards a row updates */
  g_autoptr(GPtrArray) rows = NULL;
  const char *from_title;
  guint n_stored;

  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_TABLE (table), FALSE);

  g_ptr_array_set_size (self->issues, 0);
  self->n_added = self->n_updated = self->n_unchanged = self->n_rejected = 0;

  if (!find_header (table, &header, columns, error))
    return FALSE;
  from_title = title_of (table, header, columns, COL_FROM);

  stored = sy_standard_repo_list (self, error);
  if (stored == NULL)
    return FALSE;
  paid = load_paid_ids (self, error);
  if (paid == NULL)
    return FALSE;

  by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  n_stored = g_list_model_get_n_items (stored);
  for (guint i = 0; i < n_stored; i++)
    {
      SySubsidyStandard *s = g_list_model_get_item (stored, i);

      g_hash_table_insert (by_key, full_key (s), s);
    }

  rows = g_ptr_array_new_with_free_func (row_free);
  in_file = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  replaced = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint r = header + 1; r < sy_table_get_n_rows (table); r++)
    {
      Row *row = g_new0 (Row, 1);
      char *key;
      Row *earlier;
      SySubsidyStandard *match;

      g_ptr_array_add (rows, row);
      if (!parse_row (self, table, header, r, columns, row))
        continue;

      key = full_key (row->standard);
      earlier = g_hash_table_lookup (in_file, key);
      if (earlier != NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("the same standard with the same effective "
                                                    "date is already on line %u"), earlier->line);

          add_issue (self, row->line, from_title, msg);
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
      row->changed = !same_values (row->standard, match);
      if (row->changed)
        {
          gint64 id = sy_record_get_id (SY_RECORD (match));

          const char *paid_date = g_hash_table_lookup (paid, &id);
          const char *to = sy_subsidy_standard_get_effective_to (row->standard);

          /* Closing a paid standard with an end date is how it is
           * superseded; its amount and period are history. */
          if (paid_date != NULL
              && (sy_subsidy_standard_get_amount_fen (row->standard)
                  != sy_subsidy_standard_get_amount_fen (match)
                  || g_strcmp0 (sy_subsidy_standard_get_period (row->standard),
                                sy_subsidy_standard_get_period (match)) != 0))
            {
              g_autofree char *msg = NULL;

              msg = g_strdup_printf (_("this standard (from %s) was used by a paid run and "
                                       "cannot be edited; supersede it with a new row with "
                                       "a new effective date"),
                                     sy_subsidy_standard_get_effective_from (match));
              add_issue (self, row->line, title_of (table, header, columns, COL_AMOUNT), msg);
              row->valid = FALSE;
            }
          else if (paid_date != NULL && to != NULL && strcmp (to, paid_date) < 0)
            {
              g_autofree char *msg = NULL;

              msg = g_strdup_printf (_("this standard was used by a run paid on %s: it cannot "
                                       "end before that"), paid_date);
              add_issue (self, row->line, title_of (table, header, columns, COL_TO), msg);
              row->valid = FALSE;
            }
        }
    }

  check_overlaps (self, rows, stored, replaced, from_title);
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
            ok = sy_database_insert (self->db, SY_RECORD (row->standard), error);
          else if (row->changed)
            {
              /* Update a copy: on failure the loaded list stays as stored. */
              g_autoptr(SyRecord) copy = sy_record_copy (SY_RECORD (row->stored));

              sy_subsidy_standard_set_amount_fen (SY_SUBSIDY_STANDARD (copy),
                                                  sy_subsidy_standard_get_amount_fen (row->standard));
              sy_subsidy_standard_set_period (SY_SUBSIDY_STANDARD (copy),
                                              sy_subsidy_standard_get_period (row->standard));
              sy_subsidy_standard_set_effective_to (SY_SUBSIDY_STANDARD (copy),
                                                    sy_subsidy_standard_get_effective_to (row->standard));
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

gboolean
sy_standard_repo_export (SyStandardRepo *self,
                         GFile          *file,
                         guint          *n_written,
                         GError        **error)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GError) local_error = NULL;
  guint n;

  g_return_val_if_fail (SY_IS_STANDARD_REPO (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  list = sy_standard_repo_list (self, error);
  if (list == NULL)
    return FALSE;

  for (int c = 0; c < N_COLS; c++)
    append_field (out, column_titles[c][0], c == N_COLS - 1);

  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SySubsidyStandard) s = g_list_model_get_item (list, i);
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
      append_field (out, sy_subsidy_standard_get_effective_to (s), TRUE);
    }

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
