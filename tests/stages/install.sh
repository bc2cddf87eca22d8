#!/usr/bin/env bash
# Stage of scripts/test.sh: the .deb and scripts/install.sh in a clean temporary HOME, reusing
# the Release build in $OG_BUILD_DIR.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${OG_BUILD_DIR:-$root/build}
pass=0 fail=0
for t in deb install-sh host-texts; do
    out=$(bash "$root/tests/install/$t.test.sh" "$build" 2>&1)
    rc=$?
    echo "$out"
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' <<<"$out" | tail -1)
    if [[ -z $line ]]; then
        fail=$((fail + 1))
    else
        pass=$((pass + $(awk '{print $1}' <<<"$line")))
        fail=$((fail + $(awk '{print $3}' <<<"$line")))
        ((rc != 0)) && [[ $(awk '{print $3}' <<<"$line") == 0 ]] && fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
((fail == 0))
