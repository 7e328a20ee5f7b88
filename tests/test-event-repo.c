/* test-event-repo.c: saving activities with their units, visits and photos */
#include "sy-store.h"
#include "sy-test-util.h"
#include "sy-test-db.h"
#include "sy-store-private.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char        *dir;
  SyDatabase  *db;
  SyEventRepo *repo;
  gint64       person_a;
  gint64       person_b;
  gint64       unit_a;
  gint64       unit_b;
} Fixture;

static gint64
add_person (Fixture *f, const char *name)
{
  g_autoptr(SyRecipientRepo) repo = sy_recipient_repo_new (f->db);
  g_autoptr(SyRecipient) r = sy_recipient_new ();
  g_autoptr(GError) error = NULL;

  sy_recipient_set_name (r, name);
  g_assert_true (sy_recipient_repo_save (repo, r, NULL, &error));
  g_assert_no_error (error);
  return sy_record_get_id (SY_RECORD (r));
}

static gint64
add_unit (Fixture *f, const char *name)
{
  g_autoptr(SyMilitaryUnit) unit = sy_military_unit_new ();
  g_autoptr(GError) error = NULL;

  sy_military_unit_set_name (unit, name);
  g_assert_true (sy_event_repo_add_military_unit (f->repo, unit, &error));
  g_assert_no_error (error);
  return sy_record_get_id (SY_RECORD (unit));
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->db = sy_test_open_database (&f->dir);
  sy_database_set_actor (f->db, "desk-a");
  f->repo = sy_event_repo_new (f->db);
  f->person_a = add_person (f, "王建国");
  f->person_b = add_person (f, "李秀英");
  f->unit_a = add_unit (f, "武警清源中队");
  f->unit_b = add_unit (f, "空军某雷达站");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->repo);
  g_clear_object (&f->db);
  sy_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
count (SyDatabase *db, const char *sql, gint64 id)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (sy_database_query_int64 (db, &n, sql, &error, "id", G_TYPE_INT64, id, NULL));
  g_assert_no_error (error);
  return n;
}

static SyEvent *
event_new (const char *title)
{
  SyEvent *e = sy_event_new ();

  sy_event_set_kind (e, "走访慰问");
  sy_event_set_title (e, title);
  sy_event_set_date (e, "2025-1-20 9:30");
  sy_event_set_place (e, "城关镇");
  sy_event_set_leaders (e, 3);
  sy_event_set_soldiers (e, 0);
  sy_event_set_civilians (e, 12);
  return e;
}

static SyEventRecipient *
visit_new (gint64 person, const char *gift, gint64 fen)
{
  SyEventRecipient *v = sy_event_recipient_new ();

  sy_event_recipient_set_recipient_id (v, person);
  sy_event_recipient_set_gift (v, gift);
  sy_event_recipient_set_money_fen (v, fen);
  return v;
}

static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static SyEventPhoto *
prepare (Fixture *f, GPtrArray *photos, const char *content, GError **error)
{
  g_autoptr(GBytes) bytes = bytes_of (content);

  return sy_event_repo_prepare_photo (f->repo, photos, bytes, "image/jpeg", "x.jpg", content, error);
}

static void
test_parse_date (void)
{
  const struct { const char *in, *out; } good[] = {
    { "2025-01-20", "2025-01-20" },
    { " 2025-1-2 ", "2025-01-02" },
    { "2025/1/20 9:05", "2025-01-20 09:05" },
    { "2025年1月20日", "2025-01-20" },
    { "2025-01-20T14:30", "2025-01-20 14:30" },
  };
  const char *bad[] = { "", "2025-02-30", "明天", "2025-01-20 25:00", "2025-01-20 abc", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = sy_event_repo_parse_date (good[i].in, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (iso, ==, good[i].out);
    }
  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = sy_event_repo_parse_date (bad[i], &error);

      g_assert_null (iso);
      g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "2025-01-20"));
    }
}

/* An activity with two units, two visits and two photos, read back. */
static void
test_save_all (Fixture *f, gconstpointer data)
{
  g_autoptr(SyEvent) e = event_new ("春节走访慰问");
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) stored_units = NULL;
  g_autoptr(GListModel) stored_visits = NULL;
  g_autoptr(GListModel) stored_photos = NULL;
  g_autoptr(SyEvent) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) kinds = NULL;
  gint64 id;

  g_array_append_val (units, f->unit_a);
  g_array_append_val (units, f->unit_b);
  g_ptr_array_add (visits, visit_new (f->person_a, "米、油", 50000));
  g_ptr_array_add (visits, visit_new (f->person_b, NULL, 80050));
  g_ptr_array_add (photos, prepare (f, photos, "photo-one", &error));
  g_assert_no_error (error);
  g_ptr_array_add (photos, prepare (f, photos, "photo-two", &error));
  g_assert_no_error (error);

  g_assert_true (sy_event_repo_save (f->repo, e, units, visits, photos, &error));
  g_assert_no_error (error);
  id = sy_record_get_id (SY_RECORD (e));
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (sy_record_get_version (SY_RECORD (e)), ==, 1);
  g_assert_cmpstr (sy_event_get_date (e), ==, "2025-01-20 09:30");
  g_assert_cmpint (sy_record_get_id (g_ptr_array_index (visits, 1)), >, 0);
  g_assert_cmpint (sy_event_photo_get_event_id (g_ptr_array_index (photos, 0)), ==, id);

  loaded = sy_database_load (f->db, SY_TYPE_EVENT, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_event_get_title (loaded), ==, "春节走访慰问");
  g_assert_cmpint (sy_event_get_civilians (loaded), ==, 12);

  stored_units = sy_event_repo_list_military_unit_ids (f->repo, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored_units->len, ==, 2);

  stored_visits = sy_queries_event_recipients (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stored_visits), ==, 2);
  {
    g_autoptr(SyEventRecipient) v = g_list_model_get_item (stored_visits, 1);

    g_assert_cmpint (sy_event_recipient_get_recipient_id (v), ==, f->person_b);
    g_assert_cmpint (sy_event_recipient_get_money_fen (v), ==, 80050);
    g_assert_null (sy_event_recipient_get_gift (v));
  }

  stored_photos = sy_queries_event_photos (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stored_photos), ==, 2);
  {
    g_autoptr(SyEventPhoto) p = g_list_model_get_item (stored_photos, 0);
    g_autoptr(GBytes) content = sy_attachment_store_load (sy_database_get_attachments (f->db),
                                                          sy_event_photo_get_attachment_hash (p), &error);

    g_assert_no_error (error);
    /* The original, byte for byte. */
    g_assert_cmpmem (g_bytes_get_data (content, NULL), g_bytes_get_size (content), "photo-one", 9);
    g_assert_true (sy_event_photo_get_in_ledger (p));
  }

  kinds = sy_queries_event_kinds (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (kinds), ==, 1);
  g_assert_cmpstr (kinds[0], ==, "走访慰问");

  /* Saving unchanged lists writes no child rows again. */
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'event_photo' "
                          "AND ##id::gint64 = 0", 0), ==, 2);
  g_assert_true (sy_event_repo_save (f->repo, e, units, visits, photos, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'event_photo' "
                          "AND ##id::gint64 = 0", 0), ==, 2);
  g_assert_cmpint (sy_record_get_version (SY_RECORD (e)), ==, 2);

  /* The same units in another order are the same links: not rewritten. */
  {
    gint64 links = count (f->db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'event_military_unit' "
                          "AND ##id::gint64 = 0", 0);
    g_autoptr(GArray) reversed = g_array_new (FALSE, FALSE, sizeof (gint64));

    g_array_append_val (reversed, f->unit_b);
    g_array_append_val (reversed, f->unit_a);
    g_assert_true (sy_event_repo_save (f->repo, e, reversed, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'event_military_unit' "
                            "AND ##id::gint64 = 0", 0), ==, links);
    g_array_remove_index (reversed, 0);
    g_assert_true (sy_event_repo_save (f->repo, e, reversed, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM event_military_unit WHERE event_id = ##id::gint64",
                            id), ==, 1);
    g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'event_military_unit' "
                            "AND ##id::gint64 = 0", 0), ==, links + 1);
  }
}

static void
test_required (Fixture *f, gconstpointer data)
{
  g_autoptr(SyEvent) e = event_new ("");
  g_autoptr(GError) error = NULL;

  g_assert_false (sy_event_repo_save (f->repo, e, NULL, NULL, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);

  sy_event_set_title (e, "座谈会");
  sy_event_set_date (e, "2025-13-01");
  g_assert_false (sy_event_repo_save (f->repo, e, NULL, NULL, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);

  sy_event_set_date (e, "2025-03-01");
  sy_event_set_soldiers (e, -1);
  g_assert_false (sy_event_repo_save (f->repo, e, NULL, NULL, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_cmpint (sy_record_get_id (SY_RECORD (e)), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM event WHERE id > ##id::gint64", 0), ==, 0);
}

/* The same bytes twice: refused by hash, whatever the name; nothing stored. */
static void
test_duplicate_photo (Fixture *f, gconstpointer data)
{
  g_autoptr(SyEvent) e = event_new ("国防教育讲座");
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyEventPhoto) again = NULL;
  g_autoptr(SyEventPhoto) stored = NULL;
  g_autoptr(GBytes) same = bytes_of ("same-photo");
  g_autoptr(GBytes) other = bytes_of ("other-photo");
  gint64 attachments;

  g_ptr_array_add (photos, prepare (f, photos, "same-photo", &error));
  g_assert_no_error (error);
  attachments = count (f->db, "SELECT COUNT(*) FROM attachment WHERE ##id::gint64 = 0", 0);

  again = prepare (f, photos, "same-photo", &error);
  g_assert_null (again);
  g_assert_error (error, SY_ERROR, SY_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "This photo is already in the activity");
  g_clear_error (&error);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM attachment WHERE ##id::gint64 = 0", 0), ==,
                   attachments);

  /* A list that holds it twice (built by hand) is refused by save too. */
  g_ptr_array_add (photos, sy_record_copy (g_ptr_array_index (photos, 0)));
  g_assert_false (sy_event_repo_save (f->repo, e, NULL, NULL, photos, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_ptr_array_remove_index (photos, 1);
  g_assert_true (sy_event_repo_save (f->repo, e, NULL, NULL, photos, &error));
  g_assert_no_error (error);

  /* Against the stored photos (folder intake). */
  stored = sy_event_repo_add_photo (f->repo, e, same, "image/jpeg", "IMG_0002.jpg", NULL, &error);
  g_assert_null (stored);
  g_assert_error (error, SY_ERROR, SY_ERROR_DUPLICATE);
  g_clear_error (&error);
  stored = sy_event_repo_add_photo (f->repo, e, other, "image/jpeg", "IMG_0003.jpg", "说明", &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpint (sy_event_photo_get_position (stored), ==, 1);
  g_assert_cmpint (sy_event_get_photo_count (e), ==, 2);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM event_photo WHERE event_id = ##id::gint64",
                          sy_record_get_id (SY_RECORD (e))), ==, 2);
}

/* Order, captions, the ledger flag and removal, saved with the activity. */
static void
test_reorder_caption_remove (Fixture *f, gconstpointer data)
{
  g_autoptr(SyEvent) e = event_new ("军民联欢晚会");
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) stored = NULL;
  const char *names[] = { "p-a", "p-b", "p-c" };
  char *hash_c;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_ptr_array_add (photos, prepare (f, photos, names[i], &error));
      g_assert_no_error (error);
    }
  g_assert_true (sy_event_repo_save (f->repo, e, NULL, NULL, photos, &error));
  g_assert_no_error (error);

  /* c moves to the front, b leaves, a gets a caption and leaves the ledger. */
  hash_c = g_strdup (sy_event_photo_get_attachment_hash (g_ptr_array_index (photos, 2)));
  g_ptr_array_insert (photos, 0, g_object_ref (g_ptr_array_index (photos, 2)));
  g_ptr_array_remove_index (photos, 3);
  g_ptr_array_remove_index (photos, 2);
  sy_event_photo_set_caption (g_ptr_array_index (photos, 1), "新的说明");
  sy_event_photo_set_in_ledger (g_ptr_array_index (photos, 1), FALSE);
  g_assert_true (sy_event_repo_save (f->repo, e, NULL, NULL, photos, &error));
  g_assert_no_error (error);

  stored = sy_queries_event_photos (f->db, sy_record_get_id (SY_RECORD (e)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 2);
  {
    g_autoptr(SyEventPhoto) first = g_list_model_get_item (stored, 0);
    g_autoptr(SyEventPhoto) second = g_list_model_get_item (stored, 1);

    g_assert_cmpstr (sy_event_photo_get_attachment_hash (first), ==, hash_c);
    g_assert_cmpint (sy_event_photo_get_position (first), ==, 0);
    g_assert_true (sy_event_photo_get_in_ledger (first));
    g_assert_cmpstr (sy_event_photo_get_caption (second), ==, "新的说明");
    g_assert_false (sy_event_photo_get_in_ledger (second));
    g_assert_cmpint (sy_event_photo_get_position (second), ==, 1);
  }
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'event_photo' "
                          "AND action = 'delete' AND ##id::gint64 = 0", 0), ==, 1);
  g_free (hash_c);
}

static void
test_visits (Fixture *f, gconstpointer data)
{
  g_autoptr(SyEvent) e = event_new ("春节走访");
  g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_ptr_array_add (visits, visit_new (f->person_a, "慰问品", 50000));
  g_ptr_array_add (visits, visit_new (f->person_b, NULL, 0));
  g_assert_true (sy_event_repo_save (f->repo, e, NULL, visits, NULL, &error));
  g_assert_no_error (error);
  id = sy_record_get_id (SY_RECORD (e));

  /* Edit one, remove the other, and the same person twice is refused. */
  sy_event_recipient_set_needs (g_ptr_array_index (visits, 0), "房屋漏雨");
  sy_event_recipient_set_follow_up (g_ptr_array_index (visits, 0), "已转镇民政办");
  g_ptr_array_remove_index (visits, 1);
  g_ptr_array_add (visits, visit_new (f->person_a, NULL, 100));
  g_assert_false (sy_event_repo_save (f->repo, e, NULL, visits, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_ptr_array_remove_index (visits, 1);

  /* Negative money is refused, inside the transaction: nothing changes. */
  sy_event_recipient_set_money_fen (g_ptr_array_index (visits, 0), -1);
  g_assert_false (sy_event_repo_save (f->repo, e, NULL, visits, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM event_recipient WHERE event_id = ##id::gint64", id), ==, 2);
  sy_event_recipient_set_money_fen (g_ptr_array_index (visits, 0), 60000);

  g_assert_true (sy_event_repo_save (f->repo, e, NULL, visits, NULL, &error));
  g_assert_no_error (error);
  stored = sy_queries_event_recipients (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 1);
  {
    g_autoptr(SyEventRecipient) v = g_list_model_get_item (stored, 0);

    g_assert_cmpint (sy_event_recipient_get_recipient_id (v), ==, f->person_a);
    g_assert_cmpint (sy_event_recipient_get_money_fen (v), ==, 60000);
    g_assert_cmpstr (sy_event_recipient_get_needs (v), ==, "房屋漏雨");
    g_assert_cmpstr (sy_event_recipient_get_follow_up (v), ==, "已转镇民政办");
  }
}

/* Two desks edit the same activity: the second save is refused, naming
 * the first desk, and nothing of it is written. */
static void
test_conflict (Fixture *f, gconstpointer data)
{
  g_autoptr(SyEvent) e = event_new ("座谈会");
  g_autoptr(SyEvent) stale = NULL;
  g_autoptr(SyEvent) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) photo = bytes_of ("intake");
  g_autoptr(SyEventPhoto) added = NULL;

  g_assert_true (sy_event_repo_save (f->repo, e, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  stale = SY_EVENT (sy_record_copy (SY_RECORD (e)));

  sy_database_set_actor (f->db, "desk-b");
  sy_event_set_outcome (e, "desk-b wrote this");
  g_assert_true (sy_event_repo_save (f->repo, e, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  sy_database_set_actor (f->db, "desk-a");
  sy_event_set_outcome (stale, "desk-a wrote this");
  g_assert_false (sy_event_repo_save (f->repo, stale, NULL, NULL, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "desk-b"));
  g_clear_error (&error);
  g_assert_cmpint (sy_record_get_version (SY_RECORD (stale)), ==, 1);

  loaded = sy_database_load (f->db, SY_TYPE_EVENT, sy_record_get_id (SY_RECORD (e)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_event_get_outcome (loaded), ==, "desk-b wrote this");

  /* A photo added from the folder intake makes an open editor stale too. */
  added = sy_event_repo_add_photo (f->repo, loaded, photo, "image/jpeg", "a.jpg", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (sy_event_repo_save (f->repo, e, NULL, NULL, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_CONFLICT);
}

/* A photo that cannot be inserted (its attachment is missing) rolls back
 * everything saved before it in the same call. */
static void
test_transaction (Fixture *f, gconstpointer data)
{
  g_autoptr(SyEvent) e = event_new ("原标题");
  g_autoptr(SyEvent) loaded = NULL;
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  SyEventPhoto *ghost;
  gint64 id;

  g_ptr_array_add (photos, prepare (f, photos, "good", &error));
  g_assert_no_error (error);
  g_assert_true (sy_event_repo_save (f->repo, e, NULL, NULL, photos, &error));
  g_assert_no_error (error);
  id = sy_record_get_id (SY_RECORD (e));

  sy_event_set_title (e, "新标题");
  g_array_append_val (units, f->unit_a);
  g_ptr_array_add (visits, visit_new (f->person_a, "慰问品", 100));
  ghost = sy_event_photo_new ();
  sy_event_photo_set_attachment_hash (ghost, "0000000000000000000000000000000000000000000000000000000000000000");
  g_ptr_array_add (photos, ghost);
  g_assert_false (sy_event_repo_save (f->repo, e, units, visits, photos, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Photo 2"));
  g_clear_error (&error);

  /* The caller's objects are as they were, and so is the database. */
  g_assert_cmpint (sy_record_get_version (SY_RECORD (e)), ==, 1);
  g_assert_cmpint (sy_record_get_id (g_ptr_array_index (visits, 0)), ==, 0);
  loaded = sy_database_load (f->db, SY_TYPE_EVENT, id, NULL);
  g_assert_cmpstr (sy_event_get_title (loaded), ==, "原标题");
  g_assert_cmpint (sy_record_get_version (SY_RECORD (loaded)), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM event_recipient WHERE event_id = ##id::gint64", id), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM event_military_unit WHERE event_id = ##id::gint64", id), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM event_photo WHERE event_id = ##id::gint64", id), ==, 1);

  /* Without the ghost the same call goes through. */
  g_ptr_array_remove_index (photos, 1);
  g_assert_true (sy_event_repo_save (f->repo, e, units, visits, photos, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM event_military_unit WHERE event_id = ##id::gint64", id), ==, 1);
}

static void
test_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(SyEvent) e = event_new ("共建签约");
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(SyEvent) stale = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_array_append_val (units, f->unit_b);
  g_ptr_array_add (visits, visit_new (f->person_b, NULL, 0));
  g_ptr_array_add (photos, prepare (f, photos, "kept-file", &error));
  g_assert_no_error (error);
  g_assert_true (sy_event_repo_save (f->repo, e, units, visits, photos, &error));
  g_assert_no_error (error);
  id = sy_record_get_id (SY_RECORD (e));
  stale = SY_EVENT (sy_record_copy (SY_RECORD (e)));
  sy_record_set_version (SY_RECORD (stale), 0);
  g_assert_false (sy_event_repo_delete (f->repo, stale, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM event_photo WHERE event_id = ##id::gint64", id), ==, 1);

  g_assert_true (sy_event_repo_delete (f->repo, e, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM event WHERE id = ##id::gint64", id), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM event_photo WHERE event_id = ##id::gint64", id), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM event_recipient WHERE event_id = ##id::gint64", id), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM event_military_unit WHERE event_id = ##id::gint64", id), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'event' AND action = 'delete' "
                          "AND entity_id = ##id::gint64", id), ==, 1);
  /* The file stays: other records may hold the same bytes. */
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM attachment WHERE ##id::gint64 = 0", 0), ==, 1);
}

static void
test_military_units (Fixture *f, gconstpointer data)
{
  g_autoptr(SyMilitaryUnit) again = sy_military_unit_new ();
  g_autoptr(SyMilitaryUnit) blank = sy_military_unit_new ();
  g_autoptr(GListModel) units = NULL;
  g_autoptr(GError) error = NULL;

  sy_military_unit_set_name (again, " 武警清源中队 ");
  g_assert_false (sy_event_repo_add_military_unit (f->repo, again, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (sy_event_repo_add_military_unit (f->repo, blank, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);

  units = sy_queries_military_units (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, 2);
}

static void
test_default_caption (void)
{
  g_autoptr(SyEvent) e = event_new ("春节走访慰问");
  g_autofree char *caption = NULL;

  sy_event_set_date (e, "2025-01-20 09:30");
  caption = sy_event_repo_default_caption (e);
  g_assert_cmpstr (caption, ==, "2025年1月20日 城关镇 春节走访慰问");
}

/* A plan of @year titled @title with 一、@section and under it （一）@leaf;
 * @leaf_id gets the leaf's id. */
static gint64
add_plan (Fixture    *f,
          int         year,
          const char *title,
          const char *section,
          const char *leaf,
          gint64     *leaf_id)
{
  g_autoptr(SyPlan) plan = sy_plan_new ();
  g_autoptr(SyPlanRepo) plans = sy_plan_repo_new (f->db);
  g_autoptr(SyPlanItem) top = NULL;
  g_autoptr(SyPlanItem) child = NULL;
  g_autoptr(GError) error = NULL;

  sy_plan_set_year (plan, year);
  sy_plan_set_title (plan, title);
  g_assert_true (sy_database_insert (f->db, SY_RECORD (plan), &error));
  g_assert_no_error (error);
  top = sy_plan_repo_add_item (plans, sy_record_get_id (SY_RECORD (plan)), NULL, SY_PLAN_ADD_AFTER,
                               section, &error);
  g_assert_no_error (error);
  child = sy_plan_repo_add_item (plans, sy_record_get_id (SY_RECORD (plan)), top, SY_PLAN_ADD_CHILD,
                                 leaf, &error);
  g_assert_no_error (error);
  *leaf_id = sy_record_get_id (SY_RECORD (child));
  return sy_record_get_id (SY_RECORD (top));
}

static gint64
stored_plan_item (Fixture *f, gint64 event_id)
{
  return count (f->db, "SELECT COALESCE (plan_item_id, 0) FROM event WHERE id = ##id::gint64", event_id);
}

/* The plan item is saved with the activity and cleared; the picker's
 * choices are the items of the activity's year, "label title" with the
 * outline path; an item deleted meanwhile refuses the save. */
static void
test_plan_item (Fixture *f, gconstpointer data)
{
  g_autoptr(SyEvent) e = event_new ("春节走访");
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(GPtrArray) other_year = NULL;
  g_autoptr(SyEventPlanChoice) choice = NULL;
  g_autoptr(SyPlanItem) doomed = NULL;
  g_autoptr(SyPlanRepo) plans = sy_plan_repo_new (f->db);
  g_autoptr(SyPlanDeletion) deletion = NULL;
  g_autoptr(GError) error = NULL;
  gint64 leaf = 0, other_leaf = 0, section, id;

  section = add_plan (f, 2025, "2025年双拥工作计划", "走访慰问", "春节走访慰问重点优抚对象", &leaf);
  add_plan (f, 2024, "2024年双拥工作计划", "军民共建", "签订共建协议", &other_leaf);

  choices = sy_event_repo_plan_choices (f->repo, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (choices->len, ==, 2);
  {
    SyEventPlanChoice *c0 = g_ptr_array_index (choices, 0);
    SyEventPlanChoice *c1 = g_ptr_array_index (choices, 1);

    g_assert_cmpint (c0->id, ==, section);
    g_assert_cmpstr (c0->text, ==, "一、走访慰问");
    g_assert_cmpstr (c0->path, ==, "2025年双拥工作计划");
    g_assert_cmpint (c1->id, ==, leaf);
    g_assert_cmpstr (c1->text, ==, "（一）春节走访慰问重点优抚对象");
    g_assert_cmpstr (c1->path, ==, "2025年双拥工作计划 › 一、走访慰问");
  }
  other_year = sy_event_repo_plan_choices (f->repo, 2023, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other_year->len, ==, 0);

  /* Linked on the first save, in the same row. */
  sy_event_set_plan_item_id (e, leaf);
  g_assert_true (sy_event_repo_save (f->repo, e, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  id = sy_record_get_id (SY_RECORD (e));
  g_assert_cmpint (stored_plan_item (f, id), ==, leaf);
  choice = sy_event_repo_plan_choice (f->repo, leaf, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (choice->path, ==, "2025年双拥工作计划 › 一、走访慰问");

  /* Another item, then none. */
  sy_event_set_plan_item_id (e, other_leaf);
  g_assert_true (sy_event_repo_save (f->repo, e, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_plan_item (f, id), ==, other_leaf);
  sy_event_set_plan_item_id (e, 0);
  g_assert_true (sy_event_repo_save (f->repo, e, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_plan_item (f, id), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'event' AND action = 'update' "
                          "AND entity_id = ##id::gint64", id), ==, 2);

  /* The Plans tab deletes the item while the editor holds it: refused,
   * nothing written, and the message says what to do. */
  doomed = sy_database_load (f->db, SY_TYPE_PLAN_ITEM, leaf, &error);
  g_assert_no_error (error);
  deletion = sy_plan_repo_delete (plans, doomed, &error);
  g_assert_no_error (error);
  sy_event_set_plan_item_id (e, leaf);
  sy_event_set_title (e, "改了标题");
  g_assert_false (sy_event_repo_save (f->repo, e, NULL, NULL, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "deleted"));
  g_clear_error (&error);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM event WHERE id = ##id::gint64 AND title = '春节走访'", id),
                   ==, 1);
  g_assert_null (sy_event_repo_plan_choice (f->repo, leaf, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_NOT_FOUND);
}

/* The seeded 考评 standards (codes "1" … "8"), by code. */
static gint64
assessment_item (Fixture *f, const char *code)
{
  g_autoptr(SyAssessmentRepo) repo = sy_assessment_repo_new (f->db);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = sy_assessment_repo_list_items (repo, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(SyAssessmentItem) item = g_list_model_get_item (items, i);

      if (sy_assessment_item_get_parent_id (item) == 0
          && g_strcmp0 (sy_assessment_item_get_code (item), code) == 0)
        return sy_record_get_id (SY_RECORD (item));
    }
  g_error ("no 考评 standard %s", code);
  return 0;
}

static GArray *
ids_of (gint64 first, ...)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;

  va_start (args, first);
  for (gint64 id = first; id != 0; id = va_arg (args, gint64))
    g_array_append_val (ids, id);
  va_end (args);
  return ids;
}

static gint64
n_links (Fixture *f, gint64 event_id)
{
  return count (f->db, "SELECT COUNT(*) FROM assessment_link WHERE entity = 'event' "
                "AND entity_id = ##id::gint64", event_id);
}

/* 考评 links are written with the activity, replaced as a set, kept when
 * not given, rolled back with a failed save and deleted with it. */
static void
test_assessment_links (Fixture *f, gconstpointer data)
{
  g_autoptr(SyEvent) e = event_new ("国防教育进校园");
  g_autoptr(SyEvent) loaded = NULL;
  g_autoptr(GArray) two = NULL;
  g_autoptr(GArray) one = NULL;
  g_autoptr(GArray) ghost = NULL;
  g_autoptr(GArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 s2 = assessment_item (f, "2"), s5 = assessment_item (f, "5"), id;

  g_assert_cmpint (s2, >, 0);
  g_assert_cmpint (s5, >, 0);
  two = ids_of (s5, s2, s5, (gint64) 0);   /* twice is once */
  g_assert_true (sy_event_repo_save_linked (f->repo, e, NULL, NULL, NULL, two, &error));
  g_assert_no_error (error);
  id = sy_record_get_id (SY_RECORD (e));
  g_assert_cmpint (n_links (f, id), ==, 2);
  listed = sy_event_repo_list_assessment_item_ids (f->repo, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpint (g_array_index (listed, gint64, 0), ==, s2);   /* outline order */
  g_assert_cmpint (g_array_index (listed, gint64, 1), ==, s5);

  /* NULL keeps them; the plain save keeps them too. */
  g_assert_true (sy_event_repo_save_linked (f->repo, e, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sy_event_repo_save (f->repo, e, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_links (f, id), ==, 2);

  /* An item deleted meanwhile fails the whole save: title and links stay. */
  ghost = ids_of (s2, (gint64) 999999, (gint64) 0);
  sy_event_set_title (e, "不该写入");
  g_assert_false (sy_event_repo_save_linked (f->repo, e, NULL, NULL, NULL, ghost, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (n_links (f, id), ==, 2);
  loaded = sy_database_load (f->db, SY_TYPE_EVENT, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_event_get_title (loaded), ==, "国防教育进校园");

  /* Replaced as a set: s2 goes, s5 stays (its row untouched). */
  sy_event_set_title (e, "国防教育进校园");
  one = ids_of (s5, (gint64) 0);
  g_assert_true (sy_event_repo_save_linked (f->repo, e, NULL, NULL, NULL, one, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_links (f, id), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM assessment_link WHERE entity = 'event' "
                          "AND entity_id = ##id::gint64 AND version = 1", id), ==, 1);

  g_assert_true (sy_event_repo_delete (f->repo, e, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_links (f, id), ==, 0);
}

/* An editor holding a stale copy cannot overwrite the plan item or the
 * links another desk saved. */
static void
test_stale_links (Fixture *f, gconstpointer data)
{
  g_autoptr(SyEvent) e = event_new ("座谈会");
  g_autoptr(SyEvent) stale = NULL;
  g_autoptr(GArray) links = NULL;
  g_autoptr(GArray) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 leaf = 0, id;

  add_plan (f, 2025, "2025年计划", "组织领导", "召开领导小组会议", &leaf);
  g_assert_true (sy_event_repo_save (f->repo, e, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  id = sy_record_get_id (SY_RECORD (e));
  stale = SY_EVENT (sy_record_copy (SY_RECORD (e)));

  sy_database_set_actor (f->db, "desk-b");
  sy_event_set_plan_item_id (e, leaf);
  links = ids_of (assessment_item (f, "1"), (gint64) 0);
  g_assert_true (sy_event_repo_save_linked (f->repo, e, NULL, NULL, NULL, links, &error));
  g_assert_no_error (error);

  sy_database_set_actor (f->db, "desk-a");
  other = ids_of (assessment_item (f, "7"), (gint64) 0);
  g_assert_false (sy_event_repo_save_linked (f->repo, stale, NULL, NULL, NULL, other, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "desk-b"));
  g_clear_error (&error);
  g_assert_cmpint (stored_plan_item (f, id), ==, leaf);
  g_assert_cmpint (count (f->db, "SELECT item_id FROM assessment_link WHERE entity = 'event' "
                          "AND entity_id = ##id::gint64", id), ==, assessment_item (f, "1"));
}

/* The Events tab's search: substrings of title, place, content and
 * participants, literally (% and _ are text), with kind and year. */
static void
test_search (Fixture *f, gconstpointer data)
{
  const struct { const char *kind, *title, *date, *place, *content, *participants; } rows[] = {
    { "走访慰问", "春节走访慰问", "2025-01-20", "城关镇", "慰问重点优抚对象", "县领导" },
    { "座谈会", "军地座谈会", "2025-07-30", "人武部", "通报100%完成情况", NULL },
    { "国防教育", "国防教育进校园", "2024-09-21", "第一中学", NULL, "武警中队官兵" },
  };
  const struct { const char *text, *kind; int year; guint n; } cases[] = {
    { NULL, NULL, 0, 3 },
    { "慰问", NULL, 0, 1 },          /* title and content of one row */
    { "中", NULL, 0, 1 },            /* place 第一中学 and participants 中队 */
    { "人武", NULL, 0, 1 },          /* place */
    { "武警", NULL, 0, 1 },          /* participants */
    { "100%", NULL, 0, 1 },          /* a literal percent sign */
    { "%", NULL, 0, 1 },
    { "_", NULL, 0, 0 },
    { NULL, "座谈会", 0, 1 },
    { NULL, NULL, 2025, 2 },
    { NULL, NULL, 2024, 1 },
    { "会", NULL, 2025, 1 },
    { "会", "走访慰问", 2025, 0 },
  };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) years = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(SyEvent) e = sy_event_new ();

      sy_event_set_kind (e, rows[i].kind);
      sy_event_set_title (e, rows[i].title);
      sy_event_set_date (e, rows[i].date);
      sy_event_set_place (e, rows[i].place);
      sy_event_set_content (e, rows[i].content);
      sy_event_set_participants (e, rows[i].participants);
      g_assert_true (sy_event_repo_save (f->repo, e, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SyEventFilter filter = { cases[i].text, cases[i].kind, cases[i].year };
      g_autoptr(SyQueryModel) found = sy_queries_events_filtered (f->db, &filter, &error);

      g_assert_no_error (error);
      if (g_list_model_get_n_items (G_LIST_MODEL (found)) != cases[i].n)
        g_error ("case %u (%s, %s, %d): %u rows, expected %u", i, cases[i].text, cases[i].kind, cases[i].year,
                 g_list_model_get_n_items (G_LIST_MODEL (found)), cases[i].n);
    }
  /* Newest first, with the photo counts, a page at a time. */
  {
    g_autoptr(SyQueryModel) all = sy_queries_events_filtered (f->db, NULL, &error);
    g_autoptr(SyEvent) first = NULL;

    g_assert_no_error (error);
    g_assert_true (_sy_query_model_is_paged (all));
    first = g_list_model_get_item (G_LIST_MODEL (all), 0);
    g_assert_cmpstr (sy_event_get_title (first), ==, "军地座谈会");
  }
  years = sy_queries_event_years (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (years), ==, 2);
  g_assert_cmpstr (years[0], ==, "2025");
  g_assert_cmpstr (years[1], ==, "2024");
}

/* Money given on a visit, saved as the editor saves it, is what the
 * payment audit counts as paid 慰问金 for that person — once, however
 * often the activity is saved, and without a disbursement line. */
static void
test_visit_money_audit (Fixture *f, gconstpointer data)
{
  g_autoptr(SyEvent) e = event_new ("春节走访慰问");
  g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SySubsidyStandard) standard = sy_subsidy_standard_new ();
  g_autoptr(SyRecipientCategory) category = sy_recipient_category_new ();
  g_autoptr(GError) error = NULL;
  gint64 fen = 0;

  g_autoptr(SyRecipient) person = sy_recipient_new ();
  g_autoptr(GDate) birth = g_date_new_dmy (1, 3, 1960);
  g_autofree char *id_number = sy_id_number_generate ("360426", birth, 21);
  gint64 who;

  /* Written directly, as in test-payment-audit.c: the repo would add a
   * 新增 row dated today, and the person would be 在册 only from then. */
  sy_recipient_set_name (person, "赵桂兰");
  sy_recipient_set_id_number (person, id_number);
  sy_recipient_set_village (person, "城关村");
  sy_recipient_set_status (person, "在册");
  g_assert_true (sy_database_insert (f->db, SY_RECORD (person), &error));
  g_assert_no_error (error);
  who = sy_record_get_id (SY_RECORD (person));

  /* 慰问金 500元 once a year for 烈士遗属; 赵桂兰 is one. */
  sy_subsidy_standard_set_kind (standard, "慰问金");
  sy_subsidy_standard_set_category (standard, "烈士遗属");
  sy_subsidy_standard_set_amount_fen (standard, 50000);
  sy_subsidy_standard_set_period (standard, "次");
  sy_subsidy_standard_set_effective_from (standard, "2025-01-01");
  g_assert_true (sy_database_insert (f->db, SY_RECORD (standard), &error));
  g_assert_no_error (error);
  sy_recipient_category_set_recipient_id (category, who);
  sy_recipient_category_set_category (category, "烈士遗属");
  g_assert_true (sy_database_insert (f->db, SY_RECORD (category), &error));
  g_assert_no_error (error);

  /* Before the visit: missed. */
  {
    g_autoptr(SyPaymentAudit) audit = sy_payment_audit_new (f->db, 2025);

    sy_payment_audit_set_today (audit, "2025-12-31");
    g_assert_true (sy_payment_audit_run (audit, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (sy_payment_audit_get_n_checked (audit), ==, 1);
    g_assert_cmpuint (sy_payment_audit_get_n_ok (audit), ==, 0);
  }

  /* The editor's money entry reads "500" (元) and saves 分. */
  g_assert_true (sy_money_parse ("500", &fen, &error));
  g_assert_no_error (error);
  g_ptr_array_add (visits, visit_new (who, "慰问品", fen));
  g_assert_true (sy_event_repo_save (f->repo, e, NULL, visits, NULL, &error));
  g_assert_no_error (error);
  /* Saved again (another field edited): still one visit. */
  sy_event_set_outcome (e, "已送达");
  g_assert_true (sy_event_repo_save (f->repo, e, NULL, visits, NULL, &error));
  g_assert_no_error (error);

  {
    g_autoptr(SyPaymentAudit) audit = sy_payment_audit_new (f->db, 2025);
    int kind = -1;

    sy_payment_audit_set_today (audit, "2025-12-31");
    g_assert_true (sy_payment_audit_run (audit, NULL, &error));
    g_assert_no_error (error);
    for (guint i = 0; i < sy_payment_audit_get_n_kinds (audit); i++)
      if (g_strcmp0 (sy_payment_audit_get_kind (audit, i), "慰问金") == 0)
        kind = (int) i;
    g_assert_cmpint (kind, >=, 0);
    g_assert_cmpint (sy_payment_audit_get_paid (audit, kind, 0), ==, 50000);
    g_assert_cmpint (sy_payment_audit_get_paid (audit, kind, 1), ==, 50000);   /* January */
    g_assert_cmpuint (sy_payment_audit_get_n_checked (audit), ==, 1);
    g_assert_cmpuint (sy_payment_audit_get_n_ok (audit), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (sy_payment_audit_get_findings (audit)), ==, 0);
  }
  /* No second entry anywhere: the visit row is the payment. */
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM disbursement_line WHERE recipient_id = ##id::gint64",
                          who), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT COUNT(*) FROM event_recipient WHERE recipient_id = ##id::gint64",
                          who), ==, 1);

  /* Less money on the visit: underpaid. */
  sy_event_recipient_set_money_fen (g_ptr_array_index (visits, 0), 30000);
  g_assert_true (sy_event_repo_save (f->repo, e, NULL, visits, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SyPaymentAudit) audit = sy_payment_audit_new (f->db, 2025);
    g_autoptr(SyPaymentFinding) finding = NULL;

    sy_payment_audit_set_today (audit, "2025-12-31");
    g_assert_true (sy_payment_audit_run (audit, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (sy_payment_audit_get_findings (audit)), ==, 1);
    finding = g_list_model_get_item (sy_payment_audit_get_findings (audit), 0);
    g_assert_cmpint (sy_payment_finding_get_problem (finding), ==, SY_PAYMENT_UNDERPAID);
    g_assert_cmpint (sy_payment_finding_get_paid_fen (finding), ==, 30000);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/event-repo/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/event-repo/parse-date", test_parse_date);
  g_test_add_func ("/event-repo/default-caption", test_default_caption);
  ADD ("save-all", test_save_all);
  ADD ("required", test_required);
  ADD ("duplicate-photo", test_duplicate_photo);
  ADD ("reorder-caption-remove", test_reorder_caption_remove);
  ADD ("visits", test_visits);
  ADD ("conflict", test_conflict);
  ADD ("transaction", test_transaction);
  ADD ("delete", test_delete);
  ADD ("military-units", test_military_units);
  ADD ("plan-item", test_plan_item);
  ADD ("assessment-links", test_assessment_links);
  ADD ("stale-links", test_stale_links);
  ADD ("search", test_search);
  ADD ("visit-money-audit", test_visit_money_audit);
#undef ADD
  return g_test_run ();
}
