/**
 * Completion and hover for the sandbox's host APIs, generated from hostApis.ts. Works on the text
 * around the cursor (`sandbox.re|`), not on types: it knows the host's globals, not the script's values.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type Hover, type MarkupContent } from 'vscode-languageserver';
import { findHostApi, globalHostApis, membersOf, permissionHelp, type HostApi } from './hostApis';

const kinds: Record<HostApi['kind'], CompletionItemKind> = {
  function: CompletionItemKind.Function,
  object: CompletionItemKind.Module,
  class: CompletionItemKind.Class,
  interface: CompletionItemKind.Interface,
  variable: CompletionItemKind.Variable,
  method: CompletionItemKind.Method,
  property: CompletionItemKind.Property,
  constructor: CompletionItemKind.Constructor,
};

/** The one-line TypeScript form of an entry, as hover shows it. */
export function signatureOf(api: HostApi): string {
  switch (api.kind) {
    case 'function':
      return `function ${api.name}${api.type}`;
    case 'method':
      return `(method) ${api.name}${api.type}`;
    case 'property':
      return `(property) ${api.readonly ? 'readonly ' : ''}${api.name}: ${api.type}`;
    case 'variable':
      return `const ${api.name}: ${api.type}`;
    case 'constructor':
      return `new ${api.name.slice(0, -'.constructor'.length)}${api.type}`;
    case 'class':
      return `class ${api.name}`;
    case 'interface':
      return `interface ${api.name}`;
    case 'object':
      return `const ${api.name}: { ${membersOf(api.name).map((m) => m.name.slice(api.name.length + 1)).join(', ')} }`;
  }
}

/** Markdown documentation of an entry: signature, text, and the permission it needs. */
export function documentationOf(api: HostApi): MarkupContent {
  const parts = ['```typescript', signatureOf(api), '```', '', api.doc];
  if (api.permission) parts.push('', `**Permission:** ${permissionHelp[api.permission]}.`);
  return { kind: MarkupKind.Markdown, value: parts.join('\n') };
}

function completionOf(api: HostApi, label: string): CompletionItem {
  return { label, kind: kinds[api.kind], detail: signatureOf(api), documentation: documentationOf(api), data: api.name };
}

/** Completion items for the text of the line before the cursor. */
export function completeHostApis(linePrefix: string): CompletionItem[] {
  const member = /([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\.([\w$]*)$/.exec(linePrefix);
  if (member) {
    const owner = findHostApi(member[1]);
    // Functions may carry members too (display.chart).
    if (!owner || (owner.kind !== 'object' && owner.kind !== 'class' && owner.kind !== 'function')) return [];
    // A class's members belong to its instances, which the text alone cannot recognise.
    if (owner.kind === 'class') return [];
    return membersOf(owner.name).map((api) => completionOf(api, api.name.slice(owner.name.length + 1)));
  }
  // After another dot-less token character only; not inside strings or comments, as far as a line can tell.
  if (/(["'`]|\/\/)/.test(linePrefix.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ''))) return [];
  return globalHostApis().map((api) => completionOf(api, api.name));
}

/** Hover for the identifier at `character` of line `line`, qualified by the names before it (`console.log`). */
export function hoverHostApi(lineText: string, line: number, character: number): Hover | undefined {
  const isNameChar = (c: string | undefined): boolean => c !== undefined && /[\w$]/.test(c);
  let start = character;
  let end = character;
  while (isNameChar(lineText[start - 1])) start--;
  while (isNameChar(lineText[end])) end++;
  if (start === end) return undefined;
  let qualified = lineText.slice(start, end);
  let cursor = start;
  while (lineText[cursor - 1] === '.') {
    let ownerStart = cursor - 1;
    while (isNameChar(lineText[ownerStart - 1])) ownerStart--;
    if (ownerStart === cursor - 1) break;
    qualified = `${lineText.slice(ownerStart, cursor - 1)}.${qualified}`;
    cursor = ownerStart;
  }
  // Only chains rooted at a host global: `foo.log` is not `console.log`.
  const api = findHostApi(qualified);
  if (!api || api.kind === 'interface' || findHostApi(qualified.split('.')[0])?.kind === 'interface') return undefined;
  return {
    contents: documentationOf(api),
    range: { start: { line, character: start }, end: { line, character: end } },
  };
}
