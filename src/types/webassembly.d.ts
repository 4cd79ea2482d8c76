/**
 * The part of the WebAssembly JS API this project uses. Node provides it at run time; TypeScript only declares it
 * in the DOM library, whose fetch and stream types clash with Node's.
 */
declare namespace WebAssembly {
  interface Module {}
  interface Memory {
    readonly buffer: ArrayBuffer;
  }
  const Memory: {
    new (descriptor: { initial: number; maximum?: number; shared?: boolean }): Memory;
  };
  class RuntimeError extends Error {}
  function compile(bytes: BufferSource): Promise<Module>;
  interface Instance {}
  function instantiate(module: Module, imports: Record<string, Record<string, unknown>>): Promise<Instance>;
  const Module: {
    new (bytes: BufferSource): Module;
    exports(module: Module): Array<{ name: string; kind: string }>;
  };
}
type BufferSource = ArrayBufferView | ArrayBuffer;
