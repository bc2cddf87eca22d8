#!/usr/bin/env bash
# Sets the version of every artifact: extension/manifest.json holds it (CMake, the host, the
# .deb, the installers and scripts/release.sh read it from there); package.json and its lockfile
# repeat it because npm wants one, and follow. tests/js/version.test.mjs checks they agree.
#
#   scripts/set-version.sh 0.2.0
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
version=${1:-}
# Chrome's rule for a version (1 to 4 dot-separated integers, no leading zeros) is also CMake's.
if [[ ! $version =~ ^(0|[1-9][0-9]{0,8})(\.(0|[1-9][0-9]{0,8})){0,3}$ ]]; then
    echo "usage: scripts/set-version.sh X.Y.Z (1 to 4 numbers separated by dots)" >&2
    exit 2
fi
VERSION=$version node --input-type=module -e '
import fs from "node:fs";
const v = process.env.VERSION;
// "version" right after "name", where npm writes it; the rest keeps its order.
const withVersion = (o) => Object.fromEntries(Object.entries({ name: o.name, version: v, ...o }).map(
  ([k, x]) => [k, k === "version" ? v : x]).filter(([k]) => k !== "name" || o.name !== undefined));
const edit = (file, change) => {
  const data = change(JSON.parse(fs.readFileSync(file, "utf8")));
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + "\n");
};
edit("extension/manifest.json", (m) => ({ ...m, version: v }));
edit("package.json", withVersion);
edit("package-lock.json", (l) => ({ ...withVersion(l), packages: { ...l.packages, "": withVersion(l.packages[""]) } }));
'
echo "version $version in extension/manifest.json, package.json, package-lock.json"
