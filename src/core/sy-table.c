/* sy-table.c: rows of text cells read from an imported file */
#include "sy-table.h"

#include <string.h>

typedef struct
{
  guint line;
  guint first_cell;  /* index into cells */
  guint n_cells;
} Row;

struct _SyTable
{
  GObject parent_instance;

  char    *source_name;
  GString *text;     /* every cell, NUL-terminated, back to back */
  GArray  *cells;    /* gsize offsets into text */
  GArray  *rows;     /* Row */

  /* the row being built */
  gboolean building;
  guint    row_line;
  guint    row_first_cell;
  gsize    row_text_start;
  gboolean row_has_content;
};

G_DEFINE_FINAL_TYPE (SyTable, sy_table, G_TYPE_OBJECT)

static void
sy_table_finalize (GObject *object)
{
  SyTable *self = SY_TABLE (object);

  g_free (self->source_name);
  g_string_free (self->text, TRUE);
  g_array_unref (self->cells);
  g_array_unref (self->rows);

  G_OBJECT_CLASS (sy_table_parent_class)->finalize (object);
}

static void
sy_table_class_init (SyTableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_table_finalize;
}

static void
sy_table_init (SyTable *self)
{
  /* Offset 0 is an empty string that every empty cell shares. */
  self->text = g_string_sized_new (4096);
  g_string_append_c (self->text, '\0');
  self->cells = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
}

SyTable *
sy_table_new (const char *source_name)
{
  SyTable *self = g_object_new (SY_TYPE_TABLE, NULL);

  self->source_name = g_strdup (source_name != NULL ? source_name : "");
  return self;
}

const char *
sy_table_get_source_name (SyTable *self)
{
  g_return_val_if_fail (SY_IS_TABLE (self), NULL);
  return self->source_name;
}

void
sy_table_begin_row (SyTable *self,
                    guint    line)
{
  g_return_if_fail (SY_IS_TABLE (self));
  g_return_if_fail (!self->building);

  self->building = TRUE;
  self->row_line = line;
  self->row_first_cell = self->cells->len;
  self->row_text_start = self->text->len;
  self->row_has_content = FALSE;
}

/* Length of the blank character at @p (0 if none).  Byte patterns rather
 * than g_utf8_get_char: this runs on every cell of every row. */
static gsize
blank_at (const char *p, const char *end)
{
  const guchar *u = (const guchar *) p;
  gsize avail = end - p;

  switch (u[0])
    {
    case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
      return 1;
    case 0xC2:  /* U+00A0 no-break space */
      return avail >= 2 && u[1] == 0xA0 ? 2 : 0;
    case 0xE3:  /* U+3000 ideographic space */
      return avail >= 3 && u[1] == 0x80 && u[2] == 0x80 ? 3 : 0;
    case 0xEF:  /* U+FEFF byte order mark / zero-width no-break space */
      return avail >= 3 && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
    case 0xE2:  /* U+2000–U+200D spaces and zero-width characters, U+202F */
      if (avail >= 3 && u[1] == 0x80 && ((u[2] >= 0x80 && u[2] <= 0x8D) || u[2] == 0xAF))
        return 3;
      return 0;
    default:
      return 0;
    }
}

/* Length of the blank character that ends just before @end (0 if none). */
static gsize
blank_before (const char *start, const char *end)
{
  const char *p = end - 1;

  /* Back up to the start of the last character (at most 3 bytes back for
   * the blanks we know). */
  while (p > start && end - p < 3 && ((guchar) *p & 0xC0) == 0x80)
    p--;
  if (blank_at (p, end) == (gsize) (end - p))
    return end - p;
  return 0;
}

void
sy_table_add_cell (SyTable    *self,
                   const char *text,
                   gssize      length)
{
  const char *start = text;
  const char *end;
  gsize n;
  gsize offset = 0;

  g_return_if_fail (SY_IS_TABLE (self));
  g_return_if_fail (self->building);

  if (text == NULL)
    text = start = "";
  end = text + (length < 0 ? strlen (text) : (gsize) length);

  while (start < end && (n = blank_at (start, end)) > 0)
    start += n;
  while (end > start && (n = blank_before (start, end)) > 0)
    end -= n;

  if (end > start)
    {
      offset = self->text->len;
      g_string_append_len (self->text, start, end - start);
      g_string_append_c (self->text, '\0');
      self->row_has_content = TRUE;
    }
  g_array_append_val (self->cells, offset);
}

void
sy_table_end_row (SyTable *self)
{
  g_return_if_fail (SY_IS_TABLE (self));
  g_return_if_fail (self->building);

  self->building = FALSE;
  if (!self->row_has_content)
    {
      g_array_set_size (self->cells, self->row_first_cell);
      g_string_truncate (self->text, self->row_text_start);
      return;
    }

  g_array_append_vals (self->rows,
                       &(Row) {
                         .line = self->row_line,
                         .first_cell = self->row_first_cell,
                         .n_cells = self->cells->len - self->row_first_cell,
                       }, 1);
}

guint
sy_table_get_n_rows (SyTable *self)
{
  g_return_val_if_fail (SY_IS_TABLE (self), 0);
  return self->rows->len;
}

static const Row *
get_row (SyTable *self, guint row)
{
  return &g_array_index (self->rows, Row, row);
}

guint
sy_table_get_line (SyTable *self,
                   guint    row)
{
  g_return_val_if_fail (SY_IS_TABLE (self), 0);
  g_return_val_if_fail (row < self->rows->len, 0);
  return get_row (self, row)->line;
}

guint
sy_table_get_n_cells (SyTable *self,
                      guint    row)
{
  g_return_val_if_fail (SY_IS_TABLE (self), 0);
  g_return_val_if_fail (row < self->rows->len, 0);
  return get_row (self, row)->n_cells;
}

const char *
sy_table_get_cell (SyTable *self,
                   guint    row,
                   guint    column)
{
  const Row *r;

  g_return_val_if_fail (SY_IS_TABLE (self), "");
  g_return_val_if_fail (row < self->rows->len, "");

  r = get_row (self, row);
  if (column >= r->n_cells)
    return "";
  return self->text->str + g_array_index (self->cells, gsize, r->first_cell + column);
}
