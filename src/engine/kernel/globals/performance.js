// performance: now() and timeOrigin, from the host's clock.
import { DateNow } from '../shared/intrinsics.js';
import { tag, webIdl, refuseConstruction, internalNew } from '../web/idl.js';

/** `performance` over the host's clock (`host.now`, milliseconds since the sandbox started). */
export function createPerformance(hostNow) {
  // Fixed on first read, not here: the kernel is installed in an engine made ahead of time, before the sandbox that
  // takes it starts the clock `hostNow` reads, so an origin taken now would be off by the engine's wait.
  let timeOrigin;
  const origin = () => (timeOrigin === undefined ? (timeOrigin = DateNow() - hostNow()) : timeOrigin);
  class Performance {
    constructor() { refuseConstruction(); }
    now() { return hostNow(); }
    get timeOrigin() { return origin(); }
    toJSON() { return { timeOrigin: origin() }; }
  }
  tag(Performance, 'Performance');
  webIdl(Performance);
  return internalNew(() => new Performance());
}
