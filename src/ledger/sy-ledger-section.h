/* sy-ledger-section.h: a part of the ledger that lays itself out on pages
 *
 * The cover, the 目录 and every activity record are sections.  The document
 * asks each to paginate once (measuring with the shared PangoContext and
 * keeping what it measured), then asks for any of its pages to be painted
 * on any cairo_t, in any order, as often as wanted: PDF export, printing
 * and the preview share the same pages.  Coordinates are points on an A4
 * page (portrait unless the section says otherwise with get_page_size); the
 * document paints the page number, not the section.
 */
#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

#define SY_TYPE_LEDGER_SECTION (sy_ledger_section_get_type ())
G_DECLARE_INTERFACE (SyLedgerSection, sy_ledger_section, SY, LEDGER_SECTION, GObject)

struct _SyLedgerSectionInterface
{
  GTypeInterface parent_iface;

  /* Returns the number of pages (at least 1). */
  guint (*paginate)   (SyLedgerSection *self,
                       PangoContext    *context);
  void  (*paint_page) (SyLedgerSection *self,
                       guint            index,
                       cairo_t         *cr,
                       PangoContext    *context);
  /* Optional: the size of page @index in points (a landscape roster);
   * NULL means portrait A4 for every page. */
  void  (*get_page_size) (SyLedgerSection *self,
                          guint            index,
                          double          *width,
                          double          *height);
};

guint sy_ledger_section_paginate   (SyLedgerSection *self,
                                    PangoContext    *context);
void  sy_ledger_section_paint_page (SyLedgerSection *self,
                                    guint            index,
                                    cairo_t         *cr,
                                    PangoContext    *context);
/* Portrait A4 unless the section implements get_page_size. */
void  sy_ledger_section_get_page_size (SyLedgerSection *self,
                                       guint            index,
                                       double          *width,
                                       double          *height);

G_END_DECLS
