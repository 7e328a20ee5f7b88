#!/bin/bash
# bench/import.sh [BUILD_DIR] [ROWS]: how fast `shuangyong-cli import recipients` is.
#
#   BUILD_DIR  a configured and built meson build dir (default: build)
#   ROWS       rows in the generated CSV (default: 100000)
#
# Generates ROWS valid recipients (distinct, deterministic 身份证号; see
# gen-recipients.py), then measures, one after the other on the same file:
#   sqlite    `sqlite3 .import` of the CSV into a plain table: the baseline,
#             what the disk and SQLite alone cost on this machine today
#   import    shuangyong-cli import recipients into an empty database
#   reimport  the same file again: every row is unchanged
# and prints wall seconds, rows/s, peak RSS and the ratio of each to the
# baseline.  Ratios, not absolute times, are what compare across machines.
# Not a test: nothing here fails on a slow run.  Needs python3, sqlite3 and
# /usr/bin/time.  BENCH_KEEP=1 keeps the work directory.
set -eu

build=${1:-build}
rows=${2:-100000}
cli="$build/src/cli/shuangyong-cli"
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -x "$cli" ]; then
  echo "import.sh: $cli not found; build first (ninja -C $build)" >&2
  exit 2
fi
for tool in python3 sqlite3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "import.sh: $tool is missing" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/sy-bench.XXXXXX")
if [ "${BENCH_KEEP:-0}" = 1 ]; then
  echo "work directory: $work"
else
  trap 'rm -rf "$work"' EXIT
fi
csv="$work/recipients.csv"
python3 "$here/gen-recipients.py" "$rows" >"$csv"

# measure NAME COMMAND...: runs COMMAND, appends "NAME seconds peak_kB" to
# $work/results; its stdout goes to $work/NAME.out.
measure () {
  local name="$1"; shift
  local start end
  start=$(date +%s%N)
  if ! /usr/bin/time -o "$work/$name.time" -f '%M' "$@" >"$work/$name.out" 2>"$work/$name.err"; then
    echo "import.sh: $name failed:" >&2
    tail -n 5 "$work/$name.err" >&2
    exit 1
  fi
  end=$(date +%s%N)
  echo "$name $(( (end - start) / 1000 )) $(tail -n 1 "$work/$name.time")" >>"$work/results"
}

# The CLI's summary line must say what the run was meant to do, or the
# timing means nothing.
expect_summary () {
  local got
  got=$(tail -n 1 "$work/$1.out")
  if [ "$got" != "$2" ]; then
    echo "import.sh: $1 printed “$got”, expected “$2”" >&2
    exit 1
  fi
}

measure sqlite sqlite3 "$work/plain.db" ".mode csv" ".import $csv recipient"
measure import "$cli" --db "$work/db" import recipients "$csv"
expect_summary import "added $rows, updated 0, unchanged 0, rejected 0"
measure reimport "$cli" --db "$work/db" import recipients "$csv"
expect_summary reimport "added 0, updated 0, unchanged $rows, rejected 0"

echo "$rows rows, $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ)"
awk -v rows="$rows" '
  { name[NR] = $1; us[NR] = $2; kb[NR] = $3 }
  END {
    printf "%-9s %9s %11s %9s %9s\n", "run", "seconds", "rows/s", "peak MB", "×sqlite"
    for (i = 1; i <= NR; i++)
      printf "%-9s %9.3f %11.0f %9.1f %9.2f\n", name[i], us[i] / 1e6,
             rows / (us[i] / 1e6), kb[i] / 1024, us[i] / us[1]
  }' "$work/results"
