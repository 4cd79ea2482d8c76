/**
 * Node's globals and modules that the sandbox does not have, each with what to use instead.
 * The warnings matter because such a script fails only at run time, with a bare ReferenceError.
 */
import { builtinModules } from 'node:module';
import { nodeBuiltinFile } from '../engine/runtime/nodeBuiltins';
import { permissionHelp } from './hostApis';

/** What a script can use instead of each Node-only global. */
export const nodeOnlyGlobals: Readonly<Record<string, string>> = {
  require: 'load code with `import` (ES modules) instead, and read files with `sandbox.readFile(path)`, which ' + permissionHelp.read,
  Buffer: 'use `Uint8Array` with `TextEncoder`/`TextDecoder` for text, and `atob`/`btoa` for base64',
  module: 'use `export` statements instead of `module.exports`',
  exports: 'use `export` statements instead of `exports.name = ...`',
  __dirname: 'relative paths given to `sandbox.readFile` are resolved against the run\'s working folder',
  __filename: 'relative paths given to `sandbox.readFile` are resolved against the run\'s working folder; a module can read `import.meta.url`',
  global: 'use `globalThis`',
  setImmediate: 'use `setTimeout(callback, 0)` or `queueMicrotask(callback)`',
  clearImmediate: 'use `clearTimeout` with a `setTimeout` timer',
};

/** Specific advice for some Node modules; the rest get the generic message. */
const moduleAdvice: Readonly<Record<string, string>> = {
  fs: 'read files with `sandbox.readFile(path)`, which ' + permissionHelp.read,
  'fs/promises': 'read files with `sandbox.readFile(path)`, which ' + permissionHelp.read,
  http: 'make requests with `fetch`, which ' + permissionHelp.net,
  https: 'make requests with `fetch`, which ' + permissionHelp.net,
};

const builtins = new Set(builtinModules);

/**
 * A warning about a Node-only name: one short sentence for the Problems panel, and the advice (Markdown) that the
 * hover shows over the name.
 */
export interface NodeOnlyWarning {
  message: string;
  advice: string;
}

/** The warning for a free use of `name`, or undefined when the name is not a Node-only global. */
export function nodeGlobalWarning(name: string): NodeOnlyWarning | undefined {
  if (!Object.hasOwn(nodeOnlyGlobals, name)) return undefined;
  return {
    message: `The QuickJS sandbox has no \`${name}\` (a Node.js global).`,
    advice: `\`${name}\` is a Node.js global that the QuickJS sandbox does not have: ${nodeOnlyGlobals[name]}.`,
  };
}

/**
 * The warning for importing `source`, or undefined when it is not one of Node's modules or is one the sandbox has
 * (`buffer`, `events`, `path`, ...: their npm implementations, see src/engine/runtime/nodeBuiltins.ts).
 */
export function nodeModuleWarning(source: string): NodeOnlyWarning | undefined {
  const bare = source.startsWith('node:') ? source.slice('node:'.length) : source;
  if (!source.startsWith('node:') && !builtins.has(bare)) return undefined;
  if (nodeBuiltinFile(source)) return undefined;
  const advice = moduleAdvice[bare] ?? 'the sandbox has only the language, its host APIs (`sandbox`, `fetch`, timers, `console`) and modules from your own files';
  return {
    message: `The QuickJS sandbox has no Node module \`${source}\`.`,
    advice: `\`${source}\` is a Node.js module that the QuickJS sandbox does not have: ${advice}.`,
  };
}
