/**
 * An edit buffer for source instrumentation: insertions and small replacements at original offsets,
 * rendered into new text plus a source map from the rendered text back to the original.
 * Inserted text must never contain a line break, so every original line keeps its number.
 */
import type { EncodedSourceMap } from '@jridgewell/gen-mapping';

/** Text to insert, or a thunk resolved at render time (for text that depends on a later analysis). */
export type EditText = string | (() => string);

interface Edit {
  start: number;
  /** Offset where original text resumes; equal to `start` for a pure insertion. */
  end: number;
  text: EditText;
  /** Orders edits at the same offset: lower first. */
  rank: number;
  seq: number;
}

/**
 * Maps positions of rendered text back to the original exactly, whatever the column: lines are the same, and on a
 * line the shift only changes at edits. A source map gives exact columns only where it has a segment, which would
 * take one per token (a million on a 1 MB file); this needs one entry per edit.
 */
export class ColumnMapper {
  /**
   * Per 0-based line: for each edit on it, [generated start, generated end, original column, original resume].
   * Plain data, so that a cached instrumentation stores it as it is (instrumentCache.ts); JSON's null is a line
   * without edits, as undefined is.
   */
  constructor(readonly lines: Array<number[] | undefined | null>) {}

  /** 1-based line and column in the rendered text to the original's (inserted code maps to what it precedes). */
  mapPosition(line: number, column: number): { line: number; column: number } {
    const edits = this.lines[line - 1];
    const c = column - 1;
    if (!edits) return { line, column };
    // The last edit starting at or before c.
    let lo = 0;
    let hi = edits.length / 4 - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (edits[mid * 4] <= c) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (at < 0) return { line, column };
    const i = at * 4;
    const orig = c < edits[i + 1] ? edits[i + 2] : edits[i + 3] + (c - edits[i + 1]);
    return { line, column: orig + 1 };
  }
}

/** Collects edits over one source text and renders them with a source map and a column mapper. */
export class SourceSplice {
  private readonly edits: Edit[] = [];

  constructor(readonly source: string) {}

  /** Inserts text before original offset `at`; `rank` orders inserts at one offset (lower renders first). */
  insert(at: number, text: EditText, rank = 0): void {
    this.edits.push({ start: at, end: at, text, rank, seq: this.edits.length });
  }

  /** Replaces original text [start, end) (it must not span a line break). */
  replace(start: number, end: number, text: EditText, rank = 0): void {
    this.edits.push({ start, end, text, rank, seq: this.edits.length });
  }

  /** How many edits were made so far: lets a caller tell whether a subtree got edits of its own. */
  get editCount(): number {
    return this.edits.length;
  }

  /**
   * Renders the edited text, a source map whose segments point back into `file` (at line starts and at every edit:
   * exact for statement starts, the places tools look up), and a ColumnMapper that is exact everywhere.
   */
  render(file: string, withContent = false): { code: string; map: EncodedSourceMap; mapper: ColumnMapper } {
    const src = this.source;
    const edits = this.edits.slice().sort((a, b) => a.start - b.start || a.rank - b.rank || a.seq - b.seq);
    const map = new MappingsBuilder();
    const lines: Array<number[] | undefined> = [];
    const out: string[] = [];
    let line = 0;
    let lineStart = 0; // original offset of the current line's start
    let delta = 0; // generated column minus original column on the current line
    let pos = 0; // next original offset to copy

    // Copies original text up to `to`, anchoring every line start on the way.
    const copyTo = (to: number) => {
      while (pos < to) {
        const nl = src.indexOf('\n', pos);
        const stop = nl === -1 || nl >= to ? to : nl + 1;
        out.push(src.slice(pos, stop));
        pos = stop;
        if (stop === nl + 1 && nl !== -1) {
          line++;
          lineStart = stop;
          delta = 0;
          map.add(line, 0, line, 0);
        }
      }
    };

    map.add(0, 0, 0, 0);
    for (const e of edits) {
      if (e.start < pos) throw new Error(`overlapping edits at offset ${e.start}`);
      copyTo(e.start);
      const text = typeof e.text === 'string' ? e.text : e.text();
      if (text.includes('\n')) throw new Error('instrumentation must not insert line breaks');
      const col = pos - lineStart;
      // Inserted code reports the position of the original code it precedes.
      map.add(line, col + delta, line, col);
      out.push(text);
      const genStart = col + delta;
      delta += text.length - (e.end - e.start);
      if (e.end > pos) pos = e.end;
      const resume = pos - lineStart;
      (lines[line] ??= []).push(genStart, genStart + text.length, col, resume);
      // Original text resumes here: map it exactly.
      map.add(line, resume + delta, line, resume);
    }
    copyTo(src.length);
    const encoded: EncodedSourceMap = { version: 3, file: file + '.instrumented.js', names: [], sources: [file], mappings: map.text() };
    if (withContent) encoded.sourcesContent = [src];
    return { code: out.join(''), map: encoded, mapper: new ColumnMapper(lines) };
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Builds a source map's `mappings` string directly, one segment at a time in generated order (single source, no
 * names). A general map builder keeps an array per segment; at a million segments that garbage was most of the
 * instrumentation time.
 */
class MappingsBuilder {
  private readonly chunks: string[] = [];
  private current = '';
  private line = 0;
  /** Generated column of the line's last segment, -1 before the first. */
  private genCol = -1;
  private origLine = 0;
  private origCol = 0;

  add(genLine: number, genCol: number, origLine: number, origCol: number): void {
    if (genLine > this.line) {
      this.chunks.push(this.current);
      for (let l = this.line + 1; l < genLine; l++) this.chunks.push('');
      this.current = '';
      this.line = genLine;
      this.genCol = -1;
    }
    // Two segments at one column: the first (the code that starts there) wins, as lookups would find it.
    if (genCol <= this.genCol) return;
    let seg = vlq(genCol - (this.genCol < 0 ? 0 : this.genCol)) + 'A' + vlq(origLine - this.origLine) + vlq(origCol - this.origCol);
    if (this.genCol >= 0) seg = ',' + seg;
    this.current += seg;
    this.genCol = genCol;
    this.origLine = origLine;
    this.origCol = origCol;
  }

  text(): string {
    this.chunks.push(this.current);
    this.current = '';
    return this.chunks.join(';');
  }
}

function vlq(value: number): string {
  let v = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    out += BASE64[digit];
  } while (v > 0);
  return out;
}
