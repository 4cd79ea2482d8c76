/**
 * What a cell's results look like, decided without VS Code: the mime of the object tree, record tables for arrays of
 * records (the renderer pages and sorts them; a static HTML copy of the first rows serves other viewers), the bytes
 * of `display(data, mime)` items, and what of a tree output a saved file keeps.
 */
import type { RecordTable as EngineRecordTable, RemoteProperty, RemoteValue } from '../../engine/api';

/** The mime of an expandable object tree, drawn by media/notebook/renderer.js. */
export const VALUE_MIME = 'application/vnd.quickjs.value+json';

/** The renderer's id in package.json (`contributes.notebookRenderer`); messaging is addressed to it. */
export const RENDERER_ID = 'quickjs-sandbox-value-renderer';

/** What the tree renderer gets: the value, its text, and which sandbox generation its ids belong to. */
export interface ValuePayload {
  /** The notebook's URI: the renderer's requests name it so the extension finds the sandbox. */
  notebook: string;
  /** Bumped on every new sandbox of the notebook: ids of an older one mean nothing any more. */
  generation: number;
  value: RemoteValue;
  text: string;
  /** For arrays of records: every row read (up to `TABLE_DATA_MAX_ROWS`), which the renderer pages and sorts. */
  table?: TableData;
  /** Outputs saved before `table` existed (in .ipynb files) carry the table as escaped HTML instead. */
  tableHtml?: string;
  /** Set in saved files: the sandbox is gone, so the tree shows text and nothing expands. */
  detached?: boolean;
}

/** A record table as the renderer gets it: previews by row and column, and the array's full length. */
export type TableData = EngineRecordTable;

/**
 * Rows of a record table sent to the renderer. 10,000 rows of a few columns are ~0.5 MB of JSON, which the
 * renderer parses and pages in a few milliseconds; beyond that the pager says how many elements were left out.
 */
export const TABLE_DATA_MAX_ROWS = 10_000;

type RecordsFn = (id: number, maxRows: number, maxColumns: number) => Promise<EngineRecordTable | undefined>;

/** Reads an array of plain objects as table data in one engine request, or undefined when the value is not one. */
export async function readTableData(value: RemoteValue, records: RecordsFn): Promise<TableData | undefined> {
  if (value.type !== 'array' || !value.id || !value.indexedCount) return undefined;
  return records(value.id, TABLE_DATA_MAX_ROWS, TABLE_MAX_COLUMNS);
}

/** The static HTML copy of a table's first rows, for viewers without the renderer. */
export function tableDataHtml(t: TableData): string {
  const rows = t.rows.slice(0, TABLE_MAX_ROWS);
  return recordTableHtml({ columns: t.columns, rows, more: t.total - rows.length });
}

/**
 * A tree output as a saved file keeps it: its ids point into a sandbox that will not exist when the file is opened
 * again, so the value becomes text; the table stays whole, so it still pages and sorts.
 */
export function detachValuePayload(bytes: Uint8Array): Uint8Array | undefined {
  let payload: ValuePayload;
  try {
    payload = JSON.parse(new TextDecoder().decode(bytes)) as ValuePayload;
  } catch {
    return undefined;
  }
  if (!payload || typeof payload !== 'object' || !payload.value) return undefined;
  const detached: ValuePayload = { ...payload, notebook: '', generation: 0, value: { ...payload.value, id: 0 }, detached: true };
  return new TextEncoder().encode(JSON.stringify(detached));
}

/** A renderer's request for the children of a value. */
export interface ChildrenRequest {
  type: 'children';
  requestId: number;
  notebook: string;
  generation: number;
  id: number;
  /** Indexed children are paged; named ones come in one piece. */
  start?: number;
  count?: number;
}

/** The extension's answer to a `ChildrenRequest`. */
export interface ChildrenReply {
  type: 'children';
  requestId: number;
  properties?: RemoteProperty[];
  error?: string;
}

/** Mimes whose `display()` data arrives as base64 and must reach VS Code as bytes. */
const BINARY_MIME = /^(image\/(png|jpeg|gif|webp|bmp)|application\/octet-stream)$/;

/** The bytes of one `display(data, mime)` item. */
export function displayBytes(mime: string, data: string): Uint8Array {
  if (BINARY_MIME.test(mime)) return Uint8Array.from(Buffer.from(data.replace(/^data:[^,]*;base64,/, ''), 'base64'));
  return new TextEncoder().encode(data);
}

/** True when a saved output item of this mime must be stored as base64. */
export function isBinaryMime(mime: string): boolean {
  return BINARY_MIME.test(mime);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Rows and columns of an array of records, as previews. */
export interface RecordTable {
  columns: string[];
  rows: string[][];
  /** Elements of the array beyond the rows shown. */
  more: number;
}

/** Rows of the static HTML copy of a table (and of `readRecordTable`), and columns of any table. */
export const TABLE_MAX_ROWS = 100;
export const TABLE_MAX_COLUMNS = 20;

type ChildrenFn = (id: number, filter?: 'indexed' | 'named', start?: number, count?: number) => Promise<RemoteProperty[]>;

/**
 * Reads an array of plain objects as a table through `children`, one request per row, or returns undefined when the
 * value is not one. Every remote id the paging created is pushed to `acquired`, so the caller can release them once
 * the table is built. The notebook now uses `readTableData` (one request for 10,000 rows); this stays for callers
 * that only have `children`.
 */
export async function readRecordTable(value: RemoteValue, children: ChildrenFn, acquired: number[]): Promise<RecordTable | undefined> {
  if (value.type !== 'array' || !value.id || !value.indexedCount) return undefined;
  const shown = Math.min(value.indexedCount, TABLE_MAX_ROWS);
  const elements = await children(value.id, 'indexed', 0, shown);
  for (const e of elements) if (e.value.id) acquired.push(e.value.id);
  if (elements.length === 0 || !elements.every((e) => e.value.type === 'object' && e.value.id > 0 && (e.value.className === 'Object' || !e.value.className))) {
    return undefined;
  }
  const columns: string[] = [];
  const records: Map<string, string>[] = [];
  for (const e of elements) {
    const props = await children(e.value.id, 'named');
    const row = new Map<string, string>();
    for (const p of props) {
      if (p.value.id) acquired.push(p.value.id);
      // Internal slots and the prototype are how the tree shows an object, not fields of the record.
      if (p.name.startsWith('[[') || p.getter) continue;
      if (!columns.includes(p.name)) {
        if (columns.length >= TABLE_MAX_COLUMNS) continue;
        columns.push(p.name);
      }
      row.set(p.name, p.value.preview);
    }
    records.push(row);
  }
  if (columns.length === 0) return undefined;
  return { columns, rows: records.map((r) => columns.map((c) => r.get(c) ?? '')), more: value.indexedCount - shown };
}

/** The table as HTML that follows the editor's theme. */
export function recordTableHtml(t: RecordTable): string {
  const head = `<tr><th>(index)</th>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const body = t.rows.map((r, i) => `<tr><td>${i}</td>${r.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`).join('');
  const more = t.more > 0 ? `<caption style="caption-side:bottom;text-align:left">… ${t.more} more rows</caption>` : '';
  return `<table class="quickjs-records" style="border-collapse:collapse">${more}<thead>${head}</thead><tbody>${body}</tbody></table>`;
}
