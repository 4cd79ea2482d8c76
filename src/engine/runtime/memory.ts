/**
 * Memory statistics: every field of QuickJS's memory usage report, and object counts by class from its dump.
 */
import { Scope, type QuickJSHandle, type QuickJSRuntime } from 'quickjs-emscripten-core';
import type { MemoryStats } from '../api';

/** Free heap below which the detailed report is skipped. */
const HEADROOM_BYTES = 1024 * 1024;

const FIELDS = [
  'malloc_size', 'malloc_limit', 'memory_used_size', 'malloc_count', 'memory_used_count', 'atom_count', 'atom_size',
  'str_count', 'str_size', 'obj_count', 'obj_size', 'prop_count', 'prop_size', 'shape_count', 'shape_size',
  'js_func_count', 'js_func_size', 'js_func_code_size', 'js_func_pc2line_count', 'js_func_pc2line_size',
  'c_func_count', 'array_count', 'fast_array_count', 'fast_array_elements', 'binary_object_count', 'binary_object_size',
] as const;

/** Reads the runtime's memory usage; with `classes`, also parses per-class object counts from the text dump. */
export function readMemoryStats(
  rt: QuickJSRuntime,
  read: (h: QuickJSHandle) => unknown,
  limit: number,
  classes: boolean,
  time: number,
  heap: { size: number; max: number },
): MemoryStats {
  const stats = heapOnlyStats(limit, time, heap);
  // The report allocates inside the engine; on a heap at its cap that allocation fails inside wasm and traps.
  const exhausted = heap.max - heap.size < HEADROOM_BYTES;
  if (exhausted) return stats;
  delete stats.partial;
  let raw: Record<string, number> = {};
  if (!exhausted) {
    raw = Scope.withScope((scope) => (read(scope.manage(rt.computeMemoryUsage())) as Record<string, number> | undefined) ?? {});
  }
  for (const f of FIELDS) (stats as unknown as Record<string, number>)[f] = typeof raw[f] === 'number' ? raw[f]! : 0;
  // The wasm builds cannot measure allocation sizes (no malloc_usable_size): malloc_size is the heap instead.
  stats.malloc_size = heap.size;
  stats.malloc_limit = limit > 0 ? limit : stats.malloc_limit;
  if (classes) stats.classes = parseClassCounts(rt.dumpMemoryUsage());
  return stats;
}

/**
 * Memory samples during a run, every `interval` ms (0: off). The detailed report walks the whole heap (tens of ms on
 * a large one), so detailed samples are spaced to keep their measured cost near 1% of run time; the samples between
 * them carry the heap size.
 */
export class MemorySampler {
  private lastSample = 0;
  private nextDetailedSample = 0;

  constructor(
    private readonly interval: number,
    /** Heap-only stats, which cost nothing. */
    private readonly cheap: (now: number) => MemoryStats,
    private readonly detailed: () => MemoryStats,
    private readonly emit: (stats: MemoryStats) => void,
  ) {}

  /** Takes a sample when the interval has passed since the last one. */
  maybeSample(now: number): void {
    if (this.interval && now - this.lastSample >= this.interval) {
      this.lastSample = now;
      this.sample(now);
    }
  }

  /**
   * When the event loop must wake next to keep the interval while the script waits on timers or I/O (the interrupt
   * handler samples only while it computes). Infinity when sampling is off.
   */
  nextDue(): number {
    return this.interval ? this.lastSample + this.interval : Infinity;
  }

  private sample(now: number): void {
    if (now < this.nextDetailedSample) {
      this.emit(this.cheap(now));
      return;
    }
    const stats = this.detailed();
    const cost = performance.now() - now;
    this.nextDetailedSample = now + cost * 100;
    this.emit(stats);
  }
}

/** Stats that cost nothing to take: the heap's size against the limit, every other figure 0 and `partial` set. */
export function heapOnlyStats(limit: number, time: number, heap: { size: number; max: number }): MemoryStats {
  const stats = { time, heap_size: heap.size, partial: true } as MemoryStats;
  for (const f of FIELDS) (stats as unknown as Record<string, number>)[f] = 0;
  stats.malloc_size = heap.size;
  stats.malloc_limit = limit > 0 ? limit : heap.max;
  return stats;
}

/** Parses the "JSObject classes" table of `dumpMemoryUsage` into name -> count (same names summed). */
export function parseClassCounts(dump: string): Record<string, number> {
  const out: Record<string, number> = {};
  const start = dump.indexOf('JSObject classes');
  if (start < 0) return out;
  for (const line of dump.slice(start).split('\n').slice(1)) {
    const m = /^\s+(\d+)\s+\d+\s+(\S.*)$/.exec(line);
    if (!m) {
      if (line.trim() === '') break;
      continue;
    }
    const name = m[2]!.trim();
    out[name] = (out[name] ?? 0) + Number(m[1]);
  }
  return out;
}
