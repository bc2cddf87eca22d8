#!/usr/bin/env bash
# Makes sqlite3.c / sqlite3.h for the Windows cross build from Debian's own source package of the
# very version the Linux build links (libsqlite3-dev), Debian's patches applied, so both hosts
# run the same SQLite. Debian ships no amalgamation in a binary package, and the machine's apt
# sources have no deb-src line: a private apt configuration under OUT fetches the source
# package without touching the system's.
#
#   scripts/windows/sqlite-amalgamation.sh OUT     prints OUT/sqlite-<version>, which then holds
#                                                  sqlite3.c and sqlite3.h (kept between runs)
# Needs: apt-get, dpkg-source (dpkg-dev), tclsh (tcl), a native cc and make.
set -euo pipefail
out=$(mkdir -p "$1" && cd "$1" && pwd)
version=$(dpkg-query -W -f='${source:Version}' libsqlite3-dev)
dest=$out/sqlite-$version
if [[ -s $dest/sqlite3.c && -s $dest/sqlite3.h ]]; then
    echo "$dest"
    exit 0
fi

apt_dir=$out/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache" "$apt_dir/src"
suites=$(. /etc/os-release && echo "$VERSION_CODENAME")
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
cat >"$apt_dir/sources.list" <<LIST
deb-src [signed-by=$keyring] http://deb.debian.org/debian $suites main
deb-src [signed-by=$keyring] http://deb.debian.org/debian $suites-updates main
deb-src [signed-by=$keyring] http://deb.debian.org/debian-security $suites-security main
LIST
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=/nonexistent"
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o APT::Sandbox::User=root -qq)
apt-get "${apt_opts[@]}" update >&2
(cd "$apt_dir/src" && apt-get "${apt_opts[@]}" source --download-only "sqlite3=$version" >&2)

work=$out/sqlite-build
rm -rf "$work"
mkdir -p "$work"
upstream=${version#*:}
upstream=${upstream%-*}
# apt checked the files against the signed index; dpkg-source's own signature check has no
# keyring for the uploader and only warns, so its chatter goes to a log.
dpkg-source -x "$apt_dir/src/sqlite3_${version#*:}.dsc" "$work/src" >"$out/dpkg-source.log" 2>&1
mkdir -p "$work/bld"
(cd "$work/bld" && ../src/configure --disable-tcl >configure.log 2>&1 && make sqlite3.c >make.log 2>&1) || {
    echo "cannot make the SQLite $upstream amalgamation; see $work/bld/*.log" >&2
    exit 1
}
grep -q "define SQLITE_VERSION *\"$upstream\"" "$work/bld/sqlite3.h" || {
    echo "the amalgamation is not SQLite $upstream" >&2
    exit 1
}
mkdir -p "$dest"
cp "$work/bld/sqlite3.c" "$work/bld/sqlite3.h" "$dest/"
rm -rf "$work"
echo "$dest"
