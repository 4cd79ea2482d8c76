// The values part (values.part.js: the renderer, the values bridge, console.table's layout), evaluated the first time
// the console prints something other than strings and numbers, display() renders a value, or the host asks the
// bridge (the REPL's results, the notebook, the debugger). A cold run that prints "hello" never compiles it.
import * as intrinsics from '../shared/intrinsics.js';
import { plainText } from '../values/lines.js';

let kernelHost;
let loaded;

/** Keeps the globals kernel's host: `loadPart(name)` evaluates a part's script and returns its function. */
export function useValuesHost(host) {
  kernelHost = host;
}

/** The values part's exports: { bridge, inspectWith, formatArgs, jsonText, tableText }. */
export function values() {
  if (loaded === undefined) loaded = kernelHost.loadPart('values')(intrinsics)(kernelHost);
  return loaded;
}

/**
 * A run's value as the host shows it, `{ text, ref }` as the bridge's inspect and ref give them, for a number, bigint,
 * boolean, undefined or null without evaluating the renderer (a script whose last statement is `fib(27)` needs none);
 * undefined for any other value, which the host renders through the bridge.
 */
export function plainResult(v) {
  const text = plainText(v);
  if (text === undefined) return undefined;
  return { __proto__: null, text, ref: { __proto__: null, id: 0, preview: text, type: v === null ? 'null' : typeof v } };
}
