/* sy-cli-run.c: (being written) */
#include "sy-cli.h"

int
sy_cli_run (int argc, char **argv)
{
  g_printerr ("shuangyong-cli: %s: not available yet\n", argv[0]);
  return EXIT_FAILED;
}
