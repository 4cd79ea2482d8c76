/**
 * An edit buffer for source instrumentation: insertions and small replacements at original offsets,
 * rendered into new text plus a source map from the rendered text back to the original.
 * Inserted text must never contain a line break, so every original line keeps its number.
 */
import { GenMapping, maybeAddSegment, toEncodedMap, setSourceContent } from '@jridgewell/gen-mapping';
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
    const marks = Array.from(new Set(this.marks)).sort((a, b) => a - b);
    const gen = new GenMapping({ file: file + '.instrumented.js' });
    if (withContent) setSourceContent(gen, file, src);
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
          const m = marks[mi++];
          const col = m - lineStart;
          maybeAddSegment(gen, line, col + delta, file, line, col);
        }
        out.push(src.slice(pos, stop));
        pos = stop;
        if (stop === nl + 1 && nl !== -1) {
          line++;
          lineStart = stop;
          delta = 0;
          // A new line starts: anchor it so tools that stop at line starts still map.
          maybeAddSegment(gen, line, 0, file, line, 0);
        }
      }
    };

    maybeAddSegment(gen, 0, 0, file, 0, 0);
    for (const e of edits) {
      if (e.start < pos) throw new Error(`overlapping edits at offset ${e.start}`);
      copyTo(e.start);
      const text = typeof e.text === 'string' ? e.text : e.text();
      if (text.includes('\n')) throw new Error('instrumentation must not insert line breaks');
      const col = pos - lineStart;
      // Inserted code reports the position of the original code it precedes.
      maybeAddSegment(gen, line, col + delta, file, line, col);
      out.push(text);
      delta += text.length - (e.end - e.start);
      if (e.end > pos) {
        pos = e.end;
      }
      // Original text resumes here: map it exactly.
      maybeAddSegment(gen, line, pos - lineStart + delta, file, line, pos - lineStart);
    }
    copyTo(src.length);
    return { code: out.join(''), map: toEncodedMap(gen) };
  }
}
