// String.prototype.localeCompare: QuickJS compares code units; give the root collation's main rules
// Ordering by levels as the Unicode Collation Algorithm does for Latin text: letters first compared without accents
// or case ('a' < 'B' < 'c'), then accents ('e' < 'é'), then case (lower before upper, as ICU's default). Digits sort
// before letters, and punctuation and spaces before both. Scripts other than Latin compare by code point after that.
import { TypeErrorCtor, RangeErrorCtor, StringCtor, StringPrototype, MathMin, StrSlice, StrCharCodeAt, StrToLowerCase,
  StrNormalize, StrReplace } from '../shared/intrinsics.js';
import { defineMethod } from './idl.js';

const combining = /[\u0300-\u036f]/g;
function primaryKey(s) { return StrReplace(StrNormalize(StrToLowerCase(s), 'NFD'), combining, ''); }
function weight(c) {
  // Whitespace and punctuation < digits < letters < everything else, each group in code point order.
  if (c >= 0x30 && c <= 0x39) return 0x10000 + c;
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0xdf && c <= 0x24f)) return 0x20000 + c;
  if (c < 0x80) return c;
  return 0x30000 + c;
}
const isDigit = (c) => c >= 0x30 && c <= 0x39;
/** With `numeric`, runs of digits compare by their value ('2' < '10'), as the collation option kn does. */
function compareKeys(a, b, numeric) {
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    const x = StrCharCodeAt(a, i), y = StrCharCodeAt(b, j);
    if (numeric && isDigit(x) && isDigit(y)) {
      let ei = i, ej = j;
      while (ei < a.length && isDigit(StrCharCodeAt(a, ei))) ei++;
      while (ej < b.length && isDigit(StrCharCodeAt(b, ej))) ej++;
      let si = i, sj = j;
      while (si < ei - 1 && StrCharCodeAt(a, si) === 0x30) si++;
      while (sj < ej - 1 && StrCharCodeAt(b, sj) === 0x30) sj++;
      if (ei - si !== ej - sj) return ei - si < ej - sj ? -1 : 1;
      const da = StrSlice(a, si, ei), db = StrSlice(b, sj, ej);
      if (da !== db) return da < db ? -1 : 1;
      i = ei; j = ej;
      continue;
    }
    if (x !== y) return weight(x) < weight(y) ? -1 : 1;
    i++; j++;
  }
  const ra = a.length - i, rb = b.length - j;
  return ra === rb ? 0 : ra < rb ? -1 : 1;
}
/** `sensitivity` as Intl.Collator takes it: base (letters only), accent, case, or variant (everything). */
export function collate(a, b, numeric, sensitivity) {
  if (a === b) return 0;
  const p = compareKeys(primaryKey(a), primaryKey(b), numeric);
  if (p || sensitivity === 'base') return p;
  if (sensitivity !== 'case') {
    const s = compareKeys(StrNormalize(StrToLowerCase(a), 'NFD'), StrNormalize(StrToLowerCase(b), 'NFD'), numeric);
    if (s || sensitivity === 'accent') return s;
  }
  // Tertiary: lower case before upper case at the first difference (accents left out when only case counts).
  let na = StrNormalize(a, 'NFD'), nb = StrNormalize(b, 'NFD');
  if (sensitivity === 'case') { na = StrReplace(na, combining, ''); nb = StrReplace(nb, combining, ''); }
  const n = MathMin(na.length, nb.length);
  for (let i = 0; i < n; i++) {
    const x = StrCharCodeAt(na, i), y = StrCharCodeAt(nb, i);
    if (x !== y) {
      const cx = StrSlice(na, i, i + 1), cy = StrSlice(nb, i, i + 1);
      const xl = StrToLowerCase(cx) === cx, yl = StrToLowerCase(cy) === cy;
      if (xl !== yl) return xl ? -1 : 1;
      if (sensitivity === 'case' || numeric) continue;
      return x < y ? -1 : 1;
    }
  }
  if (sensitivity === 'case' || numeric) return 0;
  return na.length === nb.length ? 0 : na.length < nb.length ? -1 : 1;
}
export const sensitivities = { __proto__: null, base: 1, accent: 1, case: 1, variant: 1 };
const localeCompare = {
  // `locales` is accepted and ignored: there is one ordering. Of the options, `numeric` and `sensitivity` apply.
  localeCompare(that, locales = undefined, options = undefined) {
    if (this === undefined || this === null) throw new TypeErrorCtor('String.prototype.localeCompare called on null or undefined');
    // As Intl.Collator would: a null locale list is a TypeError (CanonicalizeLocaleList).
    if (locales === null) throw new TypeErrorCtor('String.prototype.localeCompare: locales must not be null');
    let numeric = false, sensitivity = 'variant';
    if (options !== undefined && options !== null) {
      numeric = !!options.numeric;
      if (options.sensitivity !== undefined) {
        sensitivity = StringCtor(options.sensitivity);
        if (!sensitivities[sensitivity]) throw new RangeErrorCtor(`Value ${sensitivity} out of range for localeCompare options property sensitivity`);
      }
    }
    return collate(StringCtor(this), StringCtor(that), numeric, sensitivity);
  },
}.localeCompare;
defineMethod(StringPrototype, 'localeCompare', localeCompare);
