// The one global every extension script shares. In a content script this lives in the
// isolated world, so the page cannot read it; but the page's named elements (<form
// name="OptoutGuide">, id="OptoutGuide") show through as window properties there too, so the
// namespace is made an own, non-writable property of the global and never taken from whatever
// the name happens to resolve to. The manifest also runs this file at document_start, before the
// page has any element at all, so the namespace and the extension API are taken then.
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
    // Chromium puts the page's named elements ahead of `chrome` and `browser` in the lookup, so
    // every level of the global's prototype chain is read on its own.
    const lookup = (name) => {
      for (let o = globalThis; o; o = Object.getPrototypeOf(o)) {
        const d = Object.getOwnPropertyDescriptor(o, name);
        if (!d) continue;
        let v;
        try {
          v = d.get ? d.get.call(globalThis) : d.value;
        } catch {
          continue;
        }
        if (real(v)) return v;
      }
      return null;
    };
    OG.api = lookup("browser") || lookup("chrome");
  }
})();
