// Text comparison as the catalog defines it: exact after folding case and white space.
"use strict";
(function (OG) {
  function fold(s) {
    return String(s ?? "")
      .normalize("NFC")
      .replace(/[\u2019\u2018]/g, "'")
      .toLowerCase()
      .replace(/[\s\u00a0\u202f\u200b]+/g, " ")
      .trim();
  }

  // "fr-FR", "fr_FR", "FR" → "fr"; anything unreadable → "".
  function baseLang(lang) {
    const m = /^([a-zA-Z]{2,3})(?:[-_]|$)/.exec(String(lang ?? "").trim());
    return m ? m[1].toLowerCase() : "";
  }

  // A localized list ({en: [...], fr: [...]}) in the order the catalog prescribes: the page's
  // language first, then English. Without a known page language every language is tried.
  function localizedCandidates(localized, pageLang) {
    if (!localized || typeof localized !== "object") return [];
    const lang = baseLang(pageLang);
    const order = lang ? [lang, "en"] : ["en", ...Object.keys(localized)];
    const out = [];
    for (const key of order) {
      const list = localized[key];
      const items = Array.isArray(list) ? list : typeof list === "string" ? [list] : [];
      for (const item of items) {
        const f = fold(item);
        if (f && !out.includes(f)) out.push(f);
      }
    }
    return out;
  }

  // Pick one text of a localized object for display: the wanted language, else English.
  function pickLocalized(localized, lang) {
    if (typeof localized === "string") return localized;
    if (!localized || typeof localized !== "object") return "";
    return localized[baseLang(lang)] ?? localized.en ?? Object.values(localized)[0] ?? "";
  }

  OG.text = { fold, baseLang, localizedCandidates, pickLocalized };
})(globalThis.OptoutGuide);
