/**
 * The memory view: one webview panel showing the active memory source (see sources.ts). The webview's script is
 * bundled separately (dist/memory-view.js, from media/memory/main.ts); this file only wires the registry to it.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { FromWebview, RenderedView, SourceInfo, ToWebview } from './protocol';
import type { ActiveSource, MemorySourceRegistry } from './sources';
import { memorySampleIntervalMs } from '../settings';

/** The memory view's panel; at most one exists. */
export class MemoryViewPanel implements vscode.Disposable {
  private static current: MemoryViewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Set by the webview's first 'ready'. A hidden webview drops messages; shown again, it reloads and asks anew. */
  private ready = false;
  /** The last figures the webview reported rendering (read by tests through a command). */
  lastRendered: RenderedView | undefined;
  private readonly renderedWaiters: Array<(v: RenderedView) => void> = [];

  /** Shows the view, creating it on first use. */
  static show(extensionUri: vscode.Uri, registry: MemorySourceRegistry): MemoryViewPanel {
    if (MemoryViewPanel.current) {
      MemoryViewPanel.current.panel.reveal(undefined, true);
      return MemoryViewPanel.current;
    }
    const panel = vscode.window.createWebviewPanel('quickjs.memory', 'QuickJS Memory', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      // A live view: keep the chart and the picked samples while another editor covers it (a debug stop opens one).
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
    });
    MemoryViewPanel.current = new MemoryViewPanel(panel, extensionUri, registry);
    return MemoryViewPanel.current;
  }

  /** The open view, if any. */
  static get open(): MemoryViewPanel | undefined {
    return MemoryViewPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly registry: MemorySourceRegistry,
  ) {
    panel.webview.html = html(panel.webview, extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),

      panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m)),
      { dispose: registry.onDidChange((e) => {
        if (!this.ready) return;
        if (e.type === 'source') this.post({ type: 'reset', source: info(e.active), samples: [...(e.active?.samples.all ?? [])] });
        else if (e.type === 'sample') this.post({ type: 'sample', sample: e.sample });
        else this.post({ type: 'state', state: e.active.state });
      }) },
    );
  }

  private post(m: ToWebview): void {
    void this.panel.webview.postMessage(m);
  }

  private onMessage(m: FromWebview): void {
    switch (m?.type) {
      case 'ready': {
        this.ready = true;
        const active = this.registry.active;
        this.post({ type: 'reset', source: info(active), samples: [...(active?.samples.all ?? [])] });
        break;
      }
      case 'refresh':
        this.registry.refresh('request').catch((e: unknown) => this.post({ type: 'notice', message: e instanceof Error ? e.message : String(e) }));
        break;
      case 'export':
        void vscode.commands.executeCommand('quickjs.memoryView.exportCsv');
        break;
      case 'rendered':
        this.lastRendered = m.view;
        for (const w of this.renderedWaiters.splice(0)) w(m.view);
        break;
      default:
        break;
    }
  }

  /** Resolves with the next rendering the webview reports (or the last one if `timeoutMs` passes first). */
  nextRendered(timeoutMs = 2000): Promise<RenderedView | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(this.lastRendered), timeoutMs);
      this.renderedWaiters.push((v) => {
        clearTimeout(timer);
        resolve(v);
      });
    });
  }

  dispose(): void {
    if (MemoryViewPanel.current === this) MemoryViewPanel.current = undefined;
    for (const w of this.renderedWaiters.splice(0)) w(this.lastRendered as RenderedView);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

function info(active: ActiveSource | undefined): SourceInfo | undefined {
  if (!active) return undefined;
  return { label: active.source.label, kind: active.source.kind, state: active.state, intervalMs: memorySampleIntervalMs() };
}

function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'memory-view.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'memory-view.css'));
  // Nothing inline: scripts need the nonce, styles come from the bundle (web components use constructed sheets).
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>QuickJS Memory</title>
</head>
<body>
<main id="app" aria-label="QuickJS memory">
  <header class="head">
    <h1 id="title">QuickJS Memory</h1>
    <vscode-badge id="state" variant="counter">idle</vscode-badge>
  </header>
  <p id="headline" class="headline">No run yet. Run or debug a script in the sandbox; its memory shows here.</p>
  <div class="toolbar" role="toolbar" aria-label="Memory view actions">
    <vscode-button id="refresh" disabled>Take detailed sample</vscode-button>
    <vscode-button id="freeze" secondary>Pause updates</vscode-button>
    <vscode-button id="export" secondary>Export CSV</vscode-button>
  </div>
  <p id="notice" class="notice" role="status" aria-live="polite"></p>
  <section aria-labelledby="chart-title">
    <h2 id="chart-title">Heap over time</h2>
    <p class="hint">Heap: the engine's memory high-water mark, which the limit applies to. Live objects: QuickJS's estimate of what is in use, from detailed samples only.</p>
    <div id="chart" class="chart" role="img" aria-label="Chart of heap size and live objects over time"></div>
  </section>
  <section aria-labelledby="kinds-title">
    <h2 id="kinds-title">By object kind over time</h2>
    <p class="hint">Bytes held by each kind of engine object, from detailed samples (QuickJS's memory report).</p>
    <div id="kinds-chart" class="chart" role="img" aria-label="Chart of bytes by object kind over time"></div>
  </section>
  <section aria-labelledby="cat-title">
    <h2 id="cat-title">By category <span id="cat-from" class="from"></span></h2>
    <vscode-table id="categories" zebra bordered-rows columns='["34%", "18%", "18%", "30%"]'>
      <vscode-table-header slot="header">
        <vscode-table-header-cell>Category</vscode-table-header-cell>
        <vscode-table-header-cell>Count</vscode-table-header-cell>
        <vscode-table-header-cell>Size</vscode-table-header-cell>
        <vscode-table-header-cell>Notes</vscode-table-header-cell>
      </vscode-table-header>
      <vscode-table-body slot="body" id="categories-body"></vscode-table-body>
    </vscode-table>
  </section>
  <section aria-labelledby="class-title">
    <h2 id="class-title">Objects by class <span id="class-from" class="from"></span></h2>
    <vscode-table id="classes" zebra bordered-rows columns='["60%", "40%"]'>
      <vscode-table-header slot="header">
        <vscode-table-header-cell>Class</vscode-table-header-cell>
        <vscode-table-header-cell>Objects</vscode-table-header-cell>
      </vscode-table-header>
      <vscode-table-body slot="body" id="classes-body"></vscode-table-body>
    </vscode-table>
  </section>
  <section aria-labelledby="cmp-title">
    <h2 id="cmp-title">Compare two samples</h2>
    <div class="pickers">
      <div class="picker"><vscode-label for="pick-a">Sample A</vscode-label><vscode-single-select id="pick-a" aria-label="Sample A"></vscode-single-select></div>
      <div class="picker"><vscode-label for="pick-b">Sample B</vscode-label><vscode-single-select id="pick-b" aria-label="Sample B"></vscode-single-select></div>
    </div>
    <p id="cmp-summary" class="hint"></p>
    <vscode-table id="compare" zebra bordered-rows columns='["34%", "22%", "22%", "22%"]'>
      <vscode-table-header slot="header">
        <vscode-table-header-cell>Figure</vscode-table-header-cell>
        <vscode-table-header-cell>A</vscode-table-header-cell>
        <vscode-table-header-cell>B</vscode-table-header-cell>
        <vscode-table-header-cell>B − A</vscode-table-header-cell>
      </vscode-table-header>
      <vscode-table-body slot="body" id="compare-body"></vscode-table-body>
    </vscode-table>
  </section>
</main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
