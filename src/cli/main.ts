/**
 * `quickjs-sandbox run <file | ->` and `quickjs-sandbox eval <code>` (`-e`): runs a script in the sandbox from a
 * terminal and exits with its status, each exit code ending with one line that says what happened.
 * `quickjs-sandbox` alone (or `repl`) starts the REPL (repl.ts) with the same flags.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  Sandbox,
  SandboxOptionError,
  formatBytes,
  setKeepWarm,
  type MemoryStats,
  type RunOutcome,
  type RunRequest,
  type SandboxEvent,
  type SandboxOptions,
} from '../engine';
import { codeCacheSettled, readCodeCacheOnHost } from '../engine/codeCache';
import { setV8Flags } from '../engine/v8Flags';
import { cliHelpOptions } from '../engine/optionDocs';
import { OPTION_SPECS, checkStrict, setEngineOption } from '../engine/optionSchema';
import type { WatchedRun } from './watch';

/**
 * The REPL (with acorn, for its input transform) and --watch are loaded when asked for: a run never uses them, and
 * every byte of this file is read and parsed before a run's first statement.
 */
const repl = () => require('./repl') as typeof import('./repl');
const watchMode = () => require('./watch') as typeof import('./watch');

/** The table's options the CLI exposes (`--memory-limit`, `--allow-read`, `--json`, ...). */
const CLI_SPECS = OPTION_SPECS.filter((spec) => spec.cli);

/** Every exit code and what it means: `--help` lists them, and a run that ends with one says it in one line. */
export const EXIT_CODES: ReadonlyArray<[number, string]> = [
  [0, 'completed'],
  [1, 'an uncaught error'],
  [2, 'a limit or an engine failure'],
  [13, "a module's top-level await never settled"],
  [64, 'bad usage'],
  [130, 'stopped (Ctrl+C)'],
];

/** Built when asked for: the option table's text is not worth building on every run. */
const usage = () => `Usage: quickjs-sandbox run <file | -> [--watch] [options] [-- script arguments]
       quickjs-sandbox eval '<code>' [options] [-- script arguments]
       quickjs-sandbox -e '<code>' [options]          (same as eval; add -p to print its value)
       quickjs-sandbox [repl] [options]               (interactive; type .help inside)

Runs JavaScript or TypeScript inside a sandboxed QuickJS engine. "run -" reads the script from standard input.
The REPL keeps its history in ~/.quickjs_sandbox_history (${repl().HISTORY_ENV}=<file> to move it, ="" for none).

Options:
${cliHelpOptions()}
  -e, --eval <code>        Run <code> instead of a file
  -h, --help               Show this help
  -v, --version            Show the version

Exit codes:
${EXIT_CODES.map(([code, meaning]) => `  ${String(code).padEnd(5)}${meaning}`).join('\n')}
  any  the script's own, given to process.exit(code) or set as process.exitCode`;

const isTTY = process.stdout.isTTY;
const color = (code: number, s: string) => (isTTY ? `\x1b[${code}m${s}\x1b[0m` : s);

function fail(message: string): never {
  process.stderr.write(`quickjs-sandbox: ${message}\nRun "quickjs-sandbox --help" for usage.\n`);
  process.exit(64);
}

/** Node's parseArgs errors, in the runner's own words. */
function usageError(e: Error & { code?: string }): string {
  const flag = /'(-[^' ]+)/.exec(e.message)?.[1] ?? /option "?(-[^"\s]+)/.exec(e.message)?.[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
    const near = CLI_SPECS.map((s) => s.cli!.name).find((n) => n.startsWith(flag.replace(/=.*$/, '').slice(0, 5)));
    return `unknown option ${flag}${near ? ` (did you mean ${near}?)` : ''}; to pass it to the script, put it after "--"`;
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) return `${flag} needs a value (see --help for its form)`;
  return e.message.replace(/^TypeError \[\w+\]: /, '');
}

/** Parsed flags: the table's by their long names, plus the CLI's own switches. */
type FlagValues = Record<string, string | boolean | (string | boolean)[] | undefined> & { help?: boolean; version?: boolean; json?: boolean; print?: boolean; stats?: boolean; watch?: boolean; optimize?: boolean };

function parse(argv: string[]) {
  const dashdash = argv.indexOf('--');
  const own = dashdash >= 0 ? argv.slice(0, dashdash) : argv;
  const scriptArgs = dashdash >= 0 ? argv.slice(dashdash + 1) : [];
  try {
    const { values, positionals } = parseArgs({
      args: own,
      allowPositionals: true,
      options: {
        ...Object.fromEntries(
          CLI_SPECS.map((spec) => [
            spec.cli!.name.slice(2),
            { type: spec.type === 'boolean' ? 'boolean' : 'string', multiple: spec.type === 'list', ...(spec.cli!.short ? { short: spec.cli!.short } : {}) } as const,
          ]),
        ),
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        eval: { type: 'string', short: 'e' },
      },
    });
    return { values: values as FlagValues & { eval?: string }, positionals, scriptArgs };
  } catch (e) {
    fail(usageError(e as Error));
  }
}

/** What to run: a file, standard input (`run -`) or code from the command line (`eval`, `-e`). */
function runRequest(values: ReturnType<typeof parse>['values'], positionals: string[]): { request: RunRequest; rest: string[] } {
  const [command, target, ...rest] = positionals;
  if (values.eval !== undefined) {
    if (command !== undefined) fail(`-e takes the code itself; "${command}" would be neither (put script arguments after "--")`);
    return { request: { kind: 'source', source: values.eval, filename: path.resolve('[eval]'), type: 'auto' }, rest: [] };
  }
  if (command === 'eval') {
    if (target === undefined) fail('no code given; try: quickjs-sandbox eval "1 + 1" -p');
    return { request: { kind: 'source', source: target, filename: path.resolve('[eval]'), type: 'auto' }, rest };
  }
  if (command !== 'run') fail(command ? `unknown command "${command}"; the commands are "run", "eval" and "repl"` : 'no command given; try "quickjs-sandbox run script.js"');
  if (!target) fail('no file given; try "quickjs-sandbox run script.js", or "run -" to read the script from standard input');
  if (target === '-') {
    const source = fs.readFileSync(0, 'utf8');
    return { request: { kind: 'source', source, filename: path.resolve('[stdin]'), type: 'auto' }, rest };
  }
  const abs = path.resolve(target);
  if (!fs.existsSync(abs)) fail(`cannot find ${target} (looked for ${abs})`);
  if (fs.statSync(abs).isDirectory()) fail(`${target} is a folder; give a .js, .mjs or .ts file`);
  return { request: { kind: 'file', path: abs }, rest };
}

/** The one line a run that did not complete ends with, unless what it printed already said it. */
function closingLine(outcome: RunOutcome, alreadySaid: boolean): string | undefined {
  if (outcome.exitCode === 0 || alreadySaid) return undefined;
  if (outcome.exitCode === 13) return `quickjs-sandbox: ${outcome.message} (exit 13)`;
  if (outcome.exitCode === 130) return 'quickjs-sandbox: stopped (exit 130)';
  return outcome.message ? `quickjs-sandbox: ${outcome.message} (exit ${outcome.exitCode})` : undefined;
}

function options(values: ReturnType<typeof parse>['values'], scriptArgs: string[]): SandboxOptions {
  const opts: SandboxOptions = { args: scriptArgs };
  for (const spec of CLI_SPECS) {
    const raw = values[spec.cli!.name.slice(2)];
    if (raw === undefined || !spec.engine) continue;
    // The same check every front end makes; the message names the flag, the value, the form and the range.
    const r = checkStrict(spec, 'cli', raw);
    if (!r.ok) fail(r.message);
    setEngineOption(opts, spec.engine, r.value);
  }
  opts.cacheDir = opts.cacheDir === 'none' ? '' : opts.cacheDir ?? defaultCacheDir();
  return opts;
}

/** The CLI's package bundle cache: the XDG cache folder, as command-line tools keep theirs. */
function defaultCacheDir(): string {
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'quickjs-sandbox');
}

let pendingResult: string | undefined;
/** Whether the run already printed why it ended (an uncaught error, a limit), so the closing line is not repeated. */
let endSaid = false;

function printEvent(e: SandboxEvent, print: boolean): void {
  switch (e.type) {
    case 'console': {
      const out = e.level === 'warn' || e.level === 'error' || e.level === 'trace' ? process.stderr : process.stdout;
      const text = e.level === 'error' ? color(31, e.text) : e.level === 'warn' ? color(33, e.text) : e.text;
      out.write(text + '\n');
      break;
    }
    case 'result':
      // Printed when the run ends, after everything the script itself printed, as `node -p` does.
      if (print) pendingResult = e.text;
      break;
    case 'error': {
      // A syntax error stopped the code before it ran: its text is Node's (location, source line, caret, message).
      const prefix = e.error.compile ? '' : e.kind === 'unhandledRejection' ? 'Unhandled promise rejection: ' : 'Uncaught ';
      process.stderr.write(color(31, prefix + e.error.stack) + '\n');
      endSaid = true;
      break;
    }
    case 'limit':
      process.stderr.write(color(31, `quickjs-sandbox: ${e.message}`) + '\n');
      endSaid = true;
      break;
    case 'display':
      process.stdout.write(`[display ${e.mime}] ${e.data.length > 200 ? e.data.slice(0, 200) + '…' : e.data}\n`);
      break;
    default:
      break;
  }
}

function printStats(s: MemoryStats): void {
  const heap: [string, string] = ['engine heap', `${formatBytes(s.heap_size)} of ${s.malloc_limit > 0 ? formatBytes(s.malloc_limit) : 'unlimited'}`];
  if (s.partial) {
    process.stderr.write(`\nMemory at exit (heap full, no detail):\n  ${heap[0].padEnd(15)} ${heap[1]}\n`);
    return;
  }
  const rows: Array<[string, string]> = [
    heap,
    ['live estimate', formatBytes(s.memory_used_size)],
    ['objects', `${s.obj_count} (${formatBytes(s.obj_size)})`],
    ['strings', `${s.str_count} (${formatBytes(s.str_size)})`],
    ['atoms', `${s.atom_count} (${formatBytes(s.atom_size)})`],
    ['shapes', `${s.shape_count} (${formatBytes(s.shape_size)})`],
    ['functions', `${s.js_func_count} (${formatBytes(s.js_func_size)}, bytecode ${formatBytes(s.js_func_code_size)})`],
    ['arrays', `${s.array_count} (${s.fast_array_count} fast, ${s.fast_array_elements} elements)`],
    ['binary objects', `${s.binary_object_count} (${formatBytes(s.binary_object_size)})`],
  ];
  process.stderr.write('\nMemory at exit:\n' + rows.map(([k, v]) => `  ${k.padEnd(15)} ${v}`).join('\n') + '\n');
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const { values, positionals, scriptArgs } = parse(argv);
  if (values.help) {
    process.stdout.write(usage() + '\n');
    return 0;
  }
  if (values.version) {
    process.stdout.write(readVersion() + '\n');
    return 0;
  }
  const show = (e: SandboxEvent) => {
    if (values.json) {
      if (e.type !== 'exit') process.stdout.write(JSON.stringify(e) + '\n');
    } else {
      printEvent(e, !!values.print);
    }
  };
  const create = async (opts: SandboxOptions) => {
    try {
      const created = Sandbox.create(opts);
      // While the engine's thread boots, this one is idle: it loads ICU's time zone data, which the whole process
      // shares and the web kernel's install reads (runtime/webHost.ts). Asked first in the worker, that cost 30-80 ms
      // of a cold run. Here and not in the engine's pool: in the extension host it would be work on the editor's thread.
      Intl.DateTimeFormat().resolvedOptions();
      return await created;
    } catch (e) {
      if (e instanceof SandboxOptionError) fail(e.message);
      throw e;
    }
  };
  if (values.eval === undefined && (positionals.length === 0 || positionals[0] === 'repl')) {
    if (positionals.length > 1) fail(`the REPL takes no file or code ("${positionals[1]}"); to run a file use "quickjs-sandbox run ${positionals[1]}"`);
    const opts = options(values, scriptArgs);
    setKeepWarm(false);
    return repl().runRepl({ createSandbox: () => create(opts), showEvent: show, json: !!values.json });
  }
  const { request, rest } = runRequest(values, positionals);
  const opts = options(values, [...rest, ...scriptArgs]);
  if (values.watch) {
    if (request.kind !== 'file') fail('--watch needs a file to watch; it cannot re-run standard input or code given with eval/-e');
    // Every restart takes a fresh sandbox: a warm worker waiting for it makes the restart quick.
    return watchMode().watch(request.path, () => startRun(request, opts, values, show, create, 'watch'), (line) => process.stderr.write(color(2, `quickjs-sandbox: ${line}`) + '\n'));
  }
  setKeepWarm(false);
  if (!values.optimize) baselineCompilerOnly();
  // Read here (this thread only waits for the engine's), after the V8 flags that key the file.
  readCodeCacheOnHost(opts.cacheDir ? path.resolve(opts.cacheDir) : '');
  const run = startRun(request, opts, values, show, create, 'once');
  process.once('SIGINT', run.stop);
  const { code } = await run.done;
  process.off('SIGINT', run.stop);
  // Only the first run with a given engine build makes V8's code cache of it; the process stays until it is written.
  await codeCacheSettled();
  exitOnceWritten(code);
  return code;
}

/**
 * Keeps the engine's WebAssembly on V8's baseline compiler (Liftoff) for a run that ends with the process. With
 * tiering on, evaluating the kernels alone makes V8 queue dozens of the engine's functions, some of them tens of
 * thousands of lines of C, for its optimising compiler on background threads, and Node's exit waits for every queued
 * compile: 80-300 ms after a hello-world's output, on a 2-core machine, besides the CPU they take during the run. The
 * price is steady-state speed (a CPU-bound loop of the engine ran about 2x slower), which a run that computes for
 * seconds buys back with --optimize; the REPL and --watch, which live long, always tier up. Set by the engine's
 * first worker once its thread has booted, before the engine's module is compiled (engine/v8Flags.ts says why).
 */
function baselineCompilerOnly(): void {
  setV8Flags('--liftoff-only');
}

/**
 * Ends the process as soon as what it printed has reached stdout and stderr, without waiting for the engine's
 * worker to wind down (its thread ends with the process).
 */
function exitOnceWritten(code: number): void {
  const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
  void Promise.all(pending.map((s) => new Promise((r) => s.once('drain', r)))).then(() => process.exit(code));
}

/**
 * One run in a fresh sandbox, from creation to the closing line: console output, `-p`'s value, `--stats`, the line
 * that says how it ended. `stop` cancels it (Ctrl+C, or a change under --watch). Under `watch`, `done` also lists
 * the files the run read and the sandbox is disposed; a run `once` leaves it to the process's exit, which follows.
 */
function startRun(
  request: RunRequest,
  opts: SandboxOptions,
  values: ReturnType<typeof parse>['values'],
  show: (e: SandboxEvent) => void,
  create: (opts: SandboxOptions) => Promise<Sandbox>,
  mode: 'once' | 'watch',
): WatchedRun {
  let sandbox: Sandbox | undefined;
  let stopped = false;
  const done = (async () => {
    pendingResult = undefined;
    endSaid = false;
    sandbox = await create(opts);
    if (stopped) {
      await sandbox.dispose();
      return { code: 130, files: [] };
    }
    sandbox.onEvent((e) => show(e as SandboxEvent));
    const outcome = await sandbox.run(request);
    if (pendingResult !== undefined) process.stdout.write(pendingResult + '\n');
    else if (values.print && outcome.exitCode === 0 && !values.json) {
      // A module (import/export or top-level await) has no completion value, unlike a script: say so rather than print nothing.
      process.stderr.write('quickjs-sandbox: -p printed nothing: the code ran as an ES module, which has no value of its last expression (log what you want to see, or drop import/export/top-level await)\n');
    }
    if (values.stats && !sandbox.disposed) {
      try {
        const stats = await sandbox.memoryStats({ classes: true });
        if (values.json) process.stdout.write(JSON.stringify({ type: 'stats', stats }) + '\n');
        else printStats(stats);
      } catch (e) {
        process.stderr.write(`quickjs-sandbox: memory statistics unavailable: ${(e as Error).message}\n`);
      }
    }
    if (values.json) process.stdout.write(JSON.stringify({ type: 'exit', outcome }) + '\n');
    else {
      const line = closingLine(outcome, endSaid);
      if (line) process.stderr.write(color(31, line) + '\n');
    }
    // The process exits next: an orderly engine teardown (a round trip to the worker, then its exit) would only
    // delay the shell's prompt by tens of milliseconds.
    if (mode === 'once') return { code: outcome.exitCode, files: [] };
    // A run that failed to load an import still names the files it did read, the broken one among them.
    const files = !sandbox.disposed ? await sandbox.moduleFiles().catch(() => []) : [];
    await sandbox.dispose();
    return { code: outcome.exitCode, files: request.kind === 'file' ? [request.path, ...files] : files };
  })();
  return {
    done,
    stop: () => {
      stopped = true;
      sandbox?.cancel();
    },
  };
}

function readVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

// A reader that closes the pipe early (`| head -1`) is not an error: stop the run and exit quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: Error) => {
    process.stderr.write(`quickjs-sandbox: internal error: ${e.stack ?? e.message}\n`);
    process.exitCode = 2;
  },
);
