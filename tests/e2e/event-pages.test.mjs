// Where each event happened, and how often, read back from the host's export, in real Chromium
// and Firefox with the real extension and host: on Facebook's in-app pages (history.pushState,
// no reload) each event names the page the user was on when it happened, never the URL the tab
// was loaded at; and a chatty page rewriting its URL and DOM dozens of times in a few seconds
// leaves one step_shown per tab, step and page.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { runHostCli } from "./lib/host-env.mjs";
import { launchSession, openExtensionPage, useFixtureServer } from "./lib/session-helpers.mjs";
import { clickRect, overlayStateOf, sleep, until } from "./lib/walk.mjs";

const PROC = "facebook-ai-objection";
const LOADED = "https://www.facebook.com/?fx_delay=0";
const GROUPS = "https://www.facebook.com/groups/feed/";
const CHATTY = "https://www.facebook.com/privacy/center/?fx_delay=0&fx_chatty=40&fx_chatty_to=%2Fprivacy%2Fcenter%2Fsettings";

const fixtures = useFixtureServer();

async function journal(session) {
  const r = await runHostCli(session.hostEnv, ["export", "--format", "json"]);
  assert.equal(r.code, 0, `export failed: ${r.stderr}`);
  return JSON.parse(r.stdout).events.filter((e) => e.procedureId === PROC);
}

const pageOf = (url) => {
  const u = new URL(url);
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
};

// The card's step on the URL the tab shows now, its target found.
function stepOn(extPage, page, stepId) {
  return until(async () => {
    const s = await overlayStateOf(extPage, page);
    return s && s.active && s.procedureId === PROC && s.stepId === stepId && s.targetFound && s.url === page.url() ? s : null;
  }, `${stepId} on ${page.url()}`);
}

// A fresh browser (so the store holds only this test's events) with one tab at `url`.
async function inFreshSession(kind, url, fn) {
  const session = await launchSession({ kind, uiLang: "en", fixturePort: fixtures.port });
  try {
    const extPage = await openExtensionPage(session);
    const page = await session.browser.newPage();
    await page.goto(url);
    await page.bringToFront();
    await fn({ session, extPage, page });
  } finally {
    await session.close();
  }
}

for (const kind of ["chromium", "firefox"]) {
  describe(`${kind}: the page of each event`, { concurrency: false }, () => {
    test("after pushState the record names the page where each event happened, not the tab's first URL", () => inFreshSession(kind, LOADED, async ({ session, extPage, page }) => {
      await stepOn(extPage, page, "open-account-menu");
      // Meta's app moves to another of its pages without a reload.
      await page.evaluate(() => {
        window.__sameDocument = true;
        history.pushState({}, "", "/groups/feed/");
      });
      let s = await stepOn(extPage, page, "open-account-menu");
      await clickRect(page, s.targetRect);
      s = await stepOn(extPage, page, "open-settings-privacy");
      await clickRect(page, s.targetRect);
      s = await stepOn(extPage, page, "open-privacy-center");
      await clickRect(page, s.targetRect); // an in-app link: pushState to /privacy/center
      await stepOn(extPage, page, "open-form");
      assert.equal(pageOf(page.url()), "https://www.facebook.com/privacy/center");
      assert.equal(await page.evaluate(() => window.__sameDocument), true, "one document all along: the tab's URL at load was the feed");

      const events = await until(async () => {
        const all = await journal(session);
        return all.some((e) => e.type === "step_shown" && e.stepId === "open-form") ? all : null;
      }, "the step_shown of the form link in the record");
      const find = (type, stepId) => {
        const e = events.find((x) => x.type === type && x.stepId === stepId);
        assert.ok(e, `the record has ${type} ${stepId}: ${JSON.stringify(events.map((x) => [x.type, x.stepId, x.url]))}`);
        return e;
      };
      // Seen by the content script (the menu item appeared) and by the background (arrival).
      assert.equal(find("step_completed", "open-account-menu").url, GROUPS);
      assert.equal(find("step_completed", "open-settings-privacy").url, GROUPS);
      assert.equal(pageOf(find("step_completed", "open-privacy-center").url), "https://www.facebook.com/privacy/center");
      assert.equal(pageOf(find("step_shown", "open-form").url), "https://www.facebook.com/privacy/center");
      assert.equal(find("step_shown", "open-settings-privacy").url, GROUPS);
      const onLoadUrl = events.filter((e) => e.url === LOADED).map((e) => `${e.type} ${e.stepId}`);
      assert.deepEqual(onLoadUrl, ["step_shown open-account-menu"], "only what happened before the pushState names the first URL");
    }));

    test("a chatty page (40 pushState/replaceState and DOM changes in 4 s) leaves one step_shown per tab, step and page", () => inFreshSession(kind, CHATTY, async ({ session, extPage, page }) => {
      await until(() => page.evaluate(() => window.__fx.chats() >= 40), "the page done chattering");
      // The card followed the page to its last URL, then the background had time to report.
      await stepOn(extPage, page, "open-form");
      await sleep(1500);
      const shown = (await journal(session)).filter((e) => e.type === "step_shown");
      const pages = shown.map((e) => pageOf(e.url));
      assert.ok(shown.every((e) => e.stepId === "open-form"), JSON.stringify(shown.map((e) => e.stepId)));
      assert.deepEqual(pages.sort(), ["https://www.facebook.com/privacy/center", "https://www.facebook.com/privacy/center/settings"],
        `one step_shown for each of the two pages, not one per URL change (${shown.length})`);
    }));
  });
}
