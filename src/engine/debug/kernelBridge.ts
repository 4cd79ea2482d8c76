/**
 * The bridge between the worker-side debugger and the debug kernel (src/engine/kernel/debug.kernel.js), which runs
 * inside QuickJS next to the user's code: installing it with the host functions it calls, and calling its methods.
 * Both directions are typed here (`KernelHost`, `KernelMethods`), so the rest of the debugger never handles a
 * QuickJS handle: every handle made for a call is disposed on every path.
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import type { StopReason } from './api';
import kernelSource from '../kernel/debug.kernel.js';
import valuesKernelSource from '../kernel/values.kernel.js';

/** File name under which the kernel runs: frames from it are hidden (matches runtime/stacks.ts). */
export const KERNEL_FILE = '<quickjs-sandbox:debug>';

/** What the kernel reports when it stops. */
export interface PauseInfo {
  reason: StopReason;
  fid: number;
  sid: number;
  depth: number;
  stack: string;
  trail: Array<{ depth: number; fid: number; sid: number; name: string }>;
  hitBreakpointIds?: number[];
  description?: string;
  uncaught?: boolean;
  exceptionStack?: string;
  /** An exception reported by a wrapper's catch: `sid` is that catch's site; the error's stack says where it was thrown. */
  catchSite?: boolean;
  /**
   * Statements ([fid, sid, budget, capture]) that stopped recording callers' locals since the last stop (see
   * debug.kernel.js), with how many records they made before that and why they recorded (CAPTURE_EXCEPTION or not).
   */
  spent?: Array<[number, number, number, number]>;
}

/** A `spent` statement's capture kind when it recorded because an exception filter is on (debug.kernel.js). */
export const CAPTURE_EXCEPTION = 2;

/** What the kernel asks at a throw (see catchPrediction.ts). */
export interface CatchQuery {
  /** The stack where the exception was reported. */
  stack: string;
  /** The error's own stack when a wrapper's catch reported it ('' for an explicit throw). */
  errorStack: string;
  /** The async invocation the kernel knows runs ([file id, function index]), and whether its awaiting chain ends in a try. */
  asyncFrame: [number, number] | null;
  awaited: boolean | null;
  /** The file of the frame that reported the throw. */
  fid?: number;
}

/** The host functions the kernel calls (its `host` object). */
export interface KernelHost {
  /** A stop: blocks until the client resumes; returns the resume action (`continue`, `next`, `stepIn:<name>`, ...). */
  pause(info: PauseInfo): string;
  /** A logpoint's message (`fid` < 0: a problem with a logpoint, shown as a warning). */
  log(text: string, fid: number, sid: number): void;
  /**
   * Code made at run time (`eval`, `new Function`) instrumented, or undefined to run it as it is. `released`: the
   * ids of eval code that returned since the last call, comma-separated; `stepping`: a step is in progress (see
   * FileRegistry.runtimeCode).
   */
  instrument(source: string, kind: string, released: string, stepping: boolean): string | undefined;
  /** Whether a handler in the script will catch the exception being thrown. */
  caught(query: CatchQuery): boolean;
  /** The original text of an instrumented function (for `Function.prototype.toString`). */
  fnText(text: string): string | undefined;
}

/** The kernel's methods the debugger calls, with the arguments it passes and the plain data it gets back. */
export interface KernelMethods {
  registerFile(fid: number, metaJson: string): void;
  /** Answers JSON `Array<{ id, verified, message? }>`. */
  setBreakpoints(fid: number, breakpointsJson: string): string;
  setExceptionBreakpoints(configJson: string): void;
  /** Statements of file `fid` steps pass through (skipFiles, a bundle's glue): JSON `number[]`. */
  setSkipped(fid: number, sidsJson: string): void;
  armEntry(fid: number, sid: number): void;
  requestPause(): void;
  reset(): void;
  /** Answers JSON `Array<{ name, ref, namedCount?, expensive? }>`. */
  scopes(depth: number, fid: number, note: string): string;
  /** Answers JSON `RemoteProperty[]`. */
  variables(ref: number, filter: string, start: number, count: number): string;
  /** Answers JSON `{ value?: RemoteValue; error?: string }`. */
  setVariable(ref: number, name: string, expression: string, depth: number, fid: number): string;
  /** Answers JSON `{ value?: RemoteValue; error?: string }`. */
  evaluate(depth: number, expression: string, fid: number): string;
  /** Answers JSON `string[]`. */
  completions(depth: number, objectExpression: string, fid: number): string;
  /** An error's own stack text ('' when it has none as a data property). */
  errorStack(error: QuickJSHandle): string;
  /** An error that ends the run: stops at it (file `fid`, the error's `frames`) unless a stop showed it already. */
  uncaughtAtTop(error: QuickJSHandle, fid: number, frames: string): void;
}

/** What the kernel takes from the sandbox it is installed in. */
export interface DebugSandbox {
  /** Plain data out of QuickJS, immune to a script's tampering with built-in prototypes (ctx.dump is not). */
  read(h: QuickJSHandle): unknown;
  /** The globals kernel's values bridge (kernel/values/), borrowed: the debug kernel renders values with it. */
  readonly valuesBridge: QuickJSHandle;
}

/** One debug kernel installed in one QuickJS context. */
export class KernelBridge {
  private ctx: QuickJSContext | undefined;
  private kernel: QuickJSHandle | undefined;
  /** The values bridge this kernel installed itself, in a context without the globals kernel. */
  private ownValues: QuickJSHandle | undefined;
  /** Converts a kernel result to plain data; the sandbox's tamper-proof reader replaces it at install. */
  private read: (h: QuickJSHandle) => unknown = (h) => this.ctx!.dump(h);

  /** Whether the kernel is installed (and not disposed): calls before then are the caller's to defer. */
  get installed(): boolean {
    return this.kernel !== undefined;
  }

  /** Evaluates the kernel in `ctx` and hands it `host`; call before running instrumented code. */
  install(ctx: QuickJSContext, host: KernelHost, sandbox?: DebugSandbox): void {
    this.ctx = ctx;
    // The sandbox's reader is immune to a script's tampering with built-in prototypes; ctx.dump is not.
    if (sandbox) this.read = (h) => sandbox.read(h);
    const hostObject = ctx.newObject();
    try {
      // Values are rendered by the one values bridge the console and the notebook use too (kernel/values/); a bare
      // context (the debug-hooks tests) gets a bridge of its own.
      if (!sandbox) {
        const factory = ctx.unwrapResult(ctx.evalCode(valuesKernelSource, '<quickjs-sandbox:values>'));
        try {
          this.ownValues = ctx.unwrapResult(ctx.callFunction(factory, ctx.undefined));
        } finally {
          factory.dispose();
        }
      }
      ctx.setProp(hostObject, 'values', sandbox ? sandbox.valuesBridge : this.ownValues!);
      const fns: Array<[keyof KernelHost, (...a: QuickJSHandle[]) => QuickJSHandle | undefined]> = [
        ['pause', (json) => ctx.newString(host.pause(JSON.parse(ctx.getString(json)) as PauseInfo))],
        ['log', (text, fid, sid) => {
          host.log(ctx.getString(text), ctx.getNumber(fid), ctx.getNumber(sid));
          return undefined;
        }],
        ['instrument', (src, kind, released, stepping) => {
          const r = host.instrument(ctx.getString(src), ctx.getString(kind), ctx.getString(released), ctx.getNumber(stepping) === 1);
          return r === undefined ? undefined : ctx.newString(r);
        }],
        ['caught', (json) => ctx.newNumber(host.caught(JSON.parse(ctx.getString(json)) as CatchQuery) ? 1 : 0)],
        ['fnText', (text) => {
          const t = host.fnText(ctx.getString(text));
          return t === undefined ? undefined : ctx.newString(t);
        }],
      ];
      for (const [name, impl] of fns) {
        const fn = ctx.newFunction(name, impl);
        ctx.setProp(hostObject, name, fn);
        fn.dispose();
      }
      const factory = ctx.unwrapResult(ctx.evalCode(kernelSource, KERNEL_FILE));
      try {
        this.kernel = ctx.unwrapResult(ctx.callFunction(factory, ctx.undefined, hostObject));
      } finally {
        factory.dispose();
      }
    } finally {
      hostObject.dispose();
    }
  }

  /** Calls a kernel method; returns its result as plain data. Throws when the kernel is not installed or throws. */
  call<K extends keyof KernelMethods>(name: K, ...args: Parameters<KernelMethods[K]>): ReturnType<KernelMethods[K]> {
    const ctx = this.ctx!;
    const fn = ctx.getProp(this.kernel!, name);
    // Handles passed in stay the caller's; only those made here are disposed here.
    const made: QuickJSHandle[] = [];
    const handles = (args as Array<string | number | QuickJSHandle>).map((a) =>
      typeof a === 'object' ? a : made[made.push(typeof a === 'number' ? ctx.newNumber(a) : ctx.newString(a)) - 1]);
    try {
      const r = ctx.callFunction(fn, this.kernel!, ...handles);
      if (r.error) {
        const err = this.read(r.error) as { message?: string } | undefined;
        r.error.dispose();
        throw new Error(`debug kernel ${name}: ${err?.message ?? JSON.stringify(err)}`);
      }
      const v = this.read(r.value);
      r.value.dispose();
      return v as ReturnType<KernelMethods[K]>;
    } finally {
      fn.dispose();
      made.forEach((h) => h.dispose());
    }
  }

  /** Releases the kernel's handle; call before the context is disposed. */
  dispose(): void {
    this.ownValues?.dispose();
    this.ownValues = undefined;
    this.kernel?.dispose();
    this.kernel = undefined;
  }
}
