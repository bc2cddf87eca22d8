// Shared by the catalog, fixture and locator tests: the catalog files, the fixture server, and
// fixture pages loaded into jsdom with the page's own script and the extension's locator.
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CATALOG_DIR = path.join(ROOT, 'host/catalog');
export const EXPECTED = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/meta/expected.json'), 'utf8'));

export function loadCatalog() {
  const header = JSON.parse(fs.readFileSync(path.join(CATALOG_DIR, 'catalog.json'), 'utf8'));
  const dir = path.join(CATALOG_DIR, 'procedures');
  const procedures = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    let doc;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      throw new Error(`host/catalog/procedures/${f}: not valid JSON: ${err.message}`);
    }
    return { file: f, doc };
  });
  return { header, procedures };
}

export function stepIndex(catalog) {
  const map = new Map();
  for (const { doc } of catalog.procedures) for (const s of doc.steps) map.set(`${doc.id}/${s.id}`, { procedure: doc, step: s });
  return map;
}

// The URLs a fixture page is served under: English, and French by each of Meta's switches.
export function variants(url) {
  const u = new URL(url);
  const withQuery = (href, q) => href + (href.includes('?') ? '&' : '?') + q;
  const out = [{ lang: 'en', url }, { lang: 'fr', url: withQuery(url, 'locale=fr_FR') }];
  if (u.hostname === 'www.facebook.com') {
    const fr = new URL(url);
    fr.hostname = 'fr-fr.facebook.com';
    out.push({ lang: 'fr', url: fr.href });
  }
  return out;
}

// GET or POST a fixture URL through the fixture server, as a browser with the name mapped to
// loopback would: real TLS with SNI for the real host name, verified against the fixture's
// certificate.
export function request(fx, url, { method = 'GET', body = null, headers = {} } = {}) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: '127.0.0.1', port: fx.port, method, path: u.pathname + u.search, servername: u.hostname,
      headers: { host: u.host, ...headers }, ca: fs.readFileSync(fx.certFile),
      // Node checks the certificate against `servername`, so a missing SAN fails the request.
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

const read = (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const EXTENSION_SCRIPTS = ['extension/shared/namespace.js', 'extension/shared/text.js', 'extension/shared/allowlist.js',
  'extension/shared/page-match.js', 'extension/content/locator.js'];

export function locatorAvailable() {
  return fs.existsSync(path.join(ROOT, 'extension/content/locator.js'));
}

// A jsdom window on `html` at `url`, with the fixture's app.js run (content appears after
// fx_delay) and the extension's locator loaded. Waits until the late content is in.
export async function openPage(html, url) {
  const { JSDOM, VirtualConsole } = await import('jsdom');
  const virtualConsole = new VirtualConsole();
  const errors = [];
  virtualConsole.on('jsdomError', (e) => {
    // Navigation (location.assign) is not implemented by jsdom; anything else is a real error.
    if (!/navigation/i.test(String(e && e.message))) errors.push(e);
  });
  const dom = new JSDOM(html, { url, runScripts: 'outside-only', pretendToBeVisual: true, virtualConsole });
  const win = dom.window;
  win.eval(read('tests/fixtures/meta/app.js'));
  // The extension reads its shipped allowlist from the manifest, as in the browser.
  const manifest = JSON.parse(read('extension/manifest.json'));
  Object.defineProperty(win, 'chrome', { value: { runtime: { getManifest: () => manifest } }, configurable: true });
  for (const s of EXTENSION_SCRIPTS) win.eval(read(s));
  await win.__fx.settled();
  return { dom, win, doc: win.document, errors };
}

export async function click(win, selector) {
  const el = win.document.querySelector(selector);
  if (!el) throw new Error(`prepare: nothing matches ${selector} at ${win.location.href}`);
  el.click();
  await win.__fx.settled();
}
