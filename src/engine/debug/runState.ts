/**
 * The run state machine of a debug session: the one place that decides whether a stop the kernel reports is
 * taken, where a run's entry stop goes, and what a pause request does. It lives in the engine worker, one per
 * sandbox context (a renewed sandbox starts afresh).
 *
 * States:
 * - `idle`          no run announced (before the first, between runs). Code that runs anyway (a getter the
 *                   Variables view calls, in-thread use without runs) stops as in `running`.
 * - `prelude`       a launch's prelude part runs (the host said `nextRun('prelude')`). It never stops: breakpoints,
 *                   `debugger;`, pause requests and exceptions are passed over, without a `stopped` event, and it
 *                   has no entry stop.
 * - `awaitingEntry` a program run started with stop-on-entry; the next file instrumented as a run's file (not
 *                   imported later, not eval) is its entry: its first top-level statement is armed in the kernel.
 * - `entryArmed`    the kernel holds the entry stop; it stops there with reason `entry` (the kernel reports `entry`
 *                   itself, also when the file has no top-level statement and the first statement anywhere stops).
 *                   A breakpoint hit before it (in code the entry's imports run) is taken and the entry stays armed.
 * - `running`       the program runs; breakpoints, steps, exceptions and pause requests stop it.
 * - `paused`        stopped: the pause loop answers requests until one resumes; then back to the state it left
 *                   (`running` after the entry stop).
 *
 * Transitions: `runStarting` (idle/any -> prelude | awaitingEntry | running), `fileInstrumented` (awaitingEntry ->
 * entryArmed), `stop` (-> paused -> back), `runEnded` (-> idle). A pause asked before the kernel is installed is
 * kept and handed to the kernel at install.
 */
import type { KernelBridge, PauseInfo } from './kernelBridge';
import type { FileRecord, FileRegistry } from './fileRegistry';
import { PausedStack } from './frames';
import type { PauseLoop, ResumeAction } from './pauseLoop';
import type { RunRole } from './protocol';

export type RunPhase = 'idle' | 'prelude' | 'awaitingEntry' | 'entryArmed' | 'running' | 'paused';

type State =
  | { phase: Exclude<RunPhase, 'paused'> }
  | { phase: 'paused'; stack: PausedStack; resumeTo: Exclude<RunPhase, 'paused'> };

export class RunState {
  private state: State = { phase: 'idle' };
  /** The role of the next run, when the host announced one (`nextRun`); a run without one is the program's. */
  private nextRole: RunRole | undefined;
  /** A pause asked for before the kernel was installed. */
  private pauseWanted = false;

  constructor(
    private readonly kernel: KernelBridge,
    private readonly files: FileRegistry,
    private readonly loop: PauseLoop,
    /** Stop at the entry of every program run (the sandbox's `stopOnEntry`). */
    private readonly stopOnEntry: boolean,
  ) {}

  get phase(): RunPhase {
    return this.state.phase;
  }

  /** The stop the script is paused at, or undefined while it runs. */
  get paused(): PausedStack | undefined {
    return this.state.phase === 'paused' ? this.state.stack : undefined;
  }

  /** The host's word on what the next run is. */
  nextRun(role: RunRole): void {
    this.nextRole = role;
  }

  /** A run starts (the worker, before it evaluates anything): forget the last run's stepping, arm what this one needs. */
  runStarting(): void {
    const role = this.nextRole ?? 'program';
    this.nextRole = undefined;
    if (this.kernel.installed) this.kernel.call('reset');
    this.state = { phase: role === 'prelude' ? 'prelude' : this.stopOnEntry ? 'awaitingEntry' : 'running' };
  }

  /** The run ended, however it ended. */
  runEnded(): void {
    this.state = { phase: 'idle' };
  }

  /** A file was instrumented for the run (its entry, or a module it imports): the first one is the entry. */
  fileInstrumented(rec: FileRecord): void {
    if (this.state.phase !== 'awaitingEntry') return;
    this.state = { phase: 'entryArmed' };
    // Function bodies come first in source order but run later: the entry is the first top-level statement.
    const sid = rec.result.statements.findIndex((st) => st.fn === -1);
    if (this.kernel.installed) this.kernel.call('armEntry', rec.id, sid);
  }

  /** The kernel was installed: a pause asked before now stops at the first statement. */
  installed(): void {
    if (!this.pauseWanted) return;
    this.pauseWanted = false;
    this.kernel.call('requestPause');
  }

  /** Stop at the next statement (a pause request); nothing while paused already. */
  requestPause(): void {
    if (this.state.phase === 'paused') return;
    if (this.kernel.installed) this.kernel.call('requestPause');
    else this.pauseWanted = true;
  }

  /** A resume request: ends the current pause with `action` (nothing when not paused). */
  resume(action: ResumeAction): void {
    if (this.state.phase === 'paused') this.loop.resumeAction = action;
  }

  /** The kernel stops (its `host.pause`): taken unless the run is a prelude; blocks until resumed; returns the action. */
  stop(info: PauseInfo): ResumeAction {
    const from = this.state;
    if (from.phase === 'prelude') return 'continue';
    // The pause at the last stop was consumed if it was still wanted (the kernel stopped anyway).
    this.pauseWanted = false;
    const resumeTo = from.phase === 'paused' ? from.resumeTo : from.phase === 'entryArmed' && info.reason === 'entry' ? 'running' : from.phase;
    this.state = { phase: 'paused', stack: new PausedStack(info, this.files), resumeTo };
    try {
      return this.loop.wait(info);
    } finally {
      // A stop inside a pause (code an evaluation ran) returns to the pause it interrupted.
      this.state = from.phase === 'paused' ? from : { phase: resumeTo };
    }
  }
}
