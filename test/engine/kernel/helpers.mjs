// Test helper: a debug-build QuickJS context with the globals kernel installed and host functions that record.
import { newQuickJSWASMModuleFromVariant, TestQuickJSWASMModule } from 'quickjs-emscripten';
import debugVariant from '@jitl/quickjs-wasmfile-debug-sync';
import releaseVariant from '@jitl/quickjs-wasmfile-release-sync';
import { fileURLToPath } from 'node:url';
import { randomFillSync } from 'node:crypto';
import { buildKernel } from '../../../scripts/kernel-bundle.mjs';

/** The kernel's script, bundled as the product build bundles it. */
export const kernelSource = (await buildKernel(fileURLToPath(new URL('../../../src/engine/kernel/globals.kernel.js', import.meta.url)))).text;
export const KERNEL_FILE = 'kernel:globals.js';
/** The values part the kernel evaluates on first use (values.part.js), bundled as the product bundles it. */
export const valuesPartSource = (await buildKernel(fileURLToPath(new URL('../../../src/engine/kernel/values.part.js', import.meta.url)))).text;
/** The web part (web.part.js), for a kernel made with `web: true`. */
export const webPartSource = (await buildKernel(fileURLToPath(new URL('../../../src/engine/kernel/web.part.js', import.meta.url)))).text;

let modulePromise;
// The leak sanitizer cannot see handles held by JavaScript objects, so it only runs when no other kernel is alive.
let liveKernels = 0;
/** One leak-checking debug module per test process; every test must leave it with nothing allocated. */
export function debugModule() {
  modulePromise ??= newQuickJSWASMModuleFromVariant(debugVariant).then((m) => new TestQuickJSWASMModule(m));
  return modulePromise;
}

let releasePromise;
/**
 * The release build, for the few tests that nest deeply: the debug build's frames are so large that ~40 nested
 * QuickJS calls overflow V8's stack on the main thread. Its runtime still aborts on dispose if an object leaked.
 */
function releaseModule() {
  releasePromise ??= newQuickJSWASMModuleFromVariant(releaseVariant);
  return releasePromise;
}

/**
 * Creates a runtime + context, installs the kernel, and returns helpers to run code and call the bridge.
 * `emitted` and `displayed` record host calls; `clock.now` is what `host.now()` returns. With `web: true` the kernel
 * is given the web host (random bytes from node:crypto, `reported` records reportError; the lazily evaluated bundles
 * of dist/ are not offered), so it installs the web part's stubs.
 */
export async function makeKernel(options = {}) {
  const module = options.release ? await releaseModule() : await debugModule();
  if (!options.release) liveKernels++;
  const runtime = module.newRuntime();
  if (options.memoryLimitBytes) runtime.setMemoryLimit(options.memoryLimitBytes);
  const context = runtime.newContext();
  const emitted = [];
  const displayed = [];
  const clock = { now: 0 };
  const host = context.newObject();
  const fns = [
    context.newFunction('emit', (level, text, depth, stack) => {
      emitted.push({ level: context.getString(level), text: context.getString(text), depth: context.getNumber(depth),
        stack: context.dump(stack) });
    }),
    context.newFunction('now', () => context.newNumber(clock.now)),
    context.newFunction('display', (mime, data) => {
      displayed.push({ mime: context.getString(mime), data: context.getString(data) });
    }),
  ];
  if (options.promiseState) {
    fns.push(context.newFunction('promiseState', (p) => {
      const state = context.getPromiseState(p);
      const out = context.newObject();
      context.newString(state.type).consume((s) => context.setProp(out, 'state', s));
      if (state.type === 'fulfilled') state.value.consume((v) => context.setProp(out, 'value', v));
      if (state.type === 'rejected') state.error.consume((v) => context.setProp(out, 'value', v));
      return out;
    }));
  }
  // How many times the kernel evaluated its values part and its web part (at most once each: tests check that plain
  // output needs neither).
  const parts = { loads: 0, web: 0 };
  fns.push(context.newFunction('loadPart', (name) => {
    const part = context.getString(name);
    if (part !== 'values' && part !== 'web') throw new Error(`no kernel part named ${part}`);
    if (part === 'values') parts.loads++;
    else parts.web++;
    return context.unwrapResult(context.evalCode(part === 'values' ? valuesPartSource : webPartSource, `kernel:${part}.js`));
  }));
  const names = ['emit', 'now', 'display', ...(options.promiseState ? ['promiseState'] : []), 'loadPart'];
  fns.forEach((fn, i) => context.setProp(host, names[i], fn));
  for (const fn of fns) fn.dispose();
  const reported = [];
  if (options.web) {
    const web = context.newObject();
    context.newFunction('randomBytes', (n) => {
      const bytes = randomFillSync(new Uint8Array(context.getNumber(n)));
      return context.newArrayBuffer(bytes.buffer);
    }).consume((f) => context.setProp(web, 'randomBytes', f));
    context.newFunction('reportError', (e) => { reported.push(context.dump(e)); }).consume((f) => context.setProp(web, 'reportError', f));
    context.newString('test').consume((v) => context.setProp(web, 'version', v));
    context.newString('UTC').consume((v) => context.setProp(web, 'timeZone', v));
    context.setProp(host, 'web', web);
    web.dispose();
  }
  const install = context.unwrapResult(context.evalCode(kernelSource, KERNEL_FILE));
  const installed = context.unwrapResult(context.callFunction(install, context.undefined, host));
  const bridgeOf = context.getProp(installed, 'bridge');
  const plainResultFn = context.getProp(installed, 'plainResult');
  installed.dispose();
  install.dispose();
  host.dispose();
  let bridgeHandle;
  /** The values bridge, as the host asks for it: the first ask evaluates the values part if nothing did yet. */
  const bridge = () => (bridgeHandle ??= context.unwrapResult(context.callFunction(bridgeOf, context.undefined)));

  /** Runs user code; returns its dumped value or throws an Error with the dumped exception. */
  function run(code, filename = 'user.js') {
    const result = context.evalCode(code, filename);
    if (result.error) {
      const err = context.dump(result.error);
      result.error.dispose();
      throw Object.assign(new Error(`in QuickJS: ${typeof err === 'object' ? `${err.name}: ${err.message}` : err}`), { quickjs: err });
    }
    try {
      return context.dump(result.value);
    } finally {
      result.value.dispose();
    }
  }
  /** Calls `bridge[method]` with arguments built in QuickJS from source text; returns the dumped result. */
  function call(method, ...argSources) {
    const args = argSources.map((src) => context.unwrapResult(context.evalCode(`(${src})`, 'arg.js')));
    const fn = context.getProp(bridge(), method);
    try {
      const result = context.callFunction(fn, bridge(), ...args);
      if (result.error) {
        const err = context.dump(result.error);
        result.error.dispose();
        throw Object.assign(new Error(`bridge.${method} threw: ${err && err.message}`), { quickjs: err });
      }
      try {
        return context.dump(result.value);
      } finally {
        result.value.dispose();
      }
    } finally {
      fn.dispose();
      for (const a of args) a.dispose();
    }
  }
  /** Disposes everything and fails when any QuickJS memory leaked. */
  function dispose() {
    bridgeHandle?.dispose();
    bridgeOf.dispose();
    plainResultFn.dispose();
    context.dispose();
    runtime.dispose(); // the debug build asserts here that no object is left alive
    // TestQuickJSWASMModule forgets to untrack disposed runtimes (0.32.0); its leak sanitizer check still runs.
    if (options.release) return;
    module.runtimes.delete(runtime);
    if (--liveKernels === 0) module.assertNoMemoryAllocated();
  }
  /** The kernel's `plainResult` of a value built from source text, dumped (undefined when the renderer is needed). */
  function plainResult(src) {
    const arg = context.unwrapResult(context.evalCode(`(${src})`, 'arg.js'));
    try {
      const result = context.unwrapResult(context.callFunction(plainResultFn, context.undefined, arg));
      try {
        return context.dump(result);
      } finally {
        result.dispose();
      }
    } finally {
      arg.dispose();
    }
  }
  return { runtime, context, emitted, displayed, clock, parts, reported, run, call, dispose, plainResult,
    inspect: (src, options) => call('inspect', src, ...(options ? [JSON.stringify(options)] : [])),
    format: (...srcs) => call('format', ...srcs) };
}
