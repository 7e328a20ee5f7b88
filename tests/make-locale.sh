#!/bin/sh
# Generates zh_CN.UTF-8 into $1 so tests do not depend on the system's locales.
# localedef exits 1 on harmless warnings; judge by the result instead.
set -u
out="$1"
mkdir -p "$out"
localedef -c -i zh_CN -f UTF-8 "$out/zh_CN.UTF-8" >/dev/null 2>&1
test -f "$out/zh_CN.UTF-8/LC_CTYPE"
