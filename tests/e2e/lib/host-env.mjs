// A temporary store for one browser session: the XDG directories the browser passes on to
// the host it spawns, and the host's own CLI run against the same store.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { HOST_BINARY } from "./env.mjs";

export function makeHostEnv(tmp) {
  const env = {
    XDG_DATA_HOME: path.join(tmp, "data"),
    XDG_STATE_HOME: path.join(tmp, "state"),
    XDG_CONFIG_HOME: path.join(tmp, "config"),
    XDG_CACHE_HOME: path.join(tmp, "cache"),
    OPTOUT_GUIDE_LOG: "debug",
  };
  for (const dir of Object.values(env)) if (dir.startsWith(tmp)) fs.mkdirSync(dir, { recursive: true });
  return env;
}

// Runs `optout-guide-host ARGS` with the session's store; resolves {code, stdout, stderr}.
export function runHostCli(hostEnv, args) {
  return new Promise((resolve) => {
    execFile(HOST_BINARY, args, { env: { ...process.env, ...hostEnv }, timeout: 30000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

export async function hostStatusJson(hostEnv) {
  const r = await runHostCli(hostEnv, ["status", "--json"]);
  if (r.code !== 0) throw new Error(`optout-guide-host status --json failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// The host processes this session's browser spawned: the host binary, with our XDG_DATA_HOME
// in its environment. Found through /proc so that only our own processes are ever touched.
export function hostPids(hostEnv) {
  const want = fs.realpathSync(HOST_BINARY);
  const marker = `XDG_DATA_HOME=${hostEnv.XDG_DATA_HOME}`;
  const pids = [];
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (fs.readlinkSync(`/proc/${name}/exe`) !== want) continue;
      const environ = fs.readFileSync(`/proc/${name}/environ`, "utf8").split("\0");
      if (environ.includes(marker)) pids.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}
