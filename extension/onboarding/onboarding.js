// The onboarding page: the one thing to do on this computer to get the helper program, then it
// watches the connection (asking the background to retry at once, every few seconds) and turns
// green by itself when the helper answers, without a reload. Texts come from _locales; every
// node is built with textContent.
"use strict";
(function (OG) {
  const api = OG.api;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const $ = (id) => document.getElementById(id);
  const POLL_MS = 2000;

  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else e.setAttribute(k, v);
    }
    e.append(...children.filter(Boolean));
    return e;
  }

  async function send(message) {
    try {
      return (await api.runtime.sendMessage(message)) || null;
    } catch {
      return null; // the background is starting; the next poll asks again
    }
  }

  // "Firefox", "Google Chrome", "Microsoft Edge", "Brave", … for the heading only.
  async function browserName() {
    if (typeof api.runtime.getBrowserInfo === "function") {
      const info = await api.runtime.getBrowserInfo().catch(() => null);
      if (info && info.name) return info.name;
    }
    const brands = (navigator.userAgentData && navigator.userAgentData.brands) || [];
    const own = brands.map((b) => b.brand).find((b) => b !== "Chromium" && !/not.?a.?brand/i.test(b));
    return own || "Chromium";
  }

  function renderStep(step) {
    const li = el("li", { "data-step": step.key }, el("div", { text: t(step.key) }));
    if (step.download) {
      li.append(el("div", {}, el("a", { class: "download", href: step.download.url, target: "_blank",
        rel: "noopener", "data-file": step.download.file, text: t("onbDownloadButton", [step.download.file]) })));
    }
    if (step.command) li.append(el("code", { text: step.command }));
    return li;
  }

  async function renderInstructions() {
    const platform = await api.runtime.getPlatformInfo();
    const manifest = api.runtime.getManifest();
    const plan = OG.onboarding.instructionsFor(platform, manifest.version, manifest.homepage_url);
    $("instructions").dataset.os = plan.os;
    $("detected").textContent = t("onbDetected", [t(`osName_${plan.os}`), await browserName()]);
    $("steps").replaceChildren(...plan.steps.map(renderStep));
    const other = $("other");
    if (plan.other) {
      other.hidden = false;
      other.replaceChildren(...renderStep(plan.other).childNodes);
    }
  }

  // -> true once the helper answered.
  function renderStatus(view) {
    const box = $("status");
    const s = view && view.status;
    if (s && s.state === "connected") {
      const h = s.hello || {};
      box.dataset.state = "connected";
      box.dataset.reason = "";
      box.replaceChildren(el("div", { text: t("onbConnected") }), el("div", { class: "muted",
        text: t("versions", [view.extensionVersion, String(h.hostVersion ?? "?"), String(h.catalog && h.catalog.version || "?")]) }));
      return true;
    }
    const reason = s && s.state === "unavailable" ? s.reason : null;
    // Not installed (yet): the steps below are the answer. Anything else is a different problem.
    if (!reason || reason === "host_missing") {
      box.dataset.state = "waiting";
      box.dataset.reason = reason || "";
      box.replaceChildren(el("div", { text: t("onbWaiting") }));
      return false;
    }
    const fix = OG.hostErrors.fixFor(reason);
    box.dataset.state = "problem";
    box.dataset.reason = reason;
    // The browser's own wording (English) only as a tooltip, for a bug report.
    box.replaceChildren(el("div", s.detail ? { text: t(fix.messageKey), title: s.detail } : { text: t(fix.messageKey) }));
    return false;
  }

  async function watch() {
    // "reconnect" forgets the background's backoff, so the page notices the helper within a poll.
    const done = renderStatus(await send({ type: "reconnect" }));
    if (!done) setTimeout(watch, POLL_MS);
  }

  document.documentElement.lang = api.i18n.getUILanguage();
  document.documentElement.dir = t("@@bidi_dir") || "ltr";
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  document.title = t("onbPageTitle");
  renderStatus(null);
  renderInstructions().catch((e) => console.error("optout-guide: onboarding instructions failed", e));
  watch();
})(globalThis.OptoutGuide);
