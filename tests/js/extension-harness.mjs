// Loads the real extension scripts into a jsdom window, the way the browser loads content
// scripts (classic scripts sharing globalThis.OptoutGuide), for the extension unit tests.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { JSDOM } from "jsdom";

export const EXTENSION_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../extension");
const MANIFEST = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, "manifest.json"), "utf8"));
export const CONTENT_SCRIPTS = MANIFEST.content_scripts[0].js;
export const BACKGROUND_SCRIPTS = MANIFEST.background.scripts;

// Everything the content scripts need except main.js (which boots against the browser API).
export const CONTENT_LIBRARY = CONTENT_SCRIPTS.filter((f) => f !== "content/main.js");

export function makeWindow(html, { url = "https://www.instagram.com/", scripts = CONTENT_LIBRARY, api = null } = {}) {
  const dom = new JSDOM(html, { url, runScripts: "outside-only", pretendToBeVisual: true });
  const { window } = dom;
  if (api) window.chrome = api;
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
