// Rich results read from the real engine: arrays of records become tables, other values do not, and every remote
// reference taken while reading is released (the debug build reports any leak when the sandbox is disposed).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engine, leakCheckedSandbox, loadNotebookModule } from './helpers.mjs';

test('an array of records becomes an escaped HTML table; other arrays do not', async () => {
  const out = await loadNotebookModule('outputs');
  const { sandbox, events } = await leakCheckedSandbox();
  try {
    const resultOf = async (source) => {
      events.length = 0;
      await sandbox.run({ kind: 'source', source, filename: 'cell-1.js', type: 'script' });
      return events.find((e) => e.type === 'result').value;
    };
    const children = (...a) => sandbox.children(...a);
    const value = await resultOf('[{ name: "<b>x</b>", n: 1 }, { name: "y", extra: [1, 2] }]');
    const acquired = [];
    const table = await out.readRecordTable(value, children, acquired);
    assert.deepEqual(table.columns, ['name', 'n', 'extra']);
    assert.deepEqual(table.rows, [["'<b>x</b>'", '1', ''], ["'y'", '', '[ 1, 2 ]']]);
    const html = out.recordTableHtml(table);
    assert.match(html, /<th>name<\/th><th>n<\/th><th>extra<\/th>/);
    assert.ok(!html.includes('<b>x</b>'), 'cell text is escaped');
    assert.ok(acquired.length >= 2);
    for (const id of acquired) await sandbox.release(id);
    await sandbox.release(value.id);

    const big = await resultOf('Array.from({ length: 150 }, (_, i) => ({ i }))');
    const acquiredBig = [];
    const bigTable = await out.readRecordTable(big, children, acquiredBig);
    assert.equal(bigTable.rows.length, out.TABLE_MAX_ROWS);
    assert.equal(bigTable.more, 50);
    assert.match(out.recordTableHtml(bigTable), /50 more rows/);
    for (const id of acquiredBig) await sandbox.release(id);
    await sandbox.release(big.id);

    for (const source of ['[1, 2, 3]', '[new Map(), {}]', '({ a: 1 })']) {
      const v = await resultOf(source);
      const acq = [];
      assert.equal(await out.readRecordTable(v, children, acq), undefined, source);
      for (const id of acq) await sandbox.release(id);
      await sandbox.release(v.id);
    }
  } finally {
    const leak = await sandbox.dispose();
    assert.equal(leak, undefined, `QuickJS reported leaked memory: ${leak}`);
  }
});

test('display() bytes: images are decoded from base64 (data: URLs too), text stays text', async () => {
  const out = await loadNotebookModule('outputs');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64');
  assert.deepEqual([...out.displayBytes('image/png', png)], [0x89, 0x50, 0x4e, 0x47]);
  assert.deepEqual([...out.displayBytes('image/png', `data:image/png;base64,${png}`)], [0x89, 0x50, 0x4e, 0x47]);
  assert.equal(new TextDecoder().decode(out.displayBytes('image/svg+xml', '<svg/>')), '<svg/>');
});

test('record tables read in one request: 10,000 rows with their columns, accessors never run, no reference taken', async () => {
  const out = await loadNotebookModule('outputs');
  // A short timeout: reading the table after the run must not count against the run's time.
  const { sandbox, events } = await leakCheckedSandbox({ timeoutMs: 5_000 });
  try {
    const resultOf = async (source) => {
      events.length = 0;
      await sandbox.run({ kind: 'source', source, filename: 'cell-1.js', type: 'script' });
      const result = events.find((e) => e.type === 'result');
      assert.ok(result, JSON.stringify(events));
      return result.value;
    };
    const records = (...a) => sandbox.records(...a);
    // The debug build is many times slower than the release one: the row limit is checked on 300 rows.
    const big = await resultOf('Array.from({ length: 300 }, (_, i) => ({ id: i, name: `item ${i}`, ...(i % 2 ? { odd: true } : {}) }))');
    const table = await out.readTableData(big, (id, _rows, columns) => sandbox.records(id, 250, columns));
    assert.deepEqual(table.columns, ['id', 'name', 'odd']);
    assert.equal(table.rows.length, 250);
    assert.equal(table.total, 300);
    assert.deepEqual(table.rows[0], ['0', "'item 0'", '']);
    assert.deepEqual(table.rows[249], ['249', "'item 249'", 'true']);
    const html = out.tableDataHtml(table);
    assert.equal((html.match(/<tr>/g) ?? []).length, out.TABLE_MAX_ROWS + 1, 'the static copy has the first rows and the header');
    assert.match(html, /… 200 more rows/);
    await sandbox.release(big.id);

    // Cells keep the tree's previews; escapes and nested values go through the full preview.
    const mixed = await resultOf('[{ s: "it\'s", n: -0, b: 10n, nested: { a: [1, 2] }, get g() { globalThis.ran = true; return 1 } }]');
    const t = await out.readTableData(mixed, records);
    assert.deepEqual(t.columns, ['s', 'n', 'b', 'nested']);
    assert.deepEqual(t.rows[0], ['"it\'s"', '-0', '10n', '{ a: [Array] }']);
    await sandbox.release(mixed.id);
    const ran = await resultOf('globalThis.ran === undefined');
    assert.equal(ran.preview, 'true', 'the getter was not run');

    for (const source of ['[1, 2, 3]', '[new Map(), {}]', '({ a: 1 })', '[{}, class {}]', '[new (class Point { x = 1 })()]', '[]']) {
      const v = await resultOf(source);
      assert.equal(await out.readTableData(v, records), undefined, source);
      if (v.id) await sandbox.release(v.id);
    }
  } finally {
    const leak = await sandbox.dispose();
    assert.equal(leak, undefined, `QuickJS reported leaked memory: ${leak}`);
  }
});

test('a saved tree output keeps its text and table, and nothing that points into the gone sandbox', async () => {
  const out = await loadNotebookModule('outputs');
  const payload = { notebook: 'file:///a.qjsnb', generation: 7, value: { id: 12, type: 'array', preview: '[ {…} ]', indexedCount: 1 }, text: "[ { a: 1 } ]", table: { columns: ['a'], rows: [['1']], total: 1 } };
  const saved = JSON.parse(new TextDecoder().decode(out.detachValuePayload(new TextEncoder().encode(JSON.stringify(payload)))));
  assert.equal(saved.value.id, 0);
  assert.equal(saved.detached, true);
  assert.equal(saved.notebook, '');
  assert.deepEqual(saved.table, payload.table);
  assert.equal(saved.text, payload.text);
  assert.equal(out.detachValuePayload(new TextEncoder().encode('not json')), undefined);
});

test('10,000 records become table data in one request on the release engine, also after the run\'s timeout has passed', async () => {
  const out = await loadNotebookModule('outputs');
  const { Sandbox } = engine();
  const sandbox = await Sandbox.create({ timeoutMs: 3_000 });
  const events = [];
  sandbox.onEvent((e) => events.push(e));
  try {
    await sandbox.run({ kind: 'source', source: 'Array.from({ length: 12000 }, (_, i) => ({ id: i, name: `item ${i}`, score: (i * 7919) % 10007 }))', filename: 'cell-1.js', type: 'script' });
    const value = events.find((e) => e.type === 'result').value;
    // Past the run's deadline: reading must still work (the run is over; its timeout no longer applies).
    await new Promise((r) => setTimeout(r, 3_100));
    const t0 = performance.now();
    const table = await out.readTableData(value, (...a) => sandbox.records(...a));
    console.log(`# 10,000 of 12,000 records read as a table in ${Math.round(performance.now() - t0)} ms`);
    assert.ok(table, 'the table was read although the run\'s deadline has passed by now');
    assert.equal(table.rows.length, out.TABLE_DATA_MAX_ROWS);
    assert.equal(table.total, 12000);
    assert.deepEqual(table.rows[9999], ['9999', "'item 9999'", String((9999 * 7919) % 10007)]);
  } finally {
    await sandbox.dispose();
  }
});

test('a table of long strings stops at its text budget and says how many elements it left out', async () => {
  const out = await loadNotebookModule('outputs');
  const { Sandbox } = engine();
  const sandbox = await Sandbox.create({ timeoutMs: 0 });
  const events = [];
  sandbox.onEvent((e) => events.push(e));
  try {
    // 2,000 rows of 20 columns of 200-character strings: 8 M characters of previews, twice the budget.
    await sandbox.run({ kind: 'source', source: 'const s = "x".repeat(198); Array.from({ length: 2000 }, () => Object.fromEntries(Array.from({ length: 20 }, (_, c) => ["c" + c, s])))', filename: 'cell-1.js', type: 'script' });
    const value = events.find((e) => e.type === 'result').value;
    const table = await out.readTableData(value, (...a) => sandbox.records(...a));
    assert.equal(table.total, 2000);
    assert.ok(table.rows.length > 900 && table.rows.length < 1100, `${table.rows.length} rows kept`);
    assert.match(out.tableDataHtml(table), /… 1900 more rows/);
  } finally {
    await sandbox.dispose();
  }
});
