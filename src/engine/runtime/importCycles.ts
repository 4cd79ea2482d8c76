/**
 * Circular imports, named when an error they cause reaches the user. An ES module cycle means a module can run before
 * a module it imports has finished evaluating: QuickJS then throws "x is not initialized" (Node: "Cannot access 'x'
 * before initialization"), and inside a package bundle, where esbuild turns such bindings into plain variables, the
 * binding reads as undefined. Neither message says that a cycle is the cause; this finds the cycle the failing file
 * is in, so the report can name it and the way out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The shortest import path from `file` back to itself (`[file, ..., file]`), or undefined when it is in no cycle. */
export function importCycle(file: string, importsOf: (file: string) => readonly string[]): string[] | undefined {
  const previous = new Map<string, string>();
  const queue = [file];
  for (let i = 0; i < queue.length && i < 5000; i++) {
    const at = queue[i]!;
    for (const next of importsOf(at)) {
      if (next === file) {
        const chain = [at];
        while (chain[0] !== file) chain.unshift(previous.get(chain[0]!)!);
        return [...chain, file];
      }
      if (!previous.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/**
 * The files a user module imports statically (`import`/`export ... from` of relative paths), read from its text; the
 * sandbox's own resolution (`resolve`) turns a specifier into a file. Unparsable files import nothing here.
 */
export function staticImportsOf(file: string, resolve: (specifier: string, fromDir: string) => string | undefined): string[] {
  let code: string;
  try {
    code = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const acorn = require('acorn') as typeof import('acorn');
  let program: import('acorn').Program;
  try {
    program = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const node of program.body) {
    const source = (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') ? node.source : undefined;
    if (source && typeof source.value === 'string' && /^\.\.?\//.test(source.value)) {
      const target = resolve(source.value, path.dirname(file));
      if (target) out.push(target);
    }
  }
  return out;
}

/** The note added to an error raised in a cycle: the cycle, and the way out. */
export function cycleNote(cycle: string[], pkg: string | undefined): string {
  const names = cycle.map((f) => path.basename(f)).join(' -> ');
  if (pkg) {
    // Inside a bundle the engine cannot tell an early read from any other undefined: the note says "if".
    return `${path.basename(cycle[0]!)} is in a circular import of package "${pkg}" (${names}), where a module can run before one it imports has finished and then reads its bindings as undefined; if that is the cause, import the package by its documented entry so its own order applies, or report the cycle to the package`;
  }
  return `${path.basename(cycle[0]!)} is in a circular import (${names}) and ran before a module it imports had finished evaluating; move the use into a function that runs after the imports finish, or break the cycle by moving the shared code into its own module`;
}
