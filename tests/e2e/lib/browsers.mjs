// Launches Debian's Chromium or Firefox ESR with the real unpacked extension, the real host
// registered through a host manifest inside a temporary profile, and Meta's hostnames sent to
// the local fixture server.
import fs from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";
import { CHROMIUM, CHROMIUM_ID, EXTENSION_DIR, FIREFOX, FIREFOX_UUID, GECKO_ID, HOST_BINARY, HOST_NAME,
  IDENTITY, makeTempDir } from "./env.mjs";
import { makeHostEnv } from "./host-env.mjs";
import { startConnectProxy } from "./connect-proxy.mjs";

const META_HOSTS = ["facebook.com", "*.facebook.com", "instagram.com", "*.instagram.com", "meta.com", "*.meta.com"];

function writeHostManifest(dir, extra, hostBinary) {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = { name: HOST_NAME, description: IDENTITY.description, path: hostBinary, type: "stdio", ...extra };
  fs.writeFileSync(path.join(dir, `${HOST_NAME}.json`), JSON.stringify(manifest, null, 2));
}

// opts: {kind: "chromium"|"firefox", uiLang: "en"|"fr", fixturePort, registerHost = true,
//        hostBinary = HOST_BINARY, extensionDir = EXTENSION_DIR (a copy, to ship another catalog)}
// registerHost: true writes the host manifest itself; "install" leaves registration to
// `optout-guide-host install` (run by the caller through session.home / session.hostEnv before
// the browser starts: see onBeforeLaunch); false registers nothing.
export async function launchSession(opts) {
  const { kind, uiLang = "en", fixturePort, registerHost = true, hostBinary = HOST_BINARY,
    onBeforeLaunch = async () => {}, extensionDir = EXTENSION_DIR } = opts;
  const tmp = makeTempDir(kind);
  const hostEnv = makeHostEnv(tmp);
  const session = { kind, tmp, hostEnv, uiLang, closers: [], home: path.join(tmp, "home") };
  if (kind === "chromium") {
    // "install": the profile is where Chromium keeps it by default, so that the installer
    // detects Chromium and writes into <profile>/NativeMessagingHosts as for a real user.
    const userDataDir = registerHost === "install" ? path.join(hostEnv.XDG_CONFIG_HOME, "chromium")
      : path.join(tmp, "profile");
    // Registers the host as an installer would, also while the browser runs.
    session.registerHost = () => writeHostManifest(path.join(userDataDir, "NativeMessagingHosts"),
      { allowed_origins: [`chrome-extension://${CHROMIUM_ID}/`] }, hostBinary);
    if (registerHost === "install") {
      fs.mkdirSync(userDataDir, { recursive: true });
      await onBeforeLaunch(session);
    } else if (registerHost) {
      session.registerHost();
    } else {
      fs.mkdirSync(userDataDir, { recursive: true });
    }
    const rules = META_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${fixturePort}`).join(", ");
    session.browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      userDataDir,
      acceptInsecureCerts: true,
      defaultViewport: { width: 1280, height: 900 },
      ignoreDefaultArgs: ["--disable-extensions"],
      args: [
        `--load-extension=${extensionDir}`,
        `--disable-extensions-except=${extensionDir}`,
        `--host-resolver-rules=${rules}`,
        "--ignore-certificate-errors",
        "--no-sandbox",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        `--lang=${uiLang}`,
        `--accept-lang=${uiLang}`,
      ],
      env: { ...process.env, ...hostEnv, HOME: path.join(tmp, "home"), LANGUAGE: uiLang, LANG: uiLang === "fr" ? "fr_FR.UTF-8" : "en_US.UTF-8" },
    });
    session.origin = `chrome-extension://${CHROMIUM_ID}`;
    await session.browser.waitForTarget((t) => t.url().startsWith(session.origin), { timeout: 60000 });
  } else {
    const home = path.join(tmp, "home");
    fs.mkdirSync(home, { recursive: true });
    session.registerHost = () => writeHostManifest(path.join(home, ".mozilla/native-messaging-hosts"),
      { allowed_extensions: [GECKO_ID] }, hostBinary);
    if (registerHost === "install") {
      fs.mkdirSync(path.join(home, ".mozilla"), { recursive: true });
      await onBeforeLaunch(session);
    } else if (registerHost) {
      session.registerHost();
    }
    const proxy = await startConnectProxy({ targetPort: fixturePort });
    session.closers.push(() => proxy.close());
    session.browser = await puppeteer.launch({
      browser: "firefox",
      executablePath: FIREFOX,
      headless: true,
      acceptInsecureCerts: true,
      defaultViewport: { width: 1280, height: 900 },
      // Lets the WebDriver BiDi driver open moz-extension:// pages (the popup in a tab).
      env: { ...process.env, ...hostEnv, HOME: home, MOZ_REMOTE_ALLOW_SYSTEM_ACCESS: "1", LANGUAGE: uiLang, LANG: uiLang === "fr" ? "fr_FR.UTF-8" : "en_US.UTF-8" },
      extraPrefsFirefox: {
        "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
        "network.proxy.type": 1,
        "network.proxy.ssl": "127.0.0.1",
        "network.proxy.ssl_port": proxy.port,
        "network.proxy.http": "127.0.0.1",
        "network.proxy.http_port": proxy.port,
        "network.proxy.no_proxies_on": "",
        "network.proxy.allow_hijacking_localhost": true,
        "network.dns.disableIPv6": true,
        "intl.locale.requested": uiLang === "fr" ? "fr" : "en-US",
        "intl.accept_languages": uiLang === "fr" ? "fr-FR, fr" : "en-US, en",
        "extensions.langpacks.signatures.required": false,
        "browser.shell.checkDefaultBrowser": false,
        "app.update.enabled": false,
        "datareporting.policy.dataSubmissionEnabled": false,
        "toolkit.telemetry.enabled": false,
        "browser.safebrowsing.malware.enabled": false,
        "browser.safebrowsing.phishing.enabled": false,
        "network.captive-portal-service.enabled": false,
        "network.connectivity-service.enabled": false,
        "ui.prefersReducedMotion": 1,
      },
    });
    await session.browser.installExtension(extensionDir);
    session.origin = `moz-extension://${FIREFOX_UUID}`;
  }
  session.popupUrl = `${session.origin}/popup/popup.html`;
  session.close = async () => {
    try {
      await session.browser.close();
    } catch {
      // already gone
    }
    for (const c of session.closers) await c();
    if (!process.env.OG_E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  };
  return session;
}

// An extension page (the popup's URL in a tab): it can use tabs.sendMessage like the popup does.
export async function openExtensionPage(session, file = "popup/popup.html") {
  const page = await session.browser.newPage();
  const url = `${session.origin}/${file}`;
  if (session.kind === "chromium") {
    await page.goto(url, { waitUntil: "load" });
    return page;
  }
  // Firefox moves the tab to the extension process: the driver reports the old frame as
  // detached, so goto never resolves, but the page itself loads and answers; wait for it.
  page.goto(url).catch(() => {});
  for (let i = 0; i < 600; i++) {
    const href = await page.evaluate(() => location.href + "|" + document.readyState).catch(() => "");
    if (href.startsWith(url) && href.endsWith("|complete")) return page;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the extension page ${url} did not load in Firefox`);
}
