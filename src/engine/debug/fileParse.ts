/**
 * Parsing a file on disk before any run loads it, so breakpoints set in it are verified (or told why not) at once.
 * The file goes through the steps a run takes (TypeScript through the module host's transpiler, then the
 * instrumenter), so a breakpoint lands on the statement the run will bind it to. This runs in the engine worker:
 * the adapter's thread (the extension host, when inline) never pays for the parse.
 */
import * as fs from 'node:fs';
import { transpileTypeScript } from '../runtime/modules';
import { SourceMaps } from '../runtime/stacks';
import type { SourceProblem } from './api';
import { instrument, InstrumentSyntaxError, type InstrumentResult } from './instrument';

/** Where a statement starts and ends in the file the user wrote (1-based). */
export interface StatementPos {
  /** The original file, when a map layer says it (a bundle's statements come from many package files). */
  file?: string;
  line: number;
  column: number;
  endLine: number;
}

/** Statement positions of a file, as breakpoints are placed against them. */
export interface StatementTable {
  pos: StatementPos[];
  /** Statement ids by their original start line. */
  byLine: Map<number, number[]>;
}

export type { SourceProblem };

/** What parsing a file ahead of its run found: its statements, or the syntax error that stops it from running. */
export type ParsedFile = { table: StatementTable; problem?: undefined } | { table?: undefined; problem: SourceProblem };

/** TypeScript sources: they reach the instrumenter through the module host's transpiler and its source map. */
export const TS_FILE = /\.[cm]?tsx?$/;

/** The statements' positions in the original source, through a map function for generated code (TypeScript's). */
export function statementTable(result: InstrumentResult, map?: (line: number, column: number) => { file?: string; line: number; column: number }): StatementTable {
  const pos = result.statements.map((st): StatementPos => {
    if (!map) return { line: st.line, column: st.column, endLine: st.endLine };
    const a = map(st.line, st.column);
    const b = map(st.endLine, Math.max(1, st.endColumn - 1));
    // A statement whose end maps into another file (the bundle's next module) ends where it starts.
    const endLine = b.file === a.file ? Math.max(a.line, b.line) : a.line;
    return { file: a.file, line: a.line, column: a.column, endLine };
  });
  return { pos, byLine: statementsByLine(result, pos) };
}

/** Statement ids by their original start line, from their positions (a cached table keeps only those). */
export function statementsByLine(result: InstrumentResult, pos: StatementPos[]): StatementTable['byLine'] {
  const byLine = new Map<number, number[]>();
  pos.forEach((p, i) => {
    // An exception wrapper's catch is no place to break.
    if (result.statements[i].catchSite) return;
    const list = byLine.get(p.line);
    if (list) list.push(i);
    else byLine.set(p.line, [i]);
  });
  return byLine;
}

/** Parses files on disk ahead of their run, keeping each parse until the file changes. */
export class FileParser {
  private readonly cache = new Map<string, { stamp: string; parsed: ParsedFile }>();

  /** The file's statements or syntax error; undefined when there is no such file on disk (a URI, an unsaved buffer). */
  parse(file: string): ParsedFile | undefined {
    let stamp: string;
    try {
      const st = fs.statSync(file);
      if (!st.isFile()) return undefined;
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      return undefined;
    }
    const hit = this.cache.get(file);
    if (hit?.stamp === stamp) return hit.parsed;
    let source: string;
    try {
      source = fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    const parsed = parseSource(source, file);
    this.cache.set(file, { stamp, parsed });
    return parsed;
  }
}

/** Parses one file's text as the run would prepare it. */
function parseSource(source: string, file: string): ParsedFile {
  let code = source;
  let map: ((line: number, column: number) => { line: number; column: number }) | undefined;
  if (TS_FILE.test(file)) {
    // TypeScript files always load as modules (see ModuleHost.prepareFile and load).
    try {
      const out = transpileTypeScript(source, file, 'module');
      code = out.code;
      const maps = new SourceMaps();
      maps.add(file, out.map);
      map = (line, column) => maps.map(file, line, column);
    } catch (e) {
      const first = (e as { errors?: Array<{ text: string; location?: { line: number; column: number } | null }> }).errors?.[0];
      if (!first) throw e;
      return { problem: { message: first.text, line: first.location?.line ?? 1, column: (first.location?.column ?? 0) + 1 } };
    }
  }
  // A file's kind depends on how it is loaded (entry or import); statements are the same either way, so the kind
  // whose parse succeeds is used. When neither does, the parse that got further names the real mistake.
  const kinds: Array<'script' | 'module'> = /\.(mjs|mts|tsx?|cts)$/.test(file) ? ['module', 'script'] : ['script', 'module'];
  let problem: SourceProblem | undefined;
  for (const sourceType of kinds) {
    try {
      const result = instrument(code, { filename: file, fileId: -1, sourceType });
      return { table: statementTable(result, map) };
    } catch (e) {
      if (!(e instanceof InstrumentSyntaxError)) throw e;
      const at = map ? map(e.line, e.column) : { line: e.line, column: e.column };
      const found = { message: e.message.replace(/ \(\d+:\d+\)$/, ''), line: at.line, column: at.column };
      if (!problem || found.line > problem.line || (found.line === problem.line && found.column > problem.column)) problem = found;
    }
  }
  return { problem: problem! };
}
