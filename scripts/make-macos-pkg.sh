#!/usr/bin/env bash
# On a Mac, for a maintainer: signs the universal host that scripts/release.sh made on Linux,
# wraps it in a signed installer package, notarises and staples it (docs/macos.md):
#
#   scripts/make-macos-pkg.sh HOST_BINARY OUT.pkg
#
# The host's notices are taken from beside it: HOST_BINARY-THIRD-PARTY-NOTICES.txt (the release's
# name) or THIRD-PARTY-NOTICES.txt in its folder (build-macos/); they and LICENSE are installed in
# /usr/local/share/doc/optout-guide (docs/licences.md).
#
# Environment: OG_SIGN_APP   "Developer ID Application: NAME (TEAMID)"
#              OG_SIGN_PKG   "Developer ID Installer: NAME (TEAMID)"
#              OG_NOTARY     a notarytool keychain profile (xcrun notarytool store-credentials)
# Needs the Xcode command-line tools. Never run on this project's Linux machines: untested here.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[[ $(uname -s) == Darwin ]] || { echo "make-macos-pkg.sh: runs on macOS only (pkgbuild, codesign, notarytool)" >&2; exit 1; }
host=${1:?usage: make-macos-pkg.sh HOST_BINARY OUT.pkg}
pkg=${2:?usage: make-macos-pkg.sh HOST_BINARY OUT.pkg}
: "${OG_SIGN_APP:?set OG_SIGN_APP to your Developer ID Application identity}"
: "${OG_SIGN_PKG:?set OG_SIGN_PKG to your Developer ID Installer identity}"
: "${OG_NOTARY:?set OG_NOTARY to a notarytool keychain profile}"
version=$(plutil -extract version raw -o - "$root/extension/manifest.json")
notices=$host-THIRD-PARTY-NOTICES.txt
[[ -f $notices ]] || notices=$(dirname "$host")/THIRD-PARTY-NOTICES.txt
[[ -f $notices ]] || { echo "make-macos-pkg.sh: no notices beside $host (a package without them may not ship)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/root/usr/local/bin" "$work/scripts"
cp "$host" "$work/root/usr/local/bin/optout-guide-host"
chmod 755 "$work/root/usr/local/bin/optout-guide-host"
mkdir -p "$work/root/usr/local/share/doc/optout-guide"
cp "$root/LICENSE" "$work/root/usr/local/share/doc/optout-guide/LICENSE"
cp "$notices" "$work/root/usr/local/share/doc/optout-guide/THIRD-PARTY-NOTICES.txt"
cp "$root/packaging/macos/postinstall" "$work/scripts/postinstall"
lipo -archs "$work/root/usr/local/bin/optout-guide-host" | grep -q arm64
# Hardened runtime and a secure timestamp: what notarisation requires. No entitlements: the
# host needs none, and sandbox_init works under the hardened runtime.
codesign --force --options runtime --timestamp --sign "$OG_SIGN_APP" \
    --identifier org.optoutguide.host "$work/root/usr/local/bin/optout-guide-host"
codesign --verify --strict --verbose=2 "$work/root/usr/local/bin/optout-guide-host"
pkgbuild --root "$work/root" --scripts "$work/scripts" --identifier org.optoutguide.host \
    --version "$version" --install-location / --sign "$OG_SIGN_PKG" "$pkg"
xcrun notarytool submit "$pkg" --keychain-profile "$OG_NOTARY" --wait
xcrun stapler staple "$pkg"
spctl --assess --type install --verbose=2 "$pkg"
pkgutil --check-signature "$pkg"
shasum -a 256 "$pkg"
