// ErrorEvent (HTML) and PromiseRejectionEvent (HTML): the event classes of a global's `error` and
// `unhandledrejection` events, which the WinterTC list names. The sandbox's global is not an EventTarget, so it fires
// neither: scripts construct them (libraries that dispatch or test for them); uncaught errors end the run as before.
import { TypeErrorCtor, WeakMapCtor, WeakMapGet, WeakMapSet } from '../shared/intrinsics.js';
import { defineGlobal, tag, webIdl, domString, integerPart } from './idl.js';
import { Event } from './events.js';

/** A reader of one class's internal slots: WebIDL's brand check, a TypeError for anything else. */
function slots(map, what) {
  return (e) => {
    const s = WeakMapGet(map, e);
    if (!s) throw new TypeErrorCtor(`Illegal invocation: not ${what}`);
    return s;
  };
}
const errorState = new WeakMapCtor();
const errorOf = slots(errorState, 'an ErrorEvent');
class ErrorEvent extends Event {
  constructor(type, init = undefined) {
    if (arguments.length === 0) throw new TypeErrorCtor("Failed to construct 'ErrorEvent': 1 argument required, but only 0 present.");
    super(type, init);
    const o = init == null ? {} : init;
    WeakMapSet(errorState, this, {
      message: o.message === undefined ? '' : domString(o.message),
      filename: o.filename === undefined ? '' : domString(o.filename),
      lineno: o.lineno === undefined ? 0 : integerPart(o.lineno) >>> 0,
      colno: o.colno === undefined ? 0 : integerPart(o.colno) >>> 0,
      error: o.error === undefined ? null : o.error,
    });
  }
  get message() { return errorOf(this).message; }
  get filename() { return errorOf(this).filename; }
  get lineno() { return errorOf(this).lineno; }
  get colno() { return errorOf(this).colno; }
  get error() { return errorOf(this).error; }
}

const rejectionState = new WeakMapCtor();
const rejectionOf = slots(rejectionState, 'a PromiseRejectionEvent');
class PromiseRejectionEvent extends Event {
  constructor(type, eventInitDict) {
    if (arguments.length < 2) throw new TypeErrorCtor(`Failed to construct 'PromiseRejectionEvent': 2 arguments required, but only ${arguments.length} present.`);
    const o = eventInitDict == null ? {} : eventInitDict;
    // `promise` is a required member of the init dictionary.
    if (o.promise === undefined) throw new TypeErrorCtor("Failed to construct 'PromiseRejectionEvent': required member promise is undefined.");
    if (o.promise === null || typeof o.promise !== 'object' && typeof o.promise !== 'function') {
      throw new TypeErrorCtor("Failed to construct 'PromiseRejectionEvent': member promise is not an object.");
    }
    super(type, o);
    WeakMapSet(rejectionState, this, { promise: o.promise, reason: o.reason });
  }
  get promise() { return rejectionOf(this).promise; }
  get reason() { return rejectionOf(this).reason; }
}
webIdl(ErrorEvent);
tag(ErrorEvent, 'ErrorEvent');
webIdl(PromiseRejectionEvent);
tag(PromiseRejectionEvent, 'PromiseRejectionEvent');
defineGlobal('ErrorEvent', ErrorEvent);
defineGlobal('PromiseRejectionEvent', PromiseRejectionEvent);
