#!/bin/bash
# The user guide opened by Help (F1): the files are there, every image and
# local link they use exists, it covers the topics issue 8 asks for, and the
# installed copy (built with its images inlined) refers to no other file.
#   check-help.sh SOURCE_ROOT [BUILT_INDEX_HTML]
set -u
export LC_ALL=C.UTF-8

src=${1:?usage: check-help.sh SOURCE_ROOT [BUILT_INDEX_HTML]}
built=${2:-}
help="$src/docs/help"
failed=0
problem() { echo "FAIL: $*"; failed=1; }

pages=("$help"/*.html)
[ -f "$help/index.html" ] || problem "$help/index.html: missing"

for page in "${pages[@]}"; do
  [ -f "$page" ] || continue
  dir=$(dirname "$page")
  # src="…" of images and href="…" of links; anchors, data: and web
  # addresses are not files.
  grep -noE '(src|href)="[^"]*"' "$page" | while IFS= read -r hit; do
    line=${hit%%:*}
    ref=${hit#*:}; ref=${ref#*=\"}; ref=${ref%\"}
    case "$ref" in
      '#'*|data:*|http://*|https://*|mailto:*) continue ;;
    esac
    path="$dir/${ref%%#*}"
    if [ ! -f "$path" ]; then
      echo "FAIL: $page:$line: “$ref” does not exist"
    else
      echo "ok: $page:$line: $ref"
    fi
  done > "$page.check.$$"
  grep '^FAIL' "$page.check.$$" && failed=1
  n=$(grep -c '^ok' "$page.check.$$")
  rm -f "$page.check.$$"
  echo "$page: $n local references checked"
  # Every in-page link has its target.
  for anchor in $(grep -oE 'href="#[^"]+"' "$page" | sed -E 's/href="#(.*)"/\1/'); do
    grep -q "id=\"$anchor\"" "$page" || problem "$page: link to #$anchor, but no id=\"$anchor\""
  done
done

# The topics of the guide (issue 8), by section id.
for id in first-start recipients import disbursement events ledger shared keys; do
  grep -q "id=\"$id\"" "$help/index.html" || problem "$help/index.html: no section id=\"$id\""
done
# It shows the app: at least one screenshot per topic of the work.
n=$(grep -c '<img ' "$help/index.html")
[ "$n" -ge 6 ] || problem "$help/index.html: $n screenshots, expected at least 6"

if [ -n "$built" ]; then
  if [ ! -s "$built" ]; then
    problem "$built: missing or empty"
  elif grep -nE '<img [^>]*src="[^d][^"]*"' "$built" | head -3 | grep .; then
    problem "$built: images not inlined"
  else
    echo "$built: images inlined"
  fi
fi

[ "$failed" -eq 0 ] && echo "help: all checks passed"
exit "$failed"
