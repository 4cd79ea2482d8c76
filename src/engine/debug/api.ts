/**
 * The engine's debugging contract, independent of DAP and of how the hooks are made
 * (source instrumentation today; a native per-opcode hook could implement the same interface).
 * Lines and columns are 1-based and refer to original sources (after source maps).
 */
import type { RemoteProperty, RemoteValue } from '../api';

/** A breakpoint as the client asks for it. */
export interface BreakpointRequest {
  line: number;
  column?: number;
  /** Expression; the breakpoint pauses only when it is truthy. */
  condition?: string;
  /** `5`, `>= 5`, `% 3`: pause on hits that satisfy it. */
  hitCondition?: string;
  /** Log message with `{expression}` interpolation; a logpoint never pauses. */
  logMessage?: string;
}

/** A breakpoint as the engine placed it. */
export interface BreakpointResult {
  id: number;
  verified: boolean;
  line: number;
  column?: number;
  /** Why it is not verified, or a problem with its condition ("condition does not parse: ..."). */
  message?: string;
  /** Why it is not verified: 'pending' until its file is seen, 'failed' when it cannot be placed as it is. */
  reason?: 'pending' | 'failed';
}

/** Why a file cannot run: its syntax error, 1-based, in the file the user wrote. */
export interface SourceProblem {
  message: string;
  line: number;
  column: number;
}

/** Exception breakpoints: pause on every thrown exception, or on uncaught ones only. */
export interface ExceptionBreakpoints {
  all?: { condition?: string };
  uncaught?: { condition?: string };
}

export type StopReason = 'entry' | 'breakpoint' | 'step' | 'pause' | 'exception' | 'debugger' | 'function breakpoint';

/** Why execution stopped. */
export interface StoppedInfo {
  reason: StopReason;
  hitBreakpointIds?: number[];
  /** For exceptions: the rendered exception. */
  description?: string;
  text?: string;
  /** For exceptions: true when no handler in the script catches it (best effort, see the debug kernel). */
  uncaught?: boolean;
}

export interface DebugStackFrame {
  id: number;
  name: string;
  file: string;
  line: number;
  column: number;
  /** Frames of code the debugger cannot show (host APIs, kernel). */
  presentationHint?: 'normal' | 'label' | 'subtle';
}

export interface DebugScope {
  name: 'Local' | 'Closure' | 'Module' | 'Global' | 'Return Value' | string;
  /** Reference for `variables`. */
  ref: number;
  expensive: boolean;
  namedCount?: number;
}

export interface ExceptionDetails {
  exceptionId: string;
  description: string;
  breakMode: 'always' | 'unhandled';
  stack?: string;
}

export interface CompletionItem {
  label: string;
  type: 'property' | 'variable' | 'function' | 'class' | 'keyword' | 'value';
}

export interface LoadedSource {
  path: string;
  name: string;
}

/** Events a debuggable sandbox emits in addition to the ordinary sandbox events. */
export type DebugEvent =
  | { type: 'stopped'; info: StoppedInfo }
  | { type: 'continued' }
  | { type: 'loadedSource'; source: LoadedSource }
  | { type: 'breakpointChanged'; breakpoint: BreakpointResult };

/**
 * What a debuggable sandbox offers while it runs or is paused.
 * Inspection methods are valid while paused; references die on resume.
 */
export interface DebugTarget {
  setBreakpoints(file: string, breakpoints: BreakpointRequest[]): Promise<BreakpointResult[]>;
  breakpointLocations(file: string, line: number, endLine?: number): Promise<Array<{ line: number; column: number }>>;
  setExceptionBreakpoints(config: ExceptionBreakpoints): Promise<void>;
  continue(): Promise<void>;
  pause(): Promise<void>;
  next(): Promise<void>;
  stepIn(targetId?: number): Promise<void>;
  stepOut(): Promise<void>;
  stepInTargets(frameId: number): Promise<Array<{ id: number; label: string }>>;
  stackTrace(startFrame?: number, levels?: number): Promise<{ frames: DebugStackFrame[]; totalFrames: number }>;
  scopes(frameId: number): Promise<DebugScope[]>;
  variables(ref: number, filter?: 'indexed' | 'named', start?: number, count?: number): Promise<RemoteProperty[]>;
  setVariable(ref: number, name: string, expression: string): Promise<RemoteValue>;
  evaluate(expression: string, frameId: number | undefined, context: 'repl' | 'watch' | 'hover' | 'clipboard' | string): Promise<RemoteValue>;
  setExpression(expression: string, value: string, frameId?: number): Promise<RemoteValue>;
  completions(text: string, column: number, frameId?: number): Promise<CompletionItem[]>;
  exceptionInfo(): Promise<ExceptionDetails>;
  loadedSources(): Promise<LoadedSource[]>;
  /** The syntax error of a file on disk, parsed as a run would load it; undefined when it parses or is not on disk. */
  sourceProblem(file: string): Promise<SourceProblem | undefined>;
}
