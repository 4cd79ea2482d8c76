/**
 * Engine variants: which QuickJS build each name means and where its WebAssembly lives.
 * The host compiles each wasm once and hands the compiled module to every worker.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EngineVariant } from './api';
import { v8FlagsReady } from './v8Flags';

/** Variant names as the wasm files in dist/wasm are named; `quickjs-debug` is the leak-checking build. */
export type VariantName = EngineVariant | 'quickjs-debug';

/** The folder of the bundled engine (dist/), where the worker script and dist/wasm live. */
export const distDir: string = __dirname;

export function variantFor(engine: EngineVariant, leakCheck: boolean): VariantName {
  if (leakCheck && engine === 'quickjs') return 'quickjs-debug';
  return engine;
}

const compiled = new Map<VariantName, Promise<WebAssembly.Module>>();
const compiledDone = new Map<VariantName, WebAssembly.Module>();

/** The compiled WebAssembly module of a variant, compiled once per process. */
export function compiledModule(variant: VariantName): Promise<WebAssembly.Module> {
  let m = compiled.get(variant);
  if (!m) {
    const file = path.join(distDir, 'wasm', `${variant}.wasm`);
    const bytes = fs.promises.readFile(file).catch(() => {
      throw new Error(`engine variant "${variant}" is missing (${file}); run "npm run build"${variant === 'quickjs-debug' ? ' with dev dependencies installed' : ''}`);
    });
    // After the V8 flags a process asked for are set (V8 reads some per module at compile time).
    m = Promise.all([bytes, v8FlagsReady()]).then(([b]) => WebAssembly.compile(b));
    void m.then((mod) => compiledDone.set(variant, mod), () => undefined);
    compiled.set(variant, m);
  }
  return m;
}

/** The compiled module of a variant if its compile has finished (else undefined). */
export function compiledModuleIfDone(variant: VariantName): WebAssembly.Module | undefined {
  return compiledDone.get(variant);
}
