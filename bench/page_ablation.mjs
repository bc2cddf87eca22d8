// Which part of the overlay costs the churning page its main-thread time (docs/benchmarks.md):
// the same window as bench/page_cost.mjs, the ring shown, in browsers whose copy of the
// extension has one part switched off, beside a browser without the extension, interleaved
// round by round. The parts are switched off in a temporary copy of extension/ (the text
// replaced must be found, or the run stops), so the shipped extension holds no switch at all.
// Each window is also traced (renderer main thread of the page: Paint, PrePaint, Layerize,
// HitTest, TimerFire ... summed per name), figures the machine's load moves less than time.
//   node bench/page_ablation.mjs [rounds]
// OG_BENCH_ABLATE="name|name" picks the variants; OG_BENCH_EXTENSION=dir ablates another copy of
// extension/ (main's, say: `git archive main extension | tar -x -C /tmp/main`), copied at the start
// like this tree's, so editing the tree during a run changes nothing measured;
// OG_BENCH_PAGE_BEFORE=dir adds that copy, unchanged, as the variant "shown, before".
import fs from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";
import { startFixtureServer } from "../tests/fixtures/server.mjs";
import { launchSession, openExtensionPage } from "../tests/e2e/lib/browsers.mjs";
import { CHROMIUM, EXTENSION_DIR, makeTempDir } from "../tests/e2e/lib/env.mjs";
import { overlayState, until } from "../tests/e2e/lib/walk.mjs";
import { churn, contentWorld, POLICY, ringOnTarget, taskMs } from "./page_common.mjs";

const ROUNDS = Number(process.argv[2] || process.env.OG_BENCH_PAGE_ROUNDS || 8);

// Each part as the replacements that switch it off: [file, text as shipped, text instead].
// A part the current files no longer have is reported, not measured.
const PARTS = {
  dimming: [["content/overlay.js", ", 0 0 0 9999px rgba(15,23,42,0.12)", ""],
    ["content/overlay.js", ".dim.on { display: block; }", ".dim.on { display: none; }"]],
  healthCheck: [["content/overlay.js", "if (!healthTimer) healthTimer = win.setInterval(checkHealth, 400);", ""],
    ["content/overlay.js", "if (healthQueued || !visible) return;", "return;"]],
  visibilityObserver: [["content/overlay.js", "io.observe(card);", ""]],
  placementObservers: [["content/overlay.js", "stopFollowing = FUI.autoUpdate(target, card, place);", "place(); stopFollowing = () => {};"]],
  guideTimer: [["content/guide.js", "if (!this.targetGuard) this.targetGuard = this.win.setInterval(() => this.lookAgain(), 1000);", ""]],
};
const VARIANTS = {
  shown: [],
  "no dimming": ["dimming"],
  "no health check (its timer, or its triggers)": ["healthCheck"],
  "no visibility observer (IntersectionObserver v2)": ["visibilityObserver"],
  "no placement observers (ring placed once)": ["placementObservers"],
  "no guide timer (1 s target guard)": ["guideTimer"],
  "ring and card drawn once, nothing running": ["healthCheck", "visibilityObserver", "placementObservers", "guideTimer"],
  "the same without dimming": ["healthCheck", "visibilityObserver", "placementObservers", "guideTimer", "dimming"],
};
const CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel"];
const SHOWN = ["RunTask", "Paint", "PrePaint", "Layerize", "Layout", "UpdateLayoutTree", "HitTest", "TimerFire",
  "FunctionCall", "IntersectionObserverController::computeIntersections", "Commit", "ParseHTML"];

// A copy of the extension with the given parts switched off, or null if one is not found.
const copies = [];
const SOURCE = process.env.OG_BENCH_EXTENSION ? path.resolve(process.env.OG_BENCH_EXTENSION) : EXTENSION_DIR;
function ablatedCopy(parts, source = SOURCE) {
  const tmp = makeTempDir("ablate");
  copies.push(tmp);
  const dir = path.join(tmp, "extension");
  fs.cpSync(source, dir, { recursive: true });
  const missing = [];
  for (const part of parts) {
    let applied = 0;
    for (const [file, from, to] of PARTS[part]) {
      const f = path.join(dir, file);
      const text = fs.readFileSync(f, "utf8");
      if (!text.includes(from)) continue;
      fs.writeFileSync(f, text.split(from).join(to));
      applied++;
    }
    if (!applied) missing.push(part);
  }
  return { dir, missing };
}

// Per event name: wall ms and CPU ms on the page renderer's main thread.
function traceSums(events) {
  const pids = new Set();
  for (const e of events) {
    if (e.name !== "TracingStartedInBrowser" || !e.args || !e.args.data) continue;
    for (const f of e.args.data.frames || []) if (String(f.url).includes(new URL(POLICY).hostname)) pids.add(f.processId);
  }
  const main = new Set(events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args.name === "CrRendererMain" &&
    (!pids.size || pids.has(e.pid))).map((e) => `${e.pid}:${e.tid}`));
  const sums = {};
  for (const e of events) {
    if (e.ph !== "X" || !main.has(`${e.pid}:${e.tid}`)) continue;
    const s = (sums[e.name] ||= { ms: 0, cpu: 0, n: 0 });
    s.ms += (e.dur || 0) / 1000;
    s.cpu += (e.tdur || 0) / 1000;
    s.n++;
  }
  return sums;
}

async function measureWindow(browser, extPage, origin) {
  const page = await browser.newPage();
  await page.goto(POLICY);
  let startOk = true, watcher = null;
  if (extPage) {
    await until(async () => (ringOnTarget(await overlayState(extPage)) ? true : null), "ring on target");
    watcher = await contentWorld(page, origin, "(() => { const g = globalThis.OptoutGuide.activeGuide; return g.watch ? g.watch.phase() : 'none'; })()");
  }
  await page.tracing.start({ categories: CATEGORIES });
  const m = await taskMs(page, () => churn(page));
  const trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString("utf8"));
  const endOk = extPage ? ringOnTarget(await overlayState(extPage)) : true;
  await page.close();
  return { thread: m.thread, layouts: m.layouts, trace: traceSums(trace.traceEvents || trace), ok: startOk && endOk, watcher };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (x) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)} %`;

const picked = process.env.OG_BENCH_ABLATE ? ["shown", ...process.env.OG_BENCH_ABLATE.split("|")] : Object.keys(VARIANTS);
const unknown = picked.filter((n) => !VARIANTS[n]);
if (unknown.length) throw new Error(`OG_BENCH_ABLATE: no variant named ${unknown.map((n) => `"${n}"`).join(", ")}; the variants: ${Object.keys(VARIANTS).join(" | ")}`);
const fixtures = await startFixtureServer({ port: 0 });
const sessions = [];
const rules = ["facebook.com", "*.facebook.com", "instagram.com", "*.instagram.com"].map((h) => `MAP ${h} 127.0.0.1:${fixtures.port}`).join(", ");
const plain = await puppeteer.launch({
  executablePath: CHROMIUM, headless: true, acceptInsecureCerts: true, defaultViewport: { width: 1280, height: 900 },
  args: [`--host-resolver-rules=${rules}`, "--ignore-certificate-errors", "--no-sandbox", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=en"],
});
try {
  const modes = [];
  console.log(`- extension ablated: ${SOURCE}`);
  const BEFORE = process.env.OG_BENCH_PAGE_BEFORE ? path.resolve(process.env.OG_BENCH_PAGE_BEFORE) : null;
  for (const name of [...picked, ...(BEFORE ? ["shown, before"] : [])]) {
    const { dir, missing } = name === "shown, before" ? ablatedCopy([], BEFORE) : ablatedCopy(VARIANTS[name]);
    if (missing.length) {
      console.log(`- ${name}: not measured, the current files have no ${missing.join(", ")}`);
      continue;
    }
    const session = await launchSession({ kind: "chromium", uiLang: "en", fixturePort: fixtures.port, extensionDir: dir });
    sessions.push(session);
    modes.push({ name, session, extPage: await openExtensionPage(session), runs: [] });
  }
  const base = { name: "no extension", runs: [] };
  console.log(`- load before: ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`);
  for (let r = 0; r < ROUNDS; r++) {
    const order = [base, ...modes];
    for (let k = 0; k < r % order.length; k++) order.push(order.shift());
    for (const mode of order) {
      const m = mode === base ? await measureWindow(plain, null) : await measureWindow(mode.session.browser, mode.extPage, mode.session.origin);
      mode.runs.push(m);
    }
    process.stderr.write(`round ${r + 1}/${ROUNDS} done, load ${fs.readFileSync("/proc/loadavg", "utf8").split(" ")[0]}\n`);
  }
  console.log(`- load after: ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`);
  console.log("");
  console.log(`| ${ROUNDS} rounds; trace columns: CPU ms per window, median (difference to no extension) | main-thread CPU time: median (paired median against no extension) | ${SHOWN.slice(1).join(" | ")} | layouts | state held |`);
  console.log(`|---|---:|${SHOWN.slice(1).map(() => "---:|").join("")}---:|---|`);
  const cell = (runs, name) => median(runs.map((m) => (m.trace[name] ? m.trace[name].cpu : 0)));
  for (const mode of [base, ...modes]) {
    const paired = mode.runs.map((m, i) => m.thread / base.runs[i].thread - 1);
    const cpu = `${median(mode.runs.map((m) => m.thread)).toFixed(0)} ms${mode === base ? "" : ` (${pct(median(paired))})`}`;
    const cats = SHOWN.slice(1).map((n) => {
      const v = cell(mode.runs, n);
      return mode === base ? v.toFixed(1) : `${v.toFixed(1)} (${(v - cell(base.runs, n) >= 0 ? "+" : "") + (v - cell(base.runs, n)).toFixed(1)})`;
    });
    const held = mode === base ? "–" : `${mode.runs.filter((m) => m.ok).length}/${ROUNDS}, watcher ${[...new Set(mode.runs.map((m) => m.watcher))].join("/")}`;
    console.log(`| ${mode.name} | ${cpu} | ${cats.join(" | ")} | ${median(mode.runs.map((m) => m.layouts))} | ${held} |`);
  }
  console.log("");
  console.log("Trace RunTask CPU (tdur) per window, median (paired median against no extension):");
  for (const mode of modes) {
    const cpu = (m) => (m.trace.RunTask ? m.trace.RunTask.cpu : 0);
    const paired = mode.runs.map((m, i) => cpu(m) / cpu(base.runs[i]) - 1);
    console.log(`- ${mode.name}: ${median(mode.runs.map(cpu)).toFixed(0)} ms (${pct(median(paired))}); no extension ${median(base.runs.map(cpu)).toFixed(0)} ms`);
  }
} finally {
  await plain.close();
  for (const s of sessions) await s.close();
  await fixtures.close();
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
}
