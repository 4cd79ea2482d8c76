// Fuzzes the REAL standalone debug adapter (node dist/debug-adapter.js) over stdio with raw framed bytes:
// random and malformed DAP messages, wrong types, missing fields, unknown commands, requests out of order,
// ids that do not exist, huge payloads, invalid JSON, and wrong Content-Length headers. Seeded and reproducible.
// The adapter must never crash or hang, and must answer every well-framed request with a matching response.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from './random.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const adapterPath = path.join(root, 'dist', 'debug-adapter.js');

const COMMANDS = [
  'initialize', 'launch', 'attach', 'configurationDone', 'setBreakpoints', 'setFunctionBreakpoints', 'setExceptionBreakpoints',
  'breakpointLocations', 'threads', 'stackTrace', 'scopes', 'variables', 'setVariable', 'setExpression', 'evaluate',
  'completions', 'exceptionInfo', 'loadedSources', 'source', 'continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'pause',
  'stepInTargets', 'restart', 'terminate', 'goto', 'gotoTargets', 'readMemory', 'writeMemory', 'modules', 'dataBreakpointInfo',
  'setDataBreakpoints', 'setInstructionBreakpoints', 'cancel', 'disassemble', 'restartFrame', 'reverseContinue', 'terminateThreads',
];
const FIELDS = [
  'source', 'path', 'name', 'sourceReference', 'lines', 'breakpoints', 'line', 'column', 'endLine', 'condition', 'hitCondition',
  'logMessage', 'frameId', 'threadId', 'variablesReference', 'expression', 'context', 'value', 'text', 'filter', 'filters',
  'filterOptions', 'start', 'count', 'startFrame', 'levels', 'program', 'cwd', 'args', 'stopOnEntry', 'timeout', 'memoryLimit',
  'stackSize', 'allowRead', 'allowNet', 'allowEnv', 'engine', 'sourceMaps', 'noDebug', '__restart', 'targetId', 'format',
  'clientID', 'adapterID', 'pathFormat', 'linesStartAt1', 'columnsStartAt1', 'restart', 'terminateDebuggee', 'requestId',
];
const STRINGS = [
  '', ' ', 'x', '../../../../etc/passwd', '/etc/passwd', '${file}', '{_msg}', '{0}', '%s%s%s', '\u0000', '\ud800', '🙂',
  'a'.repeat(300), 'while(true){}', 'globalThis', '1+1', 'this', 'process.exit(1)', '__proto__', 'constructor', 'toString',
  '64MB', '-1', '1e309', 'quickjs-ng', 'quickjs', 'repl', 'watch', 'hover', 'all', 'uncaught', 'NaN',
];

/** A random JSON value of bounded depth, biased towards what DAP handlers read. */
function value(r, depth = 0) {
  switch (r.int(depth > 2 ? 6 : 9)) {
    case 0: return null;
    case 1: return r.chance(0.5);
    case 2: return r.pick([0, 1, -1, 2, 3, 1000, 2 ** 31, 2 ** 53, -(2 ** 31), 0.5, 1e308]);
    case 3: return r.pick(STRINGS);
    case 4: return r.int(100);
    case 5: return r.pick(STRINGS) + r.int(10);
    case 6: return Array.from({ length: r.int(4) }, () => value(r, depth + 1));
    default: return object(r, depth + 1);
  }
}

function object(r, depth) {
  const o = {};
  for (let i = r.int(5); i > 0; i--) o[r.pick(FIELDS)] = value(r, depth);
  return o;
}

/** Mostly well-formed arguments for a command, with one random field broken now and then. */
function argumentsFor(r, command, ctx) {
  const program = r.pick(ctx.programs);
  switch (command) {
    case 'launch':
      return { program, timeout: '3s', stopOnEntry: r.chance(0.5), ...(r.chance(0.3) ? object(r, 1) : {}) };
    case 'setBreakpoints':
      return { source: { path: r.chance(0.8) ? program : value(r) }, breakpoints: Array.from({ length: r.int(4) }, () => ({ line: r.int(8), condition: r.chance(0.2) ? r.pick(STRINGS) : undefined })) };
    case 'stackTrace':
      return { threadId: r.pick([1, 2, -1]), startFrame: r.int(3), levels: r.int(30) };
    case 'scopes':
      return { frameId: r.int(20) };
    case 'variables':
      return { variablesReference: r.int(2000), start: r.chance(0.2) ? r.int(5) : undefined, count: r.chance(0.2) ? r.int(5) : undefined };
    case 'evaluate':
      return { expression: r.pick(STRINGS), frameId: r.chance(0.5) ? r.int(10) : undefined, context: r.pick(['repl', 'watch', 'hover', 'clipboard', 'weird']) };
    case 'setVariable':
      return { variablesReference: r.int(2000), name: r.pick(STRINGS), value: r.pick(STRINGS) };
    default:
      return object(r, 1);
  }
}

/** One message as the bytes to write, and whether a response must come back (the seq it must carry). */
function message(r, seq, ctx) {
  const kind = r.int(100);
  const frame = (text) => Buffer.concat([Buffer.from(`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n`), Buffer.from(text)]);
  // Breaks framing, then writes an empty header block so the adapter's reader is back at a frame boundary.
  const resync = Buffer.from('\r\n\r\n');
  if (kind < 55) {
    const command = r.chance(0.9) ? r.pick(COMMANDS) : r.pick(STRINGS) + 'Request';
    const req = { seq, type: 'request', command };
    if (r.chance(0.85)) req.arguments = argumentsFor(r, command, ctx);
    else if (r.chance(0.5)) req.arguments = value(r);
    return { bytes: frame(JSON.stringify(req)), expect: seq, command };
  }
  if (kind < 65) {
    // Wrong types where the protocol wants strings and objects: still requests, still answered.
    const req = { seq, type: 'request', command: r.pick([r.pick(COMMANDS), 42, null, '', ['x'], { a: 1 }]), arguments: r.pick([1, 'x', [], null, true, object(r, 0)]) };
    return { bytes: frame(JSON.stringify(req)), expect: seq, command: String(req.command) };
  }
  if (kind < 72) {
    // Not requests at all: events, responses to nothing, missing type, wrong seq types. No answer is owed.
    const msg = r.pick([
      { seq, type: 'event', event: 'stopped', body: object(r, 0) },
      { seq, type: 'response', request_seq: r.int(1e6), success: true, command: 'runInTerminal' },
      { seq, command: 'threads' },
      { seq: String(seq), type: 'request', command: 'threads', arguments: {} },
      { type: 'request', command: 'threads' },
      value(r),
    ]);
    return { bytes: frame(JSON.stringify(msg) ?? 'null'), expect: undefined };
  }
  if (kind < 80) {
    // Invalid JSON with a correct length.
    const bad = r.pick(['{', '{"seq":1,"type":"request"', 'nope', '{"seq": 1, "type": "request", "command": "threads",}', '\u0000\u0001', '[1,2', '"unterminated']);
    return { bytes: frame(bad), expect: undefined };
  }
  if (kind < 86) {
    // Content-Length longer than the body: the reader swallows filler that makes the JSON invalid.
    const body = JSON.stringify({ seq, type: 'request', command: 'threads' });
    const extra = 1 + r.int(20);
    return { bytes: Buffer.concat([Buffer.from(`Content-Length: ${Buffer.byteLength(body) + extra}\r\n\r\n${body}`), Buffer.alloc(extra, 'x'), resync]), expect: undefined };
  }
  if (kind < 91) {
    // Content-Length shorter than the body; the rest becomes a header block without a length.
    const body = JSON.stringify({ seq, type: 'request', command: 'threads' });
    const cut = 1 + r.int(body.length - 1);
    return { bytes: Buffer.concat([Buffer.from(`Content-Length: ${Buffer.byteLength(body) - cut}\r\n\r\n${body}`), resync]), expect: undefined };
  }
  if (kind < 95) {
    // Headers that make no sense.
    const header = r.pick(['Content-Length: abc', 'Content-Length: -5', 'Content-Type: x', 'content-length: 2', 'Content-Length:', 'garbage']);
    return { bytes: Buffer.concat([Buffer.from(`${header}\r\n\r\n{}`), resync]), expect: undefined };
  }
  // Huge payloads: long strings and long arrays inside well-formed requests.
  const command = r.pick(['evaluate', 'setBreakpoints', 'completions', 'source', 'variables']);
  const big = r.chance(0.5)
    ? { expression: 'x'.repeat(256 * 1024 + r.int(1024 * 1024)), text: 'y'.repeat(100000), context: 'repl' }
    : { source: { path: r.pick(ctx.programs) }, breakpoints: Array.from({ length: 5000 + r.int(20000) }, (_, i) => ({ line: i })) };
  return { bytes: frame(JSON.stringify({ seq, type: 'request', command, arguments: big })), expect: seq, command };
}

/** Reads DAP frames from a stream of bytes. */
function frameReader(onMessage) {
  let buf = Buffer.alloc(0);
  return (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const idx = buf.indexOf('\r\n\r\n');
      if (idx < 0) return;
      const m = /Content-Length: (\d+)/.exec(buf.subarray(0, idx).toString());
      const len = m ? Number(m[1]) : 0;
      if (buf.length < idx + 4 + len) return;
      const body = buf.subarray(idx + 4, idx + 4 + len).toString();
      buf = buf.subarray(idx + 4 + len);
      onMessage(JSON.parse(body));
    }
  };
}

/** Writes the programs the fuzzer launches: a finishing one and one that keeps running (paused, stepped, killed). */
function makePrograms() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qjs-dapfuzz-'));
  const quick = path.join(dir, 'quick.js');
  const alive = path.join(dir, 'alive.js');
  fs.writeFileSync(quick, 'let total = 0;\nfor (let i = 0; i < 3; i++) {\n  total += i;\n}\nconsole.log(total);\n');
  fs.writeFileSync(alive, 'let n = 0;\nconst o = { a: [1, 2], m: new Map([[1, { b: 2 }]]) };\nsetInterval(() => {\n  n++;\n  o.a.push(n);\n  if (o.a.length > 50) o.a.length = 2;\n}, 20);\n');
  return { dir, programs: [quick, alive, path.join(dir, 'missing.js')] };
}

/**
 * Sends `count` messages from `seed`; restarts the adapter when it exits after a disconnect (which is its job).
 * Resolves with counts; `crashes` are exits nobody asked for, `unanswered` are well-framed requests with no response.
 */
export async function fuzzAdapter({ seed = 1, count = 2000, window = 16, answerTimeoutMs = 20_000, log = () => {} } = {}) {
  const r = rng(seed);
  const { dir, programs } = makePrograms();
  const stats = { seed, sent: 0, requests: 0, answered: 0, unanswered: 0, inFlightAtDisconnect: 0, crashes: 0, restarts: 0, failures: [], maxAnswerMs: 0 };
  let adapter;
  const pending = new Map();
  let waiters = [];
  const wake = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };

  function start() {
    const child = spawn(process.execPath, [adapterPath], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    const state = { child, disconnecting: false, exited: false, stderr: '' };
    child.stdout.on('data', frameReader((msg) => {
      if (msg.type !== 'response') return;
      const p = pending.get(msg.request_seq);
      if (!p) return;
      pending.delete(msg.request_seq);
      stats.answered++;
      stats.maxAnswerMs = Math.max(stats.maxAnswerMs, performance.now() - p.at);
      wake();
    }));
    child.stderr.on('data', (d) => (state.stderr = (state.stderr + d).slice(-4000)));
    child.stdin.on('error', () => undefined); // writes racing an exit
    child.on('exit', (code, signal) => {
      state.exited = true;
      if (!state.disconnecting || code !== 0) {
        stats.crashes++;
        stats.failures.push(`adapter exited (code ${code}, signal ${signal}) without a disconnect; stderr: ${state.stderr}`);
      }
      // Requests still in flight when a disconnect ended the process are owed nothing (a launch waiting for
      // configurationDone, say); counted apart so the test can bound them.
      stats.inFlightAtDisconnect += pending.size;
      pending.clear();
      wake();
    });
    return state;
  }

  adapter = start();
  const t0 = performance.now();
  for (let seq = 1; seq <= count; seq++) {
    while (pending.size >= window) await new Promise((res) => { waiters.push(res); setTimeout(res, 200); });
    if (adapter.exited) {
      adapter = start();
      stats.restarts++;
    }
    const m = message(r, seq, { programs });
    // A disconnect ends the process by design: say so first, so its exit is not counted as a crash.
    if (m.command === 'disconnect' || (typeof m.command === 'string' && /^disconnect/.test(m.command))) adapter.disconnecting = true;
    if (m.expect !== undefined) {
      pending.set(m.expect, { at: performance.now(), command: m.command });
      stats.requests++;
    }
    adapter.child.stdin.write(m.bytes);
    stats.sent++;
    // Now and then, a clean disconnect: the next message starts a fresh adapter, as a client reconnecting would.
    if (r.chance(0.004)) {
      adapter.disconnecting = true;
      adapter.child.stdin.write(Buffer.from(`Content-Length: 54\r\n\r\n${JSON.stringify({ seq: 0, type: 'request', command: 'disconnect' }).padEnd(54)}`));
      await new Promise((res) => adapter.child.once('exit', res));
      adapter = start();
      stats.restarts++;
    }
    if (seq % 500 === 0) log(`${seq} messages, ${stats.answered}/${stats.requests} answered, ${stats.crashes} crashes`);
  }
  // Every request still in flight must be answered in time.
  const deadline = performance.now() + answerTimeoutMs;
  while (pending.size > 0 && performance.now() < deadline && !adapter.exited) {
    await new Promise((res) => { waiters.push(res); setTimeout(res, 200); });
  }
  for (const [seq, p] of pending) {
    stats.unanswered++;
    if (stats.failures.length < 20) stats.failures.push(`request ${seq} (${p.command}) got no response`);
  }
  stats.durationMs = Math.round(performance.now() - t0);
  // The adapter must still be alive and answer a plain request at the end.
  if (!adapter.exited) {
    const alive = await new Promise((resolve) => {
      const seq = count + 1;
      pending.set(seq, { at: performance.now(), command: 'threads' });
      adapter.child.stdin.write(Buffer.from(`Content-Length: ${JSON.stringify({ seq, type: 'request', command: 'threads' }).length}\r\n\r\n${JSON.stringify({ seq, type: 'request', command: 'threads' })}`));
      const timer = setTimeout(() => resolve(false), 10_000);
      const check = () => (pending.has(seq) ? waiters.push(check) : (clearTimeout(timer), stats.answered--, resolve(true)));
      waiters.push(check);
    });
    stats.aliveAtEnd = alive;
    adapter.disconnecting = true;
    adapter.child.kill();
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return stats;
}
