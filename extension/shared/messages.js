// The runtime messages extension parts exchange, and their validation. Every message crossing
// from a tab is checked here before the background acts on it; a bad one gets an error value
// naming what was wrong, never a silent nothing.
"use strict";
(function (OG) {
  const HOST_REQUESTS = ["hello", "listProcedures", "getProcedure", "nextStep", "reportEvent",
    "getProgress", "resetProcedure", "exportRecord", "listAccounts", "setAccount", "listReports"];
  // offerCatalog is the background's own (the catalog it carries); reportMismatch comes from a
  // tab through its own message, with the page's host and path taken from the browser.
  // A web page can drive the content script; a tab may therefore only send what guiding needs
  // (the page it shows, the events it saw, "show me how to install the helper", "this isn't
  // what I see"), never ask the host directly, reset, export or rename.
  // sendPressed: the user pressed the form's own Send (kept for the page a classic POST loads);
  // overlayHealth: whether the card can be seen (the toolbar badge says so when it cannot).
  const CONTENT_MESSAGES = ["pageLoaded", "reportEvent", "sendPressed", "overlayHealth", "openOnboarding", "reportMismatch"];
  const LOCATOR_KINDS = ["href", "role", "text", "css"];
  const MAX_REPORT_LOCATORS = 50;
  // Why a tab sends pageLoaded: a page loaded, its URL changed without a reload, or the user
  // completed, skipped or confirmed a step, asked to retry, or changed a setting.
  const PAGE_REASONS = ["load", "navigation", "completed", "skipped", "confirmed", "retry", "settings"];
  const MAX_HEADINGS = 200;
  const MAX_LANG = 35;
  const EVENT_TYPES = ["step_shown", "step_completed", "step_skipped", "form_submitted",
    "confirmation_received", "answer_received"];
  const EVENT_ID = /^[A-Za-z0-9_-]{8,64}$/;
  // Step kinds that point the way without being a step of "k of n" (docs/catalog.md): never
  // kept for arrival, never recorded as shown.
  const UNCOUNTED_KINDS = ["wrong-page", "unknown-page"];
  const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  // The host's limits (docs/protocol.md, "Limits"), in UTF-8 bytes as the host counts them.
  const LIMITS = Object.freeze({ url: 8192, string: 1024, account: 64, langTag: 35, headings: 200 });
  const MAX_URL = LIMITS.url;
  const MAX_STRING = LIMITS.string;
  const COVER_REASONS = ["covered", "not_rendered", "transparent", "off_screen", "not_visible"];

  // UTF-8 length, counted by hand: not every world a script runs in has TextEncoder. A lone
  // surrogate counts as the 3 bytes of the U+FFFD it becomes.
  function utf8Length(s) {
    const str = String(s);
    let n = 0;
    for (let i = 0; i < str.length; i++) {
      const c = str.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length && (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        n += 4;
        i++;
      } else n += 3;
    }
    return n;
  }

  // The longest prefix of `s` that is at most `max` UTF-8 bytes, never splitting a code point
  // (a lone surrogate would make the frame invalid JSON for Firefox's native messaging).
  function cutUtf8(s, max) {
    // Lone surrogates become U+FFFD first: the host's JSON parser refuses them.
    const str = String(s ?? "").replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
    if (str.length * 3 <= max) return str;
    let bytes = 0;
    let i = 0;
    while (i < str.length) {
      const cp = str.codePointAt(i);
      const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > max) break;
      bytes += size;
      i += cp > 0xffff ? 2 : 1;
    }
    return str.slice(0, i);
  }

  function fail(code, message, field) {
    return { ok: false, error: { code, message, field } };
  }

  function isObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }

  // The host's rule (host/src/progress/account.hpp), held by tests/conformance/rules.json:
  // 1 to 64 bytes of UTF-8, no control character, not only spaces.
  function validAccount(name) {
    if (typeof name !== "string" || name.length === 0 || !name.isWellFormed()) return false;
    if (/[\u0000-\u001f\u007f]/.test(name) || !/[^ ]/.test(name)) return false;
    return utf8Length(name) <= LIMITS.account;
  }

  function validateEvent(ev) {
    if (!isObject(ev)) return fail("wrong_type", "event must be an object", "/event");
    for (const f of ["eventId", "procedureId", "stepId", "type"]) {
      if (typeof ev[f] !== "string") return fail("missing_field", `event.${f} must be a string`, `/event/${f}`);
    }
    if (!EVENT_ID.test(ev.eventId)) {
      return fail("invalid_value", "event.eventId must be 8-64 characters A-Z a-z 0-9 _ -", "/event/eventId");
    }
    if (!EVENT_TYPES.includes(ev.type)) {
      return fail("invalid_value", `event.type must be one of ${EVENT_TYPES.join(", ")}`, "/event/type");
    }
    if (!NAME.test(ev.procedureId)) return fail("invalid_value", "event.procedureId is not an id", "/event/procedureId");
    if (!NAME.test(ev.stepId)) return fail("invalid_value", "event.stepId is not an id", "/event/stepId");
    if (ev.account !== undefined && !validAccount(ev.account)) {
      return fail("invalid_value", "event.account must be 1 to 64 bytes, not blank, without control characters", "/event/account");
    }
    if (ev.url !== undefined && (typeof ev.url !== "string" || utf8Length(ev.url) > MAX_URL)) {
      return fail("wrong_type", "event.url must be a URL string of at most 8 KiB", "/event/url");
    }
    if (ev.evidence !== undefined) {
      if (ev.type !== "form_submitted") return fail("invalid_value", "only form_submitted carries evidence", "/event/evidence");
      if (!isObject(ev.evidence) || !shortString(ev.evidence.text, MAX_STRING) || !ev.evidence.text) {
        return fail("wrong_type", "event.evidence.text must be the quoted confirmation", "/event/evidence/text");
      }
      if (ev.evidence.how !== undefined && !["form_replaced", "container_text"].includes(ev.evidence.how)) {
        return fail("invalid_value", "event.evidence.how must be form_replaced or container_text", "/event/evidence/how");
      }
    } else if (ev.type === "form_submitted") {
      return fail("missing_field", "form_submitted needs the confirmation the page showed", "/event/evidence");
    }
    // Which answer Meta sent, in the user's word: the host checks it is one the step declares.
    if (ev.answer !== undefined) {
      if (ev.type !== "answer_received") return fail("invalid_value", "only answer_received carries an answer", "/event/answer");
      if (typeof ev.answer !== "string" || !NAME.test(ev.answer)) return fail("invalid_value", "event.answer is not an answer id", "/event/answer");
    } else if (ev.type === "answer_received") {
      return fail("missing_field", "answer_received needs the answer Meta sent", "/event/answer");
    }
    return { ok: true };
  }

  function shortString(v, max) {
    return typeof v === "string" && utf8Length(v) <= max;
  }

  // The page description a tab sends (the `context` of docs/protocol.md's nextStep).
  function validatePageContext(ctx) {
    if (!isObject(ctx)) return fail("wrong_type", "context must be an object", "/context");
    if (!shortString(ctx.url, MAX_URL)) return fail("wrong_type", "context.url must be a URL string of at most 8 KiB", "/context/url");
    if (!OG.allowlist.isAllowedUrl(ctx.url)) return fail("forbidden", "context.url is not an https page on the allowlist", "/context/url");
    if (ctx.title !== undefined && !shortString(ctx.title, MAX_STRING)) {
      return fail("wrong_type", "context.title must be a short string", "/context/title");
    }
    for (const f of ["docLang", "uiLang"]) {
      if (ctx[f] !== undefined && !shortString(ctx[f], MAX_LANG)) return fail("wrong_type", `context.${f} must be a language tag`, `/context/${f}`);
    }
    if (ctx.signals !== undefined) {
      if (!isObject(ctx.signals)) return fail("wrong_type", "context.signals must be an object", "/context/signals");
      const h = ctx.signals.headings;
      if (h !== undefined) {
        if (!Array.isArray(h) || h.length > MAX_HEADINGS) {
          return fail("wrong_type", `context.signals.headings must be an array of at most ${MAX_HEADINGS} strings`, "/context/signals/headings");
        }
        const i = h.findIndex((x) => !shortString(x, MAX_STRING));
        if (i >= 0) return fail("wrong_type", "each heading must be a short string", `/context/signals/headings/${i}`);
      }
    }
    return { ok: true };
  }

  // "This isn't what I see" (docs/protocol.md, reportMismatch): what the guide tried, nothing of
  // the page's content.
  function validateMismatch(r) {
    if (!isObject(r)) return fail("wrong_type", "report must be an object", "/report");
    for (const f of ["procedureId", "stepId"]) {
      if (typeof r[f] !== "string" || !NAME.test(r[f])) return fail("invalid_value", `report.${f} is not an id`, `/report/${f}`);
    }
    if (r.catalogVersion !== null && r.catalogVersion !== undefined && !Number.isSafeInteger(r.catalogVersion)) {
      return fail("wrong_type", "report.catalogVersion must be an integer", "/report/catalogVersion");
    }
    if (r.pageLang !== undefined && !shortString(r.pageLang, MAX_LANG)) return fail("wrong_type", "report.pageLang must be a language tag", "/report/pageLang");
    if (!Array.isArray(r.locators) || r.locators.length > MAX_REPORT_LOCATORS) {
      return fail("wrong_type", `report.locators must be an array of at most ${MAX_REPORT_LOCATORS}`, "/report/locators");
    }
    const i = r.locators.findIndex((l) => !isObject(l) || !LOCATOR_KINDS.includes(l.by) || !Number.isInteger(l.matched) || l.matched < 0 ||
      !Number.isInteger(l.index) || typeof l.fallback !== "boolean");
    if (i >= 0) return fail("wrong_type", "each locator is {index, by, matched, fallback}", `/report/locators/${i}`);
    return { ok: true };
  }

  // from: "content" (a tab) or "extension" (popup, other extension pages).
  function validateRuntimeMessage(msg, from) {
    if (!isObject(msg)) return fail("not_an_object", "message must be an object");
    if (typeof msg.type !== "string") return fail("missing_field", "message.type must be a string", "/type");
    if (from === "content" && !CONTENT_MESSAGES.includes(msg.type)) {
      return fail("forbidden", `a page may not send ${msg.type}`, "/type");
    }
    switch (msg.type) {
      case "status":
      case "reconnect":
      case "openOnboarding":
        return { ok: true };
      case "host": {
        const r = msg.request;
        if (!isObject(r)) return fail("wrong_type", "request must be an object", "/request");
        if (!HOST_REQUESTS.includes(r.type)) return fail("unknown_type", `unknown host request ${String(r.type)}`, "/request/type");
        if (r.type === "reportEvent") return fail("invalid_value", "send events with {type: 'reportEvent'}", "/request/type");
        if ("id" in r) return fail("invalid_value", "the background assigns request ids", "/request/id");
        return { ok: true };
      }
      case "reportEvent":
        return validateEvent(msg.event);
      case "sendPressed": {
        for (const f of ["procedureId", "stepId"]) {
          if (typeof msg[f] !== "string" || !NAME.test(msg[f])) return fail("invalid_value", `${f} is not an id`, `/${f}`);
        }
        const p = msg.path;
        if (!Array.isArray(p) || !p.length || p.length > 64 || !p.every((i) => Number.isInteger(i) && i >= 0 && i < 100000)) {
          return fail("wrong_type", "path must be up to 64 element indexes", "/path");
        }
        return { ok: true };
      }
      case "overlayHealth":
        if (typeof msg.visible !== "boolean") return fail("wrong_type", "visible must be a boolean", "/visible");
        if (!msg.visible && !COVER_REASONS.includes(msg.reason)) {
          return fail("invalid_value", `reason must be one of ${COVER_REASONS.join(", ")}`, "/reason");
        }
        return { ok: true };
      case "reportMismatch":
        if (from !== "content") return fail("forbidden", "reportMismatch comes from tabs only", "/type");
        return validateMismatch(msg.report);
      case "pageLoaded":
        if (from !== "content") return fail("forbidden", "pageLoaded comes from tabs only", "/type");
        if (!PAGE_REASONS.includes(msg.reason)) return fail("invalid_value", `reason must be one of ${PAGE_REASONS.join(", ")}`, "/reason");
        return validatePageContext(msg.context);
      default:
        return fail("unknown_type", `unknown message type ${msg.type}`, "/type");
    }
  }

  // A frame from the host: the envelope of docs/protocol.md.
  function validateHostReply(reply) {
    if (!isObject(reply)) return fail("not_an_object", "host reply is not an object");
    if (!("id" in reply)) return fail("missing_field", "host reply has no id", "/id");
    if (typeof reply.ok !== "boolean") return fail("wrong_type", "host reply has no boolean ok", "/ok");
    if (!reply.ok && (!isObject(reply.error) || typeof reply.error.code !== "string")) {
      return fail("wrong_type", "host error reply has no error.code", "/error");
    }
    return { ok: true };
  }

  // One page for step_shown: a chatty page's pushState that only changes the query or the
  // fragment shows the same step on the same page, not a new one.
  function pageOf(url) {
    try {
      const u = new URL(String(url));
      return `${u.origin}${u.pathname}`;
    } catch {
      return String(url);
    }
  }

  function newEventId() {
    const c = globalThis.crypto;
    if (c && typeof c.randomUUID === "function") return c.randomUUID();
    const bytes = new Uint8Array(16);
    c.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  OG.messages = { HOST_REQUESTS, CONTENT_MESSAGES, PAGE_REASONS, EVENT_TYPES, UNCOUNTED_KINDS, LIMITS, COVER_REASONS,
    utf8Length, cutUtf8, validateEvent, validatePageContext, validateMismatch, validateRuntimeMessage, validateHostReply,
    newEventId, pageOf, validAccount };
})(globalThis.OptoutGuide);
