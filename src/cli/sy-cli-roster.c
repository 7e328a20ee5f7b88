/* sy-cli-roster.c: (being written) */
#include "sy-cli.h"

int
sy_cli_run_roster (int argc, char **argv)
{
  g_printerr ("shuangyong-cli: %s: not available yet\n", argv[0]);
  return EXIT_FAILED;
}

int
sy_cli_run_bankfile (int argc, char **argv)
{
  g_printerr ("shuangyong-cli: %s: not available yet\n", argv[0]);
  return EXIT_FAILED;
}
