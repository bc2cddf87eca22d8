// Text comparison as the catalog defines it (docs/catalog.md, "Text folding"): the same rules
// as host/src/catalog/text.cpp, held to it by tests/conformance/rules.json.
"use strict";
(function (OG) {
  // An ASCII letter followed by a combining accent that has a precomposed form in Latin-1 or
  // Latin Extended-A (NFC for the letters of the catalog's languages).
  const DECOMPOSED = /[A-Za-z][\u0300-\u0304\u0306-\u0308\u030a-\u030c\u0327\u0328]/g;
  // Upper-case Latin letters of Latin-1 and Latin Extended-A, except İ (two characters in lower
  // case).
  const LATIN_UPPER = /[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u012f\u0132-\u017f]/g;
  const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
  const SPACES = /[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

  function compose(pair) {
    const c = pair.normalize("NFC");
    return c.length === 1 && c.charCodeAt(0) <= 0x17f ? c : pair;
  }

  function fold(s) {
    return String(s ?? "")
      .replace(DECOMPOSED, compose)
      .replace(LATIN_UPPER, (c) => c.toLowerCase())
      .replace(/[\u2018\u2019]/g, "'")
      .replace(INVISIBLE, "")
      .replace(SPACES, " ")
      .replace(/^ | $/g, "");
  }

  // "fr-FR", "fr_FR", "FR", "fr_FR.UTF-8", "fr@euro" → "fr"; anything that does not start with
  // two or three ASCII letters → "".
  function baseLang(lang) {
    const tag = String(lang ?? "").replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, "");
    const m = /^([a-zA-Z]{2,3})(?:[-_.@]|$)/.exec(tag);
    return m ? m[1].toLowerCase() : "";
  }

  // The folded texts of a localized list ({en: [...], fr: [...]}) to try on a page, in order,
  // without repeats: the page's language, then English. Without a known page language, English
  // then every other language in code order.
  function localizedCandidates(localized, pageLang) {
    if (!localized || typeof localized !== "object") return [];
    const lang = baseLang(pageLang);
    const order = lang ? [lang, "en"] : ["en", ...Object.keys(localized).sort()];
    const out = [];
    for (const key of order) {
      const list = localized[key];
      const items = Array.isArray(list) ? list : [];
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

  // An accessible name equals one of the folded `candidates`, as it is or without the
  // parenthesised notes Meta appends ("object (Opens in a new tab) (Link is external)").
  function nameMatches(name, candidates) {
    let n = fold(name);
    for (;;) {
      if (candidates.includes(n)) return true;
      const m = /^(.*[^ ]) ?\([^()]*\)$/.exec(n);
      if (!m) return false;
      n = m[1];
    }
  }

  OG.text = { fold, baseLang, localizedCandidates, pickLocalized, nameMatches };
})(globalThis.OptoutGuide);
