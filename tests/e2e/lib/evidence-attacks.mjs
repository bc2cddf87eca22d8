// The page attacks of issue 11, each a test of its own asserting the promise the user relies
// on: the record says "submitted" only when the user sent the form and Meta took it, and the
// page can neither drive, hide, read nor switch off the guide. Run in Chromium and in Firefox
// by tests/e2e/hostile.test.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { statusOf } from "./session-helpers.mjs";
import { clickRect, overlayState, sleep, until } from "./walk.mjs";

const IG_FORM = "https://help.instagram.com/contact/233964459562201?fx_delay=0";
const POLICY = "https://privacycenter.instagram.com/policy/?fx_delay=0";
const PROC = "instagram-ai-objection";

// The state the host has for the procedure (not_started when the store has nothing).
async function hostState(session) {
  return (await statusOf(session, PROC)).state;
}

// What the attacked page must show before the attack: the card, or the ring on a target.
const CARD = { what: "the card is shown", ready: (s) => s.active };
const ON_FORM = { what: "the card rings Send on the form", ready: (s) => s.active && s.stepId === "submit-form" && s.targetFound };

// Gives the extension every chance to (wrongly) record something.
async function settle(extPage) {
  await sleep(1500);
  return overlayState(extPage);
}

export function evidenceAttacks(getSession) {
  // A new tab of the session on `url` (`prepare` acts on it before it loads), once the overlay
  // there is `ready`; `state` is what the overlay then says.
  async function attacked(url, { what, ready, bound, prepare = async () => {} }) {
    const { session, extPage } = getSession();
    const page = await session.browser.newPage();
    await prepare(page);
    await page.goto(url);
    const state = await until(async () => {
      const s = await overlayState(extPage);
      return s && ready(s) ? s : null;
    }, what, bound);
    return { session, extPage, page, state };
  }

  test("a page that submits its form by script, with no user action, records nothing", async () => {
    const { session, extPage, page } = await attacked(IG_FORM, ON_FORM);
    const before = await hostState(session);
    await page.evaluate(() => {
      const form = document.querySelector("form[data-fx-ajax]");
      form.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
      form.querySelector("[data-fx-submit]").click(); // the page's own requestSubmit + fetch
      form.querySelector("[data-fx-submit]").dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    });
    // The page really did post and show its confirmation in the form's place.
    await until(() => page.evaluate(() => !document.querySelector("form[data-fx-ajax]")), "the page replaced its form");
    await settle(extPage);
    assert.equal(await hostState(session), before, "the forged submission changed nothing");
    await page.close();
  });

  test("a confirmation sentence elsewhere on the page is no evidence, even after the user's Send", async () => {
    const { session, extPage, page, state } = await attacked(IG_FORM, ON_FORM);
    const before = await hostState(session);
    // The page writes Meta's generic sentences outside the form's container, and its Send
    // then does nothing but that.
    await page.evaluate(() => {
      const p = document.createElement("p");
      p.textContent = "We've received your request. Vous recevrez un e-mail.";
      document.querySelector("[role=banner]").append(p);
      const send = document.querySelector("[data-fx-submit]");
      send.removeAttribute("data-fx-submit");
      send.addEventListener("click", () => {
        const q = document.createElement("p");
        q.textContent = "We'll honour your objection. We've received your request.";
        document.body.append(q);
      });
    });
    await clickRect(page, state.targetRect);
    await settle(extPage);
    assert.equal(await hostState(session), before, "text outside the form's container proves nothing");
    await page.close();
  });

  test("a form the page refuses leaves the state unchanged and the card says why", async () => {
    const { session, extPage, page, state } = await attacked(IG_FORM, ON_FORM);
    const before = await hostState(session);
    // An honest page validating in script, as Meta's do.
    await page.evaluate(() => {
      const form = document.querySelector("form[data-fx-ajax]");
      const email = form.querySelector("input[type=email]");
      email.value = "";
      const send = form.querySelector("[data-fx-submit]");
      send.removeAttribute("data-fx-submit");
      send.addEventListener("click", () => {
        if (email.value) return form.requestSubmit();
        const err = document.createElement("div");
        err.setAttribute("role", "alert");
        err.textContent = "Enter a valid email address.";
        email.setAttribute("aria-invalid", "true");
        email.after(err);
      });
    });
    await clickRect(page, state.targetRect);
    const refused = await until(async () => {
      const s = await overlayState(extPage);
      return s && s.complaint ? s : null;
    }, "the card says what the page complained about");
    assert.match(refused.complaint, /Enter a valid email address/);
    await settle(extPage);
    assert.equal(await hostState(session), before, "nothing was sent, nothing recorded");
    await page.close();
  });

  test("the user's own Send on a div role=button, posted by script, is recorded with Meta's confirmation", async () => {
    const { session, page, state } = await attacked(IG_FORM, ON_FORM);
    await clickRect(page, state.targetRect);
    const row = await until(async () => {
      const r = await statusOf(session, PROC);
      return r.state === "submitted" ? r : null;
    }, "recorded as submitted");
    assert.ok(row.sentEvidence, "the record keeps what Meta showed");
    assert.match(row.sentEvidence.text, /honour your objection/);
    assert.equal(row.sentEvidence.at, row.submittedAt, "dated");
    assert.equal(row.sentEvidence.how, "form_replaced");
    await page.close();
  });

  test("a page-made Alt+Shift+G does nothing, so the user's next Enter cannot confirm", async () => {
    const { session, extPage, page } = await attacked(IG_FORM, { ...CARD, ready: (s) => s.active && s.procedureId === PROC });
    const before = await hostState(session);
    const focus = await page.evaluate(() => {
      document.body.focus();
      const was = document.activeElement;
      for (const target of [window, document, document.body]) {
        target.dispatchEvent(new KeyboardEvent("keydown", { key: "G", code: "KeyG", altKey: true, shiftKey: true, bubbles: true }));
      }
      return { moved: document.activeElement !== was, onHost: document.activeElement === document.documentElement.lastElementChild };
    });
    assert.equal(focus.moved, false, "focus stays where the user left it");
    assert.equal(focus.onHost, false);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await settle(extPage);
    assert.notEqual(await hostState(session), "confirmed");
    assert.equal(await hostState(session), before);
    await page.close();
  });

  test("a decoy over the card is noticed: the guide stops calling itself active and the badge says so", async () => {
    const { extPage, page } = await attacked(POLICY, CARD);
    await page.evaluate(() => {
      const decoy = document.createElement("div");
      decoy.style.cssText = "position:fixed;right:0;bottom:0;width:480px;height:480px;background:#fff;z-index:2147483647";
      document.documentElement.append(decoy);
    });
    const covered = await until(async () => {
      const s = await overlayState(extPage);
      return s && !s.active && s.hiddenReason ? s : null;
    }, "the covered card is reported");
    assert.equal(covered.cardVisible, false);
    assert.equal(covered.hiddenReason, "covered");
    const badge = await extPage.evaluate(async () => {
      const api = globalThis.browser || globalThis.chrome;
      const tabs = await api.tabs.query({});
      const texts = [];
      for (const t of tabs) texts.push(await api.action.getBadgeText({ tabId: t.id }));
      return texts;
    });
    assert.ok(badge.includes("!"), `the toolbar badge marks the tab (${JSON.stringify(badge)})`);
    await page.close();
  });

  test("moving the card's host into a display:none box does not hide the guide while it says it is active", async () => {
    const { extPage, page } = await attacked(POLICY, CARD);
    for (let i = 0; i < 8; i++) {
      await page.evaluate(() => {
        let box = document.getElementById("jail");
        if (!box) {
          box = document.createElement("div");
          box.id = "jail";
          box.style.display = "none";
          document.body.append(box);
        }
        const host = [...document.documentElement.children].find((e) => e !== document.head && e !== document.body);
        if (host) box.append(host);
      });
      await sleep(200);
      const s = await overlayState(extPage);
      const seen = await page.evaluate(() => {
        const host = [...document.documentElement.children].find((e) => e !== document.head && e !== document.body);
        return { host: !!host, onTop: !!host && document.elementFromPoint(innerWidth - 40, innerHeight - 40) === host };
      });
      if (s && s.active) assert.ok(seen.onTop, "active only while the card is really on screen");
    }
    await page.close();
  });

  test("window.find and the page's selection cannot find the card's words", async () => {
    const { page, state: s } = await attacked(POLICY, { ...CARD, ready: (x) => x.active && x.procedureTitle });
    const found = await page.evaluate((title) => {
      const hits = [];
      for (const text of [title, "Step", "Hide on this site"]) {
        getSelection().removeAllRanges();
        hits.push(window.find(text, false, false, true));
      }
      getSelection().selectAllChildren(document.documentElement);
      const selected = getSelection().toString();
      document.execCommand("selectAll");
      return { hits, inSelection: selected.includes(title) || getSelection().toString().includes(title) };
    }, s.procedureTitle);
    assert.deepEqual(found.hits, [false, false, false], "window.find finds none of the card's words");
    assert.equal(found.inSelection, false);
    await page.close();
  });

  test("a form named OptoutGuide (and elements named browser, chrome) does not switch the guide off", async () => {
    const logs = [];
    const { page, state: s } = await attacked(POLICY, {
      what: "the guide runs and rings its target",
      ready: (x) => x.active && x.targetFound,
      bound: 20000,
      prepare: async (p) => {
        await p.evaluateOnNewDocument(() => {
          document.addEventListener("DOMContentLoaded", () => {
            const f = document.createElement("form");
            f.name = "OptoutGuide";
            f.id = "OptoutGuide";
            const b = document.createElement("img");
            b.name = "browser";
            const c = document.createElement("embed");
            c.id = "chrome";
            document.body.prepend(f, b, c);
          });
        });
        p.on("console", (m) => logs.push(m.text()));
        p.on("pageerror", (e) => logs.push(String(e)));
      },
    }).catch((e) => {
      throw new Error(`${e.message}; console: ${logs.join(" | ")}`);
    });
    assert.ok(s.stepId);
    await page.close();
  });

  test("a long Greek page title still gets a card", async () => {
    const { page, state: s } = await attacked(POLICY, {
      what: "a card on the page with the long title",
      ready: CARD.ready,
      prepare: (p) => p.evaluateOnNewDocument(() => {
        const title = "Πολιτική απορρήτου ".repeat(40) + "😀".repeat(20);
        const set = () => {
          if (document.title !== title) document.title = title;
        };
        document.addEventListener("DOMContentLoaded", set);
        new MutationObserver(set).observe(document, { childList: true, subtree: true });
      }),
    });
    const title = await page.evaluate(() => document.title);
    assert.ok(new TextEncoder().encode(title).length > 1024, "the title is over 1 KiB in UTF-8");
    assert.equal(s.error, null, "no host error");
    await page.close();
  });
}
