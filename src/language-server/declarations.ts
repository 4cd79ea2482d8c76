/**
 * Renders the sandbox's host APIs as a TypeScript declaration file, for editors that type-check
 * sandbox scripts (a jsconfig/tsconfig with `"lib": ["ES2023"]` and this file, without Node's or the DOM's types).
 */
import { hostApis, membersOf, permissionHelp, type HostApi } from './hostApis';

/** The header line that marks the file as generated, checked by the agreement test. */
export const generatedHeader = '// Generated from src/language-server/hostApis.ts by src/language-server/writeDeclarations.ts; do not edit.';

/** The declaration file text for every host API. */
export function renderDeclarations(): string {
  const out: string[] = [
    generatedHeader,
    '// Declares what the QuickJS sandbox provides beyond the language; Node\'s and the DOM\'s globals are absent there.',
    '',
  ];
  for (const api of hostApis) {
    if (api.name.includes('.')) continue;
    out.push(...docComment(api, ''), ...declare(api), '');
  }
  return out.join('\n');
}

function declare(api: HostApi): string[] {
  switch (api.kind) {
    case 'function': {
      // A function with members (display.chart) declares them in a namespace of the same name.
      const members = membersOf(api.name);
      const namespace = members.length ? [`declare namespace ${api.name} {`, ...memberLines(api.name, 'function '), '}'] : [];
      return [`declare function ${api.name}${required(api)};`, ...namespace];
    }
    case 'variable':
      return [`declare const ${api.name}: ${required(api)};`];
    case 'object':
      return [`declare const ${api.name}: {`, ...memberLines(api.name), '};'];
    case 'class':
      return [`declare class ${api.name} {`, ...memberLines(api.name), '}'];
    case 'interface':
      return [`interface ${api.name} {`, ...memberLines(api.name), '}'];
    default:
      throw new Error(`hostApis: ${api.name} is a ${api.kind} but has no owner`);
  }
}

/** `methodPrefix` is `function ` inside a namespace, where methods are declared as functions. */
function memberLines(owner: string, methodPrefix = ''): string[] {
  const lines: string[] = [];
  for (const member of membersOf(owner)) {
    const short = member.name.slice(owner.length + 1);
    const readonly = `${member.static ? 'static ' : ''}${member.readonly ? 'readonly ' : ''}`;
    let text: string;
    switch (member.kind) {
      case 'method':
        text = `${methodPrefix}${member.static ? 'static ' : ''}${short}${required(member)};`;
        break;
      case 'property':
        text = `${readonly}${short}${member.optional ? '?' : ''}: ${required(member)};`;
        break;
      case 'constructor':
        text = `constructor${required(member)};`;
        break;
      default:
        throw new Error(`hostApis: member ${member.name} cannot be a ${member.kind}`);
    }
    lines.push(...docComment(member, '  '), `  ${text}`);
  }
  return lines;
}

function required(api: HostApi): string {
  if (!api.type) throw new Error(`hostApis: ${api.name} (${api.kind}) needs a type`);
  return api.type;
}

function docComment(api: HostApi, indent: string): string[] {
  const text = api.permission ? `${api.doc} In the sandbox it ${permissionHelp[api.permission]}.` : api.doc;
  const lines = wrap(text, 100 - indent.length - 3);
  if (lines.length === 1 && lines[0].length <= 100 - indent.length - 7) return [`${indent}/** ${lines[0]} */`];
  return [`${indent}/**`, ...lines.map((line) => `${indent} * ${line}`), `${indent} */`];
}

/** Word-wraps so the generated file reads well (the docs are ours and never contain a comment terminator). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
