// Checks that a host's THIRD-PARTY-NOTICES.txt names every Debian package whose headers or
// archives went into that host, as the build's own dependency files and link line say, so a
// new dependency cannot ship without its notice:
//   node tests/release/notices-cover.mjs <build dir> <notices file>
// Prints what is missing and exits 1; packages/third-party.json says which packages are the
// system's (read, not shipped) and which a component's notice covers.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, realpathSync } from "node:fs";
import path from "node:path";

const [build, noticesFile] = process.argv.slice(2);
if (!build || !noticesFile) {
  console.error("usage: notices-cover.mjs <build dir> <notices file>");
  process.exit(2);
}
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const data = JSON.parse(readFileSync(path.join(root, "packaging/third-party.json"), "utf8"));
const notices = readFileSync(noticesFile, "utf8");

// Every object of the host's own targets (the packer tool is not shipped).
const targets = path.join(build, "host/CMakeFiles");
const depfiles = [];
for (const dir of readdirSync(targets)) {
  if (!dir.endsWith(".dir") || dir === "og_pack_catalog.dir") continue;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".o.d")) depfiles.push(p);
    }
  };
  walk(path.join(targets, dir));
}
if (depfiles.length === 0) {
  console.error(`notices-cover: no dependency files under ${targets}: is ${build} a built host?`);
  process.exit(2);
}
const files = new Set();
for (const f of depfiles)
  for (const token of readFileSync(f, "utf8").split(/[\s\\]+/))
    if (token.startsWith("/usr/")) files.add(realpathSync(token));
const link = readFileSync(path.join(targets, "optout-guide-host.dir/link.txt"), "utf8");
for (const token of link.split(/\s+/)) if (token.startsWith("/usr/") && token.endsWith(".a")) files.add(realpathSync(token));

// dpkg -S knows files by the paths packages installed, which may differ from the real path by
// a symbolic link (/lib → /usr/lib): ask for both.
const owners = new Map(); // package → one file of it
const list = [...files];
for (let i = 0; i < list.length; i += 200) {
  const batch = list.slice(i, i + 200);
  let out = "";
  try {
    out = execFileSync("dpkg", ["-S", ...batch], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch (e) {
    out = e.stdout || ""; // dpkg -S exits 1 when one file has no owner; the others are printed
  }
  for (const line of out.split("\n")) {
    const m = /^([^:,]+)(?::[^:]+)?(?:, [^:]+)*: (.+)$/.exec(line);
    if (m && !owners.has(m[1])) owners.set(m[1], m[2]);
  }
}
const named = new Map();
for (const c of data.components) {
  if (c.version?.dpkg) named.set(c.version.dpkg, c);
  for (const p of c.covers || []) named.set(p, c);
}
const missing = [];
for (const [pkg, file] of owners) {
  if (data.system[pkg]) continue;
  const c = named.get(pkg);
  if (!c) missing.push(`${pkg} (e.g. ${file}): not in packaging/third-party.json`);
  else if (!notices.includes(`==== ${c.name} `)) missing.push(`${pkg}: ${c.name} is not in ${noticesFile}`);
}
if (missing.length) {
  console.error(`notices-cover: the host contains code from packages its notices do not name:\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
console.log(`notices-cover: ${owners.size} packages read or linked, each named or the system's`);
