// Minimal native-messaging client for tests: spawns the real host with a throwaway HOME/XDG
// tree (so no real progress store is touched) and speaks length-prefixed JSON over its pipes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function startHost(binary) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'og-host-'));
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: `${home}/config`, XDG_DATA_HOME: `${home}/data`, XDG_STATE_HOME: `${home}/state` };
  const child = spawn(binary, ['chrome-extension://omnfbkhdehonnbnncjmjhanaifpoafcj/'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let buf = Buffer.alloc(0);
  const waiters = [];
  let nextId = 1;
  child.stdout.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    while (buf.length >= 4) {
      const n = buf.readUInt32LE(0);
      if (buf.length < 4 + n) break;
      const msg = JSON.parse(buf.subarray(4, 4 + n).toString('utf8'));
      buf = buf.subarray(4 + n);
      const w = waiters.shift();
      if (w) w.resolve(msg);
    }
  });
  child.once('exit', (code) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`host exited with ${code}`));
  });
  return {
    request(message) {
      return new Promise((resolve, reject) => {
        waiters.push({ resolve, reject });
        const body = Buffer.from(JSON.stringify({ id: nextId++, ...message }));
        const head = Buffer.alloc(4);
        head.writeUInt32LE(body.length);
        child.stdin.write(Buffer.concat([head, body]));
      });
    },
    async close() {
      child.stdin.end();
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
