#!/bin/bash
# bench/ledger.sh — the ledger export with camera photos (issue 6, "Performance")
#
#   bench/ledger.sh [BUILD_DIR] [ACTIVITIES...]      # defaults: build, 50 200
#
# For each size, builds (once; kept in $BENCH_LEDGER_DIR, default
# /tmp/sy-bench-ledger) an office of N activities × 4 camera photos plus a
# run of 2000 lines with build/bench/ledger-gen, then measures:
#   floor    `djpeg -scale 1/4` of every photo on all cores (xargs -P nproc);
#   prepare  ledger-gen --prepare-only: the print copies alone, on all cores;
#   cold     `shuangyong-cli ledger` with the print-cache deleted;
#   warm     the same export again, the cache filled;
# with wall seconds and peak RSS from /usr/bin/time, and the PDF's bytes
# per photo.  Prints the ratios against the goals.  Not a test: nothing
# fails when slow.
set -uo pipefail

build=${1:-build}
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(50 200)
year=2025
root=${BENCH_LEDGER_DIR:-/tmp/sy-bench-ledger}
cli="$build/src/cli/shuangyong-cli"
gen="$build/bench/ledger-gen"
cores=$(nproc)

for tool in "$cli" "$gen"; do
  [ -x "$tool" ] || { echo "ledger.sh: $tool is missing: ninja -C $build first" >&2; exit 1; }
done
for tool in djpeg /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "ledger.sh: needs $tool (libjpeg-turbo-progs, time)" >&2; exit 1; }
done

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Runs "$@" under /usr/bin/time; sets $wall (s), $cpu (user + sys s, of
# the children too: on a busy machine it is the steadier figure) and $rss
# (MB, the largest process).
measure() {
  /usr/bin/time -f '%e %M %U %S' -o "$out/time" "$@" >"$out/log" 2>&1
  local rc=$? kb user sys
  # On failure GNU time writes "Command exited with non-zero status N" first.
  read -r wall kb user sys < <(tail -1 "$out/time")
  rss=$((${kb:-0} / 1024))
  cpu=$(awk -v u="${user:-0}" -v s="${sys:-0}" 'BEGIN { printf "%.2f", u + s }')
  if [ $rc -ne 0 ]; then
    echo "ledger.sh: $* failed ($rc):" >&2
    tail -5 "$out/log" >&2
  fi
  return $rc
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

declare -A peak
for n in "${sizes[@]}"; do
  db="$root/office-$n"
  if [ ! -f "$db/.complete" ]; then
    rm -rf "$db"
    mkdir -p "$db"
    echo "== generating $n activities into $db (once) …"
    "$gen" --db "$db" --activities "$n" --year "$year" || exit 1
    touch "$db/.complete"
  fi
  photos=$(find "$db/attachments" -type f -name '????????????????????????????????????????????????????????????????' | wc -l)
  mb=$(du -sm "$db/attachments" | cut -f1)
  echo "== $n activities, $photos photos ($mb MB), $cores cores"

  # Page cache warm for every step alike.
  cat "$db"/attachments/*/* >/dev/null

  measure sh -c "find '$db/attachments' -type f ! -name '*.tmp-*' -print0 |
                 xargs -0 -P $cores -n 8 sh -c 'for f; do djpeg -scale 1/4 \"\$f\" >/dev/null; done' sh"
  floor=$wall; floor_cpu=$cpu
  echo "floor    djpeg -scale 1/4, all cores: ${floor} s (CPU ${cpu} s)"

  measure "$gen" --db "$db" --prepare-only
  prep=$wall; prep_cpu=$cpu
  echo "prepare  print copies only:           ${prep} s (CPU ${cpu} s), ${rss} MB"
  echo "         $(tail -1 "$out/log")"

  rm -rf "$db/print-cache"
  measure "$cli" --db "$db" ledger --from "$year" --to "$year" -o "$out/cold.pdf"
  cold=$wall; cold_rss=$rss; cold_cpu=$cpu
  echo "cold     export, cache empty:         ${cold} s (CPU ${cpu} s), ${cold_rss} MB"

  measure "$cli" --db "$db" ledger --from "$year" --to "$year" -o "$out/warm.pdf"
  warm=$wall; warm_rss=$rss
  echo "warm     export, cache filled:        ${warm} s (CPU ${cpu} s), ${warm_rss} MB"

  size=$(stat -c %s "$out/warm.pdf" 2>/dev/null || echo 0)
  per_photo=$(awk -v s="$size" -v p="$photos" 'BEGIN { printf "%.0f", (p > 0 ? s / p / 1024 : 0) }')
  peak[$n]=$(( cold_rss > warm_rss ? cold_rss : warm_rss ))

  echo "prepare / floor = $(ratio "$prep" "$floor") (CPU $(ratio "$prep_cpu" "$floor_cpu"))"
  echo "cold / floor = $(ratio "$cold" "$floor") (target ≤ 1.1; CPU $(ratio "$cold_cpu" "$floor_cpu"))"
  echo "warm = ${warm} s (target ≤ 5 s)"
  echo "bytes/photo = ${per_photo} KB (target ≤ 150; PDF $((size / 1024 / 1024)) MB)"
done

line="peak RSS"
for n in "${sizes[@]}"; do line+=" $n = ${peak[$n]}MB,"; done
echo "${line%,} (target ≤ 200 MB)"
