// Events (step shown/completed/skipped, form submitted, email received) wait in storage.local
// until the host has stored them, so a host that is missing, killed or restarting loses
// nothing: they are sent again on reconnection. The host treats a repeated eventId as harmless.
"use strict";
(function (OG) {
  const KEY = "pendingEvents";
  // Host error codes after which sending again later can succeed.
  const RETRYABLE = new Set(["store_unavailable", "internal", "reply_too_large"]);
  const MAX_QUEUE = 500;

  class EventQueue {
    constructor({ storage, connection }) {
      this.storage = storage; // a StorageArea (storage.local)
      this.connection = connection;
      this.lock = Promise.resolve();
      this.results = new Map(); // eventId -> last host reply, for the caller waiting on it
    }

    serialize(fn) {
      const run = this.lock.then(fn, fn);
      this.lock = run.catch(() => {});
      return run;
    }

    async load() {
      const got = await this.storage.get(KEY);
      return Array.isArray(got[KEY]) ? got[KEY] : [];
    }

    // Queues the event and tries to deliver everything queued. Resolves with
    // {ok, queued, reply?, error?}: queued=true means it is kept for later.
    add(event) {
      return this.serialize(async () => {
        const queue = await this.load();
        if (!queue.some((e) => e.eventId === event.eventId)) queue.push(event);
        while (queue.length > MAX_QUEUE) queue.shift();
        await this.storage.set({ [KEY]: queue });
      }).then(() => this.flush()).then(() => this.outcome(event.eventId));
    }

    async outcome(eventId) {
      const reply = this.results.get(eventId);
      this.results.delete(eventId);
      if (reply && reply.ok) return { ok: true, queued: false, reply };
      if (reply && !reply.ok && !reply.unreachable && !RETRYABLE.has(reply.error.code)) return { ok: false, queued: false, error: reply.error };
      return { ok: true, queued: true, error: reply && reply.error };
    }

    flush() {
      return this.serialize(async () => {
        let queue = await this.load();
        while (queue.length) {
          const event = queue[0];
          let reply;
          try {
            reply = await this.connection.request({ type: "reportEvent", event });
          } catch (err) {
            this.results.set(event.eventId, { ok: false, error: err, unreachable: true });
            return; // host unreachable: keep everything for the next connection
          }
          this.results.set(event.eventId, reply);
          if (!reply.ok && RETRYABLE.has(reply.error.code)) return;
          if (!reply.ok) console.warn("optout-guide: host refused event", event, reply.error);
          queue = (await this.load()).filter((e) => e.eventId !== event.eventId);
          await this.storage.set({ [KEY]: queue });
        }
      });
    }

    async size() {
      return (await this.load()).length;
    }
  }

  OG.EventQueue = EventQueue;
})(globalThis.OptoutGuide);
