/**
 * The host side of the embedder's host functions (`SandboxOptions.hostFunctions`): answers the worker's calls on
 * a port of their own and wakes the worker, which waits for the answer (src/engine/runtime/hostCalls.ts).
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { HostFunction } from './api';
import { Control, type HostCall, type HostCallReply, type HostCallsInit } from './protocol';
import { SandboxOptionError } from './options';

/** A name the script can use as a plain global (`lookUp(...)`): an identifier, not a reserved word. */
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;
const RESERVED = new Set(
  'await break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof let new null return static super switch this throw true try typeof var void while with yield'.split(' '),
);

/** Checks the option's shape; throws `SandboxOptionError` naming the entry that is wrong and how to fix it. */
export function checkHostFunctions(fns: unknown): Record<string, HostFunction> | undefined {
  if (fns === undefined) return undefined;
  if (typeof fns !== 'object' || fns === null || Array.isArray(fns)) {
    throw new SandboxOptionError('hostFunctions must be an object of functions by name, e.g. { lookUp: (key) => table[key] }');
  }
  for (const [name, fn] of Object.entries(fns)) {
    if (!IDENTIFIER.test(name) || RESERVED.has(name)) throw new SandboxOptionError(`hostFunctions: "${name}" cannot be a global's name in a script; use an identifier such as "${name.replace(/[^\w$]/g, '_').replace(/^(\d)/, '_$1') || 'hostFn'}"`);
    if (typeof fn !== 'function') throw new SandboxOptionError(`hostFunctions.${name} must be a function (it is ${fn === null ? 'null' : typeof fn})`);
  }
  return Object.keys(fns).length ? (fns as Record<string, HostFunction>) : undefined;
}

/** What an error thrown by a host function becomes in the script: its name and message, never its host stack. */
function describe(e: unknown): { name: string; message: string } {
  if (e instanceof Error) return { name: e.name || 'Error', message: e.message };
  return { name: 'Error', message: String(e) };
}

/** Serves one sandbox's host function calls; `init` goes to the worker with its first configure. */
export class HostFunctionServer {
  readonly init: HostCallsInit;
  private readonly port: MessagePort;

  constructor(private readonly fns: Record<string, HostFunction>, private readonly control: Int32Array) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.init = { names: Object.keys(fns), port: port2 };
    port1.on('message', (m: HostCall) => this.call(m));
    // The sandbox keeps the process alive while a run goes on; an idle channel must not.
    port1.unref();
  }

  private call(m: HostCall): void {
    const fn = this.fns[m.name];
    let result: unknown;
    try {
      if (!fn) throw new Error(`${m.name} is not a host function of this sandbox`);
      result = fn(...(m.args as never[]));
    } catch (e) {
      return this.reply({ type: 'return', id: m.id, ok: false, error: describe(e) });
    }
    if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
      this.reply({ type: 'return', id: m.id, async: true });
      Promise.resolve(result as PromiseLike<unknown>).then(
        (value) => this.send({ type: 'settle', id: m.id, ok: true, value }, m.name),
        (e: unknown) => this.send({ type: 'settle', id: m.id, ok: false, error: describe(e) }, m.name),
      );
      return;
    }
    this.reply({ type: 'return', id: m.id, ok: true, value: result }, m.name);
  }

  /** A reply the worker is blocked on: posted, then the worker is woken. */
  private reply(r: HostCallReply, name?: string): void {
    this.send(r, name);
    Atomics.add(this.control, Control.Wake, 1);
    Atomics.notify(this.control, Control.Wake);
  }

  /** Posts a reply; a value that cannot be copied (a function, a class instance with private state) fails the call instead. */
  private send(r: HostCallReply, name?: string): void {
    try {
      this.port.postMessage(r);
    } catch (e) {
      const message = `host function ${name} returned a value that cannot be passed to the script (${(e as Error).message}); return plain data: strings, numbers, booleans, null, arrays and objects of them`;
      this.port.postMessage({ type: r.type, id: r.id, ok: false, error: { name: 'TypeError', message } } satisfies HostCallReply);
    }
  }

  close(): void {
    this.port.close();
  }
}
