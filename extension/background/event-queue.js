// Events (step shown/completed/skipped, form submitted, email received) wait in storage.local
// until the host has stored them, so a host that is missing, killed or restarting loses
// nothing: they are sent again on reconnection. The host treats a repeated eventId as harmless.
"use strict";
(function (OG) {
  const KEY = "pendingEvents";
  // Host error codes after which sending again later can succeed.
  const RETRYABLE = new Set(["store_unavailable", "internal", "reply_too_large"]);
  const MAX_QUEUE = 500;
  // The events that move a procedure's state: never dropped, however long the host is away.
  const STATE_CHANGING = new Set(["form_submitted", "confirmation_received", "answer_received", "step_completed", "reset"]);

  const pageOf = (url) => OG.messages.pageOf(url);

  function sameShown(a, b) {
    return a.type === "step_shown" && b.type === "step_shown" && a.procedureId === b.procedureId &&
      a.stepId === b.stepId && a.account === b.account && pageOf(a.url) === pageOf(b.url);
  }

  // Pure: the queue after adding `event`. A step_shown already waiting for the same step and
  // page is not queued twice; past MAX_QUEUE the oldest repetitive events go first, and
  // state-changing ones are kept even past it (a user makes few of them).
  function enqueue(queue, event, max = MAX_QUEUE) {
    if (queue.some((e) => e.eventId === event.eventId || sameShown(e, event))) return queue;
    const out = [...queue, event];
    let excess = out.length - max;
    for (let i = 0; excess > 0 && i < out.length;) {
      if (!STATE_CHANGING.has(out[i].type) && out[i] !== event) {
        out.splice(i, 1);
        excess--;
      } else {
        i++;
      }
    }
    return out;
  }

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
        const queue = enqueue(await this.load(), event);
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
  OG.eventQueue = { enqueue, STATE_CHANGING, MAX_QUEUE };
})(globalThis.OptoutGuide);
