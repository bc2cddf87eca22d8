// The one global every extension script shares. In a content script this lives in the
// isolated world, so the page cannot read it; but the page's named elements (<form
// name="OptoutGuide">, id="OptoutGuide") show through as window properties there too, so the
// namespace is made an own, non-writable property of the global and never taken from whatever
// the name happens to resolve to.
"use strict";
(function () {
  const own = Object.getOwnPropertyDescriptor(globalThis, "OptoutGuide");
  const ours = own && own.value && typeof own.value === "object" && Object.getPrototypeOf(own.value) === null;
  if (!ours) {
    Object.defineProperty(globalThis, "OptoutGuide", {
      value: Object.create(null), writable: false, enumerable: false, configurable: false,
    });
  }
  const OG = globalThis.OptoutGuide;
  // Firefox (and Chromium 148+) expose promise-based `browser`; older Chromium only `chrome`.
  // Both return promises in MV3, so the rest of the code uses one promise style.
  // A page element named "browser" shows through as well: only a real extension API counts.
  if (!OG.api) {
    // (an element has a nodeType, a collection of same-named elements a length).
    const real = (x) => !!x && typeof x === "object" && typeof x.nodeType !== "number" &&
      typeof x.length !== "number" && !!x.runtime && typeof x.runtime === "object";
    OG.api = [globalThis.browser, globalThis.chrome].find(real) || null;
  }
})();
