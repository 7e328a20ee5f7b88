/* sy-year-summary.h: the draft 年终总结 of a year, as .odt or PDF
 *
 * The draft reads like an office's year-end summary: a title, an opening
 * paragraph, 一、工作开展情况 with the year's figures (plan items done and
 * not done, activities by type, headcounts, visits, 慰问金, photos) and one
 * chart (activities by month and type), then 二、主要做法和成效
 * 三、存在的问题和不足 四、下一步工作打算, whose substance only the office can
 * write: every such place is marked 【待补充：…】 for the user.  Nothing is
 * said that the data does not show.
 *
 * The .odt (OpenDocument text, for LibreOffice, WPS and Word) has the chart
 * as Pictures/chart.png; the PDF is laid out with the ledger's text engine
 * and paints the chart as vectors.  Both are written to a temporary file
 * beside @path and renamed over it (an old file is untouched on failure).
 */
#pragma once

#include "sy-ledger-document.h"
#include "sy-year-report.h"

G_BEGIN_DECLS

/* The draft as plain text, one paragraph a line (headings included), for
 * tests and previews.  @unit_name: the office (NULL: none).  Caller frees. */
char     *sy_year_summary_text  (const SyYearReport *report,
                                 const char         *unit_name);

/* Writes the draft to @path: OpenDocument text if it ends in .odt, PDF if
 * in .pdf (else SY_ERROR_INVALID).  SY_ERROR_IO naming @path on failure. */
gboolean  sy_year_summary_write (const SyYearReport *report,
                                 const char         *unit_name,
                                 const char         *path,
                                 SyLedgerProgress    progress,
                                 gpointer            user_data,
                                 GCancellable       *cancellable,
                                 GError            **error);

G_END_DECLS
