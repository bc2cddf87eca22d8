// Background state handling: the native connection (correlation, timeouts, drops, reconnect)
// and the event queue that keeps progress while the host is away. The port here is a test
// double driven by the test; the real host over real pipes is exercised by
// extension-store-down.test.mjs (the queue with a broken store) and tests/e2e.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { makeWindow, memoryStorage, tick, until } from "./extension-harness.mjs";

const { OG, window } = makeWindow("<html><body></body></html>", {
  scripts: ["shared/namespace.js", "shared/text.js", "shared/allowlist.js", "shared/messages.js",
    "shared/host-errors.js", "background/host-connection.js", "background/event-queue.js", "background/tab-steps.js"],
});

// Closing the window stops every timer the code under test left (e.g. a planned reconnect).
after(() => window.close());

// A fake browser: connectNative gives ports whose host side the test controls.
function fakeBrowser({ answerHello = true, missing = false } = {}) {
  const ports = [];
  const api = {
    runtime: {
      lastError: null,
      connectNative(name) {
        assert.equal(name, "org.optoutguide.host");
        const listeners = { message: [], disconnect: [] };
        const port = {
          sent: [],
          closed: false,
          onMessage: { addListener: (f) => listeners.message.push(f) },
          onDisconnect: { addListener: (f) => listeners.disconnect.push(f) },
          postMessage(m) {
            if (port.closed) throw new Error("Attempt to postMessage on disconnected port");
            port.sent.push(structuredClone(m));
            if (m.type === "hello" && answerHello) {
              queueMicrotask(() => port.reply({ id: m.id, ok: true, protocol: 1, hostVersion: "9.9", catalog: { version: 5 } }));
            }
          },
          disconnect() { port.closed = true; },
          reply(m) { for (const f of listeners.message) f(m); },
          drop(message) {
            port.closed = true;
            port.error = message ? { message } : null;
            for (const f of listeners.disconnect) f(port);
          },
        };
        ports.push(port);
        if (missing) queueMicrotask(() => port.drop("Specified native messaging host not found."));
        return port;
      },
    },
  };
  return { api, ports };
}

test("requests are correlated by id, whatever order the replies come in", async () => {
  const { api, ports } = fakeBrowser();
  const statuses = [];
  const c = new OG.HostConnection({ api, client: "chromium", extensionVersion: "0.1.0", onStatus: (s) => statuses.push(s.state) });
  await c.ensure();
  assert.equal(c.status.state, "connected");
  assert.equal(c.status.hello.hostVersion, "9.9");
  const port = ports[0];
  const a = c.request({ type: "listAccounts" });
  const b = c.request({ type: "getProgress" });
  await tick();
  const [ra, rb] = port.sent.slice(1);
  assert.notEqual(ra.id, rb.id);
  port.reply({ id: rb.id, ok: true, which: "b" });
  port.reply({ id: ra.id, ok: true, which: "a" });
  assert.equal((await a).which, "a");
  assert.equal((await b).which, "b");
  assert.deepEqual(statuses, ["connecting", "connected"]);
  assert.equal(ports.length, 1, "one port for everything");
});

test("a missing host is reported with its reason, and later requests try again", async () => {
  const { api, ports } = fakeBrowser({ missing: true });
  const c = new OG.HostConnection({ api, client: "firefox", extensionVersion: "0.1.0" });
  await assert.rejects(c.request({ type: "listAccounts" }), (e) => e.code === "host_missing");
  assert.equal(c.status.state, "unavailable");
  assert.equal(c.status.reason, "host_missing");
  await assert.rejects(c.request({ type: "listAccounts" }), (e) => e.code === "host_missing");
  assert.equal(ports.length, 2, "each request retries the connection");
});

test("a host that dies mid-request fails that request, then the port is reopened", async () => {
  const { api, ports } = fakeBrowser();
  const c = new OG.HostConnection({ api, client: "chromium", extensionVersion: "0.1.0" });
  await c.ensure();
  const pending = c.request({ type: "getProgress" });
  await tick();
  ports[0].drop("Native host has exited.");
  await assert.rejects(pending, (e) => e.code === "host_exited");
  assert.equal(c.status.reason, "host_exited");
  // The scheduled retry reconnects by itself.
  await until(() => c.status.state === "connected", "reconnected after backoff");
  assert.equal(ports.length, 2);
  const again = c.request({ type: "listAccounts" });
  await tick();
  ports[1].reply({ id: ports[1].sent.at(-1).id, ok: true, accounts: [] });
  assert.deepEqual((await again).accounts, []);
});

test("a request the host never answers times out with a clear code", async () => {
  const { api } = fakeBrowser();
  const c = new OG.HostConnection({ api, client: "chromium", extensionVersion: "0.1.0", requestTimeoutMs: 30 });
  await c.ensure();
  await assert.rejects(c.request({ type: "listAccounts" }), (e) => e.code === "host_timeout" && /listAccounts/.test(e.message));
  assert.equal(c.pending.size, 0, "nothing left waiting");
});

test("a host speaking another protocol is refused as incompatible", async () => {
  const { api, ports } = fakeBrowser({ answerHello: false });
  const c = new OG.HostConnection({ api, client: "chromium", extensionVersion: "0.1.0" });
  const p = c.ensure();
  await tick();
  ports[0].reply({ id: ports[0].sent[0].id, ok: true, protocol: 2 });
  await assert.rejects(p, (e) => e.code === "host_incompatible");
  assert.equal(c.status.reason, "host_incompatible");
});

// A connection double for the queue: the test decides what the host answers.
function fakeConnection() {
  const conn = {
    up: false,
    received: [],
    answer: (event) => ({ ok: true, duplicate: false, progress: { procedureId: event.procedureId } }),
    async request(req) {
      if (!conn.up) throw { code: "host_exited", message: "Native host has exited." };
      conn.received.push(req.event);
      return { id: 1, ...conn.answer(req.event) };
    },
  };
  return conn;
}
const ev = (n, type = "step_completed") => ({ eventId: `event-000${n}`, procedureId: "instagram-ai-objection", stepId: "open-form", type });

test("events wait in storage while the host is away and are delivered in order when it returns", async () => {
  const storage = memoryStorage();
  const conn = fakeConnection();
  const q = new OG.EventQueue({ storage, connection: conn });
  const r1 = await q.add(ev(1));
  const r2 = await q.add(ev(2, "form_submitted"));
  assert.equal(r1.queued, true);
  assert.equal(r2.queued, true);
  assert.equal(storage.data.pendingEvents.length, 2, "kept in storage.local, not only in memory");
  // A new queue object stands for a restarted service worker: it finds the events in storage.
  const q2 = new OG.EventQueue({ storage, connection: conn });
  conn.up = true;
  await q2.flush();
  assert.deepEqual(conn.received.map((e) => e.eventId), ["event-0001", "event-0002"]);
  assert.equal(await q2.size(), 0);
});

test("adding the same event twice sends it once; a refused event is dropped, a store error kept", async () => {
  const storage = memoryStorage();
  const conn = fakeConnection();
  conn.up = true;
  const q = new OG.EventQueue({ storage, connection: conn });
  conn.answer = () => ({ ok: false, error: { code: "store_unavailable", message: "disk full" } });
  const kept = await q.add(ev(3));
  assert.equal(kept.queued, true);
  assert.equal(await q.size(), 1);
  conn.answer = () => ({ ok: false, error: { code: "unknown_procedure", message: "no such procedure", field: "/event/procedureId" } });
  const refused = await q.add(ev(3));
  assert.equal(refused.ok, false);
  assert.equal(refused.error.code, "unknown_procedure");
  assert.equal(await q.size(), 0);
  conn.answer = (e) => ({ ok: true, duplicate: false, progress: { procedureId: e.procedureId } });
  const ok = await q.add(ev(4));
  assert.equal(ok.ok, true);
  assert.equal(ok.queued, false);
  assert.equal(ok.reply.progress.procedureId, "instagram-ai-objection");
});

test("a step_shown already waiting for the same step and page is not queued again", async () => {
  const storage = memoryStorage();
  const conn = fakeConnection(); // host away
  const q = new OG.EventQueue({ storage, connection: conn });
  for (let i = 0; i < 41; i++) {
    await q.add({ eventId: `event-push-${i}`, procedureId: "instagram-ai-objection", stepId: "open-form", type: "step_shown",
      url: `https://privacycenter.instagram.com/policy/?tab=${i}#x` });
  }
  assert.equal(await q.size(), 1, "41 pushStates on one page are one step_shown");
});

test("the extension cuts to the host's limits in UTF-8 bytes, never inside a code point", () => {
  const { cutUtf8, utf8Length, LIMITS } = OG.messages;
  const greek = "Πολιτική απορρήτου ".repeat(40) + "😀".repeat(20);
  const cut = cutUtf8(greek, LIMITS.string);
  assert.ok(utf8Length(cut) <= LIMITS.string);
  assert.ok(utf8Length(cut) > LIMITS.string - 4, "as long as fits");
  assert.equal(cut, cut.normalize(), "whole characters");
  assert.doesNotMatch(cut, /[\ud800-\udbff]$/, "no half of a surrogate pair at the end");
  assert.equal(cutUtf8("a".repeat(1023) + "😀", 1024), "a".repeat(1023), "the emoji does not fit whole: it goes");
  assert.equal(cutUtf8("x\ud800y", 16), "x\ufffdy", "a lone surrogate (invalid JSON for the host) becomes U+FFFD");
});

test("the step shown in each tab survives in session storage, for a restarted background", async () => {
  const storage = memoryStorage();
  const a = new OG.TabSteps({ storage });
  await a.set(7, { procedureId: "p", stepId: "s" });
  const b = new OG.TabSteps({ storage });
  assert.deepEqual(await b.get(7), { procedureId: "p", stepId: "s" });
  await b.clear(7);
  assert.equal(await a.get(7), null);
});
