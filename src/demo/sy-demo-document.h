/* sy-demo-document.h: small generated PDF documents for the demo data (private)
 *
 * A 公文-like page layout (optional red header, 文号, centred title, indented
 * paragraphs, signature and date) written to memory with cairo's PDF
 * surface, with real CJK text so pdftotext and the search index can read it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char  *red_header;   /* "清源县双拥工作领导小组文件", or NULL */
  const char  *doc_number;   /* "清双拥〔2024〕3号", or NULL */
  const char  *title;
  const char **paragraphs;   /* NULL-terminated */
  const char  *signature;    /* issuer line at the bottom right, or NULL */
  const char  *date_text;    /* "2024年3月15日", or NULL */
  const char  *iso_date;     /* "2024-03-15": the PDF's creation date, for reproducible bytes */
} SyDemoPdf;

GBytes *sy_demo_pdf_render (const SyDemoPdf *pdf, GError **error);

/* The same content as plain text (the document's body_text). */
char   *sy_demo_pdf_text   (const SyDemoPdf *pdf);

G_END_DECLS
