/* test-demo.c: the demo office — counts, validity, determinism, refusal */
#include <string.h>
#include "sy-test-util.h"
#include "sy-test-db.h"
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "sy-demo.h"

#define SEED      20250101
#define LAST_YEAR 2025

typedef struct {
  char       *dir;
  SyDatabase *db;
  double      seconds;
  double      last_fraction;
  guint       progress_calls;
} Office;

static Office first, second;

static void
on_progress (double fraction, const char *what, gpointer user_data)
{
  Office *office = user_data;

  g_assert_nonnull (what);
  g_assert_cmpfloat (fraction, >=, office->last_fraction);
  g_assert_cmpfloat (fraction, <=, 1.0);
  office->last_fraction = fraction;
  office->progress_calls++;
}

static void
populate (Office *office)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;

  if (office->db != NULL)
    return;
  office->db = sy_test_open_database (&office->dir);
  g_assert_true (sy_database_is_empty (office->db));

  timer = g_timer_new ();
  g_assert_true (sy_demo_populate (office->db, SEED, LAST_YEAR, on_progress, office, &error));
  g_assert_no_error (error);
  office->seconds = g_timer_elapsed (timer, NULL);
  g_test_message ("demo populated in %.2f s", office->seconds);
  g_assert_false (sy_database_is_empty (office->db));
}

static gint64
count (SyDatabase *db, const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  if (!sy_database_query_int64 (db, &n, sql, &error, NULL))
    g_error ("%s: %s", sql, error ? error->message : "?");
  return n;
}

static GListModel *
list_all (SyDatabase *db, GType type, const char *tail)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = sy_database_select_all_sql (type);
  g_autofree char *sql = g_strconcat (base, " ", tail, NULL);
  GListModel *model = sy_database_list (db, type, sql, &error, NULL);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_office (void)
{
  g_autofree char *name = NULL;
  g_autofree char *level = NULL;
  g_autofree char *region = NULL;

  populate (&first);
  name = sy_database_get_setting (first.db, "office-name");
  level = sy_database_get_setting (first.db, "office-level");
  region = sy_database_get_setting (first.db, "region-code");
  g_assert_cmpstr (name, ==, "清源县双拥工作领导小组办公室");
  g_assert_cmpstr (level, ==, "县");
  g_assert_cmpstr (region, ==, "360426");

  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM unit WHERE parent_id IS NULL"), ==, 1);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM unit WHERE level IN ('镇', '乡')"), >=, 6);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM unit WHERE level IN ('村', '社区')"), >=, 18);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM military_unit"), ==, 3);

  /* the leading group: one 组长, two 副组长, one change in the second year */
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM leading_group_member WHERE role = '组长'"), ==, 1);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM leading_group_member WHERE role = '副组长'"), ==, 2);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM leading_group_member WHERE role = '成员'"), >=, 9);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM leading_group_member WHERE effective_to IS NOT NULL"), ==, 1);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM leading_group_member WHERE effective_from >= '2025-01-01'"), ==, 1);

  /* the progress callback was called a few times per phase, in order */
  g_assert_cmpuint (first.progress_calls, >=, 10);
  g_assert_cmpfloat (first.last_fraction, ==, 1.0);
}

static void
test_recipients (void)
{
  g_autoptr(GListModel) people = NULL;
  guint n;

  populate (&first);
  people = list_all (first.db, SY_TYPE_RECIPIENT, "ORDER BY id");
  n = g_list_model_get_n_items (people);
  g_assert_cmpuint (n, >=, 320);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyRecipient) r = g_list_model_get_item (people, i);
      g_autoptr(GError) error = NULL;
      SyIdInfo info;
      char birth[11];
      const char *phone = sy_recipient_get_phone (r);

      g_assert_true (sy_id_number_validate (sy_recipient_get_id_number (r), &info, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (sy_recipient_get_sex (r), ==, info.sex == SY_SEX_MALE ? "男" : "女");
      g_snprintf (birth, sizeof birth, "%04d-%02d-%02d", g_date_get_year (&info.birth_date),
                  g_date_get_month (&info.birth_date), g_date_get_day (&info.birth_date));
      g_assert_cmpstr (sy_recipient_get_birth_date (r), ==, birth);

      g_assert_nonnull (phone);
      g_assert_cmpuint (strlen (phone), ==, 11);
      g_assert_true (phone[0] == '1');
      g_assert_true (g_strcmp0 (sy_recipient_get_hukou (r), "城镇") == 0
                     || g_strcmp0 (sy_recipient_get_hukou (r), "农村") == 0);
      g_assert_nonnull (sy_recipient_get_village (r));
      g_assert_nonnull (sy_recipient_get_account (r));
      g_assert_nonnull (sy_recipient_get_bank (r));
      g_assert_true (g_strcmp0 (sy_recipient_get_status (r), "在册") == 0
                     || g_strcmp0 (sy_recipient_get_status (r), "减员") == 0
                     || g_strcmp0 (sy_recipient_get_status (r), "迁出") == 0);
    }

  /* villages are village units */
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM recipient r LEFT JOIN unit u ON u.id = r.unit_id "
                                    "WHERE u.name IS NULL OR u.name <> r.village"), ==, 0);
  /* 1–2 categories each, across many groups */
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM recipient r WHERE "
                                    "(SELECT COUNT(*) FROM recipient_category c WHERE c.recipient_id = r.id) NOT BETWEEN 1 AND 2"), ==, 0);
  g_assert_cmpint (count (first.db, "SELECT COUNT(DISTINCT category) FROM recipient_category"), >=, 11);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM recipient_category WHERE category = '残疾军人' AND "
                                    "(disability_grade NOT BETWEEN 1 AND 10 OR disability_nature NOT IN ('因战', '因公', '因病'))"), ==, 0);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM recipient_category WHERE category = '残疾军人'"), >=, 25);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM recipient_category WHERE category IN ('退役士兵', '复员军人') "
                                    "AND (enlist_date IS NULL OR discharge_date IS NULL OR enlist_date >= discharge_date)"), ==, 0);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM recipient_category WHERE certificate_no IS NULL"), ==, 0);

  /* a 新增 for everyone; 减员 by death and a status that matches */
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM recipient WHERE id NOT IN "
                                    "(SELECT recipient_id FROM status_change WHERE kind = '新增')"), ==, 0);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM recipient WHERE status = '减员'"), >=, 1);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM recipient WHERE status = '在册'"), >=, 300);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM recipient WHERE status = '减员' AND id NOT IN "
                                    "(SELECT recipient_id FROM status_change WHERE kind = '减员' AND reason = '去世')"), ==, 0);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM status_change a JOIN status_change b ON a.recipient_id = b.recipient_id "
                                    "WHERE a.kind = '新增' AND b.kind <> '新增' AND b.effective_date <= a.effective_date"), ==, 0);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM recipient WHERE dibao = 1 OR wubao = 1 OR gulao = 1"), >=, 1);
}

static void
test_plans (void)
{
  g_autoptr(GListModel) plans = NULL;

  populate (&first);
  plans = list_all (first.db, SY_TYPE_PLAN, "ORDER BY year");
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);

  for (guint p = 0; p < 2; p++)
    {
      g_autoptr(SyPlan) plan = g_list_model_get_item (plans, p);
      g_autoptr(GError) error = NULL;
      g_autofree char *title = g_strdup_printf ("清源县%d年双拥工作计划", LAST_YEAR - 1 + (int) p);
      g_autoptr(GListModel) items = NULL;
      g_autoptr(GHashTable) levels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      int seen[3] = { 0, 0, 0 };
      int done = 0, n;

      g_assert_cmpstr (sy_plan_get_title (plan), ==, title);
      g_assert_cmpint (sy_plan_get_year (plan), ==, LAST_YEAR - 1 + (int) p);
      g_assert_nonnull (sy_plan_get_preface (plan));

      items = sy_queries_plan_items (first.db, sy_record_get_id (SY_RECORD (plan)), &error);
      g_assert_no_error (error);
      n = (int) g_list_model_get_n_items (items);
      g_assert_cmpint (n, >=, 25);
      g_assert_cmpint (n, <=, 45);

      for (int i = 0; i < n; i++)
        {
          g_autoptr(SyPlanItem) item = g_list_model_get_item (items, i);
          int level = sy_plan_item_get_level (item);
          const char *label = sy_plan_item_get_label (item);
          gint64 parent = sy_plan_item_get_parent_id (item);
          gint64 *key = g_new (gint64, 1);

          g_assert_cmpint (level, >=, 0);
          g_assert_cmpint (level, <=, 2);
          seen[level]++;
          g_assert_cmpint (sy_plan_item_get_position (item), ==, i);
          if (level == 0)
            {
              g_assert_cmpint (parent, ==, 0);
              g_assert_true (g_str_has_suffix (label, "、"));
            }
          else
            {
              int *parent_level = g_hash_table_lookup (levels, &parent);
              g_assert_nonnull (parent_level);
              g_assert_cmpint (GPOINTER_TO_INT (parent_level) - 1, ==, level - 1);
              if (level == 1)
                g_assert_true (g_str_has_prefix (label, "（") && g_str_has_suffix (label, "）"));
              else
                g_assert_true (g_ascii_isdigit (label[0]) && g_str_has_suffix (label, "、"));
            }
          *key = sy_record_get_id (SY_RECORD (item));
          g_hash_table_insert (levels, key, GINT_TO_POINTER (level + 1));
          if (g_strcmp0 (sy_plan_item_get_status (item), "done") == 0)
            done++;
          g_assert_true (g_strcmp0 (sy_plan_item_get_status (item), "done") == 0
                         || g_strcmp0 (sy_plan_item_get_status (item), "in_progress") == 0
                         || g_strcmp0 (sy_plan_item_get_status (item), "planned") == 0);
        }
      g_assert_cmpint (seen[0], >, 0);
      g_assert_cmpint (seen[1], >, 0);
      g_assert_cmpint (seen[2], >, 0);
      if (p == 0)
        g_assert_cmpint (done, >, n * 3 / 4);
    }

  g_assert_cmpint (count (first.db, "SELECT COUNT(DISTINCT time_node) FROM plan_item WHERE time_node IS NOT NULL"), >=, 7);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM plan_item WHERE level = 2 AND due_date IS NULL"), ==, 0);
}

static void
test_money (void)
{
  g_autoptr(GListModel) batches = NULL;

  populate (&first);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM subsidy_standard WHERE kind = '义务兵家庭优待金'"), ==, 4);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM subsidy_standard WHERE kind = '定期抚恤金' AND category = '残疾军人'"), >=, 10);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM subsidy_standard WHERE kind = '定期生活补助'"), >=, 6);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM subsidy_standard WHERE kind = '慰问金'"), ==, 2);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM subsidy_standard WHERE amount_fen <= 0"), ==, 0);

  /* the runs, made through the run repository as the office makes them */
  batches = list_all (first.db, SY_TYPE_DISBURSEMENT_BATCH, "ORDER BY id");
  g_assert_cmpuint (g_list_model_get_n_items (batches), ==, 11);
  {
    static const struct { const char *title; const char *state; } runs[] = {
      { "2025年春节慰问金", "paid" },
      { "2025年义务兵家庭优待金", "paid" },
      { "2025年第一季度定期抚恤金", "paid" },
      { "2025年第一季度定期生活补助", "paid" },
      { "2025年第二季度定期抚恤金", "paid" },
      { "2025年第二季度定期生活补助", "paid" },
      { "2025年第三季度定期抚恤金", "paid" },
      { "2025年第三季度定期生活补助", "paid" },
      { "2025年第四季度定期抚恤金", "approved" },
      { "2025年第四季度定期生活补助", "draft" },
      { "2025年第三季度定期抚恤金（补发）", "draft" },
    };

    for (guint b = 0; b < G_N_ELEMENTS (runs); b++)
      {
        g_autoptr(SyDisbursementBatch) batch = g_list_model_get_item (batches, b);
        g_autoptr(GError) error = NULL;
        g_autoptr(GListModel) lines = sy_queries_batch_lines (first.db, sy_record_get_id (SY_RECORD (batch)), &error);
        gint64 sum = 0, total = -1;
        guint n;

        g_assert_no_error (error);
        g_assert_cmpstr (sy_disbursement_batch_get_title (batch), ==, runs[b].title);
        g_assert_cmpstr (sy_disbursement_batch_get_state (batch), ==, runs[b].state);
        n = g_list_model_get_n_items (lines);
        g_assert_cmpuint (n, >=, b == 10 ? 1 : 20);
        for (guint i = 0; i < n; i++)
          {
            g_autoptr(SyDisbursementLine) line = g_list_model_get_item (lines, i);
            gint64 amount = sy_disbursement_line_get_amount_fen (line);

            /* every amount is the computed one, made of its base and top-ups */
            g_assert_cmpint (amount, ==, sy_disbursement_line_get_computed_fen (line));
            g_assert_cmpint (amount, ==, sy_disbursement_line_get_base_fen (line) + sy_disbursement_line_get_topup_fen (line));
            g_assert_cmpint (amount, >, 0);
            g_assert_nonnull (sy_disbursement_line_get_account (line));
            g_assert_nonnull (sy_disbursement_line_get_first_month (line));
            if (g_str_has_suffix (runs[b].title, "定期抚恤金") || g_str_has_suffix (runs[b].title, "定期生活补助"))
              g_assert_cmpint (sy_disbursement_line_get_base_fen (line), ==,
                               sy_disbursement_line_get_standard_fen (line) * sy_disbursement_line_get_months (line));
            sum += amount;
          }
        g_assert_true (sy_database_query_int64 (first.db, &total,
                                                "SELECT SUM(amount_fen) FROM disbursement_line WHERE batch_id = ##b::gint64",
                                                &error, "b", G_TYPE_INT64, sy_record_get_id (SY_RECORD (batch)), NULL));
        g_assert_no_error (error);
        g_assert_cmpint (sum, ==, total);

        if (g_strcmp0 (runs[b].state, "paid") == 0)
          {
            g_assert_nonnull (sy_disbursement_batch_get_paid_date (batch));
            g_assert_nonnull (sy_disbursement_batch_get_voucher_no (batch));
          }
        if (g_strcmp0 (runs[b].state, "draft") != 0)
          g_assert_nonnull (sy_disbursement_batch_get_approved_at (batch));
      }
  }
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM disbursement_batch WHERE paid_date > '2025-07-31' "
                                    "OR (kind = '义务兵家庭优待金' AND paid_date NOT LIKE '2025-07-%')"), ==, 0);
  /* the second quarter's 生活补助 was paid late: in May, not April */
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM disbursement_batch WHERE title = '2025年第二季度定期生活补助' "
                                    "AND paid_date LIKE '2025-05-%'"), ==, 1);

  /* one line returned by the bank, re-issued (to the new card) in the draft */
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM disbursement_line WHERE status = 'failed' AND fail_reason IS NOT NULL"), ==, 1);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM disbursement_line l JOIN disbursement_line f ON f.id = l.source_line_id "
                                    "JOIN disbursement_batch b ON b.id = l.batch_id "
                                    "WHERE f.status = 'failed' AND b.source_batch_id = f.batch_id "
                                    "AND l.recipient_id = f.recipient_id AND l.amount_fen = f.amount_fen "
                                    "AND l.account <> f.account AND l.account LIKE '6217%'"), ==, 1);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM disbursement_line l JOIN disbursement_batch b ON b.id = l.batch_id "
                                    "WHERE b.state = 'paid' AND l.status NOT IN ('paid', 'failed')"), ==, 0);

  /* 优待金: once per household, some with top-ups, prorated for those who came home */
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM subsidy_standard WHERE kind = '义务兵家庭优待金' AND per_household = 0"), ==, 0);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM subsidy_topup WHERE kind = '义务兵家庭优待金'"), ==, 5);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM (SELECT COALESCE (r.household_id, r.id) FROM disbursement_line l "
                                    "JOIN recipient r ON r.id = l.recipient_id JOIN disbursement_batch b ON b.id = l.batch_id "
                                    "WHERE b.kind = '义务兵家庭优待金' GROUP BY COALESCE (r.household_id, r.id) HAVING COUNT(*) > 1) AS h"), ==, 0);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM disbursement_line WHERE topup_fen > 0 AND topups IS NOT NULL"), >=, 3);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM disbursement_line WHERE topups LIKE '%进藏进疆%' AND topup_fen < base_fen"), ==, 0);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM recipient_category WHERE category = '义务兵家庭' AND valid_from IS NULL"), ==, 0);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM disbursement_line l JOIN recipient_category c "
                                    "ON c.recipient_id = l.recipient_id AND c.category = l.category "
                                    "WHERE l.category = '义务兵家庭' AND c.valid_to LIKE '2025-%' AND l.months < 12 "
                                    "AND l.last_month = substr (c.valid_to, 1, 7)"), >, 0);
  {
    g_autofree char *deadline = sy_database_get_setting (first.db, "payment_deadline_days.义务兵家庭优待金");
    g_autofree char *other = sy_database_get_setting (first.db, "payment_deadline_days");

    g_assert_cmpstr (deadline, ==, "212");
    g_assert_cmpstr (other, ==, "31");
  }

  /* every line's standard is in force in its first month */
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM disbursement_line l JOIN subsidy_standard s ON s.id = l.standard_id "
                                    "WHERE l.standard_fen <> s.amount_fen OR s.effective_from > l.first_month || '-01' "
                                    "OR (s.effective_to IS NOT NULL AND s.effective_to < l.first_month || '-01')"), ==, 0);
  /* nobody is paid for a month after the month they left the register */
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM disbursement_line l JOIN status_change s ON s.recipient_id = l.recipient_id "
                                    "WHERE s.kind IN ('减员', '迁出') AND l.last_month > substr (s.effective_date, 1, 7)"), ==, 0);
  /* and everyone not paid in a run is listed with the reason */
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM disbursement_exclusion WHERE reason IS NULL OR reason = ''"), ==, 0);
}

static void
test_events (void)
{
  g_autoptr(GListModel) events = NULL;
  SyAttachmentStore *store;
  guint n;

  populate (&first);
  store = sy_database_get_attachments (first.db);
  events = list_all (first.db, SY_TYPE_EVENT, "ORDER BY date, id");
  n = g_list_model_get_n_items (events);
  g_assert_cmpuint (n, >=, 44);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyEvent) event = g_list_model_get_item (events, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) photos = sy_queries_event_photos (first.db, sy_record_get_id (SY_RECORD (event)), &error);
      guint n_photos;

      g_assert_no_error (error);
      g_assert_nonnull (sy_event_get_title (event));
      g_assert_nonnull (sy_event_get_place (event));
      g_assert_nonnull (sy_event_get_organiser (event));
      g_assert_nonnull (sy_event_get_recorder (event));
      g_assert_nonnull (sy_event_get_reviewer (event));
      g_assert_cmpuint (strlen (sy_event_get_content (event)), >, 100);
      g_assert_nonnull (sy_event_get_outcome (event));
      g_assert_true (g_str_has_prefix (sy_event_get_date (event), "2024-")
                     || g_str_has_prefix (sy_event_get_date (event), "2025-"));

      n_photos = g_list_model_get_n_items (photos);
      g_assert_cmpuint (n_photos, >=, 2);
      g_assert_cmpuint (n_photos, <=, 4);

      /* decoding every photo is slow-ish; the first photo of every event
       * and all photos of a few */
      for (guint k = 0; k < n_photos; k++)
        {
          g_autoptr(SyEventPhoto) photo = g_list_model_get_item (photos, k);
          g_autoptr(GBytes) bytes = sy_attachment_store_load (store, sy_event_photo_get_attachment_hash (photo), &error);
          const guint8 *data;
          gsize size;

          g_assert_no_error (error);
          data = g_bytes_get_data (bytes, &size);
          g_assert_cmpuint (size, >, 40 * 1024);
          g_assert_cmpuint (size, <, 400 * 1024);
          g_assert_cmpuint (data[0], ==, 0xFF);
          g_assert_cmpuint (data[1], ==, 0xD8);
          g_assert_cmpint (sy_event_photo_get_position (photo), ==, (int) k);
          g_assert_true (sy_event_photo_get_in_ledger (photo));
          g_assert_nonnull (sy_event_photo_get_caption (photo));
          g_assert_true (g_str_has_prefix (sy_event_photo_get_caption (photo), "2024年")
                         || g_str_has_prefix (sy_event_photo_get_caption (photo), "2025年"));

          if (k == 0 || i % 8 == 0)
            {
              g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("jpeg", &error);
              GdkPixbuf *pixbuf;

              g_assert_no_error (error);
              g_assert_true (gdk_pixbuf_loader_write_bytes (loader, bytes, &error));
              g_assert_no_error (error);
              g_assert_true (gdk_pixbuf_loader_close (loader, &error));
              g_assert_no_error (error);
              pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
              g_assert_nonnull (pixbuf);
              g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 1024);
              g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 768);
            }
        }
    }

  /* every photo is a different picture */
  g_assert_cmpint (count (first.db, "SELECT COUNT(DISTINCT attachment_hash) FROM event_photo"), ==,
                   count (first.db, "SELECT COUNT(*) FROM event_photo"));
  /* the kinds of the seed plans, and a meeting of the group each quarter */
  g_assert_cmpint (count (first.db, "SELECT COUNT(DISTINCT kind) FROM event"), >=, 12);
  for (int year = LAST_YEAR - 1; year <= LAST_YEAR; year++)
    for (int q = 0; q < 4; q++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *from = g_strdup_printf ("%d-%02d-01", year, q * 3 + 1);
        g_autofree char *to = g_strdup_printf ("%d-%02d-31", year, q * 3 + 3);
        gint64 meetings = 0;

        g_assert_true (sy_database_query_int64 (first.db, &meetings,
                                                "SELECT COUNT(*) FROM event WHERE kind = '会议' "
                                                "AND date >= ##from::string AND date <= ##to::string",
                                                &error, "from", G_TYPE_STRING, from, "to", G_TYPE_STRING, to, NULL));
        g_assert_no_error (error);
        g_assert_cmpint (meetings, ==, 1);
      }
  /* 春节 visits in January or February, 八一 ones in late July */
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM event WHERE title LIKE '%春节%' "
                                    "AND substr(date, 6, 2) NOT IN ('01', '02')"), ==, 0);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM event WHERE title LIKE '%八一%' AND substr(date, 6, 2) <> '07'"), ==, 0);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM event_recipient"), >=, 20);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM event_military_unit"), >=, 10);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM event WHERE plan_item_id IS NOT NULL"), ==,
                   count (first.db, "SELECT COUNT(*) FROM event"));
}

static void
test_documents (void)
{
  g_autoptr(GListModel) docs = NULL;
  SyAttachmentStore *store;
  guint n;

  populate (&first);
  store = sy_database_get_attachments (first.db);
  docs = list_all (first.db, SY_TYPE_DOCUMENT, "ORDER BY id");
  n = g_list_model_get_n_items (docs);
  g_assert_cmpuint (n, >=, 4);
  g_assert_cmpuint (n, <=, 6);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyDocument) doc = g_list_model_get_item (docs, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = sy_attachment_store_load (store, sy_document_get_attachment_hash (doc), &error);
      gsize size;
      const char *data;

      g_assert_no_error (error);
      data = g_bytes_get_data (bytes, &size);
      g_assert_cmpuint (size, >, 1000);
      g_assert_true (memcmp (data, "%PDF-", 5) == 0);
      g_assert_cmpstr (sy_document_get_mime_type (doc), ==, "application/pdf");
      g_assert_nonnull (strstr (sy_document_get_body_text (doc), sy_document_get_title (doc)));
      g_assert_nonnull (sy_document_get_date (doc));
    }
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM document WHERE doc_number LIKE '清双拥〔%〕%号'"), >=, 1);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM document WHERE title LIKE '%协议书%'"), ==, 1);
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM document WHERE title LIKE '%纪要%'"), ==, 1);
}

/* Names, ID numbers and photo hashes, in insertion order. */
static char *
fingerprint (SyDatabase *db)
{
  g_autoptr(GError) error = NULL;
  const GType types[] = { G_TYPE_STRING, G_TYPE_STRING, G_TYPE_NONE };
  const GType hash_types[] = { G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(GdaDataModel) people = sy_database_select (db, "SELECT name, id_number FROM recipient ORDER BY id",
                                                       types, &error, NULL);
  g_autoptr(GdaDataModel) photos = NULL;
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (int row = 0; row < gda_data_model_get_n_rows (people); row++)
    g_string_append_printf (out, "%s %s\n",
                            g_value_get_string (gda_data_model_get_value_at (people, 0, row, NULL)),
                            g_value_get_string (gda_data_model_get_value_at (people, 1, row, NULL)));
  photos = sy_database_select (db, "SELECT attachment_hash FROM event_photo ORDER BY id", hash_types, &error, NULL);
  g_assert_no_error (error);
  for (int row = 0; row < gda_data_model_get_n_rows (photos); row++)
    g_string_append_printf (out, "%s\n", g_value_get_string (gda_data_model_get_value_at (photos, 0, row, NULL)));
  return g_string_free (out, FALSE);
}

/* Every row the demo writes is in the audit log, as for any other change. */
static void
test_audited (void)
{
  static const char *tables[] = {
    "unit", "leading_group_member", "military_unit", "recipient", "recipient_category",
    "status_change", "subsidy_standard", "disbursement_batch", "disbursement_line", "plan",
    "plan_item", "event", "event_photo", "event_recipient", "event_military_unit", "document",
  };

  populate (&first);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *rows = g_strdup_printf ("SELECT COUNT(*) FROM %s", tables[i]);
      g_autofree char *audited = g_strdup_printf ("SELECT COUNT(*) FROM audit_log "
                                                  "WHERE action = 'insert' AND entity = '%s'", tables[i]);
      gint64 n = count (first.db, rows);

      g_test_message ("%s: %" G_GINT64_FORMAT " rows", tables[i], n);
      g_assert_cmpint (n, >, 0);
      g_assert_cmpint (count (first.db, audited), ==, n);
    }
}

static void
test_deterministic (void)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  populate (&first);
  populate (&second);
  a = fingerprint (first.db);
  b = fingerprint (second.db);
  g_assert_cmpuint (strlen (a), >, 320 * 20);
  g_assert_cmpstr (a, ==, b);

  /* the documents too: their PDFs carry the document date, not the time of the run */
  g_assert_cmpint (count (first.db, "SELECT COUNT(*) FROM document"), ==, count (second.db, "SELECT COUNT(*) FROM document"));
  {
    g_autoptr(GError) error = NULL;
    const GType types[] = { G_TYPE_STRING, G_TYPE_NONE };
    g_autoptr(GdaDataModel) x = sy_database_select (first.db, "SELECT attachment_hash FROM document ORDER BY id", types, &error, NULL);
    g_autoptr(GdaDataModel) y = sy_database_select (second.db, "SELECT attachment_hash FROM document ORDER BY id", types, &error, NULL);

    g_assert_no_error (error);
    for (int row = 0; row < gda_data_model_get_n_rows (x); row++)
      g_assert_cmpstr (g_value_get_string (gda_data_model_get_value_at (x, 0, row, NULL)), ==,
                       g_value_get_string (gda_data_model_get_value_at (y, 0, row, NULL)));
  }
}

static void
test_refuses_non_empty (void)
{
  g_autoptr(GError) error = NULL;
  gint64 before, after;

  populate (&first);
  before = count (first.db, "SELECT COUNT(*) FROM recipient");
  g_assert_false (sy_demo_populate (first.db, SEED + 1, LAST_YEAR, NULL, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_FAILED);
  after = count (first.db, "SELECT COUNT(*) FROM recipient");
  g_assert_cmpint (before, ==, after);
}

/* A failure half way leaves nothing behind (and stops the photo workers). */
static void
test_failure_rolls_back (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(SyDatabase) db = sy_test_open_database (&dir);

  /* documents are written after the recipients: make them fail (a
   * constraint no row meets on PostgreSQL, which has no RAISE) */
  gda_connection_execute_non_select_command (sy_database_get_connection (db),
                                             sy_database_sql (db,
                                                              "CREATE TRIGGER refuse_documents BEFORE INSERT ON document "
                                                              "BEGIN SELECT RAISE (ABORT, 'refused by the test'); END",
                                                              "ALTER TABLE document ADD CONSTRAINT refuse_documents "
                                                              "CHECK (id < 0)"),
                                             &error);
  g_assert_no_error (error);

  g_assert_false (sy_demo_populate (db, SEED, LAST_YEAR, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("expected failure: %s", error->message);
  g_assert_true (sy_database_is_empty (db));
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM recipient"), ==, 0);
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM plan_item"), ==, 0);
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM setting WHERE key = 'office-name'"), ==, 0);

  g_clear_object (&db);
  sy_test_remove_tree (dir);
}

/* Other seeds and years work too, and give other people. */
static void
test_other_seed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(SyDatabase) db = sy_test_open_database (&dir);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_true (sy_demo_populate (db, 7, 2031, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM recipient"), >=, 320);
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM event WHERE date LIKE '2030-%'"), >=, 22);
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM plan WHERE year = 2031"), ==, 1);

  populate (&first);
  a = fingerprint (first.db);
  b = fingerprint (db);
  g_assert_cmpstr (a, !=, b);

  g_clear_object (&db);
  sy_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/office", test_office);
  g_test_add_func ("/demo/recipients", test_recipients);
  g_test_add_func ("/demo/plans", test_plans);
  g_test_add_func ("/demo/money", test_money);
  g_test_add_func ("/demo/events", test_events);
  g_test_add_func ("/demo/documents", test_documents);
  g_test_add_func ("/demo/audited", test_audited);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/refuses-non-empty", test_refuses_non_empty);
  g_test_add_func ("/demo/failure-rolls-back", test_failure_rolls_back);
  g_test_add_func ("/demo/other-seed", test_other_seed);

  status = g_test_run ();

  for (Office *office = &first; office != NULL; office = office == &first ? &second : NULL)
    if (office->db != NULL)
      {
        g_clear_object (&office->db);
        sy_test_remove_tree (office->dir);
        g_free (office->dir);
      }
  return status;
}
