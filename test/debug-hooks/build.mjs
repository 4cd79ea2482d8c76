// Bundles the debug sources the tests import into a temp folder (CommonJS), once per process.
import * as esbuild from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';

const root = join(dirname(new URL(import.meta.url).pathname), '../..');
let built;

/** Returns the bundled debug modules: { instrument, controller }. */
export async function load() {
  if (built) return built;
  const out = mkdtempSync(join(tmpdir(), 'qjs-debug-hooks-'));
  await esbuild.build({
    entryPoints: {
      instrument: join(root, 'src/engine/debug/instrument.ts'),
      controller: join(root, 'src/engine/debug/controller.ts'),
    },
    outdir: out, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    loader: { '.kernel.js': 'text' }, logLevel: 'error', external: ['quickjs-emscripten', 'quickjs-emscripten-core', '@jitl/*'],
  });
  const require = createRequire(join(out, 'x.js'));
  built = { instrument: require(join(out, 'instrument.js')), controller: require(join(out, 'controller.js')) };
  return built;
}
