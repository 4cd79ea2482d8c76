/**
 * Code given to eval that can run no program code and stop nowhere a debugger would: literals (a regular expression
 * made per code point) and `var` declarations without initialisers or with literal ones (`var _x` testing whether
 * `x` is an identifier). Instrumenting and registering such code cost ~150 µs an eval; a program that evals tens of
 * thousands of such texts spent most of its time there. Runs as is unless a step is in progress (a step stops at
 * each of its statements).
 */
import { parseForInstrument, type AnyNode } from './instrument/parse';

/** Whether `source`, given to eval, is inert (see above); false also when it does not parse. */
export function inertEval(source: string): boolean {
  // Cheap refusal first, before a parse that instrumenting would repeat: text with a call, a template, a function or
  // a block in it (or such characters in a literal: refused too, which costs only the fast path).
  if (source.length > 4096 || /[(`{]/.test(source)) return false;
  let program: AnyNode;
  try {
    program = parseForInstrument(source, { filename: '<eval>', fileId: -1, sourceType: 'script', evalCode: true });
  } catch {
    return false;
  }
  return (program.body as AnyNode[]).every(inertStatement);
}

function inertStatement(s: AnyNode): boolean {
  if (s.type === 'EmptyStatement') return true;
  if (s.type === 'ExpressionStatement') return s.expression.type === 'Literal';
  if (s.type === 'VariableDeclaration' && s.kind === 'var') {
    return (s.declarations as AnyNode[]).every((d) => d.id.type === 'Identifier' && (d.init === null || d.init.type === 'Literal'));
  }
  return false;
}
