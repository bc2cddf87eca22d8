// Loads the real extension scripts into a jsdom window, the way the browser loads content
// scripts (classic scripts sharing globalThis.OptoutGuide), for the extension unit tests.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { JSDOM } from "jsdom";
import { browserPort } from "./lib/host-client.mjs";

export const EXTENSION_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../extension");
const MANIFEST = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, "manifest.json"), "utf8"));
// The document_start entry (the namespace alone) comes first; the guide is the last entry.
export const CONTENT_SCRIPTS = MANIFEST.content_scripts.at(-1).js;
export const BACKGROUND_SCRIPTS = MANIFEST.background.scripts;

// Everything the content scripts need except main.js (which boots against the browser API).
export const CONTENT_LIBRARY = CONTENT_SCRIPTS.filter((f) => f !== "content/main.js");

export function makeWindow(html, { url = "https://www.instagram.com/", scripts = CONTENT_LIBRARY, api = null } = {}) {
  const dom = new JSDOM(html, { url, runScripts: "outside-only", pretendToBeVisual: true });
  const { window } = dom;
  // The shipped allowlist default is read from the manifest, as in the browser.
  window.chrome = api ? { ...api, runtime: { getManifest: () => MANIFEST, ...api.runtime } } : { runtime: { getManifest: () => MANIFEST } };
  for (const file of scripts) {
    window.eval(fs.readFileSync(path.join(EXTENSION_DIR, file), "utf8") + `\n//# sourceURL=${file}`);
  }
  return { dom, window, OG: window.OptoutGuide };
}

// A StorageArea kept in memory (storage.local / storage.session).
export function memoryStorage(initial = {}) {
  const data = structuredClone(initial);
  return {
    data,
    async get(keys) {
      const list = keys === null || keys === undefined ? Object.keys(data) : Array.isArray(keys) ? keys : [keys];
      const out = {};
      for (const k of list) if (k in data) out[k] = structuredClone(data[k]);
      return out;
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data[k] = structuredClone(v);
    },
  };
}

export const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

// Waits for a condition driven by the code under test (timers, animation frames). Not a timed
// assertion: the bound only stops a broken test from hanging.
export async function until(fn, what, bound = 5000) {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > bound) throw new Error(`never happened: ${what}`);
    await tick(10);
  }
}

// A StorageArea in memory that counts its writes, to tell a read from a write.
export function countingStorage(initial = {}) {
  const area = memoryStorage(initial);
  const set = area.set;
  area.writes = [];
  area.set = async (items) => {
    area.writes.push(Object.keys(items));
    return set(items);
  };
  return area;
}

// A native host double on the far side of connectNative: answers hello (with `catalog` merged
// into its catalog object; by default a catalog as new as any the extension carries),
// nextStep through `nextStep(request) -> match | null`, offerCatalog through
// `offerCatalog(request) -> reply fields` (default: accepted), and stores reportEvent's events.
// Every request it receives is kept in `requests`, in order.
export function fakeNativeHost({ catalog = {}, nextStep = () => null, offerCatalog = () => ({ ok: true, accepted: true }) } = {}) {
  const host = { requests: [], events: [], ports: [], catalog, nextStep, offerCatalog };
  host.connectNative = (name) => {
    if (name !== "org.optoutguide.host") throw new Error(`unexpected native host ${name}`);
    const { port, deliver } = browserPort((m) => {
      const request = structuredClone(m);
      host.requests.push(request);
      queueMicrotask(() => deliver(structuredClone(host.answer(request))));
    });
    host.ports.push(port);
    return port;
  };
  host.answer = (r) => {
    switch (r.type) {
      case "hello":
        return { id: r.id, ok: true, protocol: 1, hostVersion: "9.9", catalog: { version: Number.MAX_SAFE_INTEGER, ...host.catalog } };
      case "offerCatalog":
        return { id: r.id, ...host.offerCatalog(r) };
      case "nextStep":
        return { id: r.id, ok: true, match: host.nextStep(r) };
      case "reportEvent":
        host.events.push(r.event);
        return { id: r.id, ok: true, duplicate: false, progress: {} };
      default:
        return { id: r.id, ok: true };
    }
  };
  host.of = (type) => host.requests.filter((r) => r.type === type);
  return host;
}

const EXTENSION_ID = "fake-extension-id";

// The real background (every file of background.scripts, main.js included) in a window of its
// own, wired to a fake browser: `host` on the native port, storage in memory. `openTab` loads
// the real content scripts (main.js included) into a page window whose runtime messages reach
// this background as the browser delivers them (cloned, sender = {id, url, tab}); each one is
// kept in `messages` with its reply.
export function startBackground({ host, local = {}, session = {} } = {}) {
  const onMessage = [];
  const onRemoved = [];
  const onInstalled = [];
  const createdTabs = [];
  const storage = { local: countingStorage(local), session: countingStorage(session) };
  const messages = [];
  const windows = [];
  const api = {
    runtime: {
      id: EXTENSION_ID,
      lastError: null,
      getURL: (p) => `chrome-extension://${EXTENSION_ID}/${p}`,
      getManifest: () => MANIFEST,
      connectNative: (name) => host.connectNative(name),
      onMessage: { addListener: (f) => onMessage.push(f) },
      onInstalled: { addListener: (f) => onInstalled.push(f) },
    },
    storage: { local: storage.local, session: storage.session, onChanged: { addListener() {} } },
    tabs: {
      onRemoved: { addListener: (f) => onRemoved.push(f) },
      async create(props) {
        createdTabs.push(structuredClone(props));
        return { id: 1000 + createdTabs.length, ...props };
      },
    },
  };
  const bg = makeWindow("<html><body></body></html>", { url: "https://background.invalid/", scripts: BACKGROUND_SCRIPTS, api });
  windows.push(bg.window);

  // Delivers `msg` from `sender` as runtime.sendMessage does; resolves with the cloned reply.
  function deliver(msg, sender) {
    return new Promise((resolve) => {
      const clone = structuredClone(msg);
      for (const f of onMessage) {
        if (f(clone, structuredClone(sender), (reply) => resolve(structuredClone(reply))) === true) return;
      }
      resolve(undefined);
    });
  }

  // openerTabId: the tab whose link opened this one (target=_blank), as the browser tells.
  function openTab(tabId, url, html, { uiLang = "en", openerTabId } = {}) {
    let win = null;
    const tabApi = {
      runtime: {
        id: EXTENSION_ID,
        onMessage: { addListener() {} },
        async sendMessage(msg) {
          const entry = { tabId, msg: structuredClone(msg), reply: undefined, done: false };
          messages.push(entry);
          const tab = openerTabId === undefined ? { id: tabId } : { id: tabId, openerTabId };
          entry.reply = await deliver(msg, { id: EXTENSION_ID, url: win.location.href, tab });
          entry.done = true;
          return entry.reply;
        },
      },
      i18n: { getMessage: (k) => k, getUILanguage: () => uiLang },
      storage: { local: storage.local, onChanged: { addListener() {} } },
    };
    const page = makeWindow(html, { url, scripts: CONTENT_SCRIPTS, api: tabApi });
    win = page.window;
    windows.push(win);
    return { ...page, guide: page.OG.activeGuide, close: () => win.close() };
  }

  // Messages of one tab, or all; `settled` waits until each has its reply.
  const sent = (tabId) => messages.filter((m) => tabId === undefined || m.tabId === tabId);
  const settled = (n, tabId, what = `${n} messages answered`) =>
    until(() => sent(tabId).length >= n && sent(tabId).every((m) => m.done), what);

  return {
    OG: bg.OG, window: bg.window, api, storage, messages, sent, settled, openTab,
    fromExtension: (msg) => deliver(msg, { id: EXTENSION_ID, url: api.runtime.getURL("popup/popup.html") }),
    // A message from the content script of tab `tabId` whose document was loaded at `url`.
    fromTab: (tabId, url, msg) => deliver(msg, { id: EXTENSION_ID, url, tab: { id: tabId } }),
    closeTab: (tabId) => onRemoved.forEach((f) => f(tabId)),
    // runtime.onInstalled as the browser fires it ({reason: "install" | "update" | ...}).
    installed: (details) => onInstalled.forEach((f) => f(structuredClone(details))),
    createdTabs,
    close: () => windows.forEach((w) => w.close()),
  };
}

// The overlay's shadow root is closed, so out of the page's reach and the test's; a test keeps a
// handle on the last one attached in its own window by wrapping attachShadow there.
export function keepShadowRoot(window) {
  const kept = { root: null };
  const attach = window.Element.prototype.attachShadow;
  window.Element.prototype.attachShadow = function (init) {
    kept.root = attach.call(this, init);
    return kept.root;
  };
  return kept;
}
