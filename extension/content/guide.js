// Orchestrates one tab's guidance: tells the background about each page view (one pageLoaded
// message; the background picks the step with the host), shows the step, finds its target
// (waiting for late content within a bound), notices completion on the page, reports it.
"use strict";
(function (OG) {
  // Steps that point the way without being a step of "k of n" (docs/catalog.md).
  const UNCOUNTED = new Set(OG.messages.UNCOUNTED_KINDS);
  // Steps that send the user on by a link: when their own targets find nothing, any link on the
  // page that leads to the procedure's form or hub will do (the procedure's fallbackTargets).
  const LEADS_ON = new Set(["click", "navigate", "unknown-page"]);
  const HOST_DOWN = new Set(["host_missing", "host_forbidden", "host_failed_to_start", "host_exited",
    "host_protocol_error", "host_unreachable", "host_timeout", "host_incompatible"]);

  class Guide {
    constructor({ window: win, bridge, storage, i18n, uiLang, dir }) {
      this.win = win;
      this.doc = win.document;
      this.bridge = bridge;
      this.storage = storage; // storage.local
      this.i18n = i18n;
      this.uiLang = uiLang;
      this.dir = dir;
      this.generation = 0;
      this.step = null; // the nextStep match being shown, plus .target
      this.overlay = null;
      this.watch = null;
      this.doneHere = new Set(); // steps completed during this page view
      this.stopUrl = null;
      this.stopSubmit = null;
    }

    start() {
      this.stopUrl = OG.page.watchUrl(this.win, (url) => this.onUrlChange(url));
      this.stopSubmit = OG.completion.followSend(this.doc, () => this.step, {
        onPressed: (step, { path }) => this.onSendPressed(step, path),
        onAccepted: (step, evidence) => this.onAccepted(step, evidence),
        onRefused: (step, complaint) => this.onRefused(step, complaint),
      });
      return this.refresh("load");
    }

    // --- state for tests and the popup -------------------------------------------------------
    overlayState() {
      const s = this.step;
      const target = s && s.target && s.target.isConnected ? s.target : null;
      let targetRect = null;
      if (target) {
        const r = target.getBoundingClientRect();
        targetRect = { x: r.x, y: r.y, width: r.width, height: r.height };
      }
      const health = this.overlay ? this.overlay.health() : { visible: false, reason: null };
      return {
        // Never "active" while the user cannot see the card.
        active: !!(s && this.overlay && this.overlay.isVisible() && health.visible),
        cardVisible: !!(this.overlay && this.overlay.isVisible() && health.visible),
        hiddenReason: health.visible ? null : health.reason,
        complaint: s ? s.complaint || null : null,
        hostRefused: s ? s.hostRefused || null : null,
        confirming: !!(this.overlay && this.overlay.isConfirming()),
        procedureId: s ? s.procedureId : null,
        stepId: s ? s.stepId : null,
        stepIndex: s ? s.stepIndex : null,
        stepCount: s ? s.stepCount : null,
        state: s ? s.state : null,
        procedureTitle: s ? s.procedureTitle : null,
        url: s ? s.url : null,
        targetFound: !!target,
        targetRect,
        // Where the overlay drew the ring (the target's rect plus its padding) and the card.
        ...(this.overlay ? this.overlay.drawn() : { ring: null, card: null, placements: 0 }),
        buttons: this.overlay && this.overlay.isVisible() ? this.overlay.buttons() : [],
        viaFallback: !!(s && target && s.viaFallback),
        notes: s ? this.notesFor(s) : [],
        error: this.error || null,
      };
    }

    // --- the overlay --------------------------------------------------------------------------
    ensureOverlay() {
      if (!this.overlay) {
        this.overlay = OG.overlay.create({
          document: this.doc, i18n: this.i18n, dir: this.dir, onAction: (a) => this.onAction(a),
          onHealth: (h) => this.bridge.overlayHealth(h.visible, h.reason),
          onTargetLost: () => this.lookAgain(),
        });
      }
      return this.overlay;
    }

    removeOverlay() {
      if (this.overlay) this.overlay.destroy();
      this.overlay = null;
    }

    render(fresh) {
      const s = this.step;
      if (!s) return;
      const ov = this.ensureOverlay();
      const done = this.doneHere.has(s.stepId) && !UNCOUNTED.has(s.kind);
      if (done) {
        ov.setTarget(null);
        ov.show({ mode: "done", procedureTitle: s.procedureTitle, message: this.i18n("stepDoneHere"), fresh });
        return;
      }
      ov.show({
        mode: "step", fresh, procedureTitle: s.procedureTitle, stepIndex: s.stepIndex, stepCount: s.stepCount,
        instruction: s.instruction, lookFor: s.lookFor, warning: s.warning, directLink: this.safeLink(s.directLink),
        kind: s.kind, state: s.state, wrongPage: UNCOUNTED.has(s.kind), targetFound: !!(s.target && s.target.isConnected),
        queuedNote: this.queuedNote ? this.i18n("eventQueued") : null, complaint: s.complaint || null,
        hostRefused: s.hostRefused ? this.i18n("errHostRefused", [String(s.hostRefused)]) : null,
        notes: this.notesFor(s), answers: s.answers || [],
      });
      ov.setTarget(s.target && s.target.isConnected ? s.target : null);
    }

    // What the card says about how sure the guide is of this page, in the order shown.
    notesFor(s) {
      const notes = [];
      const found = !!(s.target && s.target.isConnected);
      if (s.unverified) notes.push(this.i18n("noteUnverified"));
      if (found && s.viaFallback) notes.push(this.i18n("noteFallback"));
      if (!found && s.gaveUp && (s.targets || []).length + (s.fallbackTargets || []).length > 0) notes.push(this.i18n("noteChanged"));
      if (s.reported) notes.push(this.i18n(s.reported === "saved" ? "reportSaved" : "reportFailed"));
      // Meta's answer as the user told it, and what the catalog says they can do then.
      const told = s.progress && s.progress.answer;
      if (told && told.answer) {
        notes.push(this.i18n("answerTold", [new Date(told.at).toLocaleDateString(this.uiLang),
          this.i18n(`answer_${String(told.answer).replace(/-/g, "_")}`)]));
        const declared = (s.answers || []).find((a) => a.answer === told.answer);
        if (declared && declared.advice) notes.push(declared.advice);
      }
      return notes;
    }

    // "This isn't what I see": what the guide tried on this page, and nothing of the page
    // itself (host and path only, no query, no text).
    mismatchReport(s) {
      const opts = { document: this.doc, pageLang: s.pageLang };
      const tried = (list, fallback) => (Array.isArray(list) ? list : []).map((l, index) => ({
        index, by: String(l && l.by), matched: OG.locator.count(l, opts), fallback }));
      const loc = this.win.location;
      return {
        procedureId: s.procedureId, stepId: s.stepId, catalogVersion: s.catalogVersion ?? null,
        host: loc.hostname, path: loc.pathname.slice(0, 1024), pageLang: s.pageLang || "",
        locators: [...tried(s.targets, false), ...tried(s.fallbackTargets, true)].slice(0, 50),
      };
    }

    safeLink(url) {
      return url && OG.allowlist.isAllowedUrl(url) ? url : null;
    }

    showError(error) {
      const fix = OG.hostErrors.fixFor(error.code);
      // The page that fixes it (the onboarding page), as the popup shows it.
      this.error = { code: error.code, page: fix.page || null };
      this.step = null;
      const ov = this.ensureOverlay();
      ov.setTarget(null);
      ov.show({ mode: "error", message: this.i18n(fix.messageKey), install: !!fix.page, fresh: true });
    }

    // --- choosing and showing the step --------------------------------------------------------
    stopWatching() {
      if (this.watch) this.watch.stop();
      this.watch = null;
    }

    async hiddenHere() {
      const got = await this.storage.get("hiddenHosts");
      const list = Array.isArray(got.hiddenHosts) ? got.hiddenHosts : [];
      return list.includes(this.win.location.hostname);
    }

    async refresh(reason) {
      const gen = ++this.generation;
      this.stopWatching();
      if (await this.hiddenHere()) {
        this.step = null;
        this.removeOverlay();
        return;
      }
      const context = OG.page.context(this.doc, this.uiLang);
      const reply = await this.bridge.pageLoaded(context, reason);
      if (gen !== this.generation) return;
      if (!reply || !reply.ok) {
        const error = (reply && reply.error) || { code: "host_unreachable" };
        if (HOST_DOWN.has(error.code)) this.showError(error);
        else this.showRefusal(error);
        return;
      }
      if (reply.allowlist) {
        const used = OG.allowlist.use(reply.allowlist);
        if (!used.ok) console.warn("optout-guide: unusable allowlist from the background", used.error);
      }
      this.error = null;
      // Set only when this view reported an event, as report() sets it for the events it sends.
      if (typeof reply.queued === "boolean") this.queuedNote = reply.queued;
      const match = reply.match;
      if (!match) {
        this.step = null;
        this.removeOverlay();
        return;
      }
      const same = this.step && this.step.procedureId === match.procedureId && this.step.stepId === match.stepId;
      this.step = { ...match, target: null, pageLang: context.docLang, url: context.url, headings: context.signals.headings };
      this.render(!same || reason === "load");
      this.follow(gen);
      if (reply.sendPressed && reason === "load") this.followLoadedAnswer(gen, reply.sendPressed.path);
    }

    // The host answered, but not with a step: it refused what this page sent. The user sees the
    // host's own words rather than nothing.
    showRefusal(error) {
      console.warn("optout-guide: the host refused this page", error);
      this.error = { code: error.code };
      this.step = null;
      const ov = this.ensureOverlay();
      ov.setTarget(null);
      ov.show({ mode: "error", message: this.i18n("errHostRefused", [String(error.code)]), fresh: true });
    }

    // The page a classic POST loaded after the user's Send: the confirmation must stand where
    // the form's container stood, with the form gone.
    followLoadedAnswer(gen, path) {
      const s = this.step;
      if (!s || !OG.completion.formCondition(s.complete)) return;
      const watch = OG.watcher.watch(this.doc, () => {
        if (gen !== this.generation || this.step !== s) return true;
        const evidence = OG.completion.acceptedAfterLoad(this.doc, s, path);
        if (!evidence) return false;
        this.onAccepted(s, evidence);
        return true;
      }, { observeMs: OG.completion.ATTEMPT_MS, pollForMs: 0 });
      this.answerWatch = watch;
    }

    // Find the target and watch for completion, observing the DOM only while needed.
    follow(gen) {
      const s = this.step;
      if (!s || this.doneHere.has(s.stepId)) return;
      const own = Array.isArray(s.targets) ? s.targets : [];
      const fallback = LEADS_ON.has(s.kind) && Array.isArray(s.fallbackTargets) ? s.fallbackTargets : [];
      const targets = [...own, ...fallback];
      const domCompletion = OG.completion.watchesDom(s.complete);
      const check = () => {
        if (gen !== this.generation || this.step !== s) return true;
        if (targets.length && !(s.target && s.target.isConnected)) {
          const found = OG.locator.resolve(targets, { document: this.doc, pageLang: s.pageLang });
          s.target = found ? found.element : null;
          s.viaFallback = !!found && found.locatorIndex >= own.length;
          if (found) this.render(false);
        }
        if (domCompletion) {
          const cond = OG.completion.satisfied(s.complete.filter((c) => c.type !== "urlMatches"), {
            document: this.doc, url: this.win.location.href, pageLang: s.pageLang, headings: s.headings,
          });
          if (cond) {
            this.complete("step_completed");
            return true;
          }
          return false;
        }
        return !targets.length || !!s.target;
      };
      this.watch = OG.watcher.watch(this.doc, check, {
        onGiveUp: () => {
          if (this.step !== s) return;
          s.gaveUp = true;
          this.render(false);
        },
      });
      // A target React re-renders away is looked for again: the overlay says so at once (its
      // observers see the target leave); this slow check is the fallback should they miss it.
      if (!this.targetGuard) this.targetGuard = this.win.setInterval(() => this.lookAgain(), 1000);
    }

    lookAgain() {
      const cur = this.step;
      if (cur && cur.target && !cur.target.isConnected && !this.doneHere.has(cur.stepId)) {
        cur.target = null;
        this.render(false);
        this.stopWatching();
        this.follow(this.generation);
      }
    }

    // --- events -------------------------------------------------------------------------------
    report(type, step = this.step, evidence = null, answer = null) {
      if (!step) return Promise.resolve(null);
      return this.bridge.reportEvent({
        eventId: OG.messages.newEventId(), procedureId: step.procedureId, stepId: step.stepId, type,
        account: step.account,
        // Where it happened, now: after a pushState the tab's load URL is another page.
        url: OG.messages.cutUtf8(String(this.win.location.href), OG.messages.LIMITS.url),
        ...(evidence ? { evidence } : {}),
        ...(answer ? { answer } : {}),
      }).then((r) => {
        this.queuedNote = !!(r && r.ok && r.queued);
        return r;
      });
    }

    async complete(type, evidence = null) {
      const s = this.step;
      if (!s || this.doneHere.has(s.stepId)) return;
      this.doneHere.add(s.stepId);
      this.stopWatching();
      const r = await this.report(type, s, evidence);
      if (r && !r.ok && r.error) {
        // The host refused the claim (for a sent form: the quote holds no confirmation text).
        // Its message is for developers and in English: the card says it in the user's words.
        this.doneHere.delete(s.stepId);
        s.hostRefused = r.error.code;
        this.render(false);
        return;
      }
      await this.refresh("completed");
    }

    // Observed, never caused: the user pressed the form's own Send. Kept by the background for
    // the page a classic POST loads next.
    onSendPressed(step, path) {
      step.complaint = null;
      if (path) this.bridge.sendPressed(step.procedureId, step.stepId, path);
    }

    onAccepted(step, evidence) {
      if (this.step !== step) return;
      step.complaint = null;
      this.complete("form_submitted", evidence);
    }

    // Nothing was sent: the state stays, and the card says what the page complained about.
    onRefused(step, complaint) {
      if (this.step !== step) return;
      step.complaint = complaint;
      this.render(false);
    }

    // Arriving on the new URL may complete the step shown: the background judges that, as it
    // does for a page loaded anew.
    onUrlChange() {
      this.doneHere.clear();
      return this.refresh("navigation");
    }

    async onAction(action) {
      const s = this.step;
      switch (action) {
        case "done":
          return this.complete("step_completed");
        case "skip":
          if (!s) return;
          this.doneHere.add(s.stepId);
          await this.report("step_skipped", s);
          return this.refresh("skipped");
        case "emailReceived":
          if (!s) return;
          await this.report("confirmation_received", s);
          return this.refresh("confirmed");
        case "openDirect": {
          const link = s && this.safeLink(s.directLink);
          if (link) this.win.location.assign(link);
          return;
        }
        case "hideSite": {
          const got = await this.storage.get("hiddenHosts");
          const list = Array.isArray(got.hiddenHosts) ? got.hiddenHosts : [];
          if (!list.includes(this.win.location.hostname)) list.push(this.win.location.hostname);
          await this.storage.set({ hiddenHosts: list });
          this.step = null;
          this.stopWatching();
          this.removeOverlay();
          return;
        }
        case "retry":
          return this.refresh("retry");
        case "install":
          // The background opens the page: a web page cannot link to an extension page, and
          // making it web-accessible would let any site detect the extension.
          return this.bridge.openOnboarding();
        case "notWhatISee": {
          if (!s || s.reported) return;
          const r = await this.bridge.reportMismatch(this.mismatchReport(s));
          s.reported = r && r.ok ? "saved" : "failed";
          if (this.step === s) this.render(false);
          return;
        }
        default:
          if (String(action).startsWith("answer:")) return this.answered(s, String(action).slice("answer:".length));
          return;
      }
    }

    // The user's word on which answer Meta sent, on the wait step the host names: only an
    // answer the catalog declares for it (the host checks again).
    async answered(s, answer) {
      if (!s || !(s.answers || []).some((a) => a.answer === answer)) return;
      const r = await this.report("answer_received", { ...s, stepId: s.answerStepId || s.stepId }, null, answer);
      if (r && !r.ok && r.error) {
        s.hostRefused = r.error.code;
        this.render(false);
        return;
      }
      await this.refresh("confirmed");
    }
  }

  OG.Guide = Guide;
})(globalThis.OptoutGuide);
