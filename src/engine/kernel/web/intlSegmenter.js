// The Segmenter part (dist/web-intl-segmenter.js, FormatJS's polyfill) made to behave, and cost, as a built-in does:
// part of the Intl loader (intl.entry.js), which evaluates it on first use of Intl.Segmenter.
'use strict';

const weakMapGet = WeakMap.prototype.get, weakMapSet = WeakMap.prototype.set;
const call = Function.prototype.call.bind(Function.prototype.call);
const defineProperty = Object.defineProperty, getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const getPrototypeOf = Object.getPrototypeOf, ArrayIsArray = Array.isArray;

/**
 * Evaluates the part (`fill`) against an `Intl` of its own and puts its Segmenter on `scratch`. The polyfill's locale
 * matcher canonicalizes each of the ~1,000 locales it knows on every construction (over 100 ms each time), so its
 * getCanonicalLocales remembers each tag's answer, and gets it from `canonicalize`, which records nothing: through
 * Intl.getCanonicalLocales, every one of those tags would load each loaded service's data for it. The Segmenter
 * itself has no locale data.
 */
function fillSegmenter(fill, scratch, canonicalize, requireFn) {
  const own = Object.create(scratch);
  const answers = Object.create(null);
  defineProperty(own, 'getCanonicalLocales', { value: defineProperty(function getCanonicalLocales(locales) {
    const one = ArrayIsArray(locales) && locales.length === 1 ? locales[0] : locales;
    if (typeof one !== 'string') return canonicalize(locales);
    if (answers[one] === undefined) answers[one] = canonicalize(one)[0];
    return [answers[one]];
  }, 'length', { value: 1 }) });
  fill(own, requireFn);
  const Segmenter = own.Segmenter;
  // Its list is CLDR's, in canonical form (web-intl.test.mjs checks it): answered as they are, those tags need no
  // alias tables (the core part: on first use, 1.3 MB of heap and 150 ms instead of 0.3 MB and 50 ms).
  for (const tag of Segmenter.availableLocales) answers[tag] = tag;
  defineProperty(scratch, 'Segmenter', getOwnPropertyDescriptor(own, 'Segmenter'));

  // Between two printable ASCII characters there is always a grapheme break: every rule of UAX #29 before its last
  // (GB999, "break everywhere else") needs another kind of character on one side. Between ASCII letters, digits and
  // spaces, words break only where a space meets a letter or digit (WB5, WB8 to WB10 join letters and digits, WB3d
  // spaces; the rules that look further, WB6, WB7, WB11 and WB12, need punctuation next to the position). The polyfill
  // tests a dozen to forty patterns at each position, 25 µs or more in QuickJS, and string-width segments every
  // string it measures.
  const granularities = new WeakMap();
  const breaksAt = Segmenter.prototype.breaksAt;
  defineProperty(Segmenter.prototype, 'breaksAt', { value: function breaksAtFast(position, input) {
    let granularity = call(weakMapGet, granularities, this);
    if (granularity === undefined) call(weakMapSet, granularities, this, (granularity = this.resolvedOptions().granularity));
    const before = input.charCodeAt(position - 1), after = input.charCodeAt(position);
    if (granularity === 'grapheme' && before >= 0x20 && before <= 0x7e && after >= 0x20 && after <= 0x7e) return { breaks: true, matchingRule: '999' };
    if (granularity === 'word') {
      const b = asciiWordClass(before), a = asciiWordClass(after);
      if (b !== undefined && a !== undefined) return b === a || (b !== ' ' && a !== ' ') ? { breaks: false, matchingRule: WORD_RULES[b + a] } : { breaks: true, matchingRule: '999' };
    }
    return call(breaksAt, this, position, input);
  }, writable: true, configurable: true });

  const segments = new Segmenter().segment('');
  const segmentsProto = getPrototypeOf(segments), iterator = getPrototypeOf(segments[Symbol.iterator]());
  // The polyfill's iterator results are { done, value }; the spec's (CreateIterResultObject) and Node's are
  // { value, done }, an order that printed results show.
  const next = iterator.next;
  defineProperty(iterator, 'next', { value: { next() { const r = call(next, this); return { value: r.value, done: r.done }; } }.next, writable: true, configurable: true });

  // The polyfill keeps its state in properties of its objects, which printing shows: a Segmenter printed 100 KB of
  // patterns where Node prints `Segmenter [Intl.Segmenter] {}`. Assigned through these setters, each is made a
  // non-enumerable own property, hidden as an internal slot is.
  hideOnAssignment(Segmenter.prototype, ['mergedSegmentationTypeValue', 'rules', 'ruleSortedKeys']);
  hideOnAssignment(segmentsProto, ['segmenter', 'input']);
  hideOnAssignment(iterator, ['segmenter', 'input', 'lastSegmentIndex']);
  // The spec's %SegmentsPrototype% and %SegmentIteratorPrototype% have no constructor (Node prints `{}` and
  // `Object [Segmenter String Iterator] {}`, not the polyfill's class names).
  delete segmentsProto.constructor;
  delete iterator.constructor;
}

/** The word rule that joins two ASCII characters of these classes: L a letter, N a digit, ' ' a space. */
const WORD_RULES = { __proto__: null, LL: '5', NN: '8', LN: '9', NL: '10', '  ': '3.4' };

/** L for an ASCII letter, N for a digit, ' ' for a space; undefined for any other code unit. */
function asciiWordClass(c) {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return 'L';
  if (c >= 0x30 && c <= 0x39) return 'N';
  return c === 0x20 ? ' ' : undefined;
}

/** Gives `proto` a setter for each of `names` that makes the value a non-enumerable own property of the receiver. */
function hideOnAssignment(proto, names) {
  for (const name of names) {
    defineProperty(proto, name, { set: defineProperty(function (value) { defineProperty(this, name, { value, writable: true, configurable: true }); }, 'name', { value: `set ${name}` }), configurable: true });
  }
}

module.exports = { fillSegmenter };
