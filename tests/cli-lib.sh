# cli-lib.sh: what the CLI test scripts share (TAP output); source it first:
#   source "$(dirname "$0")/cli-lib.sh" "$@"
# Sets cli (the program, the script's first argument), work (a temporary
# folder, removed on exit), n and failed; the script ends with tap_done.
# Not executable on its own.
set -u
cli="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
failed=0

expect_status () {  # expect_status CODE DESCRIPTION COMMAND...: output in $work/out, $work/err
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

check () {    # check DESCRIPTION COMMAND...: an assertion about files or the last command's output
  local desc="$1"; shift
  n=$((n + 1))
  if "$@" >/dev/null 2>&1; then
    echo "ok $n - $desc"
  else
    echo "not ok $n - $desc"; sed 's/^/# /' "$work/out" "$work/err" | head -40; failed=1
  fi
}

tap_done () {  # the TAP plan, and the exit status
  echo "1..$n"
  exit $failed
}
