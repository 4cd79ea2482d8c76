// The debug kernel: the half of the debugger that runs INSIDE QuickJS, next to instrumented code
// (src/engine/debug/instrument.ts). It owns the per-file statement flags, the hook that instrumented statements call
// when their flag is set, call depth, breakpoint conditions / hit counts / logpoints, stepping decisions, exception
// hooks, and the registry of values shown while paused. It crosses to the host only to really pause
// (`host.pause`), to log, or to instrument code made at run time. Everything it exchanges with the host is a string
// or a number (JSON for structures), so the host never holds handles to script values.
// An ES module, bundled into the script the engine evaluates (scripts/kernel-bundle.mjs); its default export
// `install(host)` returns the control object.
import {
  G, ObjectCtor, ObjectDefineProperty as defineProperty, ObjectGetOwnPropertyNames as getOwnPropertyNames,
  ObjectGetOwnPropertyDescriptorRaw as getOwnPropertyDescriptor, ObjectGetPrototypeOf as getPrototypeOf,
  ObjectGetOwnPropertyDescriptors as getOwnPropertyDescriptors, ReflectOwnKeys as ownKeys, WeakSetAdd,
  ObjectSetPrototypeOf as setPrototypeOf, ObjectFreeze as freeze, ReflectApply as apply,
  FunctionCtor as RealFunction, evalFn as realEval, FunctionProtoToString as realToString,
  JSONParse as parse, ErrorCtor, MapCtor, SetCtor, WeakSetCtor, Uint8ArrayCtor as U8,
  Uint32ArrayCtor as U32, ArrayIsArray as isArray, ObjectIs as objectIs, WeakSetProtoHas as weakSetHas,
  WeakSetProtoAdd as weakSetAdd, WeakMapCtor, WeakMapProtoGet as weakMapGet, WeakMapProtoSet as weakMapSet,
  MapProtoGet as mapGet, MapProtoSet as mapSet, MapProtoClear as mapClear, MapProtoSize as mapSize, StrIndexOf,
  StrSlice, StrStartsWith, MapGet, MapSet, MapClear, MapKeys, MapSize, MapIterNext, SetAdd, SetHas, SetClear, SetDelete,
  SetValues, SetSize, SetIterNext, WeakSetHas, TAFill, RegExpExec,
} from './shared/intrinsics.js';
import {
  list, push, join, ownDesc, ownData as own,
} from './shared/safe.js';
import { hostJSON as toJSON } from './shared/json.js';
// The program may replace a built-in, delete a method or poison a prototype (an index, an iterator, a getter,
// toJSON): that must neither break the debugger nor make it run program code. So the kernel calls only intrinsics
// captured before any program runs (shared/intrinsics.js; local names kept from before they were shared): methods
// uncurried, arrays and records with null prototypes, no iteration protocol, no `instanceof`, no JSON.stringify of objects.

export default function install(host) {
  const PREFIX = '__qd';

  /** Appends to an array the program will see (a real Array): a defined property, not a set through the prototype. */
  const append = (arr, v) => {
    defineProperty(arr, arr.length, { __proto__: null, value: v, writable: true, enumerable: true, configurable: true });
  };
  const indexOf = (arr, v) => {
    for (let i = 0; i < arr.length; i++) if (arr[i] === v) return i;
    return -1;
  };
  /** The values of a Map or Set through the captured iterators (the program may have replaced its own). */
  function mapKeys(m) {
    const out = list();
    const it = MapKeys(m);
    for (let r = MapIterNext(it); !r.done; r = MapIterNext(it)) push(out, r.value);
    return out;
  }
  function setValues(s) {
    const out = list();
    const it = SetValues(s);
    for (let r = SetIterNext(it); !r.done; r = SetIterNext(it)) push(out, r.value);
    return out;
  }
  /** A data property found on `obj` or its prototypes (a getter gives undefined, and is not run). */
  function dataProp(obj, key) {
    try {
      for (let o = obj, n = 0; o !== null && n < 100; o = getPrototypeOf(o), n++) {
        const d = ownDesc(o, key);
        if (d !== undefined) return 'value' in d ? d.value : undefined;
      }
    } catch {}
    return undefined;
  }

  // MODE_TARGET: step in, but stop only in a function named `targetName` entered from the stepping frame
  // (or back in that frame, or its callers, when the target is never entered).
  const MODE_RUN = 0, MODE_IN = 1, MODE_OVER = 2, MODE_OUT = 3, MODE_TARGET = 4;

  /** fileId -> { flags, gates (global names), stmtFn, stmtLayout, layouts, bps: Map<stmt, bp> } */
  const files = list();
  let mode = MODE_RUN;
  let stepDepth = 0;
  let stepping = false; // all flags set
  let paused = false;
  let exceptionAll = null; // { condition } | null
  let exceptionUncaught = null;
  let pauseOnDebugger = true;
  let targetName = '';
  // The current step began at a statement of a skipped file (its breakpoint stopped there): like js-debug, the user
  // may step on through skipped code until a step starts outside it again.
  let stepFromSkipped = false;
  // The value the stepping frame returned since the last resume ({ value } or null): the "Return Value" scope.
  let returned = null;
  // Readers seen at each depth while flags were set ({ fid, sid, reader, name }): caller frames show their locals.
  const trail = list();
  // Values and scopes shown while paused live in the values bridge's registry (values/remote.js), as references
  // for the pause: they end on resume.
  const values = host.values;
  let current = null;

  // ---- globals the instrumented code uses (non-enumerable, and hidden from reflection below) ----
  function defineHelper(name, value, writable) {
    defineProperty(G, name, { __proto__: null, value, writable: !!writable, enumerable: false, configurable: false });
  }
  defineHelper('__qdZ', undefined, true);
  // Carries a paused statement's changed locals from its hook to the destructuring that writes them back.
  defineHelper('__qdT', undefined, true);
  // What a reader gives for a name (or `this`) it could not read because it was uninitialised (instrument.ts's
  // HELPER.unavailable); shown as `<unavailable>`, never written back.
  const missing = Object.freeze({ __proto__: null });
  defineHelper('__qdU', missing);

  const KERNEL_FILE = '<quickjs-sandbox:';
  /**
   * Call depth of the script: its frames on the stack (kernel and native frames left out, as the host's frame list
   * does). Instrumented code keeps no depth counter (a counter in every call cost more than the statement checks),
   * so depth is read here, only when a stop or a step decision needs it.
   */
  function stackDepth() {
    // A script's Error.prepareStackTrace (quickjs-ng calls it) may return anything: only a string is read.
    let s = new ErrorCtor().stack;
    if (typeof s !== 'string') s = '';
    // One pass of indexOf, no substring per line: callers' records call this on every recorded call.
    let n = 0;
    let i = 0;
    let k = StrIndexOf(s, KERNEL_FILE);
    while (i < s.length) {
      let j = StrIndexOf(s, '\n', i);
      if (j < 0) j = s.length;
      if (k >= 0 && k < i) k = StrIndexOf(s, KERNEL_FILE, i);
      const at = StrIndexOf(s, ' at ', i);
      const frame = at >= 0 && at < j && !(k >= 0 && k < j) && !StrStartsWith(s, '(native)', j - 8);
      if (frame) {
        if (n === 0) topFrameName = frameName(StrSlice(s, i, j));
        n++;
      }
      i = j + 1;
    }
    return n;
  }
  /** The function name of the innermost script frame at the last stackDepth(): tells a caller record's frame apart. */
  let topFrameName = '';
  function frameName(line) {
    const at = StrIndexOf(line, ' at ') + 4;
    const open = StrIndexOf(line, ' (', at);
    return open < 0 ? '' : StrSlice(line, at, open);
  }

  /**
   * A statement's locals as instrumented code passes them: `values` in layout order (after `this` when the layout
   * has it), or, for scopes with many names, a function that direct-evals code in the statement's scope.
   * Only the paused statement's array can be written: its hook returns it to be destructured back. An eval reader
   * reads and writes the live frame, so it stays usable for caller frames too.
   */
  function newReader(values, writable) {
    if (typeof values === 'function') return { __proto__: null, values: null, evalIn: values, writable: true, dirty: false };
    return { __proto__: null, values, evalIn: null, writable, dirty: false };
  }

  /** Called by instrumented statements whose flag is set; returns the locals to write back, or 0. */
  function hook(fid, sid, values) {
    if (paused) return 0;
    if (cancelled) throw cancelledError();
    // While running, a set flag is nearly always a breakpoint whose condition or hit count says no (conditions on
    // every line of a loop over every code point: millions of times). That is decided first, without the reader, an
    // object whose making cost as much as the rest of the hook; `held` says how far checkBreakpoint got here.
    // A statement that records its frame for callers (capture) needs the reader anyway: the full path.
    let held = HELD_NONE;
    const f = files[fid];
    // Released eval code (see __qdL) never runs again; a stale call finds nothing to stop at.
    if (!f) return 0;
    if (mode === MODE_RUN && entry === null && !recording(f, sid)) {
      const bp = MapGet(f.bps, sid);
      if (bp === undefined) return 0;
      if (bp.condition) {
        const ok = quickCondition(bp, fid, sid, values);
        if (ok === false) return 0;
        if (ok === true) held = HELD_CONDITION;
      } else held = HELD_CONDITION;
      if (held === HELD_CONDITION) {
        bp.hits++;
        if (bp.hit !== null && !bp.hit(bp.hits)) return 0;
        held = HELD_COUNTED;
      }
    }
    const reader = newReader(values, true);
    check(fid, sid, reader, held);
    // The trail may keep this reader for caller frames: its statement has moved on, so a copy is read-only now.
    if (!reader.evalIn) reader.writable = false;
    return reader.dirty ? values : 0;
  }

  // How much of a breakpoint's check the hook's quick path already did: nothing, its condition held, and the hit was
  // also counted and its hit condition met.
  const HELD_NONE = 0, HELD_CONDITION = 1, HELD_COUNTED = 2;

  function check(fid, sid, reader, held = HELD_NONE) {
    const f = files[fid];
    if (entry !== null && entry.fid === fid && entry.sid === sid) {
      entry = null;
      stop('entry', fid, sid, -1, reader, {});
      return;
    }
    let reason = null;
    let hit = null;
    let depth = -1;
    const bp = MapGet(f.bps, sid);
    if (bp && checkBreakpoint(bp, fid, sid, reader, held)) {
      reason = 'breakpoint';
      hit = [bp.id];
    }
    if (!reason && mode !== MODE_RUN) {
      if (mode === MODE_IN) reason = requestedPause ? 'pause' : 'step';
      else {
        depth = stackDepth();
        trail[depth] = { __proto__: null, fid, sid, reader, name: topFrameName };
        if ((mode === MODE_OVER && depth <= stepDepth) || (mode === MODE_OUT && depth < stepDepth)) reason = 'step';
        else if (mode === MODE_TARGET && (depth <= stepDepth || (depth === stepDepth + 1 && f.fnNames[f.stmtFn[sid] + 1] === targetName))) reason = 'step';
      }
      // skipFiles: a step passes through; it stops at the next statement outside them (a pause request does not wait).
      if (reason === 'step' && !stepFromSkipped && isSkipped(fid, sid)) reason = null;
    }
    if (!reason) {
      if (mode === MODE_RUN && recording(f, sid)) record(fid, sid, reader);
      return;
    }
    stop(reason, fid, sid, depth, reader, { hitBreakpointIds: hit });
  }

  // ---- caller frames: locals recorded on the way to a stop ----
  // A frame's locals can be read only while one of its statements runs, so a caller that is already inside a call
  // when the run stops has nothing to show unless its statement recorded them. Recording costs a stack walk, so only
  // calls that can lead to a stop record: calls of a function (by name, or passed as an argument) that holds a
  // breakpoint or a `debugger;` statement, and transitively the calls of those callers, across files (and, while an
  // exception filter is on, every call: see EXCEPTION_BUDGET). A statement
  // that records STATEMENT_BUDGET times without a stop (a call in a hot loop towards a breakpoint that is never hit)
  // stops recording until the next stop, so its cost stays bounded (~6 ms); its records are dropped, since it runs on
  // unrecorded, and a frame there says why it shows no locals. Other statements, such as the outer callers that
  // recorded once, keep theirs.
  const STATEMENT_BUDGET = 500;
  // With exception breakpoints on, any call can lead to a stop (a throw anywhere below it), so every call statement
  // records (capture kind 2), on a smaller budget: a record costs a stack walk (~50 µs), and on a call-heavy
  // program every call site would spend it. Callers that run a few times (main -> load -> parse) are shown; a call
  // in a hot loop shows its locals for its first EXCEPTION_BUDGET runs after each stop. A frame's own reader,
  // registered per call, would show every frame but cost 4 to 7 times the run on fib (measured: a closure or an
  // array allocated per call in QuickJS), far over the never-hit target.
  const EXCEPTION_BUDGET = 32;
  // CAPTURE_EXCEPTION is kernelBridge.ts's too: a spent statement tells the host which budget ran out.
  const CAPTURE_REACH = 1, CAPTURE_EXCEPTION = 2;
  let captureStale = true;
  // Statements switched off since the last stop, as [fid, sid] pairs (their frames say why they have no locals).
  let spent = list();

  // Files whose statements recorded since the last stop: only their counts need resetting.
  const recordedFiles = new SetCtor();

  /**
   * Whether statement `sid` records its frame when it runs: it can lead to a stop and its budget is not spent (a
   * spent statement whose flag stays set for a breakpoint must not count, and refresh its file's flags, again).
   */
  function recording(f, sid) {
    return f.capture[sid] !== 0 && f.recordOff[sid] !== 1;
  }

  function record(fid, sid, reader) {
    const f = files[fid];
    SetAdd(recordedFiles, fid);
    const budget = f.capture[sid] === CAPTURE_REACH ? STATEMENT_BUDGET : EXCEPTION_BUDGET;
    if (++f.recorded[sid] > budget) {
      f.recordOff[sid] = 1;
      // Which budget ran out (capture kind): the host says why in the frame's scope.
      push(spent, [fid, sid, budget, f.capture[sid]]);
      for (let d = 0; d < trail.length; d++) {
        const t = trail[d];
        if (t && t.fid === fid && t.sid === sid) trail[d] = undefined;
      }
      refreshFlags(f);
      return;
    }
    trail[stackDepth()] = { __proto__: null, fid, sid, reader, name: topFrameName };
  }

  /** After a stop, every statement records again with a fresh budget. */
  function resetRecording() {
    const recorded = setValues(recordedFiles);
    for (let i = 0; i < recorded.length; i++) TAFill(files[recorded[i]].recorded, 0);
    SetClear(recordedFiles);
    if (!spent.length) return;
    for (let i = 0; i < spent.length; i++) TAFill(files[spent[i][0]].recordOff, 0);
    spent = list();
    refreshAll();
  }

  // What computeCapture found, kept so that a file registered later (code made by eval, a module) is added
  // without going over every file again: per file, which functions can reach a stop; their names.
  let reach = list();
  let reachNames = new SetCtor();

  /** Marks, in every file, the statements whose calls can reach a stop (see above). */
  function computeCapture() {
    captureStale = false;
    if (!captureAny && !hasStopSites() && !exceptionCapture()) return;
    captureAny = false;
    reach = list();
    reachNames = new SetCtor();
    const all = list();
    for (let fid = 0; fid < files.length; fid++) {
      const f = files[fid];
      if (!f) continue;
      reach[fid] = new U8(f.fnNames.length);
      TAFill(f.capture, 0);
      push(all, fid);
    }
    for (let a = 0; a < all.length; a++) {
      const fid = all[a];
      const f = files[fid];
      const sids = mapKeys(f.bps);
      for (let i = 0; i < sids.length; i++) if (f.stmtFn[sids[i]] >= 0) markReach(fid, f.stmtFn[sids[i]]);
    }
    propagate(all);
    for (let a = 0; a < all.length; a++) markExceptionCalls(files[all[a]]);
  }

  /** Whether exception breakpoints are on: then every call statement records (see EXCEPTION_BUDGET). */
  function exceptionCapture() {
    return exceptionAll !== null || exceptionUncaught !== null;
  }

  /** Marks the call statements of `f` that no breakpoint reaches as recording for exception stops. */
  function markExceptionCalls(f) {
    if (!exceptionCapture()) return;
    const calls = f.calls;
    for (let i = 1; i < calls.length; i += 3) if (f.capture[calls[i]] === 0) f.capture[calls[i]] = CAPTURE_EXCEPTION;
    if (calls.length) captureAny = true;
  }

  /**
   * Adds a newly registered file to what computeCapture found: its `debugger;` statements and calls against the
   * names known so far. Only when it makes new names reachable must every file be looked at again.
   * Returns false when it did that (every file's flags were refreshed), true when only this file changed.
   */
  function addToCapture(fid) {
    const f = files[fid];
    reach[fid] = new U8(f.fnNames.length);
    const before = SetSize(reachNames);
    const one = list();
    push(one, fid);
    propagate(one);
    markExceptionCalls(f);
    if (SetSize(reachNames) === before) return true;
    captureStale = true;
    refreshAll();
    return false;
  }

  function markReach(fid, fn) {
    const r = reach[fid];
    if (r[fn + 1]) return false;
    r[fn + 1] = 1;
    const name = files[fid].fnNames[fn + 1];
    if (name) SetAdd(reachNames, name);
    return true;
  }

  /** Marks, in the files `fids`, the calls that can reach a stop (see above), until nothing changes. */
  function propagate(fids) {
    let changed = true;
    if (pauseOnDebugger) {
      for (let a = 0; a < fids.length; a++) {
        const fid = fids[a];
        const stops = files[fid].stops;
        for (let i = 0; i < stops.length; i++) if (files[fid].stmtFn[stops[i]] >= 0) markReach(fid, files[fid].stmtFn[stops[i]]);
      }
    }
    while (changed) {
      changed = false;
      for (let a = 0; a < fids.length; a++) {
        const fid = fids[a];
        const f = files[fid];
        const r = reach[fid];
        const calls = f.calls;
        for (let i = 0; i < calls.length; i += 3) {
          const sid = calls[i + 1];
          if (f.capture[sid] === CAPTURE_REACH) continue;
          // Code given to eval is unknown until it runs: an eval call may lead anywhere.
          const callee = calls[i + 2] >= 0 ? f.callNames[calls[i + 2]] : '';
          let hit = callee !== '' && (SetHas(reachNames, callee) || callee === 'eval');
          const extra = hit ? undefined : MapGet(f.callArgs, i / 3);
          if (extra) {
            for (let k = 0; !hit && k < extra[0].length; k++) hit = r[extra[0][k] + 1] === 1;
            for (let k = 0; !hit && k < extra[1].length; k++) hit = SetHas(reachNames, f.callNames[extra[1][k]]);
          }
          if (!hit) continue;
          f.capture[sid] = CAPTURE_REACH;
          captureAny = true;
          if (calls[i] >= 0 && markReach(fid, calls[i])) changed = true;
        }
      }
    }
  }

  // Whether any statement records now; with no breakpoint and no `debugger;` anywhere there is nothing to compute.
  let captureAny = false;
  // Kept up to date where breakpoints, files and the `debugger;` setting change: a scan of every file at each
  // registration made 3,000 evals take seconds.
  let stopSiteCount = 0;
  function hasStopSites() {
    return stopSiteCount > 0;
  }
  function countStopSites() {
    stopSiteCount = 0;
    for (let i = 0; i < files.length; i++) {
      const f = files[i];
      if (f) stopSiteCount += MapSize(f.bps) + (pauseOnDebugger ? f.stops.length : 0);
    }
  }

  function refreshAll() {
    if (captureStale) computeCapture();
    for (let i = 0; i < files.length; i++) if (files[i]) refreshFlags(files[i]);
  }

  function checkBreakpoint(bp, fid, sid, reader, held = HELD_NONE) {
    if (bp.condition && held === HELD_NONE) {
      let ok;
      try {
        ok = evalCompiled(bp.condition, fid, sid, reader);
      } catch (e) {
        conditionThrew(bp, e);
        return false;
      }
      if (!ok) return false;
    }
    if (held !== HELD_COUNTED) {
      bp.hits++;
      if (bp.hit && !bp.hit(bp.hits)) return false;
    }
    if (bp.logMessage !== undefined) {
      let text;
      try {
        text = interpolate(bp.logMessage, (expr) => {
          try {
            return show(evalCompiled(expr, fid, sid, reader));
          } catch (e) {
            return `<${describeError(e)}>`;
          }
        });
      } catch (e) {
        text = describeError(e);
      }
      host.log(text, fid, sid);
      return false;
    }
    return true;
  }

  /** Parses a small host message; its objects get null prototypes, so an absent field reads as undefined. */
  function parseData(json) {
    return parse(json, (k, v) => {
      if (v !== null && typeof v === 'object' && !isArray(v)) setPrototypeOf(v, null);
      return v;
    });
  }
  const HIT_CONDITION = /^\s*(==|===|>=|>|<=|<|%)?\s*(\d+)\s*$/;

  /** A log message with each `{expression}` (no braces inside) replaced by `value(expression)`. */
  function interpolate(message, value) {
    let out = '';
    let i = 0;
    for (;;) {
      const open = StrIndexOf(message, '{', i);
      const close = open < 0 ? -1 : StrIndexOf(message, '}', open + 1);
      const inner = close < 0 ? -1 : StrIndexOf(message, '{', open + 1);
      if (close < 0) return out + StrSlice(message, i);
      if ((inner >= 0 && inner < close) || close === open + 1) {
        // `{{x}` or `{}`: the first brace is text; look again from the next one.
        const next = inner >= 0 && inner < close ? inner : close + 1;
        out += StrSlice(message, i, next);
        i = next;
        continue;
      }
      out += StrSlice(message, i, open) + value(StrSlice(message, open + 1, close));
      i = close + 1;
    }
  }

  function conditionThrew(bp, e) {
    report(`breakpoint condition \`${bp.condition}\` threw: ${describeError(e)}`);
  }

  function report(text) {
    host.log(text, -1, -1);
  }

  let requestedPause = false;
  // The host cancelled the run while paused: every statement throws until the run has unwound (the interrupt
  // handler alone may not run again before a short script ends).
  let cancelled = false;
  const cancelledError = () => new ErrorCtor('the run was stopped');
  // The statement a run's entry stop waits for ({ fid, sid }); its flag stays set until it is reached.
  let entry = null;
  // The entry file has no top-level statement: the first statement anywhere is the entry stop.
  let entryByPause = false;

  function stop(reason, fid, sid, depth, reader, extra) {
    if (entryByPause && reason === 'pause') reason = 'entry';
    entryByPause = false;
    if (depth < 0) depth = stackDepth();
    if (fid >= 0) trail[depth] = { __proto__: null, fid, sid, reader, name: topFrameName };
    current = { __proto__: null, fid, sid, depth, reader, returned: returned !== null, returnValue: returned && returned.value };
    returned = null;
    const raw = new ErrorCtor().stack;
    const stack = typeof raw === 'string' ? raw : '';
    const trailInfo = list();
    for (let d = 0; d < depth; d++) {
      const t = d < trail.length ? trail[d] : undefined;
      if (t) push(trailInfo, { __proto__: null, depth: d, fid: t.fid, sid: t.sid, name: t.name });
    }
    mode = MODE_RUN;
    requestedPause = false;
    setStepping(false);
    paused = true;
    values.releasePause();
    stepFromSkipped = isSkipped(fid, sid);
    let action;
    try {
      action = host.pause(toJSON({ __proto__: null, reason, fid, sid, depth, stack, trail: trailInfo, spent, ...extra }));
    } finally {
      paused = false;
      values.releasePause();
    }
    current = null;
    resetRecording();
    resume(action, depth);
  }

  /** Whether statement `sid` of file `fid` is one a step passes through (skipFiles, a bundle's glue). */
  function isSkipped(fid, sid) {
    const skip = fid >= 0 && files[fid] ? files[fid].skip : null;
    return skip !== null && sid >= 0 && skip[sid] === 1;
  }

  function resume(action, depth) {
    if (action === 'cancel') {
      cancelled = true;
      setStepping(true);
      throw cancelledError();
    }
    returned = null;
    if (action === 'next') mode = MODE_OVER;
    else if (action === 'stepIn') mode = MODE_IN;
    else if (action === 'stepOut') mode = MODE_OUT;
    else if (StrStartsWith(action, 'stepIn:')) {
      mode = MODE_TARGET;
      targetName = StrSlice(action, 7);
    } else mode = MODE_RUN;
    stepDepth = depth;
    setStepping(mode !== MODE_RUN);
  }

  function setStepping(on) {
    if (on === stepping) return;
    stepping = on;
    refreshAll();
  }

  /** Sets a file's statement flags and function gates from stepping, its breakpoints and the entry stop. */
  function refreshFlags(f) {
    const gates = f.gates;
    const callGates = f.callGates;
    if (stepping) {
      TAFill(f.flags, 1);
      for (let g = 0; g < gates.length; g++) G[gates[g]] = true;
      for (let g = 0; g < callGates.length; g++) G[callGates[g]] = true;
      return;
    }
    TAFill(f.flags, 0);
    for (let g = 0; g < gates.length; g++) G[gates[g]] = false;
    for (let g = 0; g < callGates.length; g++) G[callGates[g]] = false;
    if (MapSize(f.bps)) {
      const sids = mapKeys(f.bps);
      for (let i = 0; i < sids.length; i++) setFlag(f, sids[i]);
    }
    if (entry !== null && files[entry.fid] === f) setFlag(f, entry.sid);
    if (!captureAny) return;
    for (let i = 1; i < f.calls.length; i += 3) {
      const sid = f.calls[i];
      if (f.recordOff[sid]) continue;
      // An exception capture turns on the call gate only: a function's other statements keep testing none.
      if (f.capture[sid] === CAPTURE_REACH) setFlag(f, sid);
      else if (f.capture[sid] === CAPTURE_EXCEPTION && f.callGates.length) {
        f.flags[sid] = 1;
        G[f.callGates[f.stmtFn[sid] + 1]] = true;
      }
    }
  }

  function setFlag(f, sid) {
    f.flags[sid] = 1;
    G[f.gates[f.stmtFn[sid] + 1]] = true;
    // A call statement of a file with call gates tests its call gate instead, which is on whenever the gate is.
    if (f.callGates.length) G[f.callGates[f.stmtFn[sid] + 1]] = true;
  }

  // ---- evaluation in a frame: locals become parameters of a function that direct-evals the expression ----

  const NO_LAYOUT = freeze({ __proto__: null, hasThis: false, names: list(), consts: list(), outer: list(), groups: list() });
  function frameNames(fid, sid) {
    const f = files[fid];
    const at = sid >= 0 && sid < f.stmtLayout.length ? f.stmtLayout[sid] : -1;
    return (at >= 0 && at < f.layouts.length && f.layouts[at]) || NO_LAYOUT;
  }

  /** Reads a frame's values: { self, values[] } in layout order; a name that cannot be read is `missing`. */
  function readFrame(layout, reader) {
    let all = reader.values;
    if (reader.evalIn) {
      try {
        all = reader.evalIn(`[${layout.hasThis ? 'this,' : ''}${join(layout.names, ',')}]`);
      } catch {
        all = list();
      }
    }
    const off = layout.hasThis ? 1 : 0;
    const values = list();
    for (let i = 0; i < layout.names.length; i++) push(values, i + off < all.length ? all[i + off] : missing);
    return { __proto__: null, self: layout.hasThis && all.length ? all[0] : layout.hasThis ? missing : undefined, values };
  }

  function writeFrame(layout, reader, index, value) {
    if (layout.consts[index]) throw new ErrorCtor(`${layout.names[index]} cannot be assigned from the debugger`);
    // A caller's locals are a copy taken when its statement started: only the paused statement writes back.
    if (!reader.writable) throw new ErrorCtor(`${layout.names[index]} can be assigned only in the paused frame`);
    if (reader.evalIn) {
      reader.evalIn(`(__qdv)=>{${layout.names[index]}=__qdv}`)(value);
      return;
    }
    reader.values[index + (layout.hasThis ? 1 : 0)] = value;
    reader.dirty = true;
  }

  /** The file's Script/Module bindings: [{ name, value, index }] for those initialised (a TDZ read throws). */
  function fileBindings(fid, mentionedIn) {
    const f = fid >= 0 ? files[fid] : undefined;
    const out = list();
    if (!f || !f.scope || !f.scopeFn) return out;
    const names = f.scope.names;
    for (let i = 0; i < names.length; i++) {
      if (mentionedIn !== undefined && StrIndexOf(mentionedIn, names[i]) < 0) continue;
      try {
        push(out, { __proto__: null, name: names[i], value: f.scopeFn(i, false), index: i });
      } catch {}
    }
    return out;
  }

  function writeBinding(fid, index, value) {
    const f = files[fid];
    if (f.scope.consts[index]) throw new ErrorCtor(`${f.scope.names[index]} is a constant`);
    f.scopeFn(index, true, value);
  }

  // Conditions, logpoint pieces and exception conditions run every time their statement does (a `false` condition on
  // a loop's line: 200,000 times). Compiling a wrapper and a direct eval at each run made them cost ~18 µs a hit, so
  // they are compiled once per expression and name layout into a plain function taking the names as parameters.
  // Kept in the kernel's closure (no global, nothing the program can reach); bounded, as a program that keeps
  // changing layouts (TDZ names coming and going, many files) must not grow it without end.
  const compiledConditions = new MapCtor();
  const COMPILED_MAX = 256;
  // An expression whose text eval would read as a declaration or a block, not an expression (`function f(){}` is
  // undefined to eval and a function once parenthesised): such text keeps the eval path, whose meaning is today's.
  const NOT_AN_EXPRESSION = /^(?:\s|\/\/[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*(?:function\b|class\b|async\b|let\s*\[|\{)/;
  /**
   * Whether `expr` is one expression eval would give the value of, so that `(${expr}\n)` in a compiled function means
   * what eval means: not a declaration or block, and a valid script body on its own (`1), (2` is not, though it
   * would compile wrapped). The newline the wrappers add ends a trailing `//` comment.
   */
  function expressionText(expr) {
    NOT_AN_EXPRESSION.lastIndex = 0;
    if (RegExpExec(NOT_AN_EXPRESSION, expr)) return false;
    try {
      RealFunction(expr);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * The compiled form of `expr` for parameters `params` (`eval` first when the frame has none, then `names`), or
   * null when the text is not one expression eval would give the value of: then the eval path runs it (and throws
   * the same SyntaxError as always for text that does not compile).
   */
  function compiledFor(expr, params, names) {
    const key = `${expr}\u0000${join(params, ',')}`;
    const known = MapGet(compiledConditions, key);
    if (known !== undefined) return known;
    let fn = null;
    if (expressionText(expr)) {
      try {
        const body = list();
        for (let i = 0; i < params.length; i++) push(body, params[i]);
        push(body, `return [(${expr}\n),[${join(names, ',')}]]`);
        fn = apply(RealFunction, undefined, body);
      } catch {
        fn = null;
      }
    }
    if (MapSize(compiledConditions) >= COMPILED_MAX) MapClear(compiledConditions);
    MapSet(compiledConditions, key, fn);
    return fn;
  }

  /**
   * A breakpoint's condition decided from the values array its statement passes, with no reader and no copies:
   * true or false, or undefined when only evalCompiled can say (see quickForm). A condition that throws is
   * reported and is false, as in checkBreakpoint.
   */
  function quickCondition(bp, fid, sid, values) {
    if (bp.quick === undefined) bp.quick = quickForm(bp.condition, fid, sid);
    if (bp.quick === null || typeof values === 'function') return undefined;
    let v;
    try {
      v = bp.quick(realEval, values, missing);
    } catch (e) {
      conditionThrew(bp, e);
      return false;
    }
    return v === missing ? undefined : !!v;
  }

  // Text that may assign (`=` that is not part of a comparison or an arrow, a compound assignment, `++`, `--`): its
  // changes must be written back to the frame, which only evalCompiled's copies do. Text in a string counts too.
  const MAY_ASSIGN = /(?:^|[^=!<>])=(?![=>])|<<=|>>=|\+\+|--/;
  /**
   * A function `(eval, values, missing)` that reads the names `expr` contains from a statement's values array and
   * returns the value of `expr`, or `missing` before evaluating anything when one of those names is unreadable
   * (in its temporal dead zone). Null when the text may assign, mentions `this` in a frame that has it, or takes
   * a path other than evalCompiled's lean one (modules, eval, escapes): those keep going through evalCompiled.
   */
  function quickForm(expr, fid, sid) {
    const f = files[fid];
    if ((f.scope && f.scope.kind === 'Module') || StrIndexOf(expr, 'eval') >= 0 || StrIndexOf(expr, '\\') >= 0) return null;
    MAY_ASSIGN.lastIndex = 0;
    if (RegExpExec(MAY_ASSIGN, expr)) return null;
    const layout = frameNames(fid, sid);
    if ((layout.hasThis && StrIndexOf(expr, 'this') >= 0) || !expressionText(expr)) return null;
    const off = layout.hasThis ? 1 : 0;
    let reads = '';
    let unreadable = '';
    for (let i = 0; i < layout.names.length; i++) {
      const name = layout.names[i];
      if (StrIndexOf(expr, name) < 0) continue;
      // Within the array's length only: an index past it would be read from the program's Array.prototype.
      reads += `var ${name}=${i + off}<__qdv.length?__qdv[${i + off}]:__qdm;`;
      unreadable += `||${name}===__qdm`;
    }
    try {
      return RealFunction('eval', '__qdv', '__qdm', `${reads}if(false${unreadable})return __qdm;return (${expr}\n)`);
    } catch {
      return null;
    }
  }

  // The hot case (a script's frame passing its values as an array, every name readable) without the general path's
  // copies: per layout (one statement's name list) and expression, which names the text contains and their compiled
  // form, found with two lookups and no key to build. Anything else goes the general way (same compiled forms).
  const leanForms = new MapCtor(); // layout -> Map(expr -> { idx, fn })
  function evalCompiled(expr, fid, sid, reader) {
    const f = fid >= 0 ? files[fid] : undefined;
    if (!f || !reader || reader.evalIn || (f.scope && f.scope.kind === 'Module') || StrIndexOf(expr, 'eval') >= 0 || StrIndexOf(expr, '\\') >= 0) {
      return evalInFrame(expr, fid, sid, reader, true);
    }
    const layout = frameNames(fid, sid);
    let byExpr = MapGet(leanForms, layout);
    if (byExpr === undefined) {
      if (MapSize(leanForms) >= COMPILED_MAX) MapClear(leanForms);
      byExpr = new MapCtor();
      MapSet(leanForms, layout, byExpr);
    }
    let form = MapGet(byExpr, expr);
    if (form === undefined) {
      const idx = list();
      const names = list();
      const params = list();
      push(params, 'eval'); // as the general path passes it (the text has no `eval`, so no frame name is one)
      for (let i = 0; i < layout.names.length; i++) {
        if (StrIndexOf(expr, layout.names[i]) < 0) continue;
        push(idx, i);
        push(names, layout.names[i]);
        push(params, layout.names[i]);
      }
      form = { __proto__: null, idx, fn: compiledFor(expr, params, names) };
      if (MapSize(byExpr) >= COMPILED_MAX) MapClear(byExpr);
      MapSet(byExpr, expr, form);
    }
    if (!form.fn) return evalInFrame(expr, fid, sid, reader, true);
    const raw = reader.values;
    const off = layout.hasThis ? 1 : 0;
    const idx = form.idx;
    const args = list();
    push(args, realEval);
    for (let k = 0; k < idx.length; k++) {
      const j = idx[k] + off;
      const v = j < raw.length ? raw[j] : missing;
      // A name in its TDZ is left out by the general path (the text then means an outer one): its own form.
      if (v === missing) return evalInFrame(expr, fid, sid, reader, true);
      push(args, v);
    }
    const self = layout.hasThis ? (raw.length ? raw[0] : missing) : undefined;
    const both = apply(form.fn, self === missing ? undefined : self, args);
    const after = both[1];
    for (let k = 0; k < idx.length; k++) {
      if (!objectIs(after[k], args[k + 1]) && !layout.consts[idx[k]] && reader.writable) writeFrame(layout, reader, idx[k], after[k]);
    }
    return both[0];
  }

  function evalInFrame(expr, fid, sid, reader, compile) {
    if (fid < 0) return (0, realEval)(expr);
    const layout = reader ? frameNames(fid, sid) : NO_LAYOUT;
    const read = reader ? readFrame(layout, reader) : null;
    const self = read ? read.self : undefined;
    const all = read ? read.values : list();
    const names = list();
    const values = list();
    const index = list();
    // A compiled condition gets only the names its text contains: it cannot reach another one (no `eval` in it, no
    // escape to spell a name otherwise), and a condition run at every statement then reads and copies a few values,
    // not the whole frame and every module binding. Which names those are is part of the compiled form's key.
    const mentionedIn = compile && StrIndexOf(expr, 'eval') < 0 && StrIndexOf(expr, '\\') < 0 ? expr : undefined;
    for (let i = 0; i < layout.names.length; i++) {
      if (all[i] === missing) continue;
      if (mentionedIn !== undefined && StrIndexOf(mentionedIn, layout.names[i]) < 0) continue;
      push(names, layout.names[i]);
      push(values, all[i]);
      push(index, i);
    }
    // Module bindings are invisible to code made here (a script's are globals, found anyway): pass them too.
    const localCount = names.length;
    const bindings = files[fid] && files[fid].scope && files[fid].scope.kind === 'Module' ? fileBindings(fid, mentionedIn) : list();
    const fromFile = list();
    for (let i = 0; i < bindings.length; i++) {
      const b = bindings[i];
      if (indexOf(names, b.name) >= 0) continue;
      push(names, b.name);
      push(values, b.value);
      push(fromFile, b);
    }
    // The intrinsic eval comes in as a parameter named `eval`, so the call stays a direct eval even when the
    // program replaced the global one (unless the frame has an `eval` of its own, which the code then means).
    const ownEval = indexOf(names, 'eval') < 0;
    const params = list();
    if (ownEval) push(params, 'eval');
    for (let i = 0; i < names.length; i++) push(params, names[i]);
    const args = list();
    if (ownEval) push(args, realEval);
    for (let i = 0; i < values.length; i++) push(args, values[i]);
    let fn = compile ? compiledFor(expr, params, names) : null;
    if (!fn) {
      push(params, `return [eval(arguments[arguments.length-1]),[${join(names, ',')}]]`);
      fn = apply(RealFunction, undefined, params);
      push(args, expr);
    }
    const both = apply(fn, self === missing ? undefined : self, args);
    const result = both[0];
    const after = both[1];
    // Assignments the expression made to locals are written back through the frame's writer.
    for (let i = 0; i < localCount; i++) {
      if (!objectIs(after[i], values[i]) && !layout.consts[index[i]] && reader.writable) writeFrame(layout, reader, index[i], after[i]);
    }
    for (let i = 0; i < fromFile.length; i++) {
      const j = localCount + i;
      if (!objectIs(after[j], values[j])) writeBinding(fid, fromFile[i].index, after[j]);
    }
    return result;
  }

  // ---- exception hooks ----
  // An error is reported where it is thrown: an explicit `throw` by `__qdX` (at the statement, with its locals), an
  // error the engine throws (TypeError, a failing call) by the innermost exception wrapper's catch `__qdE` (with the
  // locals that catch sees; the controller places the stop at the failing operation from the error's own stack).
  // Each value is reported once: the outer wrappers and the callers' see it again on its way out. An explicit
  // `throw e` of a caught error is a new throw and is reported again.

  /** A set of thrown values: objects weakly, primitives by the last one added. */
  function thrownSet() {
    const objects = new WeakSetCtor();
    let last;
    let hasLast = false;
    const isObject = (v) => v !== null && (typeof v === 'object' || typeof v === 'function');
    return {
      __proto__: null,
      has: (v) => (isObject(v) ? apply(weakSetHas, objects, [v]) : hasLast && objectIs(v, last)),
      add(v) {
        if (isObject(v)) apply(weakSetAdd, objects, [v]);
        else (last = v), (hasLast = true);
      },
    };
  }
  // Values reported so far, and those an exception stop showed: an error that ends the run without having stopped
  // stops then (see uncaughtAtTop).
  const reported = thrownSet();
  const stoppedOn = thrownSet();

  // Async functions: a throw that leaves an async function rejects its promise, caught only if the frame awaiting
  // that promise is in a try. The caller is on the stack only until the callee first awaits; later the awaiting
  // chain lives in these links: each invocation has a token (`__qdN`), and an `await X` records, for the async call
  // whose first await ended while X was evaluated, the token of the awaiting frame and whether that await is in a
  // try of its function (`__qdO` before X, `__qdW` after it).
  // A sync function called by a resumed async one has no token: `running` is the async invocation that entered or
  // resumed last (the controller uses it only when the bottom frame is that invocation's function).
  const links = new WeakMapCtor(); // token -> { inTry, parent: token }
  let leftSync = null; // token of the async call whose synchronous part ended last
  let running;
  defineHelper('__qdN', function (fid, fn, generator) {
    running = { fid, fn };
    // An async generator's body starts inside the first `next()`, which returns when the body first waits (at an
    // await or a yield, which awaits too): the call that made it is linked to it as an await's operand would be.
    if (generator) leftSync = running;
    return running;
  });
  defineHelper('__qdR', function (value, token) {
    running = token;
    return value;
  });
  defineHelper('__qdO', function () {
    leftSync = null;
    return 0;
  });
  defineHelper('__qdW', function (_, value, inTry, token) {
    if (leftSync !== null && leftSync !== token) apply(weakMapSet, links, [leftSync, { inTry, parent: token }]);
    leftSync = token;
    return value;
  });
  // A call whose promise a chain handles (`f().catch(h)`): the async invocation whose synchronous part ended in it
  // is handled, as if awaited in a try.
  const handledLink = { __proto__: null, inTry: true, parent: undefined };
  defineHelper('__qdJ', function (_, value) {
    if (leftSync !== null) apply(weakMapSet, links, [leftSync, handledLink]);
    leftSync = null;
    return value;
  });
  /** Whether the awaiting chain of the async invocation `token` ends in a try (true), in nothing (false), or is unknown (null). */
  function awaitedInTry(token) {
    if (token === undefined) return null;
    for (let i = 0; i < 1000; i++) {
      const link = apply(weakMapGet, links, [token]);
      if (!link) return false;
      if (link.inTry) return true;
      token = link.parent;
    }
    return false;
  }

  /** An error's own `stack` string (QuickJS makes it a data property), read without running a program's getter. */
  function ownStack(value) {
    if (value === null || typeof value !== 'object') return '';
    let d;
    try {
      d = getOwnPropertyDescriptor(value, 'stack');
    } catch {
      return '';
    }
    return d && typeof d.value === 'string' ? d.value : '';
  }

  // Catch predictions by their question; forgotten when a file registers (a changed file may reuse a name).
  const predictions = new MapCtor();
  function onException(value, fid, sid, reader, token, site) {
    if (paused || cancelled) return;
    // Thrown in a skipped file: not reported here, so the wrapper of the first caller outside them stops for it.
    if (isSkipped(fid, sid)) return;
    if (site && reported.has(value)) return;
    reported.add(value);
    if (!exceptionAll && !exceptionUncaught) return;
    const raw = new ErrorCtor().stack;
    const errorStack = ownStack(value);
    const async = token !== undefined ? token : running;
    const query = toJSON({
      stack: typeof raw === 'string' ? raw : '',
      errorStack: site ? errorStack : '',
      asyncFrame: async ? [async.fid, async.fn] : null,
      awaited: awaitedInTry(async),
      fid,
    });
    // The same stacks give the same answer: a loop that throws and catches asks the host once.
    let caught = apply(mapGet, predictions, [query]);
    if (caught === undefined) {
      if (apply(mapSize, predictions, []) >= 256) apply(mapClear, predictions, []);
      caught = !!host.caught(query);
      apply(mapSet, predictions, [query, caught]);
    }
    const isUncaught = !caught;
    const cfg = exceptionAll || (isUncaught ? exceptionUncaught : null);
    if (!cfg) return;
    if (cfg.condition) {
      try {
        if (!evalCompiled(cfg.condition, fid, sid, reader)) return;
      } catch (e) {
        report(`exception condition threw: ${describeError(e)}`);
        return;
      }
    }
    const depth = stackDepth();
    registryException = value;
    stoppedOn.add(value);
    stop('exception', fid, sid, depth, reader, {
      description: describeError(value),
      uncaught: isUncaught,
      exceptionStack: errorStack,
      catchSite: site,
    });
  }
  let registryException;

  /**
   * An error that ends the run uncaught (thrown by the engine at a script's or module's top level, where no wrapper
   * can catch it without changing what the top-level declarations mean, or predicted caught wrongly) stops here,
   * after the fact, unless a stop showed it already. Its frames are those of its own stack; the top level's
   * bindings (file `fid`'s) and the globals are still alive, the locals of the functions it left are not. `frames`:
   * the error's stack from its first frame in a loaded file.
   */
  function uncaughtAtTop(value, fid, frames) {
    if (paused || cancelled || stoppedOn.has(value)) return;
    reported.add(value);
    const cfg = exceptionAll || exceptionUncaught;
    if (!cfg) return;
    if (cfg.condition) {
      try {
        if (!evalInFrame(cfg.condition, fid, -1, null, true)) return;
      } catch (e) {
        report(`exception condition threw: ${describeError(e)}`);
        return;
      }
    }
    const errorStack = ownStack(value);
    registryException = value;
    stoppedOn.add(value);
    // The error's own frames stand for the stack: they have returned.
    stop('exception', fid, -1, 0, null, { description: describeError(value), uncaught: true, exceptionStack: errorStack, catchSite: true, stack: frames });
  }

  defineHelper('__qdH', hook);
  defineHelper('__qdX', function (value, fid, sid, values, token) {
    onException(value, fid, sid, newReader(values, false), token, false);
    return value;
  });
  defineHelper('__qdE', function (value, fid, site, values, token) {
    onException(value, fid, site, newReader(values, false), token, true);
  });
  defineHelper('__qdB', function (fid, sid, values) {
    if (paused) return 0;
    if (cancelled) throw cancelledError();
    const reader = newReader(values, true);
    if (pauseOnDebugger) stop('debugger', fid, sid, -1, reader, {});
    else check(fid, sid, reader);
    if (!reader.evalIn) reader.writable = false;
    return reader.dirty ? values : 0;
  });
  // Reached only in the taken branch of a return statement's flag test, i.e. while stepping or at a breakpoint.
  defineHelper('__qdV', function (value) {
    if (!paused && mode !== MODE_RUN && stackDepth() <= stepDepth) returned = { value };
    return value;
  });
  defineHelper('__qdM', function (fid, reader) {
    if (files[fid]) files[fid].scopeFn = reader;
  });

  // ---- code made at run time: direct eval ----
  // Code given to a direct eval is instrumented through `__qdI`, which instrumented call sites wrap around the
  // argument. `Function` is left alone: replacing the global (a Proxy, or a wrapper) is observable
  // (`new Function('').constructor === Function`, `(function () {}).constructor`), so code it makes runs plain.

  function instrumentRuntime(source, kind) {
    if (paused) return null;
    // The host registers the new file (flags, layouts) before it answers, and forgets the released ones first.
    const code = host.instrument(source, kind, takeReleased(), stepping ? 1 : 0);
    return typeof code === 'string' ? code : null;
  }

  // ---- eval code that returned leaves the registry (see FileRegistry.runtimeCode) ----
  // Code without functions is wrapped `try{code}finally{__qdL(fid)}`: when it ends nothing of it can run again.
  // Its file goes at once here; the host hears of it with its next eval, and gives the id to new eval code, whose
  // registration redefines the same globals (so they do not pile up either).
  let released = '';
  function takeReleased() {
    const r = released;
    released = '';
    return r;
  }
  defineHelper('__qdL', function (fid) {
    const f = files[fid];
    if (!f || !f.releasable) return;
    files[fid] = null;
    reach[fid] = undefined;
    SetDelete(recordedFiles, fid);
    if (MapSize(f.bps) || (pauseOnDebugger && f.stops.length)) countStopSites();
    for (let g = 0; g < f.gates.length; g++) G[f.gates[g]] = false;
    for (let g = 0; g < f.callGates.length; g++) G[f.callGates[g]] = false;
    // Caller records and spent statements of a file that has returned describe no frame any more; its id is reused.
    for (let d = 0; d < trail.length; d++) if (trail[d] && trail[d].fid === fid) trail[d] = undefined;
    if (spent.length) {
      const rest = list();
      for (let i = 0; i < spent.length; i++) if (spent[i][0] !== fid) push(rest, spent[i]);
      spent = rest;
    }
    if (entry !== null && entry.fid === fid) entry = null;
    released = released === '' ? `${fid}` : `${released},${fid}`;
  });

  defineHelper('__qdI', function (source) {
    if (typeof source !== 'string') return source;
    const code = instrumentRuntime(source, 'eval');
    return code === null ? source : code;
  });


  // ---- seams: toString shows original text; helper globals stay out of reflection ----
  // Each replacement looks like the built-in it replaces: same name and length, a method (no `prototype`, not a
  // constructor), and its own toString shows native code.

  const natives = new WeakSetCtor();
  const nativeText = (fn) => `function ${own(fn, 'name')}() {\n    [native code]\n}`;
  const replacements = {
    toString() {
      if (WeakSetHas(natives, this)) return nativeText(this);
      const s = apply(realToString, this, []);
      if (StrIndexOf(s, '/*Q') < 0) return s;
      const original = host.fnText(s);
      return typeof original === 'string' ? original : s;
    },
    getOwnPropertyNames(o) {
      const r = getOwnPropertyNames(o);
      return o === G ? withoutHelpers(r) : r;
    },
    ownKeys(target) {
      const r = ownKeys(target);
      return target === G ? withoutHelpers(r) : r;
    },
    getOwnPropertyDescriptors(o) {
      const d = getOwnPropertyDescriptors(o);
      if (o === G) {
        const keys = ownKeys(d);
        for (let i = 0; i < keys.length; i++) if (hidden(keys[i])) delete d[keys[i]];
      }
      return d;
    },
  };
  function replace(owner, name) {
    WeakSetAdd(natives, replacements[name]);
    defineProperty(owner, name, { __proto__: null, value: replacements[name], writable: true, enumerable: false, configurable: true });
  }
  replace(RealFunction.prototype, 'toString');
  replace(Object, 'getOwnPropertyNames');
  replace(Reflect, 'ownKeys');
  replace(Object, 'getOwnPropertyDescriptors');

  const hidden = (k) => typeof k === 'string' && StrStartsWith(k, PREFIX);
  /** The keys without the helpers, as a real array (the program gets it). */
  function withoutHelpers(keys) {
    const out = [];
    for (let i = 0; i < keys.length; i++) if (!hidden(keys[i])) append(out, keys[i]);
    return out;
  }

  // ---- rendering values for the debugger ----
  // Values are rendered by the values bridge (values/inspect.js, values/remote.js), the one renderer of the console
  // and the notebook too: previews, children and their references. It reads only own data properties and internal
  // slots: it never runs a program's getter, toString or iterator. Running a getter is for `invokeGetter`, when the
  // user asks.

  /** One line naming a thrown value: `Name: message` for errors, the text of a string, else its preview. */
  function describeError(e) {
    if (e !== null && typeof e === 'object') {
      const message = dataProp(e, 'message');
      if (message !== undefined) {
        const name = dataProp(e, 'name');
        return `${typeof name === 'string' && name ? name : 'Error'}: ${typeof message === 'string' ? message : values.preview(message)}`;
      }
    }
    return typeof e === 'string' ? e : values.preview(e);
  }

  /** A value as a logpoint prints it: as console.log would (strings as they are). */
  function show(v) {
    return typeof v === 'string' ? v : values.inspect(v);
  }

  /** A remote value whose reference lives until the program resumes. */
  function remote(v) {
    return values.pauseRef(v);
  }

  function scopeRef(entry) {
    return values.pauseScope(entry);
  }

  /** Frame i: 0 is the paused statement, then callers whose readers the trail still holds. */
  function frameAt(depth) {
    if (current && depth === current.depth) return current;
    const t = depth >= 0 && depth < trail.length ? trail[depth] : undefined;
    return t ? { __proto__: null, fid: t.fid, sid: t.sid, depth, reader: t.reader } : null;
  }

  /** Evaluates in the frame at `depth` (its locals when known, else its file's bindings), or globally. */
  function inFrame(expr, depth, fid) {
    const fr = depth >= 0 ? frameAt(depth) : null;
    if (fr && fr.reader) return evalInFrame(expr, fr.fid, fr.sid, fr.reader);
    return fid >= 0 ? evalInFrame(expr, fid, -1, null) : (0, realEval)(expr);
  }

  const control = {
    /** Registers an instrumented file: its statement flags become a global `__qdF<id>`. */
    registerFile(fid, metaJson) {
      apply(mapClear, predictions, []);
      registerFile(fid, typeof metaJson === 'string' ? parse(metaJson) : metaJson);
    },
    /** Replaces a file's breakpoints; returns JSON [{ id, verified, message? }]. */
    setBreakpoints(fid, json) {
      const f = files[fid];
      const wanted = parseData(json);
      MapClear(f.bps);
      const results = list();
      for (let i = 0; i < wanted.length; i++) {
        const b = wanted[i];
        // `quick`: the condition's quick form (quickForm), made at its first evaluation; null when there is none.
        const bp = { __proto__: null, id: b.id, condition: b.condition, logMessage: b.logMessage, hits: 0, hit: null, disabled: false, quick: undefined };
        let message;
        if (b.condition) {
          try {
            RealFunction(`return (${b.condition})`);
          } catch (e) {
            message = `condition does not parse: ${describeError(e)}`;
            bp.condition = undefined;
            bp.disabled = true;
          }
        }
        if (b.hitCondition) {
          HIT_CONDITION.lastIndex = 0;
          const m = RegExpExec(HIT_CONDITION, b.hitCondition);
          if (!m) message = `hit count \`${b.hitCondition}\` is not understood: use 5, >= 5 or % 5`;
          else {
            const n = +m[2];
            const op = m[1] || '>=';
            bp.hit =
              op === '%' ? (h) => n > 0 && h % n === 0
              : op === '>' ? (h) => h > n
              : op === '<' ? (h) => h < n
              : op === '<=' ? (h) => h <= n
              : op === '>=' ? (h) => h >= n
              : (h) => h === n;
          }
        }
        if (!bp.disabled) MapSet(f.bps, b.sid, bp);
        push(results, { __proto__: null, id: b.id, verified: !bp.disabled, message });
      }
      countStopSites();
      captureStale = true;
      refreshAll();
      return toJSON(results);
    },
    setExceptionBreakpoints(json) {
      const c = parseData(json);
      const before = exceptionCapture();
      exceptionAll = c.all || null;
      exceptionUncaught = c.uncaught || null;
      if (exceptionCapture() === before) return;
      captureStale = true;
      refreshAll();
    },
    uncaughtAtTop,
    /** An error's own stack text ('' when it has none as a data property). */
    errorStack: ownStack,
    setPauseOnDebugger(on) {
      pauseOnDebugger = !!on;
      countStopSites();
      captureStale = true;
      refreshAll();
    },
    /** Stops with reason `entry` at statement `sid` of file `fid` (the first top-level statement), or at the next statement when sid < 0. */
    armEntry(fid, sid) {
      if (sid < 0) {
        entryByPause = true;
        control.requestPause();
        return;
      }
      entry = { __proto__: null, fid, sid };
      setFlag(files[fid], sid);
    },
    /** Marks the statements of file `fid` that steps pass through and exceptions are not reported in (JSON list of ids). */
    setSkipped(fid, json) {
      const f = files[fid];
      const sids = parseData(json);
      const skip = new U8(f.flags.length);
      for (let i = 0; i < sids.length; i++) skip[sids[i]] = 1;
      f.skip = skip;
    },
    /** Makes the next statement anywhere stop with reason `pause`. */
    requestPause() {
      requestedPause = true;
      mode = MODE_IN;
      setStepping(true);
    },
    /** Starts stepping as if resumed from a pause at `depth` (used for stop-on-entry). */
    stepFrom(action, depth) {
      resume(action, depth);
    },
    depth() {
      return stackDepth();
    },
    /** A new run starts: forget a cancelled one and any stepping it left behind. */
    reset() {
      cancelled = false;
      mode = MODE_RUN;
      requestedPause = false;
      stepFromSkipped = false;
      setStepping(false);
      trail.length = 0;
      resetRecording();
    },
    /** Scopes of the frame at `depth` (`fid`: its file, for the Script/Module scope): JSON [{ name, ref, namedCount }]. */
    scopes(depth, fid, note) {
      const fr = frameAt(depth);
      const out = list();
      const scope = (name, entry, namedCount) => push(out, { __proto__: null, name, ref: scopeRef(entry), namedCount });
      // A caller whose locals were not recorded: one entry that says why, where the locals would be.
      if (!fr && note) scope('Local', { __proto__: null, note }, 1);
      if (fr && fid < 0) fid = fr.fid;
      if (fr && fr.reader) {
        const layout = frameNames(fr.fid, fr.sid);
        if (current !== null && depth === current.depth && current.returned) {
          scope('Return Value', { __proto__: null, returnValue: current.returnValue }, 1);
        }
        let start = 0;
        const groups = layout.groups;
        for (let i = 0; i < groups.length; i++) {
          const g = groups[i];
          scope(g.kind, { __proto__: null, frame: fr, from: start, to: start + g.count, layout }, g.count);
          start += g.count;
        }
        if (layout.hasThis) scope('this', { __proto__: null, thisOf: fr }, 1);
      }
      const fileScope = fid >= 0 && files[fid] && files[fid].scope;
      if (fileScope && files[fid].scopeFn) scope(fileScope.kind, { __proto__: null, fileOf: fid }, fileScope.names.length);
      push(out, { __proto__: null, name: 'Global', ref: scopeRef({ __proto__: null, value: G, global: true }), namedCount: 0, expensive: true });
      return toJSON(out);
    },
    /** Children of a registry entry: JSON RemoteProperty[]. */
    variables(ref, filter, start, count) {
      // The bridge pages as DAP does; 0 and '' are what the controller sends for "not given".
      const page = (id) => values.pauseChildren(id, filter || undefined, start || undefined, count || undefined);
      const e = values.scope(ref);
      if (!e) return toJSON(page(ref));
      const props = list();
      const prop = (name, value, getter) => push(props, getter ? { __proto__: null, name, value, getter } : { __proto__: null, name, value });
      const unavailable = () => ({ __proto__: null, id: 0, preview: '<unavailable>', type: 'undefined' });
      if (e.frame) {
        const { frame, from, to, layout } = e;
        const values = readFrame(layout, frame.reader).values;
        for (let i = from; i < to; i++) prop(layout.names[i], values[i] === missing ? unavailable() : remote(values[i]));
        return toJSON(props);
      }
      if ('note' in e) {
        prop('not recorded', { __proto__: null, id: 0, preview: e.note, type: 'string' });
        return toJSON(props);
      }
      if ('returnValue' in e) {
        prop('return value', remote(e.returnValue));
        return toJSON(props);
      }
      if ('fileOf' in e) {
        const bindings = fileBindings(e.fileOf);
        for (let i = 0; i < bindings.length; i++) prop(bindings[i].name, remote(bindings[i].value));
        return toJSON(props);
      }
      if (e.thisOf) {
        const fr = e.thisOf;
        const v = readFrame(frameNames(fr.fid, fr.sid), fr.reader).self;
        prop('this', v === missing ? unavailable() : remote(v));
        return toJSON(props);
      }
      // The Global scope: globalThis's children, without the helpers instrumented code calls.
      const all = page(values.pauseId(G));
      for (let i = 0; i < all.length; i++) if (!hidden(all[i].name)) push(props, all[i]);
      return toJSON(props);
    },
    /** Evaluates in the frame at `depth` (-1: global); JSON { value } or { error }. */
    evaluate(depth, expr, fid) {
      try {
        const v = inFrame(expr, depth, fid);
        return toJSON({ __proto__: null, value: remote(v) });
      } catch (e) {
        return toJSON({ __proto__: null, error: describeError(e) });
      }
    },
    /** Assigns `expr` (evaluated in frame `depth`) to `name` of registry entry `ref`. */
    setVariable(ref, name, expr, depth, fid) {
      const e = values.scope(ref) ?? (values.value(ref) === undefined ? undefined : { __proto__: null, value: values.value(ref) });
      try {
        if (!e) throw new ErrorCtor('the variable is no longer available');
        const value = inFrame(expr, depth >= 0 ? depth : current ? current.depth : -1, fid);
        if (e.frame) {
          const idx = indexOf(e.layout.names, name);
          if (idx < 0) throw new ErrorCtor(`no variable ${name}`);
          if (e.layout.consts[idx]) throw new ErrorCtor(`${name} is a constant`);
          writeFrame(e.layout, e.frame.reader, idx, value);
        } else if ('fileOf' in e) {
          const idx = indexOf(files[e.fileOf].scope.names, name);
          if (idx < 0) throw new ErrorCtor(`no variable ${name}`);
          writeBinding(e.fileOf, idx, value);
        } else if (e.value !== undefined) {
          // The user asked for this assignment: a setter the program defined runs, as in any debugger.
          e.value[name] = value;
        } else throw new ErrorCtor('this scope cannot be written');
        return toJSON({ __proto__: null, value: remote(value) });
      } catch (err) {
        return toJSON({ __proto__: null, error: describeError(err) });
      }
    },
    /** Names visible in frame `depth` plus properties of `prefix` evaluated there: JSON string[]. */
    completions(depth, objectExpr, fid) {
      const names = new SetCtor();
      const addAll = (keys) => {
        for (let i = 0; i < keys.length; i++) if (!hidden(keys[i])) SetAdd(names, keys[i]);
      };
      try {
        if (objectExpr) {
          let v = inFrame(objectExpr, depth, fid);
          for (let i = 0; v != null && i < 4; i++, v = getPrototypeOf(ObjectCtor(v))) addAll(getOwnPropertyNames(ObjectCtor(v)));
        } else {
          const fr = depth >= 0 ? frameAt(depth) : null;
          if (fr && fr.reader) addAll(frameNames(fr.fid, fr.sid).names);
          const bindings = fileBindings(fr ? fr.fid : fid);
          for (let i = 0; i < bindings.length; i++) SetAdd(names, bindings[i].name);
          addAll(getOwnPropertyNames(G));
        }
      } catch {}
      return toJSON(setValues(names));
    },
    /** The exception of the current `exception` stop, rendered. */
    exception() {
      return toJSON(remote(registryException));
    },
    /** Evaluates the flag-independent parts: is something paused right now. */
    isPaused() {
      return paused;
    },
  };

  /** A list from parsed JSON as a null-prototype array (reading past its end never reaches Array.prototype). */
  function listOf(arr) {
    const out = list();
    if (arr) for (let i = 0; i < arr.length; i++) push(out, arr[i]);
    return out;
  }

  function registerFile(fid, meta) {
    const flags = new U8(meta.count);
    const layouts = list();
    for (let li = 0; li < meta.layouts.length; li++) {
      const l = meta.layouts[li];
      const names = list();
      const consts = list();
      const outer = list();
      const groups = list();
      for (let gi = 0; gi < l.groups.length; gi++) {
        const g = l.groups[gi];
        push(groups, { __proto__: null, kind: g.kind, count: g.names.length });
        for (let i = 0; i < g.names.length; i++) {
          push(names, g.names[i]);
          push(consts, g.consts[i]);
          push(outer, g.outer);
        }
      }
      push(layouts, { __proto__: null, hasThis: l.hasThis, names, consts, outer, groups });
    }
    // One gate per function (index + 1; 0 is the top level), named as instrument.ts's HELPER.gate.
    const gates = list();
    for (let g = 0; g <= meta.fnLeaf.length; g++) {
      const name = `${PREFIX}b${fid}_${g}`;
      push(gates, name);
      defineHelper(name, false, true);
    }
    // The call gates of a file instrumented with exception wrappers (instrument.ts's HELPER.callGate), else none.
    const callGates = list();
    if (own(meta, 'callGates')) {
      for (let g = 0; g <= meta.fnLeaf.length; g++) {
        const name = `${PREFIX}c${fid}_${g}`;
        push(callGates, name);
        defineHelper(name, false, true);
      }
    }
    const fnNames = list();
    push(fnNames, '');
    const declared = own(meta, 'fnNames');
    if (declared) for (let i = 0; i < declared.length; i++) push(fnNames, declared[i]);
    const callArgs = new MapCtor();
    const args = own(meta, 'callArgs');
    if (args) for (let i = 0; i < args.length; i++) MapSet(callArgs, args[i][0], args[i][1]);
    const f = {
      __proto__: null,
      flags,
      gates,
      callGates,
      stmtFn: listOf(meta.stmtFn),
      stmtLayout: listOf(meta.stmtLayout),
      layouts,
      bps: new MapCtor(),
      // Function names by function index + 1 (0: top level), for step-in targets.
      fnNames,
      // Per call, flat: function, statement, callee name (index into callNames, -1: none); for calls passing
      // functions or names as arguments, callArgs maps the call's index to [function ids, name indexes].
      calls: listOf(own(meta, 'calls')),
      callNames: listOf(own(meta, 'callNames')),
      callArgs,
      stops: listOf(own(meta, 'stops')),
      capture: new U8(meta.count),
      // Records per statement since the last stop, and statements that used up their budget (see `record`).
      recorded: new U32(meta.count),
      recordOff: new U8(meta.count),
      scope: own(meta, 'fileScope') || null,
      scopeFn: null,
      // Statements steps pass through (setSkipped), or null.
      skip: null,
      releasable: own(meta, 'releasable') === 1,
    };
    files[fid] = f;
    // A releasable file's id is reused by later eval code (see __qdL): its globals must take new values then.
    defineHelper(PREFIX + 'F' + fid, flags, f.releasable);
    if (pauseOnDebugger) stopSiteCount += f.stops.length;
    // Code made at run time registers often: add it to the recording calls found so far rather than recompute.
    if ((hasStopSites() || exceptionCapture()) && !captureStale) {
      if (addToCapture(fid)) refreshFlags(f);
    } else if (hasStopSites() || exceptionCapture()) refreshAll();
    else refreshFlags(f);
  }

  return control;
}
