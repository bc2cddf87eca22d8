// Meta may refuse a request made on the third-party form: in real Chromium and Firefox the user
// walks that form to the wait for Meta's answer, the page's own script tries to answer on the
// card and records nothing, then the user says "Meta refused" with two real clicks. The host's
// `status`, the popup and the exported record all say refused, never confirmed.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { popupState, statusOf, urlFor, useFixtureServer, useSession } from "./lib/session-helpers.mjs";
import { runHostCli } from "./lib/host-env.mjs";
import { assertRingOnIntended, clickRect, overlayState, sleep, until } from "./lib/walk.mjs";

const PROCEDURE = "third-party-ai-objection";
const FORM = "https://www.facebook.com/help/contact/1266025207620918";
const FORM_FR = "https://www.facebook.com/help/contact/510058597920541";
const TEXTS = {
  en: { popup: /Refused by Meta/, told: /you told optout-guide: Meta refused the request/, record: "Refused by Meta" },
  fr: { popup: /Refusée par Meta/, told: /vous avez indiqué à optout-guide\u00a0: Meta a refusé la demande/, record: "Refusée par Meta" },
};

const fixtures = useFixtureServer();

// The card's state once it shows `stepId`, its target ringed and its buttons laid out.
function cardAt(extPage, stepId, what = `the card at ${stepId}`) {
  return until(async () => {
    const s = await overlayState(extPage);
    return s && s.cardVisible && s.procedureId === PROCEDURE && s.stepId === stepId && s.targetFound && s.buttons.length ? s : null;
  }, what);
}

// A person's click on the card's button for `action` (a real mouse event: trusted).
async function press(page, extPage, action) {
  const s = await until(async () => {
    const st = await overlayState(extPage);
    return st && st.buttons.some((b) => b.action === action) ? st : null;
  }, `the card's ${action} button`);
  await page.bringToFront();
  await clickRect(page, s.buttons.find((b) => b.action === action).rect);
}

for (const [kind, lang] of [["chromium", "en"], ["firefox", "fr"]]) {
  describe(`Meta's answer, ${kind}, ${lang}`, { concurrency: false }, () => {
    const ctx = useSession(fixtures, { kind, uiLang: lang });

    test("the third-party form walked to Meta's answer; a forged click records nothing; refused is refused", async () => {
      const { session, page, extPage } = ctx;
      await page.goto(urlFor(lang === "fr" ? FORM_FR : FORM, lang));
      // The radio ringed and clicked as a person does; then the fields, each followed by Done.
      const choose = await cardAt(extPage, "choose-object");
      await clickRect(page, await assertRingOnIntended(page, extPage, choose));
      for (const [step, type] of [["fill-details", "Zoé"], ["fill-prompts", "What does Meta AI know about Zoé Müller? ".repeat(3)], ["attach-evidence", null]]) {
        const s = await cardAt(extPage, step);
        if (type) {
          await clickRect(page, await assertRingOnIntended(page, extPage, s));
          await page.keyboard.type(type);
        }
        await press(page, extPage, "done");
      }
      const send = await until(async () => {
        const s = await overlayState(extPage);
        return s && s.stepId === "submit-form" && s.targetFound ? s : null;
      }, "the Send button ringed");
      await clickRect(page, await assertRingOnIntended(page, extPage, send));
      await until(async () => ((await statusOf(session, PROCEDURE)).state === "submitted" ? true : null), "sent");

      // Days later, back on the form's page, the card asks for Meta's answer.
      await page.goto(urlFor(lang === "fr" ? FORM_FR : FORM, lang));
      const waiting = await until(async () => {
        const s = await overlayState(extPage);
        return s && s.cardVisible && s.state === "submitted" && s.buttons.some((b) => b.action === "askConfirm") ? s : null;
      }, "the card offers to record Meta's answer");
      await press(page, extPage, "askConfirm");
      const asking = await until(async () => {
        const s = await overlayState(extPage);
        return s && s.confirming && s.buttons.some((b) => b.action === "answer:refused") ? s : null;
      }, "the card asks which answer Meta sent");
      assert.deepEqual(asking.buttons.filter((b) => b.action.startsWith("answer:")).map((b) => b.action),
        ["answer:accepted", "answer:refused", "answer:more-info"], "one button per answer the catalog declares");
      assert.equal(asking.buttons.find((b) => b.focused)?.action, "cancelConfirm", "the safe answer has the focus");

      // The page's own script clicks where the buttons are, by every means a page has.
      const refused = asking.buttons.find((b) => b.action === "answer:refused").rect;
      await page.evaluate((r) => {
        const x = r.x + r.width / 2;
        const y = r.y + r.height / 2;
        const hit = document.elementFromPoint(x, y);
        hit.click();
        for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup", "click"]) {
          hit.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, clientX: x, clientY: y }));
        }
        for (const type of ["keydown", "keypress", "keyup"]) {
          (document.activeElement || document.body).dispatchEvent(new KeyboardEvent(type, { key: "Enter", code: "Enter", bubbles: true, composed: true }));
        }
      }, refused);
      await sleep(1000);
      assert.equal((await statusOf(session, PROCEDURE)).state, "submitted", "the forged clicks recorded nothing");
      assert.equal((await overlayState(extPage)).confirming, true, "and the card still asks");

      // The person's own click.
      await press(page, extPage, "answer:refused");
      const row = await until(async () => {
        const r = await statusOf(session, PROCEDURE);
        return r.state === "refused" ? r : null;
      }, "refused recorded");
      assert.equal(row.answer.answer, "refused");
      assert.equal(row.confirmedAt, null, "a refusal is not a confirmation");
      assert.equal(row.stepIndex, 1, "a new request starts from the first step");

      const popup = await popupState(extPage, PROCEDURE);
      assert.equal(popup.state, "refused");
      assert.match(popup.text, TEXTS[lang].popup);
      assert.ok(await extPage.$(`[data-procedure="${PROCEDURE}"] [data-told="refused"]`), "the popup says what the user told");
      assert.ok(await extPage.$(`[data-procedure="${PROCEDURE}"] [data-advice="refused"]`), "and what they can do now");
      assert.ok(await extPage.$(`[data-procedure="${PROCEDURE}"] [data-action="new-request"]`), "including a new request");

      const file = path.join(session.hostEnv.XDG_STATE_HOME, `record-${lang}.html`);
      const exported = await runHostCli(session.hostEnv, ["export", "--format", "html", "--lang", lang, "-o", file]);
      assert.equal(exported.code, 0, exported.stderr);
      const html = fs.readFileSync(file, "utf8");
      assert.match(html, new RegExp(`<td>${TEXTS[lang].record}<br>`), "the record's state is refused");
      assert.match(html, TEXTS[lang].told, "dated as the user's word");
      const json = JSON.parse((await runHostCli(session.hostEnv, ["export", "--format", "json", "--lang", lang])).stdout);
      const proc = json.procedures.find((p) => p.procedureId === PROCEDURE);
      assert.equal(proc.state, "refused");
      assert.equal(json.events.filter((e) => e.type === "answer_received").map((e) => e.answer).join(), "refused");
      assert.ok(!json.events.some((e) => e.type === "confirmation_received"), "nothing claims a confirmation");
    });

    test("a page that looks different: the card's note is saved from the popup as a file", async () => {
      const { session, page, extPage } = ctx;
      await page.goto(urlFor(lang === "fr" ? FORM_FR : FORM, lang));
      await cardAt(extPage, "choose-object");
      await press(page, extPage, "notWhatISee");
      await until(async () => {
        const r = await runHostCli(session.hostEnv, ["report", "--export", path.join(session.hostEnv.XDG_STATE_HOME, "reports.json")]);
        return r.code === 0 && /^1 report/.test(r.stdout);
      }, "the note kept by the host");
      await extPage.bringToFront();
      await extPage.evaluate(() => globalThis.OptoutGuide.popup.refresh(false));
      await until(() => extPage.evaluate(() => !document.getElementById("export").hidden), "the export panel");
      await extPage.click("#export-reports");
      const saved = await until(() => extPage.evaluate(() => {
        const r = document.getElementById("export-result");
        return r.dataset.bytes && /reports/.test(r.textContent) ? { bytes: Number(r.dataset.bytes), text: r.textContent } : null;
      }), "the notes saved by the popup");
      assert.match(saved.text, /optout-guide-reports-\d{4}-\d{2}-\d{2}\.json/);
      assert.ok(saved.bytes > 100, `a file of ${saved.bytes} bytes`);
    });
  });
}
