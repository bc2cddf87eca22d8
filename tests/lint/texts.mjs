// The text lint: every user-facing string (extension _locales, the catalog's texts, the host's
// message tables, the Windows installer's LangStrings, scripts/install.sh's texts) checked against tests/lint/text-rules.json. Pure over a tree: lintTexts(root)
// reads the files and returns one check per (rule, file); run as a script it prints them and
// ends with "N passed, N failed" like every stage.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const RULES = JSON.parse(fs.readFileSync(new URL("./text-rules.json", import.meta.url), "utf8"));

// {file, pointer, lang, key, text, origin: "browser"|"host"}: origin says where it is read.
function collectLocales(root) {
  const out = { strings: [], files: {} };
  const dir = path.join(root, "extension/_locales");
  for (const lang of RULES.languages) {
    const file = `extension/_locales/${lang}/messages.json`;
    const data = JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));
    out.files[lang] = { file, data };
    for (const [key, entry] of Object.entries(data)) {
      out.strings.push({ file, pointer: `/${key}/message`, lang, key, text: entry.message, origin: "browser" });
    }
  }
  if (!fs.existsSync(dir)) throw new Error(`${dir} is missing`);
  return out;
}

function catalogFiles(root) {
  const dir = path.join(root, "host/catalog/procedures");
  return ["host/catalog/catalog.json", ...fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()
    .map((f) => `host/catalog/procedures/${f}`)];
}

// Localized texts of the catalog: objects under one of the text fields whose values are strings
// per language (locator lists hold arrays and are Meta's labels, matched, never shown as ours).
function collectCatalog(root) {
  const texts = [];
  const fields = new Set(RULES.catalogTextFields);
  for (const file of catalogFiles(root)) {
    const walk = (node, ptr) => {
      if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${ptr}/${i}`));
      if (!node || typeof node !== "object") return;
      for (const [k, v] of Object.entries(node)) {
        const p = `${ptr}/${k}`;
        if (fields.has(k) && v && typeof v === "object" && !Array.isArray(v) && typeof v[RULES.reference] === "string") {
          texts.push({ file, pointer: p, values: v });
        } else walk(v, p);
      }
    };
    walk(JSON.parse(fs.readFileSync(path.join(root, file), "utf8")), "");
  }
  return texts;
}

// host/locales/<lang>.json: flat {key: text} tables the host embeds at build time.
function collectHost(root) {
  const out = { strings: [], files: {} };
  for (const lang of RULES.languages) {
    const file = `host/locales/${lang}.json`;
    if (!fs.existsSync(path.join(root, file))) continue;
    const data = JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));
    out.files[lang] = { file, data };
    for (const [key, text] of Object.entries(data)) {
      if (key.startsWith("$")) continue;
      out.strings.push({ file, pointer: `/${key}`, lang, key, text, origin: "host" });
    }
  }
  return out;
}

// installer/windows/*.nsi: `LangString NAME ${LANG_X} "text"` lines, and the MUI_LANGUAGE lines
// that make each language exist in the installer. NSIS's own escapes become what the person sees;
// a variable ($0, ${HOST}, $\"${HOST}$\" — a path quoted for a command) becomes a {placeholder}.
function collectInstaller(root) {
  const out = { strings: [], files: {}, languages: {} };
  const dir = path.join(root, RULES.installer.dir);
  if (!fs.existsSync(dir)) return out;
  const byNsis = Object.fromEntries(Object.entries(RULES.installer.languages).map(([lang, n]) => [n.toUpperCase(), lang]));
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".nsi")).sort()) {
    const file = `${RULES.installer.dir}/${name}`;
    const lines = fs.readFileSync(path.join(dir, name), "utf8").split("\n");
    const data = {};
    lines.forEach((line, i) => {
      const mui = /^!insertmacro MUI_LANGUAGE "(\w+)"/.exec(line);
      if (mui) (out.languages[file] ||= new Set()).add(mui[1]);
      const m = /^LangString (\w+) \$\{LANG_(\w+)\} "(.*)"\s*$/.exec(line);
      if (!m) return;
      const lang = byNsis[m[2]] || m[2].toLowerCase();
      const text = m[3].replace(/\$\\"\$\{(\w+)\}\$\\"/g, (_, v) => `{${v.toLowerCase()}}`)
        .replace(/\$\{(\w+)\}/g, (_, v) => `{${v.toLowerCase()}}`).replace(/\$\d/g, "{register}")
        .replace(/\$\\"/g, "\"").replace(/\$\\[rn]/g, "\n").replace(/\$\\t/g, "\t").replace(/\$\$/g, "$");
      (data[lang] ||= {})[m[1]] = text;
      out.strings.push({ file, pointer: `/${m[1]}/${lang}`, line: i + 1, lang, key: m[1], text, origin: "installer" });
    });
    out.files[file] = data;
  }
  return out;
}

// scripts/lib/install-texts.txt: "[key]" then "lang = text" lines, what scripts/install.sh says
// (read by plain bash, so not JSON).
function collectScript(root) {
  const out = { strings: [], files: {} };
  const file = RULES.scriptTexts.file;
  if (!fs.existsSync(path.join(root, file))) return out;
  let key = null;
  fs.readFileSync(path.join(root, file), "utf8").split("\n").forEach((line, i) => {
    const section = /^\[([a-z_.]+)\]$/.exec(line);
    if (section) { key = section[1]; return; }
    const m = /^([a-z][a-z]) = (.*)$/.exec(line);
    if (!m || !key) return;
    const data = (out.files[m[1]] ||= { file, data: {} }).data;
    data[key] = m[2];
    out.strings.push({ file, pointer: `/${key}/${m[1]}`, line: i + 1, lang: m[1], key, text: m[2], origin: "script" });
  });
  return out;
}

// \b in a rule is a word boundary between letters of any script: JavaScript's own \b is ASCII
// only, and would see "tes" in « requêtes ».
const UNICODE_BOUNDARY = "(?:(?<=[\\p{L}\\p{N}_])(?![\\p{L}\\p{N}_])|(?<![\\p{L}\\p{N}_])(?=[\\p{L}\\p{N}_]))";
const re = (rule) => new RegExp(rule.pattern.replaceAll("\\b", UNICODE_BOUNDARY), "g" + (rule.flags || "") + "u");
// A placeholder stands for a value, never for a space: "{path}: {error}" has none before its colon.
const visible = (text) => text.replace(/\$[A-Za-z0-9_]+\$|\{[a-z_]+\}/g, "0");

function firstMatch(rule, text) {
  const m = re(rule).exec(visible(text));
  return m ? m[0] : null;
}

// The checks. Each returns violations [{file, pointer, lang, message}] for the strings given.
function checkKeys(tables, label) {
  const v = [];
  const ref = tables.files[RULES.reference];
  if (!ref) return v;
  const refKeys = Object.keys(ref.data).filter((k) => !k.startsWith("$"));
  for (const lang of RULES.languages) {
    const t = tables.files[lang];
    if (!t) { v.push({ file: `${label}/${lang}`, pointer: "", lang, message: "this language is missing" }); continue; }
    const keys = new Set(Object.keys(t.data));
    for (const k of refKeys) if (!keys.has(k)) v.push({ file: t.file, pointer: `/${k}`, lang, message: `key missing (${ref.file} has it)` });
    for (const k of keys) if (!k.startsWith("$") && !(k in ref.data)) v.push({ file: t.file, pointer: `/${k}`, lang, message: `key not in ${ref.file}` });
  }
  return v;
}

// Every LangString in every language, and each language declared to NSIS (MUI_LANGUAGE): a
// LangString for a language the installer does not load is never shown.
function checkInstallerLanguages(installer) {
  const v = [];
  for (const [file, data] of Object.entries(installer.files)) {
    const names = new Set(Object.values(data).flatMap((t) => Object.keys(t)));
    for (const lang of RULES.languages) {
      const nsis = RULES.installer.languages[lang];
      if (!installer.languages[file]?.has(nsis)) v.push({ file, pointer: `/MUI_LANGUAGE/${lang}`, lang, message: `no !insertmacro MUI_LANGUAGE "${nsis}"` });
      for (const n of names) if (typeof data[lang]?.[n] !== "string" || !data[lang][n].trim()) v.push({ file, pointer: `/${n}/${lang}`, lang, message: "LangString missing in this language" });
    }
  }
  return v;
}

function checkCatalogLanguages(texts) {
  const v = [];
  for (const t of texts) {
    for (const lang of RULES.languages) {
      if (typeof t.values[lang] !== "string" || !t.values[lang].trim()) {
        v.push({ file: t.file, pointer: `${t.pointer}/${lang}`, lang, message: "text missing in this language" });
      }
    }
  }
  return v;
}

function placeholderNames(entry) {
  return [...new Set([...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1].toLowerCase()))].sort();
}

function checkLocalePlaceholders(tables) {
  const v = [];
  const ref = tables.files[RULES.reference].data;
  for (const lang of RULES.languages) {
    const t = tables.files[lang];
    if (!t) continue;
    for (const [key, entry] of Object.entries(t.data)) {
      const used = placeholderNames(entry);
      const declared = Object.keys(entry.placeholders || {}).map((k) => k.toLowerCase()).sort();
      if (used.join() !== declared.join()) {
        v.push({ file: t.file, pointer: `/${key}`, lang, message: `uses $${used.join("$, $")}$ but declares ${declared.join(", ") || "none"}` });
      }
      if (!ref[key]) continue;
      const contents = (e) => JSON.stringify(Object.entries(e.placeholders || {}).map(([k, p]) => [k.toLowerCase(), p.content]).sort());
      if (contents(entry) !== contents(ref[key])) {
        v.push({ file: t.file, pointer: `/${key}/placeholders`, lang, message: `placeholders differ from ${RULES.reference}` });
      }
    }
  }
  return v;
}

function checkHostPlaceholders(tables) {
  const v = [];
  const ref = tables.files[RULES.reference];
  if (!ref) return v;
  const names = (s) => [...new Set([...String(s).matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]))].sort().join();
  for (const s of tables.strings) {
    if (s.lang === RULES.reference || typeof ref.data[s.key] !== "string") continue;
    if (names(s.text) !== names(ref.data[s.key])) {
      v.push({ ...s, message: `placeholders {${names(s.text)}} differ from ${RULES.reference}'s {${names(ref.data[s.key])}}` });
    }
  }
  return v;
}

// The purge question's "[o/N]" offers a letter the answer check accepts in that language: a
// French user typing the "o" the question suggests must not keep their progress by surprise.
function checkAnswers(tables) {
  const v = [];
  const { question, yes } = RULES.answers;
  for (const lang of RULES.languages) {
    const t = tables.files[lang];
    if (!t || typeof t.data[question] !== "string") continue;
    const offered = /\[(\p{L}+)\/\p{L}+\]/u.exec(t.data[question]);
    const accepted = String(t.data[yes] ?? "").split(",").map((w) => w.trim().toLowerCase()).filter(Boolean);
    if (!offered) v.push({ file: t.file, pointer: `/${question}`, lang, message: "the question offers no [yes/no] letters" });
    else if (!accepted.includes(offered[1].toLowerCase())) {
      v.push({ file: t.file, pointer: `/${yes}`, lang, message: `the question offers “${offered[1]}” but ${yes} accepts only ${accepted.join(", ") || "nothing"}` });
    }
  }
  return v;
}

function checkLengths(strings) {
  const v = [];
  for (const s of strings) {
    const max = RULES.lengths[s.key];
    if (max !== undefined && [...s.text].length > max) v.push({ ...s, message: `${[...s.text].length} characters, at most ${max}` });
  }
  return v;
}

function patternCheck(strings, rulesFor) {
  const v = [];
  for (const s of strings) {
    for (const rule of rulesFor(s)) {
      const hit = firstMatch(rule, s.text);
      if (hit !== null) v.push({ ...s, message: `${rule.message}: “${hit}”` });
    }
  }
  return v;
}

function checkApostrophes(strings) {
  return patternCheck(strings, (s) => {
    const use = RULES.apostrophe[s.lang];
    const other = use === "’" ? "'" : "’";
    return [{ pattern: other.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), message: `${s.lang} writes the apostrophe ${use}` }];
  });
}

function checkQuotes(strings) {
  return patternCheck(strings, (s) => {
    const q = RULES.quotes[s.lang];
    return [{ pattern: `[${q.forbid.replace(/[\\\]^-]/g, "\\$&")}]`, message: `${s.lang} quotes with ${q.use}` }];
  });
}

function checkSpacing(strings) {
  return patternCheck(strings, (s) => RULES.spacing[s.lang] || []);
}

function checkRegister(strings) {
  return patternCheck(strings, (s) => RULES.register[s.lang] || []);
}

function checkCommands(strings) {
  return patternCheck(strings, (s) => [...RULES.commands.all, ...(s.origin === "browser" ? RULES.commands.browser : [])]);
}

function checkEnglish(strings, referenceOf) {
  const v = [];
  const words = { pattern: RULES.english.words, flags: "i", message: "English words" };
  const allowed = [...RULES.english.allowed].sort((a, b) => b.length - a.length);
  for (const s of strings) {
    if (s.lang === RULES.reference) continue;
    const en = referenceOf(s);
    if (en !== undefined && en === s.text) {
      let rest = visible(s.text);
      for (const a of allowed) rest = rest.split(a).join(" ");
      if (/\p{L}{2,}/u.test(rest)) { v.push({ ...s, message: `identical to the English text: “${s.text}”` }); continue; }
    }
    const hit = firstMatch(words, s.text);
    if (hit !== null) v.push({ ...s, message: `English word “${hit}” left in a ${s.lang} text` });
  }
  return v;
}

// --- Terms and agreement (tests/lint/term-rules.json; docs/texts-review.md) ---------------------
// Kept apart from the rules above so the two rule files can change independently: one word for
// one thing per language, no calque or English crutch, and the states of a request agreeing in
// gender with the one noun they describe.
const TERMS = JSON.parse(fs.readFileSync(new URL("./term-rules.json", import.meta.url), "utf8"));

function checkTerms(strings) {
  return patternCheck(strings, (s) => (s.lang === RULES.reference ? [] : [...(TERMS.terms[s.lang] || []), ...TERMS.terms.all]));
}

// Each state label's gender is that of its participles (names such as "Meta" aside); all the
// labels of one file must share one gender.
function checkStateAgreement(strings) {
  const v = [];
  const keys = new RegExp(TERMS.agreement.keys, "u");
  const byFile = new Map();
  for (const s of strings) {
    const p = TERMS.agreement.participles[s.lang];
    if (!p || !keys.test(s.key)) continue;
    const words = visible(s.text).split(/[\s\u00A0\u202F]+/u).filter((w) => w && !TERMS.agreement.names.includes(w));
    for (const gender of ["masculine", "feminine"]) {
      const word = words.find((w) => new RegExp(p[gender], "iu").test(w));
      if (!word) continue;
      if (!byFile.has(s.file)) byFile.set(s.file, []);
      byFile.get(s.file).push({ s, gender, word });
    }
  }
  for (const found of byFile.values()) {
    const genders = new Set(found.map((f) => f.gender));
    if (genders.size < 2) continue;
    const fem = found.filter((f) => f.gender === "feminine").length;
    const odd = found.filter((f) => f.gender === (fem * 2 >= found.length ? "masculine" : "feminine"));
    for (const f of odd) v.push({ ...f.s, message: `“${f.word}” is ${f.gender} beside states of the other gender: a request's states agree with one noun` });
  }
  return v;
}

export function lintTexts(root) {
  const locales = collectLocales(root);
  const catalog = collectCatalog(root);
  const host = collectHost(root);
  const installer = collectInstaller(root);
  const script = collectScript(root);
  const catalogStrings = catalog.flatMap((t) => RULES.languages.filter((l) => typeof t.values[l] === "string")
    .map((lang) => ({ file: t.file, pointer: `${t.pointer}/${lang}`, lang, key: t.pointer, text: t.values[lang], origin: "browser",
      en: t.values[RULES.reference] })));
  const sources = [
    { name: "extension/_locales", strings: locales.strings, ref: (s) => locales.files[RULES.reference].data[s.key]?.message },
    { name: "host/catalog", strings: catalogStrings, ref: (s) => s.en },
    { name: "host/locales", strings: host.strings, ref: (s) => host.files[RULES.reference]?.data[s.key] },
    { name: RULES.installer.dir, strings: installer.strings, ref: (s) => installer.files[s.file]?.[RULES.reference]?.[s.key] },
    { name: RULES.scriptTexts.file, strings: script.strings, ref: (s) => script.files[RULES.reference]?.data[s.key] },
  ];
  const checks = [];
  const add = (rule, source, violations) => checks.push({ rule, source, violations });
  add("keys", "extension/_locales", checkKeys(locales, "extension/_locales"));
  add("keys", "host/catalog", checkCatalogLanguages(catalog));
  add("keys", "host/locales", checkKeys(host, "host/locales"));
  add("keys", RULES.installer.dir, checkInstallerLanguages(installer));
  add("placeholders", "extension/_locales", checkLocalePlaceholders(locales));
  add("keys", RULES.scriptTexts.file, checkKeys(script, RULES.scriptTexts.file));
  add("placeholders", "host/locales", checkHostPlaceholders(host));
  add("placeholders", RULES.scriptTexts.file, checkHostPlaceholders(script));
  add("answers", "host/locales", checkAnswers(host));
  add("lengths", "extension/_locales", checkLengths(locales.strings));
  for (const src of sources) {
    add("apostrophes", src.name, checkApostrophes(src.strings));
    add("quotes", src.name, checkQuotes(src.strings));
    add("spacing", src.name, checkSpacing(src.strings));
    add("register", src.name, checkRegister(src.strings));
    add("english", src.name, checkEnglish(src.strings, src.ref));
    if (src.name !== RULES.scriptTexts.file) add("commands", src.name, checkCommands(src.strings));
  }
  // Terms and agreement: see the block above lintTexts.
  for (const src of sources) add("terms", src.name, checkTerms(src.strings));
  add("agreement", "extension/_locales", checkStateAgreement(locales.strings));
  add("agreement", "host/locales", checkStateAgreement(host.strings));
  return checks;
}

export { RULES };

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] || path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const checks = lintTexts(root);
  const show = (c) => c.replace(/[\u00A0\u202F]/g, (x) => (x === "\u00A0" ? "⍽" : "·"));
  let failed = 0;
  for (const c of checks) {
    if (c.violations.length === 0) { console.log(`  ok   ${c.rule}: ${c.source}`); continue; }
    failed++;
    console.log(`  FAIL ${c.rule}: ${c.source} (${c.violations.length})`);
    for (const x of c.violations.slice(0, 40)) console.log(`       ${x.file}#${x.pointer} [${x.lang}]: ${show(x.message)}`);
    if (c.violations.length > 40) console.log(`       … and ${c.violations.length - 40} more`);
  }
  console.log(`${checks.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
