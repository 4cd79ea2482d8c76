/**
 * `display.chart(data, spec)`: the kernel sends the cell's data and spec as JSON; this module checks them and turns
 * them into the columns the chart renderer (media/notebook/chartRenderer.js, uPlot) draws. Errors name the field to
 * fix. Editor-neutral: no `vscode` import.
 */

/** The mime of a chart output; the kernel's `display.chart` emits it and the chart renderer draws it. */
export const CHART_MIME = 'application/vnd.quickjs.chart+json';

/** What the chart renderer gets: one x column and the series drawn against it. */
export interface ChartData {
  kind: 'line' | 'bar' | 'scatter';
  title?: string;
  /** `time`: values are seconds since 1970 (from dates). `categories`: values are 0..n-1 and these are their names. */
  x: { label: string; values: number[]; time?: boolean; categories?: string[] };
  series: { label: string; values: (number | null)[] }[];
  yLabel?: string;
  width?: number;
  height?: number;
}

/** The spec a cell may pass; every key is optional. */
const SPEC_KEYS = ['x', 'y', 'type', 'title', 'xLabel', 'yLabel', 'width', 'height'] as const;
const KINDS = ['line', 'bar', 'scatter'] as const;
/** Bounds that keep a chart output a reasonable size in the notebook and in saved files. */
export const CHART_MAX_POINTS = 100_000;
export const CHART_MAX_SERIES = 16;

class ChartInputError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
function fail(why: string): never {
  throw new ChartInputError(`display.chart(data, spec): ${why}`);
}
const names = (cols: Map<string, unknown[]>) => [...cols.keys()].map((k) => JSON.stringify(k)).join(', ');

/** Checks what `display.chart` sent and builds the chart, with a one-line description for plain-text viewers. */
export function chartOutput(json: string): { chart: ChartData; text: string } | { error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { error: 'display.chart(data, spec): the data could not be turned into JSON (a BigInt or a cycle?); pass numbers, strings and dates' };
  }
  try {
    const { data, spec } = (isObject(raw) ? raw : {}) as { data?: unknown; spec?: unknown };
    const chart = buildChart(data, spec ?? {});
    return { chart, text: describeChart(chart) };
  } catch (e) {
    if (e instanceof ChartInputError) return { error: e.message };
    throw e;
  }
}

/** The data as named columns: an array of numbers, an array of records, or an object of arrays. */
function columnsOf(data: unknown): Map<string, unknown[]> {
  const cols = new Map<string, unknown[]>();
  if (Array.isArray(data)) {
    if (data.every((v) => v === null || typeof v === 'number')) {
      cols.set('value', data);
      return cols;
    }
    if (!data.every((v) => isObject(v))) fail('data must be an array of numbers, an array of records ({ x: 1, y: 2 }), or an object of columns ({ x: [...], y: [...] })');
    for (const record of data as Record<string, unknown>[]) for (const k of Object.keys(record)) if (!cols.has(k)) cols.set(k, []);
    for (const [k, values] of cols) for (const record of data as Record<string, unknown>[]) values.push(record[k]);
    return cols;
  }
  if (isObject(data)) {
    for (const [k, v] of Object.entries(data)) {
      if (!Array.isArray(v)) fail(`data.${k} must be an array (a column of values), but it is ${v === null ? 'null' : typeof v}`);
      cols.set(k, v);
    }
    return cols;
  }
  return fail('data must be an array of numbers, an array of records, or an object of columns');
}

const toNumber = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** Dates arrive as JSON strings (`toJSON`); only full ISO dates count, so "3" or "Q1" stay categories. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

function buildChart(data: unknown, specRaw: unknown): ChartData {
  if (!isObject(specRaw)) fail('spec must be an object such as { x: "day", y: ["sales"], type: "line" }');
  const spec = specRaw as Record<string, unknown>;
  const unknown = Object.keys(spec).filter((k) => !(SPEC_KEYS as readonly string[]).includes(k));
  if (unknown.length) fail(`spec has no option ${unknown.map((k) => JSON.stringify(k)).join(', ')}; the options are ${SPEC_KEYS.join(', ')}`);
  const kind = spec.type ?? 'line';
  if (!(KINDS as readonly unknown[]).includes(kind)) fail(`spec.type must be ${KINDS.map((k) => `"${k}"`).join(', ')}, but it is ${JSON.stringify(kind)}`);
  for (const k of ['title', 'xLabel', 'yLabel'] as const) if (spec[k] !== undefined && typeof spec[k] !== 'string') fail(`spec.${k} must be a string`);
  for (const k of ['width', 'height'] as const) {
    const v = spec[k];
    if (v !== undefined && (typeof v !== 'number' || !(v >= 100 && v <= 4000))) fail(`spec.${k} must be a number of pixels from 100 to 4000`);
  }

  const cols = columnsOf(data);
  const length = Math.max(0, ...[...cols.values()].map((c) => c.length));
  if (length === 0) fail('data is empty: there is nothing to draw');
  if (length > CHART_MAX_POINTS) fail(`data has ${length} points; a chart takes at most ${CHART_MAX_POINTS}: sample or aggregate it first`);

  let xName: string | undefined;
  if (spec.x !== undefined) {
    if (typeof spec.x !== 'string') fail('spec.x must be the name of a field');
    if (!cols.has(spec.x)) fail(`spec.x is ${JSON.stringify(spec.x)}, but the data has no such field; its fields are ${names(cols)}`);
    xName = spec.x;
  }
  let yNames: string[];
  if (spec.y !== undefined) {
    yNames = typeof spec.y === 'string' ? [spec.y] : Array.isArray(spec.y) && spec.y.every((n) => typeof n === 'string') ? (spec.y as string[]) : fail('spec.y must be a field name or an array of field names');
    for (const n of yNames) if (!cols.has(n)) fail(`spec.y names ${JSON.stringify(n)}, but the data has no such field; its fields are ${names(cols)}`);
  } else {
    yNames = [...cols.keys()].filter((k) => k !== xName && cols.get(k)!.some((v) => toNumber(v) !== null) && cols.get(k)!.every((v) => v === null || v === undefined || typeof v === 'number'));
    if (yNames.length === 0) fail(`no field holds numbers to plot; name one with spec.y (the fields are ${names(cols)})`);
  }
  if (yNames.length > CHART_MAX_SERIES) fail(`${yNames.length} series is too many for one chart (at most ${CHART_MAX_SERIES}); pick some with spec.y`);

  // The x column: numbers, dates (drawn on a time axis) or anything else as categories in their order.
  const rawX = xName === undefined ? Array.from({ length }, (_, i) => i) : Array.from({ length }, (_, i) => cols.get(xName!)![i]);
  let x: ChartData['x'];
  if (rawX.every((v) => toNumber(v) !== null)) x = { label: xName ?? 'index', values: rawX as number[] };
  else if (rawX.every((v) => typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)))) x = { label: xName!, values: rawX.map((v) => Date.parse(v as string) / 1000), time: true };
  else x = { label: xName!, values: rawX.map((_, i) => i), categories: rawX.map((v) => (v === null || v === undefined ? '' : String(v))) };
  let series = yNames.map((n) => ({ label: n, values: Array.from({ length }, (_, i) => toNumber(cols.get(n)![i])) }));
  if (yNames.every((n) => series.find((s) => s.label === n)!.values.every((v) => v === null))) fail(`spec.y names fields with no numbers in them (${yNames.join(', ')})`);

  // uPlot draws lines through the points in array order: sort by x unless x is categories (kept as given).
  if (!x.categories) {
    const order = x.values.map((_, i) => i).sort((a, b) => x.values[a] - x.values[b]);
    if (order.some((o, i) => o !== i)) {
      x = { ...x, values: order.map((i) => x.values[i]) };
      series = series.map((s) => ({ ...s, values: order.map((i) => s.values[i]) }));
    }
  }
  const chart: ChartData = { kind: kind as ChartData['kind'], x, series };
  if (spec.title !== undefined) chart.title = spec.title as string;
  if (spec.xLabel !== undefined) chart.x.label = spec.xLabel as string;
  if (spec.yLabel !== undefined) chart.yLabel = spec.yLabel as string;
  if (spec.width !== undefined) chart.width = spec.width as number;
  if (spec.height !== undefined) chart.height = spec.height as number;
  return chart;
}

/** One line for viewers that cannot draw the chart (plain text, a saved file opened elsewhere). */
export function describeChart(c: ChartData): string {
  const title = c.title ? `"${c.title}" ` : '';
  return `${c.kind} chart ${title}of ${c.series.map((s) => s.label).join(', ')} against ${c.x.label} (${c.x.values.length} points)`;
}
