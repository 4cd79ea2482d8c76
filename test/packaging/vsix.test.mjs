// The VSIXs: `npm run package` makes one per platform, each holding only what runs and the esbuild binary of its own
// platform (checked from the binary's header, not its name), plus the manifest fields the marketplace shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TARGETS } from '../../scripts/stage-esbuild.mjs';
import { packageAll } from '../../scripts/package.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The names and the contents of chosen members of a zip file, read with Python's zipfile (on every machine here). */
function readZip(file, wanted) {
  const script = 'import sys,zipfile,json,base64\nz=zipfile.ZipFile(sys.argv[1])\nnames=z.namelist()\n'
    + 'w=[n for n in names if n.endswith(tuple(sys.argv[2:]))]\n'
    + 'print(json.dumps({"names":names,"files":{n:base64.b64encode(z.read(n)[:1024]).decode() for n in w}}))';
  const out = JSON.parse(execFileSync('python3', ['-c', script, file, ...wanted], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  return { names: out.names, heads: Object.fromEntries(Object.entries(out.files).map(([n, b]) => [n, Buffer.from(b, 'base64')])) };
}

/** The platform an executable was built for, from its header: ELF, Mach-O or PE, and the machine type. */
function binaryTarget(head) {
  if (head.readUInt32BE(0) === 0x7f454c46) {
    const machine = head.readUInt16LE(18);
    return `linux-${{ 0x3e: 'x64', 0xb7: 'arm64' }[machine] ?? machine}`;
  }
  if (head.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = head.readUInt32LE(4);
    return `darwin-${{ 0x01000007: 'x64', 0x0100000c: 'arm64' }[cpu] ?? cpu}`;
  }
  if (head.toString('latin1', 0, 2) === 'MZ') {
    const pe = head.readUInt32LE(0x3c);
    if (head.toString('latin1', pe, pe + 4) !== 'PE\0\0') return 'pe-without-header';
    const machine = head.readUInt16LE(pe + 4);
    return `win32-${{ 0x8664: 'x64', 0xaa64: 'arm64' }[machine] ?? machine}`;
  }
  return 'unknown';
}

test('the manifest carries what the marketplace shows, and CHANGELOG and LICENSE exist', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const field of ['repository', 'bugs', 'homepage', 'icon', 'license', 'publisher', 'displayName', 'description']) {
    assert.ok(pkg[field], `package.json has no ${field}`);
  }
  for (const f of ['CHANGELOG.md', 'LICENSE', 'README.md', pkg.icon]) assert.ok(existsSync(join(root, f)), `${f} is missing`);
});

test('npm run package makes one VSIX per platform, each with its own esbuild binary and nothing but runtime files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quickjs-vsix-'));
  try {
    const made = packageAll(Object.keys(TARGETS), dir);
    assert.deepEqual(made.map((m) => m.target), Object.keys(TARGETS));
    for (const { target, file } of made) {
      const spec = TARGETS[target];
      const binaryName = `extension/dist/node_modules/${spec.pkg}/${spec.binary}`;
      const { names, heads } = readZip(file, [binaryName]);
      const files = names.filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
      // vsce stores the readme, changelog and license under names of its own.
      for (const f of ['package.json', 'readme.md', 'changelog.md', 'LICENSE.txt', 'dist/extension.js', 'dist/engine-worker.js', 'dist/engine-boot.js',
        'dist/debug-adapter.js', 'dist/language-server.js', 'dist/memory-view.js', 'dist/memory-view.css',
        'dist/wasm/quickjs.wasm', 'dist/wasm/quickjs-ng.wasm', 'dist/node_modules/esbuild/lib/main.js',
        'dist/node-builtins/buffer.js', 'dist/node-builtins/stream/promises.js', 'dist/worker-lib/acorn.js',
        'dist/worker-lib/cjs-module-lexer.js', 'dist/worker-lib/quickjs-ng-wasmfile-release-sync.js',
        'media/notebook/renderer.js', 'media/types/quickjs-sandbox.d.ts', 'media/icons/icon.png']) {
        assert.ok(files.includes(f), `${target}: ${f} is missing from the VSIX`);
      }
      const stray = files.filter((f) => /^(src|test|bench|scripts|node_modules|\.vscode-test|\.package-cache)\//.test(f)
        || f.endsWith('.map') || (f.endsWith('.ts') && !f.endsWith('.d.ts')) || f.endsWith('tsconfig.json')
        || f === 'dist/wasm/quickjs-debug.wasm' || f === 'dist/worker-lib/quickjs-wasmfile-debug-sync.js');
      assert.deepEqual(stray, [], `${target}: sources, tests, source maps or dev-only builds would ship`);
      const binaries = files.filter((f) => f.startsWith('dist/node_modules/@esbuild/'));
      assert.deepEqual(binaries.sort(), [`dist/node_modules/${spec.pkg}/package.json`, `dist/node_modules/${spec.pkg}/${spec.binary}`].sort(),
        `${target}: exactly one esbuild platform package ships`);
      const head = heads[binaryName];
      const kind = binaryTarget(head);
      assert.equal(kind, target, `${target}: the esbuild binary was built for ${kind}`);
      const manifest = readZip(file, ['extension.vsixmanifest']);
      assert.ok(manifest.names.includes('extension.vsixmanifest'));
      const mb = statSync(file).size / 1048576;
      assert.ok(mb > 1 && mb < 20, `${target}: the VSIX is ${mb.toFixed(1)} MB`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
