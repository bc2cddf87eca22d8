// The extension's own shared rules (extension/shared/*.js), loaded as the browser loads them:
// classic scripts sharing globalThis.OptoutGuide. For tests that check data against the real
// implementation instead of a copy.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const EXTENSION_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../extension');
const SCRIPTS = ['shared/namespace.js', 'shared/text.js', 'shared/allowlist.js', 'shared/page-match.js', 'shared/messages.js'];

for (const file of SCRIPTS) {
  vm.runInThisContext(fs.readFileSync(path.join(EXTENSION_DIR, file), 'utf8'), { filename: file });
}

export const OG = globalThis.OptoutGuide;
export const { fold, baseLang, localizedCandidates } = OG.text;
export const { pageMatches, pathMatches, hrefMatches, conditionMet } = OG.pageMatch;
export const { validAccount } = OG.messages;

export function stepMatches(step, url, page) {
  return (step.pages || []).some((m) => pageMatches(m, url, page));
}
