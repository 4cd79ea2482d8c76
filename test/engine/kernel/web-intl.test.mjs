// Intl (the FormatJS polyfills, evaluated on first use, with more locales and time zone data loaded on demand), the
// kernel's Intl.Collator, and the toLocaleString methods, in the real engine. The fixture runs in Node too and both
// outputs must be equal; packages that probe Intl must print what they print in Node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run, repoRoot } from '../helpers.mjs';

/** Intl's 900 KB take seconds to evaluate in the leak-checking debug build: these tests use the release build. */
async function lines(request, options = {}) {
  // A generous timeout: loading the polyfills and zone data is seconds of CPU on a machine that is busy elsewhere.
  const r = await run(request, { leakCheck: false, timeoutMs: 100_000, ...options }, { guardMs: 120_000 });
  assert.equal(r.outcome.status, 'completed', JSON.stringify([r.outcome.message, r.errors.map((e) => e.error?.message ?? e.text)]));
  return r.logs;
}
const module = (source) => ({ kind: 'source', source, type: 'module' });

/** Runs test/fixtures/web/<name> in the sandbox and in Node: the same `count` lines. */
async function sameAsNode(name, count) {
  const fixture = fileURLToPath(new URL(`../../fixtures/web/${name}`, import.meta.url));
  const got = await lines(module(fs.readFileSync(fixture, 'utf8')));
  assert.equal(got.length, count);
  assert.deepEqual(got, execFileSync(process.execPath, [fixture], { encoding: 'utf8' }).trimEnd().split('\n'));
}

test('Intl formats numbers, dates in named time zones, plurals, relative times, lists and collation as Node does', () => sameAsNode('intl.mjs', 11));

test('Intl.Segmenter splits graphemes, words and sentences as Node does, with containing(), iteration and option errors', () => sameAsNode('segmenter.mjs', 17));

test('local time: Intl and toLocaleString use the zone the sandbox Date uses (the host\'s)', () => {
  // The engine's workers take the zone of their process: a CLI child with TZ set.
  const file = path.join(dir, 'zone.js');
  fs.writeFileSync(file, "const d = new Date(Date.UTC(2024, 6, 1, 12)); console.log(JSON.stringify([d.toLocaleString('en-US'), d.toLocaleTimeString(), Intl.DateTimeFormat().resolvedOptions().timeZone]));");
  const child = execFileSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), 'run', file], { encoding: 'utf8', env: { ...process.env, TZ: 'America/New_York' } }).trim();
  assert.deepEqual(JSON.parse(child), ['7/1/2024, 8:00:00 AM', '8:00:00 AM', 'America/New_York']);
});

test('Intl is loaded on first touch (by Intl or a toLocaleString method), then a plain global; replaced methods stay', async () => {
  const [before, after] = await lines(module(`
    const d0 = Object.getOwnPropertyDescriptor(globalThis, 'Intl');
    Date.prototype.toLocaleTimeString = function () { return 'mine'; };
    console.log(JSON.stringify([typeof d0.get, 'Intl' in globalThis, Object.keys(globalThis).includes('Intl')]));
    const text = (1234.5).toLocaleString('de');
    const d1 = Object.getOwnPropertyDescriptor(globalThis, 'Intl');
    console.log(JSON.stringify([text, typeof d1.value, d1.enumerable, new Date(0).toLocaleTimeString(), typeof Intl.Segmenter, Intl.Collator.name, Intl.Collator() instanceof Intl.Collator]));
  `));
  assert.deepEqual(JSON.parse(before), ['function', true, false]);
  assert.deepEqual(JSON.parse(after), ['1.234,5', 'object', false, 'mine', 'function', 'Collator', true]);
});

test('a locale without bundled data falls back to English; options out of range throw RangeError', async () => {
  const [got] = await lines(module(`
    const errors = [];
    for (const f of [() => new Intl.Collator('en', { sensitivity: 'loud' }), () => new Intl.PluralRules('en', { type: 'cardinalish' })]) {
      try { f(); errors.push('none'); } catch (e) { errors.push(e.name); }
    }
    console.log(JSON.stringify([new Intl.NumberFormat('sw-KE').resolvedOptions().locale, (1234.5).toLocaleString('sw-KE'), errors]));
  `));
  assert.deepEqual(JSON.parse(got), ['en', '1,234.5', ['RangeError', 'RangeError']]);
});

let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qjs-intl-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  for (const name of ['date-fns', 'dayjs', 'moment']) fs.symlinkSync(path.join(repoRoot, 'node_modules', name), path.join(dir, 'node_modules', name));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('date-fns, dayjs and moment, which probe Intl, print what they print in Node', async () => {
  const file = path.join(dir, 'dates.mjs');
  fs.writeFileSync(file, [
    "import { intlFormat, intlFormatDistance, format, formatDistanceStrict } from 'date-fns';",
    "import dayjs from 'dayjs';",
    "import utc from 'dayjs/plugin/utc.js';",
    "import timezone from 'dayjs/plugin/timezone.js';",
    "import localizedFormat from 'dayjs/plugin/localizedFormat.js';",
    "import moment from 'moment';",
    'dayjs.extend(utc); dayjs.extend(timezone); dayjs.extend(localizedFormat);',
    'const d = new Date(Date.UTC(2024, 1, 29, 13, 5));',
    "console.log(intlFormat(d, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }, { locale: 'de-DE' }));",
    'console.log(intlFormatDistance(d, new Date(Date.UTC(2024, 2, 2))), intlFormatDistance(d, new Date(Date.UTC(2025, 2, 2)), { locale: "fr" }));',
    "console.log(format(d, 'yyyy-MM-dd'), formatDistanceStrict(d, new Date(Date.UTC(2024, 2, 2))));",
    "console.log(dayjs.utc(d).tz('Asia/Tokyo').format('YYYY-MM-DD HH:mm Z'), dayjs.utc(d).tz('America/New_York').format('LLL'));",
    "console.log(moment.utc(d).format('LLLL'), moment.utc(d).toDate().toLocaleDateString('en-US', { timeZone: 'UTC' }));",
  ].join('\n'));
  const got = await lines({ kind: 'file', path: file }, { cwd: dir });
  assert.deepEqual(got, execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' }).trimEnd().split('\n'));
  assert.equal(got[0], '29. Februar 2024');
});

/**
 * Runs `steps(used)` in one sandbox: `used(source)` runs a script and answers the QuickJS heap in use after it (a step
 * that loads nothing adds almost nothing) and `out()` what the scripts put in `globalThis.out`.
 */
async function heapSteps(steps) {
  const { createRequire } = await import('node:module');
  const engine = createRequire(import.meta.url)(path.join(repoRoot, 'dist/engine.js'));
  const sb = await engine.Sandbox.create({});
  const lines = [];
  sb.onEvent((e) => { if (e.type === 'console') lines.push(e.text); });
  try {
    const used = async (source) => {
      const r = await sb.run({ kind: 'source', source, filename: 'step.js' });
      assert.equal(r.status, 'completed', r.message);
      return (await sb.memoryStats()).memory_used_size;
    };
    const out = async () => { await used('console.log(JSON.stringify(globalThis.out))'); return JSON.parse(lines.pop()); };
    await steps(used, out);
  } finally {
    await sb.dispose();
  }
}

test('each Intl service loads on its own first use: NumberFormat never loads DateTimeFormat; a locale loads only its data', () => heapSteps(async (used, out) => {
  const base = await used('0');
  const numbers = await used('globalThis.out = [new Intl.NumberFormat("en").format(1234.5), (5).toLocaleString()]');
  const numbersAgain = await used('globalThis.out.push(new Intl.NumberFormat().format(2), typeof Intl.DateTimeFormat)');
  const dates = await used('globalThis.out.push(new Intl.DateTimeFormat("en", { timeZone: "UTC" }).format(0))');
  const german = await used('globalThis.out.push(new Intl.NumberFormat("de").format(1234.5))');
  assert.deepEqual(await out(), ['1,234.5', '5', '2', 'function', '1/1/1970', '1.234,5']);
  // NumberFormat with its English data is well under the 2.5 MB that loading every service took.
  assert.ok(numbers - base < 1.2e6, `NumberFormat's first use: ${numbers - base} bytes`);
  // Asking for DateTimeFormat's type does not load it, nor does a second NumberFormat; formatting a date does.
  assert.ok(numbersAgain - numbers < 50e3, `a second NumberFormat: ${numbersAgain - numbers} bytes`);
  assert.ok(dates - numbersAgain > 1e6, `DateTimeFormat's first use: ${dates - numbersAgain} bytes`);
  // German data for the services loaded so far only: far less than a service.
  assert.ok(german - dates < 1e6, `German data: ${german - dates} bytes`);
}));

test('Intl.Segmenter loads on first use without other services\' data or the alias tables; a second one costs little', () => heapSteps(async (used, out) => {
  const numbers = await used('globalThis.out = [new Intl.NumberFormat("en").format(1)]');
  const first = await used('globalThis.out.push([...new Intl.Segmenter().segment("a👍🏽b")].length)');
  const second = await used('globalThis.out.push([...new Intl.Segmenter("de-AT").segment("e\u0301")].length, new Intl.Segmenter("de-AT").resolvedOptions().locale)');
  // Its locale list is answered as canonical without asking the alias tables: each tag must be what they give.
  await used('globalThis.out.push([...Intl.Segmenter.availableLocales].filter((t) => Intl.getCanonicalLocales(t)[0] !== t))');
  assert.deepEqual(await out(), ['1', 3, 1, 'de-AT', []]);
  // Measured 0.35 MB: the polyfill and its grapheme rules, not the alias tables (0.9 MB more) nor NumberFormat's
  // data for the ~1,000 locales the polyfill's matcher canonicalizes.
  assert.ok(first - numbers < 0.6e6, `Segmenter's first use: ${first - numbers} bytes`);
  assert.ok(second - first < 50e3, `a second Segmenter: ${second - first} bytes`);
}));

test('Intl members are data properties whose constructors behave as the real ones, before and after first use', async () => {
  const [got, printed] = await lines(module(`
    const d = Object.getOwnPropertyDescriptor(Intl, 'PluralRules');
    const before = [typeof d.value, d.writable, d.enumerable, d.configurable, Intl.PluralRules.name, Intl.PluralRules.length];
    class Mine extends Intl.NumberFormat { hello() { return 'hi ' + this.format(1234.5); } }
    const m = new Mine('de');
    const p = Object.getOwnPropertyDescriptor(Intl.ListFormat, 'prototype');
    console.log(JSON.stringify([before, m.hello(), m instanceof Intl.NumberFormat, Intl.NumberFormat.prototype.constructor === Intl.NumberFormat,
      [p.writable, p.configurable], Object.prototype.toString.call(new Intl.ListFormat('en')), Intl.getCanonicalLocales(['EN-us', 'en-US', 'de']),
      new Intl.PluralRules('en', { type: 'ordinal' }).select(2), [Object.keys(Intl.NumberFormat), Object.keys(Intl.Segmenter)]]));
    console.log(Intl.Segmenter);
  `));
  assert.deepEqual(JSON.parse(got), [['function', true, false, true, 'PluralRules', 0], 'hi 1.234,5', true, true, [false, false], '[object Intl.ListFormat]', ['en-US', 'de'], 'two', [[], []]]);
  // Printed as Node prints a built-in constructor: the polyfills' statics (data, hooks) are not enumerable.
  assert.equal(printed, '[Function: Segmenter]');
});
