/** Questions about the source text and its syntax tree that need no state of the walk. */
import type { AnyNode } from './parse';

/**
 * Where the text of an arrow function's expression body starts: its first opening parenthesis, if any, after `=>`
 * and any comments. Between the last parameter (or the start, when there is none, so nothing there holds a `=`)
 * and the body there are only parentheses, whitespace and comments.
 */
export function arrowBodyStart(source: string, n: AnyNode): number {
  let i = n.params.length ? n.params[n.params.length - 1].end : n.start;
  let arrow = false;
  while (i < source.length) {
    if (source.startsWith('//', i)) i = source.indexOf('\n', i) + 1 || source.length;
    else if (source.startsWith('/*', i)) i = source.indexOf('*/', i) + 2;
    else if (!arrow && source.startsWith('=>', i)) (arrow = true), (i += 2);
    else if (arrow && !/\s/.test(source[i])) return i;
    else i++;
  }
  throw new Error(`no body after the parameters of the arrow function at offset ${n.start}`);
}

/** Whether a call or member chain has an optional link (`a?.b`, `f?.()`) whose short circuit skips what follows. */
export function inOptionalChain(n: AnyNode): boolean {
  for (let c = n; c && (c.type === 'CallExpression' || c.type === 'MemberExpression'); c = c.type === 'CallExpression' ? c.callee : c.object) {
    if (c.optional) return true;
  }
  return false;
}

/**
 * `Promise.all.call(C, xs)` (any combinator, `.call` or `.apply`) with C other than `Promise`: the combinator
 * rejects through C's own reject function, the program's, so no rejection is left unhandled.
 */
export function combinatorOnOtherConstructor(e: AnyNode): boolean {
  const callee = e.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || !/^(call|apply)$/.test(keyName(callee.property))) return false;
  const target = callee.object;
  if (target.type !== 'MemberExpression' || target.computed || !/^(all|allSettled|any|race)$/.test(keyName(target.property))) return false;
  const ctor = e.arguments[0];
  return !!ctor && !(ctor.type === 'Identifier' && ctor.name === 'Promise');
}

/** Whether a statement gets a check before it: one that runs code of its own (a function declaration is hoisted). */
export function isCheckable(s: AnyNode): boolean {
  switch (s.type) {
    case 'FunctionDeclaration':
    case 'EmptyStatement':
    case 'BlockStatement':
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
      return false;
    case 'ExportNamedDeclaration':
      return !!s.declaration && s.declaration.type !== 'FunctionDeclaration';
    case 'ExportDefaultDeclaration':
      return s.declaration.type !== 'FunctionDeclaration';
    default:
      return true;
  }
}

/** A loop statement, whose body always gets a check of its own. */
export function isLoop(s: AnyNode): boolean {
  return /^(For|ForIn|ForOf|While|DoWhile)Statement$/.test(s.type);
}

/** The name a non-computed key gives (`a`, `#a`, `"a"`, `1`), or '' for other keys. */
export function keyName(k: AnyNode): string {
  if (k.type === 'Identifier') return k.name;
  if (k.type === 'PrivateIdentifier') return '#' + k.name;
  if (k.type === 'Literal') return String(k.value);
  return '';
}

/** Where QuickJS starts a method's `toString` text: at its first token after `static` (comments are skipped). */
export function methodTextStart(m: AnyNode, source: string): number {
  return m.static ? skipTrivia(source, m.start + 'static'.length) : m.start;
}

/** The offset of the first token at or after `i`: past whitespace and comments. */
export function skipTrivia(source: string, i: number): number {
  while (i < source.length) {
    if (source.startsWith('//', i)) i = source.indexOf('\n', i) + 1 || source.length;
    else if (source.startsWith('/*', i)) i = source.indexOf('*/', i) + 2;
    else if (/\s/.test(source[i])) i++;
    else return i;
  }
  return i;
}
