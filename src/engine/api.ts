/**
 * The engine's public types: what every caller (CLI, debug adapter, extension, notebook) builds on.
 * Plain data only, so that every type here can cross a worker boundary with structured clone.
 */

/** Which QuickJS build runs the script. */
export type EngineVariant = 'quickjs' | 'quickjs-ng';

/** Options fixed when a sandbox is created. Every field is optional; `resolveOptions` fills defaults. */
export interface SandboxOptions {
  /** QuickJS build. Default `quickjs` (Bellard, the fastest measured). */
  engine?: EngineVariant;
  /** Heap limit of the QuickJS runtime in bytes. Default 64 MiB. 0 means none. */
  memoryLimitBytes?: number;
  /** QuickJS stack limit in bytes. Default 1 MiB. */
  stackSizeBytes?: number;
  /** Wall-clock limit of one run in milliseconds, event loop included. Default 10,000. 0 means none. */
  timeoutMs?: number;
  /** Most bytes of console output one run may print. Default 4 MiB. 0 means none. */
  outputLimitBytes?: number;
  /** Working folder: relative paths of the run and `allowRead` are resolved against it. Default the process's. */
  cwd?: string;
  /** Permissions; everything is denied unless granted here. */
  permissions?: Permissions;
  /** Arguments visible to the script as `scriptArgs`. */
  args?: string[];
  /** Sample memory statistics every this many milliseconds during a run (0: never). Default 0. */
  memorySampleIntervalMs?: number;
  /** Use the QuickJS debug build with leak checks (tests). Default false. */
  leakCheck?: boolean;
  /**
   * A custom module resolver: the path of a CommonJS module exporting `resolve(specifier, importer)`, which returns
   * a file path, `{ source, name? }`, or null to let the next resolver try. It runs inside the engine's worker,
   * consulted after `staticModules` and before the disk; it is the embedder's code, trusted like the host.
   */
  moduleResolver?: string;
  /**
   * `process.env.NODE_ENV` as npm packages see it (replaced when they are bundled). Default `production`, as
   * bundlers build for browsers; `development` is what packages see in Node when the variable is unset.
   */
  nodeEnv?: 'development' | 'production';
  /**
   * Folder where bundles of npm packages are kept between runs and processes, each checked against the package files
   * it came from on every use (a stale or corrupt one is rebuilt), and V8's code cache of the engine's worker bundle
   * (src/engine/codeCache.ts). Default none: a sandbox bundles on its first import.
   */
  cacheDir?: string;
  /** In-memory modules by specifier, consulted before the disk (embedders, notebooks). */
  staticModules?: Record<string, string>;
  /** Map source positions of errors and stacks through source maps (TypeScript, bundles). Default true. */
  sourceMaps?: boolean;
  /** With `debug: true`: pause at the first top-level statement of every run's entry file (reason `entry`). */
  stopOnEntry?: boolean;
  /**
   * With `debug: true`: glob patterns of files steps pass through and exceptions are not stopped in, as VS Code's
   * JavaScript debugger reads them (globs over absolute paths, `!` to take files back, `<node_internals>` for the
   * bundled Node built-ins); breakpoints set in them still stop. Default: the Node built-ins.
   */
  skipFiles?: string[];
  /**
   * Functions of the embedder the script can call, as globals under these names. They run in the host process (the
   * caller's thread), not in the sandbox. Arguments and results are copied as {@link HostValue}s; a returned promise
   * becomes a promise in the script; an exception becomes an error thrown in the script with the same message.
   */
  hostFunctions?: Record<string, HostFunction>;
}

/**
 * What crosses between the script and a host function: JSON-like data, copied (never shared). `undefined` passes
 * as an argument or result; inside arrays and objects it becomes `null` or is left out, as in JSON; functions and
 * symbols are dropped, and nesting deeper than 8 levels arrives as `null`.
 */
export type HostValue = null | undefined | boolean | number | string | HostValue[] | { [key: string]: HostValue };

/**
 * A host function the script calls by name (see `SandboxOptions.hostFunctions`): synchronous, or returning a promise.
 * Its arguments are whatever the script passed, as {@link HostValue}s: typed `any` so that a function declaring the
 * parameters it expects (`(item: string) => ...`) fits; check them as you would check any untrusted input.
 */
export type HostFunction = (...args: any[]) => HostValue | void | Promise<HostValue | void>;

/** What the script may reach outside the sandbox. Nothing is granted by default. */
export interface Permissions {
  /** Folders whose files (and sub-folders) `sandbox.readFile` may read. */
  read?: string[];
  /** Origins (`https://api.example.com`) `fetch` may reach; `*` grants every origin. */
  net?: string[];
  /** Names of environment variables `sandbox.env` exposes. */
  env?: string[];
}

/** What one run executes: a file on disk or source text. */
export type RunRequest =
  | { kind: 'file'; path: string }
  | { kind: 'source'; source: string; filename?: string; type?: 'script' | 'module' | 'auto'; language?: 'js' | 'ts' };

/** A source position, 1-based line and column, after source-map mapping. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** One frame of a mapped stack. */
export interface StackFrame {
  functionName: string;
  file: string;
  line: number;
  column: number;
}

/** An error that reached the host: uncaught exception or unhandled rejection. */
export interface ErrorInfo {
  name: string;
  message: string;
  /** The stack as text, in Node's shape, mapped to original sources. */
  stack: string;
  frames: StackFrame[];
  /** Rendered value when something other than an Error was thrown. */
  thrown?: string;
  /**
   * A syntax error found while compiling, before any of the code ran: `stack` then reads as Node prints one (the
   * location, the source line with a caret under the column, then the message), with no frame, since none ran.
   */
  compile?: boolean;
}

/** A limit the sandbox enforces. */
export type LimitKind = 'memory' | 'stack' | 'timeout' | 'output';

export type ConsoleLevel = 'log' | 'info' | 'warn' | 'error' | 'debug' | 'trace';

/**
 * A reference to a value that stays inside the sandbox; `Sandbox.children` pages through it.
 * `id` 0 means the value is a primitive with nothing to expand.
 */
export interface RemoteValue {
  id: number;
  /** One-line preview, as util.inspect would print it collapsed. */
  preview: string;
  /** `typeof`, with `null` and `array` split out, plus `map`, `set`, `date`, `regexp`, `error`, `promise`, `typedarray`. */
  type: string;
  /** Class name for objects (`Map`, `Point`), when there is one. */
  className?: string;
  /** Counts for paging: array-like elements, and named properties. */
  indexedCount?: number;
  namedCount?: number;
}

/** A named child of a remote value. */
export interface RemoteProperty {
  name: string;
  value: RemoteValue;
  /** Accessor not yet invoked; `Sandbox.invokeGetter` runs it. */
  getter?: boolean;
}

/** An array of records read as a table (`Sandbox.records`): previews by row and column, and the array's length. */
export interface RecordTable {
  columns: string[];
  /** One entry per element read, one preview per column (`''` where the element has no such key). */
  rows: string[][];
  /** The array's length; more than `rows.length` when the read stopped at its row limit or its 4 Mi-character budget. */
  total: number;
}

/** Every field of QuickJS's memory usage report, plus the limit in force. */
export interface MemoryStats {
  malloc_size: number;
  malloc_limit: number;
  memory_used_size: number;
  malloc_count: number;
  memory_used_count: number;
  atom_count: number;
  atom_size: number;
  str_count: number;
  str_size: number;
  obj_count: number;
  obj_size: number;
  prop_count: number;
  prop_size: number;
  shape_count: number;
  shape_size: number;
  js_func_count: number;
  js_func_size: number;
  js_func_code_size: number;
  js_func_pc2line_count: number;
  js_func_pc2line_size: number;
  c_func_count: number;
  array_count: number;
  fast_array_count: number;
  fast_array_elements: number;
  binary_object_count: number;
  binary_object_size: number;
  /**
   * Bytes of WebAssembly memory the engine has grown to: the figure the memory limit applies to. It is a
   * high-water mark (wasm memory never shrinks); `memory_used_size` estimates what live objects use now.
   */
  heap_size: number;
  /** True when the heap was too full to take the detailed report: only `heap_size` and the limit are real. */
  partial?: boolean;
  /** Object counts by class name, from the engine's dump, when asked for. */
  classes?: Record<string, number>;
  /** Milliseconds since the sandbox was created. */
  time: number;
}

/** Events a sandbox emits during runs. */
export type SandboxEvent =
  | { type: 'console'; level: ConsoleLevel; text: string; groupDepth: number; location?: SourceLocation; args?: RemoteValue[] }
  | { type: 'result'; text: string; value?: RemoteValue }
  | { type: 'error'; kind: 'uncaught' | 'unhandledRejection'; error: ErrorInfo }
  /** `message` names the command-line flag that raises the limit; `summary` says only what ended the run, for front ends that name the option their own way. */
  | { type: 'limit'; limit: LimitKind; message: string; summary: string }
  /** A permission was refused (the script may have caught the error): which one, and the value that would grant it. */
  | { type: 'denied'; permission: 'read' | 'net' | 'env'; value: string; message: string }
  | { type: 'memory'; stats: MemoryStats }
  | { type: 'display'; mime: string; data: string }
  | { type: 'exit'; outcome: RunOutcome };

/** How a run ended. */
export interface RunOutcome {
  status: 'completed' | 'error' | 'limit' | 'cancelled' | 'crashed';
  /** 0 when completed, 1 on an uncaught error, 2 on a limit or crash, 130 when cancelled. */
  exitCode: number;
  durationMs: number;
  /**
   * Where the time went, in the worker: reading, detecting, transpiling and (when debugging) instrumenting the
   * entry (`prepareMs`), then QuickJS compiling and running its top level (`evaluateMs`). Absent if it never ran.
   */
  phases?: { prepareMs: number; evaluateMs: number };
  /** The limit that ended the run, if one did. */
  limit?: LimitKind;
  /** One line for people: why it ended and what to do. */
  message?: string;
  /** The script called `process.exit`: a front end that keeps a session (the REPL) ends it with `exitCode`. */
  processExit?: true;
}
