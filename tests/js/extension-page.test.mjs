// Page detection (content/page.js) and page matchers (shared/page-match.js).
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

test("page matchers: hosts, segment globs, trailing slash, query, headings", () => {
  const { OG } = makeWindow(`<html><body></body></html>`);
  const m = OG.pageMatch;
  const form = { hosts: ["help.instagram.com"], paths: ["/contact/*"] };
  assert.ok(m.pageMatches(form, "https://help.instagram.com/contact/233964459562201"));
  assert.ok(m.pageMatches(form, "https://help.instagram.com/contact/233964459562201/"), "trailing slash ignored");
  assert.ok(!m.pageMatches(form, "https://help.instagram.com/contact/1/2"), "* stays within one segment");
  assert.ok(!m.pageMatches(form, "https://www.instagram.com/contact/1"), "other host");
  assert.ok(m.pageMatches({ hosts: ["www.instagram.com"], paths: ["/accounts/**"] }, "https://www.instagram.com/accounts/privacy/x"));
  assert.ok(m.pageMatches({ hosts: ["*.facebook.com"] }, "https://fr-fr.facebook.com/"));
  assert.ok(!m.pageMatches({ hosts: ["*.facebook.com"] }, "https://facebook.com/"), "*. is not the bare domain");
  const q = { hosts: ["www.facebook.com"], query: { entry_point: "*", locale: "fr_FR" } };
  assert.ok(m.pageMatches(q, "https://www.facebook.com/privacy/genai?entry_point=x&locale=fr_FR"));
  assert.ok(!m.pageMatches(q, "https://www.facebook.com/privacy/genai?locale=fr_FR"));
  const h = { hosts: ["www.facebook.com"], headings: { en: ["Privacy Center"], fr: ["Centre de confidentialité"] } };
  assert.ok(m.pageMatches(h, "https://www.facebook.com/", { headings: ["CENTRE  de confidentialité"], pageLang: "fr" }));
  assert.ok(!m.pageMatches(h, "https://www.facebook.com/", { headings: ["Fil d'actualité"], pageLang: "fr" }));
  assert.ok(!m.pageMatches(form, "not a url"));
});

test("href globs: * is any run of characters, the rest is literal", () => {
  const { OG } = makeWindow(`<html><body></body></html>`);
  const re = OG.pageMatch.globToRegex("https://help.instagram.com/contact/233964459562201*");
  assert.ok(re.test("https://help.instagram.com/contact/233964459562201?ref=policy"));
  assert.ok(!re.test("https://help.instagram.com/contact/2339644595622"));
  assert.ok(!OG.pageMatch.globToRegex("https://a.b/x.y").test("https://a.b/xzy"), "a dot is literal");
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
