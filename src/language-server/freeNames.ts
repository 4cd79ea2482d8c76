/**
 * Finds the free references of a script: identifiers used but declared nowhere in the script, which
 * therefore must come from the global object. Also notes what makes a file a module (import/export,
 * top-level await). Works on an acorn ESTree AST.
 */

/** An ESTree node, read loosely: the walker visits every child by key. */
interface AnyNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

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

const skippedKeys = new Set(['type', 'start', 'end', 'loc', 'range', 'raw', 'regex', 'value', 'bigint']);

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Walks `program` once; references are resolved at the end, when every (hoisted) declaration is known. */
export function analyzeScript(program: AnyNode | object): ScriptFacts {
  const references: { node: AnyNode; scope: Scope; underTypeof: boolean }[] = [];
  const facts: ScriptFacts = { freeReferences: [], imports: [], hasModuleSyntax: false, hasTopLevelAwait: false };
  const root = new Scope(undefined, true);
  let functionDepth = 0;

  const children = (node: AnyNode, scope: Scope): void => {
    for (const key of Object.keys(node)) {
      if (skippedKeys.has(key)) continue;
      const child = node[key];
      if (Array.isArray(child)) {
        for (const item of child) if (isNode(item)) visit(item, scope);
      } else if (isNode(child)) {
        visit(child, scope);
      }
    }
  };

  // Binding patterns: names are declared in `target`; defaults and computed keys are ordinary expressions.
  const declarePattern = (pattern: AnyNode | null | undefined, target: Scope, scope: Scope): void => {
    if (!pattern) return;
    switch (pattern.type) {
      case 'Identifier':
        target.names.add(pattern.name as string);
        break;
      case 'ObjectPattern':
        for (const prop of pattern.properties as AnyNode[]) {
          if (prop.type === 'RestElement') declarePattern(prop.argument as AnyNode, target, scope);
          else {
            if (prop.computed) visit(prop.key as AnyNode, scope);
            declarePattern(prop.value as AnyNode, target, scope);
          }
        }
        break;
      case 'ArrayPattern':
        for (const element of pattern.elements as (AnyNode | null)[]) declarePattern(element, target, scope);
        break;
      case 'RestElement':
        declarePattern(pattern.argument as AnyNode, target, scope);
        break;
      case 'AssignmentPattern':
        declarePattern(pattern.left as AnyNode, target, scope);
        visit(pattern.right as AnyNode, scope);
        break;
      default:
        // A member expression as an assignment target: `[obj.a] = ...`.
        visit(pattern, scope);
    }
  };

  const visitFunction = (node: AnyNode, scope: Scope): void => {
    if (node.type === 'FunctionDeclaration' && node.id) {
      // Sloppy-mode block functions leak to the function scope; declaring in both never hides a real global.
      scope.names.add((node.id as AnyNode).name as string);
      scope.functionScope().names.add((node.id as AnyNode).name as string);
    }
    const inner = new Scope(scope, true);
    if (node.type === 'FunctionExpression' && node.id) inner.names.add((node.id as AnyNode).name as string);
    if (node.type !== 'ArrowFunctionExpression') inner.names.add('arguments');
    functionDepth++;
    for (const param of node.params as AnyNode[]) declarePattern(param, inner, inner);
    const body = node.body as AnyNode;
    if (body.type === 'BlockStatement') children(body, inner);
    else visit(body, inner);
    functionDepth--;
  };

  const visit = (node: AnyNode, scope: Scope, underTypeof = false): void => {
    switch (node.type) {
      case 'Identifier':
        references.push({ node, scope, underTypeof });
        return;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        visitFunction(node, scope);
        return;
      case 'ClassDeclaration':
      case 'ClassExpression': {
        if (node.type === 'ClassDeclaration' && node.id) scope.names.add((node.id as AnyNode).name as string);
        const inner = new Scope(scope, false);
        if (node.id) inner.names.add((node.id as AnyNode).name as string);
        if (node.superClass) visit(node.superClass as AnyNode, scope);
        children(node.body as AnyNode, inner);
        return;
      }
      case 'MethodDefinition':
      case 'PropertyDefinition':
      case 'Property':
        if (node.computed) visit(node.key as AnyNode, scope);
        if (node.value) visit(node.value as AnyNode, scope);
        return;
      case 'MemberExpression':
        visit(node.object as AnyNode, scope);
        if (node.computed) visit(node.property as AnyNode, scope);
        return;
      case 'VariableDeclaration': {
        const target = node.kind === 'var' ? scope.functionScope() : scope;
        for (const declarator of node.declarations as AnyNode[]) {
          declarePattern(declarator.id as AnyNode, target, scope);
          if (declarator.init) visit(declarator.init as AnyNode, scope);
        }
        return;
      }
      case 'BlockStatement':
      case 'StaticBlock':
      case 'SwitchStatement':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
        if (node.type === 'ForOfStatement' && node.await && functionDepth === 0) facts.hasTopLevelAwait = true;
        children(node, new Scope(scope, node.type === 'StaticBlock'));
        return;
      case 'CatchClause': {
        const inner = new Scope(scope, false);
        declarePattern(node.param as AnyNode | null, inner, inner);
        children(node.body as AnyNode, inner);
        return;
      }
      case 'LabeledStatement':
        visit(node.body as AnyNode, scope);
        return;
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'MetaProperty':
      case 'PrivateIdentifier':
        return;
      case 'UnaryExpression':
        visit(node.argument as AnyNode, scope, node.operator === 'typeof');
        return;
      case 'AwaitExpression':
        if (functionDepth === 0) facts.hasTopLevelAwait = true;
        children(node, scope);
        return;
      case 'ImportDeclaration':
        facts.hasModuleSyntax = true;
        noteSource(node.source as AnyNode);
        for (const specifier of node.specifiers as AnyNode[]) root.names.add((specifier.local as AnyNode).name as string);
        return;
      case 'ExportNamedDeclaration':
        facts.hasModuleSyntax = true;
        if (node.source) {
          noteSource(node.source as AnyNode);
          return;
        }
        if (node.declaration) visit(node.declaration as AnyNode, scope);
        for (const specifier of node.specifiers as AnyNode[]) visit(specifier.local as AnyNode, scope);
        return;
      case 'ExportAllDeclaration':
        facts.hasModuleSyntax = true;
        noteSource(node.source as AnyNode);
        return;
      case 'ExportDefaultDeclaration':
        facts.hasModuleSyntax = true;
        visit(node.declaration as AnyNode, scope);
        return;
      case 'ImportExpression':
        if ((node.source as AnyNode).type === 'Literal') noteSource(node.source as AnyNode);
        children(node, scope);
        return;
      default:
        children(node, scope);
    }
  };

  const noteSource = (literal: AnyNode): void => {
    if (typeof literal.value === 'string') facts.imports.push({ source: literal.value, start: literal.start, end: literal.end });
  };

  visit(program as AnyNode, root);
  for (const { node, scope, underTypeof } of references) {
    const name = node.name as string;
    if (!scope.declares(name)) facts.freeReferences.push({ name, start: node.start, end: node.end, underTypeof });
  }
  return facts;
}
