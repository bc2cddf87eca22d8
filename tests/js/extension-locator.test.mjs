// Locator resolution (content/locator.js) on hostile Meta-like markup, in a jsdom window.
import { test } from "node:test";
import assert from "node:assert/strict";
import { makeWindow } from "./extension-harness.mjs";

const PAGE = `<!doctype html><html lang="fr"><head><title>t</title></head><body>
<nav>
  <a class="x1a2b" href="https://www.instagram.com/accounts/edit/"><span class="q"><span>Par</span><span>amètres</span></span></a>
  <div class="x9z" role="button" tabindex="0" id="more"><svg aria-label="Plus"></svg><span>Plus</span></div>
  <a id="learn" href="https://www.facebook.com/help/123">En savoir plus</a>
  <a id="evil" href="https://evil.example/contact/233964459562201">vous opposer</a>
  <a id="js" href="javascript:alert(1)">Suivant</a>
</nav>
<main>
  <p>Vous avez le droit de <a id="object-fr" href="https://help.instagram.com/contact/233964459562201?ref=x">vous opposer</a> à cela.</p>
  <p>Objections: <a id="objections" href="https://help.instagram.com/contact/117037592428568">Objections</a></p>
  <div hidden><a id="hidden" href="https://help.instagram.com/contact/767264225370182">opposer</a></div>
  <div style="display:none"><button id="none">Envoyer</button></div>
  <form method="post" id="form">
    <label for="email">Adresse e-mail</label><input id="email" type="email">
    <input type="radio" name="ai" id="yes" aria-label="Oui"><input type="radio" name="ai" id="no" aria-label="Non">
    <button type="submit" id="send"><div><span>Env</span><span>oyer</span></div></button>
  </form>
  <a id="en-only" href="https://www.facebook.com/privacy/center/">Privacy Center</a>
</main></body></html>`;

function setup(html = PAGE, url) {
  return makeWindow(html, { url });
}

test("an href glob finds the link whatever its text, and reports which locator won", () => {
  const { window, OG } = setup();
  const r = OG.locator.resolve([
    { by: "css", selector: "main a[data-nothing]" },
    { by: "href", patterns: ["https://help.instagram.com/contact/233964459562201*"] },
  ], { document: window.document, pageLang: "fr" });
  assert.equal(r.element.id, "object-fr");
  assert.equal(r.locatorIndex, 1);
  assert.equal(r.by, "href");
});

test("a link off the Meta allowlist is never a target, even when its text matches", () => {
  const { window, OG } = setup();
  const text = OG.locator.resolve([{ by: "text", text: { fr: ["vous opposer"] }, within: "nav" }],
    { document: window.document, pageLang: "fr" });
  assert.equal(text, null, "the evil.example link in <nav> must be refused");
  const css = OG.locator.resolve([{ by: "css", selector: "#js" }], { document: window.document, pageLang: "fr" });
  assert.equal(css, null, "a javascript: link is refused");
  const ok = OG.locator.resolve([{ by: "text", text: { fr: ["vous opposer"] } }], { document: window.document, pageLang: "fr" });
  assert.equal(ok.element.id, "object-fr");
});

test("text split across nested spans resolves to the clickable link holding it", () => {
  const { window, OG } = setup();
  const r = OG.locator.resolve([{ by: "text", text: { fr: ["Paramètres"], en: ["Settings"] } }],
    { document: window.document, pageLang: "fr" });
  assert.equal(r.element.tagName, "A");
  assert.equal(r.element.getAttribute("href"), "https://www.instagram.com/accounts/edit/");
  const send = OG.locator.resolve([{ by: "text", text: { fr: ["Envoyer"] } }], { document: window.document, pageLang: "fr" });
  assert.equal(send.element.id, "send", "the visible button, not the hidden one");
});

test("matching is exact after folding: 'object' never matches 'Objections'", () => {
  const { window, OG } = setup();
  const r = OG.locator.resolve([{ by: "text", text: { en: ["object"] } }], { document: window.document, pageLang: "en" });
  assert.equal(r, null);
  const folded = OG.locator.resolve([{ by: "text", text: { fr: ["  VOUS\u00a0opposer "] } }], { document: window.document, pageLang: "fr" });
  assert.equal(folded.element.id, "object-fr");
});

test("role + accessible name: implicit roles, aria-label, page language first then English", () => {
  const { window, OG } = setup();
  const doc = window.document;
  const more = OG.locator.resolve([{ by: "role", role: "button", name: { en: ["More"], fr: ["Plus"] } }], { document: doc, pageLang: "fr" });
  assert.equal(more.element.id, "more", "div role=button named by its visible text");
  const yes = OG.locator.resolve([{ by: "role", role: "radio", name: { en: ["Yes"], fr: ["Oui"] } }], { document: doc, pageLang: "fr" });
  assert.equal(yes.element.id, "yes", "implicit radio role named by aria-label");
  const email = OG.locator.resolve([{ by: "role", role: "textbox", name: { fr: ["Adresse e-mail"] } }], { document: doc, pageLang: "fr" });
  assert.equal(email.element.id, "email", "textbox named by its <label>");
  const fallback = OG.locator.resolve([{ by: "role", role: "link", name: { en: ["Privacy Center"], fr: ["Centre de confidentialité"] } }],
    { document: doc, pageLang: "fr" });
  assert.equal(fallback.element.id, "en-only", "English is tried after the page language");
  const german = OG.locator.resolve([{ by: "role", role: "link", name: { fr: ["Paramètres"] } }], { document: doc, pageLang: "de" });
  assert.equal(german, null, "a German page does not use French names");
});

test("hidden elements are never targets", () => {
  const { window, OG } = setup();
  const doc = window.document;
  assert.equal(OG.locator.resolve([{ by: "css", selector: "#hidden" }], { document: doc }), null);
  assert.equal(OG.locator.resolve([{ by: "css", selector: "#none" }], { document: doc }), null);
  assert.equal(OG.locator.resolve([{ by: "href", patterns: ["https://help.instagram.com/contact/767264225370182"] }], { document: doc }), null);
});

test("within restricts text matches; invalid CSS and unknown locator kinds are skipped", () => {
  const { window, OG } = setup();
  const doc = window.document;
  assert.equal(OG.locator.resolve([{ by: "text", text: { fr: ["Plus"] }, within: "main" }], { document: doc, pageLang: "fr" }), null);
  const r = OG.locator.resolve([
    { by: "xpath", expr: "//a" },
    { by: "css", selector: "a[[broken" },
    { by: "css", selector: "form[method=post] button[type=submit]" },
  ], { document: doc, pageLang: "fr" });
  assert.equal(r.element.id, "send");
  assert.equal(r.locatorIndex, 2);
});

test("the page language defaults to <html lang>", () => {
  const { window, OG } = setup();
  const r = OG.locator.resolve([{ by: "text", text: { en: ["Settings"], fr: ["Paramètres"] } }], { document: window.document });
  assert.equal(r.element.tagName, "A");
});

test("a distractor 'Learn more' link is not taken for the objection link", () => {
  const { window, OG } = setup();
  const r = OG.locator.resolve([{ by: "href", patterns: ["https://www.facebook.com/help/contact/6359191084165019*"] },
    { by: "role", role: "link", name: { fr: ["opposer", "vous opposer"] } }], { document: window.document, pageLang: "fr" });
  assert.equal(r.element.id, "object-fr");
  assert.notEqual(r.element.id, "learn");
});

test("Meta's real markup: names with '(Opens in a new tab)', an inner svg label, and links through the link shim", () => {
  const html = `<!doctype html><html lang="en"><body>
    <a id="lure" role="link" aria-label="right to object to (Opens in a new tab)" href="https://l.facebook.com/l.php?u=https%3A%2F%2Foptout.example%2F">right to object to</a>
    <a id="real" role="link" target="_blank" aria-label="right to object to (Opens in a new tab)" href="https://help.meta.com/support/privacy/"><div aria-hidden="true">right to object to</div></a>
    <a id="svg" href="https://help.meta.com/support/privacy/">object<svg aria-label="(Link is external)" role="img"></svg></a>
    <a id="form" href="https://l.instagram.com/?u=https%3A%2F%2Fhelp.instagram.com%2Fcontact%2F233964459562201&amp;e=AT1">Instagram</a>
    <a id="bare" href="https://www.facebook.com/l.php">object</a>
  </body></html>`;
  const { window, OG } = makeWindow(html, { url: "https://privacycenter.instagram.com/policy/" });
  const doc = window.document;
  const opts = { document: doc, pageLang: "en" };
  const named = OG.locator.resolve([{ by: "role", role: "link", name: { en: ["right to object to"] } }], opts);
  assert.equal(named.element.id, "real", "the suffix is a note; the shimmed look-alike to a foreign site is never a target");
  const svg = OG.locator.resolve([{ by: "role", role: "link", name: { en: ["object"] } }], opts);
  assert.equal(svg.element.id, "svg", "the inner svg's label does not make the name another one; a bare l.php is no target");
  const form = OG.locator.resolve([{ by: "href", patterns: ["https://help.instagram.com/contact/233964459562201*"] }], opts);
  assert.equal(form.element.id, "form", "a shim to a known form counts as that form");
  assert.equal(OG.locator.resolve([{ by: "href", patterns: ["https://optout.example/*"] }], opts), null, "never a foreign destination");
  assert.equal(OG.locator.count({ by: "role", role: "link", name: { en: ["right to object to"] } }, opts), 1, "the count leaves the foreign link out");
  assert.equal(OG.locator.count({ by: "href", patterns: ["https://help.meta.com/support/privacy/*"] }, opts), 2);
});

test("a role=link that names no address is never a link target: where it leads cannot be judged", () => {
  const html = `<!doctype html><html lang="en"><body>
    <div id="decoy" role="link" tabindex="0">Object</div>
    <a id="real" role="link" aria-label="Object" href="/policy/?subpage=7.subpage.11-ObjectYouHaveThe"><div aria-hidden="true">Object</div></a>
  </body></html>`;
  const { window, OG } = makeWindow(html, { url: "https://privacycenter.instagram.com/policy/" });
  const r = OG.locator.resolve([{ by: "role", role: "link", name: { en: ["Object"] } }], { document: window.document, pageLang: "en" });
  assert.equal(r.element.id, "real");
  assert.equal(OG.locator.count({ by: "role", role: "link", name: { en: ["Object"] } }, { document: window.document, pageLang: "en" }), 1);
});
