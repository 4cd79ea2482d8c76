// The values part (values.part.js: the renderer, the values bridge, console.table's layout), evaluated the first time
// the console prints something other than strings and numbers, display() renders a value, or the host asks the
// bridge (the REPL's results, the notebook, the debugger). A cold run that prints "hello" never compiles it.
import * as intrinsics from '../shared/intrinsics.js';

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
