# Shared by scripts/install.sh and scripts/test.sh: which Debian packages the project needs and
# how to get them. Sourced, not run.

# Building and running the host.
OG_BUILD_PACKAGES=(cmake g++ make pkg-config nlohmann-json3-dev libspdlog-dev catch2
    libsqlite3-dev libseccomp-dev)
# Running the tests: real browsers, sanitizers/fuzzing, certificates, syscall tracing, packaging,
# the macOS cross build (llvm for llvm-lipo and llvm-objdump; tcl and dpkg-dev to build SQLite
# from Debian's source: scripts/lib/sqlite-source.sh).
OG_TEST_PACKAGES=(chromium firefox-esr clang libclang-rt-14-dev openssl strace sqlite3 dpkg-dev
    file zip unzip chromium-l10n firefox-esr-l10n-fr llvm tcl binutils)

# The Windows host, cross-built and tested under wine (tests/stages/windows.sh): the compiler
# (posix threads, which std::thread needs), what makes the SQLite amalgamation from Debian's
# source (scripts/lib/sqlite-source.sh), wine to run it, NSIS for the installer, objdump for its
# import table.
OG_WINDOWS_PACKAGES=(g++-mingw-w64-x86-64-posix dpkg-dev tcl wine wine64 nsis binutils)

# shellcheck source=texts.sh
declare -F og_text >/dev/null || source "$(dirname "${BASH_SOURCE[0]}")/texts.sh"

og_missing_packages() {
    local p missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$p")
    done
    echo "${missing[@]}"
}

# Installs what is missing with apt-get when root; otherwise says exactly what to run.
og_ensure_packages() {
    local missing
    missing=$(og_missing_packages "$@")
    [[ -z $missing ]] && return 0
    if [[ $(id -u) -ne 0 ]]; then
        og_text deps.missing packages="$missing" >&2
        og_text deps.install_with command="sudo apt-get install -y $missing" >&2
        return 1
    fi
    og_text deps.installing packages="$missing"
    apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
}

# npm ci from the committed lockfile when node_modules is missing or older than the lockfile.
og_ensure_node_modules() {
    local root=$1
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        og_ensure_packages nodejs npm || return 1
    fi
    if [[ ! -d $root/node_modules || $root/package-lock.json -nt $root/node_modules/.package-lock.json ]]; then
        (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}
