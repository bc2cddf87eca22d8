#!/usr/bin/env bash
# Stage of scripts/test.sh: scripts/release.sh makes every file of a release under the one
# version number, with checksums that verify, reusing the Release build ($OG_BUILD_DIR) and the
# macOS build of the macos stage. The Windows installer is in it when it was built, and named
# as skipped otherwise.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${OG_BUILD_DIR:-$root/build}
pass=0 fail=0
check() { # NAME COMMAND...
    local name=$1
    shift
    if "$@"; then pass=$((pass + 1)); echo "ok   $name"; else fail=$((fail + 1)); echo "FAIL $name"; fi
}
tool() { command -v "$1" 2>/dev/null || ls /usr/bin/"$1"-* 2>/dev/null | sort -V | tail -1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
v=$(node -p "require('$root/extension/manifest.json').version")

# The stage checks what the script makes, not whether this work tree is committed.
log=$out/release.log
"$root/scripts/release.sh" --out "$out/r" --build-dir "$build" --allow-dirty >"$log" 2>&1
rc=$?
tail -15 "$log"
check "release.sh succeeds" test "$rc" -eq 0
r=$out/r
files=("optout-guide-$v-chromium.zip" "optout-guide-$v-chrome-web-store.zip" "optout-guide-$v-firefox.xpi"
    "optout-guide_${v}_amd64.deb" "optout-guide-$v-macos-host" "optout-guide-$v-macos-host-THIRD-PARTY-NOTICES.txt"
    "optout-guide-$v-source.tar.gz")
for f in "${files[@]}"; do check "$f is made" test -s "$r/$f"; done

check "SHA256SUMS verifies every file" bash -c "cd '$r' && sha256sum --quiet -c SHA256SUMS"
listed() { [[ $(awk '{print $2}' "$r/SHA256SUMS" | sort) == $(cd "$r" && ls | grep -vx SHA256SUMS | sort) ]]; }
check "SHA256SUMS lists exactly the files made" listed

manifest_version() { unzip -p "$1" manifest.json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).version))'; }
for f in chromium.zip chrome-web-store.zip firefox.xpi; do
    check "$f says version $v" test "$(manifest_version "$r/optout-guide-$v-$f")" = "$v"
done
check "the .deb is version $v" test "$(dpkg-deb -f "$r/optout-guide_${v}_amd64.deb" Version)" = "$v"
check "the .deb's host says version $v" bash -c \
    "dpkg-deb --fsys-tarfile '$r/optout-guide_${v}_amd64.deb' | tar -xO ./usr/bin/optout-guide-host > '$out/host' &&
     chmod +x '$out/host' && '$out/host' --version | grep -q '^optout-guide-host $v\$'"
check "the macOS host is universal" test "$("$(tool llvm-lipo)" -archs "$r/optout-guide-$v-macos-host" | xargs -n1 | sort | xargs)" = "arm64 x86_64"
check "the source archive is of version $v" bash -c \
    "tar -xzOf '$r/optout-guide-$v-source.tar.gz' optout-guide-$v/extension/manifest.json | grep -q '\"version\": \"$v\"'"

# Licences (docs/licences.md): the project's with every package, the notices of what the host
# contains with every host, and the notices checked against what the build really put in it.
check "LICENSE is the GNU GPL, version 3" bash -c "head -2 '$root/LICENSE' | grep -q 'Version 3, 29 June 2007'"
for f in chromium.zip chrome-web-store.zip firefox.xpi; do
    check "$f carries LICENSE" bash -c "unzip -p '$r/optout-guide-$v-$f' LICENSE | cmp -s - '$root/LICENSE'"
done
deb_doc=$out/deb-doc
mkdir -p "$deb_doc"
dpkg-deb --fsys-tarfile "$r/optout-guide_${v}_amd64.deb" | tar -x -C "$deb_doc" ./usr/share/doc/optout-guide 2>/dev/null
check "the .deb carries LICENSE" cmp -s "$deb_doc/usr/share/doc/optout-guide/LICENSE" "$root/LICENSE"
deb_notices=$deb_doc/usr/share/doc/optout-guide/THIRD-PARTY-NOTICES.txt
check "the .deb's notices name every package the host was built from" \
    node "$root/tests/release/notices-cover.mjs" "$build" "$deb_notices"
sed 's/^==== SQLite /==== (left out) /' "$deb_notices" >"$out/notices-without-sqlite.txt"
check "notices that leave SQLite out are refused" \
    bash -c "! node '$root/tests/release/notices-cover.mjs' '$build' '$out/notices-without-sqlite.txt' 2>/dev/null"
check "the .deb's notices hold the LGPL 2.1 in full (libseccomp is linked in)" bash -c \
    "grep -q 'GNU LESSER GENERAL PUBLIC LICENSE' '$deb_notices' && grep -q 'END OF TERMS AND CONDITIONS' '$deb_notices'"
mac_notices=$r/optout-guide-$v-macos-host-THIRD-PARTY-NOTICES.txt
check "the macOS host's notices name libc++, not libseccomp" bash -c \
    "grep -q '^==== LLVM libc++' '$mac_notices' && ! grep -q '^==== libseccomp ' '$mac_notices'"

win=${OG_WINDOWS_INSTALLER:-$root/build-windows/optout-guide-setup.exe}
if [[ -f $win ]]; then
    check "the Windows installer is in the release" cmp -s "$win" "$r/optout-guide-$v-windows-setup.exe"
else
    check "without a built Windows installer, the release says it skipped it" \
        grep -q "^skipped optout-guide-$v-windows-setup.exe: no $win" "$log"
fi
echo "$pass passed, $fail failed"
((fail == 0))
