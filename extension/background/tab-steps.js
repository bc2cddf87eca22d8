// The step each tab showed last, kept in storage.session so that it survives the service worker
// being stopped between two page loads: the next page view of the tab tells from it whether
// arriving there completed that step, and whether the step it shows is new. Reading never writes.
"use strict";
(function (OG) {
  class TabSteps {
    // storageKey: the storage entry; a second instance under "sendAttempts" keeps each tab's last
    // press of a form's Send, for the page a classic POST loads next.
    constructor({ storage, storageKey = "tabSteps" }) {
      this.storage = storage;
      this.key = storageKey;
      this.lock = Promise.resolve();
    }

    // Writes go one after the other, each on the latest stored map.
    update(fn) {
      const run = this.lock.then(async () => {
        const all = await this.all();
        fn(all);
        await this.storage.set({ [this.key]: all });
      });
      this.lock = run.catch(() => {});
      return run;
    }

    async all() {
      const got = await this.storage.get(this.key);
      return got[this.key] && typeof got[this.key] === "object" ? got[this.key] : {};
    }

    async get(tabId) {
      await this.lock;
      return (await this.all())[tabId] || null;
    }

    set(tabId, step) {
      return this.update((all) => {
        all[tabId] = step;
      });
    }

    async clear(tabId) {
      if (!(await this.get(tabId))) return;
      await this.update((all) => {
        delete all[tabId];
      });
    }
  }

  OG.TabSteps = TabSteps;
})(globalThis.OptoutGuide);
