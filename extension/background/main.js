// Wires the background together. Listeners are registered synchronously at the top level so a
// stopped service worker (Chromium) or event page (Firefox) that is woken by a message gets it.
"use strict";
(function (OG) {
  const api = OG.api;
  const isFirefox = typeof api.runtime.getBrowserInfo === "function";
  const sessionArea = api.storage.session || api.storage.local;
  const ctx = {
    api,
    client: isFirefox ? "firefox" : "chromium",
    extensionVersion: api.runtime.getManifest().version,
  };
  ctx.connection = new OG.HostConnection({
    api,
    client: ctx.client,
    extensionVersion: ctx.extensionVersion,
    onConnected: (hello) => ctx.catalogOffer.offer(hello).catch(() => {}).then(() => ctx.queue.flush()).catch(() => {}),
  });
  ctx.catalogOffer = new OG.CatalogOffer({ connection: ctx.connection, bundled: OG.bundledCatalog });
  ctx.queue = new OG.EventQueue({ storage: api.storage.local, connection: ctx.connection });
  ctx.tabSteps = new OG.TabSteps({ storage: sessionArea });
  ctx.sendAttempts = new OG.TabSteps({ storage: sessionArea, storageKey: "sendAttempts" });
  ctx.badges = new OG.Badges({ api });
  ctx.catalog = new OG.HostCatalog({ hello: () => ctx.connection.status.hello });
  ctx.pageViews = new OG.PageViews({ connection: ctx.connection, queue: ctx.queue, tabSteps: ctx.tabSteps,
    sendAttempts: ctx.sendAttempts,
    catalog: ctx.catalog, settings: api.storage.local, client: ctx.client });
  ctx.onboarding = new OG.Onboarding({ api, connection: ctx.connection });
  OG.background = ctx;

  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    OG.router.handle(msg, sender, ctx).then(sendResponse, (err) => {
      console.error("optout-guide: message handling failed", err);
      sendResponse({ ok: false, error: { code: "internal", message: String(err && err.message || err) } });
    });
    return true;
  });
  api.runtime.onInstalled.addListener((details) => {
    ctx.onboarding.onInstalled(details).catch((e) => console.error("optout-guide: onboarding failed", e));
  });
  api.tabs.onRemoved.addListener((tabId) => {
    ctx.tabSteps.clear(tabId).catch(() => {});
    ctx.sendAttempts.clear(tabId).catch(() => {});
    ctx.badges.forget(tabId);
  });

  // Events queued before a restart (of the worker or of the host) are delivered on wake-up.
  ctx.queue.size().then((n) => {
    if (n > 0) return ctx.queue.flush();
    return null;
  }).catch(() => {});
})(globalThis.OptoutGuide);
