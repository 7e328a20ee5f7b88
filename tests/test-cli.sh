#!/bin/bash
# test-cli.sh CLI: the command-line contract scripts rely on (TAP output).
set -u
cli="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
failed=0

ok () {       # ok DESCRIPTION COMMAND...
  local desc="$1"; shift
  n=$((n + 1))
  if "$@" >"$work/out" 2>"$work/err"; then
    echo "ok $n - $desc"
  else
    echo "not ok $n - $desc"; sed 's/^/# /' "$work/out" "$work/err"; failed=1
  fi
}

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

grep_in () {  # grep_in FILE PATTERN
  grep -q -- "$2" "$1"
}

db="$work/db"
ok "init creates the database" "$cli" --db "$db" init
check "init reports the database" grep_in "$work/out" "$db"
ok "init is idempotent" "$cli" --db "$db" init
ok "demo fills an empty database" "$cli" --db "$db" demo --year 2025
expect_status 1 "demo refuses a database that holds data" "$cli" --db "$db" demo --year 2025
check "demo refusal says why on stderr" test -s "$work/err"
ok "info counts the demo" "$cli" --db "$db" info
check "info shows ≥ 300 recipients" awk -F': ' '/^(recipients|优抚对象): /{ if ($2 >= 300) found=1 } END { exit !found }' "$work/out"
ok "ledger exports a PDF" "$cli" --db "$db" ledger --from 2024 --to 2025 -o "$work/ledger.pdf"
check "ledger progress on stderr" grep_in "$work/err" "%]"
ok "ledger PDF is valid" qpdf --check "$work/ledger.pdf"
n=$((n + 1))
pages=$(pdfinfo "$work/ledger.pdf" 2>/dev/null | awk '/^Pages:/{print $2}')
if [ "${pages:-0}" -ge 40 ]; then echo "ok $n - ledger has a page per activity ($pages)"; else echo "not ok $n - ledger pages: ${pages:-none}"; failed=1; fi
expect_status 2 "ledger without -o is a usage error" "$cli" --db "$db" ledger --from 2024 --to 2025
expect_status 2 "ledger with from > to is a usage error" "$cli" --db "$db" ledger --from 2025 --to 2024 -o "$work/x.pdf"
ok "usage error writes no file" test ! -e "$work/x.pdf"
expect_status 1 "ledger into a missing folder fails" "$cli" --db "$db" ledger --from 2024 --to 2025 -o "$work/no/such/dir/x.pdf"
expect_status 2 "unknown command is a usage error" "$cli" --db "$db" frobnicate
expect_status 2 "no command is a usage error" "$cli" --db "$db"
ok "help exits 0" "$cli" --help

# recipients list|status|delete: what the Recipients tab does, for scripts.
ok "recipients list" "$cli" --db "$db" recipients list
check "list ends with the total" awk 'END { exit !($1 == "total" && $2 >= 300) }' "$work/out"
check "list masks ID numbers" grep -q -- '\*\*\*\*\*\*\*\*' "$work/out"
ok "recipients list with filters" "$cli" --db "$db" recipients list --category 残疾军人 --status 在册
check "filtered list is smaller and all match" awk -F'\t' '/^total / { split ($0, f, " "); t = f[2]; next } $3 !~ /残疾军人/ || $5 != "在册" { bad = 1 } END { exit bad || !(t > 0 && t < 300) }' "$work/out"
# A person no payment, visit or household names can be deleted.
person=$(sqlite3 "$db/office.db" "SELECT id_number FROM recipient r WHERE NOT EXISTS (SELECT 1 FROM disbursement_line l WHERE l.recipient_id = r.id) AND NOT EXISTS (SELECT 1 FROM event_recipient e WHERE e.recipient_id = r.id) AND household_id IS NULL AND NOT EXISTS (SELECT 1 FROM recipient m WHERE m.household_id = r.id) LIMIT 1")
ok "status change 减员" "$cli" --db "$db" recipients status "$person" --kind 减员 --date 2026-11-01 --reason 去世
n=$((n + 1))
hist=$(sqlite3 "$db/office.db" "SELECT COUNT(*) FROM status_change s JOIN recipient r ON r.id = s.recipient_id WHERE r.id_number = '$person' AND s.kind = '减员' AND s.effective_date = '2026-11-01'")
if [ "$hist" = 1 ]; then echo "ok $n - status change kept in the history"; else echo "not ok $n - history rows: $hist"; failed=1; fi
expect_status 2 "status without --kind/--date is a usage error" "$cli" --db "$db" recipients status "$person"
expect_status 2 "delete without --yes is refused" "$cli" --db "$db" recipients delete "$person"
ok "delete with --yes" "$cli" --db "$db" recipients delete "$person" --yes
n=$((n + 1))
left=$(sqlite3 "$db/office.db" "SELECT COUNT(*) FROM recipient WHERE id_number = '$person'")
audited=$(sqlite3 "$db/office.db" "SELECT COUNT(*) FROM audit_log WHERE action = 'delete' AND entity = 'recipient'")
if [ "$left" = 0 ] && [ "$audited" -ge 1 ]; then echo "ok $n - person deleted and audited"; else echo "not ok $n - left $left, audited $audited"; failed=1; fi
expect_status 1 "deleting an unknown person fails" "$cli" --db "$db" recipients delete "$person" --yes
expect_status 1 "an invalid ID number is refused" "$cli" --db "$db" recipients status 360426199101010072 --kind 减员 --date 2026-11-01
check "the refusal explains the check character" grep -q "360426199101010072" "$work/err"
paid=$(sqlite3 "$db/office.db" "SELECT r.id_number FROM recipient r JOIN disbursement_line l ON l.recipient_id = r.id WHERE r.household_id IS NULL LIMIT 1")
expect_status 1 "a paid person cannot be deleted" "$cli" --db "$db" recipients delete "$paid" --yes

# A database written by a newer version is refused and left untouched.
sqlite3 "$db/office.db" "PRAGMA wal_checkpoint(TRUNCATE); INSERT INTO schema_migration VALUES (999, '2099-01-01');" >/dev/null
before=$(sha256sum "$db/office.db" | cut -d' ' -f1)
expect_status 1 "newer schema is refused" "$cli" --db "$db" info
check "refusal names the schema" grep_in "$work/err" "999"
after=$(sha256sum "$db/office.db" | cut -d' ' -f1)
n=$((n + 1))
if [ "$before" = "$after" ]; then echo "ok $n - newer database left untouched"; else echo "not ok $n - newer database was modified"; failed=1; fi

echo "1..$n"
exit $failed
