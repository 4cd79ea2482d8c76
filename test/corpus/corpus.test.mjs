// The corpus: popular pure-JavaScript npm packages (pinned devDependencies), each with a small realistic script in
// scripts/<package>.mjs. Each script's standard output in the sandbox equals Node's byte for byte, in a plain run
// and in a debug run that stops at the line marked `// breakpoint` and continues. Packages that cannot work in the
// sandbox are listed in unsupported.json with the reason; their scripts must fail with that reason, never silently.
// One sandbox per script, two scripts at a time; the bundles of the plain run are reused by the debug run through the
// disk cache.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Sandbox, guard } from '../engine/helpers.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const scriptsDir = path.join(here, 'scripts');
const unsupported = JSON.parse(fs.readFileSync(path.join(here, 'unsupported.json'), 'utf8'));
const scripts = fs.readdirSync(scriptsDir).filter((f) => f.endsWith('.mjs')).sort();
/** scripts/@scope__name.mjs is the script of @scope/name. */
const packageOf = (file) => file.slice(0, -4).replace('__', '/');
const GUARD_MS = 120_000;

let cacheDir;
before(() => {
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qjs-corpus-cache-'));
});
after(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

async function nodeOutput(file) {
  // NODE_ENV as the sandbox has it by default (packages are bundled as for browsers: production).
  const { stdout } = await promisify(execFile)(process.execPath, [file], { cwd: scriptsDir, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  return stdout;
}

/**
 * Runs a script in a fresh sandbox and returns its standard output as Node would print it (a newline after each
 * console call), its errors, and the breakpoint stops of a debug run.
 */
async function sandboxOutput(file, { debug = false } = {}) {
  const sandbox = await guard(Sandbox.create({ cwd: scriptsDir, cacheDir, timeoutMs: 0, debug }), GUARD_MS, 'Sandbox.create');
  let stdout = '';
  let stderr = '';
  const errors = [];
  const stops = [];
  sandbox.onEvent((e) => {
    if (e.type === 'console' && e.level !== 'error' && e.level !== 'warn') stdout += `${e.text}\n`;
    else if (e.type === 'console') stderr += `${e.text}\n`;
    else if (e.type === 'error') errors.push(e.error.message);
    else if (e.type === 'stopped') {
      stops.push(e.info);
      void sandbox.debug.continue();
    }
  });
  try {
    let verified;
    if (debug) {
      const line = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('// breakpoint')) + 1;
      assert.ok(line > 0, `${path.basename(file)} has no line marked // breakpoint`);
      [verified] = await sandbox.debug.setBreakpoints(file, [{ line }]);
    }
    const outcome = await guard(sandbox.run({ kind: 'file', path: file }), GUARD_MS, 'run', () => sandbox.dispose());
    return { stdout, stderr, errors, stops, outcome, verified };
  } finally {
    await sandbox.dispose();
  }
}

describe('corpus: popular npm packages print what Node prints', { concurrency: 2 }, () => {
  for (const file of scripts) {
    const pkg = packageOf(file);
    const full = path.join(scriptsDir, file);
    const why = unsupported[pkg];
    if (why) {
      it(`${pkg} cannot work in the sandbox, and says why: ${why.reason}`, async () => {
        const r = await sandboxOutput(full);
        assert.equal(r.outcome.exitCode, 1, `${pkg} is listed as unsupported but completed: move it into the corpus`);
        assert.ok(r.errors.some((m) => new RegExp(why.error).test(m)), JSON.stringify(r.errors));
        // A package that catches the stand-in's error and throws its own: the sandbox said the cause on stderr.
        if (why.warning) assert.match(r.stderr, new RegExp(why.warning));
      });
      continue;
    }
    it(`${pkg}: same output as Node, plain and under the debugger with a breakpoint hit and continued`, async () => {
      const expected = await nodeOutput(full);
      const plain = await sandboxOutput(full);
      assert.deepEqual(plain.errors, []);
      assert.equal(plain.stdout, expected);
      const debugged = await sandboxOutput(full, { debug: true });
      assert.deepEqual(debugged.errors, []);
      assert.equal(debugged.verified.verified, true);
      assert.ok(debugged.stops.length >= 1 && debugged.stops.every((s) => s.reason === 'breakpoint'), JSON.stringify(debugged.stops));
      assert.equal(debugged.stdout, expected);
    });
  }
});

it('the corpus holds at least 40 packages that work, each a pinned dependency', () => {
  // A corpus package the extension itself uses (picomatch, for skipFiles) is a runtime dependency, pinned the same way.
  const { devDependencies, dependencies } = JSON.parse(fs.readFileSync(path.join(here, '../../package.json'), 'utf8'));
  const pinned = { ...dependencies, ...devDependencies };
  const working = scripts.map(packageOf).filter((p) => !unsupported[p]);
  assert.ok(working.length >= 40, `only ${working.length}`);
  for (const p of scripts.map(packageOf)) assert.match(pinned[p] ?? '', /^\d+\.\d+\.\d+$/, `${p} is not a pinned dependency`);
});
