/**
 * Rewrites one REPL entry (a notebook cell, a line typed at the CLI's REPL) so that many entries behave like one
 * long REPL session in one QuickJS context:
 * top-level declarations become assignments to global `var` bindings (so a later cell sees them and re-running a
 * cell never fails with a redeclaration), and a cell with top-level `await` runs inside an async function whose
 * promise fulfils with the cell's last expression (the engine awaits a promise completion value).
 *
 * No newline is ever inserted before the last line of the cell, so line numbers stay identical; columns move
 * where text was inserted, and `mapCellPosition` maps them back through the copied stretches (`segments`).
 * Editor-neutral and host-side (it runs before the engine sees the code): the notebook and the CLI's REPL share it.
 */
import * as acorn from 'acorn';
import { boundNames, hasTopLevelAwait } from './estree';

/** A cell ready for `Sandbox.run`, and what is needed to map positions in its errors back to the cell. */
export interface TransformedCell {
  code: string;
  /** Names the cell declares at top level; each is a global `var` after the cell ran. */
  declared: string[];
  /** True when the cell uses top-level `await` and runs inside an async function. */
  async: boolean;
  /** Characters inserted at the start of line 1. */
  line1Shift: number;
  /** Copied stretches, ordered by `gen`: offset `gen` of `code` holds `len` characters from offset `orig` of the cell. */
  segments: { gen: number; orig: number; len: number }[];
  /** Set when acorn could not parse the cell: the code is passed on unchanged so QuickJS reports the error itself. */
  parseError?: string;
}

type AnyNode = acorn.Node & Record<string, unknown>;

/** Replaces source[start, end) by `parts`: literal text, or `[a, b]` for source[a, b) copied verbatim. */
interface Edit {
  start: number;
  end: number;
  parts: (string | [number, number])[];
}

/** Transforms one cell's JavaScript (the notebook transpiles TypeScript before, see `extension/notebook/cellSource.ts`). */
export function transformCell(source: string): TransformedCell {
  let program: AnyNode;
  try {
    program = acorn.parse(source, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowAwaitOutsideFunction: true,
      allowHashBang: true,
      // Without it `({ a })` as the last statement has its node start inside the parentheses, and `return (` lands there.
      preserveParens: true,
    }) as unknown as AnyNode;
  } catch (e) {
    return { code: source, declared: [], async: false, line1Shift: 0, segments: [{ gen: 0, orig: 0, len: source.length }], parseError: e instanceof Error ? e.message : String(e) };
  }
  const body = program.body as AnyNode[];
  const isAsync = hasTopLevelAwait(body as unknown as acorn.Node[]);
  const declared: string[] = [];
  const functionNames: string[] = [];
  const edits: Edit[] = [];
  const src = (a: number, b: number) => source.slice(a, b);
  const insert = (at: number, text: string) => edits.push({ start: at, end: at, parts: [text] });

  for (const stmt of body) {
    if (stmt.type === 'VariableDeclaration') {
      // Outside an async wrapper a top-level `var` is already a re-declarable global; inside one it would be local.
      if (stmt.kind === 'var' && !isAsync) continue;
      const decls = stmt.declarations as AnyNode[];
      // `let` plus whatever spacing follows it; only its newlines are kept.
      const parts: Edit['parts'] = [src(stmt.start, decls[0].start).replace(/[^\n]/g, ''), 'void ('];
      decls.forEach((d, i) => {
        const id = d.id as AnyNode;
        declared.push(...boundNames(id as unknown as acorn.Pattern));
        parts.push('(', d.init ? [d.start, d.end] : [id.start, id.end], d.init ? ')' : ' = undefined)');
        // The text between declarators keeps its commas, comments and newlines, so lines stay where they were.
        if (i + 1 < decls.length) parts.push([d.end, decls[i + 1].start]);
      });
      const last = decls[decls.length - 1];
      const tail = src(last.end, stmt.end);
      // `void` keeps a declaration's completion value undefined, as it is for the declaration itself.
      parts.push(')', [last.end, stmt.end]);
      if (!tail.includes(';')) parts.push(';');
      edits.push({ start: stmt.start, end: stmt.end, parts });
    } else if (stmt.type === 'ClassDeclaration') {
      const name = (stmt.id as AnyNode).name as string;
      declared.push(name);
      insert(stmt.start, `void (${name} = `);
      insert(stmt.end, ');');
    } else if (stmt.type === 'FunctionDeclaration' && isAsync) {
      // Hoisted inside the wrapper, so the prologue can copy it to the global before any statement runs.
      const name = (stmt.id as AnyNode).name as string;
      declared.push(name);
      functionNames.push(name);
    } else if (stmt.type === 'FunctionDeclaration') {
      declared.push((stmt.id as AnyNode).name as string);
    }
  }

  if (isAsync) {
    const lastStmt = body[body.length - 1];
    if (lastStmt && lastStmt.type === 'ExpressionStatement') {
      const expr = lastStmt.expression as AnyNode;
      insert(expr.start, 'return (');
      insert(expr.end, ')');
    }
  }

  const unique = [...new Set(declared)];
  const varList = unique.length ? `var ${unique.join(', ')};` : '';
  let prefix = varList;
  if (isAsync) prefix += `(async () => {${functionNames.map((n) => `globalThis[${JSON.stringify(n)}] = ${n};`).join('')}`;

  // Stable sort: inserts at one offset keep the order they were made in.
  edits.sort((a, b) => a.start - b.start);
  let code = prefix;
  const segments: TransformedCell['segments'] = [];
  const copy = (a: number, b: number) => {
    if (b <= a) return;
    segments.push({ gen: code.length, orig: a, len: b - a });
    code += source.slice(a, b);
  };
  let pos = 0;
  for (const e of edits) {
    copy(pos, e.start);
    for (const p of e.parts) typeof p === 'string' ? (code += p) : copy(p[0], p[1]);
    pos = e.end;
  }
  copy(pos, source.length);
  // A hashbang is only allowed first; as a comment it keeps its line.
  if (source.startsWith('#!')) code = code.replace('#!', '//');
  // The suffix starts on a line of its own, so a `//` comment on the cell's last line cannot swallow it.
  if (isAsync) code += '\n})()';
  return { code, declared: unique, async: isAsync, line1Shift: prefix.length, segments };
}

/** The offset of a 1-based line and column in `text`. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return offset + column - 1;
}

/** Maps a 1-based line/column in the transformed code back to the cell's own text. */
export function mapCellPosition(cell: Pick<TransformedCell, 'code' | 'segments'>, source: string, line: number, column: number): { line: number; column: number } {
  const gen = offsetOf(cell.code, line, column);
  let orig = 0;
  for (const s of cell.segments) {
    if (s.gen > gen) break;
    // Inside a copied stretch the offset maps exactly; in inserted text, to where the insertion was made.
    orig = gen < s.gen + s.len ? s.orig + (gen - s.gen) : s.orig + s.len;
  }
  const before = source.slice(0, orig);
  const mappedLine = before.split('\n').length;
  return { line: mappedLine, column: orig - (before.lastIndexOf('\n') + 1) + 1 };
}
