// Copies the esbuild runtime (its JS API and one platform's native binary) into dist/node_modules/ for packaging.
// The engine transpiles TypeScript with esbuild at run time and keeps it external to the bundles; Node resolves
// `require('esbuild')` from dist/*.js to dist/node_modules/ first, and `vsce package --no-dependencies` never packs
// the top-level node_modules/, so staging beside the bundles is what lets the VSIX carry it.
// Usage: node scripts/stage-esbuild.mjs [--target <vsce target>]   (default: this machine's platform)
// A binary for another platform comes from that platform's @esbuild/* package, fetched once with `npm pack` into
// .package-cache/ (npm refuses to install a package for another os or cpu).
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(root, 'package.json'));

/** The VS Code marketplace targets a VSIX is built for, each with its esbuild package and binary path. */
export const TARGETS = {
  'linux-x64': { pkg: '@esbuild/linux-x64', binary: 'bin/esbuild' },
  'linux-arm64': { pkg: '@esbuild/linux-arm64', binary: 'bin/esbuild' },
  'darwin-x64': { pkg: '@esbuild/darwin-x64', binary: 'bin/esbuild' },
  'darwin-arm64': { pkg: '@esbuild/darwin-arm64', binary: 'bin/esbuild' },
  'win32-x64': { pkg: '@esbuild/win32-x64', binary: 'esbuild.exe' },
};

/** This machine's target name. */
export const hostTarget = () => `${process.platform}-${process.arch}`;

/** The folder holding `pkg`@`version`: the installed one when it matches, else a tarball unpacked into the cache. */
function packageFolder(pkg, version) {
  try {
    const dir = dirname(require.resolve(`${pkg}/package.json`));
    if (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version === version) return dir;
  } catch {
    // Not installed here: another platform's package.
  }
  const cache = join(root, '.package-cache', `${pkg.replace('/', '+')}@${version}`);
  const unpacked = join(cache, 'package');
  if (!existsSync(join(unpacked, 'package.json'))) {
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    const out = execFileSync('npm', ['pack', `${pkg}@${version}`, '--silent', '--pack-destination', cache], { cwd: cache, encoding: 'utf8' });
    const tarball = out.trim().split('\n').pop();
    execFileSync('tar', ['-xzf', join(cache, tarball), '-C', cache]);
  }
  return unpacked;
}

/** Stages esbuild's JS API and `target`'s binary in dist/node_modules; returns the staged binary's path. */
export function stage(target = hostTarget()) {
  const spec = TARGETS[target];
  if (!spec) throw new Error(`unknown target "${target}"; use one of ${Object.keys(TARGETS).join(', ')}`);
  const dest = join(root, 'dist/node_modules');
  rmSync(dest, { recursive: true, force: true });
  const copy = (from, pkg, files) => {
    for (const f of files) {
      mkdirSync(dirname(join(dest, pkg, f)), { recursive: true });
      copyFileSync(join(from, f), join(dest, pkg, f));
    }
  };
  const esbuildDir = dirname(require.resolve('esbuild/package.json'));
  const version = JSON.parse(readFileSync(join(esbuildDir, 'package.json'), 'utf8')).version;
  copy(esbuildDir, 'esbuild', ['package.json', 'lib/main.js', 'LICENSE.md']);
  copy(packageFolder(spec.pkg, version), spec.pkg, ['package.json', spec.binary]);
  const binary = join(dest, spec.pkg, spec.binary);
  if (!target.startsWith('win32')) chmodSync(binary, 0o755);
  return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { target: { type: 'string' } } });
  const target = values.target ?? hostTarget();
  stage(target);
  console.log(`staged esbuild for ${target} in dist/node_modules`);
}
