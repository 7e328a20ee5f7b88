#!/bin/bash
# bench/import-pg.sh [BUILD_DIR] [ROWS]: `shuangyong-cli import recipients`
# into a shared PostgreSQL database, against the same import into a local
# (SQLite) one on the same machine and file.
#
# Starts a throwaway PostgreSQL 15 (tests/pg/pg-server.sh: unix socket,
# fsync off — the server's disk is not what is measured) and stops it on
# exit.  Prints seconds and rows/s of: sqlite import, pg import, pg reimport
# (every row unchanged).  Not a test: nothing here fails on a slow run.
set -eu

build=${1:-build}
rows=${2:-10000}
here=$(cd "$(dirname "$0")" && pwd)
cli="$build/src/cli/shuangyong-cli"
[ -x "$cli" ] || { echo "import-pg.sh: $cli not found; build first" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sy-bench-pg.XXXXXX")
chmod 0711 "$work"
trap '"$here/../tests/pg/pg-server.sh" stop "$work/server" >/dev/null 2>&1; rm -rf "$work"' EXIT
# shellcheck disable=SC2046  # "SY_TEST_PG_SOCKET=… SY_TEST_PG_PORT=…"
export $("$here/../tests/pg/pg-server.sh" start "$work/server")
export XDG_DATA_HOME="$work/data"
python3 "$here/gen-recipients.py" "$rows" >"$work/recipients.csv"

as_pg=()
[ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)
"${as_pg[@]}" /usr/lib/postgresql/15/bin/createdb -h "$SY_TEST_PG_SOCKET" -p "$SY_TEST_PG_PORT" \
  -U postgres bench
host=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$SY_TEST_PG_SOCKET")
uri="postgresql://postgres@$host:$SY_TEST_PG_PORT/bench"
"$cli" --db "$uri" init >/dev/null

run () {
  local name=$1 db=$2 start end
  start=$(date +%s%N)
  "$cli" --db "$db" import recipients "$work/recipients.csv" >"$work/$name.out"
  end=$(date +%s%N)
  awk -v n="$name" -v us=$(( (end - start) / 1000 )) -v rows="$rows" -v last="$(tail -n 1 "$work/$name.out")" \
    'BEGIN { printf "%-12s %8.3f s %9.0f rows/s   %s\n", n, us / 1e6, rows / (us / 1e6), last }'
}

echo "$rows rows, $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ)"
run sqlite "$work/sqlite"
run pg "$uri"
run pg-reimport "$uri"
