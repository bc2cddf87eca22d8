// Where am I? The signals the host needs to choose a step (URL, title, the page's own
// language, headings), and notice of URL changes made by history.pushState without a reload.
"use strict";
(function (OG) {
  const MAX_HEADINGS = 30;
  const MAX_HEADING_LENGTH = 200;

  function docLang(doc) {
    const el = doc.documentElement;
    let lang = (el && el.getAttribute("lang")) || "";
    if (!lang) {
      const meta = doc.querySelector('meta[http-equiv="content-language" i]');
      lang = (meta && meta.getAttribute("content")) || "";
    }
    return OG.text.baseLang(lang);
  }

  function headings(doc) {
    const out = [];
    for (const h of doc.querySelectorAll("h1, h2, h3, [role=heading]")) {
      if (out.length >= MAX_HEADINGS) break;
      if (!OG.locator.isVisible(h)) continue;
      const t = OG.messages.cutUtf8(OG.locator.visibleText(h).replace(/\s+/g, " ").trim().slice(0, MAX_HEADING_LENGTH),
        OG.messages.LIMITS.string);
      if (t && !out.includes(t)) out.push(t);
    }
    return out;
  }

  // The `context` of a nextStep request (docs/protocol.md).
  function context(doc, uiLang) {
    const win = doc.defaultView;
    return {
      // Cut to the host's limits in UTF-8 bytes, never inside a code point (docs/protocol.md).
      url: OG.messages.cutUtf8(String(win.location.href), OG.messages.LIMITS.url),
      title: OG.messages.cutUtf8(String(doc.title || ""), OG.messages.LIMITS.string),
      docLang: docLang(doc),
      uiLang: OG.text.baseLang(uiLang) || "en",
      signals: { headings: headings(doc) },
    };
  }

  // Calls onChange(url) whenever the document's URL changes without a reload. A content script
  // cannot hook the page's own history.pushState (it lives in another JS world), so it listens
  // to what it can see — the Navigation API where the browser has it, popstate, hashchange —
  // and keeps a cheap URL poll as the fallback that always works.
  function watchUrl(win, onChange, { pollMs = 400 } = {}) {
    let last = String(win.location.href);
    const check = () => {
      const now = String(win.location.href);
      if (now !== last) {
        last = now;
        onChange(now);
      }
    };
    const deferCheck = () => win.setTimeout(check, 0);
    win.addEventListener("popstate", check);
    win.addEventListener("hashchange", check);
    const nav = win.navigation;
    if (nav && typeof nav.addEventListener === "function") nav.addEventListener("currententrychange", deferCheck);
    const timer = win.setInterval(() => {
      if (!win.document.hidden) check();
    }, pollMs);
    return () => {
      win.removeEventListener("popstate", check);
      win.removeEventListener("hashchange", check);
      if (nav && typeof nav.removeEventListener === "function") nav.removeEventListener("currententrychange", deferCheck);
      win.clearInterval(timer);
    };
  }

  OG.page = { docLang, headings, context, watchUrl };
})(globalThis.OptoutGuide);
