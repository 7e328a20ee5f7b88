#!/bin/bash
# bench/fuzz.sh [SECONDS] [BUILD_DIR] [TARGET...]: the libFuzzer targets
# (tests/fuzz) for longer than the test suite's 60 s each.
#
#   SECONDS    per target (default 600)
#   BUILD_DIR  the main meson build dir (default: build); the clang fuzz
#              build is set up under it as in `meson test --suite fuzz`
#   TARGET     csv, xlsx, plan, id-number (default: all four)
#
# Runs the targets one after the other (each uses one core) and prints one
# line per target: executions, corpus size, result.  Exits non-zero if any
# target found a crash, a leak or a hang; the reproducer is then under
# BUILD_DIR/fuzz-clang.d/artifacts-TARGET/.
set -u

seconds=${1:-600}
build=${2:-build}
shift 2 2>/dev/null || shift $#
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(csv xlsx plan id-number)

if [ ! -d "$build" ]; then
  echo "fuzz.sh: $build is not a build dir (meson setup $build first)" >&2
  exit 2
fi
failed=0
summary=()
for name in "${targets[@]}"; do
  log="$build/fuzz-clang.d/bench-$name.log"
  mkdir -p "$build/fuzz-clang.d"
  "$src/tests/fuzz/run-fuzz.sh" "$src" "$build" "$name" "$seconds" >"$log" 2>&1
  status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  corpus=$(grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1 | cut -d' ' -f2)
  if [ $status -eq 0 ]; then
    result=ok
  else
    result="FAILED (exit $status, see $log)"
    failed=1
  fi
  summary+=("$(printf 'fuzz-%-10s %6ss  %10s execs  corpus %-10s %s' \
    "$name" "$seconds" "${execs:-?}" "${corpus:-?}" "$result")")
  echo "${summary[-1]}"
done
exit $failed
