#!/bin/bash
# pg-server.sh start|stop|env DIR: a throwaway PostgreSQL 15 for the tests.
#
#   start DIR  initdb in DIR/data (UTF-8, C.UTF-8, trust on the socket only)
#              and start it listening on a unix socket in DIR and on no TCP
#              address; the port (a free one) goes to DIR/port.  Prints the
#              environment the tests read: SY_TEST_PG_SOCKET=DIR SY_TEST_PG_PORT=N
#              One role is the exception to trust: `sy_pw_desk` must give its
#              password (scram-sha-256, a pg_hba.conf line before the trust
#              line), so the tests that create it WITH PASSWORD exercise the
#              password prompt and dialog; it does not exist until a test
#              creates it.
#   stop DIR   stops the server of DIR/data (by its own data directory, never
#              a broad kill) and leaves DIR for the caller to remove.
#
# initdb refuses to run as root: as root, the server runs as the `postgres`
# system user, which then owns DIR.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
cmd=${1:-}
dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "$0: PostgreSQL 15 is not installed ($PG_BIN/initdb missing; apt-get install postgresql)" >&2
  exit 77
fi

as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  as_pg=(runuser -u postgres --)
fi

free_port() {
  local port
  for port in $(shuf -i 20000-60000 -n 50); do
    # A port is free for us when no socket file and no TCP listener has it.
    if [ ! -e "$dir/.s.PGSQL.$port" ] &&
       ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    chmod 0700 "$dir"
    if [ ${#as_pg[@]} -gt 0 ]; then
      chown postgres: "$dir"
    fi
    "${as_pg[@]}" "$PG_BIN/initdb" -D "$dir/data" -E UTF8 --auth-local=trust \
      --auth-host=reject --locale=C.UTF-8 -U postgres >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      exit 1
    }
    # The first matching line wins: the password line goes before trust.
    "${as_pg[@]}" sed -i '0,/^local/s//local all sy_pw_desk scram-sha-256\n&/' "$dir/data/pg_hba.conf"
    port=$(free_port)
    echo "$port" >"$dir/port"
    # fsync off: a test server holds nothing worth a crash-safe write.
    "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c full_page_writes=off" \
      start >/dev/null || {
      cat "$dir/server.log" >&2
      exit 1
    }
    echo "SY_TEST_PG_SOCKET=$dir SY_TEST_PG_PORT=$port"
    ;;
  stop)
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/data/postmaster.pid" ]; then
      "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
