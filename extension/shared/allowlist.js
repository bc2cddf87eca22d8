// The Meta allowlist (docs/catalog.md, "Allowlist" and "Link shim"): the only pages a link, a
// direct link or a "Start" may lead to. It is the list of hosts the catalog names (exact hosts,
// or "*.domain" patterns a step's pages use); the host's catalog is the source (hello's
// `catalog.allowlist`). Until the host answered, the hosts the manifest runs the content script
// on stand in: the same list, checked equal to the catalog's by tests/js/extension-manifest.test.mjs.
// A link is judged by where it really leads: Meta's link shim is decoded first.
"use strict";
(function (OG) {
  // The shipped default of the catalog header's platforms (host/catalog/catalog.json), names
  // aside: used until the host's hello reply says otherwise. `hosts` decide which account a
  // page belongs to; they are not the allowlist.
  const DEFAULT_PLATFORMS = [
    { id: "instagram", hosts: ["instagram.com", "*.instagram.com"], domains: ["instagram.com"] },
    { id: "facebook", hosts: ["facebook.com", "*.facebook.com"], domains: ["facebook.com", "messenger.com"] },
    { id: "meta", hosts: ["meta.com", "*.meta.com"], domains: ["meta.com", "threads.net", "threads.com", "whatsapp.com"] },
  ];
  // A host name, or "*." and a domain: labels of letters, digits and inner hyphens, two or more.
  const HOST_PATTERN = /^(\*\.)?(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;
  // The redirectors of Meta's link shim, and hosts that serve third-party content under a Meta
  // name: never a page of a procedure, whatever a list says (host/src/catalog/link.cpp).
  const SHIM_HOSTS = ["l.facebook.com", "lm.facebook.com", "l.instagram.com", "l.messenger.com", "l.threads.net", "l.threads.com"];
  const SHIM_PATH_DOMAINS = ["facebook.com", "messenger.com", "instagram.com"];
  const FOREIGN_CONTENT_HOSTS = [...SHIM_HOSTS, "apps.facebook.com"];
  const MAX_SHIM_DEPTH = 4;

  function withinDomain(host, domain) {
    return host === domain || host.endsWith("." + domain);
  }

  function normHost(hostname) {
    return String(hostname ?? "").toLowerCase().replace(/\.$/, "");
  }

  function isShim(u) {
    if (u.protocol !== "https:" && u.protocol !== "http:") return false;
    const host = normHost(u.hostname);
    if (SHIM_HOSTS.includes(host)) return true;
    return u.pathname.replace(/(.)\/+$/, "$1") === "/l.php" && SHIM_PATH_DOMAINS.some((d) => withinDomain(host, d));
  }

  // The URL a link leads to: `url` itself when it is no shim; the decoded `u` parameter of a
  // shim (through at most 4 shims); null when a shim names no absolute http(s) destination.
  function linkDestination(url) {
    let current = String(url);
    for (let depth = 0; depth <= MAX_SHIM_DEPTH; depth++) {
      let u;
      try {
        u = new URL(current);
      } catch {
        return current;
      }
      if (!isShim(u)) return current;
      const dest = u.searchParams.get("u");
      if (dest === null || !/^https?:\/\//i.test(dest)) return null;
      current = dest;
    }
    return null;
  }

  function defaultHosts() {
    try {
      const manifest = OG.api && OG.api.runtime && typeof OG.api.runtime.getManifest === "function" ? OG.api.runtime.getManifest() : null;
      const matches = (manifest && manifest.content_scripts || []).flatMap((c) => c.matches || []);
      const hosts = matches.map((m) => /^https:\/\/([^/]+)\/\*$/.exec(m)).filter(Boolean).map((m) => m[1]);
      return Object.freeze([...new Set(hosts)].sort());
    } catch {
      return Object.freeze([]);
    }
  }

  const DEFAULT_HOSTS = defaultHosts();
  let hosts = DEFAULT_HOSTS;

  // Why `list` cannot be an allowlist, or null when it can.
  function hostListProblem(list) {
    if (!Array.isArray(list) || !list.length) return "the allowlist must be a non-empty array of hosts";
    const bad = list.find((d) => typeof d !== "string" || !HOST_PATTERN.test(d));
    return bad === undefined ? null : `${JSON.stringify(bad)} is not a lowercase host name or *.domain pattern`;
  }

  // Makes `list` the allowlist every later check uses; returns {ok} or {ok:false, error}.
  function use(list) {
    const problem = hostListProblem(list);
    if (problem) return { ok: false, error: { code: "invalid_value", message: problem } };
    hosts = Object.freeze([...list]);
    return { ok: true };
  }

  function current() {
    return hosts;
  }

  function isAllowedHost(hostname, list = hosts) {
    const h = normHost(hostname);
    if (FOREIGN_CONTENT_HOSTS.includes(h)) return false;
    return list.some((p) => (p.startsWith("*.") ? h.endsWith(p.slice(1)) && h.length > p.length - 1 : h === p));
  }

  // Where `url` really leads is https, has no user name and is on the list.
  function isAllowedUrl(url, list = hosts) {
    const dest = linkDestination(url);
    if (dest === null) return false;
    let u;
    try {
      u = new URL(dest);
    } catch {
      return false;
    }
    return u.protocol === "https:" && !u.username && !u.password && isAllowedHost(u.hostname, list);
  }

  OG.allowlist = { DEFAULT_PLATFORMS, DEFAULT_HOSTS, hostListProblem, use, current, isAllowedHost, isAllowedUrl, linkDestination };
})(globalThis.OptoutGuide);
