/**
 * Instrumented package bundles kept in the disk cache of package bundles (bundleCache.ts), so that the second debug
 * session of a script importing lodash does not instrument lodash again: about 250 ms for its 245 KB bundle, and
 * another 50 ms to map every statement through the bundle's source map to its package file.
 *
 * An entry holds the instrumenter's whole result and the statement positions in the package files. Its key is
 * everything those depend on: the code's hash, the module name, the file id and the options the instrumenter is
 * given, the package files the bundle's map names, and the instrumenter itself (the build of the engine running it);
 * the cache stamps the package files, so an edited or reinstalled package makes the entry stale. A stale or corrupt
 * entry is rebuilt, never trusted (BundleCache checks each entry's checksum and stamps).
 */
import * as fs from 'node:fs';
import type { BundleCache } from '../runtime/bundleCache';
import { sha256Hex } from '../hash';
import { statementsByLine, type StatementPos, type StatementTable } from './fileParse';
import { instrument, type InstrumentOptions, type InstrumentResult } from './instrument';
import { ColumnMapper } from './splice';

/** Bump when what an entry holds changes shape. */
const FORMAT = 1;

/** An entry's value: the result with its column mapper as plain data, and the positions as flat numbers. */
interface Stored {
  result: Omit<InstrumentResult, 'mapper'> & { mapper: ColumnMapper['lines'] };
  /** The package files positions name; -1: the bundle itself (its own glue). */
  files: string[];
  /** [file index, line, column, endLine] per statement. */
  pos: number[];
}

let identity: string | undefined;

/**
 * The build of the instrumenter: the size and modification time of the bundle this code runs from (the engine
 * worker's), as the V8 code cache keys its file. A new build of the extension makes every entry a miss.
 */
export function instrumenterIdentity(): string {
  if (identity === undefined) {
    try {
      const s = fs.statSync(__filename);
      identity = `${__filename}|${s.size}|${s.mtimeMs}`;
    } catch {
      // No file to identify the build by: nothing cached can be proved to be this build's.
      identity = `uncached ${process.pid} ${Math.random()}`;
    }
  }
  return identity;
}

/**
 * Instruments a package bundle and tables its statements (`table`, through the bundle's map), or takes both from
 * `cache` when an entry made by this instrumenter from exactly this input is sound. `sources`: the package files the
 * bundle's map names, whose stamps decide whether an entry is stale. Throws InstrumentSyntaxError as `instrument`.
 */
export function cachedInstrument(
  cache: BundleCache,
  code: string,
  options: InstrumentOptions,
  sources: readonly string[],
  table: (result: InstrumentResult) => StatementTable,
  build = instrumenterIdentity(),
): { result: InstrumentResult; table: StatementTable } {
  const { filename, fileId, sourceType, evalCode = false, catchAll = false } = options;
  const codeHash = sha256Hex(code);
  const key = cacheKey(build, codeHash, { filename, fileId, sourceType, evalCode, catchAll }, sources);
  const hit = cache.get<Stored>(key);
  const restored = hit && restore(hit);
  if (restored) return restored;
  const result = instrument(code, options);
  const made = table(result);
  cache.put<Stored>(key, { value: store(result, made), files: [...sources] });
  return { result, table: made };
}

/** The key of an instrumentation: every input it depends on, files aside (those are stamped). */
export function cacheKey(build: string, codeHash: string, options: Required<InstrumentOptions>, sources: readonly string[]): string {
  // Spelled out (not the options object): an option added later must be added here too, or it would not key.
  const { filename, fileId, sourceType, evalCode, catchAll } = options;
  return sha256Hex(JSON.stringify(['instrument', FORMAT, build, codeHash, filename, fileId, sourceType, evalCode, catchAll, sources])).slice(0, 40);
}

function store(result: InstrumentResult, table: StatementTable): Stored {
  const files: string[] = [];
  const index = new Map<string, number>();
  const pos: number[] = [];
  for (const p of table.pos) {
    let f = -1;
    if (p.file !== undefined) {
      f = index.get(p.file) ?? -1;
      if (f < 0) index.set(p.file, (f = files.push(p.file) - 1));
    }
    pos.push(f, p.line, p.column, p.endLine);
  }
  return { result: { ...result, mapper: result.mapper.lines }, files, pos };
}

/** The entry's result and table, or undefined when its shape is not what this build stores (then it is rebuilt). */
function restore(stored: Stored): { result: InstrumentResult; table: StatementTable } | undefined {
  const { result, files, pos } = stored;
  if (!result || !Array.isArray(result.statements) || !Array.isArray(result.mapper) || !Array.isArray(pos) || pos.length !== result.statements.length * 4) return undefined;
  const positions: StatementPos[] = [];
  for (let i = 0; i < pos.length; i += 4) {
    const p: StatementPos = { line: pos[i + 1]!, column: pos[i + 2]!, endLine: pos[i + 3]! };
    if (pos[i]! >= 0) p.file = files[pos[i]!];
    positions.push(p);
  }
  const full: InstrumentResult = { ...result, mapper: new ColumnMapper(result.mapper) };
  return { result: full, table: { pos: positions, byLine: statementsByLine(full, positions) } };
}
