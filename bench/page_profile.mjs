// Where the extension's share of the page cost goes (docs/benchmarks.md): the same churning
// 10,000-element page as bench/page_cost.mjs with the ring shown on its target, under V8's
// sampling CPU profiler (it samples the main thread, content scripts' isolated world included).
// Prints the extension scripts' self time per function, beside the whole thread's samples.
//   node bench/page_profile.mjs [rounds]
import { startFixtureServer } from "../tests/fixtures/server.mjs";
import { launchSession, openExtensionPage } from "../tests/e2e/lib/browsers.mjs";
import { overlayState, until } from "../tests/e2e/lib/walk.mjs";
import { churn, POLICY, ringOnTarget } from "./page_common.mjs";

const ROUNDS = Number(process.argv[2] || 3);

const fixtures = await startFixtureServer({ port: 0 });
const session = await launchSession({ kind: "chromium", uiLang: "en", fixturePort: fixtures.port });
const extPage = await openExtensionPage(session);
try {
  const self = new Map(); // "function (file:line)" → µs
  let total = 0, extension = 0, idle = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const page = await session.browser.newPage();
    await page.goto(POLICY);
    await until(async () => (ringOnTarget(await overlayState(extPage)) ? true : null), "ring on target");
    const cdp = await page.createCDPSession();
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    await cdp.send("Profiler.start");
    await churn(page);
    const { profile } = await cdp.send("Profiler.stop");
    if (!ringOnTarget(await overlayState(extPage))) console.error(`round ${r + 1}: the ring was not on its target at the end`);
    await cdp.detach();
    await page.close();
    // Each sample's time is the gap to the next; it belongs to the node sampled.
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const deltas = profile.timeDeltas;
    for (let i = 0; i < profile.samples.length; i++) {
      const dt = deltas[i + 1] ?? 0;
      const f = byId.get(profile.samples[i]).callFrame;
      total += dt;
      if (f.functionName === "(idle)") idle += dt;
      if (!f.url.startsWith("chrome-extension://")) continue;
      extension += dt;
      const key = `${f.functionName || "(anonymous)"} (${f.url.replace(/^chrome-extension:\/\/[^/]+\//, "")}:${f.lineNumber + 1})`;
      self.set(key, (self.get(key) || 0) + dt);
    }
  }
  const ms = (us) => (us / 1000 / ROUNDS).toFixed(1);
  console.log(`Per window of churn (mean of ${ROUNDS}): main thread sampled ${ms(total)} ms, of which idle ${ms(idle)} ms; ` +
    `in the extension's scripts ${ms(extension)} ms (${((extension / (total - idle)) * 100).toFixed(2)} % of the busy time).`);
  console.log("");
  console.log("| extension function (self time) | ms per window |");
  console.log("|---|---:|");
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`| ${k} | ${ms(us)} |`);
} finally {
  await session.close();
  await fixtures.close();
}
