#!/usr/bin/env bash
# Robustness stage: concurrency, crash safety (SIGKILL), faults (read-only and full disk,
# garbage store, corrupt catalog override, stdout closed mid-reply) and no-network (strace,
# seccomp) against the built host, over real pipes and a real SQLite file. Each Catch2 test
# case runs in its own process so one crash cannot hide the others.
#   OG_CRASH_ROUNDS=1000 tests/stages/robustness.sh   more SIGKILL rounds
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${OG_BUILD_DIR:-$ROOT/build}
export OG_HOST_BINARY=${OG_HOST_BINARY:-$BUILD/host/optout-guide-host}
passed=0 failed=0

started=$(date +%s)
if ! cmake --build "$BUILD" -j"${OG_JOBS:-2}" --target og_robustness_tests optout-guide-host >"$BUILD/robustness-build.log" 2>&1; then
    grep -E 'error' "$BUILD/robustness-build.log" | head -20
    echo "0 passed, 1 failed"
    exit 1
fi
TESTS=$BUILD/tests/robustness/og_robustness_tests
command -v strace >/dev/null || echo "note: strace is missing (apt-get install strace); the tracing test will fail"

while IFS= read -r name; do
    [[ -z $name ]] && continue
    t0=$(date +%s)
    if out=$("$TESTS" "$name" 2>&1); then
        passed=$((passed + 1))
        echo "  ok   ($(($(date +%s) - t0)) s) $name"
        grep -A1 'warning:' <<<"$out" | grep -v -- '--' | sed 's/^/       /'
    else
        failed=$((failed + 1))
        echo "  FAIL ($(($(date +%s) - t0)) s) $name"
        tail -40 <<<"$out" | sed 's/^/       /'
    fi
done < <("$TESTS" --list-test-names-only | sed 's/^ *//')
echo "robustness: took $(($(date +%s) - started)) s"
echo "$passed passed, $failed failed"
((failed == 0))
