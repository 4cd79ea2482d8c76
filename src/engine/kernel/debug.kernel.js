// The debug kernel: the half of the debugger that runs INSIDE QuickJS, next to instrumented code
// (src/engine/debug/instrument.ts). It owns the per-file statement flags, the hook that instrumented statements call
// when their flag is set, call depth, breakpoint conditions / hit counts / logpoints, stepping decisions, exception
// hooks, and the registry of values shown while paused. It crosses to the host only to really pause
// (`host.pause`), to log, or to instrument code made at run time. Everything it exchanges with the host is a string
// or a number (JSON for structures), so the host never holds handles to script values.
// Evaluated as a global script; the completion value is `install(host)`, which returns the control object.
'use strict';
(function install(host) {
  const G = globalThis;
  const defineProperty = Object.defineProperty;
  const getOwnPropertyNames = Object.getOwnPropertyNames;
  const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const getOwnPropertyDescriptors = Object.getOwnPropertyDescriptors;
  const getPrototypeOf = Object.getPrototypeOf;
  const ownKeys = Reflect.ownKeys;
  const apply = Reflect.apply;
  const construct = Reflect.construct;
  const RealFunction = Function;
  const realEval = eval;
  const realToString = Function.prototype.toString;
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const ErrorCtor = Error;
  const U8 = Uint8Array;
  const isArray = Array.isArray;
  const objectIs = Object.is;
  const WeakSetCtor = WeakSet;
  const weakSetHas = WeakSet.prototype.has;
  const weakSetAdd = WeakSet.prototype.add;
  const WeakMapCtor = WeakMap;
  const weakMapGet = WeakMap.prototype.get;
  const weakMapSet = WeakMap.prototype.set;
  const MapCtor = Map;
  const mapGet = Map.prototype.get;
  const mapSet = Map.prototype.set;
  const mapClear = Map.prototype.clear;
  const mapSize = getOwnPropertyDescriptor(Map.prototype, 'size').get;
  const PREFIX = '__qd';

  // MODE_TARGET: step in, but stop only in a function named `targetName` entered from the stepping frame
  // (or back in that frame, or its callers, when the target is never entered).
  const MODE_RUN = 0, MODE_IN = 1, MODE_OVER = 2, MODE_OUT = 3, MODE_TARGET = 4;

  /** fileId -> { flags, gates (global names), stmtFn, stmtLayout, layouts, bps: Map<stmt, bp> } */
  const files = [];
  let mode = MODE_RUN;
  let stepDepth = 0;
  let stepping = false; // all flags set
  let paused = false;
  let exceptionAll = null; // { condition } | null
  let exceptionUncaught = null;
  let lastThrown = undefined;
  let hasLastThrown = false;
  let pauseOnDebugger = true;
  let targetName = '';
  // The value the stepping frame returned since the last resume ({ value } or null): the "Return Value" scope.
  let returned = null;
  // Readers seen at each depth while flags were set ({ fid, sid, reader, name }): caller frames show their locals.
  const trail = [];
  // Values shown while paused; ids die on resume.
  let registry = [null];
  let frames = [];
  let current = null;

  // ---- globals the instrumented code uses (non-enumerable, and hidden from reflection below) ----
  function defineHelper(name, value, writable) {
    defineProperty(G, name, { value, writable: !!writable, enumerable: false, configurable: false });
  }
  defineHelper('__qdZ', undefined, true);
  // Carries a paused statement's changed locals from its hook to the destructuring that writes them back.
  defineHelper('__qdT', undefined, true);

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
    let k = s.indexOf(KERNEL_FILE);
    while (i < s.length) {
      let j = s.indexOf('\n', i);
      if (j < 0) j = s.length;
      if (k >= 0 && k < i) k = s.indexOf(KERNEL_FILE, i);
      const at = s.indexOf(' at ', i);
      const frame = at >= 0 && at < j && !(k >= 0 && k < j) && !s.startsWith('(native)', j - 8);
      if (frame) {
        if (n === 0) topFrameName = frameName(s.slice(i, j));
        n++;
      }
      i = j + 1;
    }
    return n;
  }
  /** The function name of the innermost script frame at the last stackDepth(): tells a caller record's frame apart. */
  let topFrameName = '';
  function frameName(line) {
    const at = line.indexOf(' at ') + 4;
    const open = line.indexOf(' (', at);
    return open < 0 ? '' : line.slice(at, open);
  }

  /**
   * A statement's locals as instrumented code passes them: `values` in layout order (after `this` when the layout
   * has it), or, for scopes with many names, a function that direct-evals code in the statement's scope.
   * Only the paused statement's array can be written: its hook returns it to be destructured back. An eval reader
   * reads and writes the live frame, so it stays usable for caller frames too.
   */
  function newReader(values, writable) {
    if (typeof values === 'function') return { values: null, evalIn: values, writable: true, dirty: false };
    return { values, evalIn: null, writable, dirty: false };
  }

  /** Called by instrumented statements whose flag is set; returns the locals to write back, or 0. */
  function hook(fid, sid, values) {
    if (paused) return 0;
    if (cancelled) throw cancelledError();
    const reader = newReader(values, true);
    check(fid, sid, reader);
    // The trail may keep this reader for caller frames: its statement has moved on, so a copy is read-only now.
    if (!reader.evalIn) reader.writable = false;
    return reader.dirty ? values : 0;
  }

  function check(fid, sid, reader) {
    const f = files[fid];
    if (entry !== null && entry.fid === fid && entry.sid === sid) {
      entry = null;
      stop('entry', fid, sid, -1, reader, {});
      return;
    }
    let reason = null;
    let hit = null;
    let depth = -1;
    const bp = f.bps.get(sid);
    if (bp && checkBreakpoint(bp, fid, sid, reader)) {
      reason = 'breakpoint';
      hit = [bp.id];
    }
    if (!reason && mode !== MODE_RUN) {
      if (mode === MODE_IN) reason = requestedPause ? 'pause' : 'step';
      else {
        depth = stackDepth();
        trail[depth] = { fid, sid, reader, name: topFrameName };
        if ((mode === MODE_OVER && depth <= stepDepth) || (mode === MODE_OUT && depth < stepDepth)) reason = 'step';
        else if (mode === MODE_TARGET && (depth <= stepDepth || (depth === stepDepth + 1 && f.fnNames[f.stmtFn[sid] + 1] === targetName))) reason = 'step';
      }
    }
    if (!reason) {
      if (mode === MODE_RUN && f.capture[sid] === 1) record(fid, sid, reader);
      return;
    }
    stop(reason, fid, sid, depth, reader, { hitBreakpointIds: hit });
  }

  // ---- caller frames: locals recorded on the way to a stop ----
  // A frame's locals can be read only while one of its statements runs, so a caller that is already inside a call
  // when the run stops has nothing to show unless its statement recorded them. Recording costs a stack walk, so only
  // calls that can lead to a stop record: calls of a function (by name, or passed as an argument) that holds a
  // breakpoint or a `debugger;` statement, and transitively the calls of those callers, across files. A statement
  // that records STATEMENT_BUDGET times without a stop (a call in a hot loop towards a breakpoint that is never hit)
  // stops recording until the next stop, so its cost stays bounded (~6 ms); its records are dropped, since it runs on
  // unrecorded, and a frame there says why it shows no locals. Other statements, such as the outer callers that
  // recorded once, keep theirs.
  const STATEMENT_BUDGET = 500;
  let captureStale = true;
  // Statements switched off since the last stop, as [fid, sid] pairs (their frames say why they have no locals).
  let spent = [];

  // Files whose statements recorded since the last stop: only their counts need resetting.
  const recordedFiles = new Set();

  function record(fid, sid, reader) {
    const f = files[fid];
    recordedFiles.add(fid);
    if (++f.recorded[sid] > STATEMENT_BUDGET) {
      f.recordOff[sid] = 1;
      spent.push([fid, sid]);
      for (let d = 0; d < trail.length; d++) {
        const t = trail[d];
        if (t && t.fid === fid && t.sid === sid) trail[d] = undefined;
      }
      refreshFlags(f);
      return;
    }
    trail[stackDepth()] = { fid, sid, reader, name: topFrameName };
  }

  /** After a stop, every statement records again with a fresh budget. */
  function resetRecording() {
    for (const fid of recordedFiles) files[fid].recorded.fill(0);
    recordedFiles.clear();
    if (!spent.length) return;
    for (const [fid] of spent) files[fid].recordOff.fill(0);
    spent = [];
    refreshAll();
  }

  // What computeCapture found, kept so that a file registered later (code made by eval, a module) is added
  // without going over every file again: per file, which functions can reach a stop; their names.
  let reach = [];
  let reachNames = new Set();

  /** Marks, in every file, the statements whose calls can reach a stop (see above). */
  function computeCapture() {
    captureStale = false;
    if (!captureAny && !hasStopSites()) return;
    captureAny = false;
    reach = [];
    reachNames = new Set();
    const all = [];
    for (let fid = 0; fid < files.length; fid++) {
      const f = files[fid];
      if (!f) continue;
      reach[fid] = new U8(f.fnNames.length);
      f.capture.fill(0);
      all.push(fid);
    }
    for (const fid of all) {
      const f = files[fid];
      for (const sid of f.bps.keys()) if (f.stmtFn[sid] >= 0) markReach(fid, f.stmtFn[sid]);
    }
    propagate(all);
  }

  /**
   * Adds a newly registered file to what computeCapture found: its `debugger;` statements and calls against the
   * names known so far. Only when it makes new names reachable must every file be looked at again.
   * Returns false when it did that (every file's flags were refreshed), true when only this file changed.
   */
  function addToCapture(fid) {
    const f = files[fid];
    reach[fid] = new U8(f.fnNames.length);
    const before = reachNames.size;
    propagate([fid]);
    if (reachNames.size === before) return true;
    captureStale = true;
    refreshAll();
    return false;
  }

  function markReach(fid, fn) {
    const r = reach[fid];
    if (r[fn + 1]) return false;
    r[fn + 1] = 1;
    const name = files[fid].fnNames[fn + 1];
    if (name) reachNames.add(name);
    return true;
  }

  /** Marks, in the files `fids`, the calls that can reach a stop (see above), until nothing changes. */
  function propagate(fids) {
    let changed = true;
    if (pauseOnDebugger) {
      for (const fid of fids) for (const sid of files[fid].stops) if (files[fid].stmtFn[sid] >= 0) markReach(fid, files[fid].stmtFn[sid]);
    }
    while (changed) {
      changed = false;
      for (const fid of fids) {
        const f = files[fid];
        const r = reach[fid];
        const calls = f.calls;
        for (let i = 0; i < calls.length; i += 3) {
          const sid = calls[i + 1];
          if (f.capture[sid]) continue;
          // Code given to eval is unknown until it runs: an eval call may lead anywhere.
          const callee = calls[i + 2] >= 0 ? f.callNames[calls[i + 2]] : '';
          let hit = callee !== '' && (reachNames.has(callee) || callee === 'eval');
          const extra = hit ? undefined : f.callArgs.get(i / 3);
          if (extra) {
            for (let k = 0; !hit && k < extra[0].length; k++) hit = r[extra[0][k] + 1] === 1;
            for (let k = 0; !hit && k < extra[1].length; k++) hit = reachNames.has(f.callNames[extra[1][k]]);
          }
          if (!hit) continue;
          f.capture[sid] = 1;
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
    for (const f of files) if (f) stopSiteCount += f.bps.size + (pauseOnDebugger ? f.stops.length : 0);
  }

  function refreshAll() {
    if (captureStale) computeCapture();
    for (let i = 0; i < files.length; i++) if (files[i]) refreshFlags(files[i]);
  }

  function checkBreakpoint(bp, fid, sid, reader) {
    if (bp.condition) {
      let ok;
      try {
        ok = evalInFrame(bp.condition, fid, sid, reader);
      } catch (e) {
        report(`breakpoint condition \`${bp.condition}\` threw: ${describeError(e)}`);
        return false;
      }
      if (!ok) return false;
    }
    bp.hits++;
    if (bp.hit && !bp.hit(bp.hits)) return false;
    if (bp.logMessage !== undefined) {
      let text;
      try {
        text = bp.logMessage.replace(/\{([^{}]+)\}/g, (_, expr) => {
          try {
            return show(evalInFrame(expr, fid, sid, reader));
          } catch (e) {
            return `<${describeError(e)}>`;
          }
        });
      } catch (e) {
        text = String(e);
      }
      host.log(text, fid, sid);
      return false;
    }
    return true;
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
    if (fid >= 0) trail[depth] = { fid, sid, reader, name: topFrameName };
    current = { fid, sid, depth, reader, returned: returned !== null, returnValue: returned && returned.value };
    returned = null;
    const raw = new ErrorCtor().stack;
    const stack = typeof raw === 'string' ? raw : '';
    const trailInfo = [];
    for (let d = 0; d < depth; d++) {
      const t = trail[d];
      if (t) trailInfo.push({ depth: d, fid: t.fid, sid: t.sid, name: t.name });
    }
    mode = MODE_RUN;
    requestedPause = false;
    setStepping(false);
    paused = true;
    registry = [null];
    let action;
    try {
      action = host.pause(stringify({ reason, fid, sid, depth, stack, trail: trailInfo, spent, recordBudget: STATEMENT_BUDGET, ...extra }));
    } finally {
      paused = false;
      registry = [null];
      frames = [];
    }
    current = null;
    resetRecording();
    resume(action, depth);
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
    else if (action.startsWith('stepIn:')) {
      mode = MODE_TARGET;
      targetName = action.slice(7);
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
    if (stepping) {
      f.flags.fill(1);
      for (let g = 0; g < gates.length; g++) G[gates[g]] = true;
      return;
    }
    f.flags.fill(0);
    for (let g = 0; g < gates.length; g++) G[gates[g]] = false;
    for (const sid of f.bps.keys()) setFlag(f, sid);
    if (entry !== null && files[entry.fid] === f) setFlag(f, entry.sid);
    if (captureAny) for (let i = 1; i < f.calls.length; i += 3) if (f.capture[f.calls[i]] === 1 && !f.recordOff[f.calls[i]]) setFlag(f, f.calls[i]);
  }

  function setFlag(f, sid) {
    f.flags[sid] = 1;
    G[f.gates[f.stmtFn[sid] + 1]] = true;
  }

  // ---- evaluation in a frame: locals become parameters of a function that direct-evals the expression ----

  function frameNames(fid, sid) {
    const f = files[fid];
    return f.layouts[f.stmtLayout[sid]] || { hasThis: false, names: [], consts: [], outer: [], groups: [] };
  }

  /** Reads a frame's values: { self, values[] } in layout order; a name that cannot be read is `missing`. */
  const missing = {};
  function readFrame(layout, reader) {
    let all = reader.values;
    if (reader.evalIn) {
      try {
        all = reader.evalIn(`[${layout.hasThis ? 'this,' : ''}${layout.names.join(',')}]`);
      } catch {
        all = [];
      }
    }
    const off = layout.hasThis ? 1 : 0;
    const values = [];
    for (let i = 0; i < layout.names.length; i++) values.push(i + off < all.length ? all[i + off] : missing);
    return { self: layout.hasThis ? all[0] : undefined, values };
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
  function fileBindings(fid) {
    const f = fid >= 0 ? files[fid] : undefined;
    const out = [];
    if (!f || !f.scope || !f.scopeFn) return out;
    const names = f.scope.names;
    for (let i = 0; i < names.length; i++) {
      try {
        out.push({ name: names[i], value: f.scopeFn(i, false), index: i });
      } catch {}
    }
    return out;
  }

  function writeBinding(fid, index, value) {
    const f = files[fid];
    if (f.scope.consts[index]) throw new ErrorCtor(`${f.scope.names[index]} is a constant`);
    f.scopeFn(index, true, value);
  }

  function evalInFrame(expr, fid, sid, reader) {
    if (fid < 0) return (0, realEval)(expr);
    const layout = reader ? frameNames(fid, sid) : { names: [], consts: [], hasThis: false };
    const { self, values: all } = reader ? readFrame(layout, reader) : { self: undefined, values: [] };
    const names = [];
    const values = [];
    const index = [];
    for (let i = 0; i < layout.names.length; i++) {
      if (all[i] === missing) continue;
      names.push(layout.names[i]);
      values.push(all[i]);
      index.push(i);
    }
    // Module bindings are invisible to code made here (a script's are globals, found anyway): pass them too.
    const localCount = names.length;
    const bindings = files[fid] && files[fid].scope && files[fid].scope.kind === 'Module' ? fileBindings(fid) : [];
    const fromFile = [];
    for (const b of bindings) {
      if (names.indexOf(b.name) >= 0) continue;
      names.push(b.name);
      values.push(b.value);
      fromFile.push(b);
    }
    const fn = RealFunction(...names, `return [eval(arguments[arguments.length-1]),[${names.join(',')}]]`);
    const [result, after] = apply(fn, self, [...values, expr]);
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

  // Objects reported so far (primitives: the last one).
  let reported = new WeakSetCtor();
  function seen(value) {
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) return apply(weakSetHas, reported, [value]);
    return hasLastThrown && objectIs(value, lastThrown);
  }
  function markSeen(value) {
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) apply(weakSetAdd, reported, [value]);
    else {
      lastThrown = value;
      hasLastThrown = true;
    }
  }

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
  defineHelper('__qdN', function (fid, fn) {
    return (running = { fid, fn });
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
    if (site && seen(value)) return;
    markSeen(value);
    if (!exceptionAll && !exceptionUncaught) return;
    const raw = new ErrorCtor().stack;
    const errorStack = ownStack(value);
    const async = token !== undefined ? token : running;
    const query = stringify({
      stack: typeof raw === 'string' ? raw : '',
      errorStack: site ? errorStack : '',
      asyncFrame: async ? [async.fid, async.fn] : null,
      awaited: awaitedInTry(async),
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
        if (!evalInFrame(cfg.condition, fid, sid, reader)) return;
      } catch (e) {
        report(`exception condition threw: ${describeError(e)}`);
        return;
      }
    }
    const depth = stackDepth();
    registryException = value;
    stop('exception', fid, sid, depth, reader, {
      description: describeError(value),
      uncaught: isUncaught,
      exceptionStack: errorStack,
      catchSite: site,
    });
  }
  let registryException;

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

  // ---- code made at run time: eval and new Function ----

  function instrumentRuntime(source, kind) {
    if (paused) return null;
    // The host registers the new file (flags, layouts) before it answers.
    const code = host.instrument(source, kind);
    return typeof code === 'string' ? code : null;
  }

  defineHelper('__qdI', function (source) {
    if (typeof source !== 'string') return source;
    const code = instrumentRuntime(source, 'eval');
    return code === null ? source : code;
  });

  function makeFunction(args) {
    const params = args.slice(0, -1).map(String).join(',');
    const body = args.length ? String(args[args.length - 1]) : '';
    const src = `(function anonymous(${params}\n) {\n${body}\n})`;
    const code = instrumentRuntime(src, 'function');
    if (code === null) return apply(RealFunction, undefined, args);
    return (0, realEval)(code);
  }
  const FunctionProxy = new Proxy(RealFunction, {
    apply: (_t, _self, args) => makeFunction(args),
    construct: (_t, args, newTarget) => {
      const fn = makeFunction(args);
      if (newTarget !== FunctionProxy && newTarget !== RealFunction) Object.setPrototypeOf(fn, newTarget.prototype);
      return fn;
    },
  });
  defineProperty(G, 'Function', { value: FunctionProxy, writable: true, enumerable: false, configurable: true });

  // ---- seams: toString shows original text; helper globals stay out of reflection ----

  const natives = new WeakSet();
  const nativeText = (fn) => `function ${fn.name}() {\n    [native code]\n}`;
  function toString() {
    if (natives.has(this)) return nativeText(this);
    const s = apply(realToString, this, []);
    if (s.indexOf('/*Q') < 0) return s;
    const original = host.fnText(s);
    return typeof original === 'string' ? original : s;
  }
  natives.add(toString);
  defineProperty(RealFunction.prototype, 'toString', { value: toString, writable: true, enumerable: false, configurable: true });

  const hidden = (k) => typeof k === 'string' && k.startsWith(PREFIX);
  function wrapReflect(owner, name, filterResult) {
    const real = owner[name];
    const wrapped = {
      [name](...args) {
        const r = apply(real, this, args);
        return args[0] === G ? filterResult(r) : r;
      },
    }[name];
    natives.add(wrapped);
    defineProperty(owner, name, { value: wrapped, writable: true, enumerable: false, configurable: true });
  }
  const filterList = (list) => list.filter((k) => !hidden(k));
  wrapReflect(Object, 'getOwnPropertyNames', filterList);
  wrapReflect(Reflect, 'ownKeys', filterList);
  wrapReflect(Object, 'getOwnPropertyDescriptors', (d) => {
    for (const k of ownKeys(d)) if (hidden(k)) delete d[k];
    return d;
  });

  // ---- rendering values for the debugger ----

  function describeError(e) {
    if (e && typeof e === 'object' && 'message' in e) return `${e.name || 'Error'}: ${e.message}`;
    return show(e);
  }

  function typeOf(v) {
    if (v === null) return 'null';
    const t = typeof v;
    if (t !== 'object') return t;
    if (isArray(v)) return 'array';
    if (v instanceof Map) return 'map';
    if (v instanceof Set) return 'set';
    if (v instanceof Date) return 'date';
    if (v instanceof RegExp) return 'regexp';
    if (v instanceof ErrorCtor) return 'error';
    if (v instanceof Promise) return 'promise';
    if (ArrayBuffer.isView(v)) return 'typedarray';
    return 'object';
  }

  function className(v) {
    try {
      const p = getPrototypeOf(v);
      const c = p && getOwnPropertyDescriptor(p, 'constructor');
      return c && typeof c.value === 'function' ? c.value.name : undefined;
    } catch {
      return undefined;
    }
  }

  function show(v, depth = 0) {
    const t = typeOf(v);
    switch (t) {
      case 'string':
        return depth ? stringify(v) : v;
      case 'undefined':
      case 'number':
      case 'boolean':
      case 'null':
        return String(v);
      case 'bigint':
        return `${v}n`;
      case 'symbol':
        return v.toString();
      case 'function':
        return `ƒ ${v.name || '(anonymous)'}`;
      case 'error':
        return describeError(v);
      case 'date':
        return isNaN(v) ? 'Invalid Date' : v.toISOString();
      case 'regexp':
        return String(v);
      case 'array':
        if (depth > 1) return `Array(${v.length})`;
        return `(${v.length}) [${v.slice(0, 10).map((x) => show(x, depth + 1)).join(', ')}${v.length > 10 ? ', …' : ''}]`;
      case 'map':
      case 'set':
        return `${className(v) || t}(${v.size})`;
      default: {
        if (depth > 1) return className(v) || 'Object';
        let keys;
        try {
          keys = Object.keys(v).slice(0, 6);
        } catch {
          keys = [];
        }
        const cn = className(v);
        const inner = keys.map((k) => {
          let x;
          try {
            const d = getOwnPropertyDescriptor(v, k);
            x = d && 'value' in d ? show(d.value, depth + 1) : '(...)';
          } catch {
            x = '?';
          }
          return `${k}: ${x}`;
        });
        return `${cn && cn !== 'Object' ? cn + ' ' : ''}{${inner.join(', ')}${keys.length === 6 ? ', …' : ''}}`;
      }
    }
  }

  function remote(v) {
    const type = typeOf(v);
    const out = { id: 0, preview: show(v, 1), type };
    if ((v !== null && typeof v === 'object') || typeof v === 'function') {
      out.id = registry.length;
      registry.push({ value: v });
      const cn = className(v);
      if (cn) out.className = cn;
      if (type === 'array' || type === 'typedarray') out.indexedCount = v.length;
    }
    return out;
  }

  function scopeRef(entry) {
    registry.push(entry);
    return registry.length - 1;
  }

  /** Frame i: 0 is the paused statement, then callers whose readers the trail still holds. */
  function frameAt(depth) {
    if (current && depth === current.depth) return current;
    const t = trail[depth];
    return t ? { fid: t.fid, sid: t.sid, depth, reader: t.reader } : null;
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
      const list = parse(json);
      f.bps.clear();
      const results = [];
      for (const b of list) {
        const bp = { id: b.id, condition: b.condition, logMessage: b.logMessage, hits: 0, hit: null };
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
          const m = /^\s*(==|===|>=|>|<=|<|%)?\s*(\d+)\s*$/.exec(b.hitCondition);
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
        if (!bp.disabled) f.bps.set(b.sid, bp);
        results.push({ id: b.id, verified: !bp.disabled, message });
      }
      countStopSites();
      captureStale = true;
      refreshAll();
      return stringify(results);
    },
    setExceptionBreakpoints(json) {
      const c = parse(json);
      exceptionAll = c.all || null;
      exceptionUncaught = c.uncaught || null;
    },
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
      entry = { fid, sid };
      setFlag(files[fid], sid);
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
      setStepping(false);
      trail.length = 0;
      resetRecording();
    },
    /** Scopes of the frame at `depth` (`fid`: its file, for the Script/Module scope): JSON [{ name, ref, namedCount }]. */
    scopes(depth, fid, note) {
      const fr = frameAt(depth);
      const out = [];
      // A caller whose locals were not recorded: one entry that says why, where the locals would be.
      if (!fr && note) out.push({ name: 'Local', ref: scopeRef({ note }), namedCount: 1 });
      if (fr && fid < 0) fid = fr.fid;
      if (fr && fr.reader) {
        const layout = frameNames(fr.fid, fr.sid);
        const off = 0;
        let start = 0;
        const groups = [];
        for (const g of layout.groups || []) {
          groups.push({ name: g.kind, from: start, to: start + g.count });
          start += g.count;
        }
        if (depth === current?.depth && current.returned) {
          out.push({ name: 'Return Value', ref: scopeRef({ returnValue: current.returnValue }), namedCount: 1 });
        }
        for (const g of groups) {
          out.push({ name: g.name, ref: scopeRef({ frame: fr, from: g.from, to: g.to, off, layout }), namedCount: g.to - g.from });
        }
        if (layout.hasThis) out.push({ name: 'this', ref: scopeRef({ thisOf: fr }), namedCount: 1 });
      }
      const fileScope = fid >= 0 && files[fid] && files[fid].scope;
      if (fileScope && files[fid].scopeFn) {
        out.push({ name: fileScope.kind, ref: scopeRef({ fileOf: fid }), namedCount: fileScope.names.length });
      }
      out.push({ name: 'Global', ref: scopeRef({ value: G, global: true }), namedCount: 0, expensive: true });
      return stringify(out);
    },
    /** Children of a registry entry: JSON RemoteProperty[]. */
    variables(ref, filter, start, count) {
      const e = registry[ref];
      if (!e) return '[]';
      const props = [];
      if (e.frame) {
        const { frame, from, to, layout } = e;
        const { values } = readFrame(layout, frame.reader);
        for (let i = from; i < to; i++) {
          const v = values[i];
          if (v === missing) props.push({ name: layout.names[i], value: { id: 0, preview: '<unavailable>', type: 'undefined' } });
          else props.push({ name: layout.names[i], value: remote(v) });
        }
        return stringify(props);
      }
      if ('note' in e) return stringify([{ name: 'not recorded', value: { id: 0, preview: e.note, type: 'string' } }]);
      if ('returnValue' in e) return stringify([{ name: 'return value', value: remote(e.returnValue) }]);
      if ('fileOf' in e) return stringify(fileBindings(e.fileOf).map((b) => ({ name: b.name, value: remote(b.value) })));
      if (e.thisOf) {
        const fr = e.thisOf;
        const v = readFrame(frameNames(fr.fid, fr.sid), fr.reader).self;
        return stringify([{ name: 'this', value: remote(v) }]);
      }
      const v = e.value;
      const t = typeOf(v);
      if (t === 'map' || t === 'set') {
        let i = 0;
        for (const entry of v) {
          if (i >= 200) break;
          props.push({ name: String(i++), value: remote(t === 'map' ? { key: entry[0], value: entry[1] } : entry) });
        }
      }
      const keys = ownKeys(v).filter((k) => !(e.global && hidden(k)));
      const indexed = (t === 'array' || t === 'typedarray');
      let list = keys;
      if (filter === 'indexed') list = keys.filter((k) => typeof k === 'string' && /^\d+$/.test(k));
      else if (filter === 'named' && indexed) list = keys.filter((k) => !(typeof k === 'string' && /^\d+$/.test(k)));
      if (start || count) list = list.slice(start || 0, count ? (start || 0) + count : undefined);
      for (const k of list) {
        const name = typeof k === 'symbol' ? k.toString() : k;
        const d = getOwnPropertyDescriptor(v, k);
        if (d && !('value' in d)) props.push({ name, value: { id: 0, preview: '(...)', type: 'accessor' }, getter: true });
        else props.push({ name, value: remote(d ? d.value : undefined) });
      }
      if (typeof v === 'object' || typeof v === 'function') {
        const proto = getPrototypeOf(v);
        if (proto && filter !== 'indexed') props.push({ name: '[[Prototype]]', value: remote(proto) });
      }
      return stringify(props);
    },
    /** Evaluates in the frame at `depth` (-1: global); JSON { value } or { error }. */
    evaluate(depth, expr, fid) {
      try {
        const v = inFrame(expr, depth, fid);
        return stringify({ value: remote(v) });
      } catch (e) {
        return stringify({ error: describeError(e) });
      }
    },
    /** Assigns `expr` (evaluated in frame `depth`) to `name` of registry entry `ref`. */
    setVariable(ref, name, expr, depth, fid) {
      const e = registry[ref];
      try {
        if (!e) throw new ErrorCtor('the variable is no longer available');
        const value = inFrame(expr, depth >= 0 ? depth : current ? current.depth : -1, fid);
        if (e.frame) {
          const idx = e.layout.names.indexOf(name);
          if (idx < 0) throw new ErrorCtor(`no variable ${name}`);
          if (e.layout.consts[idx]) throw new ErrorCtor(`${name} is a constant`);
          writeFrame(e.layout, e.frame.reader, idx, value);
        } else if ('fileOf' in e) {
          const idx = files[e.fileOf].scope.names.indexOf(name);
          if (idx < 0) throw new ErrorCtor(`no variable ${name}`);
          writeBinding(e.fileOf, idx, value);
        } else if (e.value !== undefined) {
          e.value[name] = value;
        } else throw new ErrorCtor('this scope cannot be written');
        return stringify({ value: remote(value) });
      } catch (err) {
        return stringify({ error: describeError(err) });
      }
    },
    /** Names visible in frame `depth` plus properties of `prefix` evaluated there: JSON string[]. */
    completions(depth, objectExpr, fid) {
      const names = new Set();
      try {
        if (objectExpr) {
          let v = inFrame(objectExpr, depth, fid);
          for (let i = 0; v != null && i < 4; i++, v = getPrototypeOf(Object(v))) {
            for (const k of getOwnPropertyNames(Object(v))) names.add(k);
          }
        } else {
          const fr = depth >= 0 ? frameAt(depth) : null;
          if (fr && fr.reader) for (const n of frameNames(fr.fid, fr.sid).names) names.add(n);
          for (const b of fileBindings(fr ? fr.fid : fid)) names.add(b.name);
          for (const k of getOwnPropertyNames(G)) if (!hidden(k)) names.add(k);
        }
      } catch {}
      return stringify([...names]);
    },
    /** The exception of the current `exception` stop, rendered. */
    exception() {
      return stringify(remote(registryException));
    },
    /** Evaluates the flag-independent parts: is something paused right now. */
    isPaused() {
      return paused;
    },
  };

  function registerFile(fid, meta) {
    const flags = new U8(meta.count);
    const layouts = meta.layouts.map((l) => {
      const names = [];
      const consts = [];
      const outer = [];
      const groups = [];
      for (const g of l.groups) {
        groups.push({ kind: g.kind, count: g.names.length });
        for (let i = 0; i < g.names.length; i++) {
          names.push(g.names[i]);
          consts.push(g.consts[i]);
          outer.push(g.outer);
        }
      }
      return { hasThis: l.hasThis, names, consts, outer, groups };
    });
    // One gate per function (index + 1; 0 is the top level), named as instrument.ts's HELPER.gate.
    const gates = [];
    for (let g = 0; g <= meta.fnLeaf.length; g++) {
      const name = `${PREFIX}b${fid}_${g}`;
      gates.push(name);
      defineHelper(name, false, true);
    }
    const f = {
      flags,
      gates,
      stmtFn: meta.stmtFn,
      stmtLayout: meta.stmtLayout,
      layouts,
      bps: new Map(),
      // Function names by function index + 1 (0: top level), for step-in targets.
      fnNames: [''].concat(meta.fnNames || []),
      // Per call, flat: function, statement, callee name (index into callNames, -1: none); for calls passing
      // functions or names as arguments, callArgs maps the call's index to [function ids, name indexes].
      calls: meta.calls || [],
      callNames: meta.callNames || [],
      callArgs: new Map(meta.callArgs || []),
      stops: meta.stops || [],
      capture: new U8(meta.count),
      // Records per statement since the last stop, and statements that used up their budget (see `record`).
      recorded: new Uint32Array(meta.count),
      recordOff: new U8(meta.count),
      scope: meta.fileScope || null,
      scopeFn: null,
    };
    files[fid] = f;
    defineHelper(PREFIX + 'F' + fid, flags);
    if (pauseOnDebugger) stopSiteCount += f.stops.length;
    // Code made at run time registers often: add it to the recording calls found so far rather than recompute.
    if (hasStopSites() && !captureStale) {
      if (addToCapture(fid)) refreshFlags(f);
    } else if (hasStopSites()) refreshAll();
    else refreshFlags(f);
  }

  return control;
});
