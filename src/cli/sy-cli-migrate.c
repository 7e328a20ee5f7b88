/* sy-cli-migrate.c: migrate --from DIR --to postgresql://…
 *
 * Contract lines for scripts (stdout, never translated):
 *   "migrated DIR"             the copy was made and verified
 *   "already migrated"         the target holds the same data; nothing changed
 * Exit codes: 0 done or already done; 1 failed or refused (a target holding
 * other data, an unfinished earlier migration: nothing was changed);
 * 2 bad command line.  Progress goes to stderr.
 */
#include "sy-cli.h"
#include "sy-store.h"

static void
print_progress (const char *message, gpointer user_data)
{
  g_printerr ("%s\n", message);
}

int
sy_cli_migrate (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  SyMigrateResult result;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from, N_("The local database folder to copy"), "DIR" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("The shared database to copy it into, postgresql://user@host:port/name"), "URI" },
    { NULL }
  };

  if (!sy_cli_parse_command_args ("migrate", entries, 0, "migrate --from DIR --to postgresql://…",
                                  &argc, &argv))
    return EXIT_USAGE;
  if (!from || !to)
    {
      g_printerr (_("Usage: shuangyong-cli [--db DIR] %s\n"), "migrate --from DIR --to postgresql://…");
      return EXIT_USAGE;
    }

  /* A server that wants a password asks for it here; once accepted, the
   * migration's own connection uses it. */
  if (sy_database_location_is_postgres (to))
    {
      g_autoptr(SyDatabase) target = sy_cli_open_location (to, &error);

      if (!target)
        return sy_cli_fail (error);
    }
  if (!sy_migrate_to_postgres (from, to, print_progress, NULL, &result, &error))
    return sy_cli_fail (error);
  if (result == SY_MIGRATE_ALREADY_DONE)
    g_print ("already migrated\n");
  else
    g_print ("migrated %s\n", from);
  return EXIT_OK;
}
