/**
 * The worker side of the embedder's host functions: each name becomes a global function of the script that posts
 * the call to the host (src/engine/hostFunctions.ts) and waits for its answer in `Atomics.wait`, so that a
 * synchronous host function returns synchronously in the script. A host function that returned a promise answers
 * at once with `async`; the script gets a promise, settled through the sandbox's host operations (which keep the
 * run alive while it is pending) when the host's promise settles.
 */
import { receiveMessageOnPort } from 'node:worker_threads';
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import { Control, type HostCall, type HostCallReply, type HostCallsInit } from '../protocol';
import type { HostOps } from './hostOps';

/** What a sandbox lends its host functions: its context, its value reader and writer and its host operations. */
export interface HostCallTarget {
  readonly context: QuickJSContext;
  readonly ops: HostOps;
  /** `typeof`, `null` as 'null' (the platform kernel's, immune to the script's changes). */
  typeOf(h: QuickJSHandle): string;
  /** Plain data out of QuickJS through the platform kernel's serializer. */
  read(h: QuickJSHandle): unknown;
  /** Host data into QuickJS through the platform kernel's parser (`ValueBridge.write`); the caller owns the handle. */
  write(v: unknown): QuickJSHandle;
}

/** One worker's end of the host-calls channel; lives across `Sandbox.renew`, installed into each new sandbox. */
export class HostCallChannel {
  private nextId = 1;
  /** Calls the host answered with `async`, waiting for their settlement. */
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  /** The promise of the async call just answered, for the call to hand to the script. */
  private settled: Promise<unknown> | undefined;
  /** The call the worker is blocked on, and its answer once read. */
  private awaiting = 0;
  private answer: Extract<HostCallReply, { type: 'return' }> | undefined;

  constructor(private readonly init: HostCallsInit, private readonly control: Int32Array) {
    // Settlements that arrive while the worker is idle (its run awaiting host operations) come through here.
    init.port.on('message', (m: HostCallReply) => this.receive(m));
    init.port.unref();
  }

  /** Defines each host function as a global of the sandbox's context. */
  install(target: HostCallTarget): void {
    const ctx = target.context;
    for (const name of this.init.names) {
      const fn = ctx.newFunction(name, (...args) => this.call(target, name, args));
      try {
        ctx.defineProp(ctx.global, name, { value: fn, configurable: true, enumerable: false });
      } finally {
        fn.dispose();
      }
    }
  }

  /** Ends the channel (its sandbox is disposed and the worker serves another). */
  close(): void {
    this.init.port.close();
  }

  private receive(m: HostCallReply): void {
    if (m.type === 'return') {
      // An answer to a call whose run was stopped while waiting is dropped.
      if (m.id !== this.awaiting) return;
      this.answer = m;
      // Made now: the settlement may follow in the same drain of the port, before the call returns to the script.
      if ('async' in m) {
        let resolve!: (v: unknown) => void;
        let reject!: (e: Error) => void;
        this.settled = new Promise<unknown>((res, rej) => ((resolve = res), (reject = rej)));
        this.waiting.set(m.id, { resolve, reject });
      }
      return;
    }
    const w = this.waiting.get(m.id);
    this.waiting.delete(m.id);
    if (!w) return; // the run that made the call has ended: its promise is gone
    if (m.ok) w.resolve(m.value);
    else w.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
  }

  private call(target: HostCallTarget, name: string, argHandles: QuickJSHandle[]): QuickJSHandle {
    const args = argHandles.map((h) => (target.typeOf(h) === 'undefined' ? undefined : target.read(h)));
    const id = this.nextId++;
    this.init.port.postMessage({ type: 'call', id, name, args } satisfies HostCall);
    const reply = this.wait(id, name);
    if ('async' in reply) {
      const settled = this.settled!;
      this.settled = undefined;
      return target.ops.start(() => settled, (v) => target.write(v));
    }
    // Thrown as a host error, quickjs-emscripten throws it in the script as an Error with this name and message.
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { name: reply.error.name });
    return target.write(reply.value);
  }

  /** Blocks until the host answers call `id`, reading the port directly (the worker's event loop is not turning). */
  private wait(id: number, name: string): Extract<HostCallReply, { type: 'return' }> {
    this.awaiting = id;
    this.answer = undefined;
    try {
      for (;;) {
        const seen = Atomics.load(this.control, Control.Wake);
        for (let got = receiveMessageOnPort(this.init.port); got; got = receiveMessageOnPort(this.init.port)) this.receive(got.message as HostCallReply);
        if (this.answer) return this.answer;
        // Cancelled or timed out: the script sees an error here, and the interrupt handler then ends the run.
        if (Atomics.load(this.control, Control.Cancel)) throw new Error(`the run was stopped while waiting for host function ${name}`);
        Atomics.wait(this.control, Control.Wake, seen, 100);
      }
    } finally {
      this.awaiting = 0;
      this.answer = undefined;
    }
  }
}
