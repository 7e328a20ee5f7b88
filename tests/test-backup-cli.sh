#!/bin/bash
# test-backup-cli.sh CLI: backup, restore and check as scripts see them (TAP).
# Exit codes and the untranslated contract lines; messages may be Chinese.
set -u
cli="$1"
# RAM when available: the database fsyncs every commit (seconds on a disk).
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
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
mode_of () { stat -c %a "$1"; }
q () { sqlite3 "$1/office.db" "$2"; }

db="$work/db"
expect_status 0 "demo office" "$cli" --db "$db" demo --year 2025

# --- check ---------------------------------------------------------------
expect_status 0 "check: the demo is clean" "$cli" --db "$db" check
check "check: summary line" last_line_is "errors 0, warnings 0"

# --- backup --------------------------------------------------------------
expect_status 2 "backup without a file is a usage error" "$cli" --db "$db" backup
expect_status 0 "backup writes one file" "$cli" --db "$db" backup "$work/office.tar"
check "backup contract line" grep -qE "^backup $work/office.tar: attachments [1-9][0-9]*, bytes [1-9][0-9]*$" "$work/out"
check "backup is private (0600)" test "$(mode_of "$work/office.tar")" = 600
check "backup is a tar with the manifest first" bash -c "tar -tf '$work/office.tar' | head -n 1 | grep -qx manifest.json"
check "no temporary files left" bash -c "! ls -a '$work' | grep -q -e '\.tmp-' -e '\.backup-'"
# A full disk (here a file size limit) while writing over an older backup:
# an error, the older backup intact, nothing half-written left.
old_backup=$(sha256sum "$work/office.tar" | cut -d' ' -f1)
expect_status 1 "backup on a full disk fails" \
  bash -c "trap '' XFSZ; ulimit -f 5000; exec '$cli' --db '$db' backup '$work/office.tar'"
check "the failure is reported" test -s "$work/err"
check "the older backup is intact" test "$(sha256sum "$work/office.tar" | cut -d' ' -f1)" = "$old_backup"
check "no half-written files left" bash -c "! ls -a '$work' | grep -q -e '\.tmp-' -e '\.backup-'"
recipients=$(q "$db" "SELECT COUNT(*) FROM recipient")
attachments=$(q "$db" "SELECT COUNT(*) FROM attachment")
first_name=$(q "$db" "SELECT name FROM recipient ORDER BY id LIMIT 1")

# --- restore -------------------------------------------------------------
expect_status 2 "restore over data needs --yes" "$cli" --db "$db" restore "$work/office.tar"
check "the refusal says why" test -s "$work/err"
expect_status 2 "restore of a missing file" "$cli" --db "$db" restore "$work/nothing.tar" --yes

expect_status 0 "restore into a new folder needs no --yes" "$cli" --db "$work/copy" restore "$work/office.tar"
check "restore contract line" grep -qE "^restored $work/office.tar: schema [0-9]+, attachments $attachments$" "$work/out"
check "restored folder is private (0700)" test "$(mode_of "$work/copy")" = 700
check "restored database is private (0600)" test "$(mode_of "$work/copy/office.db")" = 600
check "same recipients" test "$(q "$work/copy" "SELECT COUNT(*) FROM recipient")" = "$recipients"
expect_status 0 "check: the restored copy is clean" "$cli" --db "$work/copy" check

q "$db" "UPDATE recipient SET name = '改过' WHERE id = (SELECT MIN(id) FROM recipient); DELETE FROM audit_log;"
expect_status 0 "restore --yes replaces changed data" "$cli" --db "$db" restore "$work/office.tar" --yes
check "the old value is back" test "$(q "$db" "SELECT name FROM recipient ORDER BY id LIMIT 1")" = "$first_name"
check "no restore leftovers beside the folder" bash -c "! ls -a '$work' | grep -q -e '\.restore-' -e '\.old-'"

# A full disk during a restore: the live folder is untouched.
before=$(sha256sum "$db/office.db" | cut -d' ' -f1)
expect_status 1 "restore on a full disk fails" \
  bash -c "trap '' XFSZ; ulimit -f 1000; exec '$cli' --db '$db' restore '$work/office.tar' --yes"
check "the live database is untouched" test "$(sha256sum "$db/office.db" | cut -d' ' -f1)" = "$before"
check "no restore leftovers" bash -c "! ls -a '$work' | grep -q -e '\.restore-' -e '\.old-'"

# Another process has the database open (the app, here sqlite3): refused.
# The app keeps its database in WAL mode; opening it once puts it there.
"$cli" --db "$db" info >/dev/null 2>&1
mkfifo "$work/fifo"
sqlite3 "$db/office.db" <"$work/fifo" >/dev/null 2>&1 &
holder=$!
exec 9>"$work/fifo"
echo "SELECT COUNT(*) FROM recipient;" >&9
for i in $(seq 100); do [ -e "$db/office.db-shm" ] && break; sleep 0.1; done
before=$(sha256sum "$db/office.db" | cut -d' ' -f1)
expect_status 1 "restore while the database is open elsewhere is refused" \
  "$cli" --db "$db" restore "$work/office.tar" --yes
check "the refusal says it is in use" grep -q "$db" "$work/err"
check "the open database is untouched" test "$(sha256sum "$db/office.db" | cut -d' ' -f1)" = "$before"
exec 9>&-
wait "$holder"

# A damaged backup: one byte of the database changed.
cp "$work/office.tar" "$work/bad.tar"
offset=$(python3 - "$work/bad.tar" <<'EOF'
import sys, tarfile
with tarfile.open(sys.argv[1]) as t:
    for m in t.getmembers():
        if m.name == "office.db":
            print(m.offset_data + 4096)
EOF
)
printf '\x55' | dd of="$work/bad.tar" bs=1 seek="$offset" conv=notrunc status=none
before=$(sha256sum "$db/office.db" | cut -d' ' -f1)
expect_status 2 "a damaged backup is refused" "$cli" --db "$db" restore "$work/bad.tar" --yes
check "the refusal names the entry" grep -q "office.db" "$work/err"
check "the live database is untouched" test "$(sha256sum "$db/office.db" | cut -d' ' -f1)" = "$before"

# --- interrupted restores -------------------------------------------------
# SIGKILL at random moments: the folder must always be the old or the new one.
digest () { (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum) | sha256sum | cut -c1-64; }
q "$db" "UPDATE recipient SET name = '中断测试' WHERE id = (SELECT MIN(id) FROM recipient);"
cp -a "$db" "$work/state-old"
old_digest=$(digest "$db")
t0=$(date +%s%N)
"$cli" --db "$work/state-new" restore "$work/office.tar" >/dev/null 2>&1
# Kill moments spread over the time a whole restore takes, and a bit beyond.
span_ms=$(( ($(date +%s%N) - t0) / 1000000 * 12 / 10 + 1 ))
new_digest=$(digest "$work/state-new")
n=$((n + 1))
bad=0; completed=0
for i in 1 2 3 4 5 6 7 8 9 10; do
  "$cli" --db "$db" restore "$work/office.tar" --yes >/dev/null 2>&1 &
  pid=$!
  ms=$((RANDOM % span_ms))
  sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  now=$(digest "$db")
  if [ "$now" = "$new_digest" ]; then
    completed=$((completed + 1))
    rm -rf "$db"; cp -a "$work/state-old" "$db"
  elif [ "$now" != "$old_digest" ]; then
    bad=$((bad + 1))
    echo "# kill $i left a folder that is neither the old nor the new one"
    rm -rf "$db"; cp -a "$work/state-old" "$db"
  fi
done
if [ "$bad" -eq 0 ]; then
  echo "ok $n - 10 restores killed at random moments left the old or the new database ($completed completed)"
else
  echo "not ok $n - $bad of 10 killed restores left a damaged folder"; failed=1
fi
expect_status 0 "a restore after the kills" "$cli" --db "$db" restore "$work/office.tar" --yes
check "it removed the killed restores' temporary folders" bash -c "! ls -a '$work' | grep -q -e '\.db\.restore-'"

# --- check finds problems ------------------------------------------------
hash=$(q "$work/copy" "SELECT hash FROM attachment ORDER BY hash LIMIT 1")
rm "$work/copy/attachments/${hash:0:2}/$hash"
expect_status 1 "check: a missing attachment is an error" "$cli" --db "$work/copy" check
check "the error names the hash" grep -q "^error: .*$hash" "$work/out"

expect_status 0 "another copy" "$cli" --db "$work/copy2" restore "$work/office.tar"
orphan=$(printf 'orphan' | sha256sum | cut -d' ' -f1)
mkdir -p "$work/copy2/attachments/${orphan:0:2}"
printf 'orphan' >"$work/copy2/attachments/${orphan:0:2}/$orphan"
expect_status 0 "check: an orphaned file is only a warning" "$cli" --db "$work/copy2" check
check "the warning names the file" grep -q "^warning: .*$orphan" "$work/out"
check "warnings counted" last_line_is "errors 0, warnings 1"

q "$work/copy2" "PRAGMA foreign_keys = OFF; INSERT INTO event_military_unit (event_id, military_unit_id) VALUES (987654, 987655);"
expect_status 1 "check: a foreign-key violation is an error" "$cli" --db "$work/copy2" check
check "the error names the table" grep -q "^error: .*event_military_unit" "$work/out"

# --- automatic backups ---------------------------------------------------
for i in 1 2 3; do
  expect_status 0 "automatic backup $i" "$cli" --db "$db" backup --auto "$work/auto" --keep 2
done
check "only the newest 2 are kept" test "$(ls "$work/auto" | grep -cE '^backup-[0-9]{8}-[0-9]{6}(-[0-9]+)?\.tar$')" = 2
expect_status 2 "--keep 0 is refused" "$cli" --db "$db" backup --auto "$work/auto" --keep 0
expect_status 2 "FILE and --auto together are refused" "$cli" --db "$db" backup "$work/x.tar" --auto "$work/auto"

echo "1..$n"
exit $failed
