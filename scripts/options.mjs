// Writes what users read about the options from the one option table (src/engine/optionSchema.ts): package.json's
// settings schema, the debugger's launch attributes for table options, the restricted settings of untrusted
// workspaces, and the README's Settings and CLI flag tables.
//   node scripts/options.mjs           rewrite package.json and README.md
//   node scripts/options.mjs --check   exit 1 and name each part that differs (test/engine/optionSchema.test.mjs does the same)
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The table's renderers (src/engine/optionDocs.ts), bundled in memory: no dist/ needed. */
export async function loadOptionDocs() {
  const out = await esbuild.build({
    entryPoints: [join(root, 'src/engine/optionDocs.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'error',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  return module.exports;
}

/** Replaces the Markdown table whose first line is `header` with `table`; throws when the README has no such table. */
function replaceTable(text, header, table) {
  const lines = text.split('\n');
  const start = lines.indexOf(header);
  if (start < 0) throw new Error(`README.md has no table starting with "${header}"`);
  let end = start;
  while (end < lines.length && lines[end].startsWith('|')) end++;
  return [...lines.slice(0, start), table, ...lines.slice(end)].join('\n');
}

/** package.json and README.md as the table says they should be, beside what they are now. */
export async function generate() {
  const docs = await loadOptionDocs();
  const pkgText = readFileSync(join(root, 'package.json'), 'utf8');
  const readmeText = readFileSync(join(root, 'README.md'), 'utf8');

  const pkg = JSON.parse(pkgText);
  pkg.contributes.configuration.properties = docs.settingsContributions();
  pkg.capabilities.untrustedWorkspaces.restrictedConfigurations = docs.restrictedSettings();
  const launch = pkg.contributes.debuggers.find((d) => d.type === 'quickjs').configurationAttributes.launch;
  // The attributes about what to run (program, source, prelude, args, cwd, stopOnEntry) are written by hand; the
  // table's replace theirs in place, so the order users see stays stable.
  launch.properties = { ...launch.properties, ...docs.launchContributions() };

  let readme = replaceTable(readmeText, '| Setting | Default | Meaning |', docs.readmeSettingsTable());
  readme = replaceTable(readme, '| Flag | Default | Meaning |', docs.readmeCliTable());

  return {
    files: [
      { path: 'package.json', current: pkgText, expected: JSON.stringify(pkg, null, 2) + '\n' },
      { path: 'README.md', current: readmeText, expected: readme },
    ],
    docs,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { files } = await generate();
  const stale = files.filter((f) => f.current !== f.expected);
  if (process.argv.includes('--check')) {
    for (const f of stale) console.error(`${f.path} differs from the option table; run: node scripts/options.mjs`);
    process.exit(stale.length ? 1 : 0);
  }
  for (const f of stale) writeFileSync(join(root, f.path), f.expected);
  console.log(stale.length ? `wrote ${stale.map((f) => f.path).join(', ')}` : 'package.json and README.md agree with the option table');
}
