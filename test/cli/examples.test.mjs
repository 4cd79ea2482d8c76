// Every example runs clean through the CLI and prints what it promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers.mjs';

test('examples/primes.js counts the primes below two million', async () => {
  const r = await runCli(['run', 'examples/primes.js']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^148,933 primes below 2,000,000 \(largest 1999993\)\n14871 twin prime pairs; widest gap is 132, after 1357201\n/);
});

test('examples/primes.js is stopped by a tight timeout', async () => {
  const r = await runCli(['run', 'examples/primes.js', '--timeout', '20ms']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /timeout of 0\.02 s reached/);
});

test('examples/modules/main.mjs imports a local module and JSON', async () => {
  const r = await runCli(['run', 'examples/modules/main.mjs']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^8 planets/);
  assert.match(r.stdout, /Earth\s+149,600,000 km\s+29\.8 km\/s/);
  assert.match(r.stdout, /fastest: Mercury\n$/);
});

test('examples/typescript/shapes.ts runs with its types stripped', async () => {
  const r = await runCli(['run', 'examples/typescript/shapes.ts']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /│ 1\s+│ 'rectangle' │ 6\s+│ 10\s+│/);
  assert.match(r.stdout, /rectangle: \{ count: 2, totalArea: 22 \}/);
  assert.match(r.stdout, /roundness \(1 = circle\): 1\.000, 0\.754, 1\.000, 0\.785/);
});

test('examples/permissions.js is denied without a grant and reads with one', async () => {
  const denied = await runCli(['run', 'examples/permissions.js']);
  assert.equal(denied.code, 0, denied.stderr);
  assert.match(denied.stdout, /PermissionDenied: reading "examples\/data\/notes\.txt" is not allowed: grant it with --allow-read/);
  const granted = await runCli(['run', 'examples/permissions.js', '--allow-read', 'examples']);
  assert.equal(granted.code, 0, granted.stderr);
  assert.match(granted.stdout, /^examples\/data\/notes\.txt: 4 lines, 33 words, 224 bytes\n/);
  assert.match(granted.stdout, /\/etc\/hostname is still denied \(PermissionDenied\)/);
});
