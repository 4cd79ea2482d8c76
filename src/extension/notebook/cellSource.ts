/**
 * Turns a notebook cell (JavaScript or TypeScript) into the run request for the notebook's sandbox, and maps the
 * positions in the engine's stacks back to the cell. TypeScript is transpiled here rather than by the engine
 * because the REPL transform needs JavaScript; laid out on the cell's lines, its map leads columns back to the TS text.
 * Editor-neutral: no `vscode` import.
 */
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import type { ErrorInfo, RunRequest, StackFrame } from '../../engine/api';
import { mapCellPosition, transformCell, type TransformedCell } from '../../engine/replTransform';
import { TYPESCRIPT_TRANSFORM, keepOriginalLines } from '../../engine/runtime/lineLayout';

/** The languages a cell may be written in. */
export type CellLanguage = 'javascript' | 'typescript';

/** A cell ready to run, with the means to describe positions in it. */
export interface PreparedCell {
  request: RunRequest;
  /** The file name the engine sees (`cell-3.js`); stack frames naming it belong to this cell. */
  filename: string;
  /** How people see the cell in messages and stacks (`Cell 3`). */
  label: string;
  transformed: TransformedCell;
  /** Set when TypeScript could not be transpiled: the cell cannot run, and this says why and where. */
  compileError?: ErrorInfo;
  /** Maps a 1-based position in the code the engine ran to the cell's own text. */
  mapPosition(line: number, column: number): { line: number; column: number };
}

let esbuildModule: typeof import('esbuild') | undefined;
function esbuild(): typeof import('esbuild') {
  // JavaScript-only notebooks never pay for loading esbuild.
  esbuildModule ??= require('esbuild') as typeof import('esbuild');
  return esbuildModule;
}

interface EsbuildFailure {
  errors?: { text: string; location?: { line: number; column: number } | null }[];
}

/**
 * Prepares cell number `index` (0-based) of a notebook. Asynchronous because TypeScript cells go through esbuild's
 * service: its synchronous API would block the extension host (~130 ms for the first cell while esbuild starts).
 */
export async function prepareCell(source: string, language: CellLanguage, index: number): Promise<PreparedCell> {
  const filename = `cell-${index + 1}.js`;
  const label = `Cell ${index + 1}`;
  let js = source;
  let tsMap: TraceMap | undefined;
  if (language === 'typescript') {
    try {
      // On the cell's own lines (as the engine lays out TypeScript files), so `e.stack` read in a cell names them.
      const out = keepOriginalLines(await esbuild().transform(source, { ...TYPESCRIPT_TRANSFORM, loader: 'ts', sourcefile: label }), 'script');
      js = out.code;
      tsMap = new TraceMap(out.map);
    } catch (e) {
      const first = (e as EsbuildFailure).errors?.[0];
      const where = first?.location ? { line: first.location.line, column: first.location.column + 1 } : { line: 1, column: 1 };
      const message = first?.text ?? (e instanceof Error ? e.message : String(e));
      const compileError: ErrorInfo = {
        name: 'SyntaxError',
        message,
        stack: `SyntaxError: ${message}\n    at ${label}:${where.line}:${where.column}`,
        frames: [{ functionName: '', file: label, line: where.line, column: where.column }],
      };
      const transformed: TransformedCell = { code: '', declared: [], async: false, line1Shift: 0, segments: [] };
      return { request: { kind: 'source', source: '', filename, type: 'script' }, filename, label, transformed, compileError, mapPosition: (l, c) => ({ line: l, column: c }) };
    }
  }
  const transformed = transformCell(js);
  const mapPosition = (line: number, column: number) => {
    const p = mapCellPosition(transformed, js, line, column);
    if (!tsMap) return p;
    const o = originalPositionFor(tsMap, { line: p.line, column: p.column - 1 });
    return o.line == null ? p : { line: o.line, column: (o.column ?? 0) + 1 };
  };
  return {
    request: { kind: 'source', source: transformed.code, filename, type: 'script', language: 'js' },
    filename,
    label,
    transformed,
    mapPosition,
  };
}

const FRAME_RE = /\b(cell-(\d+)\.js):(\d+):(\d+)/g;

/**
 * Rewrites an engine error so its stack names cells (`Cell 3:5:10`) at positions in their own text.
 * `cells` maps a filename (`cell-3.js`) to the prepared cell that ran under it, including earlier cells whose
 * functions a later cell called.
 */
export function mapCellError(error: ErrorInfo, cells: ReadonlyMap<string, PreparedCell>): ErrorInfo {
  const mapFrame = (f: StackFrame): StackFrame => {
    const cell = cells.get(f.file);
    if (!cell) return f;
    const p = cell.mapPosition(f.line, f.column);
    return { ...f, file: cell.label, line: p.line, column: p.column };
  };
  const rewrite = (text: string) =>
    text.replace(FRAME_RE, (whole, file: string, _n: string, line: string, column: string) => {
      const cell = cells.get(file);
      if (!cell) return whole;
      const p = cell.mapPosition(Number(line), Number(column));
      return `${cell.label}:${p.line}:${p.column}`;
    });
  return { ...error, stack: rewrite(error.stack), message: rewrite(error.message), frames: error.frames.map(mapFrame) };
}
