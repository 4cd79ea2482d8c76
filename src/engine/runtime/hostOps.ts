/**
 * Host operations a script is waiting on (file reads, fetches): each is a QuickJS promise settled when the Node
 * promise behind it settles. The event loop keeps a run alive while any is pending.
 */
import { Scope, type QuickJSContext, type QuickJSDeferredPromise, type QuickJSHandle } from 'quickjs-emscripten-core';
import { PermissionDenied } from './permissions';

export class HostOps {
  private readonly pending = new Set<QuickJSDeferredPromise>();
  private readonly waiters = new Set<() => void>();
  private closed = false;

  constructor(private readonly ctx: QuickJSContext) {}

  /** Starts an operation; returns the promise handle the host function hands to the script. */
  start<T>(run: () => Promise<T>, toHandle: (v: T) => QuickJSHandle): QuickJSHandle {
    const ctx = this.ctx;
    const deferred = ctx.newPromise();
    this.pending.add(deferred);
    const settle = (fn: () => void) => {
      if (this.closed || !this.pending.has(deferred)) return;
      this.pending.delete(deferred);
      fn();
      for (const w of this.waiters) w();
    };
    run().then(
      (value) =>
        settle(() => Scope.withScope((scope) => deferred.resolve(scope.manage(toHandle(value))))),
      (err: Error) =>
        settle(() => Scope.withScope((scope) => {
          deferred.reject(scope.manage(ctx.newError({ name: err instanceof PermissionDenied ? 'PermissionDenied' : err.name || 'Error', message: err.message })));
        })),
    );
    return deferred.handle;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Registers a callback for the next settlement; returns its removal. */
  onSettle(wake: () => void): () => void {
    this.waiters.add(wake);
    return () => this.waiters.delete(wake);
  }

  /** Drops every pending operation (a run ended or the sandbox is disposed); late results are ignored. */
  clear(): void {
    for (const d of this.pending) d.dispose();
    this.pending.clear();
  }

  /** Clears and ignores everything from now on. */
  close(): void {
    this.closed = true;
    this.clear();
  }
}
