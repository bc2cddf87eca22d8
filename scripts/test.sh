#!/usr/bin/env bash
# Runs every test suite of optout-guide and ends with "N passed, N failed".
# Installs what the tests need (Debian packages, npm packages from the lockfile) when missing,
# builds once in build/ (Release) and reuses that build in every stage.
#
#   scripts/test.sh                 all stages
#   scripts/test.sh --only ctest,js run some stages (build is always done)
#   OG_FUZZ_SECONDS=600 scripts/test.sh --only fuzz   a longer fuzzing run
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source scripts/lib/deps.sh

BUILD=${OG_BUILD_DIR:-$ROOT/build}
ONLY=""
while (($#)); do
    case $1 in
    --only) ONLY=",$2,"; shift 2 ;;
    -h | --help) sed -n 2,9p "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done
wanted() { [[ -z $ONLY || $ONLY == *",$1,"* ]]; }

TOTAL_PASS=0
TOTAL_FAIL=0
SUMMARY=()
LOGDIR=$BUILD/test-logs

# Each stage's wall time goes in the summary, so a slow loop says where its time went.
STAGE_STARTED=$(date +%s)
stage_start() { STAGE_STARTED=$(date +%s); }
# record STAGE PASSED FAILED (the stage's time runs from the last stage_start)
record() {
    TOTAL_PASS=$((TOTAL_PASS + $2))
    TOTAL_FAIL=$((TOTAL_FAIL + $3))
    SUMMARY+=("$(printf '%-12s %5s passed, %s failed  %5d s' "$1" "$2" "$3" $(($(date +%s) - STAGE_STARTED)))")
}

# A stage whose output has no counts but failed counts as one failure; that way a suite that
# crashes before reporting is never read as green.
run_node_tests() { # STAGE LOG ARGS...
    local stage=$1 log=$2 rc pass fail
    shift 2
    node --test --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=tap --test-reporter-destination="$log.tap" "$@" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    pass=$(grep -E '^# pass [0-9]+' "$log.tap" | tail -1 | awk '{print $3}')
    fail=$(grep -E '^# fail [0-9]+' "$log.tap" | tail -1 | awk '{print $3}')
    pass=${pass:-0} fail=${fail:-0}
    ((rc != 0 && fail == 0)) && fail=1
    record "$stage" "$pass" "$fail"
}

echo "== dependencies"
og_ensure_packages "${OG_BUILD_PACKAGES[@]}" "${OG_TEST_PACKAGES[@]}" || exit 1
og_ensure_node_modules "$ROOT" || exit 1

echo "== build (Release, $BUILD)"
RUN_STARTED=$(date +%s)
stage_start
mkdir -p "$LOGDIR"
build_failed() {
    echo "build failed: see $1"
    tail -40 "$1"
    echo "0 passed, 1 failed"
    exit 1
}
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >"$LOGDIR/configure.log" 2>&1 ||
    build_failed "$LOGDIR/configure.log"
cmake --build "$BUILD" -j"$(nproc)" >"$LOGDIR/build.log" 2>&1 || build_failed "$LOGDIR/build.log"
grep -E 'warning:' "$LOGDIR/build.log" && echo "(the build has warnings, see $LOGDIR/build.log)"
SUMMARY+=("$(printf '%-12s %27d s' build $(($(date +%s) - STAGE_STARTED)))")
export OG_HOST_BINARY=$BUILD/host/optout-guide-host
export OG_BUILD_DIR=$BUILD
# The cross builds of later stages pack their catalog with this build's packer.
export OG_PACK_CATALOG_TOOL=$BUILD/host/og_pack_catalog

if wanted ctest; then
    echo "== C++ unit and integration tests (ctest)"
    stage_start
    ctest --test-dir "$BUILD" --output-on-failure -j2 2>&1 | tee "$LOGDIR/ctest.log"
    total=$(grep -oE 'tests failed out of [0-9]+' "$LOGDIR/ctest.log" | tail -1 | awk '{print $5}')
    failed=$(grep -oE '[0-9]+ tests failed out of' "$LOGDIR/ctest.log" | tail -1 | awk '{print $1}')
    if [[ -z $total ]]; then record ctest 0 1; else record ctest $((total - failed)) "$failed"; fi
fi

if wanted js; then
    echo "== JavaScript unit, catalog and fixture tests (node --test)"
    stage_start
    run_node_tests js "$LOGDIR/js.log" tests/js/
fi

if wanted e2e; then
    echo "== end to end in Chromium and Firefox"
    stage_start
    run_node_tests e2e "$LOGDIR/e2e.log" --test-concurrency=1 tests/e2e/
fi

# release packs what the cross-build stages (macos, windows) made, so it comes last.
for stage_script in $(ls tests/stages/*.sh | grep -v '/release\.sh$') tests/stages/release.sh; do
    [[ -e $stage_script ]] || continue
    stage=$(basename "$stage_script" .sh)
    wanted "$stage" || continue
    echo "== $stage"
    stage_start
    bash "$stage_script" 2>&1 | tee "$LOGDIR/$stage.log"
    rc=${PIPESTATUS[0]}
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$LOGDIR/$stage.log" | tail -1)
    if [[ -n $line ]]; then
        record "$stage" "$(awk '{print $1}' <<<"$line")" "$(awk '{print $3}' <<<"$line")"
        ((rc != 0)) && [[ $(awk '{print $3}' <<<"$line") == 0 ]] && record "$stage-exit" 0 1
    else
        record "$stage" 0 1
    fi
done

echo
echo "== summary"
printf '%s\n' "${SUMMARY[@]}"
echo "total time: $(($(date +%s) - RUN_STARTED)) s"
echo "$TOTAL_PASS passed, $TOTAL_FAIL failed"
((TOTAL_FAIL == 0))
