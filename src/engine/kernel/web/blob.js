// Blob and File (File API): immutable bytes held in QuickJS.
import { TypeErrorCtor, WeakMapCtor, ArrayBufferCtor, Uint8ArrayCtor, StringCtor, NumberCtor, MathMin, MathMax,
  MathFloor, DateNow, StrToLowerCase, WeakMapGet, WeakMapSet, WeakMapHas, TABuffer, TASet, RegExpExec, ArrayPush,
  ArrayBufferIsView, ABSlice, StrSlice, PromiseResolve as promiseResolve,
  PromiseReject as promiseReject } from '../shared/intrinsics.js';
import { defineGlobal, tag, webIdl, domString, integerPart } from './idl.js';
import { copyBufferSource } from './bytes.js';
import { streamOfBytes } from './streams.js';
import { encodeUtf8, decodeUtf8 } from './host.js';

const blobBytes = new WeakMapCtor(), blobType = new WeakMapCtor();
const lowerAsciiType = /^[\x20-\x7e]*$/;
function bytesOf(blob) {
  const b = WeakMapGet(blobBytes, blob);
  if (!b) throw new TypeErrorCtor('Illegal invocation: not a Blob');
  return b;
}
function normalizeType(type) {
  const t = domString(type);
  // The File API: a type with characters outside U+0020..U+007E becomes the empty string; others are lower-cased.
  return RegExpExec(lowerAsciiType, t) !== null ? StrToLowerCase(t) : '';
}
// WebIDL's [Clamp] long long (Blob.slice): the nearest integer, ties to even; NaN is 0.
function clampInteger(v) {
  const x = NumberCtor(v);
  if (x !== x) return 0;
  const f = MathFloor(x), d = x - f;
  const r = d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  return r === 0 ? 0 : r;
}
const lineBreaks = /\r\n|\r/g;
/** `s` with CRLF and CR as LF (RegExp exec only: String.prototype.replace would call a script's Symbol.replace). */
function nativeLineBreaks(s) {
  let out = '', from = 0, m;
  lineBreaks.lastIndex = 0;
  while ((m = RegExpExec(lineBreaks, s)) !== null) {
    out += StrSlice(s, from, m.index) + '\n';
    from = m.index + m[0].length;
  }
  return from === 0 ? s : out + StrSlice(s, from);
}
export class Blob {
  constructor(blobParts = undefined, options = undefined) {
    const chunks = [];
    let total = 0;
    // `endings` is an enum (TypeError for other values); "native" makes every line break of a string part LF, the
    // line break of the sandbox's platform.
    const endings = options == null || options.endings === undefined ? 'transparent' : domString(options.endings);
    if (endings !== 'transparent' && endings !== 'native') {
      throw new TypeErrorCtor(`Failed to construct 'Blob': The provided value '${endings}' is not a valid enum value of type EndingType ('transparent' or 'native').`);
    }
    if (blobParts !== undefined) {
      if (blobParts === null || typeof blobParts !== 'object' && typeof blobParts !== 'function') {
        throw new TypeErrorCtor("Failed to construct 'Blob': The provided value cannot be converted to a sequence.");
      }
      for (const part of blobParts) {
        let bytes;
        if (WeakMapHas(blobBytes, part)) bytes = bytesOf(part);
        else if (part instanceof ArrayBufferCtor || ArrayBufferIsView(part)) bytes = new Uint8ArrayCtor(copyBufferSource(part, 'Blob'));
        else bytes = encodeUtf8(endings === 'native' ? nativeLineBreaks(domString(part)) : domString(part));
        ArrayPush(chunks, bytes);
        total += bytes.length;
      }
    }
    const all = new Uint8ArrayCtor(total);
    let at = 0;
    for (let i = 0; i < chunks.length; i++) { TASet(all, chunks[i], at); at += chunks[i].length; }
    WeakMapSet(blobBytes, this, all);
    WeakMapSet(blobType, this, options == null || options.type === undefined ? '' : normalizeType(options.type));
  }
  get size() { return bytesOf(this).length; }
  get type() { bytesOf(this); return WeakMapGet(blobType, this); }
  slice(start = undefined, end = undefined, contentType = undefined) {
    const bytes = bytesOf(this);
    const size = bytes.length;
    const clamp = (v, d) => {
      if (v === undefined) return d;
      const n = clampInteger(v);
      return n < 0 ? MathMax(size + n, 0) : MathMin(n, size);
    };
    const from = clamp(start, 0), to = clamp(end, size);
    const out = new Blob([], { type: contentType === undefined ? '' : contentType });
    WeakMapSet(blobBytes, out, new Uint8ArrayCtor(ABSlice(TABuffer(bytes), from, MathMax(from, to))));
    return out;
  }
  text() { try { return promiseResolve(decodeUtf8(bytesOf(this))); } catch (e) { return promiseReject(e); } }
  arrayBuffer() { try { return promiseResolve(ABSlice(TABuffer(bytesOf(this)), 0)); } catch (e) { return promiseReject(e); } }
  bytes() { try { return promiseResolve(new Uint8ArrayCtor(ABSlice(TABuffer(bytesOf(this)), 0))); } catch (e) { return promiseReject(e); } }
  stream() { return streamOfBytes(bytesOf(this)); }
}
webIdl(Blob);
tag(Blob, 'Blob');
const fileState = new WeakMapCtor();
export class File extends Blob {
  constructor(fileBits, fileName, options = undefined) {
    if (arguments.length < 2) throw new TypeErrorCtor(`Failed to construct 'File': 2 arguments required, but only ${arguments.length} present.`);
    super(fileBits, options);
    const modified = options != null && options.lastModified !== undefined ? integerPart(options.lastModified) : DateNow();
    WeakMapSet(fileState, this, { name: domString(fileName), lastModified: modified });
  }
  get name() { return fileOf(this).name; }
  get lastModified() { return fileOf(this).lastModified; }
}
function fileOf(f) {
  const s = WeakMapGet(fileState, f);
  if (!s) throw new TypeErrorCtor('Illegal invocation: not a File');
  return s;
}
webIdl(File);
tag(File, 'File');
defineGlobal('Blob', Blob);
defineGlobal('File', File);
/** Blobs and Files made from bytes the caller gives up (no copy). */
export function blobOf(bytes, type, name, lastModified) {
  const b = name === undefined ? new Blob([], { type }) : new File([], name, { type, lastModified });
  WeakMapSet(blobBytes, b, bytes);
  return b;
}
/** structuredClone's copy of a Blob or File (the bytes are never written, so they are shared), or undefined. */
export function cloneBlob(x) {
  const bytes = blobBytesOf(x);
  if (bytes === undefined) return undefined;
  const file = WeakMapGet(fileState, x);
  return blobOf(bytes, WeakMapGet(blobType, x), file && file.name, file && file.lastModified);
}
/** The bytes of a Blob, or undefined for anything else. */
export function blobBytesOf(x) {
  return x !== null && (typeof x === 'object' || typeof x === 'function') ? WeakMapGet(blobBytes, x) : undefined;
}
