// The globals kernel: the host-facing web APIs that run INSIDE QuickJS (console, TextEncoder/TextDecoder, atob/btoa,
// structuredClone, performance, display), one module each under globals/, and the values bridge (values/) that
// renders values for the console, the notebook and the debugger, a part evaluated on first use (values.part.js), as
// the web APIs are (web.part.js: given the web host, the kernel installs their stubs, globals/web.js).
// An ES module bundled into the script the worker evaluates (scripts/kernel-bundle.mjs); its default export
// `install(host)` is called once per context before user code. Everything the kernel relies on is captured before
// any program runs (shared/intrinsics.js), because user code that runs later in the same context may replace
// built-ins or poison prototypes; the kernel's own arrays and records have null prototypes for the same reason.
// See README.md beside this file for the contract.
import { G, ObjectKeys, ObjectFreeze } from './shared/intrinsics.js';
import { defineHidden, defineData } from './shared/safe.js';
import { useStackMapper } from './values/lines.js';
import { useValuesHost, values, plainResult } from './globals/values.js';
import { createConsole } from './globals/console.js';
import { TextEncoder, TextDecoder } from './globals/encoding.js';
import { atob, btoa } from './globals/base64.js';
import { structuredClone } from './globals/structuredClone.js';
import { installWebStubs, webLink } from './globals/web.js';
import { createPerformance } from './globals/performance.js';
import { createDisplay } from './globals/display.js';
import { installPackageErrors } from './globals/packageErrors.js';

const enumerableGlobals = { __proto__: null, atob: true, btoa: true, structuredClone: true, performance: true };

export default function install(host) {
  useValuesHost(host);
  useStackMapper(host.mapStack);
  // Globals, writable and configurable as WebIDL has them; the classes, the console namespace and display are not
  // enumerable, the global's operations and attributes are (atob, btoa, structuredClone, performance: as in browsers,
  // Node and Deno).
  const globals = {
    __proto__: null,
    console: createConsole(host),
    TextEncoder,
    TextDecoder,
    atob,
    btoa,
    structuredClone,
    performance: createPerformance(host.now),
    display: createDisplay(host.display),
  };
  const names = ObjectKeys(globals);
  for (let i = 0; i < names.length; i++) (enumerableGlobals[names[i]] ? defineData : defineHidden)(G, names[i], globals[names[i]]);
  installPackageErrors();
  // The web APIs' globals and methods (`host.web`: the host functions of runtime/webHost.ts), evaluated on first use.
  if (host.web !== undefined) installWebStubs(host, globals);
  // The host asks for the bridge when it first needs one (a result to render, the debugger): the part is evaluated
  // then; `plainResult` renders a run's value that needs no renderer. `web` connects the web part to the sandbox's
  // platform kernel.
  return ObjectFreeze({ __proto__: null, bridge: () => values().bridge, plainResult, web: webLink });
}
