/**
 * Messages between the extension and the memory view's webview. Plain data only (they are JSON-serialised).
 */
import type { Sample } from './model';
import type { MemorySource, SourceState } from './sources';

/** What the view shows about the source, besides its samples. */
export interface SourceInfo {
  label: string;
  kind: MemorySource['kind'];
  state: SourceState;
  /** The sampling interval in force, for the view to say how fresh the chart is (0: sampling is off). */
  intervalMs: number;
}

/** Extension -> webview. */
export type ToWebview =
  | { type: 'reset'; source: SourceInfo | undefined; samples: Sample[] }
  | { type: 'sample'; sample: Sample }
  | { type: 'state'; state: SourceState }
  | { type: 'notice'; message: string };

/** What the webview reports having rendered; read from its DOM, so tests see what a person sees. */
export interface RenderedView {
  label: string;
  state: string;
  sampleCount: number;
  latestId: number | undefined;
  headline: string;
  /** Category key -> [count text, size text] as displayed. */
  categories: Record<string, [string, string]>;
  /** Class rows shown (name -> count text). */
  classes: Record<string, string>;
  compare?: { a: number; b: number; rows: Record<string, string> };
  /** Points the chart holds. */
  chartPoints: number;
  /** The chart legend as displayed: series label -> value text (the latest sample's unless the pointer is over it). */
  legend: Record<string, string>;
  /** The bytes axis' tick labels as last drawn. */
  yTicks: string[];
  /** Points of the "by object kind" chart (detailed samples), and its legend as displayed. */
  kindPoints: number;
  kindLegend: Record<string, string>;
}

/** Webview -> extension. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'export' }
  | { type: 'rendered'; view: RenderedView };
