// What makes Meta's pages hard, in a real browser: in-app navigation by history.pushState, a
// target that renders late, distractor links, and the generic objection form that is not the
// AI form.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { screenshot, useFixtureServer, useSession } from "./lib/session-helpers.mjs";
import { assertRingOnIntended, clickRect, overlayState, until } from "./lib/walk.mjs";

const fixtures = useFixtureServer();

for (const kind of ["chromium", "firefox"]) {
  describe(`${kind}: hostile pages`, { concurrency: false }, () => {
    const ctx = useSession(fixtures, { kind });

    test("a pushState navigation to a late-rendering page is followed without a reload", async () => {
      // fx_delay makes the settings content arrive well after the URL changed.
      await ctx.page.goto("https://www.instagram.com/?fx_delay=1500");
      await ctx.page.bringToFront();
      const menu = await until(async () => {
        const s = await overlayState(ctx.extPage);
        return s && s.targetFound && s.stepId === "open-more-menu" ? s : null;
      }, "open-more-menu");
      await clickRect(ctx.page, await assertRingOnIntended(ctx.page, ctx.extPage, menu));
      const settings = await until(async () => {
        const s = await overlayState(ctx.extPage);
        return s && s.targetFound && s.stepId === "open-settings" ? s : null;
      }, "open-settings");
      const marker = await ctx.page.evaluate(() => window.__fx.renders());
      await clickRect(ctx.page, await assertRingOnIntended(ctx.page, ctx.extPage, settings));
      const next = await until(async () => {
        const s = await overlayState(ctx.extPage);
        return s && s.active && s.stepId === "open-privacy-center" && s.url === ctx.page.url() ? s : null;
      }, "the step of the page reached by pushState");
      assert.equal(new URL(ctx.page.url()).pathname.replace(/\/$/, ""), "/accounts/edit");
      assert.ok(await ctx.page.evaluate((m) => window.__fx.renders() > m, marker), "the page changed in place (no reload)");
      // The target renders late: the ring appears once it is there, on the right element.
      const found = next.targetFound ? next : await until(async () => {
        const s = await overlayState(ctx.extPage);
        return s && s.targetFound && s.stepId === "open-privacy-center" ? s : null;
      }, "the late target found");
      await assertRingOnIntended(ctx.page, ctx.extPage, found);
    });

    test("the distractor links on the policy page are not highlighted", async () => {
      // The spring-2025 policy page, with its AI banner among look-alike "object" links.
      await ctx.page.goto("https://privacycenter.instagram.com/policy/?fx_variant=2025");
      await ctx.page.bringToFront();
      const s = await until(async () => {
        const x = await overlayState(ctx.extPage);
        return x && x.targetFound && x.stepId === "open-object-section" && x.url === ctx.page.url() ? x : null;
      }, "the policy page's step on the 2025 page");
      await assertRingOnIntended(ctx.page, ctx.extPage, s);
      const onDistractor = await ctx.page.evaluate((r) => {
        const el = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        const a = el && el.closest("a");
        return a ? a.href : null;
      }, s.targetRect);
      assert.match(onDistractor, /\/contact\/(233964459562201|767264225370182)/, "the ring is on the AI form link");
    });

    test("the generic objection form is called out as the wrong form, with the right one offered", async () => {
      await ctx.page.goto("https://help.instagram.com/contact/117037592428568");
      await ctx.page.bringToFront();
      const s = await until(async () => {
        const x = await overlayState(ctx.extPage);
        return x && x.active && x.url === ctx.page.url() ? x : null;
      }, "the guide on the generic form");
      assert.equal(s.stepId, "generic-form");
      assert.equal(s.targetFound, false, "nothing to click on the wrong form");
      if (kind === "chromium") await screenshot(ctx.page, "card-wrong-form.png");
    });
  });
}
