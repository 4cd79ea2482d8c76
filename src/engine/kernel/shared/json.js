// JSON text of the kernels' own plain data for the host, made without JSON.stringify: it looks up `toJSON` on every
// object and writes to internal arrays, both of which a program can hijack (a `toJSON` on Object.prototype, a setter
// on Array.prototype[0]). Concatenation over captured built-ins only.
import {
  ObjectKeys, ArrayIsArray, NumberIsFinite, StrCharCodeAt, StrSlice, NumToString,
} from './intrinsics.js';

/** `s` as a JSON string literal. */
export function quote(s) {
  let out = '"';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = StrCharCodeAt(s, i);
    if (c !== 34 && c !== 92 && c >= 32 && (c < 0xd800 || c > 0xdfff)) continue;
    out += StrSlice(s, run, i);
    out += c === 34 ? '\\"' : c === 92 ? '\\\\' : '\\u' + StrSlice('000' + NumToString(c, 16), -4);
    run = i + 1;
  }
  return out + StrSlice(s, run) + '"';
}
/** JSON text of plain data (null, booleans, numbers, strings, arrays, objects' own enumerable keys; 8 levels). */
export function hostJSON(v, depth = 0) {
  if (v === null || v === undefined) return 'null';
  const t = typeof v;
  if (t === 'string') return quote(v);
  if (t === 'number') return NumberIsFinite(v) ? NumToString(v) : 'null';
  if (t === 'boolean') return v ? 'true' : 'false';
  if (t !== 'object' || depth > 8) return 'null';
  let out;
  if (ArrayIsArray(v)) {
    out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + hostJSON(v[i], depth + 1);
    return out + ']';
  }
  const keys = ObjectKeys(v);
  out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const value = v[keys[i]];
    if (value === undefined || typeof value === 'function') continue;
    out += (first ? '' : ',') + quote(keys[i]) + ':' + hostJSON(value, depth + 1);
    first = false;
  }
  return out + '}';
}
