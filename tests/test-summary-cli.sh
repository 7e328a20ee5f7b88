#!/bin/bash
# test-summary-cli.sh CLI: summary (年终总结 draft) on a demo database (TAP output).
#
# The figures printed must equal the database's own counts (sqlite3), the
# .odt must be a sound zip with the mimetype first and stored, and the PDF
# must carry the headings and the figures.
source "$(dirname "$0")/cli-lib.sh" "$@"

db="$work/db"
q () { sqlite3 "$db/office.db" "$1"; }
figure () { awk -v k="$1" '$1 == k { print $2 }' "$work/summary.txt"; }

expect_status 0 "demo database" "$cli" --db "$db" demo --year 2025

expect_status 0 "summary as .odt" "$cli" --db "$db" summary --year 2025 -o "$work/总结.odt" --today 2026-03-01
cp "$work/out" "$work/summary.txt"
check "unzip -t finds no error" unzip -tq "$work/总结.odt"
check "the first member is the mimetype" bash -c "unzip -Z1 '$work/总结.odt' | head -1 | grep -qx mimetype"
check "the mimetype is stored, not deflated" bash -c "unzip -Zv '$work/总结.odt' mimetype | grep -q 'compression method: *none'"
check "the mimetype says OpenDocument text" \
  bash -c "unzip -p '$work/总结.odt' mimetype | grep -qx 'application/vnd.oasis.opendocument.text'"
check "the chart is embedded as a PNG" bash -c "unzip -p '$work/总结.odt' Pictures/chart.png | head -c 4 | grep -q PNG"
check "the manifest lists the chart" bash -c "unzip -p '$work/总结.odt' META-INF/manifest.xml | grep -q Pictures/chart.png"

events=$(q "SELECT COUNT(*) FROM event WHERE date >= '2025-01-01' AND date < '2026-01-01'")
visits=$(q "SELECT COUNT(*) FROM event_recipient x JOIN event e ON e.id = x.event_id WHERE e.date LIKE '2025-%'")
photos=$(q "SELECT COUNT(*) FROM event_photo x JOIN event e ON e.id = x.event_id WHERE e.date LIKE '2025-%'")
money=$(q "SELECT COALESCE(SUM(x.money_fen), 0) FROM event_recipient x JOIN event e ON e.id = x.event_id WHERE e.date LIKE '2025-%'")
check "activities = the events of 2025 ($events)" [ "$(figure activities)" = "$events" ]
check "visits (人次) = event_recipient rows ($visits)" [ "$(figure visits)" = "$visits" ]
check "photos = the photos of those events ($photos)" [ "$(figure photos)" = "$photos" ]
check "visit money = the sum of money_fen ($money)" [ "$(figure visit_money_fen)" = "$money" ]
check "per-kind 场次 add up to the activities" \
  [ "$(awk '$1 == "kind" { s += $3 } END { print s }' "$work/summary.txt")" = "$events" ]
check "content.xml holds the activity count" \
  bash -c "unzip -p '$work/总结.odt' content.xml | grep -q '全年共开展双拥活动${events}场次'"

expect_status 0 "summary as PDF" "$cli" --db "$db" summary --year 2025 -o "$work/summary.pdf" --today 2026-03-01
pdftotext "$work/summary.pdf" - | tr -d ' \n' >"$work/pdf.txt"
check "the PDF has the headings" bash -c "grep -q 一、工作开展情况 '$work/pdf.txt' && grep -q 四、下一步工作打算 '$work/pdf.txt'"
check "the PDF has the activity count" grep -q "全年共开展双拥活动${events}场次" "$work/pdf.txt"
check "the PDF has the visits" grep -q "走访慰问${visits}人次" "$work/pdf.txt"

expect_status 2 "--year is required" "$cli" --db "$db" summary -o "$work/x.odt"
expect_status 2 "-o must be .odt or .pdf" "$cli" --db "$db" summary --year 2025 -o "$work/x.docx"
check "no file was written" test ! -e "$work/x.docx"
expect_status 1 "an unwritable folder fails" "$cli" --db "$db" summary --year 2025 -o "$work/no/such/x.odt"

tap_done
