// The VSIX: `npm run package` must work offline, and the package must hold only what runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const vsce = join(root, 'node_modules/.bin/vsce');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('the extension packages offline into a VSIX that holds only what runs', () => {
  run(process.execPath, [join(root, 'scripts/stage-esbuild.mjs')]);
  const files = run(vsce, ['ls', '--no-dependencies']).split('\n').map((l) => l.trim()).filter(Boolean);
  for (const f of ['package.json', 'README.md', 'LICENSE', 'dist/extension.js', 'dist/engine-worker.js', 'dist/debug-adapter.js',
    'dist/language-server.js', 'dist/memory-view.js', 'dist/memory-view.css', 'dist/wasm/quickjs.wasm', 'dist/wasm/quickjs-ng.wasm']) {
    assert.ok(files.includes(f), `${f} is missing from the VSIX`);
  }
  assert.ok(files.some((f) => f.startsWith('dist/node_modules/esbuild/')), 'the staged esbuild runtime is missing');
  assert.ok(files.some((f) => f.startsWith('syntaxes/')), 'the output grammar is missing');
  const stray = files.filter((f) => /^(src|test|bench|scripts|node_modules|\.vscode-test)\//.test(f) || f.endsWith('.map') || f === 'dist/wasm/quickjs-debug.wasm');
  assert.deepEqual(stray, [], 'sources, tests, source maps or dev-only builds would ship');

  const dir = mkdtempSync(join(tmpdir(), 'quickjs-vsix-'));
  try {
    const out = join(dir, 'quickjs-sandbox.vsix');
    run(vsce, ['package', '--no-dependencies', '--out', out]);
    const mb = statSync(out).size / 1048576;
    assert.ok(mb > 1 && mb < 20, `the VSIX is ${mb.toFixed(1)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
