#!/bin/bash
# bench/crash.sh [KILLS] [BUILD_DIR] [SEED]: the crash harness
# (tests/crash/crash-harness.py) with more kills than the test suite's 10.
#
#   KILLS      children to SIGKILL (default 100)
#   BUILD_DIR  a built meson build dir (default: build)
#   SEED       the harness's RNG seed (default: from the clock; printed)
#
# Prints the harness's TAP lines and ends with its summary line
# "# crash-harness: seed S, N kills (…), … failures, …"; exits non-zero on
# any failure (the work directory is then kept and named).
set -u

kills=${1:-100}
build=${2:-build}
seed=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
cli="$build/src/cli/shuangyong-cli"

if [ ! -x "$cli" ]; then
  echo "crash.sh: $cli not found; build first (ninja -C $build)" >&2
  exit 2
fi
exec python3 "$here/../tests/crash/crash-harness.py" "$cli" --kills "$kills" ${seed:+--seed "$seed"}
