// Bundles the memory view's editor-independent modules for the tests (they import no `vscode`).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

/** Builds and loads src/extension/memoryView/{model,sources}.ts; returns their exports. */
export async function loadMemoryView() {
  const out = mkdtempSync(join(tmpdir(), 'quickjs-memview-'));
  try {
    await esbuild.build({
      entryPoints: {
        model: join(root, 'src/extension/memoryView/model.ts'),
        sources: join(root, 'src/extension/memoryView/sources.ts'),
      },
      outdir: out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'error',
    });
    return { model: require(join(out, 'model.js')), sources: require(join(out, 'sources.js')) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** A detailed MemoryStats with every field set, overridden by `fields`. */
export function stats(fields = {}) {
  const base = {
    time: 0, heap_size: 16 * 1024 * 1024, malloc_size: 16 * 1024 * 1024, malloc_limit: 64 * 1024 * 1024,
    memory_used_size: 300_000, malloc_count: 4000, memory_used_count: 4000, atom_count: 1284, atom_size: 43_947,
    str_count: 88, str_size: 2378, obj_count: 754, obj_size: 36_192, prop_count: 2793, prop_size: 24_328,
    shape_count: 263, shape_size: 38_968, js_func_count: 188, js_func_size: 117_043, js_func_code_size: 26_090,
    js_func_pc2line_count: 188, js_func_pc2line_size: 13_548, c_func_count: 289, array_count: 14,
    fast_array_count: 14, fast_array_elements: 30, binary_object_count: 0, binary_object_size: 0,
  };
  return { ...base, ...fields };
}

/** A heap-only sample, as the engine sends between detailed ones. */
export function partial(time, heap) {
  const s = stats({ time, heap_size: heap, malloc_size: heap, partial: true });
  for (const k of Object.keys(s)) if (!['time', 'heap_size', 'malloc_size', 'malloc_limit', 'partial'].includes(k)) s[k] = 0;
  return s;
}
