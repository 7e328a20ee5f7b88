#!/bin/bash
# test-standards-cli.sh CLI: standards import / export (and --topups) on a demo database (TAP output).
source "$(dirname "$0")/cli-lib.sh" "$@"

last_line_is () { [ "$(tail -n 1 "$work/out")" = "$1" ]; }

db="$work/db"
header='类型,优抚类别,伤残等级,伤残性质,户籍类别,金额,周期,生效日期,截止日期,按户发放'

expect_status 0 "demo database" "$cli" --db "$db" demo --seed 7

expect_status 0 "export" "$cli" --db "$db" standards export "$work/all.csv"
check "UTF-8 with BOM and the Chinese header" \
  bash -c "head -n 1 '$work/all.csv' | tr -d '\r' | grep -qx \$'\xEF\xBB\xBF$header'"
check "amounts in yuan with two decimals" grep -qE ',[0-9]+\.[0-9]{2},(月|年|次),' "$work/all.csv"
check "按户发放 as 是/否" bash -c "tr -d '\r' <'$work/all.csv' | tail -n +2 | grep -qvE ',(是|否)\$' && exit 1 || exit 0"
rows=$(($(wc -l <"$work/all.csv") - 1))
check "every standard exported" [ "$rows" -gt 10 ]

expect_status 0 "round trip: the export imports unchanged" "$cli" --db "$db" standards import "$work/all.csv"
check "round trip counts" last_line_is "added 0, updated 0, unchanged $rows, rejected 0"

# The open-ended 城镇 义务兵家庭优待金 is the one the demo's paid run used.
paid=$(tr -d '\r' <"$work/all.csv" | grep -E '^义务兵家庭优待金,义务兵家庭,,,城镇,[0-9.]+,年,[0-9-]+,,(是|否)$')
paid_from=$(echo "$paid" | cut -d, -f8)
{ echo "$header"; echo "$paid" | sed -E 's/,[0-9.]+,年,/,1.00,年,/'; } >"$work/edit-paid.csv"
expect_status 1 "editing a standard a paid run used is refused" \
  "$cli" --db "$db" standards import "$work/edit-paid.csv"
check "the refusal is FILE:LINE: COLUMN:" grep -q "edit-paid.csv:2: 金额: " "$work/err"
check "counts of the refusal" last_line_is "added 0, updated 0, unchanged 0, rejected 1"

# Superseding it: an end date, and a new row from the next day.
next_year=$(( ${paid_from:0:4} + 1 ))
{ echo "$header"
  echo "$paid" | sed -E "s/,,(是|否)$/,${paid_from:0:4}-12-31,\1/"
  echo "$paid" | sed -E "s/,[0-9.]+,年,[0-9-]+,,(是|否)$/,99999.00,yearly,${next_year}-01-01,,\1/"; } >"$work/supersede.csv"
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

# 按户发放 round trip: flip it on an unused standard and back.
row=$(tr -d '\r' <"$work/after.csv" | grep -E '^慰问金,' | grep -E ',否$' | head -n 1)
{ echo "$header"; echo "${row%,否},是"; } >"$work/household.csv"
expect_status 0 "按户发放 can be set by import" "$cli" --db "$db" standards import "$work/household.csv"
check "按户发放 counts" last_line_is "added 0, updated 1, unchanged 0, rejected 0"
expect_status 0 "export after 按户发放" "$cli" --db "$db" standards export "$work/household-out.csv"
check "按户发放 exported as 是" grep -qF "${row%,否},是" "$work/household-out.csv"
{ echo "$header"; echo "${row%,否},也许"; } >"$work/household-bad.csv"
expect_status 1 "a bad 按户发放 is refused" "$cli" --db "$db" standards import "$work/household-bad.csv"
check "named FILE:LINE: column" grep -q "household-bad.csv:2: 按户发放: " "$work/err"

# Top-up rules: their own CSV pair, all or nothing.
topheader='类型,条件,加发比例(%),生效日期,截止日期'
{ echo "$topheader"
  echo '义务兵家庭优待金,进藏进疆,100,2030-01-01,'
  echo '义务兵家庭优待金,一等功,20%,2030/1/1,2030-12-31'; } >"$work/topups.csv"
expect_status 0 "top-up rules import" "$cli" --db "$db" standards import "$work/topups.csv" --topups
check "top-up counts" last_line_is "added 2, updated 0, unchanged 0, rejected 0"
expect_status 0 "top-up rules export" "$cli" --db "$db" standards export "$work/topups-out.csv" --topups
check "top-up header" bash -c "head -n 1 '$work/topups-out.csv' | tr -d '\r' | grep -qx \$'\xEF\xBB\xBF$topheader'"
check "percent without %, dates normalised" grep -q '^义务兵家庭优待金,一等功,20,2030-01-01,2030-12-31' "$work/topups-out.csv"
expect_status 0 "top-up round trip" "$cli" --db "$db" standards import "$work/topups-out.csv" --topups
check "top-up round trip counts" last_line_is "added 0, updated 0, unchanged $(($(wc -l <"$work/topups-out.csv") - 1)), rejected 0"
expect_status 0 "the standards export is not the top-ups'" "$cli" --db "$db" standards export "$work/std-again.csv"
check "standards untouched by the top-up import" cmp "$work/household-out.csv" "$work/std-again.csv"
{ echo "$topheader"
  echo '义务兵家庭优待金,大学生入伍,50,2030-01-01,'
  echo '义务兵家庭优待金,二等功,很多,2030-01-01,'
  echo '义务兵家庭优待金,进藏进疆,100,2030-06-01,'; } >"$work/topups-bad.csv"
expect_status 1 "bad top-up rows fail the import" "$cli" --db "$db" standards import "$work/topups-bad.csv" --topups
check "bad percent named FILE:LINE: column" grep -q "topups-bad.csv:3: 加发比例(%): " "$work/err"
check "overlap named FILE:LINE: column" grep -q "topups-bad.csv:4: 生效日期: " "$work/err"
check "top-up all or nothing" last_line_is "added 1, updated 0, unchanged 0, rejected 2"
expect_status 0 "nothing of it was written" "$cli" --db "$db" standards export "$work/topups-after-bad.csv" --topups
check "the top-up export is as before" cmp "$work/topups-out.csv" "$work/topups-after-bad.csv"
expect_status 2 "a standards file is no top-up file" "$cli" --db "$db" standards import "$work/all.csv" --topups

printf '姓名,金额\n张三,1\n' >"$work/nohead.csv"
expect_status 2 "a file without the columns is unusable" "$cli" --db "$db" standards import "$work/nohead.csv"
expect_status 2 "a missing file" "$cli" --db "$db" standards import "$work/missing.csv"
expect_status 2 "an unknown subcommand" "$cli" --db "$db" standards list "$work/x.csv"
expect_status 2 "a missing file name" "$cli" --db "$db" standards export

tap_done
