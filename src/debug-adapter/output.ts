/**
 * Turns what the program prints, throws or hits into DAP `output` events.
 * Each event carries the console call's source and line so clients can link the text back to the code.
 */
import { basename } from 'node:path';
import { OutputEvent, Source } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { ConsoleLevel, ErrorInfo, SourceLocation } from '../engine/api';

const STDERR_LEVELS: ReadonlySet<ConsoleLevel> = new Set(['warn', 'error']);

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

/** A console call as output: warn/error go to stderr, the rest to stdout, indented by console.group depth. */
export function consoleOutput(level: ConsoleLevel, text: string, groupDepth: number, location?: SourceLocation): DebugProtocol.OutputEvent {
  const indent = '  '.repeat(Math.max(0, groupDepth));
  const body = indent ? text.split('\n').map((line) => indent + line).join('\n') : text;
  return withLocation(new OutputEvent(terminated(body), STDERR_LEVELS.has(level) ? 'stderr' : 'stdout'), location);
}

/** An uncaught error or unhandled rejection as stderr output, with its already mapped stack. */
export function errorOutput(kind: 'uncaught' | 'unhandledRejection', error: ErrorInfo): DebugProtocol.OutputEvent {
  const prefix = kind === 'uncaught' ? 'Uncaught ' : 'Unhandled promise rejection: ';
  const shown = error.thrown !== undefined && !error.stack ? error.thrown : error.stack || `${error.name}: ${error.message}`;
  const top = error.frames[0];
  return withLocation(new OutputEvent(terminated(prefix + shown), 'stderr'), top && { file: top.file, line: top.line, column: top.column });
}

/** A message from the adapter itself (limits, crashes, notices), shown apart from program output. */
export function adapterOutput(text: string, category: 'console' | 'stderr' = 'console'): DebugProtocol.OutputEvent {
  return new OutputEvent(terminated(text), category) as DebugProtocol.OutputEvent;
}
