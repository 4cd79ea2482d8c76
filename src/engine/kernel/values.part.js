// The values part of the globals kernel: the renderer (values/inspect.js), the values bridge (values/remote.js) and
// console.table's layout. About half of the globals kernel's code, which a run that prints only strings and numbers
// never needs: evaluated on first use (globals/values.js), with the intrinsics the kernel captured before any
// program ran (see scripts/kernel-bundle.mjs).
import { bridge } from './values/remote.js';
import { inspectWith, formatArgs, jsonText, usePromiseState } from './values/inspect.js';
import { useStackMapper } from './values/lines.js';
import { tableText } from './globals/consoleTable.js';

/** `host`: the globals kernel's host (its `promiseState` and `mapStack`). */
export default function install(host) {
  usePromiseState(host.promiseState);
  useStackMapper(host.mapStack);
  return { __proto__: null, bridge, inspectWith, formatArgs, jsonText, tableText };
}
