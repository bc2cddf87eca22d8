#!/usr/bin/env bash
# Fuzzing stage: builds the libFuzzer targets with clang + ASan + UBSan in the instrumented build
# it shares with the sanitizer stage (tests/stages/lib/instrumented.sh; next to $OG_BUILD_DIR,
# reused between runs) and runs each for OG_FUZZ_SECONDS (default 60) from the seed corpus in
# fuzz/corpus/<target>/. Any crash, leak, timeout or sanitizer report fails it.
#   OG_FUZZ_SECONDS=3600 tests/stages/fuzz.sh       a longer run
#   OG_FUZZ_TARGETS="catalog" tests/stages/fuzz.sh  one target
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${OG_BUILD_DIR:-$ROOT/build}
source "$ROOT/tests/stages/lib/instrumented.sh"
FUZZ_BUILD=$OG_INSTRUMENTED
SECONDS_EACH=${OG_FUZZ_SECONDS:-60}
TARGETS=${OG_FUZZ_TARGETS:-framing dispatcher catalog}
passed=0 failed=0

started=$(date +%s)
echo "fuzz: building in $FUZZ_BUILD"
# shellcheck disable=SC2086
if ! og_instrumented_build $(printf -- 'fuzz_%s ' $TARGETS); then
    echo "0 passed, 1 failed"
    exit 1
fi
echo "fuzz: built in $(($(date +%s) - started)) s"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
for target in $TARGETS; do
    # New inputs go to a working corpus in the build folder; the committed seeds stay as they are.
    work=$FUZZ_BUILD/corpus/$target
    artifacts=$FUZZ_BUILD/artifacts/$target
    rm -rf "$artifacts"
    mkdir -p "$work" "$artifacts"
    log=$FUZZ_BUILD/fuzz_$target.log
    echo "fuzz: $target for ${SECONDS_EACH} s"
    TMPDIR=$(mktemp -d) "$FUZZ_BUILD/fuzz/fuzz_$target" -max_total_time="$SECONDS_EACH" -timeout=30 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" \
        "$work" "$ROOT/fuzz/corpus/$target" >"$log" 2>&1
    rc=$?
    grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" | sed "s/^/  $target: /"
    if ((rc == 0)) && ! grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:' "$log"; then
        passed=$((passed + 1))
        echo "  ok: fuzz_$target"
    else
        failed=$((failed + 1))
        echo "  FAILED: fuzz_$target (exit $rc); report and reproducer:"
        grep -E -A30 'ERROR:|runtime error:|broken promise' "$log" | head -60
        ls "$artifacts"
        echo "  reproduce: $FUZZ_BUILD/fuzz/fuzz_$target $artifacts/<file>"
    fi
done
echo "fuzz: took $(($(date +%s) - started)) s"
echo "$passed passed, $failed failed"
((failed == 0))
