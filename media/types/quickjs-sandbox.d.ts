// Generated from src/language-server/hostApis.ts by src/language-server/writeDeclarations.ts; do not edit.
// Declares what the QuickJS sandbox provides beyond the language; Node's and the DOM's globals are absent there.

/**
 * Prints to the sandbox output (the debug console, the terminal or the notebook cell). Objects are
 * formatted the way Node's `util.inspect` shows them. Output is capped by the run's output limit.
 */
declare const console: {
  /**
   * Prints its arguments, separated by spaces; `%s`, `%d`, `%i`, `%f`, `%o`, `%O` and `%c` in a
   * first string argument are substituted.
   */
  log(...data: unknown[]): void;
  /** Same as `console.log`, at info level. */
  info(...data: unknown[]): void;
  /** Same as `console.log`, at warning level (stderr in the command-line runner). */
  warn(...data: unknown[]): void;
  /** Same as `console.log`, at error level (stderr in the command-line runner). */
  error(...data: unknown[]): void;
  /** Same as `console.log`, at debug level. */
  debug(...data: unknown[]): void;
  /** Prints its arguments followed by the current stack, mapped to the original source. */
  trace(...data: unknown[]): void;
  /** Prints its arguments, then indents the following output until `console.groupEnd()`. */
  group(...data: unknown[]): void;
  /** Same as `console.group`. */
  groupCollapsed(...data: unknown[]): void;
  /** Ends the innermost `console.group`. */
  groupEnd(): void;
  /** Prints an array or object as a table, optionally limited to the given columns. */
  table(data: unknown, columns?: string[]): void;
  /** Prints one value as an inspected object. */
  dir(item: unknown, options?: { depth?: number }): void;
  /**
   * Prints `Assertion failed` and the data at error level when the condition is falsy; never
   * throws.
   */
  assert(condition?: unknown, ...data: unknown[]): void;
  /** Prints how many times it has been called with this label (default `default`). */
  count(label?: string): void;
  /** Resets the counter of the label. */
  countReset(label?: string): void;
  /** Starts a timer with the label. */
  time(label?: string): void;
  /** Prints the elapsed milliseconds of the timer with the label. */
  timeLog(label?: string, ...data: unknown[]): void;
  /** Prints the elapsed milliseconds of the timer with the label and stops it. */
  timeEnd(label?: string): void;
};

/**
 * Calls `callback` once after at least `delay` milliseconds, on the sandbox's own event loop. The
 * run stays alive while timers are pending, up to its time limit. Returns a number (not a Node
 * `Timeout` object).
 */
declare function setTimeout(callback: (...args: any[]) => void, delay?: number, ...args: any[]): number;

/**
 * Calls `callback` every `delay` milliseconds until `clearInterval`. A pending interval keeps the
 * run alive until its time limit ends it.
 */
declare function setInterval(callback: (...args: any[]) => void, delay?: number, ...args: any[]): number;

/** Cancels a timer made by `setTimeout`; unknown ids are ignored. */
declare function clearTimeout(id?: number): void;

/** Cancels a timer made by `setInterval`; unknown ids are ignored. */
declare function clearInterval(id?: number): void;

/** Runs `callback` after the current job, before any timer, like a resolved promise's reaction. */
declare function queueMicrotask(callback: () => void): void;

/** High-resolution time. */
declare const performance: {
  /** Milliseconds since the sandbox started, with sub-millisecond precision. */
  now(): number;
};

/** Encodes strings as UTF-8 bytes. */
declare class TextEncoder {
  /** Makes a UTF-8 encoder. */
  constructor();
  /** Always `utf-8`. */
  readonly encoding: "utf-8";
  /** The UTF-8 bytes of `input`. */
  encode(input?: string): Uint8Array;
}

/** Decodes UTF-8 bytes to strings. */
declare class TextDecoder {
  /** Makes a UTF-8 decoder; other encodings are not available in the sandbox. */
  constructor(label?: "utf-8" | "utf8", options?: { fatal?: boolean; ignoreBOM?: boolean });
  /** Always `utf-8`. */
  readonly encoding: "utf-8";
  /**
   * The text of the UTF-8 bytes; invalid sequences become U+FFFD unless the decoder is `fatal`,
   * which throws instead.
   */
  decode(input?: ArrayBuffer | ArrayBufferView): string;
}

/** Decodes base64 into a binary string (one character per byte). */
declare function atob(data: string): string;

/** Encodes a binary string (characters up to U+00FF) as base64. */
declare function btoa(data: string): string;

/**
 * A deep copy of `value`, keeping cycles, `Map`, `Set`, `Date`, `RegExp`, typed arrays and errors;
 * throws on functions.
 */
declare function structuredClone<T>(value: T): T;

/**
 * Makes an HTTP request from the host and resolves with the whole response. Origins not granted are
 * refused with a `TypeError` naming the origin. In the sandbox it needs the net permission for the
 * origin: the `quickjs.permissions.netOrigins` setting or the `allowNet` launch attribute.
 */
declare function fetch(url: string, init?: SandboxRequestInit): Promise<SandboxResponse>;

/** Options of `fetch`. */
interface SandboxRequestInit {
  /** HTTP method, `GET` by default. */
  method?: string;
  /** Request headers. */
  headers?: Record<string, string>;
  /** Request body. */
  body?: string | Uint8Array;
}

/** What `fetch` resolves with. */
interface SandboxResponse {
  /** Whether the status is 200-299. */
  readonly ok: boolean;
  /** HTTP status code. */
  readonly status: number;
  /** HTTP status text. */
  readonly statusText: string;
  /** Final URL after redirects. */
  readonly url: string;
  /** Response headers, looked up case-insensitively. */
  readonly headers: { get(name: string): string | null; has(name: string): boolean };
  /** The body decoded as UTF-8. */
  text(): Promise<string>;
  /** The body parsed as JSON. */
  json(): Promise<any>;
  /** The body as bytes. */
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * What the host lends the script, each part behind a permission. Stands in for Node's `fs` and
 * `process.env`.
 */
declare const sandbox: {
  /**
   * Reads a UTF-8 text file. Relative paths are resolved against the run's working folder; a file
   * outside the granted folders rejects with an error naming the path. In the sandbox it needs the
   * read permission for its folder: the `quickjs.permissions.readFolders` setting or the
   * `allowRead` launch attribute.
   */
  readFile(path: string): Promise<string>;
  /**
   * The granted environment variables, and nothing else: a variable that was not granted is
   * `undefined`. In the sandbox it needs the env permission for each variable: the
   * `quickjs.permissions.envNames` setting or the `allowEnv` launch attribute.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
};

/**
 * Shows rich output in a notebook cell: `display("<b>hi</b>", "text/html")`, `display(svgText,
 * "image/svg+xml")`, `display({ markdown: "# Title" })`, image bytes (`display(pngBytes,
 * "image/png")` with a `Uint8Array`), or any value as JSON (`application/json`) when no MIME type
 * is given. Outside notebooks it prints like `console.log`.
 */
declare function display(data: unknown, mime?: string): void;
declare namespace display {
  /**
   * Draws a chart in a notebook cell: `display.chart(rows, { x: "day", y: ["sales", "costs"] })`.
   * `data` is an array of numbers, an array of records, or an object of columns; numbers are
   * plotted, dates go on a time axis, other x values become categories.
   */
  function chart(data: readonly (number | null)[] | readonly object[] | { readonly [column: string]: readonly unknown[] }, spec?: DisplayChartSpec): void;
}

/** What `display.chart` draws. Every field is optional. */
interface DisplayChartSpec {
  /** The field on the x axis (default: the element index). */
  x?: string;
  /** The fields plotted as series (default: every field holding numbers, except `x`). */
  y?: string | string[];
  /** The kind of chart (default `line`). */
  type?: 'line' | 'bar' | 'scatter';
  /** A title above the chart. */
  title?: string;
  /** The x axis label (default: the x field). */
  xLabel?: string;
  /** The y axis label. */
  yLabel?: string;
  /** Width in pixels (default: the cell's width, at most 900). */
  width?: number;
  /** Height in pixels (default 320). */
  height?: number;
}

/**
 * The arguments the run was launched with (`args` in the launch configuration, the words after the
 * file name on the command line). Stands in for `process.argv.slice(2)`.
 */
declare const scriptArgs: readonly string[];
