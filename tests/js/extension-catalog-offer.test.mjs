// The catalog the extension carries (extension/catalog/bundled.js) is host/catalog as it is,
// and the background offers it to an older host: taken, the host's new hello is used; refused,
// the reason is kept for the popup and guiding goes on with the host's catalog.
import { afterEach, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fakeNativeHost, startBackground, until } from "./extension-harness.mjs";
import { ROOT, loadCatalog } from "./lib/fixture-env.mjs";

const backgrounds = [];
afterEach(() => {
  for (const bg of backgrounds.splice(0)) bg.close();
});

function start(host) {
  const bg = startBackground({ host });
  backgrounds.push(bg);
  return bg;
}

test("the bundled catalog is host/catalog, file for file (node scripts/bundle-catalog.mjs)", () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, "scripts/bundle-catalog.mjs"), "--check"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const bg = start(fakeNativeHost());
  const bundled = JSON.parse(JSON.stringify(bg.OG.bundledCatalog));
  const catalog = loadCatalog();
  assert.deepEqual(bundled.header, catalog.header);
  assert.deepEqual(bundled.procedures.map((p) => p.id), catalog.procedures.map((p) => p.doc.id));
});

test("an older host is offered the bundled catalog; once taken, its new hello is used", async () => {
  let version = 5;
  const host = fakeNativeHost({ catalog: {}, offerCatalog: (r) => {
    version = r.catalog.header.version;
    return { ok: true, accepted: true, serving: version };
  } });
  host.catalog = { get version() { return version; }, allowlist: ["www.instagram.com"] };
  const bg = start(host);
  const status = await bg.fromExtension({ type: "status" });
  assert.equal(status.status.state, "connected");
  await until(() => host.of("hello").length === 2, "hello asked again after the offer");
  const offer = host.of("offerCatalog")[0];
  assert.equal(offer.catalog.header.version, bg.OG.bundledCatalog.header.version);
  assert.equal(offer.catalog.procedures.length, bg.OG.bundledCatalog.procedures.length);
  const after = await bg.fromExtension({ type: "status" });
  assert.equal(after.status.hello.catalog.version, bg.OG.bundledCatalog.header.version);
  assert.equal(after.catalogOffer.accepted, true);
});

test("a refused offer is kept with its reason; the host's catalog keeps guiding", async () => {
  const host = fakeNativeHost({ catalog: { version: 5 }, offerCatalog: () => ({ ok: false, error: { code: "invalid_catalog", message: "procedures/x.json: /steps/0/directLink: not on the allowlist" } }),
    nextStep: () => null });
  const bg = start(host);
  await bg.fromExtension({ type: "status" });
  await until(async () => (await bg.fromExtension({ type: "status" })).catalogOffer, "the offer's outcome");
  const status = await bg.fromExtension({ type: "status" });
  assert.equal(status.catalogOffer.accepted, false);
  assert.equal(status.catalogOffer.error.code, "invalid_catalog");
  assert.match(status.catalogOffer.error.message, /directLink/);
  assert.equal(host.of("hello").length, 1, "no new hello: the host's catalog did not change");
  assert.equal(host.of("offerCatalog").length, 1, "offered once per connection, not in a loop");
});

test("a host as new as the bundle is offered nothing", async () => {
  const host = fakeNativeHost();
  const bg = start(host);
  await bg.fromExtension({ type: "status" });
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(host.of("offerCatalog").length, 0);
});
