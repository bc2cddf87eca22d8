#!/usr/bin/env bash
# Stage of scripts/test.sh: the macOS host, cross-built here as one universal binary
# (scripts/build-macos.sh), checked as far as a Linux machine can: both slices, their Mach-O
# headers and minimum macOS, the libraries they load (the system's only), no network call
# imported, the no-network sandbox imported, the ad-hoc signature Apple silicon insists on, and
# the version. Running it needs a Mac: docs/macos.md lists what is left untested.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${OG_MACOS_BUILD_DIR:-$root/build-macos}
pass=0 fail=0
check() { # NAME COMMAND...
    local name=$1
    shift
    if "$@"; then
        pass=$((pass + 1))
        echo "ok   $name"
    else
        fail=$((fail + 1))
        echo "FAIL $name"
    fi
}

# Tools: llvm (lipo, objdump, nm), file; zig comes from npm ci.
source "$root/scripts/lib/deps.sh"
og_ensure_packages llvm file tcl dpkg-dev binutils >/dev/null || true
og_ensure_node_modules "$root" >/dev/null || true
tool() { command -v "$1" 2>/dev/null || ls /usr/bin/"$1"-* 2>/dev/null | sort -V | tail -1; }
lipo=$(tool llvm-lipo) objdump=$(tool llvm-objdump) nm=$(tool llvm-nm)

if ! "$root/scripts/build-macos.sh" --out "$out"; then
    echo "FAIL the universal macOS host builds"
    echo "$pass passed, $((fail + 1)) failed"
    exit 1
fi
bin=$out/optout-guide-host
version=$(sed -nE 's/^ *"version": *"([^"]+)".*/\1/p' "$root/extension/manifest.json" | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

check "one universal binary with an arm64 and an x86_64 slice" \
    test "$("$lipo" -archs "$bin" | xargs -n1 | sort | xargs)" = "arm64 x86_64"

# Only the system's own libraries: nothing a Mac would have to have installed first.
system_only() {
    local libs
    libs=$("$objdump" --macho --dylibs-used "$1" | tail -n +2 | awk '{print $1}')
    [[ -n $libs ]] && ! grep -vE '^(/usr/lib/|/System/Library/)' <<<"$libs"
}
no_network_imports() {
    ! "$nm" -u "$1" | grep -E '^_(socket|socketpair|connect|bind|listen|accept|sendto|sendmsg|getaddrinfo|gethostbyname|gethostbyname2|getnameinfo|curl_.*|CF(Socket|Stream|Network).*|nw_.*)$'
}
sandboxed() {
    local imports
    imports=$("$nm" -u "$1")
    grep -qx '_sandbox_init' <<<"$imports" && grep -qx '_kSBXProfileNoNetwork' <<<"$imports"
}
mach_o_executable() { grep -q "^Mach-O 64-bit $2 executable" < <(file -b "$1"); }
for_macos_11() {
    local build
    build=$("$objdump" --macho --private-headers "$1" | grep -A4 'cmd LC_BUILD_VERSION')
    grep -q 'platform macos' <<<"$build" && grep -qE 'minos 11\.0$' <<<"$build"
}
signed() { grep -q 'cmd LC_CODE_SIGNATURE' < <("$objdump" --macho --private-headers "$1"); }
# The literals the host is made of, each on its own (grep reads all: pipefail and an early exit
# would fail on strings' SIGPIPE): "Application Support" is paths.cpp's, apart from the
# browsers' manifest folders; the version is OG_VERSION.
holds_string() { grep -qxF "$2" < <(strings -a "$1"); }
for arch in arm64 x86_64; do
    slice=$work/$arch
    "$lipo" -thin "$arch" "$bin" -output "$slice"
    check "$arch: a Mach-O 64-bit $arch executable" mach_o_executable "$slice" "$arch"
    check "$arch: built for macOS 11 or later" for_macos_11 "$slice"
    check "$arch: loads only system libraries ($("$objdump" --macho --dylibs-used "$slice" | tail -n +2 | awk '{print $1}' | tr '\n' ' '))" \
        system_only "$slice"
    check "$arch: imports no network call" no_network_imports "$slice"
    check "$arch: gives up the network with sandbox_init's no-network profile" sandboxed "$slice"
    # Apple silicon runs nothing unsigned; zig signs that slice ad hoc. Intel Macs do not ask.
    [[ $arch == arm64 ]] && check "$arch: carries a code signature (ad hoc)" signed "$slice"
    check "$arch: keeps its files in ~/Library/Application Support" holds_string "$slice" "Application Support"
    check "$arch: says it is version $version" holds_string "$slice" "$version"
done
echo "$pass passed, $fail failed"
((fail == 0))
