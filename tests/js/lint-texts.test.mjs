// The text lint (tests/lint/texts.mjs) passes on the tree and fails on a planted mistake of each
// kind: each test copies the texts to a temporary tree, plants one mistake and expects exactly
// that rule to fail, at that place.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { lintTexts } from "../lint/texts.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TEXTS = ["extension/_locales", "host/catalog", "host/locales", "installer/windows", "scripts/lib/install-texts.txt"];

function copyTree() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "og-lint-"));
  for (const t of TEXTS) if (fs.existsSync(path.join(ROOT, t))) fs.cpSync(path.join(ROOT, t), path.join(dir, t), { recursive: true });
  return dir;
}

const failing = (checks) => checks.filter((c) => c.violations.length).map((c) => `${c.rule}: ${c.source}`);

function editJson(dir, file, fn) {
  const p = path.join(dir, file);
  const data = JSON.parse(fs.readFileSync(p, "utf8"));
  fn(data);
  fs.writeFileSync(p, JSON.stringify(data, null, 2));
}

// A planted edit of a text file (the installer's script): `fn` maps its text to the new text.
function editText(dir, file, fn) {
  const p = path.join(dir, file);
  const before = fs.readFileSync(p, "utf8");
  const after = fn(before);
  assert.notEqual(after, before, `the planted mistake changed ${file}`);
  fs.writeFileSync(p, after);
}

const locale = (lang) => `extension/_locales/${lang}/messages.json`;
const NSI = "installer/windows/optout-guide.nsi";
const FB = "host/catalog/procedures/facebook-ai-objection.json";
const SH = "scripts/lib/install-texts.txt";

test("the texts of the tree pass the lint", () => {
  const checks = lintTexts(ROOT);
  assert.deepEqual(failing(checks), [], JSON.stringify(checks.flatMap((c) => c.violations).slice(0, 5), null, 1));
  assert.ok(checks.length >= 24, `${checks.length} checks`);
});

const PLANTED = [
  ["keys", "extension/_locales", locale("de"), "/btnSkip", (d) => d[locale("de")] = (m) => { delete m.btnSkip; }],
  ["keys", "host/catalog", FB, "/steps/0/instruction/it", (d) => d[FB] = (c) => { delete c.steps[0].instruction.it; }],
  ["placeholders", "extension/_locales", locale("fr"), "/stepOf", (d) => d[locale("fr")] = (m) => { m.stepOf.message = "Étape $P1$"; }],
  ["lengths", "extension/_locales", locale("it"), "/extDescription/message", (d) => d[locale("it")] = (m) => { m.extDescription.message += " Senza pubblicità, senza account, senza nulla da configurare."; }],
  ["apostrophes", "extension/_locales", locale("en"), "/btnNotWhatISee/message", (d) => d[locale("en")] = (m) => { m.btnNotWhatISee.message = "This isn't what I see"; }],
  ["apostrophes", "host/catalog", FB, "/steps/0/instruction/it", (d) => d[FB] = (c) => { c.steps[0].instruction.it = "Fai clic sull'immagine del profilo."; }],
  ["quotes", "host/catalog", FB, "/steps/1/instruction/fr", (d) => d[FB] = (c) => { c.steps[1].instruction.fr = "Cliquez sur \"Paramètres et confidentialité\"."; }],
  ["quotes", "extension/_locales", locale("de"), "/formRefused/message", (d) => d[locale("de")] = (m) => { m.formRefused.message = m.formRefused.message.replace("„", "«"); }],
  ["spacing", "extension/_locales", locale("fr"), "/hiddenSites/message", (d) => d[locale("fr")] = (m) => { m.hiddenSites.message = "Guide masqué sur :"; }],
  ["spacing", "host/catalog", FB, "/summary/fr", (d) => d[FB] = (c) => { c.summary.fr = c.summary.fr.replace("\u202F;", " ;"); }],
  ["spacing", "host/catalog", FB, "/steps/1/instruction/fr", (d) => d[FB] = (c) => { c.steps[1].instruction.fr = "Cliquez sur « Paramètres et confidentialité »."; }],
  ["spacing", "extension/_locales", locale("es"), "/hiddenSites/message", (d) => d[locale("es")] = (m) => { m.hiddenSites.message = "Guía oculta en :"; }],
  ["register", "extension/_locales", locale("de"), "/shortcutHint/message", (d) => d[locale("de")] = (m) => { m.shortcutHint.message = "Der Rahmen zeigt, wo Sie klicken. $P1$ springt dorthin."; }],
  ["register", "extension/_locales", locale("es"), "/popupTitle/message", (d) => d[locale("es")] = (m) => { m.popupTitle.message = "Sus oposiciones al entrenamiento de la IA de Meta"; }],
  ["register", "host/catalog", FB, "/steps/0/instruction/fr", (d) => d[FB] = (c) => { c.steps[0].instruction.fr = "Clique sur ta photo de profil."; }],
  ["register", "host/catalog", FB, "/steps/0/instruction/it", (d) => d[FB] = (c) => { c.steps[0].instruction.it = "Faccia clic sulla Sua immagine del profilo."; }],
  ["english", "extension/_locales", locale("it"), "/btnSkip/message", (d) => d[locale("it")] = (m) => { m.btnSkip.message = "Skip"; }],
  ["english", "host/catalog", FB, "/steps/0/lookFor/de", (d) => d[FB] = (c) => { c.steps[0].lookFor.de = "Click the small round picture."; }],
  ["commands", "extension/_locales", locale("fr"), "/errHostMissing/message", (d) => d[locale("fr")] = (m) => { m.errHostMissing.message = "Lancez scripts/install.sh dans un terminal."; }],
  ["commands", "extension/_locales", locale("en"), "/reportSaved/message", (d) => d[locale("en")] = (m) => { m.reportSaved.message = "Saved. Export it with optout-guide-host report --export FILE"; }],
  ["commands", "host/catalog", FB, "/steps/0/lookFor/es", (d) => d[FB] = (c) => { c.steps[0].lookFor.es = "Si no aparece, ejecuta sudo cmake --install build."; }],
  ["keys", "host/locales", "host/locales/de.json", "/doctor.fix", (d) => d["host/locales/de.json"] = (m) => { delete m["doctor.fix"]; }],
  ["placeholders", "host/locales", "host/locales/it.json", "/step_of", (d) => d["host/locales/it.json"] = (m) => { m.step_of = "passo {k}"; }],
  ["spacing", "host/locales", "host/locales/fr.json", "/doctor.fix", (d) => d["host/locales/fr.json"] = (m) => { m["doctor.fix"] = "solution : {text}"; }],
  ["english", "host/locales", "host/locales/es.json", "/none", (d) => d["host/locales/es.json"] = (m) => { m.none = "No procedure has been started yet."; }],
  ["commands", "host/locales", "host/locales/fr.json", "/doctor.fix", (d) => d["host/locales/fr.json"] = (m) => { m["doctor.fix"] = "solution\u00A0: sudo scripts/install.sh {text}"; }],
  ["answers", "host/locales", "host/locales/fr.json", "/uninstall.purge_yes", (d) => d["host/locales/fr.json"] = (m) => { m["uninstall.purge_yes"] = "j, ja"; }],
  ["answers", "host/locales", "host/locales/de.json", "/uninstall.purge_question", (d) => d["host/locales/de.json"] = (m) => { m["uninstall.purge_question"] = m["uninstall.purge_question"].replace(" [j/N] ", " "); }],
  ["keys", SH, SH, "/step.deps", (d) => d[SH] = (t) => t.replace(/^it = Dipendenze di compilazione\n/m, "")],
  ["placeholders", SH, SH, "/step.build/de", (d) => d[SH] = (t) => t.replace("kompiliert (Release), in {folder}", "kompiliert (Release), in {ordner}")],
  ["spacing", SH, SH, "/step.load/fr", (d) => d[SH] = (t) => t.replace("fr = Chargement de l’extension", "fr = Chargement de l’extension !")],
  ["register", SH, SH, "/step.register/de", (d) => d[SH] = (t) => t.replace("bei deinen Browsern", "bei Ihren Browsern")],
  ["english", SH, SH, "/deps.present/es", (d) => d[SH] = (t) => t.replace("es = todas presentes", "es = all present")],
  ["keys", "installer/windows", NSI, "/PurgeSection/it", (d) => d[NSI] = (t) => t.replace(/^LangString PurgeSection \$\{LANG_ITALIAN\}.*\n/m, "")],
  ["keys", "installer/windows", NSI, "/MUI_LANGUAGE/es", (d) => d[NSI] = (t) => t.replace('!insertmacro MUI_LANGUAGE "Spanish"\n', "")],
  ["apostrophes", "installer/windows", NSI, "/OpenChromeStore/fr", (d) => d[NSI] = (t) => t.replace("la page de l’extension dans", "la page de l'extension dans")],
  ["spacing", "installer/windows", NSI, "/FinishText/fr", (d) => d[NSI] = (t) => t.replace("déjà fait\u00A0:", "déjà fait :")],
  ["spacing", "installer/windows", NSI, "/InstallFailed/fr", (d) => d[NSI] = (t) => t.replace("ci-dessus\u202F;", "ci-dessus ;")],
  ["quotes", "installer/windows", NSI, "/PurgeSection/de", (d) => d[NSI] = (t) => t.replace("Auch meinen Fortschritt löschen", "„Auch“ meinen Fortschritt $\\\"löschen$\\\"")],
  ["register", "installer/windows", NSI, "/PurgeDescription/es", (d) => d[NSI] = (t) => t.replace("salvo que marques esta casilla", "salvo que usted marque esta casilla")],
  ["english", "installer/windows", NSI, "/OpenFirefoxStore/it", (d) => d[NSI] = (t) => t.replace("Apri la pagina del componente aggiuntivo", "Open the add-on page")],
];

// Terms and agreement (tests/lint/term-rules.json): a planted calque, English crutch, second word
// for one thing, and a state of the other gender, each caught by its own rule.
const IG = "host/catalog/procedures/instagram-ai-objection.json";
PLANTED.push(
  ["terms", "host/catalog", FB, "/steps/12/warning/fr", (d) => d[FB] = (c) => { c.steps[12].warning.fr = "Ce formulaire ne vaut pas objection à l’entraînement de l’IA."; }],
  ["terms", "host/catalog", IG, "/steps/6/instruction/es", (d) => d[IG] = (c) => { c.steps[6].instruction.es = "En la lista de tus derechos, haz clic en «Oposición» (en inglés «Object»)."; }],
  ["terms", "extension/_locales", locale("de"), "/noteChanged/message", (d) => d[locale("de")] = (m) => { m.noteChanged.message = m.noteChanged.message.replace("Die Anleitung", "Der Guide"); }],
  ["terms", "extension/_locales", locale("it"), "/cardHiddenOnPage/message", (d) => d[locale("it")] = (m) => { m.cardHiddenOnPage.message = m.cardHiddenOnPage.message.replace("passo $P2$", "passaggio $P2$"); }],
  ["agreement", "extension/_locales", locale("fr"), "/state_not_started", (d) => d[locale("fr")] = (m) => { m.state_not_started.message = "Pas commencé"; }],
  ["agreement", "extension/_locales", locale("it"), "/state_not_started", (d) => d[locale("it")] = (m) => { m.state_not_started.message = "Non iniziato"; }],
  ["agreement", "host/locales", "host/locales/es.json", "/state.submitted", (d) => d["host/locales/es.json"] = (m) => { m["state.submitted"] = "Enviado"; }],
);

for (const [rule, source, file, pointer, plant] of PLANTED) {
  test(`a planted ${rule} mistake in ${file}#${pointer} fails that rule only`, () => {
    const dir = copyTree();
    try {
      const edits = {};
      plant(edits);
      for (const [f, fn] of Object.entries(edits)) (f.endsWith(".json") ? editJson : editText)(dir, f, fn);
      const checks = lintTexts(dir);
      assert.deepEqual(failing(checks), [`${rule}: ${source}`]);
      const found = checks.find((c) => c.rule === rule && c.source === source).violations;
      assert.ok(found.some((v) => v.file === file && v.pointer.startsWith(pointer)), JSON.stringify(found, null, 1));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("the stage prints every check and ends with the count", async () => {
  const { spawnSync } = await import("node:child_process");
  const dir = copyTree();
  try {
    editJson(dir, locale("fr"), (m) => { m.btnSkip.message = "Passer !"; });
    const r = spawnSync(process.execPath, [path.join(ROOT, "tests/lint/texts.mjs"), dir], { encoding: "utf8" });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /FAIL spacing: extension\/_locales \(1\)\n.*fr\/messages\.json#\/btnSkip\/message \[fr\]/);
    assert.match(r.stdout, /\n\d+ passed, 1 failed\n$/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
