// A person who installed the extension but not the helper: the browser opens the onboarding page
// by itself, the page shows the one thing to do on this system (this machine is Linux on
// x86-64, so the .deb), and once the helper is registered (its manifest written where the
// browser looks, as the installers do) the page turns green without a reload. The popup and the
// card lead to the same page.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { launchSession, openExtensionPage, screenshot, useFixtureServer } from "./lib/session-helpers.mjs";
import { EXTENSION_DIR } from "./lib/env.mjs";
import { overlayState, until } from "./lib/walk.mjs";

const VERSION = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, "manifest.json"), "utf8")).version;
const PAGE = "onboarding/onboarding.html";

const fixtures = useFixtureServer();

// Chromium in French, Firefox in English: both languages a person here is most likely to read.
for (const [kind, uiLang] of [["chromium", "fr"], ["firefox", "en"]]) {
  describe(`${kind} (${uiLang}): from no helper to green`, { concurrency: false }, () => {
    let session;
    before(async () => {
      session = await launchSession({ kind, uiLang, fixturePort: fixtures.port, registerHost: false });
    });
    after(async () => {
      if (session) await session.close();
    });

    test("first run without the helper opens the onboarding page by itself", async () => {
      const url = `${session.origin}/${PAGE}`;
      // Firefox's WebDriver BiDi shows extension tabs as about:blank; the extension's own
      // tabs.query sees their URL.
      const ext = session.kind === "firefox" ? await openExtensionPage(session) : null;
      const opened = await until(async () => {
        if (ext) return ext.evaluate(async (u) => (await browser.tabs.query({})).some((t) => String(t.url).startsWith(u)), url);
        return (await session.browser.pages()).some((p) => p.url().startsWith(url));
      }, "the onboarding tab opened at install");
      assert.ok(opened);
      if (ext) await ext.close();
    });

    test("the card and the popup offer the onboarding page, not a command from the source tree", async () => {
      const popup = await openExtensionPage(session);
      const host = await until(() => popup.evaluate(() => {
        const h = document.getElementById("host");
        const button = document.getElementById("install-helper");
        return h.dataset.state === "unavailable" && button ? { reason: h.dataset.reason, text: h.innerText, button: button.innerText } : null;
      }), "the popup reports the missing helper");
      assert.equal(host.reason, "host_missing");
      assert.doesNotMatch(host.text, /scripts\/install\.sh/);
      assert.equal(host.button, uiLang === "fr" ? "Me montrer comment l’installer" : "Show me how to install it");

      const page = await session.browser.newPage();
      await page.goto("https://www.instagram.com/");
      await page.bringToFront();
      const state = await until(async () => {
        const s = await overlayState(popup);
        return s && s.error ? s : null;
      }, "the card reports the missing helper");
      assert.deepEqual({ ...state.error }, { code: "host_missing", page: PAGE });
      await page.close();
      await popup.close();
    });

    test("the page shows the one thing to do on this system, then turns green by itself once the helper is registered", async () => {
      const page = await openExtensionPage(session, PAGE);
      const shown = await until(() => page.evaluate(() => {
        const box = document.getElementById("instructions");
        const steps = [...document.querySelectorAll("#steps > li")];
        if (!box.dataset.os || !steps.length) return null;
        return {
          os: box.dataset.os,
          heading: document.getElementById("detected").innerText,
          steps: steps.map((li) => li.dataset.step),
          files: [...document.querySelectorAll("a.download")].map((a) => a.dataset.file),
          commands: [...document.querySelectorAll("#steps code, #other code")].map((c) => c.innerText),
          status: document.getElementById("status").dataset.state,
          title: document.querySelector("h1").innerText,
        };
      }), "the instructions");
      assert.equal(shown.os, "linux");
      assert.deepEqual(shown.steps, ["onbDebDownload", "onbDebRun", "onbDebOtherBrowsers", "onbComeBack"]);
      assert.deepEqual(shown.files, [`optout-guide_${VERSION}_amd64.deb`, `optout-guide-${VERSION}-source.tar.gz`]);
      assert.ok(shown.commands.includes(`sudo apt install "$(xdg-user-dir DOWNLOAD)/optout-guide_${VERSION}_amd64.deb"`), shown.commands.join("\n"));
      assert.equal(shown.status, "waiting");
      if (uiLang === "fr") {
        assert.equal(shown.title, "Installer le programme d’aide optout-guide");
        assert.match(shown.heading, /^Ce qu’il faut faire sous Linux \(avec /);
      } else {
        assert.equal(shown.title, "Install the optout-guide helper program");
        assert.match(shown.heading, /^What to do on Linux \(with Firefox\)$/);
      }

      if (kind === "chromium") await screenshot(page, `onboarding-linux-${uiLang}.png`);

      // A mark only this document carries: a reload would lose it.
      await page.evaluate(() => { globalThis.ogNotReloaded = true; });
      session.registerHost();
      const green = await until(() => page.evaluate(() => {
        const s = document.getElementById("status");
        return s.dataset.state === "connected" ? { text: s.innerText, same: globalThis.ogNotReloaded === true } : null;
      }), "the page turns green");
      assert.equal(green.same, true, "the page was not reloaded");
      assert.match(green.text, uiLang === "fr" ? /Le programme d’aide répond\u00A0: tout est prêt/ : /The helper program answers: you are all set/);
      const hidden = await page.evaluate(() => getComputedStyle(document.getElementById("instructions")).display);
      assert.equal(hidden, "none", "the steps are gone once nothing is left to do");
      if (kind === "chromium") await screenshot(page, `onboarding-connected-${uiLang}.png`);
    });
  });
}
