// What to do to get the helper program, per operating system: pure data built from the
// browser's platform report (runtime.getPlatformInfo), the extension's version and its home page
// (manifest homepage_url, where the release files are published under download/). The file names
// are those scripts/release.sh writes, from the same version number.
"use strict";
(function (OG) {
  // runtime.getPlatformInfo().os -> our name; anything else cannot run a native host.
  const OS = { win: "windows", mac: "macos", linux: "linux" };

  function downloadUrl(homepage, file) {
    return new URL(`download/${file}`, homepage.endsWith("/") ? homepage : `${homepage}/`).href;
  }

  // -> {os, steps: [{key, download?: {url, file}, command?}]}; `key` is an i18n message key.
  function instructionsFor({ os, arch }, version, homepage) {
    const name = OS[os] || "other";
    const download = (file) => ({ url: downloadUrl(homepage, file), file });
    const comeBack = { key: "onbComeBack" };
    switch (name) {
      case "windows":
        return { os: name, steps: [
          { key: "onbWinDownload", download: download(`optout-guide-${version}-windows-setup.exe`) },
          { key: "onbWinRun" }, comeBack] };
      case "macos":
        // One universal package for Apple silicon and Intel Macs.
        return { os: name, steps: [
          { key: "onbMacDownload", download: download(`optout-guide-${version}-macos.pkg`) },
          { key: "onbMacRun" }, comeBack] };
      case "linux": {
        const source = { key: "onbLinuxSource", download: download(`optout-guide-${version}-source.tar.gz`),
          command: "scripts/install.sh" };
        // The .deb is built for x86-64 only; elsewhere the source builds in place.
        if (arch !== "x86-64") return { os: name, steps: [source, comeBack] };
        const deb = `optout-guide_${version}_amd64.deb`;
        return { os: name, steps: [
          { key: "onbDebDownload", download: download(deb) },
          // The downloads folder is named in the system's language (~/Téléchargements in French):
          // xdg-user-dir says where it is, whatever the language and the current folder.
          { key: "onbDebRun", command: `sudo apt install "$(xdg-user-dir DOWNLOAD)/${deb}"` },
          { key: "onbDebOtherBrowsers", command: "optout-guide-host install" },
          comeBack], other: { ...source, key: "onbLinuxOther" } };
      }
      default:
        return { os: name, steps: [{ key: "onbUnsupported" }] };
    }
  }

  OG.onboarding = { instructionsFor, downloadUrl };
})(globalThis.OptoutGuide);
