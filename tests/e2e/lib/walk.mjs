// Walking a procedure as a user would: read where the overlay's ring is (getOverlayState,
// asked from an extension page with tabs.sendMessage), check it sits on the element the
// fixture says is right, click there with the mouse, repeat.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./env.mjs";

const EXPECTED = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/fixtures/meta/expected.json"), "utf8"));

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls fn until it returns a truthy value. The bound only keeps a broken run from hanging;
// no assertion depends on how long anything took.
export async function until(fn, what, bound = 90000) {
  const start = Date.now();
  let last;
  for (;;) {
    last = await fn().catch((e) => ({ __error: String(e && e.message || e) }));
    if (last && !last.__error) return last;
    if (Date.now() - start > bound) throw new Error(`never happened: ${what}; last seen: ${JSON.stringify(last)}`);
    await sleep(150);
  }
}

// The content script's answer from whichever tab has one (the tests keep one Meta tab open).
export function overlayState(extPage) {
  return extPage.evaluate(async () => {
    const api = globalThis.browser || globalThis.chrome;
    const tabs = await api.tabs.query({});
    for (const t of tabs) {
      try {
        const s = await api.tabs.sendMessage(t.id, { type: "getOverlayState" });
        if (s) return s;
      } catch {
        // no content script in that tab
      }
    }
    return null;
  });
}

// The fixture page of `url`: same host (locale hosts read as www) and path, and the same
// values of the query parameters that choose a variant of the page.
const VARIANT_PARAMS = ["subpage", "fx_variant", "fx_send"];
function expectedPage(url) {
  const u = new URL(url);
  const host = u.hostname.replace(/^[a-z]{2}-[a-z]{2}\.facebook\.com$/, "www.facebook.com");
  const norm = (p) => p.replace(/\/+$/, "") || "/";
  return EXPECTED.pages.find((p) => {
    const e = new URL(p.url);
    return e.hostname === host && norm(e.pathname) === norm(u.pathname) &&
      VARIANT_PARAMS.every((k) => e.searchParams.get(k) === u.searchParams.get(k));
  });
}

// What every Meta tab's content script says (the tests may have several open).
export function overlayStates(extPage) {
  return extPage.evaluate(async () => {
    const api = globalThis.browser || globalThis.chrome;
    const out = [];
    for (const t of await api.tabs.query({})) {
      try {
        const s = await api.tabs.sendMessage(t.id, { type: "getOverlayState" });
        if (s) out.push(s);
      } catch {
        // no content script in that tab
      }
    }
    return out;
  });
}

// The state of the tab showing `page` (its content script reports the URL it guides on).
export async function overlayStateOf(extPage, page) {
  const url = page.url();
  return (await overlayStates(extPage)).find((s) => s.url === url) || null;
}

// The fixture's own answer to "which element is right for this step on this page", as CSS
// paths the extension never sees.
export function intendedSelectors(url, procedureId, stepId) {
  const page = expectedPage(url);
  if (!page) return [];
  return page.checks.filter((c) => c.step === `${procedureId}/${stepId}` && c.element)
    .flatMap((c) => [c.element, ...(c.alternates || [])]);
}

// Asserts the ring's target is one of the intended elements; returns the target rect, scrolled
// into view first when needed.
export async function assertRingOnIntended(page, extPage, state) {
  const selectors = intendedSelectors(page.url(), state.procedureId, state.stepId);
  assert.ok(selectors.length, `expected.json names no element for ${state.procedureId}/${state.stepId} on ${page.url()}`);
  let rect = state.targetRect;
  const viewport = await page.evaluate(() => ({ w: innerWidth, h: innerHeight }));
  if (rect.y < 0 || rect.y + rect.height > viewport.h) {
    await page.evaluate((r) => window.scrollBy(0, r.y - innerHeight / 2), rect);
    const again = await until(async () => {
      const s = await overlayState(extPage);
      return s && s.targetRect && s.targetRect.y >= 0 && s.targetRect.y + s.targetRect.height <= viewport.h ? s : null;
    }, "target scrolled into view");
    rect = again.targetRect;
  }
  const hits = await page.evaluate((sels, r) => sels.map((sel) => {
    const el = document.querySelector(sel);
    if (!el) return { sel, found: false };
    const b = el.getBoundingClientRect();
    const near = (a, c) => Math.abs(a - c) <= 1;
    return { sel, found: true, same: near(b.x, r.x) && near(b.y, r.y) && near(b.width, r.width) && near(b.height, r.height) };
  }), selectors, rect);
  assert.ok(hits.some((h) => h.same),
    `ring on ${state.procedureId}/${state.stepId} at ${JSON.stringify(rect)} is not on the intended element: ${JSON.stringify(hits)} (${page.url()})`);
  return rect;
}

// The overlay's state for `stepId` once the page has stopped moving, as a user sees it before
// clicking: the fixture has rendered its late content (its __fx.settled(), when the page has
// the fixture's script), then two looks in a row find the target in the same box with the ring
// drawn around it. A click at a box read while late content still pushed the target about can
// land on its neighbour.
export async function steadyState(page, extPage, stepId) {
  await page.evaluate(() => (window.__fx ? window.__fx.settled() : null));
  const same = (a, b) => ["x", "y", "width", "height"].every((k) => Math.abs(a[k] - b[k]) < 1);
  const around = (r, t) => r.x <= t.x && r.y <= t.y && r.x + r.width >= t.x + t.width && r.y + r.height >= t.y + t.height;
  let last = null;
  return until(async () => {
    const s = await overlayStateOf(extPage, page);
    const before = last;
    last = s;
    if (!s || !s.active || s.stepId !== stepId || !s.targetFound || !s.ring || !around(s.ring, s.targetRect)) return null;
    return before && before.targetRect && before.ring && same(before.targetRect, s.targetRect) && same(before.ring, s.ring) ? s : null;
  }, `the ring on ${stepId} holding still on ${page.url()}`);
}

export async function clickRect(page, rect) {
  await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
}

// Types into required fields that are still empty, as the user does before submitting.
export async function fillRequired(page, email) {
  const empty = await page.evaluate(() => Array.from(document.querySelectorAll("form input[required], form textarea[required]"))
    .filter((el) => !el.value && el.type !== "hidden" && el.type !== "file" && el.offsetParent !== null)
    .map((el) => (el.id ? `#${CSS.escape(el.id)}` : `[name="${el.name}"]`)));
  for (const sel of empty) {
    await page.click(sel);
    await page.keyboard.type(sel.includes("mail") ? email : "I object.");
  }
}

// Walks from the current page until the host records the procedure as submitted. onStep(state,
// index) may act before each click (screenshots, killing the host...). Returns the step ids seen.
export async function walkProcedure({ page, extPage, procedureId, statusOf, onStep = async () => {} }) {
  const seen = [];
  let previous = null;
  for (let i = 0; i < 15; i++) {
    await page.bringToFront();
    const state = await until(async () => {
      const s = await overlayState(extPage);
      if (!s || !s.active || s.procedureId !== procedureId || !s.targetFound) return null;
      // The step must be the one chosen for the page now shown (a pushState may be in flight).
      if (s.url !== page.url()) return null;
      if (previous && s.stepId === previous.stepId && page.url() === previous.url) return null;
      return s;
    }, `the next step of ${procedureId} after ${previous ? previous.stepId : "the start"}`);
    seen.push(state.stepId);
    if (process.env.OG_E2E_DEBUG) console.log(`step ${state.stepId} on ${page.url()} at ${JSON.stringify(state.targetRect)}`);
    await onStep(state, i);
    // Checked and clicked only once the ring holds still: a box read while late content still
    // moves the target can put the click on its neighbour (the Instagram walk's old flake).
    await assertRingOnIntended(page, extPage, await steadyState(page, extPage, state.stepId));
    if (state.stepId === "submit-form") await fillRequired(page, "person@example.org");
    previous = { stepId: state.stepId, url: page.url() };
    const still = await steadyState(page, extPage, state.stepId);
    await clickRect(page, await assertRingOnIntended(page, extPage, still));
    if (state.stepId === "submit-form") {
      await until(async () => ((await statusOf(procedureId)).state === "submitted" ? true : null),
        `${procedureId} recorded as submitted by the host (steps: ${seen.join(", ")})`);
      return seen;
    }
  }
  throw new Error(`${procedureId}: no submit step reached; steps seen: ${seen.join(", ")}`);
}
