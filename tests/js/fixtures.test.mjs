// The Meta-like fixture site and its HTTPS server (tests/fixtures/): every page is served by
// host name over TLS in English and French, looks hostile the way Meta's pages do, loads
// nothing from elsewhere, and its forms really submit and confirm.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { startFixtureServer } from '../fixtures/server.mjs';
import { HOSTS } from '../fixtures/meta/site.mjs';
import { EXPECTED, ROOT, loadCatalog, openPage, request, stepIndex, variants } from './lib/fixture-env.mjs';

const steps = stepIndex(loadCatalog());
let fx;
before(async () => {
  fx = await startFixtureServer();
});
after(async () => {
  await fx?.close();
});

const confirmTexts = (stepKey, lang) => {
  const cond = steps.get(stepKey).step.complete.find((c) => c.type === 'formSubmitted').accepted;
  return [...(cond.text[lang] || []), ...cond.text.en].map((t) => t.toLowerCase().replace(/\s+/g, ' '));
};
const pageText = (html) => html.replace(/<template[\s\S]*?<\/template>/g, (t) => t).replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').toLowerCase();
const classesOf = (html) => new Set([...html.matchAll(/class="([^"]*)"/g)].flatMap((m) => m[1].split(/\s+/)).filter(Boolean));

describe('serving', () => {
  for (const page of EXPECTED.pages) {
    test(`${page.url} in English and French over HTTPS`, async () => {
      const served = [];
      for (const v of variants(page.url)) {
        const res = await request(fx, v.url);
        assert.equal(res.status, 200, `${v.url}: ${res.status}`);
        assert.match(res.headers['content-type'], /^text\/html/);
        assert.match(res.text, new RegExp(`<html lang="${v.lang}"`), `${v.url} is not in ${v.lang}`);
        // Nothing from elsewhere: no external script, style, font or image.
        assert.doesNotMatch(res.text, /<(script|img|iframe)[^>]+src="https?:/i);
        assert.doesNotMatch(res.text, /<link[^>]+href=/i);
        assert.doesNotMatch(res.text, /url\(\s*['"]?https?:|@import/i);
        served.push({ ...v, html: res.text });
      }
      const en = served.find((s) => s.lang === 'en');
      const fr = served.find((s) => s.lang === 'fr');
      assert.notEqual(pageText(en.html), pageText(fr.html), 'French page reads like the English one');
      const shared = [...classesOf(en.html)].filter((c) => classesOf(fr.html).has(c));
      assert.deepEqual(shared, [], 'hashed class names must differ between the languages');
    });
  }

  test('unknown paths and hosts answer 404, the page script is served', async () => {
    assert.equal((await request(fx, 'https://www.facebook.com/no/such/page')).status, 404);
    assert.equal((await request(fx, 'https://help.instagram.com/contact/1')).status, 404);
    const js = await request(fx, 'https://www.instagram.com/__fx/app.js');
    assert.equal(js.status, 200);
    assert.match(js.headers['content-type'], /javascript/);
  });

  test('the certificate is valid for every Meta host name the fixture answers for', async () => {
    for (const host of HOSTS) {
      const res = await request(fx, `https://${host}/__fx/app.js`);
      assert.equal(res.status, 200, host);
    }
    await assert.rejects(request(fx, 'https://www.example.org/__fx/app.js'), /altnames|Hostname/i, 'a name outside the certificate must fail TLS');
  });

  test('a cookie locale=fr_FR also selects French', async () => {
    const res = await request(fx, 'https://www.instagram.com/', { headers: { cookie: 'locale=fr_FR' } });
    assert.match(res.text, /<html lang="fr"/);
  });
});

describe('late content and in-place pages', () => {
  test('content appears only after load (random 0.5–2 s by default), never in the first HTML', async () => {
    const url = 'https://www.facebook.com/privacy/center/';
    const res = await request(fx, url);
    const { doc, win } = await openPage(res.text, url).catch((e) => { throw e; });
    // openPage waited for the render; the served HTML itself had the section only in a template.
    assert.match(res.text, /<template data-fx-route="\/privacy\/center"/);
    assert.ok(doc.querySelector('[data-fx-outlet] section'), 'the Privacy Center was not rendered after the delay');
    assert.ok(win.__fx.renders() >= 1);
  });
});

describe('forms submit and confirm', () => {
  const form = (obj) => new URLSearchParams(obj).toString();
  const urlencoded = { 'content-type': 'application/x-www-form-urlencoded' };

  for (const [url, lang] of [
    ['https://www.facebook.com/help/contact/6359191084165019', 'en'],
    ['https://fr-fr.facebook.com/help/contact/712876720715583', 'fr'],
  ]) {
    test(`the Facebook AI form posts and shows a confirmation the catalog recognises (${lang})`, async () => {
      const n = fx.submissions.length;
      const res = await request(fx, url, { method: 'POST', body: form({ email: 'me@example.org', reason: 'no thanks', fx_trusted: 'true' }), headers: urlencoded });
      assert.equal(res.status, 200);
      const text = pageText(res.text);
      assert.ok(confirmTexts('facebook-ai-objection/submit-form', lang).some((t) => text.includes(t)), 'no confirmation text the catalog knows');
      assert.equal(fx.submissions.length, n + 1);
      const s = fx.submissions.at(-1);
      assert.equal(s.formId, new URL(url).pathname.split('/').pop());
      assert.equal(s.host, new URL(url).hostname);
      assert.deepEqual(s.fields, { email: 'me@example.org', reason: 'no thanks' });
      assert.equal(s.trusted, true);
      assert.equal(s.lang, lang);
    });
  }

  test('the Instagram AI form posts in place (fetch) and its confirmation is recognised in both languages', async () => {
    const n = fx.submissions.length;
    const res = await request(fx, 'https://help.instagram.com/contact/233964459562201', { method: 'POST', body: form({ email: 'me@example.org', fx_ajax: '1', fx_trusted: 'false' }), headers: urlencoded });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.text), { ok: true });
    assert.equal(fx.submissions.length, n + 1);
    assert.equal(fx.submissions.at(-1).ajax, true);
    assert.equal(fx.submissions.at(-1).trusted, false, 'a scripted submit is logged as not trusted');
    for (const lang of ['en', 'fr']) {
      const page = await request(fx, `https://help.instagram.com/contact/233964459562201${lang === 'fr' ? '?locale=fr_FR' : ''}`);
      const confirm = /<template data-fx-confirm>([\s\S]*?)<\/template>/.exec(page.text);
      assert.ok(confirm, 'no in-page confirmation');
      const text = pageText(confirm[1]);
      assert.ok(confirmTexts('instagram-ai-objection/submit-form', lang).some((t) => text.includes(t)), `confirmation not recognised in ${lang}`);
      assert.ok(!confirmTexts('instagram-ai-objection/submit-form', lang).some((t) => pageText(page.text.replace(confirm[0], '')).includes(t)), 'the confirmation text shows before submitting');
    }
  });

  test('the third-party form posts multipart with its fields and the screenshot', async () => {
    const boundary = '----fx' + Date.now();
    const part = (name, value, filename) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: image/png` : ''}\r\n\r\n${value}\r\n`;
    const body = part('choice', 'object') + part('first_name', 'Zoé') + part('prompts', 'who is Zoé?') + part('evidence', 'PNGDATA', 'shot.png') + `--${boundary}--\r\n`;
    const res = await request(fx, 'https://www.facebook.com/help/contact/1266025207620918', { method: 'POST', body: Buffer.from(body, 'utf8'), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    assert.equal(res.status, 200);
    const s = fx.submissions.at(-1);
    assert.equal(s.fields.first_name, 'Zoé');
    assert.equal(s.fields.choice, 'object');
    assert.deepEqual(s.fields.evidence, { filename: 'shot.png', size: 7 });
    assert.ok(confirmTexts('third-party-ai-objection/submit-form', 'en').some((t) => pageText(res.text).includes(t)));
  });

  test('the generic form confirms too, but never with a text that would mark the AI objection submitted', async () => {
    for (const [url, key] of [['https://www.facebook.com/help/contact/1994830130782319', 'facebook-ai-objection/submit-form'], ['https://help.instagram.com/contact/117037592428568', 'instagram-ai-objection/submit-form']]) {
      const res = await request(fx, url, { method: 'POST', body: form({ email: 'me@example.org', explain: 'x' }), headers: urlencoded });
      assert.equal(res.status, 200);
      const text = pageText(res.text);
      assert.ok(!confirmTexts(key, 'en').some((t) => text.includes(t)), `${url}: generic confirmation looks like the AI one`);
    }
  });

  test('loading pages never records a submission', async () => {
    const n = fx.submissions.length;
    for (const p of EXPECTED.pages) await request(fx, p.url);
    assert.equal(fx.submissions.length, n);
  });
});

describe('command line', () => {
  test('node tests/fixtures/server.mjs --port 0 prints its address and serves', { timeout: 60000 }, async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'tests/fixtures/server.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const lines = readline.createInterface({ input: child.stdout });
      const seen = [];
      await new Promise((resolve, reject) => {
        lines.on('line', (l) => {
          seen.push(l);
          if (seen.length === 2) resolve();
        });
        child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      const m = /^listening https:\/\/127\.0\.0\.1:(\d+)$/.exec(seen[0]);
      assert.ok(m, `unexpected first line: ${seen[0]}`);
      const certFile = seen[1].replace(/^certificate /, '');
      const res = await request({ port: Number(m[1]), certFile }, 'https://www.instagram.com/');
      assert.equal(res.status, 200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
    }
  });

  test('a bad --port is refused with a clear message', { timeout: 60000 }, async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'tests/fixtures/server.mjs'), '--port', 'abc'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, 2);
    assert.match(err, /--port needs a number/);
  });
});
