// The third-party code the extension ships (extension/vendor/README.md) is the npm packages'
// own files, unmodified, at the versions the lockfile fixes, with their licence, loaded before
// the overlay that uses it.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { EXTENSION_DIR, CONTENT_SCRIPTS } from "./extension-harness.mjs";

const ROOT = path.resolve(EXTENSION_DIR, "..");
const VENDOR = path.join(EXTENSION_DIR, "vendor");
const FILES = {
  "floating-ui.core.umd.js": "@floating-ui/core/dist/floating-ui.core.umd.js",
  "floating-ui.dom.umd.js": "@floating-ui/dom/dist/floating-ui.dom.umd.js",
  "LICENSE-floating-ui": "@floating-ui/dom/LICENSE",
};
const pkgVersion = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")).version;

test("vendor files are byte for byte the npm packages' files", () => {
  for (const [file, from] of Object.entries(FILES)) {
    const theirs = path.join(ROOT, "node_modules", from);
    assert.ok(fs.existsSync(theirs), `${from} is not installed: run npm ci`);
    assert.ok(fs.readFileSync(path.join(VENDOR, file)).equals(fs.readFileSync(theirs)), `extension/vendor/${file} differs from node_modules/${from}`);
  }
  const listed = fs.readdirSync(VENDOR).filter((f) => f !== "README.md").sort();
  assert.deepEqual(listed, Object.keys(FILES).sort(), "every vendor file is accounted for");
});

test("the versions in the vendor README are the lockfile's, and package.json pins the one it names", () => {
  const readme = fs.readFileSync(path.join(VENDOR, "README.md"), "utf8");
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  for (const name of ["@floating-ui/core", "@floating-ui/dom", "@floating-ui/utils"]) {
    const locked = lock.packages[`node_modules/${name}`].version;
    assert.equal(pkgVersion(name), locked, `${name} installed as locked`);
    assert.match(readme, new RegExp(`\`${name.replace("/", "\\/")}\`[^\\n]*${locked.replace(/\./g, "\\.")}`), `README names ${name} ${locked}`);
  }
  assert.equal(pkg.devDependencies["@floating-ui/dom"], pkgVersion("@floating-ui/dom"));
});

test("the guide's content scripts load Floating UI (core, then dom) before the overlay", () => {
  const at = (f) => CONTENT_SCRIPTS.indexOf(f);
  assert.ok(at("vendor/floating-ui.core.umd.js") >= 0 && at("vendor/floating-ui.dom.umd.js") > at("vendor/floating-ui.core.umd.js"));
  assert.ok(at("content/overlay.js") > at("vendor/floating-ui.dom.umd.js"));
});
