/**
 * Debug requests between the host's DebugTarget and the debug controller inside the engine worker.
 * They travel as the worker protocol's `request` messages with method `debug.<name>` and are answered with
 * `reply`; while the script is paused the worker is blocked, so the controller drains them itself
 * (`receiveMessageOnPort`) after the host bumps `Control.Wake`. All data is structured-clone plain data.
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

/** Arguments and result of each debug request, by name (the message method is `debug.` + name). */
export interface DebugRequests {
  setBreakpoints: { args: [file: string, breakpoints: BreakpointRequest[]]; result: BreakpointResult[] };
  breakpointLocations: { args: [file: string, line: number, endLine?: number]; result: Array<{ line: number; column: number }> };
  setExceptionBreakpoints: { args: [config: ExceptionBreakpoints]; result: void };
  continue: { args: []; result: void };
  pause: { args: []; result: void };
  next: { args: []; result: void };
  stepIn: { args: [targetId?: number]; result: void };
  stepOut: { args: []; result: void };
  stepInTargets: { args: [frameId: number]; result: Array<{ id: number; label: string }> };
  stackTrace: { args: [startFrame?: number, levels?: number]; result: { frames: DebugStackFrame[]; totalFrames: number } };
  scopes: { args: [frameId: number]; result: DebugScope[] };
  variables: { args: [ref: number, filter?: 'indexed' | 'named', start?: number, count?: number]; result: RemoteProperty[] };
  setVariable: { args: [ref: number, name: string, expression: string]; result: RemoteValue };
  evaluate: { args: [expression: string, frameId: number | undefined, context: string]; result: RemoteValue };
  setExpression: { args: [expression: string, value: string, frameId?: number]; result: RemoteValue };
  completions: { args: [text: string, column: number, frameId?: number]; result: CompletionItem[] };
  exceptionInfo: { args: []; result: ExceptionDetails };
  loadedSources: { args: []; result: LoadedSource[] };
  sourceProblem: { args: [file: string]; result: SourceProblem | undefined };
  /** Session options kept in the worker: `stopOnEntry` pauses at the first statement of every run's entry file. */
  configure: { args: [options: { stopOnEntry?: boolean }]; result: void };
  /** Sent by the worker before each run: the next instrumented file is the run's entry. */
  runStarting: { args: []; result: void };
}

export type DebugMethod = keyof DebugRequests;

/** Requests that end a pause (answered, then the script runs on). */
export const RESUME_METHODS: ReadonlySet<DebugMethod> = new Set<DebugMethod>(['continue', 'next', 'stepIn', 'stepOut']);

/** Prefix of debug requests in the worker protocol's `request.method`. */
export const DEBUG_METHOD_PREFIX = 'debug.';
