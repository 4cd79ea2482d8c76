/**
 * The host side of the debugger: a `DebugTarget` whose every method is a request of the table in protocol.ts, sent
 * to the engine worker. A worker paused inside QuickJS blocks in `Atomics.wait` and reads requests itself, so each
 * request is followed by a bump of `Control.Wake`; a worker busy running script code reads them from its interrupt
 * handler, and `pause` also raises `Control.Pause`, which that handler checks first.
 */
import { Control } from '../protocol';
import type { DebugTarget } from './api';
import { DEBUG_REQUESTS, type DebugCall, type DebugMethod, type HostApi } from './protocol';

/** How the target reaches its worker: the sandbox's request channel and the worker's control buffer. */
export interface DebugChannel {
  send(call: DebugCall): Promise<unknown>;
  control: Int32Array;
}

/** Wakes a worker that may be blocked in a pause so it reads the request just posted. */
function wake(control: Int32Array): void {
  Atomics.add(control, Control.Wake, 1);
  Atomics.notify(control, Control.Wake);
}

/** A `DebugTarget` that forwards every request of the table to the debug controller inside the engine worker. */
export function remoteDebugTarget(channel: DebugChannel): DebugTarget {
  const target: Partial<Record<DebugMethod, (...args: never[]) => Promise<unknown>>> = {};
  for (const method of Object.keys(DEBUG_REQUESTS) as DebugMethod[]) {
    target[method] = (...args: unknown[]) => {
      // A tight loop never returns to the worker's message loop: its interrupt handler reads this flag instead.
      if (method === 'pause') Atomics.store(channel.control, Control.Pause, 1);
      const reply = channel.send({ method, args } as DebugCall);
      wake(channel.control);
      return reply;
    };
  }
  // Built from the table's keys, so every method is present; the request's own types come from HostApi.
  return Object.freeze(target) as HostApi;
}
