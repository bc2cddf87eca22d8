// The catalog's rules (tests/conformance/rules.json) against the extension's implementation
// (extension/shared/text.js, page-match.js, messages.js). tests/unit/test_conformance.cpp runs the same
// cases against the host's, so the two cannot drift apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/fixture-env.mjs';
import { OG, baseLang, conditionMet, fold, hrefMatches, localizedCandidates, pageMatches, pathMatches, validAccount } from './lib/extension-shared.mjs';

const { cases } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/conformance/rules.json'), 'utf8'));

const page = (c) => ({ pageLang: c.docLang ?? '', headings: c.headings ?? [] });
const RUN = {
  fold: (c) => fold(c.text),
  lang: (c) => baseLang(c.tag),
  candidates: (c) => [...localizedCandidates(c.list, c.docLang)],
  path: (c) => pathMatches(c.pattern, c.path),
  href: (c) => hrefMatches(c.pattern, c.href),
  page: (c) => pageMatches(c.matcher, c.url, page(c)),
  condition: (c) => conditionMet(c.condition, { url: c.url, ...page(c), pageText: c.pageText ?? '' }),
  account: (c) => validAccount(c.name),
  name: (c) => OG.text.nameMatches(c.name, localizedCandidates(c.list, c.docLang)),
  destination: (c) => OG.allowlist.linkDestination(c.url),
  allowed: (c) => OG.allowlist.isAllowedUrl(c.url, c.hosts),
};

test('the conformance data is well formed', () => {
  assert.ok(cases.length >= 80, `only ${cases.length} cases`);
  for (const [i, c] of cases.entries()) {
    assert.ok(RUN[c.kind], `case ${i}: unknown kind ${JSON.stringify(c.kind)}`);
    assert.ok(typeof c.why === 'string' && c.why.length > 5, `case ${i} says not why`);
    assert.ok('expect' in c, `case ${i} has no expect`);
  }
  for (const kind of Object.keys(RUN)) assert.ok(cases.some((c) => c.kind === kind), `no ${kind} case`);
});

for (const [i, c] of cases.entries()) {
  test(`#${i} ${c.kind}: ${c.why}`, () => {
    assert.ok(RUN[c.kind], `unknown kind ${c.kind}`);
    assert.deepEqual(RUN[c.kind](c), c.expect);
  });
}
