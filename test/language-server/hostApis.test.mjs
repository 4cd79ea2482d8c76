// Completion and hover of the sandbox's host APIs, from the real language server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lspClient.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

test('the server announces completion (on ".") and hover', () => {
  assert.deepEqual(server.init.capabilities.completionProvider.triggerCharacters, ['.']);
  assert.equal(server.init.capabilities.hoverProvider, true);
});

test('completion offers the sandbox globals with their documentation', async () => {
  const uri = 'file:///h/globals.js';
  await server.open(uri, 'const x = 1;\n');
  const items = await server.complete(uri, 1, 0);
  const labels = items.map((i) => i.label);
  for (const name of ['console', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask', 'performance',
    'TextEncoder', 'TextDecoder', 'atob', 'btoa', 'structuredClone', 'fetch', 'sandbox', 'display', 'scriptArgs']) {
    assert.ok(labels.includes(name), `${name} offered`);
  }
  assert.ok(!labels.includes('SandboxResponse'), 'helper types are not values');
  const fetchItem = items.find((i) => i.label === 'fetch');
  assert.match(fetchItem.detail, /^function fetch\(url: string/);
  assert.match(fetchItem.documentation.value, /net permission/);
});

test('completion after "sandbox." lists its members; after "console." the console methods', async () => {
  const uri = 'file:///h/members.js';
  await server.open(uri, 'sandbox.\nconsole.lo\nfoo.\n');
  const sandboxMembers = (await server.complete(uri, 0, 8)).map((i) => i.label).sort();
  assert.deepEqual(sandboxMembers, ['env', 'readFile']);
  const consoleItems = await server.complete(uri, 1, 10);
  assert.ok(consoleItems.some((i) => i.label === 'log' && i.detail === '(method) console.log(...data: unknown[]): void'));
  assert.ok(!consoleItems.some((i) => i.label === 'readFile'));
  assert.deepEqual(await server.complete(uri, 2, 4), [], 'members of unknown objects are not guessed');
});

test('hover shows signature, documentation and the permission needed', async () => {
  const uri = 'file:///h/hover.js';
  await server.open(uri, 'const text = await sandbox.readFile("a.txt");\nsetTimeout(() => {}, 10);\nconst x = foo.readFile;\n');
  const readFile = await server.hover(uri, 0, 30);
  assert.match(readFile.contents.value, /sandbox\.readFile\(path: string\): Promise<string>/);
  assert.match(readFile.contents.value, /read permission/);
  assert.deepEqual(readFile.range, { start: { line: 0, character: 27 }, end: { line: 0, character: 35 } });
  const sandbox = await server.hover(uri, 0, 21);
  assert.match(sandbox.contents.value, /const sandbox: \{ readFile, env \}/);
  const timer = await server.hover(uri, 1, 3);
  assert.match(timer.contents.value, /function setTimeout\(callback/);
  assert.equal(await server.hover(uri, 2, 16), null, 'foo.readFile is not the host API');
});

test('completion after "display." offers display.chart with its signature; hover on it shows the docs', async () => {
  const uri = 'file:///h/chart.js';
  await server.open(uri, 'display.\ndisplay.chart([1, 2])\n');
  const items = await server.complete(uri, 0, 8);
  assert.deepEqual(items.map((i) => i.label), ['chart']);
  assert.match(items[0].detail, /^\(method\) display\.chart\(data: .*spec\?: DisplayChartSpec\): void$/);
  const hover = await server.hover(uri, 1, 10);
  assert.match(hover.contents.value, /Draws a chart in a notebook cell/);
});
