// One version number for every artifact: extension/manifest.json holds it; CMake (and so the
// host, the .deb and the installers) reads it from there; package.json and its lockfile repeat it.
// A release whose pieces disagree is the failure this guards against.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const json = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8"));
const VERSION = json("extension/manifest.json").version;

test("the manifest's version is one the stores and CMake both accept", () => {
  assert.match(VERSION, /^(0|[1-9]\d{0,8})(\.(0|[1-9]\d{0,8})){0,3}$/);
});

test("package.json and its lockfile carry the manifest's version", () => {
  assert.equal(json("package.json").version, VERSION);
  const lock = json("package-lock.json");
  assert.equal(lock.version, VERSION);
  assert.equal(lock.packages[""].version, VERSION);
});

test("CMake takes its project version from the manifest", () => {
  const cmake = fs.readFileSync(path.join(ROOT, "CMakeLists.txt"), "utf8");
  const project = /project\(optout-guide VERSION ([^ )]+)/.exec(cmake);
  assert.ok(project, "project(optout-guide VERSION ...) in CMakeLists.txt");
  assert.equal(project[1], "${OG_RELEASE_VERSION}");
  assert.match(cmake, /extension\/manifest\.json[\s\S]*string\(JSON OG_RELEASE_VERSION GET "\$\{og_manifest\}" version\)/);
});

test("the built host reports the manifest's version", { skip: !process.env.OG_HOST_BINARY && "OG_HOST_BINARY is not set" }, () => {
  const out = execFileSync(process.env.OG_HOST_BINARY, ["--version"], { encoding: "utf8" });
  assert.match(out, new RegExp(`^optout-guide-host ${VERSION.replace(/\./g, "\\.")}\\b`));
});

test("scripts/set-version.sh rewrites every copy, and refuses a version the stores would not", () => {
  const tmp = fs.mkdtempSync(path.join(fs.realpathSync("/tmp"), "og-version-"));
  try {
    fs.mkdirSync(path.join(tmp, "scripts"));
    fs.mkdirSync(path.join(tmp, "extension"));
    for (const f of ["scripts/set-version.sh", "extension/manifest.json", "package.json", "package-lock.json"]) {
      fs.copyFileSync(path.join(ROOT, f), path.join(tmp, f));
    }
    execFileSync("bash", [path.join(tmp, "scripts/set-version.sh"), "2.3.4"], { encoding: "utf8" });
    const read = (f) => JSON.parse(fs.readFileSync(path.join(tmp, f), "utf8"));
    assert.equal(read("extension/manifest.json").version, "2.3.4");
    assert.equal(read("package.json").version, "2.3.4");
    assert.equal(read("package-lock.json").packages[""].version, "2.3.4");
    assert.deepEqual(Object.keys(read("extension/manifest.json")), Object.keys(json("extension/manifest.json")),
      "nothing else in the manifest moves");
    for (const bad of ["1.02", "v1.0", "1.2.3.4.5", ""]) {
      assert.throws(() => execFileSync("bash", [path.join(tmp, "scripts/set-version.sh"), bad], { stdio: "pipe" }), bad);
    }
    assert.equal(read("extension/manifest.json").version, "2.3.4");
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
