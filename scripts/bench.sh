#!/usr/bin/env bash
# Benchmarks of optout-guide against baselines (docs/benchmarks.md): host cold start, warm
# latency with the real and a synthetic 1,000-procedure catalog, peak memory, and the page cost
# of the extension in real Chromium. Prints one Markdown table per part; medians, each beside
# its baseline from the same run.
#   scripts/bench.sh                    everything
#   scripts/bench.sh --host-only        skip the browser part
#   scripts/bench.sh --page-only        only the browser part (the host is still built: the page needs it)
#   OG_BENCH_COLD_RUNS=301 OG_BENCH_WARM=20000 scripts/bench.sh   more samples
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${OG_BUILD_DIR:-$ROOT/build}
OUT=$BUILD/bench
HOST_ONLY=0
PAGE_ONLY=0
case ${1:-} in
    --host-only) HOST_ONLY=1 ;;
    --page-only) PAGE_ONLY=1 ;;
    "") ;;
    *) echo "bench.sh: unknown argument '$1' (--host-only or --page-only)" >&2; exit 2 ;;
esac

echo "== building (Release, $BUILD)" >&2
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j"${OG_JOBS:-2}" --target optout-guide-host >/dev/null
HOST=${OG_HOST_BINARY:-$BUILD/host/optout-guide-host}
mkdir -p "$OUT"
echo "## Machine"
echo
echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; $(free -m | awk '/Mem:/ {print $2}') MiB RAM"
echo "- $(uname -sr); $(. /etc/os-release && echo "$PRETTY_NAME"); $(g++ --version | head -1)"
echo "- store on: $(df -T "$OUT" | awk 'NR == 2 {print $2}'); at start: $(uptime)"
echo "- date: $(date -u +%Y-%m-%dT%H:%MZ); host $("$HOST" --version 2>/dev/null | head -1)"
echo
if ((PAGE_ONLY == 0)); then
    cc -O2 -o "$OUT/echo_host" "$ROOT/bench/echo_host.c"
    CXXFLAGS="-std=c++20 -O2 -Wall -Wextra"
    g++ $CXXFLAGS -o "$OUT/bench_host" "$ROOT/bench/bench_host.cpp"
    g++ $CXXFLAGS -o "$OUT/make_catalog" "$ROOT/bench/make_catalog.cpp"

    # As many procedures as an override may hold (8 MiB; docs/benchmarks.md), 1,000 not fitting.
    PROCEDURES=${OG_BENCH_PROCEDURES:-550}
    echo "== synthetic catalog ($PROCEDURES procedures)" >&2
    sample=$("$OUT/make_catalog" "$ROOT/host/catalog" "$OUT/catalog-1000" "$PROCEDURES")
    "$HOST" catalog check "$OUT/catalog-1000" >&2
    url=$(awk '$1 == "url" {print $2}' <<<"$sample")
    procedure=$(awk '$1 == "procedure" {print $2}' <<<"$sample")
    step=$(awk '$1 == "step" {print $2}' <<<"$sample")

    echo "## Host"
    echo
    "$OUT/bench_host" --host "$HOST" --echo "$OUT/echo_host" --work "$OUT/work" \
        --cold-runs "${OG_BENCH_COLD_RUNS:-101}" --warm "${OG_BENCH_WARM:-5000}" \
        --long "${OG_BENCH_LONG:-20000}" --synthetic "$OUT/catalog-1000" \
        --synthetic-url "$url" --synthetic-procedure "$procedure" --synthetic-step "$step" \
        --synthetic-count "$PROCEDURES"
    echo
    echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

if ((HOST_ONLY == 0)); then
    echo
    echo "## Page (Chromium)"
    echo
    if [[ -f $ROOT/bench/page_cost.mjs ]] && command -v node >/dev/null; then
        echo "- before the page part: $(uptime)"
        echo
        OG_HOST_BINARY=$HOST node "$ROOT/bench/page_cost.mjs" "${OG_BENCH_PAGE_ROUNDS:-5}" || echo "(page benchmark failed; see above)"
        echo
        echo "- after the page part: $(uptime)"
    else
        echo "(page benchmark not available: node or bench/page_cost.mjs missing)"
    fi
fi
