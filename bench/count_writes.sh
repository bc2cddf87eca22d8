#!/usr/bin/env bash
# Instructions and commits per reportEvent, counted by callgrind (exact whatever the machine's
# load; docs/benchmarks.md). The store is on disk, in WAL mode, as on a user's machine.
#   bench/count_writes.sh HOST [N] [ANNOTATE_FILE]
# Two conversations, each `hello` then N reportEvents over ten accounts (journals the size a
# person makes): "one by one" waits for each reply before sending the next event, "burst"
# sends all N at once (as the extension reports a page's events). Each is counted minus the
# same conversation without events; the line gives instructions per event and the fsync-class
# calls the host made (strace), i.e. how many syncs the N events cost. With ANNOTATE_FILE the
# burst's per-function profile (inclusive) is written there, and callgrind's own file beside it
# (ANNOTATE_FILE.callgrind, for `callgrind_annotate --tree=calling`).
set -euo pipefail
HOST=$1 N=${2:-200} ANNOTATE=${3:-}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK XDG_DATA_HOME=$WORK/data XDG_STATE_HOME=$WORK/state XDG_CACHE_HOME=$WORK/cache
export XDG_CONFIG_HOME=$WORK/config
mkdir -p "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CONFIG_HOME"
ORIGIN=chrome-extension://omnfbkhdehonnbnncjmjhanaifpoafcj/
# Drives `$@` over pipes: hello, then N events (burst: all written at once), each reply read.
cat >"$WORK/drive.py" <<'EOF'
import json, struct, subprocess, sys
mode, n, tag, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
def frame(m):
    b = json.dumps(m).encode(); return struct.pack("=I", len(b)) + b
def event(i):
    return frame({"id": i + 2, "type": "reportEvent", "event": {
        "eventId": f"count-{tag}-{i:06d}", "procedureId": "instagram-ai-objection",
        "stepId": "open-privacy-center", "type": "step_completed" if i % 2 else "step_shown",
        "account": f"acct{i % 10}", "url": "https://privacycenter.instagram.com/policy/"}})
p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
def reply():
    length = struct.unpack("=I", p.stdout.read(4))[0]
    r = json.loads(p.stdout.read(length))
    if not r.get("ok"): sys.exit(f"request failed: {r}")
def send(b):
    p.stdin.write(b); p.stdin.flush()
send(frame({"id": 1, "type": "hello", "client": "chromium"})); reply()
if mode == "burst":
    send(b"".join(event(i) for i in range(n)))
    for _ in range(n): reply()
else:
    for i in range(n): send(event(i)); reply()
p.stdin.close(); sys.exit(p.wait())
EOF
python3 "$WORK/drive.py" one 20 warm "$HOST" "$ORIGIN"  # creates the store, as a user's exists
# Each conversation reports events of its own (tag $3): none is a resend of an earlier one.
syncs() {  # fsync-class system calls of the conversation
    strace -f -c -e trace=fsync,fdatasync,sync_file_range -o "$WORK/st.$3" \
        python3 "$WORK/drive.py" "$1" "$2" "$3" "$HOST" "$ORIGIN" >/dev/null
    awk '/fsync|fdatasync|sync_file_range/ {s += $4} END {print s + 0}' "$WORK/st.$3"
}
# Only the host is counted: the driver runs plain and starts the host under valgrind.
count() {  # instructions of the conversation `$1` with `$2` events
    python3 "$WORK/drive.py" "$1" "$2" "$3" valgrind --tool=callgrind \
        --callgrind-out-file="$WORK/cg.$3" "$HOST" "$ORIGIN" >/dev/null 2>"$WORK/cg.err" ||
        { cat "$WORK/cg.err" >&2; exit 1; }
    awk '/^summary:|^totals:/ {print $2; exit}' "$WORK/cg.$3"
}
base=$(count one 0 base)
base_syncs=$(syncs one 0 sbase)
for mode in one burst; do
    total=$(count "$mode" "$N" "c$mode")
    if [[ $mode == burst && -n $ANNOTATE ]]; then
        callgrind_annotate --inclusive=yes --threshold=99 "$WORK/cg.c$mode" >"$ANNOTATE"
        cp "$WORK/cg.c$mode" "$ANNOTATE.callgrind"
    fi
    s=$(syncs "$mode" "$N" "s$mode")
    awk -v m="$mode" -v n="$N" -v t="$total" -v b="$base" -v s="$s" -v bs="$base_syncs" \
        'BEGIN {printf "%-5s %d events: %6.1f K instructions per event, %d syncs (%.2f per event)\n",
                m, n, (t-b)/n/1e3, s-bs, (s-bs)/n}'
done
