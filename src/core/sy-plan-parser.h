/* sy-plan-parser.h: a 工作计划 pasted as text, turned into an outline
 *
 * Recognised item labels: 一、  （一）/(一)  1、  1.  1）/1)  （1）/(1)  ①, and
 * Markdown headings (# …).  Levels come from the numbering *style* in order
 * of first appearance, not from a fixed ladder: the first style seen is
 * level 0, a new style met under it is level 1, and a return to a style
 * already open pops back to its level, so a plan that starts at （一） still
 * parses.  A # heading without a label nests by its number of #s (fewer
 * #s = higher level); one with a label ("### 一、…") counts as that label's
 * style.  （一） and (一) are the same style, as are 1. and 1．.
 *
 * Lines broken inside a sentence (copy from PDF, page breaks: "军\n\n事技能")
 * are joined, without a space between CJK characters: a line that does not
 * end a sentence (。！？；：” …) continues on the next unnumbered line when it
 * reads as prose — it holds punctuation already, or it is 20 characters or
 * more.  A numbered line continues only if it holds a full sentence
 * (。！？；), ends in a pause (，、) or is 24 characters or more (a printed
 * line, not a heading), so a heading such as "一、加强领导，形成合力" keeps
 * its body as a separate paragraph.  # headings never continue.
 *
 * Paragraphs before the first item are the preface.  Paragraphs after an
 * item's own line, up to the next item, are its body (kept apart from the
 * title; the importer appends them to the stored title after a newline so
 * that nothing the user wrote is lost).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint level;   /* 0 = top */
  char *label;   /* as written: "一、", "（一）", "1.", "①"; "" for a # heading */
  char *title;   /* the item's own line(s), joined */
  char *body;    /* the paragraphs after it, "\n"-separated; NULL if none */
  guint line;    /* 1-based line of the label in the input */
} SyPlanOutlineItem;

typedef struct {
  char *title;       /* a short first line before everything else ("2025年双拥工作计划"), or NULL */
  char *preface;     /* the paragraphs before the first item, "\n"-separated; NULL if none */
  GPtrArray *items;  /* SyPlanOutlineItem *, in document order */
} SyPlanOutline;

/* Parses UTF-8 @text (a BOM, CRLF and full-width spaces are fine).  NULL
 * with SY_ERROR_INVALID if the text is not UTF-8 or has no numbered item. */
SyPlanOutline *sy_plan_parse_text (const char *text, gssize length, GError **error);

void sy_plan_outline_free (SyPlanOutline *outline);

/* One line per item: two spaces per level, then "LABEL TITLE" (the title's
 * first line only).  Caller frees. */
char *sy_plan_outline_format (SyPlanOutline *outline);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyPlanOutline, sy_plan_outline_free)

G_END_DECLS
