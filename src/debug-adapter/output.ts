/**
 * Turns what the program prints, throws or hits into DAP `output` events.
 * Each event carries the console call's source and line so clients can link the text back to the code.
 * Program output is the exact text a plain run prints (src/cli/main.ts): a client that joins the `stdout` events
 * gets the run's standard output byte for byte.
 */
import { basename } from 'node:path';
import { OutputEvent, Source } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { ConsoleLevel, ErrorInfo, SourceLocation } from '../engine/api';

/** The console levels a plain run writes to standard error, as Node does. */
const STDERR_LEVELS: ReadonlySet<ConsoleLevel> = new Set(['warn', 'error', 'trace']);

/** A DAP Source for a file path or URI, named by its base name as editors show it. */
export function sourceFor(file: string): Source {
  // A URI's query and fragment (a notebook cell's `#W0s...`) say nothing to a person.
  const name = /^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(file) ? basename(file.replace(/[?#].*$/, '')) : basename(file);
  return new Source(name || file, file);
}

function withLocation(event: OutputEvent, location: SourceLocation | undefined): DebugProtocol.OutputEvent {
  const e = event as DebugProtocol.OutputEvent;
  if (location?.file) {
    e.body.source = sourceFor(location.file);
    e.body.line = location.line;
    e.body.column = location.column;
  }
  return e;
}

function terminated(text: string): string {
  return text.endsWith('\n') ? text : text + '\n';
}

/**
 * A console call as output: warn/error/trace go to stderr, the rest to stdout. One call is one line, as in a run:
 * its text (already indented for console.group by the engine) plus a newline, even when the text ends with one.
 */
export function consoleOutput(level: ConsoleLevel, text: string, location?: SourceLocation): DebugProtocol.OutputEvent {
  return withLocation(new OutputEvent(text + '\n', STDERR_LEVELS.has(level) ? 'stderr' : 'stdout'), location);
}

/** An uncaught error or unhandled rejection as stderr output, with its already mapped stack. */
export function errorOutput(kind: 'uncaught' | 'unhandledRejection', error: ErrorInfo): DebugProtocol.OutputEvent {
  const prefix = kind === 'uncaught' ? 'Uncaught ' : 'Unhandled promise rejection: ';
  const top = error.frames[0];
  return withLocation(new OutputEvent(prefix + error.stack + '\n', 'stderr'), top && { file: top.file, line: top.line, column: top.column });
}

/** A message from the adapter itself (limits, crashes, notices), shown apart from program output. */
export function adapterOutput(text: string, category: 'console' | 'stderr' = 'console'): DebugProtocol.OutputEvent {
  return new OutputEvent(terminated(text), category) as DebugProtocol.OutputEvent;
}
