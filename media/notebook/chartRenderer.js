// Notebook renderer for `display.chart(data, spec)` (mime application/vnd.quickjs.chart+json): draws the columns the
// extension checked (src/extension/notebook/chart.ts) with uPlot, the chart library of the memory view, in the
// editor's theme colors. Bundled by esbuild into dist/notebook-chart.js (an ES module, as VS Code loads renderers).
import uPlot from 'uplot';
import uPlotCss from 'uplot/dist/uPlot.min.css';

const STYLE = `
.qjs-chart { font-family: var(--vscode-font-family, sans-serif); color: var(--vscode-foreground); }
.qjs-chart .u-title { font-size: 1.1em; font-weight: 600; }
.qjs-chart .u-legend { color: var(--vscode-foreground); }
`;

/** Series colors from the editor's chart palette, so charts follow light, dark and high-contrast themes. */
const PALETTE = ['blue', 'orange', 'green', 'red', 'purple', 'yellow'];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#f14c4c', '#b180d7', '#cca700'];

function themeColor(name, fallback) {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

function injectStyle() {
  if (document.getElementById('qjs-chart-style')) return;
  const style = document.createElement('style');
  style.id = 'qjs-chart-style';
  style.textContent = uPlotCss + STYLE;
  document.head.append(style);
}

/** Called by VS Code once per webview. */
export function activate() {
  const charts = new Map();
  return {
    renderOutputItem(item, element) {
      injectStyle();
      charts.get(item.id)?.destroy();
      const chart = item.json();
      const root = document.createElement('div');
      root.className = 'qjs-chart';
      element.replaceChildren(root);
      const fg = themeColor('--vscode-foreground', '#888');
      const grid = themeColor('--vscode-editorWidget-border', '#8884');
      const colors = chart.series.map((_, i) => themeColor(`--vscode-charts-${PALETTE[i % PALETTE.length]}`, FALLBACK[i % FALLBACK.length]));
      const categories = chart.x.categories;
      const axis = (label) => ({ label, stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } });
      const xAxis = axis(chart.x.label);
      if (categories) {
        xAxis.values = (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? categories[t] ?? '' : ''));
        xAxis.incrs = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
      }
      const n = chart.series.length;
      const opts = {
        title: chart.title,
        width: chart.width ?? Math.max(300, Math.min(900, element.clientWidth || 700)),
        height: chart.height ?? 320,
        scales: {
          x: chart.x.time ? { time: true } : chart.kind === 'bar' || categories ? { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] } : { time: false },
        },
        axes: [xAxis, axis(chart.yLabel)],
        series: [
          { label: chart.x.label, value: categories ? (_u, v) => (v == null ? '' : categories[v] ?? '') : undefined },
          ...chart.series.map((s, i) => {
            const color = colors[i];
            if (chart.kind === 'bar') {
              // Several series share each slot: thinner bars, so the one in front does not hide the others.
              return { label: s.label, stroke: color, fill: color, width: 1, paths: uPlot.paths.bars({ size: [0.8 / n, Infinity] }), points: { show: false } };
            }
            if (chart.kind === 'scatter') return { label: s.label, stroke: color, width: 0, paths: () => null, points: { show: true, size: 6, fill: color, stroke: color } };
            return { label: s.label, stroke: color, width: 2, points: { show: chart.x.values.length <= 60 } };
          }),
        ],
        legend: { show: true, live: true },
      };
      try {
        charts.set(item.id, new uPlot(opts, [chart.x.values, ...chart.series.map((s) => s.values)], root));
      } catch (e) {
        root.textContent = `the chart could not be drawn: ${e instanceof Error ? e.message : String(e)}`;
      }
    },
    disposeOutputItem(id) {
      if (id === undefined) {
        for (const c of charts.values()) c.destroy();
        charts.clear();
        return;
      }
      charts.get(id)?.destroy();
      charts.delete(id);
    },
  };
}
