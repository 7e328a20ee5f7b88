/* sy-run-repo.c: disbursement runs (发放批次) — computed, checked, approved, paid
 *
 * A computation reads everything it needs in five set queries (the kind's
 * standards and top-up rules, every category row that a standard of the
 * kind can pay with its person, those people's status history, and the
 * lines other runs already paid for the kind) and then works in memory:
 * 100 000 recipients must not mean 100 000 queries.  Months are integers
 * (sy-period.h), so "in force", "valid" and "在册" are comparisons.
 */
#include "sy-run-repo.h"
#include "sy-assessment-repo.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sy-queries.h"
#include "sy-recipient-repo.h"
#include "sy-store-private.h"

struct _SyRunRepo
{
  GObject     parent_instance;

  SyDatabase *db;
};

G_DEFINE_FINAL_TYPE (SyRunRepo, sy_run_repo, G_TYPE_OBJECT)

static void
sy_run_repo_finalize (GObject *object)
{
  SyRunRepo *self = SY_RUN_REPO (object);

  g_clear_object (&self->db);
  G_OBJECT_CLASS (sy_run_repo_parent_class)->finalize (object);
}

static void
sy_run_repo_class_init (SyRunRepoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_run_repo_finalize;
}

static void
sy_run_repo_init (SyRunRepo *self)
{
}

SyRunRepo *
sy_run_repo_new (SyDatabase *db)
{
  SyRunRepo *self;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);
  self = g_object_new (SY_TYPE_RUN_REPO, NULL);
  self->db = g_object_ref (db);
  return self;
}

/* --- groups ---------------------------------------------------------------- */

/* 重点优抚对象 as 《军人抚恤优待条例》 counts them (the people entitled to
 * 抚恤优待 by law, as opposed to the other 优抚 registers such as 退役士兵 or
 * 军队转业干部): the disabled, the families of the fallen, of the serving
 * and of conscripts, the old demobilised, those who came home ill, the
 * veterans of wars and tests, and the Red Army veterans.  Both the names
 * the 2018 collection used and the shorter local ones are listed.  This is
 * the one place the membership lives. */
static const char *const key_recipients[] = {
  "残疾军人",
  "烈士遗属",
  "因公牺牲军人遗属",
  "病故军人遗属",
  "现役军人家属",
  "义务兵家庭",
  "复员军人",
  "在乡复员军人",
  "带病回乡",
  "带病回乡退伍军人",
  "参战参试",
  "参战参试退役人员",
  "三红",
  "退伍红军老战士",
  "红军失散人员",
  "退伍红军老战士和红军失散人员",
  NULL
};

static const struct {
  const char *name;
  const char *const *members;
} category_groups[] = {
  { "重点优抚对象", key_recipients },
};

static const char *const *
group_members (const char *group)
{
  for (guint i = 0; i < G_N_ELEMENTS (category_groups); i++)
    if (g_strcmp0 (category_groups[i].name, group) == 0)
      return category_groups[i].members;
  return NULL;
}

gboolean
sy_run_repo_category_in_group (const char *group,
                               const char *category)
{
  const char *const *members;

  if (group == NULL || category == NULL)
    return FALSE;
  if (strcmp (group, category) == 0)
    return TRUE;
  members = group_members (group);
  return members != NULL && g_strv_contains (members, category);
}

/* --- small helpers --------------------------------------------------------- */

static const char *
cell_string (GdaDataModel *model, int column, int row)
{
  const GValue *v = gda_data_model_get_value_at (model, column, row, NULL);

  return v != NULL && G_VALUE_HOLDS_STRING (v) ? g_value_get_string (v) : NULL;
}

static gint64
cell_int64 (GdaDataModel *model, int column, int row)
{
  const GValue *v = gda_data_model_get_value_at (model, column, row, NULL);

  if (v == NULL)
    return 0;
  if (G_VALUE_HOLDS_INT64 (v))
    return g_value_get_int64 (v);
  if (G_VALUE_HOLDS_INT (v))
    return g_value_get_int (v);
  return 0;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* a × percent / 100 rounded half up to the 分 (amounts are never negative). */
static gint64
percent_of (gint64 amount, gint64 percent)
{
  return (amount * percent + 50) / 100;
}

/* The first month in force of a rule effective from @iso: in force in a
 * month when its first day is on or after the start. */
static int
first_month_in_force (const char *iso)
{
  int m = sy_month_from_iso (iso);

  if (m < 0)
    return G_MAXINT;   /* an unreadable start: never in force */
  if (strlen (iso) >= 10 && strncmp (iso + 8, "01", 2) != 0)
    m++;
  return m;
}

static int
last_month_in_force (const char *iso)
{
  int m;

  if (iso == NULL || *iso == '\0')
    return G_MAXINT;
  m = sy_month_from_iso (iso);
  return m < 0 ? G_MAXINT : m;
}

/* --- computation ------------------------------------------------------------ */

typedef struct {
  SySubsidyStandard *record;
  guint       index;      /* in Compute.standards */
  gint64      id;
  const char *category;
  int         grade;
  const char *nature;
  const char *hukou;
  gint64      amount;
  char        period;     /* 'm' 月, 'y' 年, 'o' 次 */
  gboolean    per_household;
  gboolean    is_group;
  int         from, to;   /* months in force */
} Standard;

typedef struct {
  const char *condition;
  int         percent;
  int         from, to;
} Topup;

typedef struct {
  gint64      id;
  const char *name;
  const char *id_number;
  const char *village;
  const char *hukou;
  gint64      household;  /* COALESCE (household_id, id) */
  const char *status;
  const char *account;
  const char *bank;
  guint8     *active;     /* per month of the period */
  char       *end_note;   /* why the 在册 months end inside the period */
} Person;

typedef struct {
  Person     *person;
  const char *category;
  int         grade;
  const char *nature;
  const char *topups;
  int         valid_from, valid_to;
  int        *standard;   /* per month of the period: index into standards, -1 none */
  gboolean    eligible;   /* some month has a standard */
  gboolean    excluded;
} Candidate;

typedef struct {
  gint64 recipient_id;
  const char *category;
  int first, last;
  gint64 batch_id;
  const char *title;
} PaidSpan;

typedef struct {
  SyRunRepo   *self;
  const char  *kind;
  SyPeriod     period;
  guint        n;          /* months in the period */
  SyRunComputeFlags flags;

  GPtrArray   *standards;  /* Standard* (owned) */
  GArray      *topups;     /* Topup */
  GListModel  *standard_list, *topup_list;
  GdaDataModel *rows, *changes, *paid_rows;
  GHashTable  *people;     /* gint64 id → Person* */
  GPtrArray   *candidates; /* Candidate* */
  GHashTable  *by_category; /* person category → GPtrArray of Standard* that can pay it */
  GHashTable  *paid;       /* gint64 recipient → GArray of PaidSpan */

  GPtrArray   *lines;
  GPtrArray   *exclusions;
} Compute;

static void
standard_free (gpointer data)
{
  Standard *s = data;

  g_object_unref (s->record);
  g_free (s);
}

static void
person_free (gpointer data)
{
  Person *p = data;

  g_free (p->active);
  g_free (p->end_note);
  g_free (p);
}

static void
candidate_free (gpointer data)
{
  Candidate *c = data;

  g_free (c->standard);
  g_free (c);
}

static void
compute_clear (Compute *c)
{
  g_clear_pointer (&c->standards, g_ptr_array_unref);
  g_clear_pointer (&c->topups, g_array_unref);
  g_clear_object (&c->standard_list);
  g_clear_object (&c->topup_list);
  g_clear_object (&c->rows);
  g_clear_object (&c->changes);
  g_clear_object (&c->paid_rows);
  g_clear_pointer (&c->people, g_hash_table_unref);
  g_clear_pointer (&c->candidates, g_ptr_array_unref);
  g_clear_pointer (&c->by_category, g_hash_table_unref);
  g_clear_pointer (&c->paid, g_hash_table_unref);
  g_clear_pointer (&c->lines, g_ptr_array_unref);
  g_clear_pointer (&c->exclusions, g_ptr_array_unref);
}

static gboolean
load_rules (Compute *c, GError **error)
{
  g_autofree char *std_sql = NULL, *topup_sql = NULL, *base = NULL;
  guint n;

  base = sy_database_select_all_sql (SY_TYPE_SUBSIDY_STANDARD);
  std_sql = g_strconcat (base, " WHERE kind = ##kind::string ORDER BY id", NULL);
  c->standard_list = sy_database_list (c->self->db, SY_TYPE_SUBSIDY_STANDARD, std_sql, error,
                                       "kind", G_TYPE_STRING, c->kind, NULL);
  if (c->standard_list == NULL)
    return FALSE;
  g_free (base);
  base = sy_database_select_all_sql (SY_TYPE_SUBSIDY_TOPUP);
  topup_sql = g_strconcat (base, " WHERE kind = ##kind::string ORDER BY id", NULL);
  c->topup_list = sy_database_list (c->self->db, SY_TYPE_SUBSIDY_TOPUP, topup_sql, error,
                                    "kind", G_TYPE_STRING, c->kind, NULL);
  if (c->topup_list == NULL)
    return FALSE;

  c->standards = g_ptr_array_new_with_free_func (standard_free);
  n = g_list_model_get_n_items (c->standard_list);
  for (guint i = 0; i < n; i++)
    {
      Standard *s = g_new0 (Standard, 1);
      const char *period;

      s->record = g_list_model_get_item (c->standard_list, i);
      s->index = i;
      s->id = sy_record_get_id (SY_RECORD (s->record));
      s->category = sy_subsidy_standard_get_category (s->record);
      s->grade = sy_subsidy_standard_get_disability_grade (s->record);
      s->nature = sy_subsidy_standard_get_disability_nature (s->record);
      s->hukou = sy_subsidy_standard_get_hukou (s->record);
      if (is_blank (s->nature))
        s->nature = NULL;
      if (is_blank (s->hukou))
        s->hukou = NULL;
      s->amount = sy_subsidy_standard_get_amount_fen (s->record);
      period = sy_subsidy_standard_get_period (s->record);
      s->period = g_strcmp0 (period, "年") == 0 ? 'y' : g_strcmp0 (period, "次") == 0 ? 'o' : 'm';
      s->per_household = sy_subsidy_standard_get_per_household (s->record);
      s->is_group = group_members (s->category) != NULL;
      s->from = first_month_in_force (sy_subsidy_standard_get_effective_from (s->record));
      s->to = last_month_in_force (sy_subsidy_standard_get_effective_to (s->record));
      g_ptr_array_add (c->standards, s);
    }

  c->topups = g_array_new (FALSE, TRUE, sizeof (Topup));
  n = g_list_model_get_n_items (c->topup_list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SySubsidyTopup) t = g_list_model_get_item (c->topup_list, i);
      Topup topup;

      /* The strings live as long as the list does. */
      topup.condition = sy_subsidy_topup_get_condition (t);
      topup.percent = sy_subsidy_topup_get_percent (t);
      topup.from = first_month_in_force (sy_subsidy_topup_get_effective_from (t));
      topup.to = last_month_in_force (sy_subsidy_topup_get_effective_to (t));
      g_array_append_val (c->topups, topup);
    }
  return TRUE;
}

/* The standards that can pay a person holding @category: the category's
 * own, and those of groups it belongs to. */
static GPtrArray *
standards_for_category (Compute *c, const char *category)
{
  GPtrArray *list = g_hash_table_lookup (c->by_category, category);

  if (list != NULL)
    return list;
  list = g_ptr_array_new ();
  for (guint i = 0; i < c->standards->len; i++)
    {
      Standard *s = g_ptr_array_index (c->standards, i);

      if (sy_run_repo_category_in_group (s->category, category))
        g_ptr_array_add (list, s);
    }
  g_hash_table_insert (c->by_category, (gpointer) category, list);
  return list;
}

/* WHERE clause selecting the category rows a standard of the kind can pay:
 * all of them when a group is among the standards' categories (the group
 * covers most of the register anyway), else those naming a category. */
#define CANDIDATE_WHERE \
  "(##all::gint = 1 OR c.category IN " \
  "(SELECT s.category FROM subsidy_standard s WHERE s.kind = ##kind::string))"

static gboolean
load_people (Compute *c, GError **error)
{
  static const GType row_types[] = {
    G_TYPE_INT64, G_TYPE_STRING, G_TYPE_INT, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
    G_TYPE_STRING, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
    G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_NONE
  };
  static const GType change_types[] = {
    G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_NONE
  };
  int all = 0;
  int n_rows;

  for (guint i = 0; i < c->standards->len; i++)
    if (((Standard *) g_ptr_array_index (c->standards, i))->is_group)
      all = 1;

  c->rows = sy_database_select (c->self->db,
                                "SELECT c.recipient_id, c.category, c.disability_grade, "
                                "c.disability_nature, c.valid_from, c.valid_to, c.topups, "
                                "r.id, r.name, r.id_number, r.village, r.hukou, "
                                "COALESCE (r.household_id, r.id), r.status, r.account, r.bank "
                                "FROM recipient_category c JOIN recipient r ON r.id = c.recipient_id "
                                "WHERE " CANDIDATE_WHERE " ORDER BY c.recipient_id, c.id",
                                row_types, error,
                                "all", G_TYPE_INT, all, "kind", G_TYPE_STRING, c->kind, NULL);
  if (c->rows == NULL)
    return FALSE;
  c->changes = sy_database_select (c->self->db,
                                   "SELECT h.recipient_id, h.kind, h.effective_date, h.reason "
                                   "FROM status_change h WHERE h.recipient_id IN "
                                   "(SELECT c.recipient_id FROM recipient_category c WHERE "
                                   CANDIDATE_WHERE ") "
                                   "ORDER BY h.recipient_id, h.effective_date, h.id",
                                   change_types, error,
                                   "all", G_TYPE_INT, all, "kind", G_TYPE_STRING, c->kind, NULL);
  if (c->changes == NULL)
    return FALSE;

  c->people = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, person_free);
  c->candidates = g_ptr_array_new_with_free_func (candidate_free);
  n_rows = gda_data_model_get_n_rows (c->rows);
  for (int row = 0; row < n_rows; row++)
    {
      gint64 id = cell_int64 (c->rows, 0, row);
      Person *p = g_hash_table_lookup (c->people, &id);
      Candidate *cand;
      const char *from, *to;

      if (p == NULL)
        {
          p = g_new0 (Person, 1);
          p->id = id;
          p->name = cell_string (c->rows, 8, row);
          p->id_number = cell_string (c->rows, 9, row);
          p->village = cell_string (c->rows, 10, row);
          p->hukou = cell_string (c->rows, 11, row);
          p->household = cell_int64 (c->rows, 12, row);
          p->status = cell_string (c->rows, 13, row);
          p->account = cell_string (c->rows, 14, row);
          p->bank = cell_string (c->rows, 15, row);
          p->active = g_new0 (guint8, c->n);
          g_hash_table_insert (c->people, &p->id, p);
        }
      cand = g_new0 (Candidate, 1);
      cand->person = p;
      cand->category = cell_string (c->rows, 1, row);
      cand->grade = (int) cell_int64 (c->rows, 2, row);
      cand->nature = cell_string (c->rows, 3, row);
      if (is_blank (cand->nature))
        cand->nature = NULL;
      from = cell_string (c->rows, 4, row);
      to = cell_string (c->rows, 5, row);
      /* A category held on any day of a month counts for the month. */
      cand->valid_from = is_blank (from) ? G_MININT : sy_month_from_iso (from);
      cand->valid_to = is_blank (to) ? G_MAXINT : sy_month_from_iso (to);
      if (cand->valid_from == -1)
        cand->valid_from = G_MININT;
      if (cand->valid_to == -1)
        cand->valid_to = G_MAXINT;
      cand->topups = cell_string (c->rows, 6, row);
      cand->standard = g_new (int, c->n);
      g_ptr_array_add (c->candidates, cand);
    }
  return TRUE;
}

/* TRUE when a change of @kind makes a person 在册 (新增, 迁入). */
static gboolean
is_start (const char *kind)
{
  return g_strcmp0 (sy_recipient_repo_status_after (kind, "-"), "在册") == 0;
}

static void
mark_active (Compute *c, Person *p, int from, int to)
{
  int a = MAX (from, c->period.first), b = MIN (to, c->period.last);

  for (int m = a; m <= b; m++)
    p->active[m - c->period.first] = 1;
}

/* Marks the months of the period in which each person is 在册: on any day
 * of the month, so the month of a death or a move away is still paid (and
 * the month of registration too). */
static void
compute_active_months (Compute *c)
{
  GHashTableIter iter;
  gpointer value;
  int n_changes = gda_data_model_get_n_rows (c->changes);
  int row = 0;

  /* People without history: the current status decides. */
  g_hash_table_iter_init (&iter, c->people);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Person *p = value;
      gboolean on = p->status == NULL || strcmp (p->status, "在册") == 0;

      memset (p->active, on, c->n);
    }

  while (row < n_changes)
    {
      gint64 id = cell_int64 (c->changes, 0, row);
      Person *p = g_hash_table_lookup (c->people, &id);
      int first = row;
      gboolean on;
      int since = G_MININT;
      const char *end_kind = NULL, *end_date = NULL, *end_reason = NULL;

      while (row < n_changes && cell_int64 (c->changes, 0, row) == id)
        row++;
      if (p == NULL)
        continue;

      /* Before the first change the person was 在册 unless that change
       * is what registered them. */
      on = !is_start (cell_string (c->changes, 1, first));
      memset (p->active, 0, c->n);
      for (int r = first; r < row; r++)
        {
          const char *kind = cell_string (c->changes, 1, r);
          const char *date = cell_string (c->changes, 2, r);
          int month = sy_month_from_iso (date);
          gboolean next;

          if (month < 0)
            continue;   /* an unreadable date changes nothing */
          next = g_strcmp0 (sy_recipient_repo_status_after (kind, on ? "在册" : "-"), "在册") == 0;
          if (on && !next)
            {
              mark_active (c, p, since, month);
              end_kind = month >= c->period.first && month <= c->period.last ? kind : NULL;
              end_date = date;
              end_reason = cell_string (c->changes, 3, r);
            }
          else if (!on && next)
            {
              since = month;
              end_kind = NULL;
            }
          on = next;
        }
      if (on)
        mark_active (c, p, since, G_MAXINT);
      else if (end_kind != NULL)
        {
          if (!is_blank (end_reason))
            p->end_note = g_strdup_printf (_("%s %s (%s): paid up to and including that month"),
                                           end_date, end_kind, end_reason);
          else
            p->end_note = g_strdup_printf (_("%s %s: paid up to and including that month"),
                                           end_date, end_kind);
        }
    }
}

static gboolean
standard_matches (const Standard *s, const Candidate *cand, int month)
{
  return s->from <= month && month <= s->to
         && (s->grade == 0 || s->grade == cand->grade)
         && (s->nature == NULL || g_strcmp0 (s->nature, cand->nature) == 0)
         && (s->hukou == NULL || g_strcmp0 (s->hukou, cand->person->hukou) == 0);
}

/* How specific a standard is for a person: its own category beats a group,
 * then each of grade, nature and 户籍 named counts. */
static int
specificity (const Standard *s)
{
  return (s->is_group ? 0 : 8) + (s->grade != 0) + (s->nature != NULL) + (s->hukou != NULL);
}

static void
add_exclusion (Compute *c, Candidate *cand, const char *code, const char *reason)
{
  SyDisbursementExclusion *e = sy_disbursement_exclusion_new ();
  Person *p = cand->person;

  sy_disbursement_exclusion_set_recipient_id (e, p->id);
  sy_disbursement_exclusion_set_category (e, cand->category);
  sy_disbursement_exclusion_set_code (e, code);
  sy_disbursement_exclusion_set_reason (e, reason);
  sy_disbursement_exclusion_set_recipient_name (e, p->name);
  sy_disbursement_exclusion_set_id_number (e, p->id_number);
  sy_disbursement_exclusion_set_village (e, p->village);
  g_ptr_array_add (c->exclusions, e);
  cand->excluded = TRUE;
}

static char *
describe_standard (const Standard *s)
{
  GString *out = g_string_new (NULL);
  g_autofree char *amount = sy_money_format_plain (s->amount);

  g_string_append_printf (out, "#%" G_GINT64_FORMAT " %s", s->id, s->category);
  if (s->grade != 0)
    g_string_append_printf (out, " %d级", s->grade);
  if (s->nature != NULL)
    g_string_append_printf (out, " %s", s->nature);
  if (s->hukou != NULL)
    g_string_append_printf (out, " %s", s->hukou);
  g_string_append_printf (out, " %s元/%s", amount, sy_subsidy_standard_get_period (s->record));
  return g_string_free (out, FALSE);
}

/* Chooses the standard of every month for every candidate, and excludes
 * those with no month (inactive, no standard, ambiguous). */
static void
assign_standards (Compute *c)
{
  for (guint i = 0; i < c->candidates->len; i++)
    {
      Candidate *cand = g_ptr_array_index (c->candidates, i);
      Person *p = cand->person;
      GPtrArray *list = standards_for_category (c, cand->category);
      gboolean held = FALSE, active = FALSE;
      const Standard *clash_a = NULL, *clash_b = NULL;

      /* A category no standard of the kind names (read because a group
       * made the query take every category) is not a candidate. */
      if (list->len == 0)
        {
          cand->excluded = TRUE;
          continue;
        }
      for (guint k = 0; k < c->n; k++)
        {
          int month = c->period.first + (int) k;
          const Standard *best = NULL, *rival = NULL;
          int best_score = -1;

          cand->standard[k] = -1;
          if (month < cand->valid_from || month > cand->valid_to)
            continue;
          held = TRUE;
          if (!p->active[k])
            continue;
          active = TRUE;
          for (guint j = 0; j < list->len; j++)
            {
              const Standard *s = g_ptr_array_index (list, j);
              int score;

              if (!standard_matches (s, cand, month))
                continue;
              score = specificity (s);
              if (score > best_score)
                {
                  best = s;
                  best_score = score;
                  rival = NULL;   /* a more specific one settles an earlier tie */
                }
              else if (score == best_score && rival == NULL)
                rival = s;
            }
          if (rival != NULL && clash_a == NULL)
            {
              clash_a = best;
              clash_b = rival;
            }
          if (best != NULL && rival == NULL)
            {
              cand->standard[k] = (int) best->index;
              cand->eligible = TRUE;
            }
        }

      /* Not holding the category in the period at all (a family whose
       * soldier came home last year) is no exclusion: nothing was due. */
      if (!held)
        {
          cand->excluded = TRUE;
          continue;
        }
      if (clash_a != NULL)
        {
          g_autofree char *a = describe_standard (clash_a);
          g_autofree char *b = describe_standard (clash_b);
          g_autofree char *reason = g_strdup_printf (_("Two standards match equally: %s and %s; "
                                                       "correct the standards and recompute"), a, b);
          add_exclusion (c, cand, SY_RUN_EXCLUDED_AMBIGUOUS, reason);
          cand->eligible = FALSE;
          continue;
        }
      if (!active)
        {
          g_autofree char *reason = g_strdup_printf (_("Not in the register (在册) in any month of "
                                                       "the period (status: %s)"),
                                                     p->status != NULL ? p->status : "");
          add_exclusion (c, cand, SY_RUN_EXCLUDED_INACTIVE, reason);
          continue;
        }
      if (!cand->eligible)
        {
          g_autofree char *reason = NULL;

          if (cand->grade != 0 || cand->nature != NULL)
            reason = g_strdup_printf (_("No standard of %s matches %s (grade %d, %s, 户籍 %s)"),
                                      c->kind, cand->category, cand->grade,
                                      cand->nature != NULL ? cand->nature : "-",
                                      p->hukou != NULL ? p->hukou : "-");
          else
            reason = g_strdup_printf (_("No standard of %s matches %s (户籍 %s)"),
                                      c->kind, cand->category,
                                      p->hukou != NULL ? p->hukou : "-");
          add_exclusion (c, cand, SY_RUN_EXCLUDED_NO_STANDARD, reason);
        }
    }

  /* A person holding two categories of one group is paid by a group
   * standard once, under the first of them. */
  {
    g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < c->candidates->len; i++)
      {
        Candidate *cand = g_ptr_array_index (c->candidates, i);

        if (!cand->eligible || cand->excluded)
          continue;
        for (guint k = 0; k < c->n; k++)
          {
            const Standard *s;
            char *key;

            if (cand->standard[k] < 0)
              continue;
            s = g_ptr_array_index (c->standards, cand->standard[k]);
            if (!s->is_group)
              continue;
            key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%u",
                                   cand->person->id, s->id, k);
            if (g_hash_table_contains (seen, key))
              {
                cand->standard[k] = -1;
                g_free (key);
              }
            else
              g_hash_table_add (seen, key);
          }
        cand->eligible = FALSE;
        for (guint k = 0; k < c->n; k++)
          cand->eligible |= cand->standard[k] >= 0;
        if (!cand->eligible)
          cand->excluded = TRUE;   /* paid under another category of the group */
      }
  }
}

/* Does the candidate use a per-household standard in any month? */
static gboolean
uses_household_standard (Compute *c, Candidate *cand)
{
  for (guint k = 0; k < c->n; k++)
    if (cand->standard[k] >= 0
        && ((Standard *) g_ptr_array_index (c->standards, cand->standard[k]))->per_household)
      return TRUE;
  return FALSE;
}

/* Per-household standards: one payee per (household, category), the head
 * if eligible, else the lowest id. */
static void
apply_households (Compute *c)
{
  g_autoptr(GHashTable) payees = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < c->candidates->len; i++)
    {
      Candidate *cand = g_ptr_array_index (c->candidates, i);
      Candidate *other;
      char *key;

      if (!cand->eligible || cand->excluded || !uses_household_standard (c, cand))
        continue;
      key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", cand->person->household, cand->category);
      other = g_hash_table_lookup (payees, key);
      if (other == NULL)
        {
          g_hash_table_insert (payees, key, cand);
          continue;
        }
      g_free (key);
      /* candidates come ordered by recipient id */
      if (cand->person->id == cand->person->household && other->person->id != other->person->household)
        {
          key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", cand->person->household, cand->category);
          g_hash_table_replace (payees, key, cand);
          other->excluded = TRUE;
        }
      else
        cand->excluded = TRUE;
    }

  for (guint i = 0; i < c->candidates->len; i++)
    {
      Candidate *cand = g_ptr_array_index (c->candidates, i);
      g_autofree char *key = NULL;
      Candidate *payee;
      g_autofree char *reason = NULL;

      if (!cand->eligible || !cand->excluded || !uses_household_standard (c, cand))
        continue;
      key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", cand->person->household, cand->category);
      payee = g_hash_table_lookup (payees, key);
      if (payee == NULL || payee == cand)
        continue;
      reason = g_strdup_printf (_("Paid once per household, to %s"), payee->person->name);
      cand->excluded = FALSE;   /* add_exclusion sets it again */
      add_exclusion (c, cand, SY_RUN_EXCLUDED_HOUSEHOLD, reason);
    }
}

static void
paid_span_array_free (gpointer data)
{
  g_array_unref (data);
}

static gboolean
load_paid (Compute *c, gint64 skip_batch_id, GError **error)
{
  static const GType types[] = {
    G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT64, G_TYPE_STRING,
    G_TYPE_STRING, G_TYPE_NONE
  };
  int n;

  c->paid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, paid_span_array_free);
  c->paid_rows = sy_database_select (c->self->db,
                                     "SELECT l.recipient_id, l.category, l.first_month, l.last_month, "
                                     "b.id, b.title, b.period "
                                     "FROM disbursement_line l JOIN disbursement_batch b ON b.id = l.batch_id "
                                     "WHERE b.kind = ##kind::string AND b.id <> ##skip::gint64 "
                                     "AND l.status <> 'failed'",
                                     types, error,
                                     "kind", G_TYPE_STRING, c->kind,
                                     "skip", G_TYPE_INT64, skip_batch_id, NULL);
  if (c->paid_rows == NULL)
    return FALSE;
  n = gda_data_model_get_n_rows (c->paid_rows);
  for (int row = 0; row < n; row++)
    {
      PaidSpan span;
      GArray *spans;
      gint64 id = cell_int64 (c->paid_rows, 0, row);

      if (!g_hash_table_contains (c->people, &id))
        continue;
      span.recipient_id = id;
      span.category = cell_string (c->paid_rows, 1, row);
      span.first = sy_month_from_iso (cell_string (c->paid_rows, 2, row));
      span.last = sy_month_from_iso (cell_string (c->paid_rows, 3, row));
      span.batch_id = cell_int64 (c->paid_rows, 4, row);
      span.title = cell_string (c->paid_rows, 5, row);
      if (span.first < 0 || span.last < span.first)
        {
          /* Lines written before months were kept: the run's period. */
          SyPeriod period;

          if (!sy_period_parse (cell_string (c->paid_rows, 6, row), &period, NULL))
            continue;
          span.first = period.first;
          span.last = period.last;
        }
      spans = g_hash_table_lookup (c->paid, &id);
      if (spans == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = id;
          spans = g_array_new (FALSE, FALSE, sizeof (PaidSpan));
          g_hash_table_insert (c->paid, key, spans);
        }
      g_array_append_val (spans, span);
    }
  return TRUE;
}

/* The run that paid @month to @recipient for @cand's category (or, for a
 * group standard, any category of the group), or NULL. */
static const PaidSpan *
paid_by (Compute *c, gint64 recipient, const Candidate *cand, const Standard *s, int month)
{
  GArray *spans = g_hash_table_lookup (c->paid, &recipient);

  if (spans == NULL)
    return NULL;
  for (guint i = 0; i < spans->len; i++)
    {
      const PaidSpan *span = &g_array_index (spans, PaidSpan, i);

      if (month < span->first || month > span->last)
        continue;
      if (g_strcmp0 (span->category, cand->category) == 0
          || (s->is_group && sy_run_repo_category_in_group (s->category, span->category)))
        return span;
    }
  return NULL;
}

/* Drops months other runs paid; a candidate left with none is excluded. */
static void
apply_paid (Compute *c)
{
  g_autoptr(GHashTable) households = NULL;

  if (c->flags & SY_RUN_COMPUTE_ENTITLEMENT)
    return;

  /* Per-household lines: months paid to any member count. */
  households = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                      (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < c->candidates->len; i++)
    {
      Candidate *cand = g_ptr_array_index (c->candidates, i);
      GArray *members = g_hash_table_lookup (households, &cand->person->household);

      if (members == NULL)
        {
          members = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (households, &cand->person->household, members);
        }
      if (members->len == 0
          || g_array_index (members, gint64, members->len - 1) != cand->person->id)
        g_array_append_val (members, cand->person->id);
    }

  for (guint i = 0; i < c->candidates->len; i++)
    {
      Candidate *cand = g_ptr_array_index (c->candidates, i);
      const PaidSpan *last = NULL;
      gboolean left = FALSE;
      gboolean one_off_paid = FALSE;

      if (!cand->eligible || cand->excluded)
        continue;
      for (guint k = 0; k < c->n; k++)
        {
          const Standard *s;
          const PaidSpan *span = NULL;
          int month = c->period.first + (int) k;

          if (cand->standard[k] < 0)
            continue;
          s = g_ptr_array_index (c->standards, cand->standard[k]);
          if (s->per_household)
            {
              GArray *members = g_hash_table_lookup (households, &cand->person->household);

              for (guint j = 0; members != NULL && j < members->len && span == NULL; j++)
                span = paid_by (c, g_array_index (members, gint64, j), cand, s, month);
            }
          else
            span = paid_by (c, cand->person->id, cand, s, month);
          if (span != NULL)
            {
              last = span;
              cand->standard[k] = -1;
              if (s->period == 'o')
                one_off_paid = TRUE;
            }
          else
            left = TRUE;
        }
      /* A one-off sum is paid once: any month paid means it was. */
      if (one_off_paid)
        for (guint k = 0; k < c->n; k++)
          if (cand->standard[k] >= 0
              && ((Standard *) g_ptr_array_index (c->standards, cand->standard[k]))->period == 'o')
            cand->standard[k] = -1;
      left = FALSE;
      for (guint k = 0; k < c->n; k++)
        left |= cand->standard[k] >= 0;
      if (!left)
        {
          g_autofree char *reason = g_strdup_printf (_("Every month of the period is in the run “%s” (#%lld) already"),
                                                     last != NULL && last->title != NULL ? last->title : "",
                                                     (long long) (last != NULL ? last->batch_id : 0));
          add_exclusion (c, cand, SY_RUN_EXCLUDED_PAID, reason);
        }
    }
}

static gboolean
topups_name (const char *topups, const char *condition)
{
  g_auto(GStrv) parts = NULL;

  if (is_blank (topups) || is_blank (condition))
    return FALSE;
  parts = g_regex_split_simple ("[、,，;；\\s]+", topups, 0, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    if (strcmp (parts[i], condition) == 0)
      return TRUE;
  return FALSE;
}

static SyDisbursementLine *
make_line (Compute *c, Candidate *cand, const Standard *s, int first, int last, int months)
{
  SyDisbursementLine *line = sy_disbursement_line_new ();
  Person *p = cand->person;
  g_autofree char *first_iso = sy_month_to_iso (first);
  g_autofree char *last_iso = sy_month_to_iso (last);
  GString *applied = g_string_new (NULL);
  gint64 base, topup = 0;

  switch (s->period)
    {
    case 'y':
      base = (s->amount * months + 6) / 12;
      break;
    case 'o':
      base = s->amount;
      months = 0;
      break;
    default:
      base = s->amount * months;
      break;
    }

  for (guint i = 0; i < c->topups->len; i++)
    {
      const Topup *t = &g_array_index (c->topups, Topup, i);

      if (t->from <= first && first <= t->to && topups_name (cand->topups, t->condition))
        {
          topup += percent_of (base, t->percent);
          if (applied->len > 0)
            g_string_append (applied, "、");
          g_string_append_printf (applied, "%s+%d%%", t->condition, t->percent);
        }
    }

  sy_disbursement_line_set_recipient_id (line, p->id);
  sy_disbursement_line_set_standard_id (line, s->id);
  sy_disbursement_line_set_months (line, months);
  sy_disbursement_line_set_standard_fen (line, s->amount);
  sy_disbursement_line_set_base_fen (line, base);
  sy_disbursement_line_set_topup_fen (line, topup);
  sy_disbursement_line_set_topups (line, applied->len > 0 ? applied->str : NULL);
  sy_disbursement_line_set_computed_fen (line, base + topup);
  sy_disbursement_line_set_amount_fen (line, base + topup);
  sy_disbursement_line_set_account (line, p->account);
  sy_disbursement_line_set_bank (line, p->bank);
  sy_disbursement_line_set_status (line, SY_LINE_PENDING);
  sy_disbursement_line_set_category (line, cand->category);
  sy_disbursement_line_set_first_month (line, first_iso);
  sy_disbursement_line_set_last_month (line, last_iso);
  sy_disbursement_line_set_recipient_name (line, p->name);
  sy_disbursement_line_set_id_number (line, p->id_number);
  sy_disbursement_line_set_village (line, p->village);
  g_string_free (applied, TRUE);
  return line;
}

/* Lines: a run of consecutive months with the same standard each; a
 * one-off standard once, over all its months. */
static void
build_lines (Compute *c)
{
  for (guint i = 0; i < c->candidates->len; i++)
    {
      Candidate *cand = g_ptr_array_index (c->candidates, i);
      Person *p = cand->person;
      guint k = 0;
      gboolean one_off_done = FALSE;
      SyDisbursementLine *last_line = NULL;

      if (!cand->eligible || cand->excluded)
        continue;
      if (!(c->flags & SY_RUN_COMPUTE_ENTITLEMENT) && is_blank (p->account))
        {
          add_exclusion (c, cand, SY_RUN_EXCLUDED_NO_ACCOUNT,
                         _("No bank account on record: add it to the person's record and recompute"));
          continue;
        }
      while (k < c->n)
        {
          const Standard *s;
          guint end;

          if (cand->standard[k] < 0)
            {
              k++;
              continue;
            }
          s = g_ptr_array_index (c->standards, cand->standard[k]);
          end = k;
          if (s->period == 'o')
            {
              /* every remaining month of this standard */
              for (guint j = k; j < c->n; j++)
                if (cand->standard[j] == cand->standard[k])
                  end = j;
              if (!one_off_done)
                {
                  last_line = make_line (c, cand, s, c->period.first + (int) k,
                                         c->period.first + (int) end, 0);
                  g_ptr_array_add (c->lines, last_line);
                }
              one_off_done = TRUE;
              for (guint j = k; j <= end; j++)
                if (cand->standard[j] == cand->standard[k])
                  cand->standard[j] = -1;
              k++;
              continue;
            }
          while (end + 1 < c->n && cand->standard[end + 1] == cand->standard[k])
            end++;
          last_line = make_line (c, cand, s, c->period.first + (int) k, c->period.first + (int) end,
                                 (int) (end - k + 1));
          g_ptr_array_add (c->lines, last_line);
          k = end + 1;
        }
      if (last_line != NULL && p->end_note != NULL)
        sy_disbursement_line_set_note (last_line, p->end_note);
    }
}

static int
compare_text (const char *a, const char *b)
{
  return strcmp (a != NULL ? a : "", b != NULL ? b : "");
}

static int
compare_candidates (gconstpointer pa, gconstpointer pb)
{
  const Candidate *a = *(Candidate * const *) pa;
  const Candidate *b = *(Candidate * const *) pb;
  int r;

  if ((r = compare_text (a->person->village, b->person->village)) != 0
      || (r = compare_text (a->person->name, b->person->name)) != 0)
    return r;
  if (a->person->id != b->person->id)
    return a->person->id < b->person->id ? -1 : 1;
  return compare_text (a->category, b->category);
}

static int
compare_exclusions (gconstpointer pa, gconstpointer pb)
{
  SyDisbursementExclusion *a = *(SyDisbursementExclusion **) pa;
  SyDisbursementExclusion *b = *(SyDisbursementExclusion **) pb;
  int r;
  gint64 x, y;

  if ((r = compare_text (sy_disbursement_exclusion_get_village (a), sy_disbursement_exclusion_get_village (b))) != 0
      || (r = compare_text (sy_disbursement_exclusion_get_recipient_name (a), sy_disbursement_exclusion_get_recipient_name (b))) != 0)
    return r;
  x = sy_disbursement_exclusion_get_recipient_id (a);
  y = sy_disbursement_exclusion_get_recipient_id (b);
  if (x != y)
    return x < y ? -1 : 1;
  return compare_text (sy_disbursement_exclusion_get_category (a), sy_disbursement_exclusion_get_category (b));
}

static gboolean
check_kind (SyRunRepo *self, const char *kind, GError **error)
{
  gint64 n = 0;

  if (is_blank (kind))
    {
      g_set_error_literal (error, SY_ERROR, SY_ERROR_INVALID, _("Give the kind of subsidy the run pays"));
      return FALSE;
    }
  if (!sy_database_query_int64 (self->db, &n, "SELECT COUNT(*) FROM subsidy_standard WHERE kind = ##kind::string",
                                error, "kind", G_TYPE_STRING, kind, NULL))
    return FALSE;
  if (n == 0)
    {
      g_auto(GStrv) kinds = sy_run_repo_list_kinds (self, NULL);
      g_autofree char *list = kinds != NULL ? g_strjoinv ("、", kinds) : g_strdup ("");

      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("No standard is of the kind “%s”; the kinds are: %s"), kind, list);
      return FALSE;
    }
  return TRUE;
}

gboolean
sy_run_repo_compute (SyRunRepo          *self,
                     const char         *kind,
                     const char         *period,
                     SyRunComputeFlags   flags,
                     gint64              skip_batch_id,
                     GPtrArray         **lines,
                     GPtrArray         **exclusions,
                     GError            **error)
{
  Compute c = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (SY_IS_RUN_REPO (self), FALSE);

  if (!sy_period_parse (period, &c.period, error) || !check_kind (self, kind, error))
    return FALSE;
  c.self = self;
  c.kind = kind;
  c.flags = flags;
  c.n = sy_period_n_months (&c.period);
  c.by_category = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) g_ptr_array_unref);
  c.lines = g_ptr_array_new_with_free_func (g_object_unref);
  c.exclusions = g_ptr_array_new_with_free_func (g_object_unref);

  if (!load_rules (&c, error) || !load_people (&c, error))
    goto out;
  compute_active_months (&c);
  assign_standards (&c);
  apply_households (&c);
  if (!(flags & SY_RUN_COMPUTE_ENTITLEMENT) && !load_paid (&c, skip_batch_id, error))
    goto out;
  apply_paid (&c);
  /* Lines come out in roster order: sorting the candidates (plain fields)
   * is much cheaper than sorting the line objects afterwards. */
  g_ptr_array_sort (c.candidates, compare_candidates);
  build_lines (&c);

  g_ptr_array_sort (c.exclusions, compare_exclusions);
  if (lines != NULL)
    *lines = g_steal_pointer (&c.lines);
  if (exclusions != NULL)
    *exclusions = g_steal_pointer (&c.exclusions);
  ok = TRUE;

out:
  compute_clear (&c);
  return ok;
}

/* --- runs -------------------------------------------------------------------- */

GStrv
sy_run_repo_list_kinds (SyRunRepo  *self,
                        GError    **error)
{
  static const GType types[] = { G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(GdaDataModel) model = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SY_IS_RUN_REPO (self), NULL);
  model = sy_database_select (self->db, "SELECT DISTINCT kind FROM subsidy_standard ORDER BY kind",
                              types, error, NULL);
  if (model == NULL)
    return NULL;
  for (int row = 0; row < gda_data_model_get_n_rows (model); row++)
    {
      const char *kind = cell_string (model, 0, row);

      if (kind != NULL)
        g_strv_builder_add (builder, kind);
    }
  return g_strv_builder_end (builder);
}

SyDisbursementBatch *
sy_run_repo_load (SyRunRepo   *self,
                  gint64       batch_id,
                  GError     **error)
{
  g_autofree char *base = NULL, *sql = NULL;
  g_autoptr(GListModel) list = NULL;

  g_return_val_if_fail (SY_IS_RUN_REPO (self), NULL);
  base = sy_database_select_all_sql (SY_TYPE_DISBURSEMENT_BATCH);
  {
    /* "SELECT cols FROM disbursement_batch": the counts go before FROM. */
    const char *from = strstr (base, " FROM ");

    sql = g_strdup_printf ("%.*s, (SELECT COUNT(*) FROM disbursement_line l WHERE l.batch_id = ##id::gint64) AS line_count, "
                           "(SELECT COALESCE (SUM (l.amount_fen), 0) FROM disbursement_line l "
                           "WHERE l.batch_id = ##id::gint64) AS total_fen%s WHERE id = ##id::gint64",
                           (int) (from - base), base, from);
  }
  list = sy_database_list (self->db, SY_TYPE_DISBURSEMENT_BATCH, sql, error, "id", G_TYPE_INT64, batch_id, NULL);
  if (list == NULL)
    return NULL;
  if (g_list_model_get_n_items (list) == 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND, _("There is no run #%lld"), (long long) batch_id);
      return NULL;
    }
  return g_list_model_get_item (list, 0);
}

/* A run's state for messages ("draft" is stored, 草稿 is shown). */
static const char *
state_label (const char *state)
{
  if (g_strcmp0 (state, SY_RUN_STATE_DRAFT) == 0)
    return C_("run state", "draft");
  if (g_strcmp0 (state, SY_RUN_STATE_APPROVED) == 0)
    return C_("run state", "approved");
  if (g_strcmp0 (state, SY_RUN_STATE_PAID) == 0)
    return C_("run state", "paid");
  return state != NULL ? state : "";
}

static SyDisbursementBatch *
load_in_state (SyRunRepo *self, gint64 batch_id, const char *state, const char *what, GError **error)
{
  SyDisbursementBatch *batch = sy_run_repo_load (self, batch_id, error);

  if (batch == NULL)
    return NULL;
  if (g_strcmp0 (sy_disbursement_batch_get_state (batch), state) != 0)
    {
      /* @what says what was refused; the state is shown as stored */
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("Run #%lld is %s: %s"), (long long) batch_id,
                   state_label (sy_disbursement_batch_get_state (batch)), what);
      g_object_unref (batch);
      return NULL;
    }
  return batch;
}

static GListModel *
list_lines (SyRunRepo *self, gint64 batch_id, GError **error)
{
  return sy_queries_batch_lines (self->db, batch_id, error);
}

static gboolean
write_computed (SyRunRepo *self, gint64 batch_id, GPtrArray *lines, GPtrArray *exclusions, GError **error)
{
  for (guint i = 0; i < lines->len; i++)
    {
      SyDisbursementLine *line = g_ptr_array_index (lines, i);

      sy_disbursement_line_set_batch_id (line, batch_id);
      if (!sy_database_insert (self->db, SY_RECORD (line), error))
        return FALSE;
    }
  for (guint i = 0; i < exclusions->len; i++)
    {
      SyDisbursementExclusion *e = g_ptr_array_index (exclusions, i);

      sy_disbursement_exclusion_set_batch_id (e, batch_id);
      if (!sy_database_insert (self->db, SY_RECORD (e), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
delete_contents (SyRunRepo *self, gint64 batch_id, GError **error)
{
  g_autoptr(GListModel) lines = list_lines (self, batch_id, error);
  g_autoptr(GListModel) exclusions = NULL;

  if (lines == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(SyRecord) line = g_list_model_get_item (lines, i);

      if (!sy_database_delete (self->db, line, error))
        return FALSE;
    }
  exclusions = sy_queries_batch_exclusions (self->db, batch_id, error);
  if (exclusions == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (exclusions); i++)
    {
      g_autoptr(SyRecord) e = g_list_model_get_item (exclusions, i);

      if (!sy_database_delete (self->db, e, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
finish (SyRunRepo *self, gboolean ok, GError **error)
{
  if (ok)
    return sy_database_commit (self->db, error);
  sy_database_rollback (self->db);
  return FALSE;
}

gboolean
sy_run_repo_create (SyRunRepo   *self,
                    const char  *kind,
                    const char  *period,
                    const char  *title,
                    gint64      *batch_id,
                    GError     **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) exclusions = NULL;
  g_autoptr(SyDisbursementBatch) batch = NULL;
  g_autoptr(SyUnit) office = NULL;
  g_autofree char *canonical = NULL, *label = NULL, *default_title = NULL;
  SyPeriod parsed;
  gboolean ok;

  g_return_val_if_fail (SY_IS_RUN_REPO (self), FALSE);
  if (!sy_period_parse (period, &parsed, error))
    return FALSE;
  if (!sy_run_repo_compute (self, kind, period, SY_RUN_COMPUTE_DEFAULT, 0, &lines, &exclusions, error))
    return FALSE;

  canonical = sy_period_to_string (&parsed);
  label = sy_period_to_label (&parsed);
  default_title = g_strconcat (label, kind, NULL);
  office = sy_queries_office (self->db, NULL);

  batch = sy_disbursement_batch_new ();
  sy_disbursement_batch_set_unit_id (batch, office != NULL ? sy_record_get_id (SY_RECORD (office)) : 0);
  sy_disbursement_batch_set_kind (batch, kind);
  sy_disbursement_batch_set_period (batch, canonical);
  sy_disbursement_batch_set_title (batch, !is_blank (title) ? title : default_title);
  sy_disbursement_batch_set_state (batch, SY_RUN_STATE_DRAFT);

  if (!sy_database_begin (self->db, error))
    return FALSE;
  ok = sy_database_insert (self->db, SY_RECORD (batch), error)
       && write_computed (self, sy_record_get_id (SY_RECORD (batch)), lines, exclusions, error);
  if (!finish (self, ok, error))
    return FALSE;
  if (batch_id != NULL)
    *batch_id = sy_record_get_id (SY_RECORD (batch));
  return TRUE;
}

gboolean
sy_run_repo_recompute (SyRunRepo   *self,
                       gint64       batch_id,
                       GError     **error)
{
  g_autoptr(SyDisbursementBatch) batch = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) exclusions = NULL;
  gboolean ok;

  g_return_val_if_fail (SY_IS_RUN_REPO (self), FALSE);
  batch = load_in_state (self, batch_id, SY_RUN_STATE_DRAFT, _("only a draft can be recomputed"), error);
  if (batch == NULL)
    return FALSE;
  if (sy_disbursement_batch_get_source_batch_id (batch) != 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("Run #%lld re-pays failed lines of another run and is not "
                     "computed: delete it and re-issue again"), (long long) batch_id);
      return FALSE;
    }
  if (!sy_run_repo_compute (self, sy_disbursement_batch_get_kind (batch),
                            sy_disbursement_batch_get_period (batch), SY_RUN_COMPUTE_DEFAULT,
                            batch_id, &lines, &exclusions, error))
    return FALSE;
  if (!sy_database_begin (self->db, error))
    return FALSE;
  ok = delete_contents (self, batch_id, error)
       && write_computed (self, batch_id, lines, exclusions, error);
  return finish (self, ok, error);
}

gboolean
sy_run_repo_adjust_line (SyRunRepo   *self,
                         gint64       line_id,
                         gint64       amount_fen,
                         const char  *reason,
                         GError     **error)
{
  g_autoptr(SyDisbursementLine) line = NULL;
  g_autoptr(SyDisbursementBatch) batch = NULL;
  g_autofree char *trimmed = NULL;
  gboolean ok;

  g_return_val_if_fail (SY_IS_RUN_REPO (self), FALSE);
  if (amount_fen < 0)
    {
      g_set_error_literal (error, SY_ERROR, SY_ERROR_INVALID, _("An amount cannot be negative"));
      return FALSE;
    }
  if (is_blank (reason))
    {
      g_set_error_literal (error, SY_ERROR, SY_ERROR_INVALID,
                           _("Give the reason for changing the amount (it is shown on the roster and kept in the audit log)"));
      return FALSE;
    }
  trimmed = g_strstrip (g_strdup (reason));
  line = sy_database_load (self->db, SY_TYPE_DISBURSEMENT_LINE, line_id, error);
  if (line == NULL)
    return FALSE;
  batch = load_in_state (self, sy_disbursement_line_get_batch_id (line), SY_RUN_STATE_DRAFT,
                         _("only the lines of a draft can be changed"), error);
  if (batch == NULL)
    return FALSE;

  sy_disbursement_line_set_amount_fen (line, amount_fen);
  sy_disbursement_line_set_adjust_reason (line, trimmed);
  if (!sy_database_begin (self->db, error))
    return FALSE;
  ok = sy_database_update (self->db, SY_RECORD (line), error);
  return finish (self, ok, error);
}

gboolean
sy_run_repo_approve (SyRunRepo   *self,
                     gint64       batch_id,
                     GError     **error)
{
  g_autoptr(SyDisbursementBatch) batch = NULL;
  g_autofree char *now = NULL;
  gboolean ok;

  g_return_val_if_fail (SY_IS_RUN_REPO (self), FALSE);
  batch = load_in_state (self, batch_id, SY_RUN_STATE_DRAFT, _("only a draft can be approved"), error);
  if (batch == NULL)
    return FALSE;
  if (sy_disbursement_batch_get_line_count (batch) == 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("Run #%lld has no lines: there is nothing to approve"), (long long) batch_id);
      return FALSE;
    }
  now = sy_database_now ();
  sy_disbursement_batch_set_state (batch, SY_RUN_STATE_APPROVED);
  sy_disbursement_batch_set_approved_at (batch, now);
  sy_disbursement_batch_set_approved_by (batch, sy_database_get_actor (self->db));
  if (!sy_database_begin (self->db, error))
    return FALSE;
  ok = sy_database_update (self->db, SY_RECORD (batch), error);
  return finish (self, ok, error);
}

gboolean
sy_run_repo_unapprove (SyRunRepo   *self,
                       gint64       batch_id,
                       GError     **error)
{
  g_autoptr(SyDisbursementBatch) batch = NULL;
  gboolean ok;

  g_return_val_if_fail (SY_IS_RUN_REPO (self), FALSE);
  batch = load_in_state (self, batch_id, SY_RUN_STATE_APPROVED,
                         _("only an approved run that is not paid can go back to draft"), error);
  if (batch == NULL)
    return FALSE;
  sy_disbursement_batch_set_state (batch, SY_RUN_STATE_DRAFT);
  sy_disbursement_batch_set_approved_at (batch, NULL);
  sy_disbursement_batch_set_approved_by (batch, NULL);
  if (!sy_database_begin (self->db, error))
    return FALSE;
  ok = sy_database_update (self->db, SY_RECORD (batch), error);
  return finish (self, ok, error);
}

/* @date as YYYY-MM-DD, a real day, not after today. */
static gboolean
check_paid_date (const char *date, GError **error)
{
  GDate parsed, today;
  int y, m, d;
  char tail;

  g_date_clear (&parsed, 1);
  if (date == NULL || strlen (date) != 10
      || sscanf (date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("“%s” is not a date: write the day of payment as YYYY-MM-DD"), date ? date : "");
      return FALSE;
    }
  g_date_set_dmy (&parsed, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    g_date_clear (&today, 1);
    g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                    (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  }
  if (g_date_compare (&parsed, &today) > 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The payment date %s is in the future: record a payment once it is made"), date);
      return FALSE;
    }
  return TRUE;
}

gboolean
sy_run_repo_mark_paid (SyRunRepo   *self,
                       gint64       batch_id,
                       const char  *date,
                       const char  *voucher,
                       GError     **error)
{
  g_autoptr(SyDisbursementBatch) batch = NULL;
  g_autoptr(GListModel) lines = NULL;
  g_autofree char *trimmed = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (SY_IS_RUN_REPO (self), FALSE);
  if (!check_paid_date (date, error))
    return FALSE;
  if (is_blank (voucher))
    {
      g_set_error_literal (error, SY_ERROR, SY_ERROR_INVALID,
                           _("Give the voucher number (凭证号) of the payment"));
      return FALSE;
    }
  trimmed = g_strstrip (g_strdup (voucher));
  batch = load_in_state (self, batch_id, SY_RUN_STATE_APPROVED, _("only an approved run can be paid"), error);
  if (batch == NULL)
    return FALSE;
  lines = list_lines (self, batch_id, error);
  if (lines == NULL)
    return FALSE;

  sy_disbursement_batch_set_state (batch, SY_RUN_STATE_PAID);
  sy_disbursement_batch_set_paid_date (batch, date);
  sy_disbursement_batch_set_voucher_no (batch, trimmed);
  if (!sy_database_begin (self->db, error))
    return FALSE;
  ok = sy_database_update (self->db, SY_RECORD (batch), error);
  for (guint i = 0; ok && i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(SyDisbursementLine) line = g_list_model_get_item (lines, i);

      sy_disbursement_line_set_status (line, SY_LINE_PAID);
      ok = sy_database_update (self->db, SY_RECORD (line), error);
    }
  return finish (self, ok, error);
}

/* --- bank returns ------------------------------------------------------------- */

static int
find_title (SyTable *table, guint row, const char *const *titles)
{
  guint n = sy_table_get_n_cells (table, row);

  for (guint col = 0; col < n; col++)
    {
      const char *cell = sy_table_get_cell (table, row, col);

      for (guint i = 0; titles[i] != NULL; i++)
        if (g_ascii_strcasecmp (cell, titles[i]) == 0)
          return (int) col;
    }
  return -1;
}

static char *
normalize_id (const char *text)
{
  return g_ascii_strup (text, -1);
}

/* Digits only: banks print accounts with blanks ("6230 1234 …"). */
static char *
normalize_account (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && *p != '-')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

gboolean
sy_run_repo_apply_bank_return (SyRunRepo   *self,
                               gint64       batch_id,
                               SyTable     *table,
                               const char  *file_name,
                               guint       *n_failed,
                               GError     **error)
{
  static const char *const account_titles[] = { "账号", "卡号", "银行账号", "银行卡号", "account", NULL };
  static const char *const id_titles[] = { "身份证号", "身份证号码", "证件号码", "id_number", NULL };
  static const char *const reason_titles[] = { "原因", "失败原因", "退回原因", "备注", "reason", NULL };
  g_autoptr(SyDisbursementBatch) batch = NULL;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GHashTable) by_account = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) reasons = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(GHashTable) dup_account = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) dup_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *name = file_name != NULL ? file_name : sy_table_get_source_name (table);
  int header = -1, col_account = -1, col_id = -1, col_reason = -1;
  guint n_rows, n = 0, total_lines;
  gboolean ok = TRUE;

  g_return_val_if_fail (SY_IS_RUN_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_TABLE (table), FALSE);
  if (name == NULL)
    name = "";

  batch = load_in_state (self, batch_id, SY_RUN_STATE_PAID,
                         _("a bank return applies to a paid run only"), error);
  if (batch == NULL)
    return FALSE;

  /* The header: the first row naming an account or ID column (a title
   * line may come before it). */
  n_rows = sy_table_get_n_rows (table);
  for (guint row = 0; row < n_rows && row < 10 && header < 0; row++)
    {
      col_account = find_title (table, row, account_titles);
      col_id = find_title (table, row, id_titles);
      if (col_account >= 0 || col_id >= 0)
        {
          header = (int) row;
          col_reason = find_title (table, row, reason_titles);
        }
    }
  if (header < 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s:%u: no column 账号 (or 卡号) or 身份证号 found: the bank return needs one "
                     "to find the lines"), name, n_rows > 0 ? sy_table_get_line (table, 0) : 1);
      return FALSE;
    }

  lines = list_lines (self, batch_id, error);
  if (lines == NULL)
    return FALSE;
  total_lines = g_list_model_get_n_items (lines);
  for (guint i = 0; i < total_lines; i++)
    {
      g_autoptr(SyDisbursementLine) line = g_list_model_get_item (lines, i);
      const char *account = sy_disbursement_line_get_account (line);
      const char *id_number = sy_disbursement_line_get_id_number (line);

      if (!is_blank (account))
        {
          char *key = normalize_account (account);

          if (g_hash_table_contains (by_account, key))
            g_hash_table_add (dup_account, g_strdup (key));
          g_hash_table_insert (by_account, key, GUINT_TO_POINTER (i + 1));
        }
      if (!is_blank (id_number))
        {
          char *key = normalize_id (id_number);

          if (g_hash_table_contains (by_id, key))
            g_hash_table_add (dup_id, g_strdup (key));
          g_hash_table_insert (by_id, key, GUINT_TO_POINTER (i + 1));
        }
    }

  /* Check every row before changing anything: all or nothing. */
  for (guint row = (guint) header + 1; row < n_rows; row++)
    {
      guint line_no = sy_table_get_line (table, row);
      const char *account = col_account >= 0 ? sy_table_get_cell (table, row, col_account) : "";
      const char *id_number = col_id >= 0 ? sy_table_get_cell (table, row, col_id) : "";
      const char *reason = col_reason >= 0 ? sy_table_get_cell (table, row, col_reason) : "";
      guint index = 0;

      if (*account != '\0')
        {
          g_autofree char *key = normalize_account (account);

          if (g_hash_table_contains (dup_account, key))
            {
              g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                           _("%s:%u: %s: the account %s is on more than one line of the run; "
                             "give the 身份证号 instead"), name, line_no,
                           sy_table_get_cell (table, header, col_account), account);
              return FALSE;
            }
          index = GPOINTER_TO_UINT (g_hash_table_lookup (by_account, key));
          if (index == 0)
            {
              g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                           _("%s:%u: %s: no line of run #%lld pays to the account %s; "
                             "nothing was marked"), name, line_no,
                           sy_table_get_cell (table, header, col_account), (long long) batch_id, account);
              return FALSE;
            }
        }
      else if (*id_number != '\0')
        {
          g_autofree char *key = normalize_id (id_number);

          if (g_hash_table_contains (dup_id, key))
            {
              g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                           _("%s:%u: %s: %s has more than one line in the run; give the 账号 "
                             "instead"), name, line_no,
                           sy_table_get_cell (table, header, col_id), id_number);
              return FALSE;
            }
          index = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, key));
          if (index == 0)
            {
              g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                           _("%s:%u: %s: no line of run #%lld pays %s; nothing was "
                             "marked"), name, line_no,
                           sy_table_get_cell (table, header, col_id), (long long) batch_id, id_number);
              return FALSE;
            }
        }
      else
        {
          g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                       _("%s:%u: %s: empty: the row names no account or ID number; nothing was marked"),
                       name, line_no,
                       sy_table_get_cell (table, header, col_account >= 0 ? col_account : col_id));
          return FALSE;
        }
      g_hash_table_replace (reasons, GUINT_TO_POINTER (index),
                            g_strdup (*reason != '\0' ? reason : _("returned by the bank")));
    }

  if (!sy_database_begin (self->db, error))
    return FALSE;
  for (guint i = 0; ok && i < total_lines; i++)
    {
      const char *reason = g_hash_table_lookup (reasons, GUINT_TO_POINTER (i + 1));
      g_autoptr(SyDisbursementLine) line = NULL;

      if (reason == NULL)
        continue;
      line = g_list_model_get_item (lines, i);
      if (g_strcmp0 (sy_disbursement_line_get_status (line), SY_LINE_FAILED) == 0)
        continue;
      sy_disbursement_line_set_status (line, SY_LINE_FAILED);
      sy_disbursement_line_set_fail_reason (line, reason);
      ok = sy_database_update (self->db, SY_RECORD (line), error);
      n++;
    }
  if (!finish (self, ok, error))
    return FALSE;
  if (n_failed != NULL)
    *n_failed = n;
  return TRUE;
}

/* --- re-issue and delete --------------------------------------------------------- */

gboolean
sy_run_repo_reissue (SyRunRepo   *self,
                     gint64       batch_id,
                     gint64      *new_batch_id,
                     GError     **error)
{
  static const GType types[] = { G_TYPE_INT64, G_TYPE_NONE };
  g_autoptr(SyDisbursementBatch) batch = NULL;
  g_autoptr(SyDisbursementBatch) run = NULL;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GdaDataModel) reissued = NULL;
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) todo = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *title = NULL;
  guint n_failed = 0;
  gboolean ok;

  g_return_val_if_fail (SY_IS_RUN_REPO (self), FALSE);
  batch = load_in_state (self, batch_id, SY_RUN_STATE_PAID,
                         _("only the failed lines of a paid run can be re-issued"), error);
  if (batch == NULL)
    return FALSE;
  lines = list_lines (self, batch_id, error);
  if (lines == NULL)
    return FALSE;
  reissued = sy_database_select (self->db,
                                 "SELECT l.source_line_id FROM disbursement_line l "
                                 "JOIN disbursement_line s ON s.id = l.source_line_id "
                                 "WHERE s.batch_id = ##bid::gint64",
                                 types, error, "bid", G_TYPE_INT64, batch_id, NULL);
  if (reissued == NULL)
    return FALSE;
  for (int row = 0; row < gda_data_model_get_n_rows (reissued); row++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = cell_int64 (reissued, 0, row);
      g_hash_table_add (done, id);
    }
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(SyDisbursementLine) line = g_list_model_get_item (lines, i);
      gint64 id = sy_record_get_id (SY_RECORD (line));

      if (g_strcmp0 (sy_disbursement_line_get_status (line), SY_LINE_FAILED) != 0)
        continue;
      n_failed++;
      if (!g_hash_table_contains (done, &id))
        g_ptr_array_add (todo, g_steal_pointer (&line));
    }
  if (n_failed == 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("Run #%lld has no failed lines: there is nothing to re-issue"), (long long) batch_id);
      return FALSE;
    }
  if (todo->len == 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The failed lines of run #%lld were re-issued already"), (long long) batch_id);
      return FALSE;
    }

  title = g_strconcat (sy_disbursement_batch_get_title (batch), "（补发）", NULL);
  run = sy_disbursement_batch_new ();
  sy_disbursement_batch_set_unit_id (run, sy_disbursement_batch_get_unit_id (batch));
  sy_disbursement_batch_set_kind (run, sy_disbursement_batch_get_kind (batch));
  sy_disbursement_batch_set_period (run, sy_disbursement_batch_get_period (batch));
  sy_disbursement_batch_set_title (run, title);
  sy_disbursement_batch_set_state (run, SY_RUN_STATE_DRAFT);
  sy_disbursement_batch_set_source_batch_id (run, batch_id);

  if (!sy_database_begin (self->db, error))
    return FALSE;
  ok = sy_database_insert (self->db, SY_RECORD (run), error);
  for (guint i = 0; ok && i < todo->len; i++)
    {
      SyDisbursementLine *failed = g_ptr_array_index (todo, i);
      g_autoptr(SyDisbursementLine) line = sy_disbursement_line_new ();
      g_autoptr(SyRecipient) person = sy_database_load (self->db, SY_TYPE_RECIPIENT,
                                                        sy_disbursement_line_get_recipient_id (failed), error);

      if (person == NULL)
        {
          ok = FALSE;
          break;
        }
      sy_disbursement_line_set_batch_id (line, sy_record_get_id (SY_RECORD (run)));
      sy_disbursement_line_set_recipient_id (line, sy_disbursement_line_get_recipient_id (failed));
      sy_disbursement_line_set_standard_id (line, sy_disbursement_line_get_standard_id (failed));
      sy_disbursement_line_set_months (line, sy_disbursement_line_get_months (failed));
      sy_disbursement_line_set_standard_fen (line, sy_disbursement_line_get_standard_fen (failed));
      sy_disbursement_line_set_base_fen (line, sy_disbursement_line_get_base_fen (failed));
      sy_disbursement_line_set_topup_fen (line, sy_disbursement_line_get_topup_fen (failed));
      sy_disbursement_line_set_topups (line, sy_disbursement_line_get_topups (failed));
      sy_disbursement_line_set_computed_fen (line, sy_disbursement_line_get_computed_fen (failed));
      /* what was due and not received: the amount the failed line paid */
      sy_disbursement_line_set_amount_fen (line, sy_disbursement_line_get_amount_fen (failed));
      sy_disbursement_line_set_adjust_reason (line, sy_disbursement_line_get_adjust_reason (failed));
      sy_disbursement_line_set_category (line, sy_disbursement_line_get_category (failed));
      sy_disbursement_line_set_first_month (line, sy_disbursement_line_get_first_month (failed));
      sy_disbursement_line_set_last_month (line, sy_disbursement_line_get_last_month (failed));
      sy_disbursement_line_set_note (line, sy_disbursement_line_get_fail_reason (failed));
      sy_disbursement_line_set_source_line_id (line, sy_record_get_id (SY_RECORD (failed)));
      sy_disbursement_line_set_account (line, sy_recipient_get_account (person));
      sy_disbursement_line_set_bank (line, sy_recipient_get_bank (person));
      sy_disbursement_line_set_status (line, SY_LINE_PENDING);
      ok = sy_database_insert (self->db, SY_RECORD (line), error);
    }
  if (!finish (self, ok, error))
    return FALSE;
  if (new_batch_id != NULL)
    *new_batch_id = sy_record_get_id (SY_RECORD (run));
  return TRUE;
}

gboolean
sy_run_repo_delete (SyRunRepo   *self,
                    gint64       batch_id,
                    GError     **error)
{
  g_autoptr(SyDisbursementBatch) batch = NULL;
  gboolean ok;

  g_return_val_if_fail (SY_IS_RUN_REPO (self), FALSE);
  batch = load_in_state (self, batch_id, SY_RUN_STATE_DRAFT, _("only a draft can be deleted"), error);
  if (batch == NULL)
    return FALSE;
  if (!sy_database_begin (self->db, error))
    return FALSE;
  ok = delete_contents (self, batch_id, error)
       && sy_assessment_repo_delete_links_for (self->db, SY_ASSESSMENT_DISBURSEMENT_BATCH, batch_id, error)
       && sy_database_delete (self->db, SY_RECORD (batch), error);
  return finish (self, ok, error);
}
