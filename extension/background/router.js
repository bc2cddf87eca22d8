// Routes runtime messages from tabs (content scripts) and from the popup to the host.
"use strict";
(function (OG) {
  // "content" for a content script on a Meta page, "extension" for our own pages, null otherwise.
  function senderKind(sender, api) {
    if (!sender || sender.id !== api.runtime.id) return null;
    const origin = api.runtime.getURL("");
    const url = String(sender.url || "");
    if (url.startsWith(origin)) return "extension";
    if (sender.tab && OG.allowlist.isAllowedUrl(url)) return "content";
    return null;
  }

  // The page an event happened on: the tab's own URL at that moment (sender.url does not follow
  // history.pushState), trusted only within the sender's origin, which pushState cannot change.
  function eventUrl(reported, senderUrl) {
    const fallback = OG.messages.cutUtf8(String(senderUrl), OG.messages.LIMITS.url);
    if (typeof reported !== "string" || !OG.allowlist.isAllowedUrl(reported)) return fallback;
    try {
      return new URL(reported).origin === new URL(String(senderUrl)).origin ? reported : fallback;
    } catch {
      return fallback;
    }
  }

  function statusView(ctx, extra = {}) {
    return { ok: true, status: ctx.connection.status, extensionVersion: ctx.extensionVersion,
      catalog: ctx.catalog.sync().view(), catalogOffer: ctx.catalogOffer ? ctx.catalogOffer.last : null, ...extra };
  }

  async function handle(msg, sender, ctx) {
    ctx.catalog.sync();
    const from = senderKind(sender, ctx.api);
    if (!from) return { ok: false, error: { code: "forbidden", message: "message from an unknown sender" } };
    const v = OG.messages.validateRuntimeMessage(msg, from);
    if (!v.ok) return v;
    switch (msg.type) {
      case "status": {
        if (ctx.connection.status.state !== "connected") await ctx.connection.ensure().catch(() => {});
        return statusView(ctx, { pendingEvents: await ctx.queue.size() });
      }
      case "reconnect": {
        await ctx.connection.reconnectNow().catch(() => {});
        return statusView(ctx, { pendingEvents: await ctx.queue.size() });
      }
      case "host": {
        try {
          return await ctx.connection.request(msg.request);
        } catch (err) {
          return { ok: false, error: err, hostStatus: ctx.connection.status };
        }
      }
      case "reportEvent": {
        const event = { ...msg.event, client: ctx.client };
        if (from === "content") event.url = eventUrl(msg.event.url, sender.url);
        const result = await ctx.queue.add(event);
        return { ...result, hostStatus: ctx.connection.status };
      }
      case "pageLoaded": {
        const opener = Number.isInteger(sender.tab.openerTabId) ? sender.tab.openerTabId : null;
        return ctx.pageViews.pageLoaded(sender.tab.id, msg, sender.url, opener);
      }
      case "reportMismatch": {
        // The page's host and path are the browser's word, as for events; never its query.
        const u = new URL(String(sender.url));
        const report = { ...msg.report, host: u.hostname, path: u.pathname.slice(0, 1024) };
        try {
          return await ctx.connection.request({ type: "reportMismatch", report });
        } catch (err) {
          return { ok: false, error: err };
        }
      }
      case "sendPressed":
        await ctx.sendAttempts.set(sender.tab.id, { procedureId: msg.procedureId, stepId: msg.stepId,
          path: msg.path, at: Date.now() });
        return { ok: true };
      case "overlayHealth":
        await ctx.badges.set(sender.tab.id, msg.visible, msg.visible ? null : msg.reason);
        return { ok: true };
      case "openOnboarding":
        return ctx.onboarding.open();
    }
    return { ok: false, error: { code: "unknown_type", message: `unhandled ${msg.type}` } };
  }

  OG.router = { senderKind, handle, eventUrl };
})(globalThis.OptoutGuide);
