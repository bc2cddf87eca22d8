// Boots the guide in the top frame of a Meta page and answers the extension's own questions.
"use strict";
(function (OG) {
  if (OG.booted || globalThis.top !== globalThis.self) return;
  OG.booted = true;
  const api = OG.api;
  const i18n = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const guide = new OG.Guide({
    window: globalThis.window,
    bridge: OG.bridge,
    storage: api.storage.local,
    i18n,
    uiLang: api.i18n.getUILanguage(),
    dir: api.i18n.getMessage("@@bidi_dir") || "ltr",
  });
  OG.activeGuide = guide;

  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    // Only the extension's own pages and background may ask; a web page cannot reach this.
    if (!sender || sender.id !== api.runtime.id || !msg || msg.type !== "getOverlayState") return false;
    sendResponse(guide.overlayState());
    return false;
  });
  api.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && (changes.hiddenHosts || changes.activeAccounts || changes.hint)) guide.refresh("settings");
  });
  guide.start().catch((e) => console.error("optout-guide: guide failed to start", e));
})(globalThis.OptoutGuide);
