// Event, CustomEvent and EventTarget (the DOM standard without a node tree: every dispatch is at the target).
import { TypeErrorCtor, WeakMapCtor, StringCtor, WeakMapGet, WeakMapSet, WeakMapHas, ArrayPush, ArraySlice,
  ArraySplice, ObjectDefineProperty as defineProperty, ObjectCreate as create, FunctionCall as call } from '../shared/intrinsics.js';
import { defineGlobal, tag, webIdl, domString } from './idl.js';
import { DOMException } from './domException.js';
import { host, now } from './host.js';

export const eventState = new WeakMapCtor();
export function ev(e) {
  const s = WeakMapGet(eventState, e);
  if (!s) throw new TypeErrorCtor('Illegal invocation: not an Event');
  return s;
}
export class Event {
  constructor(type, init = undefined) {
    if (arguments.length === 0) throw new TypeErrorCtor("Failed to construct 'Event': 1 argument required, but only 0 present.");
    const o = init == null ? {} : init;
    WeakMapSet(eventState, this, {
      type: domString(type), bubbles: !!o.bubbles, cancelable: !!o.cancelable, composed: !!o.composed,
      target: null, currentTarget: null, phase: 0, canceled: false, stop: false, stopNow: false, inPassive: false,
      dispatching: false, timeStamp: now(), trusted: false,
    });
    // isTrusted is an own unforgeable property in the spec.
    defineProperty(this, 'isTrusted', { get: isTrustedGetter, enumerable: true, configurable: false });
  }
  get type() { return ev(this).type; }
  get target() { return ev(this).target; }
  get srcElement() { return ev(this).target; }
  get currentTarget() { return ev(this).currentTarget; }
  composedPath() { const s = ev(this); return s.dispatching && s.currentTarget ? [s.currentTarget] : []; }
  get eventPhase() { return ev(this).phase; }
  stopPropagation() { ev(this).stop = true; }
  get cancelBubble() { return ev(this).stop; }
  set cancelBubble(v) { if (v) ev(this).stop = true; }
  stopImmediatePropagation() { const s = ev(this); s.stop = true; s.stopNow = true; }
  get bubbles() { return ev(this).bubbles; }
  get cancelable() { return ev(this).cancelable; }
  get returnValue() { return !ev(this).canceled; }
  set returnValue(v) { if (!v) cancel(ev(this)); }
  preventDefault() { cancel(ev(this)); }
  get defaultPrevented() { return ev(this).canceled; }
  get composed() { return ev(this).composed; }
  get timeStamp() { return ev(this).timeStamp; }
  initEvent(type, bubbles = false, cancelable = false) {
    const s = ev(this);
    if (s.dispatching) return;
    s.type = domString(type); s.bubbles = !!bubbles; s.cancelable = !!cancelable;
    s.stop = false; s.stopNow = false; s.canceled = false; s.target = null;
  }
}
const isTrustedGetter = function () { return ev(this).trusted; };
/** An event the platform fires itself (an AbortSignal's `abort`): its `isTrusted` is true, which no script can make. */
export function trustedEvent(type) {
  const e = new Event(type);
  ev(e).trusted = true;
  return e;
}
function cancel(s) { if (s.cancelable && !s.inPassive) s.canceled = true; }
const phases = ['NONE', 'CAPTURING_PHASE', 'AT_TARGET', 'BUBBLING_PHASE'];
for (let i = 0; i < phases.length; i++) {
  const d = { value: i, writable: false, enumerable: true, configurable: false };
  defineProperty(Event, phases[i], d);
  defineProperty(Event.prototype, phases[i], d);
}
webIdl(Event);
tag(Event, 'Event');

const detailState = new WeakMapCtor();
class CustomEvent extends Event {
  constructor(type, init = undefined) {
    if (arguments.length === 0) throw new TypeErrorCtor("Failed to construct 'CustomEvent': 1 argument required, but only 0 present.");
    super(type, init);
    WeakMapSet(detailState, this, init == null || init.detail === undefined ? null : init.detail);
  }
  get detail() {
    if (!WeakMapHas(detailState, this)) throw new TypeErrorCtor('Illegal invocation: not a CustomEvent');
    return WeakMapGet(detailState, this);
  }
  initCustomEvent(type, bubbles = false, cancelable = false, detail = null) {
    const s = ev(this);
    if (s.dispatching) return;
    this.initEvent(type, bubbles, cancelable);
    WeakMapSet(detailState, this, detail);
  }
}
webIdl(CustomEvent);
tag(CustomEvent, 'CustomEvent');
defineGlobal('Event', Event);
defineGlobal('CustomEvent', CustomEvent);

const listenerState = new WeakMapCtor();
/** AbortSignal's part in addEventListener's `signal` option, given by abort.js (AbortSignal extends EventTarget). */
const signals = { __proto__: null, isSignal: () => false, onAbort: undefined };
export function useAbortSignals(isSignal, onAbort) {
  signals.isSignal = isSignal;
  signals.onAbort = onAbort;
}
// Made by the constructor (subclasses' too); any other `this` is WebIDL's illegal invocation.
function listenersOf(target) {
  const map = WeakMapGet(listenerState, target);
  if (!map) throw new TypeErrorCtor('Illegal invocation: not an EventTarget');
  return map;
}
function flatten(options) {
  if (options !== null && typeof options === 'object') return !!options.capture;
  return !!options;
}
function removeListener(list, entry) {
  entry.removed = true;
  for (let i = 0; i < list.length; i++) if (list[i] === entry) { ArraySplice(list, i, 1); return; }
}
export class EventTarget {
  constructor() { WeakMapSet(listenerState, this, create(null)); }
  addEventListener(type, callback, options = undefined) {
    const map = listenersOf(this);
    if (arguments.length < 2) throw new TypeErrorCtor(`Failed to execute 'addEventListener' on 'EventTarget': 2 arguments required, but only ${arguments.length} present.`);
    if (callback === null || callback === undefined) return;
    if (typeof callback !== 'function' && typeof callback !== 'object') {
      throw new TypeErrorCtor("Failed to execute 'addEventListener' on 'EventTarget': The callback provided as parameter 2 is not an object.");
    }
    const capture = flatten(options);
    let once = false, passive = false, signal = undefined;
    if (options !== null && typeof options === 'object') {
      once = !!options.once;
      passive = !!options.passive;
      signal = options.signal;
      if (signal !== undefined && !signals.isSignal(signal)) {
        throw new TypeErrorCtor("Failed to execute 'addEventListener' on 'EventTarget': member signal is not of type AbortSignal.");
      }
    }
    if (signal !== undefined && signal.aborted) return;
    const key = domString(type);
    const list = map[key] || (map[key] = []);
    for (let i = 0; i < list.length; i++) if (list[i].callback === callback && list[i].capture === capture) return;
    const entry = { callback, capture, once, passive, removed: false };
    ArrayPush(list, entry);
    if (signal !== undefined) signals.onAbort(signal, () => removeListener(list, entry));
  }
  removeEventListener(type, callback, options = undefined) {
    const list = listenersOf(this)[domString(type)];
    if (!list) return;
    const capture = flatten(options);
    for (let i = 0; i < list.length; i++) {
      if (list[i].callback === callback && list[i].capture === capture) { removeListener(list, list[i]); return; }
    }
  }
  dispatchEvent(event) {
    listenersOf(this);
    const s = WeakMapGet(eventState, event);
    if (!s) throw new TypeErrorCtor("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.");
    if (s.dispatching) throw new DOMException("Failed to execute 'dispatchEvent' on 'EventTarget': The event is already being dispatched.", 'InvalidStateError');
    return dispatch(this, event, s);
  }
}
/**
 * An event handler attribute (`signal.onabort`, `port.onmessage`): `holder.value` is the handler, called for `type`
 * events through one listener of the target's, replaced when the attribute is set again. Returns whether one is set.
 */
export function setEventHandler(target, type, holder, fn) {
  if (holder.listener) target.removeEventListener(type, holder.listener);
  holder.value = typeof fn === 'function' || (fn !== null && typeof fn === 'object') ? fn : null;
  holder.listener = null;
  if (holder.value === null) return false;
  holder.listener = function (event) { const h = holder.value; if (typeof h === 'function') call(h, target, event); };
  target.addEventListener(type, holder.listener);
  return true;
}
export function dispatch(target, event, s) {
  s.dispatching = true;
  s.target = target;
  s.currentTarget = target;
  s.phase = 2;
  try {
    const list = listenersOf(target)[s.type];
    if (list) {
      // The listeners present when dispatch starts, capturing ones first (the DOM's order at the target).
      const snapshot = ArraySlice(list);
      for (let pass = 0; pass < 2 && !s.stopNow; pass++) {
        for (let i = 0; i < snapshot.length; i++) {
          const entry = snapshot[i];
          if (s.stopNow) break;
          if (entry.removed || entry.capture !== (pass === 0)) continue;
          if (entry.once) removeListener(list, entry);
          s.inPassive = entry.passive;
          try {
            const cb = entry.callback;
            if (typeof cb === 'function') call(cb, target, event);
            else {
              const handle = cb.handleEvent;
              if (typeof handle !== 'function') throw new TypeErrorCtor("The listener object has no 'handleEvent' method");
              call(handle, cb, event);
            }
          } catch (e) {
            // A listener's exception never reaches the dispatcher: it is reported like an uncaught error.
            host.reportError(e);
          }
          s.inPassive = false;
        }
      }
    }
  } finally {
    s.dispatching = false;
    s.phase = 0;
    s.currentTarget = null;
    s.stop = false;
    s.stopNow = false;
  }
  return !s.canceled;
}
webIdl(EventTarget);
tag(EventTarget, 'EventTarget');
defineGlobal('EventTarget', EventTarget);
