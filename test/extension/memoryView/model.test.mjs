// The memory view's pure parts: sample history, category breakdown, deltas between samples, chart columns and
// the figures' formatting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMemoryView, partial, stats } from './build.mjs';

const { model } = await loadMemoryView();
const MB = 1024 * 1024;

test('the sample store keeps the newest samples with ids that keep growing', () => {
  const store = new model.SampleStore(3);
  for (let i = 0; i < 5; i++) store.add(stats({ time: i * 250 }), 'run');
  assert.equal(store.size, 3);
  assert.deepEqual(store.all.map((s) => s.id), [3, 4, 5]);
  assert.equal(store.byId(4).stats.time, 750);
  assert.equal(store.byId(1), undefined, 'a dropped sample is gone, not replaced by a newer one');
  assert.equal(store.latest().id, 5);
  assert.throws(() => new model.SampleStore(1), RangeError);
});

test('latestDetailed skips heap-only samples', () => {
  const store = new model.SampleStore(10);
  store.add(stats({ time: 0, memory_used_size: 111 }), 'run');
  store.add(partial(250, 17 * MB), 'run');
  store.add(partial(500, 18 * MB), 'run');
  assert.equal(store.latestDetailed().stats.memory_used_size, 111);
  assert.equal(store.latest().stats.partial, true);
});

test('the breakdown has every category, functions include their bytecode, and partial samples have none', () => {
  const rows = model.categoryRows(stats());
  assert.deepEqual(rows.map((r) => r.key), ['objects', 'properties', 'strings', 'atoms', 'shapes', 'functions', 'arrays', 'binary']);
  const fn = rows.find((r) => r.key === 'functions');
  assert.equal(fn.count, 188);
  assert.equal(fn.size, 117_043 + 26_090 + 13_548);
  assert.match(fn.note, /289 native/);
  const arrays = rows.find((r) => r.key === 'arrays');
  assert.equal(arrays.size, undefined, 'QuickJS reports no byte size for arrays: none is invented');
  assert.match(arrays.note, /30 elements/);
  assert.deepEqual(model.categoryRows(partial(0, 16 * MB)), []);
});

test('diffSamples gives B - A for every figure and class, largest class change first', () => {
  const a = stats({ time: 1000, memory_used_size: 300_000, obj_count: 754, str_size: 2378, classes: { Object: 135, Array: 14, Map: 4 } });
  const b = stats({ time: 3500, heap_size: 20 * MB, memory_used_size: 10_000_000, obj_count: 82_152, str_size: 2_473_846, classes: { Object: 20_484, Array: 15, Uint8Array: 20_351, Map: 4 } });
  const d = model.diffSamples(a, b);
  assert.equal(d.elapsedMs, 2500);
  assert.equal(d.partial, false);
  assert.equal(d.heap.delta, 4 * MB);
  assert.equal(d.used.delta, 9_700_000);
  const objects = d.categories.find((c) => c.key === 'objects');
  assert.equal(objects.count.delta, 82_152 - 754);
  assert.equal(d.categories.find((c) => c.key === 'strings').size.delta, 2_473_846 - 2378);
  assert.equal(d.categories.find((c) => c.key === 'arrays').size, undefined);
  assert.deepEqual(d.classes.map((c) => [c.key, c.delta]), [['Uint8Array', 20_351], ['Object', 20_349], ['Array', 1]], 'unchanged Map left out');
});

test('a comparison with a heap-only sample shows only the heap, never a made-up live figure', () => {
  const d = model.diffSamples(stats({ time: 0 }), partial(500, 20 * MB));
  assert.equal(d.partial, true);
  assert.equal(d.heap.delta, 4 * MB);
  assert.equal(d.used, undefined);
  assert.deepEqual(d.categories, []);
  assert.deepEqual(d.classes, []);
});

test('chart columns leave the live estimate out of partial samples and drop samples that go back in time', () => {
  const store = new model.SampleStore(10);
  store.add(stats({ time: 0, memory_used_size: 1000 }), 'run');
  store.add(partial(250, 17 * MB), 'run');
  store.add(stats({ time: 100, memory_used_size: 5 }), 'request'); // late reply: earlier time than the last point
  store.add(stats({ time: 500, memory_used_size: 2000, heap_size: 18 * MB }), 'final');
  const c = model.chartData(store.all);
  assert.deepEqual(c.t, [0, 0.25, 0.5]);
  assert.deepEqual(c.used, [1000, null, 2000]);
  assert.deepEqual(c.heap, [16 * MB, 17 * MB, 18 * MB]);
  assert.deepEqual(c.limit, [64 * MB, 64 * MB, 64 * MB]);
});

test('figures are formatted for people, with signs on deltas', () => {
  assert.equal(model.formatBytes(812), '812 B');
  assert.equal(model.formatBytes(1536), '1.50 KB');
  assert.equal(model.formatBytes(20_185_088), '19.3 MB');
  assert.equal(model.formatBytes(64 * MB), '64.0 MB');
  assert.equal(model.formatBytes(200 * MB), '200 MB');
  assert.equal(model.formatBytesDelta(1536), '+1.50 KB');
  assert.equal(model.formatBytesDelta(-812), '-812 B');
  assert.equal(model.formatBytesDelta(0), '0 B');
  assert.equal(model.formatCount(20_437), '20,437');
  assert.equal(model.formatCount(-1_234_567), '-1,234,567');
  assert.equal(model.formatCountDelta(3), '+3');
  assert.equal(model.formatSeconds(250), '0.25 s');
  assert.equal(model.formatSeconds(12_345), '12.3 s');
});

test('the headline names the heap against the limit and says when live memory was not measured', () => {
  assert.equal(model.headline(stats({ heap_size: 16 * MB, memory_used_size: 300_000 })), 'heap 16.0 MB (25% of the 64.0 MB limit) · live objects ≈ 293 KB');
  assert.match(model.headline(partial(0, 32 * MB)), /^heap 32\.0 MB \(50% of the 64\.0 MB limit\) · live objects: not measured/);
  assert.match(model.headline(stats({ malloc_limit: 0 })), /\(no limit\)/);
  assert.equal(model.sampleLabel({ id: 7, origin: 'paused', stats: partial(1500, MB) }), '#7 at 1.50 s paused (heap only)');
});

test('a mirrored store keeps the ids it is given and refuses ones that go back', () => {
  const store = new model.SampleStore(5);
  store.keep({ id: 10, origin: 'run', stats: stats({ time: 0 }) });
  store.keep({ id: 12, origin: 'final', stats: stats({ time: 1 }) });
  assert.throws(() => store.keep({ id: 12, origin: 'run', stats: stats() }), RangeError);
  assert.equal(store.add(stats({ time: 2 }), 'run').id, 13, 'ids continue after the kept ones');
  assert.equal(store.byId(12).origin, 'final');
});

test('the bytes axis steps in 1-2-5 multiples of 1024-based units, and every tick reads as a whole number', () => {
  assert.ok(model.BYTE_TICK_STEPS.includes(10 * MB) && model.BYTE_TICK_STEPS.includes(500 * 1024));
  for (const step of model.BYTE_TICK_STEPS) {
    const labels = model.formatByteTicks([0, 1, 2, 3, 7, 30].map((k) => k * step), step);
    for (const l of labels) assert.match(l, /^\d+ (B|KB|MB|GB)$/, `${step}: ${labels}`);
    assert.equal(new Set(labels.map((l) => l.split(' ')[1])).size, 1, `one unit per axis: ${labels}`);
  }
  assert.deepEqual(model.formatByteTicks([0, 10 * MB, 20 * MB], 10 * MB), ['0 MB', '10 MB', '20 MB']);
  assert.deepEqual(model.formatByteTicks([500 * MB, 1000 * MB, 1500 * MB], 500 * MB), ['500 MB', '1000 MB', '1500 MB']);
  assert.deepEqual(model.BYTE_TICK_STEPS, [...model.BYTE_TICK_STEPS].sort((a, b) => a - b), 'increasing, as the chart expects');
});

test('the by-kind chart draws bytes per kind from detailed samples only, in time order', () => {
  const samples = [
    { id: 1, origin: 'run', stats: stats({ time: 0, obj_size: 1000, str_size: 50 }) },
    { id: 2, origin: 'run', stats: partial(250, 17 * MB) },
    { id: 3, origin: 'run', stats: stats({ time: 500, obj_size: 3000, str_size: 70 }) },
  ];
  const d = model.kindChartData(samples);
  assert.deepEqual(d.t, [0, 0.5]);
  assert.deepEqual(model.KIND_SERIES.map((k) => k.key), ['objects', 'properties', 'strings', 'atoms', 'shapes', 'functions', 'binary'], 'every kind with a size; arrays have none');
  const at = (key) => d.sizes[model.KIND_SERIES.findIndex((k) => k.key === key)];
  assert.deepEqual(at('objects'), [1000, 3000]);
  assert.deepEqual(at('strings'), [50, 70]);
  assert.deepEqual(at('functions'), [117_043 + 26_090 + 13_548, 117_043 + 26_090 + 13_548]);
});

test('samples export as CSV: a header, one row per sample, detailed columns empty in heap-only samples', () => {
  const samples = [
    { id: 7, origin: 'run', stats: stats({ time: 1234, heap_size: 16 * MB, memory_used_size: 300_000, obj_count: 754, obj_size: 1000 }) },
    { id: 8, origin: 'final', stats: partial(2000, 18 * MB) },
  ];
  const csv = model.samplesToCsv(samples);
  const lines = csv.split('\r\n');
  assert.equal(lines.at(-1), '', 'ends with a line break');
  const header = lines[0].split(',');
  assert.deepEqual(header.slice(0, 8), ['sample', 'time_s', 'origin', 'heap_bytes', 'limit_bytes', 'live_bytes', 'objects_count', 'objects_bytes']);
  assert.ok(header.includes('arrays_count') && !header.includes('arrays_bytes'));
  const row = (i) => Object.fromEntries(lines[i].split(',').map((v, j) => [header[j], v]));
  assert.deepEqual([row(1).sample, row(1).time_s, row(1).origin, row(1).heap_bytes, row(1).live_bytes, row(1).objects_count, row(1).objects_bytes],
    ['7', '1.234', 'run', String(16 * MB), '300000', '754', '1000']);
  assert.deepEqual([row(2).origin, row(2).heap_bytes, row(2).live_bytes, row(2).objects_count], ['final', String(18 * MB), '', '']);
  assert.equal(lines[1].split(',').length, header.length);
  assert.equal(lines[2].split(',').length, header.length);
});
