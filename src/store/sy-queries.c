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

SyQueryModel *
sy_queries_recipients (SyDatabase *db, GError **error)
{
  /* group_concat is SQLite's; PostgreSQL (issue 7) spells it string_agg. */
  g_autofree char *sql = select_sql (SY_TYPE_RECIPIENT,
                                     "(SELECT group_concat (c.category, '、') FROM recipient_category c "
                                     "WHERE c.recipient_id = t.id) AS categories",
                                     "ORDER BY t.village, t.name, t.id");
  return sy_query_model_new (db, SY_TYPE_RECIPIENT, sql, error, NULL);
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
  g_autofree char *sql = NULL;
  const char *dir;

  if (!filter)
    filter = &all;
  dir = filter->descending ? "DESC" : "ASC";

  /* The SQL text depends only on which filters are set and the order, so
   * it stays one of a few cached statements; values are always bound.
   * libgda's parser knows neither MATCH nor LIKE … ESCAPE, hence the
   * equivalent "fts = query" and like() forms. */
  text = g_strstrip (g_strdup (filter->text ? filter->text : ""));
  if (g_utf8_strlen (text, -1) >= 3)
    {
      g_autofree char *phrase = fts_phrase (text);

      g_string_append (where, " AND t.id IN (SELECT rowid FROM recipient_fts "
                              "WHERE recipient_fts = ##q::string)");
      _sy_store_params_add_string (params, "q", phrase);
    }
  else if (*text)
    {
      g_autofree char *pattern = like_pattern (text);

      /* Trigrams need 3 characters: 1–2 are matched by a scan. */
      g_string_append (where, " AND (like (##q::string, t.name, '!') "
                              "OR like (##q::string, t.id_number, '!') "
                              "OR like (##q::string, t.phone, '!') "
                              "OR like (##q::string, t.address, '!'))");
      _sy_store_params_add_string (params, "q", pattern);
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

  /* Unary + keeps SQLite from walking an index in sort order and fetching
   * every row at random (5× slower under a scan filter); all matching rows
   * are read anyway, so a sort of the matches is the cheaper plan. */
  switch (filter->sort)
    {
    case SY_RECIPIENT_SORT_NAME:
      g_string_append_printf (tail, " ORDER BY +t.name %s, t.id %s", dir, dir);
      break;
    case SY_RECIPIENT_SORT_CATEGORY:
      g_string_append_printf (tail, " ORDER BY categories IS NULL, categories %s, +t.name %s, t.id %s",
                              dir, dir, dir);
      break;
    case SY_RECIPIENT_SORT_VILLAGE:
      g_string_append_printf (tail, " ORDER BY +t.village %s, +t.name %s, t.id %s", dir, dir, dir);
      break;
    case SY_RECIPIENT_SORT_STATUS:
      g_string_append_printf (tail, " ORDER BY +t.status %s, +t.name %s, t.id %s", dir, dir, dir);
      break;
    case SY_RECIPIENT_SORT_AGE:
      /* Youngest first is the latest birth date first. */
      g_string_append_printf (tail, " ORDER BY t.birth_date IS NULL, +t.birth_date %s, t.id %s",
                              filter->descending ? "ASC" : "DESC", dir);
      break;
    case SY_RECIPIENT_SORT_DEFAULT:
    default:
      g_string_append_printf (tail, " ORDER BY +t.village %s, +t.name %s, t.id %s", dir, dir, dir);
      break;
    }

  sql = select_sql (SY_TYPE_RECIPIENT,
                    "(SELECT group_concat (c.category, '、') FROM recipient_category c "
                    "WHERE c.recipient_id = t.id) AS categories",
                    tail->str);
  return _sy_query_model_new_params (db, SY_TYPE_RECIPIENT, sql, params, error);
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
  static const GType types[] = { G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(GdaDataModel) model = NULL;
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  gint rows;

  g_return_val_if_fail (facet <= SY_RECIPIENT_FACET_VILLAGE, NULL);
  model = sy_database_select (db, sql[facet], types, error, NULL);
  if (!model)
    return NULL;
  rows = gda_data_model_get_n_rows (model);
  for (gint r = 0; r < rows; r++)
    {
      const GValue *v = gda_data_model_get_value_at (model, 0, r, NULL);

      if (v && G_VALUE_HOLDS_STRING (v) && g_value_get_string (v))
        g_strv_builder_add (values, g_value_get_string (v));
    }
  return g_strv_builder_end (values);
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

GListModel *
sy_queries_plan_items (SyDatabase *db, gint64 plan_id, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_PLAN_ITEM, NULL,
                                     "WHERE t.plan_id = ##pid::gint64 ORDER BY t.position, t.id");
  return sy_database_list (db, SY_TYPE_PLAN_ITEM, sql, error, "pid", G_TYPE_INT64, plan_id, NULL);
}

#define EVENT_PHOTO_COUNT \
  "(SELECT COUNT(*) FROM event_photo p WHERE p.event_id = t.id) AS photo_count"

SyQueryModel *
sy_queries_events (SyDatabase *db, GError **error)
{
  g_autofree char *sql = select_sql (SY_TYPE_EVENT, EVENT_PHOTO_COUNT, "ORDER BY t.date DESC, t.id DESC");
  return sy_query_model_new (db, SY_TYPE_EVENT, sql, error, NULL);
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
                                     "(SELECT s.category FROM subsidy_standard s WHERE s.id = t.standard_id) AS category",
                                     "JOIN recipient r ON r.id = t.recipient_id "
                                     "WHERE t.batch_id = ##bid::gint64 ORDER BY t.id");
  return sy_database_list (db, SY_TYPE_DISBURSEMENT_LINE, sql, error, "bid", G_TYPE_INT64, batch_id, NULL);
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
  g_autofree char *sql = select_sql (SY_TYPE_DOCUMENT, NULL, "ORDER BY t.date DESC, t.id DESC");
  return sy_query_model_new (db, SY_TYPE_DOCUMENT, sql, error, NULL);
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
