#!/bin/bash
# test-assessment-cli.sh CLI: assessment import / export and coverage on a demo database (TAP output).
set -u
cli="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
failed=0

expect_status () {  # expect_status CODE DESCRIPTION COMMAND...
  local want="$1" desc="$2"; shift 2
  n=$((n + 1))
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then
    echo "ok $n - $desc"
  else
    echo "not ok $n - $desc (exit $got, wanted $want)"; sed 's/^/# /' "$work/out" "$work/err"; failed=1
  fi
}

check () {    # check DESCRIPTION COMMAND...: an assertion about the last command's output
  local desc="$1"; shift
  n=$((n + 1))
  if "$@" >/dev/null 2>&1; then
    echo "ok $n - $desc"
  else
    echo "not ok $n - $desc"; sed 's/^/# /' "$work/out" "$work/err"; failed=1
  fi
}

last_line_is () { [ "$(tail -n 1 "$work/out")" = "$1" ]; }

db="$work/db"
header='标准编号,细则编号,内容,分值,说明'

expect_status 0 "demo database" "$cli" --db "$db" demo --seed 7

cat >"$work/province.csv" <<CSV
$header
1,1.1,成立双拥工作领导小组,3,"组长由党委、政府主要领导担任, 成员单位齐全"
1,1.2,每季度召开领导小组会议,4,
7,7.1,全年开展双拥活动不少于6次,5,
CSV
expect_status 0 "import a province's 细则" "$cli" --db "$db" assessment import "$work/province.csv"
check "import counts" last_line_is "added 3, updated 0, unchanged 0, rejected 0"

expect_status 0 "export" "$cli" --db "$db" assessment export "$work/out.csv"
check "export count" last_line_is "exported 3"
check "UTF-8 with BOM and the Chinese header" \
  bash -c "head -n 1 '$work/out.csv' | tr -d '\r' | grep -qx \$'\xEF\xBB\xBF$header'"
check "a quoted description survives" grep -q '"组长由党委、政府主要领导担任, 成员单位齐全"' "$work/out.csv"
expect_status 0 "round trip: the export imports unchanged" "$cli" --db "$db" assessment import "$work/out.csv"
check "round trip counts" last_line_is "added 0, updated 0, unchanged 3, rejected 0"

printf '%s\n1,1.3,新增细则,2,\n9,9.1,没有这个标准,2,\n1,1.4,分值错误,two,\n' "$header" >"$work/bad.csv"
expect_status 1 "a bad row refuses the whole file" "$cli" --db "$db" assessment import "$work/bad.csv"
check "FILE:LINE: COLUMN: for the unknown standard" grep -q "bad.csv:3: 标准编号: " "$work/err"
check "FILE:LINE: COLUMN: for the score" grep -q "bad.csv:4: 分值: " "$work/err"
check "nothing written" last_line_is "added 0, updated 0, unchanged 0, rejected 2"
expect_status 0 "export after the refused import" "$cli" --db "$db" assessment export "$work/after.csv"
check "still three sub-items" last_line_is "exported 3"

printf 'a,b\n1,2\n' >"$work/nohead.csv"
expect_status 2 "a file without the columns is a usage error" "$cli" --db "$db" assessment import "$work/nohead.csv"
check "it names FILE:LINE" grep -q "nohead.csv:1: " "$work/err"
expect_status 2 "neither import nor export" "$cli" --db "$db" assessment frobnicate "$work/x.csv"

year=$(date +%Y)
expect_status 0 "coverage" "$cli" --db "$db" coverage --years 3 --to "$year" -o "$work/self.pdf"
check "a row per standard" bash -c "grep -c '^[1-8] ' '$work/out' | grep -qx 8"
check "the sub-items are listed" grep -q '^  7.1' "$work/out"
check "the window's years in the header" grep -q "$((year - 2)).*$((year - 1)).*$year" "$work/out"
check "the demo's activities are counted for standard 7" \
  bash -c "awk '/^7 /{ print \$NF }' '$work/out' | grep -qE '^[1-9][0-9]*\$'"
check "the self-score PDF" bash -c "head -c 5 '$work/self.pdf' | grep -q '%PDF-'"
if command -v pdftotext >/dev/null; then
  check "the PDF's text has the title" bash -c "pdftotext '$work/self.pdf' - | grep -q 双拥模范考评自评表"
fi
expect_status 2 "--years out of range" "$cli" --db "$db" coverage --years 0

echo "1..$n"
exit $failed
