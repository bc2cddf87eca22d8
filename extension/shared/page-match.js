// Page matchers and URL globs of docs/catalog.md, as pure functions (used by completion
// conditions such as `urlMatches`; the host does the same matching to choose steps).
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

  // Path patterns: `*` within one segment, `**` any rest.
  function pathGlobToRegex(pattern) {
    const p = stripTrailingSlash(String(pattern));
    let re = "";
    for (let i = 0; i < p.length; i++) {
      if (p[i] === "*" && p[i + 1] === "*") {
        re += ".*";
        i++;
      } else if (p[i] === "*") {
        re += "[^/]*";
      } else {
        re += escapeRegex(p[i]);
      }
    }
    return new RegExp("^" + re + "$");
  }

  function stripTrailingSlash(path) {
    return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  }

  function hostMatches(pattern, hostname) {
    const p = String(pattern).toLowerCase();
    const h = String(hostname).toLowerCase();
    if (p.startsWith("*.")) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
    return p === h;
  }

  // matcher: {hosts, paths?, query?, headings?}; signals: {headings: [...]}, pageLang: "fr".
  function pageMatches(matcher, url, { headings = [], pageLang = "" } = {}) {
    if (!matcher || typeof matcher !== "object") return false;
    let u;
    try {
      u = new URL(String(url));
    } catch {
      return false;
    }
    const hosts = Array.isArray(matcher.hosts) ? matcher.hosts : [];
    if (!hosts.some((h) => hostMatches(h, u.hostname))) return false;
    if (Array.isArray(matcher.paths) && matcher.paths.length) {
      const path = stripTrailingSlash(u.pathname);
      if (!matcher.paths.some((p) => pathGlobToRegex(p).test(path))) return false;
    }
    if (matcher.query && typeof matcher.query === "object") {
      for (const [name, want] of Object.entries(matcher.query)) {
        if (!u.searchParams.has(name)) return false;
        if (want !== "*" && u.searchParams.get(name) !== want) return false;
      }
    }
    if (matcher.headings) {
      const wanted = localizedCandidates(matcher.headings, pageLang);
      const seen = headings.map(fold);
      if (!wanted.some((w) => seen.some((h) => h === w || h.includes(w)))) return false;
    }
    return true;
  }

  OG.pageMatch = { globToRegex, pathGlobToRegex, hostMatches, pageMatches };
})(globalThis.OptoutGuide);
