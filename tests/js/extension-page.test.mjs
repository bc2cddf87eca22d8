// Page detection (content/page.js) and the allowlist. The page matchers (shared/page-match.js)
// are checked by the cases of tests/conformance/rules.json (conformance.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { makeWindow, until } from "./extension-harness.mjs";

test("context: URL, title, the page's own language and its visible headings", () => {
  const { window, OG } = makeWindow(`<!doctype html><html lang="fr-FR"><head><title>Centre de confidentialité</title></head>
    <body><h1>Centre   de confidentialité</h1><h2 hidden>Caché</h2><div role="heading"><span>IA</span><span> chez Meta</span></div></body></html>`,
  { url: "https://privacycenter.instagram.com/policy/?x=1" });
  const ctx = OG.page.context(window.document, "de-DE");
  assert.equal(ctx.url, "https://privacycenter.instagram.com/policy/?x=1");
  assert.equal(ctx.title, "Centre de confidentialité");
  assert.equal(ctx.docLang, "fr", "page language from <html lang>, not the UI language");
  assert.equal(ctx.uiLang, "de");
  assert.deepEqual([...ctx.signals.headings], ["Centre de confidentialité", "IA chez Meta"]);
});

test("docLang falls back to the content-language meta, and is empty when unknown", () => {
  const a = makeWindow(`<html><head><meta http-equiv="Content-Language" content="it"></head><body></body></html>`);
  assert.equal(a.OG.page.docLang(a.window.document), "it");
  const b = makeWindow(`<html><body></body></html>`);
  assert.equal(b.OG.page.docLang(b.window.document), "");
});

test("a history.pushState navigation that reloads nothing is noticed", async () => {
  const { window, OG } = makeWindow(`<html><body></body></html>`, { url: "https://www.facebook.com/" });
  const seen = [];
  const stop = OG.page.watchUrl(window, (url) => seen.push(url), { pollMs: 20 });
  window.history.pushState({}, "", "/privacy/center/");
  await until(() => seen.length === 1, "pushState noticed");
  window.history.back();
  await until(() => seen.length === 2, "back noticed");
  stop();
  assert.equal(seen[0], "https://www.facebook.com/privacy/center/");
  assert.equal(seen[1], "https://www.facebook.com/");
});

test("the Meta allowlist: https on Meta domains only", () => {
  const { OG } = makeWindow(`<html><body></body></html>`);
  const a = OG.allowlist;
  assert.ok(a.isAllowedUrl("https://help.instagram.com/contact/1"));
  assert.ok(a.isAllowedUrl("https://www.facebook.com/privacy/center/"));
  assert.ok(!a.isAllowedUrl("http://www.facebook.com/"), "plain http refused");
  assert.ok(!a.isAllowedUrl("https://facebook.com.evil.example/"));
  assert.ok(!a.isAllowedUrl("https://notfacebook.com/"));
  assert.ok(!a.isAllowedUrl("https://user:pw@www.facebook.com/"));
  assert.ok(!a.isAllowedUrl("javascript:alert(1)"));
});
