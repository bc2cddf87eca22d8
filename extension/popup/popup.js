// The toolbar popup: where the user stands, per platform and account, and what to do next.
// Every text comes from _locales; every DOM node is built with textContent (no markup strings).
"use strict";
(function (OG) {
  const api = OG.api;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const uiLang = OG.text.baseLang(api.i18n.getUILanguage()) || "en";
  const $ = (id) => document.getElementById(id);
  const send = async (message) => {
    try {
      return (await api.runtime.sendMessage(message)) || { ok: false, error: { code: "extension_unavailable", message: "no answer" } };
    } catch (e) {
      return { ok: false, error: { code: "extension_unavailable", message: String(e && e.message || e) } };
    }
  };
  const host = (request) => send({ type: "host", request });
  // The host's platforms (ids, names) as the background last had them from its hello reply.
  let platformList = [];

  function useCatalog(view) {
    const catalog = view && view.catalog;
    if (!catalog) return;
    platformList = Array.isArray(catalog.platforms) ? catalog.platforms : [];
    const used = OG.allowlist.use(catalog.allowlist);
    if (!used.ok) console.warn("optout-guide: unusable allowlist from the background", used.error);
  }

  // The catalog's name in the UI language; the extension's own word for a host too old to send one.
  function platformName(id) {
    const p = platformList.find((x) => x.id === id);
    return (p && p.name && OG.text.pickLocalized(p.name, uiLang)) || api.i18n.getMessage(`platform_${id.replace(/-/g, "_")}`) || id;
  }

  // The platforms that have procedures, in the catalog's order.
  function platformsOf(procedures) {
    const used = new Set(procedures.map((p) => p.platform));
    const known = platformList.map((p) => p.id).filter((id) => used.has(id));
    return [...known, ...[...used].filter((id) => !known.includes(id))];
  }

  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
    return e;
  }

  function applyI18n() {
    document.documentElement.lang = uiLang;
    document.documentElement.dir = t("@@bidi_dir") || "ltr";
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    document.title = t("extShortName");
  }

  function formatDate(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return String(iso);
    return d.toLocaleString(uiLang, { dateStyle: "medium", timeStyle: "short" });
  }

  async function paged(type, extra, field) {
    const out = [];
    let cursor = 0;
    for (let guard = 0; guard < 100; guard++) {
      const reply = await host({ type, ...extra, cursor });
      if (!reply.ok) throw reply.error;
      out.push(...(reply[field] || []));
      if (reply.nextCursor === null || reply.nextCursor === undefined) return out;
      cursor = reply.nextCursor;
    }
    return out;
  }

  // An extension page in a new tab; the popup closes, as it would on any click outside it.
  async function openPage(file) {
    await api.tabs.create({ url: api.runtime.getURL(file) });
    window.close();
  }

  // --- host status ------------------------------------------------------------------------------
  // Why the host refused the extension's catalog, by its error code (docs/protocol.md); any
  // other failure (timeout, lost connection) reads as catalogOfferReasonOther.
  const OFFER_REASONS = { invalid_catalog: "catalogOfferReasonInvalid", catalog_not_saved: "catalogOfferReasonNotSaved" };

  function renderHost(view) {
    const box = $("host");
    box.replaceChildren();
    const s = view && view.status;
    box.className = "host";
    if (s && s.state === "connected") {
      const h = s.hello || {};
      box.dataset.state = "connected";
      box.append(el("div", { text: t("hostConnected") }),
        el("div", { class: "muted", text: t("versions", [view.extensionVersion, String(h.hostVersion ?? "?"),
          String(h.catalog && h.catalog.version || "?")]) }));
      if (view.pendingEvents) box.append(el("div", { class: "muted", text: t("pendingEvents", [String(view.pendingEvents)]) }));
      const offer = view.catalogOffer;
      if (offer && offer.accepted) box.append(el("div", { class: "muted", text: t("catalogOfferTaken", [String(offer.version)]) }));
      if (offer && !offer.accepted && offer.error) {
        // The reason in the UI language, chosen by the error's stable code; the host's own
        // (English) detail only as a tooltip, where it names the file and field for a bug report.
        const reason = OFFER_REASONS[offer.error.code];
        box.append(el("div", { class: "muted", "data-offer": "refused", "data-code": offer.error.code || "",
          text: `${t("catalogOfferRefused", [String(offer.version)])} ${t(reason || "catalogOfferReasonOther")}`,
          title: reason && offer.error.message || null }));
      }
      return true;
    }
    if (!s || s.state === "connecting" || s.state === "unknown") {
      box.dataset.state = "connecting";
      box.append(el("div", { text: t("hostConnecting") }));
      return false;
    }
    const fix = OG.hostErrors.fixFor(s.reason);
    box.dataset.state = "unavailable";
    box.dataset.reason = s.reason || "";
    box.classList.add("down");
    // The browser's own wording (English whatever the UI language) only as a tooltip, for a
    // bug report: the message above says what happened and what to do.
    box.append(el("div", { text: t(fix.messageKey), title: s.detail || null }));
    if (view.pendingEvents) box.append(el("div", { class: "muted", text: t("pendingEvents", [String(view.pendingEvents)]) }));
    box.append(el("div", { class: "buttons" },
      fix.page && el("button", { type: "button", id: "install-helper", class: "primary", text: t("btnInstallHelper"),
        onclick: () => openPage(fix.page) }),
      el("button", { type: "button", text: t("btnRetry"), onclick: () => refresh(true) })));
    return false;
  }

  // --- "on this page" -----------------------------------------------------------------------------
  async function renderOnPage() {
    const box = $("on-page");
    box.hidden = true;
    try {
      const [tab] = await api.tabs.query({ active: true, currentWindow: true });
      if (!tab || tab.id === undefined) return;
      const state = await api.tabs.sendMessage(tab.id, { type: "getOverlayState" });
      if (state && state.procedureId && !state.cardVisible && state.hiddenReason) {
        // The page covers or hides the card: the popup is where the guide can still be seen.
        box.textContent = t("cardHiddenOnPage", [state.procedureTitle || "", String(state.stepIndex || ""), String(state.stepCount || "")]);
        box.dataset.hidden = state.hiddenReason;
        box.className = "error";
        box.hidden = false;
      } else if (state && state.active && state.stepIndex) {
        box.textContent = t("onThisPage", [String(state.stepIndex), String(state.stepCount), state.procedureTitle || ""]);
        delete box.dataset.hidden;
        box.className = "";
        box.hidden = false;
      }
    } catch {
      // No content script in that tab (not a Meta page): nothing to say.
    }
  }

  // --- procedures ---------------------------------------------------------------------------------
  const procedureCache = new Map();
  async function procedureDetail(id) {
    if (!procedureCache.has(id)) {
      const reply = await host({ type: "getProcedure", procedureId: id, uiLang });
      if (!reply.ok) throw reply.error;
      procedureCache.set(id, reply.procedure);
    }
    return procedureCache.get(id);
  }

  // The answers Meta may send for a procedure (its wait step's, from getProcedure), read before
  // the cards are drawn, and only for the procedures a card shows them for (a request waiting
  // for Meta's answer, or one the user told the answer of): a fresh popup asks nothing more.
  const answerSteps = new Map();
  const answerKey = (prefix, answer) => `${prefix}_${String(answer).replace(/-/g, "_")}`;
  const answersOf = (id) => (answerSteps.get(id) || { answers: [] }).answers;
  const answerStep = (id) => (answerSteps.get(id) || {}).id;
  async function loadAnswers(procedures, progress) {
    const shown = new Set(progress.filter((r) => r.state === "submitted" || (r.answer && r.answer.answer))
      .map((r) => r.procedureId));
    await Promise.all(procedures.filter((p) => shown.has(p.id) && !answerSteps.has(p.id)).map(async (p) => {
      const detail = await procedureDetail(p.id).catch(() => null);
      const step = detail && (detail.steps || []).find((s) => Array.isArray(s.answers) && s.answers.length);
      if (step) answerSteps.set(p.id, { id: step.id, answers: step.answers });
    }));
  }

  async function currentStep(proc, progress) {
    const detail = await procedureDetail(proc.id);
    const steps = detail.steps || [];
    // stepIndex counts the user's route, not the catalog's list: the host names the step (a
    // host from before routes counted the list, and names none).
    if (progress.stepId) return steps.find((s) => s.id === progress.stepId) || null;
    const i = Math.min(Math.max((progress.stepIndex || 1) - 1, 0), steps.length - 1);
    return steps[i] || null;
  }

  async function openAndGuide(proc, progress, url) {
    if (!OG.allowlist.isAllowedUrl(url)) return;
    await api.storage.local.set({ hint: { procedureId: proc.id, platform: proc.platform, account: progress.account, at: Date.now() } });
    await api.tabs.create({ url });
    window.close();
  }

  async function report(proc, progress, type, stepId, answer) {
    const reply = await send({ type: "reportEvent", event: {
      eventId: OG.messages.newEventId(), procedureId: proc.id, stepId, type, account: progress.account,
      ...(answer ? { answer } : {}) } });
    if (!reply.ok) showError(reply.error);
    await refresh(false);
  }

  function showError(error) {
    const box = $("export-result");
    box.textContent = t("errorGeneric", [String(error && error.code || "?")]);
    box.className = "error";
    $("export").hidden = false;
  }

  function procedureCard(proc, progress) {
    const state = progress.state || "not_started";
    const card = el("article", { class: "procedure", "data-procedure": proc.id, "data-state": state, "data-account": progress.account });
    card.append(el("h3", { text: proc.title }));
    const line = el("div", {}, el("span", { class: `state ${state}`, text: t(`state_${state}`) }));
    if (state === "in_progress" || state === "not_started" || state === "refused") {
      line.append(" ", el("span", { class: "step", text: t("stepOf", [String(progress.stepIndex || 1), String(progress.stepCount || proc.steps)]) }));
    }
    card.append(line);
    const dates = [];
    if (progress.startedAt) dates.push(t("startedAt", [formatDate(progress.startedAt)]));
    if (progress.submittedAt) dates.push(t("submittedAt", [formatDate(progress.submittedAt)]));
    if (progress.confirmedAt) dates.push(t("confirmedAt", [formatDate(progress.confirmedAt)]));
    if (dates.length) card.append(el("p", { class: "meta", text: dates.join(" · ") }));
    else if (proc.summary) card.append(el("p", { class: "meta", text: proc.summary }));
    // Meta's answer as the user told it (what "refused" and an answered "confirmed" stand on),
    // with what the catalog says they can do then; and the requests refused before this one.
    if (progress.answer && progress.answer.answer) {
      card.append(el("p", { class: "evidence", "data-told": progress.answer.answer,
        text: t("answerTold", [formatDate(progress.answer.at), t(answerKey("answer", progress.answer.answer))]) }));
      const advice = (answersOf(proc.id).find((a) => a.answer === progress.answer.answer) || {}).advice;
      if (advice) card.append(el("p", { class: "meta", "data-advice": progress.answer.answer, text: advice }));
    }
    for (const earlier of progress.earlierRequests || []) {
      card.append(el("p", { class: "meta", "data-earlier": earlier.answer && earlier.answer.answer,
        text: t("earlierRequest", [formatDate(earlier.submittedAt), formatDate(earlier.answer && earlier.answer.at)]) }));
    }
    // What Meta showed when it took the form: the proof that "submitted" stands on.
    if (progress.sentEvidence && progress.sentEvidence.text) {
      card.append(el("p", { class: "evidence", "data-evidence": "sent",
        text: t("sentEvidence", [progress.sentEvidence.text, formatDate(progress.sentEvidence.at || progress.submittedAt)]) }));
    }

    const buttons = el("div", { class: "buttons" });
    if (state === "not_started") {
      buttons.append(el("button", { type: "button", class: "primary", "data-action": "start", text: t("btnStart"),
        onclick: () => openAndGuide(proc, progress, proc.start) }));
    } else if (state === "in_progress") {
      buttons.append(el("button", { type: "button", class: "primary", "data-action": "resume", text: t("btnResume"),
        onclick: async () => {
          const step = await currentStep(proc, progress).catch(() => null);
          openAndGuide(proc, progress, (step && step.directLink) || proc.start);
        } }));
      buttons.append(el("button", { type: "button", "data-action": "mark-done", text: t("btnMarkDone"),
        onclick: async () => {
          const step = await currentStep(proc, progress).catch((e) => showError(e));
          if (step) report(proc, progress, "step_completed", step.id);
        } }));
    }
    const answers = answersOf(proc.id);
    if (state === "refused") {
      // Trying again is the procedure walked again, from its start.
      buttons.append(el("button", { type: "button", class: "primary", "data-action": "new-request", text: t("btnNewRequest"),
        onclick: () => openAndGuide(proc, progress, proc.start) }));
    }
    if (state === "submitted" && answers.length) {
      // Where Meta may refuse, the user says which answer came: one button each, in this
      // window only, by the user's own click.
      for (const a of answers) {
        buttons.append(el("button", { type: "button", class: a.answer === "accepted" ? "primary" : null,
          "data-action": "answer", "data-answer": a.answer, text: t(answerKey("btnAnswer", a.answer)),
          onclick: async (e) => {
            if (!e.isTrusted) return;
            report(proc, progress, "answer_received", answerStep(proc.id), a.answer);
          } }));
      }
    } else if (state === "submitted") {
      buttons.append(el("button", { type: "button", class: "primary", "data-action": "email-received", text: t("btnEmailReceived"),
        onclick: async (e) => {
          // Only the user's own click in this window confirms: never a script's.
          if (!e.isTrusted) return;
          const step = await currentStep(proc, progress).catch((e) => showError(e));
          if (step) report(proc, progress, "confirmation_received", step.id);
        } }));
    }
    if (proc.directLink && state !== "confirmed") {
      buttons.append(el("button", { type: "button", "data-action": "direct", text: t("btnDirectLink"),
        onclick: () => openAndGuide(proc, progress, proc.directLink) }));
    }
    if (state !== "not_started") {
      buttons.append(el("button", { type: "button", "data-action": "reset", text: t("btnReset"),
        onclick: () => {
          if (card.querySelector(".confirm")) return;
          const box = el("div", { class: "confirm", role: "alertdialog" }, el("p", { text: t("resetConfirm") }));
          const yes = el("button", { type: "button", class: "primary", "data-action": "confirm-reset", text: t("btnConfirmReset"),
            onclick: async () => {
              const reply = await host({ type: "resetProcedure", procedureId: proc.id, account: progress.account });
              if (!reply.ok) showError(reply.error);
              refresh(false);
            } });
          const no = el("button", { type: "button", text: t("btnCancel"), onclick: () => box.remove() });
          box.append(el("div", { class: "buttons" }, yes, no));
          card.append(box);
          yes.focus();
        } }));
    }
    card.append(buttons);
    return card;
  }

  async function renderPlatforms() {
    const main = $("platforms");
    const [procedures, accounts, progress, local] = await Promise.all([
      paged("listProcedures", { uiLang }, "procedures"),
      paged("listAccounts", {}, "accounts"),
      paged("getProgress", {}, "progress"),
      api.storage.local.get(["activeAccounts", "hiddenHosts"]),
    ]);
    await loadAnswers(procedures, progress);
    const active = local.activeAccounts && typeof local.activeAccounts === "object" ? local.activeAccounts : {};
    const platforms = platformsOf(procedures);
    main.replaceChildren();
    if (!procedures.length) main.append(el("p", { class: "muted", text: t("noProcedures") }));
    for (const platform of platforms) {
      const mine = accounts.filter((a) => a.platform === platform);
      const current = active[platform] && mine.some((a) => a.account === active[platform]) ? active[platform] : "default";
      const section = el("section", { class: "platform", "data-platform": platform });
      const head = el("div", { class: "platform-head" }, el("h2", { text: platformName(platform) }));
      if (mine.length > 1) {
        const select = el("select", { "aria-label": `${t("accountLabel")} — ${platformName(platform)}`,
          onchange: async (e) => {
            await api.storage.local.set({ activeAccounts: { ...active, [platform]: e.target.value } });
            refresh(false);
          } });
        for (const a of mine) {
          const label = a.label || (a.account === "default" ? t("accountDefault") : a.account);
          select.append(el("option", { value: a.account, selected: a.account === current, text: label }));
        }
        head.append(el("label", {}, t("accountLabel"), select));
      }
      section.append(head);
      for (const proc of procedures.filter((p) => p.platform === platform)) {
        const prog = progress.find((p) => p.procedureId === proc.id && p.account === current) ||
          { procedureId: proc.id, account: current, state: "not_started", stepIndex: 1, stepCount: proc.steps };
        section.append(procedureCard(proc, prog));
      }
      main.append(section);
    }
    main.setAttribute("aria-busy", "false");

    const platformSelect = $("account-platform");
    platformSelect.replaceChildren(...platforms.map((p) => el("option", { value: p, text: platformName(p) })));
    $("accounts-editor").hidden = false;
    $("export").hidden = false;
    renderHidden(Array.isArray(local.hiddenHosts) ? local.hiddenHosts : []);
  }

  function renderHidden(list) {
    $("hidden-sites").hidden = !list.length;
    $("hidden-list").replaceChildren(...list.map((h) => el("li", {}, `${h} `,
      el("button", { type: "button", text: t("btnShowAgain"), onclick: async () => {
        await api.storage.local.set({ hiddenHosts: list.filter((x) => x !== h) });
        refresh(false);
      } }))));
  }

  async function refresh(reconnect) {
    const status = await send({ type: reconnect ? "reconnect" : "status" });
    useCatalog(status);
    const up = renderHost(status);
    renderOnPage();
    if (!up) {
      const main = $("platforms");
      main.replaceChildren();
      main.setAttribute("aria-busy", "false");
      return;
    }
    try {
      await renderPlatforms();
    } catch (error) {
      showError(error);
    }
  }

  function wireForms() {
    $("account-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const account = $("account-id").value.trim();
      const err = $("account-error");
      if (!OG.messages.validAccount(account)) {
        err.textContent = t("accountInvalid");
        err.hidden = false;
        $("account-id").focus();
        return;
      }
      err.hidden = true;
      const platform = $("account-platform").value;
      const reply = await host({ type: "setAccount", platform, account, label: $("account-label").value.trim() });
      if (!reply.ok) {
        err.textContent = t("errorGeneric", [String(reply.error.code)]);
        err.hidden = false;
        return;
      }
      const got = await api.storage.local.get("activeAccounts");
      await api.storage.local.set({ activeAccounts: { ...(got.activeAccounts || {}), [platform]: account } });
      e.target.reset();
      refresh(false);
    });
    $("export-reports").addEventListener("click", async () => {
      const out = $("export-result");
      out.className = "muted";
      out.textContent = t("loading");
      try {
        const file = await OG.exportRecord.fetchReports(send, uiLang);
        if (!file.reports.length) {
          out.textContent = t("reportsNone");
          return;
        }
        const text = `${JSON.stringify(file, null, 2)}\n`;
        const name = OG.exportRecord.save(document, text, "json", "reports");
        out.textContent = t("reportsReady", [String(file.reports.length), name]);
        out.dataset.bytes = String(text.length);
      } catch (error) {
        showError(error);
      }
    });
    for (const format of ["html", "json"]) {
      $(`export-${format}`).addEventListener("click", async () => {
        const out = $("export-result");
        out.className = "muted";
        out.textContent = t("loading");
        try {
          const record = await OG.exportRecord.fetchRecord(send, format, uiLang);
          const name = OG.exportRecord.save(document, record.text, format);
          out.textContent = t("exportReady", [name]);
          out.dataset.bytes = String(record.text.length);
        } catch (error) {
          showError(error);
        }
      });
    }
  }

  applyI18n();
  wireForms();
  refresh(false);
  OG.popup = { refresh };
})(globalThis.OptoutGuide);
