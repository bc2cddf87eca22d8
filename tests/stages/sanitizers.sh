#!/usr/bin/env bash
# Sanitizer stage: the Catch2 unit and integration suites in an ASan + UBSan build (the
# instrumented build shared with the fuzz stage, tests/stages/lib/instrumented.sh; only the
# targets these tests run are built), then the fault and concurrency tests against the
# sanitized host binary. Any sanitizer report fails the test that triggered it.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${OG_BUILD_DIR:-$ROOT/build}
source "$ROOT/tests/stages/lib/instrumented.sh"
ASAN_BUILD=$OG_INSTRUMENTED
JOBS=${OG_JOBS:-2}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

started=$(date +%s)
echo "sanitizers: building in $ASAN_BUILD"
if ! og_instrumented_build optout-guide-host og_unit_tests og_integration_tests og_robustness_tests; then
    echo "0 passed, 1 failed"
    exit 1
fi
echo "sanitizers: built in $(($(date +%s) - started)) s"

log=$ASAN_BUILD/ctest.log
ctest --test-dir "$ASAN_BUILD" --output-on-failure -j"$JOBS" >"$log" 2>&1
total=$(grep -oE 'tests failed out of [0-9]+' "$log" | tail -1 | awk '{print $5}')
bad=$(grep -oE '[0-9]+ tests failed out of' "$log" | tail -1 | awk '{print $1}')
grep -E '^[0-9]+% tests passed|^\s+[0-9]+ - ' "$log"
if [[ -z $total ]]; then
    tail -30 "$log"
    passed=0 failed=1
else
    passed=$((total - bad)) failed=$bad
fi
grep -B2 -A25 -E 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$log" | head -80

# The same robustness tests, now against the sanitized host (tracing excluded: LeakSanitizer
# cannot run under strace).
export OG_HOST_BINARY=$ASAN_BUILD/host/optout-guide-host
for tag in '[faults]' '[concurrency]'; do
    if out=$("$ASAN_BUILD/tests/robustness/og_robustness_tests" "$tag" 2>&1); then
        passed=$((passed + 1))
        echo "  ok   sanitized host: $tag"
    else
        failed=$((failed + 1))
        echo "  FAIL sanitized host: $tag"
        tail -40 <<<"$out"
    fi
done
echo "sanitizers: took $(($(date +%s) - started)) s"
echo "$passed passed, $failed failed"
((failed == 0))
