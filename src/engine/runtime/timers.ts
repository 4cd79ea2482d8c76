/**
 * The sandbox's timer queue: ids, due times and intervals (the callbacks stay inside QuickJS). Timers fire in
 * order of due time, then of scheduling, as Node runs them.
 */
export interface Timer {
  id: number;
  due: number;
  seq: number;
  interval: number;
}

/**
 * A binary min-heap by (due, seq), with clearing done lazily: a cleared timer stays in the heap until it reaches
 * the top and is dropped there. A script with 100,000 timers costs O(log n) per timer, not a scan and sort of
 * all of them on every turn of the loop.
 */
export class TimerQueue {
  private readonly byId = new Map<number, Timer>();
  private readonly heap: Timer[] = [];
  private seq = 0;

  /** Timers that do not keep the run alive by themselves (AbortSignal.timeout's, like Node's unref'd timers). */
  private readonly weak = new Set<number>();

  add(id: number, ms: number, repeat: boolean, weak = false): void {
    const t = { id, due: performance.now() + ms, seq: this.seq++, interval: repeat ? ms : 0 };
    this.byId.set(id, t);
    if (weak) this.weak.add(id);
    this.push(t);
  }

  clear(id: number): void {
    this.byId.delete(id);
    this.weak.delete(id);
  }

  /** Whether a timer that keeps the run alive is scheduled. */
  hasStrong(): boolean {
    return this.byId.size > this.weak.size;
  }

  /** Whether a timer is still scheduled (an earlier callback of the same turn may have cleared it). */
  has(id: number): boolean {
    return this.byId.has(id);
  }

  /** The timer that comes due first. */
  next(): Timer | undefined {
    this.dropStale();
    return this.heap[0];
  }

  /** Takes the timers due at `now` off the queue, in firing order; `fired` puts intervals back. */
  due(now: number): Timer[] {
    const out: Timer[] = [];
    for (;;) {
      this.dropStale();
      const top = this.heap[0];
      if (!top || top.due > now) return out;
      out.push(this.pop()!);
    }
  }

  /** Marks a timer as fired: an interval is rescheduled from now, a timeout is forgotten. */
  fired(t: Timer): void {
    if (t.interval && this.byId.get(t.id) === t) {
      t.due = performance.now() + t.interval;
      t.seq = this.seq++;
      this.push(t);
    } else {
      this.byId.delete(t.id);
      this.weak.delete(t.id);
    }
  }

  clearAll(): void {
    this.byId.clear();
    this.weak.clear();
    this.heap.length = 0;
  }

  private dropStale(): void {
    while (this.heap.length > 0 && this.byId.get(this.heap[0]!.id) !== this.heap[0]) this.pop();
  }

  private before(a: Timer, b: Timer): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Waits `ms` milliseconds (forever when Infinity), returning early when `stop()` turns true (polled) or when the
 * returned wake function is called.
 */
export function wakeableWait(ms: number, stop: () => boolean, onWake?: (wake: () => void) => () => void): Promise<void> {
  return new Promise((resolve) => {
    const timer = Number.isFinite(ms) ? setTimeout(done, Math.max(0, ms)) : undefined;
    const poll = setInterval(() => stop() && done(), 20);
    const unregister = onWake?.(done);
    function done() {
      if (timer) clearTimeout(timer);
      clearInterval(poll);
      unregister?.();
      resolve();
    }
  });
}
