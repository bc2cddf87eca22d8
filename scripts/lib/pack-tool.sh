#!/usr/bin/env bash
# Prints the path of og_pack_catalog built for this machine, which cross builds (macOS, Windows)
# run to pack the catalog they embed, since the packer they compile cannot run here:
#
#   tool=$(scripts/lib/pack-tool.sh [BUILD_DIR])    # default BUILD_DIR: build-pack-tool/
#
# Uses $OG_PACK_CATALOG_TOOL when it names an executable (scripts/test.sh passes the one of its
# own build), otherwise configures BUILD_DIR natively and builds only that target. Progress goes
# to stderr; only the path goes to stdout.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ -n ${OG_PACK_CATALOG_TOOL:-} ]]; then
    [[ -x $OG_PACK_CATALOG_TOOL ]] || {
        echo "pack-tool.sh: OG_PACK_CATALOG_TOOL=$OG_PACK_CATALOG_TOOL is not an executable" >&2
        exit 1
    }
    echo "$OG_PACK_CATALOG_TOOL"
    exit 0
fi
build=${1:-$root/build-pack-tool}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
mkdir -p "$build"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF "${launcher[@]}" \
    >"$build/configure.log" 2>&1 || { tail -30 "$build/configure.log" >&2; exit 1; }
cmake --build "$build" --target og_pack_catalog -j"${OG_JOBS:-2}" >"$build/build.log" 2>&1 ||
    { tail -40 "$build/build.log" >&2; exit 1; }
echo "$build/host/og_pack_catalog"
