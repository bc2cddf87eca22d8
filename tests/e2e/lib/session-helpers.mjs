// Shared set-up for the end-to-end files: the fixture server, a browser session, the host's
// view of the store, the popup's view of it.
import fs from "node:fs";
import path from "node:path";
import { startFixtureServer } from "../../fixtures/server.mjs";
import { ARTIFACT_DIR, hostBinaryExists, HOST_BINARY, SCREENSHOT_DIR } from "./env.mjs";
import { hostStatusJson } from "./host-env.mjs";
import { launchSession, openExtensionPage } from "./browsers.mjs";
import { until } from "./walk.mjs";

export function requireHost() {
  if (!hostBinaryExists()) {
    throw new Error(`the host binary ${HOST_BINARY} does not exist: build it (cmake --build build) or set OG_HOST_BINARY`);
  }
}

export { startFixtureServer, launchSession, openExtensionPage };

export async function statusOf(session, procedureId, account = "default") {
  const all = await hostStatusJson(session.hostEnv);
  const row = all.find((r) => r.procedureId === procedureId && r.account === account);
  if (!row) throw new Error(`status --json has no row for ${procedureId}/${account}`);
  return row;
}

// The popup (opened as a tab) re-reads the host and shows the procedure's state.
export async function popupState(extPage, procedureId) {
  await extPage.evaluate(() => globalThis.OptoutGuide.popup.refresh(false));
  return until(() => extPage.evaluate((id) => {
    const card = document.querySelector(`[data-procedure="${id}"]`);
    return card ? { state: card.dataset.state, text: card.innerText } : null;
  }, procedureId), `the popup shows ${procedureId}`);
}

// Every run saves its screenshots in tests/e2e/artifacts/screenshots; OG_UPDATE_SCREENSHOTS=1
// writes them to docs/screenshots instead (the pictures the README shows), so that an ordinary
// test run does not rewrite tracked files.
export async function screenshot(page, name) {
  const dir = process.env.OG_UPDATE_SCREENSHOTS === "1" ? SCREENSHOT_DIR : path.join(ARTIFACT_DIR, "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  await page.screenshot({ path: file, type: "png" });
  return file;
}

export function urlFor(base, lang) {
  if (lang !== "fr") return base;
  const u = new URL(base);
  u.searchParams.set("locale", "fr_FR");
  return u.href;
}

// One fixture server for the file that calls this at its top level (node:test before/after);
// the returned function gives it to the tests.
export function useFixtureServer(before, after) {
  let fixtures = null;
  before(async () => {
    requireHost();
    fixtures = await startFixtureServer({ port: 0 });
  });
  after(async () => {
    if (fixtures) await fixtures.close();
  });
  return () => fixtures;
}
