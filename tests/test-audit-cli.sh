#!/bin/bash
# test-audit-cli.sh CLI: audit-payments (按标准及时足额) on a demo database (TAP output).
#
# The demo's runs may change; the checks are about structure and consistency
# (counts add up, totals add up, the file has the rows the screen listed,
# full ID numbers only in the file), not about particular people.
source "$(dirname "$0")/cli-lib.sh" "$@"

# 元 with two decimals → 分, summed (awk's doubles are exact far beyond any budget).
sum_fen () { awk '{ gsub(/\./, ""); s += $0 } END { printf "%d\n", s }'; }

db="$work/db"
expect_status 0 "demo database" "$cli" --db "$db" demo --year 2025

expect_status 0 "audit with CSV and chart (findings are not a failure)" \
  "$cli" --db "$db" audit-payments --year 2025 -o "$work/audit.csv" --chart "$work/audit.png"
cp "$work/out" "$work/audit.txt"

# Line 2: checked, ok, missed, underpaid, late (in that order in every language).
read -r checked ok missed underpaid late <<<"$(sed -n 2p "$work/audit.txt" | grep -oE '[0-9]+' | tr '\n' ' ')"
awk -F'\t' 'NF == 10' "$work/audit.txt" >"$work/findings"
awk -F'\t' 'NF == 3' "$work/audit.txt" >"$work/kinds"
n_findings=$(wc -l <"$work/findings")

check "people × kinds were checked" [ "${checked:-0}" -gt 0 ]
check "ok + missed + underpaid + late = checked" \
  [ $((ok + missed + underpaid + late)) -eq "$checked" ]
check "one line per finding" [ $((missed + underpaid + late)) -eq "$n_findings" ]
check "the findings count line agrees" \
  grep -qE "(^|[^0-9])$n_findings([^0-9]|$)" <(sed -n "$(( $(wc -l <"$work/audit.txt") - n_findings ))p" "$work/audit.txt")
check "a line per kind and a total" [ "$(wc -l <"$work/kinds")" -ge 2 ]

head -n -1 "$work/kinds" >"$work/per-kind"
tail -n 1 "$work/kinds" >"$work/total"
exp_kinds=$(cut -f2 "$work/per-kind" | grep -oE '[0-9]+\.[0-9]{2}' | sum_fen)
paid_kinds=$(cut -f3 "$work/per-kind" | grep -oE '[0-9]+\.[0-9]{2}' | sum_fen)
exp_total=$(cut -f2 "$work/total" | grep -oE '[0-9]+\.[0-9]{2}' | sum_fen)
paid_total=$(cut -f3 "$work/total" | grep -oE '[0-9]+\.[0-9]{2}' | sum_fen)
check "expected per kind adds up to the total" [ "$exp_kinds" -eq "$exp_total" ]
check "paid per kind adds up to the total" [ "$paid_kinds" -eq "$paid_total" ]
check "something was due and something paid" [ "$exp_total" -gt 0 ] && [ "$paid_total" -gt 0 ]

# Each finding's own figures: missed = nothing paid, underpaid = less than
# due, late = paid in full; what is short adds up to at most what was due.
check "missed lines paid 0.00" \
  bash -c "awk -F'\t' 'NR <= $missed && \$8 != \"0.00\" { bad = 1 } END { exit bad }' '$work/findings'"
check "underpaid lines paid less than due" \
  bash -c "awk -F'\t' 'NR > $missed && NR <= $((missed + underpaid)) { e = \$7; p = \$8; gsub(/\./, \"\", e); gsub(/\./, \"\", p); if (p + 0 >= e + 0 || p + 0 <= 0) bad = 1 } END { exit bad }' '$work/findings'"
check "late lines paid in full, after the due date" \
  bash -c "awk -F'\t' 'NR > $((missed + underpaid)) { e = \$7; p = \$8; gsub(/\./, \"\", e); gsub(/\./, \"\", p); if (p + 0 < e + 0 || \$10 <= \$9) bad = 1 } END { exit bad }' '$work/findings'"
short=$(awk -F'\t' '{ e = $7; p = $8; gsub(/\./, "", e); gsub(/\./, "", p); if (e > p) s += e - p } END { printf "%d\n", s }' "$work/findings")
check "what is short is at most what was due" [ "$short" -le "$exp_total" ]

# ID numbers: masked on screen, in full in the file.
check "no full ID number on screen" bash -c "! grep -qE '[0-9]{17}[0-9Xx]' '$work/audit.txt'"
if [ "$n_findings" -gt 0 ]; then
  check "masked ID numbers on screen" grep -qE '[0-9]{6}\*{8}[0-9]{3}[0-9Xx]' "$work/findings"
  check "full ID numbers in the file, kept from Excel" grep -qE '"=""[0-9]{17}[0-9Xx]"""' "$work/audit.csv"
fi

header='问题,姓名,身份证号,所属村（社区）,类型,优抚类别,应发金额（元）,实发金额（元）,差额（元）,发放日期,应发放日期'
check "CSV: UTF-8 with BOM and the Chinese header" \
  bash -c "head -n 1 '$work/audit.csv' | tr -d '\r' | grep -qx \$'\xEF\xBB\xBF$header'"
check "CSV: as many rows as findings printed" [ $(($(wc -l <"$work/audit.csv") - 1)) -eq "$n_findings" ]
check "CSV: the same people in the same order" \
  bash -c "diff <(cut -f2 '$work/findings') <(tail -n +2 '$work/audit.csv' | cut -d, -f2)"
check "chart: a PNG image" bash -c "head -c 8 '$work/audit.png' | od -An -c | grep -q 'P   N   G'"
check "chart: not empty" [ "$(stat -c %s "$work/audit.png")" -gt 20000 ]
check "messages say where the files went" grep -q "audit.png" "$work/err"

expect_status 0 "XLSX export" "$cli" --db "$db" audit-payments --year 2025 -o "$work/audit.xlsx"
check "XLSX: a zip (OOXML) file" bash -c "head -c 2 '$work/audit.xlsx' | grep -q PK"

expect_status 0 "a year without subsidies" "$cli" --db "$db" audit-payments --year 1990
check "nothing checked, nothing found" \
  bash -c "[ \"\$(sed -n 2p '$work/out' | grep -oE '[0-9]+' | tr '\n' ' ')\" = '0 0 0 0 0 ' ]"
check "no finding lines" bash -c "[ \$(awk -F'\t' 'NF == 10' '$work/out' | wc -l) -eq 0 ]"

# Deadlines (--set-deadline KIND=DAYS, *=DAYS for the kinds without their own).
counts () { sed -n 2p "$work/out" | grep -oE '[0-9]+' | tr '\n' ' '; }
expect_status 0 "deadlines: due on the first day of every month" "$cli" --db "$db" audit-payments \
  --set-deadline '*=0' --set-deadline 义务兵家庭优待金=0
check "each deadline is confirmed" [ "$(grep -cE '(^|[^0-9])0([^0-9]|$)' "$work/out")" -eq 2 ]
expect_status 0 "audit with the strict deadlines" "$cli" --db "$db" audit-payments --year 2025
read -r _ strict_ok _ _ strict_late <<<"$(counts)"
check "more payments are late" [ "${strict_late:-0}" -gt "$late" ]
check "fewer are on time in full" [ "${strict_ok:-0}" -lt "$ok" ]
expect_status 0 "removing a kind's own deadline" "$cli" --db "$db" audit-payments --set-deadline 义务兵家庭优待金=
check "the kind follows the others then" grep -qE '(^|[^0-9])0([^0-9]|$)' "$work/out"
expect_status 0 "deadlines back, audited in the same call" "$cli" --db "$db" audit-payments \
  --set-deadline '*=31' --set-deadline 义务兵家庭优待金=212 --year 2025
check "the days are confirmed" grep -q 212 "$work/out"
check "the late count is back" \
  bash -c "grep -qE '(^|[^0-9])$checked[^0-9]+$ok[^0-9]+$missed[^0-9]+$underpaid[^0-9]+$late([^0-9]|\$)' '$work/out'"
expect_status 2 "a deadline needs KIND=DAYS" "$cli" --db "$db" audit-payments --set-deadline 31
check "the message quotes it" grep -q -- "--set-deadline 31" "$work/err"
expect_status 2 "a deadline needs a kind" "$cli" --db "$db" audit-payments --set-deadline =5
expect_status 2 "days must be a number" "$cli" --db "$db" audit-payments --set-deadline 慰问金=abc
check "the message quotes the days" grep -q "abc" "$work/err"
expect_status 2 "days beyond ten years are refused" \
  "$cli" --db "$db" audit-payments --set-deadline '*=0' --set-deadline 慰问金=3661
expect_status 0 "a refused call changed nothing" "$cli" --db "$db" audit-payments --year 2025
check "same counts as before" [ "$(counts)" = "$checked $ok $missed $underpaid $late " ]

# Usage errors: exit 2, nothing written.
expect_status 2 "--year is required" "$cli" --db "$db" audit-payments
check "the message names --year" grep -q -- "--year" "$work/err"
expect_status 2 "a year must be a number" "$cli" --db "$db" audit-payments --year abc
check "the message quotes the bad year" grep -q "abc" "$work/err"
expect_status 2 "a year out of range" "$cli" --db "$db" audit-payments --year 20250
expect_status 2 "an unknown export type" "$cli" --db "$db" audit-payments --year 2025 -o "$work/audit.txt2"
check "no file for a refused export" [ ! -e "$work/audit.txt2" ]
expect_status 2 "the chart must be a PNG" "$cli" --db "$db" audit-payments --year 2025 --chart "$work/c.jpg"
expect_status 2 "no stray arguments" "$cli" --db "$db" audit-payments --year 2025 extra
expect_status 1 "an export into a missing folder fails" \
  "$cli" --db "$db" audit-payments --year 2025 -o "$work/no/such/dir/a.csv"
check "the failure says why" test -s "$work/err"

tap_done
