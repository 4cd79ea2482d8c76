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
    pattern = (flags === undefined || flags === '') && startAnchored(source) ? stickyAtStart(source) : new NativeRegExp(source, flags);
    compiled.set(key, pattern);
  }
  return pattern;
}
SegmenterRegExp.prototype = NativeRegExp.prototype;

/**
 * The rules test what follows a position with `^…` on the rest of the string, and QuickJS tries such a pattern at
 * every index of its input, failing the `^` at each (10,000 characters: 250 µs a test): segmenting grew with the
 * square of the input's length. Sticky, it is tried at index 0 only, with the same answer.
 */
function stickyAtStart(source) {
  const sticky = new NativeRegExp(source, 'y');
  Object.defineProperty(sticky, 'test', { value: function test(s) { sticky.lastIndex = 0; return call(nativeTest, sticky, s); } });
  return sticky;
}

/** Whether `source` starts with `^` that binds the whole pattern (no `|` outside groups and classes). */
function startAnchored(source) {
  if (source[0] !== '^') return false;
  let depth = 0, inClass = false;
  for (let i = 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return false;
  }
  return true;
}
