#!/bin/bash
# test-roster-cli.sh CLI: run roster (花名册, internal and 公示) and run bankfile on a demo
# database (TAP output).  The runs are found with sqlite3 in office.db.
source "$(dirname "$0")/cli-lib.sh" "$@"

sql () { sqlite3 "$db/office.db" "$1"; }
# 分 → yuan with two decimals, without floating point.
yuan () { printf '%d.%02d' $(($1 / 100)) $(($1 % 100)); }

db="$work/db"
expect_status 0 "demo database" "$cli" --db "$db" demo --seed 11

paid=$(sql "SELECT id FROM disbursement_batch WHERE state = 'paid' ORDER BY id LIMIT 1")
check "the demo has a paid run" [ -n "$paid" ]
lines=$(sql "SELECT COUNT(*) FROM disbursement_line WHERE batch_id = $paid")
total=$(sql "SELECT SUM(amount_fen) FROM disbursement_line WHERE batch_id = $paid")
summary="$lines lines, total $(yuan "$total")"

# --- the internal roster -------------------------------------------------
expect_status 0 "roster (internal by default)" "$cli" --db "$db" run roster "$paid" -o "$work/internal.pdf"
check "prints N lines, total X.XX" grep -qx "$summary" "$work/out"
pdftotext -layout "$work/internal.pdf" "$work/internal.txt" 2>/dev/null
pages=$(pdfinfo "$work/internal.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
check "title" grep -q "发放花名册" "$work/internal.txt"
check "header row on every page" [ "$(grep -c '序号' "$work/internal.txt")" -eq "$pages" ]
check "本页小计 on every page" [ "$(grep -c '本页小计' "$work/internal.txt")" -eq "$pages" ]
check "第 N 页 共 M 页 agrees with the page count" grep -q "第 $pages 页 共 $pages 页" "$work/internal.txt"
check "合计 with its 大写" grep -qE "合计（$lines 人）.*大写：人民币" "$work/internal.txt"
check "the total in figures" grep -qF "$(yuan "$total" | sed -E ':a;s/^([0-9]+)([0-9]{3})/\1,\2/;ta')" "$work/internal.txt"
check "signature blocks" grep -q "制表人" "$work/internal.txt"
id=$(sql "SELECT r.id_number FROM disbursement_line l JOIN recipient r ON r.id = l.recipient_id
          WHERE l.batch_id = $paid AND length(r.id_number) = 18 LIMIT 1")
check "full ID numbers in the internal roster" grep -qF "$id" "$work/internal.txt"
check "qpdf --check (internal)" qpdf --check "$work/internal.pdf"
check "fonts embedded as subsets (internal)" \
  bash -c "pdffonts '$work/internal.pdf' | tail -n +3 | awk '{ if (\$(NF-4) != \"yes\" || \$(NF-3) != \"yes\" || index(\$1, \"+\") == 0) bad = 1 } END { exit bad || NR == 0 }'"
check "the export is in the audit log" \
  [ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND entity = 'disbursement_batch' AND entity_id = $paid AND new_values LIKE '%\"internal\"%'")" -eq 1 ]

# --- the 公示 version -----------------------------------------------------
expect_status 0 "roster --profile public" "$cli" --db "$db" run roster "$paid" --profile public -o "$work/public.pdf"
check "same summary" grep -qx "$summary" "$work/out"
pdftotext -layout "$work/public.pdf" "$work/public.txt" 2>/dev/null
check "公示名单 title" grep -q "公示名单" "$work/public.txt"
check "masked ID numbers" grep -qE '[0-9]{6}\*{8}[0-9]{3}[0-9X]' "$work/public.txt"
check "no full ID number" bash -c "[ -s '$work/public.txt' ] && ! grep -qE '[0-9]{17}[0-9X]' '$work/public.txt'"
check "no ID of the run in full" bash -c "[ -s '$work/public.txt' ] && ! grep -qF '$id' '$work/public.txt'"
sql "SELECT account FROM disbursement_line WHERE batch_id = $paid AND account <> ''" >"$work/accounts"
check "no account number" bash -c "[ -s '$work/accounts' ] && ! grep -qFf '$work/accounts' '$work/public.txt'"
check "no signature column" bash -c "[ -s '$work/public.txt' ] && ! grep -q '签名' '$work/public.txt'"
check "公示期" grep -q "公示期" "$work/public.txt"
check "qpdf --check (public)" qpdf --check "$work/public.pdf"

# --- bank files ------------------------------------------------------------
expect_status 0 "bankfile CSV" "$cli" --db "$db" run bankfile "$paid" -o "$work/bank.csv"
check "same summary as the roster" grep -qx "$summary" "$work/out"
check "a row per line and the header" [ "$(wc -l <"$work/bank.csv")" -eq $((lines + 1)) ]
check "BOM and the header" bash -c "head -n 1 '$work/bank.csv' | tr -d '\r' | grep -qx \$'\xEF\xBB\xBF序号,姓名,开户银行,账号,金额'"
check "the amounts add up to the roster's total" \
  bash -c "tail -n +2 '$work/bank.csv' | tr -d '\r' | awk -F, '{ split(\$NF, a, \".\"); s += a[1] * 100 + a[2] } END { exit s != $total }'"
check "accounts kept whole for Excel" grep -qE '=""[0-9]{16,19}""' "$work/bank.csv"
expect_status 0 "bankfile XLSX" "$cli" --db "$db" run bankfile "$paid" -o "$work/bank.xlsx"
check "same summary" grep -qx "$summary" "$work/out"
check "an xlsx workbook" bash -c "unzip -l '$work/bank.xlsx' | grep -q 'xl/worksheets/sheet1.xml'"

# --- a draft -------------------------------------------------------------
now=$(date +%Y-%m-%dT%H:%M:%S)
sql "INSERT INTO disbursement_batch (kind, period, title, state, created_at, created_by, updated_at, updated_by)
     VALUES ('定期抚恤金', '2030-Q1', '2030年第一季度定期抚恤金', 'draft', '$now', 'test', '$now', 'test')"
draft=$(sql "SELECT MAX(id) FROM disbursement_batch")
expect_status 0 "a draft's roster may be printed" "$cli" --db "$db" run roster "$draft" -o "$work/draft.pdf"
check "… and says it is a draft" bash -c "pdftotext '$work/draft.pdf' - | grep -q '（草稿）'"
check "0 lines" grep -qx "0 lines, total 0.00" "$work/out"
expect_status 1 "no bank file for a draft" "$cli" --db "$db" run bankfile "$draft" -o "$work/draft.csv"
check "no file left" [ ! -e "$work/draft.csv" ]

# --- bad command lines -------------------------------------------------------
expect_status 1 "an unknown run" "$cli" --db "$db" run roster 999999 -o "$work/x.pdf"
check "the message names it" grep -q "999999" "$work/err"
check "no file" [ ! -e "$work/x.pdf" ]
expect_status 1 "an unknown run (bank file)" "$cli" --db "$db" run bankfile 999999 -o "$work/x.csv"
check "the message names it" grep -q "999999" "$work/err"
expect_status 2 "RUN must be a number" "$cli" --db "$db" run roster abc -o "$work/x.pdf"
expect_status 2 "missing -o (roster)" "$cli" --db "$db" run roster "$paid"
expect_status 2 "missing -o (bank file)" "$cli" --db "$db" run bankfile "$paid"
expect_status 2 "missing RUN" "$cli" --db "$db" run roster -o "$work/x.pdf"
expect_status 2 "unknown profile" "$cli" --db "$db" run roster "$paid" --profile bank -o "$work/x.pdf"
expect_status 2 "bank file must be .csv or .xlsx" "$cli" --db "$db" run bankfile "$paid" -o "$work/x.txt"

tap_done
