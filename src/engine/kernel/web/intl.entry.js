// Entry of dist/web-intl.js: the loader of Intl, evaluated on first touch of Intl or of a toLocale*String method. It is
// small; the FormatJS polyfills it hands out are separate bundles (dist/web-intl-<part>.js, see esbuild.mjs), each
// evaluated when a script first uses that part: touching Intl.NumberFormat loads NumberFormat and its English data
// only, never DateTimeFormat's; a locale's data is loaded per service, when a service is asked for that locale.
// Measured on first touch (QuickJS heap, ms): loading all seven polyfills at once cost ~2.5 MB and ~300 ms even for
// `new Intl.NumberFormat().format(1)`.
'use strict';
const { fillSegmenter } = require('./intlSegmenter.js');

/** Each member of Intl and the part (dist/web-intl-<part>.js) that makes it. */
const MEMBERS = {
  __proto__: null, Locale: 'locale', PluralRules: 'pluralrules', NumberFormat: 'numberformat', DateTimeFormat: 'datetimeformat',
  RelativeTimeFormat: 'relativetimeformat', ListFormat: 'listformat', Segmenter: 'segmenter',
};
/** The parts that have locale data (dist/web-intl-<part>-<locale>.js); `en` is inside each part itself. */
const WITH_DATA = ['pluralrules', 'numberformat', 'datetimeformat', 'relativetimeformat', 'listformat'];
/** Tags already canonical (no alias applies, canonical case): those of the bundled locales and their usual regions. */
const CANONICAL = { __proto__: null, en: 1, 'en-US': 1, 'en-GB': 1, de: 1, 'de-DE': 1, es: 1, 'es-ES': 1, fr: 1, 'fr-FR': 1, ja: 1, 'ja-JP': 1, zh: 1, 'zh-CN': 1 };
/** The package whose exports dist/web-intl-core.js is; the Locale part takes it with require() instead of a copy. */
const CORE_PACKAGE = '@formatjs/intl-getcanonicallocales';

/**
 * Makes the Intl object. `k` is the web kernel's side: `loadPart(name)` (the host's loader: a function of
 * (Intl, require), or undefined when there is no such file), `timeZone` (the host's), `Collator` (the kernel's own),
 * and the toLocaleString methods: `localeMethods` ([prototype, name] pairs, Number's and BigInt's first, then Date's
 * three), `localeStubs` (what the kernel installed) and `polyfilled` (filled here: what each stub calls).
 */
module.exports = function makeIntl(k) {
  const defineProperty = Object.defineProperty, getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ArrayIsArray = Array.isArray, getPrototypeOf = Object.getPrototypeOf, ArrayProto = Array.prototype;
  const ReflectCtor = Reflect, StringCtor = String, regExpExec = RegExp.prototype.exec;
  const call = Function.prototype.call.bind(Function.prototype.call);
  const intl = {};
  defineProperty(intl, Symbol.toStringTag, { value: 'Intl', configurable: true });
  // What the polyfills see as `Intl`: they define their classes and add their data here, not on the object scripts
  // see (which keeps its lazy members); a member not loaded yet is found through the prototype and loads itself.
  const scratch = Object.create(intl);
  const tried = Object.create(null);
  const loaded = Object.create(null);
  const requested = [];
  let core;

  const requireFn = (name) => {
    if (name !== CORE_PACKAGE) throw new TypeError(`Intl: no bundled module ${name}`);
    return coreExports();
  };
  /** Evaluates dist/web-intl-<name>.js into `scratch` once; false when there is no such file. */
  function tryPart(name) {
    if (tried[name] !== undefined) return tried[name];
    tried[name] = false;
    const fill = k.loadPart(name);
    if (fill) {
      if (name === 'segmenter') fillSegmenter(fill, scratch, canonicalize, requireFn);
      else fill(scratch, requireFn);
      tried[name] = true;
    }
    return tried[name];
  }
  function coreExports() {
    // Its own `Intl` is empty: it reads `Intl.Locale` when evaluated, to recognise a native one (there is none), and
    // must not load the Locale part, which requires it.
    if (!core) { tried.core = true; core = k.loadPart('core')({}, requireFn); }
    return core;
  }
  /** A locale's data for one service: the language-region's (en-GB), then the language's own (de for de-AT). */
  function loadData(part, tag) {
    const pieces = tag.split('-');
    const language = pieces[0];
    for (let j = 1; j < pieces.length; j++) if (call(regExpExec, /^[A-Z]{2}$/, pieces[j]) !== null) tryPart(`${part}-${language}-${pieces[j]}`);
    if (language !== 'en') tryPart(`${part}-${language}`);
  }

  const utcNames = /^(etc\/)?(utc|gmt|uct|zulu|universal|gmt[+-]?0)$/i;
  const isUtc = (tz) => call(regExpExec, utcNames, tz) !== null;
  /** A time zone other than UTC needs the time zone data (which DateTimeFormat takes). */
  function needZone(options) {
    if (options !== null && typeof options === 'object' && options.timeZone !== undefined && !isUtc(StringCtor(options.timeZone))) {
      ensurePart('datetimeformat');
      tryPart('tz');
    }
  }

  // The toLocaleString methods: each polyfill sets its own on the real prototypes when evaluated; the one it set is
  // kept here and the prototype gets back what it had (the lazy method below, or what the script put there).
  const methodPart = (i) => (i < 2 ? 'numberformat' : 'datetimeformat');
  const realMethods = [];
  function ensurePart(part) {
    if (loaded[part]) return;
    loaded[part] = true;
    const before = [];
    for (let i = 0; i < k.localeMethods.length; i++) before[i] = k.localeMethods[i][0][k.localeMethods[i][1]];
    if (!tryPart(part)) throw new TypeError(`Intl: dist/web-intl-${part}.js is missing; run "npm run build"`);
    for (let i = 0; i < k.localeMethods.length; i++) {
      const [proto, name] = k.localeMethods[i];
      if (methodPart(i) !== part) continue;
      realMethods[i] = proto[name];
      defineProperty(proto, name, { value: before[i], writable: true, enumerable: false, configurable: true });
    }
    if (WITH_DATA.indexOf(part) >= 0) for (let i = 0; i < requested.length; i++) loadData(part, requested[i]);
    if (part === 'datetimeformat') {
      const zone = StringCtor(k.timeZone);
      if (!isUtc(zone)) {
        tryPart('tz');
        try { scratch.DateTimeFormat.__setDefaultTimeZone(zone); } catch (e) { /* a zone the data lacks: the formats use UTC */ }
      }
    }
  }
  for (let i = 0; i < k.localeMethods.length; i++) {
    const [proto, name] = k.localeMethods[i];
    const part = methodPart(i);
    k.polyfilled[i] = defineProperty({ [name](locales = undefined, options = undefined) {
      ensurePart(part);
      if (part === 'datetimeformat') needZone(options);
      return call(realMethods[i], this, locales, options);
    } }[name], 'length', { value: 0 });
    // A method the script replaced before Intl loaded stays replaced.
    if (proto[name] === k.localeStubs[i]) defineProperty(proto, name, { value: k.polyfilled[i], writable: true, enumerable: false, configurable: true });
  }

  /**
   * What getCanonicalLocales answers, without recording the locales. The bundled locales are their own canonical form:
   * the polyfills ask for `en` on every first use, and this answer needs no alias tables (the core part, ~170 KB).
   */
  const canonicalize = (locales) => (locales === undefined ? [] : knownCanonical(locales) || coreExports().getCanonicalLocales(locales));
  /** A string or a plain array of strings that are all in CANONICAL, as getCanonicalLocales would give it; else undefined. */
  function knownCanonical(locales) {
    if (typeof locales === 'string') return CANONICAL[locales] === 1 ? [locales] : undefined;
    if (!ArrayIsArray(locales) || getPrototypeOf(locales) !== ArrayProto || locales.length > 8) return undefined;
    const out = [];
    for (let i = 0; i < locales.length; i++) {
      const d = getOwnPropertyDescriptor(locales, i);
      if (!d || !('value' in d) || typeof d.value !== 'string' || CANONICAL[d.value] !== 1) return undefined;
      if (out.indexOf(d.value) < 0) out.push(d.value);
    }
    return out;
  }
  // Every service canonicalizes the locales it is given through Intl.getCanonicalLocales: the one place to load a
  // locale's data, for the services loaded so far (a service loaded later takes the locales asked for until then).
  // An absent list is the empty list (CanonicalizeLocaleList), which needs no alias tables: `new Intl.NumberFormat()`
  // never loads them.
  defineProperty(intl, 'getCanonicalLocales', { value: defineProperty(function getCanonicalLocales(locales) {
    const list = canonicalize(locales);
    for (let i = 0; i < list.length; i++) {
      if (requested.indexOf(list[i]) >= 0) continue;
      requested.push(list[i]);
      for (let j = 0; j < WITH_DATA.length; j++) if (loaded[WITH_DATA[j]]) loadData(WITH_DATA[j], list[i]);
    }
    return list;
  }, 'length', { value: 1 }), writable: true, configurable: true });

  /**
   * A member as a data property whose value stands for the constructor until first used: a proxy that loads the part on
   * any operation and then forwards everything to the real constructor, so descriptors, `prototype`, `instanceof` and
   * subclassing behave as the real one's.
   */
  function lazyConstructor(member, part) {
    let real;
    const target = function () {};
    const ensure = () => {
      if (!real) {
        ensurePart(part);
        const own = getOwnPropertyDescriptor(scratch, member);
        // Only a polyfill that uses its own class while being evaluated gets here.
        if (!own) throw new TypeError(`Intl.${member} was used while its polyfill was being evaluated`);
        real = own.value;
        // The proxy's invariants compare with the target: give it the real `prototype` as the real one has it.
        defineProperty(target, 'prototype', getOwnPropertyDescriptor(real, 'prototype'));
        defineProperty(real.prototype, 'constructor', { value: proxy });
        // The polyfills keep their data and hooks in enumerable statics (NumberFormat's localeData, the Segmenter's
        // 1,179 locales), which printing the constructor showed; a built-in constructor has none.
        const keys = ReflectCtor.ownKeys(real);
        for (let i = 0; i < keys.length; i++) {
          const d = getOwnPropertyDescriptor(real, keys[i]);
          if (d.enumerable && d.configurable) defineProperty(real, keys[i], { enumerable: false });
        }
      }
      return real;
    };
    const beforeUse = part === 'datetimeformat' ? (args) => needZone(args[1]) : () => {};
    const handler = {};
    const traps = ReflectCtor.ownKeys(ReflectCtor);
    for (let i = 0; i < traps.length; i++) {
      const trap = traps[i];
      if (typeof ReflectCtor[trap] === 'function') handler[trap] = (t, ...rest) => ReflectCtor[trap](ensure(), ...rest);
    }
    handler.get = (t, key, receiver) => ReflectCtor.get(ensure(), key, receiver === proxy ? real : receiver);
    handler.set = (t, key, value, receiver) => ReflectCtor.set(ensure(), key, value, receiver === proxy ? real : receiver);
    handler.construct = (t, args, newTarget) => { const r = ensure(); beforeUse(args); return ReflectCtor.construct(r, args, newTarget === proxy ? r : newTarget); };
    handler.apply = (t, self, args) => { const r = ensure(); beforeUse(args); return ReflectCtor.apply(r, self, args); };
    const proxy = new Proxy(target, handler);
    return proxy;
  }
  for (const member in MEMBERS) defineProperty(intl, member, { value: lazyConstructor(member, MEMBERS[member]), writable: true, configurable: true });
  defineProperty(intl, 'Collator', { value: k.Collator, writable: true, configurable: true });
  return intl;
};
