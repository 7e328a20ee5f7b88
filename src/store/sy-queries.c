/* sy-queries.c: the lists the tabs, the CLI and the ledger read
 *
 * All list SQL lives here.  Each query selects every stored column of its
 * record type (qualified by the alias "t") plus derived columns, so the
 * records come back complete and typed.
 */
#include "sy-queries.h"
#include "sy-store-private.h"

#include <string.h>

/* "SELECT t.id AS id, … [, extra] FROM table t [tail]"; caller frees. */
static char *
select_sql (GType type, const char *extra, const char *tail)
{
  g_autoptr(SyRecordClass) klass = g_type_class_ref (type);
  static const char * const common[] = {
    "id", "version", "created_at", "created_by", "updated_at", "updated_by", NULL
  };
  GString *sql = g_string_new ("SELECT ");
  const SyFieldSpec *fields;
  guint n;

  for (guint i = 0; common[i]; i++)
    g_string_append_printf (sql, "%st.%s AS %s", i ? ", " : "", common[i], common[i]);
  fields = sy_record_class_get_fields (klass, &n);
  for (guint i = 0; i < n; i++)
    if (!(fields[i].flags & SY_FIELD_DERIVED))
      g_string_append_printf (sql, ", t.%s AS %s", fields[i].name, fields[i].name);
  if (extra)
    g_string_append_printf (sql, ", %s", extra);
  g_string_append_printf (sql, " FROM %s t", sy_record_class_get_entity_name (klass));
  if (tail)
    g_string_append_printf (sql, " %s", tail);
  return g_string_free (sql, FALSE);
}

/* group_concat is SQLite's; on PostgreSQL migration 0001 defines an
 * aggregate of that name (string_agg underneath). */
#define CATEGORIES_SQL "(SELECT group_concat (c.category, '、') FROM recipient_category c " \
                       "WHERE c.recipient_id = t.id)"

/* A paged list of recipients (see _sy_query_model_new_paged()).  @where
 * ("" or "WHERE …" over the alias t) chooses the rows, @inner_order (which
 * must end in t.id) sorts them to find a page, @outer_order sorts the
 * page's rows the same way and may use the column "categories".
 *
 * A page is "WHERE t.id IN (SELECT t.id … ORDER BY … LIMIT … OFFSET …)":
 * SQLite's sorter then carries the sort keys and ids of the matching rows
 * only, and the other columns and the categories are read for the page's
 * rows alone.  Selecting the whole rows with LIMIT/OFFSET sorted every
 * column and ran the categories subquery for every match: 1–2 s for a page
 * in the middle of 100 000 names against ≈ 50 ms this way. */
static char *
recipients_page_sql (const char *where, const char *inner_order, const char *outer_order)
{
  g_autofree char *tail = g_strdup_printf ("WHERE t.id IN (SELECT t.id FROM recipient t%s%s ORDER BY %s "
                                           "LIMIT ##sy_limit::gint OFFSET ##sy_offset::gint64) "
                                           "ORDER BY %s",
                                           *where ? " " : "", where, inner_order, outer_order);

  return select_sql (SY_TYPE_RECIPIENT, CATEGORIES_SQL " AS categories", tail);
}

/* @dense_order, if not NULL, is @inner_order for the first pages of a
 * search that matches many rows (_sy_query_model_set_dense_sql()). */
static SyQueryModel *
recipients_paged (SyDatabase  *db,
                  const char  *where,
                  const char  *inner_order,
                  const char  *dense_order,
                  const char  *outer_order,
                  GArray      *params,
                  GError     **error)
{
  g_autofree char *page_sql = recipients_page_sql (where, inner_order, outer_order);
  g_autofree char *count_sql = g_strconcat ("SELECT COUNT(*) FROM recipient t", *where ? " " : "",
                                            where, NULL);
  SyQueryModel *model = _sy_query_model_new_paged (db, SY_TYPE_RECIPIENT, page_sql, count_sql,
                                                   params, error);

  if (model && dense_order)
    {
      g_autofree char *dense_sql = recipients_page_sql (where, dense_order, outer_order);
      _sy_query_model_set_dense_sql (model, dense_sql);
    }
  return model;
}

/* A list whose rows only a scan finds, in one scan: the ids of the matches
 * in list order go into a hit table (_sy_query_model_new_hits()), whose
 * length is the count and whose positions give every page, however deep,
 * without sorting again.  A count and a page of the same scan filter cost
 * two scans. */
static SyQueryModel *
recipients_hits (SyDatabase  *db,
                 const char  *where,
                 const char  *inner_order,
                 GArray      *params,
                 GError     **error)
{
  g_autofree char *fill_sql = g_strdup_printf ("INSERT INTO @hits (id) SELECT t.id FROM recipient t "
                                               "%s ORDER BY %s", where, inner_order);
  g_autofree char *page_sql = select_sql (SY_TYPE_RECIPIENT, CATEGORIES_SQL " AS categories",
                                          "JOIN @hits h ON h.id = t.id "
                                          "WHERE h.rowid > ##sy_offset::gint64 "
                                          "AND h.rowid <= ##sy_end::gint64 ORDER BY h.rowid");

  return _sy_query_model_new_hits (db, SY_TYPE_RECIPIENT, fill_sql, page_sql, params, error);
}

/* Whether a scan filter (@predicate over t, with @params) matches so many
 * rows that its first pages are found sooner by walking the (village,
 * name) index than by sorting every match into a hit table.  Sorting costs
 * ≈ 0.6 µs a match; the walk fetches ≈ page / density rows at ≈ 3 µs each
 * (100 000 recipients): the walk wins above ≈ √(1 000 × rows) matches —
 * 10 000 of 100 000, where it is 5 ms either way.  The matches are guessed
 * from a sample of four runs of 500 consecutive ids spread over the table
 * (≈ 0.3 ms); a wrong guess costs time, never other rows. */
static gboolean
scan_matches_many (SyDatabase *db, const char *predicate, GArray *params)
{
  g_autoptr(GArray) probe = NULL;
  g_autofree char *sql = NULL;
  gint64 lo = 0, hi = 0, hits = 0;
  double span;

  if (!sy_database_query_int64 (db, &lo, "SELECT MIN (id) FROM recipient", NULL, NULL)
      || !sy_database_query_int64 (db, &hi, "SELECT MAX (id) FROM recipient", NULL, NULL)
      || hi < lo)
    return FALSE;
  span = (double) (hi - lo + 1);

  sql = g_strdup_printf ("SELECT SUM (CASE WHEN %s THEN 1 ELSE 0 END) * ##sy_span::gint64 "
                         "/ (COUNT (*) + 1) FROM recipient t "
                         "WHERE t.id BETWEEN ##sy_p0::gint64 AND ##sy_p0::gint64 + 499 "
                         "OR t.id BETWEEN ##sy_p1::gint64 AND ##sy_p1::gint64 + 499 "
                         "OR t.id BETWEEN ##sy_p2::gint64 AND ##sy_p2::gint64 + 499 "
                         "OR t.id BETWEEN ##sy_p3::gint64 AND ##sy_p3::gint64 + 499", predicate);
  probe = _sy_store_params_new ();
  for (guint i = 0; params && i < params->len; i++)
    {
      SyStoreParam *p = &g_array_index (params, SyStoreParam, i);
      _sy_store_params_add_string (probe, p->name, g_value_get_string (&p->value));
    }
  _sy_store_params_add_int64 (probe, "sy_span", hi - lo + 1);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("sy_p%u", i);
      _sy_store_params_add_int64 (probe, name, lo + (gint64) (span * i / 4));
    }
  if (!_sy_database_query_int64_params (db, &hits, sql, probe, NULL))
    return FALSE;
  return (double) hits * hits > 1000.0 * span;
}

SyQueryModel *
sy_queries_recipients (SyDatabase *db, GError **error)
{
  /* The index on (village, name) gives the rows in this order: any page,
   * however deep, costs its own rows only. */
  return recipients_paged (db, "", "t.village, t.name, t.id", NULL, "t.village, t.name, t.id", NULL,
                           error);
}

/* "%text%" for like (…, '!'), with the user's own % _ ! taken literally. */
static char *
like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '!')
        g_string_append_c (pattern, '!');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

/* One FTS5 phrase: the trigram tokenizer then matches it as a substring. */
static char *
fts_phrase (const char *text)
{
  g_autofree char *escaped = NULL;
  g_auto(GStrv) parts = g_strsplit (text, "\"", -1);

  escaped = g_strjoinv ("\"\"", parts);
  return g_strconcat ("\"", escaped, "\"", NULL);
}

/* The ORDER BY terms for @filter's sort, ending in the id so the order is
 * total; @plus ("" or "+") goes before plain columns, @categories is how
 * the categories are spelled. */
static char *
recipient_order (const SyRecipientFilter *filter, const char *plus, const char *categories)
{
  const char *dir = filter->descending ? "DESC" : "ASC";

  switch (filter->sort)
    {
    case SY_RECIPIENT_SORT_NAME:
      return g_strdup_printf ("%st.name %s, t.id %s", plus, dir, dir);
    case SY_RECIPIENT_SORT_CATEGORY:
      return g_strdup_printf ("%s IS NULL, %s %s, %st.name %s, t.id %s",
                              categories, categories, dir, plus, dir, dir);
    case SY_RECIPIENT_SORT_STATUS:
      return g_strdup_printf ("%st.status %s, %st.name %s, t.id %s", plus, dir, plus, dir, dir);
    case SY_RECIPIENT_SORT_AGE:
      /* Youngest first is the latest birth date first. */
      return g_strdup_printf ("t.birth_date IS NULL, %st.birth_date %s, t.id %s",
                              plus, filter->descending ? "ASC" : "DESC", dir);
    case SY_RECIPIENT_SORT_VILLAGE:
    case SY_RECIPIENT_SORT_DEFAULT:
    default:
      return g_strdup_printf ("%st.village %s, %st.name %s, t.id %s", plus, dir, plus, dir, dir);
    }
}

SyQueryModel *
sy_queries_recipients_filtered (SyDatabase              *db,
                                const SyRecipientFilter *filter,
                                GError                 **error)
{
  static const SyRecipientFilter all = { NULL, NULL, NULL, NULL, SY_RECIPIENT_SORT_DEFAULT, FALSE };
  g_autoptr(GArray) params = _sy_store_params_new ();
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GString) tail = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *inner_order = NULL;
  g_autofree char *outer_order = NULL;
  g_autofree char *dense_order = NULL;
  const char *plus;
  gboolean scan = FALSE;

  if (!filter)
    filter = &all;

  /* The SQL text depends only on which filters are set and the order, so
   * it stays one of a few cached statements; values are always bound.
   * libgda's parser knows neither MATCH nor LIKE … ESCAPE, hence the
   * equivalent "fts = query" and like() forms. */
  text = g_strstrip (g_strdup (filter->text ? filter->text : ""));
  if (*text && sy_database_is_postgres (db))
    {
      /* PostgreSQL: no trigram index (that needs the pg_trgm extension on
       * the office's server), a case-folded substring scan at any length;
       * strpos() needs no escaping. */
      static const char * const columns[] = { "name", "id_number", "phone", "address" };
      g_autofree char *folded = g_utf8_strdown (text, -1);

      g_string_append (where, " AND (");
      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        g_string_append_printf (where, "%sstrpos (lower (t.%s), ##q::string) > 0", i ? " OR " : "",
                                columns[i]);
      g_string_append (where, ")");
      _sy_store_params_add_string (params, "q", folded);
      scan = TRUE;
    }
  else if (g_utf8_strlen (text, -1) >= 3)
    {
      g_autofree char *phrase = fts_phrase (text);

      g_string_append (where, " AND t.id IN (SELECT rowid FROM recipient_fts "
                              "WHERE recipient_fts = ##q::string)");
      _sy_store_params_add_string (params, "q", phrase);
    }
  else if (*text)
    {
      static const char * const columns[] = { "name", "id_number", "phone", "address" };
      gboolean ascii_letters = FALSE, non_ascii = FALSE;

      for (const char *p = text; *p; p++)
        {
          ascii_letters |= g_ascii_isalpha (*p);
          non_ascii |= (guchar) *p >= 0x80;
        }

      /* Trigrams need 3 characters: 1–2 are matched by a scan, whose cost
       * is the test on every row.  instr() costs ⅔ of like() and equals
       * it when no ASCII letter needs case folding (and needs no escaping);
       * a 身份证号 holds only digits and X, so text with other characters
       * skips that column. */
      g_string_append (where, " AND (");
      for (guint i = 0, n = 0; i < G_N_ELEMENTS (columns); i++)
        {
          if (non_ascii && g_str_equal (columns[i], "id_number"))
            continue;
          if (ascii_letters)
            g_string_append_printf (where, "%slike (##q::string, t.%s, '!')", n++ ? " OR " : "",
                                    columns[i]);
          else
            g_string_append_printf (where, "%sinstr (t.%s, ##q::string) > 0", n++ ? " OR " : "",
                                    columns[i]);
        }
      g_string_append (where, ")");
      if (ascii_letters)
        {
          g_autofree char *pattern = like_pattern (text);
          _sy_store_params_add_string (params, "q", pattern);
        }
      else
        _sy_store_params_add_string (params, "q", text);
      scan = TRUE;
    }
  if (filter->category && *filter->category)
    {
      /* IN rather than EXISTS: libgda's parser mangles EXISTS (…). */
      g_string_append (where, " AND t.id IN (SELECT fc.recipient_id FROM recipient_category fc "
                              "WHERE fc.category = ##category::string)");
      _sy_store_params_add_string (params, "category", filter->category);
    }
  if (filter->status && *filter->status)
    {
      g_string_append (where, " AND t.status = ##status::string");
      _sy_store_params_add_string (params, "status", filter->status);
    }
  if (filter->village && *filter->village)
    {
      g_string_append (where, " AND t.village = ##village::string");
      _sy_store_params_add_string (params, "village", filter->village);
    }
  if (where->len)
    g_string_printf (tail, "WHERE %s", where->str + strlen (" AND "));

  /* A page costs what SQLite reads to find its rows.  Without a text or
   * category filter the index on (village, name) yields the default order
   * (and a village filter) directly: every page, however deep, reads only
   * its own rows.  Under those filters, unary + keeps SQLite from walking
   * that index and fetching every row at random to test it (5× slower than
   * a scan): the matches are found by a scan or the trigram index and
   * sorted. */
  plus = (*text || (filter->category && *filter->category)) && !sy_database_is_postgres (db) ? "+" : "";
  inner_order = recipient_order (filter, plus, CATEGORIES_SQL);
  /* PostgreSQL takes an output column's name in ORDER BY only alone, not
   * inside an expression ("categories IS NULL"). */
  outer_order = recipient_order (filter, "", sy_database_is_postgres (db) ? CATEGORIES_SQL : "categories");

  /* A scan filter that many rows pass (王, 3): the first pages are found
   * sooner by walking the index in order, testing rows as they come, than
   * by scanning and sorting all matches — the count has scanned once
   * already.  The model picks the plan per page from the count. */
  if (scan && (*plus || sy_database_is_postgres (db)) && !(filter->category && *filter->category)
      && (filter->sort == SY_RECIPIENT_SORT_DEFAULT || filter->sort == SY_RECIPIENT_SORT_VILLAGE))
    dense_order = recipient_order (filter, "", CATEGORIES_SQL);

  /* Every other scan filter: one scan into a hit table.  Trigram and
   * category filters read only their matches through an index, so a count
   * and a page there cost little more than that. */
  if (scan && !(dense_order && scan_matches_many (db, where->str + strlen (" AND "), params)))
    return recipients_hits (db, tail->str, inner_order, params, error);

  return recipients_paged (db, where->len ? tail->str : "", inner_order, dense_order, outer_order,
                           params, error);
}

/* The first column of @sql's rows as strings (NULLs left out). */
static GStrv
select_strings (SyDatabase *db, const char *sql, GError **error)
{
  static const GType types[] = { G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(GdaDataModel) model = sy_database_select (db, sql, types, error, NULL);
  g_autoptr(GStrvBuilder) values = NULL;
  gint rows;

  if (!model)
    return NULL;
  values = g_strv_builder_new ();
  rows = gda_data_model_get_n_rows (model);
  for (gint r = 0; r < rows; r++)
    {
      const GValue *v = gda_data_model_get_value_at (model, 0, r, NULL);

      if (v && G_VALUE_HOLDS_STRING (v) && g_value_get_string (v))
        g_strv_builder_add (values, g_value_get_string (v));
    }
  return g_strv_builder_end (values);
}

GStrv
sy_queries_recipient_facet_values (SyDatabase *db, SyRecipientFacet facet, GError **error)
{
  static const char * const sql[] = {
    [SY_RECIPIENT_FACET_CATEGORY] = "SELECT DISTINCT category FROM recipient_category ORDER BY category",
    [SY_RECIPIENT_FACET_STATUS] = "SELECT DISTINCT status FROM recipient "
                                  "WHERE status IS NOT NULL AND status <> '' ORDER BY status",
    [SY_RECIPIENT_FACET_VILLAGE] = "SELECT DISTINCT village FROM recipient "
                                   "WHERE village IS NOT NULL AND village <> '' ORDER BY village",
  };
  g_return_val_if_fail (facet <= SY_RECIPIENT_FACET_VILLAGE, NULL);
  return select_strings (db, sql[facet], error);
}

GListModel *
sy_queries_recipient_categories (SyDatabase *db, gint64 recipient_id, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_RECIPIENT_CATEGORY, NULL,
                                     "WHERE t.recipient_id = ##rid::gint64 ORDER BY t.id");
  return sy_database_list (db, SY_TYPE_RECIPIENT_CATEGORY, sql, error,
                           "rid", G_TYPE_INT64, recipient_id, NULL);
}

GListModel *
sy_queries_status_changes (SyDatabase *db, gint64 recipient_id, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_STATUS_CHANGE, NULL,
                                     "WHERE t.recipient_id = ##rid::gint64 "
                                     "ORDER BY t.effective_date, t.id");
  return sy_database_list (db, SY_TYPE_STATUS_CHANGE, sql, error,
                           "rid", G_TYPE_INT64, recipient_id, NULL);
}

SyQueryModel *
sy_queries_plans (SyDatabase *db, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_PLAN,
                                     "(SELECT COUNT(*) FROM plan_item i WHERE i.plan_id = t.id) AS item_count",
                                     "ORDER BY t.year DESC, t.id");
  return sy_query_model_new (db, SY_TYPE_PLAN, sql, error, NULL);
}

static void
append_subtree (GListStore *out, GHashTable *children, GHashTable *pending, gint64 parent, guint depth)
{
  GPtrArray *kids = g_hash_table_lookup (children, &parent);

  /* A cycle in stored data must not hang the app: an outline is never
   * deeper than a few levels. */
  if (!kids || depth > 32)
    return;
  for (guint i = 0; i < kids->len; i++)
    {
      SyPlanItem *item = g_ptr_array_index (kids, i);

      gint64 id = sy_record_get_id (SY_RECORD (item));

      if (!g_hash_table_remove (pending, &id))
        continue;  /* already placed: a cycle in stored data */
      g_list_store_append (out, item);
      append_subtree (out, children, pending, id, depth + 1);
    }
}

GListModel *
sy_queries_plan_items (SyDatabase *db, gint64 plan_id, GError **error)
{
  /* position orders siblings; document order is a depth-first walk, which
   * SQL without recursive queries (portable to libgda's parser) cannot give. */
  g_autofree char *sql = select_sql (SY_TYPE_PLAN_ITEM, NULL,
                                     "WHERE t.plan_id = ##pid::gint64 ORDER BY t.position, t.id");
  g_autoptr(GListModel) rows = sy_database_list (db, SY_TYPE_PLAN_ITEM, sql, error,
                                                 "pid", G_TYPE_INT64, plan_id, NULL);
  g_autoptr(GHashTable) children = NULL;
  g_autoptr(GHashTable) ids = NULL;
  GListStore *out;
  guint n;

  if (!rows)
    return NULL;
  n = g_list_model_get_n_items (rows);
  children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                    (GDestroyNotify) g_ptr_array_unref);
  ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < n; i++)
    {
      SyPlanItem *item = g_list_model_get_item (rows, i);
      g_hash_table_add (ids, g_memdup2 (&(gint64) { sy_record_get_id (SY_RECORD (item)) }, sizeof (gint64)));
      g_object_unref (item);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyPlanItem) item = g_list_model_get_item (rows, i);
      gint64 parent = sy_plan_item_get_parent_id (item);
      GPtrArray *kids;

      /* An item whose parent is missing is shown at the top level. */
      if (parent && !g_hash_table_contains (ids, &parent))
        parent = 0;
      kids = g_hash_table_lookup (children, &parent);
      if (!kids)
        {
          kids = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (children, g_memdup2 (&parent, sizeof parent), kids);
        }
      g_ptr_array_add (kids, g_object_ref (item));
    }
  out = g_list_store_new (SY_TYPE_PLAN_ITEM);
  append_subtree (out, children, ids, 0, 0);
  /* Items on a parent cycle are never reached from the top: still shown. */
  for (guint i = 0; i < n && g_hash_table_size (ids) > 0; i++)
    {
      g_autoptr(SyPlanItem) item = g_list_model_get_item (rows, i);
      gint64 id = sy_record_get_id (SY_RECORD (item));

      if (g_hash_table_remove (ids, &id))
        g_list_store_append (out, item);
    }
  return G_LIST_MODEL (out);
}

/* --- Plans tab (issue 5) ------------------------------------------------------- */

GListModel *
sy_queries_plan_item_events (SyDatabase *db, gint64 item_id, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_EVENT, NULL,
                                     "WHERE t.plan_item_id = ##iid::gint64 ORDER BY t.date, t.id");
  return sy_database_list (db, SY_TYPE_EVENT, sql, error, "iid", G_TYPE_INT64, item_id, NULL);
}

GHashTable *
sy_queries_plan_item_evidence (SyDatabase *db, gint64 plan_id, const char *date, GError **error)
{
  static const GType types[] = { G_TYPE_INT64, G_TYPE_INT, G_TYPE_NONE };
  g_autoptr(GdaDataModel) model = NULL;
  GHashTable *out;
  int n;

  /* An activity's date may carry a time after the day. */
  model = sy_database_select (db,
                              "SELECT e.plan_item_id, COUNT(*) FROM event e "
                              "JOIN plan_item i ON i.id = e.plan_item_id "
                              "WHERE i.plan_id = ##pid::gint64 AND substr (e.date, 1, 10) <= ##d::string "
                              "GROUP BY e.plan_item_id",
                              types, error,
                              "pid", G_TYPE_INT64, plan_id, "d", G_TYPE_STRING, date, NULL);
  if (model == NULL)
    return NULL;
  out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  n = gda_data_model_get_n_rows (model);
  for (int r = 0; r < n; r++)
    {
      const GValue *id = gda_data_model_get_value_at (model, 0, r, NULL);
      const GValue *count = gda_data_model_get_value_at (model, 1, r, NULL);
      gint64 key;

      if (id == NULL || count == NULL || !G_VALUE_HOLDS_INT64 (id) || !G_VALUE_HOLDS_INT (count))
        continue;
      key = g_value_get_int64 (id);
      g_hash_table_insert (out, g_memdup2 (&key, sizeof key), GINT_TO_POINTER (g_value_get_int (count)));
    }
  return out;
}

GListModel *
sy_queries_plan_items_with_node (SyDatabase *db, int year, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_PLAN_ITEM, NULL,
                                     "JOIN plan p ON p.id = t.plan_id "
                                     "WHERE p.year = ##y::gint AND t.time_node IS NOT NULL AND t.time_node <> '' "
                                     "ORDER BY p.id, t.level, t.position, t.id");
  return sy_database_list (db, SY_TYPE_PLAN_ITEM, sql, error, "y", G_TYPE_INT, year, NULL);
}

GListModel *
sy_queries_plan_items_due (SyDatabase *db, const char *from, const char *to, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_PLAN_ITEM, NULL,
                                     "WHERE t.due_date >= ##f::string AND t.due_date <= ##t::string "
                                     "AND t.time_node IS NOT NULL AND t.time_node <> '' "
                                     "ORDER BY t.due_date, t.plan_id, t.position, t.id");
  return sy_database_list (db, SY_TYPE_PLAN_ITEM, sql, error, "f", G_TYPE_STRING, from,
                           "t", G_TYPE_STRING, to, NULL);
}

static const char * const visit_categories[] = {
  "残疾军人", "烈士遗属", "因公牺牲军人遗属", "病故军人遗属", "现役军人家属", "义务兵家庭",
  "复员军人", "在乡复员军人", "带病回乡", "参战参试", "三红", "三老", "遗孀",
  "退伍红军老战士和红军失散人员", NULL
};

const char * const *
sy_queries_visit_categories (void)
{
  return visit_categories;
}

SyQueryModel *
sy_queries_visits_due (SyDatabase *db, int year, GError **error)
{
  g_autoptr(GString) in = g_string_new (NULL);
  g_autofree char *tail = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *from = g_strdup_printf ("%04d-01-01", year);
  g_autofree char *to = g_strdup_printf ("%04d-01-01", year + 1);

  /* The categories are constants of this file, never user text. */
  for (guint i = 0; visit_categories[i]; i++)
    g_string_append_printf (in, "%s'%s'", i ? ", " : "", visit_categories[i]);
  /* libgda's parser takes IN (subquery) but not EXISTS. */
  tail = g_strdup_printf ("WHERE t.status = '在册' "
                          "AND t.id IN (SELECT c.recipient_id FROM recipient_category c "
                          "WHERE c.category IN (%s)) "
                          "AND t.id NOT IN (SELECT er.recipient_id FROM event_recipient er "
                          "JOIN event e ON e.id = er.event_id "
                          "WHERE e.date >= ##from::string AND e.date < ##to::string) "
                          "ORDER BY t.village, t.name, t.id", in->str);
  sql = select_sql (SY_TYPE_RECIPIENT, CATEGORIES_SQL " AS categories", tail);
  return sy_query_model_new (db, SY_TYPE_RECIPIENT, sql, error,
                             "from", G_TYPE_STRING, from, "to", G_TYPE_STRING, to, NULL);
}

gboolean
sy_queries_meetings_per_quarter (SyDatabase *db, int year, int counts[4], GError **error)
{
  for (int q = 0; q < 4; q++)
    {
      g_autofree char *from = g_strdup_printf ("%04d-%02d-01", year, q * 3 + 1);
      g_autofree char *to = q < 3 ? g_strdup_printf ("%04d-%02d-01", year, q * 3 + 4)
                                  : g_strdup_printf ("%04d-01-01", year + 1);
      gint64 n = 0;

      if (!sy_database_query_int64 (db, &n,
                                    "SELECT COUNT(*) FROM event WHERE kind = '会议' "
                                    "AND date >= ##from::string AND date < ##to::string",
                                    error, "from", G_TYPE_STRING, from, "to", G_TYPE_STRING, to, NULL))
        return FALSE;
      counts[q] = (int) n;
    }
  return TRUE;
}

GListModel *
sy_queries_leading_group_history (SyDatabase *db, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_LEADING_GROUP_MEMBER, NULL,
                                     "ORDER BY CASE WHEN t.effective_to IS NULL THEN 0 ELSE 1 END, "
                                     "CASE t.role WHEN '组长' THEN 0 WHEN '副组长' THEN 1 ELSE 2 END, "
                                     "t.effective_from DESC, t.id DESC");
  return sy_database_list (db, SY_TYPE_LEADING_GROUP_MEMBER, sql, error, NULL);
}

#define EVENT_PHOTO_COUNT \
  "(SELECT COUNT(*) FROM event_photo p WHERE p.event_id = t.id) AS photo_count"

SyQueryModel *
sy_queries_events (SyDatabase *db, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_EVENT, EVENT_PHOTO_COUNT, "ORDER BY t.date DESC, t.id DESC");
  return sy_query_model_new (db, SY_TYPE_EVENT, sql, error, NULL);
}

SyQueryModel *
sy_queries_events_filtered (SyDatabase          *db,
                            const SyEventFilter *filter,
                            GError             **error)
{
  static const char * const columns[] = { "title", "place", "content", "participants" };
  g_autoptr(GArray) params = _sy_store_params_new ();
  g_autoptr(GString) where = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *page_sql = NULL;
  g_autofree char *count_sql = NULL;
  g_autofree char *tail = NULL;

  /* As for the recipients: the SQL depends only on which filters are set,
   * values are bound, and like () with an escape character stands for
   * LIKE … ESCAPE, which libgda's parser does not know. */
  text = g_strstrip (g_strdup (filter != NULL && filter->text != NULL ? filter->text : ""));
  if (*text)
    {
      g_autofree char *pattern = like_pattern (text);

      g_string_append (where, " AND (");
      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        g_string_append_printf (where, "%slike (##q::string, t.%s, '!')", i ? " OR " : "", columns[i]);
      g_string_append (where, ")");
      _sy_store_params_add_string (params, "q", pattern);
    }
  if (filter != NULL && filter->kind != NULL && *filter->kind)
    {
      g_string_append (where, " AND t.kind = ##kind::string");
      _sy_store_params_add_string (params, "kind", filter->kind);
    }
  if (filter != NULL && filter->year > 0)
    {
      g_autofree char *from = g_strdup_printf ("%04d-01-01", filter->year);
      g_autofree char *to = g_strdup_printf ("%04d-01-01", filter->year + 1);

      /* Dates are stored normalised, so a range keeps the date index usable. */
      g_string_append (where, " AND t.date >= ##from::string AND t.date < ##to::string");
      _sy_store_params_add_string (params, "from", from);
      _sy_store_params_add_string (params, "to", to);
    }
  if (where->len)
    tail = g_strconcat ("WHERE", where->str + strlen (" AND") , NULL);
  else
    tail = g_strdup ("");

  {
    g_autofree char *page_tail = g_strdup_printf ("%s%sORDER BY t.date DESC, t.id DESC "
                                                  "LIMIT ##sy_limit::gint OFFSET ##sy_offset::gint64",
                                                  tail, *tail ? " " : "");
    page_sql = select_sql (SY_TYPE_EVENT, EVENT_PHOTO_COUNT, page_tail);
  }
  count_sql = g_strdup_printf ("SELECT COUNT(*) FROM event t%s%s", *tail ? " " : "", tail);
  return _sy_query_model_new_paged (db, SY_TYPE_EVENT, page_sql, count_sql, params, error);
}

GStrv
sy_queries_event_years (SyDatabase *db, GError **error)
{
  return select_strings (db, "SELECT DISTINCT substr (date, 1, 4) AS y FROM event ORDER BY y DESC", error);
}

GListModel *
sy_queries_events_in_years (SyDatabase *db, int from_year, int to_year, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_EVENT, EVENT_PHOTO_COUNT,
                                     "WHERE t.date >= ##from::string AND t.date < ##to::string "
                                     "ORDER BY t.date, t.id");
  g_autofree char *from = g_strdup_printf ("%04d-01-01", from_year);
  g_autofree char *to = g_strdup_printf ("%04d-01-01", to_year + 1);

  return sy_database_list (db, SY_TYPE_EVENT, sql, error,
                           "from", G_TYPE_STRING, from, "to", G_TYPE_STRING, to, NULL);
}

GListModel *
sy_queries_event_photos (SyDatabase *db, gint64 event_id, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_EVENT_PHOTO, NULL,
                                     "WHERE t.event_id = ##eid::gint64 ORDER BY t.position, t.id");
  return sy_database_list (db, SY_TYPE_EVENT_PHOTO, sql, error, "eid", G_TYPE_INT64, event_id, NULL);
}

GListModel *
sy_queries_event_recipients (SyDatabase *db, gint64 event_id, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_EVENT_RECIPIENT, NULL,
                                     "WHERE t.event_id = ##eid::gint64 ORDER BY t.id");
  return sy_database_list (db, SY_TYPE_EVENT_RECIPIENT, sql, error, "eid", G_TYPE_INT64, event_id, NULL);
}

GListModel *
sy_queries_military_units (SyDatabase *db, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_MILITARY_UNIT, NULL, "ORDER BY t.name, t.id");
  return sy_database_list (db, SY_TYPE_MILITARY_UNIT, sql, error, NULL);
}

GStrv
sy_queries_event_kinds (SyDatabase *db, GError **error)
{
  return select_strings (db, "SELECT DISTINCT kind FROM event ORDER BY kind", error);
}

SyQueryModel *
sy_queries_batches (SyDatabase *db, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_DISBURSEMENT_BATCH,
                                     "(SELECT COUNT(*) FROM disbursement_line l WHERE l.batch_id = t.id) AS line_count, "
                                     "(SELECT COALESCE (SUM (l.amount_fen), 0) FROM disbursement_line l "
                                     "WHERE l.batch_id = t.id) AS total_fen",
                                     "ORDER BY t.period DESC, t.id DESC");
  return sy_query_model_new (db, SY_TYPE_DISBURSEMENT_BATCH, sql, error, NULL);
}

GListModel *
sy_queries_batch_lines (SyDatabase *db, gint64 batch_id, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_DISBURSEMENT_LINE,
                                     "r.name AS recipient_name, r.id_number AS id_number, "
                                     "r.village AS village",
                                     "JOIN recipient r ON r.id = t.recipient_id "
                                     "WHERE t.batch_id = ##bid::gint64 ORDER BY t.id");
  return sy_database_list (db, SY_TYPE_DISBURSEMENT_LINE, sql, error, "bid", G_TYPE_INT64, batch_id, NULL);
}

GListModel *
sy_queries_batch_exclusions (SyDatabase *db, gint64 batch_id, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_DISBURSEMENT_EXCLUSION,
                                     "r.name AS recipient_name, r.id_number AS id_number, "
                                     "r.village AS village",
                                     "JOIN recipient r ON r.id = t.recipient_id "
                                     "WHERE t.batch_id = ##bid::gint64 ORDER BY r.village, r.name, t.id");
  return sy_database_list (db, SY_TYPE_DISBURSEMENT_EXCLUSION, sql, error, "bid", G_TYPE_INT64, batch_id, NULL);
}

GListModel *
sy_queries_topups (SyDatabase *db, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_SUBSIDY_TOPUP, NULL,
                                     "ORDER BY t.kind, t.condition, t.effective_from, t.id");
  return sy_database_list (db, SY_TYPE_SUBSIDY_TOPUP, sql, error, NULL);
}

GListModel *
sy_queries_standards (SyDatabase *db, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_SUBSIDY_STANDARD, NULL,
                                     "ORDER BY t.kind, t.effective_from DESC, t.category, t.disability_grade");
  return sy_database_list (db, SY_TYPE_SUBSIDY_STANDARD, sql, error, NULL);
}

SyQueryModel *
sy_queries_documents (SyDatabase *db, GError **error)
{
  return sy_queries_documents_search (db, NULL, error);
}

SyQueryModel *
sy_queries_documents_search (SyDatabase *db, const char *text, GError **error)
{
  static const char * const columns[] = { "title", "doc_number", "issuer", "tags", "body_text" };
  g_autoptr(GArray) params = _sy_store_params_new ();
  g_autoptr(GString) where = g_string_new (NULL);
  g_autofree char *query = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *sql = NULL;
  gboolean ascii_letters = FALSE;

  /* An archive holds hundreds of documents, not 100 000 people: a scan of
   * the extracted text is milliseconds, so no index.  instr() matches any
   * Chinese substring; like() only where ASCII letters need case folding. */
  for (const char *p = query; *p; p++)
    ascii_letters |= g_ascii_isalpha (*p);
  if (*query)
    {
      g_string_append (where, "WHERE ");
      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        if (ascii_letters)
          g_string_append_printf (where, "%slike (##q::string, t.%s, '!')", i ? " OR " : "", columns[i]);
        else
          g_string_append_printf (where, "%sinstr (t.%s, ##q::string) > 0", i ? " OR " : "", columns[i]);
      if (ascii_letters)
        {
          g_autofree char *pattern = like_pattern (query);
          _sy_store_params_add_string (params, "q", pattern);
        }
      else
        _sy_store_params_add_string (params, "q", query);
      g_string_append_c (where, ' ');
    }
  g_string_append (where, "ORDER BY t.date DESC, t.id DESC");
  sql = select_sql (SY_TYPE_DOCUMENT, NULL, where->str);
  return _sy_query_model_new_params (db, SY_TYPE_DOCUMENT, sql, params, error);
}

GListModel *
sy_queries_leading_group (SyDatabase *db, const char *date, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_LEADING_GROUP_MEMBER, NULL,
                                     "WHERE t.effective_from <= ##d::string "
                                     "AND (t.effective_to IS NULL OR t.effective_to >= ##d::string) "
                                     "ORDER BY CASE t.role WHEN '组长' THEN 0 WHEN '副组长' THEN 1 ELSE 2 END, t.id");
  return sy_database_list (db, SY_TYPE_LEADING_GROUP_MEMBER, sql, error, "d", G_TYPE_STRING, date, NULL);
}

SyUnit *
sy_queries_office (SyDatabase *db, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_UNIT, NULL, "WHERE t.parent_id IS NULL ORDER BY t.id LIMIT 1");
  g_autoptr(GListModel) list = sy_database_list (db, SY_TYPE_UNIT, sql, error, NULL);

  if (!list || g_list_model_get_n_items (list) == 0)
    return NULL;
  return g_list_model_get_item (list, 0);
}

/* --- 考评 ------------------------------------------------------------------ */

gint64
_sy_model_get_int64 (GdaDataModel *model, int column, int row)
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

const char *
_sy_model_get_string (GdaDataModel *model, int column, int row)
{
  const GValue *v = gda_data_model_get_value_at (model, column, row, NULL);

  return v != NULL && G_VALUE_HOLDS_STRING (v) ? g_value_get_string (v) : NULL;
}

#define ASSESSMENT_OUTLINE_ORDER \
  "COALESCE ((SELECT p.position FROM assessment_item p WHERE p.id = t.parent_id), t.position), " \
  "COALESCE (t.parent_id, t.id), CASE WHEN t.parent_id IS NULL THEN 0 ELSE 1 END, " \
  "t.position, t.code, t.id"

GListModel *
sy_queries_assessment_items (SyDatabase *db, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_ASSESSMENT_ITEM, NULL, "ORDER BY " ASSESSMENT_OUTLINE_ORDER);
  return sy_database_list (db, SY_TYPE_ASSESSMENT_ITEM, sql, error, NULL);
}

GListModel *
sy_queries_assessment_links (SyDatabase *db, gint64 item_id, const char *entity, gint64 entity_id,
                             GError **error)
{
  g_autofree char *sql = NULL;

  if (item_id > 0)
    {
      sql = select_sql (SY_TYPE_ASSESSMENT_LINK, NULL,
                        "WHERE t.item_id = ##item::gint64 ORDER BY t.entity, t.entity_id");
      return sy_database_list (db, SY_TYPE_ASSESSMENT_LINK, sql, error, "item", G_TYPE_INT64, item_id, NULL);
    }
  sql = select_sql (SY_TYPE_ASSESSMENT_LINK, NULL,
                    "JOIN assessment_item i ON i.id = t.item_id "
                    "WHERE t.entity = ##entity::string AND t.entity_id = ##id::gint64 "
                    "ORDER BY COALESCE ((SELECT p.position FROM assessment_item p WHERE p.id = i.parent_id), "
                    "i.position), i.code, t.id");
  return sy_database_list (db, SY_TYPE_ASSESSMENT_LINK, sql, error,
                           "entity", G_TYPE_STRING, entity, "id", G_TYPE_INT64, entity_id, NULL);
}

GListModel *
sy_queries_assessment_dangling_links (SyDatabase *db, const char *entity, GError **error)
{
  static const char *const tables[] = { "event", "document", "plan_item", "disbursement_batch" };
  g_autofree char *tail = NULL;
  g_autofree char *sql = NULL;

  /* @entity goes into the SQL, so only as one of the known table names. */
  for (guint i = 0; i < G_N_ELEMENTS (tables) && tail == NULL; i++)
    if (g_strcmp0 (entity, tables[i]) == 0)
      tail = g_strdup_printf ("WHERE t.entity = ##entity::string "
                              "AND t.entity_id NOT IN (SELECT x.id FROM %s x) ORDER BY t.id", tables[i]);
  g_return_val_if_fail (tail != NULL, NULL);
  sql = select_sql (SY_TYPE_ASSESSMENT_LINK, NULL, tail);
  return sy_database_list (db, SY_TYPE_ASSESSMENT_LINK, sql, error, "entity", G_TYPE_STRING, entity, NULL);
}

GdaDataModel *
sy_queries_assessment_evidence (SyDatabase *db, GError **error)
{
  static const GType types[] = { G_TYPE_INT64, G_TYPE_STRING, G_TYPE_INT64, G_TYPE_INT, G_TYPE_NONE };

  return sy_database_select (db,
                             "SELECT item_id, entity, entity_id, CAST (y AS INTEGER) AS year FROM "
                             "(SELECT l.item_id AS item_id, l.entity AS entity, l.entity_id AS entity_id, "
                             " CASE l.entity "
                             "  WHEN 'event' THEN (SELECT substr (e.date, 1, 4) FROM event e WHERE e.id = l.entity_id) "
                             "  WHEN 'document' THEN (SELECT substr (d.date, 1, 4) FROM document d "
                             "                        WHERE d.id = l.entity_id) "
                             "  WHEN 'plan_item' THEN (SELECT CAST (p.year AS TEXT) FROM plan_item pi JOIN plan p ON p.id = pi.plan_id "
                             "                         WHERE pi.id = l.entity_id) "
                             "  WHEN 'disbursement_batch' THEN (SELECT substr (COALESCE (b.paid_date, b.period), 1, 4) "
                             "                                  FROM disbursement_batch b WHERE b.id = l.entity_id) "
                             " END AS y FROM assessment_link l) AS ev "
                             "WHERE y IS NOT NULL ORDER BY item_id, entity, entity_id",
                             types, error, NULL);
}

static GArray *
select_years (SyDatabase *db, const char *sql, GError **error)
{
  static const GType types[] = { G_TYPE_INT, G_TYPE_NONE };
  g_autoptr(GdaDataModel) model = sy_database_select (db, sql, types, error, NULL);
  GArray *years;
  gint n;

  if (model == NULL)
    return NULL;
  years = g_array_new (FALSE, FALSE, sizeof (int));
  n = gda_data_model_get_n_rows (model);
  for (gint i = 0; i < n; i++)
    {
      const GValue *v = gda_data_model_get_value_at (model, 0, i, NULL);

      if (v != NULL && G_VALUE_HOLDS_INT (v))
        {
          int y = g_value_get_int (v);

          g_array_append_val (years, y);
        }
    }
  return years;
}

GArray *
sy_queries_years_with_shuzhi (SyDatabase *db, GError **error)
{
  return select_years (db,
                       "SELECT DISTINCT CAST (substr (date, 1, 4) AS INTEGER) AS y FROM "
                       "(SELECT date FROM event WHERE kind LIKE '%述职%' OR title LIKE '%述职%' "
                       " UNION ALL SELECT date FROM document "
                       " WHERE title LIKE '%述职%' OR tags LIKE '%述职%') AS ev "
                       "WHERE date IS NOT NULL ORDER BY y",
                       error);
}

GArray *
sy_queries_years_with_funding (SyDatabase *db, GError **error)
{
  return select_years (db,
                       "SELECT DISTINCT CAST (substr (date, 1, 4) AS INTEGER) AS y FROM "
                       "(SELECT date FROM document WHERE tags LIKE '%经费%' OR tags LIKE '%凭证%' "
                       " UNION ALL SELECT paid_date AS date FROM disbursement_batch WHERE state = 'paid') AS ev "
                       "WHERE date IS NOT NULL ORDER BY y",
                       error);
}

GdaDataModel *
sy_queries_plan_items_in_years (SyDatabase *db, int from_year, int to_year, GError **error)
{
  static const GType types[] = { G_TYPE_INT64, G_TYPE_STRING, G_TYPE_INT, G_TYPE_STRING, G_TYPE_INT64,
                                 G_TYPE_INT64, G_TYPE_NONE };

  return sy_database_select (db,
                             "SELECT pi.id AS id, pi.title AS title, p.year AS year, pi.due_date AS due_date, "
                             "(SELECT COUNT (*) FROM event e WHERE e.plan_item_id = pi.id) AS n_events, "
                             "COALESCE (pi.parent_id, 0) AS parent_id "
                             "FROM plan_item pi JOIN plan p ON p.id = pi.plan_id "
                             "WHERE p.year >= ##from::gint AND p.year <= ##to::gint "
                             "ORDER BY p.year, p.id, pi.position, pi.id",
                             types, error, "from", G_TYPE_INT, from_year, "to", G_TYPE_INT, to_year, NULL);
}

GdaDataModel *
sy_queries_sub_unit_plans (SyDatabase *db, gint64 parent_id, int year, GError **error)
{
  static const GType types[] = { G_TYPE_INT64, G_TYPE_STRING, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_NONE };

  return sy_database_select (db,
                             "SELECT u.id AS unit_id, u.name AS name, COALESCE (MIN (p.id), 0) AS plan_id, "
                             "COUNT (p.id) AS n_plans "
                             "FROM unit u LEFT JOIN plan p ON p.unit_id = u.id AND p.year = ##year::gint "
                             "WHERE u.parent_id = ##parent::gint64 "
                             "GROUP BY u.id, u.name ORDER BY u.id",
                             types, error, "year", G_TYPE_INT, year, "parent", G_TYPE_INT64, parent_id, NULL);
}

GListModel *
sy_queries_units (SyDatabase *db, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_UNIT, NULL, "ORDER BY t.id");
  g_autoptr(GListModel) all = sy_database_list (db, SY_TYPE_UNIT, sql, error, NULL);
  g_autoptr(GPtrArray) stack = NULL;
  GListStore *ordered;
  guint n;

  if (all == NULL)
    return NULL;

  /* Tree order by a depth-first walk: a handful of units, so the quadratic
   * child search costs nothing and keeps the SQL portable (no recursive
   * CTE). */
  ordered = g_list_store_new (SY_TYPE_UNIT);
  n = g_list_model_get_n_items (all);
  stack = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(SyUnit) unit = g_list_model_get_item (all, i - 1);

      if (sy_unit_get_parent_id (unit) == 0)
        g_ptr_array_add (stack, g_steal_pointer (&unit));
    }
  while (stack->len > 0 && g_list_model_get_n_items (G_LIST_MODEL (ordered)) < n)
    {
      g_autoptr(SyUnit) unit = g_ptr_array_steal_index (stack, stack->len - 1);
      gint64 id = sy_record_get_id (SY_RECORD (unit));

      g_list_store_append (ordered, unit);
      for (guint i = n; i > 0; i--)
        {
          g_autoptr(SyUnit) child = g_list_model_get_item (all, i - 1);

          if (sy_unit_get_parent_id (child) == id)
            g_ptr_array_add (stack, g_steal_pointer (&child));
        }
    }
  return G_LIST_MODEL (ordered);
}

GdaDataModel *
sy_queries_ledger_evidence (SyDatabase *db, int from_year, int to_year, GError **error)
{
  static const GType types[] = {
    G_TYPE_STRING, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING,
    G_TYPE_NONE
  };
  g_autofree char *from = g_strdup_printf ("%04d-01-01", from_year);
  g_autofree char *to = g_strdup_printf ("%04d-01-01", to_year + 1);

  /* The standard of a link is its item's parent when the item is a
   * sub-item.  A plan is linked through its items. */
  return sy_database_select (db,
    /* Subqueries rather than WITH: libgda's statement parser knows no CTEs. */
    "SELECT ev.entity, ev.entity_id, ev.date, ev.unit_id, ev.kind, lk.code FROM ("
    " SELECT 'event' AS entity, e.id AS entity_id, e.date AS date, COALESCE (e.unit_id, 0) AS unit_id,"
    "        e.kind AS kind FROM event e"
    " UNION ALL"
    " SELECT 'document', d.id, COALESCE (d.date, substr (d.created_at, 1, 10)),"
    "        COALESCE (d.unit_id, 0), COALESCE (d.tags, '') FROM document d"
    " UNION ALL"
    " SELECT 'disbursement_batch', b.id,"
    "        COALESCE (b.paid_date, substr (b.approved_at, 1, 10), substr (b.period, 1, 4) || '-01-01'),"
    "        COALESCE (b.unit_id, 0), b.kind FROM disbursement_batch b"
    " WHERE b.state IN ('approved', 'paid')"
    " UNION ALL"
    " SELECT 'plan', p.id, CAST (p.year AS TEXT) || '-01-01', COALESCE (p.unit_id, 0), ''"
    " FROM plan p) ev"
    " LEFT JOIN ("
    " SELECT DISTINCT CASE l.entity WHEN 'plan_item' THEN 'plan' ELSE l.entity END AS entity,"
    "        CASE l.entity WHEN 'plan_item' THEN (SELECT pi.plan_id FROM plan_item pi"
    "                                             WHERE pi.id = l.entity_id)"
    "                      ELSE l.entity_id END AS entity_id,"
    "        COALESCE (parent.code, i.code) AS code"
    " FROM assessment_link l JOIN assessment_item i ON i.id = l.item_id"
    " LEFT JOIN assessment_item parent ON parent.id = i.parent_id) lk"
    " ON lk.entity = ev.entity AND lk.entity_id = ev.entity_id"
    " WHERE ev.date >= ##from::string AND ev.date < ##to::string"
    " ORDER BY ev.date, ev.entity, ev.entity_id, lk.code",
    types, error, "from", G_TYPE_STRING, from, "to", G_TYPE_STRING, to, NULL);
}

GdaDataModel *
sy_queries_ledger_visits (SyDatabase *db, int from_year, int to_year, GError **error)
{
  static const GType types[] = {
    G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
    G_TYPE_STRING, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_NONE
  };
  g_autofree char *from = g_strdup_printf ("%04d-01-01", from_year);
  g_autofree char *to = g_strdup_printf ("%04d-01-01", to_year + 1);

  return sy_database_select (db,
    "SELECT e.date, e.title, COALESCE (e.unit_id, 0), t.name, t.id_number, "
    CATEGORIES_SQL ", v.gift, v.money_fen, v.needs"
    " FROM event_recipient v JOIN event e ON e.id = v.event_id"
    " JOIN recipient t ON t.id = v.recipient_id"
    " WHERE e.date >= ##from::string AND e.date < ##to::string"
    " ORDER BY e.date, e.id, v.id",
    types, error, "from", G_TYPE_STRING, from, "to", G_TYPE_STRING, to, NULL);
}
