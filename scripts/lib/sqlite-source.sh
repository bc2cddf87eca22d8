#!/usr/bin/env bash
# Prints the folder holding sqlite3.c and sqlite3.h (the amalgamation) of the SQLite version the
# Linux build links (Debian's libsqlite3-dev), with Debian's patches applied, building it once:
#
#   dir=$(scripts/lib/sqlite-source.sh [CACHE_DIR])      # default CACHE_DIR: build-deps/
#
# Cross builds (macOS, Windows) compile SQLite from this source, so every platform runs the same
# SQLite, with the same security fixes, as the Debian package. The source comes from Debian's own
# archive through apt-get, using a private list of deb-src entries derived from this machine's
# deb entries: the system's apt configuration is not changed. Needs dpkg-dev, tcl and a C compiler.
# Progress goes to stderr; only the folder goes to stdout.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cache=${1:-$root/build-deps}
version=$(dpkg-query -W -f='${Version}' libsqlite3-dev 2>/dev/null) || {
    echo "sqlite-source.sh: libsqlite3-dev is not installed, so there is no version to match" >&2
    exit 1
}
upstream=${version#*:}
upstream=${upstream%%-*}
out=$cache/sqlite-$version
if [[ -s $out/sqlite3.c && -s $out/sqlite3.h ]]; then
    echo "$out"
    exit 0
fi
for tool in dpkg-source tclsh cc make; do
    command -v "$tool" >/dev/null || {
        echo "sqlite-source.sh: $tool is needed (apt-get install dpkg-dev tcl gcc make)" >&2
        exit 1
    }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/og-sqlite.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/parts" "$work/lists/partial"
# deb-src twins of this machine's deb entries, in both apt formats.
for f in /etc/apt/sources.list.d/*.sources; do
    [[ -e $f ]] && sed -E 's/^Types:.*\bdeb\b.*/Types: deb-src/' "$f" >"$work/parts/$(basename "$f")"
done
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -e $f ]] && sed -nE 's/^deb (.*)/deb-src \1/p' "$f" >>"$work/parts/from-lists.list"
done
apt=(apt-get -q -o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$work/parts"
    -o "Dir::State::Lists=$work/lists" -o "Debug::NoLocking=1")
echo "sqlite-source.sh: fetching Debian's source of sqlite3 $version" >&2
"${apt[@]}" update >&2
(cd "$work" && "${apt[@]}" source --download-only "sqlite3=$version" >&2)
dpkg-source -x "$work"/sqlite3_*.dsc "$work/src" >&2

echo "sqlite-source.sh: building the amalgamation of SQLite $upstream" >&2
mkdir -p "$work/src/bld"
(cd "$work/src/bld" && ../configure --disable-tcl >&2 && make sqlite3.c >&2)
mkdir -p "$out.tmp"
cp "$work/src/bld/sqlite3.c" "$work/src/bld/sqlite3.h" "$work/src/bld/sqlite3ext.h" "$out.tmp/"
echo "$version" >"$out.tmp/DEBIAN_VERSION"
rm -rf "$out"
mv "$out.tmp" "$out"
echo "$out"
