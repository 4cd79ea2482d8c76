// The `RegExp` of the Intl.Segmenter polyfill (esbuild.mjs imports this one into it). Every `new Intl.Segmenter()`
// builds its break rules' patterns again, up to 170 KB of source that take QuickJS 10 to 30 ms to compile: the same
// pattern gives the same object. Sharing is safe because the polyfill only calls test() on them, and a pattern
// without the g or y flag keeps no state between calls (the sticky ones below set theirs before each); one with
// them is made anew.
const NativeRegExp = /./.constructor;
const nativeTest = NativeRegExp.prototype.test;
const call = Function.prototype.call.bind(Function.prototype.call);
const compiled = new Map();

/** A RegExp for `source` and `flags`, compiled once per pattern. */
export function SegmenterRegExp(source, flags) {
  if (typeof source !== 'string' || (flags !== undefined && /[gy]/.test(flags))) return new NativeRegExp(source, flags);
  const key = `${flags === undefined ? '' : flags}/${source}`;
  let pattern = compiled.get(key);
  if (!pattern) {
    pattern = (flags === undefined || flags === '') && anchoredTest(source) || new NativeRegExp(source, flags);
    compiled.set(key, pattern);
  }
  return pattern;
}
SegmenterRegExp.prototype = NativeRegExp.prototype;

/**
 * The rules test what precedes a position with `…$` on the string before it, and what follows with `^…` on the rest,
 * and QuickJS tries such a pattern at every index of its input (10,000 characters: 250 µs a test): segmenting grew
 * with the square of the input's length, or of a sentence's. Made sticky, a pattern is tried at one index only, with
 * the same answer: `^X` at 0, and `X$` as `(?<=X)` at the end, which matches X backwards from there.
 * Undefined for a pattern that is not anchored as a whole.
 */
function anchoredTest(source) {
  const shape = anchors(source);
  if (shape.alternation) return undefined;
  if (source[0] === '^') return sticky(source, false);
  if (shape.end) return sticky(`(?<=${source.slice(0, -1)})`, true);
  return undefined;
}

function sticky(source, atEnd) {
  const pattern = new NativeRegExp(source, 'y');
  Object.defineProperty(pattern, 'test', { value: function test(input) {
    const s = `${input}`;
    pattern.lastIndex = atEnd ? s.length : 0;
    return call(nativeTest, pattern, s);
  } });
  return pattern;
}

/** Whether `source` has a `|` outside groups and classes (an anchor then binds one branch only), and ends with `$`. */
function anchors(source) {
  let depth = 0, inClass = false, end = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    end = false;
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return { alternation: true, end: false };
    else if (c === '$' && depth === 0) end = true;
  }
  return { alternation: false, end };
}
