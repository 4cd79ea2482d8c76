// MessageChannel, MessagePort and MessageEvent (HTML's channel messaging) inside the one sandbox: two entangled ports.
// `postMessage` structured-clones its message when it is posted; the message waits in the receiving port's queue until
// that port is started (`start()`, or setting `onmessage`, as HTML has it) and is then delivered as a task of the
// sandbox's event loop, after the current job's promise reactions. A pending delivery keeps the run alive, as a timer
// does; a port that only listens does not, so a script that made a channel still ends. (React's server renderer
// schedules its work on a channel it makes when it loads.)
import { TypeErrorCtor, WeakMapCtor, WeakMapGet, WeakMapSet, ArrayPush, ArraySplice, ArraySlice, ArrayIsArray, ObjectFreeze } from '../shared/intrinsics.js';
import { defineGlobal, tag, webIdl, domString, refuseConstruction, internalNew } from './idl.js';
import { Event, EventTarget, ev, dispatch, setEventHandler } from './events.js';
import { platform, structuredClone as clone } from './host.js';

const messageState = new WeakMapCtor();
function messageOf(e) {
  const s = WeakMapGet(messageState, e);
  if (!s) throw new TypeErrorCtor('Illegal invocation: not a MessageEvent');
  return s;
}
class MessageEvent extends Event {
  constructor(type, init = undefined) {
    if (arguments.length === 0) throw new TypeErrorCtor("Failed to construct 'MessageEvent': 1 argument required, but only 0 present.");
    super(type, init);
    const o = init == null ? {} : init;
    const ports = o.ports === undefined ? [] : o.ports;
    if (!ArrayIsArray(ports)) throw new TypeErrorCtor("Failed to construct 'MessageEvent': The provided value cannot be converted to a sequence.");
    WeakMapSet(messageState, this, {
      data: o.data === undefined ? null : o.data,
      origin: o.origin === undefined ? '' : domString(o.origin),
      lastEventId: o.lastEventId === undefined ? '' : domString(o.lastEventId),
      source: o.source === undefined ? null : o.source,
      ports: ObjectFreeze(ArraySlice(ports)),
    });
  }
  get data() { return messageOf(this).data; }
  get origin() { return messageOf(this).origin; }
  get lastEventId() { return messageOf(this).lastEventId; }
  get source() { return messageOf(this).source; }
  get ports() { return messageOf(this).ports; }
}

const portState = new WeakMapCtor();
function portOf(p) {
  const s = WeakMapGet(portState, p);
  if (!s) throw new TypeErrorCtor('Illegal invocation: not a MessagePort');
  return s;
}
class MessagePort extends EventTarget {
  constructor() {
    refuseConstruction();
    super();
    WeakMapSet(portState, this, { other: null, queue: [], started: false, closed: false, onmessage: { value: null, listener: null }, onmessageerror: null });
  }
  postMessage(message, transfer = undefined) {
    const s = portOf(this);
    if (arguments.length === 0) throw new TypeErrorCtor("Failed to execute 'postMessage' on 'MessagePort': 1 argument required, but only 0 present.");
    // postMessage(message, transferList) or postMessage(message, { transfer }).
    const list = transfer === undefined || transfer === null ? [] : ArrayIsArray(transfer) ? transfer : transfer.transfer === undefined ? [] : transfer.transfer;
    const data = clone(message, { transfer: list });
    const target = s.other;
    if (s.closed || target === null) return; // a closed or disentangled port's messages go nowhere
    const t = portOf(target);
    ArrayPush(t.queue, data);
    if (t.started) platform.task(() => deliver(target));
  }
  start() {
    const s = portOf(this);
    if (s.started || s.closed) return;
    s.started = true;
    const self = this;
    for (let i = 0; i < s.queue.length; i++) platform.task(() => deliver(self));
  }
  close() {
    const s = portOf(this);
    s.closed = true;
    s.queue = [];
    if (s.other !== null) portOf(s.other).other = null;
    s.other = null;
  }
  get onmessage() { return portOf(this).onmessage.value; }
  set onmessage(fn) {
    // Setting onmessage starts the port (HTML); addEventListener does not.
    if (setEventHandler(this, 'message', portOf(this).onmessage, fn)) this.start();
  }
  // Fired when a message cannot be deserialized; a message here is cloned when posted, so never.
  get onmessageerror() { return portOf(this).onmessageerror; }
  set onmessageerror(fn) { portOf(this).onmessageerror = typeof fn === 'function' ? fn : null; }
}

/** One task: the oldest message waiting at `port`, dispatched as a trusted `message` event. */
function deliver(port) {
  const s = portOf(port);
  if (s.closed || s.queue.length === 0) return;
  const data = ArraySplice(s.queue, 0, 1)[0];
  const event = new MessageEvent('message', { data });
  const e = ev(event);
  e.trusted = true;
  dispatch(port, event, e);
}

class MessageChannel {
  constructor() {
    const port1 = internalNew(() => new MessagePort());
    const port2 = internalNew(() => new MessagePort());
    portOf(port1).other = port2;
    portOf(port2).other = port1;
    WeakMapSet(channelState, this, { port1, port2 });
  }
  get port1() { return channelOf(this).port1; }
  get port2() { return channelOf(this).port2; }
}
const channelState = new WeakMapCtor();
function channelOf(c) {
  const s = WeakMapGet(channelState, c);
  if (!s) throw new TypeErrorCtor('Illegal invocation: not a MessageChannel');
  return s;
}

// Indexed, not for...of: the part is evaluated after user code, which may have replaced the array iterator.
const classes = [['MessageEvent', MessageEvent], ['MessagePort', MessagePort], ['MessageChannel', MessageChannel]];
for (let i = 0; i < classes.length; i++) {
  webIdl(classes[i][1]);
  tag(classes[i][1], classes[i][0]);
  defineGlobal(classes[i][0], classes[i][1]);
}
