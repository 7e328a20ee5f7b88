/* sy-plan-parser.c: numbered outline out of pasted plan text */
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sy-error.h"
#include "sy-plan-parser.h"

enum {
  STYLE_NONE = 0,
  STYLE_CN_DUN,       /* 一、 */
  STYLE_CN_PAREN,     /* （一） (一) */
  STYLE_NUM_DUN,      /* 1、 */
  STYLE_NUM_DOT,      /* 1. 1． */
  STYLE_NUM_RPAREN,   /* 1） 1) */
  STYLE_NUM_PAREN,    /* （1） (1) */
  STYLE_CIRCLED,      /* ① */
  STYLE_HEADING = 100 /* + number of #s */
};

/* Lines shorter than this, with no punctuation, read as titles, not as prose
 * broken by a page end. */
#define PROSE_MIN_CHARS 20
/* An item line this long without a full stop is a sentence cut by a page
 * end rather than a heading: headings are shorter, a printed line longer. */
#define TITLE_MIN_PROSE_CHARS 24

static gboolean
is_blank_char (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x3000 || c == 0x00A0 || c == 0xFEFF;
}

static gboolean
is_cn_numeral (gunichar c)
{
  return c != 0 && g_utf8_strchr ("一二三四五六七八九十百零〇", -1, c) != NULL;
}

static gboolean
is_digit (gunichar c)
{
  return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static gboolean
char_in (gunichar c, const char *set)
{
  return c != 0 && g_utf8_strchr (set, -1, c) != NULL;
}

static const char *
skip_blank (const char *p)
{
  while (*p && is_blank_char (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

/* Trims blanks (full-width ones too) from both ends. */
static char *
trim (const char *start, const char *end)
{
  const char *last;

  while (start < end && is_blank_char (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      last = g_utf8_prev_char (end);
      if (!is_blank_char (g_utf8_get_char (last)))
        break;
      end = last;
    }
  return g_strndup (start, end - start);
}

/* A raw line made plain: trimmed, Markdown list bullets and backslash
 * escapes ("\*\*社区", as the web-to-Markdown copies have them) removed. */
static char *
normalise_line (const char *start, const char *end)
{
  g_autofree char *line = trim (start, end);
  const char *p = line;
  GString *out;

  if ((p[0] == '-' || p[0] == '*' || p[0] == '+') && (p[1] == ' ' || p[1] == '\t'))
    p = skip_blank (p + 1);
  else if (g_str_has_prefix (p, "•"))
    p = skip_blank (p + strlen ("•"));

  out = g_string_sized_new (strlen (p));
  for (; *p; p++)
    {
      if (p[0] == '\\' && p[1] != '\0' && g_ascii_ispunct (p[1]))
        p++;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Recognises a numbering label at the start of @s: sets @style, @label_end
 * (end of the label as written) and @rest (the title after it). */
static gboolean
match_label (const char *s, int *style, const char **label_end, const char **rest)
{
  const char *p = s;
  gunichar c = g_utf8_get_char (p);
  int n = 0;

  *style = STYLE_NONE;
  if (c == '(' || c == 0xFF08)
    {
      p = g_utf8_next_char (p);
      if (is_cn_numeral (g_utf8_get_char (p)))
        {
          for (n = 0; is_cn_numeral (g_utf8_get_char (p)); n++)
            p = g_utf8_next_char (p);
          *style = STYLE_CN_PAREN;
        }
      else
        {
          for (n = 0; is_digit (g_utf8_get_char (p)); n++)
            p = g_utf8_next_char (p);
          *style = STYLE_NUM_PAREN;
        }
      c = g_utf8_get_char (p);
      if (n == 0 || n > 3 || (c != ')' && c != 0xFF09))
        return FALSE;
      p = g_utf8_next_char (p);
    }
  else if (is_cn_numeral (c))
    {
      for (n = 0; is_cn_numeral (g_utf8_get_char (p)); n++)
        p = g_utf8_next_char (p);
      if (n > 3 || g_utf8_get_char (p) != 0x3001)
        return FALSE;
      p = g_utf8_next_char (p);
      *style = STYLE_CN_DUN;
    }
  else if (is_digit (c))
    {
      for (n = 0; is_digit (g_utf8_get_char (p)); n++)
        p = g_utf8_next_char (p);
      c = g_utf8_get_char (p);
      if (n > 3)
        return FALSE;
      if (c == 0x3001)
        *style = STYLE_NUM_DUN;
      else if (c == ')' || c == 0xFF09)
        *style = STYLE_NUM_RPAREN;
      else if ((c == '.' || c == 0xFF0E)
               /* 1.5万元 is a number, not a label */
               && !is_digit (g_utf8_get_char (g_utf8_next_char (p))))
        *style = STYLE_NUM_DOT;
      else
        return FALSE;
      p = g_utf8_next_char (p);
    }
  else if (c >= 0x2460 && c <= 0x2473)
    {
      p = g_utf8_next_char (p);
      *style = STYLE_CIRCLED;
    }
  else
    return FALSE;

  *label_end = p;
  /* "①、" and "① " both carry the label ①. */
  if (*style == STYLE_CIRCLED && char_in (g_utf8_get_char (p), "、.．"))
    p = g_utf8_next_char (p);
  *rest = skip_blank (p);
  return **rest != '\0';
}

static gunichar
last_char (GString *s)
{
  if (s->len == 0)
    return 0;
  return g_utf8_get_char (g_utf8_find_prev_char (s->str, s->str + s->len));
}

static gboolean
ends_sentence (GString *s)
{
  return char_in (last_char (s), "。！？；：!?;:”’」』…");
}

static gboolean
ends_pause (GString *s)
{
  return char_in (last_char (s), "，、,");
}

static gboolean
has_any (GString *s, const char *set)
{
  for (const char *p = s->str; *p; p = g_utf8_next_char (p))
    if (char_in (g_utf8_get_char (p), set))
      return TRUE;
  return FALSE;
}

static gboolean
is_cjk (gunichar c)
{
  return c >= 0x2E80;
}

/* Appends a continuation line: no space between CJK text, one between words. */
static void
append_joined (GString *buf, const char *text)
{
  gunichar a = last_char (buf), b = g_utf8_get_char (text);

  if (a != 0 && !is_cjk (a) && !is_cjk (b) && !g_unichar_isspace (a))
    g_string_append_c (buf, ' ');
  g_string_append (buf, text);
}

typedef enum {
  BLOCK_NONE,
  BLOCK_TITLE,   /* an item's own line(s) */
  BLOCK_PARA,    /* a preface or body paragraph */
} BlockKind;

typedef struct {
  SyPlanOutline *outline;
  GString *buf;
  BlockKind kind;
  gboolean heading;          /* the block is a # heading: one line by definition */
  GPtrArray *preface;        /* char * */
  GPtrArray *body;           /* char *, of the last item */
  GArray *styles;            /* OpenStyle, outermost first */
} Parser;

/* Whether the next unnumbered line continues the block being built. */
static gboolean
continues (Parser *p)
{
  if (p->kind == BLOCK_NONE || p->heading || ends_sentence (p->buf))
    return FALSE;
  if (ends_pause (p->buf))
    return TRUE;
  if (p->kind == BLOCK_TITLE)
    return has_any (p->buf, "。！？；!?;")
           || g_utf8_strlen (p->buf->str, -1) >= TITLE_MIN_PROSE_CHARS;
  return has_any (p->buf, "，、。！？；：,;:")
         || g_utf8_strlen (p->buf->str, -1) >= PROSE_MIN_CHARS;
}

static SyPlanOutlineItem *
last_item (Parser *p)
{
  GPtrArray *items = p->outline->items;
  return items->len ? g_ptr_array_index (items, items->len - 1) : NULL;
}

static void
flush_block (Parser *p)
{
  SyPlanOutlineItem *item = last_item (p);

  if (p->kind == BLOCK_TITLE)
    item->title = g_strdup (p->buf->str);
  else if (p->kind == BLOCK_PARA)
    g_ptr_array_add (item ? p->body : p->preface, g_strdup (p->buf->str));
  g_string_truncate (p->buf, 0);
  p->kind = BLOCK_NONE;
  p->heading = FALSE;
}

static char *
join_paragraphs (GPtrArray *paras)
{
  char *text;

  if (paras->len == 0)
    return NULL;
  g_ptr_array_add (paras, NULL);
  text = g_strjoinv ("\n", (char **) paras->pdata);
  g_ptr_array_set_size (paras, 0);
  return text;
}

static void
finish_item (Parser *p)
{
  SyPlanOutlineItem *item = last_item (p);

  flush_block (p);
  if (item != NULL)
    item->body = join_paragraphs (p->body);
}

typedef struct {
  int style;
  int depth;   /* number of #s for a heading, 0 for a plain numbered line */
} OpenStyle;

/* The level of an item of @style (@depth #s, or 0): a known style pops back
 * to its level; a new one nests under the innermost open style, except that
 * a heading first closes everything down to a heading with fewer #s, so a
 * "## 二、" after plain "1、" lines does not end up beneath them. */
static guint
level_for_style (GArray *styles, int style, int depth)
{
  OpenStyle open = { style, depth };

  for (guint i = 0; i < styles->len; i++)
    if (g_array_index (styles, OpenStyle, i).style == style)
      {
        g_array_set_size (styles, i + 1);
        return i;
      }
  if (depth > 0)
    while (styles->len > 0)
      {
        OpenStyle *top = &g_array_index (styles, OpenStyle, styles->len - 1);
        if (top->depth > 0 && top->depth < depth)
          break;
        g_array_set_size (styles, styles->len - 1);
      }
  g_array_append_val (styles, open);
  return styles->len - 1;
}

static void
start_item (Parser *p, int style, const char *label, gsize label_len,
            const char *title, int depth, guint line)
{
  SyPlanOutlineItem *item = g_new0 (SyPlanOutlineItem, 1);

  finish_item (p);
  item->level = level_for_style (p->styles, style, depth);
  item->label = g_strndup (label, label_len);
  item->line = line;
  g_ptr_array_add (p->outline->items, item);
  g_string_assign (p->buf, title);
  p->kind = BLOCK_TITLE;
  p->heading = depth > 0;
}

/* A "# …" line: sets @depth and @text (the heading without #s). */
static gboolean
match_heading (const char *line, int *depth, char **text)
{
  const char *p = line, *end;

  for (*depth = 0; *p == '#'; p++)
    (*depth)++;
  if (*depth == 0 || *depth > 6)
    return FALSE;
  end = p + strlen (p);
  while (end > p && (end[-1] == '#' || end[-1] == ' '))
    end--;
  *text = trim (p, end);
  return TRUE;
}

static void
parse_line (Parser *p, const char *line, guint line_no, gboolean *blank_before)
{
  g_autofree char *heading_text = NULL;
  const char *text = line, *label_end, *rest;
  gboolean heading = FALSE;
  int depth, style;

  if (match_heading (line, &depth, &heading_text))
    {
      heading = TRUE;
      text = heading_text;
    }
  if (*text == '\0')
    {
      *blank_before = TRUE;
      return;
    }

  if (match_label (text, &style, &label_end, &rest))
    start_item (p, style, text, label_end - text, rest, heading ? depth : 0, line_no);
  else if (heading)
    start_item (p, STYLE_HEADING + depth, "", 0, text, depth, line_no);
  else if (continues (p))
    append_joined (p->buf, text);
  else
    {
      flush_block (p);
      g_string_assign (p->buf, text);
      p->kind = BLOCK_PARA;
    }
  *blank_before = FALSE;
}

/* A short, unpunctuated first paragraph is the plan's name. */
static void
take_title (SyPlanOutline *outline, GPtrArray *preface)
{
  const char *first;
  GString probe;

  if (preface->len == 0)
    return;
  first = g_ptr_array_index (preface, 0);
  probe.str = (char *) first;
  probe.len = strlen (first);
  if (g_utf8_strlen (first, -1) > 40 || has_any (&probe, "，、。！？；：,;:"))
    return;
  outline->title = g_ptr_array_steal_index (preface, 0);
}

static void
item_free (SyPlanOutlineItem *item)
{
  g_free (item->label);
  g_free (item->title);
  g_free (item->body);
  g_free (item);
}

SyPlanOutline *
sy_plan_parse_text (const char *text, gssize length, GError **error)
{
  g_autoptr(SyPlanOutline) outline = g_new0 (SyPlanOutline, 1);
  g_autoptr(GPtrArray) preface = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) body = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) styles = g_array_new (FALSE, FALSE, sizeof (OpenStyle));
  g_autoptr(GString) buf = g_string_new (NULL);
  Parser p = { outline, buf, BLOCK_NONE, FALSE, preface, body, styles };
  const char *end, *line;
  gboolean blank_before = FALSE;
  guint line_no = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (text);
  outline->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The plan text is not UTF-8; save it as UTF-8 text and try again"));
      return NULL;
    }
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  end = text + length;
  for (line = text; line < end; )
    {
      const char *nl = memchr (line, '\n', end - line);
      const char *line_end = nl ? nl : end;
      g_autofree char *clean = normalise_line (line, line_end);

      parse_line (&p, clean, ++line_no, &blank_before);
      line = nl ? nl + 1 : end;
    }
  finish_item (&p);

  if (outline->items->len == 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("No outline found: a plan needs numbered lines such as “一、”, "
                     "“（一）”, “1、”, “1.” or “①”, or headings written with #"));
      return NULL;
    }
  take_title (outline, preface);
  outline->preface = join_paragraphs (preface);
  return g_steal_pointer (&outline);
}

void
sy_plan_outline_free (SyPlanOutline *outline)
{
  if (outline == NULL)
    return;
  if (outline->items)
    g_ptr_array_free (outline->items, TRUE);
  g_free (outline->title);
  g_free (outline->preface);
  g_free (outline);
}

char *
sy_plan_outline_format (SyPlanOutline *outline)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < outline->items->len; i++)
    {
      SyPlanOutlineItem *item = g_ptr_array_index (outline->items, i);
      const char *title = item->title ? item->title : "";
      const char *nl = strchr (title, '\n');

      for (guint l = 0; l < item->level; l++)
        g_string_append (out, "  ");
      g_string_append (out, item->label);
      if (*item->label && *title)
        g_string_append_c (out, ' ');
      g_string_append_len (out, title, nl ? nl - title : (gssize) strlen (title));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
