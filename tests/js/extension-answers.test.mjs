// Meta's answers in the extension (docs/catalog.md, "Answers"): what a tab may report, what the
// card and the popup show at a wait step whose catalog declares answers, and that a script's
// click (jsdom's events are all untrusted, as a page's are) records nothing. The user's own
// clicks: tests/e2e/meta-answer.test.mjs.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { EXTENSION_DIR, keepShadowRoot, makeWindow, memoryStorage, until } from "./extension-harness.mjs";

const windows = [];
after(() => windows.forEach((w) => w.close()));

const ANSWERS = [{ answer: "accepted", advice: null }, { answer: "refused", advice: "Send a new request." },
  { answer: "more-info", advice: "Answer Meta's email." }];
const AT = "2026-12-05T09:00:00.000Z";

test("a tab reports an answer only as answer_received, with an answer id", () => {
  const { window, OG } = makeWindow("<!doctype html><html><body></body></html>");
  windows.push(window);
  const base = { eventId: "evt-00000001", procedureId: "third-party-ai-objection", stepId: "wait-reply" };
  assert.equal(OG.messages.validateEvent({ ...base, type: "answer_received", answer: "refused" }).ok, true);
  const missing = OG.messages.validateEvent({ ...base, type: "answer_received" });
  assert.deepEqual([missing.error.code, missing.error.field], ["missing_field", "/event/answer"]);
  const stray = OG.messages.validateEvent({ ...base, type: "step_completed", answer: "refused" });
  assert.deepEqual([stray.error.code, stray.error.field], ["invalid_value", "/event/answer"]);
  const odd = OG.messages.validateEvent({ ...base, type: "answer_received", answer: "<b>" });
  assert.deepEqual([odd.error.code, odd.error.field], ["invalid_value", "/event/answer"]);
});

function cardWith(progress, { refuse = null } = {}) {
  const page = `<!doctype html><html lang="en"><head><title>Form</title></head><body><p>We've received your request.</p></body></html>`;
  const { window, OG } = makeWindow(page, { url: "https://www.facebook.com/help/contact/1266025207620918" });
  windows.push(window);
  const kept = keepShadowRoot(window);
  const sent = [];
  const match = {
    procedureId: "third-party-ai-objection", platform: "meta", account: "default", stepId: "submit-form", kind: "submit",
    stepIndex: 6, stepCount: 7, state: progress.state, instruction: "Check the form, then click Send.", targets: [],
    complete: [], directLink: null, procedureTitle: "Information others share about you", language: "en",
    answerStepId: "wait-reply", answers: ANSWERS, progress,
  };
  const bridge = {
    pageLoaded: async () => ({ ok: true, match }),
    sendPressed: async () => ({ ok: true }),
    overlayHealth: async () => ({ ok: true }),
    async reportEvent(event) {
      sent.push(event);
      return refuse ? { ok: false, error: refuse } : { ok: true, queued: false };
    },
  };
  const guide = new OG.Guide({ window, bridge, storage: memoryStorage(), i18n: (k, s) => (s ? `${k}:${s.join("|")}` : k), uiLang: "en", dir: "ltr" });
  return { window, guide, sent, root: () => kept.root };
}

const words = (root) => [...root.querySelectorAll("[data-t]")].map((n) => n.getAttribute("data-t"));

test("the card at Meta's answer: a script's click neither opens the question nor records an answer", async () => {
  const { guide, sent, root } = cardWith({ state: "submitted", answer: null });
  await guide.start();
  await until(() => root() && root().querySelector('[data-action="askConfirm"]'), "the card offers Meta's answer");
  root().querySelector('[data-action="askConfirm"]').click();
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(guide.overlayState().confirming, false, "a synthetic click does not move the card on");
  assert.equal(root().querySelector('[data-action^="answer:"]'), null);
  assert.deepEqual(sent, [], "nothing reported");
  // An answer the step does not declare is never sent, whoever asks.
  await guide.onAction("answer:ignored");
  assert.deepEqual(sent, [], "an answer the step does not declare is not sent");
});

test("after an answer the card says what the user told, and the catalog's advice for it", async () => {
  const { guide, root } = cardWith({ state: "submitted", answer: { answer: "more-info", at: AT } });
  await guide.start();
  const shown = await until(() => root() && words(root()).find((w) => w.startsWith("answerTold:")), "the told note");
  assert.match(shown, /^answerTold:.+\|answer_more_info$/);
  assert.ok(words(root()).includes("Answer Meta's email."), "the advice for that answer");
  assert.deepEqual([...guide.overlayState().notes.slice(-2)], [shown, "Answer Meta's email."]);
});

test("the card reports the answer on the wait step the host names, with the answer", async () => {
  const { guide, sent } = cardWith({ state: "submitted", answer: null });
  await guide.start();
  await until(() => guide.step, "the step");
  await guide.onAction("answer:refused");
  assert.equal(sent.length, 1);
  assert.deepEqual([sent[0].type, sent[0].stepId, sent[0].answer], ["answer_received", "wait-reply", "refused"]);
});

test("an answer the host refuses is said in the user's words, not as the page refusing a form", async () => {
  const refuse = { code: "unknown_answer", message: "answer \"refused\" is not one the step wait-reply declares" };
  const { guide, root } = cardWith({ state: "submitted", answer: null }, { refuse });
  await guide.start();
  await until(() => guide.step, "the step");
  await guide.onAction("answer:refused");
  const said = await until(() => root() && words(root()).find((w) => w.startsWith("errHostRefused:")), "the refusal on the card");
  assert.equal(said, "errHostRefused:unknown_answer");
  assert.ok(!words(root()).some((w) => w.startsWith("formRefused")), "not the page-refused-the-form sentence");
  assert.ok(!words(root()).some((w) => w.includes("declares")), "not the host's English message");
});

const HTML = fs.readFileSync(path.join(EXTENSION_DIR, "popup/popup.html"), "utf8");
const SCRIPTS = [...HTML.matchAll(/<script src="\.\.\/([^"]+)"/g)].map((m) => m[1])
  .concat([...HTML.matchAll(/<script src="([^."][^"]+)"/g)].map((m) => `popup/${m[1]}`));

function popupWith(progress) {
  const reported = [];
  const asked = [];
  const proc = { id: "third-party-ai-objection", platform: "meta", title: "Third party", summary: "", steps: 7,
    start: "https://www.facebook.com/help/contact/1266025207620918", directLink: null };
  const replies = {
    listProcedures: { ok: true, procedures: [proc], nextCursor: null },
    listAccounts: { ok: true, accounts: [{ platform: "meta", account: "default" }] },
    getProgress: { ok: true, progress: [{ procedureId: proc.id, account: "default", stepIndex: 7, stepCount: 7, ...progress }], nextCursor: null },
    getProcedure: { ok: true, procedure: { ...proc, steps: [{ id: "submit-form", answers: [] }, { id: "wait-reply", answers: ANSWERS }] } },
  };
  const api = {
    runtime: {
      async sendMessage(msg) {
        if (msg.type === "status") return { ok: true, status: { state: "connected", hello: {} }, extensionVersion: "0.1.0", catalog: { allowlist: ["www.facebook.com"] } };
        if (msg.type === "host") {
          asked.push(msg.request.type);
          return replies[msg.request.type] || { ok: false, error: { code: "unknown_type" } };
        }
        if (msg.type === "reportEvent") reported.push(msg.event);
        return { ok: true };
      },
    },
    i18n: { getMessage: (k, s) => (s ? `${k}:${[].concat(s).join("|")}` : k), getUILanguage: () => "en" },
    storage: { local: memoryStorage() },
    tabs: { query: async () => [], create: async () => {} },
  };
  const popup = makeWindow(HTML, { url: "https://popup.invalid/popup/popup.html", scripts: SCRIPTS, api });
  windows.push(popup.window);
  popup.window.close = () => {};
  return { doc: popup.window.document, reported, asked };
}

test("the popup asks which answer came, one button each, and a script's click records nothing", async () => {
  const { doc, reported } = popupWith({ state: "submitted", answer: null });
  const card = await until(() => doc.querySelector('[data-procedure="third-party-ai-objection"]'), "the card");
  await until(() => card.querySelectorAll('[data-action="answer"]').length === 3, "three answer buttons");
  assert.deepEqual([...card.querySelectorAll('[data-action="answer"]')].map((b) => [b.dataset.answer, b.textContent]),
    [["accepted", "btnAnswer_accepted"], ["refused", "btnAnswer_refused"], ["more-info", "btnAnswer_more_info"]]);
  assert.equal(card.querySelector('[data-action="email-received"]'), null, "no single \"the email arrived\"");
  card.querySelector('[data-answer="refused"]').click();
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(reported, [], "only the user's own click answers");
});

test("the popup shows a refusal: the state, the user's word, the advice, the earlier request, a new request", async () => {
  const { doc } = popupWith({ state: "refused", answer: { answer: "refused", at: AT }, submittedAt: "2026-12-01T10:00:00.000Z",
    earlierRequests: [{ submittedAt: "2026-11-01T10:00:00.000Z", answer: { answer: "refused", at: "2026-11-04T10:00:00.000Z" } }] });
  const card = await until(() => doc.querySelector('[data-procedure="third-party-ai-objection"][data-state="refused"]'), "the card");
  await until(() => card.querySelector("[data-advice]"), "the advice");
  assert.equal(card.querySelector(".state").textContent, "state_refused");
  assert.match(card.querySelector('[data-told="refused"]').textContent, /^answerTold:.+\|answer_refused$/);
  assert.equal(card.querySelector('[data-advice="refused"]').textContent, "Send a new request.");
  assert.match(card.querySelector('[data-earlier="refused"]').textContent, /^earlierRequest:/);
  assert.ok(card.querySelector('[data-action="new-request"]'), "a new request can be started");
  assert.equal(card.querySelectorAll('[data-action="answer"]').length, 0, "no answer to give while refused");
});

test("the popup reads a procedure's answers only where its card shows them", async () => {
  const started = popupWith({ state: "in_progress", answer: null, stepIndex: 3 });
  const card = await until(() => started.doc.querySelector('[data-procedure="third-party-ai-objection"][data-state="in_progress"]'), "the card");
  assert.ok(card.querySelector('[data-action="resume"]'));
  assert.ok(started.asked.includes("getProgress"));
  assert.ok(!started.asked.includes("getProcedure"), `asked: ${started.asked.join(", ")}`);
  const waiting = popupWith({ state: "submitted", answer: null });
  await until(() => waiting.doc.querySelectorAll('[data-action="answer"]').length === 3, "three answer buttons");
  assert.equal(waiting.asked.filter((t) => t === "getProcedure").length, 1, "asked once for the waiting procedure");
});
