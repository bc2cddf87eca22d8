// The Meta AI-objection catalog (host/catalog/): it parses, says everything in the five UI
// languages, never points outside Meta, accepts every known form ID, and each step's page
// matcher fits exactly the fixture pages it is meant for. The host's own validator runs on it
// too when OG_HOST_BINARY names a built optout-guide-host.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CATALOG_DIR, EXPECTED, loadCatalog, stepIndex, variants } from './lib/fixture-env.mjs';
import { hrefMatches, pageMatches, stepMatches } from './lib/extension-shared.mjs';
import { startHost } from './lib/host-client.mjs';

const UI_LANGS = ['en', 'fr', 'de', 'es', 'it'];
const KNOWN_LANGS = [...UI_LANGS, 'nl', 'pl', 'pt'];
const ALLOWED = ['facebook.com', 'instagram.com', 'meta.com', 'messenger.com', 'threads.net', 'threads.com', 'whatsapp.com'];
const catalog = loadCatalog();
const steps = stepIndex(catalog);
const byId = Object.fromEntries(catalog.procedures.map((p) => [p.doc.id, p.doc]));

const hostAllowed = (h) => ALLOWED.some((d) => h === d || h.endsWith('.' + d));
function urlAllowed(url) {
  const m = /^https:\/\/([a-z0-9.-]+)(?:[/?#]|$)/.exec(url);
  return !!m && hostAllowed(m[1]);
}

// Every URL-like string in a procedure, with where it is.
function* urls(p) {
  yield ['start', p.start];
  if (p.directLink) yield ['directLink', p.directLink];
  for (const s of p.steps) {
    const at = `steps/${s.id}`;
    if (s.directLink) yield [`${at}/directLink`, s.directLink];
    const locators = [...(s.targets || []), ...(s.complete || []).filter((c) => c.locator).map((c) => c.locator)];
    for (const l of locators) if (l.by === 'href') for (const pat of l.patterns) yield [`${at}/href`, pat];
    const matchers = [...(s.pages || []), ...(s.complete || []).filter((c) => c.page).map((c) => c.page)];
    for (const m of matchers) for (const h of m.hosts) yield [`${at}/host`, 'https://' + h.replace(/^\*\./, '') + '/'];
  }
}

function* localized(p) {
  yield ['title', p.title];
  yield ['summary', p.summary];
  for (const s of p.steps) {
    yield [`steps/${s.id}/instruction`, s.instruction];
    if (s.warning) yield [`steps/${s.id}/warning`, s.warning];
    if (s.lookFor) yield [`steps/${s.id}/lookFor`, s.lookFor];
  }
}

describe('catalog files', () => {
  test('catalog.json is format 1 with a version and a verified date', () => {
    assert.equal(catalog.header.format, 1);
    assert.ok(Number.isInteger(catalog.header.version) && catalog.header.version > 0);
    assert.match(catalog.header.verified, /^\d{4}-\d{2}-\d{2}$/);
  });

  test('the four procedures of the issue are there, one per file named after its id', () => {
    assert.deepEqual(Object.keys(byId).sort(), ['facebook-ai-objection', 'instagram-ai-objection', 'meta-ai-advice', 'third-party-ai-objection']);
    for (const { file, doc } of catalog.procedures) assert.equal(file, `${doc.id}.json`);
    assert.equal(byId['meta-ai-advice'].kind, 'advice');
    assert.equal(byId['meta-ai-advice'].platform, 'meta');
  });

  for (const { doc: p } of catalog.procedures) {
    describe(p.id, () => {
      test('sources are citations (no links) and the procedure has a verified date', () => {
        assert.ok(p.sources.length >= 3, 'too few sources');
        for (const s of p.sources) assert.ok(!s.includes('://'), `source is a link: ${s}`);
        assert.match(p.verified, /^\d{4}-\d{2}-\d{2}$/);
      });

      test('every text a user reads exists in en fr de es it, and nothing else than known languages', () => {
        for (const [where, text] of localized(p)) {
          for (const lang of UI_LANGS) assert.ok(typeof text[lang] === 'string' && text[lang].trim(), `${p.id}: ${where} lacks "${lang}"`);
          for (const lang of Object.keys(text)) assert.ok(KNOWN_LANGS.includes(lang), `${p.id}: ${where} has unknown language ${lang}`);
        }
      });

      test('French texts use French typography (« » with spaces, no straight quotes around words)', () => {
        for (const [where, text] of localized(p)) {
          const fr = text.fr;
          assert.ok(!/"[^"]+"/.test(fr), `${where}: straight quotes in French: ${fr}`);
          assert.ok(!/«\S|\S»/.test(fr), `${where}: « » need a space inside: ${fr}`);
        }
      });

      test('every URL is https on the Meta allowlist; href patterns name their host literally', () => {
        for (const [where, url] of urls(p)) {
          assert.ok(urlAllowed(url), `${p.id}: ${where}: ${url} is not on the allowlist`);
          if (where.endsWith('/href')) assert.match(url, /^https:\/\/[a-z0-9.-]+\//, `${where}: wildcard before the path in ${url}`);
        }
      });

      test('structural CSS only: no class selectors', () => {
        for (const s of p.steps) {
          const sels = [...(s.targets || []).map((l) => l.selector || l.within), ...(s.complete || []).map((c) => c.selector || c.locator?.selector)].filter(Boolean);
          for (const sel of sels) assert.ok(!/(^|[\s>+~,(])\.[a-z_-]/i.test(sel.replace(/'[^']*'|"[^"]*"/g, '')) && !/\[class/i.test(sel), `${s.id}: class selector ${sel}`);
        }
      });

      test('every step that shows something to find says in words what to look for', () => {
        for (const s of p.steps) {
          // An `info` step is the text itself: there is nothing on the page to look for.
          if (s.kind !== 'info') assert.ok(s.lookFor, `${p.id}/${s.id} (${s.kind}) has no lookFor`);
          if ((s.targets || []).length === 0) assert.ok(!['click', 'fill', 'submit'].includes(s.kind), `${s.id} has nothing to point at`);
        }
      });

      if (p.kind === 'objection') {
        test('the form step marks "submitted" only on the user\'s Send and the confirmation Meta shows in the form\'s place; a wait step marks "confirmed" on the user\'s word', () => {
          const submit = p.steps.filter((s) => s.marks === 'submitted');
          assert.equal(submit.length, 1);
          assert.equal(submit[0].kind, 'submit');
          const types = submit[0].complete.map((c) => c.type).sort();
          assert.deepEqual(types, ['formSubmitted'], 'no text anywhere on the page completes the form step');
          const accepted = submit[0].complete[0].accepted;
          assert.ok(accepted && accepted.text && accepted.text.en.length, 'the confirmation text is named');
          const confirmed = p.steps.filter((s) => s.marks === 'confirmed');
          assert.equal(confirmed.length, 1);
          assert.equal(confirmed[0].kind, 'wait');
          assert.ok(!confirmed[0].pages || confirmed[0].pages.length === 0, 'the wait step is reached through progress, not a page');
          assert.deepEqual(confirmed[0].complete, [{ type: 'userConfirms' }]);
          const counted = p.steps.filter((s) => !['wrong-page', 'unknown-page'].includes(s.kind));
          assert.equal(counted.at(-1), confirmed[0], 'confirmed is the last counted step');
        });
      }
    });
  }
});

describe('unverified steps', () => {
  test('a step is verified (when, against what) or marked unverified; every 2026 step past the policy page is unverified', () => {
    for (const { doc: p } of catalog.procedures) {
      for (const s of p.steps) {
        assert.ok(!(s.verified && s.unverified), `${p.id}/${s.id}: both verified and unverified`);
        if (s.verified) {
          assert.match(s.verified.on, /^\d{4}-\d{2}-\d{2}$/);
          assert.ok(s.verified.against && !s.verified.against.includes('://'), `${p.id}/${s.id}: against what?`);
        }
      }
    }
    for (const key of ['instagram-ai-objection/open-object-link', 'instagram-ai-objection/find-ai-form', 'facebook-ai-objection/open-object-section',
      'facebook-ai-objection/open-object-link', 'facebook-ai-objection/find-ai-form', 'facebook-ai-objection/unknown-page']) {
      const { step } = steps.get(key);
      assert.equal(step.unverified, true, key);
      assert.ok(step.lookFor && UI_LANGS.every((l) => step.lookFor[l]), `${key} says in words what to look for, in five languages`);
      assert.ok(!(step.targets || []).some((t) => t.by === 'css'), `${key}: an unseen page is located by links, role and text, not structure`);
    }
    assert.ok(steps.get('instagram-ai-objection/open-object-section').step.verified, 'the Instagram rights list was seen in the archived DOM');
  });

  test('every procedure with a form names where its links lead, for the fallback', () => {
    for (const id of ['instagram-ai-objection', 'facebook-ai-objection']) {
      const fb = byId[id].fallbackTargets;
      assert.ok(fb && fb.length && fb.every((l) => l.by === 'href'), id);
      const all = fb.flatMap((l) => l.patterns);
      for (const form of ['https://help.instagram.com/contact/233964459562201', 'https://www.facebook.com/help/contact/6359191084165019', 'https://help.meta.com/support/privacy/']) {
        assert.ok(all.some((p) => hrefMatches(p, form)), `${id}: ${form}`);
      }
      assert.ok(!all.some((p) => hrefMatches(p, 'https://help.instagram.com/contact/117037592428568')), 'never the generic form');
    }
  });
});

describe('form IDs', () => {
  const fits = (stepKey, url) => stepMatches(steps.get(stepKey).step, url);
  const FB_HOSTS = ['www.facebook.com', 'facebook.com', 'fr-fr.facebook.com', 'de-de.facebook.com', 'it-it.facebook.com', 'es-es.facebook.com'];

  test('every known Instagram AI form ID is the same submit step', () => {
    for (const id of ['233964459562201', '767264225370182']) assert.ok(fits('instagram-ai-objection/submit-form', `https://help.instagram.com/contact/${id}`), id);
  });
  test('every known Facebook AI form ID (and the triage page) is the same submit step, on every locale host', () => {
    for (const host of FB_HOSTS) {
      for (const id of ['6359191084165019', '712876720715583', '367438723733209']) {
        assert.ok(fits('facebook-ai-objection/submit-form', `https://${host}/help/contact/${id}?locale=fr_FR`), `${host} ${id}`);
      }
      assert.ok(fits('facebook-ai-objection/triage-yes', `https://${host}/help/contact/367438723733209`), host);
    }
  });
  test('every known third-party form ID is the same procedure', () => {
    for (const id of ['1266025207620918', '510058597920541']) assert.ok(fits('third-party-ai-objection/submit-form', `https://www.facebook.com/help/contact/${id}`), id);
  });
  test('links to every known AI form ID are recognised by the "open the form" steps', () => {
    const ig = steps.get('instagram-ai-objection/open-form').step.targets[0].patterns;
    for (const id of ['233964459562201', '767264225370182']) assert.ok(ig.some((p) => hrefMatches(p, `https://help.instagram.com/contact/${id}?helpref=faq`)), id);
    const fb = steps.get('facebook-ai-objection/open-form').step.targets[0].patterns;
    for (const host of FB_HOSTS) for (const id of ['6359191084165019', '712876720715583', '367438723733209']) {
      assert.ok(fb.some((p) => hrefMatches(p, `https://${host}/help/contact/${id}`)), `${host} ${id}`);
    }
    assert.ok(!fb.some((p) => hrefMatches(p, 'https://www.facebook.com/help/contact/1994830130782319')), 'the generic form is not the AI form');
    assert.ok(!fb.some((p) => hrefMatches(p, 'https://www.facebook.com-privacy.example/help/contact/6359191084165019')), 'look-alike domain');
  });
  test('the generic GDPR forms are wrong-page steps that warn and link to the AI form', () => {
    const cases = [
      ['instagram-ai-objection', 'https://help.instagram.com/contact/117037592428568', /help\.instagram\.com\/contact\/233964459562201$/],
      ['facebook-ai-objection', 'https://www.facebook.com/help/contact/1994830130782319', /facebook\.com\/help\/contact\/6359191084165019$/],
    ];
    for (const [pid, url, link] of cases) {
      const hits = byId[pid].steps.filter((s) => stepMatches(s, url));
      assert.deepEqual(hits.map((s) => s.kind), ['wrong-page'], `${url} must only meet a wrong-page step`);
      assert.match(hits[0].directLink, link);
      for (const lang of UI_LANGS) assert.ok(hits[0].warning[lang], `warning in ${lang}`);
      assert.ok(!hits[0].marks, 'a wrong-page step never moves progress');
    }
  });
});

describe('page matchers against the fixture pages', () => {
  const fixtureUrls = EXPECTED.pages.flatMap((p) => variants(p.url).map((v) => ({ page: p, ...v })));
  const allStepKeys = [...steps.keys()];

  for (const { page, url } of fixtureUrls) {
    test(`${url} fits exactly the steps meant for it`, () => {
      const want = [...new Set(page.checks.map((c) => c.step))].sort();
      const got = allStepKeys.filter((k) => stepMatches(steps.get(k).step, url)).sort();
      assert.deepEqual(got, want);
    });
  }

  // Pages the fixture does not imitate, with the steps that must fit them (and nothing else).
  const SAMPLES = [
    ['https://accountscenter.instagram.com/', ['meta-ai-advice/linked-accounts']],
    ['https://accountscenter.facebook.com/profiles', ['meta-ai-advice/linked-accounts']],
    ['https://www.threads.net/@someone', ['meta-ai-advice/threads']],
    ['https://www.threads.com/', ['meta-ai-advice/threads']],
    ['https://www.messenger.com/t/123', ['meta-ai-advice/messenger']],
    ['https://www.facebook.com/messages/t/123', ['meta-ai-advice/messenger']],
    ['https://web.whatsapp.com/', ['meta-ai-advice/whatsapp']],
    ['https://de-de.facebook.com/privacy/center/?entry_point=comet_dropdown', ['facebook-ai-objection/open-form', 'facebook-ai-objection/unknown-page']],
    ['https://www.facebook.com/privacy/policy/?entry_point=POLICY_GENAI', ['facebook-ai-objection/open-object-section', 'facebook-ai-objection/unknown-page']],
    ['https://www.facebook.com/privacy/policy/?subpage=7.subpage.11-ObjectYouHaveThe', ['facebook-ai-objection/open-object-section', 'facebook-ai-objection/open-object-link', 'facebook-ai-objection/unknown-page']],
    ['https://facebook.com/privacy/guide/genai', ['facebook-ai-objection/open-form', 'third-party-ai-objection/open-form', 'facebook-ai-objection/unknown-page']],
    ['https://www.facebook.com/privacy/genai/', ['facebook-ai-objection/expand-right-to-object', 'facebook-ai-objection/open-form', 'third-party-ai-objection/open-form', 'facebook-ai-objection/unknown-page']],
    ['https://privacycenter.instagram.com/privacy/genai/', ['instagram-ai-objection/expand-right-to-object', 'instagram-ai-objection/open-form', 'instagram-ai-objection/unknown-page']],
    ['https://privacycenter.instagram.com/policy/?entry_point=ig_help_center', ['instagram-ai-objection/open-object-section', 'instagram-ai-objection/unknown-page']],
    ['https://privacycenter.instagram.com/policy/?subpage=7.subpage.11-ObjectYouHaveThe', ['instagram-ai-objection/open-object-section', 'instagram-ai-objection/open-object-link', 'instagram-ai-objection/unknown-page']],
    ['https://help.meta.com/support/privacy/?entry_point=POLICY_SUBPAGE%3A7.subpage.11-ObjectYouHaveThe', ['facebook-ai-objection/find-ai-form', 'instagram-ai-objection/find-ai-form', 'facebook-ai-objection/unknown-page', 'instagram-ai-objection/unknown-page']],
    ['https://help.meta.com/help/privacy-choices/', ['facebook-ai-objection/unknown-page', 'instagram-ai-objection/unknown-page']],
    ['https://privacycenter.instagram.com/some/new/article', ['instagram-ai-objection/unknown-page']],
    ['https://instagram.com/some.user/', ['instagram-ai-objection/open-more-menu', 'instagram-ai-objection/open-settings']],
    ['https://www.instagram.com/accounts/privacy_and_security/', ['instagram-ai-objection/open-privacy-center']],
    ['https://es-la.facebook.com/home.php', ['facebook-ai-objection/open-account-menu', 'facebook-ai-objection/open-settings-privacy', 'facebook-ai-objection/open-privacy-center']],
    ['https://www.facebook.com/help/contact/999999999', []],
    ['https://business.facebook.com/', []],
    ['https://www.facebook.com.evil.example/help/contact/6359191084165019', []],
  ];
  for (const [url, want] of SAMPLES) {
    test(`${url} fits ${want.length ? want.join(', ') : 'no step'}`, () => {
      const got = allStepKeys.filter((k) => stepMatches(steps.get(k).step, url)).sort();
      assert.deepEqual(got, [...want].sort());
    });
  }

  test('every step with pages is meant for at least one fixture page or sample URL', () => {
    const covered = new Set([...EXPECTED.pages.flatMap((p) => p.checks.map((c) => c.step)), ...SAMPLES.flatMap(([, s]) => s)]);
    for (const [key, { step }] of steps) if ((step.pages || []).length) assert.ok(covered.has(key), `${key} is not tested against any page`);
  });

  test('completion URLs of "open" steps lead to the page of the next step', () => {
    // Clicking through must arrive where the next step starts, or the guide would stall.
    const chain = [
      ['instagram-ai-objection/open-settings', 'https://www.instagram.com/accounts/edit/', 'instagram-ai-objection/open-privacy-center'],
      ['instagram-ai-objection/open-privacy-center', 'https://privacycenter.instagram.com/', 'instagram-ai-objection/expand-ai-notice'],
      ['instagram-ai-objection/open-form', 'https://help.instagram.com/contact/767264225370182', 'instagram-ai-objection/submit-form'],
      ['facebook-ai-objection/open-privacy-center', 'https://fr-fr.facebook.com/privacy/center/?locale=fr_FR', 'facebook-ai-objection/open-form'],
      ['facebook-ai-objection/open-form', 'https://www.facebook.com/help/contact/367438723733209', 'facebook-ai-objection/triage-yes'],
      ['facebook-ai-objection/triage-next', 'https://www.facebook.com/help/contact/6359191084165019', 'facebook-ai-objection/submit-form'],
      ['third-party-ai-objection/open-form', 'https://www.facebook.com/help/contact/510058597920541', 'third-party-ai-objection/choose-object'],
      // The 2026 route: the rights list's "Object", its sub-page, Meta's privacy hub, the form.
      ['instagram-ai-objection/open-object-section', 'https://privacycenter.instagram.com/policy/?subpage=7.subpage.11-ObjectYouHaveThe', 'instagram-ai-objection/open-object-link'],
      ['instagram-ai-objection/open-object-link', 'https://help.meta.com/support/privacy/?entry_point=POLICY_SUBPAGE%3A7.subpage.11-ObjectYouHaveThe', 'instagram-ai-objection/find-ai-form'],
      ['instagram-ai-objection/find-ai-form', 'https://help.instagram.com/contact/233964459562201', 'instagram-ai-objection/submit-form'],
      ['facebook-ai-objection/open-object-section', 'https://fr-fr.facebook.com/privacy/policy/?subpage=7.subpage.11-ObjectYouHaveThe', 'facebook-ai-objection/open-object-link'],
      ['facebook-ai-objection/open-object-link', 'https://help.meta.com/support/privacy/', 'facebook-ai-objection/find-ai-form'],
      ['facebook-ai-objection/open-object-link', 'https://www.facebook.com/help/contact/367438723733209', 'facebook-ai-objection/triage-yes'],
      ['facebook-ai-objection/find-ai-form', 'https://www.facebook.com/help/contact/6359191084165019', 'facebook-ai-objection/submit-form'],
    ];
    for (const [from, url, to] of chain) {
      const done = steps.get(from).step.complete.filter((c) => c.type === 'urlMatches').some((c) => pageMatches(c.page, url));
      assert.ok(done, `${from} does not complete at ${url}`);
      assert.ok(stepMatches(steps.get(to).step, url), `${to} does not fit ${url}`);
    }
  });
});

describe('the host validator (optout-guide-host catalog check)', () => {
  const bin = process.env.OG_HOST_BINARY;
  const skip = bin ? false : 'set OG_HOST_BINARY=/path/to/optout-guide-host to run the C++ validator on the catalog';

  test('accepts host/catalog', { skip }, () => {
    const r = spawnSync(bin, ['catalog', 'check', CATALOG_DIR], { encoding: 'utf8' });
    assert.equal(r.status, 0, `catalog check failed:\n${r.stdout}${r.stderr}`);
  });

  test('refuses a copy with a link outside Meta, naming the file and the field', { skip }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'og-catalog-'));
    try {
      fs.cpSync(CATALOG_DIR, dir, { recursive: true });
      const file = path.join(dir, 'procedures/instagram-ai-objection.json');
      const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
      doc.directLink = 'https://help.instagram.com.evil.example/contact/233964459562201';
      fs.writeFileSync(file, JSON.stringify(doc));
      const r = spawnSync(bin, ['catalog', 'check', dir], { encoding: 'utf8' });
      assert.equal(r.status, 1);
      assert.match(r.stdout + r.stderr, /instagram-ai-objection\.json: \/directLink: /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the host picks a step meant for each fixture page (nextStep over native messaging)', () => {
  const bin = process.env.OG_HOST_BINARY;
  const skip = bin ? false : 'set OG_HOST_BINARY=/path/to/optout-guide-host to ask the real host';

  test('fresh progress: every fixture page gets one of its own steps, generic forms a warning', { skip, timeout: 120000 }, async () => {
    const host = startHost(bin);
    try {
      const hello = await host.request({ type: 'hello', client: 'chromium', extensionVersion: '0.1.0' });
      assert.equal(hello.ok, true, JSON.stringify(hello));
      assert.equal(hello.catalog.procedures, catalog.procedures.length);
      for (const page of EXPECTED.pages) {
        const want = new Set(page.checks.map((c) => c.step));
        for (const v of variants(page.url)) {
          const r = await host.request({ type: 'nextStep', context: { url: v.url, title: '', docLang: v.lang, uiLang: v.lang, signals: { headings: [] } } });
          assert.equal(r.ok, true, `${v.url}: ${JSON.stringify(r.error)}`);
          assert.ok(r.match, `${v.url}: the host found no step`);
          const key = `${r.match.procedureId}/${r.match.stepId}`;
          assert.ok(want.has(key), `${v.url}: host chose ${key}, expected one of ${[...want].join(', ')}`);
          if (steps.get(key).step.kind === 'wrong-page') assert.ok(r.match.warning, `${v.url}: wrong-page without a warning`);
          assert.ok(r.match.instruction && r.match.instruction.length > 0);
        }
      }
      const hinted = await host.request({ type: 'nextStep', procedureId: 'third-party-ai-objection', context: { url: 'https://www.facebook.com/privacy/genai/', title: '', docLang: 'en', uiLang: 'fr', signals: { headings: [] } } });
      assert.equal(`${hinted.match.procedureId}/${hinted.match.stepId}`, 'third-party-ai-objection/open-form', 'the hint must win on a shared page');
      assert.equal(hinted.match.instruction, steps.get('third-party-ai-objection/open-form').step.instruction.fr, 'instruction in the UI language');
    } finally {
      await host.close();
    }
  });
});
