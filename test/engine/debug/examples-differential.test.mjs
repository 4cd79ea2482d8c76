// Differential fidelity through the real Sandbox: the project's own examples and the benchmark's workloads print and
// return exactly the same with the debugger attached (breakpoints set elsewhere, never hit) as without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const { Sandbox } = createRequire(import.meta.url)(join(root, 'dist/engine.js'));

/** Entry files: the examples (modules' helpers are reached through their entry) and the bench workloads. */
function entries() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|mjs|ts)$/.test(name) && name !== 'orbits.js') out.push(p);
    }
  };
  walk(join(root, 'examples'));
  walk(join(root, 'bench/workloads'));
  return out.sort();
}

/** Runs a file and returns what a person would compare: output lines (timings blanked), result, error, status. */
async function observe(file, debug) {
  const sandbox = await Sandbox.create({ debug, timeoutMs: 60_000, cwd: root, permissions: { read: [join(root, 'examples')] } });
  const lines = [];
  let result;
  let error;
  sandbox.onEvent((e) => {
    if (e.type === 'console') lines.push(`${e.level}: ${e.text.replace(/\d+(\.\d+)? ?ms\b/g, 'N ms')}`);
    if (e.type === 'result') result = e.text;
    if (e.type === 'error') error = `${e.error.name}: ${e.error.message}`;
  });
  // A breakpoint on a line of another file: the hooks are armed, and this run never hits it.
  if (debug) await sandbox.debug.setBreakpoints(join(root, 'test/fixtures/never-loaded.js'), [{ line: 1 }]);
  const outcome = await sandbox.run({ kind: 'file', path: file });
  await sandbox.dispose();
  return { lines, result, error, status: outcome.status, exitCode: outcome.exitCode };
}

for (const file of entries()) {
  test(`${relative(root, file)} behaves the same under the debugger`, async () => {
    const plain = await observe(file, false);
    const debugged = await observe(file, true);
    assert.equal(plain.status, 'completed', `${plain.error ?? ''}`);
    assert.deepEqual(debugged, plain);
  });
}
