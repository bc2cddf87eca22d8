#!/usr/bin/env bash
# One command from a fresh clone to a working setup:
#   build dependencies (apt-get as root, or the exact command to run) → Release build →
#   host installed to PREFIX/bin → registered with every browser found → doctor →
#   extension packages in dist/ → how to load the extension in each browser.
# Running it again is harmless: each step leaves an up-to-date result as it is.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
prefix=$HOME/.local
build=$root/build
jobs=${OG_JOBS:-$(nproc 2>/dev/null || echo 2)}

usage() {
    cat <<USAGE
usage: scripts/install.sh [--prefix DIR] [--build-dir DIR]
  --prefix DIR     install the host to DIR/bin (default: ~/.local)
  --build-dir DIR  where to build (default: build/ in the source tree)
USAGE
}
while [[ $# -gt 0 ]]; do
    case $1 in
        --prefix) prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#*=}; shift ;;
        --build-dir) build=$2; shift 2 ;;
        --build-dir=*) build=${1#*=}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
[[ $prefix == /* ]] || prefix=$PWD/$prefix
[[ $build == /* ]] || build=$PWD/$build

step() { printf '\n==> %s\n' "$*"; }

step "Build dependencies"
# shellcheck source=lib/deps.sh
source "$root/scripts/lib/deps.sh"
if command -v dpkg-query >/dev/null; then
    og_ensure_packages "${OG_BUILD_PACKAGES[@]}" || exit 1
    echo "all present"
else
    echo "not a Debian-based system: make sure these are installed: ${OG_BUILD_PACKAGES[*]}"
fi

step "Building the host (Release) in $build"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target optout-guide-host -j"$jobs"

step "Installing the host to $prefix/bin"
# A plain install never writes the system-wide manifests (those belong to the .deb).
cmake --install "$build" --prefix "$prefix" --component Unspecified
host=$prefix/bin/optout-guide-host

step "Registering the host with your browsers"
"$host" install || echo "(nothing registered yet; see above)"

step "Checking every browser (doctor)"
doctor_status=0
"$host" doctor || doctor_status=$?

step "Building the extension packages"
"$root/scripts/package-extension.sh"

step "Loading the extension"
browsers=$("$host" doctor --json 2>/dev/null | sed -n 's/^ *"browser": "\([a-z-]*\)",$/\1/p' | sort -u || true)
if [[ -z $browsers ]]; then
    echo "No browser found. Start Chromium, Chrome, Edge, Brave, Vivaldi, Opera, Firefox, LibreWolf,"
    echo "Waterfox or Tor Browser once, then run this script again."
fi
for b in $browsers; do
    case $b in
        chrome) page=chrome://extensions name="Google Chrome" ;;
        chromium) page=chrome://extensions name=Chromium ;;
        edge) page=edge://extensions name="Microsoft Edge" ;;
        brave) page=brave://extensions name=Brave ;;
        vivaldi) page=vivaldi://extensions name=Vivaldi ;;
        opera) page=opera://extensions name=Opera ;;
        firefox) page=about:debugging#/runtime/this-firefox name=Firefox ;;
        librewolf) page=about:debugging#/runtime/this-firefox name=LibreWolf ;;
        waterfox) page=about:debugging#/runtime/this-firefox name=Waterfox ;;
        tor-browser) page=about:debugging#/runtime/this-firefox name="Tor Browser" ;;
        *) continue ;;
    esac
    case $b in
        firefox|librewolf|waterfox|tor-browser)
            echo "- $name: open $page, click \"Load Temporary Add-on...\" and pick"
            echo "    $root/dist/optout-guide-firefox.xpi"
            echo "  (it stays until the browser restarts; see "Install per browser" in README.md for a permanent install)"
            ;;
        *)
            echo "- $name: open $page, switch on \"Developer mode\", click \"Load unpacked\" and pick"
            echo "    $root/extension"
            ;;
    esac
done

case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) printf '\nNote: %s is not on your PATH; run the host as %s\n' "$prefix/bin" "$host" ;;
esac
if [[ $doctor_status -ne 0 ]]; then
    printf '\nSome browsers are not ready yet: follow the "fix:" lines of the doctor above.\n'
fi
exit "$doctor_status"
