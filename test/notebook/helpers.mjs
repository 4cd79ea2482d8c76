// Builds the notebook's editor-neutral modules (the sources' own code, bundled by esbuild) and loads the engine
// bundle, so the tests run exactly the code the extension runs, against the real QuickJS engine.
import * as esbuild from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after } from 'node:test';

const require = createRequire(import.meta.url);
export const root = new URL('../../', import.meta.url).pathname;

/** Bundles src/extension/notebook/<name>.ts to a temp CommonJS file and requires it. */
export async function loadNotebookModule(name) {
  // Inside the repo, so the bundle's require('esbuild') finds the project's node_modules.
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  const dir = mkdtempSync(join(root, 'node_modules/.cache/qjsnb-test-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const outfile = join(dir, `${name}.js`);
  await esbuild.build({
    entryPoints: [join(root, `src/extension/notebook/${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'esbuild'],
    logLevel: 'error',
  });
  return require(outfile);
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
