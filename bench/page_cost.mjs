// Page cost of the extension in real Chromium (docs/benchmarks.md): on a heavy Meta-like page
// (≥ 10,000 elements, a feed churning every frame) the renderer's main-thread task time with the
// extension against a browser without it, same run, alternating; and the time from inserting
// the target element to the ring being painted. Prints Markdown rows.
//   node bench/page_cost.mjs [rounds]
import puppeteer from "puppeteer-core";
import { startFixtureServer } from "../tests/fixtures/server.mjs";
import { launchSession, openExtensionPage } from "../tests/e2e/lib/browsers.mjs";
import { CHROMIUM } from "../tests/e2e/lib/env.mjs";
import { overlayState, until } from "../tests/e2e/lib/walk.mjs";

const ROUNDS = Number(process.argv[2] || 5);
const FRAMES = 300;
const POLICY = "https://privacycenter.instagram.com/policy/";
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The page's own script: a 10,000-element feed, then FRAMES frames of churn (40 posts added,
// 40 removed, attributes flipped per frame), like an infinite-scroll feed.
async function churn(page) {
  return page.evaluate((frames) => new Promise((resolve) => {
    let feed = document.getElementById("bench-feed");
    if (!feed) {
      feed = document.createElement("div");
      feed.id = "bench-feed";
      for (let i = 0; i < 2000; i++) {
        const post = document.createElement("article");
        post.innerHTML = `<h3>Post ${i}</h3><p>Some text <span>${i}</span></p><a href="/p/${i}/">link</a>`;
        feed.append(post);
      }
      document.body.append(feed);
    }
    let n = 0;
    const step = () => {
      for (let i = 0; i < 40; i++) {
        const post = document.createElement("article");
        post.innerHTML = `<h3>New ${n}-${i}</h3><p>Text <span>${i}</span></p><a href="/p/n${i}/">link</a>`;
        feed.append(post);
        feed.firstElementChild.remove();
        feed.children[i * 7].setAttribute("aria-expanded", String(n % 2 === 0));
      }
      if (++n < frames) requestAnimationFrame(step);
      else resolve(document.getElementsByTagName("*").length);
    };
    requestAnimationFrame(step);
  }), FRAMES);
}

async function taskMs(page, fn) {
  const cdp = await page.createCDPSession();
  await cdp.send("Performance.enable");
  const metric = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  const a = await metric();
  const result = await fn();
  const b = await metric();
  await cdp.detach();
  return { task: (b.TaskDuration - a.TaskDuration) * 1000, script: (b.ScriptDuration - a.ScriptDuration) * 1000, result };
}

// In the content script's world: time from `insertedAt` (page clock) to the first frame after
// the locator found the target, i.e. the frame in which the ring is drawn.
async function contentWorld(page, origin, expression) {
  const cdp = await page.createCDPSession();
  const contexts = [];
  cdp.on("Runtime.executionContextCreated", (e) => contexts.push(e.context));
  await cdp.send("Runtime.enable");
  const ctx = contexts.find((c) => c.auxData && c.auxData.type === "isolated" && c.origin.startsWith(origin));
  const r = await cdp.send("Runtime.evaluate", { expression, contextId: ctx.id, returnByValue: true, awaitPromise: true });
  await cdp.detach();
  return r.result.value;
}

async function ringDelay(session, extPage) {
  const page = await session.browser.newPage();
  await page.goto(POLICY);
  await until(async () => ((await overlayState(extPage)) || {}).targetFound || null, "ring on the policy page");
  await churn(page);  // the heavy page, before the target appears
  const removed = await page.evaluate(() => {
    const gone = [...document.querySelectorAll("a")].filter((a) => /\/contact\//.test(a.href));
    const html = gone.map((a) => [a.parentElement, a.outerHTML]);
    for (const a of gone) a.remove();
    window.__removed = html;
    return gone.length;
  });
  await until(async () => { const s = await overlayState(extPage); return s && !s.targetFound ? s : null; }, "target gone");
  await contentWorld(page, session.origin, `(() => {
    const OG = globalThis.OptoutGuide, original = OG.__resolve || OG.locator.resolve;
    OG.__resolve = original;
    globalThis.__ringAt = null;
    OG.locator.resolve = function (...args) {
      const found = original.apply(this, args);
      if (found && globalThis.__ringAt === null) requestAnimationFrame(() => requestAnimationFrame((t) => { globalThis.__ringAt = performance.now(); }));
      return found;
    };
  })()`);
  const insertedAt = await page.evaluate(() => {
    const t = performance.now();
    for (const [parent, html] of window.__removed) parent.insertAdjacentHTML("afterbegin", html);
    return t;
  });
  const ringAt = await until(() => contentWorld(page, session.origin, "globalThis.__ringAt"), "ring painted");
  await page.close();
  return { ms: ringAt - insertedAt, removed };
}

const fixtures = await startFixtureServer({ port: 0 });
const session = await launchSession({ kind: "chromium", uiLang: "en", fixturePort: fixtures.port });
const extPage = await openExtensionPage(session);
const rules = ["facebook.com", "*.facebook.com", "instagram.com", "*.instagram.com"].map((h) => `MAP ${h} 127.0.0.1:${fixtures.port}`).join(", ");
const plain = await puppeteer.launch({
  executablePath: CHROMIUM, headless: true, acceptInsecureCerts: true, defaultViewport: { width: 1280, height: 900 },
  args: [`--host-resolver-rules=${rules}`, "--ignore-certificate-errors", "--no-sandbox", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=en"],
});
try {
  const withExt = [], without = [];
  let elements = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const [browser, out] of [[session.browser, withExt], [plain, without]]) {
      const page = await browser.newPage();
      await page.goto(POLICY);
      if (browser === session.browser) await until(async () => ((await overlayState(extPage)) || {}).active || null, "overlay");
      const m = await taskMs(page, () => churn(page));
      elements = m.result;
      out.push(m.task);
      await page.close();
    }
  }
  const rings = [];
  for (let r = 0; r < ROUNDS; r++) rings.push((await ringDelay(session, extPage)).ms);
  const a = median(withExt), b = median(without);
  console.log("| measurement | with extension | without | ratio | target |");
  console.log("|---|---:|---:|---:|---|");
  console.log(`| main-thread task time, ${FRAMES} frames of churn on ${elements} elements (median of ${ROUNDS}) | ${a.toFixed(1)} ms | ${b.toFixed(1)} ms | ${(a / b).toFixed(3)}× (${(((a / b) - 1) * 100).toFixed(1)} %) | ≤ 2 % more |`);
  console.log(`| target inserted → ring painted (median of ${ROUNDS}; all: ${rings.map((x) => x.toFixed(0)).join(", ")} ms) | ${median(rings).toFixed(1)} ms | – | – | ≤ 100 ms |`);
} finally {
  await plain.close();
  await session.close();
  await fixtures.close();
}
