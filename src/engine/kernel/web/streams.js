// The WHATWG streams (dist/web-streams.js), evaluated when a script first touches one, and the byte streams of Blob and
// fetch bodies.
import { Uint8ArrayCtor, TABuffer, TAByteOffset, ABSlice } from '../shared/intrinsics.js';
import { host } from './host.js';
import { lazyGlobals } from './lazyGlobals.js';
import { tag, webIdl } from './idl.js';

export const streams = lazyGlobals([
  'ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest',
  'ReadableStreamDefaultController', 'ReadableByteStreamController', 'WritableStream', 'WritableStreamDefaultWriter',
  'WritableStreamDefaultController', 'TransformStream', 'TransformStreamDefaultController', 'ByteLengthQueuingStrategy',
  'CountQueuingStrategy', 'TextEncoderStream', 'TextDecoderStream',
], () => {
  const loaded = host.loadStreams();
  // The polyfill's classes are WebIDL-shaped already; the bundle's own encoding streams are made so here.
  const own = [['TextEncoderStream', loaded.TextEncoderStream], ['TextDecoderStream', loaded.TextDecoderStream]];
  for (let i = 0; i < own.length; i++) {
    tag(own[i][1], own[i][0]);
    webIdl(own[i][1]);
  }
  return loaded;
});
/** A byte stream giving a copy of `bytes` in one chunk when first read; `onRead` is told when that happens. */
export const streamOfBytes = (bytes, onRead = undefined) => {
  const ReadableStreamCtor = streams.ensure().ReadableStream;
  let done = false;
  return new ReadableStreamCtor({
    type: 'bytes',
    pull(controller) {
      if (onRead) onRead();
      const length = bytes === null ? 0 : bytes.length;
      if (!done && length) controller.enqueue(new Uint8ArrayCtor(ABSlice(TABuffer(bytes), TAByteOffset(bytes), TAByteOffset(bytes) + length)));
      done = true;
      controller.close();
    },
  });
};
