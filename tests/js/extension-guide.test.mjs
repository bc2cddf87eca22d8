// The content script's guide and overlay in a jsdom window, against a bridge double that
// answers like the background: the page cannot see or style the overlay, nothing is added to the
// page's own elements, keys typed in the card stay there, a user's submit is noticed (never
// caused), and getOverlayState reports what is highlighted.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { keepShadowRoot, makeWindow, memoryStorage, until } from "./extension-harness.mjs";

const PAGE = `<!doctype html><html lang="en"><head><title>Form</title></head><body>
<div id="app"><h1>Object to Your Information Being Used for AI at Meta</h1>
<form method="post" id="f" action="/contact/233964459562201">
  <input id="email" name="email" type="email" value="me@example.org">
  <div id="late"></div>
</form></div></body></html>`;

const MATCH = {
  procedureId: "instagram-ai-objection", platform: "instagram", account: "default", stepId: "submit-form",
  kind: "submit", stepIndex: 6, stepCount: 7, state: "in_progress", instruction: "Press Send.", lookFor: "A blue Send button.",
  warning: null, targets: [{ by: "role", role: "button", name: { en: ["Send"] } }],
  complete: [{ type: "formSubmitted" }], directLink: "https://help.instagram.com/contact/233964459562201",
  procedureTitle: "Object to AI training on Instagram", language: "en",
};

const windows = [];
after(() => windows.forEach((w) => w.close()));

function setup() {
  const { window, OG } = makeWindow(PAGE, { url: "https://help.instagram.com/contact/233964459562201" });
  windows.push(window);
  const sent = [];
  let match = MATCH;
  const bridge = {
    async pageLoaded(context, reason) {
      sent.push({ type: "pageLoaded", context, reason });
      return { ok: true, match };
    },
    sendPressed: async () => ({ ok: true }),
    overlayHealth: async () => ({ ok: true }),
    async reportEvent(event) {
      sent.push({ type: "event", event });
      if (event.type === "form_submitted") match = { ...MATCH, state: "submitted" };
      return { ok: true, queued: false };
    },
  };
  const guide = new OG.Guide({ window, bridge, storage: memoryStorage(), i18n: (k, s) => (s ? `${k}:${s.join(",")}` : k), uiLang: "fr", dir: "ltr" });
  return { window, OG, guide, sent };
}

// The card's words: generated content of data-t attributes, never text nodes.
function words(root) {
  return [...root.querySelectorAll("[data-t]")].map((n) => n.getAttribute("data-t")).join(" ");
}

function snapshotAttributes(doc) {
  return Array.from(doc.querySelectorAll("body *")).map((el) => `${el.tagName}|${Array.from(el.attributes).map((a) => `${a.name}=${a.value}`).join(";")}`);
}

test("pageLoaded carries the page's own language and the UI language separately", async () => {
  const { guide, sent } = setup();
  await guide.start();
  assert.deepEqual(sent.map((r) => r.type), ["pageLoaded"], "one message for the page view");
  const req = sent[0];
  assert.equal(req.reason, "load");
  assert.equal(req.context.docLang, "en");
  assert.equal(req.context.uiLang, "fr");
  assert.deepEqual([...req.context.signals.headings], ["Object to Your Information Being Used for AI at Meta"]);
});

test("a late-rendering target is found, highlighted and reported by getOverlayState", async () => {
  const { window, guide } = setup();
  await guide.start();
  let state = guide.overlayState();
  assert.equal(state.active, true);
  assert.equal(state.stepId, "submit-form");
  assert.equal(state.targetFound, false, "not there yet");
  const button = window.document.createElement("button");
  button.type = "submit";
  button.innerHTML = "<span>Se</span><span>nd</span>";
  window.document.getElementById("late").append(button);
  state = await until(() => (guide.overlayState().targetFound ? guide.overlayState() : null), "target found after it rendered");
  assert.equal(guide.step.target, button);
  assert.deepEqual(Object.keys(state.targetRect).sort(), ["height", "width", "x", "y"]);
  assert.equal(guide.watch === null || guide.watch.phase() === "stopped", true, "the observer is disconnected once found");
});

test("the overlay is a bare element with a closed shadow root; the page's elements are untouched", async () => {
  const { window, guide } = setup();
  const beforeAttrs = snapshotAttributes(window.document);
  await guide.start();
  const host = window.document.documentElement.lastElementChild;
  assert.equal(host.tagName, "DIV");
  assert.equal(host.attributes.length, 0, "no id, class or attribute that identifies it");
  assert.equal(host.shadowRoot, null, "closed: the page cannot reach inside");
  assert.equal(host.childNodes.length, 0, "nothing in the light DOM");
  assert.deepEqual(snapshotAttributes(window.document), beforeAttrs, "no attribute, class or style added to the page");
});

test("keys typed inside the card do not reach the page's shortcut handlers; Esc hides the card", async () => {
  const { window, guide } = setup();
  const kept = keepShadowRoot(window);
  await guide.start();
  const pageKeys = [];
  window.document.addEventListener("keydown", (e) => pageKeys.push(e.key));
  window.addEventListener("keyup", (e) => pageKeys.push(`up:${e.key}`));
  const button = kept.root.querySelector("button");
  assert.ok(button, "the card has buttons");
  for (const type of ["keydown", "keyup"]) {
    button.dispatchEvent(new window.KeyboardEvent(type, { key: "j", bubbles: true, composed: true }));
  }
  assert.deepEqual(pageKeys, [], "Facebook's 'j' shortcut never sees a key typed in the card");
  assert.equal(guide.overlay.isCardHidden(), false);
  // jsdom's events are all synthetic: a page's Escape never hides the card (the user's does,
  // tests/e2e/hostile.test.mjs).
  button.dispatchEvent(new window.KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true }));
  assert.equal(guide.overlay.isCardHidden(), false, "a synthetic Esc does nothing");
  assert.deepEqual(pageKeys, []);
  const live = kept.root.querySelector("[aria-live=polite]");
  assert.match(live.getAttribute("data-t"), /stepOf:6,7: Press Send\./, "the step is announced politely");
  assert.equal(live.textContent, "", "as generated content, not text the page could find");
  // Keys typed on the page itself still reach the page.
  window.document.body.dispatchEvent(new window.KeyboardEvent("keydown", { key: "k", bubbles: true }));
  assert.deepEqual(pageKeys, ["k"]);
});

test("a script's click on Send and its submit event record nothing; the guide never submits", async () => {
  const { window, guide, sent } = setup();
  let submits = 0;
  window.document.getElementById("f").addEventListener("submit", (e) => {
    submits++;
    e.preventDefault();
  });
  await guide.start();
  const button = window.document.createElement("button");
  button.type = "submit";
  button.textContent = "Send";
  window.document.getElementById("late").append(button);
  await until(() => guide.overlayState().targetFound, "target found");
  assert.equal(submits, 0, "showing a step submits nothing");
  // jsdom's events are synthetic, as a page's would be: neither the click nor the submit, nor
  // a confirmation shown afterwards, may make "sent" (the user's own Send: tests/e2e).
  button.click();
  window.document.getElementById("f").dispatchEvent(new window.Event("submit", { bubbles: true, cancelable: true }));
  window.document.getElementById("app").append(Object.assign(window.document.createElement("p"), { textContent: "We've received your request" }));
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(submits, 2, "the page's own submits happened");
  assert.deepEqual(sent.filter((r) => r.type === "event").map((r) => r.event.type), [], "nothing reported");
  assert.equal(guide.overlayState().state, "in_progress");
});

test("a host that cannot be reached shows the page that fixes it instead of silence, and no command", async () => {
  const { window, OG } = makeWindow(PAGE, { url: "https://help.instagram.com/contact/233964459562201" });
  windows.push(window);
  const bridge = {
    pageLoaded: async () => ({ ok: false, error: { code: "host_forbidden", message: "Access to the specified native messaging host is forbidden." } }),
    reportEvent: async () => ({ ok: true }),
  };
  const guide = new OG.Guide({ window, bridge, storage: memoryStorage(), i18n: (k) => k, uiLang: "en", dir: "rtl" });
  await guide.start();
  const s = guide.overlayState();
  assert.equal(s.active, false);
  assert.deepEqual({ ...s.error }, { code: "host_forbidden", page: "onboarding/onboarding.html" });
  assert.equal(guide.overlay.isVisible(), true, "the card is shown");
  const words = guide.overlay.words();
  assert.match(words, /errHostForbidden/, "what happened and the one thing to do");
  assert.match(words, /btnInstallHelper/, "the button opening the installation page");
  assert.doesNotMatch(words, /optout-guide-host|doctor/, "no command to type");
});

test("'Hide on this site' removes the overlay and is remembered", async () => {
  const { window, OG } = makeWindow(PAGE, { url: "https://help.instagram.com/contact/233964459562201" });
  windows.push(window);
  const storage = memoryStorage();
  const bridge = { pageLoaded: async () => ({ ok: true, match: MATCH }), reportEvent: async () => ({ ok: true }) };
  const guide = new OG.Guide({ window, bridge, storage, i18n: (k) => k, uiLang: "en", dir: "ltr" });
  await guide.start();
  assert.equal(window.document.documentElement.lastElementChild.tagName, "DIV");
  await guide.onAction("hideSite");
  assert.deepEqual(storage.data.hiddenHosts, ["help.instagram.com"]);
  assert.equal(window.document.documentElement.lastElementChild.tagName, "BODY", "overlay gone");
  await guide.refresh("load");
  assert.equal(guide.overlayState().active, false);
});

test("an event of the page view kept for later is said on the card", async () => {
  const { window, OG } = makeWindow(PAGE, { url: "https://help.instagram.com/contact/233964459562201" });
  windows.push(window);
  const kept = keepShadowRoot(window);
  let queued;
  const bridge = { pageLoaded: async () => ({ ok: true, match: MATCH, ...(queued === undefined ? {} : { queued }) }),
    reportEvent: async () => ({ ok: true, queued: false }) };
  const guide = new OG.Guide({ window, bridge, storage: memoryStorage(), i18n: (k) => k, uiLang: "en", dir: "ltr" });
  queued = true;
  await guide.start();
  assert.match(words(kept.root), /eventQueued/, "the host has not stored step_shown yet: the card says it is kept");
  queued = undefined;
  await guide.refresh("settings");
  assert.match(words(kept.root), /eventQueued/, "a view that reported nothing changes nothing");
  queued = false;
  await guide.refresh("settings");
  assert.doesNotMatch(words(kept.root), /eventQueued/);
});

test("a page the catalog does not know: a link that leads (through the shim) to the form is ringed; the card says how sure it is; the user can report the mismatch", async () => {
  const html = `<!doctype html><html lang="en"><head><title>Choices</title></head><body><main>
    <p>Use <a id="lure" href="https://l.facebook.com/l.php?u=https%3A%2F%2Fai-optout.example%2Finstagram">this form for Instagram</a>
    or <a id="real" target="_blank" href="https://l.instagram.com/?u=https%3A%2F%2Fhelp.instagram.com%2Fcontact%2F233964459562201&amp;e=AT">this form for Instagram</a>.</p>
  </main></body></html>`;
  const { window, OG } = makeWindow(html, { url: "https://help.meta.com/help/privacy-choices/?ref=email&uid=123" });
  windows.push(window);
  const reports = [];
  const match = { ...MATCH, stepId: "unknown-page", kind: "unknown-page", stepIndex: 0, targets: [], unverified: true,
    catalogVersion: 2026120101, complete: [{ type: "userConfirms" }],
    fallbackTargets: [{ by: "href", patterns: ["https://help.instagram.com/contact/233964459562201*"] }, { by: "href", patterns: ["https://help.meta.com/support/privacy/*"] }] };
  const bridge = {
    async pageLoaded() { return { ok: true, match }; },
    async reportEvent() { return { ok: true, queued: false }; },
    async reportMismatch(report) { reports.push(report); return { ok: true, reportId: 1 }; },
  };
  const guide = new OG.Guide({ window, bridge, storage: memoryStorage(), i18n: (k) => k, uiLang: "en", dir: "ltr" });
  await guide.start();
  const state = await until(() => guide.overlayState().targetFound && guide.overlayState(), "the fallback target");
  assert.equal(guide.step.target.id, "real", "the link that leads to the form, never the shimmed foreign one");
  assert.equal(state.viaFallback, true);
  assert.deepEqual([...state.notes], ["noteUnverified", "noteFallback"]);
  await guide.onAction("notWhatISee");
  assert.equal(reports.length, 1);
  const r = reports[0];
  assert.equal(r.host, "help.meta.com");
  assert.equal(r.path, "/help/privacy-choices/", "host and path only: no query");
  assert.ok(!JSON.stringify(r).includes("uid=123") && !JSON.stringify(r).includes("this form"), "nothing of the page's text or query");
  assert.deepEqual(JSON.parse(JSON.stringify(r.locators.map((l) => [l.by, l.matched, l.fallback]))), [["href", 1, true], ["href", 0, true]]);
  assert.equal(r.catalogVersion, 2026120101);
  assert.ok(guide.overlayState().notes.includes("reportSaved"));
  await guide.onAction("notWhatISee");
  assert.equal(reports.length, 1, "one report per step shown");
});

test("when nothing is found after waiting the card says Meta may have changed the page", async () => {
  const { window, OG } = makeWindow(PAGE, { url: "https://help.instagram.com/contact/233964459562201" });
  windows.push(window);
  const match = { ...MATCH, kind: "click", targets: [{ by: "role", role: "link", name: { en: ["Nowhere"] } }], fallbackTargets: [] };
  const bridge = { async pageLoaded() { return { ok: true, match }; }, async reportEvent() { return { ok: true }; } };
  const guide = new OG.Guide({ window, bridge, storage: memoryStorage(), i18n: (k) => k, uiLang: "en", dir: "ltr" });
  await guide.start();
  assert.deepEqual([...guide.overlayState().notes], []);
  guide.watch.stop();
  guide.step.gaveUp = true; // what the watcher's give-up sets after its bounded wait
  guide.render(false);
  assert.deepEqual([...guide.overlayState().notes], ["noteChanged"]);
});
