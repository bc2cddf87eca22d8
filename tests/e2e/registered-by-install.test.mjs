// The host registered the way a user registers it — `optout-guide-host install` in their HOME,
// nothing written by the test itself — is found and spoken to by a real Chromium and a real
// Firefox; `doctor` agrees; `uninstall` takes the registration away again.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { launchSession, openExtensionPage, useFixtureServer } from "./lib/session-helpers.mjs";
import { runHostCli } from "./lib/host-env.mjs";
import { overlayState, until } from "./lib/walk.mjs";

const fixtures = useFixtureServer();

// The user's environment: their HOME, their XDG folders, no system folders of the real machine.
function userEnv(session) {
  return { ...session.hostEnv, HOME: session.home, OPTOUT_GUIDE_SYSTEM_ROOT: path.join(session.tmp, "sysroot") };
}

for (const kind of ["chromium", "firefox"]) {
  describe(`${kind}: host registered by optout-guide-host install`, { concurrency: false }, () => {
    let session;
    let installed;
    before(async () => {
      session = await launchSession({
        kind, uiLang: "en", fixturePort: fixtures.port, registerHost: "install",
        onBeforeLaunch: async (s) => {
          installed = await runHostCli(userEnv(s), ["install"]);
        },
      });
    });
    after(async () => {
      if (session) await session.close();
    });

    test("install registered this browser and doctor says it is ready", async () => {
      assert.equal(installed.code, 0, `install failed: ${installed.stdout}${installed.stderr}`);
      const manifest = kind === "chromium"
        ? path.join(session.hostEnv.XDG_CONFIG_HOME, "chromium/NativeMessagingHosts/org.optoutguide.host.json")
        : path.join(session.home, ".mozilla/native-messaging-hosts/org.optoutguide.host.json");
      assert.ok(fs.existsSync(manifest), `install wrote no ${manifest}`);
      const doctor = await runHostCli(userEnv(session), ["doctor", "--json"]);
      assert.equal(doctor.code, 0, `doctor: ${doctor.stdout}${doctor.stderr}`);
    });

    test("the browser reaches the host: the popup is connected and the card guides", async () => {
      const extPage = await openExtensionPage(session);
      const state = await until(() => extPage.evaluate(() => {
        const h = document.getElementById("host");
        return h && h.dataset.state !== "connecting" ? h.dataset.state : null;
      }), "the popup knows whether the host answers");
      assert.equal(state, "connected");
      const page = await session.browser.newPage();
      await page.goto("https://www.instagram.com/?fx_delay=0");
      await page.bringToFront();
      const overlay = await until(async () => {
        const s = await overlayState(extPage);
        return s && s.active && s.procedureId ? s : null;
      }, "the card shows a step from the host");
      assert.equal(overlay.procedureId, "instagram-ai-objection");
    });

    test("uninstall removes the registration and leaves the progress store", async () => {
      const store = path.join(session.hostEnv.XDG_DATA_HOME, "optout-guide/progress.db");
      assert.ok(fs.existsSync(store), "the browser's host should have created the store");
      const r = await runHostCli(userEnv(session), ["uninstall"]);
      assert.equal(r.code, 0, `uninstall: ${r.stdout}${r.stderr}`);
      const doctor = await runHostCli(userEnv(session), ["doctor", "--json"]);
      assert.notEqual(doctor.code, 0, "doctor should report the browser as no longer registered");
      assert.ok(fs.existsSync(store), "uninstall without --purge must keep the store");
    });
  });
}
