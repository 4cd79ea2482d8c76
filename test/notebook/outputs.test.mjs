// Rich results read from the real engine: arrays of records become tables, other values do not, and every remote
// reference taken while reading is released (the debug build reports any leak when the sandbox is disposed).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leakCheckedSandbox, loadNotebookModule } from './helpers.mjs';

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
