/**
 * Reading plain data (the kernels' results, the memory report) out of QuickJS without QuickJS's JSON.stringify,
 * which `QuickJSContext.dump` uses for objects: it writes to internal JS arrays, so a script that puts a throwing
 * accessor on `Array.prototype[0]` would blank every error, variable and memory figure the host reads.
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';

const MAX_DEPTH = 8;

/** Converts a tree of primitives, arrays and plain objects to host values, property by property. */
export function toHost(ctx: QuickJSContext, h: QuickJSHandle, typeOf: (h: QuickJSHandle) => string, depth = 0): unknown {
  switch (typeOf(h)) {
    case 'string':
      return ctx.getString(h);
    case 'number':
      return ctx.getNumber(h);
    case 'boolean':
    case 'bigint':
    case 'symbol':
      return ctx.dump(h); // primitives: no array is involved
    case 'undefined':
      return undefined;
    case 'null':
      return null;
    case 'object':
      break;
    default:
      return undefined; // functions are not data
  }
  if (depth >= MAX_DEPTH) return undefined;
  const keys = ctx.getOwnPropertyNames(h, { strings: true, numbersAsStrings: true, onlyEnumerable: true });
  if (keys.error) {
    keys.error.dispose();
    return undefined;
  }
  const names = keys.value;
  try {
    const isArray = ctx.getLength(h) !== undefined && names.every((k) => /^\d+$/.test(ctx.getString(k)) || ctx.getString(k) === 'length');
    const out: Record<string, unknown> | unknown[] = isArray ? [] : {};
    for (const k of names) {
      const key = ctx.getString(k);
      if (isArray && key === 'length') continue;
      const v = ctx.getProp(h, key);
      try {
        (out as Record<string, unknown>)[key] = toHost(ctx, v, typeOf, depth + 1);
      } finally {
        v.dispose();
      }
    }
    return out;
  } finally {
    names.dispose();
  }
}
