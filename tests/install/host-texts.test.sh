#!/usr/bin/env bash
# The host's install, uninstall, purge question, doctor's probe sentence and report file in the
# user's language: the real host binary run in a clean temporary HOME with LANG set and LC_ALL,
# LC_MESSAGES cleared (as a desktop session sets them), in French and German.
# Usage: tests/install/host-texts.test.sh [BUILD_DIR]   (default: build)
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
source "$root/tests/install/lib.sh"
host=$build/host/optout-guide-host

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
home=$tmp/home
data=$home/.local/share/optout-guide
# French puts a no-break space before a colon and a narrow one before ; ? ! and inside « ».
nb=$(printf '\xc2\xa0')
nn=$(printf '\xe2\x80\xaf')
# A progress store, as the extension leaves one.
progress() { mkdir -p "$data" && printf 'progress' >"$data/progress.db"; }
fresh_home() {
    rm -rf "$home"
    mkdir -p "$home/.config/chromium" "$home/.mozilla" "$tmp/sysroot"
}
# The host as a person's session starts it: LANG only (env -i clears LC_ALL and LC_MESSAGES).
in_lang() { # LANG COMMAND...
    local lang=$1
    shift
    env -i PATH=/usr/bin:/bin HOME="$home" LANG="$lang" OPTOUT_GUIDE_SYSTEM_ROOT="$tmp/sysroot" \
        OPTOUT_GUIDE_LOG=error "$@"
}
# On a terminal (the purge question is only asked there), typing ANSWER.
on_terminal() { # LANG ANSWER ARGS...
    local lang=$1 answer=$2
    shift 2
    printf '%s\n' "$answer" | in_lang "$lang" script -qec "$(printf '%q ' "$host" "$@")" /dev/null
}

fresh_home
out=$(in_lang fr_FR.UTF-8 "$host" install 2>&1)
check "French install says what it wrote" contains "$out" "Chromium${nb}: manifeste écrit dans $home/.config/chromium/NativeMessagingHosts/"
check "French install names the helper program" contains "$out" "Programme d’aide${nb}: $host"
check "French install says how to check" contains "$out" "Pour vérifier${nb}: "
check "French install has no English left" bash -c '! grep -qE "wrote|Host:|Check with" <<<"$0"' "$out"
out=$(in_lang fr_FR.UTF-8 "$host" install 2>&1)
check "French install again says it is up to date" contains "$out" "est déjà à jour"
out=$(in_lang fr_FR.UTF-8 "$host" install --dry-run 2>&1)
check "French dry run says nothing was written" contains "$out" "(simulation${nb}: rien n’a été écrit)"
progress
out=$(in_lang fr_FR.UTF-8 "$host" uninstall 2>&1)
check "French uninstall says what it removed" contains "$out" "retiré${nb}: $home/.config/chromium/NativeMessagingHosts/"
check "French uninstall says the progress stays" contains "$out" "Votre progression reste dans $data (uninstall --purge l’efface)."
out=$(in_lang fr_FR.UTF-8 "$host" uninstall 2>&1)
check "French uninstall with nothing installed says so" contains "$out" "Aucune fiche d’installation dans "

fresh_home
out=$(in_lang de_DE.UTF-8 "$host" install 2>&1)
check "German install says what it wrote" contains "$out" "Firefox: Manifest in $home/.mozilla/native-messaging-hosts/"
check "German install names the helper program" contains "$out" "Hilfsprogramm: $host"
progress
out=$(in_lang de_DE.UTF-8 "$host" uninstall 2>&1)
check "German uninstall says what it removed" contains "$out" "entfernt: $home/.mozilla/native-messaging-hosts/"
check "German uninstall says the progress stays" contains "$out" "Dein Fortschritt bleibt in $data"
out=$(env -i PATH=/usr/bin:/bin HOME="$home" LANG=fr_FR.UTF-8 LC_ALL=de_DE.UTF-8 "$host" uninstall 2>&1)
check "LC_ALL wins over LANG, as for every program" contains "$out" "Keine Installationsliste unter"

echo "-- the purge question"
fresh_home
progress
out=$(in_lang fr_FR.UTF-8 "$host" uninstall --purge 2>&1 </dev/null)
check "French: --purge off a terminal asks for --yes and deletes nothing" \
    bash -c '[[ $0 == *"--purge efface votre progression ($1)"* && -d $1 ]]' "$out" "$data"
out=$(on_terminal fr_FR.UTF-8 non uninstall --purge 2>&1)
check "French: the question is asked in French with [o/N]" contains "$out" "Effacer votre progression optout-guide dans $data et les journaux dans"
check "French: the question offers o" contains "$out" "C’est définitif. [o/N]"
check "French: “non” keeps the progress" bash -c '[[ $0 == *"Votre progression est conservée."* && -d $1 ]]' "$out" "$data"
out=$(on_terminal fr_FR.UTF-8 oui uninstall --purge 2>&1)
check "French: “oui” deletes the progress" bash -c '[[ $0 == *"effacé$2: $1"* && ! -e $1 ]]' "$out" "$data" "$nb"
progress
out=$(on_terminal fr_FR.UTF-8 O uninstall --purge 2>&1)
check "French: “O” deletes the progress" test ! -e "$data"
progress
out=$(on_terminal fr_FR.UTF-8 yes uninstall --purge 2>&1)
check "French: “yes” is still understood" test ! -e "$data"
progress
out=$(on_terminal de_DE.UTF-8 ja uninstall --purge 2>&1)
check "German: the question offers j and “ja” deletes the progress" \
    bash -c '[[ $0 == *"[j/N]"* && $0 == *"gelöscht: $1"* && ! -e $1 ]]' "$out" "$data"
progress
out=$(on_terminal de_DE.UTF-8 "" uninstall --purge 2>&1)
check "German: an empty answer keeps the progress" \
    bash -c '[[ $0 == *"Dein Fortschritt bleibt erhalten."* && -d $1 ]]' "$out" "$data"

out=$(in_lang fr_FR.UTF-8 "$host" status 2>&1)
check "French status names the built-in catalog in French" contains "$out" " (intégré), progression enregistrée dans "

echo "-- doctor's probe sentence and the report file"
fresh_home
printf '#!/bin/sh\nexit 3\n' >"$tmp/exits"
chmod +x "$tmp/exits"
in_lang C "$host" install --browser chromium --host-path "$tmp/exits" >/dev/null 2>&1
out=$(in_lang fr_FR.UTF-8 "$host" doctor 2>&1)
check "French doctor says how a host that never answered ended" \
    contains "$out" "Il s’est arrêté (code de sortie 3) sans répondre"
out=$(in_lang de_DE.UTF-8 "$host" doctor 2>&1)
check "German doctor says it too" contains "$out" "Es hat sich beendet (Exit-Code 3), ohne zu antworten"
in_lang fr_FR.UTF-8 "$host" report --export "$tmp/reports.json" >/dev/null 2>&1
about=$(json_get "$tmp/reports.json" about 2>/dev/null)
check "French report file says what it holds in French" \
    bash -c '[[ $0 == "Signalements «$1Ce n’est pas ce que je vois$1» d’optout-guide$2:"* ]]' "$about" "$nn" "$nb"

summary
