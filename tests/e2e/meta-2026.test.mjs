// Meta's route as it is since the policy of 23 July 2026, in real Chromium and Firefox with the
// real extension and host, on fixture pages shaped like Meta's (tests/fixtures/meta/): the
// rights list's "Object", its sub-page, Meta's privacy hub on help.meta.com, the form — links
// opening new tabs, names ending in "(Opens in a new tab)", forms behind Meta's link shim and a
// shimmed look-alike to a foreign site that is never rung. Then a page the catalog does not
// know (the fallback rings the form link), and a catalog fix shipped in the extension: a newer
// one is taken by a stale host, a broken one refused while everything keeps working.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { bundleText } from "../../scripts/bundle-catalog.mjs";
import { EXTENSION_DIR, ROOT, makeTempDir } from "./lib/env.mjs";
import { runHostCli } from "./lib/host-env.mjs";
import { screenshot, statusOf, useFixtureServer, withSession } from "./lib/session-helpers.mjs";
import { assertRingOnIntended, clickRect, fillRequired, overlayState, overlayStateOf, steadyState, until } from "./lib/walk.mjs";

const ROUTE = ["open-object-section", "open-object-link", "find-ai-form", "submit-form"];
const SHIM = /^https:\/\/(l|lm)\.(facebook|instagram)\.com\//;
const BUILTIN = JSON.parse(fs.readFileSync(path.join(ROOT, "host/catalog/catalog.json"), "utf8"));

const fixtures = useFixtureServer();

// The page a click led to: a new tab (target=_blank) once it left the shim, or the same tab
// at a new URL.
async function nextPage(session, page, before, fromUrl, extPage) {
  return until(async () => {
    for (const p of await session.browser.pages()) {
      if (p === extPage || before.has(p)) continue;
      const url = p.url();
      if (url.startsWith("https://") && !SHIM.test(url)) return p;
    }
    return page.url() !== fromUrl && !SHIM.test(page.url()) ? page : null;
  }, `the page after clicking on ${fromUrl}`);
}

// Walks from `start` clicking each ring, following new tabs and closing the tab left behind
// once the next one shows its step, until the host records the procedure as submitted.
async function walkRoute({ session, extPage, start, procedureId, onStep = async () => {} }) {
  let page = await session.browser.newPage();
  await page.goto(start);
  const seen = [];
  let previous = null;
  for (let i = 0; i < 8; i++) {
    await page.bringToFront();
    const state = await until(async () => {
      const s = await overlayStateOf(extPage, page);
      if (!s || !s.active || s.procedureId !== procedureId || !s.targetFound) return null;
      if (previous && s.stepId === previous.stepId && page.url() === previous.url) return null;
      return s;
    }, `the next step of ${procedureId} after ${previous ? previous.stepId : "the start"} on ${page.url()}`);
    seen.push(state.stepId);
    // Only this tab is left with a content script now: the ring is checked there.
    for (const p of await session.browser.pages()) if (p !== page && p !== extPage) await p.close();
    const rect = await assertRingOnIntended(page, extPage, await steadyState(page, extPage, state.stepId));
    await onStep(state, page);
    if (state.stepId === "submit-form") {
      await fillRequired(page, "person@example.org");
      const fresh = await overlayState(extPage);
      await clickRect(page, fresh.targetRect || rect);
      await until(async () => ((await statusOf(session, procedureId)).state === "submitted" ? true : null),
        `${procedureId} submitted (steps: ${seen.join(", ")})`);
      return { seen, page };
    }
    previous = { stepId: state.stepId, url: page.url() };
    const before = new Set(await session.browser.pages());
    const fresh = await overlayState(extPage);
    await clickRect(page, fresh.targetRect || rect);
    page = await nextPage(session, page, before, previous.url, extPage);
  }
  throw new Error(`${procedureId}: no submit step reached; steps seen: ${seen.join(", ")}`);
}

// A copy of the extension carrying another catalog: host/catalog with `edit` applied.
function extensionWithCatalog(edit) {
  const dir = makeTempDir("ext");
  fs.cpSync(EXTENSION_DIR, dir, { recursive: true });
  const catalog = path.join(dir, "__catalog");
  fs.cpSync(path.join(ROOT, "host/catalog"), catalog, { recursive: true });
  const read = (f) => JSON.parse(fs.readFileSync(path.join(catalog, f), "utf8"));
  const header = read("catalog.json");
  const ig = read("procedures/instagram-ai-objection.json");
  edit(header, ig);
  fs.writeFileSync(path.join(catalog, "catalog.json"), JSON.stringify(header));
  fs.writeFileSync(path.join(catalog, "procedures/instagram-ai-objection.json"), JSON.stringify(ig));
  fs.writeFileSync(path.join(dir, "catalog/bundled.js"), bundleText(catalog));
  fs.rmSync(catalog, { recursive: true });
  return dir;
}

async function backgroundStatus(extPage) {
  return extPage.evaluate(() => (globalThis.browser || globalThis.chrome).runtime.sendMessage({ type: "status" }));
}

// A new tab on `url` once its card is shown with the ring on a target: { page, state }.
async function ringedPage(session, extPage, url, what) {
  const page = await session.browser.newPage();
  await page.goto(url);
  const state = await until(async () => {
    const s = await overlayStateOf(extPage, page);
    return s && s.active && s.targetFound ? s : null;
  }, what);
  return { page, state };
}

async function cardOnPolicy(session, extPage) {
  const url = "https://privacycenter.instagram.com/policy/";
  return (await ringedPage(session, extPage, url, "the card and its ring on the 2026 policy page")).state;
}

for (const kind of ["chromium", "firefox"]) {
  describe(`${kind}: the 2026 route`, { concurrency: false }, () => {
    for (const [lang, start, procedureId] of [
      ["en", "https://privacycenter.instagram.com/policy/", "instagram-ai-objection"],
      ["fr", "https://fr-fr.facebook.com/privacy/policy/", "facebook-ai-objection"],
    ]) {
      test(`${lang}: ${procedureId} from the policy's rights list through help.meta.com to the form, across new tabs`, async () => {
        await withSession(fixtures, { kind, uiLang: lang }, async ({ session, extPage }) => {
          const before = fixtures.submissions.length;
          const counts = [];
          const { seen } = await walkRoute({ session, extPage, start, procedureId, onStep: async (state, page) => {
            counts.push(`${state.stepIndex} of ${state.stepCount}`);
            if (kind === "chromium" && state.stepId === "open-object-link") await screenshot(page, `card-2026-${lang}.png`);
          } });
          assert.deepEqual(seen, ROUTE);
          // The card counts the 2026 route (then the email), not the 2025 steps as well.
          assert.deepEqual(counts, ["1 of 5", "2 of 5", "3 of 5", "4 of 5"]);
          const row = await statusOf(session, procedureId);
          assert.equal(row.state, "submitted");
          // The steps whose links opened a new tab were completed there, on arrival.
          const exported = JSON.parse((await runHostCli(session.hostEnv, ["export", "--format", "json"])).stdout);
          const completed = exported.events.filter((e) => e.procedureId === procedureId && e.type === "step_completed").map((e) => e.stepId);
          for (const step of ["open-object-section", "open-object-link", "find-ai-form"]) assert.ok(completed.includes(step), `${step} completed: ${completed}`);
          const submission = fixtures.submissions.slice(before).at(-1);
          assert.ok(submission && ["233964459562201", "6359191084165019"].includes(submission.formId), "the AI form, not a generic one");
        });
      });
    }

    test("a page on the route the catalog does not know: the link to the form is rung, never the shimmed foreign one", async () => {
      await withSession(fixtures, { kind }, async ({ session, extPage }) => {
        const { page, state } = await ringedPage(session, extPage, "https://help.meta.com/help/privacy-choices/",
          "the fallback ring on the unknown page");
        assert.equal(state.stepId, "unknown-page");
        assert.equal(state.viaFallback, true);
        assert.ok(state.notes.length >= 2, `the card says the page is unverified and the ring a fallback: ${state.notes}`);
        const ringed = await page.evaluate((r) => {
          const hit = [...document.querySelectorAll("a[href]")].find((a) => {
            const b = a.getBoundingClientRect();
            return Math.abs(b.x - r.x) <= 1 && Math.abs(b.y - r.y) <= 1 && Math.abs(b.width - r.width) <= 1;
          });
          return hit ? hit.href : null;
        }, state.targetRect);
        assert.ok(ringed, "the ring sits on a link");
        assert.doesNotMatch(decodeURIComponent(ringed), /ai-optout\.example/, "never the shimmed link to a foreign site");
        assert.match(decodeURIComponent(ringed), /help\.instagram\.com\/contact\/233964459562201|facebook\.com\/help\/contact\/6359191084165019/);
      });
    });

    test("a form sent by script (a div role=button, no submit event): the guide shows the form step on its Send", async () => {
      await withSession(fixtures, { kind }, async ({ session, extPage }) => {
        const { page, state } = await ringedPage(session, extPage, "https://help.instagram.com/contact/233964459562201?fx_send=script",
          "the form step on the script-sent form");
        assert.equal(state.stepId, "submit-form");
        await assertRingOnIntended(page, extPage, state);
      });
    });
  });

  describe(`${kind}: a catalog fix shipped in the extension`, { concurrency: false }, () => {
    test("a stale host takes the extension's newer catalog and serves it", async () => {
      const dir = extensionWithCatalog((header, ig) => {
        header.version = BUILTIN.version + 1;
        ig.steps.find((s) => s.id === "open-object-section").instruction.en = "Click “Object” (catalog fixed by the extension).";
      });
      try {
        await withSession(fixtures, { kind, extensionDir: dir }, async ({ session, extPage }) => {
          const status = await until(async () => {
            const s = await backgroundStatus(extPage);
            return s && s.catalogOffer && s.status.hello && s.status.hello.catalog.version === BUILTIN.version + 1 ? s : null;
          }, "the host serving the extension's catalog");
          assert.equal(status.catalogOffer.accepted, true);
          const kept = path.join(session.hostEnv.XDG_CONFIG_HOME, "optout-guide/catalog/catalog.json");
          assert.equal(JSON.parse(fs.readFileSync(kept, "utf8")).version, BUILTIN.version + 1, "kept as the user's override");
          const version = await runHostCli(session.hostEnv, ["--version"]);
          assert.match(version.stdout, new RegExp(`catalog ${BUILTIN.version + 1} `), "the next host starts with it too");
          const card = await cardOnPolicy(session, extPage);
          assert.equal(card.stepId, "open-object-section");
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    test("a broken catalog in the extension is refused with its reason, and nothing breaks", async () => {
      const dir = extensionWithCatalog((header, ig) => {
        header.version = BUILTIN.version + 1;
        ig.steps.find((s) => s.id === "open-object-link").directLink = "https://l.facebook.com/l.php?u=https%3A%2F%2Fevil.example%2F";
      });
      try {
        await withSession(fixtures, { kind, extensionDir: dir }, async ({ session, extPage }) => {
          const status = await until(async () => {
            const s = await backgroundStatus(extPage);
            return s && s.catalogOffer ? s : null;
          }, "the outcome of the offer");
          assert.equal(status.catalogOffer.accepted, false);
          assert.equal(status.catalogOffer.error.code, "invalid_catalog");
          assert.match(status.catalogOffer.error.message, /instagram-ai-objection\.json.*directLink/);
          assert.equal(status.status.hello.catalog.version, BUILTIN.version, "the host's own catalog keeps serving");
          assert.ok(!fs.existsSync(path.join(session.hostEnv.XDG_CONFIG_HOME, "optout-guide/catalog")), "nothing kept");
          await extPage.evaluate(() => globalThis.OptoutGuide.popup.refresh(false));
          const said = await until(() => extPage.evaluate(() => {
            const e = document.querySelector('[data-offer="refused"]');
            return e ? { text: e.textContent, detail: e.title } : null;
          }), "the popup says the extension's catalog was refused, and why");
          // The sentence in the UI's language, chosen by the code; the host's detail, which
          // names the file and field, only as the line's tooltip.
          assert.match(said.text, new RegExp(`\\(version ${BUILTIN.version + 1}\\).*cannot read that catalog`));
          assert.doesNotMatch(said.text, /directLink/);
          assert.match(said.detail, /instagram-ai-objection\.json.*directLink/);
          const card = await cardOnPolicy(session, extPage);
          assert.equal(card.stepId, "open-object-section");
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
