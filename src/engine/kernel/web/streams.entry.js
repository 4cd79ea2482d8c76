// Entry of dist/web-streams.js: the WHATWG Streams standard from npm `web-streams-polyfill` (a port of the standard's
// reference implementation, tested against the web-platform-tests), and TextEncoderStream/TextDecoderStream (Encoding
// standard) built on its TransformStream. Bundled at build time; a sandbox evaluates it only on its first use of a
// stream (see web.part.js), so scripts that never touch streams do not pay for its ~100 KB.
'use strict';
const streams = require('web-streams-polyfill');

const { TransformStream } = streams;
const TextEncoderCtor = globalThis.TextEncoder, TextDecoderCtor = globalThis.TextDecoder;

/** A transform's two ends, shared by both encoding streams: `readable` and `writable` as the standard's getters. */
function pairOf(self, state, name) {
  const s = state.get(self);
  if (!s) throw new TypeError(`Illegal invocation: not a ${name}`);
  return s;
}

const encoderState = new WeakMap();
class TextEncoderStream {
  constructor() {
    const encoder = new TextEncoderCtor();
    // A lone high surrogate at the end of a chunk waits for the low one that may start the next chunk.
    let pending = '';
    const transform = new TransformStream({
      transform(chunk, controller) {
        let text = pending + String(chunk);
        pending = '';
        const last = text.charCodeAt(text.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) { pending = text.slice(-1); text = text.slice(0, -1); }
        if (text.length) controller.enqueue(encoder.encode(text));
      },
      flush(controller) {
        if (pending) controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
      },
    });
    encoderState.set(this, { transform });
  }
  get encoding() { pairOf(this, encoderState, 'TextEncoderStream'); return 'utf-8'; }
  get readable() { return pairOf(this, encoderState, 'TextEncoderStream').transform.readable; }
  get writable() { return pairOf(this, encoderState, 'TextEncoderStream').transform.writable; }
}

const decoderState = new WeakMap();
class TextDecoderStream {
  constructor(label = 'utf-8', options = undefined) {
    const decoder = new TextDecoderCtor(label, options);
    const transform = new TransformStream({
      transform(chunk, controller) {
        if (!(chunk instanceof ArrayBuffer) && !ArrayBuffer.isView(chunk)) {
          throw new TypeError('TextDecoderStream: a chunk must be an ArrayBuffer, a typed array or a DataView');
        }
        const text = decoder.decode(chunk, { stream: true });
        if (text) controller.enqueue(text);
      },
      flush(controller) {
        const text = decoder.decode();
        if (text) controller.enqueue(text);
      },
    });
    decoderState.set(this, { transform, decoder });
  }
  get encoding() { return pairOf(this, decoderState, 'TextDecoderStream').decoder.encoding; }
  get fatal() { return pairOf(this, decoderState, 'TextDecoderStream').decoder.fatal; }
  get ignoreBOM() { return pairOf(this, decoderState, 'TextDecoderStream').decoder.ignoreBOM; }
  get readable() { return pairOf(this, decoderState, 'TextDecoderStream').transform.readable; }
  get writable() { return pairOf(this, decoderState, 'TextDecoderStream').transform.writable; }
}

module.exports = {
  ReadableStream: streams.ReadableStream,
  ReadableStreamDefaultReader: streams.ReadableStreamDefaultReader,
  ReadableStreamBYOBReader: streams.ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest: streams.ReadableStreamBYOBRequest,
  ReadableStreamDefaultController: streams.ReadableStreamDefaultController,
  ReadableByteStreamController: streams.ReadableByteStreamController,
  WritableStream: streams.WritableStream,
  WritableStreamDefaultWriter: streams.WritableStreamDefaultWriter,
  WritableStreamDefaultController: streams.WritableStreamDefaultController,
  TransformStream,
  TransformStreamDefaultController: streams.TransformStreamDefaultController,
  ByteLengthQueuingStrategy: streams.ByteLengthQueuingStrategy,
  CountQueuingStrategy: streams.CountQueuingStrategy,
  TextEncoderStream,
  TextDecoderStream,
};
