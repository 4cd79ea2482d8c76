// AbortSignal and AbortController, with AbortSignal.timeout on the platform kernel's weak timer and AbortSignal.any.
import { TypeErrorCtor, WeakMapCtor, StringCtor, NumberCtor, MathFloor, WeakMapGet, WeakMapSet, WeakMapHas,
  ArrayPush } from '../shared/intrinsics.js';
import { platform } from './host.js';
import { defineGlobal, tag, webIdl } from './idl.js';
import { DOMException } from './domException.js';
import { EventTarget, dispatch, ev, trustedEvent, useAbortSignals, setEventHandler } from './events.js';

const signalState = new WeakMapCtor();
const constructing = { allowed: false };
function sig(signal) {
  const s = WeakMapGet(signalState, signal);
  if (!s) throw new TypeErrorCtor('Illegal invocation: not an AbortSignal');
  return s;
}
function newSignal() {
  constructing.allowed = true;
  try { return new AbortSignal(); } finally { constructing.allowed = false; }
}
function addAbortAlgorithm(signal, fn) {
  const s = sig(signal);
  if (!s.aborted) ArrayPush(s.algorithms, fn);
}
function signalAbort(signal, reason) {
  const s = sig(signal);
  if (s.aborted) return;
  s.aborted = true;
  s.reason = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
  const dependents = s.dependents;
  s.dependents = [];
  const algorithms = s.algorithms;
  s.algorithms = [];
  // The spec marks every dependent aborted (signals of AbortSignal.any, and theirs in turn) before any event fires.
  const toFire = [];
  for (let i = 0; i < dependents.length; i++) {
    const d = sig(dependents[i]);
    if (d.aborted) continue;
    d.aborted = true;
    d.reason = s.reason;
    ArrayPush(toFire, dependents[i]);
    for (let j = 0; j < d.dependents.length; j++) ArrayPush(dependents, d.dependents[j]);
    d.dependents = [];
  }
  for (let i = 0; i < algorithms.length; i++) algorithms[i]();
  fire(signal);
  for (let i = 0; i < toFire.length; i++) {
    const d = sig(toFire[i]);
    const algs = d.algorithms;
    d.algorithms = [];
    for (let j = 0; j < algs.length; j++) algs[j]();
    fire(toFire[i]);
  }
}
useAbortSignals((x) => WeakMapHas(signalState, x), addAbortAlgorithm);
function fire(signal) { const e = trustedEvent('abort'); dispatch(signal, e, ev(e)); }
export class AbortSignal extends EventTarget {
  constructor() {
    if (!constructing.allowed) throw new TypeErrorCtor('Illegal constructor: use new AbortController().signal, AbortSignal.abort(), AbortSignal.timeout() or AbortSignal.any()');
    super();
    WeakMapSet(signalState, this, { aborted: false, reason: undefined, algorithms: [], dependents: [], onabort: { value: null, listener: null } });
  }
  get aborted() { return sig(this).aborted; }
  get reason() { return sig(this).reason; }
  throwIfAborted() { const s = sig(this); if (s.aborted) throw s.reason; }
  get onabort() { return sig(this).onabort.value; }
  set onabort(fn) { setEventHandler(this, 'abort', sig(this).onabort, fn); }
  static abort(reason = undefined) {
    const signal = newSignal();
    const s = sig(signal);
    s.aborted = true;
    s.reason = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
    return signal;
  }
  static timeout(milliseconds) {
    const ms = NumberCtor(milliseconds);
    if (!(ms >= 0 && ms <= 9007199254740991) || ms !== ms) {
      throw new TypeErrorCtor(`AbortSignal.timeout: ${StringCtor(milliseconds)} is not a non-negative integer number of milliseconds`);
    }
    const signal = newSignal();
    // The timer runs on the sandbox's event loop but, as in Node, does not keep the run alive by itself.
    platform.weakTimeout(() => signalAbort(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError')), MathFloor(ms));
    return signal;
  }
  static any(signals) {
    const result = newSignal();
    const list = [];
    for (const signal of signals) {
      sig(signal);
      ArrayPush(list, signal);
    }
    for (let i = 0; i < list.length; i++) {
      const s = sig(list[i]);
      if (s.aborted) { const r = sig(result); r.aborted = true; r.reason = s.reason; return result; }
    }
    for (let i = 0; i < list.length; i++) ArrayPush(sig(list[i]).dependents, result);
    return result;
  }
}
webIdl(AbortSignal);
tag(AbortSignal, 'AbortSignal');

const controllerState = new WeakMapCtor();
export class AbortController {
  constructor() { WeakMapSet(controllerState, this, newSignal()); }
  get signal() {
    const s = WeakMapGet(controllerState, this);
    if (!s) throw new TypeErrorCtor('Illegal invocation: not an AbortController');
    return s;
  }
  abort(reason = undefined) { signalAbort(this.signal, reason); }
}
webIdl(AbortController);
tag(AbortController, 'AbortController');
defineGlobal('AbortSignal', AbortSignal);
defineGlobal('AbortController', AbortController);
