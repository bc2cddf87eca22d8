// What the page benchmarks share (bench/page_cost.mjs, bench/page_profile.mjs): the heavy page
// they churn and the state they must prove.
export const FRAMES = 300;
export const POLICY = "https://privacycenter.instagram.com/policy/";

// The page's own script: a 10,000-element feed, then FRAMES frames of churn (40 posts added,
// 40 removed, attributes flipped per frame), like an infinite-scroll feed.
export async function churn(page) {
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

// The ring drawn around the target's current box: the state the page figure claims to measure.
const PAD = 4;
export function ringOnTarget(s) {
  if (!s || !s.active || !s.targetFound || !s.ring || !s.targetRect) return false;
  const t = s.targetRect, r = s.ring, near = (a, b) => Math.abs(a - b) <= 1;
  return near(r.x, t.x - PAD) && near(r.y, t.y - PAD) && near(r.width, t.width + 2 * PAD) && near(r.height, t.height + 2 * PAD);
}


// The renderer's own counters around fn(), read through DevTools (Performance.getMetrics).
export async function taskMs(page, fn) {
  const cdp = await page.createCDPSession();
  await cdp.send("Performance.enable");
  const metric = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  const a = await metric();
  const result = await fn();
  const b = await metric();
  await cdp.detach();
  // TaskDuration is wall time on the main thread (a loaded machine's preemption included);
  // ThreadTime is its CPU time, LayoutCount the layouts it ran: neither depends on the load.
  const d = (k) => (typeof a[k] === "number" && typeof b[k] === "number" ? b[k] - a[k] : null);
  return { task: d("TaskDuration") * 1000, script: d("ScriptDuration") * 1000, thread: d("ThreadTime") === null ? null : d("ThreadTime") * 1000,
    layouts: d("LayoutCount"), layoutMs: d("LayoutDuration") * 1000, result };
}

// In the content script's world (the isolated world of the extension's content scripts): only
// DevTools reaches it, never the page.
export async function contentWorld(page, origin, expression) {
  const cdp = await page.createCDPSession();
  const contexts = [];
  cdp.on("Runtime.executionContextCreated", (e) => contexts.push(e.context));
  await cdp.send("Runtime.enable");
  const ctx = contexts.find((c) => c.auxData && c.auxData.type === "isolated" && c.origin.startsWith(origin));
  const r = await cdp.send("Runtime.evaluate", { expression, contextId: ctx.id, returnByValue: true, awaitPromise: true });
  await cdp.detach();
  return r.result.value;
}
