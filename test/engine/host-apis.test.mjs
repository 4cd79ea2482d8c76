// Host APIs inside the sandbox: console, timers, clocks, encoders, base64, structuredClone, the `process` shim, and
// the Node globals that must stay absent however the script reaches for the global object.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { run, fixtures } from './helpers.mjs';

test('every console method emits an event with its level, text and the caller location', async () => {
  const file = '/virtual/console-demo.js';
  const lines = [
    "console.log('log %s %d', 'str', 42)",
    "console.info('info')",
    "console.warn('warn')",
    "console.error('error')",
    "console.debug('debug')",
    "console.trace('trace')",
    "console.dir({ x: 1 })",
    "console.table([{ a: 1 }])",
    "console.assert(false, 'asserted')",
    "console.count('c')",
  ];
  const r = await run({ kind: 'source', source: lines.join('\n'), filename: file });
  const want = [
    ['log', 'log str 42'], ['info', 'info'], ['warn', 'warn'], ['error', 'error'], ['debug', 'debug'],
    ['trace', /^Trace: trace\n\s+at /], ['log', '{ x: 1 }'], ['log', /│ \(index\) │ a │/],
    ['warn', 'Assertion failed: asserted'], ['log', 'c: 1'],
  ];
  assert.equal(r.console.length, want.length, JSON.stringify(r.console.map((c) => c.text)));
  r.console.forEach((e, i) => {
    const [level, text] = want[i];
    assert.equal(e.level, level, `line ${i + 1}`);
    if (typeof text === 'string') assert.equal(e.text, text);
    else assert.match(e.text, text);
    assert.equal(e.location?.file, file);
    assert.equal(e.location?.line, i + 1, `location of ${lines[i]}`);
    assert.ok(e.location.column >= 1 && e.location.column <= lines[i].length);
  });
});

test('console locations inside functions and TypeScript point at the original caller line', async () => {
  const r = await run({ kind: 'source', filename: '/virtual/where.ts', language: 'ts', source: 'type T = number;\nfunction say(x: T): void {\n\n  console.log("x is", x);\n}\nsay(1);' });
  assert.deepEqual(r.logs, ['x is 1']);
  assert.equal(r.console[0].location.file, '/virtual/where.ts');
  assert.equal(r.console[0].location.line, 4);
});

test('console.group indents and reports its depth', async () => {
  const r = await run('console.group("g");\nconsole.log("in");\nconsole.groupEnd();\nconsole.log("out");');
  assert.deepEqual(r.console.map((c) => [c.text, c.groupDepth]), [['g', 0], ['  in', 1], ['out', 0]]);
});

test('timers, intervals, microtasks and promises run in the same order as in Node', async () => {
  const file = path.join(fixtures, 'timers/ordering.js');
  const expected = execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim().split('\n');
  assert.ok(expected.length > 15);
  // The fixture's order follows from due times and scheduling order only, so a late loop cannot change it.
  const r = await run({ kind: 'file', path: file });
  assert.equal(r.outcome.status, 'completed');
  assert.deepEqual(r.logs, expected);
});

test('clearTimeout and clearInterval stop their timers, also from inside a callback', async () => {
  const r = await run(`
    const a = setTimeout(() => console.log('a ran'), 5);
    clearTimeout(a);
    // The check is made by the run that clears the interval: a run it failed to stop is due before the check.
    let n = 0;
    const iv = setInterval(() => {
      n++;
      if (n === 2) {
        clearInterval(iv);
        setTimeout(() => console.log('n =', n), 20);
      }
    }, 2);
    // The clearing timer is made first and with the shorter delay, so it is due first however late the loop runs.
    let late;
    setTimeout(() => clearTimeout(late), 10);
    late = setTimeout(() => console.log('late ran'), 30);
    clearTimeout(undefined); clearTimeout(12345); clearInterval('nope');
  `);
  assert.equal(r.outcome.status, 'completed');
  assert.deepEqual(r.logs, ['n = 2']);
});

test('setTimeout with a non-function is a TypeError like Node', async () => {
  const r = await run('let m; try { setTimeout("code", 1); } catch (e) { m = e.name; } m');
  assert.deepEqual(r.results.map((e) => e.text), ["'TypeError'"]);
});

test('performance.now is monotonic and advances with real time', async () => {
  const r = await run(`
    let prev = performance.now(), ok = true;
    for (let i = 0; i < 20000; i++) { const t = performance.now(); if (t < prev) ok = false; prev = t; }
    const start = performance.now();
    await new Promise((r) => setTimeout(r, 30));
    console.log(ok, performance.now() - start >= 29, typeof performance.timeOrigin);
  `);
  assert.deepEqual(r.logs, ['true true number']);
});

test('TextEncoder, TextDecoder, atob, btoa and structuredClone agree with Node', async () => {
  const r = await run(`
    const bytes = new TextEncoder().encode('héllo €𝄞');
    const out = {
      bytes: Array.from(bytes),
      text: new TextDecoder().decode(bytes),
      bad: new TextDecoder().decode(new Uint8Array([0x61, 0xff, 0x62])),
      b64: btoa('any carnal pleas'),
      un: atob('YW55IGNhcm5hbCBwbGVhcw=='),
    };
    const src = { d: new Date(0), m: new Map([[1, { s: new Set([2]) }]]), r: /x/gi, arr: [1, , 3], big: 10n };
    src.self = src;
    const c = structuredClone(src);
    out.clone = [c !== src, c.self === c, c.d.getTime(), c.m.get(1).s.has(2), String(c.r), 1 in c.arr, typeof c.big];
    let threw; try { structuredClone(() => 1); } catch (e) { threw = e.name; }
    out.fnClone = threw;
    console.log(JSON.stringify(out));
  `);
  const got = JSON.parse(r.logs[0]);
  const bytes = new TextEncoder().encode('héllo €𝄞');
  assert.deepEqual(got.bytes, Array.from(bytes));
  assert.equal(got.text, 'héllo €𝄞');
  assert.equal(got.bad, new TextDecoder().decode(new Uint8Array([0x61, 0xff, 0x62])));
  assert.equal(got.b64, btoa('any carnal pleas'));
  assert.equal(got.un, 'any carnal pleas');
  assert.deepEqual(got.clone, [true, true, 0, true, '/x/gi', false, 'bigint']);
  assert.equal(got.fnClone, 'DataCloneError');
});

test('atob rejects invalid base64 like Node', async () => {
  const r = await run('let n; try { atob("@@@"); } catch (e) { n = e.name; } n');
  assert.deepEqual(r.results.map((e) => e.text), ["'InvalidCharacterError'"]);
});

test('require, Buffer and module are undefined and process is the shim, however the global object is reached', async () => {
  const r = await run(`
    const routes = {
      direct: () => globalThis,
      functionCtor: () => Function('return this')(),
      indirectEval: () => (0, eval)('this'),
      constructorChain: () => globalThis.constructor.constructor('return this')(),
      arrowCtor: () => (() => {}).constructor('return this')(),
      asyncCtor: () => (async () => {}).constructor('return this')(),
    };
    const out = [];
    for (const [route, get] of Object.entries(routes)) {
      const g = get();
      for (const name of ['require', 'Buffer', 'module', 'exports', 'global', '__dirname']) {
        if (typeof g[name] !== 'undefined') out.push(route + '.' + name);
      }
      // Node's process has these; the shim has none of them. (The async route's g is a promise: no process.)
      const p = g.process;
      for (const name of ['binding', 'dlopen', 'mainModule', 'kill', 'stdout', 'memoryUsage']) {
        if (p && typeof p[name] !== 'undefined') out.push(route + '.process.' + name);
      }
      if (p && p.release.name !== 'quickjs-sandbox') out.push(route + '.process');
    }
    out.push(typeof process, typeof require, typeof Buffer, typeof module);
    out.join(',')
  `);
  assert.equal(r.results[0]?.text, "'object,undefined,undefined,undefined'", JSON.stringify(r.errors));
});

test('process: granted variables and NODE_ENV in env, Node\'s argv shape, nextTick before timers', async () => {
  process.env.QJS_PROCESS_GRANTED = 'granted value';
  process.env.QJS_PROCESS_HIDDEN = 'hidden value';
  const file = '/virtual/process-demo.mjs';
  const source = [
    'console.log(JSON.stringify(process.env), process.env.QJS_PROCESS_HIDDEN, process.env.HOME);',
    'console.log(JSON.stringify(process.argv), process.platform, process.cwd(), typeof process.versions.node);',
    "setTimeout(() => console.log('timer'), 0);",
    "process.nextTick((a, b) => console.log('tick', a, b), 1, 2);",
    "Promise.resolve().then(() => console.log('then'));",
    "process.env.EXTRA = 'set by the script'; console.log(process.env.EXTRA);",
  ].join('\n');
  const r = await run({ kind: 'source', source, filename: file }, { permissions: { env: ['QJS_PROCESS_GRANTED'] }, args: ['a', 'b'], nodeEnv: 'development' });
  assert.equal(r.outcome.exitCode, 0, JSON.stringify(r.errors));
  assert.equal(r.leak, undefined);
  assert.deepEqual(r.logs, [
    '{"QJS_PROCESS_GRANTED":"granted value","NODE_ENV":"development"} undefined undefined',
    `["quickjs-sandbox","${file}","a","b"] browser / undefined`,
    'set by the script',
    'tick 1 2',
    'then',
    'timer',
  ]);
});

test('process.exit ends the run at once with its code, past any catch; process.exitCode is the code of a run that ends by itself', async () => {
  const exit = await run([
    "console.log('before');",
    "try { process.exit(3); } catch (e) { console.log('caught'); } finally { console.log('finally'); }",
    "console.log('after');",
  ].join('\n'));
  assert.deepEqual(exit.logs, ['before']);
  assert.deepEqual([exit.outcome.status, exit.outcome.exitCode, exit.outcome.message], ['error', 3, 'the script called process.exit(3)']);
  const zero = await run("setTimeout(() => { console.log('t'); process.exit(); }, 1); setTimeout(() => console.log('never'), 200);");
  assert.deepEqual([zero.logs, zero.outcome.status, zero.outcome.exitCode], [['t'], 'completed', 0]);
  const code = await run("process.exitCode = 4; setTimeout(() => console.log('still runs'), 1);");
  assert.deepEqual([code.logs, code.outcome.exitCode, code.outcome.message], [['still runs'], 4, 'the script set process.exitCode to 4']);
  // A getter the script puts there is not run by the host.
  const getter = await run("Object.defineProperty(process, 'exitCode', { get() { for (;;) {} } }); console.log('done');");
  assert.deepEqual([getter.logs, getter.outcome.exitCode], [['done'], 0]);
});
