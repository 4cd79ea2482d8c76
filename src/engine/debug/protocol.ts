/**
 * The debug request table: the one place a request between the host and the debugger in the engine worker is
 * declared. Everything else is typed from it:
 * - the host API (`DebugTarget` in api.ts, what the debug adapter calls) is `HostApi`, built by target.ts;
 * - the wire message (`{ type: 'debug', reqId, call }` in src/engine/protocol.ts) carries a `DebugCall`;
 * - the worker's handlers (controller.ts) are a `DebugHandlers` object, so a handler whose parameters or result
 *   differ from its entry here, a missing handler or an extra one is a type error.
 *
 * To add a request: one entry here (arguments and result), its handler in controller.ts (the compiler asks for it),
 * its DAP side in src/debug-adapter/session.ts, and a test over stdio in test/debug-adapter/.
 *
 * Requests are answered at once while the script runs (from the worker's message loop, or from the interrupt handler
 * when the script computes) and from the pause loop while it is paused. All data is structured-clone plain data.
 */
import type { RemoteProperty, RemoteValue } from '../api';
import type {
  BreakpointRequest,
  BreakpointResult,
  CompletionItem,
  DebugScope,
  DebugStackFrame,
  ExceptionBreakpoints,
  ExceptionDetails,
  LoadedSource,
  SourceProblem,
} from './api';

/** What the runtime needs to know of a request beyond its types. */
interface RequestFacts {
  /** The request ends a pause: the pause loop stops reading requests once it has answered it. */
  readonly resumes?: boolean;
}

/**
 * One entry of the table. The arguments and the result exist only as types (`signature` is never set): the object
 * itself carries the runtime facts, so a method's name is written once, as the key below.
 */
interface RequestSpec<Args extends unknown[], Result> extends RequestFacts {
  readonly signature?: (...args: Args) => Result;
}

function request<Args extends unknown[] = [], Result = void>(facts: RequestFacts = {}): RequestSpec<Args, Result> {
  return facts;
}

/** What a run is, for the run state machine (runState.ts): a launch's prelude never stops; the program does. */
export type RunRole = 'prelude' | 'program';

/** Every debug request: its arguments (named, as the host API shows them) and its result. */
export const DEBUG_REQUESTS = {
  /** Replaces the breakpoints of one file; answers how each was placed (verified, moved, or why not). */
  setBreakpoints: request<[file: string, breakpoints: BreakpointRequest[]], BreakpointResult[]>(),
  /** Where breakpoints can go on lines `line`..`endLine` of a file (loaded, or parsed from disk). */
  breakpointLocations: request<[file: string, line: number, endLine?: number], Array<{ line: number; column: number }>>(),
  setExceptionBreakpoints: request<[config: ExceptionBreakpoints]>(),
  continue: request({ resumes: true }),
  /** Stops the running script at its next statement (a tight loop is reached through `Control.Pause`). */
  pause: request(),
  next: request({ resumes: true }),
  /** Steps into the next call, or into the call `targetId` (one of `stepInTargets`) of the paused statement. */
  stepIn: request<[targetId?: number]>({ resumes: true }),
  stepOut: request({ resumes: true }),
  stepInTargets: request<[frameId: number], Array<{ id: number; label: string }>>(),
  stackTrace: request<[startFrame?: number, levels?: number], { frames: DebugStackFrame[]; totalFrames: number }>(),
  scopes: request<[frameId: number], DebugScope[]>(),
  variables: request<[ref: number, filter?: 'indexed' | 'named', start?: number, count?: number], RemoteProperty[]>(),
  setVariable: request<[ref: number, name: string, expression: string], RemoteValue>(),
  evaluate: request<[expression: string, frameId: number | undefined, context: 'repl' | 'watch' | 'hover' | 'clipboard' | string], RemoteValue>(),
  setExpression: request<[expression: string, value: string, frameId?: number], RemoteValue>(),
  completions: request<[text: string, column: number, frameId?: number], CompletionItem[]>(),
  exceptionInfo: request<[], ExceptionDetails>(),
  loadedSources: request<[], LoadedSource[]>(),
  /** The syntax error of a file on disk, parsed as a run would load it; undefined when it parses or is not on disk. */
  sourceProblem: request<[file: string], SourceProblem | undefined>(),
  /** What the next run is: a `prelude` run never stops and has no entry stop; later runs are the `program`'s again. */
  nextRun: request<[role: RunRole]>(),
};

type Table = typeof DEBUG_REQUESTS;
export type DebugMethod = keyof Table;
type Signature<M extends DebugMethod> = NonNullable<Table[M]['signature']>;
/** The arguments of request `M`, as a labelled tuple. */
export type DebugArgs<M extends DebugMethod> = Parameters<Signature<M>>;
/** The result of request `M`. */
export type DebugResult<M extends DebugMethod> = ReturnType<Signature<M>>;

/** The host's side: every request as an asynchronous method. */
export type HostApi = { [M in DebugMethod]: (...args: DebugArgs<M>) => Promise<DebugResult<M>> };

/** The worker's side: every request's handler, answering synchronously (the worker may be blocked in a pause). */
export type DebugHandlers = { [M in DebugMethod]: (...args: DebugArgs<M>) => DebugResult<M> };

/** One request on the wire: the method and its arguments, correlated. */
export type DebugCall = { [M in DebugMethod]: { method: M; args: DebugArgs<M> } }[DebugMethod];

/** Whether `method` names a request of the table (messages come from another thread: checked, not trusted). */
export function isDebugMethod(method: unknown): method is DebugMethod {
  return typeof method === 'string' && Object.prototype.hasOwnProperty.call(DEBUG_REQUESTS, method);
}

/** Whether request `method` ends a pause. */
export function resumes(method: DebugMethod): boolean {
  return !!(DEBUG_REQUESTS[method] as RequestFacts).resumes;
}

/** Runs `call` on `handlers`, typed end to end: the handler gets the arguments its entry declares. */
export function dispatch<M extends DebugMethod>(handlers: DebugHandlers, method: M, args: DebugArgs<M>): DebugResult<M> {
  if (!isDebugMethod(method)) throw new Error(`unknown debug request "${String(method)}"`);
  const handler: (...a: DebugArgs<M>) => DebugResult<M> = handlers[method];
  return handler(...args);
}
