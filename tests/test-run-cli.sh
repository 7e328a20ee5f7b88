#!/bin/bash
# test-run-cli.sh CLI: run create|list|show|approve|unapprove|pay|return|reissue|delete on a demo
# database (TAP output).  The last line of each command is its untranslated summary.
source "$(dirname "$0")/cli-lib.sh" "$@"

last_line_matches () { tail -n 1 "$work/out" | grep -Eqx "$1"; }

db="$work/db"
today=$(date +%F)

expect_status 0 "demo database" "$cli" --db "$db" demo --seed 7 --year 2025
expect_status 0 "run list" "$cli" --db "$db" run list
check "the demo's eleven runs" last_line_matches "total 11"
check "the paid 优待金 run is listed" grep -qE $'^[0-9]+\t2025\t义务兵家庭优待金\tpaid\t' "$work/out"

# Create: a month of 定期生活补助 nobody has paid yet.
expect_status 0 "create a run" "$cli" --db "$db" run create --kind 定期生活补助 --period 2026年1月
check "summary of the new draft" last_line_matches "run 12, draft, lines [1-9][0-9]*, total [0-9]+\.[0-9]{2}, excluded [0-9]+"
lines=$(tail -n 1 "$work/out" | sed -E 's/.*lines ([0-9]+),.*/\1/')
expect_status 0 "show it" "$cli" --db "$db" run show 12
check "one row per line, ID numbers masked" \
  bash -c "[ \$(grep -cE \$'^[0-9]+\t[^\t]+\t[0-9]{6}\\\\*{8}[0-9]{3}[0-9X]\t' '$work/out') -eq $lines ]"
check "the months of the line" grep -qE $'\t2026-01\\.\\.2026-01\t1\t' "$work/out"
check "no full ID number" bash -c "! cut -f 3 '$work/out' | grep -qE '^[0-9]{17}[0-9X]\$'"
check "the default title" grep -q '2026年1月定期生活补助' "$work/out"
check "show ends with the summary" last_line_matches "run 12, draft, lines $lines, total [0-9.]+, excluded [0-9]+"

# The same quarter the demo already approved: everyone excluded as paid.
expect_status 0 "a run for months already in another run" "$cli" --db "$db" run create --kind 定期抚恤金 --period 2025-Q4
check "no lines" last_line_matches "run 13, draft, lines 0, total 0\.00, excluded [1-9][0-9]*"
expect_status 0 "its exclusions" "$cli" --db "$db" run show 13
check "listed with code paid" grep -qE $'^excluded\t.*\tpaid\t' "$work/out"
expect_status 1 "an empty run is not approved" "$cli" --db "$db" run approve 13
expect_status 0 "a draft is deleted" "$cli" --db "$db" run delete 13
check "deleted" last_line_matches "run 13 deleted"
expect_status 1 "it is gone" "$cli" --db "$db" run show 13

# Bad input.
expect_status 2 "a malformed period" "$cli" --db "$db" run create --kind 定期抚恤金 --period 2025-Q5
check "the message names the accepted forms" grep -q '2025-Q4' "$work/err"
expect_status 1 "an unknown kind" "$cli" --db "$db" run create --kind 奖金 --period 2025
check "the message lists the kinds" grep -q '定期抚恤金' "$work/err"
expect_status 2 "create without --period" "$cli" --db "$db" run create --kind 定期抚恤金
expect_status 2 "a run number that is no number" "$cli" --db "$db" run show abc
expect_status 1 "a run that does not exist" "$cli" --db "$db" run show 999
expect_status 2 "an unknown subcommand" "$cli" --db "$db" run frobnicate 12
expect_status 2 "no subcommand" "$cli" --db "$db" run

# States.
expect_status 1 "a draft cannot be paid" "$cli" --db "$db" run pay 12 --date "$today" --voucher 清财社〔2026〕1号
expect_status 0 "approve" "$cli" --db "$db" run approve 12
check "approved" last_line_matches "run 12, approved, lines $lines, .*"
expect_status 1 "approve twice" "$cli" --db "$db" run approve 12
expect_status 0 "unapprove" "$cli" --db "$db" run unapprove 12
check "back to draft" last_line_matches "run 12, draft, .*"
expect_status 0 "approve again" "$cli" --db "$db" run approve 12
expect_status 2 "pay needs a voucher" "$cli" --db "$db" run pay 12 --date "$today"
expect_status 1 "not in the future" "$cli" --db "$db" run pay 12 --date 2999-01-01 --voucher V1
expect_status 1 "a real date" "$cli" --db "$db" run pay 12 --date 2026-02-30 --voucher V1
expect_status 0 "pay" "$cli" --db "$db" run pay 12 --date "$today" --voucher 清财社〔2026〕1号
check "paid" last_line_matches "run 12, paid, lines $lines, .*"
expect_status 1 "a paid run is not deleted" "$cli" --db "$db" run delete 12
expect_status 1 "nor sent back to draft" "$cli" --db "$db" run unapprove 12
expect_status 1 "nothing failed: nothing to re-issue" "$cli" --db "$db" run reissue 12

# Bank return.
expect_status 0 "show the paid run" "$cli" --db "$db" run show 12
account=$(grep -E $'^[0-9]+\t' "$work/out" | head -n 1 | cut -f 10)
check "an account to return" [ -n "$account" ]
printf '账号,户名,失败原因\n%s,某,账户冻结\n6200000000000000000,某,户名不符\n' "$account" >"$work/bad-return.csv"
expect_status 2 "a row matching no line fails the file" "$cli" --db "$db" run return 12 "$work/bad-return.csv"
check "FILE:LINE: column: reason" grep -q "bad-return.csv:3: 账号: " "$work/err"
expect_status 0 "nothing was marked" "$cli" --db "$db" run show 12
check "no failed line" bash -c "! grep -qE $'\tfailed\$' '$work/out'"
printf '账号,户名,失败原因\n%s,某,账户冻结\n' "$account" >"$work/return.csv"
expect_status 0 "the bank return" "$cli" --db "$db" run return 12 "$work/return.csv"
check "one line failed" last_line_matches "failed 1"
expect_status 0 "show it failed" "$cli" --db "$db" run show 12
check "the line is failed" grep -qE $'\tfailed$' "$work/out"
check "with the bank's reason" grep -q '账户冻结' "$work/out"
expect_status 1 "a return for a run not paid" "$cli" --db "$db" run return 10 "$work/return.csv"
expect_status 2 "a missing return file" "$cli" --db "$db" run return 12 "$work/missing.csv"

# Re-issue.
expect_status 0 "re-issue" "$cli" --db "$db" run reissue 12
check "a draft with the failed line" last_line_matches "run 14, draft, lines 1, total [0-9.]+, excluded 0"
expect_status 1 "re-issue twice" "$cli" --db "$db" run reissue 12
expect_status 0 "show the re-issue" "$cli" --db "$db" run show 14
check "titled 补发" grep -q '（补发）' "$work/out"
check "to the same account" grep -qE $'\t'"$account"$'\tpending$' "$work/out"
expect_status 0 "the re-issue is a draft to approve" "$cli" --db "$db" run approve 14
expect_status 0 "list again" "$cli" --db "$db" run list
check "thirteen runs" last_line_matches "total 13"

tap_done
