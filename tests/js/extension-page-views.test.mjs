// One page view, one message: the real content scripts in a page window talk to the real
// background (router, page views, tab steps, event queue, host connection) in another, as the
// browser delivers runtime messages; the native host on the far side is a double that answers
// like the host and records what it was asked. Counted: messages from the tab, host requests,
// events, writes to storage.session.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { fakeNativeHost, makeWindow, startBackground, tick, until } from "./extension-harness.mjs";

const backgrounds = [];
after(() => backgrounds.forEach((b) => b.close()));

const HOME = "https://www.instagram.com/";
const EDIT = "https://www.instagram.com/accounts/edit/";
const PRIVACY = "https://privacycenter.instagram.com/policy/";

const PAGE = (heading) => `<!doctype html><html lang="en"><head><title>${heading}</title></head>
<body><h1>${heading}</h1><div role="button">More</div><a href="/accounts/edit/">Edit</a></body></html>`;

// A two-step procedure: the menu on the home page, completed by arriving on /accounts/edit;
// then the privacy link there, completed by arriving on the privacy center.
const STEPS = [
  { page: (u) => u.hostname === "www.instagram.com" && u.pathname === "/", stepId: "open-menu", stepIndex: 1,
    complete: [{ type: "urlMatches", page: { hosts: ["www.instagram.com"], paths: ["/accounts/edit"] } }] },
  { page: (u) => u.pathname.startsWith("/accounts/edit"), stepId: "open-privacy", stepIndex: 2,
    complete: [{ type: "urlMatches", page: { hosts: ["privacycenter.instagram.com"] } }] },
];

function matchFor(request) {
  const u = new URL(request.context.url);
  const step = STEPS.find((s) => s.page(u));
  if (!step) return null;
  return {
    procedureId: "instagram-ai-objection", platform: "instagram", account: request.account || "default",
    stepId: step.stepId, kind: "click", stepIndex: step.stepIndex, stepCount: 2, state: "in_progress",
    instruction: "Do it.", lookFor: "It.", warning: null, targets: [{ by: "role", role: "button", name: { en: ["More"] } }],
    complete: step.complete, directLink: null, procedureTitle: "Object", language: "en",
  };
}

function start(options = {}) {
  const host = fakeNativeHost({ nextStep: matchFor, ...options.host });
  const bg = startBackground({ host, ...options.bg });
  backgrounds.push(bg);
  return { host, bg };
}

const shown = (host) => host.events.filter((e) => e.type === "step_shown");
const completed = (host) => host.events.filter((e) => e.type === "step_completed");
const activeOn = (tab, stepId) => until(() => {
  const s = tab.guide.overlayState();
  return s.active && s.stepId === stepId ? s : null;
}, `${stepId} shown`);

test("a page view is one runtime message; refreshing the same step neither re-sends step_shown nor writes", async () => {
  const { host, bg } = start();
  const first = bg.openTab(1, HOME, PAGE("Home"));
  await activeOn(first, "open-menu");
  await bg.settled(1, 1);
  assert.deepEqual(bg.sent(1).map((m) => m.msg.type), ["pageLoaded"], "one message for the page view");
  assert.equal(bg.sent(1)[0].msg.reason, "load");
  assert.equal(host.of("nextStep").length, 1);
  assert.deepEqual(shown(host).map((e) => e.stepId), ["open-menu"]);
  assert.equal(shown(host)[0].url, HOME, "the event carries the page the browser says the tab is on");
  assert.equal(bg.storage.session.writes.length, 1, "the tab's step is written once, when it changes");
  assert.equal(bg.storage.session.data.hostStatus, undefined, "no connection status written that nothing reads");

  // Two refreshes of the same page: each a new content script, each one message.
  for (const n of [2, 3]) {
    first.close();
    const again = bg.openTab(1, HOME, PAGE("Home"));
    await activeOn(again, "open-menu");
    await bg.settled(n, 1);
    assert.equal(bg.sent(1).length, n, `refresh ${n - 1}: one more message`);
    assert.equal(host.of("nextStep").length, n);
    assert.equal(shown(host).length, 1, `refresh ${n - 1}: step_shown not sent again`);
    assert.equal(bg.storage.session.writes.length, 1, `refresh ${n - 1}: nothing written`);
  }
  assert.equal(completed(host).length, 0);
});

test("arriving where the previous step's urlMatches points completes it once, before the next step is chosen", async () => {
  const { host, bg } = start();
  const home = bg.openTab(4, HOME, PAGE("Home"));
  await activeOn(home, "open-menu");
  home.close();
  // The user's click loaded /accounts/edit in the same tab.
  let edit = bg.openTab(4, EDIT, PAGE("Edit profile"));
  await activeOn(edit, "open-privacy");
  await bg.settled(2, 4);
  assert.deepEqual(bg.sent(4).map((m) => m.msg.type), ["pageLoaded", "pageLoaded"]);
  assert.deepEqual(completed(host).map((e) => [e.stepId, e.url]), [["open-menu", EDIT]]);
  const order = host.requests.filter((r) => r.type !== "hello").map((r) => (r.type === "reportEvent" ? r.event.type : r.type));
  assert.deepEqual(order, ["nextStep", "step_shown", "step_completed", "nextStep", "step_shown"],
    "the arrival is stored before nextStep, so the host's choice already counts it");
  // Refreshing the arrival page, and another tab on it, complete nothing again.
  edit.close();
  edit = bg.openTab(4, EDIT, PAGE("Edit profile"));
  await activeOn(edit, "open-privacy");
  const other = bg.openTab(5, EDIT, PAGE("Edit profile"));
  await activeOn(other, "open-privacy");
  await bg.settled(3, 4);
  await bg.settled(1, 5);
  assert.equal(completed(host).length, 1, "arrival completion recorded once");
  assert.deepEqual(shown(host).map((e) => e.stepId), ["open-menu", "open-privacy", "open-privacy"],
    "step_shown once per tab for the same step and URL");
});

test("a URL change without a reload is one message, and the background completes the step it leaves", async () => {
  const { host, bg } = start();
  const tab = bg.openTab(7, HOME, PAGE("Home"));
  await activeOn(tab, "open-menu");
  tab.window.history.pushState({}, "", "/accounts/edit/");
  await until(() => tab.guide.overlayState().stepId === "open-privacy", "the step of the new URL");
  await bg.settled(2, 7);
  assert.deepEqual(bg.sent(7).map((m) => [m.msg.type, m.msg.reason]), [["pageLoaded", "load"], ["pageLoaded", "navigation"]]);
  assert.deepEqual(completed(host).map((e) => e.stepId), ["open-menu"]);
  // Pressing Done reports the completion from the tab, then asks for the page again: two
  // messages for a user action, and the step left is not completed twice by a later arrival.
  await tab.guide.onAction("done");
  await bg.settled(4, 7);
  assert.deepEqual(bg.sent(7).slice(2).map((m) => [m.msg.type, m.msg.reason ?? m.msg.event.type]),
    [["reportEvent", "step_completed"], ["pageLoaded", "completed"]]);
  // Then the user follows the privacy link: arriving where open-privacy's urlMatches points does
  // not complete it a second time.
  tab.close();
  bg.openTab(7, PRIVACY, PAGE("Privacy Policy"));
  await bg.settled(5, 7);
  assert.equal(bg.sent(7)[4].reply.ok, true);
  assert.deepEqual(completed(host).map((e) => e.stepId), ["open-menu", "open-privacy"], "each completion once");
});

test("reading the tab's step writes nothing; closing a tab without one writes nothing", async () => {
  const { bg, host } = start();
  const steps = new bg.OG.TabSteps({ storage: bg.storage.session });
  await steps.set(9, { procedureId: "p", stepId: "s", url: HOME, open: true });
  const writes = bg.storage.session.writes.length;
  assert.deepEqual(await steps.get(9), { procedureId: "p", stepId: "s", url: HOME, open: true });
  assert.equal(await steps.get(10), null);
  await steps.clear(10);
  assert.equal(bg.storage.session.writes.length, writes);
  await steps.clear(9);
  assert.equal(await steps.get(9), null);
  assert.equal(bg.storage.session.writes.length, writes + 1);
  assert.equal(host.requests.length, 0);
});

test("the page's platform, and so its account, comes from the host's platforms: a new one needs no code", async () => {
  // A page of a host the manifest runs on, claimed by the new platform (an exact host beats
  // the meta platform's *.meta.com).
  const horizon = { id: "horizon", name: { en: "Horizon", fr: "Horizon" }, hosts: ["accountscenter.meta.com"] };
  const { host, bg } = start({
    host: { catalog: { platforms: [{ id: "instagram", name: { en: "Instagram" }, hosts: ["instagram.com", "*.instagram.com"] }, horizon],
      allowlist: ["www.instagram.com", "accountscenter.meta.com"] } },
    bg: { local: { activeAccounts: { horizon: "work", instagram: "personal" } } },
  });
  const tab = bg.openTab(11, "https://accountscenter.meta.com/settings/", PAGE("Horizon"));
  await bg.settled(1, 11);
  assert.equal(host.of("nextStep")[0].account, "work", "the horizon account was chosen for its page");
  const ig = bg.openTab(12, HOME, PAGE("Home"));
  await activeOn(ig, "open-menu");
  assert.equal(host.of("nextStep")[1].account, "personal");
  const status = await bg.fromExtension({ type: "status" });
  assert.deepEqual(status.catalog.platforms.map((p) => [p.id, p.name && p.name.fr]), [["instagram", undefined], ["horizon", "Horizon"]],
    "the popup gets the host's platforms, in catalog order, with their names");
  tab.close();
});

test("with a host that sends no platforms, the shipped default decides the page's platform", async () => {
  const { host, bg } = start({ bg: { local: { activeAccounts: { horizon: "work", meta: "x", instagram: "personal" } } } });
  bg.openTab(13, "https://accountscenter.meta.com/", PAGE("Accounts Center"));
  await bg.settled(1, 13);
  assert.equal(host.of("nextStep")[0].account, "x", "the default's meta platform covers *.meta.com");
  bg.openTab(14, "https://help.instagram.com/contact/1", PAGE("Help"));
  await bg.settled(1, 14);
  assert.equal(host.of("nextStep")[1].account, "personal");
  const status = await bg.fromExtension({ type: "status" });
  assert.deepEqual(status.catalog.platforms.map((p) => p.id), ["instagram", "facebook", "meta"]);
  assert.deepEqual(status.catalog.allowlist, [...bg.OG.allowlist.DEFAULT_HOSTS]);
  assert.ok(status.catalog.allowlist.includes("help.meta.com"), "the default is the hosts the manifest runs on");
});

test("the allowlist from hello replaces the default: senders, links and the tab's locator follow it", async () => {
  const { host, bg } = start({ host: { catalog: { allowlist: ["www.instagram.com", "*.horizon.example"] } } });
  const OG = bg.OG;
  assert.ok(OG.allowlist.isAllowedUrl("https://www.facebook.com/"), "the default until the host answered");
  const tab = bg.openTab(21, HOME, PAGE("Home"));
  await activeOn(tab, "open-menu");
  assert.ok(!OG.allowlist.isAllowedUrl("https://www.facebook.com/"), "facebook.com is not on the host's allowlist");
  assert.ok(OG.allowlist.isAllowedUrl("https://x.horizon.example/"));
  assert.ok(!OG.allowlist.isAllowedUrl("https://help.instagram.com/"), "a host of a listed domain that the list does not name");
  // The tab got the same list with its reply: its locator refuses a link the host does not allow.
  assert.deepEqual([...tab.OG.allowlist.current()], ["www.instagram.com", "*.horizon.example"]);
  const doc = tab.window.document;
  const a = doc.createElement("a");
  a.href = "https://www.facebook.com/privacy/";
  a.textContent = "More";
  a.setAttribute("role", "button");
  doc.body.prepend(a);
  assert.equal(tab.OG.locator.resolve([{ by: "role", role: "button", name: { en: ["More"] } }], { document: doc, pageLang: "en" }).element,
    doc.querySelector("div[role=button]"), "the link to facebook.com is never the target");
  // A tab on a site no longer allowed is not a content sender.
  const fb = bg.openTab(22, "https://www.facebook.com/", PAGE("Facebook"));
  await bg.settled(1, 22);
  assert.equal(bg.sent(22)[0].reply.error.code, "forbidden");
  assert.equal(host.of("nextStep").length, 1, "nothing asked for the refused tab");
  fb.close();
  const status = await bg.fromExtension({ type: "status" });
  assert.deepEqual(status.catalog.allowlist, ["www.instagram.com", "*.horizon.example"], "the popup gets it too");
});

test("an unusable platforms or allowlist from hello leaves the default, and says so", async () => {
  const warnings = [];
  const { host, bg } = start({ host: { catalog: { platforms: [{ id: "Bad Id", hosts: [] }], allowlist: ["*.evil", "https://x.example/"] } } });
  bg.window.console.warn = (...a) => warnings.push(a.join(" "));
  bg.openTab(31, HOME, PAGE("Home"));
  await bg.settled(1, 31);
  assert.equal(host.of("nextStep").length, 1);
  assert.deepEqual([...bg.OG.allowlist.current()], [...bg.OG.allowlist.DEFAULT_HOSTS]);
  assert.ok(warnings.some((w) => /\/catalog\/platforms\/0\/id/.test(w)), warnings.join("\n"));
  assert.ok(warnings.some((w) => /\/catalog\/allowlist/.test(w)), warnings.join("\n"));
});

test("a missing host is the page view's error; Retry is one message that reconnects", async () => {
  const host = fakeNativeHost({ nextStep: matchFor });
  let missing = true;
  const connect = host.connectNative;
  host.connectNative = (name) => {
    if (missing) throw new Error("Specified native messaging host not found.");
    return connect(name);
  };
  const bg = startBackground({ host });
  backgrounds.push(bg);
  const tab = bg.openTab(41, HOME, PAGE("Home"));
  await until(() => tab.guide.overlayState().error, "the error on the card");
  assert.equal(tab.guide.overlayState().error.code, "host_missing");
  missing = false;
  await tab.guide.onAction("retry");
  await activeOn(tab, "open-menu");
  assert.deepEqual(bg.sent(41).map((m) => [m.msg.type, m.msg.reason]), [["pageLoaded", "load"], ["pageLoaded", "retry"]]);
});

test("first install without the helper opens the onboarding page; with it, nothing opens", async () => {
  const ONBOARDING = "chrome-extension://fake-extension-id/onboarding/onboarding.html";
  const missingHost = fakeNativeHost();
  missingHost.connectNative = () => {
    throw new Error("Specified native messaging host not found.");
  };
  const without = startBackground({ host: missingHost });
  backgrounds.push(without);
  without.installed({ reason: "install" });
  await until(() => without.createdTabs.length, "the onboarding tab");
  assert.deepEqual(without.createdTabs, [{ url: ONBOARDING, active: true }]);
  without.installed({ reason: "update" });
  await tick(20);
  assert.equal(without.createdTabs.length, 1, "an update does not interrupt");

  const present = fakeNativeHost();
  const withHost = startBackground({ host: present });
  backgrounds.push(withHost);
  withHost.installed({ reason: "install" });
  await until(() => present.of("hello").length, "the hello to the helper");
  await tick(20);
  assert.deepEqual(withHost.createdTabs, [], "the helper answered: nothing to do");
});

test("the card's install button opens the onboarding page through the background", async () => {
  const host = fakeNativeHost();
  host.connectNative = () => {
    throw new Error("No such native application org.optoutguide.host");
  };
  const bg = startBackground({ host });
  backgrounds.push(bg);
  const tab = bg.openTab(42, HOME, PAGE("Home"));
  await until(() => tab.guide.overlayState().error, "the error on the card");
  assert.deepEqual({ ...tab.guide.overlayState().error },
    { code: "host_missing", page: "onboarding/onboarding.html" });
  await tab.guide.onAction("install");
  assert.deepEqual(bg.createdTabs.map((t) => t.url), ["chrome-extension://fake-extension-id/onboarding/onboarding.html"]);
  assert.deepEqual(bg.sent(42).map((m) => m.msg.type), ["pageLoaded", "openOnboarding"]);
});

test("pure decisions: arrival needs an open step and another URL; a wrong-page match is never kept", () => {
  const { OG } = makeWindow("<html></html>", { scripts: ["shared/namespace.js", "shared/text.js", "shared/allowlist.js",
    "shared/page-match.js", "shared/messages.js", "background/page-views.js"] });
  const pv = OG.pageViews;
  const ctx = (url) => pv.hostContext({ url, signals: { headings: [] } });
  const kept = { procedureId: "p", stepId: "a", account: "default", url: HOME, open: true, complete: STEPS[0].complete };
  assert.ok(pv.arrival(kept, ctx(EDIT)));
  assert.equal(pv.arrival(kept, ctx(HOME)), null, "a refresh is no arrival");
  assert.equal(pv.arrival({ ...kept, open: false }, ctx(EDIT)), null, "a closed step is done with");
  assert.equal(pv.arrival(kept, ctx(PRIVACY)), null);
  const wrong = { procedureId: "p", stepId: "generic-form", account: "default", kind: "wrong-page" };
  assert.equal(pv.newlyShown(kept, wrong, PRIVACY), false);
  assert.deepEqual({ ...pv.keptAfter(kept, { context: ctx(PRIVACY), reason: "load", match: wrong }) }, { ...kept, open: false });
  assert.equal(pv.keptAfter(kept, { context: ctx(HOME), reason: "settings", match: null }), kept, "unchanged, so not written");
  assert.equal(pv.keptAfter(kept, { context: ctx(HOME), reason: "skipped", match: null }).open, false);
  const other = { procedureId: "p", stepId: "a", account: "work", kind: "click", complete: [] };
  assert.equal(pv.newlyShown(kept, other, HOME), true, "another account's step is shown anew");
  const req = pv.nextStepRequest(ctx(HOME), { platform: "instagram", activeAccounts: { instagram: "w" }, hint: { procedureId: "x" } });
  assert.equal(req.account, "w");
  assert.equal(req.procedureId, "x");
  assert.deepEqual(Object.keys(pv.hostContext({ url: HOME, smuggled: 1, signals: { headings: ["h"], extra: 2 } })).sort(),
    ["docLang", "signals", "title", "uiLang", "url"], "only the known context fields reach the host");
});

test("a tab's views are handled one after the other: two at once complete the step left once", async () => {
  const { host, bg } = start();
  const tab = bg.openTab(51, HOME, PAGE("Home"));
  await activeOn(tab, "open-menu");
  await bg.settled(1, 51);
  const ctx = { url: EDIT, title: "", docLang: "en", uiLang: "en", signals: { headings: [] } };
  const sender = { id: bg.api.runtime.id, url: EDIT, tab: { id: 51 } };
  const handle = (reason) => bg.OG.router.handle({ type: "pageLoaded", context: ctx, reason }, sender, bg.OG.background);
  const [a, b] = await Promise.all([handle("load"), handle("load")]);
  assert.equal(a.ok && b.ok, true);
  await tick();
  assert.equal(completed(host).length, 1);
});

test("a link that opens a new tab (target=_blank): the step its tab showed completes on arrival there, once", async () => {
  const { host, bg } = start();
  const edit = bg.openTab(51, EDIT, PAGE("Edit profile"));
  await activeOn(edit, "open-privacy");
  await bg.settled(1, 51);
  // The user clicks the ringed link; the browser opens the policy in tab 52, opened by tab 51.
  bg.openTab(52, PRIVACY, PAGE("Privacy Policy"), { openerTabId: 51 });
  await bg.settled(1, 52);
  assert.deepEqual(completed(host).map((e) => [e.stepId, e.url]), [["open-privacy", PRIVACY]],
    "completed where the user arrived, in the new tab");
  // Another new tab on the same page completes nothing again: the opener's step is closed.
  bg.openTab(53, PRIVACY, PAGE("Privacy Policy"), { openerTabId: 51 });
  await bg.settled(1, 53);
  assert.equal(completed(host).length, 1);
});

test("a new tab the browser names no opener for carries on the step last shown that it completes", async () => {
  const { host, bg } = start();
  const home = bg.openTab(61, HOME, PAGE("Home"));
  await activeOn(home, "open-menu");
  bg.openTab(62, EDIT, PAGE("Edit profile"));
  await bg.settled(1, 62);
  assert.deepEqual(completed(host).map((e) => e.stepId), ["open-menu"]);
});

test("pure: arrivalElsewhere prefers the opener, then the step shown last; only open steps whose urlMatches fits", () => {
  const { OG } = makeWindow("<html></html>", { scripts: ["shared/namespace.js", "shared/text.js", "shared/allowlist.js",
    "shared/page-match.js", "shared/messages.js", "background/page-views.js"] });
  const ctx = { url: PRIVACY, signals: { headings: [] }, docLang: "en" };
  const fits = [{ type: "urlMatches", page: { hosts: ["privacycenter.instagram.com"] } }];
  const kept = (shownAt, extra = {}) => ({ procedureId: "p", stepId: `s${shownAt}`, complete: fits, url: EDIT, open: true, shownAt, ...extra });
  const { arrivalElsewhere } = OG.pageViews;
  assert.equal(arrivalElsewhere({ 1: kept(1), 2: kept(2) }, 1, ctx).tabId, 1, "the opener first");
  assert.equal(arrivalElsewhere({ 1: kept(1), 2: kept(2) }, null, ctx).tabId, 2, "else the most recent");
  assert.equal(arrivalElsewhere({ 1: kept(1, { open: false }) }, 1, ctx), null, "a closed step is done with");
  assert.equal(arrivalElsewhere({ 1: kept(1, { url: PRIVACY }) }, 1, ctx), null, "not from the same URL");
  assert.equal(arrivalElsewhere({ 1: kept(1, { complete: [] }) }, 1, ctx), null);
});

test("pure: a tab going back and forth between two pages of one step records step_shown once per page", () => {
  const { OG } = makeWindow("<html></html>", { scripts: ["shared/namespace.js", "shared/text.js", "shared/allowlist.js",
    "shared/page-match.js", "shared/messages.js", "background/page-views.js"] });
  const pv = OG.pageViews;
  const ctx = (url) => pv.hostContext({ url, signals: { headings: [] } });
  const match = { procedureId: "p", stepId: "open-form", account: "default", kind: "click", complete: STEPS[0].complete };
  const pages = [HOME, EDIT, `${HOME}?tab=2`, `${EDIT}#top`, HOME, EDIT];
  let kept = null;
  const recorded = [];
  for (const url of pages) {
    if (pv.firstShown(kept, match, url)) recorded.push(pv.pageOf(url));
    kept = pv.keptAfter(kept, { context: ctx(url), reason: "navigation", match });
    assert.equal(kept.open, true, `the step stays open for arrival on ${url}`);
    assert.equal(kept.url, url, "kept on the page the tab shows now");
  }
  assert.deepEqual(recorded, [pv.pageOf(HOME), pv.pageOf(EDIT)]);
  const other = { ...match, stepId: "submit-form" };
  assert.equal(pv.firstShown(kept, other, HOME), true, "another step on a page already seen is new");
});
