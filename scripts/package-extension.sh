#!/usr/bin/env bash
# Builds the extension packages from extension/:
#   dist/optout-guide-chromium.zip         — for Chromium-family browsers, loaded unpacked after
#                                            unzipping (keeps the key that pins the ID the host
#                                            allows);
#   dist/optout-guide-chrome-web-store.zip — the same without the key, which the Chrome Web Store
#                                            refuses (it assigns the ID; docs/store/README.md);
#   dist/optout-guide-firefox.xpi          — for Firefox-family browsers and addons.mozilla.org.
# One source folder serves both; each package drops the manifest keys the other family needs
# and this one warns about (see docs/extension-lint.md). Needs only bash and cmake.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
src=$root/extension
out=$root/dist
while [[ $# -gt 0 ]]; do
    case $1 in
        --out) out=$2; shift 2 ;;
        -h|--help) echo "usage: scripts/package-extension.sh [--out DIR]"; exit 0 ;;
        *) echo "package-extension.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
[[ -f $src/manifest.json ]] || { echo "package-extension.sh: no $src/manifest.json" >&2; exit 1; }
command -v cmake >/dev/null || { echo "package-extension.sh: cmake is needed (sudo apt-get install cmake)" >&2; exit 1; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$out"

# $1 family, $2 output file, $3 members to remove from manifest.json
build() {
    local family=$1 target=$2 remove=$3 dir=$stage/$1
    mkdir -p "$dir"
    cp -R "$src/." "$dir/"
    find "$dir" \( -name '.*' -o -name '*~' \) -prune -exec rm -rf {} +
    # The project's licence goes with the code (Floating UI's is in vendor/ already).
    cp "$root/LICENSE" "$dir/LICENSE"
    cmake -DIN="$src/manifest.json" -DOUT="$dir/manifest.json" -DREMOVE="$remove" \
        -P "$root/cmake/strip_manifest.cmake"
    rm -f "$target"
    # Sorted names and fixed timestamps keep the archives comparable between builds.
    (cd "$dir" && find . -type f | LC_ALL=C sort | sed 's|^\./||' > "$stage/$family.list" &&
        cmake -E tar cf "$target" --format=zip --mtime="2025-05-27 00:00:00 UTC" --files-from="$stage/$family.list")
    echo "wrote $target"
}

# Chromium: no gecko settings, no event-page scripts ("requires manifest version 2" warning).
build chromium "$out/optout-guide-chromium.zip" "browser_specific_settings;background.scripts"
build chrome-web-store "$out/optout-guide-chrome-web-store.zip" "browser_specific_settings;background.scripts;key"
# Firefox: no Chromium key/ID pin, no service worker, no Chrome-only minimum version.
build firefox "$out/optout-guide-firefox.xpi" "key;background.service_worker;minimum_chrome_version"
