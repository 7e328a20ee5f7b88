/* sy-cli.h: what the command files of shuangyong-cli share
 *
 * sy-cli.c holds main(), the usage text and the older commands; each later
 * command group has its own file (sy-cli-run.c: disbursement runs,
 * sy-cli-roster.c: rosters and bank files, sy-cli-audit.c: the payment audit).
 * Exit codes: 0 success, 1 the operation failed (nothing half-done is left),
 * 2 the command line or an input file could not be used.  Messages go to
 * stderr; results to stdout.
 */
#pragma once

#include <stdio.h>
#include <glib/gi18n.h>

#include "sy-demo.h"
#include "sy-ledger.h"

G_BEGIN_DECLS

enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

/* Prints "shuangyong-cli: MESSAGE" and returns EXIT_FAILED. */
int         sy_cli_fail                  (GError *error);
/* The database of --db DIR (or the default folder). */
SyDatabase *sy_cli_open_database         (GError **error);
/* The same for another location (migrate's target): asks for a refused
 * password on a terminal; an accepted one is remembered for the process. */
SyDatabase *sy_cli_open_location         (const char *location, GError **error);
/* The --db DIR given (NULL: the default folder), for commands that must not
 * open the database first (restore). */
const char *sy_cli_get_database_option   (void);
/* Parses a command's own options; FALSE (and a message) on a bad command
 * line or any argument left over. */
gboolean    sy_cli_parse_command_options (const char    *command,
                                          GOptionEntry  *entries,
                                          int           *argc,
                                          char        ***argv);
/* Parses options and checks that exactly @n_args arguments remain (options
 * may come before or after them); prints "Usage: … @synopsis" otherwise. */
gboolean    sy_cli_parse_command_args    (const char    *command,
                                          GOptionEntry  *entries,
                                          int            n_args,
                                          const char    *synopsis,
                                          int           *argc,
                                          char        ***argv);
/* "[ 42%] what" on stderr; fits SyLedgerProgress and the exporters. */
void        sy_cli_print_progress        (double      fraction,
                                          const char *what,
                                          gpointer    user_data);
/* FILE:LINE: COLUMN: message on stderr ("warning:" before warnings). */
void        sy_cli_print_issue           (const SyImportIssue *issue,
                                          const char          *file_name);
/* The table of a CSV file or of a sheet of an .xlsx workbook. */
SyTable    *sy_cli_read_table            (const char *file_name,
                                          const char *sheet,
                                          GError    **error);

/* Command groups, argv[0] being the command name. */
int         sy_cli_run                   (int argc, char **argv);   /* sy-cli-run.c */
int         sy_cli_run_roster            (int argc, char **argv);   /* sy-cli-roster.c: "roster" */
int         sy_cli_run_bankfile          (int argc, char **argv);   /* sy-cli-roster.c: "bankfile" */
int         sy_cli_audit_payments        (int argc, char **argv);   /* sy-cli-audit.c */

int         sy_cli_backup                (int argc, char **argv);   /* sy-cli-backup.c */
int         sy_cli_restore               (int argc, char **argv);   /* sy-cli-backup.c */
int         sy_cli_check                 (int argc, char **argv);   /* sy-cli-backup.c */
int         sy_cli_migrate               (int argc, char **argv);   /* sy-cli-migrate.c */
int         sy_cli_ledger                (int argc, char **argv);   /* sy-cli-ledger.c */

int         sy_cli_assessment            (int argc, char **argv);   /* sy-cli-assessment.c */
int         sy_cli_coverage              (int argc, char **argv);   /* sy-cli-assessment.c */

int         sy_cli_summary               (int argc, char **argv);   /* sy-cli-summary.c */

G_END_DECLS
