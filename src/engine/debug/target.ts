/**
 * The host side of the debugger: a `DebugTarget` whose every method is a `debug.<name>` request to the engine
 * worker (src/engine/debug/protocol.ts). A worker paused inside QuickJS blocks in `Atomics.wait` and reads
 * requests itself, so each request is followed by a bump of `Control.Wake`; a worker busy running script code reads
 * them from its interrupt handler, and `pause` also raises `Control.Pause`, which that handler checks first.
 */
import type { RemoteProperty, RemoteValue } from '../api';
import { Control } from '../protocol';
import type {
  BreakpointRequest,
  BreakpointResult,
  CompletionItem,
  DebugScope,
  DebugStackFrame,
  DebugTarget,
  ExceptionBreakpoints,
  ExceptionDetails,
  LoadedSource,
  SourceProblem,
} from './api';
import { DEBUG_METHOD_PREFIX, type DebugMethod, type DebugRequests } from './protocol';

/** How the target reaches its worker: the sandbox's request channel and the worker's control buffer. */
export interface DebugChannel {
  request<T>(method: string, ...args: unknown[]): Promise<T>;
  control: Int32Array;
}

/** Wakes a worker that may be blocked in a pause so it reads the request just posted. */
function wake(control: Int32Array): void {
  Atomics.add(control, Control.Wake, 1);
  Atomics.notify(control, Control.Wake);
}

/** A `DebugTarget` that forwards to the debug controller inside the engine worker. */
export class RemoteDebugTarget implements DebugTarget {
  constructor(private readonly channel: DebugChannel) {}

  private send<M extends DebugMethod>(method: M, ...args: DebugRequests[M]['args']): Promise<DebugRequests[M]['result']> {
    const reply = this.channel.request<DebugRequests[M]['result']>(DEBUG_METHOD_PREFIX + method, ...args);
    wake(this.channel.control);
    return reply;
  }

  setBreakpoints(file: string, breakpoints: BreakpointRequest[]): Promise<BreakpointResult[]> {
    return this.send('setBreakpoints', file, breakpoints);
  }

  breakpointLocations(file: string, line: number, endLine?: number): Promise<Array<{ line: number; column: number }>> {
    return this.send('breakpointLocations', file, line, endLine);
  }

  setExceptionBreakpoints(config: ExceptionBreakpoints): Promise<void> {
    return this.send('setExceptionBreakpoints', config);
  }

  continue(): Promise<void> {
    return this.send('continue');
  }

  pause(): Promise<void> {
    // A tight loop never returns to the worker's message loop: the interrupt handler reads this flag instead.
    Atomics.store(this.channel.control, Control.Pause, 1);
    return this.send('pause');
  }

  next(): Promise<void> {
    return this.send('next');
  }

  stepIn(targetId?: number): Promise<void> {
    return this.send('stepIn', targetId);
  }

  stepOut(): Promise<void> {
    return this.send('stepOut');
  }

  stepInTargets(frameId: number): Promise<Array<{ id: number; label: string }>> {
    return this.send('stepInTargets', frameId);
  }

  stackTrace(startFrame?: number, levels?: number): Promise<{ frames: DebugStackFrame[]; totalFrames: number }> {
    return this.send('stackTrace', startFrame, levels);
  }

  scopes(frameId: number): Promise<DebugScope[]> {
    return this.send('scopes', frameId);
  }

  variables(ref: number, filter?: 'indexed' | 'named', start?: number, count?: number): Promise<RemoteProperty[]> {
    return this.send('variables', ref, filter, start, count);
  }

  setVariable(ref: number, name: string, expression: string): Promise<RemoteValue> {
    return this.send('setVariable', ref, name, expression);
  }

  evaluate(expression: string, frameId: number | undefined, context: string): Promise<RemoteValue> {
    return this.send('evaluate', expression, frameId, context);
  }

  setExpression(expression: string, value: string, frameId?: number): Promise<RemoteValue> {
    return this.send('setExpression', expression, value, frameId);
  }

  completions(text: string, column: number, frameId?: number): Promise<CompletionItem[]> {
    return this.send('completions', text, column, frameId);
  }

  exceptionInfo(): Promise<ExceptionDetails> {
    return this.send('exceptionInfo');
  }

  loadedSources(): Promise<LoadedSource[]> {
    return this.send('loadedSources');
  }

  sourceProblem(file: string): Promise<SourceProblem | undefined> {
    return this.send('sourceProblem', file);
  }

  /** Sets options that live in the worker for the session (stop on entry of each run). */
  configure(options: { stopOnEntry?: boolean }): Promise<void> {
    return this.send('configure', options);
  }
}
