// CompressionStream and DecompressionStream (Compression standard) in the real engine: round trips of real data in
// every format, interop with Node's zlib both ways, the standard's TypeErrors for corrupt, truncated and trailing
// input, and Response.body.pipeThrough().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { run } from '../helpers.mjs';

/**
 * Runs a module in a fresh sandbox; returns its console lines parsed as JSON. `leakCheck` runs the debug build, which
 * inflates about 40x slower: it is kept for the error paths, where a leak would hide.
 */
async function values(source, leakCheck = false) {
  const r = await run({ kind: 'source', source, type: 'module' }, { leakCheck });
  assert.equal(r.outcome.status, 'completed', `${r.outcome.message ?? ''} ${r.errors.map((e) => e.text ?? e.message).join('\n')}`);
  assert.equal(r.leak, undefined, 'no QuickJS handle leaked');
  return r.logs.map((line) => JSON.parse(line));
}

// Real data: this repository's README (text, ~tens of KB) and bytes that do not compress.
const text = readFileSync(new URL('../../../README.md', import.meta.url));
const noise = Buffer.from(Array.from({ length: 70000 }, (_, i) => (i * 2654435761 >>> 13) & 0xff));
const FORMATS = { gzip: [zlib.gzipSync, zlib.gunzipSync], deflate: [zlib.deflateSync, zlib.inflateSync], 'deflate-raw': [zlib.deflateRawSync, zlib.inflateRawSync] };

/** Sandbox helpers: base64 in and out (atob/btoa work on byte strings), and a stream collected into one Uint8Array. */
const prelude = `
  const fromB64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  const toB64 = (u) => { let s = ''; for (let i = 0; i < u.length; i += 8192) s += String.fromCharCode(...u.subarray(i, i + 8192)); return btoa(s); };
  async function collect(readable) {
    const parts = []; let n = 0;
    for (const r = readable.getReader(); ;) { const { value, done } = await r.read(); if (done) break; parts.push(value); n += value.length; }
    const all = new Uint8Array(n); let at = 0; for (const p of parts) { all.set(p, at); at += p.length; }
    return all;
  }
  /** Writes the bytes in chunks of \`size\` (to cross chunk edges) and collects the other end. */
  async function through(stream, bytes, size) {
    const w = stream.writable.getWriter();
    const done = collect(stream.readable);
    for (let i = 0; i < bytes.length; i += size) w.write(bytes.subarray(i, i + size));
    await w.close();
    return done;
  }
`;

test('every format round-trips text and incompressible bytes, written in small and large chunks', async () => {
  const got = await values(`${prelude}
    const inputs = [fromB64(${JSON.stringify(text.toString('base64'))}), fromB64(${JSON.stringify(noise.toString('base64'))}), new Uint8Array(0)];
    for (const format of ['gzip', 'deflate', 'deflate-raw']) {
      for (const input of inputs) {
        const packed = await through(new CompressionStream(format), input, 1000);
        const back = await through(new DecompressionStream(format), packed, 7);
        console.log(JSON.stringify([format, input.length, packed.length, back.length === input.length && back.every((b, i) => b === input[i])]));
      }
    }
  `);
  assert.equal(got.length, 9);
  for (const [format, length, packed, same] of got) {
    assert.equal(same, true, `${format} of ${length} bytes comes back the same`);
    // Text shrinks to well under half; noise and nothing grow by no more than the format's framing and stored blocks.
    if (length === text.length) assert.ok(packed < length / 2, `${format} of the text: ${packed} bytes`);
    else assert.ok(packed <= length + 64, `${format} of ${length} bytes: ${packed}`);
  }
});

test("what Node's zlib compresses decompresses in the sandbox, and what the sandbox compresses Node's zlib decompresses", async () => {
  const packed = Object.fromEntries(Object.entries(FORMATS).map(([f, [pack]]) => [f, pack(text).toString('base64')]));
  const got = await values(`${prelude}
    const packed = ${JSON.stringify(packed)};
    const text = fromB64(${JSON.stringify(text.toString('base64'))});
    for (const format of Object.keys(packed)) {
      const unpacked = await through(new DecompressionStream(format), fromB64(packed[format]), 4096);
      const mine = await through(new CompressionStream(format), text, 65536);
      console.log(JSON.stringify([format, toB64(unpacked), toB64(mine)]));
    }
  `);
  assert.equal(got.length, 3);
  for (const [format, unpacked, mine] of got) {
    assert.deepEqual(Buffer.from(unpacked, 'base64'), text, `${format} made by Node`);
    assert.deepEqual(FORMATS[format][1](Buffer.from(mine, 'base64')), text, `${format} made by the sandbox`);
  }
  // gzip's header names no file and its trailer holds the CRC-32 and length Node checks.
  assert.equal(Buffer.from(got[0][2], 'base64').readUInt32LE(Buffer.from(got[0][2], 'base64').length - 4), text.length);
});

test('corrupt, truncated and trailing input are TypeErrors; the data before trailing bytes still arrives', async () => {
  const gz = zlib.gzipSync(text);
  const badCrc = Buffer.concat([gz.subarray(0, gz.length - 8), Buffer.alloc(8)]);
  const deflated = zlib.deflateSync(text);
  const badAdler = Buffer.concat([deflated.subarray(0, deflated.length - 4), Buffer.from([1, 2, 3, 4])]);
  const cases = {
    garbage: ['gzip', Buffer.from('this is not gzip at all')],
    badCrc: ['gzip', badCrc],
    badAdler: ['deflate', badAdler],
    truncated: ['gzip', gz.subarray(0, gz.length - 3)],
    truncatedRaw: ['deflate-raw', zlib.deflateRawSync(text).subarray(0, 100)],
    trailing: ['deflate', Buffer.concat([deflated, Buffer.from([0])])],
    secondMember: ['gzip', Buffer.concat([gz, gz])],
    empty: ['gzip', Buffer.alloc(0)],
  };
  const got = await values(`${prelude}
    const cases = ${JSON.stringify(Object.fromEntries(Object.entries(cases).map(([k, [f, b]]) => [k, [f, b.toString('base64')]])))};
    for (const [name, [format, b64]] of Object.entries(cases)) {
      const ds = new DecompressionStream(format);
      const w = ds.writable.getWriter();
      w.write(fromB64(b64)).catch(() => {});
      w.close().catch(() => {});
      const r = ds.readable.getReader();
      let n = 0, error;
      try { for (;;) { const { value, done } = await r.read(); if (done) break; n += value.length; } } catch (e) { error = [e.constructor.name, e.message]; }
      console.log(JSON.stringify([name, n, error]));
    }
  `, true);
  const byName = Object.fromEntries(got.map(([name, n, error]) => [name, { n, error }]));
  for (const name of Object.keys(cases)) {
    assert.equal(byName[name].error?.[0], 'TypeError', `${name}: ${JSON.stringify(byName[name])}`);
  }
  assert.match(byName.badCrc.error[1], /gzip data is corrupt \(incorrect data check\)/);
  assert.match(byName.truncated.error[1], /truncated/);
  assert.match(byName.trailing.error[1], /more data after its end/);
  // As Chrome and WebKit do: the complete stream's output is delivered before the error.
  assert.equal(byName.trailing.n, text.length);
  assert.equal(byName.secondMember.n, text.length);
});

test('Response.body.pipeThrough(new DecompressionStream("gzip")) and back through new Response(...).text()', async () => {
  const [got] = await values(`${prelude}
    const gz = fromB64(${JSON.stringify(zlib.gzipSync('héllo wörld '.repeat(500)).toString('base64'))});
    const body = new Response(gz).body.pipeThrough(new DecompressionStream('gzip'));
    const text = await new Response(body).text();
    const again = await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw')).pipeThrough(new DecompressionStream('deflate-raw'))).text();
    console.log(JSON.stringify([text.length, text.slice(0, 12), again === text]));
  `);
  assert.deepEqual(got, [6000, 'héllo wörld ', true]);
});

test('the constructors check their format and chunks as WebIDL does, and are loaded on first touch', async () => {
  const [got] = await values(`
    const lazy = ['CompressionStream', 'DecompressionStream'].map((n) => typeof Object.getOwnPropertyDescriptor(globalThis, n).get);
    const errors = [];
    for (const make of [() => new CompressionStream('br'), () => new DecompressionStream(), () => CompressionStream('gzip')]) {
      try { make(); errors.push('none'); } catch (e) { errors.push(e.constructor.name); }
    }
    const cs = new CompressionStream('gzip');
    const w = cs.writable.getWriter();
    // The transform runs once the readable side is read.
    cs.readable.getReader().read().catch(() => {});
    let chunkError; await w.write('a string').catch((e) => { chunkError = e.constructor.name; });
    let brand; try { Object.getOwnPropertyDescriptor(DecompressionStream.prototype, 'readable').get.call({}); } catch (e) { brand = e.constructor.name; }
    console.log(JSON.stringify([lazy, errors, chunkError, brand, Object.prototype.toString.call(cs), Object.keys(CompressionStream.prototype), new CompressionStream('deflate').readable instanceof ReadableStream]));
  `);
  assert.deepEqual(got, [['function', 'function'], ['TypeError', 'TypeError', 'TypeError'], 'TypeError', 'TypeError', '[object CompressionStream]', ['readable', 'writable'], true]);
});
