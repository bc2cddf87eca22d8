// Mozilla's linter on the extension as it loads unpacked and as it ships to Firefox: no error,
// and no warning other than those explained in docs/extension-lint.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const webExt = join(root, 'node_modules', '.bin', 'web-ext');
const explained = new Set(['BACKGROUND_SERVICE_WORKER_IGNORED', 'MISSING_DATA_COLLECTION_PERMISSIONS']);

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
        assert.ok(!report.warnings.some((m) => m.code === 'BACKGROUND_SERVICE_WORKER_IGNORED'),
            'the Firefox package should not carry the service worker');
    } finally {
        rmSync(out, { recursive: true, force: true });
    }
});
