#!/bin/bash
# test-migrate-pg.sh CLI: shuangyong-cli migrate --from DIR --to postgresql://…
# against the server run-with-pg.sh started (SY_TEST_PG_SOCKET,
# SY_TEST_PG_PORT); TAP output.  The demo office is copied with its ids and
# photos, verified, listed through the server; a re-run changes nothing; a
# target with other data or an unfinished migration is refused untouched.
source "$(dirname "$0")/../cli-lib.sh" "$@"
pg_bin=/usr/lib/postgresql/15/bin

as_pg=()
[ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)
psql_do () {  # psql_do DB SQL: one value per line
  "${as_pg[@]}" "$pg_bin/psql" -X -q -A -t -h "$SY_TEST_PG_SOCKET" -p "$SY_TEST_PG_PORT" -U postgres \
    -d "$1" -c "$2"
}
host=${SY_TEST_PG_SOCKET//\//%2F}
uri_of () { echo "postgresql://postgres@$host:$SY_TEST_PG_PORT/$1"; }
# Every table's rows and a digest of the whole target, to prove "nothing changed".
snapshot () {
  psql_do "$1" "SELECT (SELECT COUNT(*) FROM recipient), (SELECT COUNT(*) FROM audit_log),
                (SELECT md5 (string_agg (md5 (a::text), '' ORDER BY a.id)) FROM audit_log a),
                (SELECT md5 (string_agg (r.id::text || r.version::text || r.name, '' ORDER BY r.id)) FROM recipient r),
                (SELECT value FROM setting WHERE key = 'migrated-from')"
}

local_db="$work/office"
expect_status 0 "the demo office" "$cli" --db "$local_db" demo
psql_do postgres "CREATE DATABASE shared" >/dev/null
uri=$(uri_of shared)

expect_status 0 "migrate" "$cli" migrate --from "$local_db" --to "$uri"
check "says it migrated" grep -qx "migrated $local_db" "$work/out"
check "progress on stderr" grep -qE "^recipient(: |：)" "$work/err"

tables=$(sqlite3 "$local_db/office.db" "SELECT name FROM sqlite_master WHERE type = 'table'
          AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'recipient_fts%' AND name <> 'schema_migration'")
same=1
for t in $tables; do
  a=$(sqlite3 "$local_db/office.db" "SELECT COUNT(*) FROM \"$t\"")
  b=$(psql_do shared "SELECT COUNT(*) FROM \"$t\"")
  [ "$t" = setting ] && b=$((b - 1))   # the target's own marker
  if [ "$a" != "$b" ]; then same=0; echo "# $t: $a local, $b shared"; fi
done
check "every table has as many rows" test "$same" = 1
check "the same ids" test "$(sqlite3 "$local_db/office.db" "SELECT group_concat (id, ',') FROM (SELECT id FROM recipient ORDER BY id)")" \
  = "$(psql_do shared "SELECT string_agg (id::text, ',' ORDER BY id) FROM recipient")"
check "the attachments are in the database" \
  test "$(psql_do shared "SELECT COUNT(*) FROM attachment_blob")" = "$(sqlite3 "$local_db/office.db" "SELECT COUNT(*) FROM attachment")"
check "… and there are some" test "$(psql_do shared "SELECT COUNT(*) FROM attachment_blob")" -gt 0

expect_status 0 "recipients list on the server" "$cli" --db "$uri" recipients list
cp "$work/out" "$work/shared-list"
expect_status 0 "recipients list locally" "$cli" --db "$local_db" recipients list
check "the same people" cmp "$work/out" "$work/shared-list"

# A photo loads from the server: its bytes equal the local file's.
hash=$(psql_do shared "SELECT attachment_hash FROM event_photo ORDER BY id LIMIT 1")
psql_do shared "SELECT encode (content, 'hex') FROM attachment_blob WHERE hash = '$hash'" |
  python3 -c 'import sys; sys.stdout.buffer.write (bytes.fromhex (sys.stdin.read ().strip ()))' >"$work/photo"
check "a photo's content is in the database" test "$(sha256sum <"$work/photo" | cut -d' ' -f1)" = "$hash"
check "… equal to the local file" cmp "$work/photo" "$local_db/attachments/${hash:0:2}/$hash"

before=$(snapshot shared)
expect_status 0 "migrate again" "$cli" migrate --from "$local_db" --to "$uri"
check "says already migrated" grep -qx "already migrated" "$work/out"
check "nothing changed" test "$(snapshot shared)" = "$before"

# Another office's data: refused, untouched.
other="$work/other"
expect_status 0 "another demo office" "$cli" --db "$other" demo --seed 7
expect_status 1 "migrating other data into it is refused" "$cli" migrate --from "$other" --to "$uri"
check "… saying the target differs" grep -qE "differs|不同" "$work/err"
check "… nothing changed" test "$(snapshot shared)" = "$before"

# A database in use (no marker, office data): refused.
psql_do postgres "CREATE DATABASE used" >/dev/null
expect_status 0 "init a used database" "$cli" --db "$(uri_of used)" demo
used_before=$(snapshot used)
expect_status 1 "a database holding office data is refused" "$cli" migrate --from "$local_db" --to "$(uri_of used)"
check "… nothing changed" test "$(snapshot used)" = "$used_before"

# An unfinished migration is detected.
psql_do postgres "CREATE DATABASE half" >/dev/null
expect_status 0 "migrate into a third database" "$cli" migrate --from "$local_db" --to "$(uri_of half)"
# The same counts but one changed name: the checksum tells.
psql_do half "UPDATE recipient SET name = name || '改' WHERE id = (SELECT MIN(id) FROM recipient)" >/dev/null
expect_status 1 "a changed row on the target is refused" "$cli" migrate --from "$local_db" --to "$(uri_of half)"
check "… naming the table" grep -q "recipient" "$work/err"
psql_do half "UPDATE setting SET value = 'incomplete: x' WHERE key = 'migrated-from'" >/dev/null
expect_status 1 "an unfinished migration is refused" "$cli" migrate --from "$local_db" --to "$(uri_of half)"
check "… telling to drop it and run again" grep -qiE "drop|删除" "$work/err"

# New rows on the server get new ids, above the copied ones.
here=$(cd "$(dirname "$0")" && pwd)
python3 "$here/../../bench/gen-recipients.py" 3 >"$work/people.csv"
max_local=$(sqlite3 "$local_db/office.db" "SELECT MAX(id) FROM recipient")
expect_status 0 "new recipients on the server" "$cli" --db "$uri" import recipients "$work/people.csv"
check "… get ids above the copied ones"   test "$(psql_do shared "SELECT COUNT(*) FROM recipient WHERE id > $max_local")" = 3
expect_status 1 "a re-run after the server changed is refused" "$cli" migrate --from "$local_db" --to "$uri"

expect_status 1 "the target must be a server" "$cli" migrate --from "$local_db" --to "$work/x"
expect_status 1 "a folder without a database is refused" "$cli" migrate --from "$work/none" --to "$uri"
check "… and not created" test ! -e "$work/none"
expect_status 2 "--to is needed" "$cli" migrate --from "$local_db"

tap_done
