// The onboarding page's one thing to do per system (extension/onboarding/instructions.js): what a
// person on Windows, a Mac, Debian-like or other Linux, or ChromeOS is told, and that every file
// it links is one scripts/release.sh writes, under the version in the manifest.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { EXTENSION_DIR, makeWindow } from "./extension-harness.mjs";

const { OG } = makeWindow("<!doctype html><p></p>", { url: "https://example.org/",
  scripts: ["shared/namespace.js", "onboarding/instructions.js"] });
const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, "manifest.json"), "utf8"));
// Plain JSON: the plan is built in the jsdom window, another realm.
const plan = (os, arch = "x86-64") => JSON.parse(JSON.stringify(
  OG.onboarding.instructionsFor({ os, arch }, manifest.version, manifest.homepage_url)));
const files = (p) => [...p.steps, p.other].filter((s) => s && s.download).map((s) => s.download.file);
const release = fs.readFileSync(path.join(EXTENSION_DIR, "../scripts/release.sh"), "utf8");
const messages = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, "_locales/en/messages.json"), "utf8"));

test("Windows: download the installer, run it, come back", () => {
  const p = plan("win");
  assert.equal(p.os, "windows");
  assert.deepEqual(p.steps.map((s) => s.key), ["onbWinDownload", "onbWinRun", "onbComeBack"]);
  assert.deepEqual(files(p), [`optout-guide-${manifest.version}-windows-setup.exe`]);
  assert.equal(p.steps[0].download.url, `${manifest.homepage_url}download/optout-guide-${manifest.version}-windows-setup.exe`);
  assert.ok(p.steps.every((s) => !s.command), "no terminal on Windows");
});

test("macOS: one package for both processors", () => {
  for (const arch of ["arm64", "x86-64"]) {
    const p = plan("mac", arch);
    assert.equal(p.os, "macos");
    assert.deepEqual(files(p), [`optout-guide-${manifest.version}-macos.pkg`]);
    assert.ok(p.steps.every((s) => !s.command), "no terminal on a Mac");
  }
});

test("Linux on x86-64: the .deb first, the source for other distributions", () => {
  const p = plan("linux");
  assert.deepEqual(p.steps.map((s) => s.key), ["onbDebDownload", "onbDebRun", "onbDebOtherBrowsers", "onbComeBack"]);
  const deb = `optout-guide_${manifest.version}_amd64.deb`;
  assert.equal(p.steps[0].download.file, deb);
  assert.equal(p.steps[1].command, `sudo apt install "$(xdg-user-dir DOWNLOAD)/${deb}"`);
  assert.equal(p.other.key, "onbLinuxOther");
  assert.equal(p.other.command, "scripts/install.sh");
});

test("Linux on another processor: no .deb is built for it, the source is the way", () => {
  const p = plan("linux", "arm64");
  assert.deepEqual(p.steps.map((s) => s.key), ["onbLinuxSource", "onbComeBack"]);
  assert.deepEqual(files(p), [`optout-guide-${manifest.version}-source.tar.gz`]);
});

test("a system that cannot run the helper is told so, with nothing to download", () => {
  for (const os of ["cros", "android", "openbsd", "fuchsia"]) {
    const p = plan(os);
    assert.equal(p.os, "other");
    assert.deepEqual(p.steps.map((s) => s.key), ["onbUnsupported"]);
  }
});

test("every linked file is one release.sh writes, and every step has its text", () => {
  for (const [os, arch] of [["win"], ["mac"], ["linux"], ["linux", "arm64"]]) {
    const p = plan(os, arch);
    for (const file of files(p)) {
      const pattern = file.replace(manifest.version, "${version}");
      assert.ok(release.includes(pattern), `release.sh writes ${pattern}`);
    }
    for (const s of [...p.steps, p.other].filter(Boolean)) assert.ok(messages[s.key], `message ${s.key}`);
    assert.ok(messages[`osName_${p.os}`], `message osName_${p.os}`);
  }
});
