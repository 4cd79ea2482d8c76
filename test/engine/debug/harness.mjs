// Shared helpers for the debug-hooks tests: a QuickJS context (debug build) with the debug kernel installed,
// driven in-thread through the controller's `onPause` callback.
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import DEBUG from '@jitl/quickjs-wasmfile-debug-sync';
import RELEASE from '@jitl/quickjs-wasmfile-release-sync';
import { load } from './build.mjs';

const modules = {};
/** The QuickJS module of a variant ('debug' checks leaks, 'release' is for timings). */
export async function engine(kind = 'debug') {
  return (modules[kind] ??= await newQuickJSWASMModuleFromVariant(kind === 'debug' ? DEBUG : RELEASE));
}

/**
 * Runs `source` instrumented under a controller; `onPause(stop, ctl)` answers each stop.
 * Returns { result, error, events, logs, ctl }. Disposes everything and checks for leaks.
 */
export async function debugRun(source, { type = 'script', filename = '/t/main.js', onPause, setup, kind = 'debug' } = {}) {
  const { controller } = await load();
  const qjs = await engine(kind);
  const rt = qjs.newRuntime();
  rt.setMaxStackSize(512 * 1024);
  const ctx = rt.newContext();
  const events = [];
  const logs = [];
  const printFn = ctx.newFunction('print', (...args) => { logs.push(args.map((a) => ctx.getString(a)).join(' ')); });
  ctx.setProp(ctx.global, 'print', printFn);
  printFn.dispose();
  const ctl = new controller.DebugController({
    control: new Int32Array(new SharedArrayBuffer(16)),
    emit: (e) => events.push(e),
    onPause: (stop, c) => (onPause ? onPause(stop, c) : 'continue'),
  });
  let result, error;
  try {
    ctl.install(ctx);
    // Before instrumenting, as a session does: breakpoints wait for the file, and exception breakpoints decide
    // whether functions get the wrapper that reports engine-thrown errors.
    setup?.(ctl);
    // As a session does: the controller says which kind the code runs as (unparsable code runs unchanged).
    const { code, type: runAs } = ctl.instrumentTyped(source, filename, type);
    const r = ctx.evalCode(code, filename, { type: runAs === 'module' ? 'module' : 'global' });
    // As a session does: an error that ends the run reaches the controller before it is reported.
    ({ result, error } = settle(rt, ctx, r, (err) => ctl.onUncaught(err)));
  } finally {
    ctl.dispose();
    ctx.dispose();
    rt.dispose();
  }
  if (kind === 'debug') qjs.assertNoMemoryAllocated?.();
  return { result, error, events, logs, ctl };
}

/** A registry entry's children as { name: preview }, as a client shows a scope or an object. */
export const previews = (ctl, ref) => Object.fromEntries(ctl.request('variables', [ref]).map((p) => [p.name, p.value.preview]));

/**
 * The result or error of an evaluation, after draining its jobs; disposes every handle it is given. `onError` sees
 * an error that ends the evaluation (or rejects a module's evaluation) before it is read.
 */
function settle(rt, ctx, r, onError = () => {}) {
  let result, error;
  let evaluation;
  if (r.error) { onError(r.error); error = ctx.dump(r.error); r.error.dispose(); }
  else { evaluation = r.value; }
  for (let i = 0; i < 100 && rt.hasPendingJob(); i++) {
    const j = rt.executePendingJobs();
    if (j.error) { onError(j.error); error = ctx.dump(j.error); j.error.dispose(); }
  }
  if (evaluation) {
    const state = ctx.getPromiseState(evaluation);
    if (state.type === 'rejected') {
      onError(state.error);
      error = ctx.dump(state.error);
      state.error.dispose();
    } else if (state.type === 'fulfilled' && !state.notAPromise) {
      state.value.dispose();
    }
    result = ctx.dump(evaluation);
    if (evaluation.alive) evaluation.dispose();
  }
  return { result, error };
}

/** Runs `source` plain (no instrumentation) in a fresh context; returns { result, error, logs }. */
export async function plainRun(source, { type = 'script', filename = '/t/main.js', kind = 'debug' } = {}) {
  const qjs = await engine(kind);
  const rt = qjs.newRuntime();
  rt.setMaxStackSize(512 * 1024);
  const ctx = rt.newContext();
  const logs = [];
  const printFn = ctx.newFunction('print', (...args) => { logs.push(args.map((a) => ctx.getString(a)).join(' ')); });
  ctx.setProp(ctx.global, 'print', printFn);
  printFn.dispose();
  let result, error;
  try {
    const r = ctx.evalCode(source, filename, { type: type === 'module' ? 'module' : 'global' });
    ({ result, error } = settle(rt, ctx, r));
  } finally {
    ctx.dispose();
    rt.dispose();
  }
  return { result, error, logs };
}
