// Page cost of the extension in real Chromium (docs/benchmarks.md): on a heavy Meta-like page
// (≥ 10,000 elements, a feed churning every frame) the renderer's main-thread task time with the
// extension against a browser without it, same run, alternating; and the time from inserting
// the target element to the ring being painted. Prints Markdown rows.
//   node bench/page_cost.mjs [rounds]
// OG_BENCH_PAGE_BEFORE=dir adds a fourth mode, "shown, before": the ring shown by another copy
// of extension/ (main's, say: `git archive main extension | tar -x -C /tmp/main`), in its own
// browser, interleaved with the others, so a change is measured against what it replaces.
import path from "node:path";
import puppeteer from "puppeteer-core";
import { startFixtureServer } from "../tests/fixtures/server.mjs";
import { launchSession, openExtensionPage } from "../tests/e2e/lib/browsers.mjs";
import { CHROMIUM } from "../tests/e2e/lib/env.mjs";
import { overlayState, until } from "../tests/e2e/lib/walk.mjs";
import { churn, contentWorld, FRAMES, POLICY, ringOnTarget, taskMs } from "./page_common.mjs";

const ROUNDS = Number(process.argv[2] || 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Insertion → ring painted: on the heavy page every element the guide would ring is removed,
// the extension notices (the ring goes), then they are put back. The time runs from the
// insertion (the document's clock) to the frame after the one in which the overlay first drew the ring
// (overlay.drawn().ringAt, same document clock), i.e. once that frame was painted.
async function ringDelay(session, extPage) {
  const page = await session.browser.newPage();
  await page.goto(POLICY);
  await until(async () => (ringOnTarget(await overlayState(extPage)) ? true : null), "ring on the policy page");
  await churn(page); // the heavy page, before the target appears
  // Every element the guide would ring: its target, then whatever its fallback finds next
  // (links to the form anywhere on the page), each left as a comment where it stood.
  let removed = 0;
  for (let i = 0; i < 30; i++) {
    const s = await overlayState(extPage);
    if (!s.targetFound && !s.ring) {
      await new Promise((r) => setTimeout(r, 700));
      const again = await overlayState(extPage);
      if (!again.targetFound && !again.ring) break;
      continue;
    }
    removed += await contentWorld(page, session.origin, `(() => {
      const t = globalThis.OptoutGuide.activeGuide.step.target;
      if (!t || !t.isConnected) return 0;
      const mark = document.createComment("bench");
      t.replaceWith(mark);
      (globalThis.__removed = globalThis.__removed || []).push([mark, t]);
      return 1;
    })()`);
    await new Promise((r) => setTimeout(r, 300));
  }
  await until(async () => { const s = await overlayState(extPage); return s && !s.targetFound && !s.ring ? s : null; }, "ring gone with its targets");
  await contentWorld(page, session.origin, `(() => {
    const ov = globalThis.OptoutGuide.activeGuide.overlay;
    const before = ov.drawn().ringAt;
    globalThis.__ringPainted = null;
    // Per frame only while measuring: a number compared, nothing of the page read.
    const tick = () => {
      if (ov.drawn().ringAt !== before) requestAnimationFrame((t) => { globalThis.__ringPainted = { drawnAt: ov.drawn().ringAt, paintedAt: t }; });
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  // The page puts them back: new elements, as a re-render would make them.
  const insertedAt = await contentWorld(page, session.origin, `(() => {
    const t = performance.now();
    for (const [mark, el] of globalThis.__removed) mark.replaceWith(el.cloneNode(true));
    globalThis.__removed = [];
    return t;
  })()`);
  const got = await until(() => contentWorld(page, session.origin, "globalThis.__ringPainted"), "ring painted");
  const onTarget = ringOnTarget(await overlayState(extPage));
  await page.close();
  return { ms: got.paintedAt - insertedAt, drawnMs: got.drawnAt - insertedAt, removed, onTarget };
}

const hide = (extPage, hosts) => extPage.evaluate((h) => (globalThis.browser || globalThis.chrome).storage.local.set({ hiddenHosts: h }), hosts);

// One measured window. "shown": the ring must be on its target at both ends (recorded, and the
// row says in how many rounds it was); "idle": the user hid the guide on this site, so the
// content scripts run but show nothing (checked at both ends too).
async function measure(browser, mode, extPage) {
  const page = await browser.newPage();
  await page.goto(POLICY);
  let startOk = true, endOk = true, placements = null;
  if (mode === "shown") {
    const s0 = await until(async () => { const s = await overlayState(extPage); return ringOnTarget(s) ? s : null; }, "ring on target");
    placements = s0.placements;
  } else if (mode === "idle") {
    await new Promise((r) => setTimeout(r, 500));
    const s0 = await overlayState(extPage);
    startOk = !!s0 && !s0.active && !s0.ring;
  }
  const m = await taskMs(page, () => churn(page));
  if (mode === "shown") {
    const s1 = await overlayState(extPage);
    endOk = ringOnTarget(s1);
    placements = s1 && s1.ring ? s1.placements - placements : null;
  } else if (mode === "idle") {
    const s1 = await overlayState(extPage);
    endOk = !!s1 && !s1.active && !s1.ring;
  }
  await page.close();
  return { ...m, startOk, endOk, placements };
}

const spread = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

const fixtures = await startFixtureServer({ port: 0 });
const session = await launchSession({ kind: "chromium", uiLang: "en", fixturePort: fixtures.port });
const extPage = await openExtensionPage(session);
const rules = ["facebook.com", "*.facebook.com", "instagram.com", "*.instagram.com"].map((h) => `MAP ${h} 127.0.0.1:${fixtures.port}`).join(", ");
const BEFORE = process.env.OG_BENCH_PAGE_BEFORE ? path.resolve(process.env.OG_BENCH_PAGE_BEFORE) : null;
const before = BEFORE && await launchSession({ kind: "chromium", uiLang: "en", fixturePort: fixtures.port, extensionDir: BEFORE });
const beforePage = before && await openExtensionPage(before);
const plain = await puppeteer.launch({
  executablePath: CHROMIUM, headless: true, acceptInsecureCerts: true, defaultViewport: { width: 1280, height: 900 },
  args: [`--host-resolver-rules=${rules}`, "--ignore-certificate-errors", "--no-sandbox", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=en"],
});
try {
  const runs = { shown: [], idle: [], plain: [], before: [] };
  let elements = 0;
  const host = new URL(POLICY).hostname;
  for (let r = 0; r < ROUNDS; r++) {
    // Interleaved, the order turned each round so no mode always follows another.
    const order = [["shown", session.browser], ["plain", plain], ["idle", session.browser], ...(before ? [["before", before.browser]] : [])];
    for (let k = 0; k < r % order.length; k++) order.push(order.shift());
    for (const [mode, browser] of order) {
      await hide(extPage, mode === "idle" ? [host] : []);
      const m = mode === "before" ? await measure(browser, "shown", beforePage) : await measure(browser, mode, extPage);
      elements = m.result;
      runs[mode].push(m);
    }
  }
  await hide(extPage, []);
  const rings = [];
  for (let r = 0; r < ROUNDS; r++) rings.push(await ringDelay(session, extPage));
  const row = (label, mode, key, unit, target) => {
    const of = (list) => list.map((m) => m[key]);
    if (of(runs[mode]).some((x) => x === null)) return console.log(`| ${label}: not reported by this Chromium | | | | |`);
    const xs = of(runs[mode]), bs = of(runs.plain);
    const a = median(xs), base = median(bs);
    // Each round's figure against the baseline of the same round.
    const paired = runs[mode].map((m, i) => m[key] / runs.plain[i][key]);
    const states = `state held at both ends in ${runs[mode].filter((m) => m.startOk && m.endOk).length} of ${xs.length} rounds`;
    const moved = mode === "shown" || mode === "before" ? `; re-placements in the window: ${runs[mode].map((m) => m.placements ?? "?").join(", ")}` : "";
    const f = (x) => (unit ? `${x.toFixed(1)} ${unit}` : x.toFixed(0));
    console.log(`| ${label} (${states}${moved}) | ${f(a)} (${spread(xs)}) | ${f(base)} (${spread(bs)}) | ${(((a / base) - 1) * 100).toFixed(1)} % (paired median ${(((median(paired)) - 1) * 100).toFixed(1)} %) | ${target} |`);
  };
  console.log("| measurement | with extension: median (min–max) | without: median (min–max) | difference | target |");
  console.log("|---|---:|---:|---:|---|");
  const what = `${FRAMES} frames of churn on ${elements} elements`;
  const modes = [["shown", "ring shown and on its target"], ["idle", "extension idle (site hidden: content scripts loaded, no overlay)"],
    ...(before ? [["before", `ring shown and on its target, before (${BEFORE})`]] : [])];
  for (const [mode, how] of modes) {
    row(`main-thread task time (wall), ${what}, ${how}`, mode, "task", "ms", "≤ +2 %");
    row(`main-thread CPU time, same window, ${how}`, mode, "thread", "ms", "≤ +2 %");
    row(`layouts run in the window, ${how}`, mode, "layouts", "", "no more than without");
  }
  const ms = rings.map((x) => x.ms);
  console.log(`| target inserted → ring painted (${ROUNDS} runs: ${ms.map((x) => x.toFixed(0)).join(", ")} ms; drawn after ${rings.map((x) => x.drawnMs.toFixed(0)).join(", ")} ms; ring on target after: ${rings.filter((x) => x.onTarget).length}/${ROUNDS}) | median ${median(ms).toFixed(1)} ms, worst ${Math.max(...ms).toFixed(1)} ms | – | – | ≤ 50 ms median, ≤ 100 ms worst |`);
} finally {
  await plain.close();
  if (before) await before.close();
  await session.close();
  await fixtures.close();
}
