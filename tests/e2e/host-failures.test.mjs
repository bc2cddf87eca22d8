// When the host is missing the user is told, in the popup and on the page, and led to the
// onboarding page (tests/e2e/onboarding.test.mjs follows it to the end); when the host is killed in the middle of a procedure the extension starts a
// new one and nothing the user did is lost.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launchSession, openExtensionPage, statusOf, useFixtureServer } from "./lib/session-helpers.mjs";
import { hostPids } from "./lib/host-env.mjs";
import { assertRingOnIntended, clickRect, overlayState, until } from "./lib/walk.mjs";

const fixtures = useFixtureServer();

for (const kind of ["chromium", "firefox"]) {
  describe(`${kind}: host not installed`, { concurrency: false }, () => {
    let session;
    before(async () => {
      session = await launchSession({ kind, uiLang: "en", fixturePort: fixtures.port, registerHost: false });
    });
    after(async () => {
      if (session) await session.close();
    });

    test("the popup names the problem and opens the installation page", async () => {
      const extPage = await openExtensionPage(session);
      const host = await until(() => extPage.evaluate(() => {
        const h = document.getElementById("host");
        return h.dataset.state === "unavailable" ? { reason: h.dataset.reason, text: h.innerText } : null;
      }), "the popup reports the host unavailable");
      assert.equal(host.reason, "host_missing");
      assert.match(host.text, /not installed/);
      assert.doesNotMatch(host.text, /scripts\/install\.sh/);
      const tabs = () => extPage.evaluate(async () => (await globalThis.OptoutGuide.api.tabs.query({}))
        .filter((t) => String(t.url).endsWith("/onboarding/onboarding.html")).length);
      const before = await tabs();
      // The popup opens the page in a new tab and closes itself, as a popup does.
      const other = await openExtensionPage(session);
      // The button appears once the popup has heard from the background.
      await until(() => other.evaluate(() => !!document.getElementById("install-helper")), "the install button");
      await other.evaluate(() => document.getElementById("install-helper").click());
      await until(async () => (await tabs()) === before + 1, "a new onboarding tab");
    });

    test("the card on a Meta page says so too, never a silent nothing", async () => {
      const extPage = await openExtensionPage(session);
      const page = await session.browser.newPage();
      await page.goto("https://www.instagram.com/");
      await page.bringToFront();
      const state = await until(async () => {
        const s = await overlayState(extPage);
        return s && s.error ? s : null;
      }, "the card reports the missing host");
      assert.equal(state.error.code, "host_missing");
      assert.equal(state.error.page, "onboarding/onboarding.html");
      assert.equal(state.active, false);
    });
  });
}

describe("chromium: host killed mid-procedure", { concurrency: false }, () => {
  let session;
  before(async () => {
    session = await launchSession({ kind: "chromium", uiLang: "en", fixturePort: fixtures.port });
  });
  after(async () => {
    if (session) await session.close();
  });

  test("a new host is started and every step done before and after the kill is kept", async () => {
    const extPage = await openExtensionPage(session);
    const page = await session.browser.newPage();
    await page.goto("https://www.instagram.com/");
    await page.bringToFront();
    const first = await until(async () => {
      const s = await overlayState(extPage);
      return s && s.active && s.targetFound && s.stepId === "open-more-menu" ? s : null;
    }, "the first step");
    const rect = await assertRingOnIntended(page, extPage, first);
    const before = hostPids(session.hostEnv);
    assert.equal(before.length, 1, "one host serves the browser");
    process.kill(before[0], "SIGKILL");
    // The user goes on at once: this step's completion reaches a host that is not there yet.
    await clickRect(page, rect);
    const second = await until(async () => {
      const s = await overlayState(extPage);
      return s && s.active && s.targetFound && s.stepId === "open-settings" && s.url === page.url() ? s : null;
    }, "the guide continues after the kill");
    const after = await until(async () => {
      const pids = hostPids(session.hostEnv);
      return pids.length === 1 && pids[0] !== before[0] ? pids : null;
    }, "a new host process");
    assert.notEqual(after[0], before[0]);
    await clickRect(page, (await assertRingOnIntended(page, extPage, second)));
    const row = await until(async () => {
      const r = await statusOf(session, "instagram-ai-objection");
      return r.doneSteps.includes("open-more-menu") && r.doneSteps.includes("open-settings") ? r : null;
    }, "both steps stored");
    assert.equal(row.state, "in_progress");
    assert.ok(row.stepIndex >= 3, `step ${row.stepIndex} after two steps done`);
  });
});
