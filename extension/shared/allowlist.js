// The Meta allowlist (docs/catalog.md): the only sites a link, a direct link or a "Start" may
// lead to. The host's catalog is the source (hello's `catalog.allowlist`, which the host never
// lets an override catalog widen); what ships here is only the default until the host answered.
"use strict";
(function (OG) {
  // The shipped default of the catalog header's platforms (host/catalog/catalog.json), names
  // aside: used until the host's hello reply says otherwise.
  const DEFAULT_PLATFORMS = [
    { id: "instagram", hosts: ["instagram.com", "*.instagram.com"], domains: ["instagram.com"] },
    { id: "facebook", hosts: ["facebook.com", "*.facebook.com"], domains: ["facebook.com", "messenger.com"] },
    { id: "meta", hosts: ["meta.com", "*.meta.com"], domains: ["meta.com", "threads.net", "threads.com", "whatsapp.com"] },
  ];
  const DEFAULT_DOMAINS = [...new Set(DEFAULT_PLATFORMS.flatMap((p) => p.domains))].sort();
  // A registrable domain: labels of letters, digits and inner hyphens, at least two of them.
  const DOMAIN = /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

  let domains = DEFAULT_DOMAINS;

  // Why `list` cannot be an allowlist, or null when it can.
  function domainListProblem(list) {
    if (!Array.isArray(list) || !list.length) return "the allowlist must be a non-empty array of domains";
    const bad = list.find((d) => typeof d !== "string" || !DOMAIN.test(d));
    return bad === undefined ? null : `${JSON.stringify(bad)} is not a lowercase domain name`;
  }

  // Makes `list` the allowlist every later check uses; returns {ok} or {ok:false, error}.
  function use(list) {
    const problem = domainListProblem(list);
    if (problem) return { ok: false, error: { code: "invalid_value", message: problem } };
    domains = Object.freeze([...list]);
    return { ok: true };
  }

  function current() {
    return domains;
  }

  function isAllowedHost(hostname, list = domains) {
    const h = String(hostname ?? "").toLowerCase().replace(/\.$/, "");
    return list.some((d) => h === d || h.endsWith("." + d));
  }

  function isAllowedUrl(url, list = domains) {
    let u;
    try {
      u = new URL(String(url));
    } catch {
      return false;
    }
    return u.protocol === "https:" && !u.username && !u.password && isAllowedHost(u.hostname, list);
  }

  OG.allowlist = { DEFAULT_PLATFORMS, DEFAULT_DOMAINS, domainListProblem, use, current, isAllowedHost, isAllowedUrl };
})(globalThis.OptoutGuide);
