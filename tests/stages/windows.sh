#!/usr/bin/env bash
# Stage of scripts/test.sh: the Windows host. Cross-builds it once with mingw-w64 (in
# $OG_WINDOWS_BUILD_DIR, default build-windows/), then under wine (headless, its own prefix):
# the host's unit and integration suites, a conversation that loads no network library, and
# the per-user NSIS installer run silently: files, registry keys, the host started from the
# registry as Chrome starts it, the system-wide keys in both registry views, a profile folder
# with non-ASCII characters, and uninstalling (progress kept, or purged when asked).
# Ends with "N passed, N failed". docs/windows.md says what this does not prove.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$root/scripts/lib/deps.sh"
source "$root/tests/install/lib.sh"
build=${OG_WINDOWS_BUILD_DIR:-$root/build-windows}
started=$(date +%s)

echo "-- cross build ($build)"
if ! bash "$root/scripts/build-windows.sh" "$build"; then
    echo "0 passed, 1 failed"
    exit 1
fi
host_exe=$build/host/optout-guide-host.exe
setup_exe=$build/optout-guide-setup.exe

# Wine, headless, in a prefix of its own. The server and its services start here, with their
# output going nowhere: started by the first test instead, they would inherit that test's
# stdout and keep its pipe open for ever.
export WINEPREFIX=${OG_WINEPREFIX:-$build/wineprefix} WINEARCH=win64 WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree=;mshtml="  # no Mono or Gecko download prompts
# Wine names Unix files and prints console text in the locale's charset: UTF-8, for "Zoé".
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset DISPLAY
wineserver -p >/dev/null 2>&1
wine cmd /c exit >/dev/null 2>&1 </dev/null
trap 'wineserver -k >/dev/null 2>&1' EXIT
echo "-- wine ready after $(($(date +%s) - started)) s ($WINEPREFIX)"

# A Catch2 suite: each test case is one pass or failure; skipped ones are listed by the suite.
run_suite() { # NAME EXE
    local out line total ok bad
    out=$(cd "$(dirname "$2")" && timeout 600 wine "$2" 2>&1 | tr -d '\r')
    grep -E '^skipped on this platform' <<<"$out"
    if line=$(grep -E '^All tests passed \(' <<<"$out"); then
        total=$(sed -E 's/.* in ([0-9]+) test cases?\)/\1/' <<<"$line")
        passed=$((passed + total))
        echo "ok - $1 under wine: $total test cases"
    elif line=$(grep -E '^test cases: ' <<<"$out"); then
        ok=$(sed -E 's/.*\| *([0-9]+) passed.*/\1/' <<<"$line")
        bad=$(sed -E 's/.*\| *([0-9]+) failed.*/\1/' <<<"$line")
        passed=$((passed + ok)) failed=$((failed + bad))
        echo "$out" | tail -80
        echo "FAIL - $1 under wine: $bad failed"
    else
        echo "$out" | tail -40
        failed=$((failed + 1))
        echo "FAIL - $1 under wine: no summary"
    fi
}

echo "-- the host's suites under wine"
run_suite "unit tests" "$build/tests/og_unit_tests.exe"
run_suite "integration tests" "$build/tests/og_integration_tests.exe"

echo "-- no network library"
imports=$(objdump -p "$host_exe" | awk '/DLL Name:/ {print tolower($3)}' | sort | tr '\n' ' ')
echo "imports: $imports"
check "the host imports no socket or HTTP library" \
    bash -c '! grep -qE "ws2_32|wsock32|mswsock|wininet|winhttp|iphlpapi" <<<"$0"' "$imports"
id=$(node -p 'require(process.argv[1]).chromiumExtensionId' "$root/manifests/identity.json")
name=$(node -p 'require(process.argv[1]).hostName' "$root/manifests/identity.json")
frames=$build/test-frames
mkdir -p "$frames"
node "$root/tests/windows/frames.mjs" encode >"$frames/conversation.bin" <<'JSON'
{"id":1,"type":"hello","client":"chromium","extensionVersion":"0.1.0"}
{"id":2,"type":"reportEvent","event":{"eventId":"win-evt-0001","type":"step_shown","platform":"instagram","account":"default","procedureId":"instagram-ai-objection","stepId":"open-form","url":"https://privacycenter.instagram.com/policy/"}}
{"id":3,"type":"getProgress"}
JSON
# Every library the conversation loads, and every Winsock call it makes.
WINEDEBUG=+loaddll,+winsock wine "$host_exe" "chrome-extension://$id/" --parent-window=0 \
    <"$frames/conversation.bin" >"$frames/replies.bin" 2>"$frames/trace.log"
node "$root/tests/windows/frames.mjs" decode <"$frames/replies.bin" >"$frames/replies.jsonl"
check "a conversation under wine is answered (hello, reportEvent, getProgress)" \
    bash -c '[[ $(grep -c "\"ok\":true" "$0") -eq 3 ]]' "$frames/replies.jsonl"
check "it loads no network library and makes no Winsock call (WINEDEBUG=+loaddll,+winsock)" \
    bash -c 'grep -q "Loaded.*kernel32" "$0" && ! grep -qiE "ws2_32|wsock32|mswsock|wininet|winhttp|trace:winsock" "$0"' \
    "$frames/trace.log"

echo "-- the installer, silently"
local_app=$(wine cmd /c echo %LOCALAPPDATA% 2>/dev/null | tr -d '\r')
unix_of() { winepath -u "$1" 2>/dev/null; }
reg_default() { # KEY [/reg:32|/reg:64]: the key's default value, or nothing
    wine reg query "$@" 2>/dev/null | tr -d '\r' | sed -nE 's/^ +\(Default\) +REG_SZ +//p'
}
# The same through an exported .reg file (UTF-16): `reg query` prints in the OEM code page,
# which turns "Zoé" into "Zo\x82".
reg_default_utf8() { # KEY
    rm -f "$WINEPREFIX/drive_c/og-value.reg"
    wine reg export "$1" 'C:\og-value.reg' /y >/dev/null 2>&1 || return 0
    iconv -f UTF-16 -t UTF-8 "$WINEPREFIX/drive_c/og-value.reg" | tr -d '\r' |
        sed -nE 's/^@="(.*)"$/\1/p' | sed 's/\\\\/\\/g'
}
keys=("Software\\Google\\Chrome" "Software\\Chromium" "Software\\Microsoft\\Edge" "Software\\Mozilla")
uninstall_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\optout-guide'

# Runs setup.exe /S for the profile whose local application data is $1 (Windows path).
installer_round() { # LOCALAPPDATA LABEL
    local app=$1 label=$2 dir manifest path store
    dir=$(unix_of "$app\\Programs\\optout-guide")
    wine "$setup_exe" /S
    check "$label: setup.exe /S exits 0" test $? -eq 0
    check "$label: the host is installed in $app\\Programs\\optout-guide" \
        test -f "$dir/optout-guide-host.exe" -a -f "$dir/uninstall.exe"
    check "$label: the licence and the Windows notices are installed beside it" bash -c \
        'cmp -s "$0/LICENSE.txt" "$1/LICENSE" && grep -q "^==== mingw-w64 runtime and winpthreads " "$0/THIRD-PARTY-NOTICES.txt" &&
         ! grep -q "^==== libseccomp " "$0/THIRD-PARTY-NOTICES.txt"' "$dir" "$root"
    local all=0
    for k in "${keys[@]}"; do
        manifest=$(reg_default_utf8 "HKCU\\$k\\NativeMessagingHosts\\$name")
        [[ $manifest == "$app\\optout-guide\\native-messaging\\"* && -f $(unix_of "$manifest") ]] || all=1
    done
    check "$label: HKCU keys of Chrome, Chromium, Edge and Firefox name manifests in $app\\optout-guide" test $all -eq 0
    check "$label: listed in Apps & features (per user)" \
        bash -c 'wine reg query "$0" /v UninstallString 2>/dev/null | grep -q uninstall.exe' "$uninstall_key"

    # As Chrome does: the manifest from the registry, its path, started through cmd.exe.
    manifest=$(reg_default_utf8 "HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\$name")
    path=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).path' "$(unix_of "$manifest")")
    check "$label: the manifest names the installed host" test "$path" = "$app\\Programs\\optout-guide\\optout-guide-host.exe"
    # wine quotes an argument with spaces, as Chrome quotes the host's path after /c.
    wine cmd /d /c "$path" "chrome-extension://$id/" --parent-window=0 \
        <"$frames/conversation.bin" >"$frames/chrome.bin" 2>/dev/null
    node "$root/tests/windows/frames.mjs" decode <"$frames/chrome.bin" >"$frames/chrome.jsonl"
    store=$(unix_of "$app\\optout-guide\\progress.db")
    check "$label: started from the registry as Chrome does, the host answers and stores the event" \
        bash -c '[[ $(grep -c "\"ok\":true" "$0") -eq 3 && -s "$1" ]]' "$frames/chrome.jsonl" "$store"
    check "$label: doctor says every browser is ready" \
        bash -c 'wine "$0" doctor --json 2>/dev/null | grep -q "\"ok\": true"' "$dir/optout-guide-host.exe"

    # The uninstaller copies itself away and returns at once: wait for it to finish.
    wine "$dir/uninstall.exe" /S
    for _ in $(seq 100); do [[ -e $dir/uninstall.exe ]] || break; sleep 0.1; done
    sleep 0.5
    all=0
    for k in "${keys[@]}"; do
        [[ -z $(reg_default "HKCU\\$k\\NativeMessagingHosts\\$name") ]] || all=1
    done
    check "$label: uninstall removes the keys, the host and the manifests" \
        bash -c '[[ $0 -eq 0 && ! -e "$1" && ! -e "$2" ]]' $all "$dir" "$(unix_of "$app\\optout-guide\\native-messaging")"
    check "$label: uninstall keeps the progress store" test -s "$store"
    check "$label: and leaves Apps & features" bash -c '! wine reg query "$0" >/dev/null 2>&1' "$uninstall_key"

    wine "$setup_exe" /S
    wine "$dir/uninstall.exe" /S /PURGE
    for _ in $(seq 100); do [[ -e $dir/uninstall.exe ]] || break; sleep 0.1; done
    sleep 0.5
    check "$label: uninstall /PURGE deletes the progress too" test ! -e "$store"
}

installer_round "$local_app" "profile $local_app"

# A user name with accents: the known-folder API returns it, and everything follows.
shell_folders='HKCU\Software\Microsoft\Windows\CurrentVersion\Explorer\User Shell Folders'
accented='C:\users\Zoé Müller\AppData\Local'
mkdir -p "$(unix_of "$accented")"
wine reg add "$shell_folders" /v "Local AppData" /t REG_EXPAND_SZ /d "$accented" /f >/dev/null 2>&1
installer_round "$accented" "profile Zoé Müller"
wine reg add "$shell_folders" /v "Local AppData" /t REG_EXPAND_SZ /d '%USERPROFILE%\AppData\Local' /f >/dev/null 2>&1

echo "-- system-wide keys in both registry views"
wine "$host_exe" install --system --browser firefox >/dev/null 2>&1
mozilla="HKLM\\Software\\Mozilla\\NativeMessagingHosts\\$name"
check "install --system writes HKLM in the 64-bit view" test -n "$(reg_default "$mozilla" /reg:64)"
check "install --system writes HKLM in the 32-bit view (WOW6432Node)" test -n "$(reg_default "$mozilla" /reg:32)"
wine "$host_exe" uninstall --system >/dev/null 2>&1
check "uninstall --system removes both" \
    bash -c '[[ -z $0 && -z $1 ]]' "$(reg_default "$mozilla" /reg:64)" "$(reg_default "$mozilla" /reg:32)"

echo "-- the language of Windows' own menus, with no LANG, LC_ALL or LC_MESSAGES (Windows sets none)"
# wine takes its display language from the Unix locale; cmd then clears the variables, so only
# the Windows API can tell the host.
help_in() { # UNIX_LOCALE
    env -u LANG -u LC_MESSAGES LC_ALL=$1 wine cmd /c "set LANG=& set LC_ALL=& set LC_MESSAGES=& $(winepath -w "$host_exe") --help" 2>/dev/null | head -1
}
check "French Windows: --help is in French" bash -c '[[ $0 == *"le programme d’aide de l’extension"* ]]' "$(help_in fr_FR.UTF-8)"
check "German Windows: --help is in German" bash -c '[[ $0 == *"das Hilfsprogramm der Browsererweiterung"* ]]' "$(help_in de_DE.UTF-8)"
check "English Windows: --help is in English" bash -c '[[ $0 == *"browser extension’s helper program"* ]]' "$(help_in en_US.UTF-8)"

echo "-- what the installer's details pane reads from the host"
# nsExec decodes a program's output as UTF-16 or else as ANSI: run the host as the installer
# does (OPTOUT_GUIDE_OUTPUT set, nsExec) and keep what NSIS read, in French. (uninstall: a
# short output, since ExecToStack keeps only the first 1024 characters.)
probe=$build/nsexec-probe
mkdir -p "$probe"
cat >"$probe/probe.nsi" <<NSI
Target amd64-unicode
OutFile "$probe/probe.exe"
RequestExecutionLevel user
SilentInstall silent
Section
    $(grep -m1 "SetEnvironmentVariable(t \"OPTOUT_GUIDE_OUTPUT\"" "$root/installer/windows/optout-guide.nsi")
    nsExec::ExecToStack '"$(winepath -w "$host_exe")" uninstall --dry-run'
    Pop \$0
    Pop \$1
    FileOpen \$2 "\$EXEDIR\\seen.txt" w
    FileWriteUTF16LE \$2 \$1
    FileClose \$2
SectionEnd
NSI
rm -f "$probe/seen.txt"
makensis -V1 -INPUTCHARSET UTF8 "$probe/probe.nsi" >/dev/null && env -u LANG -u LC_MESSAGES LC_ALL=fr_FR.UTF-8 wine "$probe/probe.exe" >/dev/null 2>&1
seen=$(iconv -f UTF-16LE -t UTF-8 "$probe/seen.txt" 2>/dev/null | tr -d '\r')
check "French Windows: the installer reads uninstall's lines in French, accents and spaces intact" \
    bash -c '[[ $0 == *"Aucune fiche d’installation dans "*"$1: install n’a rien écrit"* && $0 != *"Ã"* ]]' \
    "$seen" "$(printf '\xc2\xa0')"

echo "(windows stage: $(($(date +%s) - started)) s)"
summary
