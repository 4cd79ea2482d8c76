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
  /** Members of the class itself (`AbortSignal.timeout`), not of its instances. */
  static?: boolean;
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
  { name: 'performance.mark', kind: 'method', type: '(name: string, options?: { startTime?: number; detail?: unknown }): PerformanceEntry', doc: 'Records a named time (User Timing).' },
  { name: 'performance.measure', kind: 'method', type: '(name: string, start?: string | number | { start?: string | number; end?: string | number; duration?: number; detail?: unknown }, end?: string | number): PerformanceEntry', doc: 'Records the time between two marks (or a mark and now); an unknown mark name throws a `SyntaxError` DOMException.' },
  { name: 'performance.getEntries', kind: 'method', type: '(): PerformanceEntry[]', doc: 'Every mark and measure, in order of `startTime`.' },
  { name: 'performance.getEntriesByName', kind: 'method', type: '(name: string, type?: string): PerformanceEntry[]', doc: 'The marks and measures with this name.' },
  { name: 'performance.getEntriesByType', kind: 'method', type: '(type: string): PerformanceEntry[]', doc: 'The entries of one type: `mark` or `measure`.' },
  { name: 'performance.clearMarks', kind: 'method', type: '(name?: string): void', doc: 'Forgets marks (all of them without a name).' },
  { name: 'performance.clearMeasures', kind: 'method', type: '(name?: string): void', doc: 'Forgets measures (all of them without a name).' },
  { name: 'PerformanceEntry', kind: 'interface', doc: 'A mark or measure.' },
  { name: 'PerformanceEntry.name', kind: 'property', type: 'string', doc: 'Its name.', readonly: true },
  { name: 'PerformanceEntry.entryType', kind: 'property', type: 'string', doc: '`mark` or `measure`.', readonly: true },
  { name: 'PerformanceEntry.startTime', kind: 'property', type: 'number', doc: 'Milliseconds since the sandbox started.', readonly: true },
  { name: 'PerformanceEntry.duration', kind: 'property', type: 'number', doc: 'Milliseconds; 0 for marks.', readonly: true },
  { name: 'PerformanceEntry.detail', kind: 'property', type: 'unknown', doc: 'What the mark or measure was given as `detail`, or `null`.', readonly: true },

  { name: 'TextEncoder', kind: 'class', doc: 'Encodes strings as UTF-8 bytes.' },
  { name: 'TextEncoder.constructor', kind: 'constructor', type: '()', doc: 'Makes a UTF-8 encoder.' },
  { name: 'TextEncoder.encoding', kind: 'property', type: '"utf-8"', readonly: true, doc: 'Always `utf-8`.' },
  { name: 'TextEncoder.encode', kind: 'method', type: '(input?: string): Uint8Array', doc: 'The UTF-8 bytes of `input`.' },
  { name: 'TextDecoder', kind: 'class', doc: 'Decodes bytes to strings: UTF-8, UTF-16LE, UTF-16BE or windows-1252.' },
  { name: 'TextDecoder.constructor', kind: 'constructor', type: '(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean })', doc: 'Makes a decoder for the encoding `label` names (`utf-8` by default; `utf-16le`, `utf-16be`, and `windows-1252`, which `latin1`, `ascii` and `iso-8859-1` name too); other encodings throw a `RangeError`.' },
  { name: 'TextDecoder.encoding', kind: 'property', type: '"utf-8" | "utf-16le" | "utf-16be" | "windows-1252"', readonly: true, doc: 'The encoding\'s name.' },
  { name: 'TextDecoder.decode', kind: 'method', type: '(input?: ArrayBuffer | ArrayBufferView, options?: { stream?: boolean }): string', doc: 'The text of the bytes; invalid sequences become U+FFFD unless the decoder is `fatal`, which throws instead. With `stream`, an incomplete sequence at the end waits for the next call.' },

  { name: 'atob', kind: 'function', type: '(data: string): string', doc: 'Decodes base64 into a binary string (one character per byte).' },
  { name: 'btoa', kind: 'function', type: '(data: string): string', doc: 'Encodes a binary string (characters up to U+00FF) as base64.' },
  { name: 'structuredClone', kind: 'function', type: '<T>(value: T, options?: { transfer?: ArrayBuffer[] }): T', doc: 'A deep copy of `value`, keeping cycles, `Map`, `Set`, `Date`, `RegExp`, typed arrays, errors, `Blob`, `File` and `DOMException`; throws a `DataCloneError` on functions. Buffers in `transfer` move to the copy (the originals are left empty).' },

  { name: 'URL', kind: 'class', doc: 'A parsed URL, as the WHATWG URL standard defines it (its reference implementation, `whatwg-url`). Loaded on first use.' },
  { name: 'URL.constructor', kind: 'constructor', type: '(url: string | URL, base?: string | URL)', doc: 'Parses `url`, relative to `base` when given; an invalid URL throws a `TypeError`.' },
  { name: 'URL.canParse', kind: 'method', type: '(url: string, base?: string): boolean', doc: 'Whether `new URL(url, base)` would succeed.', static: true },
  { name: 'URL.createObjectURL', kind: 'method', type: '(blob: Blob): string', doc: 'A `blob:null/<uuid>` URL that `fetch` reads as the Blob\'s bytes, until `URL.revokeObjectURL`.', static: true },
  { name: 'URL.revokeObjectURL', kind: 'method', type: '(url: string): void', doc: 'Forgets a URL made by `URL.createObjectURL`.', static: true },
  { name: 'URL.href', kind: 'property', type: 'string', doc: 'The whole URL; setting it parses again.' },
  { name: 'URL.origin', kind: 'property', type: 'string', doc: 'Scheme, host and port.', readonly: true },
  { name: 'URL.protocol', kind: 'property', type: 'string', doc: 'The scheme with its colon, `https:`.' },
  { name: 'URL.username', kind: 'property', type: 'string', doc: 'The user name.' },
  { name: 'URL.password', kind: 'property', type: 'string', doc: 'The password.' },
  { name: 'URL.host', kind: 'property', type: 'string', doc: 'Host name and port.' },
  { name: 'URL.hostname', kind: 'property', type: 'string', doc: 'Host name.' },
  { name: 'URL.port', kind: 'property', type: 'string', doc: 'The port, or an empty string for the default port of the scheme.' },
  { name: 'URL.pathname', kind: 'property', type: 'string', doc: 'The path.' },
  { name: 'URL.search', kind: 'property', type: 'string', doc: 'The query with its `?`.' },
  { name: 'URL.searchParams', kind: 'property', type: 'URLSearchParams', doc: 'The query as parameters, kept in sync with `search`.', readonly: true },
  { name: 'URL.hash', kind: 'property', type: 'string', doc: 'The fragment with its `#`.' },
  { name: 'URL.toString', kind: 'method', type: '(): string', doc: 'The `href`.' },
  { name: 'URL.toJSON', kind: 'method', type: '(): string', doc: 'The `href`.' },
  { name: 'URLSearchParams', kind: 'class', doc: 'The parameters of a query string (`application/x-www-form-urlencoded`). Loaded on first use.' },
  { name: 'URLSearchParams.constructor', kind: 'constructor', type: '(init?: string | Record<string, string> | Iterable<[string, string]>)', doc: 'Parses a query (a leading `?` is ignored), or takes pairs.' },
  { name: 'URLSearchParams.size', kind: 'property', type: 'number', doc: 'The number of pairs.', readonly: true },
  { name: 'URLSearchParams.append', kind: 'method', type: '(name: string, value: string): void', doc: 'Adds a pair.' },
  { name: 'URLSearchParams.delete', kind: 'method', type: '(name: string, value?: string): void', doc: 'Removes every pair with this name (and value).' },
  { name: 'URLSearchParams.get', kind: 'method', type: '(name: string): string | null', doc: 'The first value of `name`, or `null`.' },
  { name: 'URLSearchParams.getAll', kind: 'method', type: '(name: string): string[]', doc: 'Every value of `name`.' },
  { name: 'URLSearchParams.has', kind: 'method', type: '(name: string, value?: string): boolean', doc: 'Whether a pair has this name (and value).' },
  { name: 'URLSearchParams.set', kind: 'method', type: '(name: string, value: string): void', doc: 'Replaces the values of `name` with one.' },
  { name: 'URLSearchParams.sort', kind: 'method', type: '(): void', doc: 'Sorts the pairs by name, stably.' },
  { name: 'URLSearchParams.forEach', kind: 'method', type: '(callback: (value: string, name: string, params: URLSearchParams) => void): void', doc: 'Calls `callback` for each pair.' },
  { name: 'URLSearchParams.entries', kind: 'method', type: '(): IterableIterator<[string, string]>', doc: 'The pairs.' },
  { name: 'URLSearchParams.keys', kind: 'method', type: '(): IterableIterator<string>', doc: 'The names.' },
  { name: 'URLSearchParams.values', kind: 'method', type: '(): IterableIterator<string>', doc: 'The values.' },
  { name: 'URLSearchParams.toString', kind: 'method', type: '(): string', doc: 'The query without its `?`, form-encoded.' },
  { name: 'Event', kind: 'class', doc: 'An event (DOM standard). The sandbox has no node tree: every dispatch happens at its target.' },
  { name: 'Event.constructor', kind: 'constructor', type: '(type: string, init?: { bubbles?: boolean; cancelable?: boolean; composed?: boolean })', doc: 'Makes an event.' },
  { name: 'Event.type', kind: 'property', type: 'string', doc: 'The event type.', readonly: true },
  { name: 'Event.target', kind: 'property', type: 'EventTarget | null', doc: 'Where it was dispatched.', readonly: true },
  { name: 'Event.currentTarget', kind: 'property', type: 'EventTarget | null', doc: 'The target whose listeners run now (`null` outside dispatch).', readonly: true },
  { name: 'Event.eventPhase', kind: 'property', type: 'number', doc: '2 (`AT_TARGET`) during dispatch, 0 otherwise.', readonly: true },
  { name: 'Event.cancelable', kind: 'property', type: 'boolean', doc: 'Whether `preventDefault` has an effect.', readonly: true },
  { name: 'Event.defaultPrevented', kind: 'property', type: 'boolean', doc: 'Whether a listener called `preventDefault`.', readonly: true },
  { name: 'Event.timeStamp', kind: 'property', type: 'number', doc: 'When it was made, in `performance.now()` milliseconds.', readonly: true },
  { name: 'Event.isTrusted', kind: 'property', type: 'boolean', doc: 'Always `false`: every event is made by the script.', readonly: true },
  { name: 'Event.preventDefault', kind: 'method', type: '(): void', doc: 'Cancels a cancelable event (ignored in passive listeners).' },
  { name: 'Event.stopPropagation', kind: 'method', type: '(): void', doc: 'Stops propagation (without a tree, it only marks the event).' },
  { name: 'Event.stopImmediatePropagation', kind: 'method', type: '(): void', doc: 'Skips the remaining listeners.' },
  { name: 'CustomEvent', kind: 'class', doc: 'An event carrying `detail`.' },
  { name: 'CustomEvent.constructor', kind: 'constructor', type: '(type: string, init?: { bubbles?: boolean; cancelable?: boolean; detail?: unknown })', doc: 'Makes an event with `detail`.' },
  { name: 'CustomEvent.detail', kind: 'property', type: 'any', doc: 'What the event carries, `null` by default.', readonly: true },
  { name: 'ErrorEvent', kind: 'class', doc: 'The event of an error (HTML). The sandbox fires none itself: its global object is not an `EventTarget`.' },
  { name: 'ErrorEvent.constructor', kind: 'constructor', type: '(type: string, init?: { bubbles?: boolean; cancelable?: boolean; message?: string; filename?: string; lineno?: number; colno?: number; error?: unknown })', doc: 'Makes an error event.' },
  { name: 'ErrorEvent.message', kind: 'property', type: 'string', doc: 'The message, `""` by default.', readonly: true },
  { name: 'ErrorEvent.filename', kind: 'property', type: 'string', doc: 'The file, `""` by default.', readonly: true },
  { name: 'ErrorEvent.lineno', kind: 'property', type: 'number', doc: 'The line, 0 by default.', readonly: true },
  { name: 'ErrorEvent.colno', kind: 'property', type: 'number', doc: 'The column, 0 by default.', readonly: true },
  { name: 'ErrorEvent.error', kind: 'property', type: 'any', doc: 'The error, `null` by default.', readonly: true },
  { name: 'PromiseRejectionEvent', kind: 'class', doc: 'The event of a rejected promise (HTML). The sandbox fires none itself: an unhandled rejection ends the run.' },
  { name: 'PromiseRejectionEvent.constructor', kind: 'constructor', type: '(type: string, init: { bubbles?: boolean; cancelable?: boolean; promise: Promise<unknown>; reason?: unknown })', doc: 'Makes a rejection event; `promise` is required.' },
  { name: 'PromiseRejectionEvent.promise', kind: 'property', type: 'Promise<unknown>', doc: 'The promise.', readonly: true },
  { name: 'PromiseRejectionEvent.reason', kind: 'property', type: 'any', doc: 'Why it was rejected.', readonly: true },
  { name: 'MessageChannel', kind: 'class', doc: 'Two entangled ports (HTML channel messaging) within the sandbox.' },
  { name: 'MessageChannel.constructor', kind: 'constructor', type: '()', doc: 'Makes a channel and its two ports.' },
  { name: 'MessageChannel.port1', kind: 'property', type: 'MessagePort', doc: 'One end.', readonly: true },
  { name: 'MessageChannel.port2', kind: 'property', type: 'MessagePort', doc: 'The other end.', readonly: true },
  { name: 'MessagePort', kind: 'class', doc: 'One end of a `MessageChannel` (an `EventTarget` of `message` events). Scripts cannot construct one.' },
  { name: 'MessagePort.postMessage', kind: 'method', type: '(message: unknown, transfer?: ArrayBuffer[] | { transfer?: ArrayBuffer[] }): void', doc: 'Structured-clones `message` now and delivers it to the other port as a task, once that port is started.' },
  { name: 'MessagePort.start', kind: 'method', type: '(): void', doc: 'Starts delivering queued messages (setting `onmessage` starts the port too; `addEventListener` does not).' },
  { name: 'MessagePort.close', kind: 'method', type: '(): void', doc: 'Disentangles both ports; queued messages are dropped.' },
  { name: 'MessagePort.onmessage', kind: 'property', type: '((event: MessageEvent) => void) | null', doc: 'The `message` handler; setting it starts the port.' },
  { name: 'MessageEvent', kind: 'class', doc: 'The event a `MessagePort` delivers.' },
  { name: 'MessageEvent.constructor', kind: 'constructor', type: '(type: string, init?: { data?: unknown; origin?: string; lastEventId?: string; source?: unknown; ports?: MessagePort[] })', doc: 'Makes a message event.' },
  { name: 'MessageEvent.data', kind: 'property', type: 'any', doc: 'The message (a structured clone of what was posted).', readonly: true },
  { name: 'MessageEvent.origin', kind: 'property', type: 'string', doc: '`""` for a channel\'s messages.', readonly: true },
  { name: 'MessageEvent.lastEventId', kind: 'property', type: 'string', doc: '`""` for a channel\'s messages.', readonly: true },
  { name: 'MessageEvent.ports', kind: 'property', type: 'readonly MessagePort[]', doc: 'Always empty for a channel\'s messages.', readonly: true },
  { name: 'EventTarget', kind: 'class', doc: 'Something events are dispatched to; extend it for your own event emitters.' },
  { name: 'EventTarget.constructor', kind: 'constructor', type: '()', doc: 'Makes a target.' },
  { name: 'EventTarget.addEventListener', kind: 'method', type: '(type: string, listener: ((event: Event) => void) | { handleEvent(event: Event): void } | null, options?: boolean | { capture?: boolean; once?: boolean; passive?: boolean; signal?: AbortSignal }): void', doc: 'Adds a listener, once per listener and capture flag; `signal` removes it on abort.' },
  { name: 'EventTarget.removeEventListener', kind: 'method', type: '(type: string, listener: ((event: Event) => void) | { handleEvent(event: Event): void } | null, options?: boolean | { capture?: boolean }): void', doc: 'Removes a listener.' },
  { name: 'EventTarget.dispatchEvent', kind: 'method', type: '(event: Event): boolean', doc: 'Runs the listeners now (capturing ones first); `false` when one called `preventDefault`. An exception in a listener is reported as uncaught, not thrown here.' },
  { name: 'AbortSignal', kind: 'class', doc: 'Tells an operation to stop. Made by `AbortController` or the static helpers.' },
  { name: 'AbortSignal.aborted', kind: 'property', type: 'boolean', doc: 'Whether it has been aborted.', readonly: true },
  { name: 'AbortSignal.reason', kind: 'property', type: 'any', doc: 'Why: the value given to `abort()`, or an `AbortError`/`TimeoutError` DOMException.', readonly: true },
  { name: 'AbortSignal.onabort', kind: 'property', type: '((event: Event) => void) | null', doc: 'Called on abort.' },
  { name: 'AbortSignal.throwIfAborted', kind: 'method', type: '(): void', doc: 'Throws `reason` when aborted.' },
  { name: 'AbortSignal.addEventListener', kind: 'method', type: '(type: "abort", listener: (event: Event) => void, options?: boolean | { once?: boolean; signal?: AbortSignal }): void', doc: 'Listens for the abort.' },
  { name: 'AbortSignal.removeEventListener', kind: 'method', type: '(type: "abort", listener: (event: Event) => void): void', doc: 'Stops listening.' },
  { name: 'AbortSignal.abort', kind: 'method', type: '(reason?: unknown): AbortSignal', doc: 'A signal that is already aborted.', static: true },
  { name: 'AbortSignal.timeout', kind: 'method', type: '(milliseconds: number): AbortSignal', doc: 'A signal aborted with a `TimeoutError` after `milliseconds`, on the event loop of the sandbox (the timer keeps the run alive until it fires).', static: true },
  { name: 'AbortSignal.any', kind: 'method', type: '(signals: Iterable<AbortSignal>): AbortSignal', doc: 'A signal aborted when the first of `signals` is, with its reason.', static: true },
  { name: 'AbortController', kind: 'class', doc: 'Makes an `AbortSignal` and aborts it. `fetch` accepts the signal (the request is abandoned, not cut: the host finishes it).' },
  { name: 'AbortController.constructor', kind: 'constructor', type: '()', doc: 'Makes a controller with a fresh signal.' },
  { name: 'AbortController.signal', kind: 'property', type: 'AbortSignal', doc: 'Its signal.', readonly: true },
  { name: 'AbortController.abort', kind: 'method', type: '(reason?: unknown): void', doc: 'Aborts the signal (once), with an `AbortError` DOMException unless a reason is given.' },
  { name: 'DOMException', kind: 'class', doc: 'Named web errors (`AbortError`, `TimeoutError`, `QuotaExceededError`...), an `Error` subclass.' },
  { name: 'DOMException.constructor', kind: 'constructor', type: '(message?: string, nameOrOptions?: string | { name?: string; cause?: unknown })', doc: 'Makes one; the name defaults to `Error`.' },
  { name: 'DOMException.name', kind: 'property', type: 'string', doc: 'The error name.', readonly: true },
  { name: 'DOMException.message', kind: 'property', type: 'string', doc: 'The message.', readonly: true },
  { name: 'DOMException.code', kind: 'property', type: 'number', doc: 'The legacy numeric code of the name, 0 for newer names.', readonly: true },
  { name: 'crypto', kind: 'object', doc: 'Web Crypto: random values from the cryptographic generator of the host, and hashes.' },
  { name: 'crypto.getRandomValues', kind: 'method', type: '<T extends Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array>(array: T): T', doc: 'Fills an integer typed array with random values and returns it; more than 65536 bytes throws a `QuotaExceededError`.' },
  { name: 'crypto.randomUUID', kind: 'method', type: '(): string', doc: 'A random version 4 UUID.' },
  { name: 'crypto.subtle', kind: 'property', type: '{ digest(algorithm: "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512" | { name: string }, data: ArrayBuffer | ArrayBufferView): Promise<ArrayBuffer> }', doc: '`digest` only: the other SubtleCrypto methods (keys, signing, encryption) are absent.', readonly: true },
  { name: 'navigator', kind: 'object', doc: 'What the sandbox says about itself.' },
  { name: 'navigator.userAgent', kind: 'property', type: 'string', doc: '`QuickJS-Sandbox/<version>`.', readonly: true },
  { name: 'navigator.language', kind: 'property', type: 'string', doc: 'Always `en-US`.', readonly: true },
  { name: 'navigator.languages', kind: 'property', type: 'readonly string[]', doc: 'Always `["en-US"]`.', readonly: true },
  { name: 'navigator.hardwareConcurrency', kind: 'property', type: 'number', doc: 'Always 1: a sandbox runs on one thread.', readonly: true },
  { name: 'Blob', kind: 'class', doc: 'Immutable bytes with a MIME type (File API).' },
  { name: 'Blob.constructor', kind: 'constructor', type: '(parts?: Iterable<string | ArrayBuffer | ArrayBufferView | Blob>, options?: { type?: string })', doc: 'Joins the parts; strings are encoded as UTF-8.' },
  { name: 'Blob.size', kind: 'property', type: 'number', doc: 'Its length in bytes.', readonly: true },
  { name: 'Blob.type', kind: 'property', type: 'string', doc: 'Its MIME type, lower-cased, or an empty string.', readonly: true },
  { name: 'Blob.slice', kind: 'method', type: '(start?: number, end?: number, contentType?: string): Blob', doc: 'A part of it; negative positions count from the end.' },
  { name: 'Blob.text', kind: 'method', type: '(): Promise<string>', doc: 'Its bytes decoded as UTF-8.' },
  { name: 'Blob.arrayBuffer', kind: 'method', type: '(): Promise<ArrayBuffer>', doc: 'A copy of its bytes.' },
  { name: 'Blob.bytes', kind: 'method', type: '(): Promise<Uint8Array>', doc: 'A copy of its bytes.' },
  { name: 'Blob.stream', kind: 'method', type: '(): ReadableStream', doc: 'Its bytes as a stream.' },
  { name: 'File', kind: 'class', doc: 'A `Blob` with a name and a modification time.' },
  { name: 'File.constructor', kind: 'constructor', type: '(parts: Iterable<string | ArrayBuffer | ArrayBufferView | Blob>, name: string, options?: { type?: string; lastModified?: number })', doc: 'Joins the parts into a named file.' },
  { name: 'File.name', kind: 'property', type: 'string', doc: 'Its name.', readonly: true },
  { name: 'File.lastModified', kind: 'property', type: 'number', doc: 'Milliseconds since 1970, `Date.now()` by default.', readonly: true },
  { name: 'File.size', kind: 'property', type: 'number', doc: 'Its length in bytes.', readonly: true },
  { name: 'File.type', kind: 'property', type: 'string', doc: 'Its MIME type.', readonly: true },
  { name: 'File.slice', kind: 'method', type: '(start?: number, end?: number, contentType?: string): Blob', doc: 'A part of it.' },
  { name: 'File.text', kind: 'method', type: '(): Promise<string>', doc: 'Its bytes decoded as UTF-8.' },
  { name: 'File.arrayBuffer', kind: 'method', type: '(): Promise<ArrayBuffer>', doc: 'A copy of its bytes.' },
  { name: 'File.bytes', kind: 'method', type: '(): Promise<Uint8Array>', doc: 'A copy of its bytes.' },
  { name: 'reportError', kind: 'function', type: '(error: unknown): void', doc: 'Reports `error` as an uncaught exception without throwing (the run ends with it, as in Deno).' },

  {
    name: 'fetch',
    kind: 'function',
    type: '(url: string | URL | Request, init?: SandboxRequestInit): Promise<Response>',
    permission: 'net',
    doc: 'Makes an HTTP request from the host and resolves with the whole response (the Fetch standard\'s `Request`, `Response`, `Headers` and `FormData` are globals too). Origins not granted are refused with an error naming the origin.',
  },
  { name: 'SandboxRequestInit', kind: 'interface', doc: 'Options of `fetch`.' },
  { name: 'SandboxRequestInit.method', kind: 'property', optional: true, type: 'string', doc: 'HTTP method, `GET` by default.' },
  { name: 'SandboxRequestInit.headers', kind: 'property', optional: true, type: 'Headers | Record<string, string> | Array<[string, string]>', doc: 'Request headers.' },
  { name: 'SandboxRequestInit.body', kind: 'property', optional: true, type: 'string | ArrayBuffer | ArrayBufferView | Blob | FormData | URLSearchParams | ReadableStream', doc: 'Request body; it sets `Content-Type` unless a header does (a stream needs `duplex: "half"`).' },
  { name: 'SandboxRequestInit.signal', kind: 'property', optional: true, type: 'AbortSignal', doc: 'Rejects the fetch with the reason of the signal when it aborts.' },
  { name: 'Response', kind: 'class', doc: 'An HTTP response (Fetch standard): what `fetch` resolves with, or one made by the script.' },
  { name: 'Response.constructor', kind: 'constructor', type: '(body?: string | ArrayBuffer | ArrayBufferView | Blob | FormData | URLSearchParams | ReadableStream | null, init?: { status?: number; statusText?: string; headers?: Headers | Record<string, string> | Array<[string, string]> })', doc: 'Makes a response; the status must be 200-599.' },
  { name: 'Response.error', kind: 'method', type: '(): Response', doc: 'A network error response (type `error`, status 0).', static: true },
  { name: 'Response.redirect', kind: 'method', type: '(url: string | URL, status?: number): Response', doc: 'A redirect to `url` (status 301, 302, 303, 307 or 308).', static: true },
  { name: 'Response.json', kind: 'method', type: '(data: unknown, init?: { status?: number; statusText?: string; headers?: Headers | Record<string, string> | Array<[string, string]> }): Response', doc: 'A response whose body is `data` as JSON.', static: true },
  { name: 'Response.type', kind: 'property', type: 'string', readonly: true, doc: '`basic` from fetch, `default` when made by the script, `error` for `Response.error()`.' },
  { name: 'Response.redirected', kind: 'property', type: 'boolean', readonly: true, doc: 'Whether fetch followed a redirect.' },
  { name: 'Response.ok', kind: 'property', type: 'boolean', readonly: true, doc: 'Whether the status is 200-299.' },
  { name: 'Response.status', kind: 'property', type: 'number', readonly: true, doc: 'HTTP status code.' },
  { name: 'Response.statusText', kind: 'property', type: 'string', readonly: true, doc: 'HTTP status text.' },
  { name: 'Response.url', kind: 'property', type: 'string', readonly: true, doc: 'Final URL after redirects.' },
  { name: 'Response.headers', kind: 'property', type: 'Headers', readonly: true, doc: 'Response headers, looked up case-insensitively (immutable).' },
  { name: 'Response.text', kind: 'method', type: '(): Promise<string>', doc: 'The body decoded as UTF-8.' },
  { name: 'Response.json', kind: 'method', type: '(): Promise<any>', doc: 'The body parsed as JSON.' },
  { name: 'Response.arrayBuffer', kind: 'method', type: '(): Promise<ArrayBuffer>', doc: 'The body as bytes.' },
  { name: 'Response.bytes', kind: 'method', type: '(): Promise<Uint8Array>', doc: 'The body as bytes.' },
  { name: 'Response.blob', kind: 'method', type: '(): Promise<Blob>', doc: 'The body as a Blob typed by `Content-Type`.' },
  { name: 'Response.formData', kind: 'method', type: '(): Promise<FormData>', doc: 'The body parsed as multipart/form-data or application/x-www-form-urlencoded.' },
  { name: 'Response.body', kind: 'property', type: 'ReadableStream | null', readonly: true, doc: 'The body as a stream (`null` for 204, 304 and HEAD).' },
  { name: 'Response.bodyUsed', kind: 'property', type: 'boolean', readonly: true, doc: 'Whether the body was read (it can be read once; `clone()` first to read it twice).' },
  { name: 'Response.clone', kind: 'method', type: '(): Response', doc: 'A copy whose body can be read separately.' },

  { name: 'Headers', kind: 'class', doc: 'HTTP headers (Fetch standard): names compared without case, iterated sorted, values of one name joined by `, ` (`set-cookie` apart).' },
  { name: 'Headers.constructor', kind: 'constructor', type: '(init?: Headers | Record<string, string> | Array<[string, string]>)', doc: 'Copies `init`; invalid names or values throw a `TypeError`.' },
  { name: 'Headers.append', kind: 'method', type: '(name: string, value: string): void', doc: 'Adds a value.' },
  { name: 'Headers.set', kind: 'method', type: '(name: string, value: string): void', doc: 'Replaces the values of `name`.' },
  { name: 'Headers.get', kind: 'method', type: '(name: string): string | null', doc: 'The values of `name`, joined, or `null`.' },
  { name: 'Headers.getSetCookie', kind: 'method', type: '(): string[]', doc: 'Each `set-cookie` value.' },
  { name: 'Headers.has', kind: 'method', type: '(name: string): boolean', doc: 'Whether `name` is present.' },
  { name: 'Headers.delete', kind: 'method', type: '(name: string): void', doc: 'Removes `name`.' },
  { name: 'Headers.forEach', kind: 'method', type: '(callback: (value: string, name: string, headers: Headers) => void): void', doc: 'Calls `callback` for each header, sorted by name.' },
  { name: 'Headers.entries', kind: 'method', type: '(): IterableIterator<[string, string]>', doc: 'The headers, sorted by name.' },
  { name: 'Request', kind: 'class', doc: 'An HTTP request (Fetch standard), for `fetch` or to read its body.' },
  { name: 'Request.constructor', kind: 'constructor', type: '(input: string | URL | Request, init?: SandboxRequestInit)', doc: 'Makes a request to an absolute URL; GET and HEAD cannot have a body.' },
  { name: 'Request.method', kind: 'property', type: 'string', readonly: true, doc: 'The method (standard ones upper-cased).' },
  { name: 'Request.url', kind: 'property', type: 'string', readonly: true, doc: 'The parsed URL.' },
  { name: 'Request.headers', kind: 'property', type: 'Headers', readonly: true, doc: 'Its headers.' },
  { name: 'Request.signal', kind: 'property', type: 'AbortSignal', readonly: true, doc: 'Aborts when the signal it was given does.' },
  { name: 'Request.body', kind: 'property', type: 'ReadableStream | null', readonly: true, doc: 'The body as a stream.' },
  { name: 'Request.bodyUsed', kind: 'property', type: 'boolean', readonly: true, doc: 'Whether the body was read.' },
  { name: 'Request.text', kind: 'method', type: '(): Promise<string>', doc: 'The body decoded as UTF-8.' },
  { name: 'Request.json', kind: 'method', type: '(): Promise<any>', doc: 'The body parsed as JSON.' },
  { name: 'Request.arrayBuffer', kind: 'method', type: '(): Promise<ArrayBuffer>', doc: 'The body as bytes.' },
  { name: 'Request.formData', kind: 'method', type: '(): Promise<FormData>', doc: 'The body parsed as form data.' },
  { name: 'Request.clone', kind: 'method', type: '(): Request', doc: 'A copy whose body can be read separately.' },
  { name: 'FormData', kind: 'class', doc: 'Form fields (strings and files), sent by `fetch` as multipart/form-data.' },
  { name: 'FormData.constructor', kind: 'constructor', type: '()', doc: 'An empty form (the sandbox has no HTML forms).' },
  { name: 'FormData.append', kind: 'method', type: '(name: string, value: string | Blob, filename?: string): void', doc: 'Adds a field; a Blob becomes a File.' },
  { name: 'FormData.set', kind: 'method', type: '(name: string, value: string | Blob, filename?: string): void', doc: 'Replaces the fields named `name`.' },
  { name: 'FormData.get', kind: 'method', type: '(name: string): string | File | null', doc: 'The first field named `name`.' },
  { name: 'FormData.getAll', kind: 'method', type: '(name: string): Array<string | File>', doc: 'Every field named `name`.' },
  { name: 'FormData.has', kind: 'method', type: '(name: string): boolean', doc: 'Whether a field is named `name`.' },
  { name: 'FormData.delete', kind: 'method', type: '(name: string): void', doc: 'Removes the fields named `name`.' },
  { name: 'FormData.entries', kind: 'method', type: '(): IterableIterator<[string, string | File]>', doc: 'The fields in order.' },
  { name: 'ReadableStream', kind: 'class', doc: 'A source of chunks (WHATWG Streams, from `web-streams-polyfill`, loaded on first use).' },
  { name: 'ReadableStream.constructor', kind: 'constructor', type: '(source?: { start?(controller: any): any; pull?(controller: any): any; cancel?(reason: any): any; type?: "bytes" }, strategy?: { highWaterMark?: number; size?(chunk: any): number })', doc: 'Makes a stream over `source`.' },
  { name: 'ReadableStream.locked', kind: 'property', type: 'boolean', readonly: true, doc: 'Whether a reader holds it.' },
  { name: 'ReadableStream.getReader', kind: 'method', type: '(options?: { mode?: "byob" }): any', doc: 'Locks it to a reader.' },
  { name: 'ReadableStream.cancel', kind: 'method', type: '(reason?: any): Promise<void>', doc: 'Cancels it.' },
  { name: 'ReadableStream.pipeTo', kind: 'method', type: '(destination: WritableStream, options?: { preventClose?: boolean; preventAbort?: boolean; preventCancel?: boolean; signal?: AbortSignal }): Promise<void>', doc: 'Writes every chunk to `destination`.' },
  { name: 'ReadableStream.pipeThrough', kind: 'method', type: '(transform: { writable: WritableStream; readable: ReadableStream }): ReadableStream', doc: 'Pipes into `transform` and returns its readable side.' },
  { name: 'ReadableStream.tee', kind: 'method', type: '(): [ReadableStream, ReadableStream]', doc: 'Two streams with the same chunks.' },
  { name: 'WritableStream', kind: 'class', doc: 'A destination for chunks (WHATWG Streams).' },
  { name: 'WritableStream.constructor', kind: 'constructor', type: '(sink?: { start?(controller: any): any; write?(chunk: any, controller: any): any; close?(): any; abort?(reason: any): any }, strategy?: { highWaterMark?: number; size?(chunk: any): number })', doc: 'Makes a stream into `sink`.' },
  { name: 'WritableStream.locked', kind: 'property', type: 'boolean', readonly: true, doc: 'Whether a writer holds it.' },
  { name: 'WritableStream.getWriter', kind: 'method', type: '(): any', doc: 'Locks it to a writer.' },
  { name: 'WritableStream.close', kind: 'method', type: '(): Promise<void>', doc: 'Closes it.' },
  { name: 'WritableStream.abort', kind: 'method', type: '(reason?: any): Promise<void>', doc: 'Aborts it.' },
  { name: 'TransformStream', kind: 'class', doc: 'A writable side whose chunks come out of the readable side transformed (WHATWG Streams).' },
  { name: 'TransformStream.constructor', kind: 'constructor', type: '(transformer?: { start?(controller: any): any; transform?(chunk: any, controller: any): any; flush?(controller: any): any })', doc: 'Makes a transform.' },
  { name: 'TransformStream.readable', kind: 'property', type: 'ReadableStream', readonly: true, doc: 'Its readable side.' },
  { name: 'TransformStream.writable', kind: 'property', type: 'WritableStream', readonly: true, doc: 'Its writable side.' },
  { name: 'TextEncoderStream', kind: 'class', doc: 'Strings in, UTF-8 bytes out.' },
  { name: 'TextEncoderStream.readable', kind: 'property', type: 'ReadableStream', readonly: true, doc: 'The bytes.' },
  { name: 'TextEncoderStream.writable', kind: 'property', type: 'WritableStream', readonly: true, doc: 'Takes strings.' },
  { name: 'TextDecoderStream', kind: 'class', doc: 'Bytes in, strings out (characters split across chunks come out whole).' },
  { name: 'TextDecoderStream.constructor', kind: 'constructor', type: '(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean })', doc: 'The encodings of `TextDecoder`.' },
  { name: 'TextDecoderStream.readable', kind: 'property', type: 'ReadableStream', readonly: true, doc: 'The strings.' },
  { name: 'TextDecoderStream.writable', kind: 'property', type: 'WritableStream', readonly: true, doc: 'Takes bytes.' },
  { name: 'CompressionStream', kind: 'class', doc: 'Bytes in, compressed bytes out (Compression standard, over a port of zlib, loaded on first use).' },
  { name: 'CompressionStream.constructor', kind: 'constructor', type: "(format: 'gzip' | 'deflate' | 'deflate-raw')", doc: 'gzip, zlib (`deflate`) or bare DEFLATE (`deflate-raw`).' },
  { name: 'CompressionStream.readable', kind: 'property', type: 'ReadableStream', readonly: true, doc: 'The compressed bytes.' },
  { name: 'CompressionStream.writable', kind: 'property', type: 'WritableStream', readonly: true, doc: 'Takes bytes.' },
  { name: 'DecompressionStream', kind: 'class', doc: 'Compressed bytes in, bytes out; corrupt, truncated or trailing input errors the stream with a TypeError.' },
  { name: 'DecompressionStream.constructor', kind: 'constructor', type: "(format: 'gzip' | 'deflate' | 'deflate-raw')", doc: 'gzip (one member), zlib (`deflate`) or bare DEFLATE (`deflate-raw`).' },
  { name: 'DecompressionStream.readable', kind: 'property', type: 'ReadableStream', readonly: true, doc: 'The bytes.' },
  { name: 'DecompressionStream.writable', kind: 'property', type: 'WritableStream', readonly: true, doc: 'Takes compressed bytes.' },

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
    name: 'process',
    kind: 'object',
    doc: 'A shim of Node\'s `process` for code and packages that probe it; it grants nothing. `env`, `argv`, `platform`, `nextTick`, `exit` and `exitCode` work; the rest of Node\'s `process` (`stdout`, `memoryUsage`, `hrtime`, ...) is absent.',
  },
  { name: 'process.env', kind: 'property', type: 'Record<string, string | undefined>', permission: 'env', doc: 'The granted environment variables and `NODE_ENV` (the one npm packages are bundled with), as strings; a copy the script may change. A variable that was not granted is `undefined`.' },
  { name: 'process.argv', kind: 'property', type: 'string[]', doc: '`["quickjs-sandbox", <the script file>, ...scriptArgs]`: `process.argv.slice(2)` is the script\'s arguments, as in Node.' },
  { name: 'process.platform', kind: 'property', type: '"browser"', readonly: true, doc: 'Always `browser`, as bundlers\' process shims say: the sandbox is not the machine\'s operating system.' },
  { name: 'process.nextTick', kind: 'method', type: '(callback: (...args: any[]) => void, ...args: any[]): void', doc: 'Runs `callback` after the current job, before any timer (a microtask).' },
  { name: 'process.exit', kind: 'method', type: '(code?: number): never', doc: 'Ends the run at once with `code` (default `process.exitCode`, else 0); no `catch` stops it. The command line exits with that code.' },
  { name: 'process.exitCode', kind: 'property', type: 'number | undefined', doc: 'The exit code of a run that ends by itself (0 when unset).' },
  { name: 'process.cwd', kind: 'method', type: '(): string', doc: 'Always `/`: the machine\'s folders are not the script\'s to see (relative paths given to `sandbox.readFile` are resolved against the run\'s working folder).' },
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
