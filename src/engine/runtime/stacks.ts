/**
 * Stack traces: parsing QuickJS's frames and mapping them to original sources through the source maps
 * that TypeScript transpiling, package bundling and debug instrumentation produce.
 */
import { GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND, TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import type { StackFrame } from '../api';

/** Files that belong to the sandbox itself; their frames are hidden from users. */
export const KERNEL_FILE_PREFIX = '<quickjs-sandbox:';

/** Source maps by the filename QuickJS sees. Several layers (TS then instrumentation) chain. */
/** A layer that maps 1-based positions within the same file exactly, without a source map's segments. */
export interface PositionMapper {
  mapPosition(line: number, column: number): { line: number; column: number };
}

function isPositionMapper(m: unknown): m is PositionMapper {
  return typeof m === 'object' && m !== null && typeof (m as PositionMapper).mapPosition === 'function';
}

export class SourceMaps {
  private readonly maps = new Map<string, Array<TraceMap | PositionMapper>>();

  /**
   * Forgets `filename`'s layers: its code is being prepared again (a later run of the same sandbox), and maps of
   * the code it replaces would send positions through the wrong text.
   */
  reset(filename: string): void {
    this.maps.delete(filename);
  }

  /** Adds a map from the code QuickJS will run for `filename` back to the previous layer. */
  add(filename: string, map: string | object | PositionMapper, _original?: string): void {
    const list = this.maps.get(filename) ?? [];
    // The newest layer is applied first when mapping a position back.
    list.unshift(isPositionMapper(map) ? map : new TraceMap(map as string));
    this.maps.set(filename, list);
  }

  /** Maps a 1-based line and column to the original file, line and column. */
  map(file: string, line: number, column: number): { file: string; line: number; column: number } {
    const layers = this.maps.get(file);
    if (!layers) return { file, line, column };
    let pos = { line, column: Math.max(0, column - 1) };
    let source: string | null = file;
    for (const layer of layers) {
      if (isPositionMapper(layer)) {
        // A same-file layer (the debugger's instrumentation): exact at every column; 0-based columns here.
        const p = layer.mapPosition(pos.line, pos.column + 1);
        pos = { line: p.line, column: p.column - 1 };
        continue;
      }
      const o = originalPositionFor(layer, { line: pos.line, column: pos.column, bias: GREATEST_LOWER_BOUND });
      if (o.line == null) {
        const o2 = originalPositionFor(layer, { line: pos.line, column: pos.column, bias: LEAST_UPPER_BOUND });
        if (o2.line == null) return { file, line, column };
        pos = { line: o2.line, column: o2.column };
        source = o2.source;
      } else {
        pos = { line: o.line, column: o.column };
        source = o.source;
      }
    }
    return { file: normalizeSource(source, file), line: pos.line, column: pos.column + 1 };
  }

  /** Parses a QuickJS stack text into mapped frames, dropping the sandbox's own frames. */
  frames(stack: string): StackFrame[] {
    const out: StackFrame[] = [];
    for (const raw of stack.split('\n')) {
      const f = this.mappedFrame(raw);
      if (f) out.push(f);
    }
    return out;
  }

  /**
   * A stack text as the user reads it, for stacks the kernel renders while the program runs (`console.error(e)`,
   * `console.trace`, the debugger's previews): every frame line mapped to its original source and written as
   * uncaught errors print theirs, the sandbox's own frames dropped, every other line (a header, text a program
   * assigned to `stack`) kept as it is, so the uncaught and the caught paths share this one mapping. With `only`, the
   * frames in files it refuses are kept as they are too (mapped when the text is rendered again).
   */
  mapStackText(stack: string, only?: (file: string) => boolean): string {
    const out: string[] = [];
    for (const raw of stack.split('\n')) {
      const frame = parseFrame(raw);
      if (!frame || (only && !only(frame.file) && !frame.file.startsWith(KERNEL_FILE_PREFIX))) {
        out.push(raw);
        continue;
      }
      const f = this.mappedFrame(raw);
      if (f) out.push(formatFrames([f]));
    }
    return out.join('\n');
  }

  /** One frame line parsed and mapped; undefined for a line that is no frame or a frame of the sandbox itself. */
  private mappedFrame(raw: string): StackFrame | undefined {
    const f = parseFrame(raw);
    if (!f || f.file.startsWith(KERNEL_FILE_PREFIX)) return undefined;
    if (f.line <= 0) return f;
    const m = this.map(f.file, f.line, f.column);
    return { functionName: f.functionName, file: m.file, line: m.line, column: m.column };
  }
}

/**
 * The name shown for a frame without a function name (a file's top level, an anonymous function), in printed stacks
 * and in the debugger's call stack alike, as VS Code's JavaScript debugger names them.
 */
export const UNNAMED_FRAME = '<anonymous>';

/** Renders frames as Node prints them, nameless frames under UNNAMED_FRAME. */
export function formatFrames(frames: StackFrame[]): string {
  return frames
    .map((f) => {
      const where = f.line > 0 ? `${f.file}:${f.line}:${f.column}` : f.file;
      return `    at ${f.functionName || UNNAMED_FRAME} (${where})`;
    })
    .join('\n');
}

function parseFrame(line: string): StackFrame | undefined {
  let m = /^\s*at (.*?) \((.*?)(?::(\d+))?(?::(\d+))?\)\s*$/.exec(line);
  if (m) {
    const name = m[1] === '<eval>' || m[1] === '<anonymous>' ? '' : m[1]!;
    return { functionName: name, file: m[2]!, line: m[3] ? +m[3] : 0, column: m[4] ? +m[4] : 1 };
  }
  m = /^\s*at (.*?):(\d+)(?::(\d+))?\s*$/.exec(line);
  if (m) return { functionName: '', file: m[1]!, line: +m[2]!, column: m[3] ? +m[3] : 1 };
  return undefined;
}

function normalizeSource(source: string | null, fallback: string): string {
  if (!source) return fallback;
  if (source.startsWith('file://')) return decodeURIComponent(new URL(source).pathname);
  return source;
}
