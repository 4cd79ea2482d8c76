// Unit tests of the extension's editor-independent logic (output formatting, location links, settings validation)
// and of the manifest's agreement with it. Runs in plain Node: the sources are bundled here with esbuild, and the
// few `vscode` calls settings.ts makes outside the tested functions are served by a stub that records nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBundle, root } from '../support/bundle.mjs';

const { format, settings: settingsMod } = await loadBundle(
  { format: 'src/extension/format.ts', settings: 'src/extension/settings.ts' },
  { stubs: { vscode: 'module.exports = { workspace: {}, window: {}, commands: {} };' } },
);
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const grammar = JSON.parse(readFileSync(join(root, 'syntaxes/quickjs-output.tmLanguage.json'), 'utf8'));

const section = (values) => ({ get: (key) => values[key] });

test('findLocations finds absolute file:line:col and file:line, not URLs or bare numbers', () => {
  const text = 'at f (/tmp/ab/x.js:3:7) and C:\\w\\y.ts:10, see http://host:80/p or 3:4';
  const found = format.findLocations(text);
  assert.deepEqual(
    found.map((m) => [m.file, m.line, m.column]),
    [
      ['/tmp/ab/x.js', 3, 7],
      ['C:\\w\\y.ts', 10, undefined],
    ],
  );
  assert.equal(text.slice(found[0].start, found[0].end), '/tmp/ab/x.js:3:7');
});

test('formatError renders a Node-like stack from mapped frames', () => {
  const text = format.formatError('uncaught', {
    name: 'TypeError',
    message: 'x is not a function',
    stack: '',
    frames: [{ functionName: 'go', file: '/w/a.js', line: 2, column: 5 }, { functionName: '', file: '/w/a.js', line: 9, column: 1 }],
  });
  assert.equal(text, 'Uncaught TypeError: x is not a function\n    at go (/w/a.js:2:5)\n    at <anonymous> (/w/a.js:9:1)');
  assert.equal(format.formatError('unhandledRejection', { name: '', message: '', stack: '', frames: [], thrown: '42' }), 'Unhandled promise rejection 42');
});

test('formatEvent tags levels, indents groups and shows locations only where they help', () => {
  const loc = { file: '/w/a.js', line: 4, column: 2 };
  assert.equal(format.formatEvent({ type: 'console', level: 'log', text: 'hi', groupDepth: 0, location: loc }), 'hi');
  assert.equal(format.formatEvent({ type: 'console', level: 'warn', text: 'w', groupDepth: 0, location: loc }), '[warn] w  (/w/a.js:4:2)');
  assert.equal(format.formatEvent({ type: 'console', level: 'info', text: 'a\nb', groupDepth: 1 }), '  a\n  b');
  assert.equal(format.formatEvent({ type: 'result', text: '42' }), '⇐ 42');
  assert.equal(format.formatEvent({ type: 'memory', stats: {} }), undefined);
  assert.match(format.formatOutcome({ status: 'limit', exitCode: 2, durationMs: 512.4, limit: 'timeout', message: 'time limit of 0.5 s reached' }), /^✖ limit after 512 ms \(exit code 2\): time limit/);
  assert.match(format.formatOutcome({ status: 'cancelled', exitCode: 130, durationMs: 3.21 }), /^■ stopped after 3\.2 ms$/);
});

test('readSettings converts units, keeps valid values and names the setting and fix for bad ones', () => {
  const good = settingsMod.readSettings(undefined, section({ memoryLimitMB: 32, timeoutSeconds: 0, engine: 'quickjs-ng', 'permissions.netOrigins': ['https://api.example.com', '*'] }));
  assert.deepEqual(good.problems, []);
  assert.equal(good.settings.memoryLimitMB, 32);
  assert.equal(good.settings.engine, 'quickjs-ng');
  const opts = settingsMod.toSandboxOptions(good.settings, true, '/w');
  assert.equal(opts.memoryLimitBytes, 32 * 1024 * 1024);
  assert.equal(opts.timeoutMs, 0);
  assert.equal(opts.stackSizeBytes, 1024 * 1024);
  assert.deepEqual(opts.permissions.net, ['https://api.example.com', '*']);

  const bad = settingsMod.readSettings(undefined, section({ memoryLimitMB: -5, stackSizeKB: 8, engine: 'v8', 'permissions.readFolders': 'src', 'permissions.netOrigins': ['example.com'] }));
  assert.equal(bad.settings.memoryLimitMB, 64);
  assert.equal(bad.settings.stackSizeKB, 1024);
  assert.equal(bad.settings.engine, 'quickjs');
  assert.deepEqual(bad.settings.readFolders, []);
  assert.deepEqual(bad.settings.netOrigins, []);
  assert.equal(bad.problems.length, 5);
  assert.ok(bad.problems.some((p) => /quickjs\.memoryLimitMB is -5; it must be 0 \(no limit\) or a number from 16 to 4096 MB/.test(p)), bad.problems.join("\n"));
  assert.ok(bad.problems.some((p) => /quickjs\.permissions\.netOrigins entry "example\.com".*https:\/\/host/.test(p)));
});

test('an untrusted workspace gets no permissions whatever the settings say', () => {
  const { settings } = settingsMod.readSettings(undefined, section({ 'permissions.readFolders': ['/data'], 'permissions.envNames': ['HOME'], 'permissions.netOrigins': ['*'] }));
  assert.deepEqual(settingsMod.toSandboxOptions(settings, false, '/w').permissions, { read: [], net: [], env: [] });
  assert.deepEqual(settingsMod.toSandboxOptions(settings, true, '/w').permissions, { read: ['/data'], net: ['*'], env: ['HOME'] });
});

test('the manifest declares every setting with the defaults the reader uses', () => {
  const props = manifest.contributes.configuration.properties;
  const d = settingsMod.SETTING_DEFAULTS;
  for (const key of ['memoryLimitMB', 'stackSizeKB', 'timeoutSeconds', 'engine', 'outputLimitKB']) {
    assert.deepEqual(props[`quickjs.${key}`]?.default, d[key], `quickjs.${key}`);
  }
  for (const key of ['readFolders', 'netOrigins', 'envNames']) assert.deepEqual(props[`quickjs.permissions.${key}`]?.default, d[key]);
  for (const [key, p] of Object.entries(props)) assert.ok(p.description || p.markdownDescription, `${key} has no description`);
});

test('the manifest contributes the commands, menus and a fully described debugger', () => {
  const c = manifest.contributes;
  const titles = Object.fromEntries(c.commands.map((x) => [x.command, `${x.category}: ${x.title}`]));
  assert.equal(titles['quickjs.runFile'], 'QuickJS: Run File in Sandbox');
  assert.equal(titles['quickjs.runSelection'], 'QuickJS: Run Selection in Sandbox');
  assert.equal(titles['quickjs.debugFile'], 'QuickJS: Debug File in Sandbox');
  assert.equal(titles['quickjs.stop'], 'QuickJS: Stop');
  for (const menu of ['editor/title/run', 'explorer/context']) {
    const ids = c.menus[menu].map((m) => m.command);
    assert.ok(ids.includes('quickjs.runFile') && ids.includes('quickjs.debugFile'), menu);
  }
  const dbg = c.debuggers.find((x) => x.type === 'quickjs');
  const attrs = dbg.configurationAttributes.launch.properties;
  for (const a of ['program', 'args', 'cwd', 'stopOnEntry', 'memoryLimit', 'stackSize', 'timeout', 'allowRead', 'allowNet', 'allowEnv', 'engine', 'sourceMaps']) {
    assert.ok(attrs[a]?.description && 'default' in attrs[a], `launch attribute ${a} needs a description and a default`);
  }
  assert.ok(dbg.initialConfigurations.length > 0 && dbg.configurationSnippets.length > 0);
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.ok(manifest.activationEvents.includes('onDebugResolve:quickjs'));
  assert.ok(manifest.activationEvents.includes('onNotebook:quickjs-notebook'));
});

test('the output grammar colours every prefix format.ts writes', () => {
  const src = JSON.stringify(grammar);
  // Each prefix that format.ts emits must appear in some grammar rule, else the line stays uncoloured.
  for (const prefix of ['▶', '✔ completed', '■ stopped', '✖ ', 'Uncaught', 'Unhandled promise rejection', '\\[error\\]', 'warn|limit', '⇐', '\\s+at']) {
    assert.ok(src.includes(JSON.stringify(prefix).slice(1, -1)), `grammar lacks ${prefix}`);
  }
  assert.equal(format.RUN_HEADER, '▶');
  const lang = manifest.contributes.grammars.find((g) => g.language === 'quickjs-output');
  assert.equal(lang.scopeName, grammar.scopeName);
});

test('every notebook renderer the manifest names exists once built, and the outputs\' mimes have one', () => {
  const renderers = manifest.contributes.notebookRenderer;
  for (const r of renderers) assert.ok(existsSync(join(root, r.entrypoint)), `${r.id}: ${r.entrypoint} is missing (npm run build makes dist/ files)`);
  const mimes = renderers.flatMap((r) => r.mimeTypes);
  for (const mime of ['application/vnd.quickjs.value+json', 'application/vnd.quickjs.chart+json']) assert.ok(mimes.includes(mime), `no renderer for ${mime}`);
});
