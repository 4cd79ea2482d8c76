// The Streams standard (web-streams-polyfill, evaluated on first use), TextEncoderStream/TextDecoderStream and
// Blob.prototype.stream() in the real engine. The fixture runs in Node too and both outputs must be equal; the other
// cases check what the standards say where Node differs or cannot show it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { run } from '../helpers.mjs';

/** Runs a module in a fresh sandbox; returns its console lines parsed as JSON. */
async function values(source, options = {}) {
  const r = await run({ kind: 'source', source, type: 'module' }, { leakCheck: true, ...options });
  assert.equal(r.outcome.status, 'completed', `${r.outcome.message ?? ''} ${r.errors.map((e) => e.text ?? e.message).join('\n')}`);
  assert.equal(r.leak, undefined, 'no QuickJS handle leaked');
  return r.logs.map((line) => JSON.parse(line));
}
const out = (expr) => `console.log(JSON.stringify(${expr}));`;

test('streams behave as in Node: backpressure, readers, tee, writers, transforms, pipes, BYOB, encoding streams, Blob.stream', async () => {
  const fixture = new URL('../../fixtures/web/streams.mjs', import.meta.url);
  const got = await values(readFileSync(fixture, 'utf8'));
  const expected = execFileSync(process.execPath, [fileURLToPath(fixture)], { encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(got.length, 8);
  assert.deepEqual(got, expected);
});

test('the stream globals are loaded on first touch, then plain writable globals; one load serves them all', async () => {
  const [before, after, assigned] = await values(`
    const names = ['ReadableStream', 'WritableStream', 'TransformStream', 'TextEncoderStream', 'TextDecoderStream', 'CountQueuingStrategy', 'ByteLengthQueuingStrategy', 'ReadableStreamDefaultReader'];
    ${out("names.map((n) => typeof Object.getOwnPropertyDescriptor(globalThis, n).get)")}
    const reader = new ReadableStream().getReader();
    ${out("[names.map((n) => typeof Object.getOwnPropertyDescriptor(globalThis, n).value), reader instanceof ReadableStreamDefaultReader, Object.keys(globalThis).filter((k) => names.includes(k))]")}
    globalThis.WritableStream = 1;
    ${out('WritableStream')}
  `);
  assert.deepEqual(before, Array(8).fill('function'));
  assert.deepEqual(after, [Array(8).fill('function'), true, []]);
  assert.equal(assigned, 1);
});

test('a stream global assigned before first use stays as assigned when another one loads the bundle', async () => {
  const [got] = await values(`
    globalThis.TransformStream = 'mine';
    new ReadableStream();
    ${out('[TransformStream, typeof WritableStream]')}
  `);
  assert.deepEqual(got, ['mine', 'function']);
});

test('the encoding streams are WebIDL interfaces: string tags, brand checks, errors for bad labels', async () => {
  const [got] = await values(`
    const tags = [new TextEncoderStream(), new TextDecoderStream()].map((s) => Object.prototype.toString.call(s));
    const getter = Object.getOwnPropertyDescriptor(TextDecoderStream.prototype, 'readable').get;
    let brand; try { getter.call({}); } catch (e) { brand = e.name; }
    let label; try { new TextDecoderStream('no-such-encoding'); } catch (e) { label = e.name; }
    ${out('[tags, brand, label]')}
  `);
  assert.deepEqual(got, [['[object TextEncoderStream]', '[object TextDecoderStream]'], 'TypeError', 'RangeError']);
});
