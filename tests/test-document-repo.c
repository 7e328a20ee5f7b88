/* test-document-repo.c: storing archived documents with their attachment, and searching them */
#include "sy-ledger.h"
#include "sy-test-util.h"
#include "sy-test-db.h"
#include "sy-document-test-pdf.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char           *dir;
  SyDatabase     *db;
  SyDocumentRepo *repo;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->db = sy_test_open_database (&f->dir);
  sy_database_set_actor (f->db, "desk-a");
  f->repo = sy_document_repo_new (f->db);
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
count (Fixture *f, const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (sy_database_query_int64 (f->db, &n, sql, &error, NULL));
  g_assert_no_error (error);
  return n;
}

/* The document an intake of @pdf proposes, as the importer builds it. */
static SyDocument *
document_for (SyDocumentIntake *intake)
{
  SyDocument *doc = sy_document_new ();

  sy_document_set_title (doc, intake->title);
  sy_document_set_body_text (doc, intake->text);
  return doc;
}

static SyDocumentIntake *
intake_of (GBytes *bytes, const char *name)
{
  g_autoptr(GError) error = NULL;
  SyDocumentIntake *intake = sy_document_intake_check (bytes, name, NULL, &error);

  g_assert_no_error (error);
  return intake;
}

static void
test_import (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) pdf = sy_test_make_pdf ("关于开展双拥模范县创建工作的通知");
  g_autoptr(SyDocumentIntake) intake = intake_of (pdf, "通知.pdf");
  g_autoptr(SyDocument) doc = document_for (intake);
  g_autoptr(SyDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stored = NULL;

  sy_document_set_doc_number (doc, " 清双拥〔2025〕3号 ");
  sy_document_set_issuer (doc, "清源县双拥工作领导小组");
  sy_document_set_date (doc, "2025年3月5日");
  sy_document_set_tags (doc, "县级文件");
  g_assert_true (sy_document_repo_import (f->repo, doc, pdf, intake->mime_type, intake->name, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sy_record_get_id (SY_RECORD (doc)), >, 0);
  g_assert_cmpstr (sy_document_get_attachment_hash (doc), ==, intake->hash);

  loaded = sy_database_load (f->db, SY_TYPE_DOCUMENT, sy_record_get_id (SY_RECORD (doc)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sy_document_get_title (loaded), ==, "关于开展双拥模范县创建工作的通知");
  g_assert_cmpstr (sy_document_get_doc_number (loaded), ==, "清双拥〔2025〕3号");
  g_assert_cmpstr (sy_document_get_date (loaded), ==, "2025-03-05");
  g_assert_cmpstr (sy_document_get_mime_type (loaded), ==, "application/pdf");
  g_assert_nonnull (strstr (sy_document_get_body_text (loaded), SY_TEST_PAGE2_WORD));
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM attachment"), ==, 1);
  stored = sy_attachment_store_load (sy_database_get_attachments (f->db), intake->hash, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (stored, pdf));
  /* One audit row for the document. */
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM audit_log WHERE entity = 'document'"), ==, 1);
}

static void
test_duplicate (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) pdf = sy_test_make_pdf ("双拥工作要点");
  g_autoptr(SyDocumentIntake) intake = intake_of (pdf, "要点.pdf");
  g_autoptr(SyDocument) first = document_for (intake);
  g_autoptr(SyDocument) second = document_for (intake);
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_document_repo_import (f->repo, first, pdf, intake->mime_type, "要点.pdf", NULL, &error));
  g_assert_no_error (error);
  sy_document_set_title (second, "另一个标题");
  g_assert_false (sy_document_repo_import (f->repo, second, pdf, intake->mime_type, "要点副本.pdf", NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "要点副本.pdf"));
  g_assert_nonnull (strstr (error->message, "«双拥工作要点»"));
  g_assert_cmpint (sy_record_get_id (SY_RECORD (second)), ==, 0);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM document"), ==, 1);
}

static gboolean
attachment_file_exists (Fixture *f, const char *hash)
{
  return sy_attachment_store_contains (sy_database_get_attachments (f->db), hash);
}

static void
test_failure_leaves_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) pdf = sy_test_make_pdf ("失败");
  g_autoptr(SyDocumentIntake) intake = intake_of (pdf, "失败.pdf");
  g_autoptr(SyDocument) doc = document_for (intake);
  g_autoptr(GError) error = NULL;

  /* A row that the database refuses after the attachment went in: the
   * 考评 item does not exist (foreign key). */
  sy_document_set_assessment_item_id (doc, 987654);
  g_assert_false (sy_document_repo_import (f->repo, doc, pdf, intake->mime_type, "失败.pdf", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM document"), ==, 0);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM attachment"), ==, 0);
  g_assert_false (attachment_file_exists (f, intake->hash));
  g_assert_cmpint (sy_record_get_id (SY_RECORD (doc)), ==, 0);

  /* A link to a 考评 item that does not exist fails after the row went in. */
  sy_document_set_assessment_item_id (doc, 0);
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    gint64 bogus = 987654;

    g_array_append_val (ids, bogus);
    g_assert_false (sy_document_repo_import (f->repo, doc, pdf, intake->mime_type, "失败.pdf", ids, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM document"), ==, 0);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM attachment"), ==, 0);
  g_assert_false (attachment_file_exists (f, intake->hash));

  /* A missing title is refused before anything is written. */
  sy_document_set_assessment_item_id (doc, 0);
  sy_document_set_title (doc, "  ");
  g_assert_false (sy_document_repo_import (f->repo, doc, pdf, intake->mime_type, "失败.pdf", NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  sy_document_set_title (doc, "标题");
  sy_document_set_date (doc, "三月");
  g_assert_false (sy_document_repo_import (f->repo, doc, pdf, intake->mime_type, "失败.pdf", NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (attachment_file_exists (f, intake->hash));

  /* The same file then imports fine. */
  sy_document_set_date (doc, NULL);
  g_assert_true (sy_document_repo_import (f->repo, doc, pdf, intake->mime_type, "失败.pdf", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (attachment_file_exists (f, intake->hash));
}

static guint
n_found (Fixture *f, const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyQueryModel) model = sy_queries_documents_search (f->db, text, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static void
test_search (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) pdf = sy_test_make_pdf ("关于表彰的决定");
  g_autoptr(GBytes) png = sy_test_make_png ();
  g_autoptr(SyDocumentIntake) a = intake_of (pdf, "决定.pdf");
  g_autoptr(SyDocumentIntake) b = intake_of (png, "Voucher 凭证.png");
  g_autoptr(SyDocument) da = document_for (a);
  g_autoptr(SyDocument) db = document_for (b);
  g_autoptr(GError) error = NULL;

  sy_document_set_tags (db, "经费下拨凭证");
  sy_document_set_doc_number (da, "清双拥〔2025〕7号");
  g_assert_true (sy_document_repo_import (f->repo, da, pdf, a->mime_type, a->name, NULL, &error));
  g_assert_true (sy_document_repo_import (f->repo, db, png, b->mime_type, b->name, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (n_found (f, NULL), ==, 2);
  g_assert_cmpuint (n_found (f, "  "), ==, 2);
  /* Only on page 2 of the PDF, in the middle of a sentence. */
  g_assert_cmpuint (n_found (f, "模范单"), ==, 1);
  g_assert_cmpuint (n_found (f, "〔2025〕7"), ==, 1);
  g_assert_cmpuint (n_found (f, "下拨"), ==, 1);
  g_assert_cmpuint (n_found (f, "voucher"), ==, 1);
  g_assert_cmpuint (n_found (f, "表彰"), ==, 1);
  g_assert_cmpuint (n_found (f, "不存在的词"), ==, 0);
  /* like() wildcards in the user's text are taken literally. */
  g_assert_cmpuint (n_found (f, "v%r"), ==, 0);
}

static void
test_save_delete_restore (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) pdf = sy_test_make_pdf ("协议");
  g_autoptr(SyDocumentIntake) intake = intake_of (pdf, "协议.pdf");
  g_autoptr(SyDocument) doc = document_for (intake);
  g_autoptr(SyDocument) stale = NULL;
  g_autoptr(GArray) links = NULL;
  g_autoptr(GError) error = NULL;
  gint64 item_id = 0;

  g_assert_true (sy_document_repo_import (f->repo, doc, pdf, intake->mime_type, intake->name, NULL, &error));
  g_assert_no_error (error);
  stale = SY_DOCUMENT (sy_record_copy (SY_RECORD (doc)));

  sy_document_set_issuer (doc, "武警清源中队");
  g_assert_true (sy_document_repo_save (f->repo, doc, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sy_record_get_version (SY_RECORD (doc)), ==, 2);
  sy_document_set_issuer (stale, "别处改的");
  g_assert_false (sy_document_repo_save (f->repo, stale, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_CONFLICT);
  g_clear_error (&error);

  /* 考评 links: set with a save, gone with the delete, back with the undo. */
  g_assert_true (sy_database_query_int64 (f->db, &item_id, "SELECT MIN (id) FROM assessment_item", &error, NULL));
  g_assert_no_error (error);
  g_assert_cmpint (item_id, >, 0);
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GArray) got = NULL;
    gint64 second = item_id + 1;

    g_array_append_val (ids, item_id);
    g_array_append_val (ids, second);
    g_array_append_val (ids, item_id);  /* twice: linked once */
    g_assert_true (sy_document_repo_save (f->repo, doc, ids, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count (f, "SELECT COUNT(*) FROM assessment_link WHERE entity = 'document'"), ==, 2);
    g_array_set_size (ids, 1);
    g_assert_true (sy_document_repo_save (f->repo, doc, ids, &error));
    g_assert_no_error (error);
    got = sy_document_repo_get_item_ids (f->repo, sy_record_get_id (SY_RECORD (doc)), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (got->len, ==, 1);
    g_assert_cmpint (g_array_index (got, gint64, 0), ==, item_id);
    /* A link to an item that does not exist fails the whole save. */
    {
      gint64 bogus = 987654;

      g_array_append_val (ids, bogus);
      sy_document_set_tags (doc, "不该保存");
      g_assert_false (sy_document_repo_save (f->repo, doc, ids, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_assert_cmpint (count (f, "SELECT COUNT(*) FROM document WHERE tags = '不该保存'"), ==, 0);
      sy_document_set_tags (doc, NULL);
    }
  }
  g_assert_true (sy_document_repo_delete (f->repo, doc, &links, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM document"), ==, 0);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM assessment_link"), ==, 0);
  g_assert_cmpuint (links->len, ==, 1);
  /* The attachment stays: attachments are immutable and may be shared. */
  g_assert_true (attachment_file_exists (f, intake->hash));

  g_assert_true (sy_document_repo_restore (f->repo, doc, links, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM document WHERE issuer = '武警清源中队'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM assessment_link"), ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/document-repo/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("import", test_import);
  ADD ("duplicate", test_duplicate);
  ADD ("failure-leaves-nothing", test_failure_leaves_nothing);
  ADD ("search", test_search);
  ADD ("save-delete-restore", test_save_delete_restore);
#undef ADD
  return g_test_run ();
}
