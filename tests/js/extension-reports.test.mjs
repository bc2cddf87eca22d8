// The popup saves the "This isn't what I see" notes the host keeps (listReports, paged) as the
// file `report --export` writes: a download made in the popup from the host's data, nothing
// sent anywhere. The real host's side: tests/integration/test_report_export.cpp.
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

const HEADER = { about: "optout-guide mismatch reports: …", hostVersion: "0.1.0", catalogVersion: 2026120103, generatedAt: "2026-12-01T16:00:00Z" };
const report = (n) => ({ reportId: n, at: "2026-12-01T15:00:00.000Z", report: { procedureId: "instagram-ai-objection", stepId: "open-form", locators: [] } });

function popup(pages, uiLanguage = "en") {
  const asked = [];
  const api = {
    runtime: {
      async sendMessage(msg) {
        if (msg.type === "status") return { ok: true, status: { state: "connected", hello: {} }, extensionVersion: "0.1.0", catalog: {} };
        if (msg.type !== "host") return { ok: false, error: { code: "unknown_type" } };
        asked.push(msg.request);
        if (msg.request.type === "listReports") return { ok: true, ...HEADER, ...pages[msg.request.cursor] };
        if (msg.request.type === "getProgress" || msg.request.type === "listProcedures") return { ok: true, progress: [], procedures: [], nextCursor: null };
        return { ok: true, accounts: [], nextCursor: null };
      },
    },
    i18n: { getMessage: (k, s) => (s ? `${k}:${[].concat(s).join("|")}` : k), getUILanguage: () => uiLanguage },
    storage: { local: memoryStorage() },
    tabs: { query: async () => [], create: async () => {} },
  };
  const { window } = makeWindow(HTML, { url: "https://popup.invalid/popup/popup.html", scripts: SCRIPTS, api });
  windows.push(window);
  const saved = [];
  window.URL.createObjectURL = (blob) => {
    saved.push(blob);
    return "blob:saved";
  };
  window.URL.revokeObjectURL = () => {};
  const read = (blob) => new Promise((resolve) => {
    const reader = new window.FileReader();
    reader.onload = () => resolve(reader.result);
    reader.readAsText(blob);
  });
  return { doc: window.document, asked, saved, read };
}

test("the popup saves every page of the notes as one file, named as such", async () => {
  const { doc, asked, saved, read } = popup({ 0: { reports: [report(1)], nextCursor: 1 }, 1: { reports: [report(2)], nextCursor: null } });
  await until(() => !doc.getElementById("export").hidden, "the export panel");
  doc.getElementById("export-reports").click();
  await until(() => saved.length === 1, "a file handed to the browser");
  const file = JSON.parse(await read(saved[0]));
  assert.deepEqual(file.reports.map((r) => r.reportId), [1, 2]);
  assert.deepEqual([file.about, file.catalogVersion, file.hostVersion, file.generatedAt],
    [HEADER.about, HEADER.catalogVersion, HEADER.hostVersion, HEADER.generatedAt]);
  assert.deepEqual(asked.filter((r) => r.type === "listReports").map((r) => r.cursor), [0, 1]);
  assert.deepEqual(asked.filter((r) => r.type === "listReports").map((r) => r.uiLang), ["en", "en"]);
  assert.match(doc.getElementById("export-result").textContent, /^reportsReady:2\|optout-guide-reports-\d{4}-\d{2}-\d{2}\.json$/);
});

test("with no note the popup says so and saves nothing", async () => {
  const { doc, saved } = popup({ 0: { reports: [], nextCursor: null } });
  await until(() => !doc.getElementById("export").hidden, "the export panel");
  doc.getElementById("export-reports").click();
  await until(() => doc.getElementById("export-result").textContent === "reportsNone", "the popup says there is none");
  assert.equal(saved.length, 0);
});

test("the notes file is asked for in the popup's language", async () => {
  const { doc, asked, saved } = popup({ 0: { reports: [report(1)], nextCursor: null } }, "fr-FR");
  await until(() => !doc.getElementById("export").hidden, "the export panel");
  doc.getElementById("export-reports").click();
  await until(() => saved.length === 1, "a file handed to the browser");
  assert.deepEqual(asked.filter((r) => r.type === "listReports").map((r) => r.uiLang), ["fr"]);
});
