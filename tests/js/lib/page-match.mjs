// A small JS mirror of the catalog's page-matching rules (docs/catalog.md, "Page matcher"),
// for tests that check which fixture pages a step fits. The authoritative implementation is
// the host's (host/src/catalog/matcher.cpp), exercised by `optout-guide-host catalog check`.

export function fold(text) {
  return String(text).normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function stripTrailingSlash(p) {
  while (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

// Path globs: `*` within one segment, `**` any rest.
export function pathGlob(pattern, path) {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*' && pattern[i + 1] === '*') {
      re += '.*';
      while (pattern[i + 1] === '*') i++;
    } else if (ch === '*') re += '[^/]*';
    else re += ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$').test(path);
}

export function pathMatches(pattern, path) {
  const p = stripTrailingSlash(pattern);
  if (pathGlob(p, path)) return true;
  // "/policy/**" also covers "/policy" itself.
  return p.length > 3 && p.endsWith('/**') && pathGlob(p.slice(0, -3), path);
}

export function hostMatches(pattern, host) {
  if (pattern.startsWith('*.')) return host.length > pattern.length - 1 && host.endsWith(pattern.slice(1));
  return pattern === host;
}

// URL globs of `href` locators: `*` is any run of characters.
export function hrefGlob(pattern, href) {
  const re = pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp('^' + re + '$').test(href);
}

// matcher: {hosts, paths?, query?, headings?}; ctx: {headings: [...], lang}
export function pageMatches(matcher, url, ctx = {}) {
  const u = new URL(url);
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  if (!matcher.hosts.some((h) => hostMatches(h, host))) return false;
  if (matcher.paths && matcher.paths.length) {
    const path = stripTrailingSlash(u.pathname || '/');
    if (!matcher.paths.some((p) => pathMatches(p, path))) return false;
  }
  for (const [name, value] of Object.entries(matcher.query || {})) {
    if (!u.searchParams.has(name)) return false;
    if (value !== '*' && !u.searchParams.getAll(name).includes(value)) return false;
  }
  if (matcher.headings) {
    const have = (ctx.headings || []).map(fold);
    const langs = [...new Set([String(ctx.lang || '').slice(0, 2), 'en'])];
    const wanted = langs.flatMap((l) => matcher.headings[l] || []).map(fold);
    if (!wanted.some((w) => have.includes(w))) return false;
  }
  return true;
}

export function stepMatches(step, url, ctx) {
  return (step.pages || []).some((m) => pageMatches(m, url, ctx));
}
