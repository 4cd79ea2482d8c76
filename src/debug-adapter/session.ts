/**
 * The Debug Adapter Protocol session: translates DAP requests into calls on a debuggable sandbox
 * and the sandbox's events into DAP events. It holds no engine logic; what it keeps is DAP
 * bookkeeping (ids valid for one pause, the breakpoints to re-apply on restart, the run's lifecycle).
 * The same class runs inline in the extension host and standalone over stdio (main.ts).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  Breakpoint, BreakpointEvent, ContinuedEvent, DebugSession, ExitedEvent, InitializedEvent, LoadedSourceEvent,
  Response, Scope, StackFrame, StoppedEvent, TerminatedEvent, Thread,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { RemoteProperty, RemoteValue, RunOutcome, RunRequest, SandboxEvent, SandboxOptions } from '../engine/api';
import type { BreakpointRequest, BreakpointResult, DebugEvent, DebugTarget, ExceptionBreakpoints, SourceProblem, StopReason } from '../engine/debug/api';
import { limitEventMessage } from '../engine/options';
import { readLaunchArguments, sourceKey, type LaunchConfig, type SourceRun } from './launchConfig';
import { adapterOutput, consoleOutput, errorOutput, sourceFor } from './output';
import { PauseReferences, type VariableTarget } from './references';

/** What the session needs from a sandbox: the part of the engine's `Sandbox` it drives. */
export interface DebuggableSandbox {
  onEvent(listener: (event: SandboxEvent | DebugEvent) => void): () => void;
  run(request: RunRequest): Promise<RunOutcome>;
  cancel(): void;
  dispose(): Promise<unknown>;
  readonly debug?: DebugTarget;
}

/** Creates a sandbox with debugging on; injectable so embedders can share a warm engine. */
export type SandboxFactory = (options: SandboxOptions & { debug: true }) => Promise<DebuggableSandbox>;

// Loaded on first launch so `initialize` answers without paying for the engine's import.
const defaultFactory: SandboxFactory = async (options) => {
  const { Sandbox } = await import('../engine');
  return Sandbox.create(options);
};

/** QuickJS has one thread of JavaScript; DAP still wants it named. */
const THREAD_ID = 1;
/** How long `launch` waits for `configurationDone` before running anyway (clients that never send it). */
const CONFIGURATION_WAIT_MS = 10_000;
/** How long a disconnect waits for the sandbox to stop before answering and ending anyway. */
const DISCONNECT_GRACE_MS = 3_000;

const STOP_REASONS: Record<StopReason, string> = {
  entry: 'entry',
  breakpoint: 'breakpoint',
  step: 'step',
  pause: 'pause',
  exception: 'exception',
  debugger: 'breakpoint',
  'function breakpoint': 'function breakpoint',
};

const EXCEPTION_FILTERS: DebugProtocol.ExceptionBreakpointsFilter[] = [
  { filter: 'all', label: 'All Exceptions', description: 'Pause whenever a value is thrown, caught or not', supportsCondition: true, conditionDescription: 'Pause only when this expression, evaluated where the value is thrown, is true' },
  { filter: 'uncaught', label: 'Uncaught Exceptions', description: 'Pause when a thrown value or a rejection is not handled', default: true, supportsCondition: true, conditionDescription: 'Pause only when this expression, evaluated where the value is thrown, is true' },
];

const NOTE_NO_SESSION = 'not checked yet: the breakpoint is placed when the program launches';

/** An error whose message is meant for the user as is. */
class RequestError extends Error {}

function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name);
}

/** The expression that reads `name` from the object `parent` evaluates to. */
function childExpression(parent: string | undefined, name: string): string | undefined {
  if (parent === undefined) return isIdentifier(name) ? name : undefined;
  if (/^\d+$/.test(name)) return `${parent}[${name}]`;
  return isIdentifier(name) ? `${parent}.${name}` : `${parent}[${JSON.stringify(name)}]`;
}

function requireNumber(command: string, args: unknown, field: string): number {
  const value = (args as Record<string, unknown> | undefined)?.[field];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new RequestError(`${command}: '${field}' must be an integer; got ${JSON.stringify(value)}`);
  }
  return value;
}

function requireString(command: string, args: unknown, field: string): string {
  const value = (args as Record<string, unknown> | undefined)?.[field];
  if (typeof value !== 'string') throw new RequestError(`${command}: '${field}' must be a string; got ${JSON.stringify(value)}`);
  return value;
}

/** The DAP session over one sandbox at a time (a restart replaces it). */
export class QuickJSDebugSession extends DebugSession {
  private sandbox?: DebuggableSandbox;
  private unsubscribe?: () => void;
  private launchConfig?: LaunchConfig;
  private refs = new PauseReferences();
  private paused = false;
  /** Bumped per run, so events and outcomes of a replaced run (restart) are dropped. */
  private generation = 0;
  private running?: Promise<void>;
  /** True while the launch's prelude runs: its console output is not shown (the engine never stops in it). */
  private inPrelude = false;
  private sawLimitEvent = false;
  private terminatedSent = false;
  /**
   * The program ran and ended (or the session was disconnected). Clients still ask for threads, stacks and scopes
   * then (VS Code does right after Continue runs a program to its end): they get empty answers, not errors, which
   * clients show as pop-ups. Before a launch, such requests are the client's mistake and are answered as one.
   */
  private ended = false;
  private configurationDone!: Promise<void>;
  private signalConfigurationDone!: () => void;
  /** Breakpoints as the client last sent them, by file, re-applied to a new sandbox on restart. */
  private breakpointsByFile = new Map<string, BreakpointRequest[]>();
  private exceptionBreakpoints: ExceptionBreakpoints = {};

  /** `createSandbox` defaults to the engine's `Sandbox.create`. */
  constructor(private readonly createSandbox: SandboxFactory = defaultFactory) {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
    this.resetConfigurationDone();
    // The base class shuts the process down on any stream error, including one malformed message;
    // a debugger should survive a client's mistake, so report it and carry on.
    this.removeAllListeners('error');
    this.on('error', (event: DebugProtocol.Event) => {
      process.stderr.write(`quickjs-sandbox-debug: ${String(event.body ?? 'protocol error')}\n`);
    });
  }

  private resetConfigurationDone(): void {
    this.configurationDone = new Promise((done) => (this.signalConfigurationDone = done));
  }

  // ---- plumbing ------------------------------------------------------------

  protected override dispatchRequest(request: DebugProtocol.Request): void {
    const fail = (message: string) => this.fail(new Response(request), message);
    if (typeof request.command !== 'string' || request.command === '') return fail('request has no "command"');
    const args: unknown = request.arguments;
    if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
      return fail(`${request.command}: "arguments" must be a JSON object`);
    }
    if (request.command === 'initialize') {
      // The base class reads fields of the arguments unguarded and wrongly rejects an omitted
      // pathFormat, whose protocol default is 'path'.
      const init = (request.arguments ??= {}) as DebugProtocol.InitializeRequestArguments;
      init.pathFormat ??= 'path';
      if (init.pathFormat !== 'path') return fail(`initialize: pathFormat "${init.pathFormat}" is not supported; this adapter uses file paths`);
    }
    super.dispatchRequest(request);
  }

  protected override customRequest(command: string, response: DebugProtocol.Response): void {
    this.fail(response, `unknown request "${command}": this adapter does not implement it`);
  }

  private fail(response: DebugProtocol.Response, message: string): void {
    // '{_msg}' keeps braces in the message (code, logpoint templates) from being read as placeholders.
    this.sendErrorResponse(response, { id: 1, format: '{_msg}', variables: { _msg: message }, showUser: true });
  }

  /** Runs a request's work, answering with its body or with its error's message; never throws. */
  private handle<R extends DebugProtocol.Response>(response: R, work: () => Promise<R['body'] | void>): void {
    work().then(
      (body) => {
        if (body !== undefined) response.body = body;
        this.sendResponse(response);
      },
      (error: unknown) => this.fail(response, error instanceof Error ? error.message : String(error)),
    );
  }

  private target(command: string): DebugTarget {
    if (!this.sandbox) throw new RequestError(`${command}: no program is being debugged; send "launch" first`);
    if (!this.sandbox.debug) throw new RequestError(`${command}: the sandbox was created without debugging support`);
    return this.sandbox.debug;
  }

  private pausedTarget(command: string): DebugTarget {
    const target = this.target(command);
    if (!this.paused) throw new RequestError(`${command}: the program is running; it must be paused first`);
    return target;
  }

  private resolvePath(path: string): string {
    return sourceKey(path, this.launchConfig?.options.cwd ?? process.cwd());
  }

  // ---- lifecycle -----------------------------------------------------------

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsBreakpointLocationsRequest: true,
      supportsEvaluateForHovers: true,
      supportsClipboardContext: true,
      supportsSetVariable: true,
      supportsSetExpression: true,
      supportsCompletionsRequest: true,
      completionTriggerCharacters: ['.', '['],
      supportsStepInTargetsRequest: true,
      supportsExceptionInfoRequest: true,
      supportsExceptionFilterOptions: true,
      exceptionBreakpointFilters: EXCEPTION_FILTERS,
      supportsLoadedSourcesRequest: true,
      supportsDelayedStackTraceLoading: true,
      supportsRestartRequest: true,
      supportsTerminateRequest: true,
      supportTerminateDebuggee: true,
      supportsFunctionBreakpoints: false,
      supportsDataBreakpoints: false,
      supportsStepBack: false,
      supportsRestartFrame: false,
      supportsGotoTargetsRequest: false,
      supportsModulesRequest: false,
      supportsValueFormattingOptions: false,
      supportsExceptionOptions: false,
      supportsReadMemoryRequest: false,
      supportsDisassembleRequest: false,
      supportsCancelRequest: false,
    };
    this.sendResponse(response);
  }

  protected override launchRequest(response: DebugProtocol.LaunchResponse, args: DebugProtocol.LaunchRequestArguments): void {
    this.handle(response, async () => {
      if (this.sandbox) throw new RequestError('launch: a program is already being debugged in this session');
      const config = readLaunchArguments(args, process.cwd());
      this.launchConfig = config;
      const sandbox = await this.startSandbox(config);
      // The worker parses the program while the client configures: a program that cannot run fails the launch.
      const problem = config.run.kind === 'file' ? sandbox.debug?.sourceProblem(config.run.path).catch(() => undefined) : undefined;
      // Configuration requests (breakpoints) need the sandbox, so the client is invited only now.
      this.sendEvent(new InitializedEvent());
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.configurationDone, new Promise<void>((r) => (timer = setTimeout(r, CONFIGURATION_WAIT_MS)))]);
      clearTimeout(timer);
      const found = await problem;
      if (found && config.run.kind === 'file') this.refuseToRun(config.run.path, found);
      this.startRun(config);
    });
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.signalConfigurationDone();
    this.sendResponse(response);
  }

  private async startSandbox(config: LaunchConfig): Promise<DebuggableSandbox> {
    const sandbox = await this.createSandbox({ ...config.options, debug: true, stopOnEntry: config.stopOnEntry });
    this.sandbox = sandbox;
    const generation = ++this.generation;
    this.unsubscribe = sandbox.onEvent((event) => {
      if (generation === this.generation) this.onEngineEvent(event);
    });
    // Breakpoints kept from a previous run are placed before the program starts.
    const debug = sandbox.debug;
    if (debug) {
      for (const [file, requests] of this.breakpointsByFile) await debug.setBreakpoints(file, requests);
      await debug.setExceptionBreakpoints(this.exceptionBreakpoints);
    }
    return sandbox;
  }

  private startRun(config: LaunchConfig): void {
    const sandbox = this.sandbox;
    if (!sandbox) return;
    const generation = this.generation;
    this.paused = false;
    this.sawLimitEvent = false;
    this.terminatedSent = false;
    this.ended = false;
    this.running = this.runAll(sandbox, config, generation).then(
      (outcome) => {
        if (generation === this.generation) this.finish(outcome);
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.sendEvent(adapterOutput(`The engine failed: ${error instanceof Error ? error.message : String(error)}`, 'stderr'));
        this.finish({ status: 'crashed', exitCode: 2, durationMs: 0 });
      },
    );
  }

  /** Runs the prelude, then the debugged program; a prelude that was stopped or broke the engine ends the session. */
  private async runAll(sandbox: DebuggableSandbox, config: LaunchConfig, generation: number): Promise<RunOutcome> {
    if (config.prelude.length) {
      this.inPrelude = true;
      try {
        for (const part of config.prelude) {
          // The engine's run state passes over every stop of a prelude run (breakpoints, entry, exceptions).
          await sandbox.debug?.nextRun('prelude');
          const outcome = await sandbox.run(part);
          if (generation !== this.generation) return outcome;
          if (outcome.status === 'cancelled' || outcome.status === 'crashed' || outcome.status === 'limit') return this.preludeEnded(part, outcome);
          // An uncaught error was shown already; like a notebook, later parts still run.
        }
      } finally {
        if (generation === this.generation) this.inPrelude = false;
      }
      // A disconnect or restart between the last prelude part and the program must not start the program.
      if (generation !== this.generation) return { status: 'cancelled', exitCode: 130, durationMs: 0 };
      this.sendEvent(adapterOutput(`Ran ${config.prelude.length} prelude source${config.prelude.length === 1 ? '' : 's'} first (their console output is not shown).`));
    }
    return sandbox.run(config.run);
  }

  /**
   * Ends a launch whose program does not parse: shown as output (with its location) and as the launch's error, so a
   * client that shows neither the console nor the output still says why the session ended.
   */
  private refuseToRun(file: string, problem: SourceProblem): never {
    const where = `${file}:${problem.line}:${problem.column}`;
    const output = adapterOutput(`${where}: SyntaxError: ${problem.message}`, 'stderr');
    output.body.source = sourceFor(file);
    output.body.line = this.convertDebuggerLineToClient(problem.line);
    output.body.column = this.convertDebuggerColumnToClient(problem.column);
    this.sendEvent(output);
    this.terminatedSent = true;
    this.ended = true;
    this.sendEvent(new TerminatedEvent());
    throw new RequestError(`launch: the program does not parse: ${where}: SyntaxError: ${problem.message}. Fix it and launch again.`);
  }

  private preludeEnded(part: SourceRun, outcome: RunOutcome): RunOutcome {
    if (outcome.status !== 'cancelled') this.sendEvent(adapterOutput(`The prelude ${part.filename} ended the session: ${outcome.message ?? outcome.status}`, 'stderr'));
    this.sawLimitEvent = true; // the message above already said why
    return outcome;
  }

  private finish(outcome: RunOutcome): void {
    this.paused = false;
    this.ended = true;
    this.refs.invalidate();
    if ((outcome.status === 'crashed' || outcome.status === 'limit') && outcome.message && !this.sawLimitEvent) {
      this.sendEvent(adapterOutput(outcome.message, 'stderr'));
    }
    if (this.terminatedSent) return;
    this.terminatedSent = true;
    this.sendEvent(new ExitedEvent(outcome.exitCode));
    this.sendEvent(new TerminatedEvent());
  }

  /** Stops the run, if any, and releases the sandbox; later events of that run are ignored. */
  private async stopSandbox(): Promise<void> {
    const sandbox = this.sandbox;
    if (!sandbox) return;
    this.generation++;
    this.sandbox = undefined;
    this.ended = true;
    this.paused = false;
    this.inPrelude = false;
    this.refs.invalidate();
    try {
      sandbox.cancel();
      await this.running;
    } finally {
      this.unsubscribe?.();
      await sandbox.dispose();
    }
  }

  protected override restartRequest(response: DebugProtocol.RestartResponse, args: DebugProtocol.RestartArguments): void {
    this.handle(response, async () => {
      const config = args?.arguments ? readLaunchArguments(args.arguments, process.cwd()) : this.launchConfig;
      if (!config) throw new RequestError('restart: nothing was launched yet; send "launch" first');
      await this.stopSandbox();
      this.launchConfig = config;
      await this.startSandbox(config);
      this.startRun(config);
    });
  }

  protected override terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.handle(response, async () => {
      // The run ends as cancelled and its outcome sends `exited` and `terminated`.
      if (this.sandbox) this.sandbox.cancel();
      else if (!this.terminatedSent) {
        this.terminatedSent = true;
        this.sendEvent(new TerminatedEvent());
      }
    });
  }

  protected override disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    // Answer once the sandbox is gone: standalone, shutdown() ends the process shortly after. A sandbox that does
    // not go within DISCONNECT_GRACE_MS must not keep the client (or the process) waiting: the answer goes anyway.
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(() => {
      process.stderr.write(`quickjs-sandbox-debug: the sandbox did not stop within ${DISCONNECT_GRACE_MS} ms of the disconnect; ending anyway\n`);
      resolve();
    }, DISCONNECT_GRACE_MS)));
    Promise.race([this.stopSandbox(), grace])
      .catch((error: unknown) => process.stderr.write(`quickjs-sandbox-debug: disposing the sandbox failed: ${String(error)}\n`))
      .finally(() => {
        clearTimeout(timer);
        this.sendResponse(response);
        this.shutdown();
      });
  }

  // ---- engine events -------------------------------------------------------

  private onEngineEvent(event: SandboxEvent | DebugEvent): void {
    if (this.inPrelude && this.preludeEvent(event)) return;
    switch (event.type) {
      case 'console':
        this.sendEvent(consoleOutput(event.level, event.text, event.location));
        break;
      case 'error':
        this.sendEvent(errorOutput(event.kind, event.error));
        break;
      case 'limit':
        this.sawLimitEvent = true;
        // In a debug session the way out is the launch configuration's attribute, not a flag or a setting.
        this.sendEvent(adapterOutput(limitEventMessage(event, 'launch'), 'stderr'));
        break;
      case 'stopped': {
        this.paused = true;
        this.refs.invalidate();
        const reason = STOP_REASONS[event.info.reason] ?? event.info.reason;
        const stopped = new StoppedEvent(reason, THREAD_ID, event.info.text) as DebugProtocol.StoppedEvent;
        stopped.body.allThreadsStopped = true;
        if (event.info.description) stopped.body.description = event.info.description;
        else if (event.info.reason === 'debugger') stopped.body.description = 'Paused on debugger statement';
        if (event.info.hitBreakpointIds?.length) stopped.body.hitBreakpointIds = event.info.hitBreakpointIds;
        this.sendEvent(stopped);
        break;
      }
      case 'continued':
        // A resume the client asked for was already answered; only the engine's own resumes are news.
        if (this.paused) {
          this.paused = false;
          this.refs.invalidate();
          this.sendEvent(new ContinuedEvent(THREAD_ID, true));
        }
        break;
      case 'loadedSource':
        this.sendEvent(new LoadedSourceEvent('new', sourceFor(event.source.path)));
        break;
      case 'breakpointChanged':
        this.sendEvent(new BreakpointEvent('changed', this.toBreakpoint(event.breakpoint)));
        break;
      default:
        // result, memory, display and exit belong to other front ends; the run's promise reports the end.
        break;
    }
  }

  /** Handles an event of the prelude if it differs from the debugged run's; true when it was handled. */
  private preludeEvent(event: SandboxEvent | DebugEvent): boolean {
    switch (event.type) {
      case 'console':
        return true;
      case 'error':
        this.sendEvent(errorOutput(event.kind, event.error));
        return true;
      default:
        return false;
    }
  }

  // ---- breakpoints ---------------------------------------------------------

  private toBreakpoint(result: BreakpointResult, path?: string): DebugProtocol.Breakpoint {
    const bp = new Breakpoint(result.verified, result.line, result.column) as DebugProtocol.Breakpoint;
    if (result.id > 0) bp.id = result.id; // 0: answered by the adapter alone, not placed in any engine
    if (path) bp.source = sourceFor(path);
    if (result.message) bp.message = result.message;
    if (!result.verified && result.reason) bp.reason = result.reason;
    return bp;
  }

  protected override setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): void {
    this.handle(response, async () => {
      const path = args?.source?.path;
      if (typeof path !== 'string' || path === '') throw new RequestError('setBreakpoints: "source.path" is required; sources without a path have no breakpoints');
      const file = this.resolvePath(path);
      const list: DebugProtocol.SourceBreakpoint[] = args.breakpoints ?? (args.lines ?? []).map((line) => ({ line }));
      if (!Array.isArray(list)) throw new RequestError('setBreakpoints: "breakpoints" must be an array');
      const requests: BreakpointRequest[] = list.map((bp, i) => {
        if (typeof bp?.line !== 'number') throw new RequestError(`setBreakpoints: breakpoint ${i} has no numeric "line"`);
        const request: BreakpointRequest = { line: this.convertClientLineToDebugger(bp.line) };
        if (typeof bp.column === 'number') request.column = this.convertClientColumnToDebugger(bp.column);
        if (bp.condition) request.condition = bp.condition;
        if (bp.hitCondition) request.hitCondition = bp.hitCondition;
        if (bp.logMessage) request.logMessage = bp.logMessage;
        return request;
      });
      this.breakpointsByFile.set(file, requests);
      if (!this.sandbox) {
        // Kept for the next launch, which places them before the program starts.
        return { breakpoints: requests.map((r) => this.toBreakpoint({ id: 0, verified: false, line: r.line, column: r.column, message: NOTE_NO_SESSION, reason: 'pending' }, file)) };
      }
      const results = await this.target('setBreakpoints').setBreakpoints(file, requests);
      return { breakpoints: results.map((r) => this.toBreakpoint(r, file)) };
    });
  }

  protected override breakpointLocationsRequest(response: DebugProtocol.BreakpointLocationsResponse, args: DebugProtocol.BreakpointLocationsArguments): void {
    this.handle(response, async () => {
      const path = args?.source?.path;
      if (typeof path !== 'string') throw new RequestError('breakpointLocations: "source.path" is required');
      const line = this.convertClientLineToDebugger(requireNumber('breakpointLocations', args, 'line'));
      const endLine = typeof args.endLine === 'number' ? this.convertClientLineToDebugger(args.endLine) : undefined;
      // After the run the sandbox still answers from the files it loaded; before launch or after a disconnect none does.
      if (!this.sandbox) return { breakpoints: [] };
      const found = await this.target('breakpointLocations').breakpointLocations(this.resolvePath(path), line, endLine);
      return {
        breakpoints: found.map((l) => ({ line: this.convertDebuggerLineToClient(l.line), column: this.convertDebuggerColumnToClient(l.column) })),
      };
    });
  }

  protected override setExceptionBreakPointsRequest(response: DebugProtocol.SetExceptionBreakpointsResponse, args: DebugProtocol.SetExceptionBreakpointsArguments): void {
    this.handle(response, async () => {
      const config: ExceptionBreakpoints = {};
      const known = new Set(EXCEPTION_FILTERS.map((f) => f.filter));
      const add = (filterId: string, condition?: string) => {
        if (!known.has(filterId)) throw new RequestError(`setExceptionBreakpoints: unknown filter "${filterId}"; use "all" or "uncaught"`);
        config[filterId as keyof ExceptionBreakpoints] = condition ? { condition } : {};
      };
      for (const id of args?.filters ?? []) add(id);
      for (const option of args?.filterOptions ?? []) add(option.filterId, option.condition);
      this.exceptionBreakpoints = config;
      if (this.sandbox) await this.target('setExceptionBreakpoints').setExceptionBreakpoints(config);
    });
  }

  // ---- execution control ---------------------------------------------------

  /** Forgets this pause's ids before the engine moves on, so a late request cannot see the next pause. */
  private resume(command: string): DebugTarget {
    const target = this.target(command);
    this.paused = false;
    this.refs.invalidate();
    return target;
  }

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    response.body = { threads: this.ended ? [] : [new Thread(THREAD_ID, 'QuickJS')] };
    this.sendResponse(response);
  }

  protected override continueRequest(response: DebugProtocol.ContinueResponse): void {
    this.handle(response, async () => {
      await this.resume('continue').continue();
      return { allThreadsContinued: true };
    });
  }

  protected override nextRequest(response: DebugProtocol.NextResponse): void {
    this.handle(response, async () => this.resume('next').next());
  }

  protected override stepInRequest(response: DebugProtocol.StepInResponse, args: DebugProtocol.StepInArguments): void {
    this.handle(response, async () => this.resume('stepIn').stepIn(typeof args?.targetId === 'number' ? args.targetId : undefined));
  }

  protected override stepOutRequest(response: DebugProtocol.StepOutResponse): void {
    this.handle(response, async () => this.resume('stepOut').stepOut());
  }

  protected override pauseRequest(response: DebugProtocol.PauseResponse): void {
    this.handle(response, async () => this.target('pause').pause());
  }

  protected override stepInTargetsRequest(response: DebugProtocol.StepInTargetsResponse, args: DebugProtocol.StepInTargetsArguments): void {
    this.handle(response, async () => {
      const frame = this.refs.engineFrame(requireNumber('stepInTargets', args, 'frameId'));
      return { targets: await this.pausedTarget('stepInTargets').stepInTargets(frame) };
    });
  }

  // ---- inspection ----------------------------------------------------------

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    this.handle(response, async () => {
      if (this.ended) return { stackFrames: [], totalFrames: 0 };
      const target = this.pausedTarget('stackTrace');
      const levels = typeof args?.levels === 'number' && args.levels > 0 ? args.levels : undefined;
      const { frames, totalFrames } = await target.stackTrace(args?.startFrame ?? 0, levels);
      return {
        totalFrames,
        stackFrames: frames.map((f) => {
          const frame = new StackFrame(this.refs.frameId(f.id), f.name, f.file ? sourceFor(f.file) : undefined,
            this.convertDebuggerLineToClient(f.line), this.convertDebuggerColumnToClient(f.column)) as DebugProtocol.StackFrame;
          if (f.presentationHint && f.presentationHint !== 'normal') frame.presentationHint = f.presentationHint;
          return frame;
        }),
      };
    });
  }

  protected override scopesRequest(response: DebugProtocol.ScopesResponse, args: DebugProtocol.ScopesArguments): void {
    this.handle(response, async () => {
      const dapFrameId = requireNumber('scopes', args, 'frameId');
      if (this.ended) return { scopes: [] };
      const frameId = this.refs.engineFrame(dapFrameId);
      const scopes = await this.pausedTarget('scopes').scopes(frameId);
      return {
        scopes: scopes.map((s) => {
          // Locals, closures and module bindings are readable by name from the frame; the return value is not.
          const readable = s.name !== 'Return Value';
          const ref = this.refs.variableRef({ kind: 'engine', ref: s.ref, frameId, evaluateName: readable ? '' : undefined });
          const scope = new Scope(s.name, ref, s.expensive) as DebugProtocol.Scope;
          if (s.name === 'Local') scope.presentationHint = 'locals';
          else if (s.name === 'Return Value') scope.presentationHint = 'returnValue';
          // No namedVariables: the engine's count leaves out what `variables` adds (globals, uninitialised
          // bindings), and a count that disagrees with the list misleads a client that pages by it.
          return scope;
        }),
      };
    });
  }

  private toVariable(property: RemoteProperty, parent: string | undefined, frameId: number | undefined): DebugProtocol.Variable {
    // An empty parent expression stands for a scope, whose children are plain names.
    const evaluateName = childExpression(parent === '' ? undefined : parent, property.name);
    if (property.getter) {
      const variable: DebugProtocol.Variable = { name: property.name, value: '(...)', variablesReference: 0, presentationHint: { lazy: true } };
      if (evaluateName !== undefined) {
        variable.evaluateName = evaluateName;
        variable.variablesReference = this.refs.variableRef({ kind: 'getter', evaluateName, frameId, name: property.name });
      } else if (property.value.id) {
        variable.variablesReference = this.refs.variableRef({ kind: 'engine', ref: property.value.id, frameId });
      }
      return variable;
    }
    const variable = this.describe(property.name, property.value, evaluateName, frameId) as DebugProtocol.Variable;
    if (evaluateName !== undefined) variable.evaluateName = evaluateName;
    return variable;
  }

  /** The DAP shape of a remote value; expandable values get a reference valid until resume. */
  private describe(name: string, value: RemoteValue, evaluateName: string | undefined, frameId: number | undefined) {
    const out: DebugProtocol.Variable = {
      name,
      value: value.preview,
      type: value.className ?? value.type,
      variablesReference: value.id ? this.refs.variableRef({ kind: 'engine', ref: value.id, evaluateName, frameId }) : 0,
    };
    // Counts only as the engine knows them: a client pages by them, so a guessed one (0 named children of an array
    // that has `length`) would hide what `variables` returns.
    if (value.id && value.indexedCount) {
      out.indexedVariables = value.indexedCount;
      if (value.namedCount !== undefined) out.namedVariables = value.namedCount;
    }
    return out;
  }

  protected override variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): void {
    this.handle(response, async () => {
      const reference = requireNumber('variables', args, 'variablesReference');
      if (this.ended) return { variables: [] };
      const target = this.refs.variable(reference);
      const debug = this.pausedTarget('variables');
      if (target.kind === 'getter') {
        // Running the accessor is what the user asked for by expanding it: evaluate it where it was seen.
        const value = await debug.evaluate(target.evaluateName, target.frameId, 'hover');
        const variable = this.describe(target.name, value, target.evaluateName, target.frameId);
        return { variables: [{ ...variable, evaluateName: target.evaluateName }] };
      }
      const filter = args.filter === 'indexed' || args.filter === 'named' ? args.filter : undefined;
      const properties = await debug.variables(target.ref, filter, args.start, args.count);
      return { variables: properties.map((p) => this.toVariable(p, target.evaluateName, frameOf(target))) };
    });
  }

  protected override setVariableRequest(response: DebugProtocol.SetVariableResponse, args: DebugProtocol.SetVariableArguments): void {
    this.handle(response, async () => {
      const target = this.refs.variable(requireNumber('setVariable', args, 'variablesReference'));
      const name = requireString('setVariable', args, 'name');
      const expression = requireString('setVariable', args, 'value');
      if (target.kind !== 'engine') throw new RequestError('setVariable: an accessor property cannot be assigned here; use the debug console');
      const value = await this.pausedTarget('setVariable').setVariable(target.ref, name, expression);
      const { value: shown, type, variablesReference, indexedVariables, namedVariables } =
        this.describe(name, value, childExpression(target.evaluateName || undefined, name), frameOf(target));
      return { value: shown, type, variablesReference, indexedVariables, namedVariables };
    });
  }

  protected override setExpressionRequest(response: DebugProtocol.SetExpressionResponse, args: DebugProtocol.SetExpressionArguments): void {
    this.handle(response, async () => {
      const expression = requireString('setExpression', args, 'expression');
      const valueText = requireString('setExpression', args, 'value');
      const frameId = typeof args.frameId === 'number' ? this.refs.engineFrame(args.frameId) : undefined;
      const value = await this.pausedTarget('setExpression').setExpression(expression, valueText, frameId);
      const { value: shown, type, variablesReference, indexedVariables, namedVariables } = this.describe(expression, value, expression, frameId);
      return { value: shown, type, variablesReference, indexedVariables, namedVariables };
    });
  }

  protected override evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): void {
    this.handle(response, async () => {
      const expression = requireString('evaluate', args, 'expression');
      const frameId = typeof args.frameId === 'number' ? this.refs.engineFrame(args.frameId) : undefined;
      const value = await this.target('evaluate').evaluate(expression, frameId, args.context ?? 'repl');
      const { value: result, type, variablesReference, indexedVariables, namedVariables } = this.describe(expression, value, expression, frameId);
      return { result, type, variablesReference, indexedVariables, namedVariables };
    });
  }

  protected override completionsRequest(response: DebugProtocol.CompletionsResponse, args: DebugProtocol.CompletionsArguments): void {
    this.handle(response, async () => {
      const text = requireString('completions', args, 'text');
      const column = this.convertClientColumnToDebugger(requireNumber('completions', args, 'column'));
      const frameId = typeof args.frameId === 'number' ? this.refs.engineFrame(args.frameId) : undefined;
      const items = await this.target('completions').completions(text, column, frameId);
      return { targets: items.map((i) => ({ label: i.label, type: i.type })) };
    });
  }

  protected override exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse): void {
    this.handle(response, async () => {
      const info = await this.pausedTarget('exceptionInfo').exceptionInfo();
      return {
        exceptionId: info.exceptionId,
        description: info.description,
        breakMode: info.breakMode,
        details: { message: info.description, stackTrace: info.stack },
      };
    });
  }

  protected override loadedSourcesRequest(response: DebugProtocol.LoadedSourcesResponse): void {
    this.handle(response, async () => {
      const sources = await this.target('loadedSources').loadedSources();
      return { sources: sources.map((s) => sourceFor(s.path)) };
    });
  }

  protected override sourceRequest(response: DebugProtocol.SourceResponse, args: DebugProtocol.SourceArguments): void {
    this.handle(response, async () => {
      const path = args?.source?.path;
      if (typeof path !== 'string' || path === '') {
        throw new RequestError('source: this adapter gives every source a file path; "source.path" is required');
      }
      const file = this.resolvePath(path);
      const config = this.launchConfig;
      // Launched text may exist nowhere on disk (a notebook cell, an unsaved buffer): answer with what was run.
      const given = config && [config.run, ...config.prelude].find((r): r is SourceRun => r.kind === 'source' && r.filename === file);
      if (given) return { content: given.source, mimeType: given.language === 'ts' ? 'text/typescript' : 'text/javascript' };
      const content = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new RequestError(`source: cannot read ${file}: ${e.code ?? e.message}`);
      });
      const ext = extname(file);
      return { content, mimeType: ext === '.ts' || ext === '.mts' || ext === '.cts' ? 'text/typescript' : 'text/javascript' };
    });
  }
}

function frameOf(target: VariableTarget): number | undefined {
  return target.frameId;
}
