// One page view of a tab, decided here from the tab's single `pageLoaded` message: did arriving
// on this URL complete the step the tab showed before (its `urlMatches`), which step fits the
// page (the host's nextStep, with the platform's chosen account and the popup's hint), is that
// step newly shown (step_shown once per tab, procedure, step, account and page), and what the
// tab keeps for its next view. The decisions are pure functions; PageViews does the I/O.
"use strict";
(function (OG) {
  // Reasons after which the step the tab kept is done with: arriving elsewhere later must not
  // complete it again.
  const SETTLING = new Set(["completed", "skipped"]);

  // The context sent to the host, rebuilt from the known fields only.
  function hostContext(ctx) {
    const signals = ctx.signals && Array.isArray(ctx.signals.headings) ? ctx.signals.headings : [];
    return { url: ctx.url, title: ctx.title || "", docLang: ctx.docLang || "", uiLang: ctx.uiLang || "en",
      signals: { headings: [...signals] } };
  }

  // The `urlMatches` condition of the kept step that arriving on this page satisfies, or null.
  function arrival(kept, context) {
    if (!kept || !kept.open || kept.url === context.url || !Array.isArray(kept.complete)) return null;
    const opts = { headings: context.signals.headings, pageLang: context.docLang };
    return kept.complete.find((c) => c && c.type === "urlMatches" && OG.pageMatch.pageMatches(c.page, context.url, opts)) || null;
  }

  // A link with target=_blank opens the next page in a new tab: the step that tab's opener (or,
  // when the browser names none, the tab that showed it last) kept may be the one arriving here
  // completes. Returns {tabId, kept} or null. `others`: {tabId: kept} of the other tabs.
  function arrivalElsewhere(others, openerTabId, context) {
    const candidates = Object.entries(others || {})
      .filter(([, k]) => arrival(k, context))
      .sort(([a, ka], [b, kb]) => (Number(b) === openerTabId) - (Number(a) === openerTabId) || (kb.shownAt || 0) - (ka.shownAt || 0));
    return candidates.length ? { tabId: Number(candidates[0][0]), kept: candidates[0][1] } : null;
  }

  function nextStepRequest(context, { platform, activeAccounts, hint }) {
    const request = { type: "nextStep", context };
    const accounts = activeAccounts && typeof activeAccounts === "object" ? activeAccounts : {};
    if (platform && typeof accounts[platform] === "string") request.account = accounts[platform];
    if (hint && typeof hint.procedureId === "string") request.procedureId = hint.procedureId;
    return request;
  }

  const pageOf = (url) => OG.messages.pageOf(url);

  function sameShown(kept, match, url) {
    return !!kept && kept.procedureId === match.procedureId && kept.stepId === match.stepId &&
      kept.account === match.account && pageOf(kept.url) === pageOf(url);
  }

  // How long the page a classic POST loads may take to come: past this, a Send pressed
  // earlier is no evidence for what the tab shows now.
  const ATTEMPT_FRESH_MS = 120000;

  function freshAttempt(attempt, match, now) {
    return !!attempt && !!match && attempt.procedureId === match.procedureId && attempt.stepId === match.stepId &&
      now - attempt.at <= ATTEMPT_FRESH_MS;
  }

  // Is this match a step the tab moves to, other than the one it keeps for this page?
  // (wrong-page and unknown-page steps are no step.)
  function newlyShown(kept, match, url) {
    return !!match && !OG.messages.UNCOUNTED_KINDS.includes(match.kind) && !sameShown(kept, match, url);
  }

  // The pages (per procedure, step and account) this tab has shown a step on, newest last: a
  // chatty page going back and forth between two URLs is two step_shown, not one per change.
  const MAX_SHOWN = 64;
  const shownKey = (match, url) => [match.procedureId, match.stepId, match.account || "", pageOf(url)].join("\n");

  // Is this the first time the tab shows this step on this page? Only then is step_shown recorded.
  function firstShown(kept, match, url) {
    return newlyShown(kept, match, url) && !(kept && Array.isArray(kept.shown) && kept.shown.includes(shownKey(match, url)));
  }

  // What the tab keeps after this view: the newly shown step, open for arrival; else the kept
  // step, closed once the tab left its URL or the user completed or skipped it.
  function keptAfter(kept, { context, reason, match, now = 0 }) {
    if (newlyShown(kept, match, context.url)) {
      const key = shownKey(match, context.url);
      const shown = [...(kept && Array.isArray(kept.shown) ? kept.shown : []).filter((k) => k !== key), key].slice(-MAX_SHOWN);
      return { procedureId: match.procedureId, stepId: match.stepId, account: match.account,
        complete: Array.isArray(match.complete) ? match.complete : [], url: context.url, open: true, shownAt: now, shown };
    }
    if (kept && kept.open && (pageOf(kept.url) !== pageOf(context.url) || SETTLING.has(reason))) return { ...kept, open: false };
    return kept;
  }

  class PageViews {
    constructor({ connection, queue, tabSteps, sendAttempts = null, catalog, settings, client, now = Date.now }) {
      this.connection = connection;
      this.sendAttempts = sendAttempts;
      this.now = now;
      this.queue = queue;
      this.tabSteps = tabSteps;
      this.catalog = catalog;
      this.settings = settings; // storage.local: the popup's hint and chosen accounts
      this.client = client;
      this.chains = new Map(); // tabId -> the view being handled, so a tab's views go in order
    }

    // Resolves with {ok:true, match, allowlist, queued?} or {ok:false, error}; `queued` (present
    // when this view reported an event) tells whether the host has yet to store it.
    pageLoaded(tabId, message, pageUrl, openerTabId = null) {
      const prev = this.chains.get(tabId) || Promise.resolve();
      const run = prev.then(() => this.handle(tabId, message, pageUrl, openerTabId));
      const settled = run.catch(() => {});
      this.chains.set(tabId, settled);
      settled.then(() => {
        if (this.chains.get(tabId) === settled) this.chains.delete(tabId);
      });
      return run;
    }

    async handle(tabId, { context: raw, reason }, pageUrl, openerTabId) {
      const context = hostContext(raw);
      const [kept, local] = await Promise.all([this.tabSteps.get(tabId), this.settings.get(["hint", "activeAccounts"])]);
      let queued = null; // stays null when this view reports no event
      const report = async (step, type) => {
        // The page the tab shows now (validated as allowlisted by the router), not sender.url,
        // which stays on the URL the document was loaded at.
        const r = await this.queue.add({ eventId: OG.messages.newEventId(), procedureId: step.procedureId, stepId: step.stepId,
          type, account: step.account, url: context.url || OG.messages.cutUtf8(String(pageUrl), OG.messages.LIMITS.url),
          client: this.client });
        queued = queued === true || !!(r && r.ok && r.queued);
      };
      // Recorded before nextStep, so the step chosen for this page already counts it done.
      if (arrival(kept, context)) await report(kept, "step_completed");
      else if (!kept && reason === "load") {
        // A new tab: a link of another tab opened it (target=_blank), the step carries on here.
        const all = await this.tabSteps.all();
        delete all[tabId];
        const from = arrivalElsewhere(all, openerTabId, context);
        if (from) {
          await report(from.kept, "step_completed");
          await this.tabSteps.set(from.tabId, { ...from.kept, open: false });
        }
      }
      let match = null;
      let error = null;
      try {
        await (reason === "retry" ? this.connection.reconnectNow() : this.connection.ensure());
        this.catalog.sync();
        const request = nextStepRequest(context, { platform: this.catalog.platformForUrl(context.url), ...local });
        const reply = await this.connection.request(request);
        if (reply.ok) match = reply.match || null;
        else error = reply.error;
      } catch (err) {
        // The connection fails with {code, message}; anything else is a fault of ours.
        if (err && typeof err.code === "string") error = err;
        else {
          console.error("optout-guide: page view failed", err);
          error = { code: "internal", message: String((err && err.message) || err) };
        }
      }
      const next = keptAfter(kept, { context, reason, match, now: Date.now() });
      // Not awaited: the card must not wait on a write that only observes. The queue keeps
      // the order of events, and keeps this one if the host is away.
      if (firstShown(kept, match, context.url)) {
        report(match, "step_shown").catch((err) => console.error("optout-guide: step_shown not queued", err));
      }
      if (next !== kept) await this.tabSteps.set(tabId, next);
      if (error) return { ok: false, error };
      const attempt = this.sendAttempts ? await this.sendAttempts.get(tabId) : null;
      const sent = freshAttempt(attempt, match, this.now()) ? { path: attempt.path } : null;
      return { ok: true, match, ...(queued === null ? {} : { queued }), ...(sent ? { sendPressed: sent } : {}),
        allowlist: [...OG.allowlist.current()] };
    }
  }

  OG.PageViews = PageViews;
  OG.pageViews = { hostContext, arrival, arrivalElsewhere, nextStepRequest, newlyShown, firstShown, keptAfter, pageOf, freshAttempt };
})(globalThis.OptoutGuide);
