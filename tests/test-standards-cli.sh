#!/bin/bash
# test-standards-cli.sh CLI: standards import / export on a demo database (TAP output).
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
header='类型,优抚类别,伤残等级,伤残性质,户籍类别,金额,周期,生效日期,截止日期'

expect_status 0 "demo database" "$cli" --db "$db" demo --seed 7

expect_status 0 "export" "$cli" --db "$db" standards export "$work/all.csv"
check "UTF-8 with BOM and the Chinese header" \
  bash -c "head -n 1 '$work/all.csv' | tr -d '\r' | grep -qx \$'\xEF\xBB\xBF$header'"
check "amounts in yuan with two decimals" grep -qE ',[0-9]+\.[0-9]{2},(月|年|次),' "$work/all.csv"
rows=$(($(wc -l <"$work/all.csv") - 1))
check "every standard exported" [ "$rows" -gt 10 ]

expect_status 0 "round trip: the export imports unchanged" "$cli" --db "$db" standards import "$work/all.csv"
check "round trip counts" last_line_is "added 0, updated 0, unchanged $rows, rejected 0"

# The open-ended 城镇 义务兵家庭优待金 is the one the demo's paid run used.
paid=$(tr -d '\r' <"$work/all.csv" | grep -E '^义务兵家庭优待金,义务兵家庭,,,城镇,[0-9.]+,年,[0-9-]+,$')
paid_from=$(echo "$paid" | cut -d, -f8)
{ echo "$header"; echo "$paid" | sed -E 's/,[0-9.]+,年,/,1.00,年,/'; } >"$work/edit-paid.csv"
expect_status 1 "editing a standard a paid run used is refused" \
  "$cli" --db "$db" standards import "$work/edit-paid.csv"
check "the refusal is FILE:LINE: COLUMN:" grep -q "edit-paid.csv:2: 金额: " "$work/err"
check "counts of the refusal" last_line_is "added 0, updated 0, unchanged 0, rejected 1"

# Superseding it: an end date, and a new row from the next day.
next_year=$(( ${paid_from:0:4} + 1 ))
{ echo "$header"
  echo "$paid" | sed -E "s/,$/,${paid_from:0:4}-12-31/"
  echo "$paid" | sed -E "s/,[0-9.]+,年,[0-9-]+,$/,99999.00,yearly,${next_year}-01-01,/"; } >"$work/supersede.csv"
expect_status 0 "dry run of a supersession" "$cli" --db "$db" standards import "$work/supersede.csv" --dry-run
check "dry-run counts" last_line_is "added 1, updated 1, unchanged 0, rejected 0"
expect_status 0 "nothing written by the dry run" "$cli" --db "$db" standards export "$work/after-dry.csv"
check "the export is as before" cmp "$work/all.csv" "$work/after-dry.csv"
expect_status 0 "a paid standard is superseded by a new effective date" \
  "$cli" --db "$db" standards import "$work/supersede.csv"
check "supersession counts" last_line_is "added 1, updated 1, unchanged 0, rejected 0"
expect_status 0 "export after supersession" "$cli" --db "$db" standards export "$work/after.csv"
check "the new standard is exported" grep -q ",99999.00,年,${next_year}-01-01," "$work/after.csv"

{ echo "$header"
  echo '慰问金,重点优抚对象,,,,abc,次,2030-01-01,'
  echo '慰问金,重点优抚对象,12,,,10,weekly,2030-02-30,'
  echo '奖励金,立功,,,,10,次,2030-03-01,2030-01-01'
  echo '奖励金,三等功,,,,10,次,2030-03-01,'; } >"$work/bad.csv"
expect_status 1 "invalid rows fail the import" "$cli" --db "$db" standards import "$work/bad.csv"
check "bad money" grep -q "bad.csv:2: 金额: " "$work/err"
check "grade outside 1-10" grep -q "bad.csv:3: 伤残等级: " "$work/err"
check "unknown period" grep -q "bad.csv:3: 周期: " "$work/err"
check "bad date" grep -q "bad.csv:3: 生效日期: " "$work/err"
check "end before start" grep -q "bad.csv:4: 截止日期: " "$work/err"
check "all or nothing" last_line_is "added 1, updated 0, unchanged 0, rejected 3"
expect_status 0 "nothing of it was written" "$cli" --db "$db" standards export "$work/after-bad.csv"
check "the export is as before" cmp "$work/after.csv" "$work/after-bad.csv"

printf '姓名,金额\n张三,1\n' >"$work/nohead.csv"
expect_status 2 "a file without the columns is unusable" "$cli" --db "$db" standards import "$work/nohead.csv"
expect_status 2 "a missing file" "$cli" --db "$db" standards import "$work/missing.csv"
expect_status 2 "an unknown subcommand" "$cli" --db "$db" standards list "$work/x.csv"
expect_status 2 "a missing file name" "$cli" --db "$db" standards export

echo "1..$n"
exit $failed
