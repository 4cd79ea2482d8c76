// The .qjsnb file format: stable, diff-friendly output, exact round trips, outputs kept only when asked, and
// malformed files refused with a message that names the problem.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadNotebookModule } from './helpers.mjs';

let f;
before(async () => {
  f = await loadNotebookModule('qjsnbFormat');
});

const sample = () => ({
  cells: [
    { kind: 'markdown', language: 'markdown', source: ['# Title', '', 'Some *text*.'] },
    { kind: 'code', language: 'javascript', source: ['let a = 1', 'a + 1', ''], outputs: [{ items: [{ mime: 'text/plain', data: '2' }] }] },
    { kind: 'code', language: 'typescript', source: ['const s: string = "\\u00e9\\t\\"q\\""'], outputs: [{ items: [{ mime: 'image/png', data: 'iVBORw0KGgo=', encoding: 'base64' }] }] },
  ],
});

test('the file is 2-space JSON with a fixed key order and one line per source line', () => {
  const text = f.stringifyQjsnb(sample(), { saveOutputs: false });
  assert.ok(text.endsWith('}\n'));
  const parsed = JSON.parse(text);
  assert.deepEqual(Object.keys(parsed), ['format', 'version', 'cells']);
  assert.deepEqual(Object.keys(parsed.cells[1]), ['kind', 'language', 'source']);
  assert.match(text, /\n {8}"let a = 1",\n {8}"a \+ 1",\n/, 'each line of a cell is its own line of the file');
  // Key order does not depend on how the caller built its objects.
  const shuffled = { cells: sample().cells.map((c) => ({ source: c.source, language: c.language, kind: c.kind })) };
  assert.equal(f.stringifyQjsnb(shuffled, { saveOutputs: false }), text);
});

test('round trip: what is written reads back identically, twice over', () => {
  for (const saveOutputs of [false, true]) {
    const text = f.stringifyQjsnb(sample(), { saveOutputs });
    const back = f.parseQjsnb(text);
    assert.equal(f.stringifyQjsnb(back, { saveOutputs }), text, `saveOutputs ${saveOutputs}`);
    assert.deepEqual(back.cells.map((c) => c.source.join('\n')), sample().cells.map((c) => c.source.join('\n')));
  }
  assert.deepEqual(f.toLines('a\r\nb\n'), ['a\r', 'b', ''], 'CRLF and a final newline survive');
});

test('outputs are dropped unless saveOutputs is on; then binary items stay base64', () => {
  const without = JSON.parse(f.stringifyQjsnb(sample(), { saveOutputs: false }));
  assert.ok(without.cells.every((c) => !('outputs' in c)));
  const withOut = JSON.parse(f.stringifyQjsnb(sample(), { saveOutputs: true }));
  assert.deepEqual(withOut.cells[1].outputs, [{ items: [{ mime: 'text/plain', data: '2' }] }]);
  assert.deepEqual(withOut.cells[2].outputs[0].items[0], { mime: 'image/png', data: 'iVBORw0KGgo=', encoding: 'base64' });
  assert.equal(withOut.cells[0].outputs, undefined, 'a cell without outputs gets no empty array');
  const back = f.parseQjsnb(JSON.stringify(withOut));
  assert.equal(back.cells[2].outputs[0].items[0].encoding, 'base64');
});

test('lenient where it is safe: empty file, missing fields, a source given as one string', () => {
  assert.deepEqual(f.parseQjsnb(''), { cells: [] });
  assert.deepEqual(f.parseQjsnb('  \n'), { cells: [] });
  const nb = f.parseQjsnb('{"cells":[{"source":"a\\nb"},{"kind":"markdown"}]}');
  assert.deepEqual(nb.cells[0], { kind: 'code', language: 'javascript', source: ['a', 'b'] });
  assert.deepEqual(nb.cells[1], { kind: 'markdown', language: 'markdown', source: [''] });
});

test('malformed files throw QjsnbFormatError naming what is wrong', () => {
  const cases = [
    ['{"cells": [', /not valid JSON/],
    ['[1, 2]', /must hold a JSON object .* holds an array/],
    ['{"cells": {}}', /"cells" must be an array/],
    ['{"version": 99, "cells": []}', /"version" is 99; .* reads version 1/],
    ['{"cells": [42]}', /cells\[0\] must be an object/],
    ['{"cells": [{"kind": "raw", "source": []}]}', /cells\[0\]\.kind must be "code" or "markdown"/],
    ['{"cells": [{"source": ["ok", 7]}]}', /cells\[0\]\.source\[1\] must be a string/],
    ['{"cells": [{"source": {"a": 1}}]}', /cells\[0\]\.source must be an array of lines/],
    ['{"cells": [{"language": 3, "source": []}]}', /cells\[0\]\.language must be a language id/],
    ['{"cells": [{"source": [], "outputs": [{"items": [{"mime": "text/plain"}]}]}]}', /cells\[0\]\.outputs\[0\]\.items\[0\] must be an object with string "mime" and "data"/],
    ['{"cells": [{"source": [], "outputs": [{"items": [{"mime": "a", "data": "b", "encoding": "hex"}]}]}]}', /encoding must be "base64"/],
  ];
  for (const [text, re] of cases) {
    assert.throws(() => f.parseQjsnb(text), (e) => e instanceof f.QjsnbFormatError && e.name === 'QjsnbFormatError' && re.test(e.message), text);
  }
});
