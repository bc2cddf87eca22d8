// The manifest's identity and permissions, and the completeness of the five translations.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { EXTENSION_DIR } from "./extension-harness.mjs";
import { startHost } from "./lib/host-client.mjs";

const ROOT = path.resolve(EXTENSION_DIR, "..");
const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, "manifest.json"), "utf8"));
const identity = JSON.parse(fs.readFileSync(path.join(ROOT, "manifests/identity.json"), "utf8"));
const catalogHeader = JSON.parse(fs.readFileSync(path.join(ROOT, "host/catalog/catalog.json"), "utf8"));
const LANGS = ["en", "fr", "de", "es", "it"];
const messages = Object.fromEntries(LANGS.map((l) => [l,
  JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, "_locales", l, "messages.json"), "utf8"))]));

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]);
}

test("the key pins the Chromium ID the host allows; Firefox gets the gecko ID", () => {
  assert.equal(manifest.manifest_version, 3);
  assert.equal(manifest.key, identity.chromiumKey);
  const hash = crypto.createHash("sha256").update(Buffer.from(manifest.key, "base64")).digest("hex").slice(0, 32);
  const id = [...hash].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join("");
  assert.equal(id, identity.chromiumExtensionId);
  assert.equal(manifest.browser_specific_settings.gecko.id, identity.firefoxAddonId);
});

test("what the stores require: nothing collected declared for AMO, and the Firefox floor that key needs", () => {
  const gecko = manifest.browser_specific_settings.gecko;
  // addons.mozilla.org refuses new add-ons without it; "none": nothing leaves the computer.
  assert.deepEqual(gecko.data_collection_permissions, { required: ["none"] });
  // The key exists from Firefox 140 on the desktop and 142 on Android; below, Firefox refuses it.
  assert.equal(gecko.strict_min_version, "140.0");
  assert.equal(manifest.browser_specific_settings.gecko_android.strict_min_version, "142.0");
  // One manifest carries both background keys, which Chromium accepts from 121 on.
  assert.equal(manifest.minimum_chrome_version, "121");
  assert.match(manifest.homepage_url, /^https:\/\/[^/]+\/$/);
  for (const lang of LANGS) {
    // The Chrome Web Store's limits on what the manifest shows in its listing.
    assert.ok(messages[lang].extName.message.length <= 75, `${lang}: name within 75 characters`);
    assert.ok(messages[lang].extShortName.message.length <= 12, `${lang}: short name within 12 characters`);
    const d = messages[lang].extDescription.message;
    assert.ok(d.length <= 132, `${lang}: description within 132 characters (${d.length})`);
  }
});

test("both backgrounds load the same files; permissions are the fewest that work", () => {
  assert.equal(manifest.background.service_worker, "background/worker.js");
  const worker = fs.readFileSync(path.join(EXTENSION_DIR, "background/worker.js"), "utf8");
  const imported = [...worker.matchAll(/"([^"]+\.js)"/g)].map((m) => path.normalize(path.join("background", m[1])));
  assert.deepEqual(imported, manifest.background.scripts.map((s) => path.normalize(s)));
  assert.deepEqual([...manifest.permissions].sort(), ["nativeMessaging", "storage"]);
  assert.equal(manifest.host_permissions, undefined);
  assert.equal(manifest.web_accessible_resources, undefined, "no extension resource is exposed to pages");
  for (const cs of manifest.content_scripts) {
    // One exact host per pattern: a wildcard would also run the guide on apps.facebook.com,
    // the link shim or any host of Meta's the catalog never names (docs/extension.md).
    for (const m of cs.matches) assert.match(m, /^https:\/\/[a-z0-9.-]+\.(facebook|instagram|meta|messenger|threads|whatsapp)\.(com|net)\/\*$|^https:\/\/(facebook|instagram|messenger|threads|whatsapp)\.(com|net)\/\*$/);
    for (const f of cs.js) assert.ok(fs.existsSync(path.join(EXTENSION_DIR, f)), f);
  }
});

test("no remote code, no eval, no markup built from strings", () => {
  for (const file of walk(EXTENSION_DIR).filter((f) => /\.(js|html)$/.test(f))) {
    const src = fs.readFileSync(file, "utf8");
    const rel = path.relative(EXTENSION_DIR, file);
    assert.doesNotMatch(src, /\beval\s*\(|new Function\s*\(|innerHTML|outerHTML|insertAdjacentHTML|document\.write/, rel);
    assert.doesNotMatch(src, /\bfetch\s*\(|XMLHttpRequest|WebSocket|sendBeacon/, `${rel} makes no request of its own`);
    assert.doesNotMatch(src, /<script[^>]+src=["']https?:/, rel);
  }
});

test("every message the code uses exists in all five languages, with the same placeholders", () => {
  const used = new Set();
  for (const file of walk(EXTENSION_DIR).filter((f) => /\.(js|html|json)$/.test(f) && !f.includes("_locales"))) {
    const src = fs.readFileSync(file, "utf8");
    for (const m of src.matchAll(/(?:\bi18n|\bt|getMessage)\(\s*"([A-Za-z_][A-Za-z0-9_]*)"/g)) used.add(m[1]);
    for (const m of src.matchAll(/data-i18n="([A-Za-z0-9_]+)"/g)) used.add(m[1]);
    for (const m of src.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.add(m[1]);
    for (const m of src.matchAll(/messageKey: "([A-Za-z0-9_]+)"/g)) used.add(m[1]);
    for (const m of src.matchAll(/\["(err[A-Za-z]+)", /g)) used.add(m[1]);
    for (const m of src.matchAll(/\bkey: "([A-Za-z0-9_]+)"/g)) used.add(m[1]);
  }
  // The popup's fallback names for the shipped platforms, used when a host sends none.
  for (const p of catalogHeader.platforms) used.add(`platform_${p.id}`);
  for (const os of ["windows", "macos", "linux", "other"]) used.add(`osName_${os}`);
  for (const s of ["not_started", "in_progress", "submitted", "confirmed"]) used.add(`state_${s}`);
  assert.ok(used.size > 40, `found ${used.size} keys`);
  for (const key of used) {
    for (const lang of LANGS) {
      assert.ok(messages[lang][key] && messages[lang][key].message, `${lang}: missing ${key}`);
      assert.deepEqual(Object.keys(messages[lang][key].placeholders || {}), Object.keys(messages.en[key].placeholders || {}),
        `${lang}/${key}: placeholders differ from English`);
    }
  }
  for (const lang of LANGS) assert.deepEqual(Object.keys(messages[lang]).sort(), Object.keys(messages.en).sort(), lang);
  for (const key of ["errHostMissing", "errHostForbidden"]) {
    assert.notEqual(messages.fr[key].message, messages.en[key].message, `${key} is translated`);
  }
});

test("the extension's shipped platforms are the built-in catalog's, until the host answers", async () => {
  const { OG } = await import("./lib/extension-shared.mjs");
  const fromCatalog = catalogHeader.platforms.map(({ id, hosts, domains }) => ({ id, hosts, domains }));
  assert.deepEqual(OG.allowlist.DEFAULT_PLATFORMS.map((p) => ({ ...p })), fromCatalog,
    "extension/shared/allowlist.js DEFAULT_PLATFORMS must equal host/catalog/catalog.json platforms");
});

test("the content script runs on exactly the hosts the catalog names: its allowlist", { skip: process.env.OG_HOST_BINARY ? false : "set OG_HOST_BINARY to ask the real host" }, async () => {
  const host = startHost(process.env.OG_HOST_BINARY);
  try {
    const hello = await host.request({ type: "hello" });
    const named = hello.catalog.allowlist;
    for (const c of manifest.content_scripts) {
      assert.deepEqual(c.matches, manifest.content_scripts[0].matches, "every content-script entry runs on the same hosts");
    }
    const matched = [...new Set(manifest.content_scripts.flatMap((c) => c.matches))].map((m) => /^https:\/\/([^/]+)\/\*$/.exec(m)[1]).sort();
    assert.deepEqual(matched, [...named].sort(), "manifest matches and the catalog's hosts differ");
    for (const h of ["help.meta.com", "accountscenter.meta.com", "accountscenter.instagram.com", "privacycenter.instagram.com"]) {
      assert.ok(matched.includes(h), h);
    }
    for (const h of ["apps.facebook.com", "l.facebook.com", "lm.facebook.com", "l.instagram.com"]) assert.ok(!matched.includes(h), h);
  } finally {
    await host.close();
  }
});
