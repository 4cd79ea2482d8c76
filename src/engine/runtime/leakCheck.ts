/**
 * The leak-checking build (`leakCheck: true`, the `quickjs-debug` variant): how a worker instantiates it and how it
 * asks it for leaks when a sandbox is disposed. Kept apart from the worker so that a test can prove, on the same
 * instantiation, that a leak is still reported (test/engine/leak-check.test.mjs).
 */
import { TestQuickJSWASMModule, newQuickJSWASMModuleFromVariant, newVariant, type QuickJSSyncVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';

/**
 * Instantiates the leak-checking build without its sanitizer's stack traces. The sanitizer records the stack of
 * every malloc and free by formatting a JavaScript `Error().stack` and parsing it: about 85% of that build's CPU (an
 * engine with its kernels took ~3 s to make instead of ~0.3 s). The traces only decorate the sanitizer's printed
 * report, which goes to the worker's silenced stderr; finding a leak does not use them. So the two imports that
 * capture a stack report an empty one.
 */
export async function newLeakCheckingModule(base: QuickJSSyncVariant, wasmModule: WebAssembly.Module, wasmMemory: WebAssembly.Memory): Promise<TestQuickJSWASMModule> {
  const emscriptenModule = {
    instantiateWasm(imports: Record<string, Record<string, unknown>>, onSuccess: (instance: WebAssembly.Instance) => void): object {
      imports.env = { ...imports.env, emscripten_stack_snapshot: () => 0, emscripten_stack_unwind_buffer: () => 0 };
      // A failed instantiation surfaces as the module's own start-up error (emscripten aborts and rejects).
      void WebAssembly.instantiate(wasmModule, imports).then(onSuccess);
      return {}; // emscripten's signal that the instance arrives through onSuccess
    },
  };
  const qjs = await newQuickJSWASMModuleFromVariant(newVariant(base, { wasmMemory, emscriptenModule }));
  return new TestQuickJSWASMModule(qjs);
}

/**
 * Calls `dispose` (which frees a sandbox's runtime and context) and, on the leak-checking build, checks the module for
 * leaks: a live runtime or context, an object still referenced when the runtime is freed (QuickJS's own assertion,
 * which aborts the instance), or memory the leak sanitizer finds unreachable. Returns the report (or what the
 * dispose threw on another build), undefined when nothing leaked; after a report the instance must not be used again.
 */
export function disposeAndCheck(qjs: QuickJSWASMModule | TestQuickJSWASMModule, dispose: () => void): string | undefined {
  try {
    dispose();
    if (qjs instanceof TestQuickJSWASMModule) {
      const test = qjs as unknown as { runtimes: Set<{ alive: boolean }>; contexts: Set<{ alive: boolean }> };
      // quickjs-emscripten 0.32's test module never forgets a disposed runtime; only live ones are leaks.
      for (const set of [test.runtimes, test.contexts]) for (const x of set) if (!x.alive) set.delete(x);
      qjs.assertNoMemoryAllocated();
    }
    return undefined;
  } catch (e) {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
}
