#!/bin/bash
# run-fuzz.sh SOURCE_DIR BUILD_DIR NAME SECONDS [LIBFUZZER ARGS...]
#
# Runs libFuzzer target fuzz-NAME for SECONDS seconds on the seed corpus
# tests/fuzz/corpus/NAME (inputs that once crashed a reader are kept there
# too, so they are re-run first).  The target lives in a second, clang
# build (-Dfuzzing=true: the core library with ASan, UBSan and libFuzzer
# instrumentation) that this script sets up once under BUILD_DIR/fuzz-clang
# and rebuilds when sources change; the main build can stay on gcc.
# New inputs libFuzzer finds go to BUILD_DIR/fuzz-clang/corpus-NAME, never
# into the source tree; a crashing input is saved there as crash-* and the
# script fails.  Leaks count as failures (detect_leaks=1).
set -uo pipefail

if [ $# -lt 4 ]; then
  echo "usage: $0 SOURCE_DIR BUILD_DIR NAME SECONDS [LIBFUZZER ARGS...]" >&2
  exit 2
fi
src=$(readlink -f "$1")
build=$(readlink -f "$2")
name=$3
seconds=$4
shift 4

clang=$(command -v clang || command -v clang-14 || true)
if [ -z "$clang" ]; then
  echo "run-fuzz.sh: clang is not installed; the fuzz tests need clang and" \
       "libclang-rt-14-dev (build-aux/dev test installs them: apt-get install clang libclang-rt-14-dev)" >&2
  exit 1
fi

fuzz_build=$build/fuzz-clang
mkdir -p "$fuzz_build.d"
# The four fuzz tests run in parallel: one sets the build up, the others wait.
exec 9>"$fuzz_build.d/lock"
flock 9
if [ ! -f "$fuzz_build/build.ninja" ]; then
  rm -rf "$fuzz_build"
  if ! CC=$clang meson setup -Dfuzzing=true -Dbuildtype=debugoptimized \
         "$fuzz_build" "$src" >"$fuzz_build.d/setup.log" 2>&1; then
    cat "$fuzz_build.d/setup.log" >&2
    echo "run-fuzz.sh: meson setup of the clang fuzz build failed (is libclang-rt-14-dev installed?)" >&2
    exit 1
  fi
fi
if ! ninja -C "$fuzz_build" "tests/fuzz/fuzz-$name" >"$fuzz_build.d/build-$name.log" 2>&1; then
  cat "$fuzz_build.d/build-$name.log" >&2
  echo "run-fuzz.sh: building fuzz-$name failed" >&2
  exit 1
fi
flock -u 9

target=$fuzz_build/tests/fuzz/fuzz-$name
seeds=$src/tests/fuzz/corpus/$name
work=$fuzz_build.d/corpus-$name
artifacts=$fuzz_build.d/artifacts-$name/
mkdir -p "$work" "$artifacts"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:allocator_may_return_null=1
export LSAN_OPTIONS=suppressions=$src/tests/fuzz/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# GLib's slice allocator keeps per-thread magazines that look like leaks.
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly

echo "fuzz-$name: ${seconds}s, seeds $seeds, new inputs in $work"
"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
  -artifact_prefix="$artifacts" -print_final_stats=1 "$@" "$work" "$seeds"
status=$?
if [ $status -ne 0 ]; then
  echo "run-fuzz.sh: fuzz-$name failed (exit $status); reproducer in $artifacts" >&2
  ls -l "$artifacts" >&2
fi
exit $status
