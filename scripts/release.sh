#!/usr/bin/env bash
# Every file of a release, named with the one version number (extension/manifest.json), and
# their SHA-256 checksums:
#
#   scripts/release.sh [--out DIR] [--build-dir DIR] [--macos-dir DIR]
#                      [--windows-installer FILE] [--macos-pkg FILE] [--allow-dirty]
#
# writes into DIR (default dist/release/):
#   optout-guide-${version}-chromium.zip           unpacked-load package (pinned ID)
#   optout-guide-${version}-chrome-web-store.zip   for the Chrome Web Store (no key)
#   optout-guide-${version}-firefox.xpi            for addons.mozilla.org
#   optout-guide_${version}_amd64.deb              host + system-wide manifests (Debian, Ubuntu)
#   optout-guide-${version}-macos-host             universal host (arm64 + x86_64), unsigned
#   optout-guide-${version}-macos-host-THIRD-PARTY-NOTICES.txt   what it contains, with licences
#   optout-guide-${version}-macos.pkg              only when given (built and signed on a Mac:
#                                                  docs/macos.md)
#   optout-guide-${version}-windows-setup.exe      when built: --windows-installer, or
#                                                  build-windows/optout-guide-setup.exe
#                                                  (scripts/build-windows.sh)
#   optout-guide-${version}-source.tar.gz          the commit it was made from (git archive)
#   SHA256SUMS                                     `sha256sum -c SHA256SUMS` checks them all
# A file that cannot be made here is skipped with a line saying why; the rest still is made.
# Refuses a work tree with uncommitted changes (the source archive would not match), unless
# --allow-dirty.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$root/dist/release
build=$root/build-release
macos_dir=$root/build-macos
windows_installer=${OG_WINDOWS_INSTALLER:-$root/build-windows/optout-guide-setup.exe}
macos_pkg=""
allow_dirty=0
while (($#)); do
    case $1 in
    --out) out=$2; shift 2 ;;
    --build-dir) build=$2; shift 2 ;;
    --macos-dir) macos_dir=$2; shift 2 ;;
    --windows-installer) windows_installer=$2; shift 2 ;;
    --macos-pkg) macos_pkg=$2; shift 2 ;;
    --allow-dirty) allow_dirty=1; shift ;;
    -h | --help) sed -n 2,26p "$0"; exit 0 ;;
    *) echo "release.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
cd "$root"

version=$(node -p 'require("./extension/manifest.json").version')
package_version=$(node -p 'require("./package.json").version')
if [[ $package_version != "$version" ]]; then
    echo "release.sh: package.json says $package_version, extension/manifest.json $version:" \
        "run scripts/set-version.sh $version" >&2
    exit 1
fi
if ((!allow_dirty)) && [[ -d .git || -f .git ]] && [[ -n $(git status --porcelain --untracked-files=no) ]]; then
    echo "release.sh: the work tree has uncommitted changes; commit them or pass --allow-dirty" >&2
    exit 1
fi
echo "== optout-guide $version → $out"
rm -rf "$out"
mkdir -p "$out"
skipped=()
name() { echo "$out/$1"; }

echo "== extension packages"
pkg=$(mktemp -d)
trap 'rm -rf "$pkg"' EXIT
scripts/package-extension.sh --out "$pkg" >/dev/null
cp "$pkg/optout-guide-chromium.zip" "$(name "optout-guide-${version}-chromium.zip")"
cp "$pkg/optout-guide-chrome-web-store.zip" "$(name "optout-guide-${version}-chrome-web-store.zip")"
cp "$pkg/optout-guide-firefox.xpi" "$(name "optout-guide-${version}-firefox.xpi")"

echo "== Debian package ($build)"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >"$pkg/deb-configure.log" 2>&1 &&
    cmake --build "$build" --target optout-guide-host -j"${OG_JOBS:-2}" >"$pkg/deb-build.log" 2>&1 &&
    rm -f "$build"/dist/optout-guide_*.deb &&
    (cd "$build" && cpack -G DEB >"$pkg/cpack.log" 2>&1) ||
    { tail -30 "$pkg"/deb-*.log "$pkg"/cpack.log 2>/dev/null >&2; echo "release.sh: the .deb failed" >&2; exit 1; }
deb=$(ls "$build"/dist/optout-guide_"${version}"_*.deb)
cp "$deb" "$out/"

echo "== macOS host ($macos_dir)"
scripts/build-macos.sh --out "$macos_dir"
cp "$macos_dir/optout-guide-host" "$(name "optout-guide-${version}-macos-host")"
cp "$macos_dir/THIRD-PARTY-NOTICES.txt" "$(name "optout-guide-${version}-macos-host-THIRD-PARTY-NOTICES.txt")"
if [[ -n $macos_pkg ]]; then
    cp "$macos_pkg" "$(name "optout-guide-${version}-macos.pkg")"
else
    skipped+=("optout-guide-${version}-macos.pkg: a .pkg is built and signed on a Mac from the macOS host above (docs/macos.md); pass it with --macos-pkg")
fi

echo "== Windows installer"
if [[ -f $windows_installer ]]; then
    cp "$windows_installer" "$(name "optout-guide-${version}-windows-setup.exe")"
else
    skipped+=("optout-guide-${version}-windows-setup.exe: no $windows_installer (build it with scripts/build-windows.sh, or pass --windows-installer FILE)")
fi

echo "== source"
if git rev-parse --verify -q HEAD >/dev/null 2>&1; then
    git archive --format=tar.gz --prefix="optout-guide-${version}/" -o "$(name "optout-guide-${version}-source.tar.gz")" HEAD
else
    skipped+=("optout-guide-${version}-source.tar.gz: not a git checkout")
fi

(cd "$out" && sha256sum -- * >"$pkg/SHA256SUMS" && mv "$pkg/SHA256SUMS" SHA256SUMS)
echo "== $out"
(cd "$out" && ls -l | tail -n +2)
for s in "${skipped[@]}"; do echo "skipped $s"; done
