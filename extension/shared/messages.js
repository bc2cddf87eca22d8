// The runtime messages extension parts exchange, and their validation. Every message crossing
// from a tab is checked here before the background acts on it; a bad one gets an error value
// naming what was wrong, never a silent nothing.
"use strict";
(function (OG) {
  const HOST_REQUESTS = ["hello", "listProcedures", "getProcedure", "nextStep", "reportEvent",
    "getProgress", "resetProcedure", "exportRecord", "listAccounts", "setAccount"];
  // offerCatalog is the background's own (the catalog it carries); reportMismatch comes from a
  // tab through its own message, with the page's host and path taken from the browser.
  // A web page can drive the content script; a tab may therefore only send what guiding needs
  // (the page it shows, the events it saw), never ask the host directly, reset, export or rename.
  const CONTENT_MESSAGES = ["pageLoaded", "reportEvent", "reportMismatch"];
  const LOCATOR_KINDS = ["href", "role", "text", "css"];
  const MAX_REPORT_LOCATORS = 50;
  // Why a tab sends pageLoaded: a page loaded, its URL changed without a reload, or the user
  // completed, skipped or confirmed a step, asked to retry, or changed a setting.
  const PAGE_REASONS = ["load", "navigation", "completed", "skipped", "confirmed", "retry", "settings"];
  const MAX_HEADINGS = 200;
  const MAX_LANG = 35;
  const EVENT_TYPES = ["step_shown", "step_completed", "step_skipped", "form_submitted",
    "confirmation_received"];
  const EVENT_ID = /^[A-Za-z0-9_-]{8,64}$/;
  // Step kinds that point the way without being a step of "k of n" (docs/catalog.md): never
  // kept for arrival, never recorded as shown.
  const UNCOUNTED_KINDS = ["wrong-page", "unknown-page"];
  const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  const MAX_URL = 8192;
  const MAX_STRING = 1024;

  function fail(code, message, field) {
    return { ok: false, error: { code, message, field } };
  }

  function isObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
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
    if (ev.account !== undefined && (typeof ev.account !== "string" || ev.account.length > MAX_STRING)) {
      return fail("wrong_type", "event.account must be a short string", "/event/account");
    }
    if (ev.url !== undefined && (typeof ev.url !== "string" || ev.url.length > MAX_URL)) {
      return fail("wrong_type", "event.url must be a URL string of at most 8 KiB", "/event/url");
    }
    return { ok: true };
  }

  function shortString(v, max) {
    return typeof v === "string" && v.length <= max;
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

  function newEventId() {
    const c = globalThis.crypto;
    if (c && typeof c.randomUUID === "function") return c.randomUUID();
    const bytes = new Uint8Array(16);
    c.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  OG.messages = { HOST_REQUESTS, CONTENT_MESSAGES, PAGE_REASONS, EVENT_TYPES, UNCOUNTED_KINDS, validateEvent,
    validatePageContext, validateMismatch, validateRuntimeMessage, validateHostReply, newEventId };
})(globalThis.OptoutGuide);
