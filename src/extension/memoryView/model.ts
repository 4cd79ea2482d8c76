/**
 * The memory view's pure logic: the sample history, the category breakdown, deltas between two samples, and the
 * number formatting. It imports neither `vscode` nor the DOM, so the extension, the webview bundle and the unit
 * tests share one implementation.
 */
import type { MemoryStats } from '../../engine/api';

/** Why a sample was taken: periodic during a run, at a debugger pause, on request (Refresh), or as a run ended. */
export type SampleOrigin = 'run' | 'paused' | 'request' | 'final';

/** One memory sample of the active source, numbered in the order it arrived. */
export interface Sample {
  id: number;
  origin: SampleOrigin;
  stats: MemoryStats;
}

/** Keeps the latest `capacity` samples; ids keep growing so a dropped sample is never confused with a new one. */
export class SampleStore {
  private items: Sample[] = [];
  private nextId = 1;

  constructor(readonly capacity = 1200) {
    if (!(capacity >= 2)) throw new RangeError(`a sample store needs room for at least 2 samples, not ${capacity}`);
  }

  /** Records a sample and returns it; samples arriving out of time order are kept in arrival order. */
  add(stats: MemoryStats, origin: SampleOrigin): Sample {
    return this.keep({ id: this.nextId++, origin, stats });
  }

  /** Keeps a sample numbered elsewhere (the webview mirrors the extension's store); ids must keep increasing. */
  keep(sample: Sample): Sample {
    const last = this.latest();
    if (last && sample.id <= last.id) throw new RangeError(`sample #${sample.id} does not follow #${last.id}`);
    this.nextId = sample.id + 1;
    this.items.push(sample);
    // Dropping in chunks keeps a long run from paying an array shift per sample.
    if (this.items.length > this.capacity) this.items.splice(0, Math.max(1, this.items.length - this.capacity));
    return sample;
  }

  /** Every retained sample, oldest first. */
  get all(): readonly Sample[] {
    return this.items;
  }

  get size(): number {
    return this.items.length;
  }

  /** The sample with this id, if it is still retained. */
  byId(id: number): Sample | undefined {
    // Ids are increasing, so a binary search finds it without scanning a long run's history.
    let lo = 0;
    let hi = this.items.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.items[mid]!.id;
      if (v === id) return this.items[mid];
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** The newest sample. */
  latest(): Sample | undefined {
    return this.items[this.items.length - 1];
  }

  /** The newest sample that carries the full report (not only the heap size). */
  latestDetailed(): Sample | undefined {
    for (let i = this.items.length - 1; i >= 0; i--) if (!this.items[i]!.stats.partial) return this.items[i];
    return undefined;
  }
}

/** One line of the breakdown by category. `size` is undefined where QuickJS reports no size for the category. */
export interface CategoryRow {
  key: string;
  label: string;
  count: number;
  size: number | undefined;
  /** Extra figures worth seeing next to the count (elements of fast arrays, native functions). */
  note?: string;
}

type Numeric = { [K in keyof MemoryStats]-?: MemoryStats[K] extends number ? K : never }[keyof MemoryStats];

const CATEGORY_FIELDS: ReadonlyArray<{ key: string; label: string; count: Numeric; size?: Numeric[] }> = [
  { key: 'objects', label: 'Objects', count: 'obj_count', size: ['obj_size'] },
  { key: 'properties', label: 'Properties', count: 'prop_count', size: ['prop_size'] },
  { key: 'strings', label: 'Strings', count: 'str_count', size: ['str_size'] },
  { key: 'atoms', label: 'Atoms', count: 'atom_count', size: ['atom_size'] },
  { key: 'shapes', label: 'Shapes', count: 'shape_count', size: ['shape_size'] },
  // Bytecode and its line tables belong to the functions that own them.
  { key: 'functions', label: 'Functions (bytecode)', count: 'js_func_count', size: ['js_func_size', 'js_func_code_size', 'js_func_pc2line_size'] },
  { key: 'arrays', label: 'Arrays', count: 'array_count' },
  { key: 'binary', label: 'Binary data', count: 'binary_object_count', size: ['binary_object_size'] },
];

/** The breakdown by category of a detailed sample; empty for a partial one (it has only the heap size). */
export function categoryRows(stats: MemoryStats): CategoryRow[] {
  if (stats.partial) return [];
  return CATEGORY_FIELDS.map((f) => {
    const row: CategoryRow = {
      key: f.key,
      label: f.label,
      count: stats[f.count],
      size: f.size ? f.size.reduce((sum, k) => sum + stats[k], 0) : undefined,
    };
    if (f.key === 'arrays') row.note = `${formatCount(stats.fast_array_count)} fast, ${formatCount(stats.fast_array_elements)} elements`;
    if (f.key === 'functions') row.note = `+ ${formatCount(stats.c_func_count)} native`;
    return row;
  });
}

/** A figure in sample A and in sample B; `delta` is B - A. */
export interface DeltaRow {
  key: string;
  label: string;
  a: number;
  b: number;
  delta: number;
}

/** What changed from sample A to sample B. */
export interface SampleDiff {
  /** B's time minus A's, in milliseconds. */
  elapsedMs: number;
  heap: DeltaRow;
  /** Absent when either sample is partial: a partial sample has no estimate of live memory. */
  used?: DeltaRow;
  /** Category counts and sizes; empty when either sample is partial. */
  categories: Array<{ key: string; label: string; count: DeltaRow; size?: DeltaRow }>;
  /** Classes whose object count changed, largest change first. */
  classes: DeltaRow[];
  /** True when one of the samples carries only the heap size. */
  partial: boolean;
}

function delta(key: string, label: string, a: number, b: number): DeltaRow {
  return { key, label, a, b, delta: b - a };
}

/** Compares two samples figure by figure. */
export function diffSamples(a: MemoryStats, b: MemoryStats): SampleDiff {
  const partial = !!a.partial || !!b.partial;
  const diff: SampleDiff = {
    elapsedMs: b.time - a.time,
    heap: delta('heap_size', 'Heap (high-water mark)', a.heap_size, b.heap_size),
    categories: [],
    classes: [],
    partial,
  };
  if (partial) return diff;
  diff.used = delta('memory_used_size', 'Live objects (estimate)', a.memory_used_size, b.memory_used_size);
  const rowsA = categoryRows(a);
  const rowsB = categoryRows(b);
  rowsA.forEach((ra, i) => {
    const rb = rowsB[i]!;
    diff.categories.push({
      key: ra.key,
      label: ra.label,
      count: delta(ra.key, ra.label, ra.count, rb.count),
      size: ra.size === undefined || rb.size === undefined ? undefined : delta(ra.key, ra.label, ra.size, rb.size),
    });
  });
  diff.classes = diffClasses(a.classes, b.classes);
  return diff;
}

/** Per-class object count changes (classes missing on one side count as 0), largest absolute change first. */
export function diffClasses(a: Record<string, number> | undefined, b: Record<string, number> | undefined): DeltaRow[] {
  if (!a || !b) return [];
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  const rows: DeltaRow[] = [];
  for (const name of names) {
    const row = delta(name, name, a[name] ?? 0, b[name] ?? 0);
    if (row.delta !== 0) rows.push(row);
  }
  return rows.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.key.localeCompare(y.key));
}

/** Object counts by class, largest first. */
export function classRows(classes: Record<string, number> | undefined): Array<{ name: string; count: number }> {
  if (!classes) return [];
  return Object.entries(classes)
    .map(([name, count]) => ({ name, count }))
    .sort((x, y) => y.count - x.count || x.name.localeCompare(y.name));
}

/** Columns for the time-series chart: seconds, heap, live estimate (null where a sample is partial), limit. */
export interface ChartData {
  t: number[];
  heap: number[];
  used: Array<number | null>;
  limit: number[];
}

/** Turns samples into chart columns. Samples out of time order are skipped: the chart's x axis must not go back. */
export function chartData(samples: readonly Sample[]): ChartData {
  const out: ChartData = { t: [], heap: [], used: [], limit: [] };
  let last = -Infinity;
  for (const { stats } of samples) {
    const t = stats.time / 1000;
    if (!(t >= last)) continue;
    last = t;
    out.t.push(t);
    out.heap.push(stats.heap_size);
    out.used.push(stats.partial ? null : stats.memory_used_size);
    out.limit.push(stats.malloc_limit);
  }
  return out;
}

/** The kinds the second chart draws: every category QuickJS reports a size for. */
export const KIND_SERIES: ReadonlyArray<{ key: string; label: string }> = CATEGORY_FIELDS.filter((f) => f.size).map((f) => ({ key: f.key, label: f.label }));

/** Columns of the "by object kind" chart: bytes per kind over time, from detailed samples only (seconds). */
export interface KindChartData {
  t: number[];
  /** One column per `KIND_SERIES` entry, in its order. */
  sizes: number[][];
}

/** The bytes each kind of object holds over time; partial samples (heap size only) are skipped. */
export function kindChartData(samples: readonly Sample[]): KindChartData {
  const out: KindChartData = { t: [], sizes: KIND_SERIES.map(() => []) };
  let last = -Infinity;
  for (const { stats } of samples) {
    const t = stats.time / 1000;
    if (stats.partial || !(t >= last)) continue;
    last = t;
    out.t.push(t);
    const rows = categoryRows(stats);
    KIND_SERIES.forEach((k, i) => out.sizes[i]!.push(rows.find((r) => r.key === k.key)?.size ?? 0));
  }
  return out;
}

/**
 * The samples as CSV (RFC 4180, header first): time, origin, heap and limit for every sample, then live bytes and
 * each category's count and bytes, left empty in samples that carry only the heap size.
 */
export function samplesToCsv(samples: readonly Sample[]): string {
  const cats = CATEGORY_FIELDS;
  const header = ['sample', 'time_s', 'origin', 'heap_bytes', 'limit_bytes', 'live_bytes', ...cats.flatMap((c) => [`${c.key}_count`, ...(c.size ? [`${c.key}_bytes`] : [])])];
  const lines = [header.join(',')];
  for (const { id, origin, stats } of samples) {
    const detailed = !stats.partial;
    const rows = detailed ? categoryRows(stats) : [];
    const cells: Array<string | number> = [id, (stats.time / 1000).toFixed(3), origin, stats.heap_size, stats.malloc_limit, detailed ? stats.memory_used_size : ''];
    for (const c of cats) {
      const row = rows.find((r) => r.key === c.key);
      cells.push(row ? row.count : '');
      if (c.size) cells.push(row?.size ?? '');
    }
    lines.push(cells.join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** The one-line summary shown above the chart. */
export function headline(stats: MemoryStats): string {
  const limit = stats.malloc_limit > 0 ? stats.malloc_limit : 0;
  const share = limit ? ` (${Math.round((stats.heap_size / limit) * 100)}% of the ${formatBytes(limit)} limit)` : ' (no limit)';
  const used = stats.partial ? 'live objects: not measured in this sample' : `live objects ≈ ${formatBytes(stats.memory_used_size)}`;
  return `heap ${formatBytes(stats.heap_size)}${share} · ${used}`;
}

const UNITS = ['B', 'KB', 'MB', 'GB'];

/**
 * Steps between ticks of a bytes axis: 1-2-5 multiples of B, KB, MB and GB (1024-based, as `formatBytes` counts), so
 * ticks read "10.0 MB, 20.0 MB" rather than the decimal steps a chart picks on its own ("19.1 MB, 38.1 MB").
 */
export const BYTE_TICK_STEPS: readonly number[] = [1, 1024, 1024 ** 2, 1024 ** 3].flatMap((unit) =>
  [1, 2, 5, 10, 20, 50, 100, 200, 500].map((m) => m * unit));

/** Labels of a bytes axis whose ticks are multiples of `step`: all in the step's unit, so each is a whole number. */
export function formatByteTicks(ticks: readonly number[], step: number): string[] {
  let u = 0;
  while (u < UNITS.length - 1 && step >= 1024 ** (u + 1)) u++;
  return ticks.map((t) => `${Math.round(t / 1024 ** u)} ${UNITS[u]}`);
}

/** Bytes for people: 1024-based, three significant digits ("812 B", "1.50 KB", "20.2 MB"). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  let v = Math.abs(n);
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  const digits = u === 0 || v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${sign}${v.toFixed(digits)} ${UNITS[u]}`;
}

/** A byte delta with its sign ("+1.50 KB", "-812 B", "0 B"). */
export function formatBytesDelta(n: number): string {
  return n > 0 ? `+${formatBytes(n)}` : formatBytes(n);
}

/** A count with thousands separators that do not depend on the viewer's locale ("20,437"). */
export function formatCount(n: number): string {
  const s = Math.abs(Math.trunc(n)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${s}` : s;
}

/** A count delta with its sign ("+20,351", "-3", "0"). */
export function formatCountDelta(n: number): string {
  return n > 0 ? `+${formatCount(n)}` : formatCount(n);
}

/** Seconds since the sandbox started, for sample labels ("0.25 s", "12.3 s"). */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
}

/** How a sample is named in the A/B pickers. */
export function sampleLabel(s: Sample): string {
  const kind = s.origin === 'run' ? '' : ` ${s.origin}`;
  return `#${s.id} at ${formatSeconds(s.stats.time)}${kind}${s.stats.partial ? ' (heap only)' : ''}`;
}
