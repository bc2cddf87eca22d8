// Page matchers, URL globs and the completion conditions a page snapshot decides
// (docs/catalog.md), as pure functions: the same rules as host/src/catalog/matcher.cpp and
// conditions.cpp, held to them by tests/conformance/rules.json.
"use strict";
(function (OG) {
  const { fold, localizedCandidates } = OG.text;

  function escapeRegex(s) {
    return s.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  }

  // href patterns: `*` is any run of characters, everything else literal.
  function globToRegex(pattern) {
    return new RegExp("^" + String(pattern).split("*").map(escapeRegex).join(".*") + "$");
  }

  function hrefMatches(pattern, href) {
    return globToRegex(pattern).test(String(href));
  }

  // "/a/b/", "/a/b//" and "/a/b" are the same page; "/" stays "/".
  function stripTrailingSlashes(path) {
    return path.replace(/(.)\/+$/, "$1");
  }

  // Path patterns: `*` within one segment, `/**` nothing or "/" and any rest (so "/a/**" fits
  // "/a"), another `**` any run.
  function pathGlobToRegex(pattern) {
    const p = stripTrailingSlashes(String(pattern));
    let re = "";
    for (let i = 0; i < p.length; ) {
      if (p.startsWith("/**", i)) {
        re += "(?:/.*)?";
        i += 3;
      } else if (p.startsWith("**", i)) {
        re += ".*";
        i += 2;
      } else if (p[i] === "*") {
        re += "[^/]*";
        i += 1;
        continue;
      } else {
        re += escapeRegex(p[i]);
        i += 1;
        continue;
      }
      while (p[i] === "*") i++; // "***" is "**"
    }
    return new RegExp("^" + re + "$");
  }

  function pathMatches(pattern, path) {
    return pathGlobToRegex(pattern).test(stripTrailingSlashes(String(path)));
  }

  // Patterns are lower-case (the validator refuses others); the browser lower-cases hostnames.
  function hostMatches(pattern, hostname) {
    const p = String(pattern);
    const h = String(hostname).replace(/\.$/, ""); // "facebook.com." is its fully qualified form
    if (p.startsWith("*.")) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
    return p === h;
  }

  // matcher: {hosts, paths?, query?, headings?}; page: {headings: [...], pageLang: "fr"}.
  function pageMatches(matcher, url, { headings = [], pageLang = "" } = {}) {
    if (!matcher || typeof matcher !== "object") return false;
    let u;
    try {
      u = new URL(String(url));
    } catch {
      return false;
    }
    if (u.protocol !== "https:") return false;
    const hosts = Array.isArray(matcher.hosts) ? matcher.hosts : [];
    if (!hosts.some((h) => hostMatches(h, u.hostname))) return false;
    if (Array.isArray(matcher.paths) && matcher.paths.length) {
      if (!matcher.paths.some((p) => pathMatches(p, u.pathname))) return false;
    }
    if (matcher.query && typeof matcher.query === "object") {
      for (const [name, want] of Object.entries(matcher.query)) {
        const values = u.searchParams.getAll(name);
        if (!values.length) return false;
        if (want !== "*" && !values.includes(want)) return false;
      }
    }
    if (matcher.headings) {
      // Exact after folding: a heading that only contains the text is another page's heading.
      const wanted = localizedCandidates(matcher.headings, pageLang);
      if (!headings.some((h) => wanted.includes(fold(h)))) return false;
    }
    return true;
  }

  // Contained, not exact: the text is a sentence somewhere in the page.
  function textAppears(localized, pageText, pageLang) {
    const text = fold(pageText);
    return localizedCandidates(localized, pageLang).some((t) => text.includes(t));
  }

  // What a snapshot of the page ({url, pageLang, headings, pageText}) tells about one
  // condition: true, false, or null when it needs the live page or the user (elementAppears,
  // formSubmitted, userConfirms). `pageText` may be a function, called only when needed.
  function conditionMet(condition, snapshot) {
    if (!condition || typeof condition !== "object") return null;
    const { url, pageLang = "", headings = [], pageText = "" } = snapshot;
    if (condition.type === "urlMatches") return pageMatches(condition.page, url, { headings, pageLang });
    if (condition.type === "textAppears") {
      return textAppears(condition.text, typeof pageText === "function" ? pageText() : pageText, pageLang);
    }
    return null;
  }

  OG.pageMatch = { globToRegex, hrefMatches, pathMatches, hostMatches, pageMatches, conditionMet };
})(globalThis.OptoutGuide);
