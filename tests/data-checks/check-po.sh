#!/bin/bash
# Translation check: every translatable string of the sources has a finished
# translation in every po/*.po of po/LINGUAS.
#   check-po.sh SOURCE_ROOT
# Fails (listing what is wrong) when
#   - a file with translatable strings is missing from po/POTFILES.in, or a listed file is gone;
#   - a message of a fresh POT is untranslated or fuzzy in a language (after msgmerge);
#   - msgfmt --check finds an error (format strings, header).
# The catalogue in the tree is never modified: the merge goes to a temp dir.
set -u
export LC_ALL=C.UTF-8

src=${1:?usage: check-po.sh SOURCE_ROOT}
cd "$src" || exit 2

for tool in xgettext msgmerge msgattrib msgfmt; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool not found (install gettext)"
    exit 77
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
# meson --print-errorlogs shows only the last 100 lines of a long log: the
# details go first, and each problem is repeated in a summary at the end.
: > "$tmp/summary"
problem() {
  echo "FAIL: $*"
  echo "FAIL: $*" >> "$tmp/summary"
  failed=1
}

# Keep in step with build-aux/update-potfiles.
XGETTEXT_KEYWORDS=(--keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2
                   --keyword=g_dngettext:2,3 --keyword=ngettext:1,2)

# --- POTFILES.in -------------------------------------------------------
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' po/POTFILES.in | LC_ALL=C sort -u > "$tmp/listed"
if ! build-aux/update-potfiles --stdout > "$tmp/expected.raw"; then
  echo "FAIL: build-aux/update-potfiles failed"
  exit 1
fi
grep -v '^#' "$tmp/expected.raw" | LC_ALL=C sort -u > "$tmp/expected"

missing=$(LC_ALL=C comm -23 "$tmp/expected" "$tmp/listed")
if [ -n "$missing" ]; then
  problem "files with translatable strings missing from po/POTFILES.in" \
          "(run build-aux/update-potfiles):" $missing
fi

: > "$tmp/existing"
while read -r f; do
  if [ -f "$f" ]; then
    echo "$f" >> "$tmp/existing"
  else
    problem "po/POTFILES.in lists $f, which does not exist"
  fi
done < "$tmp/listed"

unneeded=$(LC_ALL=C comm -13 "$tmp/expected" "$tmp/listed")
if [ -n "$unneeded" ]; then
  echo "note: po/POTFILES.in lists files without translatable strings:"
  printf '  %s\n' $unneeded
fi

# --- fresh POT ---------------------------------------------------------
# .ui files are recognised by xgettext's GtkBuilder ITS rules, the .desktop.in,
# .metainfo.xml.in and .gschema.xml files by theirs; C by the keywords.
if ! xgettext --from-code=UTF-8 "${XGETTEXT_KEYWORDS[@]}" \
       --add-comments=Translators --package-name=shuangyong --force-po \
       --files-from="$tmp/existing" --output="$tmp/shuangyong.pot"; then
  echo "FAIL: xgettext could not extract the messages"
  exit 1
fi
total=$(grep -c '^msgid ' "$tmp/shuangyong.pot")
echo "POT: $((total - 1)) messages from $(wc -l < "$tmp/existing") files"

# Prints the entries of a PO file except its header, with their references.
entries() {
  awk 'BEGIN { RS = ""; ORS = "\n\n" }
       /(^|\n)msgid ""\nmsgstr ""/ && !/(^|\n)msgid "[^"]/ && !/msgid ""\n"/ { next }
       { print }' "$1"
}

# --- each language -----------------------------------------------------
langs=$(sed -e 's/#.*//' po/LINGUAS)
for lang in $langs; do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then
    problem "po/LINGUAS names $lang but $po does not exist"
    continue
  fi
  if ! msgfmt --check -o /dev/null "$po" 2>&1; then
    problem "msgfmt --check reports errors in $po"
  fi
  if ! msgmerge --quiet --no-wrap "$po" "$tmp/shuangyong.pot" -o "$tmp/$lang.po"; then
    problem "msgmerge failed for $po"
    continue
  fi
  if ! msgfmt --check -o /dev/null "$tmp/$lang.po" 2>&1; then
    problem "msgfmt --check reports errors in $po merged with the sources"
  fi
  msgattrib --untranslated --no-obsolete --no-wrap "$tmp/$lang.po" > "$tmp/$lang.untranslated"
  msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/$lang.po" > "$tmp/$lang.fuzzy"
  entries "$tmp/$lang.untranslated" > "$tmp/$lang.untranslated.list"
  entries "$tmp/$lang.fuzzy" > "$tmp/$lang.fuzzy.list"
  n_untranslated=$(grep -c '^msgid ' "$tmp/$lang.untranslated.list")
  n_fuzzy=$(grep -c '^msgid ' "$tmp/$lang.fuzzy.list")
  if [ "$n_untranslated" -gt 0 ]; then
    echo "$lang: untranslated messages:"
    echo
    cat "$tmp/$lang.untranslated.list"
    problem "$lang: $n_untranslated untranslated messages (listed above)"
  fi
  if [ "$n_fuzzy" -gt 0 ]; then
    echo "$lang: fuzzy messages:"
    echo
    cat "$tmp/$lang.fuzzy.list"
    problem "$lang: $n_fuzzy fuzzy messages (listed above)"
  fi
  echo "$lang: $(msgfmt --statistics -o /dev/null "$tmp/$lang.po" 2>&1)"
done

if [ "$failed" -ne 0 ]; then
  echo
  echo "Summary:"
  cat "$tmp/summary"
  exit 1
fi
echo "OK: translations complete"
