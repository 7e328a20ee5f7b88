/* sy-cli-audit.c: (being written) */
#include "sy-cli.h"

int
sy_cli_audit_payments (int argc, char **argv)
{
  g_printerr ("shuangyong-cli: %s: not available yet\n", argv[0]);
  return EXIT_FAILED;
}
