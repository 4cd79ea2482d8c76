// Intl: dist/web-intl.js (web/intl.entry.js) makes the object on first use of Intl or of a toLocale*String method, and
// loads each service's polyfill and each locale's data when a script first uses them. Collator is the kernel's own
// collation (collation.js; the polyfills have none), so it and localeCompare always agree.
import { TypeErrorCtor, RangeErrorCtor, WeakMapCtor, StringCtor, NumberPrototype, BigIntPrototype, DatePrototype, WeakMapGet, WeakMapSet,
  ObjectDefineProperty as defineProperty, ObjectCreate as create, FunctionCall as call,
  ObjectGetOwnPropertyDescriptorRaw as getOwnPropertyDescriptor } from '../shared/intrinsics.js';
import { host } from './host.js';
import { tag, defineMethod } from './idl.js';
import { lazyGlobals } from './lazyGlobals.js';
import { collate, sensitivities } from './collation.js';

const localeMethods = [[NumberPrototype, 'toLocaleString'], [BigIntPrototype, 'toLocaleString'], [DatePrototype, 'toLocaleString'],
  [DatePrototype, 'toLocaleDateString'], [DatePrototype, 'toLocaleTimeString']];
const polyfilled = [];
const intlApi = lazyGlobals(['Intl'], () => ({
  Intl: host.loadIntl('')({ loadPart: host.loadIntl, timeZone: host.timeZone, Collator, localeMethods, localeStubs, polyfilled }),
}));
const localeStubs = [];
for (let i = 0; i < localeMethods.length; i++) {
  // Indexed, not destructured: the part is evaluated after user code, which may have replaced the array iterator.
  const proto = localeMethods[i][0], name = localeMethods[i][1];
  localeStubs[i] = defineProperty({ [name](locales = undefined, options = undefined) { intlApi.ensure(); return call(polyfilled[i], this, locales, options); } }[name], 'length', { value: 0 });
  defineMethod(proto, name, localeStubs[i]);
}
const collatorState = new WeakMapCtor();
const usages = { __proto__: null, sort: 1, search: 1 };
const caseFirsts = { __proto__: null, upper: 1, lower: 1, false: 1 };
const matchers = { __proto__: null, lookup: 1, 'best fit': 1 };
/** Intl.Collator over the kernel's collation: one order for every locale (the root collation's, for Latin text). */
function Collator(locales = undefined, options = undefined) {
  if (new.target === undefined) return new Collator(locales, options);
  const requested = intlApi.ensure().Intl.getCanonicalLocales(locales);
  const o = options === undefined ? create(null) : options;
  if (o === null || (typeof o !== 'object' && typeof o !== 'function')) throw new TypeErrorCtor('Intl.Collator: options must be an object');
  // Each option is read once, in the order ECMA-402 reads them (a getter sees the same sequence).
  const option = (name, allowed, fallback) => {
    const raw = o[name];
    if (raw === undefined) return fallback;
    const v = StringCtor(raw);
    if (allowed && !allowed[v]) throw new RangeErrorCtor(`Value ${v} out of range for Intl.Collator options property ${name}`);
    return v;
  };
  const flag = (name) => { const raw = o[name]; return raw === undefined ? undefined : !!raw; };
  const usage = option('usage', usages, 'sort');
  option('localeMatcher', matchers, 'best fit');
  option('collation', undefined, undefined);
  const numeric = flag('numeric') || false;
  const caseFirst = option('caseFirst', caseFirsts, 'false');
  const sensitivity = option('sensitivity', sensitivities, 'variant');
  const ignorePunctuation = flag('ignorePunctuation') || false;
  WeakMapSet(collatorState, this, { locale: requested.length ? requested[0] : 'en-US', usage, sensitivity, numeric, caseFirst, ignorePunctuation, bound: undefined });
}
function collatorOf(c) {
  const s = WeakMapGet(collatorState, c);
  if (!s) throw new TypeErrorCtor('Illegal invocation: not an Intl.Collator');
  return s;
}
defineProperty(Collator.prototype, 'compare', { get: getOwnPropertyDescriptor({ get compare() {
  const s = collatorOf(this);
  if (!s.bound) s.bound = defineProperty((a, b) => collate(StringCtor(a), StringCtor(b), s.numeric, s.sensitivity), 'length', { value: 2 });
  return s.bound;
} }, 'compare').get, configurable: true });
defineProperty(Collator, 'prototype', { writable: false });
// Method syntax: built-in methods are not constructors and have no prototype property.
defineProperty(Collator.prototype, 'resolvedOptions', { value: { resolvedOptions() {
  const s = collatorOf(this);
  return { locale: s.locale, usage: s.usage, sensitivity: s.sensitivity, ignorePunctuation: s.ignorePunctuation, collation: 'default', numeric: s.numeric, caseFirst: s.caseFirst };
} }.resolvedOptions, writable: true, configurable: true });
defineProperty(Collator, 'supportedLocalesOf', { value: { supportedLocalesOf(locales) { return intlApi.ensure().Intl.getCanonicalLocales(locales); } }.supportedLocalesOf, writable: true, configurable: true });
tag(Collator, 'Intl.Collator');
