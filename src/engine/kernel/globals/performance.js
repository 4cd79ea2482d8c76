// performance: now() and timeOrigin, from the host's clock.
import { DateNow } from '../shared/intrinsics.js';
import { tag, webIdl, refuseConstruction, internalNew } from '../web/idl.js';

/** `performance` over the host's clock (`host.now`, milliseconds since the sandbox started). */
export function createPerformance(hostNow) {
  const timeOrigin = DateNow() - hostNow();
  class Performance {
    constructor() { refuseConstruction(); }
    now() { return hostNow(); }
    get timeOrigin() { return timeOrigin; }
    toJSON() { return { timeOrigin }; }
  }
  tag(Performance, 'Performance');
  webIdl(Performance);
  return internalNew(() => new Performance());
}
