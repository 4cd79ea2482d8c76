/**
 * The memory view's webview script (bundled for the browser into dist/memory-view.js). It renders what the
 * extension sends (protocol.ts) with uPlot and VS Code's web components, and reports back what it rendered.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-table/index.js';
import '@vscode-elements/elements/dist/vscode-table-body/index.js';
import '@vscode-elements/elements/dist/vscode-table-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-header/index.js';
import '@vscode-elements/elements/dist/vscode-table-header-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-row/index.js';
import './memory.css';
import {
  BYTE_TICK_STEPS, KIND_SERIES, SampleStore, categoryRows, chartData, classRows, diffSamples, formatByteTicks, formatBytes, kindChartData, formatBytesDelta, formatCount,
  formatCountDelta, formatSeconds, headline, sampleLabel, type Sample,
} from '../../src/extension/memoryView/model';
import type { FromWebview, RenderedView, SourceInfo, ToWebview } from '../../src/extension/memoryView/protocol';

declare function acquireVsCodeApi(): { postMessage(m: FromWebview): void; getState(): unknown; setState(s: unknown): void };
const vscode = acquireVsCodeApi();

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
type Select = HTMLElement & { value: string };

let source: SourceInfo | undefined;
let store = new SampleStore(1200);
let frozen = false;
/** The compared samples; `followLatest` keeps B on the newest detailed sample until the user picks one. */
const saved = (vscode.getState() ?? {}) as { a?: number; b?: number };
let pickA: number | undefined = saved.a;
let pickB: number | undefined = saved.b;
let followLatest = pickB === undefined;
let plot: uPlot | undefined;

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  switch (m.type) {
    case 'reset':
      source = m.source;
      store = new SampleStore(1200);
      for (const s of m.samples) store.keep(s);
      if (!m.samples.some((s) => s.id === pickA)) pickA = undefined;
      if (!m.samples.some((s) => s.id === pickB)) ((pickB = undefined), (followLatest = true));
      $('notice').textContent = '';
      render(true);
      break;
    case 'sample':
      addSample(m.sample);
      if (!frozen) render(false);
      break;
    case 'state':
      if (source) source.state = m.state;
      render(false);
      break;
    case 'notice':
      $('notice').textContent = m.message;
      break;
  }
});

function addSample(sample: Sample): void {
  // A sample the view already has (sent with a reset that crossed it) is not added twice.
  if ((store.latest()?.id ?? 0) < sample.id) store.keep(sample);
}
function samples(): readonly Sample[] {
  return store.all;
}

$('refresh').addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
$('export').addEventListener('click', () => vscode.postMessage({ type: 'export' }));
$('freeze').addEventListener('click', () => {
  frozen = !frozen;
  $('freeze').textContent = frozen ? 'Resume updates' : 'Pause updates';
  $('notice').textContent = frozen ? 'Updates paused: samples are still recorded.' : '';
  if (!frozen) render(true);
});
$<Select>('pick-a').addEventListener('change', () => {
  pickA = Number($<Select>('pick-a').value);
  vscode.setState({ a: pickA, b: pickB });
  renderCompare(samples());
  report();
});
$<Select>('pick-b').addEventListener('change', () => {
  pickB = Number($<Select>('pick-b').value);
  followLatest = false;
  vscode.setState({ a: pickA, b: pickB });
  renderCompare(samples());
  report();
});

function render(full: boolean): void {
  const all = samples();
  const latest = all[all.length - 1];
  $('title').textContent = source ? `QuickJS Memory: ${source.label}` : 'QuickJS Memory';
  const state = source ? source.state : 'idle';
  $('state').textContent = state;
  $('refresh').toggleAttribute('disabled', !source || source.state === 'ended');
  if (!source) $('headline').textContent = 'No run yet. Run or debug a script in the sandbox; its memory shows here.';
  else if (!latest) $('headline').textContent = source.intervalMs ? `Waiting for the first sample (every ${source.intervalMs} ms)…` : 'Sampling is off (quickjs.memorySampleIntervalMs is 0): take a detailed sample.';
  else $('headline').textContent = `${headline(latest.stats)} · ${all.length} samples`;
  renderChart(all, full);
  renderKindChart(all, full);
  const detailed = [...all].reverse().find((s) => !s.stats.partial);
  renderCategories(detailed);
  renderClasses([...all].reverse().find((s) => s.stats.classes));
  renderPickers(all, full);
  renderCompare(all);
  report();
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function renderChart(all: readonly Sample[], rebuild: boolean): void {
  const data = chartData(all);
  const cols: uPlot.AlignedData = [data.t, data.heap, data.used, data.limit.map((v) => (v > 0 ? v : null))];
  const host = $('chart');
  if (plot && !rebuild) {
    plot.setData(cols);
    showLatestInLegend(plot);
    return;
  }
  plot?.destroy();
  plot = bytesOverTime(host, 220, cols, (ticks) => (yTicks = ticks), [
    { label: 'Heap (high-water mark)', stroke: cssVar('--vscode-charts-blue', '#3794ff'), width: 2, value: (_u, v) => (v == null ? '–' : formatBytes(v)) },
    // Only detailed samples measure live objects: the legend shows the newest one measured at or before the point.
    { label: 'Live objects (estimate)', stroke: cssVar('--vscode-charts-green', '#89d185'), width: 2, spanGaps: true, points: { show: true, size: 5 }, value: (u, v, _s, idx) => {
      const known = v ?? (idx == null ? null : lastKnown(u.data[2] as (number | null | undefined)[], idx));
      return known == null ? '–' : formatBytes(known);
    } },
    { label: 'Limit', stroke: cssVar('--vscode-charts-red', '#f14c4c'), width: 1, dash: [6, 4], value: (_u, v) => (v == null ? 'none' : formatBytes(v)) },
  ]);
  showLatestInLegend(plot);
}

/** The last non-empty value of `column` at or before `idx`. */
function lastKnown(column: readonly (number | null | undefined)[], idx: number): number | null {
  for (let i = idx; i >= 0; i--) if (column[i] != null) return column[i] as number;
  return null;
}

/** A chart's legend as displayed: series label -> value text. */
function legendOf(host: HTMLElement): Record<string, string> {
  return Object.fromEntries([...host.querySelectorAll('.u-legend .u-series')].map((r) => [
    r.querySelector('.u-label')?.textContent ?? '', r.querySelector('.u-value')?.textContent ?? '']));
}

/**
 * A chart of byte series over seconds in the editor's theme: round ticks on the bytes axis (reported through
 * `onTicks`), a live legend that shows the newest sample while the pointer is away.
 */
function bytesOverTime(host: HTMLElement, height: number, cols: uPlot.AlignedData, onTicks: (labels: string[]) => void, series: uPlot.Series[]): uPlot {
  const fg = cssVar('--vscode-foreground', '#ccc');
  const grid = cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)');
  const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
  const u = new uPlot(
    {
      width: Math.max(240, host.clientWidth),
      height,
      scales: { x: { time: false } },
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      axes: [
        { ...axis, values: (_u, ticks) => ticks.map((t) => formatSeconds(t * 1000)) },
        { ...axis, size: 70, incrs: [...BYTE_TICK_STEPS], values: (_u, ticks, _axis, _space, step) => { const labels = formatByteTicks(ticks, step); onTicks(labels); return labels; } },
      ],
      hooks: { setCursor: [showLatestInLegend] },
      series: [{ label: 'time', value: (_u, v) => (v == null ? '' : formatSeconds(v * 1000)) }, ...series],
    },
    cols,
    host,
  );
  return u;
}

/** The bytes axis' labels as last drawn, for the rendering report. */
let yTicks: string[] = [];

/** With the pointer away from the chart, the legend shows the newest sample's values instead of blanks. */
function showLatestInLegend(u: uPlot): void {
  const n = u.data[0]?.length ?? 0;
  if (n > 0 && u.cursor.idx == null) u.setLegend({ idx: n - 1 });
}

let kindPlot: uPlot | undefined;
/** Colours for the kinds, from the theme's chart palette. */
const KIND_COLORS = ['blue', 'green', 'yellow', 'orange', 'red', 'purple', 'foreground'];

function renderKindChart(all: readonly Sample[], rebuild: boolean): void {
  const data = kindChartData(all);
  const cols: uPlot.AlignedData = [data.t, ...data.sizes];
  const host = $('kinds-chart');
  if (kindPlot && !rebuild) {
    kindPlot.setData(cols);
    showLatestInLegend(kindPlot);
    return;
  }
  kindPlot?.destroy();
  const fg = cssVar('--vscode-foreground', '#ccc');
  kindPlot = bytesOverTime(host, 200, cols, () => {}, KIND_SERIES.map((k, i) => ({
    label: k.label,
    stroke: KIND_COLORS[i] === 'foreground' ? fg : cssVar(`--vscode-charts-${KIND_COLORS[i]}`, '#888'),
    width: 2,
    points: { show: true, size: 4 },
    value: (_u: uPlot, v: number | null) => (v == null ? '–' : formatBytes(v)),
  })));
  showLatestInLegend(kindPlot);
}

new ResizeObserver(() => plot?.setSize({ width: Math.max(240, $('chart').clientWidth), height: 220 })).observe($('chart'));
new ResizeObserver(() => kindPlot?.setSize({ width: Math.max(240, $('kinds-chart').clientWidth), height: 200 })).observe($('kinds-chart'));
// The chart reads theme colours once: redraw it when VS Code switches theme (it changes the body's classes).
new MutationObserver(() => {
  renderChart(samples(), true);
  renderKindChart(samples(), true);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

function row(cells: string[], key?: string): HTMLElement {
  const tr = document.createElement('vscode-table-row');
  if (key) tr.dataset.key = key;
  for (const text of cells) {
    const td = document.createElement('vscode-table-cell');
    td.textContent = text;
    tr.append(td);
  }
  return tr;
}

/** Replaces a table body's rows only when the text changed, so a steady table does not relayout every sample. */
function fill(bodyId: string, rows: HTMLElement[]): void {
  const body = $(bodyId);
  const next = rows.map((r) => r.textContent).join('\n');
  if (body.dataset.text === next) return;
  body.dataset.text = next;
  body.replaceChildren(...rows);
}

function renderCategories(s: Sample | undefined): void {
  $('cat-from').textContent = s ? `(sample ${sampleLabel(s)})` : '';
  const rows = s ? categoryRows(s.stats).map((r) => row([r.label, formatCount(r.count), r.size === undefined ? '—' : formatBytes(r.size), r.note ?? ''], r.key)) : [row(['No detailed sample yet', '', '', ''])];
  fill('categories-body', rows);
}

function renderClasses(s: Sample | undefined): void {
  $('class-from').textContent = s ? `(sample ${sampleLabel(s)})` : '';
  const rows = s ? classRows(s.stats.classes).map((r) => row([r.name, formatCount(r.count)], r.name)) : [row(['Take a detailed sample to count objects by class', ''])];
  fill('classes-body', rows);
}

let pickerKey = '';
function renderPickers(all: readonly Sample[], force: boolean): void {
  // Detailed samples (with categories) and the newest one: comparing heap-only samples says little else.
  const choices = all.filter((s, i) => !s.stats.partial || i === all.length - 1);
  const detailed = choices.filter((s) => !s.stats.partial);
  if (pickA === undefined) pickA = (detailed[0] ?? choices[0])?.id;
  if (followLatest) pickB = (detailed[detailed.length - 1] ?? choices[choices.length - 1])?.id;
  const key = choices.map((s) => s.id).join(',') + `|${pickA}|${pickB}`;
  // Rebuilding the options closes an open dropdown: only do it when the choices or picks changed.
  if (key === pickerKey && !force) return;
  pickerKey = key;
  for (const [id, picked] of [['pick-a', pickA], ['pick-b', pickB]] as const) {
    const select = $<Select>(id);
    select.replaceChildren(
      ...choices.map((s) => {
        const o = document.createElement('vscode-option');
        o.setAttribute('value', String(s.id));
        o.textContent = sampleLabel(s);
        if (s.id === picked) o.setAttribute('selected', '');
        return o;
      }),
    );
    if (picked !== undefined) select.value = String(picked);
  }
}

let compareRows: Record<string, string> = {};
function renderCompare(all: readonly Sample[]): void {
  const a = all.find((s) => s.id === pickA);
  const b = all.find((s) => s.id === pickB);
  compareRows = {};
  if (!a || !b) {
    $('cmp-summary').textContent = 'Pick two samples to compare.';
    fill('compare-body', []);
    return;
  }
  const d = diffSamples(a.stats, b.stats);
  $('cmp-summary').textContent = `B is ${formatSeconds(Math.abs(d.elapsedMs))} ${d.elapsedMs >= 0 ? 'after' : 'before'} A.` + (d.partial ? ' One sample has only the heap size, so only the heap is compared.' : '');
  const rows: HTMLElement[] = [];
  const add = (key: string, label: string, av: string, bv: string, dv: string) => {
    compareRows[key] = dv;
    rows.push(row([label, av, bv, dv], key));
  };
  add('heap', d.heap.label, formatBytes(d.heap.a), formatBytes(d.heap.b), formatBytesDelta(d.heap.delta));
  if (d.used) add('used', d.used.label, formatBytes(d.used.a), formatBytes(d.used.b), formatBytesDelta(d.used.delta));
  for (const c of d.categories) {
    add(`${c.key}.count`, `${c.label}: count`, formatCount(c.count.a), formatCount(c.count.b), formatCountDelta(c.count.delta));
    if (c.size) add(`${c.key}.size`, `${c.label}: size`, formatBytes(c.size.a), formatBytes(c.size.b), formatBytesDelta(c.size.delta));
  }
  for (const c of d.classes.slice(0, 30)) add(`class.${c.key}`, `${c.label} objects`, formatCount(c.a), formatCount(c.b), formatCountDelta(c.delta));
  fill('compare-body', rows);
}

let reportTimer: ReturnType<typeof setTimeout> | undefined;
/**
 * Tells the extension what is on screen, read back from the DOM, at most every 100 ms. A throttle, not a debounce:
 * samples arrive as often as every 20 ms, and a debounce restarted by each of them never fired while a run lasted.
 */
function report(): void {
  if (reportTimer !== undefined) return;
  reportTimer = setTimeout(() => {
    reportTimer = undefined;
    const cells = (bodyId: string) =>
      [...$(bodyId).querySelectorAll('vscode-table-row')].map((r) => [...r.querySelectorAll('vscode-table-cell')].map((c) => c.textContent ?? ''));
    const categories: RenderedView['categories'] = {};
    for (const r of $(`categories-body`).querySelectorAll<HTMLElement>('vscode-table-row')) {
      const c = [...r.querySelectorAll('vscode-table-cell')].map((x) => x.textContent ?? '');
      if (r.dataset.key) categories[r.dataset.key] = [c[1] ?? '', c[2] ?? ''];
    }
    const classes = Object.fromEntries(cells('classes-body').filter((c) => c[1]).map((c) => [c[0]!, c[1]!]));
    const all = samples();
    const view: RenderedView = {
      label: source?.label ?? '',
      state: $('state').textContent ?? '',
      sampleCount: all.length,
      latestId: all[all.length - 1]?.id,
      headline: $('headline').textContent ?? '',
      categories,
      classes,
      compare: pickA !== undefined && pickB !== undefined ? { a: pickA, b: pickB, rows: compareRows } : undefined,
      chartPoints: plot?.data[0]?.length ?? 0,
      legend: legendOf($('chart')),
      yTicks,
      kindPoints: kindPlot?.data[0]?.length ?? 0,
      kindLegend: legendOf($('kinds-chart')),
    };
    vscode.postMessage({ type: 'rendered', view });
  }, 100);
}

render(true);
vscode.postMessage({ type: 'ready' });
