// Remote values (results that stay inside the sandbox and are paged on demand) and memory statistics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './helpers.mjs';

/** Every numeric field api.ts's MemoryStats declares (kept in step with src/engine/api.ts by the test below). */
const STATS_FIELDS = [
  'malloc_size', 'malloc_limit', 'memory_used_size', 'malloc_count', 'memory_used_count', 'atom_count', 'atom_size',
  'str_count', 'str_size', 'obj_count', 'obj_size', 'prop_count', 'prop_size', 'shape_count', 'shape_size',
  'js_func_count', 'js_func_size', 'js_func_code_size', 'js_func_pc2line_count', 'js_func_pc2line_size',
  'c_func_count', 'array_count', 'fast_array_count', 'fast_array_elements', 'binary_object_count', 'binary_object_size',
  'heap_size', 'time',
];

test('the field list matches the MemoryStats interface of api.ts', async () => {
  const { readFileSync } = await import('node:fs');
  const api = readFileSync(new URL('../../src/engine/api.ts', import.meta.url), 'utf8');
  const body = /export interface MemoryStats \{([\s\S]*?)\n\}/.exec(api)[1];
  const declared = [...body.matchAll(/^\s+(\w+)\??: number;/gm)].map((m) => m[1]);
  assert.deepEqual([...declared].sort(), [...STATS_FIELDS].sort());
});

test('an object result carries a remote value whose children page through it', async () => {
  const r = await run('({ list: Array.from({ length: 250 }, (_, i) => i * 2), name: "n", m: new Map([[1, 2]]), get lazy() { return 5; } })', {}, { keep: true });
  const { sandbox } = r;
  try {
    const v = r.results[0].value;
    assert.ok(v.id > 0);
    assert.equal(v.type, 'object');
    assert.equal(v.namedCount, 4);
    const named = await sandbox.children(v.id, 'named');
    assert.deepEqual(named.map((p) => p.name).filter((n) => !n.startsWith('[[')), ['list', 'name', 'm', 'lazy']);
    const list = named.find((p) => p.name === 'list').value;
    assert.equal(list.type, 'array');
    assert.equal(list.indexedCount, 250);
    assert.ok(list.id > 0);
    const page = await sandbox.children(list.id, 'indexed', 100, 5);
    assert.deepEqual(page.map((p) => [p.name, p.value.preview]), [['100', '200'], ['101', '202'], ['102', '204'], ['103', '206'], ['104', '208']]);
    assert.equal(named.find((p) => p.name === 'name').value.id, 0, 'primitives have nothing to expand');
    const lazy = named.find((p) => p.name === 'lazy');
    assert.equal(lazy.getter, true);
    assert.equal((await sandbox.invokeGetter(v.id, 'lazy')).preview, '5');
    assert.equal(named.find((p) => p.name === 'm').value.type, 'map');
  } finally {
    assert.equal(await sandbox.dispose(), undefined);
  }
});

test('primitive results have id 0', async () => {
  const r = await run('"just a string"');
  assert.equal(r.results[0].value.id, 0);
  assert.equal(r.results[0].value.type, 'string');
});

test('memoryStats({classes:true}) has every field as a number, and class counts that follow the script', async () => {
  const r = await run('globalThis.keep = Array.from({ length: 1000 }, () => new Map()); 0', { leakCheck: false }, { keep: true });
  const { sandbox } = r;
  try {
    const s = await sandbox.memoryStats({ classes: true });
    for (const f of STATS_FIELDS) {
      assert.equal(typeof s[f], 'number', f);
      assert.ok(Number.isFinite(s[f]) && s[f] >= 0, `${f} = ${s[f]}`);
    }
    assert.equal(s.malloc_limit, 64 * 1024 * 1024);
    assert.ok(s.heap_size >= 16 * 1024 * 1024);
    assert.ok(s.obj_count > 1000);
    assert.ok(s.classes.Map >= 1000, `Map count ${s.classes.Map}`);
    assert.ok(s.classes.Array >= 1);
    const plain = await sandbox.memoryStats();
    assert.equal(plain.classes, undefined);
  } finally {
    await sandbox.dispose();
  }
});

test('memorySampleIntervalMs: 20 emits memory events during a CPU-bound run', async () => {
  // At least 400 ms, and 30 MB allocated however slowly the machine runs it: the heap starts at 16 MB and shows growth
  // only once the script outgrows that (the cap keeps a fast machine far from the 64 MB limit).
  const r = await run('const end = Date.now() + 400; const a = []; while (Date.now() < end || a.length < 30000) if (a.length < 30000) a.push("x".repeat(1000) + a.length); a.length > 0', { memorySampleIntervalMs: 20 });
  const samples = r.events.filter((e) => e.type === 'memory');
  assert.ok(samples.length >= 5, `${samples.length} samples in 400 ms`);
  for (const s of samples) assert.equal(typeof s.stats.heap_size, 'number');
  // Detailed reports walk the heap, so only some samples carry them; the others are marked partial.
  assert.ok(samples.some((s) => !s.stats.partial && s.stats.obj_count > 0), 'at least one detailed sample');
  const times = samples.map((s) => s.stats.time);
  assert.deepEqual(times, [...times].sort((a, b) => a - b), 'samples arrive in time order');
  assert.ok(samples.at(-1).stats.heap_size > samples[0].stats.heap_size, 'the growing array shows in the heap size');
});

test('no memory events without memorySampleIntervalMs', async () => {
  const r = await run('const end = Date.now() + 100; while (Date.now() < end);');
  assert.equal(r.events.filter((e) => e.type === 'memory').length, 0);
});

test('memory is sampled at the interval while the script waits on timers, not only while it computes', async () => {
  // Ten timer callbacks 100 ms apart that each do almost nothing: the interrupt handler alone saw ~2 samples a second.
  const r = await run('let n = 0; const keep = []; const id = setInterval(() => { keep.push(new Array(1000).fill(n)); if (++n === 10) clearInterval(id); }, 100);', { memorySampleIntervalMs: 50, timeoutMs: 30_000 });
  const samples = r.events.filter((e) => e.type === 'memory');
  // About 20 are due in ~1 s; a loaded machine stretches the run, which only adds samples.
  assert.ok(samples.length >= 12, `${samples.length} samples over ten 100 ms timer waits`);
  const times = samples.map((s) => s.stats.time);
  assert.deepEqual(times, [...times].sort((a, b) => a - b), 'samples arrive in time order');
});
