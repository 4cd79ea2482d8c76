// media/types/quickjs-sandbox.d.ts must agree with src/language-server/hostApis.ts, and be valid TypeScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { root } from './lspClient.mjs';
import { bundle } from '../support/bundle.mjs';

const require = createRequire(import.meta.url);

test('the declarations file is what hostApis.ts generates, and names every host global', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'qjs-decl-'));
  const built = await bundle({ writeDeclarations: 'src/language-server/writeDeclarations.ts' });
  try {
    const script = built.paths.writeDeclarations;
    const check = spawnSync(process.execPath, [script, '--check', `--root=${root}`], { encoding: 'utf8' });
    assert.equal(check.status, 0, `declarations are stale: ${check.stderr}`);
    // And the check can fail: a stale copy is detected.
    const staleRoot = join(dir, 'stale');
    const staleFile = join(staleRoot, 'media/types/quickjs-sandbox.d.ts');
    execFileSync(process.execPath, [script, `--root=${staleRoot}`]);
    writeFileSync(staleFile, readFileSync(staleFile, 'utf8').replace('readFile(path: string)', 'readFile(p: string)'));
    assert.equal(spawnSync(process.execPath, [script, '--check', `--root=${staleRoot}`]).status, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    built.remove();
  }
  const text = readFileSync(join(root, 'media/types/quickjs-sandbox.d.ts'), 'utf8');
  for (const declaration of ['declare const console:', 'declare function setTimeout(', 'declare function setInterval(',
    'declare function clearTimeout(', 'declare function clearInterval(', 'declare function queueMicrotask(',
    'declare const performance:', 'declare class TextEncoder', 'declare class TextDecoder', 'declare function atob(',
    'declare function btoa(', 'declare function structuredClone<T>(', 'declare function fetch(', 'declare const sandbox:',
    'readFile(path: string): Promise<string>;', 'declare function display(data: unknown, mime?: string): void;',
    'declare const scriptArgs: readonly string[];']) {
    assert.ok(text.includes(declaration), `missing: ${declaration}`);
  }
});

test('the declarations type-check a sandbox script without Node or DOM types', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qjs-decl-tsc-'));
  try {
    writeFileSync(join(dir, 'script.ts'), [
      'const t: number = setTimeout(() => {}, 1); clearTimeout(t);',
      'const bytes: Uint8Array = new TextEncoder().encode("x"); const s: string = new TextDecoder().decode(bytes);',
      'sandbox.readFile("a.txt").then((text) => text.length); const home: string | undefined = sandbox.env.HOME;',
      'fetch("https://example.com", { method: "POST" }).then((r) => r.status);',
      'display({ a: 1 }); display("<b>x</b>", "text/html"); scriptArgs.map((a) => a.length); performance.now();',
      'const mode: string | undefined = process.env.NODE_ENV; const rest: string[] = process.argv.slice(2); process.nextTick(() => {});',
      '// @ts-expect-error the sandbox\'s process is a shim without stdout',
      'process.stdout;',
    ].join('\n'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, lib: ['ES2023'], types: [], target: 'ES2022' },
      files: [join(root, 'media/types/quickjs-sandbox.d.ts'), 'script.ts'],
    }));
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
