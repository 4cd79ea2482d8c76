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

/** Collects edits over one source text and renders them with a source map. */
export class SourceSplice {
  private readonly edits: Edit[] = [];
  private readonly marks: number[] = [];

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

  /** Records an original offset that deserves its own mapping (a token start), so positions map exactly. */
  mark(at: number): void {
    this.marks.push(at);
  }

  /** Renders the edited text and a map whose segments point back into `file`. */
  render(file: string, withContent = false): { code: string; map: EncodedSourceMap } {
    const src = this.source;
    const edits = this.edits.slice().sort((a, b) => a.start - b.start || a.rank - b.rank || a.seq - b.seq);
    // A 1 MB source has ~10^6 marks: a typed array sorts them without a comparator call or boxed numbers each.
    const marks = Float64Array.from(this.marks).sort();
    const map = new MappingsBuilder();
    const out: string[] = [];
    let line = 0;
    let lineStart = 0; // original offset of the current line's start
    let delta = 0; // generated column minus original column on the current line
    let pos = 0; // next original offset to copy
    let mi = 0;

    // Copies original text up to `to`, emitting a segment at every line start and mark on the way.
    const copyTo = (to: number) => {
      while (pos < to) {
        const nl = src.indexOf('\n', pos);
        const stop = nl === -1 || nl >= to ? to : nl + 1;
        while (mi < marks.length && marks[mi] < pos) mi++;
        while (mi < marks.length && marks[mi] < stop) {
          const col = marks[mi++] - lineStart;
          map.add(line, col + delta, line, col);
        }
        out.push(src.slice(pos, stop));
        pos = stop;
        if (stop === nl + 1 && nl !== -1) {
          line++;
          lineStart = stop;
          delta = 0;
          // A new line starts: anchor it so tools that stop at line starts still map.
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
      delta += text.length - (e.end - e.start);
      if (e.end > pos) {
        pos = e.end;
      }
      // Original text resumes here: map it exactly.
      map.add(line, pos - lineStart + delta, line, pos - lineStart);
    }
    copyTo(src.length);
    const encoded: EncodedSourceMap = { version: 3, file: file + '.instrumented.js', names: [], sources: [file], mappings: map.text() };
    if (withContent) encoded.sourcesContent = [src];
    return { code: out.join(''), map: encoded };
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
