// atob / btoa, with the forgiving-base64 rules of the HTML standard.
import { domString } from '../web/idl.js';
import { invalidCharacter } from './domException.js';
import {
  TypeErrorCtor, Uint8ArrayCtor, StringCtor, StringFromCharCode, ReflectApply, StrCharCodeAt,
} from '../shared/intrinsics.js';
import { list } from '../shared/safe.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUES = new Uint8ArrayCtor(128).fill(255);
const B64_CODES = new Uint8ArrayCtor(64);
for (let i = 0; i < 64; i++) {
  B64_VALUES[StrCharCodeAt(B64, i)] = i;
  B64_CODES[i] = StrCharCodeAt(B64, i);
}

/** Appends char codes to `text` in chunks, as `String.fromCharCode` takes its arguments from an array. */
function chunkedString() {
  const codes = list();
  let n = 0;
  let text = '';
  return {
    __proto__: null,
    add(code) {
      codes[n++] = code;
      if (n === 8192) {
        text += ReflectApply(StringFromCharCode, undefined, codes);
        n = 0;
      }
    },
    done() {
      codes.length = n;
      return text + ReflectApply(StringFromCharCode, undefined, codes);
    },
  };
}
export function btoa(data) {
  if (arguments.length === 0) throw new TypeErrorCtor('The "data" argument must be specified');
  const str = domString(data);
  const out = chunkedString();
  const n = str.length;
  for (let i = 0; i < n; i += 3) {
    const a = StrCharCodeAt(str, i);
    const b = i + 1 < n ? StrCharCodeAt(str, i + 1) : 0;
    const c = i + 2 < n ? StrCharCodeAt(str, i + 2) : 0;
    if (a > 255 || b > 255 || c > 255) throw invalidCharacter('Invalid character');
    const bits = (a << 16) | (b << 8) | c;
    out.add(B64_CODES[bits >> 18]);
    out.add(B64_CODES[(bits >> 12) & 63]);
    out.add(i + 1 < n ? B64_CODES[(bits >> 6) & 63] : 61);
    out.add(i + 2 < n ? B64_CODES[bits & 63] : 61);
  }
  return out.done();
}
export function atob(data) {
  if (arguments.length === 0) throw new TypeErrorCtor('The "data" argument must be specified');
  const str = domString(data);
  // Forgiving-base64: ASCII whitespace is skipped, and up to two '=' may end a length that is a multiple of 4.
  let count = 0;
  let end = str.length;
  for (let i = 0; i < str.length; i++) {
    const c = StrCharCodeAt(str, i);
    if (c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 32) count++;
  }
  let padding = 0;
  if (count % 4 === 0) {
    for (let i = str.length - 1; i >= 0 && padding < 2; i--) {
      const c = StrCharCodeAt(str, i);
      if (c === 9 || c === 10 || c === 12 || c === 13 || c === 32) continue;
      if (c !== 61) break;
      padding++;
      end = i;
    }
  }
  if ((count - padding) % 4 === 1) throw invalidCharacter('The string to be decoded is not correctly encoded.');
  const out = chunkedString();
  let bits = 0;
  let acc = 0;
  for (let i = 0; i < end; i++) {
    const c = StrCharCodeAt(str, i);
    if (c === 9 || c === 10 || c === 12 || c === 13 || c === 32) continue;
    const v = c < 128 ? B64_VALUES[c] : 255;
    if (v === 255) throw invalidCharacter('Invalid character');
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.add((acc >> bits) & 255);
    }
  }
  return out.done();
}
