#!/bin/bash
# test-cli-pg.sh CLI: shuangyong-cli --db postgresql://… against the server
# run-with-pg.sh started (SY_TEST_PG_SOCKET, SY_TEST_PG_PORT); TAP output.
# The same commands as on a folder; the audit log names the role; a
# read-only role reads and is refused writes with words; check works on the
# server (orphaned rows found); backup and restore of the server database (one file, into another server
# database and back, refused for a reviewer and over data without --yes); a password full of connection-string
# characters gets through.
source "$(dirname "$0")/../cli-lib.sh" "$@"
here=$(cd "$(dirname "$0")" && pwd)
pg_bin=/usr/lib/postgresql/15/bin

as_pg=()
[ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)
psql_do () {  # psql_do DB SQL: one value per line
  "${as_pg[@]}" "$pg_bin/psql" -X -q -A -t -h "$SY_TEST_PG_SOCKET" -p "$SY_TEST_PG_PORT" -U postgres \
    -d "$1" -c "$2"
}

psql_do postgres "CREATE DATABASE office" >/dev/null
host=${SY_TEST_PG_SOCKET//\//%2F}
uri="postgresql://postgres@$host:$SY_TEST_PG_PORT/office"
python3 "$here/../../bench/gen-recipients.py" 40 >"$work/people.csv"

expect_status 0 "init migrates the server database" "$cli" --db "$uri" init
check "init names the database, never a password" grep -qF "$uri" "$work/out"
expect_status 0 "import recipients" "$cli" --db "$uri" import recipients "$work/people.csv"
check "every row added" grep -qx "added 40, updated 0, unchanged 0, rejected 0" "$work/out"
expect_status 0 "the same file again" "$cli" --db "$uri" import recipients "$work/people.csv"
check "every row unchanged" grep -qx "added 0, updated 0, unchanged 40, rejected 0" "$work/out"
expect_status 0 "recipients list" "$cli" --db "$uri" recipients list
check "lists all of them" grep -qx "total 40" "$work/out"
expect_status 0 "search" "$cli" --db "$uri" recipients list --search 清源县
check "the search finds them" grep -qx "total 40" "$work/out"
check "the audit log names the role of every insert" \
  test "$(psql_do office "SELECT COUNT(*) FROM audit_log WHERE entity = 'recipient' AND db_role = 'postgres'")" = 40
check "audit rows point at their own recipients" \
  test "$(psql_do office "SELECT COUNT(*) FROM audit_log a JOIN recipient r ON r.id = a.entity_id
                          WHERE a.entity = 'recipient' AND a.new_values::json->>'id_number' = r.id_number")" = 40

# The socket trusts every local connection: what is tested is that such a
# password does not break the connection string.
SHUANGYONG_DB_PASSWORD='p;w=d@x%25 y' expect_status 0 "a password with ; = @ % and a space" \
  "$cli" --db "$uri" info
check "info counts the recipients" grep -q "40" "$work/out"

expect_status 1 "a malformed address is refused" "$cli" --db "postgresql://postgres@$host:$SY_TEST_PG_PORT" info
# The tests run in zh_CN: match what both languages say.
check "… saying what is expected" grep -qE "user@host|用户@主机" "$work/err"
expect_status 0 "check works on a server database" "$cli" --db "$uri" check
check "… and finds it sound" grep -qx "errors 0, warnings 0" "$work/out"
expect_status 0 "backup of the server database" "$cli" --db "$uri" backup "$work/b.tar"
check "… one file with the contract line" grep -qE "^backup $work/b.tar: attachments 0, bytes [0-9]+$" "$work/out"
check "… mode 0600" test "$(stat -c %a "$work/b.tar")" = 600
psql_do postgres "CREATE DATABASE copy" >/dev/null
copy="postgresql://postgres@$host:$SY_TEST_PG_PORT/copy"
expect_status 0 "restore into an empty server database" "$cli" --db "$copy" restore "$work/b.tar"
check "… with the contract line" grep -qE "^restored $work/b.tar: schema [0-9]+, attachments 0$" "$work/out"
check "… every recipient there" test "$(psql_do copy "SELECT COUNT(*) FROM recipient")" = 40
check "… the same rows" test "$(psql_do copy "SELECT md5(string_agg(CAST(r AS TEXT), '' ORDER BY id)) FROM recipient r")" = \
  "$(psql_do office "SELECT md5(string_agg(CAST(r AS TEXT), '' ORDER BY id)) FROM recipient r")"
psql_do copy "DELETE FROM recipient WHERE id = (SELECT MAX(id) FROM recipient)" >/dev/null
expect_status 2 "restore over data needs --yes" "$cli" --db "$copy" restore "$work/b.tar"
check "… and changes nothing" test "$(psql_do copy "SELECT COUNT(*) FROM recipient")" = 39
expect_status 0 "restore --yes replaces it" "$cli" --db "$copy" restore --yes "$work/b.tar"
check "… all 40 back" test "$(psql_do copy "SELECT COUNT(*) FROM recipient")" = 40
expect_status 0 "the restored database checks sound" "$cli" --db "$copy" check
check "… errors 0" grep -qx "errors 0, warnings 0" "$work/out"
expect_status 0 "a server backup restores into a local folder" "$cli" --db "$work/local" restore "$work/b.tar"
expect_status 0 "… which lists the recipients" "$cli" --db "$work/local" recipients list
check "… all 40" grep -qx "total 40" "$work/out"

psql_do office "CREATE ROLE reviewer LOGIN; GRANT SELECT ON ALL TABLES IN SCHEMA public TO reviewer" >/dev/null
reviewer="postgresql://reviewer@$host:$SY_TEST_PG_PORT/office"
expect_status 0 "a reviewer lists" "$cli" --db "$reviewer" recipients list
check "… everything" grep -qx "total 40" "$work/out"
expect_status 0 "a reviewer checks the database" "$cli" --db "$reviewer" check
check "… and finds it sound" grep -qx "errors 0, warnings 0" "$work/out"
psql_do office "SET session_replication_role = replica;
                INSERT INTO status_change (recipient_id, kind, effective_date, created_at, created_by, updated_at, updated_by)
                VALUES (987654, '新增', '2026-01-01', 'x', 'x', 'x', 'x')" >/dev/null
expect_status 1 "an orphaned row fails the check" "$cli" --db "$uri" check
check "… naming the table and the missing value" grep -q "status_change.recipient_id = 987654" "$work/out"
sed -i 's/,在册$/,减员/' "$work/people.csv"
expect_status 1 "a reviewer's import is refused" "$cli" --db "$reviewer" import recipients "$work/people.csv"
check "… naming the read-only role" grep -qE "read-only \(role reviewer\)|只读（角色 reviewer）" "$work/err"
check "nothing changed" test "$(psql_do office "SELECT COUNT(*) FROM recipient WHERE status = '减员'")" = 0
psql_do copy "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reviewer" >/dev/null
expect_status 1 "a reviewer's restore is refused" "$cli" --db "postgresql://reviewer@$host:$SY_TEST_PG_PORT/copy" \
  restore --yes "$work/b.tar"
check "… naming the read-only role" grep -qE "read-only \(role reviewer\)|只读（角色 reviewer）" "$work/err"
check "… nothing changed" test "$(psql_do copy "SELECT COUNT(*) FROM recipient")" = 40

tap_done
