// The one global every extension script shares. In a content script this lives in the
// isolated world, so the page cannot see it.
"use strict";
globalThis.OptoutGuide = globalThis.OptoutGuide || {};
// Firefox (and Chromium 148+) expose promise-based `browser`; older Chromium only `chrome`.
// Both return promises in MV3, so the rest of the code uses one promise style.
if (!globalThis.OptoutGuide.api) {
  globalThis.OptoutGuide.api = globalThis.browser || globalThis.chrome || null;
}
