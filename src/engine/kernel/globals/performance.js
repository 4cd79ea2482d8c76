// performance: now() and timeOrigin, from the host's clock.
import { DateNow, SymbolToStringTag, ObjectDefineProperty } from '../shared/intrinsics.js';

/** `performance` over the host's clock (`host.now`, milliseconds since the sandbox started). */
export function createPerformance(hostNow) {
  const timeOrigin = DateNow() - hostNow();
  class Performance {
    now() { return hostNow(); }
    get timeOrigin() { return timeOrigin; }
    toJSON() { return { timeOrigin }; }
  }
  ObjectDefineProperty(Performance.prototype, SymbolToStringTag, {
    __proto__: null, value: 'Performance', writable: false, enumerable: false, configurable: true,
  });
  return new Performance();
}
