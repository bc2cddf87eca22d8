#!/usr/bin/env bash
# The .deb built by CPack: unpacked into a temporary root (dpkg -x), it holds the host in
# /usr/bin and the system-wide manifests for Chromium, Chrome and Firefox pointing at it.
# Usage: tests/install/deb.test.sh [BUILD_DIR]   (default: build-install)
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build-install}
source "$root/tests/install/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null &&
    cmake --build "$build" --target optout-guide-host -j2 >/dev/null &&
    rm -f "$build"/dist/optout-guide_*.deb &&
    (cd "$build" && cpack -G DEB >/dev/null 2>&1)
check "cpack builds the package" test $? -eq 0
deb=$(ls "$build"/dist/optout-guide_*_*.deb 2>/dev/null | head -1)
check "package file exists" test -n "$deb" -a -f "$deb"
dpkg -x "$deb" "$tmp/root"
name=$(json_get "$root/manifests/identity.json" hostName)
id=$(json_get "$root/manifests/identity.json" chromiumExtensionId)
addon=$(json_get "$root/manifests/identity.json" firefoxAddonId)

check "host in /usr/bin" test -x "$tmp/root/usr/bin/optout-guide-host"
for m in etc/chromium/native-messaging-hosts etc/opt/chrome/native-messaging-hosts; do
    f=$tmp/root/$m/$name.json
    check "$m manifest present" test -f "$f"
    check "$m path" test "$(json_get "$f" path)" = /usr/bin/optout-guide-host
    check "$m origin" test "$(json_get "$f" allowed_origins)" = "[\"chrome-extension://$id/\"]"
    check "$m name" test "$(json_get "$f" name)" = "$name"
    check "$m type" test "$(json_get "$f" type)" = stdio
done
f=$tmp/root/usr/lib/mozilla/native-messaging-hosts/$name.json
check "Firefox manifest present" test -f "$f"
check "Firefox path" test "$(json_get "$f" path)" = /usr/bin/optout-guide-host
check "Firefox add-on ID" test "$(json_get "$f" allowed_extensions)" = "[\"$addon\"]"
check "exactly these files" test "$(cd "$tmp/root" && find . -type f | sort | tr '\n' ' ')" = \
    "./etc/chromium/native-messaging-hosts/$name.json ./etc/opt/chrome/native-messaging-hosts/$name.json ./usr/bin/optout-guide-host ./usr/lib/mozilla/native-messaging-hosts/$name.json ./usr/share/doc/optout-guide/LICENSE ./usr/share/doc/optout-guide/THIRD-PARTY-NOTICES.txt "
# dpkg removes the files it owns on `dpkg -r`: none may be a conffile (those would stay).
dpkg-deb -e "$deb" "$tmp/control"
check "no conffiles (removal takes the manifests too)" test ! -s "$tmp/control/conffiles"
# Every shared library the packaged host loads comes from a package it depends on (on Linux the
# host links most of its libraries in: cmake/static_deps.cmake).
shared_libraries_declared() {
    local depends lib pkg
    depends=$(grep '^Depends:' "$tmp/control/control") || return 1
    for lib in $(objdump -p "$tmp/root/usr/bin/optout-guide-host" | awk '$1 == "NEEDED" {print $2}'); do
        pkg=$(dpkg -S "*/$(uname -m)-linux-gnu/$lib" 2>/dev/null | head -1 | cut -d: -f1)
        if [[ -z $pkg || $depends != *"$pkg"* ]]; then
            echo "  $lib (package ${pkg:-unknown}) is not in $depends"
            return 1
        fi
    done
}
check "declares the packages of the shared libraries it loads" shared_libraries_declared

# The unpacked host really runs: doctor in the unpacked root, with the packaged manifests.
mkdir -p "$tmp/home"
out=$(env -i PATH=/usr/bin:/bin HOME="$tmp/home" OPTOUT_GUIDE_SYSTEM_ROOT="$tmp/root" \
    "$tmp/root/usr/bin/optout-guide-host" doctor --json 2>&1)
check "packaged host runs its doctor" contains "$out" "\"hostName\": \"$name\""

summary
