// The store down while the user goes on: the real background (every file of
// background.scripts) talks to the real host over real pipes, whose progress store is genuinely
// broken (a folder stands where its database file should be). 600 events later the store is
// repaired; the next event flushes the queue, and the record the host exports holds the
// form_submitted and every other state-changing event, with the repetitive ones capped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startBackground, until } from "./extension-harness.mjs";
import { hostHome, nativeHost } from "./lib/host-client.mjs";

const BINARY = process.env.OG_HOST_BINARY;
const skip = BINARY ? false : "set OG_HOST_BINARY=/path/to/optout-guide-host to run the background against the real host";
const PROC = "instagram-ai-objection";
const FORM = "https://help.instagram.com/contact/233964459562201";
const FEED = "https://www.instagram.com/";
// The store's documented cap on each repetitive event type (docs/architecture.md).
const STORE_CAP = 200;

function exportRecord(env) {
  return JSON.parse(execFileSync(BINARY, ["export", "--format", "json"], { env: { ...process.env, ...env }, encoding: "utf8" }));
}

test("600 events with the store down keep the form_submitted and every state-changing event", { skip, timeout: 240000 }, async () => {
  const home = hostHome();
  const db = path.join(home.env.XDG_DATA_HOME, "optout-guide", "progress.db");
  fs.mkdirSync(db, { recursive: true }); // a folder where the database file should be
  const host = nativeHost(BINARY, home.env);
  const bg = startBackground({ host });
  try {
    const report = (tabUrl, event) => bg.fromTab(5, tabUrl, { type: "reportEvent", event });
    const sent = await report(FORM, { eventId: "event-sent-0001", procedureId: PROC, stepId: "submit-form",
      type: "form_submitted", url: FORM, evidence: { text: "We've received your request.", how: "form_replaced" } });
    assert.equal(sent.ok, true);
    assert.equal(sent.queued, true, "kept for later");
    assert.equal(sent.error.code, "store_unavailable", `the host says its store is unavailable (${JSON.stringify(sent.error)})`);
    const steps = ["open-more-menu", "open-settings", "open-privacy-center", "expand-ai-notice", "open-form"];
    for (let i = 0; i < 600; i++) {
      // A chatty page: a new URL each time, each one a step shown on another page.
      await report(FEED, { eventId: `event-shown-${String(i).padStart(4, "0")}`, procedureId: PROC, stepId: steps[i % steps.length],
        type: "step_shown", url: `${FEED}p/${i}/` });
    }
    await report(FEED, { eventId: "event-done-0001", procedureId: PROC, stepId: "open-form", type: "step_completed", url: FEED });
    await report(FEED, { eventId: "event-skip-0001", procedureId: PROC, stepId: "expand-ai-notice", type: "step_skipped", url: FEED });
    const confirmed = await bg.fromExtension({ type: "reportEvent", event: { eventId: "event-mail-0001", procedureId: PROC,
      stepId: "wait-email", type: "confirmation_received" } });
    assert.equal(confirmed.queued, true);
    assert.equal(host.spawned(), 1, "one host all along: the store, not the host, was down");

    const pending = bg.storage.local.data.pendingEvents;
    const ids = pending.map((e) => e.eventId);
    const { MAX_QUEUE } = bg.OG.eventQueue;
    assert.ok(pending.length <= MAX_QUEUE + 3, `the queue stays bounded (${pending.length})`);
    for (const id of ["event-sent-0001", "event-done-0001", "event-mail-0001"]) assert.ok(ids.includes(id), `${id} is kept`);
    assert.equal(ids[0], "event-sent-0001", "the form_submitted is still first in line");
    assert.ok(!ids.includes("event-shown-0000"), "the oldest step_shown went first");

    // The user frees the place: the store can open again. The next event flushes everything.
    fs.rmdirSync(db);
    const next = await report(FEED, { eventId: "event-next-0001", procedureId: PROC, stepId: "open-more-menu",
      type: "step_shown", url: `${FEED}explore/` });
    assert.equal(next.ok, true);
    await until(() => bg.storage.local.data.pendingEvents.length === 0, "the queue flushed", 120000);

    // The record's journal, as the user exports it.
    const journal = exportRecord(home.env).events.filter((e) => e.procedureId === PROC);
    const one = (type, stepId) => journal.filter((e) => e.type === type && e.stepId === stepId);
    const sentInRecord = one("form_submitted", "submit-form");
    assert.equal(sentInRecord.length, 1, "the form_submitted is in the record, once");
    assert.equal(sentInRecord[0].url, FORM, "on the form's page");
    assert.match(sentInRecord[0].evidence.text, /We've received your request/, "with Meta's confirmation quoted");
    assert.equal(one("step_completed", "open-form").length, 1, "the step_completed too");
    assert.equal(one("confirmation_received", "wait-email").length, 1, "and the email confirmed");
    assert.equal(one("step_skipped", "expand-ai-notice").length, 1, "a step_skipped under the cap is kept");
    const shown = journal.filter((e) => e.type === "step_shown");
    assert.equal(shown.length, STORE_CAP, `step_shown capped at ${STORE_CAP} by the store (${shown.length})`);
    const status = JSON.parse(execFileSync(BINARY, ["status", "--json"], { env: { ...process.env, ...home.env }, encoding: "utf8" }));
    const row = status.find((r) => r.procedureId === PROC && r.account === "default");
    assert.equal(row.state, "confirmed", "sent, then the email confirmed: nothing the user did was lost");
    assert.ok(row.submittedAt, "the submission is dated");
  } finally {
    bg.close();
    await host.close();
    home.remove();
  }
});
