// Waits for something to appear in the DOM (a late-rendering target, a confirmation text)
// without costing the page: a MutationObserver only while waiting, its notices coalesced into
// one check per animation frame, disconnected when the check succeeds or after a bound. Past
// the bound a slow poll keeps looking for a while (observers are known to miss some of
// Facebook's updates), then everything stops.
"use strict";
(function (OG) {
  const OBSERVED_ATTRIBUTES = ["hidden", "style", "class", "aria-hidden", "aria-expanded", "aria-checked",
    "aria-selected", "aria-pressed", "open", "href", "role", "checked", "value"];
  // A radio button being checked changes no attribute: the user's own input events also prompt
  // a check. They cost nothing while the user does nothing, so they last as long as the wait.
  const USER_EVENTS = ["click", "change", "input", "keyup", "transitionend"];

  // check(): true when the wait is over. Returns {stop(), phase()}.
  function watch(doc, check, { observeMs = 20000, pollMs = 2000, pollForMs = 120000, onGiveUp = () => {} } = {}) {
    const win = doc.defaultView;
    let stopped = false;
    let scheduled = false;
    let phase = "observing";
    let observer = null;
    const timers = [];
    // One check per frame; a hidden tab gets no frames, so it falls back to a short timer.
    const raf = (cb) => (typeof win.requestAnimationFrame === "function" && !doc.hidden
      ? win.requestAnimationFrame(cb)
      : win.setTimeout(cb, 50));

    const stop = () => {
      if (stopped) return;
      stopped = true;
      phase = "stopped";
      if (observer) observer.disconnect();
      for (const type of USER_EVENTS) doc.removeEventListener(type, schedule, true);
      for (const t of timers) {
        win.clearTimeout(t);
        win.clearInterval(t);
      }
    };
    const run = () => {
      if (stopped) return;
      let done = false;
      try {
        done = check();
      } catch (e) {
        console.warn("optout-guide: check failed", e);
      }
      if (done) stop();
    };
    const schedule = () => {
      if (scheduled || stopped) return;
      scheduled = true;
      raf(() => {
        scheduled = false;
        run();
      });
    };

    run();
    if (stopped) return { stop, phase: () => phase };

    for (const type of USER_EVENTS) doc.addEventListener(type, schedule, true);
    observer = new win.MutationObserver(schedule);
    observer.observe(doc.documentElement, {
      childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: OBSERVED_ATTRIBUTES,
    });
    timers.push(win.setTimeout(() => {
      if (stopped) return;
      observer.disconnect();
      phase = "polling";
      timers.push(win.setInterval(run, pollMs));
      timers.push(win.setTimeout(() => {
        if (stopped) return;
        for (const t of timers) win.clearInterval(t);
        phase = "events";
        onGiveUp();
      }, pollForMs));
    }, observeMs));
    return { stop, phase: () => phase };
  }

  OG.watcher = { watch };
})(globalThis.OptoutGuide);
