/**
 * Loads the release QuickJS build for syntax checks. The wasm is compiled once per process; a fresh
 * instance (needed after a host exception) then only instantiates it, a few milliseconds.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import releaseVariant from '@jitl/quickjs-wasmfile-release-sync';

let compiled: Promise<WebAssembly.Module> | undefined;

function wasmPath(): string {
  // esbuild.mjs copies the wasm beside the bundle; the variant package's own loader cannot find it from dist/.
  const bundled = join(__dirname, 'wasm', 'quickjs.wasm');
  if (!existsSync(bundled)) throw new Error(`QuickJS wasm not found at ${bundled}; run \`npm run build\``);
  return bundled;
}

/** A new QuickJS module instance sharing the process's compiled wasm. */
export async function newSyntaxCheckModule(): Promise<QuickJSWASMModule> {
  compiled ??= WebAssembly.compile(readFileSync(wasmPath()));
  const wasmModule = await compiled;
  return newQuickJSWASMModuleFromVariant(newVariant(releaseVariant, { wasmModule }));
}
