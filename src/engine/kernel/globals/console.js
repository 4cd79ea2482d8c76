// console: Node's console methods inside QuickJS (log levels, groups, count, time, trace, table, assert, dir).
import {
  ErrorCtor, MapCtor, NumberCtor, MathFloor, SymbolToStringTag, ObjectDefineProperty, StrSlice, StrIndexOf,
  StrLastIndexOf, StrIncludes, StrRepeat, StrPadStart, NumToFixed, MapGet, MapSet, MapHas, MapDelete,
} from '../shared/intrinsics.js';
import { list, push, join, at, defineData, describeFailure, safeString } from '../shared/safe.js';
import { BUDGET, mapStack, indentLines, plainText } from '../values/lines.js';
import { values } from './values.js';

/**
 * util.format's text for arguments that are all strings (the first without a `%`), numbers, booleans, bigints,
 * undefined or null, which need no renderer: what the renderer would write for them. Undefined for anything else.
 */
function primitivesText(args) {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const v = args[i];
    let piece;
    if (typeof v === 'string') {
      if (i === 0 && StrIncludes(v, '%')) return undefined;
      piece = v;
    } else {
      piece = plainText(v);
      if (piece === undefined) return undefined;
    }
    out += i === 0 ? piece : ` ${piece}`;
    if (out.length > BUDGET) return undefined; // the renderer truncates it
  }
  return out;
}

/** util.format, without evaluating the renderer when the arguments need none. */
function formatArgs(args) {
  const text = primitivesText(args);
  return text === undefined ? values().formatArgs(args) : text;
}

/**
 * The console object: every method formats with values/inspect.js (the values part) and sends one line to `host.emit`. Its state
 * (group depth, counters, timers) belongs to the console made here.
 */
export function createConsole(host) {
  const hostEmit = host.emit;
  const hostNow = host.now;

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
      if (data === null || typeof data !== 'object') emit('log', formatArgs(args), s);
      else emit('log', values().tableText(data, at(args, 1)), s);
    },
    dir: (args, s) => emit('log', values().inspectWith(at(args, 0), at(args, 1)), s),
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
  return consoleObject;
}
