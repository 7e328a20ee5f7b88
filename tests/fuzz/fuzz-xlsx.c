/* fuzz-xlsx.c: libFuzzer target for SyXlsxReader
 *
 * Two ways in, chosen by the first byte:
 *   even: the rest is the file as picked in the import dialog (zip
 *         container, damaged zips, OLE files);
 *   odd:  the rest is up to four XML parts separated by NUL bytes — sheet,
 *         shared strings, styles, workbook — which this target packs into a
 *         well-formed zip with the usual relationships.  Mutating a zip
 *         directly mostly breaks its CRCs, so this is what reaches the XML
 *         and number-format code.
 * Every sheet the workbook lists is read; the reader returns a table or a
 * GError, never crashes, leaks or hangs.
 */
#include <stdint.h>
#include <string.h>
#include <archive.h>
#include <archive_entry.h>

#include "fuzz-util.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char content_types[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
  "</Types>";

static const char root_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
  "</Relationships>";

static const char workbook_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
  "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
  "</Relationships>";

static const char default_workbook[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
  "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

static void
add_member (struct archive *a, const char *name, const void *data, size_t size)
{
  struct archive_entry *entry = archive_entry_new ();

  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size);
  g_assert (archive_write_header (a, entry) == ARCHIVE_OK);
  if (size > 0)
    g_assert (archive_write_data (a, data, size) == (la_ssize_t) size);
  archive_entry_free (entry);
}

/* A stored (uncompressed) zip of the parts in @data. */
static GBytes *
pack_parts (const uint8_t *data, size_t size)
{
  static const char *names[] = {
    "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
  };
  struct archive *a = archive_write_new ();
  size_t capacity = size + 64 * 1024;
  guchar *buffer = g_malloc (capacity);
  size_t used = 0;
  size_t start = 0;
  gboolean have_workbook = FALSE;

  archive_write_set_format_zip (a);
  archive_write_set_options (a, "zip:compression=store");
  archive_write_open_memory (a, buffer, capacity, &used);
  add_member (a, "[Content_Types].xml", content_types, strlen (content_types));
  add_member (a, "_rels/.rels", root_rels, strlen (root_rels));
  add_member (a, "xl/_rels/workbook.xml.rels", workbook_rels, strlen (workbook_rels));
  for (guint part = 0; part < G_N_ELEMENTS (names) && start <= size; part++)
    {
      const uint8_t *nul = memchr (data + start, '\0', size - start);
      size_t end = nul ? (size_t) (nul - data) : size;

      add_member (a, names[part], data + start, end - start);
      have_workbook = have_workbook || part == 3;
      start = end + 1;
    }
  if (!have_workbook)
    add_member (a, "xl/workbook.xml", default_workbook, strlen (default_workbook));
  g_assert (archive_write_close (a) == ARCHIVE_OK);
  archive_write_free (a);
  return g_bytes_new_take (g_realloc (buffer, used), used);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(SyXlsxReader) reader = sy_xlsx_reader_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (size == 0)
    return 0;
  if (data[0] & 1)
    bytes = pack_parts (data + 1, size - 1);
  else
    bytes = g_bytes_new (data + 1, size - 1);

  if (!sy_xlsx_reader_open_bytes (reader, bytes, "fuzz.xlsx", &error))
    {
      g_assert (error != NULL);
      return 0;
    }
  for (guint i = 0; i < sy_xlsx_reader_get_n_sheets (reader) && i < 4; i++)
    {
      g_autoptr(SyTable) table = NULL;
      g_autoptr(GError) sheet_error = NULL;
      const char *name = sy_xlsx_reader_get_sheet_names (reader)[i];

      g_assert (sy_xlsx_reader_find_sheet (reader, name) >= 0);
      table = sy_xlsx_reader_read_sheet (reader, i, &sheet_error);
      g_assert ((table == NULL) != (sheet_error == NULL));
      if (table != NULL)
        fuzz_walk_table (table);
    }
  return 0;
}
