// Minimal native-messaging clients for tests, both speaking length-prefixed JSON over the real
// host's pipes: `startHost` (request/reply, for tests that talk to the host themselves) and
// `nativeHost` (a connectNative for the extension harness, so the real background talks to the
// real host). Each host gets a throwaway HOME/XDG tree unless given one, so no real progress
// store is touched.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const IDENTITY = JSON.parse(fs.readFileSync(new URL('../../../manifests/identity.json', import.meta.url), 'utf8'));
// The argument Chromium starts a native host with: the calling extension's origin.
const ORIGIN = `chrome-extension://${IDENTITY.chromiumExtensionId}/`;

// A throwaway HOME with its XDG folders, as the host finds its store and logs through them.
export function hostHome() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'og-host-'));
  const env = { HOME: home, XDG_CONFIG_HOME: `${home}/config`, XDG_DATA_HOME: `${home}/data`,
    XDG_STATE_HOME: `${home}/state`, XDG_CACHE_HOME: `${home}/cache` };
  return { home, env, remove: () => fs.rmSync(home, { recursive: true, force: true }) };
}

function spawnHost(binary, env) {
  return spawn(binary, [ORIGIN], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
}

function writeFrame(child, message) {
  const body = Buffer.from(JSON.stringify(message));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length);
  child.stdin.write(Buffer.concat([head, body]));
}

// Calls onMessage with each frame the host writes on stdout.
function readFrames(child, onMessage) {
  let buf = Buffer.alloc(0);
  child.stdout.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    while (buf.length >= 4) {
      const n = buf.readUInt32LE(0);
      if (buf.length < 4 + n) break;
      const msg = JSON.parse(buf.subarray(4, 4 + n).toString('utf8'));
      buf = buf.subarray(4 + n);
      onMessage(msg);
    }
  });
}

export function startHost(binary) {
  const home = hostHome();
  const child = spawnHost(binary, home.env);
  const waiters = [];
  let nextId = 1;
  readFrames(child, (msg) => {
    const w = waiters.shift();
    if (w) w.resolve(msg);
  });
  child.once('exit', (code) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`host exited with ${code}`));
  });
  return {
    request(message) {
      return new Promise((resolve, reject) => {
        waiters.push({ resolve, reject });
        writeFrame(child, { id: nextId++, ...message });
      });
    },
    async close() {
      child.stdin.end();
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
      home.remove();
    },
  };
}

// A native port as the browser hands it to the extension: `send(message)` carries what the
// extension posts; `deliver(message)` and `drop(errorMessage)` play the host's side.
export function browserPort(send, onDisconnectCall = () => {}) {
  const listeners = { message: [], disconnect: [] };
  const port = {
    closed: false,
    onMessage: { addListener: (f) => listeners.message.push(f) },
    onDisconnect: { addListener: (f) => listeners.disconnect.push(f) },
    postMessage(m) {
      if (port.closed) throw new Error('Attempt to postMessage on disconnected port');
      send(m);
    },
    disconnect() {
      port.closed = true;
      onDisconnectCall();
    },
  };
  const deliver = (m) => {
    if (!port.closed) for (const f of listeners.message) f(m);
  };
  const drop = (message) => {
    if (port.closed) return;
    port.closed = true;
    port.error = { message };
    for (const f of listeners.disconnect) f(port);
  };
  return { port, deliver, drop };
}

// `connectNative` as the browser gives it, for the real background in the extension harness:
// each call starts the real host with `env` and returns a port over its pipes, which drops with
// the browser's "Native host has exited." when the host ends.
export function nativeHost(binary, env) {
  const children = [];
  const connectNative = (name) => {
    if (name !== IDENTITY.hostName) throw new Error(`unexpected native host ${name}`);
    const child = spawnHost(binary, env);
    children.push(child);
    const { port, deliver, drop } = browserPort((m) => writeFrame(child, m), () => child.stdin.end());
    readFrames(child, deliver);
    child.stdin.on('error', () => {});
    child.once('exit', () => drop('Native host has exited.'));
    return port;
  };
  const close = async () => {
    for (const child of children) {
      child.stdin.end();
      if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
    }
  };
  return { connectNative, close, spawned: () => children.length };
}
