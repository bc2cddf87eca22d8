// Mozilla's linter on the extension as it loads unpacked and as it ships to Firefox: no error,
// and no warning other than those explained in docs/extension-lint.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const webExt = join(root, 'node_modules', '.bin', 'web-ext');
const explained = new Set(['BACKGROUND_SERVICE_WORKER_IGNORED']);

function lint(dir) {
    let out;
    try {
        out = execFileSync(webExt, ['lint', '-s', dir, '-o', 'json', '--no-config-discovery'], {
            encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
        });
    } catch (e) {
        out = e.stdout; // web-ext exits non-zero on errors; the JSON report is still there
    }
    return JSON.parse(out);
}

function assertClean(report) {
    assert.deepEqual(report.errors.map((m) => `${m.code}: ${m.message}`), []);
    const unexplained = report.warnings.filter((m) => !explained.has(m.code));
    assert.deepEqual(unexplained.map((m) => `${m.code}: ${m.message} (${m.file ?? ''})`), []);
}

test('web-ext lint: the extension/ folder has no errors and only explained warnings', () => {
    assertClean(lint(join(root, 'extension')));
});

test('web-ext lint: the Firefox package has no errors and only explained warnings', () => {
    const out = mkdtempSync(join(tmpdir(), 'og-lint-'));
    try {
        execFileSync('bash', [join(root, 'scripts', 'package-extension.sh'), '--out', out], { stdio: 'ignore' });
        const xpi = join(out, 'optout-guide-firefox.xpi');
        assert.ok(existsSync(xpi), 'package-extension.sh made no .xpi');
        const unpacked = join(out, 'xpi');
        execFileSync('unzip', ['-q', xpi, '-d', unpacked]);
        const report = lint(unpacked);
        assertClean(report);
        // What addons.mozilla.org gets: not one warning, and nothing collected declared.
        assert.deepEqual(report.warnings.map((m) => m.code), []);
        assert.deepEqual(report.notices.map((m) => m.code), []);
        const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8'));
        assert.deepEqual(manifest.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
    } finally {
        rmSync(out, { recursive: true, force: true });
    }
});

test('the Chrome Web Store package carries no key (the store refuses one) and nothing Firefox-only', () => {
    const out = mkdtempSync(join(tmpdir(), 'og-cws-'));
    try {
        execFileSync('bash', [join(root, 'scripts', 'package-extension.sh'), '--out', out], { stdio: 'ignore' });
        const unpacked = join(out, 'cws');
        execFileSync('unzip', ['-q', join(out, 'optout-guide-chrome-web-store.zip'), '-d', unpacked]);
        const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8'));
        const source = JSON.parse(readFileSync(join(root, 'extension', 'manifest.json'), 'utf8'));
        assert.equal(manifest.key, undefined);
        assert.equal(manifest.browser_specific_settings, undefined);
        assert.equal(manifest.background.scripts, undefined);
        assert.equal(manifest.background.service_worker, source.background.service_worker);
        assert.equal(manifest.version, source.version);
        assert.ok(existsSync(join(unpacked, 'onboarding', 'onboarding.html')), 'the onboarding page ships');
        const unpackedZip = join(out, 'chromium');
        execFileSync('unzip', ['-q', join(out, 'optout-guide-chromium.zip'), '-d', unpackedZip]);
        assert.equal(JSON.parse(readFileSync(join(unpackedZip, 'manifest.json'), 'utf8')).key, source.key,
            'the unpacked package keeps the pinned ID');
    } finally {
        rmSync(out, { recursive: true, force: true });
    }
});
