// The content script's only way out: runtime messages to the background, which owns the
// native port. A failure comes back as an error value, never as an exception.
"use strict";
(function (OG) {
  async function send(message) {
    try {
      const reply = await OG.api.runtime.sendMessage(message);
      if (reply === undefined) return { ok: false, error: { code: "extension_unavailable", message: "no answer from the extension" } };
      return reply;
    } catch (e) {
      return { ok: false, error: { code: "extension_unavailable", message: String(e && e.message || e) } };
    }
  }

  OG.bridge = {
    send,
    pageLoaded: (context, reason) => send({ type: "pageLoaded", context, reason }),
    reportEvent: (event) => send({ type: "reportEvent", event }),
    sendPressed: (procedureId, stepId, path) => send({ type: "sendPressed", procedureId, stepId, path }),
    overlayHealth: (visible, reason) => send({ type: "overlayHealth", visible, ...(visible ? {} : { reason }) }),
    openOnboarding: () => send({ type: "openOnboarding" }),
    reportMismatch: (report) => send({ type: "reportMismatch", report }),
  };
})(globalThis.OptoutGuide);
