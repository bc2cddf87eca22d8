// Every step's targets, resolved by the extension's own locator (extension/content/locator.js)
// on the Meta-like fixture pages in jsdom, in English and French: the full target list must land
// on exactly the intended element (tests/fixtures/meta/expected.json), and no single fallback
// locator may ever land on a distractor ("Learn more", the generic objection form, look-alike
// links to other sites, caption "more" buttons...).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer } from '../fixtures/server.mjs';
import { EXPECTED, click, loadCatalog, locatorAvailable, openPage, request, stepIndex, variants } from './lib/fixture-env.mjs';

const steps = stepIndex(loadCatalog());
const skip = locatorAvailable() ? false : 'extension/content/locator.js is not there yet';
let fx;

before(async () => {
  fx = await startFixtureServer();
});
after(async () => {
  await fx?.close();
});

function withDelay(url) {
  return url + (url.includes('?') ? '&' : '?') + 'fx_delay=0';
}

async function load(url) {
  const res = await request(fx, url);
  assert.equal(res.status, 200, `fixture page ${url} answered ${res.status}`);
  return openPage(res.text, url);
}

function describeEl(el) {
  if (!el) return 'nothing';
  const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60);
  return `<${el.tagName.toLowerCase()}${el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : ''}> "${text}"`;
}

for (const page of EXPECTED.pages) {
  for (const variant of variants(page.url)) {
    describe(`${variant.url} (${variant.lang})`, { skip }, () => {
      page.checks.forEach((check, i) => {
        const label = `${check.step}${check.prepare ? ' after opening ' + check.prepare.length + ' control(s)' : ''}`;
        test(label, async () => {
          const entry = steps.get(check.step);
          assert.ok(entry, `expected.json names ${check.step}, which is not in the catalog`);
          const { win, doc, errors } = await load(withDelay(variant.url));
          assert.equal(doc.documentElement.lang, variant.lang, 'the fixture served the wrong language');
          for (const sel of check.prepare || []) await click(win, sel);
          const L = win.OptoutGuide.locator;
          const targets = entry.step.targets || [];
          const opts = { document: doc, pageLang: doc.documentElement.lang };
          const got = L.resolve(targets, opts);
          if (check.element === null) {
            assert.equal(got, null, `${check.step} should find nothing here, found ${describeEl(got && got.element)} (locator ${got && got.locatorIndex})`);
          } else {
            const want = doc.querySelector(check.element);
            assert.ok(want, `expected.json path "${check.element}" matches nothing on ${variant.url}`);
            assert.ok(got, `${check.step}: no target resolved; wanted ${describeEl(want)}`);
            assert.equal(got.element, want, `${check.step}: locator ${got.locatorIndex} (${got.by}) found ${describeEl(got.element)}, wanted ${describeEl(want)}`);
          }
          // Each fallback alone: the intended element (or inside it), an accepted alternate, or nothing.
          const want = check.element && doc.querySelector(check.element);
          const alternates = (check.alternates || []).map((s) => doc.querySelector(s)).filter(Boolean);
          targets.forEach((locator, k) => {
            const el = L.resolveOne(locator, opts);
            if (!el) return;
            const ok = (want && (el === want || want.contains(el))) || alternates.includes(el);
            assert.ok(ok, `${check.step}: locator ${k} (${locator.by}) alone lands on a distractor: ${describeEl(el)}`);
          });
          assert.deepEqual(errors.map(String), [], 'the page script raised errors');
        });
      });
    });
  }
}

describe('in-app navigation without reloads (history.pushState)', { skip }, () => {
  for (const lang of ['en', 'fr']) {
    test(`Instagram home → More → Settings lands on settings with the Privacy Center link (${lang})`, async () => {
      const url = withDelay(lang === 'fr' ? 'https://www.instagram.com/?locale=fr_FR' : 'https://www.instagram.com/');
      const { win, doc } = await load(url);
      const L = win.OptoutGuide.locator;
      const opts = { document: doc, pageLang: lang };
      const more = L.resolve(steps.get('instagram-ai-objection/open-more-menu').step.targets, opts);
      assert.ok(more, 'the More button was not found');
      more.element.click();
      const settings = L.resolve(steps.get('instagram-ai-objection/open-settings').step.targets, opts);
      assert.ok(settings, 'the Settings entry was not found after opening More');
      const before = win.__fx.renders();
      settings.element.click();
      await win.__fx.settled();
      assert.equal(win.location.pathname, '/accounts/edit/', 'clicking Settings did not change the URL in place');
      assert.equal(win.__fx.renders(), before + 1, 'the settings view was not rendered in place');
      const pc = L.resolve(steps.get('instagram-ai-objection/open-privacy-center').step.targets, opts);
      assert.ok(pc, 'Privacy Center link not found after the in-app navigation');
      assert.equal(pc.element.getAttribute('href'), 'https://privacycenter.instagram.com/');
    });

    test(`Facebook home → profile → Settings & privacy → Privacy Center shows the AI "object" link (${lang})`, async () => {
      const url = withDelay(lang === 'fr' ? 'https://fr-fr.facebook.com/' : 'https://www.facebook.com/');
      const { win, doc } = await load(url);
      const L = win.OptoutGuide.locator;
      const opts = { document: doc, pageLang: lang };
      for (const id of ['open-account-menu', 'open-settings-privacy', 'open-privacy-center']) {
        const got = L.resolve(steps.get(`facebook-ai-objection/${id}`).step.targets, opts);
        assert.ok(got, `${id}: nothing found`);
        got.element.click();
        await win.__fx.settled();
      }
      assert.equal(win.location.pathname, '/privacy/center/');
      const form = L.resolve(steps.get('facebook-ai-objection/open-form').step.targets, opts);
      assert.ok(form, 'the AI objection link was not found on the Privacy Center');
      assert.match(form.element.href, /\/help\/contact\/(6359191084165019|712876720715583)/);
    });
  }
});
