// The step last shown in each tab, kept in storage.session: when the user's click loads a new
// page, the new page's content script finds the previous step here and can tell whether
// arriving on this URL completed it.
"use strict";
(function (OG) {
  const KEY = "tabSteps";

  class TabSteps {
    constructor({ storage }) {
      this.storage = storage;
      this.lock = Promise.resolve();
    }

    update(fn) {
      const run = this.lock.then(async () => {
        const got = await this.storage.get(KEY);
        const all = got[KEY] && typeof got[KEY] === "object" ? got[KEY] : {};
        const result = fn(all);
        await this.storage.set({ [KEY]: all });
        return result;
      });
      this.lock = run.catch(() => {});
      return run;
    }

    get(tabId) {
      return this.update((all) => all[tabId] || null);
    }

    set(tabId, step) {
      return this.update((all) => {
        all[tabId] = step;
      });
    }

    clear(tabId) {
      return this.update((all) => {
        delete all[tabId];
      });
    }
  }

  OG.TabSteps = TabSteps;
})(globalThis.OptoutGuide);
