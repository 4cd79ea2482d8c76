/**
 * The pause loop: while the script is stopped, the worker thread is blocked inside the kernel's call to
 * `host.pause`, so its own message loop cannot run. This loop waits on `control[Control.Wake]` and reads the port
 * itself (`receiveMessageOnPort`), answering debug requests (which call back into QuickJS, re-entrant from the host
 * function) and the sandbox's read-only requests, until a request that resumes arrives. Other messages received
 * meanwhile are handed back to the worker's listener after the pause.
 *
 * The same reader serves a running script: the interrupt handler calls `drain(false)`, so requests are answered
 * while a tight loop computes.
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { SandboxEvent } from '../api';
import type { HostMessage, RequestMethod } from '../protocol';
import type { DebugEvent } from './api';
import type { PauseInfo } from './kernelBridge';
import { resumes, type DebugCall } from './protocol';

/** Slots of the worker's control buffer the loop reads (same numbers as src/engine/protocol.ts Control). */
const CANCEL = 0;
const WAKE = 2;

/** Non-debug requests that only read the sandbox, so they are safe to answer while the script is paused. */
const ANSWERED_WHILE_PAUSED: ReadonlySet<RequestMethod> = new Set<RequestMethod>(['memoryStats', 'children', 'invokeGetter', 'release']);

/**
 * How a pause ends, as the kernel reads it: `continue`, `next`, `stepIn`, `stepIn:<function name>` (a step into one
 * call of the paused statement), `stepOut`, or `cancel` when the run is being stopped.
 */
export type ResumeAction = string;

export interface PauseLoopOptions {
  /** The port requests arrive on (the worker's parentPort); undefined means no blocking pauses (tests drive `onPause`). */
  port?: MessagePort;
  control: Int32Array;
  emit: (event: DebugEvent | SandboxEvent) => void;
  /** Answers one debug request (the controller's typed dispatch). */
  handle: (call: DebugCall) => unknown;
  /** Answers a pause without a port: gets the stop, returns the resume action (tests, in-thread use). */
  onPause?: (stop: PauseInfo) => ResumeAction;
  /** Answers a read-only sandbox request while paused; without it they wait for the resume. */
  answer?: (method: string, args: unknown[]) => unknown;
}

export class PauseLoop {
  /** The action of the resume request that ended the current pause (set by the resume handlers). */
  resumeAction: ResumeAction | undefined;
  /** Milliseconds spent paused, so the run's time limit can leave them out. */
  pausedMs = 0;
  private deferred: unknown[] = [];

  constructor(private readonly options: PauseLoopOptions) {}

  /** Whether requests arrive on a port this loop reads (false for in-thread use). */
  get hasPort(): boolean {
    return this.options.port !== undefined;
  }

  /** Announces the stop, blocks until the client resumes, announces the resume; returns the kernel's action. */
  wait(info: PauseInfo): ResumeAction {
    const started = performance.now();
    this.resumeAction = undefined;
    this.options.emit({
      type: 'stopped',
      info: {
        reason: info.reason,
        hitBreakpointIds: info.hitBreakpointIds ?? undefined,
        description: info.description,
        text: info.description,
        uncaught: info.reason === 'exception' ? !!info.uncaught : undefined,
      },
    });
    try {
      if (this.options.onPause) return this.options.onPause(info);
      const { port, control } = this.options;
      if (!port) return 'continue';
      while (!this.resumeAction) {
        const seen = Atomics.load(control, WAKE);
        this.drain(true);
        if (this.resumeAction) break;
        // The kernel unwinds the script; the run then ends as cancelled.
        if (Atomics.load(control, CANCEL)) return 'cancel';
        Atomics.wait(control, WAKE, seen, 500);
      }
      return this.resumeAction;
    } finally {
      this.pausedMs += performance.now() - started;
      this.options.emit({ type: 'continued' });
      if (this.deferred.length && this.options.port) {
        const port = this.options.port;
        const later = this.deferred;
        this.deferred = [];
        // The worker's own handler gets them once QuickJS has returned to the event loop.
        setImmediate(() => later.forEach((m) => port.emit('message', m)));
      }
    }
  }

  /** Answers queued debug requests (and, while paused, read-only sandbox requests); others wait for the worker. */
  drain(paused: boolean): void {
    const port = this.options.port!;
    for (;;) {
      const got = receiveMessageOnPort(port);
      if (!got) return;
      const msg = got.message as HostMessage;
      const own = paused && msg.type === 'request' && !!this.options.answer && ANSWERED_WHILE_PAUSED.has(msg.method);
      if (msg.type === 'debug' || (own && msg.type === 'request')) {
        try {
          const value = msg.type === 'debug' ? this.options.handle(msg.call) : this.options.answer!(msg.method, msg.args ?? []);
          port.postMessage({ type: 'reply', reqId: msg.reqId, ok: true, value });
        } catch (e) {
          port.postMessage({ type: 'reply', reqId: msg.reqId, ok: false, error: e instanceof Error ? e.message : String(e) });
        }
        if (paused && msg.type === 'debug' && resumes(msg.call.method) && this.resumeAction) return;
      } else if (paused) {
        this.deferred.push(msg);
      } else {
        // Not ours while running: hand it to the worker's listener after the current QuickJS call returns.
        setImmediate(() => port.emit('message', msg));
      }
    }
  }
}
