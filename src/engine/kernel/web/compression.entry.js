// Entry of dist/web-compression.js: CompressionStream and DecompressionStream (WHATWG Compression standard) for the
// formats "gzip", "deflate" (zlib) and "deflate-raw", over npm `pako`, a port of zlib itself: checksums are verified
// and the output is what zlib makes. A pure-JS port rather than the host's zlib, because a stream is stateful and
// synchronous here, and Node's zlib offers no synchronous streaming API to drive from a host call. Bundled at build
// time; a sandbox evaluates it on first touch of either global (see web.part.js), after the streams it builds on.
'use strict';
const { Deflate, ZStream, zlibInflateInit2, zlibInflate, zlibInflateEnd, Z_NO_FLUSH, Z_STREAM_END, Z_BUF_ERROR, Z_OK } = require('pako');

/** zlib's windowBits for each format: 15 with the zlib wrapper, +16 for gzip's, negative for none. */
const WINDOW_BITS = { __proto__: null, deflate: 15, gzip: 31, 'deflate-raw': -15 };
const OUTPUT_CHUNK = 64 * 1024;

/**
 * Makes the two classes over the web kernel's TransformStream and TypeError, captured before user code could replace
 * them. Returns { CompressionStream, DecompressionStream }.
 */
module.exports = function compressionStreams({ TransformStream, TypeError: TypeErrorCtor }) {
  const isView = ArrayBuffer.isView;
  const Uint8ArrayCtor = Uint8Array;
  const objectToString = Object.prototype.toString;
  const defineProperty = Object.defineProperty;

  /** The format argument as WebIDL converts an enum: anything else is a TypeError. */
  function formatOf(format, name) {
    const f = String(format);
    if (!(f in WINDOW_BITS)) {
      throw new TypeErrorCtor(`Failed to construct '${name}': '${f}' is not a supported format; use "gzip", "deflate" or "deflate-raw"`);
    }
    return f;
  }

  /** A chunk as a BufferSource converts (a view on the same bytes, no copy); anything else is a TypeError. */
  function bytesOf(chunk, name) {
    if (isView(chunk)) return new Uint8ArrayCtor(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (objectToString.call(chunk) === '[object ArrayBuffer]') return new Uint8ArrayCtor(chunk);
    throw new TypeErrorCtor(`${name}: a chunk must be an ArrayBuffer, a typed array or a DataView`);
  }

  const state = new WeakMap();
  function transformOf(self, name) {
    const s = state.get(self);
    if (!s) throw new TypeErrorCtor(`Illegal invocation: not a ${name}`);
    return s;
  }

  class CompressionStream {
    constructor(format) {
      if (arguments.length === 0) throw new TypeErrorCtor("Failed to construct 'CompressionStream': 1 argument required, but only 0 present.");
      const f = formatOf(format, 'CompressionStream');
      const deflate = new Deflate({ gzip: f === 'gzip', raw: f === 'deflate-raw', chunkSize: OUTPUT_CHUNK });
      let out;
      // pako hands over each full output buffer; it never reuses one, so enqueueing it needs no copy.
      deflate.onData = (bytes) => { if (bytes.length) out.enqueue(bytes); };
      const run = (bytes, last, controller) => {
        out = controller;
        if (!deflate.push(bytes, last)) throw new TypeErrorCtor(`CompressionStream: ${deflate.msg || 'compression failed'}`);
      };
      state.set(this, new TransformStream({
        transform(chunk, controller) { run(bytesOf(chunk, 'CompressionStream'), false, controller); },
        flush(controller) { run(new Uint8ArrayCtor(0), true, controller); },
      }));
    }
    get readable() { return transformOf(this, 'CompressionStream').readable; }
    get writable() { return transformOf(this, 'CompressionStream').writable; }
  }

  class DecompressionStream {
    constructor(format) {
      if (arguments.length === 0) throw new TypeErrorCtor("Failed to construct 'DecompressionStream': 1 argument required, but only 0 present.");
      const f = formatOf(format, 'DecompressionStream');
      // zlib's own inflate loop, not pako's Inflate class: that one starts a second gzip member and drops bytes after
      // the end, where the standard wants a TypeError (a gzip stream has one member; trailing data is an error).
      const strm = new ZStream();
      strm.avail_out = 0;
      if (zlibInflateInit2(strm, WINDOW_BITS[f]) !== Z_OK) throw new TypeErrorCtor('DecompressionStream: zlib failed to start');
      let ended = false;
      const fail = (why) => {
        if (!ended) { ended = true; zlibInflateEnd(strm); }
        throw new TypeErrorCtor(`DecompressionStream: the ${f} data is ${why}`);
      };
      state.set(this, new TransformStream({
        transform(chunk, controller) {
          const input = bytesOf(chunk, 'DecompressionStream');
          if (ended) { if (input.length) fail('followed by more data after its end'); return; }
          strm.input = input;
          strm.next_in = 0;
          strm.avail_in = input.length;
          for (;;) {
            if (strm.avail_out === 0) {
              strm.output = new Uint8ArrayCtor(OUTPUT_CHUNK);
              strm.next_out = 0;
              strm.avail_out = OUTPUT_CHUNK;
            }
            const status = zlibInflate(strm, Z_NO_FLUSH);
            if (status !== Z_OK && status !== Z_STREAM_END && status !== Z_BUF_ERROR) fail(`corrupt (${strm.msg || `zlib status ${status}`})`);
            const full = strm.avail_out === 0;
            // Output leaves at each call: a full buffer as it is, a partial one copied so the rest is not kept alive.
            if (strm.next_out > 0) {
              controller.enqueue(full ? strm.output : strm.output.slice(0, strm.next_out));
              strm.avail_out = 0;
            }
            if (status === Z_STREAM_END) {
              ended = true;
              zlibInflateEnd(strm);
              if (strm.avail_in > 0) fail('followed by more data after its end');
              return;
            }
            if (!full && strm.avail_in === 0) return;
          }
        },
        flush() {
          if (!ended) fail('truncated (the stream ended before the compressed data did)');
        },
      }));
    }
    get readable() { return transformOf(this, 'DecompressionStream').readable; }
    get writable() { return transformOf(this, 'DecompressionStream').writable; }
  }

  for (const ctor of [CompressionStream, DecompressionStream]) {
    defineProperty(ctor.prototype, Symbol.toStringTag, { value: ctor.name, configurable: true });
    // WebIDL attributes are enumerable.
    for (const key of ['readable', 'writable']) {
      const d = Object.getOwnPropertyDescriptor(ctor.prototype, key);
      d.enumerable = true;
      defineProperty(ctor.prototype, key, d);
    }
  }
  return { CompressionStream, DecompressionStream };
};
