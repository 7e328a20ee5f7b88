#!/bin/bash
# run-with-pg.sh TEST [ARGS...]: runs a store test program against a
# throwaway PostgreSQL 15 (pg-server.sh) in a temp dir, which is stopped and
# removed whatever happens.  The test finds the server through
# SY_TEST_PG_SOCKET/SY_TEST_PG_PORT (tests/sy-test-db.c); its local files
# (attachments) go under the temp dir too.  Without PostgreSQL installed the
# test is skipped (TAP "1..0 # SKIP").
set -u

here=$(dirname "$(readlink -f "$0")")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sy-pg-XXXXXX") || exit 1
# The server may run as the postgres user (as root), which must reach its
# folder below this one.
chmod 0711 "$tmp"

cleanup() {
  "$here/pg-server.sh" stop "$tmp/server" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

env_line=$("$here/pg-server.sh" start "$tmp/server")
rc=$?
if [ $rc -eq 77 ]; then
  echo "1..0 # SKIP PostgreSQL 15 is not installed"
  exit 0
elif [ $rc -ne 0 ]; then
  echo "Bail out! cannot start a PostgreSQL server"
  exit 1
fi
# shellcheck disable=SC2086  # "SY_TEST_PG_SOCKET=… SY_TEST_PG_PORT=…"
export $env_line
mkdir -m 0700 "$tmp/data"
export XDG_DATA_HOME="$tmp/data"

"$@" &
wait $!
