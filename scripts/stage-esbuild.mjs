// Copies the esbuild runtime (its JS API and this platform's native binary) into dist/node_modules/ for packaging.
// The engine transpiles TypeScript with esbuild at run time and keeps it external to the bundles; Node resolves
// `require('esbuild')` from dist/*.js to dist/node_modules/ first, and `vsce package --no-dependencies` never packs
// the top-level node_modules/, so staging beside the bundles is what lets the VSIX carry it.
// The binary is per platform: a VSIX built here runs TypeScript only on this platform (see `npm run package`).
import { copyFileSync, chmodSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(root, 'package.json'));
const target = join(root, 'dist/node_modules');
rmSync(target, { recursive: true, force: true });

function copy(pkg, files) {
  const from = dirname(require.resolve(`${pkg}/package.json`));
  for (const f of files) {
    mkdirSync(dirname(join(target, pkg, f)), { recursive: true });
    copyFileSync(join(from, f), join(target, pkg, f));
  }
  return JSON.parse(readFileSync(join(from, 'package.json'), 'utf8')).version;
}

const version = copy('esbuild', ['package.json', 'lib/main.js', 'LICENSE.md']);
// The same lookup esbuild does: @esbuild/<os>-<arch>, with the binary at bin/esbuild (esbuild.exe on Windows).
const platformPkg = `@esbuild/${process.platform === 'win32' ? 'win32' : process.platform}-${process.arch}`;
const binary = process.platform === 'win32' ? 'esbuild.exe' : 'bin/esbuild';
const binVersion = copy(platformPkg, ['package.json', binary]);
if (process.platform !== 'win32') chmodSync(join(target, platformPkg, binary), 0o755);
if (binVersion !== version) throw new Error(`esbuild ${version} and ${platformPkg} ${binVersion} differ; reinstall dependencies`);
console.log(`staged esbuild ${version} with ${platformPkg} in dist/node_modules`);
