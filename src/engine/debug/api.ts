/**
 * The engine's debugging contract, independent of DAP and of how the hooks are made
 * (source instrumentation today; a native per-opcode hook could implement the same interface).
 * Lines and columns are 1-based and refer to original sources (after source maps).
 */
import type { HostApi } from './protocol';

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
 * What a debuggable sandbox offers while it runs or is paused: one asynchronous method per request of the table
 * in protocol.ts (`DEBUG_REQUESTS`), which declares their arguments and results.
 * Inspection methods are valid while paused; references die on resume.
 */
export type DebugTarget = HostApi;
