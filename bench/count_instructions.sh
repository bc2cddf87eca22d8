#!/usr/bin/env bash
# Instructions a host executes to answer its first requests, whole process (start and exit
# included), counted by callgrind: exact whatever the machine's load (docs/benchmarks.md).
#   bench/count_instructions.sh HOST ECHO_HOST [OVERRIDE_FOLDER]
# Prints one line per conversation: `hello` alone, then `hello` + the first `nextStep` on the
# privacy-policy page, for HOST and for the echo host beside it. The store exists beforehand,
# as on a user's machine; with OVERRIDE_FOLDER the host serves that catalog (cached packed by a
# first, uncounted start).
set -euo pipefail
HOST=$1 ECHO=$2 OVERRIDE=${3:-}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK XDG_DATA_HOME=$WORK/data XDG_STATE_HOME=$WORK/state XDG_CACHE_HOME=$WORK/cache
export XDG_CONFIG_HOME=$WORK/config
mkdir -p "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CONFIG_HOME/optout-guide"
[[ -n $OVERRIDE ]] && cp -r "$OVERRIDE" "$XDG_CONFIG_HOME/optout-guide/catalog"
ORIGIN=chrome-extension://omnfbkhdehonnbnncjmjhanaifpoafcj/
frames() {  # JSON messages, one per argument, framed as a browser sends them
    python3 -c '
import struct, sys
for m in sys.argv[1:]:
    b = m.encode(); sys.stdout.buffer.write(struct.pack("=I", len(b)) + b)' "$@"
}
HELLO='{"id":1,"type":"hello","client":"chromium"}'
NEXT='{"id":2,"type":"nextStep","context":{"url":"https://privacycenter.instagram.com/policy/","title":"t","docLang":"en","uiLang":"fr"}}'
frames "$HELLO" >"$WORK/hello.bin"
frames "$HELLO" "$NEXT" >"$WORK/next.bin"
"$HOST" "$ORIGIN" <"$WORK/next.bin" >/dev/null  # creates the store (and the override's cache)
count() {  # instructions of `$1 ORIGIN < $2`
    valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.out" "$1" "$ORIGIN" <"$2" \
        >/dev/null 2>"$WORK/cg.err"
    awk '/^summary:|^totals:/ {print $2; exit}' "$WORK/cg.out"
}
for conv in hello next; do
    host=$(count "$HOST" "$WORK/$conv.bin")
    echo=$(count "$ECHO" "$WORK/$conv.bin")
    awk -v c="$conv" -v h="$host" -v e="$echo" \
        'BEGIN {printf "%-6s host %6.2f M instructions, echo host %5.2f M (%.1f×)\n", c, h/1e6, e/1e6, h/e}'
done
