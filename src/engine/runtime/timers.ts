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

export class TimerQueue {
  private readonly timers = new Map<number, Timer>();
  private seq = 0;

  add(id: number, ms: number, repeat: boolean): void {
    this.timers.set(id, { id, due: performance.now() + ms, seq: this.seq++, interval: repeat ? ms : 0 });
  }

  clear(id: number): void {
    this.timers.delete(id);
  }

  /** Whether a timer is still scheduled (an earlier callback of the same turn may have cleared it). */
  has(id: number): boolean {
    return this.timers.has(id);
  }

  /** The timer that comes due first. */
  next(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers.values()) {
      if (!best || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    }
    return best;
  }

  /** The timers due at `now`, in firing order. */
  due(now: number): Timer[] {
    return [...this.timers.values()].filter((t) => t.due <= now).sort((a, b) => a.due - b.due || a.seq - b.seq);
  }

  /** Marks a timer as fired: an interval is rescheduled from now, a timeout is removed. */
  fired(t: Timer): void {
    if (t.interval) {
      t.due = performance.now() + t.interval;
      t.seq = this.seq++;
    } else {
      this.timers.delete(t.id);
    }
  }

  clearAll(): void {
    this.timers.clear();
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
