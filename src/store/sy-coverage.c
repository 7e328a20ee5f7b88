/* sy-coverage.c: how well the evidence covers the 考评 items, year by year */
#include "sy-coverage.h"
#include "sy-assessment-repo.h"
#include "sy-event-repo.h"
#include "sy-queries.h"
#include "sy-store-private.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#define MAX_YEARS 20

struct _SyCoverage
{
  GObject parent_instance;

  int first_year, last_year;
  GPtrArray *items;     /* SyAssessmentItem */
  guint *counts;        /* n_items × n_years */
  GArray *gaps;         /* SyCoverageGap */
};

G_DEFINE_FINAL_TYPE (SyCoverage, sy_coverage, G_TYPE_OBJECT)

static void
gap_clear (gpointer data)
{
  SyCoverageGap *gap = data;

  g_free (gap->message);
}

static void
sy_coverage_finalize (GObject *object)
{
  SyCoverage *self = SY_COVERAGE (object);

  g_ptr_array_unref (self->items);
  g_free (self->counts);
  g_array_unref (self->gaps);
  G_OBJECT_CLASS (sy_coverage_parent_class)->finalize (object);
}

static void
sy_coverage_class_init (SyCoverageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_coverage_finalize;
}

static void
sy_coverage_init (SyCoverage *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->gaps = g_array_new (FALSE, TRUE, sizeof (SyCoverageGap));
  g_array_set_clear_func (self->gaps, gap_clear);
}

static char *
today_or_now (const char *today)
{
  g_autoptr(GDateTime) now = NULL;

  if (today != NULL)
    return g_strdup (today);
  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

void
sy_coverage_default_window (const char *today, int *first_year, int *last_year)
{
  g_autofree char *day = today_or_now (today);
  int year = atoi (day);

  *first_year = year - 3;
  *last_year = year;
}

static guint
n_years (SyCoverage *self)
{
  return (guint) (self->last_year - self->first_year + 1);
}

static void
add_gap (SyCoverage *self, SyCoverageGapKind kind, const char *code, int year, int quarter, gint64 plan_item,
         const char *promised_kind, char *message)
{
  SyCoverageGap gap = { kind, code, year, quarter, plan_item, g_intern_string (promised_kind), message };

  g_array_append_val (self->gaps, gap);
}

static gboolean
year_in (GArray *years, int year)
{
  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, int, i) == year)
      return TRUE;
  return FALSE;
}

/* Counts every (item, year) once per piece of evidence, a standard also
 * for its sub-items' evidence. */
static gboolean
count_evidence (SyCoverage *self, SyDatabase *db, GError **error)
{
  g_autoptr(GdaDataModel) model = sy_queries_assessment_evidence (db, error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) row_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint n;

  if (model == NULL)
    return FALSE;
  for (guint i = 0; i < self->items->len; i++)
    {
      gint64 *key = g_new (gint64, 1);

      *key = sy_record_get_id (g_ptr_array_index (self->items, i));
      g_hash_table_insert (row_of, key, GUINT_TO_POINTER (i + 1));
    }

  n = gda_data_model_get_n_rows (model);
  for (gint r = 0; r < n; r++)
    {
      gint64 item_id = _sy_model_get_int64 (model, 0, r);
      const char *entity = _sy_model_get_string (model, 1, r);
      gint64 entity_id = _sy_model_get_int64 (model, 2, r);
      int year = (int) _sy_model_get_int64 (model, 3, r);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (row_of, &item_id));
      SyAssessmentItem *item;
      gint64 parent_id;
      g_autofree char *key = NULL;

      if (index == 0 || year < self->first_year || year > self->last_year)
        continue;
      item = g_ptr_array_index (self->items, index - 1);
      parent_id = sy_assessment_item_get_parent_id (item);
      if (parent_id != 0)
        {
          guint parent = GPOINTER_TO_UINT (g_hash_table_lookup (row_of, &parent_id));

          self->counts[(index - 1) * n_years (self) + (guint) (year - self->first_year)]++;
          if (parent == 0)
            continue;
          index = parent;
        }
      else
        parent_id = item_id;

      /* Into the standard once, however many of its sub-items link it. */
      key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s:%" G_GINT64_FORMAT, parent_id, entity, entity_id);
      if (g_hash_table_add (seen, g_steal_pointer (&key)))
        self->counts[(index - 1) * n_years (self) + (guint) (year - self->first_year)]++;
    }
  return TRUE;
}

static gboolean
find_gaps (SyCoverage *self, SyDatabase *db, const char *today, GError **error)
{
  g_autoptr(GArray) shuzhi = sy_queries_years_with_shuzhi (db, error);
  g_autoptr(GArray) funding = NULL;
  g_autoptr(GdaDataModel) plan_items = NULL;
  g_autoptr(GStrvBuilder) kinds_builder = g_strv_builder_new ();
  g_auto(GStrv) stored_kinds = NULL;
  g_auto(GStrv) kinds = NULL;
  g_autoptr(GHashTable) row_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree gint64 *under = NULL;
  gint n;

  if (shuzhi == NULL)
    return FALSE;
  funding = sy_queries_years_with_funding (db, error);
  if (funding == NULL)
    return FALSE;

  for (int y = self->first_year; y <= self->last_year; y++)
    {
      static const char *const quarter_end[] = { "03-31", "06-30", "09-30", "12-31" };
      g_autofree char *year_end = g_strdup_printf ("%04d-12-31", y);
      int meetings[4] = { 0 };

      if (!sy_queries_meetings_per_quarter (db, y, meetings, error))
        return FALSE;
      for (int q = 0; q < 4; q++)
        {
          g_autofree char *end = g_strdup_printf ("%04d-%s", y, quarter_end[q]);

          if (strcmp (end, today) < 0 && meetings[q] == 0)
            add_gap (self, SY_COVERAGE_GAP_MEETING, "1", y, q + 1, 0, NULL,
                     g_strdup_printf (_("%d Q%d: no meeting (会议) recorded"), y, q + 1));
        }
      if (strcmp (year_end, today) >= 0)
        continue;
      if (!year_in (shuzhi, y))
        add_gap (self, SY_COVERAGE_GAP_SHUZHI, "1", y, 0, 0, NULL,
                 g_strdup_printf (_("%d: no 述职 (an activity or document titled or tagged 述职)"), y));
      if (!year_in (funding, y))
        add_gap (self, SY_COVERAGE_GAP_FUNDING, "1", y, 0, 0, NULL,
                 g_strdup_printf (_("%d: no 经费下拨凭证 (a document tagged 经费 or 凭证, or a paid run)"), y));
    }

  stored_kinds = sy_queries_event_kinds (db, error);
  if (stored_kinds == NULL)
    return FALSE;
  g_strv_builder_addv (kinds_builder, (const char **) sy_event_repo_seed_kinds ());
  for (guint i = 0; stored_kinds[i]; i++)
    if (!g_strv_contains (sy_event_repo_seed_kinds (), stored_kinds[i]) && *stored_kinds[i] != '\0')
      g_strv_builder_add (kinds_builder, stored_kinds[i]);
  kinds = g_strv_builder_end (kinds_builder);

  plan_items = sy_queries_plan_items_in_years (db, self->first_year, self->last_year, error);
  if (plan_items == NULL)
    return FALSE;
  /* A heading's promise is kept by an activity linked to any item under it:
   * add every item's activities to all its ancestors'. */
  n = gda_data_model_get_n_rows (plan_items);
  for (gint r = 0; r < n; r++)
    {
      gint64 *key = g_new (gint64, 1);

      *key = _sy_model_get_int64 (plan_items, 0, r);
      g_hash_table_insert (row_of, key, GINT_TO_POINTER (r + 1));
    }
  under = g_new0 (gint64, MAX (n, 1));
  for (gint r = 0; r < n; r++)
    {
      gint64 n_events = _sy_model_get_int64 (plan_items, 4, r);
      gint64 parent = _sy_model_get_int64 (plan_items, 5, r);

      under[r] += n_events;
      /* The depth bound guards against a cycle in damaged data. */
      for (int depth = 0; parent != 0 && n_events > 0 && depth < 16; depth++)
        {
          int p = GPOINTER_TO_INT (g_hash_table_lookup (row_of, &parent));

          if (p == 0)
            break;
          under[p - 1] += n_events;
          parent = _sy_model_get_int64 (plan_items, 5, p - 1);
        }
    }
  for (gint r = 0; r < n; r++)
    {
      gint64 id = _sy_model_get_int64 (plan_items, 0, r);
      const char *title = _sy_model_get_string (plan_items, 1, r);
      int year = (int) _sy_model_get_int64 (plan_items, 2, r);
      const char *due = _sy_model_get_string (plan_items, 3, r);
      gint64 n_events = under[r];
      g_autofree char *year_end = g_strdup_printf ("%04d-12-31", year);
      const char *deadline = due != NULL && *due != '\0' ? due : year_end;
      const char *kind = NULL;

      if (n_events > 0 || title == NULL || strcmp (deadline, today) >= 0)
        continue;
      for (guint k = 0; kinds[k] && kind == NULL; k++)
        if (strstr (title, kinds[k]) != NULL)
          kind = kinds[k];
      if (kind == NULL)
        continue;
      add_gap (self, SY_COVERAGE_GAP_PLAN, "7", year, 0, id, kind,
               g_strdup_printf (_("%d: the plan promises %s (“%s”) but no activity is linked to it"),
                                year, kind, title));
    }
  return TRUE;
}

SyCoverage *
sy_coverage_compute (SyDatabase *db, int first_year, int last_year, const char *today, GError **error)
{
  g_autoptr(SyCoverage) self = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autofree char *day = today_or_now (today);
  guint n;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  if (last_year < first_year || last_year - first_year >= MAX_YEARS)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The review window must be 1 to %d years (asked: %d–%d)"), MAX_YEARS, first_year, last_year);
      return NULL;
    }
  self = g_object_new (SY_TYPE_COVERAGE, NULL);
  self->first_year = first_year;
  self->last_year = last_year;
  items = sy_queries_assessment_items (db, error);
  if (items == NULL)
    return NULL;
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->items, g_list_model_get_item (items, i));
  self->counts = g_new0 (guint, MAX (1, n * n_years (self)));
  if (!count_evidence (self, db, error) || !find_gaps (self, db, day, error))
    return NULL;
  return g_steal_pointer (&self);
}

int
sy_coverage_get_first_year (SyCoverage *self)
{
  g_return_val_if_fail (SY_IS_COVERAGE (self), 0);
  return self->first_year;
}

int
sy_coverage_get_last_year (SyCoverage *self)
{
  g_return_val_if_fail (SY_IS_COVERAGE (self), 0);
  return self->last_year;
}

guint
sy_coverage_get_n_items (SyCoverage *self)
{
  g_return_val_if_fail (SY_IS_COVERAGE (self), 0);
  return self->items->len;
}

SyAssessmentItem *
sy_coverage_get_item (SyCoverage *self, guint index)
{
  g_return_val_if_fail (SY_IS_COVERAGE (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_ptr_array_index (self->items, index);
}

guint
sy_coverage_get_count (SyCoverage *self, guint index, int year)
{
  g_return_val_if_fail (SY_IS_COVERAGE (self), 0);
  if (index >= self->items->len || year < self->first_year || year > self->last_year)
    return 0;
  return self->counts[index * n_years (self) + (guint) (year - self->first_year)];
}

guint
sy_coverage_get_total (SyCoverage *self, guint index)
{
  guint total = 0;

  for (int y = self->first_year; y <= self->last_year; y++)
    total += sy_coverage_get_count (self, index, y);
  return total;
}

guint
sy_coverage_get_n_gaps (SyCoverage *self)
{
  g_return_val_if_fail (SY_IS_COVERAGE (self), 0);
  return self->gaps->len;
}

const SyCoverageGap *
sy_coverage_get_gap (SyCoverage *self, guint index)
{
  g_return_val_if_fail (SY_IS_COVERAGE (self), NULL);
  g_return_val_if_fail (index < self->gaps->len, NULL);
  return &g_array_index (self->gaps, SyCoverageGap, index);
}

static gboolean
gap_is_of (SyCoverage *self, const SyCoverageGap *gap, guint index, int year)
{
  SyAssessmentItem *item = g_ptr_array_index (self->items, index);

  return sy_assessment_item_get_parent_id (item) == 0
         && g_strcmp0 (sy_assessment_item_get_code (item), gap->standard_code) == 0
         && (year == 0 || gap->year == year);
}

guint
sy_coverage_count_gaps (SyCoverage *self, guint index, int year)
{
  guint n = 0;

  g_return_val_if_fail (SY_IS_COVERAGE (self), 0);
  if (index >= self->items->len)
    return 0;
  for (guint g = 0; g < self->gaps->len; g++)
    if (gap_is_of (self, &g_array_index (self->gaps, SyCoverageGap, g), index, year))
      n++;
  return n;
}

char *
sy_coverage_describe_gaps (SyCoverage *self, guint index)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (SY_IS_COVERAGE (self), NULL);
  for (guint g = 0; index < self->items->len && g < self->gaps->len; g++)
    {
      const SyCoverageGap *gap = &g_array_index (self->gaps, SyCoverageGap, g);

      if (gap_is_of (self, gap, index, 0))
        g_string_append_printf (text, "%s%s", text->len ? "\n" : "", gap->message);
    }
  return g_string_free (text, FALSE);
}

char *
sy_coverage_summarize_gaps (SyCoverage *self, guint index)
{
  const char *labels[] = {
    [SY_COVERAGE_GAP_MEETING] = N_("No meeting"),
    [SY_COVERAGE_GAP_SHUZHI] = N_("No 述职"),
    [SY_COVERAGE_GAP_FUNDING] = N_("No 经费下拨凭证"),
    [SY_COVERAGE_GAP_PLAN] = N_("Planned, not done"),
  };
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (SY_IS_COVERAGE (self), NULL);
  for (guint kind = 0; kind < G_N_ELEMENTS (labels) && index < self->items->len; kind++)
    {
      guint n = 0;

      for (guint g = 0; g < self->gaps->len; g++)
        {
          const SyCoverageGap *gap = &g_array_index (self->gaps, SyCoverageGap, g);

          if (gap->kind != kind || !gap_is_of (self, gap, index, 0))
            continue;
          if (n++ == 0)
            g_string_append_printf (text, "%s%s: ", text->len ? "\n" : "", _(labels[kind]));
          else
            g_string_append (text, ", ");
          if (gap->quarter > 0)
            /* A no-break space keeps "2023 Q1" on one line of a cell. */
            g_string_append_printf (text, "%d\u00a0Q%d", gap->year, gap->quarter);
          else
            g_string_append_printf (text, "%d", gap->year);
          if (gap->kind == SY_COVERAGE_GAP_PLAN)
            g_string_append_printf (text, " %s", gap->promised_kind);
        }
    }
  return g_string_free (text, FALSE);
}

/* Pads @text to @width terminal columns (CJK characters take two). */
static void
append_padded (GString *out, const char *text, int width)
{
  int used = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    used += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  g_string_append (out, text);
  for (; used < width; used++)
    g_string_append_c (out, ' ');
}

char *
sy_coverage_to_text (SyCoverage *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (SY_IS_COVERAGE (self), NULL);

  g_string_append_printf (out, _("考评 coverage %d–%d: evidence per year (! = gaps, see below)\n"),
                          self->first_year, self->last_year);
  append_padded (out, _("Code"), 8);
  append_padded (out, _("Item"), 36);
  for (int y = self->first_year; y <= self->last_year; y++)
    g_string_append_printf (out, "%7d", y);
  g_string_append_printf (out, "  %s\n", _("Total"));
  for (guint i = 0; i < self->items->len; i++)
    {
      SyAssessmentItem *item = g_ptr_array_index (self->items, i);
      g_autofree char *code = g_strdup_printf ("%s%s", sy_assessment_item_get_parent_id (item) ? "  " : "",
                                               sy_assessment_item_get_code (item));
      g_autofree char *title = g_utf8_substring (sy_assessment_item_get_title (item), 0, 17);

      append_padded (out, code, 8);
      append_padded (out, title, 36);
      for (int y = self->first_year; y <= self->last_year; y++)
        g_string_append_printf (out, "%6u%s", sy_coverage_get_count (self, i, y),
                                sy_coverage_count_gaps (self, i, y) ? "!" : " ");
      g_string_append_printf (out, "  %u\n", sy_coverage_get_total (self, i));
    }
  if (self->gaps->len == 0)
    g_string_append_printf (out, "\n%s\n", _("No gaps."));
  else
    {
      g_string_append_printf (out, "\n%s\n", _("Gaps:"));
      for (guint g = 0; g < self->gaps->len; g++)
        {
          const SyCoverageGap *gap = &g_array_index (self->gaps, SyCoverageGap, g);

          g_string_append_printf (out, "  [%s] %s\n", gap->standard_code, gap->message);
        }
    }
  return g_string_free (out, FALSE);
}
