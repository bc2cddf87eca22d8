// The popup (popup.html and its real scripts in jsdom) shows the platforms the host's catalog
// declares, in its order and with its names in the UI language, and checks links against the
// allowlist the background passed on; the background's replies are a double.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { EXTENSION_DIR, makeWindow, memoryStorage, until } from "./extension-harness.mjs";

const HTML = fs.readFileSync(path.join(EXTENSION_DIR, "popup/popup.html"), "utf8");
const SCRIPTS = [...HTML.matchAll(/<script src="\.\.\/([^"]+)"/g)].map((m) => m[1])
  .concat([...HTML.matchAll(/<script src="([^."][^"]+)"/g)].map((m) => `popup/${m[1]}`));

const windows = [];
after(() => windows.forEach((w) => w.close()));

const procedure = (id, platform) => ({ id, platform, title: `${id} title`, summary: "", steps: 3,
  start: `https://www.${platform}.meta.com/start`, directLink: null });

function openPopup({ catalog, catalogOffer = null, getMessage = null }) {
  const created = [];
  const replies = {
    listProcedures: { ok: true, procedures: [procedure("horizon-ai", "horizon"), procedure("ig-ai", "instagram")], nextCursor: null },
    listAccounts: { ok: true, accounts: [{ platform: "horizon", account: "default" }, { platform: "instagram", account: "default" }] },
    getProgress: { ok: true, progress: [], nextCursor: null },
  };
  const api = {
    runtime: {
      async sendMessage(msg) {
        if (msg.type === "status") return { ok: true, status: { state: "connected", hello: { hostVersion: "9.9", catalog: { version: 5 } } }, extensionVersion: "0.1.0", catalog, catalogOffer };
        if (msg.type === "host") return replies[msg.request.type] || { ok: false, error: { code: "unknown_type" } };
        return { ok: false, error: { code: "unknown_type" } };
      },
    },
    // As the browser: "" for a message _locales does not have.
    i18n: { getMessage: getMessage || ((k) => (k === "platform_instagram" ? "Instagram (locale)" : k.startsWith("platform_") ? "" : k)), getUILanguage: () => "fr-FR" },
    storage: { local: memoryStorage() },
    tabs: { query: async () => [], create: async (t) => created.push(t.url) },
  };
  const popup = makeWindow(HTML, { url: "https://popup.invalid/popup/popup.html", scripts: SCRIPTS, api });
  windows.push(popup.window);
  popup.window.close = () => {};
  return { ...popup, created };
}

test("the popup lists the host's platforms in catalog order with their names in the UI language", async () => {
  const catalog = {
    platforms: [{ id: "instagram", name: { en: "Instagram", fr: "Instagram FR" } }, { id: "horizon", name: { en: "Horizon", fr: "Horizon FR" } }],
    allowlist: ["www.instagram.com", "www.horizon.meta.com"],
  };
  const { window, created } = openPopup({ catalog });
  const doc = window.document;
  await until(() => doc.querySelectorAll("section.platform").length === 2, "two platform sections");
  const sections = [...doc.querySelectorAll("section.platform")].map((s) => [s.dataset.platform, s.querySelector("h2").textContent]);
  assert.deepEqual(sections, [["instagram", "Instagram FR"], ["horizon", "Horizon FR"]], "catalog order, not procedure order");
  assert.deepEqual([...doc.querySelectorAll("#account-platform option")].map((o) => [o.value, o.textContent]),
    [["instagram", "Instagram FR"], ["horizon", "Horizon FR"]]);
  // Start on the horizon procedure: its https://www.horizon.meta.com/ link is on the host's allowlist.
  doc.querySelector('[data-procedure="horizon-ai"] [data-action="start"]').click();
  await until(() => created.length === 1, "the start page opened");
  assert.deepEqual(created, ["https://www.horizon.meta.com/start"]);
});

test("without names from the host the extension's own words stand in, and a link off the allowlist is not opened", async () => {
  const { window, created, OG } = openPopup({ catalog: { platforms: [{ id: "instagram", name: null }, { id: "horizon", name: null }],
    allowlist: ["www.instagram.com"] } });
  const doc = window.document;
  await until(() => doc.querySelectorAll("section.platform").length === 2, "two platform sections");
  assert.deepEqual([...doc.querySelectorAll("section.platform h2")].map((h) => h.textContent), ["Instagram (locale)", "horizon"]);
  assert.deepEqual([...OG.allowlist.current()], ["www.instagram.com"]);
  doc.querySelector('[data-procedure="horizon-ai"] [data-action="start"]').click();
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(created, [], "meta.com is not on this allowlist");
});

// chrome.i18n.getMessage over the extension's real _locales/<lang>/messages.json.
function realMessages(lang) {
  const messages = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, `_locales/${lang}/messages.json`), "utf8"));
  return (key, subs = []) => {
    const entry = messages[key];
    if (!entry) return "";
    const args = [].concat(subs);
    return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content || "";
      return content.replace(/\$(\d)/g, (__, i) => args[Number(i) - 1] ?? "");
    });
  };
}

const catalog = { platforms: [{ id: "instagram", name: null }], allowlist: ["www.instagram.com"] };
const HOST_DETAIL = "the catalog the extension offered was refused (1 problem(s)); catalog version 5 keeps serving: procedures/x.json: /steps/0/directLink: not on the allowlist";

for (const [lang, code, reasonKey, detailShown] of [
  ["fr", "invalid_catalog", "catalogOfferReasonInvalid", true],
  ["de", "catalog_not_saved", "catalogOfferReasonNotSaved", true],
  ["es", "host_timeout", "catalogOfferReasonOther", false],
  ["it", undefined, "catalogOfferReasonOther", false],
  ["en", "invalid_catalog", "catalogOfferReasonInvalid", true],
]) {
  test(`a refused catalog offer (${code}) reads in ${lang}, the host's English only as a tooltip`, async () => {
    const say = realMessages(lang);
    const { window } = openPopup({ catalog, getMessage: say,
      catalogOffer: { version: 2026120102, accepted: false, error: { code, message: HOST_DETAIL }, at: 1 } });
    const doc = window.document;
    await until(() => doc.querySelector('[data-offer="refused"]'), "the refusal shown");
    const shown = doc.querySelector('[data-offer="refused"]');
    assert.equal(shown.textContent, `${say("catalogOfferRefused", ["2026120102"])} ${say(reasonKey)}`);
    assert.ok(!shown.textContent.includes("refused (1 problem"), "the host's English is not the sentence");
    assert.ok(!shown.textContent.includes("directLink"));
    assert.equal(shown.getAttribute("title"), detailShown ? HOST_DETAIL : null);
    assert.match(say(reasonKey), /\S/, `${reasonKey} exists in ${lang}`);
  });
}
