# Tiny assertion helpers for the shell-level install tests; sourced.
passed=0
failed=0
check() {  # check "what" command...
    local what=$1; shift
    if "$@"; then passed=$((passed + 1)); echo "ok - $what"
    else failed=$((failed + 1)); echo "FAIL - $what"; fi
}
contains() { grep -qF -- "$2" <<<"$1"; }
summary() { echo "$passed passed, $failed failed"; [[ $failed -eq 0 ]]; }
# Reads a JSON member (dot path) from a file with node (test tooling only).
json_get() { node -e 'const j=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));let v=j;for(const k of process.argv[2].split("."))v=v[k];console.log(typeof v==="string"?v:JSON.stringify(v))' "$1" "$2"; }
