// Completion conditions of docs/catalog.md, and the evidence behind "sent" (docs/architecture.md,
// "Honest states"). It observes only: it never fills or submits a form. A page can fire any
// event it likes, so nothing here acts on an event the browser did not mark as the user's own
// (isTrusted), and nothing counts a text the page shows outside the form's own container.
"use strict";
(function (OG) {
  const ATTEMPT_MS = 30000; // how long after the user's Send the page may take to answer
  const CONTROL = "button, input[type=submit], input[type=image], [role=button]";

  function pageText(doc) {
    const body = doc.body;
    if (!body) return "";
    return typeof body.innerText === "string" ? body.innerText : body.textContent;
  }

  // Conditions that can be decided from the URL and the DOM right now. `formSubmitted` and
  // `userConfirms` happen as events and are handled elsewhere. Returns the satisfied
  // condition or null.
  function satisfied(conditions, { document: doc, url, pageLang, headings = [] }) {
    if (!Array.isArray(conditions)) return null;
    let text = null;
    const snapshot = { url, pageLang, headings, pageText: () => (text ??= pageText(doc)) };
    for (const c of conditions) {
      if (!c || typeof c !== "object") continue;
      if (c.type === "elementAppears" && OG.locator.resolve([c.locator], { document: doc, pageLang })) return c;
      if (OG.pageMatch.conditionMet(c, snapshot)) return c;
    }
    return null;
  }

  function watchesDom(conditions) {
    return Array.isArray(conditions) && conditions.some((c) => c && (c.type === "elementAppears" || c.type === "textAppears"));
  }

  function formCondition(conditions) {
    return Array.isArray(conditions) ? conditions.find((c) => c && c.type === "formSubmitted") || null : null;
  }

  // Does this form satisfy `condition`, given the step's target (may be null)?
  function formMatches(condition, form, target) {
    if (!condition || !form) return false;
    if (condition.selector) {
      try {
        return form.matches(condition.selector);
      } catch {
        return false;
      }
    }
    if (target) return form.contains(target) || target.form === form || target === form;
    return true;
  }

  // The form's own Send control, pressed by the user: a submit button of the form, or the
  // control the step rings (Meta's `div role=button` Send on forms its scripts post).
  function sendControl(el, form, step, doc) {
    const control = el && el.closest ? el.closest(CONTROL) : null;
    if (!control || !form.contains(control)) return null;
    if (control.form === form && (control.type === "submit" || control.type === "image")) return control;
    let target = step.target && step.target.isConnected ? step.target : null;
    if (!target && Array.isArray(step.targets)) {
      const found = OG.locator.resolve(step.targets, { document: doc, pageLang: step.pageLang });
      target = found ? found.element : null;
    }
    if (target && (target === control || control.contains(target) || target.contains(control))) return control;
    return null;
  }

  // The element whose text may prove the form was taken: the catalog's container around the
  // form, else the form's parent. Never <body> or <html>: that would be "text anywhere".
  function containerOf(form, accepted) {
    let box = null;
    if (accepted && accepted.container) {
      try {
        box = form.parentElement && form.parentElement.closest(accepted.container);
      } catch {
        box = null;
      }
    }
    box = box || form.parentElement;
    const doc = form.ownerDocument;
    if (!box || box === doc.body || box === doc.documentElement) return form;
    return box;
  }

  // Element indexes from <body> down to `el`: where the container sits, so that the page a
  // classic POST loads can be looked at in the same place.
  function pathOf(el) {
    const path = [];
    const body = el.ownerDocument.body;
    for (let n = el; n && n !== body; n = n.parentElement) {
      if (!n.parentElement) return null;
      path.unshift(Array.prototype.indexOf.call(n.parentElement.children, n));
    }
    return path.length ? path : null;
  }

  function atPath(doc, path) {
    if (!Array.isArray(path) || !path.length || !doc.body) return null;
    let n = doc.body;
    for (const i of path) {
      n = n && Number.isInteger(i) ? n.children[i] : null;
      if (!n) return null;
    }
    return n;
  }

  // The lines of `box`'s visible text that hold one of the accepted texts, quoted as the page
  // wrote them, cut to the host's limit; null when none does.
  function acceptedQuote(box, accepted) {
    if (!box || !box.isConnected || !accepted || !OG.locator.isVisible(box)) return null;
    const wanted = OG.text.localizedCandidates(accepted.text, "");
    const raw = typeof box.innerText === "string" ? box.innerText : box.textContent;
    const lines = String(raw || "").split(/\n+/).map((l) => l.replace(/\s+/g, " ").trim()).filter(Boolean);
    const hits = lines.filter((l) => wanted.some((t) => OG.text.fold(l).includes(t)));
    if (!hits.length) return null;
    const quote = OG.messages.cutUtf8(hits.join(" "), OG.messages.LIMITS.string);
    return wanted.some((t) => OG.text.fold(quote).includes(t)) ? quote : OG.messages.cutUtf8(hits[0], OG.messages.LIMITS.string);
  }

  // What the page says is wrong with the form: its own alerts, the error messages of the
  // fields it marks invalid, the browser's validation message. '' when it says nothing.
  function complaintsIn(form, box) {
    const out = [];
    const add = (t) => {
      const s = String(t || "").replace(/\s+/g, " ").trim();
      if (s && !out.includes(s)) out.push(s);
    };
    const doc = form.ownerDocument;
    for (const scope of [form, box]) {
      if (!scope || !scope.isConnected) continue;
      for (const a of scope.querySelectorAll("[role=alert], [aria-live=assertive]")) if (OG.locator.isVisible(a)) add(OG.locator.visibleText(a));
      for (const f of scope.querySelectorAll("[aria-invalid=true]")) {
        for (const attr of ["aria-errormessage", "aria-describedby"]) {
          for (const id of String(f.getAttribute(attr) || "").split(/\s+/).filter(Boolean)) {
            const m = doc.getElementById(id);
            if (m && OG.locator.isVisible(m)) add(OG.locator.visibleText(m));
          }
        }
      }
    }
    return OG.messages.cutUtf8(out.join(" "), OG.messages.LIMITS.string);
  }

  // Follows the user's Send on the current step's form. handlers:
  //   onPressed(step, {path})           the user pressed the form's own Send
  //   onAccepted(step, evidence)        the page showed it took the form: {text, how}
  //   onRefused(step, complaint)        the page refused it and said why
  // Returns stop().
  function followSend(doc, getStep, handlers) {
    const win = doc.defaultView;
    let attempt = null;

    const finish = () => {
      if (!attempt) return;
      attempt.watch.stop();
      win.clearTimeout(attempt.timer);
      attempt = null;
    };

    const check = () => {
      const a = attempt;
      if (!a) return true;
      if (getStep() !== a.step) {
        finish();
        return true;
      }
      // The container the form stood in, or its nearest ancestor still on the page.
      let box = a.box.isConnected ? a.box : a.ancestors.find((n) => n.isConnected) || null;
      if (box === doc.body || box === doc.documentElement) box = null;
      const quote = box && !a.before ? acceptedQuote(box, a.accepted) : null;
      if (quote) {
        const gone = !a.form.isConnected || !OG.locator.isVisible(a.form);
        finish();
        handlers.onAccepted(a.step, { text: quote, how: gone ? "form_replaced" : "container_text" });
        return true;
      }
      if (a.before && box && !acceptedQuote(box, a.accepted)) a.before = false;
      const complaint = a.invalid || complaintsIn(a.form, box);
      if (complaint && complaint !== a.reported) {
        a.reported = complaint;
        handlers.onRefused(a.step, complaint);
      }
      return false;
    };

    const begin = (step, form, cond) => {
      finish();
      const accepted = cond.accepted || null;
      const box = containerOf(form, accepted);
      const ancestors = [];
      for (let n = box.parentElement; n && n !== doc.body && n !== doc.documentElement; n = n.parentElement) ancestors.push(n);
      attempt = { step, form, accepted, box, ancestors, invalid: "", reported: "",
        // A confirmation already on show before the click proves nothing about this Send.
        before: !!acceptedQuote(box, accepted) };
      attempt.timer = win.setTimeout(finish, ATTEMPT_MS);
      attempt.watch = OG.watcher.watch(doc, check, { observeMs: ATTEMPT_MS, pollForMs: 0 });
      handlers.onPressed(step, { path: pathOf(box) });
    };

    const activation = (event) => {
      if (!event.isTrusted) return;
      if (event.type === "click" && event.button !== 0) return;
      if (event.type === "keydown" && event.key !== "Enter" && event.key !== " ") return;
      const step = getStep();
      const cond = step && formCondition(step.complete);
      if (!cond) return;
      const el = event.target;
      const form = el && el.closest ? el.closest("form") : null;
      if (!form || !formMatches(cond, form, step.target)) return;
      // Enter in a text field sends a form too: the browser then clicks its default button.
      const control = event.type === "keydown" && el.matches && el.matches("input:not([type=button]):not([type=checkbox]):not([type=radio])")
        ? form.querySelector("button[type=submit], button:not([type]), input[type=submit]")
        : sendControl(el, form, step, doc);
      if (control) begin(step, form, cond);
    };

    // The browser's own validation refused the form: it says why in each field's message.
    const invalid = (event) => {
      if (!event.isTrusted || !attempt || !attempt.form.contains(event.target)) return;
      const f = event.target;
      const label = f.labels && f.labels[0] ? OG.locator.visibleText(f.labels[0]).trim() : "";
      const msg = String(f.validationMessage || "").trim();
      attempt.invalid = OG.messages.cutUtf8([label, msg].filter(Boolean).join(": "), OG.messages.LIMITS.string);
      check();
    };

    doc.addEventListener("click", activation, true);
    doc.addEventListener("keydown", activation, true);
    doc.addEventListener("invalid", invalid, true);
    return () => {
      finish();
      doc.removeEventListener("click", activation, true);
      doc.removeEventListener("keydown", activation, true);
      doc.removeEventListener("invalid", invalid, true);
    };
  }

  // After a classic POST loaded a new page: did the page put the confirmation where the form's
  // container stood, with the form gone? Returns the evidence or null.
  function acceptedAfterLoad(doc, step, path) {
    const cond = formCondition(step.complete);
    if (!cond || !cond.accepted) return null;
    const box = atPath(doc, path);
    if (!box || box === doc.body) return null;
    if (box.querySelector("form") && OG.locator.isVisible(box.querySelector("form"))) return null;
    const quote = acceptedQuote(box, cond.accepted);
    return quote ? { text: quote, how: "form_replaced" } : null;
  }

  OG.completion = { satisfied, watchesDom, formCondition, formMatches, followSend, acceptedAfterLoad,
    pathOf, atPath, ATTEMPT_MS };
})(globalThis.OptoutGuide);
