// The `RegExp` of the Intl.Segmenter polyfill (esbuild.mjs imports this one into it). Every `new Intl.Segmenter()`
// builds its break rules' patterns again, up to 170 KB of source that take QuickJS 10 to 30 ms to compile: the same
// pattern gives the same object. Sharing is safe because the polyfill only calls test() on them, and a pattern
// without the g or y flag keeps no state between calls; one with them is made anew.
const NativeRegExp = /./.constructor;
const compiled = new Map();

/** A RegExp for `source` and `flags`, compiled once per pattern. */
export function SegmenterRegExp(source, flags) {
  if (typeof source !== 'string' || (flags !== undefined && /[gy]/.test(flags))) return new NativeRegExp(source, flags);
  const key = `${flags === undefined ? '' : flags}/${source}`;
  let pattern = compiled.get(key);
  if (!pattern) {
    pattern = new NativeRegExp(source, flags);
    compiled.set(key, pattern);
  }
  return pattern;
}
SegmenterRegExp.prototype = NativeRegExp.prototype;
