/** Kernel scripts run inside QuickJS; esbuild imports them as text. */
declare module '*.kernel.js' {
  const source: string;
  export default source;
}
