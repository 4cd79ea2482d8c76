/**
 * The one description of what the sandbox gives a script beyond the language itself.
 * Hover, completion and `media/types/quickjs-sandbox.d.ts` are all generated from this list,
 * so documentation and declarations cannot drift apart.
 */

/** A permission a host API needs; all are denied unless the run grants them. */
export type Permission = 'read' | 'net' | 'env';

/**
 * How an entry is declared:
 * - `function`: a global function; `type` is its call signature, `(a: T): R`.
 * - `object`: a global object; its members are the entries named `<name>.<member>`.
 * - `class`: a global class; members are `<name>.<member>`, the constructor is `<name>.constructor`.
 * - `interface`: a helper type (no value at run time); members are `<name>.<member>`.
 * - `variable`: a global constant; `type` is its type.
 * - `method`: a member function; `type` is its call signature.
 * - `property`: a member value; `type` is its type.
 * - `constructor`: a class's constructor; `type` is its parameter list, `(a: T)`.
 */
export type HostApiKind = 'function' | 'object' | 'class' | 'interface' | 'variable' | 'method' | 'property' | 'constructor';

/** One documented name the sandbox provides. */
export interface HostApi {
  /** `setTimeout`, or `console.log` for a member. */
  name: string;
  kind: HostApiKind;
  /** TypeScript text: a call signature for functions and methods, a type for values (see HostApiKind). */
  type?: string;
  /** Markdown, a sentence or two: what it does in the sandbox and how it differs from Node or browsers. */
  doc: string;
  /** The permission a run must grant before the API does anything useful. */
  permission?: Permission;
  /** Members that cannot be reassigned. */
  readonly?: boolean;
  /** Members that may be absent (option bags). */
  optional?: boolean;
}

/** How each permission is granted, for documentation and warnings. */
export const permissionHelp: Record<Permission, string> = {
  read: 'needs the read permission for its folder: the `quickjs.permissions.readFolders` setting or the `allowRead` launch attribute',
  net: 'needs the net permission for the origin: the `quickjs.permissions.netOrigins` setting or the `allowNet` launch attribute',
  env: 'needs the env permission for each variable: the `quickjs.permissions.envNames` setting or the `allowEnv` launch attribute',
};

const consoleMethod = (name: string, doc: string): HostApi => ({
  name: `console.${name}`,
  kind: 'method',
  type: '(...data: unknown[]): void',
  doc,
});

/** Every host API, globals before their members. */
export const hostApis: readonly HostApi[] = [
  {
    name: 'console',
    kind: 'object',
    doc: 'Prints to the sandbox output (the debug console, the terminal or the notebook cell). Objects are formatted the way Node\'s `util.inspect` shows them. Output is capped by the run\'s output limit.',
  },
  consoleMethod('log', 'Prints its arguments, separated by spaces; `%s`, `%d`, `%i`, `%f`, `%o`, `%O` and `%c` in a first string argument are substituted.'),
  consoleMethod('info', 'Same as `console.log`, at info level.'),
  consoleMethod('warn', 'Same as `console.log`, at warning level (stderr in the command-line runner).'),
  consoleMethod('error', 'Same as `console.log`, at error level (stderr in the command-line runner).'),
  consoleMethod('debug', 'Same as `console.log`, at debug level.'),
  consoleMethod('trace', 'Prints its arguments followed by the current stack, mapped to the original source.'),
  consoleMethod('group', 'Prints its arguments, then indents the following output until `console.groupEnd()`.'),
  consoleMethod('groupCollapsed', 'Same as `console.group`.'),
  { name: 'console.groupEnd', kind: 'method', type: '(): void', doc: 'Ends the innermost `console.group`.' },
  { name: 'console.table', kind: 'method', type: '(data: unknown, columns?: string[]): void', doc: 'Prints an array or object as a table, optionally limited to the given columns.' },
  { name: 'console.dir', kind: 'method', type: '(item: unknown, options?: { depth?: number }): void', doc: 'Prints one value as an inspected object.' },
  { name: 'console.assert', kind: 'method', type: '(condition?: unknown, ...data: unknown[]): void', doc: 'Prints `Assertion failed` and the data at error level when the condition is falsy; never throws.' },
  { name: 'console.count', kind: 'method', type: '(label?: string): void', doc: 'Prints how many times it has been called with this label (default `default`).' },
  { name: 'console.countReset', kind: 'method', type: '(label?: string): void', doc: 'Resets the counter of the label.' },
  { name: 'console.time', kind: 'method', type: '(label?: string): void', doc: 'Starts a timer with the label.' },
  { name: 'console.timeLog', kind: 'method', type: '(label?: string, ...data: unknown[]): void', doc: 'Prints the elapsed milliseconds of the timer with the label.' },
  { name: 'console.timeEnd', kind: 'method', type: '(label?: string): void', doc: 'Prints the elapsed milliseconds of the timer with the label and stops it.' },

  {
    name: 'setTimeout',
    kind: 'function',
    type: '(callback: (...args: any[]) => void, delay?: number, ...args: any[]): number',
    doc: 'Calls `callback` once after at least `delay` milliseconds, on the sandbox\'s own event loop. The run stays alive while timers are pending, up to its time limit. Returns a number (not a Node `Timeout` object).',
  },
  {
    name: 'setInterval',
    kind: 'function',
    type: '(callback: (...args: any[]) => void, delay?: number, ...args: any[]): number',
    doc: 'Calls `callback` every `delay` milliseconds until `clearInterval`. A pending interval keeps the run alive until its time limit ends it.',
  },
  { name: 'clearTimeout', kind: 'function', type: '(id?: number): void', doc: 'Cancels a timer made by `setTimeout`; unknown ids are ignored.' },
  { name: 'clearInterval', kind: 'function', type: '(id?: number): void', doc: 'Cancels a timer made by `setInterval`; unknown ids are ignored.' },
  { name: 'queueMicrotask', kind: 'function', type: '(callback: () => void): void', doc: 'Runs `callback` after the current job, before any timer, like a resolved promise\'s reaction.' },

  { name: 'performance', kind: 'object', doc: 'High-resolution time.' },
  { name: 'performance.now', kind: 'method', type: '(): number', doc: 'Milliseconds since the sandbox started, with sub-millisecond precision.' },

  { name: 'TextEncoder', kind: 'class', doc: 'Encodes strings as UTF-8 bytes.' },
  { name: 'TextEncoder.constructor', kind: 'constructor', type: '()', doc: 'Makes a UTF-8 encoder.' },
  { name: 'TextEncoder.encoding', kind: 'property', type: '"utf-8"', readonly: true, doc: 'Always `utf-8`.' },
  { name: 'TextEncoder.encode', kind: 'method', type: '(input?: string): Uint8Array', doc: 'The UTF-8 bytes of `input`.' },
  { name: 'TextDecoder', kind: 'class', doc: 'Decodes UTF-8 bytes to strings.' },
  { name: 'TextDecoder.constructor', kind: 'constructor', type: '(label?: "utf-8" | "utf8", options?: { fatal?: boolean; ignoreBOM?: boolean })', doc: 'Makes a UTF-8 decoder; other encodings are not available in the sandbox.' },
  { name: 'TextDecoder.encoding', kind: 'property', type: '"utf-8"', readonly: true, doc: 'Always `utf-8`.' },
  { name: 'TextDecoder.decode', kind: 'method', type: '(input?: ArrayBuffer | ArrayBufferView): string', doc: 'The text of the UTF-8 bytes; invalid sequences become U+FFFD unless the decoder is `fatal`, which throws instead.' },

  { name: 'atob', kind: 'function', type: '(data: string): string', doc: 'Decodes base64 into a binary string (one character per byte).' },
  { name: 'btoa', kind: 'function', type: '(data: string): string', doc: 'Encodes a binary string (characters up to U+00FF) as base64.' },
  { name: 'structuredClone', kind: 'function', type: '<T>(value: T): T', doc: 'A deep copy of `value`, keeping cycles, `Map`, `Set`, `Date`, `RegExp`, typed arrays and errors; throws on functions.' },

  {
    name: 'fetch',
    kind: 'function',
    type: '(url: string, init?: SandboxRequestInit): Promise<SandboxResponse>',
    permission: 'net',
    doc: 'Makes an HTTP request from the host and resolves with the whole response. Origins not granted are refused with a `TypeError` naming the origin.',
  },
  { name: 'SandboxRequestInit', kind: 'interface', doc: 'Options of `fetch`.' },
  { name: 'SandboxRequestInit.method', kind: 'property', optional: true, type: 'string', doc: 'HTTP method, `GET` by default.' },
  { name: 'SandboxRequestInit.headers', kind: 'property', optional: true, type: 'Record<string, string>', doc: 'Request headers.' },
  { name: 'SandboxRequestInit.body', kind: 'property', optional: true, type: 'string | Uint8Array', doc: 'Request body.' },
  { name: 'SandboxResponse', kind: 'interface', doc: 'What `fetch` resolves with.' },
  { name: 'SandboxResponse.ok', kind: 'property', type: 'boolean', readonly: true, doc: 'Whether the status is 200-299.' },
  { name: 'SandboxResponse.status', kind: 'property', type: 'number', readonly: true, doc: 'HTTP status code.' },
  { name: 'SandboxResponse.statusText', kind: 'property', type: 'string', readonly: true, doc: 'HTTP status text.' },
  { name: 'SandboxResponse.url', kind: 'property', type: 'string', readonly: true, doc: 'Final URL after redirects.' },
  { name: 'SandboxResponse.headers', kind: 'property', type: '{ get(name: string): string | null; has(name: string): boolean }', readonly: true, doc: 'Response headers, looked up case-insensitively.' },
  { name: 'SandboxResponse.text', kind: 'method', type: '(): Promise<string>', doc: 'The body decoded as UTF-8.' },
  { name: 'SandboxResponse.json', kind: 'method', type: '(): Promise<any>', doc: 'The body parsed as JSON.' },
  { name: 'SandboxResponse.arrayBuffer', kind: 'method', type: '(): Promise<ArrayBuffer>', doc: 'The body as bytes.' },

  {
    name: 'sandbox',
    kind: 'object',
    doc: 'What the host lends the script, each part behind a permission. Stands in for Node\'s `fs` and `process.env`.',
  },
  {
    name: 'sandbox.readFile',
    kind: 'method',
    type: '(path: string): Promise<string>',
    permission: 'read',
    doc: 'Reads a UTF-8 text file. Relative paths are resolved against the run\'s working folder; a file outside the granted folders rejects with an error naming the path.',
  },
  {
    name: 'sandbox.env',
    kind: 'property',
    type: 'Readonly<Record<string, string | undefined>>',
    readonly: true,
    permission: 'env',
    doc: 'The granted environment variables, and nothing else: a variable that was not granted is `undefined`.',
  },

  {
    name: 'display',
    kind: 'function',
    type: '(data: unknown, mime?: string): void',
    doc: 'Shows rich output in a notebook cell: `display("<b>hi</b>", "text/html")`, `display(svgText, "image/svg+xml")`, `display({ markdown: "# Title" })`, image bytes (`display(pngBytes, "image/png")` with a `Uint8Array`), or any value as JSON (`application/json`) when no MIME type is given. Outside notebooks it prints like `console.log`.',
  },
  {
    name: 'display.chart',
    kind: 'method',
    type: '(data: readonly (number | null)[] | readonly object[] | { readonly [column: string]: readonly unknown[] }, spec?: DisplayChartSpec): void',
    doc: 'Draws a chart in a notebook cell: `display.chart(rows, { x: "day", y: ["sales", "costs"] })`. `data` is an array of numbers, an array of records, or an object of columns; numbers are plotted, dates go on a time axis, other x values become categories.',
  },
  {
    name: 'DisplayChartSpec',
    kind: 'interface',
    doc: 'What `display.chart` draws. Every field is optional.',
  },
  { name: 'DisplayChartSpec.x', kind: 'property', optional: true, type: 'string', doc: 'The field on the x axis (default: the element index).' },
  { name: 'DisplayChartSpec.y', kind: 'property', optional: true, type: 'string | string[]', doc: 'The fields plotted as series (default: every field holding numbers, except `x`).' },
  { name: 'DisplayChartSpec.type', kind: 'property', optional: true, type: "'line' | 'bar' | 'scatter'", doc: 'The kind of chart (default `line`).' },
  { name: 'DisplayChartSpec.title', kind: 'property', optional: true, type: 'string', doc: 'A title above the chart.' },
  { name: 'DisplayChartSpec.xLabel', kind: 'property', optional: true, type: 'string', doc: 'The x axis label (default: the x field).' },
  { name: 'DisplayChartSpec.yLabel', kind: 'property', optional: true, type: 'string', doc: 'The y axis label.' },
  { name: 'DisplayChartSpec.width', kind: 'property', optional: true, type: 'number', doc: 'Width in pixels (default: the cell\'s width, at most 900).' },
  { name: 'DisplayChartSpec.height', kind: 'property', optional: true, type: 'number', doc: 'Height in pixels (default 320).' },
  {
    name: 'scriptArgs',
    kind: 'variable',
    type: 'readonly string[]',
    doc: 'The arguments the run was launched with (`args` in the launch configuration, the words after the file name on the command line). Stands in for `process.argv.slice(2)`.',
  },
];

/** The entry with this exact name, if any. */
export function findHostApi(name: string): HostApi | undefined {
  return hostApis.find((api) => api.name === name);
}

/** The members of an object, class or interface entry, in declaration order. */
export function membersOf(owner: string): HostApi[] {
  const prefix = `${owner}.`;
  return hostApis.filter((api) => api.name.startsWith(prefix) && !api.name.slice(prefix.length).includes('.'));
}

/** Entries that are names a script can use directly (helper interfaces and members excluded). */
export function globalHostApis(): HostApi[] {
  return hostApis.filter((api) => !api.name.includes('.') && api.kind !== 'interface');
}
