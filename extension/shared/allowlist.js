// The Meta allowlist (docs/catalog.md): the only sites a link, a direct link or a "Start" may
// lead to. Kept in the extension too, so a broken or hostile catalog cannot send anyone elsewhere.
"use strict";
(function (OG) {
  const DOMAINS = ["facebook.com", "instagram.com", "meta.com", "messenger.com", "threads.net",
    "threads.com", "whatsapp.com"];

  function isAllowedHost(hostname) {
    const h = String(hostname ?? "").toLowerCase().replace(/\.$/, "");
    return DOMAINS.some((d) => h === d || h.endsWith("." + d));
  }

  function isAllowedUrl(url) {
    let u;
    try {
      u = new URL(String(url));
    } catch {
      return false;
    }
    return u.protocol === "https:" && !u.username && !u.password && isAllowedHost(u.hostname);
  }

  OG.allowlist = { DOMAINS, isAllowedHost, isAllowedUrl };
})(globalThis.OptoutGuide);
