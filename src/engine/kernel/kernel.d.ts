/** Kernels run inside QuickJS; esbuild bundles each into one script and imports it as text (scripts/kernel-bundle.mjs). */
declare module '*.kernel.js' {
  const source: string;
  export default source;
}
/** A part of a kernel, evaluated on first use; imported as text the same way. */
declare module '*.part.js' {
  const source: string;
  export default source;
}
