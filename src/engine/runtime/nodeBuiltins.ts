/**
 * Node's built-in modules in the sandbox. Those with a pure-JavaScript implementation on npm (`buffer`, `events`,
 * `path`, `util`, `url`, `querystring`, `string_decoder`, `assert`, `stream`, ...) were bundled at build time into
 * dist/node-builtins/ (scripts/node-builtins.mjs says which package implements which); the package bundler resolves
 * their names, with or without `node:`, to those files, so they join the run's module graph like any package.
 * The others reach the machine (files, processes, network) and stay out: the sandbox grants such access only
 * through its own permission-checked APIs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinModules } from 'node:module';
import { distDir } from '../variants';

const BUILTINS = new Set(builtinModules);

/** Whether a specifier names a Node built-in module (`fs`, `node:fs`, `fs/promises`). */
export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier);
}

/** The bundled implementation of a built-in, or undefined for a machine built-in (or any other name). */
export function nodeBuiltinFile(specifier: string): string | undefined {
  return isNodeBuiltin(specifier) ? nodeBuiltinAliases()[specifier] : undefined;
}

/** Why a built-in without an implementation is missing, and what the sandbox grants instead. */
export const MACHINE_BUILTIN_ADVICE =
  'the sandbox has only the Node modules that need no machine access (README, "What runs as what"); files, network and environment are reachable only through its permission-checked APIs: sandbox.readFile (--allow-read), fetch (--allow-net), sandbox.env (--allow-env)';

let aliases: Record<string, string> | undefined;

/**
 * esbuild's `alias` option that makes every built-in with an implementation resolve to it, with and without `node:`,
 * wherever it is imported or required (an alias, not a plugin, because a late import bundles with buildSync, which
 * takes no plugins). A name with a trailing slash (`buffer/`) still means the npm package, as in Node.
 */
export function nodeBuiltinAliases(): Record<string, string> {
  if (!aliases) {
    aliases = {};
    const root = path.join(distDir, 'node-builtins');
    const walk = (dir: string, prefix: string): void => {
      for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
        if (e.isDirectory() && !(prefix === '' && e.name === 'machine')) walk(path.join(dir, e.name), `${prefix}${e.name}/`);
        else if (e.name.endsWith('.js')) {
          const name = prefix + e.name.slice(0, -3);
          aliases![name] = aliases![`node:${name}`] = path.join(dir, e.name);
        }
      }
    };
    walk(root, '');
  }
  return aliases;
}

/**
 * The stand-in of a machine built-in in dist/node-builtins/machine/ (it loads, and throws only when used), for a
 * package build that could not resolve the name otherwise: a package's `browser` field that maps it to `false` is
 * asked first. User code never gets a stand-in: its import of a machine built-in fails at once.
 */
export function machineStubFile(specifier: string): string | undefined {
  if (!isNodeBuiltin(specifier) || nodeBuiltinFile(specifier)) return undefined;
  const name = specifier.replace(/^node:/, '');
  const file = /^[a-z_0-9]+(\/[a-z_0-9]+)?$/.test(name) ? path.join(distDir, 'node-builtins', 'machine', `${name}.js`) : undefined;
  return file && fs.existsSync(file) ? file : undefined;
}

/**
 * Stand-ins for the built-in subpaths without an implementation under a module that has one (`path/win32`): esbuild's
 * alias of `path` takes its subpaths too, and would look for `path.js/win32`. For package builds only, as every
 * stand-in is.
 */
export function machineSubpathAliases(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of BUILTINS) {
    const stub = name.includes('/') && nodeBuiltinFile(name.split('/')[0]!) ? machineStubFile(name) : undefined;
    if (stub) out[name] = out[`node:${name}`] = stub;
  }
  return out;
}

/** Whether a file is one of the built-ins' (an implementation or a stand-in). */
export function isNodeBuiltinsFile(file: string): boolean {
  return file.startsWith(path.join(distDir, 'node-builtins') + path.sep);
}

/** The built-in name (`util`) a file of dist/node-builtins implements, or undefined for any other file. */
export function nodeBuiltinNameOf(file: string): string | undefined {
  return Object.entries(nodeBuiltinAliases()).find(([name, f]) => f === file && !name.startsWith('node:'))?.[0];
}

/**
 * esbuild's `inject` for package code: `Buffer` and `process` read as free variables (Node's globals) come from the
 * built-ins above, so a package written for Node finds them where Node has them; a package that never names them
 * gets nothing. `Error`, `TypeError`, ... come from errors.mjs: the sandbox's constructors that write `stack` in the
 * package's own positions (kernel/globals/packageErrors.js). (User code runs unbundled and has neither, as the language server warns.)
 */
export function nodeGlobalsInject(): string[] {
  return ['globals.mjs', 'errors.mjs'].map((f) => path.join(distDir, 'node-builtins', f)).filter((f) => fs.existsSync(f));
}
