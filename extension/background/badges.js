// The toolbar badge: the one place a page cannot cover. When a tab's card cannot be seen
// (covered, not rendered, transparent), the badge and the popup say so, so the guide never
// passes for active while the user cannot see it.
"use strict";
(function (OG) {
  class Badges {
    constructor({ api }) {
      this.api = api;
      this.hidden = new Map(); // tabId -> reason the card cannot be seen
    }

    async set(tabId, visible, reason) {
      const action = this.api.action;
      if (visible) this.hidden.delete(tabId);
      else this.hidden.set(tabId, reason);
      if (!action) return;
      const i18n = this.api.i18n;
      try {
        await action.setBadgeText({ tabId, text: visible ? "" : "!" });
        if (!visible) await action.setBadgeBackgroundColor({ tabId, color: "#b91c1c" });
        await action.setTitle({ tabId, title: visible ? i18n.getMessage("actionTitle") : i18n.getMessage("badgeCardHidden") });
      } catch (e) {
        // The tab may have closed meanwhile: nothing left to mark.
        console.warn("optout-guide: cannot set the toolbar badge", e && e.message);
      }
    }

    reasonFor(tabId) {
      return this.hidden.get(tabId) || null;
    }

    forget(tabId) {
      this.hidden.delete(tabId);
    }
  }

  OG.Badges = Badges;
})(globalThis.OptoutGuide);
