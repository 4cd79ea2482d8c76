/**
 * Puts transpiled code back on its source's lines. esbuild drops type-only lines and spreads one-line statements over
 * several, so the positions QuickJS writes into `e.stack` name esbuild's lines, and Bellard's QuickJS has no
 * `Error.prepareStackTrace` through which a stack could be rewritten while it is made. Instead the output is laid out
 * again, changing only the whitespace between tokens: each token the source map names moves down to its original line
 * (and right to its original column) where the output had it earlier, and line breaks that would push later code past
 * its place are joined. Code esbuild moved above its place (hoisted helpers) stays where it is; the regenerated map
 * covers it, as it covers every other position.
 */
import { GenMapping, addSegment, setSourceContent, toEncodedMap } from '@jridgewell/gen-mapping';
import { TraceMap, decodedMappings } from '@jridgewell/trace-mapping';
import type { Token } from 'acorn';

/**
 * esbuild's transform settings for TypeScript, the same for files the engine runs and notebook cells. The re-layout
 * relies on them: unminified output ends every statement with a semicolon, so joining its lines never meets ASI; and
 * text stays as written (`charset: 'utf8'`), where `\u{1F600}` escapes would push the rest of a line right.
 */
export const TYPESCRIPT_TRANSFORM = {
  sourcemap: 'external',
  charset: 'utf8',
  target: 'es2023',
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, verbatimModuleSyntax: false } },
} as const;

/** Transpiled code with its source map (JSON text), as esbuild's transform returns them. */
export interface Transpiled {
  code: string;
  map: string;
}

/** A token or comment of the transpiled code; between two units there is only whitespace. */
interface Unit {
  start: number;
  end: number;
  /** The token; undefined for a comment. */
  token?: Token;
  lineComment?: boolean;
}

/**
 * Words after which a line break would end the statement or change the grammar ([no LineTerminator here] in the
 * standard, or a contextual keyword that only keeps its meaning on the same line as what follows).
 */
const NO_BREAK_AFTER = new Set(['return', 'throw', 'break', 'continue', 'yield', 'async', 'await', 'let', 'using', 'get', 'set', 'static', 'accessor']);

/** Whether a line break may stand between `prev` and `next` without changing what the code means. */
function mayBreak(prev: Token | undefined, next: Token | undefined): boolean {
  if (!prev || !next) return true;
  const word = prev.type.keyword ?? (prev.type.label === 'name' ? String((prev as { value?: unknown }).value) : undefined);
  if (word !== undefined && NO_BREAK_AFTER.has(word)) return false;
  // A postfix `++`/`--` and an arrow's `=>` must stay on the line of their operand or parameters.
  return next.type.label !== '++/--' && next.type.label !== '=>';
}

/** Whether the space between two tokens is template text, where whitespace is part of the string. */
function insideTemplate(prev: Token | undefined, next: Token | undefined): boolean {
  const isTemplate = (t: Token | undefined) => t !== undefined && (t.type.label === 'template' || t.type.label === 'invalidTemplate');
  return isTemplate(prev) || isTemplate(next);
}

function tokenize(code: string, type: 'script' | 'module'): Unit[] {
  const units: Unit[] = [];
  const onComment = (block: boolean, _text: string, start: number, end: number) => units.push({ start, end, lineComment: !block });
  // Required here, not imported: the engine worker loads this module at its start, and acorn (a separate file of
  // about 200 KB, dist/worker-lib/) only when a TypeScript file or a package's bundle needs it.
  const { tokenizer } = require('acorn') as typeof import('acorn');
  for (const token of tokenizer(code, { ecmaVersion: 'latest', sourceType: type, allowHashBang: true, allowAwaitOutsideFunction: true, onComment })) {
    units.push({ start: token.start, end: token.end, token });
  }
  // Comments are reported when the tokenizer skips them, before the token that follows: already in order.
  return units;
}

/** Whether `text` stands in `source` at `offset`; a string literal may have other quotes (esbuild writes `"`). */
function readsAs(source: string, offset: number, text: string): boolean {
  if (source.startsWith(text, offset)) return true;
  const quote = source[offset];
  const last = offset + text.length - 1;
  return text.length >= 2 && /["']/.test(text[0]!) && (quote === "'" || quote === '"') && source[last] === quote && source.slice(offset + 1, last) === text.slice(1, -1);
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 0-based line of `offset`, given the text's line starts. */
export function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A position of esbuild's map: an offset in its output, and the 0-based source line and column it names. */
interface Segment {
  at: number;
  line: number;
  column: number;
  name?: string;
}

/**
 * Lays `out.code` out so that the tokens its map names stand on their original lines, and returns that code with a
 * map from it to the original source. Returns `out` unchanged when the code cannot be tokenized.
 */
export function keepOriginalLines(out: Transpiled, type: 'script' | 'module'): Transpiled {
  let units: Unit[];
  try {
    units = tokenize(out.code, type);
  } catch {
    return out; // not plain JavaScript as far as acorn can tell: positions stay esbuild's, mapped as before
  }
  const input = new TraceMap(out.map);
  const source = input.sourcesContent?.[0] ?? undefined;
  const sourceName = input.sources[0];
  if (input.sources.length !== 1 || sourceName == null) return out; // a transform's map has one source
  const oldStarts = lineStarts(out.code);
  const segments: Segment[] = [];
  decodedMappings(input).forEach((line, l) => {
    for (const s of line) {
      if (s.length >= 4) segments.push({ at: oldStarts[l]! + s[0], line: s[2]!, column: s[3]!, name: s.length === 5 ? input.names[s[4]!] : undefined });
    }
  });

  // What each token comes from: the segment at its start, or else the last one in the whitespace (and comments)
  // before it (esbuild often puts a statement's segment on the indentation of its line). Segments inside a token
  // move with it.
  const own = new Array<Segment | undefined>(units.length);
  const inner: Array<{ unit: number; segment: Segment }> = [];
  let k = 0;
  units.forEach((unit, i) => {
    if (!unit.token) return;
    for (; k < segments.length && segments[k]!.at <= unit.start; k++) own[i] = segments[k];
    for (; k < segments.length && segments[k]!.at < unit.end; k++) inner.push({ unit: i, segment: segments[k]! });
  });

  const parts: string[] = [];
  let outLine = 0; // 0-based, as the map's lines
  let outColumn = 0;
  let length = 0;
  const newStart = new Array<number>(units.length);
  const write = (text: string) => {
    parts.push(text);
    length += text.length;
    const lastBreak = text.lastIndexOf('\n');
    if (lastBreak < 0) {
      outColumn += text.length;
      return;
    }
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) outLine++;
    outColumn = text.length - lastBreak - 1;
  };

  // A token the map does not name gets a segment of its own where the text from the last named token on its line
  // up to it reads exactly as the source does there: its column is then known, so QuickJS's column (which points at a
  // call's parenthesis or an operator) maps to the source's own, as it does in plain JavaScript.
  const sourceStarts = source === undefined ? [] : lineStarts(source);
  const extra: Segment[] = [];
  /** Where in the source the text written since the last named token continues, while it still matches. */
  let follow: { line: number; offset: number } | undefined;
  const writeFollowed = (text: string) => {
    if (follow && (text.includes('\n') || !readsAs(source!, follow.offset, text))) follow = undefined;
    else if (follow) follow.offset += text.length;
    write(text);
  };

  let prevEnd = 0;
  let prevToken: Token | undefined;
  let prevLineComment = false;
  units.forEach((unit, i) => {
    const gap = out.code.slice(prevEnd, unit.start);
    const target = own[i];
    if (insideTemplate(prevToken, unit.token)) {
      writeFollowed(gap);
    } else {
      const breakable = prevLineComment || mayBreak(prevToken, unit.token);
      if (target && breakable && outLine < target.line) {
        writeFollowed('\n'.repeat(target.line - outLine));
      } else if (prevLineComment) {
        writeFollowed('\n'); // a line comment ends at a line break
      } else if (gap !== '' && i > 0) {
        writeFollowed(' ');
      }
      if (target && target.line === outLine && outColumn < target.column) writeFollowed(' '.repeat(target.column - outColumn));
    }
    newStart[i] = length;
    const text = out.code.slice(unit.start, unit.end);
    if (target && source !== undefined && sourceStarts[target.line] !== undefined) {
      follow = { line: target.line, offset: sourceStarts[target.line]! + target.column };
    } else if (follow && unit.token && !target && readsAs(source!, follow.offset, text)) {
      extra.push({ at: length, line: follow.line, column: follow.offset - sourceStarts[follow.line]! });
    }
    writeFollowed(text);
    prevEnd = unit.end;
    if (unit.token) prevToken = unit.token;
    prevLineComment = !!unit.lineComment;
  });
  write(prevLineComment || out.code.endsWith('\n') ? '\n' : '');
  const code = parts.join('');

  // The new map: each unit's segment at its new start, segments inside units moved with them (units are copied
  // verbatim), and the columns found above.
  const newStarts = lineStarts(code);
  const gen = new GenMapping({ file: input.file ?? undefined });
  const add = (at: number, s: Segment) => {
    const l = lineOf(newStarts, at);
    if (s.name !== undefined) addSegment(gen, l, at - newStarts[l]!, sourceName, s.line, s.column, s.name);
    else addSegment(gen, l, at - newStarts[l]!, sourceName, s.line, s.column);
  };
  own.forEach((s, i) => s && add(newStart[i]!, s));
  for (const { unit, segment } of inner) add(newStart[unit]! + (segment.at - units[unit]!.start), segment);
  for (const s of extra) add(s.at, s);
  setSourceContent(gen, sourceName, source ?? null);
  return { code, map: JSON.stringify(toEncodedMap(gen)) };
}
