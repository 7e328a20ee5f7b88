/* sy-cli-ledger.c: shuangyong-cli ledger — the 台帐 as a PDF */
#include "sy-cli.h"
#include "sy-photo-print.h"

#include <stdlib.h>
#include <string.h>

/* "1,2,5" → volume bits; 0 on anything but numbers 1–8. */
static guint
parse_volumes (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  guint volumes = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *end = NULL;
      const char *part = g_strstrip (parts[i]);
      long n = strtol (part, &end, 10);

      if (*part == '\0' || end == NULL || *end != '\0' || n < 1 || n > 8)
        return 0;
      volumes |= SY_LEDGER_VOLUME (n);
    }
  return volumes;
}

/* The unit named @name (or with that id); 0 with @error when none. */
static gint64
find_unit (SyDatabase *db, const char *name, GError **error)
{
  g_autoptr(GListModel) units = sy_queries_units (db, error);
  guint n;

  if (units == NULL)
    return 0;
  n = g_list_model_get_n_items (units);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyUnit) unit = g_list_model_get_item (units, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, sy_record_get_id (SY_RECORD (unit)));

      if (g_strcmp0 (sy_unit_get_name (unit), name) == 0 || strcmp (id, name) == 0)
        return sy_record_get_id (SY_RECORD (unit));
    }
  g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND, _("No unit named “%s”"), name);
  return 0;
}

int
sy_cli_ledger (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(SyLedgerDocument) doc = NULL;
  g_autofree char *output = NULL;
  g_autofree char *compiler = NULL;
  g_autofree char *volumes = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *unit = NULL;
  int from = 0, to = 0, dpi = SY_PHOTO_PRINT_DPI;
  SyLedgerOptions options = { 0 };
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_INT, &from, N_("First year"), "Y" },
    { "to", 0, 0, G_OPTION_ARG_INT, &to, N_("Last year"), "Y" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), "FILE.pdf" },
    { "compiler", 0, 0, G_OPTION_ARG_STRING, &compiler, N_("Name of the compiler (编制人) on the cover"), "NAME" },
    { "volumes", 0, 0, G_OPTION_ARG_STRING, &volumes, N_("Volumes to bind, by 考评 standard (default: all eight)"), "1,2,…" },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile, N_("Personal data: internal (default) or public (masked)"), "PROFILE" },
    { "dpi", 0, 0, G_OPTION_ARG_INT, &dpi, N_("Photo resolution: 300 (default) or 150 (draft)"), "DPI" },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Bind the records of this unit and its sub-units (default: the whole office)"), "NAME" },
    { NULL }
  };

  if (!sy_cli_parse_command_options ("ledger", entries, &argc, &argv))
    return EXIT_USAGE;
  if (!output || from < 1950 || to > 2100 || from > to)
    {
      g_printerr (_("shuangyong-cli ledger: give --from YEAR --to YEAR (1950–2100, from ≤ to) and -o FILE.pdf\n"));
      return EXIT_USAGE;
    }
  if (volumes != NULL && (options.volumes = parse_volumes (volumes)) == 0)
    {
      g_printerr (_("shuangyong-cli ledger: --volumes: “%s” is not a list of volume numbers 1–8 (e.g. 1,2,5)\n"),
                  volumes);
      return EXIT_USAGE;
    }
  if (profile == NULL || strcmp (profile, "internal") == 0)
    options.profile = SY_MASK_INTERNAL;
  else if (strcmp (profile, "public") == 0)
    options.profile = SY_MASK_PUBLIC;
  else
    {
      g_printerr (_("shuangyong-cli ledger: --profile must be internal or public, not “%s”\n"), profile);
      return EXIT_USAGE;
    }
  if (dpi != SY_PHOTO_PRINT_DPI && dpi != SY_PHOTO_PRINT_DPI_DRAFT)
    {
      g_printerr (_("shuangyong-cli ledger: --dpi must be 300 or 150, not %d\n"), dpi);
      return EXIT_USAGE;
    }

  db = sy_cli_open_database (&error);
  if (!db)
    return sy_cli_fail (error);
  if (unit != NULL && (options.unit_id = find_unit (db, unit, &error)) == 0)
    {
      g_printerr ("shuangyong-cli ledger: %s\n", error->message);
      return EXIT_USAGE;
    }

  options.from_year = from;
  options.to_year = to;
  options.compiler = compiler;
  options.dpi = dpi;
  doc = sy_ledger_document_new (db, &options);
  if (!sy_ledger_document_layout (doc, NULL, &error)
      || !sy_ledger_document_export_pdf (doc, output, sy_cli_print_progress, NULL, NULL, &error))
    return sy_cli_fail (error);
  g_print (_("Ledger written to %s: %u pages\n"), output, sy_ledger_document_get_n_pages (doc));
  return EXIT_OK;
}
