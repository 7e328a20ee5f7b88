/* sy-ledger-section.c: a part of the ledger that lays itself out on pages */
#include "sy-ledger-section.h"
#include "sy-ledger-style.h"

G_DEFINE_INTERFACE (SyLedgerSection, sy_ledger_section, G_TYPE_OBJECT)

static void
sy_ledger_section_default_init (SyLedgerSectionInterface *iface)
{
}

guint
sy_ledger_section_paginate (SyLedgerSection *self,
                            PangoContext    *context)
{
  g_return_val_if_fail (SY_IS_LEDGER_SECTION (self), 0);

  return SY_LEDGER_SECTION_GET_IFACE (self)->paginate (self, context);
}

void
sy_ledger_section_paint_page (SyLedgerSection *self,
                              guint            index,
                              cairo_t         *cr,
                              PangoContext    *context)
{
  g_return_if_fail (SY_IS_LEDGER_SECTION (self));

  cairo_save (cr);
  SY_LEDGER_SECTION_GET_IFACE (self)->paint_page (self, index, cr, context);
  cairo_restore (cr);
}

void
sy_ledger_section_get_page_size (SyLedgerSection *self,
                                 guint            index,
                                 double          *width,
                                 double          *height)
{
  SyLedgerSectionInterface *iface;
  double w = SY_LEDGER_PAGE_WIDTH, h = SY_LEDGER_PAGE_HEIGHT;

  g_return_if_fail (SY_IS_LEDGER_SECTION (self));

  iface = SY_LEDGER_SECTION_GET_IFACE (self);
  if (iface->get_page_size != NULL)
    iface->get_page_size (self, index, &w, &h);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}
