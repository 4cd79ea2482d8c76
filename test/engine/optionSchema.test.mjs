// The option table (src/engine/optionSchema.ts) is the one source of every option's names, units, defaults and ranges.
// These tests hold the copies users read to it (package.json's settings and launch schemas, the CLI help, the README's
// tables) and hold every reader to it (settings, launch attributes, CLI flags, the engine API): the same value is
// accepted or refused the same way at each front end, in that front end's own names and units.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { generate } from '../../scripts/options.mjs';
import { runCli } from '../cli/helpers.mjs';
import { loadBundle } from '../support/bundle.mjs';
import { engine, repoRoot } from './helpers.mjs';

// The readers, bundled from source; settings.ts gets a stub `vscode` (its tested functions take the section).
const { schema, settings: settingsMod, launch: launchMod } = await loadBundle(
  { schema: 'src/engine/optionSchema.ts', settings: 'src/extension/settings.ts', launch: 'src/debug-adapter/launchConfig.ts' },
  { stubs: { vscode: 'module.exports = { workspace: {}, window: {}, commands: {} };' } },
);

const { files, docs } = await generate();
const quantities = schema.OPTION_SPECS.filter((s) => s.type === 'size' || s.type === 'duration');
const section = (values) => ({ get: (key) => values[key] });
const settingKey = (spec) => spec.setting.name.slice('quickjs.'.length);

/** Each reader, given one option's raw value: `{ value }` in bytes/ms/as is, or `{ error }`. */
const readers = {
  engine(spec, raw) {
    try {
      const options = {};
      schema.setEngineOption(options, spec.engine, raw);
      return { value: schema.getEngineOption(engine.resolveOptions(options), spec.engine) };
    } catch (e) {
      return { error: e.message };
    }
  },
  setting(spec, raw) {
    const { settings, problems } = settingsMod.readSettings(undefined, section({ [settingKey(spec)]: raw }));
    if (problems.length) return { error: problems.join(' ') };
    return { value: schema.getEngineOption(settingsMod.toSandboxOptions(settings, true, '/w'), spec.engine) };
  },
  launch(spec, raw) {
    try {
      const { options } = launchMod.readLaunchArguments({ program: join(repoRoot, 'package.json'), [spec.launch.name]: raw }, repoRoot);
      return { value: schema.getEngineOption(options, spec.engine) };
    } catch (e) {
      return { error: e.message };
    }
  },
};

test('package.json and the README tables are what the option table renders (node scripts/options.mjs rewrites them)', () => {
  for (const f of files) {
    assert.ok(f.current === f.expected, `${f.path} differs from the option table; run: node scripts/options.mjs`);
  }
  // And the rendering is not empty: each exposed option has its row, its property and its attribute.
  const readme = files.find((f) => f.path === 'README.md').current;
  const pkg = JSON.parse(files.find((f) => f.path === 'package.json').current);
  const launch = pkg.contributes.debuggers[0].configurationAttributes.launch.properties;
  for (const spec of schema.OPTION_SPECS) {
    if (spec.setting) {
      assert.ok(pkg.contributes.configuration.properties[spec.setting.name], `package.json lacks ${spec.setting.name}`);
      assert.match(readme, new RegExp(`^\\| \`${spec.setting.name.replace(/\./g, '\\.')}\` \\|`, 'm'));
    }
    if (spec.launch) assert.ok(launch[spec.launch.name]?.description, `launch attribute ${spec.launch.name}`);
    if (spec.cli) assert.match(readme, new RegExp(`\`${spec.cli.name}( <[^>]+>)?\` \\|`));
  }
  // Every setting in package.json comes from the table: none is added by hand beside it.
  const fromTable = new Set(schema.OPTION_SPECS.filter((s) => s.setting).map((s) => s.setting.name));
  assert.deepEqual(Object.keys(pkg.contributes.configuration.properties).filter((k) => !fromTable.has(k)), []);
});

test('the schema defaults and ranges in package.json are the readers\' defaults and ranges', () => {
  const pkg = JSON.parse(files.find((f) => f.path === 'package.json').current);
  const props = pkg.contributes.configuration.properties;
  for (const spec of quantities.filter((s) => s.setting)) {
    const p = props[spec.setting.name];
    const unit = schema.UNITS[spec.setting.unit].factor;
    assert.equal(p.default * unit, settingsMod.toSandboxOptions(settingsMod.SETTING_DEFAULTS, true, '/w')[spec.engine], spec.setting.name);
    assert.equal(p.maximum * unit, spec.max, spec.setting.name);
    assert.equal(p.minimum * unit, spec.zero ? 0 : spec.min, spec.setting.name);
  }
  const launch = pkg.contributes.debuggers[0].configurationAttributes.launch.properties;
  for (const spec of quantities.filter((s) => s.launch)) {
    // The documented default reads, through the launch reader, as the table's default for launches.
    assert.deepEqual(readers.launch(spec, launch[spec.launch.name].default), { value: spec.launch.default ?? spec.default }, spec.launch.name);
  }
});

test('--help lists every flag of the table with its default, and only those', async () => {
  const r = await runCli(['--help']);
  assert.equal(r.code, 0);
  assert.ok(r.stdout.includes(docs.cliHelpOptions()), 'the help holds the rendered option lines');
  const helpFlags = [...r.stdout.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]).filter((f) => f !== '--help' && f !== '--version' && f !== '--eval');
  const readmeTable = files.find((f) => f.path === 'README.md').current.split('| Flag | Default | Meaning |')[1];
  const readmeFlags = [...readmeTable.split('\n\n')[0].matchAll(/^\| (?:`-\w`, )?`(--[\w-]+)/gm)].map((m) => m[1]);
  const tableFlags = schema.OPTION_SPECS.filter((s) => s.cli).map((s) => s.cli.name);
  assert.deepEqual(helpFlags, tableFlags);
  assert.deepEqual(readmeFlags, tableFlags);
  for (const spec of quantities.filter((s) => s.cli)) {
    const line = r.stdout.split('\n').find((l) => l.trim().startsWith(spec.cli.name));
    assert.ok(line.includes(`default ${schema.formatQuantity(spec.default, spec.type)}`), line);
  }
});

test('every front end accepts the range ends and refuses just past them, naming itself, the value and the range', () => {
  for (const spec of quantities) {
    for (const fe of ['engine', 'setting', 'launch']) {
      if (!schema.nameIn(spec, fe)) continue;
      const unit = schema.UNITS[schema.unitIn(spec, fe)].factor;
      const at = (v) => readers[fe](spec, v / unit);
      assert.deepEqual(at(spec.min), { value: spec.min }, `${fe} ${spec.label} min`);
      assert.deepEqual(at(spec.max), { value: spec.max }, `${fe} ${spec.label} max`);
      if (spec.zero) assert.deepEqual(at(0), { value: 0 }, `${fe} ${spec.label} 0`);
      if (spec.clamp) {
        assert.deepEqual(at(spec.max * 2), { value: spec.max }, `${fe} ${spec.label} clamps`);
        continue;
      }
      const name = schema.nameIn(spec, fe);
      for (const v of [spec.max * 2, ...(spec.min > unit ? [spec.min - unit] : [])]) {
        const r = at(v);
        assert.ok(r.error, `${fe} accepted ${spec.label} ${v}`);
        assert.ok(r.error.includes(name), `${fe}: "${r.error}" names ${name}`);
        assert.ok(r.error.includes(String(v / unit)) || r.error.includes(schema.formatQuantity(v, spec.type, true)), `${fe}: "${r.error}" shows the value`);
        const max = schema.formatQuantity(spec.max, spec.type, fe === 'engine');
        const maxInUnit = String(+(spec.max / unit).toPrecision(12));
        assert.ok(r.error.includes(max) || r.error.includes(maxInUnit), `${fe}: "${r.error}" states the range`);
      }
    }
  }
});

test('one parser: a human form means the same at every front end; a bare number counts in the documented unit', () => {
  const memory = schema.engineSpec('memoryLimitBytes');
  const timeout = schema.engineSpec('timeoutMs');
  for (const [text, bytes] of [['32MB', 32 << 20], ['32mb', 32 << 20], ['32768KB', 32 << 20], ['0.5GB', 512 << 20], [' 20 M ', 20 << 20]]) {
    assert.deepEqual(readers.setting(memory, text), { value: bytes }, `setting ${text}`);
    assert.deepEqual(readers.launch(memory, text), { value: bytes }, `launch ${text}`);
  }
  for (const [text, ms] of [['500ms', 500], ['2s', 2000], ['1.5s', 1500], ['2m', 120_000], ['1min', 60_000], ['1h', 3_600_000]]) {
    assert.deepEqual(readers.setting(timeout, text), { value: ms }, `setting ${text}`);
    assert.deepEqual(readers.launch(timeout, text), { value: ms }, `launch ${text}`);
  }
  // Bare numbers, in each front end's documented unit (the README and package.json say which).
  assert.deepEqual(readers.setting(memory, 32), { value: 32 << 20 }); // quickjs.memoryLimitMB: megabytes
  assert.deepEqual(readers.launch(memory, 32), { value: 32 << 20 }); // launch memoryLimit: megabytes
  assert.deepEqual(readers.engine(memory, 32 << 20), { value: 32 << 20 }); // memoryLimitBytes: bytes
  assert.deepEqual(readers.setting(timeout, 1.5), { value: 1500 }); // quickjs.timeoutSeconds: seconds
  assert.deepEqual(readers.launch(timeout, 1500), { value: 1500 }); // launch timeout: milliseconds
  assert.equal(engine.parseDuration('10'), 10_000); // --timeout 10: seconds
  assert.equal(engine.parseSize('1048576'), 1 << 20); // --memory-limit 1048576: bytes
  // What no front end takes.
  for (const bad of ['lots', '10 parsecs', '-1MB', '1e3', '', 'MB']) {
    assert.ok(readers.launch(memory, bad).error, `launch took ${JSON.stringify(bad)}`);
    assert.ok(readers.setting(memory, bad).error, `setting took ${JSON.stringify(bad)}`);
  }
  assert.ok(readers.engine(memory, '64MB').error, 'the engine API takes numbers of bytes only');
  // Rounding to whole milliseconds never turns a tiny limit into 0, which means none.
  assert.ok(readers.setting(timeout, 0.0001).error, 'quickjs.timeoutSeconds 0.0001 is below the range, not "no timeout"');
  assert.ok(readers.launch(timeout, '0.1ms').error);
  assert.ok(readers.engine(timeout, 0.2).error);
});

test('errors speak each front end\'s words: the setting, the attribute, the flag', async () => {
  const memory = schema.engineSpec('memoryLimitBytes');
  assert.match(readers.setting(memory, 'lots').error, /^quickjs\.memoryLimitMB is "lots"; it must be 0 \(no limit\) or a number from 16 to 4096 MB\. Using 64 instead\.$/);
  assert.match(readers.launch(memory, 'lots').error, /^launch: 'memoryLimit' must be a size like "64MB" or "512KB", or a number of megabytes: 0 \(none\) or at least 16MB \(at most 4GB\); got "lots"$/);
  assert.match(readers.engine(memory, 1024).error, /^memoryLimitBytes: memory limit must be at least 16 MB \(at most 4 GB; 0 means none\), not 1 KB$/);
  const ok = join(repoRoot, 'examples/primes.js');
  const cases = [
    [['--memory-limit', 'lots'], /^quickjs-sandbox: --memory-limit: "lots" is not a size; write it like 64MB or 512KB \(a bare number counts bytes\), 0 \(none\) or at least 16MB \(at most 4GB\)$/m],
    [['--stack-size', '8KB'], /^quickjs-sandbox: --stack-size: stack size must be between 64 KB and 4 MB, not 8 KB$/m],
    [['--timeout', '2d'], /^quickjs-sandbox: --timeout: "2d" is not a duration; write it like 30s or 500ms \(a bare number counts seconds\)/m],
    [['--timeout', '48h'], /--timeout: timeout must be at least 1 ms \(at most 24 h; 0 means none\), not 48 h/],
    [['--allow-net', 'example.com/x'], /--allow-net: "example\.com\/x" is not an origin; write it as "https:\/\/host\[:port\]" or "\*"/],
  ];
  const results = await Promise.all(cases.map(([args]) => runCli(['run', ok, ...args])));
  cases.forEach(([args, re], i) => {
    assert.equal(results[i].code, 64, args.join(' '));
    assert.match(results[i].stderr, re);
  });
});

test('origins are checked and normalised by one rule at every front end', () => {
  const net = schema.engineSpec('permissions.net');
  const { settings, problems } = settingsMod.readSettings(undefined, section({ 'permissions.netOrigins': ['HTTPS://Api.Example.com:443/', '*', 'api.example.com'] }));
  assert.deepEqual(settings.netOrigins, ['https://api.example.com', '*']);
  assert.equal(problems.length, 1);
  assert.deepEqual(readers.launch(net, 'http://localhost:8080'), { value: ['http://localhost:8080'] }, 'one origin without brackets');
  assert.match(readers.launch(net, ['https://a.example', 'ftp://b.example']).error, /'allowNet' entry "ftp:\/\/b\.example" is not an origin/);
  assert.match(readers.engine(net, ['https://a.example/path']).error, /permissions\.net entry "https:\/\/a\.example\/path" is not an origin/);
});

test('the editor fills unset launch attributes from the settings, in the launch attribute\'s form', () => {
  const { settings } = settingsMod.readSettings(undefined, section({ memoryLimitMB: 32, stackSizeKB: 512, engine: 'quickjs-ng', 'permissions.readFolders': ['data'] }));
  const filled = settingsMod.launchDefaults(settings);
  assert.deepEqual(filled, { memoryLimit: '32MB', stackSize: '512KB', engine: 'quickjs-ng', allowRead: ['data'], allowNet: [], allowEnv: [], nodeEnv: 'production' });
  // Read back by the adapter, they are the settings' values: the two units meet only through the table.
  const options = launchMod.readLaunchArguments({ program: join(repoRoot, 'package.json'), ...filled }, repoRoot).options;
  assert.equal(options.memoryLimitBytes, 32 << 20);
  assert.equal(options.stackSizeBytes, 512 << 10);
  assert.equal(options.timeoutMs, 0, 'no timeout when debugging unless the launch sets one');
});
