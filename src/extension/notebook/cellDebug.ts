/**
 * "Debug Cell": the `quickjs` launch configuration that debugs one notebook cell with the breakpoints set in the
 * cell's editor. The debugger runs in a fresh sandbox, not the notebook's, so the code cells above the debugged one
 * are replayed first as the adapter's `prelude` (it never pauses there and hides their console output); the cell
 * then finds what they defined. Editor-neutral: no `vscode` import, so tests feed it plain cells.
 */
import { prepareCell, type CellLanguage } from './cellSource';

/** A notebook cell as the builder needs it. */
export interface DebugCellInput {
  kind: 'code' | 'markup';
  /** The editor's language id (`javascript`, `typescript`, `python`, ...). */
  language: string;
  text: string;
  /** The cell document's URI as a string (`vscode-notebook-cell:...`): VS Code sends breakpoints under it. */
  uri: string;
}

/** One `{ source, sourceName, language }` group of the launch configuration. */
export interface LaunchSource {
  source: string;
  sourceName: string;
  language: 'js' | 'ts';
}

/** The launch configuration, or why the cell cannot be debugged. */
export type DebugCellPlan =
  | { ok: true; configuration: { type: 'quickjs'; request: 'launch'; name: string; cwd?: string; prelude: LaunchSource[] } & LaunchSource; replayed: number; skipped: string[] }
  | { ok: false; reason: string };

const DEBUGGABLE: ReadonlySet<string> = new Set(['javascript', 'typescript']);

/**
 * Builds the launch configuration that debugs cell `index` of `cells`; `cwd` is the notebook's folder.
 * A JavaScript cell runs as the notebook runs it (the REPL transform keeps its lines), under its own URI, so
 * breakpoints in its editor bind. A TypeScript cell is given as TypeScript: the engine transpiles it with a
 * source map, which keeps breakpoints on the TypeScript lines.
 */
export async function debugCellPlan(cells: readonly DebugCellInput[], index: number, cwd?: string): Promise<DebugCellPlan> {
  const cell = cells[index];
  if (!cell) return { ok: false, reason: `the notebook has no cell ${index + 1}` };
  if (cell.kind !== 'code') return { ok: false, reason: 'only code cells can be debugged' };
  if (!DEBUGGABLE.has(cell.language)) return { ok: false, reason: `the sandbox debugs JavaScript and TypeScript cells, not ${cell.language}` };

  const target: LaunchSource = cell.language === 'typescript'
    ? { source: cell.text, sourceName: cell.uri, language: 'ts' }
    : { source: await sourceOf(cell.text, 'javascript', index), sourceName: cell.uri, language: 'js' };

  const prelude: LaunchSource[] = [];
  const skipped: string[] = [];
  for (const [i, c] of cells.slice(0, index).entries()) {
    if (c.kind !== 'code' || !DEBUGGABLE.has(c.language)) continue;
    const prepared = await prepareCell(c.text, c.language as CellLanguage, i);
    if (prepared.compileError) {
      // It could not run in the notebook either; replaying it would only add an error.
      skipped.push(`${prepared.label}: ${prepared.compileError.message}`);
      continue;
    }
    // The REPL transform keeps a JavaScript cell's lines, so its own URI shows it in stacks at the right line;
    // transpiled TypeScript keeps its lines only where the layout could (runtime/lineLayout.ts; code esbuild moves
    // up stays there), so it runs under the name its notebook run uses.
    const sourceName = c.language === 'javascript' ? c.uri : prepared.filename;
    prelude.push({ source: prepared.request.kind === 'source' ? prepared.request.source : c.text, sourceName, language: 'js' });
  }

  const name = `Debug Cell ${index + 1}`;
  return {
    ok: true,
    configuration: { type: 'quickjs', request: 'launch', name, ...(cwd ? { cwd } : {}), ...target, prelude },
    replayed: prelude.length,
    skipped,
  };
}

/** The code the notebook runs for a cell: declarations turned into globals, lines unchanged. */
async function sourceOf(text: string, language: CellLanguage, index: number): Promise<string> {
  const request = (await prepareCell(text, language, index)).request;
  return request.kind === 'source' ? request.source : text;
}
