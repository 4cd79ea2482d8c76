// Kernels (src/engine/kernel/*.kernel.js) are ES modules that run inside QuickJS. They share modules (the intrinsics
// captured before any program runs, the value renderer), so each is bundled by esbuild into one script whose
// completion value is the kernel's default export, `install(host)`: the text the engine evaluates. The product build
// (esbuild.mjs) and the tests (test/support/bundle.mjs, test/engine/kernel/helpers.mjs) use this one plugin, so a test runs
// the same script the product does.
import * as esbuild from 'esbuild';
import { resolve } from 'node:path';

/** The variable the bundle assigns the kernel's exports to, inside a function: it never becomes a global. */
const EXPORTS = '__kernelExports';

/** The script the engine evaluates for the kernel at `file`, and the files it was built from (for watch mode). */
export async function buildKernel(file) {
  const result = await esbuild.build({
    entryPoints: [file],
    bundle: true,
    write: false,
    metafile: true,
    format: 'iife',
    globalName: EXPORTS,
    // QuickJS supports ES2023; nothing needs lowering, and lowering would add helpers that call live built-ins.
    target: 'es2022',
    platform: 'neutral',
    // QuickJS keeps each function's source text for `Function.prototype.toString`: without the indentation and the
    // comments a sandbox holds about 25 KB less. Names are kept, so the text and the kernel's stacks stay readable.
    minifyWhitespace: true,
    logLevel: 'warning',
  });
  const bundled = result.outputFiles[0].text;
  // The completion value of the script is `install`. (esbuild marks the bundle strict, as the modules it came from.)
  const text = `(function () {\n${bundled}return ${EXPORTS}.default;\n})()\n`;
  return { text, inputs: Object.keys(result.metafile.inputs).map((p) => resolve(p)) };
}

/** An esbuild plugin: `import source from './x.kernel.js'` gives the bundled kernel script as a string. */
export const kernelPlugin = {
  name: 'kernel-scripts',
  setup(build) {
    build.onLoad({ filter: /\.kernel\.js$/ }, async (args) => {
      const { text, inputs } = await buildKernel(args.path);
      return { contents: text, loader: 'text', watchFiles: inputs };
    });
  },
};
