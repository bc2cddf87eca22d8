// Chromium's service worker entry. Firefox loads the same files through background.scripts.
"use strict";
importScripts(
  "../shared/namespace.js",
  "../shared/text.js",
  "../shared/allowlist.js",
  "../shared/page-match.js",
  "../shared/messages.js",
  "../shared/host-errors.js",
  "host-connection.js",
  "event-queue.js",
  "tab-steps.js",
  "badges.js",
  "host-catalog.js",
  "../catalog/bundled.js",
  "catalog-offer.js",
  "page-views.js",
  "onboarding.js",
  "router.js",
  "main.js",
);
