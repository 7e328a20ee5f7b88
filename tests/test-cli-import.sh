#!/bin/bash
# test-cli-import.sh CLI: the import/export contract scripts rely on (TAP output).
#   import recipients FILE [--dry-run] [--skip-invalid]: one stderr line per
#   error (FILE:LINE: COLUMN: reason; warnings as FILE:LINE: COLUMN: warning:
#   reason), last stdout line "added N, updated N, unchanged N, rejected N",
#   exit 0 / 1 (rows rejected, nothing written) / 2 (file unreadable).
#   export recipients FILE.csv [--profile public|internal|bank].
set -u
cli="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
n=0
failed=0

pass () { n=$((n + 1)); echo "ok $n - $1"; }
flunk () {
  n=$((n + 1)); echo "not ok $n - $1"
  sed 's/^/# out: /' "$work/out"; sed 's/^/# err: /' "$work/err"; failed=1
}

run () {      # run CODE DESCRIPTION ARGS...: the CLI must exit with CODE
  local want="$1" desc="$2"; shift 2
  "$cli" --db "$work/db" "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then pass "$desc"; else flunk "$desc (exit $got, wanted $want)"; fi
}

check () {    # check DESCRIPTION COMMAND...: an assertion about the last run
  local desc="$1"; shift
  if "$@" >/dev/null 2>&1; then pass "$desc"; else flunk "$desc"; fi
}

last_line_is () { [ "$(tail -n 1 "$work/out")" = "$1" ]; }
sql () { sqlite3 "$work/db/office.db" "$1"; }
count_is () { [ "$(sql "$1")" = "$2" ]; }
# The error lines (not warnings) of the last run, exactly the arguments, in order.
errors_are () {
  local expected
  expected=$(printf '%s\n' "$@")
  [ "$(grep -v ': warning: ' "$work/err" | grep -E '^[^ ]+:[0-9]+: ')" = "$expected" ]
}
# Error lines start with the prefix given and say the rest.
error_line () {  # error_line PREFIX PART: a line starting with PREFIX that contains PART
  grep -F -- "$1" "$work/err" | grep -v ': warning: ' | grep -q -F -- "$2"
}

# A valid ID number from its first 17 digits (GB 11643 check character).
idgen () {
  awk -v s="$1" 'BEGIN {
    split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
    for (i = 1; i <= 17; i++) t += substr(s, i, 1) * w[i]
    print s substr("10X98765432", t % 11 + 1, 1) }'
}
mask_id () { echo "${1:0:6}********${1:14:4}"; }

id1=$(idgen 36042619520312001)
id2=$(idgen 36042619601105002)
id3=$(idgen 36042619780709003)
check "idgen agrees with DOMAIN.md" test "$(idgen 36042619910101007)" = 360426199101010071

header='姓名,身份证号,联系电话,所属村（社区）,优抚类别'
{
  echo "$header"
  echo "张建国,$id1,13812341234,东风村,退役士兵"
  echo "赵强,3.60426E+17,13812341234,东风村,退役士兵"
  echo "王明,360426199101010072,,东风村,退役士兵"
  echo "李秀英,$id2,13900001111,红星村,烈士遗属"
  echo "刘伟,$id3,12345,红星村,退役士兵"
} > bad.csv

run 0 "init" init

# --- rejected rows: nothing written, exit 1 ---------------------------------
run 1 "a file with rejected rows exits 1" import recipients bad.csv
check "last stdout line counts what the rows are" last_line_is "added 3, updated 0, unchanged 0, rejected 2"
check "one error line per rejected row, FILE:LINE: COLUMN: reason" \
  errors_are "$(grep -F 'bad.csv:3: 身份证号: ' "$work/err")" "$(grep -F 'bad.csv:4: 身份证号: ' "$work/err")"
check "line 3: the Excel-mangled ID is named" error_line "bad.csv:3: 身份证号: " "3.60426E+17"
check "line 4: the bad check character is named" error_line "bad.csv:4: 身份证号: " "360426199101010072"
check "a bad phone is a warning with its line and column" grep -q -F "bad.csv:6: 联系电话: warning: " "$work/err"
check "nothing was written" count_is "SELECT COUNT(*) FROM recipient" 0
check "no audit rows either" count_is "SELECT COUNT(*) FROM audit_log WHERE entity <> 'setting'" 0

run 1 "--dry-run with rejected rows exits 1 too" import recipients bad.csv --dry-run
check "dry run counts" last_line_is "added 3, updated 0, unchanged 0, rejected 2"
run 0 "--dry-run --skip-invalid exits 0" import recipients bad.csv --dry-run --skip-invalid
check "dry run writes nothing" count_is "SELECT COUNT(*) FROM recipient" 0

# --- --skip-invalid: the valid rows go in ------------------------------------
run 0 "--skip-invalid exits 0 with rejected rows" import recipients --skip-invalid bad.csv
check "skip-invalid counts" last_line_is "added 3, updated 0, unchanged 0, rejected 2"
check "the errors are still reported" error_line "bad.csv:3: 身份证号: " "3.60426E+17"
check "three people stored" count_is "SELECT COUNT(*) FROM recipient" 3
check "each with a 新增 status change" \
  count_is "SELECT COUNT(*) FROM status_change WHERE kind = '新增' AND reason = '导入 bad.csv'" 3
run 0 "the same file again" import recipients bad.csv --skip-invalid
check "nothing changed" last_line_is "added 0, updated 0, unchanged 3, rejected 2"

{
  echo "$header"
  echo "张建国,$id1,13812349999,东风村,退役士兵"
  echo "李秀英,$id2,13900001111,红星村,烈士遗属"
} > phone.csv
run 0 "a changed phone" import recipients phone.csv
check "updated 1" last_line_is "added 0, updated 1, unchanged 1, rejected 0"
check "the phone was written" count_is "SELECT phone FROM recipient WHERE id_number = '$id1'" 13812349999
check "no error lines for a clean file" test ! -s "$work/err"

# --- files that cannot be read: exit 2 --------------------------------------
run 2 "a missing file exits 2" import recipients no-such-file.csv
check "and says so on stderr" grep -q "no-such-file.csv" "$work/err"
check "with no counts line" test ! -s "$work/out"
printf '姓名,身份证号\n\x80\xff\xfe,1\n' > undecodable.csv
run 2 "an undecodable file exits 2" import recipients undecodable.csv
printf 'PK\003\004\024\000\006\000' > sheet.xlsx
run 2 "a damaged .xlsx exits 2" import recipients sheet.xlsx
check "and says it is damaged" grep -q "sheet.xlsx" "$work/err"
printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0' > locked.xlsx
run 2 "a password-protected (OLE) .xlsx exits 2" import recipients locked.xlsx
printf 'name,number\n张三,%s\n' "$id3" > no-columns.csv
run 2 "a file without 姓名/身份证号 columns exits 2" import recipients no-columns.csv
check "the message names the missing column" grep -q "身份证号" "$work/err"
run 2 "import without a file is a usage error" import recipients
run 2 "importing something else is a usage error" import plans bad.csv

# --- export ----------------------------------------------------------------
run 0 "export internal" export recipients internal.csv --profile internal
check "UTF-8 BOM first" test "$(head -c 3 internal.csv | od -An -tx1 | tr -d ' \n')" = efbbbf
check "Chinese header" grep -q -F "姓名,性别,民族,身份证号,出生日期,联系电话,户籍类别,所属村（社区）,住址,优抚类别,开户银行,户名,账号,状态" internal.csv
check "internal has the full ID" grep -q -F "$id1" internal.csv
run 0 "the internal export imported again" import recipients internal.csv
check "changes nothing" last_line_is "added 0, updated 0, unchanged 3, rejected 0"

run 0 "export public" export recipients public.csv --profile public
check "public has no full ID number" bash -c "! grep -q -F '$id1' public.csv && ! grep -q -F '$id2' public.csv"
check "public has the masked ID numbers" grep -q -F "$(mask_id "$id1")" public.csv
check "public masks phones" bash -c "grep -q -F '139****1111' public.csv && ! grep -q -F '13900001111' public.csv"
check "public header" grep -q -F "姓名,优抚类别,所属村（社区）,身份证号,联系电话" public.csv
run 0 "export bank" export recipients bank.csv --profile bank
check "bank header" grep -q -F "姓名,开户银行,账号" bank.csv
check "every export is in the audit log" \
  count_is "SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND entity = 'recipient'" 3
check "the log names profile, rows and file" \
  count_is "SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND new_values LIKE '%\"profile\":\"public\",\"rows\":3,%public.csv%'" 1

# --- XLSX: export, import back, the public profile --------------------------
run 0 "export internal .xlsx" export recipients internal.xlsx --profile internal
check "it is a zip with a workbook" bash -c "unzip -l internal.xlsx | grep -q xl/workbook.xml"
check "the sheet is named 优抚对象" bash -c "unzip -p internal.xlsx xl/workbook.xml | grep -q 'name=\"优抚对象\"'"
check "the ID is a text cell, not a number" bash -c "unzip -p internal.xlsx xl/worksheets/sheet1.xml | grep -q -F '<t>$id1</t>'"
check "no numeric cells at all" bash -c "! unzip -p internal.xlsx xl/worksheets/sheet1.xml | grep -q '<v>'"
check "the file is private to the user" test "$(stat -c %a internal.xlsx)" = 600
run 0 "the internal .xlsx imported again" import recipients internal.xlsx
check "changes nothing" last_line_is "added 0, updated 0, unchanged 3, rejected 0"
run 0 "--sheet by number" import recipients internal.xlsx --sheet 1 --dry-run
check "reads the same sheet" last_line_is "added 0, updated 0, unchanged 3, rejected 0"
run 0 "--sheet by name" import recipients internal.xlsx --sheet 优抚对象 --dry-run
check "reads the same sheet too" last_line_is "added 0, updated 0, unchanged 3, rejected 0"
run 2 "an unknown --sheet exits 2" import recipients internal.xlsx --sheet 名单
check "naming the sheets there are" grep -q -F "优抚对象" "$work/err"
run 2 "--sheet on a CSV file exits 2" import recipients internal.csv --sheet 1
run 0 "export public .xlsx" export recipients public.xlsx --profile public
check "public .xlsx has no full ID number" bash -c "! unzip -p public.xlsx 'xl/*' | grep -q -e '$id1' -e '$id2' -e '$id3'"
check "public .xlsx has the masked ID numbers" bash -c "unzip -p public.xlsx xl/worksheets/sheet1.xml | grep -q -F '$(mask_id "$id1")'"
check "public .xlsx masks phones" bash -c "! unzip -p public.xlsx 'xl/*' | grep -q 13900001111"
run 2 "the old .xls format cannot be written" export recipients out.xls
check "and says so" grep -q -F ".xls" "$work/err"
check "without writing a file" test ! -e out.xls
check "the XLSX exports are in the audit log" \
  count_is "SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND new_values LIKE '%\"profile\":\"public\",\"rows\":3,%public.xlsx%'" 1
run 2 "an unknown profile is a usage error" export recipients x.csv --profile everyone
run 1 "export into a missing folder fails" export recipients no/such/dir/x.csv --profile internal

# --- a database failure part way: everything rolled back ---------------------
sql "CREATE TRIGGER refuse BEFORE INSERT ON recipient WHEN NEW.name = '钱失败' BEGIN SELECT RAISE (ABORT, 'refused'); END;"
before=$(sql "SELECT (SELECT COUNT(*) FROM recipient) || '/' || (SELECT COUNT(*) FROM audit_log) || '/' || (SELECT COUNT(*) FROM status_change)")
{
  echo "$header"
  echo "张建国,$id1,13700000000,东风村,退役士兵"
  echo "孙新人,$(idgen 36042619650101004),,南山村,退役士兵"
  echo "钱失败,$(idgen 36042619650101005),,南山村,退役士兵"
} > fails.csv
run 1 "a database failure exits 1" import recipients fails.csv
check "the error names file and line" grep -q "^shuangyong-cli: fails.csv:4: " "$work/err"
after=$(sql "SELECT (SELECT COUNT(*) FROM recipient) || '/' || (SELECT COUNT(*) FROM audit_log) || '/' || (SELECT COUNT(*) FROM status_change)")
check "the database is as before" test "$before" = "$after"
check "the update before the failure was rolled back" \
  count_is "SELECT phone FROM recipient WHERE id_number = '$id1'" 13812349999

echo "1..$n"
exit $failed
