/**
 * How sandbox events read in the output channel. Pure text, no vscode import, so it is testable in plain Node.
 * The line prefixes here are what syntaxes/quickjs-output.tmLanguage.json colours: change both together.
 */
import type { ErrorInfo, RunOutcome, SandboxEvent } from '../engine/api';
import { limitEventMessage } from '../engine/options';
import { formatFrames } from '../engine/runtime/stacks';

/** Prefix of the first line of each run: the grammar colours it as a header. */
export const RUN_HEADER = '▶';

/** The header line of a run: what runs and under which limits. */
export function formatRunHeader(label: string, limits: { engine: string; memoryLimitMB: number; timeoutSeconds: number }): string {
  const memory = limits.memoryLimitMB === 0 ? 'no memory limit' : `${limits.memoryLimitMB} MB`;
  const time = limits.timeoutSeconds === 0 ? 'no timeout' : `${limits.timeoutSeconds} s`;
  return `${RUN_HEADER} ${label}  [${limits.engine}, ${memory}, ${time}]`;
}

/** Indents every line after the first, so multi-line values stay inside their group. */
function indent(text: string, depth: number): string {
  if (depth <= 0) return text;
  const pad = '  '.repeat(depth);
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

/** Renders an uncaught error like Node does: `Uncaught Name: message` then the mapped stack frames. */
export function formatError(kind: 'uncaught' | 'unhandledRejection', e: ErrorInfo): string {
  // A syntax error stopped the code before it ran: no frame is invented; the engine's text is Node's shape.
  if (e.compile) return e.stack;
  const title = kind === 'unhandledRejection' ? 'Unhandled promise rejection' : 'Uncaught';
  if (e.thrown !== undefined && !e.stack) return `${title} ${e.thrown}`;
  const head = e.name ? `${e.name}: ${e.message}` : e.message;
  const frames = e.frames.length
    ? formatFrames(e.frames).split('\n')
    : // Without parsed frames the engine's own stack text is the best there is; drop its first line (the message).
      (e.stack || '').split('\n').filter((l) => /^\s+at /.test(l));
  return [`${title} ${head}`, ...frames].join('\n');
}

/** The one-line summary of how a run ended. */
export function formatOutcome(o: RunOutcome): string {
  const ms = o.durationMs < 10 ? o.durationMs.toFixed(1) : Math.round(o.durationMs).toString();
  switch (o.status) {
    case 'completed':
      return `✔ completed in ${ms} ms`;
    case 'cancelled':
      return `■ stopped after ${ms} ms`;
    default:
      return `✖ ${o.status} after ${ms} ms (exit code ${o.exitCode})${o.message ? `: ${o.message}` : ''}`;
  }
}

/** Turns one event into output text, or undefined when the event has nothing to print (memory samples, exit). */
export function formatEvent(e: SandboxEvent): string | undefined {
  switch (e.type) {
    case 'console': {
      const where = e.location && (e.level === 'warn' || e.level === 'error' || e.level === 'trace') ? `  (${e.location.file}:${e.location.line}:${e.location.column})` : '';
      const tag = e.level === 'log' || e.level === 'info' ? '' : `[${e.level}] `;
      return indent(tag + e.text + where, e.groupDepth);
    }
    case 'result':
      return `⇐ ${e.text}`;
    case 'error':
      return formatError(e.kind, e.error);
    case 'limit':
      return `[limit] ${editorLimitMessage(e)}`;
    case 'display':
      return e.mime.startsWith('text/') ? e.data : `[display ${e.mime}]`;
    default:
      return undefined;
  }
}

/**
 * A limit's message in the editor's words: what ended the run and the setting that raises it (the engine's own
 * message names the command-line flag). A failure with no option to raise (the engine's native stack) keeps its text.
 */
export function editorLimitMessage(e: Extract<SandboxEvent, { type: 'limit' }>): string {
  return limitEventMessage(e, 'setting');
}

/** `file:line:col` mentions in output text, for the link provider; columns are 1-based like the text. */
export interface LocationMention {
  start: number;
  end: number;
  file: string;
  line: number;
  column?: number;
}

/** Absolute paths (POSIX or Windows) followed by `:line` and optionally `:column`; the lookbehind skips URLs. */
const LOCATION_RE = /(?<![\w:/\\])(?:[A-Za-z]:[\\/]|\/)[^\s:()'"`]*[^\s:()'"`.,]:(\d+)(?::(\d+))?/g;

/** Finds every `file:line[:col]` in a line of output. */
export function findLocations(text: string): LocationMention[] {
  const out: LocationMention[] = [];
  for (const m of text.matchAll(LOCATION_RE)) {
    const lineText = m[1];
    const colText = m[2];
    const suffix = `:${lineText}${colText !== undefined ? `:${colText}` : ''}`;
    const file = m[0].slice(0, m[0].length - suffix.length);
    out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, file, line: Number(lineText), column: colText !== undefined ? Number(colText) : undefined });
  }
  return out;
}
