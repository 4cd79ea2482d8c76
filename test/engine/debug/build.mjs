// Bundles the debug sources the tests import (CommonJS), once per process.
import { loadBundle } from '../../support/bundle.mjs';

let built;

/** Returns the bundled debug modules: { instrument, controller }. */
export async function load() {
  built ??= loadBundle(
    { instrument: 'src/engine/debug/instrument.ts', controller: 'src/engine/debug/controller.ts' },
    { external: ['quickjs-emscripten', 'quickjs-emscripten-core', '@jitl/*'] },
  );
  return built;
}
