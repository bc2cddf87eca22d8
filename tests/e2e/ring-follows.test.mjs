// The ring stays on its target and the card beside it, never over it, as the page moves: scroll,
// a window resize, a layout shift above the target, the target growing, the target rendered away
// and back (a late insertion); and nothing is re-placed while nothing moves. On the Facebook AI
// form, whose Send button the card once covered after a layout change (docs/benchmarks.md).
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { useFixtureServer, useSession } from "./lib/session-helpers.mjs";
import { overlayState, sleep, until } from "./lib/walk.mjs";

const FORM = "https://www.facebook.com/help/contact/6359191084165019?fx_delay=0";
const SEND = "[role=main] form button[type=submit]";
const PAD = 4; // the ring's padding around the target (extension/content/overlay.js)

const fixtures = useFixtureServer();

const near = (a, b) => Math.abs(a - b) <= 1;
const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

// The overlay's state once the ring is drawn around Send's current box, the card is on screen
// and off the ring, and a click at Send's centre reaches Send (not the card).
async function settledOnSend(page, extPage, what) {
  let seen = null;
  try {
    return await until(async () => {
      const s = await overlayState(extPage);
      seen = s;
      if (!s || !s.active || s.stepId !== "submit-form" || !s.targetFound || !s.ring || !s.card) return null;
      const t = s.targetRect;
      const ringFits = near(s.ring.x, t.x - PAD) && near(s.ring.y, t.y - PAD) &&
        near(s.ring.width, t.width + 2 * PAD) && near(s.ring.height, t.height + 2 * PAD);
      if (!ringFits) return null;
      const view = await page.evaluate(() => ({ w: innerWidth, h: innerHeight }));
      const c = s.card;
      if (c.x < 0 || c.y < 0 || c.x + c.width > view.w || c.y + c.height > view.h) return null;
      if (overlap(c, s.ring)) return null;
      const hit = await page.evaluate((sel, r) => {
        const e = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return !!e && e.closest(sel) === document.querySelector(sel);
      }, SEND, t);
      return hit ? { ...s, view } : null;
    }, what, 30000);
  } catch (e) {
    throw new Error(`${e.message}\nlast overlay state: ${JSON.stringify(seen && { ring: seen.ring, card: seen.card, targetRect: seen.targetRect, active: seen.active })}`);
  }
}

const sendRect = (page) => page.evaluate((sel) => {
  const r = document.querySelector(sel).getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}, SEND);

for (const kind of ["chromium", "firefox"]) {
  describe(`${kind}: the ring follows its target`, { concurrency: false }, () => {
    const ctx = useSession(fixtures, { kind });
    before(async () => {
      await ctx.page.setViewport({ width: 1280, height: 900 });
      await ctx.page.goto(FORM);
      await ctx.page.bringToFront();
    });

    test("on Send when the form shows, the card beside it", async () => {
      await settledOnSend(ctx.page, ctx.extPage, "ring on Send at load");
    });

    test("scrolling moves the ring with Send", async () => {
      const before = await sendRect(ctx.page);
      await ctx.page.evaluate(() => {
        const tail = document.createElement("div");
        tail.id = "fx-tail";
        tail.style.height = "3000px";
        document.body.append(tail);
        window.scrollBy(0, 150);
      });
      const s = await settledOnSend(ctx.page, ctx.extPage, "ring on Send after a scroll");
      assert.ok(near(s.targetRect.y, before.y - 150), `Send moved up by the scroll (${before.y} → ${s.targetRect.y})`);
    });

    test("a window resize moves the ring with Send", async () => {
      // Centred like Meta's own forms, so the form's place depends on the window's width.
      await ctx.page.evaluate(() => {
        const box = document.querySelector("[role=main] form").parentElement;
        box.style.maxWidth = "560px";
        box.style.marginInline = "auto";
      });
      await settledOnSend(ctx.page, ctx.extPage, "ring on the centred Send");
      const before = await sendRect(ctx.page);
      await ctx.page.setViewport({ width: 760, height: 700 });
      const s = await settledOnSend(ctx.page, ctx.extPage, "ring on Send after a resize");
      assert.equal(s.view.w, 760);
      assert.ok(!near(s.targetRect.x, before.x) || !near(s.targetRect.width, before.width) || !near(s.targetRect.y, before.y),
        `the resize moved Send (${JSON.stringify(before)} → ${JSON.stringify(s.targetRect)})`);
    });

    test("a layout shift that puts Send under the card's corner: ring follows, card moves off it", async () => {
      // Send at the end of its row, as on Meta's forms, then content inserted above the form (a
      // banner, say), with no scroll and no resize of Send: only the observer that watches
      // Send's position can tell that Send is now at the bottom end, where the card was.
      await ctx.page.evaluate((sel) => {
        const send = document.querySelector(sel);
        send.style.display = "block";
        send.style.marginInlineStart = "auto";
      }, SEND);
      const atEnd = await settledOnSend(ctx.page, ctx.extPage, "ring on Send at the end of its row");
      assert.ok(atEnd.card.y > atEnd.ring.y + atEnd.ring.height, "the card starts in its bottom corner, below Send");
      const before = await sendRect(ctx.page);
      const view = await ctx.page.evaluate(() => ({ w: innerWidth, h: innerHeight }));
      const shift = Math.round(view.h - 40 - before.height - before.y);
      await ctx.page.evaluate((h) => {
        const banner = document.createElement("div");
        banner.id = "fx-banner";
        banner.style.height = `${h}px`;
        const form = document.querySelector("[role=main] form");
        form.parentElement.insertBefore(banner, form);
      }, shift);
      const s = await settledOnSend(ctx.page, ctx.extPage, "ring on Send after the layout shift");
      assert.ok(near(s.targetRect.y, before.y + shift), `Send moved down by ${shift} (${before.y} → ${s.targetRect.y})`);
      assert.ok(s.card.x + s.card.width > s.ring.x && s.card.x < s.ring.x + s.ring.width,
        `Send is in the card's column: the card had to change rows (card ${JSON.stringify(s.card)}, ring ${JSON.stringify(s.ring)})`);
      assert.ok(s.card.y + s.card.height <= s.ring.y, `the card went above Send (card ${JSON.stringify(s.card)}, ring ${JSON.stringify(s.ring)})`);
    });

    test("Send growing resizes the ring", async () => {
      const before = await sendRect(ctx.page);
      await ctx.page.evaluate((sel) => { document.querySelector(sel).style.padding = "14px 40px"; }, SEND);
      const s = await settledOnSend(ctx.page, ctx.extPage, "ring on the grown Send");
      assert.ok(s.targetRect.width > before.width + 20, `Send grew (${before.width} → ${s.targetRect.width})`);
    });

    test("Send rendered away and back (a late insertion): the ring leaves and comes back on the new one", async () => {
      await ctx.page.evaluate((sel) => {
        const send = document.querySelector(sel);
        window.__fxSend = { parent: send.parentElement, html: send.outerHTML };
        send.remove();
      }, SEND);
      await until(async () => {
        const s = await overlayState(ctx.extPage);
        return s && !s.targetFound && !s.ring ? s : null;
      }, "the ring gone with Send", 30000);
      await sleep(500);
      await ctx.page.evaluate(() => window.__fxSend.parent.insertAdjacentHTML("beforeend", window.__fxSend.html));
      await settledOnSend(ctx.page, ctx.extPage, "ring on the re-inserted Send");
      assert.ok(await ctx.page.evaluate((sel) => !!document.querySelector(sel), SEND));
    });

    test("nothing is re-placed while nothing moves, even while the page changes elsewhere", async () => {
      const s0 = await settledOnSend(ctx.page, ctx.extPage, "ring on Send");
      await sleep(300);
      const first = (await overlayState(ctx.extPage)).placements;
      // One second of churn at the end of the page, below Send: nothing of Send moves.
      await ctx.page.evaluate(() => new Promise((resolve) => {
        const tail = document.getElementById("fx-tail");
        const end = performance.now() + 1000;
        const step = () => {
          for (let i = 0; i < 20; i++) {
            const p = document.createElement("p");
            p.textContent = `post ${i}`;
            tail.append(p);
            if (tail.children.length > 60) tail.firstElementChild.remove();
          }
          if (performance.now() < end) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
      }));
      await sleep(300);
      const s1 = await overlayState(ctx.extPage);
      assert.equal(s1.placements, first, "no placement while Send stayed put");
      assert.deepEqual(s1.ring, s0.ring);
    });

    // The top layer is above every z-index, and no <html> child changes: the health check must
    // still learn of it (it runs on such changes, no longer on a 400 ms clock).
    test("a modal dialog of the page over the card: the guide says it is covered, and active again once it closes", async () => {
      await settledOnSend(ctx.page, ctx.extPage, "ring on Send before the dialog");
      await ctx.page.evaluate(() => {
        const d = document.createElement("dialog");
        d.id = "fx-dialog";
        d.style.cssText = "width:100vw;height:100vh;max-width:none;max-height:none;margin:0;padding:0;border:0";
        document.body.append(d);
        d.showModal();
      });
      const covered = await until(async () => {
        const s = await overlayState(ctx.extPage);
        return s && !s.active && s.hiddenReason ? s : null;
      }, "the card under the dialog is reported", 30000);
      assert.equal(covered.cardVisible, false);
      assert.equal(covered.hiddenReason, "covered");
      await ctx.page.evaluate(() => document.getElementById("fx-dialog").close());
      await settledOnSend(ctx.page, ctx.extPage, "the card active again once the dialog closed");
    });
  });
}
