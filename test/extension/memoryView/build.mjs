// Bundles the memory view's editor-independent modules for the tests (they import no `vscode`).
import { loadBundle, root } from '../../support/bundle.mjs';

export { root };

/** Builds and loads src/extension/memoryView/{model,sources}.ts; returns their exports. */
export async function loadMemoryView() {
  return loadBundle({ model: 'src/extension/memoryView/model.ts', sources: 'src/extension/memoryView/sources.ts' });
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
