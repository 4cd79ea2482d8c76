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
  /** Records a named time (User Timing). */
  mark(name: string, options?: { startTime?: number; detail?: unknown }): PerformanceEntry;
  /**
   * Records the time between two marks (or a mark and now); an unknown mark name throws a
   * `SyntaxError` DOMException.
   */
  measure(name: string, start?: string | number | { start?: string | number; end?: string | number; duration?: number; detail?: unknown }, end?: string | number): PerformanceEntry;
  /** Every mark and measure, in order of `startTime`. */
  getEntries(): PerformanceEntry[];
  /** The marks and measures with this name. */
  getEntriesByName(name: string, type?: string): PerformanceEntry[];
  /** The entries of one type: `mark` or `measure`. */
  getEntriesByType(type: string): PerformanceEntry[];
  /** Forgets marks (all of them without a name). */
  clearMarks(name?: string): void;
  /** Forgets measures (all of them without a name). */
  clearMeasures(name?: string): void;
};

/** A mark or measure. */
interface PerformanceEntry {
  /** Its name. */
  readonly name: string;
  /** `mark` or `measure`. */
  readonly entryType: string;
  /** Milliseconds since the sandbox started. */
  readonly startTime: number;
  /** Milliseconds; 0 for marks. */
  readonly duration: number;
  /** What the mark or measure was given as `detail`, or `null`. */
  readonly detail: unknown;
}

/** Encodes strings as UTF-8 bytes. */
declare class TextEncoder {
  /** Makes a UTF-8 encoder. */
  constructor();
  /** Always `utf-8`. */
  readonly encoding: "utf-8";
  /** The UTF-8 bytes of `input`. */
  encode(input?: string): Uint8Array;
}

/** Decodes bytes to strings: UTF-8, UTF-16LE, UTF-16BE or windows-1252. */
declare class TextDecoder {
  /**
   * Makes a decoder for the encoding `label` names (`utf-8` by default; `utf-16le`, `utf-16be`, and
   * `windows-1252`, which `latin1`, `ascii` and `iso-8859-1` name too); other encodings throw a
   * `RangeError`.
   */
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  /** The encoding's name. */
  readonly encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
  /**
   * The text of the bytes; invalid sequences become U+FFFD unless the decoder is `fatal`, which
   * throws instead. With `stream`, an incomplete sequence at the end waits for the next call.
   */
  decode(input?: ArrayBuffer | ArrayBufferView, options?: { stream?: boolean }): string;
}

/** Decodes base64 into a binary string (one character per byte). */
declare function atob(data: string): string;

/** Encodes a binary string (characters up to U+00FF) as base64. */
declare function btoa(data: string): string;

/**
 * A deep copy of `value`, keeping cycles, `Map`, `Set`, `Date`, `RegExp`, typed arrays, errors,
 * `Blob`, `File` and `DOMException`; throws a `DataCloneError` on functions. Buffers in `transfer`
 * move to the copy (the originals are left empty).
 */
declare function structuredClone<T>(value: T, options?: { transfer?: ArrayBuffer[] }): T;

/**
 * A parsed URL, as the WHATWG URL standard defines it (its reference implementation, `whatwg-url`).
 * Loaded on first use.
 */
declare class URL {
  /** Parses `url`, relative to `base` when given; an invalid URL throws a `TypeError`. */
  constructor(url: string | URL, base?: string | URL);
  /** Whether `new URL(url, base)` would succeed. */
  static canParse(url: string, base?: string): boolean;
  /**
   * A `blob:null/<uuid>` URL that `fetch` reads as the Blob's bytes, until `URL.revokeObjectURL`.
   */
  static createObjectURL(blob: Blob): string;
  /** Forgets a URL made by `URL.createObjectURL`. */
  static revokeObjectURL(url: string): void;
  /** The whole URL; setting it parses again. */
  href: string;
  /** Scheme, host and port. */
  readonly origin: string;
  /** The scheme with its colon, `https:`. */
  protocol: string;
  /** The user name. */
  username: string;
  /** The password. */
  password: string;
  /** Host name and port. */
  host: string;
  /** Host name. */
  hostname: string;
  /** The port, or an empty string for the default port of the scheme. */
  port: string;
  /** The path. */
  pathname: string;
  /** The query with its `?`. */
  search: string;
  /** The query as parameters, kept in sync with `search`. */
  readonly searchParams: URLSearchParams;
  /** The fragment with its `#`. */
  hash: string;
  /** The `href`. */
  toString(): string;
  /** The `href`. */
  toJSON(): string;
}

/** The parameters of a query string (`application/x-www-form-urlencoded`). Loaded on first use. */
declare class URLSearchParams {
  /** Parses a query (a leading `?` is ignored), or takes pairs. */
  constructor(init?: string | Record<string, string> | Iterable<[string, string]>);
  /** The number of pairs. */
  readonly size: number;
  /** Adds a pair. */
  append(name: string, value: string): void;
  /** Removes every pair with this name (and value). */
  delete(name: string, value?: string): void;
  /** The first value of `name`, or `null`. */
  get(name: string): string | null;
  /** Every value of `name`. */
  getAll(name: string): string[];
  /** Whether a pair has this name (and value). */
  has(name: string, value?: string): boolean;
  /** Replaces the values of `name` with one. */
  set(name: string, value: string): void;
  /** Sorts the pairs by name, stably. */
  sort(): void;
  /** Calls `callback` for each pair. */
  forEach(callback: (value: string, name: string, params: URLSearchParams) => void): void;
  /** The pairs. */
  entries(): IterableIterator<[string, string]>;
  /** The names. */
  keys(): IterableIterator<string>;
  /** The values. */
  values(): IterableIterator<string>;
  /** The query without its `?`, form-encoded. */
  toString(): string;
}

/** An event (DOM standard). The sandbox has no node tree: every dispatch happens at its target. */
declare class Event {
  /** Makes an event. */
  constructor(type: string, init?: { bubbles?: boolean; cancelable?: boolean; composed?: boolean });
  /** The event type. */
  readonly type: string;
  /** Where it was dispatched. */
  readonly target: EventTarget | null;
  /** The target whose listeners run now (`null` outside dispatch). */
  readonly currentTarget: EventTarget | null;
  /** 2 (`AT_TARGET`) during dispatch, 0 otherwise. */
  readonly eventPhase: number;
  /** Whether `preventDefault` has an effect. */
  readonly cancelable: boolean;
  /** Whether a listener called `preventDefault`. */
  readonly defaultPrevented: boolean;
  /** When it was made, in `performance.now()` milliseconds. */
  readonly timeStamp: number;
  /** Always `false`: every event is made by the script. */
  readonly isTrusted: boolean;
  /** Cancels a cancelable event (ignored in passive listeners). */
  preventDefault(): void;
  /** Stops propagation (without a tree, it only marks the event). */
  stopPropagation(): void;
  /** Skips the remaining listeners. */
  stopImmediatePropagation(): void;
}

/** An event carrying `detail`. */
declare class CustomEvent {
  /** Makes an event with `detail`. */
  constructor(type: string, init?: { bubbles?: boolean; cancelable?: boolean; detail?: unknown });
  /** What the event carries, `null` by default. */
  readonly detail: any;
}

/**
 * The event of an error (HTML). The sandbox fires none itself: its global object is not an
 * `EventTarget`.
 */
declare class ErrorEvent {
  /** Makes an error event. */
  constructor(type: string, init?: { bubbles?: boolean; cancelable?: boolean; message?: string; filename?: string; lineno?: number; colno?: number; error?: unknown });
  /** The message, `""` by default. */
  readonly message: string;
  /** The file, `""` by default. */
  readonly filename: string;
  /** The line, 0 by default. */
  readonly lineno: number;
  /** The column, 0 by default. */
  readonly colno: number;
  /** The error, `null` by default. */
  readonly error: any;
}

/**
 * The event of a rejected promise (HTML). The sandbox fires none itself: an unhandled rejection
 * ends the run.
 */
declare class PromiseRejectionEvent {
  /** Makes a rejection event; `promise` is required. */
  constructor(type: string, init: { bubbles?: boolean; cancelable?: boolean; promise: Promise<unknown>; reason?: unknown });
  /** The promise. */
  readonly promise: Promise<unknown>;
  /** Why it was rejected. */
  readonly reason: any;
}

/** Two entangled ports (HTML channel messaging) within the sandbox. */
declare class MessageChannel {
  /** Makes a channel and its two ports. */
  constructor();
  /** One end. */
  readonly port1: MessagePort;
  /** The other end. */
  readonly port2: MessagePort;
}

/**
 * One end of a `MessageChannel` (an `EventTarget` of `message` events). Scripts cannot construct
 * one.
 */
declare class MessagePort {
  /**
   * Structured-clones `message` now and delivers it to the other port as a task, once that port is
   * started.
   */
  postMessage(message: unknown, transfer?: ArrayBuffer[] | { transfer?: ArrayBuffer[] }): void;
  /**
   * Starts delivering queued messages (setting `onmessage` starts the port too; `addEventListener`
   * does not).
   */
  start(): void;
  /** Disentangles both ports; queued messages are dropped. */
  close(): void;
  /** The `message` handler; setting it starts the port. */
  onmessage: ((event: MessageEvent) => void) | null;
}

/** The event a `MessagePort` delivers. */
declare class MessageEvent {
  /** Makes a message event. */
  constructor(type: string, init?: { data?: unknown; origin?: string; lastEventId?: string; source?: unknown; ports?: MessagePort[] });
  /** The message (a structured clone of what was posted). */
  readonly data: any;
  /** `""` for a channel's messages. */
  readonly origin: string;
  /** `""` for a channel's messages. */
  readonly lastEventId: string;
  /** Always empty for a channel's messages. */
  readonly ports: readonly MessagePort[];
}

/** Something events are dispatched to; extend it for your own event emitters. */
declare class EventTarget {
  /** Makes a target. */
  constructor();
  /** Adds a listener, once per listener and capture flag; `signal` removes it on abort. */
  addEventListener(type: string, listener: ((event: Event) => void) | { handleEvent(event: Event): void } | null, options?: boolean | { capture?: boolean; once?: boolean; passive?: boolean; signal?: AbortSignal }): void;
  /** Removes a listener. */
  removeEventListener(type: string, listener: ((event: Event) => void) | { handleEvent(event: Event): void } | null, options?: boolean | { capture?: boolean }): void;
  /**
   * Runs the listeners now (capturing ones first); `false` when one called `preventDefault`. An
   * exception in a listener is reported as uncaught, not thrown here.
   */
  dispatchEvent(event: Event): boolean;
}

/** Tells an operation to stop. Made by `AbortController` or the static helpers. */
declare class AbortSignal {
  /** Whether it has been aborted. */
  readonly aborted: boolean;
  /** Why: the value given to `abort()`, or an `AbortError`/`TimeoutError` DOMException. */
  readonly reason: any;
  /** Called on abort. */
  onabort: ((event: Event) => void) | null;
  /** Throws `reason` when aborted. */
  throwIfAborted(): void;
  /** Listens for the abort. */
  addEventListener(type: "abort", listener: (event: Event) => void, options?: boolean | { once?: boolean; signal?: AbortSignal }): void;
  /** Stops listening. */
  removeEventListener(type: "abort", listener: (event: Event) => void): void;
  /** A signal that is already aborted. */
  static abort(reason?: unknown): AbortSignal;
  /**
   * A signal aborted with a `TimeoutError` after `milliseconds`, on the event loop of the sandbox
   * (the timer keeps the run alive until it fires).
   */
  static timeout(milliseconds: number): AbortSignal;
  /** A signal aborted when the first of `signals` is, with its reason. */
  static any(signals: Iterable<AbortSignal>): AbortSignal;
}

/**
 * Makes an `AbortSignal` and aborts it. `fetch` accepts the signal (the request is abandoned, not
 * cut: the host finishes it).
 */
declare class AbortController {
  /** Makes a controller with a fresh signal. */
  constructor();
  /** Its signal. */
  readonly signal: AbortSignal;
  /** Aborts the signal (once), with an `AbortError` DOMException unless a reason is given. */
  abort(reason?: unknown): void;
}

/**
 * Named web errors (`AbortError`, `TimeoutError`, `QuotaExceededError`...), an `Error` subclass.
 */
declare class DOMException {
  /** Makes one; the name defaults to `Error`. */
  constructor(message?: string, nameOrOptions?: string | { name?: string; cause?: unknown });
  /** The error name. */
  readonly name: string;
  /** The message. */
  readonly message: string;
  /** The legacy numeric code of the name, 0 for newer names. */
  readonly code: number;
}

/** Web Crypto: random values from the cryptographic generator of the host, and hashes. */
declare const crypto: {
  /**
   * Fills an integer typed array with random values and returns it; more than 65536 bytes throws a
   * `QuotaExceededError`.
   */
  getRandomValues<T extends Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array>(array: T): T;
  /** A random version 4 UUID. */
  randomUUID(): string;
  /** `digest` only: the other SubtleCrypto methods (keys, signing, encryption) are absent. */
  readonly subtle: { digest(algorithm: "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512" | { name: string }, data: ArrayBuffer | ArrayBufferView): Promise<ArrayBuffer> };
};

/** What the sandbox says about itself. */
declare const navigator: {
  /** `QuickJS-Sandbox/<version>`. */
  readonly userAgent: string;
  /** Always `en-US`. */
  readonly language: string;
  /** Always `["en-US"]`. */
  readonly languages: readonly string[];
  /** Always 1: a sandbox runs on one thread. */
  readonly hardwareConcurrency: number;
};

/** Immutable bytes with a MIME type (File API). */
declare class Blob {
  /** Joins the parts; strings are encoded as UTF-8. */
  constructor(parts?: Iterable<string | ArrayBuffer | ArrayBufferView | Blob>, options?: { type?: string });
  /** Its length in bytes. */
  readonly size: number;
  /** Its MIME type, lower-cased, or an empty string. */
  readonly type: string;
  /** A part of it; negative positions count from the end. */
  slice(start?: number, end?: number, contentType?: string): Blob;
  /** Its bytes decoded as UTF-8. */
  text(): Promise<string>;
  /** A copy of its bytes. */
  arrayBuffer(): Promise<ArrayBuffer>;
  /** A copy of its bytes. */
  bytes(): Promise<Uint8Array>;
  /** Its bytes as a stream. */
  stream(): ReadableStream;
}

/** A `Blob` with a name and a modification time. */
declare class File {
  /** Joins the parts into a named file. */
  constructor(parts: Iterable<string | ArrayBuffer | ArrayBufferView | Blob>, name: string, options?: { type?: string; lastModified?: number });
  /** Its name. */
  readonly name: string;
  /** Milliseconds since 1970, `Date.now()` by default. */
  readonly lastModified: number;
  /** Its length in bytes. */
  readonly size: number;
  /** Its MIME type. */
  readonly type: string;
  /** A part of it. */
  slice(start?: number, end?: number, contentType?: string): Blob;
  /** Its bytes decoded as UTF-8. */
  text(): Promise<string>;
  /** A copy of its bytes. */
  arrayBuffer(): Promise<ArrayBuffer>;
  /** A copy of its bytes. */
  bytes(): Promise<Uint8Array>;
}

/** Reports `error` as an uncaught exception without throwing (the run ends with it, as in Deno). */
declare function reportError(error: unknown): void;

/**
 * Makes an HTTP request from the host and resolves with the whole response (the Fetch standard's
 * `Request`, `Response`, `Headers` and `FormData` are globals too). Origins not granted are refused
 * with an error naming the origin. In the sandbox it needs the net permission for the origin: the
 * `quickjs.permissions.netOrigins` setting or the `allowNet` launch attribute.
 */
declare function fetch(url: string | URL | Request, init?: SandboxRequestInit): Promise<Response>;

/** Options of `fetch`. */
interface SandboxRequestInit {
  /** HTTP method, `GET` by default. */
  method?: string;
  /** Request headers. */
  headers?: Headers | Record<string, string> | Array<[string, string]>;
  /**
   * Request body; it sets `Content-Type` unless a header does (a stream needs `duplex: "half"`).
   */
  body?: string | ArrayBuffer | ArrayBufferView | Blob | FormData | URLSearchParams | ReadableStream;
  /** Rejects the fetch with the reason of the signal when it aborts. */
  signal?: AbortSignal;
}

/** An HTTP response (Fetch standard): what `fetch` resolves with, or one made by the script. */
declare class Response {
  /** Makes a response; the status must be 200-599. */
  constructor(body?: string | ArrayBuffer | ArrayBufferView | Blob | FormData | URLSearchParams | ReadableStream | null, init?: { status?: number; statusText?: string; headers?: Headers | Record<string, string> | Array<[string, string]> });
  /** A network error response (type `error`, status 0). */
  static error(): Response;
  /** A redirect to `url` (status 301, 302, 303, 307 or 308). */
  static redirect(url: string | URL, status?: number): Response;
  /** A response whose body is `data` as JSON. */
  static json(data: unknown, init?: { status?: number; statusText?: string; headers?: Headers | Record<string, string> | Array<[string, string]> }): Response;
  /** `basic` from fetch, `default` when made by the script, `error` for `Response.error()`. */
  readonly type: string;
  /** Whether fetch followed a redirect. */
  readonly redirected: boolean;
  /** Whether the status is 200-299. */
  readonly ok: boolean;
  /** HTTP status code. */
  readonly status: number;
  /** HTTP status text. */
  readonly statusText: string;
  /** Final URL after redirects. */
  readonly url: string;
  /** Response headers, looked up case-insensitively (immutable). */
  readonly headers: Headers;
  /** The body decoded as UTF-8. */
  text(): Promise<string>;
  /** The body parsed as JSON. */
  json(): Promise<any>;
  /** The body as bytes. */
  arrayBuffer(): Promise<ArrayBuffer>;
  /** The body as bytes. */
  bytes(): Promise<Uint8Array>;
  /** The body as a Blob typed by `Content-Type`. */
  blob(): Promise<Blob>;
  /** The body parsed as multipart/form-data or application/x-www-form-urlencoded. */
  formData(): Promise<FormData>;
  /** The body as a stream (`null` for 204, 304 and HEAD). */
  readonly body: ReadableStream | null;
  /** Whether the body was read (it can be read once; `clone()` first to read it twice). */
  readonly bodyUsed: boolean;
  /** A copy whose body can be read separately. */
  clone(): Response;
}

/**
 * HTTP headers (Fetch standard): names compared without case, iterated sorted, values of one name
 * joined by `, ` (`set-cookie` apart).
 */
declare class Headers {
  /** Copies `init`; invalid names or values throw a `TypeError`. */
  constructor(init?: Headers | Record<string, string> | Array<[string, string]>);
  /** Adds a value. */
  append(name: string, value: string): void;
  /** Replaces the values of `name`. */
  set(name: string, value: string): void;
  /** The values of `name`, joined, or `null`. */
  get(name: string): string | null;
  /** Each `set-cookie` value. */
  getSetCookie(): string[];
  /** Whether `name` is present. */
  has(name: string): boolean;
  /** Removes `name`. */
  delete(name: string): void;
  /** Calls `callback` for each header, sorted by name. */
  forEach(callback: (value: string, name: string, headers: Headers) => void): void;
  /** The headers, sorted by name. */
  entries(): IterableIterator<[string, string]>;
}

/** An HTTP request (Fetch standard), for `fetch` or to read its body. */
declare class Request {
  /** Makes a request to an absolute URL; GET and HEAD cannot have a body. */
  constructor(input: string | URL | Request, init?: SandboxRequestInit);
  /** The method (standard ones upper-cased). */
  readonly method: string;
  /** The parsed URL. */
  readonly url: string;
  /** Its headers. */
  readonly headers: Headers;
  /** Aborts when the signal it was given does. */
  readonly signal: AbortSignal;
  /** The body as a stream. */
  readonly body: ReadableStream | null;
  /** Whether the body was read. */
  readonly bodyUsed: boolean;
  /** The body decoded as UTF-8. */
  text(): Promise<string>;
  /** The body parsed as JSON. */
  json(): Promise<any>;
  /** The body as bytes. */
  arrayBuffer(): Promise<ArrayBuffer>;
  /** The body parsed as form data. */
  formData(): Promise<FormData>;
  /** A copy whose body can be read separately. */
  clone(): Request;
}

/** Form fields (strings and files), sent by `fetch` as multipart/form-data. */
declare class FormData {
  /** An empty form (the sandbox has no HTML forms). */
  constructor();
  /** Adds a field; a Blob becomes a File. */
  append(name: string, value: string | Blob, filename?: string): void;
  /** Replaces the fields named `name`. */
  set(name: string, value: string | Blob, filename?: string): void;
  /** The first field named `name`. */
  get(name: string): string | File | null;
  /** Every field named `name`. */
  getAll(name: string): Array<string | File>;
  /** Whether a field is named `name`. */
  has(name: string): boolean;
  /** Removes the fields named `name`. */
  delete(name: string): void;
  /** The fields in order. */
  entries(): IterableIterator<[string, string | File]>;
}

/** A source of chunks (WHATWG Streams, from `web-streams-polyfill`, loaded on first use). */
declare class ReadableStream {
  /** Makes a stream over `source`. */
  constructor(source?: { start?(controller: any): any; pull?(controller: any): any; cancel?(reason: any): any; type?: "bytes" }, strategy?: { highWaterMark?: number; size?(chunk: any): number });
  /** Whether a reader holds it. */
  readonly locked: boolean;
  /** Locks it to a reader. */
  getReader(options?: { mode?: "byob" }): any;
  /** Cancels it. */
  cancel(reason?: any): Promise<void>;
  /** Writes every chunk to `destination`. */
  pipeTo(destination: WritableStream, options?: { preventClose?: boolean; preventAbort?: boolean; preventCancel?: boolean; signal?: AbortSignal }): Promise<void>;
  /** Pipes into `transform` and returns its readable side. */
  pipeThrough(transform: { writable: WritableStream; readable: ReadableStream }): ReadableStream;
  /** Two streams with the same chunks. */
  tee(): [ReadableStream, ReadableStream];
}

/** A destination for chunks (WHATWG Streams). */
declare class WritableStream {
  /** Makes a stream into `sink`. */
  constructor(sink?: { start?(controller: any): any; write?(chunk: any, controller: any): any; close?(): any; abort?(reason: any): any }, strategy?: { highWaterMark?: number; size?(chunk: any): number });
  /** Whether a writer holds it. */
  readonly locked: boolean;
  /** Locks it to a writer. */
  getWriter(): any;
  /** Closes it. */
  close(): Promise<void>;
  /** Aborts it. */
  abort(reason?: any): Promise<void>;
}

/** A writable side whose chunks come out of the readable side transformed (WHATWG Streams). */
declare class TransformStream {
  /** Makes a transform. */
  constructor(transformer?: { start?(controller: any): any; transform?(chunk: any, controller: any): any; flush?(controller: any): any });
  /** Its readable side. */
  readonly readable: ReadableStream;
  /** Its writable side. */
  readonly writable: WritableStream;
}

/** Strings in, UTF-8 bytes out. */
declare class TextEncoderStream {
  /** The bytes. */
  readonly readable: ReadableStream;
  /** Takes strings. */
  readonly writable: WritableStream;
}

/** Bytes in, strings out (characters split across chunks come out whole). */
declare class TextDecoderStream {
  /** The encodings of `TextDecoder`. */
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  /** The strings. */
  readonly readable: ReadableStream;
  /** Takes bytes. */
  readonly writable: WritableStream;
}

/**
 * Bytes in, compressed bytes out (Compression standard, over a port of zlib, loaded on first use).
 */
declare class CompressionStream {
  /** gzip, zlib (`deflate`) or bare DEFLATE (`deflate-raw`). */
  constructor(format: 'gzip' | 'deflate' | 'deflate-raw');
  /** The compressed bytes. */
  readonly readable: ReadableStream;
  /** Takes bytes. */
  readonly writable: WritableStream;
}

/**
 * Compressed bytes in, bytes out; corrupt, truncated or trailing input errors the stream with a
 * TypeError.
 */
declare class DecompressionStream {
  /** gzip (one member), zlib (`deflate`) or bare DEFLATE (`deflate-raw`). */
  constructor(format: 'gzip' | 'deflate' | 'deflate-raw');
  /** The bytes. */
  readonly readable: ReadableStream;
  /** Takes compressed bytes. */
  readonly writable: WritableStream;
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
 * A shim of Node's `process` for code and packages that probe it; it grants nothing. `env`, `argv`,
 * `platform`, `nextTick`, `exit` and `exitCode` work; the rest of Node's `process` (`stdout`,
 * `memoryUsage`, `hrtime`, ...) is absent.
 */
declare const process: {
  /**
   * The granted environment variables and `NODE_ENV` (the one npm packages are bundled with), as
   * strings; a copy the script may change. A variable that was not granted is `undefined`. In the
   * sandbox it needs the env permission for each variable: the `quickjs.permissions.envNames`
   * setting or the `allowEnv` launch attribute.
   */
  env: Record<string, string | undefined>;
  /**
   * `["quickjs-sandbox", <the script file>, ...scriptArgs]`: `process.argv.slice(2)` is the
   * script's arguments, as in Node.
   */
  argv: string[];
  /**
   * Always `browser`, as bundlers' process shims say: the sandbox is not the machine's operating
   * system.
   */
  readonly platform: "browser";
  /** Runs `callback` after the current job, before any timer (a microtask). */
  nextTick(callback: (...args: any[]) => void, ...args: any[]): void;
  /**
   * Ends the run at once with `code` (default `process.exitCode`, else 0); no `catch` stops it. The
   * command line exits with that code.
   */
  exit(code?: number): never;
  /** The exit code of a run that ends by itself (0 when unset). */
  exitCode: number | undefined;
  /**
   * Always `/`: the machine's folders are not the script's to see (relative paths given to
   * `sandbox.readFile` are resolved against the run's working folder).
   */
  cwd(): string;
};

/**
 * The arguments the run was launched with (`args` in the launch configuration, the words after the
 * file name on the command line). Stands in for `process.argv.slice(2)`.
 */
declare const scriptArgs: readonly string[];
