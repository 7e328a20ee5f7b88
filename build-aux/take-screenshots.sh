#!/bin/bash
# Retakes the screenshots in docs/screenshots/ (used by the AppStream metainfo
# and the user guide) from the real application under Xvfb.
#
#   build-aux/take-screenshots.sh [BUILD_DIR [OUT_DIR]]
#
# BUILD_DIR defaults to build/ (set up if missing), OUT_DIR to docs/screenshots.
# The pictures are not drawn by this script: the GUI tests run the real
# SyApplication on a demo database in zh_CN.UTF-8 (tests/meson.build sets the
# environment) and save each view with sy_test_save_screenshot() as
# BUILD_DIR/tests/screenshot-NAME.png; this script runs those tests through
# `meson test` and copies the pictures listed below.  Needs xvfb-run and xauth
# (TEST_PACKAGES in build-aux/dev).
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")/.."
build=${1:-build}
out=${2:-docs/screenshots}

# NAME  TEST: the screenshot and the meson test that saves it.
shots=(
  "recipients gui"
  "plans gui"
  "subsidies gui"
  "events gui"
  "archives gui"
  "editor editor"
  "event-editor events-page"
  "payment-audit subsidies"
  "import-preview import-dialog"
  "ledger-builder ledger-builder"
)

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build"
fi
meson compile -C "$build"

tests=()
for shot in "${shots[@]}"; do
  t=${shot#* }
  [[ " ${tests[*]} " == *" $t "* ]] || tests+=("$t")
done

# Stale pictures from an earlier run must not pass for new ones.
for shot in "${shots[@]}"; do
  rm -f "$build/tests/screenshot-${shot%% *}.png"
done

# -s 24-bit screen: the default 8-bit depth would dither the pictures.
xvfb-run -a -s '-screen 0 1600x1200x24' \
  meson test -C "$build" --num-processes 1 "${tests[@]}"

mkdir -p "$out"
for shot in "${shots[@]}"; do
  name=${shot%% *}
  src="$build/tests/screenshot-$name.png"
  if [ ! -s "$src" ]; then
    echo "take-screenshots: $src was not written by test ${shot#* }" >&2
    exit 1
  fi
  cp "$src" "$out/$name.png"
  echo "$out/$name.png"
done
