// Builds the notebook's editor-neutral modules (the sources' own code, bundled by esbuild) and loads the engine
// bundle, so the tests run exactly the code the extension runs, against the real QuickJS engine.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadBundle, root } from '../../support/bundle.mjs';

const require = createRequire(import.meta.url);
export { root };

/** Bundles src/extension/notebook/<name>.ts to CommonJS and requires it. */
export async function loadNotebookModule(name) {
  return (await loadBundle({ [name]: `src/extension/notebook/${name}.ts` }, { external: ['vscode', 'esbuild'] }))[name];
}

/** The engine bundle (`npm run build` makes it). */
export function engine() {
  return require(join(root, 'dist/engine.js'));
}

/** A sandbox on the debug build, so a leaked handle fails the test; events are collected in `events`. */
export async function leakCheckedSandbox(options = {}) {
  const { Sandbox } = engine();
  const sandbox = await Sandbox.create({ leakCheck: true, timeoutMs: 10_000, ...options });
  const events = [];
  sandbox.onEvent((e) => events.push(e));
  return { sandbox, events };
}
