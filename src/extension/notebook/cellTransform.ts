/**
 * Rewrites a notebook cell so that many cells behave like one long REPL session in one QuickJS context:
 * top-level declarations become assignments to global `var` bindings (so a later cell sees them and re-running a
 * cell never fails with a redeclaration), and a cell with top-level `await` runs inside an async function whose
 * promise fulfils with the cell's last expression (the engine awaits a promise completion value).
 *
 * No newline is ever inserted before the last line of the cell, so line numbers stay identical; only line 1's
 * columns move (by `line1Shift`), and `mapCellPosition` undoes that.
 * Editor-neutral: no `vscode` import, so the unit tests run it against the real engine.
 */
import * as acorn from 'acorn';

/** A cell ready for `Sandbox.run`, and what is needed to map positions in its errors back to the cell. */
export interface TransformedCell {
  code: string;
  /** Names the cell declares at top level; each is a global `var` after the cell ran. */
  declared: string[];
  /** True when the cell uses top-level `await` and runs inside an async function. */
  async: boolean;
  /** Characters inserted at the start of line 1. */
  line1Shift: number;
  /** Set when acorn could not parse the cell: the code is passed on unchanged so QuickJS reports the error itself. */
  parseError?: string;
}

type AnyNode = acorn.Node & Record<string, unknown>;

/** Whether `node` (not looking inside nested functions) contains an `await` or `for await`. */
function hasTopLevelAwait(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(hasTopLevelAwait);
  const n = node as AnyNode;
  if (typeof n.type !== 'string') return false;
  if (n.type === 'AwaitExpression' || (n.type === 'ForOfStatement' && n.await === true)) return true;
  // Awaits inside a nested function belong to that function; class bodies hold only functions and static blocks.
  if (/Function/.test(n.type) || n.type === 'ClassBody') return false;
  for (const key of Object.keys(n)) {
    if (key === 'type' || key === 'start' || key === 'end' || key === 'loc') continue;
    const v = n[key];
    if (v && typeof v === 'object' && hasTopLevelAwait(v)) return true;
  }
  return false;
}

/** The names a binding pattern (`a`, `{ a, b: [c] }`, `...rest`, `x = 1`) introduces. */
function patternNames(p: AnyNode | null | undefined, out: string[]): void {
  if (!p) return;
  switch (p.type) {
    case 'Identifier':
      out.push(p.name as string);
      break;
    case 'ObjectPattern':
      for (const prop of p.properties as AnyNode[]) patternNames((prop.type === 'RestElement' ? prop.argument : prop.value) as AnyNode, out);
      break;
    case 'ArrayPattern':
      for (const el of p.elements as (AnyNode | null)[]) patternNames(el, out);
      break;
    case 'RestElement':
      patternNames(p.argument as AnyNode, out);
      break;
    case 'AssignmentPattern':
      patternNames(p.left as AnyNode, out);
      break;
    default:
      break;
  }
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Transforms one cell's JavaScript (TypeScript is transpiled before, see `cellSource.ts`). */
export function transformCell(source: string): TransformedCell {
  let program: AnyNode;
  try {
    program = acorn.parse(source, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowAwaitOutsideFunction: true,
      allowHashBang: true,
    }) as unknown as AnyNode;
  } catch (e) {
    return { code: source, declared: [], async: false, line1Shift: 0, parseError: e instanceof Error ? e.message : String(e) };
  }
  const body = program.body as AnyNode[];
  const isAsync = hasTopLevelAwait(body);
  const declared: string[] = [];
  const functionNames: string[] = [];
  const edits: Edit[] = [];
  const src = (a: number, b: number) => source.slice(a, b);

  for (const stmt of body) {
    if (stmt.type === 'VariableDeclaration') {
      // Outside an async wrapper a top-level `var` is already a re-declarable global; inside one it would be local.
      if (stmt.kind === 'var' && !isAsync) continue;
      const decls = stmt.declarations as AnyNode[];
      const parts: string[] = [];
      decls.forEach((d, i) => {
        const id = d.id as AnyNode;
        patternNames(id, declared);
        const assignment = d.init ? src(d.start, d.end) : `${src(id.start, id.end)} = undefined`;
        // The text between declarators keeps its commas, comments and newlines, so lines stay where they were.
        const gap = i + 1 < decls.length ? src(d.end, decls[i + 1].start) : '';
        parts.push(`(${assignment})${gap}`);
      });
      const last = decls[decls.length - 1];
      // `let` plus whatever spacing follows it; its newlines are kept.
      const keyword = src(stmt.start, decls[0].start).replace(/[^\n]/g, '');
      const tail = src(last.end, stmt.end);
      // `void` keeps a declaration's completion value undefined, as it is for the declaration itself.
      edits.push({ start: stmt.start, end: stmt.end, text: `${keyword}void (${parts.join('')})${tail.includes(';') ? tail : `${tail};`}` });
    } else if (stmt.type === 'ClassDeclaration') {
      const name = (stmt.id as AnyNode).name as string;
      declared.push(name);
      edits.push({ start: stmt.start, end: stmt.start, text: `void (${name} = ` });
      edits.push({ start: stmt.end, end: stmt.end, text: `);` });
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
      edits.push({ start: expr.start, end: expr.start, text: 'return (' });
      edits.push({ start: expr.end, end: expr.end, text: ')' });
    }
  }

  const unique = [...new Set(declared)];
  const varList = unique.length ? `var ${unique.join(', ')};` : '';
  let prefix = varList;
  if (isAsync) prefix += `(async () => {${functionNames.map((n) => `globalThis[${JSON.stringify(n)}] = ${n};`).join('')}`;

  // Apply from the end so earlier offsets stay valid; inserts at one offset keep their order.
  edits.sort((a, b) => a.start - b.start);
  let code = '';
  let pos = 0;
  for (const e of edits) {
    code += source.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  code += source.slice(pos);
  // A hashbang must stay first; turned into a comment it keeps its line.
  if (code.startsWith('#!')) code = '//' + code.slice(2);
  // The suffix starts on a new line of its own, so a `//` comment on the cell's last line cannot swallow it.
  if (isAsync) code = `${prefix}${code}\n})()`;
  else code = prefix + code;
  return { code, declared: unique, async: isAsync, line1Shift: prefix.length };
}

/** Maps a 1-based line/column in transformed code back to the cell's text (only line 1 moved). */
export function mapCellPosition(cell: Pick<TransformedCell, 'line1Shift'>, line: number, column: number): { line: number; column: number } {
  if (line === 1) return { line, column: Math.max(1, column - cell.line1Shift) };
  return { line, column };
}
