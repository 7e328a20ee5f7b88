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
