// Kernels (src/engine/kernel/*.kernel.js) are ES modules that run inside QuickJS. They share modules (the intrinsics
// captured before any program runs, the value renderer), so each is bundled by esbuild into one script whose
// completion value is the kernel's default export, `install(host)`: the text the engine evaluates. The product build
// (esbuild.mjs) and the tests (test/support/bundle.mjs, test/engine/kernel/helpers.mjs) use this one plugin, so a test runs
// the same script the product does.
import * as esbuild from 'esbuild';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The variable the bundle assigns the kernel's exports to, inside a function: it never becomes a global. */
const EXPORTS = '__kernelExports';
/** The parameter through which a part receives the intrinsics its kernel captured (see `buildKernel`). */
const INTRINSICS = '__kernelIntrinsics';
/** The parameter through which a part receives what its kernel hands it besides the intrinsics (shared/partInput.js). */
const PART_INPUT = '__kernelPartInput';
const intrinsicsFile = fileURLToPath(new URL('../src/engine/kernel/shared/intrinsics.js', import.meta.url));
const partInputFile = fileURLToPath(new URL('../src/engine/kernel/shared/partInput.js', import.meta.url));

let intrinsicNames;
/** The names shared/intrinsics.js exports (esbuild's own list of them). */
async function intrinsicsExports() {
  intrinsicNames ??= esbuild.build({ entryPoints: [intrinsicsFile], bundle: false, write: false, metafile: true, format: 'esm', outdir: 'out', logLevel: 'warning' })
    .then((r) => Object.values(r.metafile.outputs)[0].exports);
  return intrinsicNames;
}

/**
 * The script the engine evaluates for the kernel at `file`, and the files it was built from (for watch mode).
 *
 * A `*.kernel.js` script's completion value is its default export, `install(host)`. A `*.part.js` is a part of a
 * kernel that the kernel evaluates only when first needed (after user code may have run): its script's completion
 * value is a function of the kernel's captured intrinsics (`import * as intrinsics from './shared/intrinsics.js'`,
 * passed in) returning its default export. Its own imports of shared/intrinsics.js read that object, so the part
 * calls the built-ins captured before any program ran, never the ones in the context when it is evaluated. The
 * function's second argument is what the kernel hands the part's top-level code (`partInput` of shared/partInput.js):
 * the part's modules run before its default export is called, so this is how they reach the kernel's own objects.
 */
export async function buildKernel(file) {
  const part = file.endsWith('.part.js');
  const names = part ? await intrinsicsExports() : [];
  const result = await esbuild.build({
    entryPoints: [file],
    bundle: true,
    write: false,
    metafile: true,
    // A part is an ES module bundle whose one export becomes the function's return value below: iife's exports object
    // would be made with esbuild's helpers, which read Object.defineProperty when the part is evaluated.
    ...(part ? { format: 'esm' } : { format: 'iife', globalName: EXPORTS }),
    // QuickJS supports ES2023; nothing needs lowering, and lowering would add helpers that call live built-ins.
    target: 'es2022',
    platform: 'neutral',
    // QuickJS keeps each function's source text for `Function.prototype.toString`: without the indentation and the
    // comments a sandbox holds about 25 KB less. Names are kept, so the text and the kernel's stacks stay readable.
    minifyWhitespace: true,
    logLevel: 'warning',
    plugins: part ? [{
      name: 'kernel-part-intrinsics',
      setup(b) {
        b.onLoad({ filter: /[\\/]shared[\\/]intrinsics\.js$/ }, (args) => (resolve(args.path) === intrinsicsFile
          ? { contents: `export const { ${names.join(', ')} } = ${INTRINSICS};`, loader: 'js' }
          : undefined));
        b.onLoad({ filter: /[\\/]shared[\\/]partInput\.js$/ }, (args) => (resolve(args.path) === partInputFile
          ? { contents: `export const partInput = ${PART_INPUT};`, loader: 'js' }
          : undefined));
      },
    }] : [],
  });
  const bundled = result.outputFiles[0].text;
  if (!part) {
    // The completion value of the script is `install`. (esbuild marks the bundle strict, as the modules it came from.)
    return { text: `(function () {\n${bundled}return ${EXPORTS}.default;\n})()\n`, inputs: inputsOf(result) };
  }
  const exported = /export\s*\{\s*([\w$]+)\s+as\s+default\s*\};?\s*$/.exec(bundled);
  // esbuild writes a bundle's exports as one statement at its end: a part exports its default only.
  if (!exported) throw new Error(`${file}: a kernel part must export its default and nothing else`);
  // Strict, as the modules it came from.
  return { text: `(function (${INTRINSICS}, ${PART_INPUT}) {\n"use strict";${bundled.slice(0, exported.index)}return ${exported[1]};\n})\n`, inputs: inputsOf(result) };
}

const inputsOf = (result) => Object.keys(result.metafile.inputs).map((p) => resolve(p));

/** An esbuild plugin: `import source from './x.kernel.js'` (or `./x.part.js`) gives the bundled script as a string. */
export const kernelPlugin = {
  name: 'kernel-scripts',
  setup(build) {
    build.onLoad({ filter: /\.(kernel|part)\.js$/ }, async (args) => {
      const { text, inputs } = await buildKernel(args.path);
      return { contents: text, loader: 'text', watchFiles: inputs };
    });
  },
};
