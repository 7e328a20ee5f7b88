#!/bin/bash
# bench/gui-startup.sh [BUILD_DIR] [ROWS] [RUNS]: the app's start with ROWS recipients.
#
#   BUILD_DIR  a configured and built meson build dir (default: build)
#   ROWS       recipients in the database (default: 100000)
#   RUNS       starts per database (default: 5)
#
# Starts BUILD_DIR/src/ui/shuangyong --db DIR under xvfb-run with the
# Recipients tab as the last view (GSettings keyfile backend in a scratch
# XDG_CONFIG_HOME), and measures
#   map ms   from exec to the window being viewable, polled with xwininfo
#            every few ms (the app prints nothing; GTK draws its first frame
#            on the frame clock tick right after mapping, so this is the
#            first frame to within a frame or a poll);
#   RSS MB   VmRSS from /proc/PID/status 3 s later, with the list shown.
# Baseline, same run: the same app on a database of 100 recipients — what
# the window costs when the list is small — with ratios of medians to it.
#
# The database is built once (gen-recipients.py + shuangyong-cli import
# recipients, as bench/import.sh) in $BENCH_DB (default
# /tmp/sy-bench-search, shared with bench/search) and reused while it holds
# ROWS recipients.  Not a test: nothing fails on a slow run.
set -eu

build=$(cd "${1:-build}" && pwd)
rows=${2:-100000}
runs=${3:-5}
app="$build/src/ui/shuangyong"
cli="$build/src/cli/shuangyong-cli"
here=$(cd "$(dirname "$0")" && pwd)
db=${BENCH_DB:-/tmp/sy-bench-search}

for f in "$app" "$cli"; do
  [ -x "$f" ] || { echo "gui-startup.sh: $f not found; build first" >&2; exit 2; }
done
for tool in xvfb-run xwininfo python3 sqlite3; do
  command -v "$tool" >/dev/null || { echo "gui-startup.sh: $tool is missing" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/sy-gui-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

have=$(sqlite3 "$db/office.db" "SELECT COUNT(*) FROM recipient" 2>/dev/null || echo 0)
if [ "$have" != "$rows" ]; then
  if [ "$have" != 0 ]; then
    echo "gui-startup.sh: $db holds $have recipients, not $rows; set BENCH_DB" >&2
    exit 1
  fi
  echo "gui-startup.sh: importing $rows recipients into $db …" >&2
  python3 "$here/gen-recipients.py" "$rows" >"$work/recipients.csv"
  "$cli" --db "$db" import recipients "$work/recipients.csv" >/dev/null 2>"$work/import.err" \
    || { tail -n 5 "$work/import.err" >&2; exit 1; }
fi
# The baseline database: 100 recipients, same generator.
python3 "$here/gen-recipients.py" 100 >"$work/small.csv"
"$cli" --db "$work/small" import recipients "$work/small.csv" >/dev/null 2>&1 \
  || { echo "gui-startup.sh: importing the baseline database failed" >&2; exit 1; }

# The app fills a database without an office (no unit row) with demo data
# on its first start; an import alone creates none, so both databases get
# one, or the runs would time the demo generator.
for dir in "$db" "$work/small"; do
  sqlite3 "$dir/office.db" "INSERT INTO unit (name, created_at, created_by, updated_at, updated_by)
    SELECT '清源县双拥办', '2026-01-01T00:00:00', 'bench', '2026-01-01T00:00:00', 'bench'
    WHERE NOT EXISTS (SELECT 1 FROM unit)"
done

mkdir -p "$work/config/glib-2.0/settings"
cat >"$work/config/glib-2.0/settings/keyfile" <<'EOF'
[io/github/shuangyong/Ledger]
last-view='recipients'
EOF

# One start inside the X server: prints "map_ms rss_kb".
cat >"$work/run-one.sh" <<'EOF'
#!/bin/bash
set -u
app=$1 db=$2
start=$(date +%s%N)
"$app" --db "$db" >/dev/null 2>&1 &
pid=$!
map=""
for _ in $(seq 4000); do
  id=$(xwininfo -root -tree 2>/dev/null | grep -E '"(双拥台帐|Shuangyong Ledger)"' | awk '{print $1; exit}')
  if [ -n "$id" ] && xwininfo -id "$id" 2>/dev/null | grep -q 'IsViewable'; then
    map=$(( ($(date +%s%N) - start) / 1000000 ))
    break
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.003
done
sleep 3
rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
echo "${map:-timeout} ${rss:-0}"
EOF
chmod +x "$work/run-one.sh"

# As the GUI tests run it; the zh_CN locale the tests generate, if built.
env=(GTK_A11Y=none GSK_RENDERER=cairo NO_AT_BRIDGE=1
     GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$work/config"
     SHUANGYONG_LOCALEDIR="$build/po")
if [ -d "$build/tests/locale/zh_CN.UTF-8" ]; then
  env+=(LOCPATH="$build/tests/locale" LC_ALL=zh_CN.UTF-8)
fi

: >"$work/results"
for which in small full; do
  dir=$db
  [ "$which" = small ] && dir="$work/small"
  for _ in $(seq "$runs"); do
    echo "$which $(env "${env[@]}" xvfb-run -a "$work/run-one.sh" "$app" "$dir")" >>"$work/results"
  done
done

echo "$rows recipients, $runs starts each, $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ)"
ROWS=$rows awk '
  function median(list, n,    i, j, t, a) {
    split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { maps[$1] = maps[$1] " " $2; rss[$1] = rss[$1] " " $3; n[$1]++ }
  END {
    me = median(maps["small"], n["small"]); re = median(rss["small"], n["small"])
    mf = median(maps["full"], n["full"]); rf = median(rss["full"], n["full"])
    printf "%-10s %8s %8s %s\n", "database", "map ms", "RSS MB", "(median of runs; all map ms:)"
    printf "%-10s %8.0f %8.1f %s\n", "100 rows", me, re / 1024, maps["small"]
    printf "%-10s %8.0f %8.1f %s\n", ENVIRON["ROWS"] " rows", mf, rf / 1024, maps["full"]
    if (me > 0 && re > 0)
      printf "ratio to 100 rows: map %.2f×, RSS %.2f×\n", mf / me, rf / re
  }' "$work/results"
