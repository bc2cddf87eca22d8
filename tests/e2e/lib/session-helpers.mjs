// Shared set-up for the end-to-end files: the fixture server, a browser session, the host's
// view of the store, the popup's view of it.
import fs from "node:fs";
import path from "node:path";
import { after, before } from "node:test";
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

// The fixture server for the whole test file: started (after checking the host binary) before
// its first test, closed after its last. Returns the server itself once started (`port`,
// `submissions`, ...); reading it earlier throws, since nothing is listening yet.
export function useFixtureServer() {
  let server = null;
  before(async () => {
    requireHost();
    server = await startFixtureServer({ port: 0 });
  });
  after(async () => {
    if (server) await server.close();
  });
  return new Proxy({}, {
    get(_, key) {
      if (!server) throw new Error(`fixtures.${String(key)} read before the fixture server started (use it inside a hook or test)`);
      const value = server[key];
      return typeof value === "function" ? value.bind(server) : value;
    },
  });
}

// The browser session of the describe block it is called in: launched (`kind`, `uiLang`, and
// any other option of launchSession) with the extension's popup open as a tab and, unless
// `page: false`, one more tab for the tests, before its first test; closed after its last. Its
// `session`, `extPage` and `page` are null until then.
export function useSession(fixtures, { page = true, uiLang = "en", ...options }) {
  const ctx = { session: null, extPage: null, page: null };
  before(async () => {
    ctx.session = await launchSession({ uiLang, fixturePort: fixtures.port, ...options });
    ctx.extPage = await openExtensionPage(ctx.session);
    if (page) ctx.page = await ctx.session.browser.newPage();
  });
  after(async () => {
    if (ctx.session) await ctx.session.close();
  });
  return ctx;
}

// A browser session for one test: launched as useSession's, handed to `fn` with the popup's tab
// as { session, extPage }, and closed however `fn` ends.
export async function withSession(fixtures, { uiLang = "en", ...options }, fn) {
  const session = await launchSession({ uiLang, fixturePort: fixtures.port, ...options });
  try {
    return await fn({ session, extPage: await openExtensionPage(session) });
  } finally {
    await session.close();
  }
}

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
