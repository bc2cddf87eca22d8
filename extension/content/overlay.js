// The in-page overlay: a ring around the target and a card with the instruction, drawn in a
// closed shadow root the page can neither style nor read. Nothing is added to the page's own
// elements: the ring is a separate fixed box over the target, the card in a corner off it.
//
// Placement (docs/extension.md): Floating UI's autoUpdate (extension/vendor/) calls place() when
// the target moves (an IntersectionObserver whose margins hug the target: it fires on a move),
// resizes (ResizeObserver), or an ancestor scrolls or the window resizes. Those observers
// deliver after the browser's own layout, so the overlay never forces one and reads nothing
// while nothing moves; a rect read every frame forced a layout whenever it fell after the
// page's own changes in that frame.
// Ring and card are placed by the same call: a card placed on fewer triggers than the ring once
// stayed over the form's Send button.
//
// Trade-off (docs/extension.md): the shadow host itself must be in the DOM. It is a bare <div>
// with no id, class or attribute, attached to <html> outside the page's app root; a page can
// see that an extra element exists, but not what is inside. The card's words are CSS generated
// content (attr() of attributes inside the closed root), so window.find and the selection API
// of the page cannot find which objection or step the user is on.
//
// A page can still cover the card, or hide what holds it. health() hit-tests the card and its
// buttons and checks the host's box and opacity (IntersectionObserver v2 too, where the browser
// has it); the guide then reports the card as not visible, and the toolbar badge says so.
// It is measured when something could have changed it, not on a clock: the card drawn or moved,
// <html>'s children or its or <body>'s attributes changed (the only ways to put something above
// the host or hide it), the top layer changed, and in Chromium whenever IntersectionObserver v2
// says the card's visibility changed (any cover, opacity or transform). A 400 ms poll of the hit
// tests was the overlay's largest timer on a churning page (docs/benchmarks.md); only a browser
// without v2 (Firefox) keeps the poll: there a decoy put over the card inside the page's own
// subtree is told by nothing else, and the poll costs about 0.1 % of a churning page.
"use strict";
(function (OG) {
  const RING_PAD = 4;
  const EDGE = 16; // the card's distance from the viewport's edges
  const HEALTH_GAP_MS = 250;
  // Taken as an own property of the content script's global, set by the vendor files: a page
  // element named FloatingUIDOM shows through as a window property but is never an own one.
  const own = Object.getOwnPropertyDescriptor(globalThis, "FloatingUIDOM");
  const FUI = own && own.value && typeof own.value.autoUpdate === "function" ? own.value : null;
  if (!FUI) console.error("optout-guide: vendor/floating-ui.dom.umd.js is not loaded; the ring cannot be placed");
  const CSS = `
:host { all: initial !important; position: fixed !important; inset: 0 auto auto 0 !important;
  width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483647 !important;
  pointer-events: none !important; display: block !important; contain: none !important; }
* { box-sizing: border-box; }
[data-t]::before { content: attr(data-t); }
.card { -webkit-user-select: none; user-select: none; }
.ring { all: initial; position: fixed; left: 0; top: 0; width: 0; height: 0; display: none;
  border: 3px solid #1d4ed8; border-radius: 8px; pointer-events: none;
  box-shadow: 0 0 0 4px rgba(255,255,255,0.9), 0 0 0 9999px rgba(15,23,42,0.12); }
.ring.on { display: block; }
.card { all: initial; position: fixed; inset-inline-end: 16px; bottom: 16px; width: 360px;
  max-width: calc(100vw - 32px); max-height: calc(100vh - 32px); overflow: auto;
  background: #ffffff; color: #111827; border: 1px solid #cbd5e1; border-radius: 12px;
  box-shadow: 0 8px 28px rgba(15,23,42,0.25); padding: 14px 16px; pointer-events: auto;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; display: block; }
.card.placed { inset: auto; }
.card[hidden] { display: none; }
.head { display: flex; align-items: baseline; justify-content: space-between; gap: 8px; margin: 0 0 6px 0; }
.title { font-size: 12px; color: #475569; font-weight: 600; }
.count { font-size: 12px; color: #1d4ed8; font-weight: 700; white-space: nowrap; }
.instruction { font-size: 15px; font-weight: 600; margin: 0 0 8px 0; color: #0f172a; }
.lookfor { margin: 0 0 8px 0; color: #334155; }
.warning { margin: 0 0 8px 0; padding: 8px 10px; border-radius: 8px; background: #fef3c7; color: #78350f; border: 1px solid #f59e0b; }
.error { margin: 0 0 8px 0; padding: 8px 10px; border-radius: 8px; background: #fee2e2; color: #7f1d1d; border: 1px solid #ef4444; }
code { font: 13px ui-monospace, "DejaVu Sans Mono", monospace; background: #f1f5f9; color: #0f172a;
  padding: 2px 6px; border-radius: 4px; display: inline-block; margin-top: 4px; user-select: all; }
.buttons { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; }
button { all: initial; font: 13px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; cursor: pointer;
  padding: 7px 10px; border-radius: 8px; border: 1px solid #94a3b8; background: #f8fafc; color: #0f172a; }
button.primary { background: #1d4ed8; border-color: #1d4ed8; color: #ffffff; }
button:hover { background: #e2e8f0; } button.primary:hover { background: #1e40af; }
button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.hint { margin-top: 8px; font-size: 12px; color: #64748b; }
.note { margin: 0 0 8px 0; font-size: 13px; color: #1e3a8a; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (forced-colors: active) {
  .ring { border-color: Highlight; box-shadow: none; forced-color-adjust: none; outline: 2px solid CanvasText; }
  .card { border: 2px solid CanvasText; background: Canvas; color: CanvasText; }
  button { border: 1px solid ButtonText; background: ButtonFace; color: ButtonText; }
  .warning, .error { border: 2px solid CanvasText; background: Canvas; color: CanvasText; }
}
`;

  // Text goes in data-t and shows through ::before, never as a text node the page could find.
  function el(doc, tag, cls, text) {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.setAttribute("data-t", String(text));
    return e;
  }

  // The words an element shows (tests and the screen reader's live region read them).
  function words(e) {
    return [e, ...e.querySelectorAll("[data-t]")].map((n) => n.getAttribute && n.getAttribute("data-t")).filter(Boolean).join(" ");
  }

  function applyStyles(doc, root) {
    const win = doc.defaultView;
    try {
      // A constructed sheet is not an inline <style>, so a strict page CSP cannot block it.
      const sheet = new win.CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Firefox content scripts cannot always hand their own sheets to the page's document.
    }
    root.appendChild(el(doc, "style", null, CSS));
  }

  function isFocusable(target) {
    return typeof target.focus === "function" && (target.tabIndex >= 0 || target.isContentEditable);
  }

  // i18n: (key, substitutions) => string. onAction: (name) => void.
  // onTargetLost: () => void, when the ringed element left the document (the guide looks again).
  function create({ document: doc, i18n, onAction, onHealth = () => {}, onTargetLost = () => {}, dir = "ltr",
    shortcutLabel = i18n("shortcutKeys") }) {
    const win = doc.defaultView;
    const host = doc.createElement("div");
    const root = host.attachShadow({ mode: "closed" });
    applyStyles(doc, root);
    const ring = el(doc, "div", "ring");
    const card = el(doc, "section", "card");
    card.setAttribute("dir", dir);
    card.setAttribute("role", "region");
    card.setAttribute("aria-label", i18n("cardLabel"));
    card.setAttribute("lang", i18n("@@ui_locale").replace("_", "-"));
    const live = el(doc, "div", "sr");
    live.setAttribute("aria-live", "polite");
    live.setAttribute("role", "status");
    const body = el(doc, "div");
    root.append(ring, card);
    card.append(live, body);

    let target = null;
    let visible = false;
    let cardHidden = false;
    let stopFollowing = null; // autoUpdate's cleanup while a target is followed
    let placing = 0; // the latest place() call; an older one's answer is dropped
    // What was drawn last, in viewport pixels, and how often: read by getOverlayState and the
    // benchmark, never from the page.
    const drawn = { ring: null, card: null, placements: 0, ringAt: 0 };

    // The card asks "did Meta's email arrive?" (or, where Meta may refuse, "which answer did
    // Meta send?") before recording it.
    let confirming = false;
    let lastView = null;
    let health = { visible: true, reason: null };
    let healthTimer = 0; // the poll, only where IntersectionObserver v2 is missing
    let healthQueued = false;
    let lastHealth = -Infinity;
    let ioVisible = null; // IntersectionObserver v2's verdict, null where it has none

    // Keys typed inside the card stay inside it: Facebook's global shortcuts never see them.
    for (const type of ["keydown", "keyup", "keypress"]) {
      root.addEventListener(type, (e) => {
        if (type === "keydown" && e.key === "Escape" && e.isTrusted) {
          e.preventDefault();
          hideCard();
          onAction("escape");
        }
        e.stopPropagation();
      });
    }

    // The page-wide shortcut: bring the card back and move focus to the target.
    // A page can dispatch a KeyboardEvent that looks like the shortcut: only the user's count.
    const onGlobalKey = (e) => {
      if (!e.isTrusted) return;
      if (!visible || !e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return;
      if (String(e.key).toLowerCase() !== "g" && e.code !== "KeyG") return;
      e.preventDefault();
      e.stopPropagation();
      focusTarget();
    };
    win.addEventListener("keydown", onGlobalKey, true);

    // Put back under <html> whenever the page removed the host or moved it into a box of its
    // own (a display:none one, say).
    function attach() {
      if (host.parentNode !== doc.documentElement) doc.documentElement.appendChild(host);
    }

    function focusTarget() {
      showCard();
      if (target && target.isConnected) {
        const reduce = win.matchMedia && win.matchMedia("(prefers-reduced-motion: reduce)").matches;
        target.scrollIntoView({ block: "center", inline: "nearest", behavior: reduce ? "auto" : "smooth" });
        if (isFocusable(target)) {
          target.focus({ preventScroll: true });
          return;
        }
      }
      const first = card.querySelector("button");
      if (first) first.focus();
    }

    function hideCard() {
      cardHidden = true;
      card.hidden = true;
      healthSoon();
    }

    function showCard() {
      cardHidden = false;
      card.hidden = false;
      healthSoon();
    }

    function ringOff() {
      ring.classList.remove("on");
      drawn.ring = null;
    }

    function cardToCorner() {
      card.classList.remove("placed");
      card.style.removeProperty("left");
      card.style.removeProperty("top");
      drawn.card = null;
    }

    // The ring's box is the target's rect Floating UI measured; the card takes the first corner
    // of the viewport (bottom end, top end, bottom start, top start) that keeps it off the ring,
    // else the one covering least of it. Besides Floating UI's rects it reads only the viewport's
    // size, in the same observer callback, when layout is already done.
    const cornerMiddleware = {
      name: "corner",
      fn({ rects, elements }) {
        const r = rects.reference;
        const ring = { x: Math.round(r.x - RING_PAD), y: Math.round(r.y - RING_PAD),
          width: Math.round(r.width + 2 * RING_PAD), height: Math.round(r.height + 2 * RING_PAD) };
        const view = elements.floating.ownerDocument.documentElement;
        const w = rects.floating.width, h = rects.floating.height;
        const vw = view.clientWidth, vh = view.clientHeight;
        const endX = dir === "rtl" ? EDGE : vw - EDGE - w, startX = dir === "rtl" ? vw - EDGE - w : EDGE;
        const overlap = ([x, y]) => Math.max(0, Math.min(x + w, ring.x + ring.width) - Math.max(x, ring.x)) *
          Math.max(0, Math.min(y + h, ring.y + ring.height) - Math.max(y, ring.y));
        const corners = [[endX, vh - EDGE - h], [endX, EDGE], [startX, vh - EDGE - h], [startX, EDGE]];
        let best = corners[0];
        for (const c of corners) {
          if (overlap(c) === 0) { best = c; break; }
          if (overlap(c) < overlap(best)) best = c;
        }
        return { x: best[0], y: best[1], data: { ring, card: { x: Math.round(best[0]), y: Math.round(best[1]), width: Math.round(w), height: Math.round(h) } } };
      },
    };

    // Called by autoUpdate, after layout, whenever the target or the viewport moved.
    function place() {
      const mine = ++placing;
      if (!target || !target.isConnected || !FUI) {
        const lost = !!target && !target.isConnected;
        unfollow();
        ringOff();
        cardToCorner();
        if (lost) onTargetLost();
        return;
      }
      const el = target;
      FUI.computePosition(el, card, { strategy: "fixed", middleware: [cornerMiddleware] }).then(({ middlewareData }) => {
        if (mine !== placing || el !== target) return;
        const { ring: box, card: spot } = middlewareData.corner;
        drawn.placements++;
        if (box.width > 2 * RING_PAD || box.height > 2 * RING_PAD) {
          ring.style.width = `${box.width}px`;
          ring.style.height = `${box.height}px`;
          ring.style.transform = `translate(${box.x}px, ${box.y}px)`;
          if (!ring.classList.contains("on")) drawn.ringAt = win.performance.now();
          ring.classList.add("on");
          drawn.ring = box;
        } else {
          ringOff();
        }
        card.classList.add("placed");
        card.style.left = `${spot.x}px`;
        card.style.top = `${spot.y}px`;
        drawn.card = spot;
        healthSoon();
      }, (e) => console.warn("optout-guide: placing the ring failed", e));
    }

    function unfollow() {
      if (stopFollowing) stopFollowing();
      stopFollowing = null;
    }

    function follow() {
      unfollow();
      if (!visible || !target || !FUI) {
        place();
        return;
      }
      // autoUpdate places once now, then on every trigger until unfollow().
      stopFollowing = FUI.autoUpdate(target, card, place);
    }

    // The page may remove the host or move it into a box of its own, or put an element after it
    // at the same z-index: <html>'s own children changing is the only way, and watching them
    // (and <html>'s and <body>'s own attributes, for opacity or a filter) costs nothing while the
    // page works in its own subtree.
    const keeper = new win.MutationObserver(() => {
      if (!visible) return;
      attach();
      healthSoon();
    });
    keeper.observe(doc.documentElement, { childList: true, attributes: true });
    if (doc.body) keeper.observe(doc.body, { attributes: true });
    // A dialog, popover or fullscreen element is above every z-index.
    const TOP_LAYER_EVENTS = ["toggle", "fullscreenchange", "close", "cancel"];
    for (const type of TOP_LAYER_EVENTS) doc.addEventListener(type, healthSoon, true);

    function button(label, action, primary) {
      const b = el(doc, "button", primary ? "primary" : null, label);
      b.type = "button";
      b.setAttribute("data-action", action);
      b.addEventListener("click", (e) => {
        e.stopPropagation();
        if (!e.isTrusted) return;
        if (action === "askConfirm" || action === "cancelConfirm") {
          confirming = action === "askConfirm";
          render(lastView);
          // The safe answer takes the focus: a stray Enter never records a confirmation.
          const safe = body.querySelector(confirming ? '[data-action="cancelConfirm"]' : '[data-action="askConfirm"]');
          if (safe) safe.focus();
          return;
        }
        if (action === "emailReceived" || action.startsWith("answer:")) confirming = false;
        onAction(action);
      });
      return b;
    }

    // view: {mode: "step"|"done"|"error", ...}
    function render(view) {
      lastView = view;
      body.replaceChildren();
      const head = el(doc, "div", "head");
      head.append(el(doc, "span", "title", view.procedureTitle || i18n("extShortName")));
      if (view.mode === "step" && view.stepCount && !view.wrongPage) {
        head.append(el(doc, "span", "count", i18n("stepOf", [String(view.stepIndex), String(view.stepCount)])));
      }
      body.append(head);
      const buttons = el(doc, "div", "buttons");
      let announce = "";
      if (view.mode === "error") {
        const box = el(doc, "div", "error");
        box.append(el(doc, "div", null, view.message));
        body.append(box);
        if (view.install) buttons.append(button(i18n("btnInstallHelper"), "install", true));
        buttons.append(button(i18n("btnRetry"), "retry", !view.install), button(i18n("btnHideSite"), "hideSite"));
        announce = view.message;
      } else if (view.mode === "done") {
        body.append(el(doc, "p", "instruction", view.message));
        buttons.append(button(i18n("btnHideSite"), "hideSite"));
        announce = view.message;
      } else {
        if (view.warning) body.append(el(doc, "p", "warning", view.warning));
        body.append(el(doc, "p", "instruction", view.instruction));
        for (const note of view.notes || []) body.append(el(doc, "p", "note", note));
        if (!view.targetFound && view.lookFor) body.append(el(doc, "p", "lookfor", view.lookFor));
        // The page's own words refusing the form, quoted; or the host refusing what was reported.
        if (view.complaint) body.append(el(doc, "p", "error", i18n("formRefused", [view.complaint])));
        if (view.hostRefused) body.append(el(doc, "p", "error", view.hostRefused));
        if (view.queuedNote) body.append(el(doc, "p", "hint", view.queuedNote));
        // The answers the catalog declares for the wait step (docs/catalog.md, "Answers"): one
        // button each, behind the same second, deliberate step as "the email arrived".
        const answers = Array.isArray(view.answers) ? view.answers : [];
        if ((view.kind === "wait" || view.state === "submitted") && confirming && answers.length) {
          body.append(el(doc, "p", "warning", i18n("answerQuestion")));
          buttons.append(button(i18n("btnConfirmNotYet"), "cancelConfirm", true),
            ...answers.map((a) => button(i18n(`btnAnswer_${String(a.answer).replace(/-/g, "_")}`), `answer:${a.answer}`)));
        } else if ((view.kind === "wait" || view.state === "submitted") && confirming) {
          body.append(el(doc, "p", "warning", i18n("confirmEmailQuestion")));
          buttons.append(button(i18n("btnConfirmNotYet"), "cancelConfirm", true), button(i18n("btnConfirmYes"), "emailReceived"));
        } else if (view.kind === "wait" || view.state === "submitted") {
          buttons.append(button(i18n("btnEmailReceived"), "askConfirm", true));
        } else if (!view.wrongPage) {
          buttons.append(button(i18n("btnDone"), "done", true), button(i18n("btnSkip"), "skip"));
        }
        if (view.directLink) buttons.append(button(i18n("btnOpenDirectly"), "openDirect", !!view.wrongPage));
        buttons.append(button(i18n("btnNotWhatISee"), "notWhatISee"));
        buttons.append(button(i18n("btnHideSite"), "hideSite"));
        announce = view.mode === "step" && view.stepCount && !view.wrongPage
          ? `${i18n("stepOf", [String(view.stepIndex), String(view.stepCount)])}: ${view.instruction}`
          : `${view.warning || ""} ${view.instruction || ""}`.trim();
        if (view.targetFound) body.append(el(doc, "p", "hint", i18n("shortcutHint", [shortcutLabel])));
      }
      body.append(buttons);
      if (live.getAttribute("data-t") !== announce) live.setAttribute("data-t", announce);
    }

    // Can the user see the card and press its buttons? {visible, reason}: reason is one of
    // messages.COVER_REASONS when not.
    function measure() {
      // Without a layout engine (jsdom) there is nothing to measure.
      if (typeof card.checkVisibility !== "function") return { visible: host.isConnected, reason: host.isConnected ? null : "not_rendered" };
      if (!host.isConnected || host.parentNode !== doc.documentElement) return { visible: false, reason: "not_rendered" };
      if (cardHidden) return { visible: true, reason: null };
      const hs = win.getComputedStyle(host);
      if (hs.display === "none" || hs.visibility !== "visible" || hs.contentVisibility === "hidden") return { visible: false, reason: "not_rendered" };
      for (const n of [host, doc.documentElement, doc.body]) {
        if (!n) continue;
        const cs = win.getComputedStyle(n);
        if (Number(cs.opacity) < 0.9 || (n === host && cs.filter && cs.filter !== "none")) return { visible: false, reason: "transparent" };
      }
      if (typeof card.checkVisibility === "function" && !card.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
        return { visible: false, reason: "not_rendered" };
      }
      const r = card.getBoundingClientRect();
      if (r.width < 40 || r.height < 20) return { visible: false, reason: "not_rendered" };
      if (r.right <= 0 || r.bottom <= 0 || r.left >= win.innerWidth || r.top >= win.innerHeight) return { visible: false, reason: "off_screen" };
      // The card and each of its buttons must be what a click there reaches.
      const points = [[r.left + r.width / 2, r.top + Math.min(r.height / 2, 20)]];
      for (const b of card.querySelectorAll("button")) {
        const br = b.getBoundingClientRect();
        if (br.width > 0 && br.height > 0) points.push([br.left + br.width / 2, br.top + br.height / 2]);
      }
      for (const [x, y] of points) {
        if (x < 0 || y < 0 || x >= win.innerWidth || y >= win.innerHeight) continue;
        if (doc.elementFromPoint(x, y) !== host) return { visible: false, reason: "covered" };
        const inner = typeof root.elementFromPoint === "function" ? root.elementFromPoint(x, y) : null;
        if (inner && !card.contains(inner)) return { visible: false, reason: "covered" };
      }
      if (ioVisible === false) return { visible: false, reason: "not_visible" };
      return { visible: true, reason: null };
    }

    // After the next frame is drawn, so the reads find layout done rather than force it; and
    // no more often than every HEALTH_GAP_MS, so a scroll (a placement per frame) costs a few.
    function healthSoon() {
      if (healthQueued || !visible) return;
      healthQueued = true;
      const run = () => {
        healthQueued = false;
        checkHealth();
      };
      const afterPaint = () => (typeof win.requestAnimationFrame === "function" && !doc.hidden
        ? win.requestAnimationFrame(() => win.setTimeout(run, 0))
        : run());
      const wait = lastHealth + HEALTH_GAP_MS - win.performance.now();
      if (wait > 0) win.setTimeout(afterPaint, wait);
      else afterPaint();
    }

    function checkHealth() {
      if (!visible) return;
      lastHealth = win.performance.now();
      const now = measure();
      if (now.visible !== health.visible || now.reason !== health.reason) {
        health = now;
        onHealth(now);
      }
    }

    // IntersectionObserver v2 (Chromium): the browser's own word on whether the card is
    // painted unoccluded, untransformed and opaque.
    let io = null;
    try {
      io = new win.IntersectionObserver((entries) => {
        const e = entries[entries.length - 1];
        if (e && typeof e.isVisible === "boolean") ioVisible = e.isVisible;
        checkHealth();
      }, { trackVisibility: true, delay: 100, threshold: [1] });
      if (!("trackVisibility" in io) || !io.trackVisibility) {
        io.disconnect();
        io = null;
      } else {
        io.observe(card);
      }
    } catch {
      io = null;
    }

    return {
      show(view) {
        visible = true;
        if (view.fresh) confirming = false;
        render(view);
        if (view.fresh) showCard();
        attach();
        if (!stopFollowing) follow();
        if (!io && !healthTimer) healthTimer = win.setInterval(checkHealth, 400);
        checkHealth();
      },
      health: () => health,
      words: () => words(card),
      isConfirming: () => confirming,
      setTarget(element) {
        const next = element || null;
        if (next === target && (stopFollowing || !next)) return;
        target = next;
        follow();
      },
      target: () => target,
      // Where the ring and the card were last drawn (viewport pixels) and how many times.
      drawn: () => ({ ring: drawn.ring && { ...drawn.ring }, card: drawn.card && { ...drawn.card },
        placements: drawn.placements, ringAt: drawn.ringAt }),
      // The card's buttons and where they are (viewport pixels), for the extension's own pages
      // and the end-to-end tests: a person clicks what they see.
      buttons: () => [...body.querySelectorAll("button")].map((b) => {
        const r = b.getBoundingClientRect();
        return { action: b.getAttribute("data-action"), label: b.getAttribute("data-t"), focused: root.activeElement === b,
          rect: { x: r.x, y: r.y, width: r.width, height: r.height } };
      }),
      isVisible: () => visible,
      isCardHidden: () => cardHidden,
      focusTarget,
      destroy() {
        visible = false;
        target = null;
        unfollow();
        keeper.disconnect();
        for (const type of TOP_LAYER_EVENTS) doc.removeEventListener(type, healthSoon, true);
        win.removeEventListener("keydown", onGlobalKey, true);
        if (healthTimer) win.clearInterval(healthTimer);
        healthTimer = 0;
        if (io) io.disconnect();
        host.remove();
      },
    };
  }

  OG.overlay = { create };
})(globalThis.OptoutGuide);
