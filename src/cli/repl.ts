/**
 * `quickjs-sandbox` with no arguments (or `quickjs-sandbox repl`): an interactive session in one persistent sandbox.
 * Each entry goes through the notebook's REPL transform (src/engine/replTransform.ts), so declarations can be
 * re-run and top-level `await` works, and runs as one `Sandbox.run`; the flags shape the sandbox as for `run`.
 */
import * as acorn from 'acorn';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { Sandbox, SandboxEvent } from '../engine';
import { transformCell } from '../engine/replTransform';

/** What the CLI hands the REPL: how to make a sandbox with the command line's flags, and how to show events. */
export interface ReplHost {
  createSandbox(): Promise<Sandbox>;
  /** Shows an event the REPL does not render itself (console lines, limits, denials; every event under `--json`). */
  showEvent(e: SandboxEvent): void;
  /** `--json`: events are written as JSON lines by `showEvent`, results and errors included. */
  json: boolean;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/** The environment variable that names the history file; an empty value turns history off, as NODE_REPL_HISTORY does. */
export const HISTORY_ENV = 'QUICKJS_SANDBOX_HISTORY';
const HISTORY_SIZE = 1000;

const COMMANDS: ReadonlyArray<[string, string]> = [
  ['.break', 'Abandon the multi-line entry being typed'],
  ['.clear', 'Reset the sandbox: a fresh engine, every variable gone'],
  ['.exit', 'Leave the REPL (Ctrl+D does too)'],
  ['.help', 'Show this list'],
];

const HELP = `${COMMANDS.map(([c, d]) => `${c.padEnd(8)}${d}`).join('\n')}

Press Ctrl+C to stop a running entry (the sandbox keeps its state) or to clear the line; twice at an empty prompt to leave.
Press Tab to complete globals and properties (Math.ma<Tab>). Top-level await works; let and const can be declared again.`;

/**
 * Whether `source` fails to parse only because it stops early (an open brace, a trailing operator, an open template
 * or comment): then the REPL asks for more lines instead of reporting a syntax error.
 */
export function isIncomplete(source: string): boolean {
  try {
    acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true, allowHashBang: true });
    return false;
  } catch (e) {
    const err = e as SyntaxError & { pos?: number };
    if (/^Unterminated (template|comment)/.test(err.message)) return true;
    return typeof err.pos === 'number' && err.pos >= source.trimEnd().length;
  }
}

/** The part of `line` before the cursor that completion works on: `Math.ma` gives the object `Math` and the start `ma`. */
export function completionTarget(line: string): { expression: string; partial: string } | undefined {
  const tail = /[\p{ID_Continue}$.]*$/u.exec(line)![0];
  const dot = tail.lastIndexOf('.');
  const expression = dot < 0 ? '' : tail.slice(0, dot);
  const partial = tail.slice(dot + 1);
  // `1.5`, `a..b`, `.x`: not a property of a named value.
  if (dot >= 0 && !/^[\p{ID_Start}$_][\p{ID_Continue}$]*(\.[\p{ID_Start}$_][\p{ID_Continue}$]*)*$/u.test(expression)) return undefined;
  if (dot < 0 && /^\d/.test(partial)) return undefined;
  return { expression, partial };
}

/** Tab completion against the live sandbox: the names that start with what was typed, as readline wants them. */
export async function complete(sandbox: Sandbox, line: string): Promise<[string[], string]> {
  const target = completionTarget(line);
  if (!target) return [[], ''];
  const names = await sandbox.completions(target.expression).catch(() => [] as string[]);
  const hits = [...new Set(names)].filter((n) => n.startsWith(target.partial) && (target.expression || /^[\p{ID_Start}$_][\p{ID_Continue}$]*$/u.test(n)));
  return [hits.sort(), target.partial];
}

function historyFile(): string | undefined {
  const env = process.env[HISTORY_ENV];
  if (env === '') return undefined;
  return env ?? path.join(os.homedir(), '.quickjs_sandbox_history');
}

/** Newest first, one entry a line (Node's REPL history format). A missing or unreadable file is an empty history. */
function loadHistory(file: string | undefined): string[] {
  if (!file) return [];
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, HISTORY_SIZE);
  } catch {
    return [];
  }
}

/** Runs the REPL until `.exit`, Ctrl+D or a second Ctrl+C; resolves with the exit code. */
export async function runRepl(host: ReplHost): Promise<number> {
  const input = host.input ?? process.stdin;
  const output = host.output ?? process.stdout;
  const terminal = !!(output as NodeJS.WriteStream).isTTY && !!(input as NodeJS.ReadStream).isTTY;
  const color = (code: number, s: string) => (terminal ? `\x1b[${code}m${s}\x1b[0m` : s);
  const write = (s: string) => output.write(s);
  const writeError = (s: string) => (terminal ? output : process.stderr).write(color(31, s) + '\n');

  let sandbox = await host.createSandbox();
  const file = historyFile();
  const history = loadHistory(file);
  let historyWarned = false;
  const saveHistory = (entries: string[]) => {
    if (!file) return;
    try {
      fs.writeFileSync(file, entries.slice(0, HISTORY_SIZE).join('\n') + '\n', { mode: 0o600 });
    } catch (e) {
      if (!historyWarned) writeError(`quickjs-sandbox: cannot write the history file ${file} (${(e as Error).message}); set ${HISTORY_ENV} to another path, or to "" to keep no history`);
      historyWarned = true;
    }
  };

  const rl = readline.createInterface({
    input,
    output,
    terminal,
    prompt: '> ',
    history: [...history],
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    completer: (line: string, done: (err: Error | null, result: [string[], string]) => void) => {
      complete(sandbox, line).then((r) => done(null, r), () => done(null, [[], line]));
    },
  });
  // In a terminal readline keeps the history (arrows, Ctrl+R); over a pipe the REPL records the lines itself.
  if (terminal) rl.on('history', (entries: string[]) => saveHistory(entries));

  const pending: string[] = [];
  let buffer: string[] = [];
  let running = false;
  let closed = false;
  let interruptedAtPrompt = false;
  let entryNumber = 0;
  let resolveDone!: (code: number) => void;
  const done = new Promise<number>((r) => (resolveDone = r));

  let exiting = false;
  /** What the session ends with: 0, or the code a `process.exit` gave. */
  let exitCode = 0;
  const prompt = () => {
    if (exiting) return;
    const text = buffer.length ? '... ' : '> ';
    // Piped input may end (closing readline) while earlier lines still run: their prompts are still written.
    if (closed) return void write(text);
    rl.setPrompt(text);
    rl.prompt();
  };

  /** The events of the entry being run: results and errors are the REPL's to show, the rest the CLI's. */
  let sawResult = false;
  let sawError = false;
  const listen = (box: Sandbox) =>
    box.onEvent((ev) => {
      const e = ev as SandboxEvent;
      if (host.json) {
        if (e.type !== 'exit') host.showEvent(e);
        return;
      }
      if (e.type === 'result') {
        sawResult = true;
        write(e.text + '\n');
      } else if (e.type === 'error') {
        sawError = true;
        writeError((e.kind === 'unhandledRejection' ? 'Unhandled promise rejection: ' : 'Uncaught ') + e.error.stack);
      } else if (e.type === 'limit') {
        sawError = true;
        host.showEvent(e);
      } else if (e.type !== 'exit') {
        host.showEvent(e);
      }
    });
  listen(sandbox);

  /** A fresh sandbox in place of the current one (`.clear`, or after the engine had to be terminated). */
  const reset = async () => {
    const old = sandbox;
    sandbox = await host.createSandbox();
    listen(sandbox);
    await old.dispose().catch(() => undefined);
  };

  const evaluate = async (source: string) => {
    entryNumber++;
    const cell = transformCell(source);
    sawResult = false;
    sawError = false;
    const outcome = await sandbox.run({ kind: 'source', source: cell.code, filename: `REPL${entryNumber}`, type: 'script', language: 'js' });
    if (outcome.processExit) {
      // As Node's REPL: process.exit ends the session, with the script's code.
      exitCode = outcome.exitCode;
      exiting = true;
      rl.close();
      return;
    }
    if (host.json) return;
    if (outcome.status === 'completed' && !sawResult && !sawError) write(color(90, 'undefined') + '\n');
    if (outcome.status === 'cancelled' && !sandbox.disposed) writeError('quickjs-sandbox: stopped (Ctrl+C); the sandbox keeps its state');
    if (sandbox.disposed) {
      writeError(`quickjs-sandbox: ${outcome.message ?? 'the engine stopped'}; the sandbox was reset, its variables are gone`);
      await reset();
    } else {
      // The result's remote reference keeps its object alive in the engine; the REPL never inspects it further.
      await sandbox.release().catch(() => undefined);
    }
  };

  const command = async (line: string): Promise<boolean> => {
    const [name] = line.split(/\s+/);
    switch (name) {
      case '.help':
        write(HELP + '\n');
        return true;
      case '.exit':
        exiting = true;
        rl.close();
        return true;
      case '.break':
        buffer = [];
        return true;
      case '.clear':
        buffer = [];
        write('Clearing context...\n');
        await reset();
        return true;
      default:
        return false;
    }
  };

  const handle = async (line: string) => {
    if (!terminal && file && line.trim()) {
      history.unshift(line);
      saveHistory([...new Set(history)]);
    }
    if (buffer.length === 0 && /^\.[a-z]+(\s|$)/.test(line.trim())) {
      if (await command(line.trim())) return;
      writeError(`quickjs-sandbox: unknown REPL command "${line.trim()}"; type .help for the list`);
      return;
    }
    buffer.push(line);
    const source = buffer.join('\n');
    if (!source.trim()) {
      buffer = [];
      return;
    }
    if (isIncomplete(source)) return;
    buffer = [];
    await evaluate(source);
  };

  /** Lines arrive while an entry runs (pasted or piped input): they wait their turn, in order. */
  const drain = async () => {
    if (running) return;
    running = true;
    try {
      while (pending.length && !exiting) {
        await handle(pending.shift()!);
        prompt();
      }
    } catch (e) {
      writeError(`quickjs-sandbox: ${(e as Error).message}`);
      prompt();
    } finally {
      running = false;
    }
    if (closed) finish();
  };

  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    process.off('SIGINT', interrupt);
    // `.exit` with input still open (a terminal, a pipe the writer keeps): an open stdin would keep the process alive.
    (input as NodeJS.ReadStream).destroy?.();
    sandbox.dispose().then(
      () => resolveDone(exitCode),
      () => resolveDone(exitCode),
    );
  };

  function interrupt(): void {
    if (running) {
      sandbox.cancel();
      return;
    }
    if (buffer.length || rl.line) {
      buffer = [];
      interruptedAtPrompt = false;
      // Clear the typed text, as Node's REPL does, and start over.
      (rl as unknown as { line: string; cursor: number }).line = '';
      write('\n');
      prompt();
      return;
    }
    if (interruptedAtPrompt) {
      write('\n');
      exiting = true;
      rl.close();
      return;
    }
    interruptedAtPrompt = true;
    write('\n(To exit, press Ctrl+C again or Ctrl+D or type .exit)\n');
    prompt();
  }

  rl.on('line', (line) => {
    interruptedAtPrompt = false;
    pending.push(line);
    void drain();
  });
  rl.on('SIGINT', interrupt);
  process.on('SIGINT', interrupt);
  rl.on('close', () => {
    closed = true;
    if (!running) finish();
  });

  prompt();
  return done;
}
