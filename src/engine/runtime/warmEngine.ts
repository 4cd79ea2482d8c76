/**
 * The part of a sandbox that does not depend on its options: the QuickJS runtime and context and the globals
 * kernel (with the stubs of the web APIs, whose part it evaluates on first use). A worker builds it while it waits in the warm pool (and exercises the console path once, so V8 has
 * compiled the glue), so that creating a sandbox and printing its first line costs almost nothing.
 */
import { Scope, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import globalsKernel from '../kernel/globals.kernel.js';
import valuesPart from '../kernel/values.part.js';
import webPart from '../kernel/web.part.js';
import { KERNEL_FILE_PREFIX } from './stacks';
import { webKernelHost } from './webHost';

type HostFn = (...args: QuickJSHandle[]) => QuickJSHandle | void;

/** Where the globals kernel's host calls go; the sandbox that takes the engine points them at itself. */
export interface GlobalsSink {
  console(level: QuickJSHandle, text: QuickJSHandle, depth: QuickJSHandle, stack: QuickJSHandle): void;
  display(mime: QuickJSHandle, data: QuickJSHandle): void;
  promiseState(p: QuickJSHandle): QuickJSHandle;
  now(): number;
  /** An error the web part reports as uncaught (reportError, a throwing event listener). */
  reportError(err: QuickJSHandle): void;
  /**
   * A stack text the kernel renders, mapped to original sources (SourceMaps.mapStackText); with `packagesOnly`
   * true, only the frames in package bundles (an error package code makes, see kernel/globals/packageErrors.js).
   * A new string handle.
   */
  mapStack(stack: QuickJSHandle, packagesOnly: QuickJSHandle | undefined): QuickJSHandle;
}

export class WarmEngine {
  readonly runtime: QuickJSRuntime;
  readonly context: QuickJSContext;
  /**
   * What the globals kernel's install returned: a function that gives the values bridge (inspect, format, ref,
   * children...), evaluating the values part the first time (see ValueBridge).
   */
  readonly bridge: QuickJSHandle;
  /**
   * The globals kernel's link to its web part: `connect(platform)`, called by the sandbox that takes this engine, and
   * `load()`, which evaluates the part now.
   */
  /** The globals kernel's `plainResult(value)`: a run's value that needs no renderer (a number...), else undefined. */
  readonly plainResult: QuickJSHandle;
  readonly web: QuickJSHandle;
  sink: GlobalsSink;
  interrupt: () => boolean = () => false;

  /**
   * `exercise`: run the warm-up trip below: `full` on a worker's first engine, `light` (no loop to reach the
   * interrupt handler) on an engine made after V8 has compiled that path, nothing for a sandbox being renewed.
   */
  constructor(qjs: QuickJSWASMModule, exercise: 'full' | 'light' | false = 'full') {
    this.runtime = qjs.newRuntime();
    this.runtime.setInterruptHandler(() => this.interrupt());
    this.context = this.runtime.newContext();
    const started = performance.now();
    this.sink = { console: () => undefined, display: () => undefined, promiseState: () => this.context.undefined, now: () => performance.now() - started, reportError: () => undefined,
      // No sandbox has taken the engine yet, so no file has a map: the text is its own mapping.
      mapStack: (stack) => this.context.newString(this.context.getString(stack)) };
    const kernel = installKernel(this.context, globalsKernel, 'globals', {
      emit: (level, text, depth, stack) => this.sink.console(level, text, depth, stack),
      now: () => this.context.newNumber(this.sink.now()),
      display: (mime, data) => this.sink.display(mime, data),
      promiseState: (p) => this.sink.promiseState(p),
      mapStack: (stack, packagesOnly) => this.sink.mapStack(stack, packagesOnly),
      loadPart: (name) => loadKernelPart(this.context, this.context.getString(name)),
    }, (host) => {
      // The web part's host functions: with them the kernel installs the web APIs' stubs.
      newHostObject(this.context, ...webKernelHost(this.context, (err) => this.sink.reportError(err))).consume((web) => this.context.setProp(host, 'web', web));
    });
    this.bridge = this.context.getProp(kernel, 'bridge');
    this.plainResult = this.context.getProp(kernel, 'plainResult');
    this.web = this.context.getProp(kernel, 'web');
    kernel.dispose();
    // One trip through the paths a run takes (console, a loop long enough to reach the interrupt handler, the job
    // queue) before any sandbox takes this engine: V8 has then compiled the host glue, and a fresh sandbox's first
    // run costs what later ones do.
    if (!exercise) return;
    const r = this.context.evalCode(
      `console.log({ warm: [1, "up"] }); Promise.resolve(1).then((x) => x);${exercise === 'full' ? ' for (let i = 0, s = 0; i < 300000; i++) s += i;' : ''}`,
      `${KERNEL_FILE_PREFIX}warm-up>`,
    );
    r.dispose(); // a DisposableResult disposes whichever of value or error it holds
    this.runtime.executePendingJobs(-1).dispose();
  }
}

/** The parts of kernels evaluated on first use (scripts/kernel-bundle.mjs), by the name a kernel asks for. */
const kernelParts: Record<string, string> = { __proto__: null as never, values: valuesPart, web: webPart };

/**
 * Evaluates the kernels' parts now (the values part: the renderer and bridge; the web part) rather than at their first
 * use, for an engine made while nobody waits (a recycled worker's next engine), so that its first rendered value and
 * its first web API cost nothing extra.
 */
export function preloadParts(engine: WarmEngine): void {
  const { context } = engine;
  context.callFunction(engine.bridge, context.undefined).dispose();
  Scope.withScope((scope) => {
    const load = scope.manage(context.getProp(engine.web, 'load'));
    context.callFunction(load, engine.web).dispose();
  });
}

/** Evaluates the part `name` of a kernel: its script's value, a function of the kernel's captured intrinsics. */
function loadKernelPart(ctx: QuickJSContext, name: string): QuickJSHandle {
  const source = kernelParts[name];
  if (source === undefined) throw new Error(`no kernel part named "${name}"`);
  return ctx.unwrapResult(ctx.evalCode(source, `${KERNEL_FILE_PREFIX}${name}>`));
}

/** An object of host functions (and what `extra` adds to it): a kernel's `host`. A new handle. */
function newHostObject(ctx: QuickJSContext, fns: Record<string, HostFn>, extra?: (host: QuickJSHandle) => void): QuickJSHandle {
  const host = ctx.newObject();
  try {
    for (const [fnName, fn] of Object.entries(fns)) ctx.newFunction(fnName, fn).consume((h) => ctx.setProp(host, fnName, h));
    extra?.(host);
    return host;
  } catch (e) {
    host.dispose();
    throw e;
  }
}

/** Evaluates a kernel script and calls its `install(host)` with host functions; returns what install returns. */
export function installKernel(ctx: QuickJSContext, source: string, name: string, fns: Record<string, HostFn>, extra?: (host: QuickJSHandle) => void): QuickJSHandle {
  return Scope.withScope((scope) => {
    const host = scope.manage(newHostObject(ctx, fns, extra));
    const factory = scope.manage(ctx.unwrapResult(ctx.evalCode(source, `${KERNEL_FILE_PREFIX}${name}>`)));
    return ctx.unwrapResult(ctx.callFunction(factory, ctx.undefined, host));
  });
}
