// The store listings (docs/store) say what the manifest says: a listing whose summary drifts
// from the manifest's description, or names a screenshot that is gone, is caught here.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const read = (f) => fs.readFileSync(path.join(ROOT, f), "utf8");

for (const lang of ["en", "fr"]) {
  test(`${lang}: the listing's name and summary are the manifest's`, () => {
    const messages = JSON.parse(read(`extension/_locales/${lang}/messages.json`));
    const listing = read(`docs/store/listing-${lang}.md`);
    const name = /^\*\*(?:Name|Nom)[ \u00A0]?:\*\* (.+)$/m.exec(listing);
    assert.ok(name, "a name line");
    assert.equal(name[1], messages.extName.message);
    const summary = /^\*\*(?:Summary|Résumé)\*\*[^\n]*\n(.+)$/m.exec(listing);
    assert.ok(summary, "a summary");
    assert.equal(summary[1], messages.extDescription.message);
    assert.ok(summary[1].length <= 132);
  });
}

test("every screenshot the publishing notes name exists", () => {
  const notes = read("docs/store/README.md");
  const names = [...notes.matchAll(/`([a-z0-9-]+\.png)`/g)].map((m) => m[1]).filter((n) => !/^(IN|OUT)\./.test(n));
  assert.ok(names.length >= 5, names.join(", "));
  for (const n of names) assert.ok(fs.existsSync(path.join(ROOT, "docs/screenshots", n)), n);
});

test("the privacy policy says nothing is sent and names every place something is kept", () => {
  const policy = read("docs/privacy.md");
  assert.match(policy, /Nothing is sent anywhere/);
  for (const place of ["progress.db", "host.log", "install-record.json", "storage.local", "session storage"]) {
    assert.ok(policy.includes(place), place);
  }
});
