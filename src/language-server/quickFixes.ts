/**
 * Quick fixes for Node-only names, where the sandbox has a direct equivalent: `const x = require('y')` becomes an
 * import, `global` becomes `globalThis`. Each fix is computed with its warning and travels in the diagnostic's `data`, so the code action
 * request needs no second analysis.
 */
import type { Range, TextEdit } from 'vscode-languageserver';

/** A fix: what the light bulb offers and the edits it makes. */
export interface QuickFix {
  title: string;
  edits: TextEdit[];
}

/** What a Node-only warning carries in `Diagnostic.data`. */
export interface NodeOnlyData {
  advice: string;
  fix?: QuickFix;
}

const DECLARED_REQUIRE = /^([ \t]*)(?:const|let|var)\s+([A-Za-z_$][\w$]*|\{\s*[A-Za-z_$][\w$]*(?:\s*,\s*[A-Za-z_$][\w$]*)*\s*,?\s*\})\s*=\s*require\(\s*(['"])([^'"\n]+)\3\s*\)\s*;?[ \t]*$/;

/**
 * The fix for the Node-only global `name` whose use starts at `range.start` in `text` (the document's text, whose
 * line `lineText` holds it), or undefined when there is none.
 */
export function nodeGlobalFix(name: string, range: Range, lineText: string): QuickFix | undefined {
  const at = range.start.character;
  const rest = lineText.slice(at);
  const replace = (length: number, newText: string, title: string): QuickFix => ({
    title,
    edits: [{ range: { start: range.start, end: { line: range.start.line, character: at + length } }, newText }],
  });
  switch (name) {
    case 'require': {
      const m = DECLARED_REQUIRE.exec(lineText);
      if (!m || lineText.indexOf('require', m[1].length) !== at) return undefined;
      const binding = m[2].startsWith('{') ? `{ ${m[2].slice(1, -1).split(',').map((s) => s.trim()).filter(Boolean).join(', ')} }` : m[2];
      const statement = `${m[1]}import ${binding} from ${m[3]}${m[4]}${m[3]};`;
      return {
        title: `Convert to import ${binding} from '${m[4]}'`,
        edits: [{ range: { start: { line: range.start.line, character: 0 }, end: { line: range.start.line, character: lineText.length } }, newText: statement }],
      };
    }
    case 'global':
      return replace('global'.length, 'globalThis', 'Replace with globalThis');
    default:
      return undefined;
  }
}
