#!/usr/bin/env bash
# scripts/install.sh in a clean temporary HOME (Chromium and Firefox have run, nothing else):
# the host lands in PREFIX/bin, is registered for both, doctor passes, the extension packages
# are built, loading instructions are printed, and a second run changes nothing.
# Usage: tests/install/install-sh.test.sh [BUILD_DIR]   (default: build-install)
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build-install}
source "$root/tests/install/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
home=$tmp/home
mkdir -p "$home/.config/chromium" "$home/.mozilla" "$tmp/sysroot"
run() {
    env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$home" OPTOUT_GUIDE_SYSTEM_ROOT="$tmp/sysroot" \
        OG_JOBS=2 OPTOUT_GUIDE_LOG=error "$@"
}

out=$(run "$root/scripts/install.sh" --prefix "$tmp/prefix" --build-dir "$build" 2>&1)
status=$?
echo "$out" | sed 's/^/    | /' | tail -40
check "install.sh exits 0 when every browser is ready" test "$status" -eq 0
host=$tmp/prefix/bin/optout-guide-host
check "host installed in PREFIX/bin" test -x "$host"
check "nothing but the host and its licence under PREFIX" test "$(cd "$tmp/prefix" && find . -type f | sort | xargs)" = \
    "./bin/optout-guide-host ./share/doc/optout-guide/LICENSE ./share/doc/optout-guide/THIRD-PARTY-NOTICES.txt"
cm=$home/.config/chromium/NativeMessagingHosts/org.optoutguide.host.json
fm=$home/.mozilla/native-messaging-hosts/org.optoutguide.host.json
check "Chromium manifest written" test -f "$cm"
check "Firefox manifest written" test -f "$fm"
check "Chromium manifest points at the installed host" test "$(json_get "$cm" path)" = "$host"
check "Firefox manifest points at the installed host" test "$(json_get "$fm" path)" = "$host"
check "no folder for absent browsers" test ! -e "$home/.config/google-chrome" -a ! -e "$home/.config/vivaldi"
check "no system-wide file" test -z "$(find "$tmp/sysroot" -mindepth 1)"
check "doctor reports both browsers ready" contains "$out" "2 of 2 browser(s) ready"
check "Chromium package built" test -s "$root/dist/optout-guide-chromium.zip"
check "Firefox package built" test -s "$root/dist/optout-guide-firefox.xpi"
check "says how to load in Chromium" contains "$out" "Chromium: open chrome://extensions"
check "says how to load in Firefox" contains "$out" "about:debugging#/runtime/this-firefox"
check "no instructions for absent browsers" bash -c '! grep -q "Google Chrome: open" <<<"$1"' _ "$out"

before=$(cd "$home" && find . -path ./.local/state -prune -o -print | sort; md5sum "$cm" "$fm")
out2=$(run "$root/scripts/install.sh" --prefix "$tmp/prefix" --build-dir "$build" 2>&1)
check "second run exits 0" test $? -eq 0
after=$(cd "$home" && find . -path ./.local/state -prune -o -print | sort; md5sum "$cm" "$fm")
check "second run leaves the same files" test "$before" = "$after"
check "second run reports manifests up to date" contains "$out2" "up to date"

# In French (a desktop session sets LANG only): the script's steps, the host's lines and doctor.
nb=$(printf '\xc2\xa0') nn=$(printf '\xe2\x80\xaf')
out_fr=$(run env LANG=fr_FR.UTF-8 "$root/scripts/install.sh" --prefix "$tmp/prefix" --build-dir "$build" 2>&1)
check "French run exits 0" test $? -eq 0
check "French run: the steps are in French" contains "$out_fr" "==> Enregistrement du programme d’aide auprès de vos navigateurs"
check "French run: the host says its manifests are up to date in French" contains "$out_fr" "Chromium${nb}: $cm est déjà à jour"
check "French run: doctor sums up in French" contains "$out_fr" "Navigateurs prêts${nb}: 2 sur 2."
check "French run: how to load the extension, with Chromium’s French labels" \
    contains "$out_fr" "- Chromium${nb}: ouvrez chrome://extensions, activez le «${nn}Mode développeur${nn}»"
check "French run: no English step left" bash -c '! grep -qE "^==> (Build|Building|Installing|Registering|Checking|Loading)" <<<"$0"' "$out_fr"

# Without root and with packages missing, it names the exact apt-get command and stops.
mkdir -p "$tmp/fakebin"
printf '#!/bin/sh\n[ "$1" = "-u" ] && echo 1000 || exec /usr/bin/id "$@"\n' >"$tmp/fakebin/id"
printf '#!/bin/sh\nexit 1\n' >"$tmp/fakebin/dpkg-query"
chmod +x "$tmp/fakebin/id" "$tmp/fakebin/dpkg-query"
out3=$(env -i PATH="$tmp/fakebin:/usr/bin:/bin" HOME="$home" "$root/scripts/install.sh" \
    --prefix "$tmp/prefix2" --build-dir "$build" 2>&1)
check "non-root with missing packages fails" test $? -ne 0
check "prints the apt-get line" contains "$out3" "sudo apt-get install -y cmake g++"
check "builds nothing then" test ! -e "$tmp/prefix2"
out4=$(env -i PATH="$tmp/fakebin:/usr/bin:/bin" HOME="$home" LANG=fr_FR.UTF-8 "$root/scripts/install.sh" \
    --prefix "$tmp/prefix2" --build-dir "$build" 2>&1)
check "in French, it says which packages are missing and the same apt-get line" \
    bash -c '[[ $0 == *"Paquets Debian manquants$1: cmake g++"* && $0 == *"Installez-les avec$1:  sudo apt-get install -y cmake g++"* ]]' \
    "$out4" "$(printf '\xc2\xa0')"

summary
