/* sy-demo.c: a plausible county office, deterministic from a seed
 *
 * Everything random comes from one GRand seeded with @seed, drawn in a
 * fixed order on the calling thread; the photos are painted on worker
 * threads from descriptions made here (each with its own seed), so the
 * result does not depend on thread timing.  The activities are drafted
 * first so that their photos render while the rest is written.
 */
#include "sy-demo.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sy-demo-document.h"
#include "sy-demo-photo.h"
#include "sy-demo-text.h"

typedef struct {
  char      *name;
  const char *town;
  gint64     id;
  gboolean   community;
} Village;

typedef struct {
  gint64      id;
  char       *name;
  gboolean    male;
  GDate       birth;
  char       *id_number;
  const char *hukou;
  Village    *village;
  const char *categories[2];
  guint       n_categories;
  int         grade;
  const char *nature;
  GDate       registered;
  GDate       left;          /* invalid while 在册 */
  const char *status;
  char       *account;
  gint64      household;     /* the head's id for a second household member */
} Person;

typedef struct {
  gint64      id;
  int         year;
  const char *kind;
  const char *category;
  int         grade;
  const char *nature;
  const char *hukou;
  gint64      amount;
  const char *period;
} Standard;

typedef struct {
  const SyDemoEventTemplate *tmpl;
  int      year;
  guint    order;
  GDate    date;
  char    *title;
  char    *place;
  char    *organiser;
  char    *participants;
  char    *content;
  char    *outcome;
  int      leaders, soldiers, civilians;
  int      n_visits;
  guint    first_photo;
  guint    n_photos;
  char    *captions[4];
} EventDraft;

typedef struct {
  SyDatabase        *db;
  SyAttachmentStore *attachments;
  GRand             *rand;
  int                y1, y2;
  SyDemoProgress     progress;
  gpointer           user_data;
  gint64             office_id;
  gint64             military_ids[3];
  GPtrArray         *villages;    /* Village */
  GPtrArray         *people;      /* Person */
  GArray            *standards;   /* Standard */
  GHashTable        *plan_items;  /* "year:key" → id (gint64 *) */
  GHashTable        *id_numbers;  /* used ID numbers */
  GPtrArray         *events;      /* EventDraft */
  GPtrArray         *photos;      /* SyDemoPhoto */
  guint              n_conscripts; /* 义务兵家庭 written so far (their top-ups) */
} Demo;

/* ---- small helpers ------------------------------------------------------ */

static void
village_free (gpointer data)
{
  Village *v = data;
  g_free (v->name);
  g_free (v);
}

static void
person_free (gpointer data)
{
  Person *p = data;
  g_free (p->name);
  g_free (p->id_number);
  g_free (p->account);
  g_free (p);
}

static void
event_draft_free (gpointer data)
{
  EventDraft *e = data;
  g_free (e->title);
  g_free (e->place);
  g_free (e->organiser);
  g_free (e->participants);
  g_free (e->content);
  g_free (e->outcome);
  for (guint i = 0; i < G_N_ELEMENTS (e->captions); i++)
    g_free (e->captions[i]);
  g_free (e);
}

static void
report (Demo *d, double fraction, const char *what)
{
  if (d->progress != NULL)
    d->progress (CLAMP (fraction, 0.0, 1.0), what, d->user_data);
}

static int
rnd (Demo *d, int lo, int hi_inclusive)
{
  return g_rand_int_range (d->rand, lo, hi_inclusive + 1);
}

static gboolean
chance (Demo *d, int percent)
{
  return g_rand_int_range (d->rand, 0, 100) < percent;
}

static GDate
ymd (int year, int month, int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, CLAMP (day, 1, g_date_get_days_in_month (month, year)), month, year);
  return date;
}

static GDate
plus_days (GDate date, int days)
{
  if (days > 0)
    g_date_add_days (&date, days);
  else if (days < 0)
    g_date_subtract_days (&date, -days);
  return date;
}

static GDate
random_date (Demo *d, GDate from, GDate to)
{
  int span = g_date_days_between (&from, &to);

  return plus_days (from, span > 0 ? rnd (d, 0, span) : 0);
}

static char *
iso (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static char *
chinese_date (const GDate *date, gboolean with_year)
{
  if (with_year)
    return g_strdup_printf ("%d年%d月%d日", g_date_get_year (date), g_date_get_month (date),
                            g_date_get_day (date));
  return g_strdup_printf ("%d月%d日", g_date_get_month (date), g_date_get_day (date));
}

static int
age_on (const GDate *birth, const GDate *when)
{
  int age = g_date_get_year (when) - g_date_get_year (birth);

  if (g_date_get_month (when) < g_date_get_month (birth)
      || (g_date_get_month (when) == g_date_get_month (birth)
          && g_date_get_day (when) < g_date_get_day (birth)))
    age--;
  return age;
}

/* The festivals' dates come from core's calendar (lunar and solar-term
 * dates computed for 1950–2100). */
static GDate
festival (const char *name, int year)
{
  GDate date;

  g_date_clear (&date, 1);
  if (!sy_festival_date (name, year, &date))
    g_error ("no date for %s %d", name, year);
  return date;
}

static GDate
spring_festival (int year)
{
  return festival ("春节", year);
}

static GDate
qingming (int year)
{
  return festival ("清明", year);
}

static GDate
defence_day (int year)
{
  return festival ("国防教育日", year);
}

static GDate
rule_date (Demo *d, SyDemoDateRule rule, int year, int month, int from, int to)
{
  switch (rule)
    {
    case SY_DEMO_DATE_SPRING:
      return plus_days (spring_festival (year), rnd (d, from, to));
    case SY_DEMO_DATE_QINGMING:
      return plus_days (qingming (year), rnd (d, from, to));
    case SY_DEMO_DATE_DEFENCE_DAY:
      return defence_day (year);
    case SY_DEMO_DATE_FIXED:
    default:
      return ymd (year, month, rnd (d, from, to));
    }
}

/* Picks one of the '|'-separated alternatives. */
static char *
pick (Demo *d, const char *text)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return NULL;
  parts = g_strsplit (text, "|", -1);
  return g_strdup (parts[rnd (d, 0, (int) g_strv_length (parts) - 1)]);
}

/* Replaces {X} variables; @vars holds name, value pairs and ends with NULL. */
static char *
expand (const char *text, const char * const *vars)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      const char *close;

      if (*p == '{' && (close = strchr (p, '}')) != NULL)
        {
          gsize len = close - p - 1;
          gboolean found = FALSE;

          for (guint i = 0; vars[i] != NULL; i += 2)
            if (strlen (vars[i]) == len && strncmp (vars[i], p + 1, len) == 0)
              {
                g_string_append (out, vars[i + 1]);
                found = TRUE;
                break;
              }
          if (found)
            {
              p = close + 1;
              continue;
            }
        }
      g_string_append_c (out, *p);
      p++;
    }
  return g_string_free (out, FALSE);
}

static char *
pick_expand (Demo *d, const char *text, const char * const *vars)
{
  g_autofree char *chosen = pick (d, text);

  return chosen != NULL ? expand (chosen, vars) : NULL;
}

static const char *
nth_char (const char *chars, int n, char out[8])
{
  const char *p = g_utf8_offset_to_pointer (chars, n);
  const char *end = g_utf8_next_char (p);

  memcpy (out, p, end - p);
  out[end - p] = '\0';
  return out;
}

static char *
random_char (Demo *d, const char *chars, char out[8])
{
  nth_char (chars, rnd (d, 0, (int) g_utf8_strlen (chars, -1) - 1), out);
  return out;
}

static char *
random_name (Demo *d, gboolean male, int birth_year)
{
  char surname[8], a[8], b[8];

  random_char (d, sy_demo_surnames, surname);
  if (male && birth_year < 1955 && chance (d, 40))
    {
      guint n = g_strv_length ((GStrv) sy_demo_old_male_names);
      return g_strconcat (surname, sy_demo_old_male_names[rnd (d, 0, n - 1)], NULL);
    }
  random_char (d, male ? sy_demo_male_chars : sy_demo_female_chars, a);
  if (chance (d, 25))
    return g_strconcat (surname, a, NULL);
  random_char (d, male ? sy_demo_male_chars : sy_demo_female_chars, b);
  return g_strconcat (surname, a, b, NULL);
}

static char *
random_digits (Demo *d, int n)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < n; i++)
    g_string_append_c (s, '0' + rnd (d, 0, 9));
  return g_string_free (s, FALSE);
}

static char *
random_phone (Demo *d)
{
  static const char *prefixes[] = { "130", "131", "133", "135", "136", "138", "139", "150", "151",
                                    "152", "155", "157", "158", "159", "177", "180", "182", "186",
                                    "187", "189", "191", "199" };
  g_autofree char *rest = random_digits (d, 8);

  return g_strconcat (prefixes[rnd (d, 0, G_N_ELEMENTS (prefixes) - 1)], rest, NULL);
}

static gboolean
insert (Demo *d, gpointer record, GError **error)
{
  return sy_database_insert (d->db, SY_RECORD (record), error);
}

/* ---- units, leading group, military units ------------------------------- */

static gboolean
write_units (Demo *d, GError **error)
{
  g_autoptr(SyUnit) office = sy_unit_new ();

  if (!sy_database_set_setting (d->db, "office-name", SY_DEMO_OFFICE, error)
      || !sy_database_set_setting (d->db, "office-level", "县", error)
      || !sy_database_set_setting (d->db, "region-code", SY_DEMO_REGION, error))
    return FALSE;

  sy_unit_set_name (office, SY_DEMO_OFFICE);
  sy_unit_set_level (office, "县");
  sy_unit_set_region_code (office, SY_DEMO_REGION);
  if (!insert (d, office, error))
    return FALSE;
  d->office_id = sy_record_get_id (SY_RECORD (office));

  for (guint t = 0; t < sy_demo_n_towns; t++)
    {
      const SyDemoTown *town = &sy_demo_towns[t];
      g_autoptr(SyUnit) unit = sy_unit_new ();
      g_autofree char *name = g_strconcat (SY_DEMO_COUNTY, town->name, NULL);

      sy_unit_set_parent_id (unit, d->office_id);
      sy_unit_set_name (unit, name);
      sy_unit_set_level (unit, town->level);
      sy_unit_set_region_code (unit, SY_DEMO_REGION);
      if (!insert (d, unit, error))
        return FALSE;

      for (guint v = 0; town->villages[v] != NULL; v++)
        {
          g_autoptr(SyUnit) child = sy_unit_new ();
          Village *village = g_new0 (Village, 1);

          village->name = g_strdup (town->villages[v]);
          village->town = town->name;
          village->community = g_str_has_suffix (village->name, "社区");
          g_ptr_array_add (d->villages, village);

          sy_unit_set_parent_id (child, sy_record_get_id (SY_RECORD (unit)));
          sy_unit_set_name (child, village->name);
          sy_unit_set_level (child, village->community ? "社区" : "村");
          sy_unit_set_region_code (child, SY_DEMO_REGION);
          if (!insert (d, child, error))
            return FALSE;
          village->id = sy_record_get_id (SY_RECORD (child));
        }
    }
  return TRUE;
}

static gboolean
write_leading_group (Demo *d, GError **error)
{
  /* The group was formed before the first year; the one change of members
   * happens in spring of the second year (根据人事变动情况及时调整). */
  GDate formed = ymd (d->y1 - 1, 3, rnd (d, 10, 20));
  GDate change = ymd (d->y2, 4, rnd (d, 15, 25));
  GDate change_eve = plus_days (change, -1);
  g_autofree char *formed_iso = iso (&formed);
  g_autofree char *change_iso = iso (&change);
  g_autofree char *eve_iso = iso (&change_eve);

  for (guint i = 0; i < sy_demo_n_members; i++)
    {
      const SyDemoMember *m = &sy_demo_members[i];
      g_autoptr(SyLeadingGroupMember) member = sy_leading_group_member_new ();

      sy_leading_group_member_set_unit_id (member, d->office_id);
      sy_leading_group_member_set_name (member, m->name);
      sy_leading_group_member_set_role (member, m->role);
      sy_leading_group_member_set_post (member, m->post);
      sy_leading_group_member_set_member_unit (member, m->member_unit);
      sy_leading_group_member_set_effective_from (member, m->from_offset ? change_iso : formed_iso);
      sy_leading_group_member_set_effective_to (member, m->leaves ? eve_iso : NULL);
      if (!insert (d, member, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_military_units (Demo *d, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (sy_demo_military); i++)
    {
      g_autoptr(SyMilitaryUnit) unit = sy_military_unit_new ();

      sy_military_unit_set_name (unit, sy_demo_military[i].name);
      sy_military_unit_set_designation (unit, sy_demo_military[i].designation);
      sy_military_unit_set_address (unit, sy_demo_military[i].address);
      sy_military_unit_set_contact (unit, sy_demo_military[i].contact);
      if (!insert (d, unit, error))
        return FALSE;
      d->military_ids[i] = sy_record_get_id (SY_RECORD (unit));
    }
  return TRUE;
}

/* ---- plans ----------------------------------------------------------------- */

static const char *
chinese_number (int n)
{
  static const char *numbers[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
                                   "十一", "十二", "十三", "十四", "十五" };
  return numbers[CLAMP (n, 1, (int) G_N_ELEMENTS (numbers)) - 1];
}

/* TRUE when some activity carries out the plan item @key. */
static gboolean
has_activities (const char *key)
{
  for (guint i = 0; key != NULL && i < sy_demo_n_events; i++)
    if (g_strcmp0 (sy_demo_events[i].plan_key, key) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
write_plan (Demo *d, int year, gboolean second, GError **error)
{
  g_autoptr(SyPlan) plan = sy_plan_new ();
  g_autofree char *title = g_strdup_printf ("%s%d年双拥工作计划", SY_DEMO_COUNTY, year);
  g_autofree char *year_text = g_strdup_printf ("%d", year);
  const char *vars[] = { "Y", year_text, NULL };
  g_autofree char *preface = expand (sy_demo_plan_preface[second ? 1 : 0], vars);
  guint mask = second ? 2 : 1;
  const SyDemoPlanLine *lines[64] = { NULL };
  const char *statuses[64];
  guint n = 0;
  gint64 parents[3] = { 0, 0, 0 };
  int counters[3] = { 0, 0, 0 };
  /* the later year as seen in early December */
  GDate cutoff = ymd (year, 10, 31), late = ymd (year, 11, 30);
  int straggler;

  sy_plan_set_unit_id (plan, d->office_id);
  sy_plan_set_year (plan, year);
  sy_plan_set_title (plan, title);
  sy_plan_set_preface (plan, preface);
  if (!insert (d, plan, error))
    return FALSE;

  for (guint i = 0; i < sy_demo_n_plan && n < G_N_ELEMENTS (lines); i++)
    if (sy_demo_plan[i].years & mask)
      lines[n++] = &sy_demo_plan[i];

  /* Statuses of the tasks first: the earlier year is done but for one
   * straggler; the later one is done up to late summer. */
  straggler = rnd (d, 0, (int) n - 1);
  for (guint k = 0; k < n && lines[straggler]->level != 2; k++)
    straggler = (straggler + 1) % n;
  for (guint i = 0; i < n; i++)
    {
      const SyDemoPlanLine *line = lines[i];

      statuses[i] = NULL;
      if (line->level != 2)
        continue;
      if (!second)
        statuses[i] = (int) i == straggler ? "in_progress" : "done";
      else
        {
          GDate due = rule_date (d, line->due_rule, year, line->due_month, line->due_day, line->due_day);
          if (g_date_compare (&due, &cutoff) <= 0)
            statuses[i] = "done";
          else if (g_date_compare (&due, &late) <= 0 || has_activities (line->key))
            statuses[i] = "in_progress";
          else
            statuses[i] = "planned";
        }
    }
  /* A heading is done when all its tasks are, planned when none started. */
  for (guint i = 0; i < n; i++)
    {
      gboolean all_done = TRUE, any_started = FALSE;

      if (lines[i]->level == 2)
        continue;
      for (guint j = i + 1; j < n && lines[j]->level > lines[i]->level; j++)
        if (lines[j]->level == 2)
          {
            all_done &= g_strcmp0 (statuses[j], "done") == 0;
            any_started |= g_strcmp0 (statuses[j], "planned") != 0;
          }
      statuses[i] = all_done ? "done" : any_started ? "in_progress" : "planned";
    }

  for (guint i = 0; i < n; i++)
    {
      const SyDemoPlanLine *line = lines[i];
      g_autoptr(SyPlanItem) item = sy_plan_item_new ();
      g_autofree char *label = NULL;
      g_autofree char *text = NULL;
      g_autofree char *due_iso = NULL;
      g_auto(GStrv) variants = g_strsplit (line->title, "|", 2);

      counters[line->level]++;
      for (int deeper = line->level + 1; deeper < 3; deeper++)
        counters[deeper] = 0;

      switch (line->level)
        {
        case 0: label = g_strdup_printf ("%s、", chinese_number (counters[0])); break;
        case 1: label = g_strdup_printf ("（%s）", chinese_number (counters[1])); break;
        default: label = g_strdup_printf ("%d、", counters[2]); break;
        }
      text = g_strdup (second && variants[1] != NULL ? variants[1] : variants[0]);

      if (line->level == 2)
        {
          GDate due = rule_date (d, line->due_rule, year, line->due_month, line->due_day, line->due_day);
          due_iso = iso (&due);
        }

      sy_plan_item_set_plan_id (item, sy_record_get_id (SY_RECORD (plan)));
      sy_plan_item_set_parent_id (item, line->level > 0 ? parents[line->level - 1] : 0);
      sy_plan_item_set_position (item, (int) i);
      sy_plan_item_set_level (item, line->level);
      sy_plan_item_set_label (item, label);
      sy_plan_item_set_title (item, text);
      sy_plan_item_set_time_node (item, line->time_node);
      sy_plan_item_set_due_date (item, due_iso);
      sy_plan_item_set_responsible (item, line->responsible);
      sy_plan_item_set_status (item, statuses[i]);
      if (!insert (d, item, error))
        return FALSE;

      parents[line->level] = sy_record_get_id (SY_RECORD (item));
      if (line->key != NULL)
        {
          char *key = g_strdup_printf ("%d:%s", year, line->key);
          gint64 *id = g_new (gint64, 1);

          *id = parents[line->level];
          g_hash_table_replace (d->plan_items, key, id);
        }
    }
  return TRUE;
}

/* ---- recipients -------------------------------------------------------------- */

typedef struct {
  const char *category;
  int         count;
  int         age_min, age_max;  /* at the end of the second year */
  int         male_percent;
} Group;

static const Group groups[] = {
  { "退役士兵",         100, 22, 62, 95 },
  { "军队转业干部",      12, 38, 62, 90 },
  { "复员军人",          14, 86, 96, 100 },
  { "残疾军人",          30, 28, 88, 96 },
  { "烈士遗属",          12, 45, 92, 35 },
  { "因公牺牲军人遗属",   6, 35, 85, 30 },
  { "病故军人遗属",       8, 40, 88, 30 },
  { "现役军人家属",      40, 22, 65, 45 },
  { "义务兵家庭",        48, 40, 58, 60 },
  { "带病回乡",          22, 52, 78, 100 },
  { "参战参试",          28, 57, 75, 100 },
  { "三红",               2, 99, 104, 100 },
};

static const char *service_units[] = { "陆军某部", "陆军某部", "武警某部", "海军某部", "空军某部", "火箭军某部" };

static gboolean
is_veteran_category (const char *category)
{
  static const char *veterans[] = { "退役士兵", "军队转业干部", "复员军人", "残疾军人",
                                    "带病回乡", "参战参试", "三红" };

  for (guint i = 0; i < G_N_ELEMENTS (veterans); i++)
    if (g_strcmp0 (category, veterans[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
person_has (const Person *p, const char *category)
{
  for (guint i = 0; i < p->n_categories; i++)
    if (g_strcmp0 (p->categories[i], category) == 0)
      return TRUE;
  return FALSE;
}

/* In the register (registered, not yet gone) on @date. */
static gboolean
person_active_on (const Person *p, const GDate *date)
{
  if (g_date_compare (&p->registered, date) > 0)
    return FALSE;
  return !g_date_valid (&p->left) || g_date_compare (&p->left, date) > 0;
}

static char *
make_id_number (Demo *d, const GDate *birth, gboolean male)
{
  static const char *elsewhere[] = { "360421", "360423", "360424", "360428", "360402" };
  const char *region = chance (d, 94) ? SY_DEMO_REGION : elsewhere[rnd (d, 0, G_N_ELEMENTS (elsewhere) - 1)];
  int sequence = rnd (d, 0, 499) * 2 + (male ? 1 : 0);

  for (int attempt = 0; attempt < 500; attempt++)
    {
      char *id = sy_id_number_generate (region, birth, sequence);

      if (id != NULL && !g_hash_table_contains (d->id_numbers, id))
        {
          g_hash_table_add (d->id_numbers, g_strdup (id));
          return id;
        }
      g_free (id);
      sequence = (sequence + 2) % 1000;
    }
  return NULL;
}

static char *
certificate_for (Demo *d, const char *category, const GDate *registered)
{
  int year = g_date_get_year (registered);

  if (g_strcmp0 (category, "残疾军人") == 0)
    return g_strdup_printf ("军残字第%07d号", rnd (d, 100000, 999999));
  if (g_strcmp0 (category, "烈士遗属") == 0)
    return g_strdup_printf ("烈字第%06d号", rnd (d, 1000, 99999));
  if (g_str_has_suffix (category, "遗属"))
    return g_strdup_printf ("遗属字第%06d号", rnd (d, 1000, 99999));
  if (is_veteran_category (category))
    return g_strdup_printf ("清退%04d%05d", MAX (year, 1950), rnd (d, 1, 99999));
  return g_strdup_printf ("清优%04d%05d", MAX (year, 1950), rnd (d, 1, 99999));
}

typedef struct {
  GDate enlist, discharge;
  const char *unit;
} Service;

/* Service dates plausible for the category and the person's age. */
static Service
service_for (Demo *d, const char *category, const GDate *birth)
{
  Service s;
  int by = g_date_get_year (birth);
  int enlist_age = rnd (d, 18, 20);
  int years = 2;
  int latest = d->y2 - 1;

  g_date_clear (&s.enlist, 1);
  g_date_clear (&s.discharge, 1);
  s.unit = service_units[rnd (d, 0, G_N_ELEMENTS (service_units) - 1)];

  if (g_strcmp0 (category, "军队转业干部") == 0)
    {
      enlist_age = rnd (d, 17, 19);
      years = rnd (d, 16, 26);
    }
  else if (g_strcmp0 (category, "复员军人") == 0)
    {
      enlist_age = rnd (d, 16, 19);
      years = rnd (d, 3, 7);
      s.unit = "中国人民解放军某部";
    }
  else if (g_strcmp0 (category, "三红") == 0)
    {
      enlist_age = rnd (d, 14, 16);
      years = rnd (d, 2, 4);
      s.unit = "中国工农红军某部";
    }
  else if (g_strcmp0 (category, "退役士兵") == 0)
    {
      static const int terms[] = { 2, 2, 2, 5, 5, 8, 12 };
      years = terms[rnd (d, 0, G_N_ELEMENTS (terms) - 1)];
    }
  else if (g_strcmp0 (category, "残疾军人") == 0)
    years = rnd (d, 2, 10);
  else
    years = rnd (d, 3, 5);

  if (by + enlist_age + years > latest)
    years = MAX (2, latest - by - enlist_age);
  if (by + enlist_age + years > latest)
    enlist_age = MAX (16, latest - by - years);

  s.enlist = ymd (by + enlist_age, chance (d, 70) ? 9 : 3, rnd (d, 1, 20));
  s.discharge = ymd (by + enlist_age + years, chance (d, 70) ? 9 : 12, rnd (d, 1, 25));
  return s;
}

static void
add_category (Person *p, const char *category)
{
  if (p->n_categories < G_N_ELEMENTS (p->categories) && !person_has (p, category))
    p->categories[p->n_categories++] = category;
}

static Village *
random_village (Demo *d)
{
  return g_ptr_array_index (d->villages, rnd (d, 0, d->villages->len - 1));
}

static char *
address_for (Demo *d, const Village *v)
{
  if (v->community)
    {
      guint n = g_strv_length ((GStrv) sy_demo_streets);
      return g_strdup_printf ("%s%s%s%s%d号", SY_DEMO_COUNTY, v->town, v->name,
                              sy_demo_streets[rnd (d, 0, n - 1)], rnd (d, 1, 188));
    }
  return g_strdup_printf ("%s%s%s%d组%d号", SY_DEMO_COUNTY, v->town, v->name, rnd (d, 1, 9), rnd (d, 1, 60));
}

static gboolean
write_person (Demo *d, Person *p, const Group *g, const Service *service, GError **error)
{
  g_autoptr(SyRecipient) r = sy_recipient_new ();
  g_autofree char *birth = iso (&p->birth);
  g_autofree char *registered = iso (&p->registered);
  g_autofree char *address = address_for (d, p->village);
  g_autofree char *phone = random_phone (d);
  const char *bank;
  g_autofree char *digits = random_digits (d, 15);
  GDate end = ymd (d->y2, 12, 31);
  int age = age_on (&p->birth, &end);
  int bank_pick = rnd (d, 0, 99);
  const char *ethnicity = chance (d, 97) ? "汉族" : chance (d, 60) ? "畲族" : "回族";
  gint64 id;

  if (bank_pick < 60)
    {
      bank = "清源县农村商业银行";
      p->account = g_strconcat ("6230", digits, NULL);
    }
  else if (bank_pick < 85)
    {
      bank = "中国邮政储蓄银行清源县支行";
      p->account = g_strconcat ("6217", digits, NULL);
    }
  else
    {
      bank = "中国农业银行清源县支行";
      p->account = g_strconcat ("6228", digits, NULL);
    }

  sy_recipient_set_unit_id (r, p->village->id);
  sy_recipient_set_name (r, p->name);
  sy_recipient_set_sex (r, p->male ? "男" : "女");
  sy_recipient_set_ethnicity (r, ethnicity);
  sy_recipient_set_id_number (r, p->id_number);
  sy_recipient_set_birth_date (r, birth);
  sy_recipient_set_phone (r, phone);
  sy_recipient_set_hukou (r, p->hukou);
  sy_recipient_set_village (r, p->village->name);
  sy_recipient_set_address (r, address);
  sy_recipient_set_household_id (r, p->household);
  sy_recipient_set_relation_to_head (r, p->household ? "配偶" : "户主");
  sy_recipient_set_bank (r, bank);
  sy_recipient_set_account_name (r, p->name);
  sy_recipient_set_account (r, p->account);
  /* The flags go to the old and the rural poor, as they do in practice. */
  sy_recipient_set_dibao (r, g_strcmp0 (p->hukou, "农村") == 0 && chance (d, 6));
  sy_recipient_set_wubao (r, age >= 60 && p->household == 0 && g_strcmp0 (p->hukou, "农村") == 0 && chance (d, 5));
  sy_recipient_set_gulao (r, age >= 70 && p->household == 0 && chance (d, 10));
  sy_recipient_set_status (r, p->status);
  if (g_strcmp0 (g->category, "义务兵家庭") == 0)
    sy_recipient_set_notes (r, chance (d, 50) ? "子女在部队服义务兵役" : NULL);
  if (!insert (d, r, error))
    return FALSE;
  id = sy_record_get_id (SY_RECORD (r));
  p->id = id;

  for (guint i = 0; i < p->n_categories; i++)
    {
      const char *category = p->categories[i];
      g_autoptr(SyRecipientCategory) c = sy_recipient_category_new ();
      g_autofree char *certificate = certificate_for (d, category, &p->registered);
      g_autofree char *enlist = NULL;
      g_autofree char *discharge = NULL;

      sy_recipient_category_set_recipient_id (c, id);
      sy_recipient_category_set_category (c, category);
      sy_recipient_category_set_certificate_no (c, certificate);
      if (g_strcmp0 (category, "残疾军人") == 0)
        {
          sy_recipient_category_set_disability_grade (c, p->grade);
          sy_recipient_category_set_disability_nature (c, p->nature);
        }
      if (is_veteran_category (category))
        {
          enlist = iso (&service->enlist);
          discharge = iso (&service->discharge);
        }
      else if (g_strcmp0 (category, "现役军人家属") == 0 || g_strcmp0 (category, "义务兵家庭") == 0)
        enlist = iso (&service->enlist);   /* the serving relative's */
      sy_recipient_category_set_enlist_date (c, enlist);
      if (g_strcmp0 (category, "义务兵家庭") == 0)
        {
          /* Held while the son or daughter serves the two years of
           * conscription; the discharge is recorded once it happened.  A
           * few conscripts earn top-ups (进藏进疆, 立功, 大学生入伍), picked
           * by position so that no random draw moves. */
          static const char *topups[] = { NULL, NULL, "进藏进疆", NULL, NULL, "二等功", NULL,
                                          "大学生入伍", NULL, NULL, "进藏进疆、三等功", NULL,
                                          NULL, "大学生入伍", NULL, NULL };
          GDate home = service->enlist;
          GDate end = ymd (d->y2, 12, 31);
          g_autofree char *home_iso = NULL;

          g_date_add_years (&home, 2);
          if (g_date_compare (&home, &end) <= 0)
            home_iso = iso (&home);
          sy_recipient_category_set_valid_from (c, enlist);
          sy_recipient_category_set_valid_to (c, home_iso);
          sy_recipient_category_set_topups (c, topups[d->n_conscripts++ % G_N_ELEMENTS (topups)]);
        }
      sy_recipient_category_set_discharge_date (c, discharge);
      if (enlist != NULL)
        sy_recipient_category_set_service_unit (c, service->unit);
      if (!insert (d, c, error))
        return FALSE;
    }

  {
    g_autoptr(SyStatusChange) added = sy_status_change_new ();

    sy_status_change_set_recipient_id (added, id);
    sy_status_change_set_kind (added, "新增");
    sy_status_change_set_effective_date (added, registered);
    sy_status_change_set_reason (added, "登记为优抚对象");
    if (!insert (d, added, error))
      return FALSE;
  }

  if (g_date_valid (&p->left))
    {
      g_autoptr(SyStatusChange) gone = sy_status_change_new ();
      g_autofree char *when = iso (&p->left);
      gboolean died = g_strcmp0 (p->status, "减员") == 0;
      g_autofree char *reason = died ? g_strdup ("去世")
                                     : g_strdup_printf ("户籍迁往%s", chance (d, 50) ? "云州市" : "外省");

      sy_status_change_set_recipient_id (gone, id);
      sy_status_change_set_kind (gone, died ? "减员" : "迁出");
      sy_status_change_set_effective_date (gone, when);
      sy_status_change_set_reason (gone, reason);
      if (!insert (d, gone, error))
        return FALSE;
    }
  return TRUE;
}

/* One recipient of @g (and sometimes a spouse of the same household). */
static gboolean
make_person (Demo *d, const Group *g, Person *head, GError **error)
{
  Person *p = g_new0 (Person, 1);
  GDate end = ymd (d->y2, 12, 31);
  int age = head ? CLAMP (age_on (&head->birth, &end) + rnd (d, -4, 3), g->age_min, g->age_max + 3)
                 : rnd (d, g->age_min, g->age_max);
  Service service;
  GDate latest = ymd (d->y2, 10, 15);

  g_ptr_array_add (d->people, p);
  p->male = head ? !head->male : chance (d, g->male_percent);
  p->birth = ymd (d->y2 - age, rnd (d, 1, 12), rnd (d, 1, 28));
  p->name = random_name (d, p->male, d->y2 - age);
  p->id_number = make_id_number (d, &p->birth, p->male);
  if (p->id_number == NULL)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_FAILED, "Could not make a unique ID number");
      return FALSE;
    }
  p->village = head ? head->village : random_village (d);
  p->hukou = head ? head->hukou
                  : p->village->community ? (chance (d, 85) ? "城镇" : "农村")
                                          : (chance (d, 92) ? "农村" : "城镇");
  p->status = "在册";
  p->household = head ? head->id : 0;
  g_date_clear (&p->left, 1);
  add_category (p, g->category);

  service = service_for (d, g->category, &p->birth);

  /* Registration: veterans after discharge; families when their soldier
   * enlisted or fell; never later than autumn of the second year. */
  if (is_veteran_category (g->category))
    p->registered = plus_days (service.discharge, rnd (d, 20, 90));
  else if (g_strcmp0 (g->category, "义务兵家庭") == 0)
    {
      /* The oldest cohort comes home in the autumn of the second year. */
      static const int cohorts[][2] = { { -1, 9 }, { -1, 3 }, { 0, 3 }, { -2, 9 } };
      int k = rnd (d, 0, G_N_ELEMENTS (cohorts) - 1);

      service.enlist = ymd (d->y2 + cohorts[k][0], cohorts[k][1], rnd (d, 5, 20));
      p->registered = plus_days (service.enlist, rnd (d, 5, 20));
    }
  else if (g_strcmp0 (g->category, "现役军人家属") == 0)
    {
      service.enlist = ymd (d->y2 - rnd (d, 1, 9), chance (d, 70) ? 9 : 3, rnd (d, 1, 20));
      p->registered = plus_days (service.enlist, rnd (d, 10, 40));
    }
  else
    {
      /* 遗属: a soldier lost some years ago */
      int from = MAX (g_date_get_year (&p->birth) + 22, 1960);
      p->registered = ymd (rnd (d, MIN (from, d->y2 - 2), d->y2 - 1), rnd (d, 1, 12), rnd (d, 1, 28));
    }
  if (head != NULL && g_date_compare (&p->registered, &head->registered) < 0)
    p->registered = head->registered;
  if (g_date_compare (&p->registered, &latest) > 0)
    p->registered = latest;

  /* Second categories where they go together in real registers. */
  if (g_strcmp0 (g->category, "复员军人") == 0 && chance (d, 20))
    add_category (p, "残疾军人");
  else if (g_strcmp0 (g->category, "残疾军人") == 0 && chance (d, 40))
    add_category (p, age >= 57 ? "参战参试" : "退役士兵");
  else if (g_strcmp0 (g->category, "义务兵家庭") == 0 && chance (d, 60))
    add_category (p, "现役军人家属");
  else if (g_strcmp0 (g->category, "带病回乡") == 0 && chance (d, 50))
    add_category (p, "退役士兵");
  else if (g_strcmp0 (g->category, "参战参试") == 0 && chance (d, 40))
    add_category (p, "退役士兵");

  if (person_has (p, "残疾军人"))
    {
      static const char *natures[] = { "因战", "因公", "因公", "因病" };
      p->nature = g_strcmp0 (g->category, "复员军人") == 0 || age >= 57 ? (chance (d, 60) ? "因战" : "因公")
                                                                           : natures[rnd (d, 0, 3)];
      /* mostly the lighter grades; 因病 is rated 1–6 only */
      p->grade = g_strcmp0 (p->nature, "因病") == 0 ? rnd (d, 3, 6)
               : chance (d, 15) ? rnd (d, 1, 4) : rnd (d, 5, 10);
    }

  /* A few leave the register: the oldest by death, some by moving away. */
  {
    int old = age_on (&p->birth, &end);
    int death_risk = old >= 95 ? 40 : old >= 85 ? 18 : old >= 75 ? 5 : 1;
    GDate from = ymd (d->y1, 2, 1), to = ymd (d->y2, 11, 30);

    if (g_date_compare (&p->registered, &from) > 0)
      from = plus_days (p->registered, 30);
    if (g_date_compare (&from, &to) < 0)
      {
        if (chance (d, death_risk))
          {
            p->status = "减员";
            p->left = random_date (d, from, to);
          }
        else if (old < 70 && head == NULL && chance (d, 1))
          {
            p->status = "迁出";
            p->left = random_date (d, from, to);
          }
      }
  }

  if (!write_person (d, p, g, &service, error))
    return FALSE;

  /* Both parents of a fallen soldier, or of a serving one, are registered. */
  if (head == NULL
      && ((g_strcmp0 (g->category, "烈士遗属") == 0 && chance (d, 40))
          || (g_strcmp0 (g->category, "现役军人家属") == 0 && chance (d, 20))))
    return make_person (d, g, p, error);
  return TRUE;
}

static gboolean
write_recipients (Demo *d, GError **error)
{
  guint done = 0, total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    total += groups[i].count;

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    for (int k = 0; k < groups[i].count; k++)
      {
        if (!make_person (d, &groups[i], NULL, error))
          return FALSE;
        if (++done % 60 == 0)
          report (d, 0.12 + 0.33 * done / total, _("Recipients"));
      }
  return TRUE;
}

/* ---- subsidy standards and disbursements ------------------------------------ */

static gboolean
add_standard (Demo *d, int year, const char *kind, const char *category, int grade,
              const char *nature, const char *hukou, gint64 yuan, const char *period, GError **error)
{
  g_autoptr(SySubsidyStandard) s = sy_subsidy_standard_new ();
  GDate from = ymd (year, 1, 1), to = ymd (year, 12, 31);
  g_autofree char *from_iso = iso (&from);
  g_autofree char *to_iso = year < d->y2 ? iso (&to) : NULL;
  Standard standard = { 0 };

  sy_subsidy_standard_set_kind (s, kind);
  sy_subsidy_standard_set_category (s, category);
  sy_subsidy_standard_set_disability_grade (s, grade);
  sy_subsidy_standard_set_disability_nature (s, nature);
  sy_subsidy_standard_set_hukou (s, hukou);
  sy_subsidy_standard_set_amount_fen (s, yuan * 100);
  sy_subsidy_standard_set_period (s, period);
  sy_subsidy_standard_set_effective_from (s, from_iso);
  sy_subsidy_standard_set_effective_to (s, to_iso);
  /* 优待金 goes to the conscript's family, once per household. */
  sy_subsidy_standard_set_per_household (s, g_strcmp0 (kind, "义务兵家庭优待金") == 0);
  if (!insert (d, s, error))
    return FALSE;

  standard.id = sy_record_get_id (SY_RECORD (s));
  standard.year = year;
  standard.kind = kind;
  standard.category = category;
  standard.grade = grade;
  standard.nature = nature;
  standard.hukou = hukou;
  standard.amount = yuan * 100;
  standard.period = period;
  g_array_append_val (d->standards, standard);
  return TRUE;
}

static const Standard *
find_standard (Demo *d, int year, const char *kind, const char *category, int grade,
               const char *nature, const char *hukou)
{
  for (guint i = 0; i < d->standards->len; i++)
    {
      const Standard *s = &g_array_index (d->standards, Standard, i);

      if (s->year == year && g_strcmp0 (s->kind, kind) == 0 && g_strcmp0 (s->category, category) == 0
          && s->grade == grade && g_strcmp0 (s->nature, nature) == 0
          && (s->hukou == NULL || g_strcmp0 (s->hukou, hukou) == 0))
        return s;
    }
  return NULL;
}

/* Amounts grow each year, as standards do; whole yuan. */
static gint64
raised (gint64 yuan, int step)
{
  for (int i = 0; i < step; i++)
    yuan = (yuan * 1055 + 500) / 1000;
  return yuan;
}

static gboolean
write_standards (Demo *d, GError **error)
{
  /* 定期抚恤金 of 残疾军人 per month, 因战, grades 1–10 (first year). */
  static const gint64 disability[] = { 8520, 7680, 6840, 5310, 4240, 3390, 2500, 1530, 1190, 850 };
  static const struct { const char *category; gint64 town, village; } survivors[] = {
    { "烈士遗属", 2550, 2190 }, { "因公牺牲军人遗属", 2350, 1980 }, { "病故军人遗属", 2260, 1900 },
  };
  static const struct { const char *category; gint64 monthly; } living[] = {
    { "复员军人", 1180 }, { "带病回乡", 810 }, { "参战参试", 780 }, { "三红", 4200 },
  };

  for (int step = 0; step < 2; step++)
    {
      int year = d->y1 + step;

      if (!add_standard (d, year, "义务兵家庭优待金", "义务兵家庭", 0, NULL, "城镇", raised (22680, step), "年", error)
          || !add_standard (d, year, "义务兵家庭优待金", "义务兵家庭", 0, NULL, "农村", raised (17010, step), "年", error))
        return FALSE;

      for (int grade = 1; grade <= 10; grade++)
        {
          gint64 war = raised (disability[grade - 1], step);

          if (!add_standard (d, year, "定期抚恤金", "残疾军人", grade, "因战", NULL, war, "月", error)
              || !add_standard (d, year, "定期抚恤金", "残疾军人", grade, "因公", NULL, (war * 94 + 50) / 100, "月", error))
            return FALSE;
          if (grade <= 6
              && !add_standard (d, year, "定期抚恤金", "残疾军人", grade, "因病", NULL, (war * 88 + 50) / 100, "月", error))
            return FALSE;
        }

      for (guint i = 0; i < G_N_ELEMENTS (survivors); i++)
        if (!add_standard (d, year, "定期抚恤金", survivors[i].category, 0, NULL, "城镇", raised (survivors[i].town, step), "月", error)
            || !add_standard (d, year, "定期抚恤金", survivors[i].category, 0, NULL, "农村", raised (survivors[i].village, step), "月", error))
          return FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (living); i++)
        if (!add_standard (d, year, "定期生活补助", living[i].category, 0, NULL, NULL, raised (living[i].monthly, step), "月", error))
          return FALSE;

      if (!add_standard (d, year, "慰问金", "重点优抚对象", 0, NULL, NULL, step == 0 ? 600 : 800, "次", error))
        return FALSE;
    }

  /* Top-ups of 优待金 as the county's notice sets them: 进藏进疆 doubles
   * it, 立功 adds by the honour, a graduate conscript gets half again. */
  {
    static const struct { const char *condition; int percent; } rules[] = {
      { "进藏进疆", 100 }, { "一等功", 20 }, { "二等功", 15 }, { "三等功", 10 }, { "大学生入伍", 50 },
    };
    GDate from = ymd (d->y1, 1, 1), to = ymd (d->y2, 12, 31);
    g_autofree char *from_iso = iso (&from);
    g_autofree char *to_iso = iso (&to);

    /* The notice covers the two years; next year's comes with next year's rates. */
    for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
      {
        g_autoptr(SySubsidyTopup) t = sy_subsidy_topup_new ();

        sy_subsidy_topup_set_kind (t, "义务兵家庭优待金");
        sy_subsidy_topup_set_condition (t, rules[i].condition);
        sy_subsidy_topup_set_percent (t, rules[i].percent);
        sy_subsidy_topup_set_effective_from (t, from_iso);
        sy_subsidy_topup_set_effective_to (t, to_iso);
        if (!insert (d, t, error))
          return FALSE;
      }
  }

  /* 按标准及时足额: 优待金 by 八一 (212 days into the year), the rest within
   * a month of the period's start. */
  return sy_database_set_setting (d->db, "payment_deadline_days.义务兵家庭优待金", "212", error)
         && sy_database_set_setting (d->db, "payment_deadline_days", "31", error);
}

typedef enum { RUN_DRAFT, RUN_APPROVED, RUN_PAID } RunState;

/* A run made as the office makes one: computed by the run repository, then
 * approved and paid.  A payment date after today (a demo of the current
 * year) leaves the run approved. */
static gboolean
demo_run (Demo *d, SyRunRepo *repo, const char *kind, const char *period, const char *title,
          RunState state, GDate paid, gint64 *id, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today = ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                     g_date_time_get_day_of_month (now));
  g_autofree char *paid_iso = NULL;
  g_autofree char *voucher = NULL;

  /* drawn whatever happens next, so the rest of the demo does not depend on today */
  voucher = g_strdup_printf ("清财社〔%d〕%d号", g_date_get_year (&paid), rnd (d, 11, 39) + 40 * g_date_get_month (&paid));
  if (!sy_run_repo_create (repo, kind, period, title, id, error))
    return FALSE;
  if (state == RUN_DRAFT)
    return TRUE;
  if (!sy_run_repo_approve (repo, *id, error))
    return FALSE;
  if (state == RUN_APPROVED || g_date_compare (&paid, &today) > 0)
    return TRUE;
  paid_iso = iso (&paid);
  return sy_run_repo_mark_paid (repo, *id, paid_iso, voucher, error);
}

/* The bank could not pay one line of @run (a frozen card): the return is
 * applied, the person's new card recorded, and a re-issue drafted. */
static gboolean
bank_return (Demo *d, SyRunRepo *repo, gint64 run, GError **error)
{
  g_autoptr(GListModel) lines = sy_queries_batch_lines (d->db, run, error);
  g_autoptr(SyDisbursementLine) line = NULL;
  g_autoptr(SyTable) table = sy_table_new ("银行退票清单.csv");
  g_autoptr(SyRecipient) person = NULL;
  g_autofree char *digits = NULL, *account = NULL;
  gint64 reissue = 0;
  guint n = 0;

  if (lines == NULL)
    return FALSE;
  if (g_list_model_get_n_items (lines) == 0)
    return TRUE;
  line = g_list_model_get_item (lines, rnd (d, 0, g_list_model_get_n_items (lines) - 1));
  sy_table_begin_row (table, 1);
  sy_table_add_cell (table, "账号", -1);
  sy_table_add_cell (table, "户名", -1);
  sy_table_add_cell (table, "失败原因", -1);
  sy_table_end_row (table);
  sy_table_begin_row (table, 2);
  sy_table_add_cell (table, sy_disbursement_line_get_account (line), -1);
  sy_table_add_cell (table, sy_disbursement_line_get_recipient_name (line), -1);
  sy_table_add_cell (table, "账户已冻结（长期未使用）", -1);
  sy_table_end_row (table);
  if (!sy_run_repo_apply_bank_return (repo, run, table, "银行退票清单.csv", &n, error))
    return FALSE;

  person = sy_database_load (d->db, SY_TYPE_RECIPIENT, sy_disbursement_line_get_recipient_id (line), error);
  if (person == NULL)
    return FALSE;
  digits = random_digits (d, 15);
  account = g_strconcat ("6217", digits, NULL);
  sy_recipient_set_bank (person, "中国邮政储蓄银行清源县支行");
  sy_recipient_set_account (person, account);
  if (!sy_database_update (d->db, SY_RECORD (person), error))
    return FALSE;
  return sy_run_repo_reissue (repo, run, &reissue, error);
}

/* The second year's runs: 春节慰问金 and 优待金 paid; 定期抚恤金 and
 * 定期生活补助 paid for three quarters (the second quarter's 生活补助 late,
 * the third quarter's 抚恤金 with one line returned by the bank and a
 * re-issue drafted), the fourth quarter approved and drafted. */
static gboolean
write_disbursements (Demo *d, GError **error)
{
  g_autoptr(SyRunRepo) repo = sy_run_repo_new (d->db);
  int year = d->y2;
  GDate spring = spring_festival (year);
  GDate gift_paid = plus_days (spring, -rnd (d, 5, 12));
  g_autofree char *gift_period = g_strdup_printf ("%d-%02d", year, g_date_get_month (&gift_paid));
  g_autofree char *gift_title = g_strdup_printf ("%d年春节慰问金", year);
  g_autofree char *year_period = g_strdup_printf ("%d", year);
  gint64 id = 0, q3_pension = 0;

  if (!demo_run (d, repo, "慰问金", gift_period, gift_title, RUN_PAID, gift_paid, &id, error)
      || !demo_run (d, repo, "义务兵家庭优待金", year_period, NULL, RUN_PAID,
                    ymd (year, 7, rnd (d, 18, 24)), &id, error))
    return FALSE;

  for (int q = 1; q <= 4; q++)
    {
      g_autofree char *period = g_strdup_printf ("%d-Q%d", year, q);
      int month = q * 3 - 2;
      RunState pension_state = q < 4 ? RUN_PAID : RUN_APPROVED;
      RunState living_state = q < 4 ? RUN_PAID : RUN_DRAFT;
      /* paid in the quarter's first weeks; one quarter's 生活补助 late */
      GDate pension_paid = ymd (year, month, rnd (d, 8, 20));
      GDate living_paid = q == 2 ? ymd (year, month + 1, rnd (d, 12, 20)) : ymd (year, month, rnd (d, 8, 20));

      if (!demo_run (d, repo, "定期抚恤金", period, NULL, pension_state, pension_paid, &id, error))
        return FALSE;
      if (q == 3)
        q3_pension = id;
      if (!demo_run (d, repo, "定期生活补助", period, NULL, living_state, living_paid, &id, error))
        return FALSE;
    }

  {
    g_autoptr(SyDisbursementBatch) q3 = sy_run_repo_load (repo, q3_pension, error);

    if (q3 == NULL)
      return FALSE;
    if (g_strcmp0 (sy_disbursement_batch_get_state (q3), SY_RUN_STATE_PAID) == 0
        && !bank_return (d, repo, q3_pension, error))
      return FALSE;
  }
  return TRUE;
}

/* ---- activities ---------------------------------------------------------------- */

static int
compare_drafts (gconstpointer a, gconstpointer b)
{
  const EventDraft *x = *(EventDraft * const *) a;
  const EventDraft *y = *(EventDraft * const *) b;
  int c = g_date_compare (&x->date, &y->date);

  return c != 0 ? c : (x->order > y->order) - (x->order < y->order);
}

static const char *
first_military (guint mask)
{
  for (guint i = 0; i < G_N_ELEMENTS (sy_demo_military); i++)
    if (mask & (1u << i))
      return sy_demo_military[i].name;
  return sy_demo_military[0].name;
}

/* Drafts every activity of both years and describes its photos.  Only
 * the seed's GRand is used, so the drafts (and photos) are reproducible. */
static void
draft_events (Demo *d)
{
  guint order = 0;

  for (int step = 0; step < 2; step++)
    {
      int year = d->y1 + step;
      guint mask = step == 0 ? 1 : 2;

      for (guint t = 0; t < sy_demo_n_events; t++)
        {
          const SyDemoEventTemplate *tmpl = &sy_demo_events[t];
          EventDraft *e;
          const SyDemoTown *town, *town2;
          g_autofree char *y = g_strdup_printf ("%d", year);
          g_autofree char *y_next = g_strdup_printf ("%d", year + 1);
          g_autofree char *army = g_strdup_printf ("%d", year - 1927);
          g_autofree char *defence = g_strdup_printf ("%d", year - 2000);
          g_autofree char *date_text = NULL;
          g_autofree char *visits = NULL;
          g_autofree char *soldiers = NULL;
          g_autofree char *civilians = NULL;
          const char *village;
          GString *content;
          int n_villages;

          if (!(tmpl->years & mask))
            continue;

          e = g_new0 (EventDraft, 1);
          e->tmpl = tmpl;
          e->year = year;
          e->order = order++;
          e->date = rule_date (d, tmpl->rule, year, tmpl->month, tmpl->from, tmpl->to);
          /* meetings are held on working days */
          if (g_strcmp0 (tmpl->kind, "会议") == 0 || g_strcmp0 (tmpl->kind, "座谈会") == 0)
            {
              GDateWeekday wd = g_date_get_weekday (&e->date);
              if (wd == G_DATE_SATURDAY)
                e->date = plus_days (e->date, -1);
              else if (wd == G_DATE_SUNDAY)
                e->date = plus_days (e->date, 1);
            }
          e->leaders = rnd (d, tmpl->leaders[0], tmpl->leaders[1]);
          e->soldiers = rnd (d, tmpl->soldiers[0], tmpl->soldiers[1]);
          e->civilians = rnd (d, tmpl->civilians[0], tmpl->civilians[1]);
          e->n_visits = tmpl->visit ? rnd (d, 6, 10) : 0;

          town = &sy_demo_towns[rnd (d, 0, sy_demo_n_towns - 1)];
          do
            town2 = &sy_demo_towns[rnd (d, 0, sy_demo_n_towns - 1)];
          while (town2 == town);
          for (n_villages = 0; town->villages[n_villages] != NULL; n_villages++)
            ;
          village = town->villages[rnd (d, 0, n_villages - 1)];
          date_text = chinese_date (&e->date, FALSE);
          visits = g_strdup_printf ("%d", e->n_visits);
          soldiers = g_strdup_printf ("%d", e->soldiers);
          civilians = g_strdup_printf ("%d", e->civilians);

          {
            const char *vars[] = {
              "Y", y, "Y1", y_next, "A", army, "E", defence, "L", SY_DEMO_LEADER,
              "M", first_military (tmpl->military), "T", town->name, "T2", town2->name,
              "V", village, "D", date_text, "N", visits, "S", soldiers, "C", civilians, NULL
            };

            e->title = pick_expand (d, tmpl->title, vars);
            e->place = pick_expand (d, tmpl->place, vars);
            e->organiser = pick_expand (d, tmpl->organiser, vars);
            e->participants = pick_expand (d, tmpl->participants, vars);
            content = g_string_new (NULL);
            for (guint s = 0; s < G_N_ELEMENTS (tmpl->content) && tmpl->content[s] != NULL; s++)
              {
                g_autofree char *sentence = pick_expand (d, tmpl->content[s], vars);
                g_string_append (content, sentence);
              }
            e->content = g_string_free (content, FALSE);
            e->outcome = pick_expand (d, tmpl->outcome, vars);

            e->n_photos = rnd (d, 2, 4);
            e->first_photo = d->photos->len;
            for (guint k = 0; k < e->n_photos; k++)
              {
                g_autofree char *day = chinese_date (&e->date, TRUE);
                g_autofree char *what = expand (tmpl->captions[k], vars);
                g_autofree char *stamp = g_strdup_printf ("%04d %02d %02d", g_date_get_year (&e->date),
                                                          g_date_get_month (&e->date), g_date_get_day (&e->date));

                e->captions[k] = g_strdup_printf ("%s %s", day, what);
                g_ptr_array_add (d->photos, sy_demo_photo_new (tmpl->scene, g_rand_int (d->rand), e->title, stamp));
              }
          }
          g_ptr_array_add (d->events, e);
        }
    }
  g_ptr_array_sort (d->events, compare_drafts);
}

/* The people visited: those of the key categories in the register that
 * day, picked at random. */
static gboolean
write_visits (Demo *d, const EventDraft *e, gint64 event_id, GError **error)
{
  static const char *key[] = { "残疾军人", "烈士遗属", "复员军人", "三红", "带病回乡", "参战参试",
                               "因公牺牲军人遗属", "病故军人遗属" };
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  const Standard *money = find_standard (d, e->year, "慰问金", "重点优抚对象", 0, NULL, NULL);

  for (guint i = 0; i < d->people->len; i++)
    {
      Person *p = g_ptr_array_index (d->people, i);

      if (!person_active_on (p, &e->date))
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (key); k++)
        if (person_has (p, key[k]))
          {
            g_ptr_array_add (candidates, p);
            break;
          }
    }

  for (int n = 0; n < e->n_visits && candidates->len > 0; n++)
    {
      guint at = rnd (d, 0, candidates->len - 1);
      Person *p = g_ptr_array_steal_index_fast (candidates, at);
      guint n_needs = g_strv_length ((GStrv) sy_demo_needs);
      const char *needs = chance (d, 30) ? sy_demo_needs[rnd (d, 0, n_needs - 1)] : NULL;
      g_autofree char *follow_up = needs ? g_strdup_printf ("已交%s%s跟进办理", p->village->town,
                                                            chance (d, 50) ? "民政办" : "退役军人服务站")
                                         : NULL;
      gboolean with_money = g_strcmp0 (e->tmpl->plan_key, "pair-help") != 0;

      g_autoptr(SyEventRecipient) visit = sy_event_recipient_new ();

      sy_event_recipient_set_event_id (visit, event_id);
      sy_event_recipient_set_recipient_id (visit, p->id);
      sy_event_recipient_set_gift (visit, chance (d, 50) ? "大米1袋、食用油1桶" : "慰问品1份");
      sy_event_recipient_set_money_fen (visit, with_money && money ? money->amount : 0);
      sy_event_recipient_set_needs (visit, needs);
      sy_event_recipient_set_follow_up (visit, follow_up);
      if (!insert (d, visit, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_event (Demo *d, const EventDraft *e, GError **error)
{
  g_autoptr(SyEvent) event = sy_event_new ();
  g_autofree char *date = iso (&e->date);
  g_autofree char *key = g_strdup_printf ("%d:%s", e->year, e->tmpl->plan_key);
  const gint64 *plan_item = g_hash_table_lookup (d->plan_items, key);
  gint64 event_id;

  sy_event_set_unit_id (event, d->office_id);
  sy_event_set_kind (event, e->tmpl->kind);
  sy_event_set_title (event, e->title);
  sy_event_set_date (event, date);
  sy_event_set_place (event, e->place);
  sy_event_set_organiser (event, e->organiser);
  sy_event_set_leaders (event, e->leaders);
  sy_event_set_soldiers (event, e->soldiers);
  sy_event_set_civilians (event, e->civilians);
  sy_event_set_participants (event, e->participants);
  sy_event_set_content (event, e->content);
  sy_event_set_outcome (event, e->outcome);
  sy_event_set_recorder (event, SY_DEMO_RECORDER);
  sy_event_set_reviewer (event, SY_DEMO_REVIEWER);
  sy_event_set_plan_item_id (event, plan_item ? *plan_item : 0);
  if (!insert (d, event, error))
    return FALSE;
  event_id = sy_record_get_id (SY_RECORD (event));

  for (guint k = 0; k < e->n_photos; k++)
    {
      SyDemoPhoto *photo = g_ptr_array_index (d->photos, e->first_photo + k);
      g_autoptr(SyEventPhoto) row = sy_event_photo_new ();
      g_autofree char *name = g_strdup_printf ("IMG_%04d%02d%02d_%02u.jpg", g_date_get_year (&e->date),
                                               g_date_get_month (&e->date), g_date_get_day (&e->date), k + 1);
      g_autofree char *hash = sy_attachment_store_add_bytes (d->attachments, photo->jpeg, "image/jpeg", name, error);

      if (hash == NULL)
        return FALSE;
      sy_event_photo_set_event_id (row, event_id);
      sy_event_photo_set_attachment_hash (row, hash);
      sy_event_photo_set_caption (row, e->captions[k]);
      sy_event_photo_set_position (row, (int) k);
      sy_event_photo_set_in_ledger (row, TRUE);
      if (!insert (d, row, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sy_demo_military); i++)
    {
      g_autofree char *link = NULL;

      if (!(e->tmpl->military & (1u << i)))
        continue;
      /* A link row without a record class: audited by hand. */
      link = g_strdup_printf ("{\"military_unit_id\":%" G_GINT64_FORMAT "}", d->military_ids[i]);
      if (sy_database_execute (d->db,
                               "INSERT INTO event_military_unit (event_id, military_unit_id) "
                               "VALUES (##event::gint64, ##unit::gint64)",
                               error,
                               "event", G_TYPE_INT64, event_id,
                               "unit", G_TYPE_INT64, d->military_ids[i],
                               NULL) < 0
          || !sy_database_audit_event (d->db, "insert", "event_military_unit", event_id, link, error))
        return FALSE;
    }

  if (e->tmpl->visit)
    return write_visits (d, e, event_id, error);
  return TRUE;
}

/* ---- documents ------------------------------------------------------------------- */

static gboolean
write_document (Demo *d, const SyDemoPdf *pdf, const char *issuer, const char *tags, GError **error)
{
  g_autoptr(SyDocument) doc = sy_document_new ();
  g_autoptr(GBytes) bytes = sy_demo_pdf_render (pdf, error);
  g_autofree char *text = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  if (bytes == NULL)
    return FALSE;
  name = g_strdup_printf ("%s.pdf", pdf->title);
  hash = sy_attachment_store_add_bytes (d->attachments, bytes, "application/pdf", name, error);
  if (hash == NULL)
    return FALSE;
  text = sy_demo_pdf_text (pdf);

  sy_document_set_unit_id (doc, d->office_id);
  sy_document_set_title (doc, pdf->title);
  sy_document_set_doc_number (doc, pdf->doc_number);
  sy_document_set_issuer (doc, issuer);
  sy_document_set_date (doc, pdf->iso_date);
  sy_document_set_tags (doc, tags);
  sy_document_set_attachment_hash (doc, hash);
  sy_document_set_mime_type (doc, "application/pdf");
  sy_document_set_body_text (doc, text);
  return insert (d, doc, error);
}

static gboolean
write_documents (Demo *d, GError **error)
{
  int y1 = d->y1, y2 = d->y2;

  /* 1. A notice from the (fictional) city above. */
  {
    GDate date = ymd (y1, 7, rnd (d, 8, 15));
    g_autofree char *iso_date = iso (&date);
    g_autofree char *date_text = chinese_date (&date, TRUE);
    g_autofree char *number = g_strdup_printf ("云双拥办〔%d〕%d号", y1, rnd (d, 5, 12));
    g_autofree char *title = g_strdup_printf ("关于做好%d年“八一”期间拥军优属工作的通知", y1);
    const char *paragraphs[] = {
      "各县（区）双拥工作领导小组办公室：",
      "为庆祝中国人民解放军建军节，进一步巩固和发展军政军民团结，现就做好今年“八一”期间拥军优属工作通知如下。",
      "一、广泛开展走访慰问。“八一”前后，各县（区）领导要带队走访慰问驻地部队和重点优抚对象，"
      "慰问对象以老复员军人、伤残军人、烈士遗属和生活困难的退役军人为重点，慰问金和慰问品要在7月31日前发放到位。",
      "二、认真落实优抚政策。各地要对照优抚对象花名册，逐人核对义务兵家庭优待金、定期抚恤金和定期生活补助发放情况，"
      "做到按标准及时足额发放，不得拖欠、截留。",
      "三、组织开展军民共建活动。各地要结合实际，组织开展军民联欢、座谈交流和国防教育等活动，营造浓厚的节日氛围。",
      "四、及时报送工作情况。请于8月10日前将“八一”期间拥军优属工作开展情况（含活动图片）报市双拥办。",
      NULL
    };
    SyDemoPdf pdf = { "云州市双拥工作领导小组办公室文件", number, title, paragraphs,
                      "云州市双拥工作领导小组办公室", date_text, iso_date };

    if (!write_document (d, &pdf, "云州市双拥工作领导小组办公室", "上级文件,走访慰问", error))
      return FALSE;
  }

  /* 2. The 共建 agreement signed in the first year. */
  {
    GDate date = ymd (y1, 3, rnd (d, 3, 8));
    g_autofree char *iso_date = iso (&date);
    g_autofree char *date_text = chinese_date (&date, TRUE);
    g_autofree char *title = g_strdup_printf ("双拥共建协议书（%s）", sy_demo_military[0].name);
    const char *paragraphs[] = {
      "甲方：清源县双拥工作领导小组办公室",
      "乙方：武警清源中队",
      "为深入开展双拥共建活动，密切军政军民关系，经双方协商，签订本协议。",
      "一、共建目标。以服务部队建设和驻地发展为目的，开展经常性的共建活动，努力实现共建共育、共同提高。",
      "二、甲方职责。帮助乙方解决官兵家属就业、子女入学等实际困难；每年春节、“八一”组织走访慰问；"
      "邀请乙方参加地方重大活动和国防教育活动。",
      "三、乙方职责。积极参与驻地抢险救灾和应急处置；每年承担学生军训任务；配合开展国防教育、征兵宣传和帮耕帮种活动。",
      "四、联络制度。双方各确定一名联络员，每半年召开一次共建联席会议，通报情况，研究解决共建中的问题。",
      "五、本协议一式两份，双方各执一份，自签订之日起生效，有效期三年。",
      NULL
    };
    SyDemoPdf pdf = { NULL, NULL, title, paragraphs, "甲方：清源县双拥工作领导小组办公室（盖章）\n乙方：武警清源中队（盖章）",
                      date_text, iso_date };

    if (!write_document (d, &pdf, "清源县双拥工作领导小组办公室", "共建协议", error))
      return FALSE;
  }

  /* 3. The county's own notice adjusting the leading group (the change of the second year). */
  {
    GDate date = ymd (y2, 4, rnd (d, 15, 25));
    g_autofree char *iso_date = iso (&date);
    g_autofree char *date_text = chinese_date (&date, TRUE);
    g_autofree char *number = g_strdup_printf ("清双拥〔%d〕%d号", y2, rnd (d, 2, 4));
    const char *paragraphs[] = {
      "各镇乡人民政府，县直各单位：",
      "因人事变动，经县人民政府同意，对县双拥工作领导小组成员作如下调整：",
      "孙立华同志（县财政局副局长）任领导小组成员，赵国强同志不再担任领导小组成员。",
      "调整后，领导小组组长由副县长周立新同志担任，副组长由县人武部政委王建军同志、县退役军人事务局局长刘国平同志担任。"
      "领导小组下设办公室，办公室设在县退役军人事务局，陈志明同志兼任办公室主任。",
      "各成员单位要按照职责分工，密切配合，共同做好全县双拥工作。",
      NULL
    };
    SyDemoPdf pdf = { "清源县双拥工作领导小组文件", number, "关于调整县双拥工作领导小组成员的通知", paragraphs,
                      "清源县双拥工作领导小组", date_text, iso_date };

    if (!write_document (d, &pdf, "清源县双拥工作领导小组", "县级文件,领导小组", error))
      return FALSE;
  }

  /* 4. Minutes of the first quarter's meeting of the second year. */
  {
    GDate date = ymd (y2, 3, rnd (d, 12, 24));
    g_autofree char *iso_date = iso (&date);
    g_autofree char *date_text = chinese_date (&date, TRUE);
    g_autofree char *number = g_strdup_printf ("清双拥纪〔%d〕1号", y2);
    g_autofree char *title = g_strdup_printf ("%d年第一季度双拥工作领导小组会议纪要", y2);
    g_autofree char *opening = g_strdup_printf ("%s，县双拥工作领导小组在县人民政府三楼会议室召开%d年第一季度成员会议。"
                                                "会议由组长周立新主持，领导小组副组长和各成员单位负责同志参加会议。现将会议议定事项纪要如下：",
                                                date_text, y2);
    const char *paragraphs[] = {
      opening,
      "一、会议传达了上级关于双拥工作的文件精神，通报了上年度全县双拥工作完成情况。",
      "二、会议原则通过了本年度双拥工作计划，要求县双拥办将计划任务分解到各成员单位，明确完成时限。",
      "三、会议明确，本年度是迎接双拥模范县考评的关键之年，各成员单位要对照考评标准，做好台帐资料的收集整理，做到有记录、有图片、有总结。",
      "四、县财政局要按时拨付优抚资金，县退役军人事务局要确保义务兵家庭优待金在“八一”前发放到位。",
      "五、各镇乡要落实“四项制度”，及时上报优抚对象增减情况。",
      NULL
    };
    SyDemoPdf pdf = { NULL, number, title, paragraphs, "清源县双拥工作领导小组办公室", date_text, iso_date };

    if (!write_document (d, &pdf, "清源县双拥工作领导小组办公室", "会议纪要,领导小组", error))
      return FALSE;
  }

  /* 5. The 优待金 standard of the second year. */
  {
    GDate date = ymd (y2, 2, rnd (d, 20, 27));
    g_autofree char *iso_date = iso (&date);
    g_autofree char *date_text = chinese_date (&date, TRUE);
    g_autofree char *number = g_strdup_printf ("清退役〔%d〕%d号", y2, rnd (d, 3, 9));
    g_autofree char *title = g_strdup_printf ("关于公布%d年度义务兵家庭优待金标准的通知", y2);
    const Standard *town = find_standard (d, y2, "义务兵家庭优待金", "义务兵家庭", 0, NULL, "城镇");
    const Standard *village = find_standard (d, y2, "义务兵家庭优待金", "义务兵家庭", 0, NULL, "农村");
    g_autofree char *rates = g_strdup_printf ("经县人民政府同意，%d年度义务兵家庭优待金标准为：城镇户籍每户每年%" G_GINT64_FORMAT
                                              "元，农村户籍每户每年%" G_GINT64_FORMAT "元。",
                                              y2, town ? town->amount / 100 : 0, village ? village->amount / 100 : 0);
    const char *paragraphs[] = {
      "各镇乡人民政府，县直有关单位：",
      rates,
      "优待金按入伍年度发放，由县退役军人事务局审核、县财政局拨付，通过社会保障卡直接发放到义务兵家庭。",
      "荣立三等功以上奖励的义务兵，其家庭优待金按规定比例增发。",
      "各镇乡要及时核实义务兵家庭信息，确保优待金按标准及时足额发放。",
      NULL
    };
    SyDemoPdf pdf = { NULL, number, title, paragraphs, "清源县退役军人事务局　清源县财政局", date_text, iso_date };

    if (!write_document (d, &pdf, "清源县退役军人事务局", "县级文件,优待金标准", error))
      return FALSE;
  }
  return TRUE;
}

/* ---- 考评 links ------------------------------------------------------------------ */

/* Which standard a piece of demo evidence supports, from words in its kind,
 * tags or title: the first rule that matches.  The coverage map then shows
 * what an office that links as it goes would see. */
static const struct {
  const char *word;
  const char *code;
} demo_standard_rules[] = {
  { "会议", "1" }, { "领导小组", "1" }, { "述职", "1" }, { "计划", "1" },
  { "走访慰问", "2" }, { "拥军优属", "2" }, { "帮扶", "2" },
  { "优待金", "3" }, { "优抚政策", "3" }, { "上级文件", "3" },
  { "共建", "4" }, { "联欢", "4" },
  { "国防教育", "5" }, { "宣传", "5" }, { "军训", "5" },
  { "表彰", "7" },
};

static gint64
demo_standard_for (GHashTable *standards, const char *text, const char *fallback)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_standard_rules); i++)
    if (text != NULL && strstr (text, demo_standard_rules[i].word) != NULL)
      return GPOINTER_TO_SIZE (g_hash_table_lookup (standards, demo_standard_rules[i].code));
  return GPOINTER_TO_SIZE (g_hash_table_lookup (standards, fallback));
}

static gboolean
link_evidence (Demo *d, GError **error)
{
  static const struct {
    const char *entity;
    const char *sql;       /* id, text to match, ordered by id */
    const char *fallback;  /* the standard when no word matches */
  } sources[] = {
    { SY_ASSESSMENT_EVENT, "SELECT id, kind || ' ' || title FROM event ORDER BY id", "7" },
    { SY_ASSESSMENT_DOCUMENT, "SELECT id, COALESCE (tags, '') || ' ' || title FROM document ORDER BY id", "3" },
    /* The plans' top headings: the plan itself is evidence of standard 1. */
    { SY_ASSESSMENT_PLAN_ITEM, "SELECT id, '计划' FROM plan_item WHERE parent_id IS NULL ORDER BY id", "1" },
    { SY_ASSESSMENT_DISBURSEMENT_BATCH, "SELECT id, '走访慰问' FROM disbursement_batch "
                                        "WHERE state = 'paid' ORDER BY id", "2" },
  };
  static const GType types[] = { G_TYPE_INT64, G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(SyAssessmentRepo) repo = sy_assessment_repo_new (d->db);
  g_autoptr(GListModel) items = sy_assessment_repo_list_items (repo, error);
  g_autoptr(GHashTable) standards = g_hash_table_new (g_str_hash, g_str_equal);

  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(SyAssessmentItem) item = g_list_model_get_item (items, i);

      if (sy_assessment_item_get_parent_id (item) == 0)
        g_hash_table_insert (standards, (gpointer) g_intern_string (sy_assessment_item_get_code (item)),
                             GSIZE_TO_POINTER ((gsize) sy_record_get_id (SY_RECORD (item))));
    }

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    {
      g_autoptr(GdaDataModel) model = sy_database_select (d->db, sources[s].sql, types, error, NULL);
      gint n;

      if (model == NULL)
        return FALSE;
      n = gda_data_model_get_n_rows (model);
      for (gint r = 0; r < n; r++)
        {
          const GValue *id = gda_data_model_get_value_at (model, 0, r, NULL);
          const GValue *text = gda_data_model_get_value_at (model, 1, r, NULL);
          gint64 item_id = demo_standard_for (standards, text && G_VALUE_HOLDS_STRING (text)
                                                         ? g_value_get_string (text) : NULL,
                                              sources[s].fallback);

          /* An office that renamed its standards' codes gets no demo links. */
          if (item_id == 0 || id == NULL || !G_VALUE_HOLDS_INT64 (id))
            continue;
          if (!sy_assessment_repo_link (repo, item_id, sources[s].entity, g_value_get_int64 (id), error))
            return FALSE;
        }
    }
  return TRUE;
}

/* ---- the whole ------------------------------------------------------------------- */

static gboolean
populate (Demo *d, SyDemoPhotoJob **job, GError **error)
{
  guint n_photos;

  report (d, 0.01, _("Creating the office"));
  if (!write_units (d, error)
      || !write_leading_group (d, error)
      || !write_military_units (d, error))
    return FALSE;

  report (d, 0.05, _("Plans"));
  if (!write_plan (d, d->y1, FALSE, error) || !write_plan (d, d->y2, TRUE, error))
    return FALSE;

  report (d, 0.12, _("Recipients"));
  if (!write_recipients (d, error))
    return FALSE;

  report (d, 0.46, _("Subsidy standards"));
  if (!write_standards (d, error))
    return FALSE;
  report (d, 0.50, _("Disbursements"));
  if (!write_disbursements (d, error))
    return FALSE;

  report (d, 0.56, _("Documents"));
  if (!write_documents (d, error))
    return FALSE;

  /* The photos were painted meanwhile; wait for the rest. */
  n_photos = d->photos->len;
  for (guint done = sy_demo_photo_job_get_done (*job); done < n_photos;)
    {
      guint now = sy_demo_photo_job_wait_some (*job);

      if (now == done)
        break;   /* a worker failed: finish() reports it */
      done = now;
      if (done % 16 == 0 || done == n_photos)
        report (d, 0.62 + 0.23 * done / n_photos, _("Photos"));
    }
  if (!sy_demo_photo_job_finish (g_steal_pointer (job), FALSE, error))
    return FALSE;

  report (d, 0.86, _("Activities"));
  for (guint i = 0; i < d->events->len; i++)
    {
      if (!write_event (d, g_ptr_array_index (d->events, i), error))
        return FALSE;
      if (i % 12 == 11)
        report (d, 0.86 + 0.12 * (i + 1) / d->events->len, _("Activities"));
    }
  return link_evidence (d, error);
}

gboolean
sy_demo_populate (SyDatabase      *db,
                  guint32          seed,
                  int              last_year,
                  SyDemoProgress   progress,
                  gpointer         user_data,
                  GError         **error)
{
  Demo demo = { 0 };
  Demo *d = &demo;
  SyDemoPhotoJob *job;
  gboolean ok;

  g_return_val_if_fail (SY_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (last_year >= 1950 && last_year <= 2200, FALSE);

  if (!sy_database_is_empty (db))
    {
      g_set_error_literal (error, SY_ERROR, SY_ERROR_FAILED, _("The database already holds data"));
      return FALSE;
    }

  d->db = db;
  d->attachments = sy_database_get_attachments (db);
  d->rand = g_rand_new_with_seed (seed);
  d->y1 = last_year - 1;
  d->y2 = last_year;
  d->progress = progress;
  d->user_data = user_data;
  d->villages = g_ptr_array_new_with_free_func (village_free);
  d->people = g_ptr_array_new_with_free_func (person_free);
  d->standards = g_array_new (FALSE, TRUE, sizeof (Standard));
  d->plan_items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  d->id_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  d->events = g_ptr_array_new_with_free_func (event_draft_free);
  d->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_demo_photo_free);

  report (d, 0.0, _("Drafting activities"));
  draft_events (d);
  job = sy_demo_photo_job_start (d->photos);

  ok = sy_database_begin (db, error);
  if (ok)
    {
      ok = populate (d, &job, error);
      if (ok)
        {
          report (d, 0.99, _("Saving"));
          ok = sy_database_commit (db, error);
        }
      else
        sy_database_rollback (db);
    }
  /* On failure the workers may still be painting: stop and join them. */
  if (job != NULL)
    sy_demo_photo_job_finish (job, TRUE, NULL);
  if (ok)
    report (d, 1.0, _("Done"));

  g_ptr_array_unref (d->photos);
  g_ptr_array_unref (d->events);
  g_hash_table_unref (d->id_numbers);
  g_hash_table_unref (d->plan_items);
  g_array_unref (d->standards);
  g_ptr_array_unref (d->people);
  g_ptr_array_unref (d->villages);
  g_rand_free (d->rand);
  return ok;
}
