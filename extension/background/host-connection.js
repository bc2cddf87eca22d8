// The one native port to org.optoutguide.host: request/response correlation by id, timeouts,
// reconnection with backoff when the port drops. A stopped service worker starts again
// "unknown" and reconnects on the first request.
"use strict";
(function (OG) {
  const HOST_NAME = "org.optoutguide.host";
  const PROTOCOL = 1;

  class HostConnection {
    constructor({ api, client, extensionVersion, onStatus = () => {}, onConnected = () => {},
      requestTimeoutMs = 15000, timers = globalThis }) {
      this.api = api;
      this.client = client;
      this.extensionVersion = extensionVersion;
      this.onStatus = onStatus;
      this.onConnected = onConnected;
      this.requestTimeoutMs = requestTimeoutMs;
      this.timers = timers;
      this.port = null;
      this.seq = 0;
      this.pending = new Map();
      this.ready = null; // promise of the hello reply while connecting/connected
      this.attempt = 0;
      this.retryTimer = null;
      this.status = { state: "unknown", reason: null, detail: null, hello: null, since: Date.now() };
    }

    setStatus(patch) {
      this.status = { ...this.status, ...patch, since: Date.now() };
      try {
        this.onStatus(this.status);
      } catch (e) {
        console.error("optout-guide: status listener failed", e);
      }
    }

    // Resolves with the hello reply once the host answered; rejects with {code, message}.
    ensure() {
      if (this.ready) return this.ready;
      if (this.retryTimer) {
        this.timers.clearTimeout(this.retryTimer);
        this.retryTimer = null;
      }
      this.ready = this.open();
      // A failed attempt must not stay cached: the next request tries again.
      this.ready.catch(() => {});
      return this.ready;
    }

    open() {
      this.setStatus({ state: "connecting", reason: null, detail: null });
      let port;
      try {
        port = this.api.runtime.connectNative(HOST_NAME);
      } catch (e) {
        return Promise.reject(this.down(String(e && e.message), null));
      }
      this.port = port;
      port.onMessage.addListener((m) => this.receive(port, m));
      port.onDisconnect.addListener((p) => {
        const chromeErr = globalThis.chrome && globalThis.chrome.runtime && globalThis.chrome.runtime.lastError;
        const message = (p && p.error && p.error.message) || (chromeErr && chromeErr.message) ||
          (this.api.runtime.lastError && this.api.runtime.lastError.message) || null;
        this.down(message, port);
      });
      const hello = { type: "hello", client: this.client, extensionVersion: this.extensionVersion };
      return this.send(port, hello).then((reply) => {
        if (!reply.ok || reply.protocol !== PROTOCOL) {
          const detail = reply.ok ? `host speaks protocol ${reply.protocol}` : reply.error.message;
          const err = { code: "host_incompatible", message: detail };
          this.setStatus({ state: "unavailable", reason: "host_incompatible", detail });
          try { port.disconnect(); } catch { /* already gone */ }
          if (this.port === port) this.port = null;
          this.ready = null;
          throw err;
        }
        this.attempt = 0;
        this.takeHello(reply);
        Promise.resolve().then(() => this.onConnected(reply));
        return reply;
      });
    }

    takeHello(reply) {
      this.setStatus({ state: "connected", reason: null, detail: null, hello: {
        hostVersion: reply.hostVersion, protocol: reply.protocol, catalog: reply.catalog,
        store: reply.store } });
    }

    // Asks hello again on the open port (after the host changed its catalog).
    async refreshHello() {
      const reply = await this.request({ type: "hello", client: this.client, extensionVersion: this.extensionVersion });
      if (reply.ok) this.takeHello(reply);
      return reply;
    }

    send(port, request, timeoutMs = this.requestTimeoutMs) {
      const id = ++this.seq;
      return new Promise((resolve, reject) => {
        const timer = this.timers.setTimeout(() => {
          this.pending.delete(id);
          reject({ code: "host_timeout", message: `no answer to ${request.type} within ${timeoutMs} ms` });
        }, timeoutMs);
        this.pending.set(id, { resolve, reject, timer, port });
        try {
          port.postMessage({ ...request, id });
        } catch (e) {
          this.timers.clearTimeout(timer);
          this.pending.delete(id);
          reject({ code: "host_unreachable", message: String(e && e.message) });
        }
      });
    }

    async request(request, timeoutMs) {
      await this.ensure();
      return this.send(this.port, request, timeoutMs);
    }

    receive(port, message) {
      const v = OG.messages.validateHostReply(message);
      if (!v.ok) {
        console.warn("optout-guide: ignoring malformed host frame:", v.error.message);
        return;
      }
      const entry = this.pending.get(message.id);
      if (!entry) {
        console.warn("optout-guide: host reply for unknown id", message.id, message.error || "");
        return;
      }
      this.pending.delete(message.id);
      this.timers.clearTimeout(entry.timer);
      entry.resolve(message);
    }

    // The port dropped (or never opened): fail what waits on it, say why, plan a retry.
    down(browserMessage, port) {
      if (port && this.port !== port) return null; // an old port's late notice
      const reason = OG.hostErrors.classifyDisconnect(browserMessage);
      const err = { code: reason, message: browserMessage || "the host closed the connection" };
      this.port = null;
      this.ready = null;
      for (const [id, entry] of this.pending) {
        if (port && entry.port !== port) continue;
        this.timers.clearTimeout(entry.timer);
        entry.reject(err);
        this.pending.delete(id);
      }
      this.setStatus({ state: "unavailable", reason, detail: browserMessage || null });
      this.scheduleRetry();
      return err;
    }

    scheduleRetry() {
      if (this.retryTimer) return;
      const delay = OG.hostErrors.backoffDelay(this.attempt++);
      this.retryTimer = this.timers.setTimeout(() => {
        this.retryTimer = null;
        this.ensure().catch(() => {});
      }, delay);
    }

    // The user pressed "Try again": forget the backoff.
    reconnectNow() {
      this.attempt = 0;
      if (this.port) return this.ready || this.ensure();
      this.ready = null;
      return this.ensure();
    }
  }

  OG.HostConnection = HostConnection;
  OG.HOST_NAME = HOST_NAME;
})(globalThis.OptoutGuide);
