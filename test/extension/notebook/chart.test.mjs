// display.chart and display() of bytes, from the real engine to what the renderers get: the kernel sends the data,
// chart.ts checks it and builds the columns uPlot draws, with errors that name the field to fix.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leakCheckedSandbox, loadNotebookModule } from './helpers.mjs';

test('display.chart in a cell reaches the notebook as columns to draw; bad input is refused in words', async () => {
  const chart = await loadNotebookModule('chart');
  const { sandbox, events } = await leakCheckedSandbox();
  try {
    const displayed = async (source) => {
      events.length = 0;
      await sandbox.run({ kind: 'source', source, filename: 'cell-1.js', type: 'script' });
      return events.filter((e) => e.type === 'display' || e.type === 'error');
    };
    const [e] = await displayed('display.chart([{ t: 2, v: 4, w: 1 }, { t: 1, v: 1, w: 2 }, { t: 3, v: 9 }], { x: "t", title: "Squares" })');
    assert.equal(e.mime, chart.CHART_MIME);
    const out = chart.chartOutput(e.data);
    assert.deepEqual(out.chart.x, { label: 't', values: [1, 2, 3] }, 'x sorted, so lines go left to right');
    assert.deepEqual(out.chart.series, [{ label: 'v', values: [1, 4, 9] }, { label: 'w', values: [2, 1, null] }]);
    assert.equal(out.chart.kind, 'line');
    assert.equal(out.chart.title, 'Squares');
    assert.equal(out.text, 'line chart "Squares" of v, w against t (3 points)');

    const [bars] = await displayed('display.chart({ fruit: ["apple", "pear"], count: [3, 5] }, { x: "fruit", type: "bar" })');
    const b = chart.chartOutput(bars.data).chart;
    assert.deepEqual(b.x, { label: 'fruit', values: [0, 1], categories: ['apple', 'pear'] });
    assert.deepEqual(b.series, [{ label: 'count', values: [3, 5] }]);

    const [dates] = await displayed('display.chart([{ day: new Date("2026-01-02"), n: 2 }, { day: new Date("2026-01-01"), n: 1 }], { x: "day", y: "n", type: "scatter" })');
    const d = chart.chartOutput(dates.data).chart;
    assert.equal(d.x.time, true);
    assert.deepEqual(d.x.values, [Date.UTC(2026, 0, 1) / 1000, Date.UTC(2026, 0, 2) / 1000]);
    assert.deepEqual(d.series[0].values, [1, 2]);

    const [plain] = await displayed('display.chart([3, 1, 2])');
    assert.deepEqual(chart.chartOutput(plain.data).chart.series, [{ label: 'value', values: [3, 1, 2] }]);

    const [thrown] = await displayed('display.chart(5)');
    assert.equal(thrown.type, 'error');
    assert.match(thrown.error.message, /data must be an array of records, an array of numbers, or an object of columns/);

    const refused = async (source, pattern) => {
      const [ev] = await displayed(source);
      const r = chart.chartOutput(ev.data);
      assert.ok('error' in r, `${source} should be refused`);
      assert.match(r.error, pattern);
    };
    await refused('display.chart([{ a: 1 }], { x: "b" })', /spec\.x is "b", but the data has no such field; its fields are "a"/);
    await refused('display.chart([{ a: 1 }], { y: ["a", "zz"] })', /spec\.y names "zz"/);
    await refused('display.chart([{ a: 1 }], { kind: "bar" })', /spec has no option "kind"; the options are x, y, type/);
    await refused('display.chart([{ a: 1 }], { type: "pie" })', /spec\.type must be "line", "bar", "scatter"/);
    await refused('display.chart([{ name: "x" }])', /no field holds numbers to plot; name one with spec\.y/);
    await refused('display.chart([])', /data is empty/);
    await refused('display.chart([1n])', /could not be turned into JSON/);
  } finally {
    const leak = await sandbox.dispose();
    assert.equal(leak, undefined, `QuickJS reported leaked memory: ${leak}`);
  }
});

test('display() of bytes: images travel as base64 and arrive as the same bytes; text mimes read them as UTF-8', async () => {
  const out = await loadNotebookModule('outputs');
  const { sandbox, events } = await leakCheckedSandbox();
  try {
    const bytes = [0x89, 0x50, 0x4e, 0x47, 0, 255, 128, 7];
    await sandbox.run({
      kind: 'source',
      filename: 'cell-1.js',
      type: 'script',
      source: [
        `const b = new Uint8Array([${bytes.join(', ')}])`,
        'display(b, "image/png")',
        'display({ png: b.buffer })',
        'display(new DataView(b.buffer, 1, 3), "image/jpeg")',
        'display(new TextEncoder().encode("<i>é</i>"), "text/html")',
      ].join('\n'),
    });
    const shown = events.filter((e) => e.type === 'display');
    assert.deepEqual(shown.map((e) => e.mime), ['image/png', 'image/png', 'image/jpeg', 'text/html']);
    assert.deepEqual([...out.displayBytes(shown[0].mime, shown[0].data)], bytes);
    assert.deepEqual([...out.displayBytes(shown[1].mime, shown[1].data)], bytes);
    assert.deepEqual([...out.displayBytes(shown[2].mime, shown[2].data)], bytes.slice(1, 4));
    assert.equal(shown[3].data, '<i>é</i>');
  } finally {
    const leak = await sandbox.dispose();
    assert.equal(leak, undefined, `QuickJS reported leaked memory: ${leak}`);
  }
});

test('the record table renderer sorts numbers by value, strings by text, empty cells last, ties in array order', async () => {
  const { sortedOrder } = await import('../../../media/notebook/renderer.js');
  const rows = [["'b'", '10'], ["'a'", '9'], ['', '-1'], ["'B'", '10'], ["'c'", ''], ["'a'", '1e3']];
  assert.deepEqual(sortedOrder(rows, 1, 1), [2, 1, 0, 3, 5, 4]);
  assert.deepEqual(sortedOrder(rows, 1, -1), [5, 0, 3, 1, 2, 4]);
  assert.deepEqual(sortedOrder(rows, 0, 1), [1, 5, 0, 3, 4, 2]);
  assert.deepEqual(sortedOrder(rows, -1, -1), [5, 4, 3, 2, 1, 0]);
  assert.deepEqual(sortedOrder(rows, 0, 0), [0, 1, 2, 3, 4, 5]);
});
