#!/bin/bash
# Layer rule (DESIGN.md): core, store, ledger and demo never see GTK or
# libadwaita, so they stay usable from the CLI and testable without a display.
# Their meson dependency lists already keep gtk4 out; this also catches an
# include that would compile by accident through a transitive include path.
#   check-layers.sh SOURCE_ROOT
set -u
cd "${1:?usage: check-layers.sh SOURCE_ROOT}" || exit 2

dirs=()
for d in src/core src/store src/ledger src/demo; do
  if [ -d "$d" ]; then dirs+=("$d"); fi
done
if [ ${#dirs[@]} -eq 0 ]; then
  echo "SKIP: no layer directories found"
  exit 77
fi

# <gtk/...>, <gdk/...>, <gsk/...>, <adwaita.h>, also in quotes; gdk-pixbuf is allowed.
pattern='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]((gtk|gdk|gsk)/|adwaita\.h|adw-|gtk\.h)'
hits=$(grep -rnE --include='*.c' --include='*.h' "$pattern" "${dirs[@]}")
if [ -n "$hits" ]; then
  echo "FAIL: GTK/libadwaita headers included below the ui layer:"
  echo "$hits"
  exit 1
fi
echo "OK: no GTK or libadwaita includes in ${dirs[*]}"
