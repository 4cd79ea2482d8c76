// Runs one hostile program against the real engine and measures what matters: how it ended, how long it took,
// how long the host's event loop was blocked meanwhile, and whether anything planted outside the sandbox leaked.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as http from 'node:http';

const require = createRequire(import.meta.url);
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built engine bundle (run `node esbuild.mjs` first). */
export const { Sandbox } = require(path.join(repoRoot, 'dist/engine.js'));

export const MB = 1024 * 1024;
/** The short limits every hostile program runs under, so that the suite stays quick. */
export const LIMITS = { timeoutMs: 1000, memoryLimitBytes: 32 * MB, outputLimitBytes: 64 * 1024 };

/**
 * The timeout of a program that is not meant to end by the timeout: long enough that the limit it aims at (memory,
 * stack, output) or its completion comes first however slow a loaded machine runs it.
 */
export const PATIENT_TIMEOUT_MS = 60_000;

/** Whether an entry may end by the timeout, and so runs under the short one. */
export function mayTimeOut(entry) {
  return [entry.expect?.limit].flat().includes('timeout');
}

/** Values planted outside the sandbox; none may ever appear in an event. */
export const SECRET_FILE_TEXT = 'hostile-secret-file-4f1c9a';
export const SECRET_ENV_VALUE = 'hostile-secret-env-77b2e0';
export const SECRET_ENV_NAME = 'QJS_HOSTILE_SECRET';
// Set before any engine worker starts: workers copy the environment when they are created.
process.env[SECRET_ENV_NAME] = SECRET_ENV_VALUE;

/**
 * Builds the folder a hostile program runs in: `root` is its cwd, `root/data` is the only granted read folder,
 * and the secrets live beside `root`, reachable only by escaping.
 */
export async function makeWorld() {
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'qjs-hostile-')));
  const root = path.join(tmp, 'root');
  const data = path.join(root, 'data');
  fs.mkdirSync(path.join(data, 'folder'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'secret.txt'), SECRET_FILE_TEXT);
  fs.writeFileSync(path.join(tmp, 'secret.json'), JSON.stringify({ secret: SECRET_FILE_TEXT }));
  fs.writeFileSync(path.join(tmp, 'secret.js'), `export default ${JSON.stringify(SECRET_FILE_TEXT)};`);
  fs.writeFileSync(path.join(data, 'ok.txt'), 'granted');
  fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(data, 'link-out.txt'));
  fs.symlinkSync(tmp, path.join(data, 'dir-link-out'));
  fs.symlinkSync(path.join(tmp, 'secret.js'), path.join(root, 'module-link-out.js'));
  // Larger than any single transfer the sandbox allows; sparse, so it costs no disk.
  const big = fs.openSync(path.join(data, 'huge.bin'), 'w');
  fs.ftruncateSync(big, 40 * MB);
  fs.closeSync(big);
  // A package inside the root, so that bare specifiers have something to walk out of.
  fs.mkdirSync(path.join(root, 'node_modules', 'innocent'), { recursive: true });
  fs.writeFileSync(path.join(root, 'node_modules', 'innocent', 'package.json'), '{"name":"innocent","main":"index.js"}');
  fs.writeFileSync(path.join(root, 'node_modules', 'innocent', 'index.js'), 'module.exports = 42;');
  const servers = [];
  const other = await listen(servers, (req, res) => res.end(SECRET_FILE_TEXT));
  const origin = await listen(servers, (req, res) => {
    if (req.url === '/redirect-away') {
      res.writeHead(302, { location: `${other}/secret` });
      res.end();
    } else if (req.url === '/endless') {
      // Trickles forever: only the run's timeout can end it.
      const timer = setInterval(() => res.write('x'.repeat(1024)), 5);
      res.on('close', () => clearInterval(timer));
    } else {
      res.end('hello from granted');
    }
  });
  return {
    tmp,
    root,
    data,
    origin,
    secretFile: path.join(tmp, 'secret.txt'),
    cleanup: () => {
      for (const s of servers) {
        s.closeAllConnections();
        s.close();
      }
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

function listen(servers, handler) {
  return new Promise((resolve) => {
    const server = http.createServer(handler);
    servers.push(server);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });
}

/** Replaces `$ORIGIN`, `$ROOT`, `$DATA`, `$TMP`, `$SECRET_FILE`, `$SECRET_ENV` in a program's text. */
export function expand(text, world) {
  return text
    .replaceAll('$ORIGIN', world.origin)
    .replaceAll('$SECRET_FILE', world.secretFile)
    .replaceAll('$SECRET_ENV', SECRET_ENV_NAME)
    .replaceAll('$ROOT', world.root)
    .replaceAll('$DATA', world.data)
    .replaceAll('$TMP', world.tmp);
}

/**
 * Runs one catalogue entry in a fresh sandbox. Resolves with the outcome, every event, the wall time of the run
 * (from `run` to its outcome), the worst host event-loop delay during it, and the sandbox's dispose result.
 */
export async function runHostile(entry, world) {
  const options = {
    ...LIMITS,
    timeoutMs: mayTimeOut(entry) ? LIMITS.timeoutMs : PATIENT_TIMEOUT_MS,
    cwd: world.root,
    permissions: { read: [world.data], env: [] },
    ...(typeof entry.options === 'function' ? entry.options(world) : entry.options ?? {}),
  };
  const sandbox = await Sandbox.create(options);
  const events = [];
  sandbox.onEvent((e) => events.push(e));
  const source = expand(typeof entry.source === 'function' ? entry.source() : entry.source, world);
  const request = { kind: 'source', source, filename: path.join(world.root, entry.filename ?? 'hostile.js'), type: entry.type ?? 'auto' };
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const t0 = performance.now();
  let outcome;
  try {
    outcome = await sandbox.run(request);
  } finally {
    delay.disable();
  }
  const elapsedMs = performance.now() - t0;
  const disposed = await sandbox.dispose();
  return {
    outcome,
    events,
    elapsedMs,
    maxDelayMs: delay.max / 1e6,
    disposed,
    logs: events.filter((e) => e.type === 'console').map((e) => e.text),
    results: events.filter((e) => e.type === 'result').map((e) => e.text),
    errors: events.filter((e) => e.type === 'error').map((e) => e.error),
    limits: events.filter((e) => e.type === 'limit'),
  };
}

/** True when any event carries a planted secret. */
export function leaked(events) {
  const text = JSON.stringify(events);
  return text.includes(SECRET_FILE_TEXT) || text.includes(SECRET_ENV_VALUE);
}

/** Runs `1+1` in a fresh sandbox: the proof that nothing a hostile program did carries over. */
export async function healthy() {
  const sandbox = await Sandbox.create(LIMITS);
  const events = [];
  sandbox.onEvent((e) => events.push(e));
  const outcome = await sandbox.run({ kind: 'source', source: '1+1' });
  await sandbox.dispose();
  return outcome.status === 'completed' && events.some((e) => e.type === 'result' && e.text === '2');
}

/** Least-squares slope of y over x. */
export function slope(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
