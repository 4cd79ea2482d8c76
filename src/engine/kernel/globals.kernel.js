// The globals kernel: host-facing web APIs (console, TextEncoder/TextDecoder, atob/btoa, structuredClone,
// performance, display), written in JavaScript so they run INSIDE QuickJS, and the values bridge (values/) that
// renders values for the console, the notebook and the debugger.
// An ES module bundled into the script the worker evaluates (scripts/kernel-bundle.mjs); its default export
// `install(host)` is called once per context before user code. Everything the kernel relies on is captured before
// any program runs (shared/intrinsics.js), because user code that runs later in the same context may replace
// built-ins or poison prototypes; the kernel's own arrays and records have null prototypes for the same reason.
// See README.md beside this file for the contract.
import {
  G, ObjectCtor, ErrorCtor, TypeErrorCtor, RangeErrorCtor, MapCtor, SetCtor, DateCtor, RegExpCtor, ArrayCtor,
  ArrayBufferCtor, DataViewCtor, Uint8ArrayCtor, StringCtor, NumberCtor, MathMin, MathFloor, DateNow,
  encodeURIComponentFn, decodeURIComponentFn, escapeFn, unescapeFn, StringFromCharCode, SymbolToStringTag,
  ReflectApply, ObjectKeys, ObjectDefineProperty, ObjectHasOwn, FunctionToString, StrSlice, StrCharCodeAt,
  StrIndexOf, StrLastIndexOf, StrIncludes, StrStartsWith, StrRepeat, StrPadStart, StrPadEnd, StrToLowerCase, StrTrim,
  NumToFixed, NumValueOf, StrValueOf, BoolValueOf, BigIntValueOf, SymbolToString, DateGetTime, MapGet, MapSet,
  MapHas, MapDelete, MapEntries, MapIterNext, SetAdd, SetValues, SetIterNext, ABByteLength, TATag, TALength,
  TABuffer, TAByteOffset, TAByteLength, TASet, DVByteLength, DVByteOffset, DVBuffer, RegExpSource, typedArrayCtors,
  errorCtors,
} from './shared/intrinsics.js';
import {
  list, push, join, at, listIncludes, ownData, safeGet, defineHidden, defineData, describeFailure, safeString,
  builtinTag, isMap, isSet, isDate, isArrayBuffer, isSharedArrayBuffer, isDataView, isWeakMap, isWeakSet, isWeakRef,
  isNumberObject, isStringObject, isBooleanObject, isBigIntObject, isSymbolObject, typedArrayTag, isRegExp, isArray,
  isError, isPromise, regExpFlags,
} from './shared/safe.js';
import {
  usePromiseState, useStackMapper, mapStack, indentLines, inspectWith, formatArgs, jsonText,
} from './values/inspect.js';
import { bridge } from './values/remote.js';

export default function install(host) {
  const hostEmit = host.emit;
  const hostNow = host.now;
  const hostDisplay = host.display;
  usePromiseState(host.promiseState);
  useStackMapper(host.mapStack);

  /** The filename the worker gave this script, so console.trace can hide the kernel's own frames. */
  const kernelFile = (() => {
    const stack = new ErrorCtor().stack;
    if (typeof stack !== 'string') return undefined;
    const open = StrIndexOf(stack, '(');
    const end = StrIndexOf(stack, ')', open);
    if (open < 0 || end < 0) return undefined;
    const loc = StrSlice(stack, open + 1, end);
    const c2 = StrLastIndexOf(loc, ':');
    const c1 = c2 > 0 ? StrLastIndexOf(loc, ':', c2 - 1) : -1;
    return c1 > 0 ? StrSlice(loc, 0, c1) : loc;
  })();

  // ---------------------------------------------------------------------------------------------------------
  // console

  let groupDepth = 0;
  const counts = new MapCtor();
  const timers = new MapCtor();

  /** Sends one line to the host, indented for the current group like Node does. */
  function emit(level, text, stack) {
    if (groupDepth > 0) {
      const indent = StrRepeat(' ', groupDepth * 2);
      text = indent + indentLines(text, indent);
    }
    hostEmit(level, text, groupDepth, stack);
  }
  function callerStack() {
    try {
      const s = new ErrorCtor().stack;
      return typeof s === 'string' ? s : '';
    } catch {
      return '';
    }
  }
  /** The frames of a stack captured in the kernel, minus the kernel's own frames. */
  function userFrames(stack) {
    const out = list();
    let start = 0;
    while (start < stack.length) {
      let nl = StrIndexOf(stack, '\n', start);
      if (nl < 0) nl = stack.length;
      const line = StrSlice(stack, start, nl);
      start = nl + 1;
      if (line === '') continue;
      if (kernelFile !== undefined && (StrIncludes(line, `(${kernelFile}:`) || StrIncludes(line, ` ${kernelFile}:`))) continue;
      push(out, line);
    }
    return join(out, '\n');
  }
  function labelOf(label) {
    return label === undefined ? 'default' : safeString(label);
  }
  function formatDuration(ms) {
    let hours = 0;
    let minutes = 0;
    let seconds = 0;
    if (ms >= 1000) {
      if (ms >= 60000) {
        if (ms >= 3600000) {
          hours = MathFloor(ms / 3600000);
          ms %= 3600000;
        }
        minutes = MathFloor(ms / 60000);
        ms %= 60000;
      }
      seconds = ms / 1000;
    }
    if (hours !== 0 || minutes !== 0) {
      const fixed = NumToFixed(seconds, 3);
      const dot = StrIndexOf(fixed, '.');
      const pad = (n) => StrPadStart(`${n}`, 2, '0');
      const head = hours !== 0 ? `${hours}:${pad(minutes)}` : `${minutes}`;
      return `${head}:${pad(StrSlice(fixed, 0, dot))}.${StrSlice(fixed, dot + 1)} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
    }
    if (seconds !== 0) return `${NumToFixed(seconds, 3)}s`;
    return `${NumberCtor(NumToFixed(ms, 3))}ms`;
  }
  function timeSince(label) {
    return formatDuration(hostNow() - MapGet(timers, label));
  }
  function warn(text, stack) {
    emit('warn', `Warning: ${text}`, stack);
  }
  function guard(fn) {
    try {
      fn();
    } catch (e) {
      // A console call must never throw into user code, whatever it was given.
      try {
        hostEmit('error', `[console: output failed: ${describeFailure(e)}]`, groupDepth, '');
      } catch {
        // The host itself failed; there is nowhere left to report it.
      }
    }
  }
  function argsList(args) {
    const out = list();
    for (let i = 0; i < args.length; i++) push(out, args[i]);
    return out;
  }

  function renderTable(head, columns) {
    const widths = list();
    let rows = 0;
    for (let i = 0; i < head.length; i++) {
      let w = head[i].length;
      const col = columns[i];
      for (let j = 0; j < col.length; j++) {
        const cell = col[j] === undefined ? '' : col[j];
        if (cell.length > w) w = cell.length;
      }
      if (col.length > rows) rows = col.length;
      push(widths, w);
    }
    const line = (l, m, r) => {
      const parts = list();
      for (let i = 0; i < widths.length; i++) push(parts, StrRepeat('─', widths[i] + 2));
      return l + join(parts, m) + r;
    };
    const row = (cells) => {
      const parts = list();
      for (let i = 0; i < widths.length; i++) push(parts, ` ${StrPadEnd(cells(i), widths[i], ' ')} `);
      return `│${join(parts, '│')}│`;
    };
    const out = list();
    push(out, line('┌', '┬', '┐'));
    push(out, row((i) => head[i]));
    push(out, line('├', '┼', '┤'));
    for (let r = 0; r < rows; r++) push(out, row((i) => (columns[i][r] === undefined ? '' : columns[i][r])));
    push(out, line('└', '┴', '┘'));
    return join(out, '\n');
  }
  function tableCell(v) {
    let depth = 0;
    if (v !== null && typeof v === 'object' && !isArray(v)) {
      try {
        if (ObjectKeys(v).length > 2) depth = -1;
      } catch {
        depth = -1;
      }
    }
    return inspectWith(v, { __proto__: null, depth, maxArrayLength: 3, breakLength: Infinity });
  }
  function tableText(data, properties) {
    const props = isArray(properties) ? argsList(properties) : undefined;
    if (isMap(data) || isSet(data)) {
      const map = isMap(data);
      const index = list();
      const keyCol = list();
      const valCol = list();
      const it = map ? MapEntries(data) : SetValues(data);
      for (let i = 0; ; i++) {
        const r = map ? MapIterNext(it) : SetIterNext(it);
        if (r.done) break;
        push(index, `${i}`);
        if (map) {
          push(keyCol, tableCell(r.value[0]));
          push(valCol, tableCell(r.value[1]));
        } else {
          push(valCol, tableCell(r.value));
        }
      }
      const head = list();
      const cols = list();
      push(head, '(iteration index)');
      push(cols, index);
      if (map) {
        push(head, 'Key');
        push(cols, keyCol);
      }
      push(head, 'Values');
      push(cols, valCol);
      return renderTable(head, cols);
    }
    const columnNames = list();
    const columns = new MapCtor();
    const valuesCol = list();
    let hasPrimitives = false;
    const indexCol = list();
    const rowKeys = ObjectKeys(data);
    for (let i = 0; i < rowKeys.length; i++) {
      push(indexCol, rowKeys[i]);
      const item = data[rowKeys[i]];
      const primitive = item === null || (typeof item !== 'object' && typeof item !== 'function');
      if (props === undefined && primitive) {
        hasPrimitives = true;
        valuesCol[i] = tableCell(item);
        continue;
      }
      const keys = props !== undefined ? props : primitive ? list() : ObjectKeys(item);
      for (let k = 0; k < keys.length; k++) {
        const key = safeString(keys[k]);
        let col = MapGet(columns, key);
        if (col === undefined) {
          col = list();
          MapSet(columns, key, col);
          push(columnNames, key);
        }
        col[i] = primitive || !ObjectHasOwn(item, key) ? '' : tableCell(item[key]);
      }
    }
    const head = list();
    const cols = list();
    push(head, '(index)');
    push(cols, indexCol);
    for (let i = 0; i < columnNames.length; i++) {
      push(head, columnNames[i]);
      push(cols, MapGet(columns, columnNames[i]));
    }
    if (hasPrimitives) {
      push(head, 'Values');
      push(cols, valuesCol);
    }
    return renderTable(head, cols);
  }

  /** The stack of an Error made inside a console method: its first frame is that method, the next its caller. */
  function stackText(e) {
    try {
      const s = e === undefined ? undefined : e.stack;
      return typeof s === 'string' ? s : '';
    } catch {
      return '';
    }
  }
  /**
   * A console method named `name`. The Error is created right here, inside the method, so the stack handed to
   * the host starts with exactly one kernel frame followed by the caller. Methods use the closure, not `this`,
   * so `const { log } = console; log(1)` works as in Node.
   */
  function consoleMethod(name, body) {
    const method = function (...args) {
      let e;
      try {
        e = new ErrorCtor();
      } catch {
        e = undefined;
      }
      guard(() => body(args, stackText(e)));
    };
    ObjectDefineProperty(method, 'name', { __proto__: null, value: name, configurable: true });
    return method;
  }
  const simple = (level) => (args, s) => emit(level, formatArgs(args), s);
  const group = (args, s) => {
    try {
      if (args.length > 0) emit('log', formatArgs(args), s);
    } finally {
      groupDepth++; // the group opens even when its label could not be printed
    }
  };
  const consoleBodies = {
    __proto__: null,
    log: simple('log'),
    info: simple('info'),
    warn: simple('warn'),
    error: simple('error'),
    debug: simple('debug'),
    trace(args, s) {
      const message = formatArgs(args);
      const frames = mapStack(userFrames(s));
      const head = message === '' ? 'Trace' : `Trace: ${message}`;
      emit('trace', frames === '' ? head : `${head}\n${frames}`, s);
    },
    table(args, s) {
      const data = at(args, 0);
      if (data === null || typeof data !== 'object') emit('log', formatArgs(argsList(args)), s);
      else emit('log', tableText(data, at(args, 1)), s);
    },
    dir: (args, s) => emit('log', inspectWith(at(args, 0), at(args, 1)), s),
    dirxml: simple('log'),
    assert(args, s) {
      if (at(args, 0)) return;
      const rest = list();
      for (let i = 1; i < args.length; i++) push(rest, args[i]);
      if (rest.length === 0) push(rest, 'Assertion failed');
      else rest[0] = `Assertion failed: ${safeString(rest[0])}`;
      emit('warn', formatArgs(rest), s);
    },
    count(args, s) {
      const key = labelOf(at(args, 0));
      const n = (MapGet(counts, key) || 0) + 1;
      MapSet(counts, key, n);
      emit('log', `${key}: ${n}`, s);
    },
    countReset(args, s) {
      const key = labelOf(at(args, 0));
      if (MapHas(counts, key)) MapSet(counts, key, 0);
      else warn(`Count for '${key}' does not exist`, s);
    },
    time(args, s) {
      const key = labelOf(at(args, 0));
      if (MapHas(timers, key)) warn(`Label '${key}' already exists for console.time()`, s);
      else MapSet(timers, key, hostNow());
    },
    timeEnd(args, s) {
      const key = labelOf(at(args, 0));
      if (!MapHas(timers, key)) return warn(`No such label '${key}' for console.timeEnd()`, s);
      const text = `${key}: ${timeSince(key)}`;
      MapDelete(timers, key);
      emit('log', text, s);
    },
    timeLog(args, s) {
      const key = labelOf(at(args, 0));
      if (!MapHas(timers, key)) return warn(`No such label '${key}' for console.timeLog()`, s);
      const parts = list();
      push(parts, '%s: %s');
      push(parts, key);
      push(parts, timeSince(key));
      for (let i = 1; i < args.length; i++) push(parts, args[i]);
      emit('log', formatArgs(parts), s);
    },
    group,
    groupCollapsed: group,
    groupEnd() {
      if (groupDepth > 0) groupDepth--;
    },
  };
  const consoleObject = {};
  for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'dirxml', 'table', 'assert', 'count',
    'countReset', 'time', 'timeEnd', 'timeLog', 'group', 'groupCollapsed', 'groupEnd']) {
    defineData(consoleObject, name, consoleMethod(name, consoleBodies[name]));
  }
  ObjectDefineProperty(consoleObject, SymbolToStringTag, {
    __proto__: null, value: 'console', writable: false, enumerable: false, configurable: true,
  });

  // ---------------------------------------------------------------------------------------------------------
  // DOMException stand-in: not a global (the brief allows no extra names), but errors carry the web names.

  class DOMException extends ErrorCtor {
    constructor(message, name, code) {
      super(message);
      defineHidden(this, 'name', name);
      defineHidden(this, 'code', code);
    }
  }
  const invalidCharacter = (message) => new DOMException(message, 'InvalidCharacterError', 5);
  const dataCloneError = (message) => new DOMException(message, 'DataCloneError', 25);

  // ---------------------------------------------------------------------------------------------------------
  // TextEncoder / TextDecoder (UTF-8 only, as the Encoding standard requires of TextEncoder).

  function utf8Length(str) {
    let n = 0;
    for (let i = 0; i < str.length; i++) {
      const c = StrCharCodeAt(str, i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
        const d = StrCharCodeAt(str, i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          n += 4;
          i++;
        } else {
          n += 3;
        }
      } else n += 3;
    }
    return n;
  }
  /** Writes UTF-8 of `str` into `out` from 0; stops before a character that does not fit. Returns [read, written]. */
  function utf8Write(str, out, limit) {
    let w = 0;
    let i = 0;
    for (; i < str.length; i++) {
      let cp = StrCharCodeAt(str, i);
      let units = 1;
      if (cp >= 0xd800 && cp <= 0xdfff) {
        const d = cp <= 0xdbff && i + 1 < str.length ? StrCharCodeAt(str, i + 1) : 0;
        if (d >= 0xdc00 && d <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (d - 0xdc00);
          units = 2;
        } else {
          cp = 0xfffd; // a lone surrogate cannot be encoded
        }
      }
      const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (w + size > limit) break;
      if (size === 1) out[w++] = cp;
      else if (size === 2) {
        out[w++] = 0xc0 | (cp >> 6);
        out[w++] = 0x80 | (cp & 63);
      } else if (size === 3) {
        out[w++] = 0xe0 | (cp >> 12);
        out[w++] = 0x80 | ((cp >> 6) & 63);
        out[w++] = 0x80 | (cp & 63);
      } else {
        out[w++] = 0xf0 | (cp >> 18);
        out[w++] = 0x80 | ((cp >> 12) & 63);
        out[w++] = 0x80 | ((cp >> 6) & 63);
        out[w++] = 0x80 | (cp & 63);
      }
      i += units - 1;
    }
    return [i, w];
  }

  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(input = '') {
      const str = StringCtor(input);
      let binary;
      try {
        // The engine's own UTF-8 encoder is far faster than a loop; it refuses lone surrogates.
        binary = unescapeFn(encodeURIComponentFn(str));
      } catch {
        const out = new Uint8ArrayCtor(utf8Length(str));
        utf8Write(str, out, out.length);
        return out;
      }
      const out = new Uint8ArrayCtor(binary.length);
      for (let i = 0; i < binary.length; i++) out[i] = StrCharCodeAt(binary, i);
      return out;
    }
    encodeInto(source, destination) {
      const str = StringCtor(source);
      if (typedArrayTag(destination) !== 'Uint8Array') {
        throw new TypeErrorCtor('The "dest" argument must be an instance of Uint8Array.');
      }
      const r = utf8Write(str, destination, TALength(destination));
      return { read: r[0], written: r[1] };
    }
  }

  /** A view of the bytes of any BufferSource, never copying. */
  function bytesOf(input) {
    if (input === undefined) return new Uint8ArrayCtor(0);
    if (isArrayBuffer(input) || isSharedArrayBuffer(input)) return new Uint8ArrayCtor(input);
    if (typedArrayTag(input) !== undefined) return new Uint8ArrayCtor(TABuffer(input), TAByteOffset(input), TAByteLength(input));
    if (isDataView(input)) return new Uint8ArrayCtor(DVBuffer(input), DVByteOffset(input), DVByteLength(input));
    throw new TypeErrorCtor('The "input" argument must be an instance of ArrayBuffer or ArrayBufferView.');
  }
  /** Decodes valid UTF-8 with the engine's URI decoder; undefined when the bytes are not valid UTF-8. */
  function fastDecode(bytes) {
    let binary = '';
    const buffer = TABuffer(bytes);
    const offset = TAByteOffset(bytes);
    for (let i = 0; i < bytes.length; i += 8192) {
      const view = new Uint8ArrayCtor(buffer, offset + i, MathMin(8192, bytes.length - i));
      binary += ReflectApply(StringFromCharCode, undefined, view);
    }
    try {
      return decodeURIComponentFn(escapeFn(binary));
    } catch {
      return undefined;
    }
  }
  const utf8Labels = ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'];

  class TextDecoder {
    #fatal;
    #ignoreBOM;
    // Decoder state carried between `{ stream: true }` calls.
    #needed = 0;
    #seen = 0;
    #codePoint = 0;
    #lower = 0x80;
    #upper = 0xbf;
    #bomSeen = false;

    constructor(label = 'utf-8', options = undefined) {
      const name = StrToLowerCase(StrTrim(StringCtor(label)));
      if (!listIncludes(utf8Labels, name)) throw new RangeErrorCtor(`The "${name}" encoding is not supported`);
      const opts = options === undefined || options === null ? {} : ObjectCtor(options);
      this.#fatal = !!opts.fatal;
      this.#ignoreBOM = !!opts.ignoreBOM;
    }
    get encoding() { return 'utf-8'; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }
    decode(input = undefined, options = undefined) {
      const stream = options !== undefined && options !== null && !!ObjectCtor(options).stream;
      const bytes = bytesOf(input);
      if (!stream && this.#needed === 0) {
        const fast = fastDecode(bytes);
        if (fast !== undefined) {
          const skip = !this.#bomSeen && !this.#ignoreBOM && StrCharCodeAt(fast, 0) === 0xfeff;
          this.#bomSeen = false;
          return skip ? StrSlice(fast, 1) : fast;
        }
      }
      const fatal = this.#fatal;
      // The state lives in locals while decoding (private fields are slow to touch per byte) and is saved at the end.
      let needed = this.#needed;
      let seen = this.#seen;
      let cp = this.#codePoint;
      let lower = this.#lower;
      let upper = this.#upper;
      let bomPending = !this.#bomSeen && !this.#ignoreBOM;
      let out = '';
      const units = list();
      let n = 0;
      const failed = () => {
        this.#reset();
        return new TypeErrorCtor('The encoded data was not valid for encoding utf-8');
      };
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        let code = -1;
        if (needed === 0) {
          if (b <= 0x7f) code = b;
          else if (b >= 0xc2 && b <= 0xdf) {
            needed = 1;
            cp = b & 0x1f;
          } else if (b >= 0xe0 && b <= 0xef) {
            if (b === 0xe0) lower = 0xa0;
            if (b === 0xed) upper = 0x9f;
            needed = 2;
            cp = b & 0xf;
          } else if (b >= 0xf0 && b <= 0xf4) {
            if (b === 0xf0) lower = 0x90;
            if (b === 0xf4) upper = 0x8f;
            needed = 3;
            cp = b & 0x7;
          } else {
            if (fatal) throw failed();
            code = 0xfffd;
          }
        } else if (b < lower || b > upper) {
          // A byte that cannot continue the sequence ends it; the byte is then read again on its own.
          needed = seen = cp = 0;
          lower = 0x80;
          upper = 0xbf;
          if (fatal) throw failed();
          code = 0xfffd;
          i--;
        } else {
          lower = 0x80;
          upper = 0xbf;
          cp = (cp << 6) | (b & 0x3f);
          if (++seen === needed) {
            code = cp;
            needed = seen = cp = 0;
          }
        }
        if (code < 0) continue;
        if (bomPending) {
          bomPending = false;
          if (code === 0xfeff) continue;
        }
        if (code >= 0x10000) {
          code -= 0x10000;
          units[n++] = 0xd800 + (code >> 10);
          units[n++] = 0xdc00 + (code & 0x3ff);
        } else {
          units[n++] = code;
        }
        if (n >= 8192) {
          units.length = n;
          out += ReflectApply(StringFromCharCode, undefined, units);
          n = 0;
        }
      }
      this.#bomSeen = this.#bomSeen || this.#ignoreBOM || !bomPending;
      if (!stream && needed !== 0) {
        if (fatal) throw failed();
        units[n++] = 0xfffd;
        needed = seen = cp = 0;
        lower = 0x80;
        upper = 0xbf;
      }
      units.length = n;
      out += ReflectApply(StringFromCharCode, undefined, units);
      this.#needed = needed;
      this.#seen = seen;
      this.#codePoint = cp;
      this.#lower = lower;
      this.#upper = upper;
      if (!stream) this.#bomSeen = false;
      return out;
    }
    #resetSequence() {
      this.#needed = 0;
      this.#seen = 0;
      this.#codePoint = 0;
      this.#lower = 0x80;
      this.#upper = 0xbf;
    }
    #reset() {
      this.#resetSequence();
      this.#bomSeen = false;
    }
  }
  for (const [cls, tag] of [[TextEncoder, 'TextEncoder'], [TextDecoder, 'TextDecoder']]) {
    ObjectDefineProperty(cls.prototype, SymbolToStringTag, {
      __proto__: null, value: tag, writable: false, enumerable: false, configurable: true,
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // atob / btoa

  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const B64_VALUES = new Uint8ArrayCtor(128).fill(255);
  const B64_CODES = new Uint8ArrayCtor(64);
  for (let i = 0; i < 64; i++) {
    B64_VALUES[StrCharCodeAt(B64, i)] = i;
    B64_CODES[i] = StrCharCodeAt(B64, i);
  }

  /** Appends char codes to `text` in chunks, as `String.fromCharCode` takes its arguments from an array. */
  function chunkedString() {
    const codes = list();
    let n = 0;
    let text = '';
    return {
      __proto__: null,
      add(code) {
        codes[n++] = code;
        if (n === 8192) {
          text += ReflectApply(StringFromCharCode, undefined, codes);
          n = 0;
        }
      },
      done() {
        codes.length = n;
        return text + ReflectApply(StringFromCharCode, undefined, codes);
      },
    };
  }
  function btoa(data) {
    if (arguments.length === 0) throw new TypeErrorCtor('The "data" argument must be specified');
    const str = StringCtor(data);
    const out = chunkedString();
    const n = str.length;
    for (let i = 0; i < n; i += 3) {
      const a = StrCharCodeAt(str, i);
      const b = i + 1 < n ? StrCharCodeAt(str, i + 1) : 0;
      const c = i + 2 < n ? StrCharCodeAt(str, i + 2) : 0;
      if (a > 255 || b > 255 || c > 255) throw invalidCharacter('Invalid character');
      const bits = (a << 16) | (b << 8) | c;
      out.add(B64_CODES[bits >> 18]);
      out.add(B64_CODES[(bits >> 12) & 63]);
      out.add(i + 1 < n ? B64_CODES[(bits >> 6) & 63] : 61);
      out.add(i + 2 < n ? B64_CODES[bits & 63] : 61);
    }
    return out.done();
  }
  function atob(data) {
    if (arguments.length === 0) throw new TypeErrorCtor('The "data" argument must be specified');
    const str = StringCtor(data);
    // Forgiving-base64: ASCII whitespace is skipped, and up to two '=' may end a length that is a multiple of 4.
    let count = 0;
    let end = str.length;
    for (let i = 0; i < str.length; i++) {
      const c = StrCharCodeAt(str, i);
      if (c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 32) count++;
    }
    let padding = 0;
    if (count % 4 === 0) {
      for (let i = str.length - 1; i >= 0 && padding < 2; i--) {
        const c = StrCharCodeAt(str, i);
        if (c === 9 || c === 10 || c === 12 || c === 13 || c === 32) continue;
        if (c !== 61) break;
        padding++;
        end = i;
      }
    }
    if ((count - padding) % 4 === 1) throw invalidCharacter('The string to be decoded is not correctly encoded.');
    const out = chunkedString();
    let bits = 0;
    let acc = 0;
    for (let i = 0; i < end; i++) {
      const c = StrCharCodeAt(str, i);
      if (c === 9 || c === 10 || c === 12 || c === 13 || c === 32) continue;
      const v = c < 128 ? B64_VALUES[c] : 255;
      if (v === 255) throw invalidCharacter('Invalid character');
      acc = ((acc << 6) | v) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out.add((acc >> bits) & 255);
      }
    }
    return out.done();
  }

  // ---------------------------------------------------------------------------------------------------------
  // structuredClone (the HTML structured clone algorithm, minus transfer)

  function cloneValue(value, memory) {
    const type = typeof value;
    if (type === 'symbol') throw dataCloneError(`${SymbolToString(value)} could not be cloned.`);
    if (type === 'function') {
      let source = 'function';
      try {
        source = FunctionToString(value);
      } catch {
        source = 'function';
      }
      throw dataCloneError(`${source} could not be cloned.`);
    }
    if (type !== 'object' || value === null) return value;
    if (MapHas(memory, value)) return MapGet(memory, value);
    let result;
    if (isBooleanObject(value)) result = ObjectCtor(BoolValueOf(value));
    else if (isNumberObject(value)) result = ObjectCtor(NumValueOf(value));
    else if (isStringObject(value)) result = ObjectCtor(StrValueOf(value));
    else if (isBigIntObject(value)) result = ObjectCtor(BigIntValueOf(value));
    else if (isSymbolObject(value)) throw dataCloneError('Symbol object could not be cloned.');
    else if (isDate(value)) result = new DateCtor(DateGetTime(value));
    else if (isRegExp(value)) result = new RegExpCtor(RegExpSource(value), regExpFlags(value));
    else if (isArrayBuffer(value)) {
      result = new ArrayBufferCtor(ABByteLength(value));
      TASet(new Uint8ArrayCtor(result), new Uint8ArrayCtor(value));
    } else if (isSharedArrayBuffer(value)) {
      result = value; // shared memory is shared, not copied
    } else if (typedArrayTag(value) !== undefined) {
      const buffer = cloneValue(TABuffer(value), memory);
      result = new typedArrayCtors[TATag(value)](buffer, TAByteOffset(value), TALength(value));
    } else if (isDataView(value)) {
      const buffer = cloneValue(DVBuffer(value), memory);
      result = new DataViewCtor(buffer, DVByteOffset(value), DVByteLength(value));
    } else if (isMap(value)) {
      result = new MapCtor();
      MapSet(memory, value, result);
      const entries = list();
      const it = MapEntries(value);
      for (let r = MapIterNext(it); !r.done; r = MapIterNext(it)) push(entries, r.value);
      for (let i = 0; i < entries.length; i++) {
        MapSet(result, cloneValue(entries[i][0], memory), cloneValue(entries[i][1], memory));
      }
      return result;
    } else if (isSet(value)) {
      result = new SetCtor();
      MapSet(memory, value, result);
      const items = list();
      const it = SetValues(value);
      for (let r = SetIterNext(it); !r.done; r = SetIterNext(it)) push(items, r.value);
      for (let i = 0; i < items.length; i++) SetAdd(result, cloneValue(items[i], memory));
      return result;
    } else if (isError(value)) {
      const name = safeGet(value, 'name');
      const Ctor = typeof name === 'string' && errorCtors[name] !== undefined ? errorCtors[name] : errorCtors.Error;
      const message = ownData(value, 'message');
      result = message === undefined ? new Ctor() : new Ctor(safeString(message));
      const stack = safeGet(value, 'stack');
      if (typeof stack === 'string') defineHidden(result, 'stack', stack);
      MapSet(memory, value, result);
      if (ObjectHasOwn(value, 'cause')) defineHidden(result, 'cause', cloneValue(value.cause, memory));
      return result;
    } else if (isPromise(value) || isWeakMap(value) || isWeakSet(value) || isWeakRef(value)) {
      throw dataCloneError(`#<${StrSlice(builtinTag(value), 8, -1)}> could not be cloned.`);
    } else {
      result = isArray(value) ? new ArrayCtor(value.length) : {};
      MapSet(memory, value, result);
      const keys = ObjectKeys(value);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        defineData(result, key, cloneValue(value[key], memory));
      }
      return result;
    }
    MapSet(memory, value, result);
    return result;
  }
  function structuredClone(value, options = undefined) {
    if (arguments.length === 0) throw new TypeErrorCtor('The "value" argument must be specified');
    return cloneValue(value, new MapCtor());
  }

  // ---------------------------------------------------------------------------------------------------------
  // performance and display

  const timeOrigin = DateNow() - hostNow();
  class Performance {
    now() { return hostNow(); }
    get timeOrigin() { return timeOrigin; }
    toJSON() { return { timeOrigin }; }
  }
  ObjectDefineProperty(Performance.prototype, SymbolToStringTag, {
    __proto__: null, value: 'Performance', writable: false, enumerable: false, configurable: true,
  });
  const performance = new Performance();

  /** Mime types chosen by a single well-known key: display({ html: '<b>x</b>' }). */
  const displayKeys = { __proto__: null, html: 'text/html', svg: 'image/svg+xml', markdown: 'text/markdown',
    json: 'application/json', png: 'image/png', jpeg: 'image/jpeg', text: 'text/plain' };
  function display(value, mime = undefined) {
    let type = mime === undefined ? undefined : safeString(mime);
    let data = value;
    if (type === undefined && typeof value === 'object' && value !== null && !isArray(value)) {
      const keys = ObjectKeys(value);
      if (keys.length === 1 && displayKeys[keys[0]] !== undefined) {
        type = displayKeys[keys[0]];
        data = value[keys[0]];
      }
    }
    if (type === undefined) type = 'text/plain';
    let text;
    if (typeof data === 'string') text = data;
    else if (isArrayBuffer(data) || typedArrayTag(data) !== undefined || isDataView(data)) text = displayBytesText(type, bytesOf(data));
    else if (StrIncludes(type, 'json')) text = jsonText(data);
    else text = inspectWith(data);
    hostDisplay(type, text);
  }
  /** Bytes given to display(): text mimes read them as UTF-8; images and other binary mimes travel as base64. */
  function displayBytesText(type, bytes) {
    if (StrStartsWith(type, 'text/') || StrIncludes(type, 'json') || StrIncludes(type, 'xml')) return new TextDecoder().decode(bytes);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 8192) {
      const codes = list();
      const end = MathMin(bytes.length, i + 8192);
      for (let j = i; j < end; j++) push(codes, bytes[j]);
      binary += ReflectApply(StringFromCharCode, undefined, codes);
    }
    return btoa(binary);
  }
  /**
   * display.chart(data, spec): the data and spec go to the notebook as JSON; the extension checks them (its errors
   * name the field to fix) and the notebook's chart renderer draws them.
   */
  function chart(data, spec = undefined) {
    if (data === null || typeof data !== 'object') {
      throw new TypeErrorCtor('display.chart(data, spec): data must be an array of records, an array of numbers, or an object of columns');
    }
    hostDisplay('application/vnd.quickjs.chart+json', jsonText({ __proto__: null, data, spec }));
  }
  defineHidden(display, 'chart', chart);

  // ---------------------------------------------------------------------------------------------------------
  // Globals, with the attributes browsers and Node use: writable, configurable, not enumerable.

  const globals = {
    __proto__: null, console: consoleObject, TextEncoder, TextDecoder, atob, btoa, structuredClone, performance, display,
  };
  const names = ObjectKeys(globals);
  for (let i = 0; i < names.length; i++) defineHidden(G, names[i], globals[names[i]]);
  return bridge;
}
