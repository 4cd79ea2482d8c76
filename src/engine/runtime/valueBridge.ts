/**
 * The value bridge: how the host reads values out of QuickJS. Plain data (kernel results, reports) crosses as JSON
 * text made by the platform kernel's serializer; remote values (the REPL's results, the notebook's object tree) are
 * previewed and paged through the globals kernel's bridge. Both are built from intrinsics the kernels captured
 * before user code ran, so a script that replaces built-ins cannot change what the host reads.
 *
 * Ownership: the bridge owns the kernel functions it calls (one `Scope` for its life); every handle a call makes is
 * scoped to that call.
 */
import { Scope, UsingDisposable, type DisposableResult, type QuickJSContext, type QuickJSHandle } from 'quickjs-emscripten-core';
import type { RecordTable, RemoteProperty, RemoteValue } from '../api';
import { guard } from './runLimits';

/** A call's result, or the exception it threw: exactly one of them is a live handle. */
export type CallResult = DisposableResult<QuickJSHandle, QuickJSHandle>;

/** Converts a call's value with `convert`, or gives `fallback` when it threw; the handle is disposed either way. */
export function consumeResult<T, F>(result: CallResult, convert: (h: QuickJSHandle) => T, fallback: F): T | F {
  return Scope.withScope((scope) => {
    if (result.error) {
      scope.manage(result.error);
      return fallback;
    }
    return convert(scope.manage(result.value));
  });
}

/** A plain argument for a bridge call: made into a handle that lives for the call. */
type Plain = number | string | undefined;

/** Reads values out of one context; a disposable that a `Scope` can own. */
export class ValueBridge extends UsingDisposable {
  /** The kernel functions this bridge calls, disposed with it. */
  private readonly owned = new Scope();
  /** What gives the kernel's bridge object: the globals kernel evaluates its values part the first time it is called. */
  private readonly bridgeOf: QuickJSHandle;
  /** The kernel's `plainResult`, which renders a value that needs no renderer without evaluating the values part. */
  private readonly plainResultFn: QuickJSHandle;
  private bridgeObject: QuickJSHandle | undefined;
  /** The kernel's bridge object itself, borrowed by the debug kernel, which renders values with it (kernel/values/). */
  get kernelBridge(): QuickJSHandle {
    const bridge = this.bridge();
    if (bridge === undefined) throw new Error('the sandbox could not load its value renderer (the engine ran out of memory or was interrupted)');
    return bridge;
  }
  private readonly typeOfFn: QuickJSHandle;
  private readonly serializeFn: QuickJSHandle;
  private readonly parseFn: QuickJSHandle;

  /**
   * `bridgeOf` and `plainResult`: what the globals kernel's install returned, a function giving the bridge and one
   * rendering a value that needs no renderer (both taken: the bridge disposes them). `platform`: the platform kernel's exports (borrowed), whose `typeOf` and `serialize` the bridge reads values with.
   */
  constructor(private readonly ctx: QuickJSContext, bridgeOf: QuickJSHandle, plainResult: QuickJSHandle, platform: QuickJSHandle) {
    super();
    this.bridgeOf = this.owned.manage(bridgeOf);
    this.plainResultFn = this.owned.manage(plainResult);
    this.typeOfFn = this.owned.manage(ctx.getProp(platform, 'typeOf'));
    this.serializeFn = this.owned.manage(ctx.getProp(platform, 'serialize'));
    this.parseFn = this.owned.manage(ctx.getProp(platform, 'parse'));
  }

  /**
   * `typeof` of a value, with `null` as 'null'. Not `QuickJSContext.typeof`: it frees QuickJS's string with the
   * wrong allocator, so the debug build's leak check counts every call as a leak.
   */
  typeOf(h: QuickJSHandle): string {
    return consumeResult(this.ctx.callFunction(this.typeOfFn, this.ctx.undefined, h), (v) => this.ctx.getString(v), 'object');
  }

  /**
   * Plain data (kernel results, the memory report) out of QuickJS as JSON text made by the platform kernel.
   * Not `QuickJSContext.dump`: it uses QuickJS's JSON.stringify, which a setter on Array.prototype[0] hijacks.
   * Not `getOwnPropertyNames`/`getLength`: quickjs-emscripten 0.32 reads their results through a typed array
   * made once over the wasm heap, which goes stale when the heap grows, and then frees garbage pointers.
   */
  read(h: QuickJSHandle): unknown {
    return consumeResult(this.ctx.callFunction(this.serializeFn, this.ctx.undefined, h), (v) => JSON.parse(this.ctx.getString(v)) as unknown, undefined);
  }

  /**
   * Plain host data (a host function's result, structured-cloned from the host) as a new handle the caller owns: the
   * way back of `read`. It crosses as JSON text parsed by the platform kernel's captured `JSON.parse`, so a script
   * that replaced built-ins cannot intercept it and the objects get own data properties (a `__proto__` key stays a
   * key). Beyond JSON: `undefined` as the whole value, and BigInts (tagged in the text, revived in the kernel).
   * Dates arrive as ISO strings and nesting beyond `MAX_HOST_DEPTH` as null, so a deep value cannot overflow the
   * engine's stack in `JSON.parse`.
   */
  write(v: unknown): QuickJSHandle {
    if (v === undefined) return this.ctx.undefined;
    const { text, bigints } = hostDataJSON(v);
    return Scope.withScope((scope) => {
      const arg = scope.manage(this.ctx.newString(text));
      const result = this.ctx.callFunction(this.parseFn, this.ctx.undefined, arg, bigints ? this.ctx.true : this.ctx.false);
      if (result.error) {
        const info = this.errorInfo(scope.manage(result.error));
        throw new Error(`could not pass host data to the script: ${info?.message || 'the engine refused it'}`);
      }
      return result.value;
    });
  }

  /** The string value of `obj[key]`; '' when it is not a string. */
  stringProp(obj: QuickJSHandle, key: string): string {
    return Scope.withScope((scope) => {
      const v = scope.manage(this.ctx.getProp(obj, key));
      return this.typeOf(v) === 'string' ? this.ctx.getString(v) : '';
    });
  }

  /**
   * The kernel's bridge object, asked of the kernel once: its first use evaluates the values part (a run that prints
   * only strings and numbers never does). Undefined while the kernel cannot make it (out of memory, interrupted): a
   * later call asks again.
   */
  private bridge(): QuickJSHandle | undefined {
    this.bridgeObject ??= consumeResult(guard(() => this.ctx.callFunction(this.bridgeOf, this.ctx.undefined)), (h) => this.owned.manage(h.dup()), undefined);
    return this.bridgeObject;
  }

  /** Calls `bridge[method](...args)` and converts the result; returns undefined when it throws. */
  call<T>(method: string, args: QuickJSHandle[], convert: (h: QuickJSHandle) => T): T | undefined {
    const bridge = this.bridge();
    if (bridge === undefined) return undefined;
    return Scope.withScope((scope) => {
      const fn = scope.manage(this.ctx.getProp(bridge, method));
      return consumeResult(guard(() => this.ctx.callFunction(fn, bridge, ...args)), convert, undefined);
    });
  }

  /** `call` with plain arguments, read back as plain data (or converted by `convert`). */
  private callPlain(method: string, values: Plain[], convert: (h: QuickJSHandle) => unknown = (h) => this.read(h)): unknown {
    return Scope.withScope((scope) => {
      const args = values.map((v) =>
        v === undefined ? this.ctx.undefined : scope.manage(typeof v === 'number' ? this.ctx.newNumber(v) : this.ctx.newString(v)));
      return this.call(method, args, convert);
    });
  }

  /** What an uncaught value looks like to the error reporter: name, message, stack, or how it prints when thrown. */
  errorInfo(err: QuickJSHandle): { name?: string; message?: string; stack?: string; thrown?: string } | undefined {
    return this.call('errorInfo', [err], (h) => this.read(h)) as ReturnType<ValueBridge['errorInfo']>;
  }

  /** A value as the REPL prints it, and a remote reference to it for the notebook's tree. */
  result(value: QuickJSHandle): { text: string; ref: RemoteValue | undefined } {
    const plain = consumeResult(guard(() => this.ctx.callFunction(this.plainResultFn, this.ctx.undefined, value)),
      (h) => (this.typeOf(h) === 'object' ? this.read(h) : undefined), undefined) as { text: string; ref: RemoteValue } | undefined;
    if (plain) return plain;
    const text = this.call('inspect', [value], (h) => this.ctx.getString(h)) ?? '';
    const ref = this.call('ref', [value], (h) => this.read(h)) as RemoteValue | undefined;
    return { text, ref };
  }

  /** Pages through the children of a remote value. */
  children(id: number, filter?: string, start?: number, count?: number): RemoteProperty[] {
    return (this.callPlain('children', [id, filter || undefined, start ?? 0, count ?? 1e9]) as RemoteProperty[] | undefined) ?? [];
  }

  /** An array of plain objects as a table of previews, read in one call; undefined when the value is not one. */
  records(id: number, maxRows: number, maxColumns: number): RecordTable | undefined {
    return (this.callPlain('records', [id, maxRows, maxColumns]) as RecordTable | null | undefined) ?? undefined;
  }

  /** Runs a getter that `children` left unevaluated. */
  invokeGetter(id: number, name: string): RemoteValue | undefined {
    return this.callPlain('invokeGetter', [id, name]) as RemoteValue | undefined;
  }

  /** The property names (own and inherited) of a value, for tab completion. */
  propertyNames(value: QuickJSHandle): string[] {
    return (this.call('propertyNames', [value], (h) => this.read(h)) as string[] | undefined) ?? [];
  }

  /** Releases remote references (all when `id` is undefined). */
  release(id?: number): void {
    this.callPlain('release', id === undefined ? [] : [id], () => undefined);
  }

  /** Whether `h` is a promise (state handles read on the way are released). */
  isPromise(h: QuickJSHandle): boolean {
    if (this.typeOf(h) !== 'object') return false;
    const state = this.ctx.getPromiseState(h);
    // For a non-promise, getPromiseState hands back `h` itself: it must not be disposed here.
    if (state.type === 'fulfilled') {
      if (state.notAPromise) return false;
      state.value.dispose();
    } else if (state.type === 'rejected') {
      state.error.dispose();
    }
    return true;
  }

  /** Whether the bridge's handles are still alive (for `Scope`). */
  override get alive(): boolean {
    return this.owned.alive;
  }

  /** Disposes the kernel functions the bridge holds. */
  override dispose(): void {
    this.owned.dispose();
  }

}

/** Nesting of host data beyond this arrives in the script as null (the kernel's serializer caps the other way). */
export const MAX_HOST_DEPTH = 64;
/** The key of the one-key object that stands for a BigInt in `write`'s JSON text (platform.kernel.js revives it). */
const BIGINT_TAG = '\u0000bigint';

/** JSON text for `ValueBridge.write`, and whether it holds tagged BigInts (the kernel revives only then). */
function hostDataJSON(v: unknown): { text: string; bigints: boolean } {
  let bigints = false;
  const depths = new Map<object, number>();
  const text = JSON.stringify(v, function (this: object, _key: string, value: unknown) {
    if (typeof value === 'bigint') {
      bigints = true;
      return { [BIGINT_TAG]: value.toString() };
    }
    if (value === null || typeof value !== 'object') return value;
    const depth = (depths.get(this) ?? -1) + 1;
    if (depth > MAX_HOST_DEPTH) return null;
    depths.set(value, depth);
    return value;
  });
  return { text: text ?? 'null', bigints };
}

/** `{ state, value }` of a promise, for rendering `Promise { <pending> }` as Node does. The caller owns the result. */
export function promiseStateObject(ctx: QuickJSContext, p: QuickJSHandle): QuickJSHandle {
  const state = ctx.getPromiseState(p);
  const out = ctx.newObject();
  ctx.newString(state.type).consume((name) => ctx.setProp(out, 'state', name));
  if (state.type === 'fulfilled' && !state.notAPromise) state.value.consume((v) => ctx.setProp(out, 'value', v));
  else if (state.type === 'rejected') state.error.consume((e) => ctx.setProp(out, 'value', e));
  return out;
}
