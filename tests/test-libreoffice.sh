#!/bin/bash
# test-libreoffice.sh CLI: the Excel round trip with real LibreOffice (TAP).
#   1. A CSV written here → LibreOffice → .xlsx → import recipients: IDs that
#      LibreOffice kept as text go in; IDs it turned into numbers are refused
#      with the Excel-mangling message on the right lines.
#   2. export recipients FILE.xlsx → LibreOffice → CSV: cell for cell what
#      export recipients FILE.csv writes; the public profile stays masked.
# LibreOffice runs headless with a throwaway profile and HOME, one conversion
# at a time, each bounded by a timeout (which ends only the processes it
# started).  Skipped when soffice is not installed.
set -u
cli="$1"

if ! command -v soffice >/dev/null; then
  echo "1..0 # SKIP soffice (LibreOffice) is not installed"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
# LibreOffice writes its profile, caches and lock files under these.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_CACHE_HOME="$work/home/.cache"
mkdir -p "$HOME"
n=0
failed=0

pass () { n=$((n + 1)); echo "ok $n - $1"; }
flunk () {
  n=$((n + 1)); echo "not ok $n - $1"
  sed 's/^/# out: /' "$work/out"; sed 's/^/# err: /' "$work/err"; failed=1
}

run () {      # run CODE DESCRIPTION DB ARGS...: the CLI must exit with CODE
  local want="$1" desc="$2" db="$3"; shift 3
  "$cli" --db "$work/$db" "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then pass "$desc"; else flunk "$desc (exit $got, wanted $want)"; fi
}

check () {    # check DESCRIPTION COMMAND...: an assertion about the last run
  local desc="$1"; shift
  if "$@" >/dev/null 2>&1; then pass "$desc"; else flunk "$desc"; fi
}

# lo DESCRIPTION OUTPUT SOFFICE-ARGS...: one headless conversion, which must
# leave OUTPUT behind (soffice exits 0 even when a conversion fails).
lo () {
  local desc="$1" output="$2"; shift 2
  rm -f "$output"
  env -u DISPLAY -u WAYLAND_DISPLAY timeout -k 10 120 \
    soffice -env:UserInstallation="file://$work/lo-profile" --headless "$@" \
    >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -eq 0 ] && [ -s "$output" ]; then pass "$desc"; else flunk "$desc (exit $got)"; fi
}

last_line_is () { [ "$(tail -n 1 "$work/out")" = "$1" ]; }
sql () { sqlite3 "$work/$1/office.db" "$2"; }
value_is () { [ "$(sql "$1" "$2")" = "$3" ]; }
# The error lines (not warnings) of the last run start with exactly these
# FILE:LINE: prefixes, in order.
error_lines_are () {
  local expected
  expected=$(printf '%s\n' "$@")
  [ "$(grep -v ': warning: ' "$work/err" | grep -oE '^[^ ]+:[0-9]+: ')" = "$expected" ]
}
# error_says PREFIX PART...: the error line starting with PREFIX says every PART.
error_says () {
  local line part
  line=$(grep -F -- "$1" "$work/err" | grep -v ': warning: ') || return 1
  shift
  for part in "$@"; do
    printf '%s\n' "$line" | grep -q -E -- "$part" || return 1
  done
}

# A valid ID number from its first 17 digits (GB 11643 check character).
idgen () {
  awk -v s="$1" 'BEGIN {
    split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
    for (i = 1; i <= 17; i++) t += substr(s, i, 1) * w[i]
    print s substr("10X98765432", t % 11 + 1, 1) }'
}

# Cells of a CSV file (RFC 4180: quoted fields with commas, quotes and line
# breaks), one "ROW<TAB>COLUMN<TAB>VALUE" line each; a BOM and CR line ends
# are dropped, and with unwrap=1 the ="…" guard the CSV export puts around
# long digit strings is taken off.  Plain awk, so mawk does too.
cells () {
  awk -v unwrap="${2:-0}" '
    function emit () {
      c++
      if (unwrap && field ~ /^="[^"]*"$/)
        field = substr(field, 3, length(field) - 3)
      gsub(/\t/, "\\t", field); gsub(/\n/, "\\n", field)
      printf "%d\t%d\t%s\n", r, c, field
      field = ""
    }
    {
      line = $0
      if (NR == 1) sub(/^\357\273\277/, "", line)
      sub(/\r$/, "", line)
      if (!inq) { r++; c = 0; field = "" } else field = field "\n"
      len = length(line)
      for (i = 1; i <= len; i++) {
        ch = substr(line, i, 1)
        if (inq) {
          if (ch == "\"") {
            if (substr(line, i + 1, 1) == "\"") { field = field "\""; i++ }
            else inq = 0
          } else field = field ch
        } else if (ch == "\"") inq = 1
        else if (ch == ",") emit()
        else field = field ch
      }
      if (!inq) emit()
    }' "$1"
}

# --- 1. LibreOffice writes the .xlsx, the import reads it --------------------

id1=360426199101010071                    # DOMAIN.md
id2=120103198806018241                    # DOMAIN.md
id3=$(idgen 11010519520312003)
id4=$(idgen 44030619780709004)
id5=$(idgen 32010219650815102)            # ends in X
check "idgen agrees with DOMAIN.md" test "$(idgen 36042619910101007)" = "$id1"
check "the fifth ID ends in X" test "${id5: -1}" = X
id5_lower="${id5%X}x"

header='姓名,性别,公民身份号码,手机,出生日期,所属村（社区）,优抚类别,住址'
{
  echo "$header"
  echo "张建国,男,$id1,13812341234,1991-01-01,东风村,退役士兵,\"清源县龙泉镇东风村3组,12号\""
  echo "李秀英,女,$id2,13900001111,1988-06-01,红星村,烈士遗属,红星村8号"
  echo "王小明,男,$id3,15000000003,1952/3/12,东风村,复员军人,"
  echo "赵丽,女,$id4,13700000004,1978-07-09,南山村,现役军人家属,南山村1组"
  echo "欧阳红,女,$id5_lower,,1965-08-15,南山村,\"烈士遗属、残疾军人\",南山村2组"
} > text-ids.csv

# UTF-8 (76), from line 1, column 3 (the IDs) as Text (2), language zh-CN
# (2052) with "detect special numbers" (token 8, so 1952/3/12 becomes a date
# cell, not text); the phones stay numbers, as staff type them.
lo "LibreOffice converts the CSV to .xlsx, the ID column as text" text-ids.xlsx \
  --infilter="Text - txt - csv (StarCalc):44,34,76,1,3/2,2052,false,true" \
  --convert-to xlsx --outdir "$work" text-ids.csv
check "LibreOffice stored the IDs as text cells" \
  bash -c "unzip -p text-ids.xlsx xl/sharedStrings.xml | grep -q -F '>$id1<'"
check "and the phones as numbers" \
  bash -c "unzip -p text-ids.xlsx xl/worksheets/sheet1.xml | grep -q -F '<v>13812341234</v>'"
check "and 1952/3/12 as a date" \
  bash -c "unzip -p text-ids.xlsx xl/worksheets/sheet1.xml | grep -q -F '<v>19065</v>'"

run 0 "init a fresh database" db init
run 0 "the LibreOffice .xlsx imports" db import recipients text-ids.xlsx
check "every row added, none rejected" last_line_is "added 5, updated 0, unchanged 0, rejected 0"
check "no error lines" bash -c "! grep -v ': warning: ' '$work/err' | grep -q ."
run 0 "info" db info
check "info counts five recipients" grep -q -x -E "(recipients|优抚对象): 5" "$work/out"
check "the IDs are stored exactly" value_is db \
  "SELECT group_concat (id_number, ' ') FROM (SELECT id_number FROM recipient ORDER BY id_number)" \
  "$(printf '%s\n' "$id1" "$id2" "$id3" "$id4" "$id5" | sort | tr '\n' ' ' | sed 's/ $//')"
check "the lowercase x was stored upper case" value_is db \
  "SELECT name FROM recipient WHERE id_number = '$id5'" 欧阳红
check "a numeric phone came through as its digits" value_is db \
  "SELECT phone FROM recipient WHERE id_number = '$id1'" 13812341234
check "ISO and 1952/3/12 dates came through" value_is db \
  "SELECT group_concat (birth_date, ' ') FROM (SELECT birth_date FROM recipient WHERE id_number IN ('$id1', '$id3') ORDER BY id_number)" \
  "1952-03-12 1991-01-01"
check "the quoted address kept its comma" value_is db \
  "SELECT address FROM recipient WHERE id_number = '$id1'" "清源县龙泉镇东风村3组,12号"
check "the village came through" value_is db \
  "SELECT village FROM recipient WHERE id_number = '$id4'" 南山村
check "both categories of a person" value_is db \
  "SELECT COUNT(*) FROM recipient_category c JOIN recipient r ON r.id = c.recipient_id WHERE r.id_number = '$id5'" 2
run 0 "the same .xlsx again" db import recipients text-ids.xlsx
check "changes nothing" last_line_is "added 0, updated 0, unchanged 5, rejected 0"

# The ID column left as Standard: LibreOffice makes numbers of the digit
# strings (a double: 3.6042619910101E+17); the ID ending in x stays text.
{
  echo "$header"
  echo "张建国,男,$id1,13812341234,1991-01-01,东风村,退役士兵,"
  echo "欧阳红,女,$id5_lower,,1965-08-15,南山村,烈士遗属,"
  echo "李秀英,女,$id2,13900001111,1988-06-01,红星村,烈士遗属,"
} > numeric-ids.csv
lo "LibreOffice converts the CSV with a numeric ID column" numeric-ids.xlsx \
  --infilter="Text - txt - csv (StarCalc):44,34,76,1,3/1,2052,false,true" \
  --convert-to xlsx --outdir "$work" numeric-ids.csv
check "LibreOffice did store the IDs as numbers" \
  bash -c "unzip -p numeric-ids.xlsx xl/worksheets/sheet1.xml | grep -q 't=\"n\"><v>3.604261991010[0-9]*E+017<'"
run 0 "init another database" num init
run 1 "numeric IDs are refused (exit 1)" num import recipients numeric-ids.xlsx
check "counts: the text ID would go in, two rejected" last_line_is "added 1, updated 0, unchanged 0, rejected 2"
check "errors on lines 2 and 4 exactly, in the ID column" \
  error_lines_are "numeric-ids.xlsx:2: " "numeric-ids.xlsx:4: "
check "line 2 names the mangled value and says Excel/文本" \
  error_says "numeric-ids.xlsx:2: 公民身份号码: " '3\.60426E\+17' Excel 文本
check "line 4 too" error_says "numeric-ids.xlsx:4: 公民身份号码: " '1\.20103E\+17' Excel 文本
check "nothing was written" value_is num "SELECT COUNT(*) FROM recipient" 0

# A sheet where the ID cells are numbers formatted "0" (Excel and Calc show
# the float's digits, 360426199101010000) or General, written as flat ODS.
cat > rounded.fods <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
  office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <number:number-style style:name="N1"><number:number number:decimal-places="0" number:min-integer-digits="1"/></number:number-style>
  <style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>
 </office:automatic-styles>
 <office:body><office:spreadsheet><table:table table:name="名单">
  <table:table-row>
   <table:table-cell office:value-type="string"><text:p>姓名</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>身份证号</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
   <table:table-cell office:value-type="string"><text:p>赵丽</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>$id4</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
   <table:table-cell office:value-type="string"><text:p>张建国</text:p></table:table-cell>
   <table:table-cell table:style-name="ce1" office:value-type="float" office:value="$id1"><text:p>360426199101010000</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
   <table:table-cell office:value-type="string"><text:p>王小明</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>$id3</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
   <table:table-cell office:value-type="string"><text:p>李秀英</text:p></table:table-cell>
   <table:table-cell office:value-type="float" office:value="$id2"><text:p>1.20103E+17</text:p></table:table-cell>
  </table:table-row>
 </table:table></office:spreadsheet></office:body>
</office:document>
EOF
lo "LibreOffice converts a sheet with number-formatted IDs" rounded.xlsx \
  --convert-to xlsx --outdir "$work" rounded.fods
run 1 "rounded IDs are refused (exit 1)" num import recipients rounded.xlsx
check "counts" last_line_is "added 2, updated 0, unchanged 0, rejected 2"
check "errors on lines 3 and 5 exactly" error_lines_are "rounded.xlsx:3: " "rounded.xlsx:5: "
check "line 3 (format 0) is refused as Excel-mangled" \
  error_says "rounded.xlsx:3: 身份证号: " '3\.60426E\+17|360426199101010000' Excel 文本
check "line 5 (General) too" error_says "rounded.xlsx:5: 身份证号: " '1\.20103E\+17' Excel 文本
check "still nothing written" value_is num "SELECT COUNT(*) FROM recipient" 0

# --- 2. the .xlsx export, read back by LibreOffice --------------------------

run 0 "a demo database" demo demo
check "with recipients" test "$(sql demo 'SELECT COUNT(*) FROM recipient')" -gt 100
# One person whose cells need CSV quoting (comma, quote, line break) and an
# account with a leading zero, which the CSV export guards with ="…".
{
  echo '姓名,身份证号,住址,开户银行,户名,账号,所属村（社区）,优抚类别'
  printf '%s\n' "钱老兵,$(idgen 36042619401001005),\"龙泉镇\"\"红星\"\"路1号,2栋" "3单元\",\"银行, 清源\",钱老兵,0123456789012345678,东风村,退役士兵"
} > awkward.csv
run 0 "a person with awkward cells" demo import recipients awkward.csv
check "added" last_line_is "added 1, updated 0, unchanged 0, rejected 0"
check "the address kept its quotes, comma and line break" value_is demo \
  "SELECT address = '龙泉镇\"红星\"路1号,2栋' || char(10) || '3单元' FROM recipient WHERE name = '钱老兵'" 1
rows=$(($(sql demo 'SELECT COUNT(*) FROM recipient') + 1))

for profile in internal public bank; do
  run 0 "export $profile .xlsx" demo export recipients "$profile.xlsx" --profile "$profile"
  run 0 "export $profile .csv" demo export recipients "$profile.csv" --profile "$profile"
  mkdir -p lo
  # UTF-8, comma, quote; cell contents as shown (token 9).
  lo "LibreOffice converts the $profile .xlsx to CSV" "lo/$profile.csv" \
    --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true" \
    --outdir "$work/lo" "$profile.xlsx"
  cells "$profile.csv" 1 > "$profile.cells"
  cells "lo/$profile.csv" > "$profile.lo-cells"
  check "$profile: LibreOffice's CSV has the same cells as the CSV export" \
    diff "$profile.cells" "$profile.lo-cells"
  if ! cmp -s "$profile.cells" "$profile.lo-cells"; then
    diff "$profile.cells" "$profile.lo-cells" | head -n 20 | sed 's/^/# /'
  fi
  check "$profile: a header and every recipient" \
    test "$(cut -f 1 "$profile.lo-cells" | sort -un | wc -l)" -eq "$rows"
done

check "internal: the cells compared hold full ID numbers" test \
  "$(awk -F '\t' '$1 > 1 && $2 == 4 { print $3 }' internal.lo-cells | grep -c -E '^[0-9]{17}[0-9X]$')" \
  -eq "$((rows - 1))"
check "internal: no ID or account became a number" bash -c "! grep -q 'E+' lo/internal.csv"
# (cells writes a line break inside a cell as \n.)
check "internal: the awkward address survived, in its column" test \
  "$(awk -F '\t' '$2 == 9 && $3 == "龙泉镇\"红星\"路1号,2栋\\n3单元"' internal.lo-cells | wc -l)" -eq 1
check "internal: the leading-zero account survived" grep -q -F "$(printf '\t13\t0123456789012345678')" internal.lo-cells
# Every full ID number and phone of the database, none of which the public
# list may show.
sql demo "SELECT id_number FROM recipient UNION SELECT phone FROM recipient WHERE phone <> ''" > secrets
check "public: there are IDs to look for" test "$(wc -l < secrets)" -ge "$((rows - 1))"
check "public: no full ID number or phone after conversion" bash -c "! grep -q -F -f secrets lo/public.csv"
check "public: the ID numbers are there masked" \
  test "$(grep -c -E '(^|,)[0-9]{6}\*{8}[0-9]{3}[0-9X](,|$)' lo/public.csv)" -eq "$((rows - 1))"
sql demo "SELECT id_number FROM recipient" > ids
check "bank: no ID numbers either" bash -c "! grep -q -F -f ids lo/bank.csv"

echo "1..$n"
exit $failed
