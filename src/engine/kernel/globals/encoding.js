// TextEncoder / TextDecoder: UTF-8 only, as the Encoding standard requires of TextEncoder. Fast paths go through
// the engine's URI encoder and decoder; the loops handle what those refuse (lone surrogates, invalid bytes, streams).
import {
  ObjectCtor, TypeErrorCtor, RangeErrorCtor, Uint8ArrayCtor, StringCtor, MathMin, encodeURIComponentFn,
  decodeURIComponentFn, escapeFn, unescapeFn, StringFromCharCode, ReflectApply,
  StrSlice, StrCharCodeAt, StrToLowerCase, TALength, TABuffer, TAByteOffset,
  TAByteLength, DVByteLength, DVByteOffset, DVBuffer,
} from '../shared/intrinsics.js';
import {
  list, isArrayBuffer, isSharedArrayBuffer, isDataView, typedArrayTag,
} from '../shared/safe.js';
import { tag, webIdl, domString } from '../web/idl.js';

function utf8Length(str) {
  let n = 0;
  for (let i = 0; i < str.length; i++) {
    const c = StrCharCodeAt(str, i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
      const d = StrCharCodeAt(str, i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    } else n += 3;
  }
  return n;
}
/** Writes UTF-8 of `str` into `out` from 0; stops before a character that does not fit. Returns [read, written]. */
function utf8Write(str, out, limit) {
  let w = 0;
  let i = 0;
  for (; i < str.length; i++) {
    let cp = StrCharCodeAt(str, i);
    let units = 1;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const d = cp <= 0xdbff && i + 1 < str.length ? StrCharCodeAt(str, i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (d - 0xdc00);
        units = 2;
      } else {
        cp = 0xfffd; // a lone surrogate cannot be encoded
      }
    }
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (w + size > limit) break;
    if (size === 1) out[w++] = cp;
    else if (size === 2) {
      out[w++] = 0xc0 | (cp >> 6);
      out[w++] = 0x80 | (cp & 63);
    } else if (size === 3) {
      out[w++] = 0xe0 | (cp >> 12);
      out[w++] = 0x80 | ((cp >> 6) & 63);
      out[w++] = 0x80 | (cp & 63);
    } else {
      out[w++] = 0xf0 | (cp >> 18);
      out[w++] = 0x80 | ((cp >> 12) & 63);
      out[w++] = 0x80 | ((cp >> 6) & 63);
      out[w++] = 0x80 | (cp & 63);
    }
    i += units - 1;
  }
  return [i, w];
}

export class TextEncoder {
  get encoding() { return 'utf-8'; }
  encode(input = '') {
    const str = domString(input);
    let binary;
    try {
      // The engine's own UTF-8 encoder is far faster than a loop; it refuses lone surrogates.
      binary = unescapeFn(encodeURIComponentFn(str));
    } catch {
      const out = new Uint8ArrayCtor(utf8Length(str));
      utf8Write(str, out, out.length);
      return out;
    }
    const out = new Uint8ArrayCtor(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = StrCharCodeAt(binary, i);
    return out;
  }
  encodeInto(source, destination) {
    const str = domString(source);
    if (typedArrayTag(destination) !== 'Uint8Array') {
      throw new TypeErrorCtor('The "dest" argument must be an instance of Uint8Array.');
    }
    const r = utf8Write(str, destination, TALength(destination));
    return { read: r[0], written: r[1] };
  }
}

/** A view of the bytes of any BufferSource, never copying. */
export function bytesOf(input) {
  if (input === undefined) return new Uint8ArrayCtor(0);
  if (isArrayBuffer(input) || isSharedArrayBuffer(input)) return new Uint8ArrayCtor(input);
  if (typedArrayTag(input) !== undefined) return new Uint8ArrayCtor(TABuffer(input), TAByteOffset(input), TAByteLength(input));
  if (isDataView(input)) return new Uint8ArrayCtor(DVBuffer(input), DVByteOffset(input), DVByteLength(input));
  throw new TypeErrorCtor('The "input" argument must be an instance of ArrayBuffer or ArrayBufferView.');
}
/** Decodes valid UTF-8 with the engine's URI decoder; undefined when the bytes are not valid UTF-8. */
function fastDecode(bytes) {
  let binary = '';
  const buffer = TABuffer(bytes);
  const offset = TAByteOffset(bytes);
  for (let i = 0; i < bytes.length; i += 8192) {
    const view = new Uint8ArrayCtor(buffer, offset + i, MathMin(8192, bytes.length - i));
    binary += ReflectApply(StringFromCharCode, undefined, view);
  }
  try {
    return decodeURIComponentFn(escapeFn(binary));
  } catch {
    return undefined;
  }
}
// The Encoding standard's labels of the encodings TextDecoder supports: UTF-8, UTF-16 in both byte orders and
// windows-1252 (which latin1, ascii and iso-8859-1 name too: it is what every browser decodes them as).
const encodingOfLabel = { __proto__: null };
const labelsOf = {
  __proto__: null,
  'utf-8': ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'],
  'utf-16be': ['unicodefffe', 'utf-16be'],
  'utf-16le': ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le'],
  'windows-1252': ['ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100',
    'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252', 'x-cp1252'],
};
for (const name in labelsOf) for (let i = 0; i < labelsOf[name].length; i++) encodingOfLabel[labelsOf[name][i]] = name;
// windows-1252's bytes 0x80..0x9F (the others are their own code points).
const windows1252High = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
/** The label without the ASCII whitespace around it (only that: the standard keeps U+00A0 and the like), lower-cased. */
function labelKey(label) {
  const s = domString(label);
  let from = 0, to = s.length;
  const ws = (c) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
  while (from < to && ws(StrCharCodeAt(s, from))) from++;
  while (to > from && ws(StrCharCodeAt(s, to - 1))) to--;
  return StrToLowerCase(StrSlice(s, from, to));
}
/** Appends UTF-16 code units to a string in slices (String.fromCharCode takes a bounded number of arguments). */
function flushUnits(out, units, n) {
  units.length = n;
  return out + ReflectApply(StringFromCharCode, undefined, units);
}

export class TextDecoder {
  #encoding;
  #fatal;
  #ignoreBOM;
  // Decoder state carried between `{ stream: true }` calls.
  #needed = 0;
  #seen = 0;
  #codePoint = 0;
  #lower = 0x80;
  #upper = 0xbf;
  #bomSeen = false;
  // UTF-16's: a byte waiting for its pair, and a lead surrogate waiting for its trail (-1: none).
  #leadByte = -1;
  #leadSurrogate = -1;

  constructor(label = 'utf-8', options = undefined) {
    const name = labelKey(label);
    const encoding = encodingOfLabel[name];
    if (encoding === undefined) throw new RangeErrorCtor(`The "${name}" encoding is not supported (TextDecoder decodes utf-8, utf-16le, utf-16be and windows-1252)`);
    this.#encoding = encoding;
    const opts = options === undefined || options === null ? {} : ObjectCtor(options);
    this.#fatal = !!opts.fatal;
    this.#ignoreBOM = !!opts.ignoreBOM;
  }
  get encoding() { return this.#encoding; }
  get fatal() { return this.#fatal; }
  get ignoreBOM() { return this.#ignoreBOM; }
  decode(input = undefined, options = undefined) {
    const stream = options !== undefined && options !== null && !!ObjectCtor(options).stream;
    const bytes = bytesOf(input);
    if (this.#encoding === 'windows-1252') return decodeWindows1252(bytes);
    if (this.#encoding !== 'utf-8') return this.#decodeUtf16(bytes, stream);
    if (!stream && this.#needed === 0) {
      const fast = fastDecode(bytes);
      if (fast !== undefined) {
        const skip = !this.#bomSeen && !this.#ignoreBOM && StrCharCodeAt(fast, 0) === 0xfeff;
        this.#bomSeen = false;
        return skip ? StrSlice(fast, 1) : fast;
      }
    }
    const fatal = this.#fatal;
    // The state lives in locals while decoding (private fields are slow to touch per byte) and is saved at the end.
    let needed = this.#needed;
    let seen = this.#seen;
    let cp = this.#codePoint;
    let lower = this.#lower;
    let upper = this.#upper;
    let bomPending = !this.#bomSeen && !this.#ignoreBOM;
    let out = '';
    const units = list();
    let n = 0;
    const failed = () => {
      this.#reset();
      return new TypeErrorCtor('The encoded data was not valid for encoding utf-8');
    };
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      let code = -1;
      if (needed === 0) {
        if (b <= 0x7f) code = b;
        else if (b >= 0xc2 && b <= 0xdf) {
          needed = 1;
          cp = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
          if (b === 0xe0) lower = 0xa0;
          if (b === 0xed) upper = 0x9f;
          needed = 2;
          cp = b & 0xf;
        } else if (b >= 0xf0 && b <= 0xf4) {
          if (b === 0xf0) lower = 0x90;
          if (b === 0xf4) upper = 0x8f;
          needed = 3;
          cp = b & 0x7;
        } else {
          if (fatal) throw failed();
          code = 0xfffd;
        }
      } else if (b < lower || b > upper) {
        // A byte that cannot continue the sequence ends it; the byte is then read again on its own.
        needed = seen = cp = 0;
        lower = 0x80;
        upper = 0xbf;
        if (fatal) throw failed();
        code = 0xfffd;
        i--;
      } else {
        lower = 0x80;
        upper = 0xbf;
        cp = (cp << 6) | (b & 0x3f);
        if (++seen === needed) {
          code = cp;
          needed = seen = cp = 0;
        }
      }
      if (code < 0) continue;
      if (bomPending) {
        bomPending = false;
        if (code === 0xfeff) continue;
      }
      if (code >= 0x10000) {
        code -= 0x10000;
        units[n++] = 0xd800 + (code >> 10);
        units[n++] = 0xdc00 + (code & 0x3ff);
      } else {
        units[n++] = code;
      }
      if (n >= 8192) {
        units.length = n;
        out += ReflectApply(StringFromCharCode, undefined, units);
        n = 0;
      }
    }
    this.#bomSeen = this.#bomSeen || this.#ignoreBOM || !bomPending;
    if (!stream && needed !== 0) {
      if (fatal) throw failed();
      units[n++] = 0xfffd;
      needed = seen = cp = 0;
      lower = 0x80;
      upper = 0xbf;
    }
    units.length = n;
    out += ReflectApply(StringFromCharCode, undefined, units);
    this.#needed = needed;
    this.#seen = seen;
    this.#codePoint = cp;
    this.#lower = lower;
    this.#upper = upper;
    if (!stream) this.#bomSeen = false;
    return out;
  }
  /** The Encoding standard's UTF-16LE/BE decoder, with TextDecoder's BOM handling. */
  #decodeUtf16(bytes, stream) {
    const le = this.#encoding === 'utf-16le';
    const fatal = this.#fatal;
    let lead = this.#leadByte, surrogate = this.#leadSurrogate;
    let bomPending = !this.#bomSeen && !this.#ignoreBOM;
    let out = '';
    const units = list();
    let n = 0;
    const failed = () => {
      this.#leadByte = this.#leadSurrogate = -1;
      this.#bomSeen = false;
      return new TypeErrorCtor(`The encoded data was not valid for encoding ${this.#encoding}`);
    };
    for (let i = 0; i < bytes.length; i++) {
      if (lead < 0) {
        lead = bytes[i];
        continue;
      }
      let unit = le ? lead | (bytes[i] << 8) : (lead << 8) | bytes[i];
      lead = -1;
      if (surrogate >= 0) {
        const first = surrogate;
        surrogate = -1;
        bomPending = false;
        if (unit >= 0xdc00 && unit <= 0xdfff) {
          units[n++] = first;
          units[n++] = unit;
          continue;
        }
        // A lead surrogate without its trail: an error, and this unit is read again on its own.
        if (fatal) throw failed();
        units[n++] = 0xfffd;
      }
      if (unit >= 0xd800 && unit <= 0xdbff) {
        surrogate = unit;
        continue;
      }
      if (unit >= 0xdc00 && unit <= 0xdfff) {
        if (fatal) throw failed();
        unit = 0xfffd;
      }
      if (bomPending) {
        bomPending = false;
        if (unit === 0xfeff) continue;
      }
      units[n++] = unit;
      if (n >= 8192) {
        out = flushUnits(out, units, n);
        n = 0;
      }
    }
    if (!stream && (lead >= 0 || surrogate >= 0)) {
      if (fatal) throw failed();
      lead = surrogate = -1;
      bomPending = false;
      units[n++] = 0xfffd;
    }
    out = flushUnits(out, units, n);
    this.#bomSeen = !stream ? false : this.#bomSeen || this.#ignoreBOM || !bomPending;
    this.#leadByte = lead;
    this.#leadSurrogate = surrogate;
    return out;
  }
  #resetSequence() {
    this.#needed = 0;
    this.#seen = 0;
    this.#codePoint = 0;
    this.#lower = 0x80;
    this.#upper = 0xbf;
  }
  #reset() {
    this.#resetSequence();
    this.#bomSeen = false;
  }
}
/** windows-1252: one character per byte, every byte mapped (no errors, no BOM). */
function decodeWindows1252(bytes) {
  let out = '';
  const units = list();
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    units[n++] = b >= 0x80 && b < 0xa0 ? windows1252High[b - 0x80] : b;
    if (n >= 8192) {
      out = flushUnits(out, units, n);
      n = 0;
    }
  }
  return flushUnits(out, units, n);
}
tag(TextEncoder, 'TextEncoder');
tag(TextDecoder, 'TextDecoder');
webIdl(TextEncoder);
webIdl(TextDecoder);
