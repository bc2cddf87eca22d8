// The in-page overlay: a ring around the target and a card with the instruction, drawn in a
// closed shadow root the page can neither style nor read. Nothing is added to the page's own
// elements: the ring is a separate fixed box placed from getBoundingClientRect.
//
// Trade-off (docs/extension.md): the shadow host itself must be in the DOM. It is a bare <div>
// with no id, class or attribute, attached to <html> outside the page's app root; a page can
// see that an extra element exists, but not what is inside.
"use strict";
(function (OG) {
  const RING_PAD = 4;
  const CSS = `
:host { all: initial !important; position: fixed !important; inset: 0 auto auto 0 !important;
  width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483647 !important;
  pointer-events: none !important; display: block !important; contain: none !important; }
* { box-sizing: border-box; }
.ring { all: initial; position: fixed; left: 0; top: 0; width: 0; height: 0; display: none;
  border: 3px solid #1d4ed8; border-radius: 8px; pointer-events: none;
  box-shadow: 0 0 0 4px rgba(255,255,255,0.9), 0 0 0 9999px rgba(15,23,42,0.12);
  transition: left 120ms ease-out, top 120ms ease-out, width 120ms ease-out, height 120ms ease-out; }
.ring.on { display: block; }
.card { all: initial; position: fixed; inset-inline-end: 16px; bottom: 16px; width: 360px;
  max-width: calc(100vw - 32px); max-height: calc(100vh - 32px); overflow: auto;
  background: #ffffff; color: #111827; border: 1px solid #cbd5e1; border-radius: 12px;
  box-shadow: 0 8px 28px rgba(15,23,42,0.25); padding: 14px 16px; pointer-events: auto;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; display: block; }
.card.top { bottom: auto; top: 16px; }
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
@media (prefers-reduced-motion: reduce) { .ring { transition: none; } }
@media (forced-colors: active) {
  .ring { border-color: Highlight; box-shadow: none; forced-color-adjust: none; outline: 2px solid CanvasText; }
  .card { border: 2px solid CanvasText; background: Canvas; color: CanvasText; }
  button { border: 1px solid ButtonText; background: ButtonFace; color: ButtonText; }
  .warning, .error { border: 2px solid CanvasText; background: Canvas; color: CanvasText; }
}
`;

  function el(doc, tag, cls, text) {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
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
  function create({ document: doc, i18n, onAction, dir = "ltr", shortcutLabel = "Alt+Shift+G" }) {
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
    let frame = 0;
    let lastRect = null;

    // Keys typed inside the card stay inside it: Facebook's global shortcuts never see them.
    for (const type of ["keydown", "keyup", "keypress"]) {
      root.addEventListener(type, (e) => {
        if (type === "keydown" && e.key === "Escape") {
          e.preventDefault();
          hideCard();
          onAction("escape");
        }
        e.stopPropagation();
      });
    }

    // The page-wide shortcut: bring the card back and move focus to the target.
    const onGlobalKey = (e) => {
      if (!visible || !e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return;
      if (String(e.key).toLowerCase() !== "g" && e.code !== "KeyG") return;
      e.preventDefault();
      e.stopPropagation();
      focusTarget();
    };
    win.addEventListener("keydown", onGlobalKey, true);

    function attach() {
      if (!host.isConnected) doc.documentElement.appendChild(host);
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
    }

    function showCard() {
      cardHidden = false;
      card.hidden = false;
    }

    function placeRing() {
      if (!target || !target.isConnected) {
        ring.classList.remove("on");
        lastRect = null;
        return;
      }
      const r = target.getBoundingClientRect();
      if (lastRect && r.x === lastRect.x && r.y === lastRect.y && r.width === lastRect.width && r.height === lastRect.height) return;
      lastRect = r;
      ring.style.left = `${Math.round(r.left - RING_PAD)}px`;
      ring.style.top = `${Math.round(r.top - RING_PAD)}px`;
      ring.style.width = `${Math.round(r.width + 2 * RING_PAD)}px`;
      ring.style.height = `${Math.round(r.height + 2 * RING_PAD)}px`;
      ring.classList.toggle("on", r.width > 0 || r.height > 0);
      // Keep the card off the target: move it to the top when the target sits low on screen.
      card.classList.toggle("top", r.bottom > win.innerHeight - 260 && r.top > 240);
    }

    // Follows scroll, resize and layout changes, but only while something is shown.
    function loop() {
      frame = 0;
      if (!visible) return;
      attach();
      placeRing();
      if (typeof win.requestAnimationFrame === "function") frame = win.requestAnimationFrame(loop);
    }

    function startLoop() {
      if (!frame && visible) loop();
    }

    function button(label, action, primary) {
      const b = el(doc, "button", primary ? "primary" : null, label);
      b.type = "button";
      b.addEventListener("click", (e) => {
        e.stopPropagation();
        onAction(action);
      });
      return b;
    }

    // view: {mode: "step"|"done"|"error", ...}
    function render(view) {
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
        if (view.command) box.append(el(doc, "code", null, view.command));
        body.append(box);
        buttons.append(button(i18n("btnRetry"), "retry", true), button(i18n("btnHideSite"), "hideSite"));
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
        if (view.queuedNote) body.append(el(doc, "p", "hint", view.queuedNote));
        if (view.kind === "wait" || view.state === "submitted") {
          buttons.append(button(i18n("btnEmailReceived"), "emailReceived", true));
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
      if (live.textContent !== announce) live.textContent = announce;
    }

    return {
      show(view) {
        visible = true;
        render(view);
        if (view.fresh) showCard();
        attach();
        startLoop();
      },
      setTarget(element) {
        target = element || null;
        lastRect = null;
        placeRing();
        startLoop();
      },
      target: () => target,
      isVisible: () => visible,
      isCardHidden: () => cardHidden,
      focusTarget,
      destroy() {
        visible = false;
        target = null;
        if (frame && typeof win.cancelAnimationFrame === "function") win.cancelAnimationFrame(frame);
        frame = 0;
        win.removeEventListener("keydown", onGlobalKey, true);
        host.remove();
      },
    };
  }

  OG.overlay = { create };
})(globalThis.OptoutGuide);
