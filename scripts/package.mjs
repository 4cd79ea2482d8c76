// Builds one VSIX per platform (`vsce package --target`), each carrying that platform's esbuild binary, into
// dist-vsix/. The extension is JavaScript and WebAssembly except for esbuild, which TypeScript and npm packages need,
// so a universal VSIX would work on one platform only.
// Usage: node scripts/package.mjs [--target <t> ...]   (default: every target in scripts/stage-esbuild.mjs)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TARGETS, stage } from './stage-esbuild.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Packages the extension for `targets` into `outDir`; returns [{ target, file }]. The build must be current. */
export function packageAll(targets = Object.keys(TARGETS), outDir = join(root, 'dist-vsix')) {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  mkdirSync(outDir, { recursive: true });
  const vsce = join(root, 'node_modules/.bin/vsce');
  const made = [];
  for (const target of targets) {
    stage(target);
    const file = join(outDir, `${name}-${target}-${version}.vsix`);
    execFileSync(vsce, ['package', '--no-dependencies', '--target', target, '--out', file], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    made.push({ target, file });
  }
  stage(); // leave this machine's binary staged, as a plain build expects
  return made;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { target: { type: 'string', multiple: true } } });
  for (const { file } of packageAll(values.target)) console.log(file);
}
