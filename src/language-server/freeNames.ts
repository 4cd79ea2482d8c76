/**
 * Finds the free references of a script: identifiers used but declared nowhere in the script, which
 * therefore must come from the global object. Also notes what makes a file a module (import/export,
 * top-level await). Works on an acorn ESTree AST, walked by acorn-walk.
 */

import type { AnyNode, Class, Function, Identifier, Node, Pattern } from 'acorn';
import * as walk from 'acorn-walk';
import { forEachBoundName, hasTopLevelAwait } from '../engine/estree';

/** One use of a name no enclosing scope declares. */
export interface FreeReference {
  name: string;
  start: number;
  end: number;
  /** The operand of `typeof`, the usual feature test, which is safe without the global. */
  underTypeof: boolean;
}

/** Module sources named by import/export declarations and literal `import()` calls. */
export interface ImportedSource {
  source: string;
  start: number;
  end: number;
}

/** What the analysis found. */
export interface ScriptFacts {
  freeReferences: FreeReference[];
  imports: ImportedSource[];
  /** Static import or export declarations. */
  hasModuleSyntax: boolean;
  /** `await` outside every function. */
  hasTopLevelAwait: boolean;
}

class Scope {
  readonly names = new Set<string>();
  constructor(readonly parent: Scope | undefined, readonly isFunction: boolean) {}

  functionScope(): Scope {
    let scope: Scope = this;
    while (!scope.isFunction && scope.parent) scope = scope.parent;
    return scope;
  }

  declares(name: string): boolean {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) if (scope.names.has(name)) return true;
    return false;
  }
}

/** Walks `program` once; references are resolved at the end, when every (hoisted) declaration is known. */
export function analyzeScript(program: Node | object): ScriptFacts {
  const references: { node: Identifier; scope: Scope; underTypeof: boolean }[] = [];
  const facts: ScriptFacts = { freeReferences: [], imports: [], hasModuleSyntax: false, hasTopLevelAwait: hasTopLevelAwait(program as Node) };
  const root = new Scope(undefined, true);

  const noteSource = (literal: AnyNode): void => {
    if (literal.type === 'Literal' && typeof literal.value === 'string') facts.imports.push({ source: literal.value, start: literal.start, end: literal.end });
  };
  const reference = (node: Identifier, scope: Scope, underTypeof = false): void => {
    references.push({ node, scope, underTypeof });
  };

  // acorn-walk's base walker visits every child; these visitors add what a scope analysis needs: where names are
  // declared (hoisted to the function for `var` and sloppy functions), and which identifiers are uses.
  const visitors: walk.RecursiveVisitors<Scope> & { VariablePattern: (node: Pattern, scope: Scope) => void } = {
    Identifier: (node, scope) => reference(node, scope),
    // An identifier as an assignment target (`x = 1`, `[a, b] = pair`, `for (x of xs)`) is a use of a binding.
    VariablePattern: (node, scope) => reference(node as Identifier, scope),
    Function: (node, scope, c) => {
      const fn = node as Function;
      if (fn.type === 'FunctionDeclaration' && fn.id) {
        // Sloppy-mode block functions leak to the function scope; declaring in both never hides a real global.
        scope.names.add(fn.id.name);
        scope.functionScope().names.add(fn.id.name);
      }
      const inner = new Scope(scope, true);
      if (fn.type === 'FunctionExpression' && fn.id) inner.names.add(fn.id.name);
      if (fn.type !== 'ArrowFunctionExpression') inner.names.add('arguments');
      for (const param of fn.params) declare(param, inner, inner, c);
      // The body's block shares the parameters' scope.
      if (fn.body.type === 'BlockStatement') walk.base.BlockStatement!(fn.body, inner, c);
      else c(fn.body, inner);
    },
    Class: (node, scope, c) => {
      const cls = node as Class;
      if (cls.type === 'ClassDeclaration' && cls.id) scope.names.add(cls.id.name);
      const inner = new Scope(scope, false);
      if (cls.id) inner.names.add(cls.id.name);
      if (cls.superClass) c(cls.superClass, scope);
      c(cls.body, inner);
    },
    VariableDeclaration: (node, scope, c) => {
      const target = node.kind === 'var' ? scope.functionScope() : scope;
      for (const declarator of node.declarations) {
        declare(declarator.id, target, scope, c);
        if (declarator.init) c(declarator.init, scope);
      }
    },
    BlockStatement: (node, scope, c) => walk.base.BlockStatement!(node, new Scope(scope, false), c),
    StaticBlock: (node, scope, c) => walk.base.StaticBlock!(node, new Scope(scope, true), c),
    SwitchStatement: (node, scope, c) => walk.base.SwitchStatement!(node, new Scope(scope, false), c),
    ForStatement: (node, scope, c) => walk.base.ForStatement!(node, new Scope(scope, false), c),
    ForInStatement: (node, scope, c) => walk.base.ForInStatement!(node, new Scope(scope, false), c),
    ForOfStatement: (node, scope, c) => walk.base.ForOfStatement!(node, new Scope(scope, false), c),
    CatchClause: (node, scope, c) => {
      const inner = new Scope(scope, false);
      if (node.param) declare(node.param, inner, inner, c);
      walk.base.BlockStatement!(node.body, inner, c);
    },
    UnaryExpression: (node, scope, c) => {
      // `typeof x`, the usual feature test, is safe without the global.
      if (node.operator === 'typeof' && node.argument.type === 'Identifier') reference(node.argument, scope, true);
      else c(node.argument, scope);
    },
    ImportDeclaration: (node) => {
      facts.hasModuleSyntax = true;
      noteSource(node.source);
      for (const specifier of node.specifiers) root.names.add(specifier.local.name);
    },
    ExportNamedDeclaration: (node, scope, c) => {
      facts.hasModuleSyntax = true;
      if (node.source) {
        noteSource(node.source);
        return;
      }
      if (node.declaration) c(node.declaration, scope);
      for (const specifier of node.specifiers) if (specifier.local.type === 'Identifier') reference(specifier.local, scope);
    },
    ExportAllDeclaration: (node) => {
      facts.hasModuleSyntax = true;
      noteSource(node.source);
    },
    ExportDefaultDeclaration: (node, scope, c) => {
      facts.hasModuleSyntax = true;
      c(node.declaration, scope);
    },
    ImportExpression: (node, scope, c) => {
      noteSource(node.source);
      walk.base.ImportExpression!(node, scope, c);
    },
  };

  // Binding patterns: names are declared in `target`; defaults and computed keys are ordinary expressions in `scope`.
  const declare = (pattern: Pattern, target: Scope, scope: Scope, c: walk.WalkerCallback<Scope>): void =>
    forEachBoundName(pattern, (id) => target.names.add(id.name), (expression) => c(expression, scope));

  walk.recursive(program as Node, root, visitors);
  for (const { node, scope, underTypeof } of references) {
    if (!scope.declares(node.name)) facts.freeReferences.push({ name: node.name, start: node.start, end: node.end, underTypeof });
  }
  return facts;
}
