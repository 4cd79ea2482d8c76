// performance.mark / measure (User Timing) and the PerformanceEntry, PerformanceMark and PerformanceMeasure
// interfaces, on the globals kernel's Performance.
import { TypeErrorCtor, StringCtor, NumberCtor, ObjectKeys, ArrayPush, ArraySplice, WeakMapCtor, WeakMapGet,
  WeakMapSet, ObjectGetPrototypeOf as getPrototypeOf } from '../shared/intrinsics.js';
import { defineGlobal, defineMethod, tag, webIdl, refuseConstruction, internalNew, domString } from './idl.js';
import { DOMException } from './domException.js';
import { now, performance, structuredClone as clone } from './host.js';

{
  const perfProto = getPrototypeOf(performance);
  // `detail` is a copy (the globals kernel's structuredClone, which clones the web part's Blob and File too).
  const copyDetail = (detail) => (detail === undefined || detail === null ? null : clone(detail));
  const entries = [];
  const entryState = new WeakMapCtor();
  const stateOf = (e) => {
    const s = WeakMapGet(entryState, e);
    if (!s) throw new TypeErrorCtor('Illegal invocation: not a PerformanceEntry');
    return s;
  };
  class PerformanceEntry {
    constructor() { refuseConstruction(); }
    get name() { return stateOf(this).name; }
    get entryType() { return stateOf(this).entryType; }
    get startTime() { return stateOf(this).startTime; }
    get duration() { return stateOf(this).duration; }
    toJSON() {
      const s = stateOf(this);
      const json = { name: s.name, entryType: s.entryType, startTime: s.startTime, duration: s.duration };
      if (s.detail !== undefined) json.detail = s.detail;
      return json;
    }
  }
  const timestamp = (v, what) => {
    const t = NumberCtor(v);
    if (t !== t || t === 1 / 0 || t === -1 / 0) throw new TypeErrorCtor(`Failed to execute '${what}' on 'Performance': the time is not a finite number.`);
    if (t < 0) throw new TypeErrorCtor(`Failed to execute '${what}' on 'Performance': '${what === 'mark' ? 'startTime' : 'start'}' cannot be negative.`);
    return t;
  };
  class PerformanceMark extends PerformanceEntry {
    constructor(markName, markOptions = undefined) {
      if (arguments.length === 0) throw new TypeErrorCtor("Failed to construct 'PerformanceMark': 1 argument required, but only 0 present.");
      internalNew(() => super());
      const name = domString(markName);
      const o = markOptions == null ? {} : markOptions;
      const start = o.startTime === undefined ? now() : timestamp(o.startTime, 'mark');
      WeakMapSet(entryState, this, { name, entryType: 'mark', startTime: start, duration: 0, detail: copyDetail(o.detail) });
    }
    get detail() { return stateOf(this).detail; }
  }
  class PerformanceMeasure extends PerformanceEntry {
    constructor() { refuseConstruction(); super(); }
    get detail() { return stateOf(this).detail; }
  }
  const measureOf = (name, start, end, detail) => internalNew(() => {
    const m = new PerformanceMeasure();
    WeakMapSet(entryState, m, { name, entryType: 'measure', startTime: start, duration: end - start, detail });
    return m;
  });
  // The standard's "convert a mark to a timestamp": a mark's name (the latest such mark) or a time.
  const markTime = (mark) => {
    if (typeof mark === 'number') return timestamp(mark, 'measure');
    const key = domString(mark);
    for (let i = entries.length - 1; i >= 0; i--) {
      const s = stateOf(entries[i]);
      if (s.entryType === 'mark' && s.name === key) return s.startTime;
    }
    throw new DOMException(`Failed to execute 'measure' on 'Performance': The mark '${key}' does not exist.`, 'SyntaxError');
  };
  const methods = {
    mark(markName, markOptions = undefined) {
      if (arguments.length === 0) throw new TypeErrorCtor("Failed to execute 'mark' on 'Performance': 1 argument required, but only 0 present.");
      const e = new PerformanceMark(markName, markOptions);
      ArrayPush(entries, e);
      return e;
    },
    measure(measureName, startOrMeasureOptions = undefined, endMark = undefined) {
      if (arguments.length === 0) throw new TypeErrorCtor("Failed to execute 'measure' on 'Performance': 1 argument required, but only 0 present.");
      const name = domString(measureName);
      const options = startOrMeasureOptions !== null && typeof startOrMeasureOptions === 'object' ? startOrMeasureOptions : undefined;
      let start, end, duration, detail;
      if (options !== undefined) {
        start = options.start; end = options.end; duration = options.duration; detail = options.detail;
        if (start !== undefined || end !== undefined || duration !== undefined || detail !== undefined) {
          if (endMark !== undefined) throw new TypeErrorCtor("Failed to execute 'measure' on 'Performance': an end mark cannot be given with measure options; put it in the options' 'end'.");
          if (start === undefined && end === undefined) throw new TypeErrorCtor("Failed to execute 'measure' on 'Performance': the measure options need a 'start' or an 'end'.");
          if (start !== undefined && end !== undefined && duration !== undefined) throw new TypeErrorCtor("Failed to execute 'measure' on 'Performance': give at most two of the options' 'start', 'end' and 'duration'.");
        }
        if (duration !== undefined) duration = timestamp(duration, 'measure');
      }
      let endTime;
      if (endMark !== undefined) endTime = markTime(endMark);
      else if (end !== undefined) endTime = markTime(end);
      else if (start !== undefined && duration !== undefined) endTime = markTime(start) + duration;
      else endTime = now();
      let startTime;
      if (start !== undefined) startTime = markTime(start);
      else if (duration !== undefined && end !== undefined) startTime = endTime - duration;
      else if (options === undefined && startOrMeasureOptions !== undefined) startTime = markTime(startOrMeasureOptions);
      else startTime = 0;
      const m = measureOf(name, startTime, endTime, copyDetail(detail));
      ArrayPush(entries, m);
      return m;
    },
    getEntries() { return select(undefined, undefined); },
    getEntriesByType(type) { return select(undefined, domString(type)); },
    getEntriesByName(name, type = undefined) { return select(domString(name), type === undefined ? undefined : domString(type)); },
    clearMarks(markName = undefined) { clear('mark', markName); },
    clearMeasures(measureName = undefined) { clear('measure', measureName); },
  };
  // The performance timeline's order: by startTime, entries of equal time in the order they were made.
  const select = (name, type) => {
    const out = [];
    for (let i = 0; i < entries.length; i++) {
      const s = stateOf(entries[i]);
      if ((name === undefined || s.name === name) && (type === undefined || s.entryType === type)) {
        let at = out.length;
        while (at > 0 && stateOf(out[at - 1]).startTime > s.startTime) at--;
        ArraySplice(out, at, 0, entries[i]);
      }
    }
    return out;
  };
  const clear = (type, name) => {
    const key = name === undefined ? undefined : domString(name);
    for (let i = entries.length - 1; i >= 0; i--) {
      const s = stateOf(entries[i]);
      if (s.entryType === type && (key === undefined || s.name === key)) ArraySplice(entries, i, 1);
    }
  };
  const keys = ObjectKeys(methods);
  for (let i = 0; i < keys.length; i++) defineMethod(perfProto, keys[i], methods[keys[i]], true);
  const classes = [[PerformanceEntry, 'PerformanceEntry'], [PerformanceMark, 'PerformanceMark'], [PerformanceMeasure, 'PerformanceMeasure']];
  for (let i = 0; i < classes.length; i++) {
    tag(classes[i][0], classes[i][1]);
    webIdl(classes[i][0]);
    defineGlobal(classes[i][1], classes[i][0]);
  }
  defineGlobal('Performance', perfProto.constructor);
}
