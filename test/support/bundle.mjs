// The one way tests bundle the project's TypeScript modules: esbuild turns them into CommonJS files that plain Node
// loads, with the product build's settings (esbuild.mjs) where they matter (Node 20, `.kernel.js` files bundled into the scripts the engine evaluates).
import * as esbuild from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kernelPlugin } from '../../scripts/kernel-bundle.mjs';

/** The repository root. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

const require = createRequire(import.meta.url);

/**
 * Bundles `entries` ({ outputName: path relative to the repository root }) into a fresh folder and returns the
 * output paths ({ outputName: absolute path of the .js file }) and `remove()`, which deletes the folder.
 * Options: `external` (module names left to `require` at run time), `stubs` ({ moduleName: CommonJS source } served
 * instead of the real module, e.g. a small `vscode`).
 */
export async function bundle(entries, { external = [], stubs = {} } = {}) {
  // Inside the repository, so that a bundle's require() of an external module finds the project's node_modules.
  const parent = join(root, 'node_modules/.cache/quickjs-test-bundles');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'bundle-'));
  try {
    await esbuild.build({
      entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(root, file)])),
      outdir: dir,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external,
      plugins: [kernelPlugin, ...(Object.keys(stubs).length ? [stubPlugin(stubs)] : [])],
      logLevel: 'error',
    });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const paths = Object.fromEntries(Object.keys(entries).map((name) => [name, join(dir, `${name}.js`)]));
  return { paths, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Bundles `entries` like `bundle`, loads each output with require() and returns their exports by output name.
 * The files are deleted once loaded (a CommonJS module stays in memory).
 */
export async function loadBundle(entries, options) {
  const { paths, remove } = await bundle(entries, options);
  try {
    return Object.fromEntries(Object.entries(paths).map(([name, path]) => [name, require(path)]));
  } finally {
    remove();
  }
}

/** Serves each module named in `stubs` from the given source instead of resolving it. */
function stubPlugin(stubs) {
  const names = Object.keys(stubs);
  const filter = new RegExp(`^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
  return {
    name: 'test-stubs',
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'test-stub' }));
      build.onLoad({ filter: /.*/, namespace: 'test-stub' }, (args) => ({ contents: stubs[args.path], loader: 'js' }));
    },
  };
}
