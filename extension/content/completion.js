// Completion conditions of docs/catalog.md. It observes only: it never fills or submits a form.
"use strict";
(function (OG) {
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

  // Does this submitted form satisfy `condition`, given the step's target (may be null)?
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

  // Calls onSubmit(form) when the user submits a form that satisfies the step's condition.
  // Capture phase on the document, so it runs before the page's own handlers can stop the event.
  function listenForSubmit(doc, getStep, onSubmit) {
    const handler = (event) => {
      const step = getStep();
      if (!step) return;
      const cond = formCondition(step.complete);
      const form = event.target;
      if (cond && form && form.tagName === "FORM" && formMatches(cond, form, step.target)) onSubmit(form, cond);
    };
    doc.addEventListener("submit", handler, true);
    return () => doc.removeEventListener("submit", handler, true);
  }

  OG.completion = { satisfied, watchesDom, formCondition, formMatches, listenForSubmit };
})(globalThis.OptoutGuide);
