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

# shellcheck source=lib/texts.sh
source "$root/scripts/lib/texts.sh"  # og_text: what this script says, in the user's language

usage() {
    og_text usage.line
    og_text usage.prefix
    og_text usage.build_dir
}
while [[ $# -gt 0 ]]; do
    case $1 in
        --prefix) prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#*=}; shift ;;
        --build-dir) build=$2; shift 2 ;;
        --build-dir=*) build=${1#*=}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) og_text unknown_argument argument="$1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ $prefix == /* ]] || prefix=$PWD/$prefix
[[ $build == /* ]] || build=$PWD/$build

step() { printf '\n==> %s\n' "$*"; }

step "$(og_text step.deps)"
# shellcheck source=lib/deps.sh
source "$root/scripts/lib/deps.sh"
if command -v dpkg-query >/dev/null; then
    og_ensure_packages "${OG_BUILD_PACKAGES[@]}" || exit 1
    og_text deps.present
else
    og_text deps.not_debian packages="${OG_BUILD_PACKAGES[*]}"
fi

step "$(og_text step.build folder="$build")"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target optout-guide-host -j"$jobs"

step "$(og_text step.install folder="$prefix/bin")"
# A plain install never writes the system-wide manifests (those belong to the .deb).
cmake --install "$build" --prefix "$prefix" --component Unspecified
host=$prefix/bin/optout-guide-host

step "$(og_text step.register)"
"$host" install || og_text register.none

step "$(og_text step.doctor)"
doctor_status=0
"$host" doctor || doctor_status=$?

step "$(og_text step.package)"
"$root/scripts/package-extension.sh"

step "$(og_text step.load)"
browsers=$("$host" doctor --json 2>/dev/null | sed -n 's/^ *"browser": "\([a-z-]*\)",$/\1/p' | sort -u || true)
if [[ -z $browsers ]]; then
    og_text load.no_browser
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
            og_text load.firefox browser="$name" page="$page"
            echo "    $root/dist/optout-guide-firefox.xpi"
            og_text load.firefox_note
            ;;
        *)
            og_text load.chromium browser="$name" page="$page"
            echo "    $root/extension"
            ;;
    esac
done

case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) printf '\n%s\n' "$(og_text path_note folder="$prefix/bin" host="$host")" ;;
esac
if [[ $doctor_status -ne 0 ]]; then
    printf '\n%s\n' "$(og_text not_ready)"
fi
exit "$doctor_status"
