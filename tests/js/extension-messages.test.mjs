// Validation of the messages extension parts exchange (shared/messages.js) and the mapping of
// the browsers' native-port errors to reasons and the page that fixes them (shared/host-errors.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { makeWindow } from "./extension-harness.mjs";

const { OG } = makeWindow("<html><body></body></html>", {
  scripts: ["shared/namespace.js", "shared/text.js", "shared/allowlist.js", "shared/messages.js", "shared/host-errors.js"],
});
const { validateRuntimeMessage: v, validateEvent, validateHostReply } = OG.messages;
const event = { eventId: "6f1c2a3b-0000-4000-8000-000000000001", procedureId: "instagram-ai-objection",
  stepId: "open-form", type: "step_completed", account: "default" };

const PAGE = { url: "https://privacycenter.instagram.com/policy/", title: "Privacy Policy", docLang: "fr", uiLang: "en",
  signals: { headings: ["Politique de confidentialité"] } };

test("a page's content script may describe its page, report events and ask for the install page, nothing else", () => {
  assert.equal(v({ type: "pageLoaded", context: PAGE, reason: "load" }, "content").ok, true);
  assert.equal(v({ type: "reportEvent", event }, "content").ok, true);
  assert.equal(v({ type: "openOnboarding" }, "content").ok, true);
  for (const msg of [{ type: "host", request: { type: "nextStep", context: PAGE } }, { type: "host", request: { type: "resetProcedure" } },
    { type: "host", request: { type: "exportRecord" } }, { type: "status" }, { type: "reconnect" }, { type: "tabStep", op: "get" }]) {
    const r = v(msg, "content");
    assert.equal(r.ok, false, JSON.stringify(msg));
    assert.equal(r.error.code, "forbidden", JSON.stringify(msg));
    assert.equal(r.error.field, "/type");
  }
  for (const type of ["resetProcedure", "exportRecord", "setAccount", "getProgress"]) {
    assert.equal(v({ type: "host", request: { type } }, "extension").ok, true, `${type} from the popup`);
  }
  assert.equal(v({ type: "pageLoaded", context: PAGE, reason: "load" }, "extension").error.code, "forbidden", "a page view needs a tab");
});

test("pageLoaded: a known reason and a page context within bounds, on the allowlist", () => {
  const bad = (msg, field, code) => {
    const r = v({ type: "pageLoaded", context: PAGE, reason: "load", ...msg }, "content");
    assert.equal(r.ok, false, JSON.stringify(msg));
    assert.equal(r.error.field, field, JSON.stringify(msg));
    if (code) assert.equal(r.error.code, code);
  };
  for (const reason of OG.messages.PAGE_REASONS) assert.equal(v({ type: "pageLoaded", context: PAGE, reason }, "content").ok, true, reason);
  bad({ reason: "whim" }, "/reason", "invalid_value");
  bad({ reason: undefined }, "/reason");
  bad({ context: null }, "/context", "wrong_type");
  bad({ context: { ...PAGE, url: 42 } }, "/context/url", "wrong_type");
  bad({ context: { ...PAGE, url: "https://" + "a".repeat(9000) + ".instagram.com/" } }, "/context/url", "wrong_type");
  bad({ context: { ...PAGE, url: "https://evil.example/" } }, "/context/url", "forbidden");
  bad({ context: { ...PAGE, url: "http://www.instagram.com/" } }, "/context/url", "forbidden");
  bad({ context: { ...PAGE, title: "t".repeat(2000) } }, "/context/title");
  bad({ context: { ...PAGE, docLang: 3 } }, "/context/docLang");
  bad({ context: { ...PAGE, signals: [] } }, "/context/signals");
  bad({ context: { ...PAGE, signals: { headings: Array(201).fill("h") } } }, "/context/signals/headings");
  bad({ context: { ...PAGE, signals: { headings: ["ok", 7] } } }, "/context/signals/headings/1");
  assert.equal(v({ type: "pageLoaded", context: { url: PAGE.url }, reason: "navigation" }, "content").ok, true, "the rest is optional");
});

test("bad messages get an error naming what was wrong and where", () => {
  assert.deepEqual(v(null, "content").error.code, "not_an_object");
  assert.equal(v({}, "content").error.field, "/type");
  assert.equal(v({ type: "nope" }, "content").error.code, "forbidden");
  assert.equal(v({ type: "nope" }, "extension").error.code, "unknown_type");
  assert.equal(v({ type: "host", request: { type: "format-disk" } }, "extension").error.code, "unknown_type");
  assert.equal(v({ type: "host", request: { type: "hello", id: 7 } }, "extension").error.field, "/request/id");
  assert.equal(v({ type: "host", request: { type: "reportEvent" } }, "extension").ok, false, "events go through the queue");
  assert.equal(v({ type: "tabStep", op: "get" }, "extension").error.code, "unknown_type", "tabStep is gone");
});

test("events: id form, type, ids, sizes", () => {
  assert.equal(validateEvent(event).ok, true);
  const bad = (patch, field) => {
    const r = validateEvent({ ...event, ...patch });
    assert.equal(r.ok, false, JSON.stringify(patch));
    assert.equal(r.error.field, field);
  };
  bad({ eventId: "short" }, "/event/eventId");
  bad({ eventId: "has space in it" }, "/event/eventId");
  bad({ type: "step_done" }, "/event/type");
  bad({ procedureId: "Not An Id" }, "/event/procedureId");
  bad({ stepId: 3 }, "/event/stepId");
  bad({ url: "x".repeat(9000) }, "/event/url");
  assert.match(OG.messages.newEventId(), /^[A-Za-z0-9_-]{8,64}$/);
  assert.notEqual(OG.messages.newEventId(), OG.messages.newEventId());
});

test("host replies must carry the protocol's envelope", () => {
  assert.equal(validateHostReply({ id: 1, ok: true }).ok, true);
  assert.equal(validateHostReply({ id: null, ok: false, error: { code: "invalid_json", message: "x" } }).ok, true);
  assert.equal(validateHostReply({ ok: true }).error.field, "/id");
  assert.equal(validateHostReply({ id: 1 }).error.field, "/ok");
  assert.equal(validateHostReply({ id: 1, ok: false }).error.field, "/error");
  assert.equal(validateHostReply([1]).error.code, "not_an_object");
});

test("each browser's native-port error maps to a reason and the command that fixes it", () => {
  const c = OG.hostErrors.classifyDisconnect;
  // Chromium's wording
  assert.equal(c("Specified native messaging host not found."), "host_missing");
  assert.equal(c("Access to the specified native messaging host is forbidden."), "host_forbidden");
  assert.equal(c("Failed to start native messaging host."), "host_failed_to_start");
  assert.equal(c("Native host has exited."), "host_exited");
  assert.equal(c("Error when communicating with the native messaging host."), "host_protocol_error");
  // Firefox's wording
  assert.equal(c("No such native application org.optoutguide.host"), "host_missing");
  assert.equal(c("This extension does not have permission to use native application org.optoutguide.host"), "host_forbidden");
  assert.equal(c(null), "host_exited", "Firefox reports a plain exit without a message");
  assert.equal(c("something new"), "host_unreachable");
  // Every reason is fixed on the onboarding page (installing again), never by a command: most
  // people have no terminal open, and on Windows and macOS the helper is not on the PATH.
  for (const reason of ["host_missing", "host_forbidden", "host_failed_to_start", "host_exited", "host_protocol_error",
    "host_unreachable", "host_timeout", "host_incompatible", "whatever"]) {
    assert.equal(OG.hostErrors.fixFor(reason).page, "onboarding/onboarding.html", reason);
    assert.equal(OG.hostErrors.fixFor(reason).command, undefined, reason);
  }
});

test("reconnection backs off and is capped", () => {
  const d = OG.hostErrors.backoffDelay;
  assert.ok(d(0) < d(1) && d(1) < d(2));
  assert.equal(d(50), d(10));
  assert.ok(d(50) <= 60000);
});
