// performance.mark / measure (User Timing), on the globals kernel's Performance
import { TypeErrorCtor, StringCtor, NumberCtor, ObjectKeys, ArrayPush, ArraySlice, ArraySplice,
  ObjectDefineProperty as defineProperty, ObjectGetPrototypeOf as getPrototypeOf } from '../shared/intrinsics.js';
import { tag, webIdl, refuseConstruction, internalNew } from './idl.js';
import { DOMException } from './domException.js';
import { now } from './host.js';

if (typeof performance === 'object' && performance) {
  const perfProto = getPrototypeOf(performance);
  const entries = [];
  class PerformanceEntry {
    constructor(name, type, startTime, duration, detail) {
      refuseConstruction();
      defineProperty(this, 'name', { value: name, enumerable: true });
      defineProperty(this, 'entryType', { value: type, enumerable: true });
      defineProperty(this, 'startTime', { value: startTime, enumerable: true });
      defineProperty(this, 'duration', { value: duration, enumerable: true });
      defineProperty(this, 'detail', { value: detail === undefined ? null : detail, enumerable: true });
    }
    toJSON() { return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: this.detail }; }
  }
  const entry = (name, type, start, duration, detail) => internalNew(() => new PerformanceEntry(name, type, start, duration, detail));
  const markTime = (name, what) => {
    if (name === undefined) return undefined;
    if (typeof name === 'number') return name;
    const key = StringCtor(name);
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i].entryType === 'mark' && entries[i].name === key) return entries[i].startTime;
    throw new DOMException(`Failed to execute '${what}' on 'Performance': The mark '${key}' does not exist.`, 'SyntaxError');
  };
  const methods = {
    mark(name, options = undefined) {
      if (arguments.length === 0) throw new TypeErrorCtor("Failed to execute 'mark' on 'Performance': 1 argument required, but only 0 present.");
      const start = options && options.startTime !== undefined ? NumberCtor(options.startTime) : now();
      if (start < 0) throw new TypeErrorCtor("Failed to execute 'mark' on 'Performance': 'startTime' cannot be negative.");
      const e = entry(StringCtor(name), 'mark', start, 0, options ? options.detail : undefined);
      ArrayPush(entries, e);
      return e;
    },
    measure(name, startOrOptions = undefined, endMark = undefined) {
      let start, end, detail;
      if (startOrOptions !== null && typeof startOrOptions === 'object') {
        start = markTime(startOrOptions.start, 'measure');
        end = markTime(startOrOptions.end, 'measure');
        if (start === undefined && startOrOptions.duration !== undefined && end !== undefined) start = end - NumberCtor(startOrOptions.duration);
        if (end === undefined && startOrOptions.duration !== undefined && start !== undefined) end = start + NumberCtor(startOrOptions.duration);
        detail = startOrOptions.detail;
      } else {
        start = markTime(startOrOptions, 'measure');
      }
      if (end === undefined) end = endMark === undefined ? now() : markTime(endMark, 'measure');
      if (start === undefined) start = 0;
      const e = entry(StringCtor(name), 'measure', start, end - start, detail);
      ArrayPush(entries, e);
      return e;
    },
    getEntries() { return ArraySlice(entries); },
    getEntriesByType(type) { const out = []; for (let i = 0; i < entries.length; i++) if (entries[i].entryType === type) ArrayPush(out, entries[i]); return out; },
    getEntriesByName(name, type = undefined) {
      const out = [];
      for (let i = 0; i < entries.length; i++) if (entries[i].name === name && (type === undefined || entries[i].entryType === type)) ArrayPush(out, entries[i]);
      return out;
    },
    clearMarks(name = undefined) { clear('mark', name); },
    clearMeasures(name = undefined) { clear('measure', name); },
  };
  const clear = (type, name) => {
    for (let i = entries.length - 1; i >= 0; i--) {
      if (entries[i].entryType === type && (name === undefined || entries[i].name === name)) ArraySplice(entries, i, 1);
    }
  };
  const keys = ObjectKeys(methods);
  for (let i = 0; i < keys.length; i++) {
    defineProperty(perfProto, keys[i], { value: methods[keys[i]], writable: true, enumerable: true, configurable: true });
  }
  tag(PerformanceEntry, 'PerformanceEntry');
  webIdl(PerformanceEntry);
}
