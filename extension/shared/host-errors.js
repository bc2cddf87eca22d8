// Why the native host is unreachable, from the browser's own words. Chromium and Firefox word
// their port errors differently; the popup and the card need one reason and what fixes it. The
// fix is always the onboarding page: installing again repairs every one of these (it registers
// the helper for this browser and replaces a damaged or old copy), while most people have no
// terminal open, and on Windows and macOS the helper is not on their PATH.
"use strict";
(function (OG) {
  const ONBOARDING_PAGE = "onboarding/onboarding.html";

  // Ordered: the first pattern that matches the browser's message wins.
  const PATTERNS = [
    // Chromium: "Specified native messaging host not found." / "Invalid native messaging host name specified."
    // Firefox: "No such native application org.optoutguide.host"
    [/not found|no such native application|invalid native messaging host name/i, "host_missing"],
    // Chromium: "Access to the specified native messaging host is forbidden."
    // Firefox: "This extension does not have permission to use native application …"
    [/forbidden|does not have permission|not allowed/i, "host_forbidden"],
    // Chromium: "Failed to start native messaging host."
    [/failed to start|could not start|permission denied|exec format/i, "host_failed_to_start"],
    // Chromium: "Native host has exited." ; Firefox reports exit without a message or with "exited".
    [/exited|has exited|terminated/i, "host_exited"],
    // Chromium: "Error when communicating with the native messaging host."
    // Firefox: "Native application tried to send a message of … bytes, which exceeds the limit …"
    [/communicating|exceeds the limit|invalid json|message of/i, "host_protocol_error"],
  ];

  function classifyDisconnect(message) {
    if (message === undefined || message === null || message === "") return "host_exited";
    for (const [re, reason] of PATTERNS) if (re.test(String(message))) return reason;
    return "host_unreachable";
  }

  // What fixes each reason (the page to open); the i18n key of the sentence saying what happened
  // and that one thing to do.
  const FIXES = {
    host_missing: { page: ONBOARDING_PAGE, messageKey: "errHostMissing" },
    host_forbidden: { page: ONBOARDING_PAGE, messageKey: "errHostForbidden" },
    host_failed_to_start: { page: ONBOARDING_PAGE, messageKey: "errHostFailedToStart" },
    host_exited: { page: ONBOARDING_PAGE, messageKey: "errHostExited" },
    host_protocol_error: { page: ONBOARDING_PAGE, messageKey: "errHostProtocol" },
    host_unreachable: { page: ONBOARDING_PAGE, messageKey: "errHostUnreachable" },
    host_timeout: { page: ONBOARDING_PAGE, messageKey: "errHostTimeout" },
    host_incompatible: { page: ONBOARDING_PAGE, messageKey: "errHostIncompatible" },
  };

  function fixFor(reason) {
    return FIXES[reason] || FIXES.host_unreachable;
  }

  // Reconnect delays: quick first retries for a host that merely restarted, then slower, capped.
  function backoffDelay(attempt) {
    const n = Math.max(0, Math.min(attempt, 10));
    return Math.min(60000, 500 * 2 ** n);
  }

  OG.hostErrors = { ONBOARDING_PAGE, classifyDisconnect, fixFor, backoffDelay };
})(globalThis.OptoutGuide);
