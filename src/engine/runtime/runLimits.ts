/**
 * The limits of one run, as the engine enforces them: its deadline (pushed back by time paused in the debugger),
 * cancellation by the host, its output budget, and which limit an exception that reached the top stands for.
 * QuickJS's interrupt handler and the event loop between jobs both ask here whether the run must stop.
 */
import type { QuickJSHandle } from 'quickjs-emscripten-core';
import type { LimitKind, RunOutcome, SandboxEvent } from '../api';
import { Control } from '../protocol';
import { limitEvent, limitMessage, type ResolvedOptions } from '../options';

/** Free heap under which an exception that cannot be inspected is taken for the memory limit. */
const HEAP_FULL_MARGIN = 2 * 1024 * 1024;

/** Raised inside the run to unwind to its end; carries why. */
export class StopRun extends Error {
  constructor(readonly outcome: Omit<RunOutcome, 'durationMs'>) {
    super(outcome.message ?? outcome.status);
  }
}

/** A JavaScript exception thrown by V8 out of the wasm module: the module instance must never be used again. */
export class EngineCrashed extends Error {
  override name = 'EngineCrashed';
}

/** Calls into QuickJS, turning a host exception out of wasm into `EngineCrashed`. */
export function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof StopRun) throw e;
    throw new EngineCrashed(`the script overflowed the engine's native stack (${(e as Error).message}); nesting too deep to run`);
  }
}

/** Why a run must stop: a limit it reached, the host cancelling it, or the script calling `process.exit`. */
export type StopReason = LimitKind | 'cancelled' | 'exit';

/** What reading an error needs from the value bridge. */
interface ErrorReader {
  typeOf(h: QuickJSHandle): string;
  /** The string value of `err[key]`, '' when it is not a string. */
  stringProp(err: QuickJSHandle, key: string): string;
}

export class RunLimits {
  private deadline = Infinity;
  private outputBytes = 0;
  private exitCode = 0;
  /** Set once the run must stop; the interrupt handler and the event loop unwind on it. */
  stopReason: StopReason | undefined;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly control: Int32Array,
    private readonly emit: (event: SandboxEvent) => void,
    private readonly heap: () => { size: number; max: number },
    /** Milliseconds the sandbox has spent paused in the debugger (0 without one). */
    private readonly pausedMs: () => number,
  ) {}

  /** Starts a run's clock and clears what the last run left. */
  start(started: number): void {
    // pausedMs counts over the sandbox's life: only pauses during this run may push its deadline back.
    this.deadline = (this.options.timeoutMs ? started + this.options.timeoutMs : Infinity) - this.pausedMs();
    this.stopReason = undefined;
    this.outputBytes = 0;
    Atomics.store(this.control, Control.Cancel, 0);
  }

  /**
   * Ends the run's clock: requests between runs (a notebook reading a 10,000-row table, a tree expanded later) are
   * not part of the run, and its deadline must not interrupt them.
   */
  end(): void {
    this.deadline = Infinity;
  }

  /** The run's deadline, pushed back by the time spent paused in the debugger. */
  deadlineNow(): number {
    return this.deadline + this.pausedMs();
  }

  /** Whether the run must stop now (for the interrupt handler); records why. */
  interrupted(now: number): boolean {
    if (this.stopReason) return true;
    const cancel = Atomics.load(this.control, Control.Cancel);
    if (cancel) {
      this.stopReason = cancel === 2 ? 'timeout' : 'cancelled';
      return true;
    }
    if (now > this.deadlineNow()) {
      this.stopReason = 'timeout';
      return true;
    }
    return false;
  }

  /** Between jobs of the event loop: unwinds the run when it was cancelled or its time is up. */
  checkBetweenJobs(now: number): void {
    const cancel = Atomics.load(this.control, Control.Cancel);
    if (cancel) this.stopReason ??= cancel === 2 ? 'timeout' : 'cancelled';
    if (now > this.deadlineNow()) this.stopReason ??= 'timeout';
    if (this.stopReason) this.throwStop();
  }

  /**
   * `process.exit(code)` (platform.kernel.js): the run ends at the interrupt check that follows, which no `catch`
   * in the script can stop, with the script's exit code.
   */
  requestExit(code: number): void {
    this.stopReason ??= 'exit';
    this.exitCode = code;
  }

  /** Whether the host asked to stop (a cancel or a timeout decided by the host's watchdog). */
  cancelRequested(): boolean {
    return Atomics.load(this.control, Control.Cancel) !== 0;
  }

  /** Counts a line of console output against the output limit; throws into the script when it is passed. */
  countOutput(chars: number): void {
    this.outputBytes += chars + 1;
    if (this.options.outputLimitBytes && this.outputBytes > this.options.outputLimitBytes) {
      this.stopReason ??= 'output';
      throw new Error(limitMessage('output', this.options));
    }
  }

  /** Unwinds the run for `stopReason`, emitting the limit event that says which limit and how to raise it. */
  throwStop(): never {
    const reason = this.stopReason!;
    if (reason === 'cancelled') throw new StopRun({ status: 'cancelled', exitCode: 130, message: 'the run was stopped' });
    if (reason === 'exit') {
      const code = this.exitCode;
      throw new StopRun(code === 0 ? { status: 'completed', exitCode: 0, processExit: true } : { status: 'error', exitCode: code, message: `the script called process.exit(${code})`, processExit: true });
    }
    const event = limitEvent(reason, this.options);
    this.emit(event);
    throw new StopRun({ status: 'limit', exitCode: 2, limit: reason, message: event.message });
  }

  /** Which limit an exception that reached the top stands for, if any. Does not take `err`. */
  limitOf(err: QuickJSHandle, reader: ErrorReader): LimitKind | undefined {
    const heap = this.heap();
    // On a full heap QuickJS may not even manage to allocate its error object and throws null instead, and
    // inspecting the value may itself fail: both mean the memory limit.
    const heapFull = heap.max - heap.size < HEAP_FULL_MARGIN;
    let type: string;
    try {
      type = reader.typeOf(err);
    } catch {
      return heapFull ? 'memory' : undefined;
    }
    if (type !== 'object') return heapFull && (type === 'null' || type === 'undefined') ? 'memory' : undefined;
    try {
      const n = reader.stringProp(err, 'name');
      const m = reader.stringProp(err, 'message');
      if (n === 'InternalError' && m === 'out of memory') return 'memory';
      if ((n === 'InternalError' && m === 'stack overflow') || (n === 'RangeError' && m === 'Maximum call stack size exceeded')) return 'stack';
      if (n === 'InternalError' && m === 'interrupted') return this.stopReason === 'cancelled' ? undefined : (this.stopReason ?? 'timeout') as LimitKind;
      return undefined;
    } catch {
      return heapFull ? 'memory' : undefined;
    }
  }

  /**
   * Runs `fn` between runs under a deadline of its own (`ms` from now), then restores the run's state: a getter
   * that never returns cannot hang what called it.
   */
  withShortDeadline<T>(ms: number, fn: () => T): T {
    const saved = { deadline: this.deadline, stopReason: this.stopReason };
    // A cancelled run leaves the flag set until the next run starts; between runs it means nothing.
    Atomics.store(this.control, Control.Cancel, 0);
    this.deadline = performance.now() + ms;
    this.stopReason = undefined;
    try {
      return fn();
    } finally {
      this.deadline = saved.deadline;
      this.stopReason = saved.stopReason;
    }
  }
}
