// Opens the onboarding page (how to install the helper program): when the extension is first
// installed and the helper does not answer, and when the card on a page asks for it (the popup
// opens it itself). Each request opens a tab; only the install-time one is not asked for.
"use strict";
(function (OG) {
  class Onboarding {
    constructor({ api, connection }) {
      this.api = api;
      this.connection = connection;
    }

    url() {
      return this.api.runtime.getURL(OG.hostErrors.ONBOARDING_PAGE);
    }

    async open() {
      await this.api.tabs.create({ url: this.url(), active: true });
      return { ok: true };
    }

    // runtime.onInstalled: a person who already has the helper (a reinstall, a second browser)
    // is not interrupted; everyone else learns the one remaining step at once.
    async onInstalled(details) {
      if (!details || details.reason !== "install") return;
      try {
        await this.connection.ensure();
      } catch {
        await this.open();
      }
    }
  }

  OG.Onboarding = Onboarding;
})(globalThis.OptoutGuide);
