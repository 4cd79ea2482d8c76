// Bundles every entry point into dist/ and copies the engine's WebAssembly files beside them.
// `--if-stale` skips the build when dist/ is newer than every source file (for `npm start`).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, statSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { kernelPlugin } from './scripts/kernel-bundle.mjs';
import { buildNodeBuiltins } from './scripts/node-builtins.mjs';

const require = createRequire(import.meta.url);
const root = dirname(new URL(import.meta.url).pathname);
const watch = process.argv.includes('--watch');

/** Entry points: [source, output name]. Each becomes one self-contained CommonJS file in dist/. */
const entries = [
  ['src/engine/index.ts', 'engine'],
  ['src/engine/worker.ts', 'engine-worker'],
  // The worker thread's entry: compiles engine-worker.js with V8's code cache (src/engine/codeCache.ts).
  ['src/engine/workerBoot.ts', 'engine-boot'],
  // The CLI's entry, which starts the engine's first thread, then loads the CLI itself (src/cli/start.ts).
  ['src/cli/start.ts', 'cli'],
  ['src/cli/main.ts', 'cli-main'],
  ['src/debug-adapter/main.ts', 'debug-adapter'],
  ['src/extension/extension.ts', 'extension'],
  ['src/language-server/server.ts', 'language-server'],
].filter(([src]) => existsSync(join(root, src)));

/** The wasm of each engine variant, copied to dist/wasm/<variant>.wasm. */
const wasmFiles = {
  'quickjs': '@jitl/quickjs-wasmfile-release-sync',
  'quickjs-ng': '@jitl/quickjs-ng-wasmfile-release-sync',
  'quickjs-debug': '@jitl/quickjs-wasmfile-debug-sync',
};

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    newest = Math.max(newest, s.isDirectory() ? newestMtime(p) : s.mtimeMs);
  }
  return newest;
}

if (process.argv.includes('--if-stale') && existsSync(join(root, 'dist/cli.js'))) {
  const built = statSync(join(root, 'dist/cli.js')).mtimeMs;
  if (built > newestMtime(join(root, 'src')) && built > statSync(join(root, 'package.json')).mtimeMs) process.exit(0);
}

mkdirSync(join(root, 'dist/wasm'), { recursive: true });
for (const [name, pkg] of Object.entries(wasmFiles)) {
  try {
    const dir = dirname(require.resolve(`${pkg}/package.json`));
    copyFileSync(join(dir, 'dist/emscripten-module.wasm'), join(root, `dist/wasm/${name}.wasm`));
    // The debug build reads its source map beside its code (dist/worker-lib/, below) at start-up, for its sanitizer.
    if (name === 'quickjs-debug') {
      mkdirSync(join(root, 'dist/worker-lib'), { recursive: true });
      copyFileSync(join(dir, 'dist/emscripten-module.wasm.map'), join(root, 'dist/worker-lib/emscripten-module.wasm.map'));
    }
  } catch (e) {
    if (name !== 'quickjs-debug') throw e; // the debug build is a dev dependency
  }
}

const options = {
  entryPoints: Object.fromEntries(entries.filter(([, out]) => out !== 'engine-worker' && out !== 'cli' && out !== 'cli-main').map(([src, out]) => [out, join(root, src)])),
  outdir: join(root, 'dist'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  external: ['vscode', 'esbuild'],
  // Kernels are bundled into the scripts the engine evaluates, imported as text (scripts/kernel-bundle.mjs).
  plugins: [kernelPlugin],
  logLevel: 'warning',
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: 'const importMetaUrl = require("url").pathToFileURL(__filename).href;' },
};

/**
 * Packages only some sandboxes use, kept out of the worker bundle for the same reason (about 1.5 MB less per
 * sandbox): each is one file in dist/worker-lib/ that the worker requires when first needed. acorn (import scanning,
 * the debugger's instrumenter: one copy for its `import` and `require` users), cjs-module-lexer (CommonJS packages)
 * and the engine builds other than the default. The leak-checking build is a dev dependency and may be absent.
 */
const workerLibs = ['acorn', 'cjs-module-lexer', '@jitl/quickjs-ng-wasmfile-release-sync', '@jitl/quickjs-wasmfile-debug-sync'];
const workerLibFile = (pkg) => `worker-lib/${pkg.replace(/^@[^/]+\//, '')}.js`;

function workerLibsPlugin() {
  const filter = new RegExp(`^(${workerLibs.map((p) => p.replace(/[/.-]/g, '\\$&')).join('|')})$`);
  return { name: 'worker-libs', setup: (b) => b.onResolve({ filter }, (args) => ({ path: `./${workerLibFile(args.path)}`, external: true })) };
}

async function buildWorkerLibs() {
  const present = workerLibs.filter((pkg) => existsSync(join(root, 'node_modules', pkg)));
  await Promise.all(present.map((pkg) => esbuild.build({
    stdin: { contents: `export * from '${pkg}';${pkg.startsWith('@jitl/') ? ` export { default } from '${pkg}';` : ''}`, resolveDir: root, sourcefile: `${pkg}.js` },
    outfile: join(root, 'dist', workerLibFile(pkg)),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minifyWhitespace: true,
    define: options.define,
    banner: options.banner,
    logLevel: 'warning',
  })));
}

/**
 * The engine worker bundle, which every sandbox's thread loads and keeps as source text: without comments and
 * indentation it is a quarter smaller and all ASCII (one non-Latin-1 character in a comment made V8 hold the whole
 * text as two bytes per character), about 2.8 MB less resident memory per live sandbox. Stacks map through its map.
 */
const workerOptions = {
  ...options,
  entryPoints: Object.fromEntries(entries.filter(([, out]) => out === 'engine-worker').map(([src, out]) => [out, join(root, src)])),
  minifyWhitespace: true,
  plugins: [...options.plugins, workerLibsPlugin(), staticNodeModuleImport()],
  banner: { js: `${options.banner.js} const nodeModuleForGlue = require("node:module");` },
};

/**
 * The engine's emscripten glue gets `createRequire` with `await import("node:module")` when it starts. The worker's
 * entry compiles the bundle with V8's code cache (src/engine/workerBoot.ts), and Node 20 loses a script's dynamic
 * import callback when the script comes from the cache: the glue's import would fail. The bundle's banner requires the
 * same built-in module (the glue's function declares its own `require`, so the name cannot be used there).
 */
function staticNodeModuleImport() {
  const needle = 'await import("node:module")';
  return {
    name: 'static-node-module-import',
    setup: (b) => b.onLoad({ filter: /quickjs-wasmfile-release-sync[\\/]dist[\\/]emscripten-module\.mjs$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(needle)) throw new Error(`${args.path} no longer contains ${needle}: see staticNodeModuleImport in esbuild.mjs`);
      return { contents: text.replace(needle, 'nodeModuleForGlue'), loader: 'js' };
    }),
  };
}

/**
 * The command-line runner: acorn, which only the REPL uses (it is loaded on first use, with the REPL), comes from the
 * worker's copy in dist/worker-lib/ instead of adding 200 KB that every run would read and parse before its first
 * statement.
 */
const cliOptions = {
  ...options,
  entryPoints: Object.fromEntries(entries.filter(([, out]) => out === 'cli' || out === 'cli-main').map(([src, out]) => [out, join(root, src)])),
  plugins: [...options.plugins, workerLibsPlugin()],
};

/** Webview scripts run in the editor's browser, not in Node: [source, output name], built as browser bundles. */
const webviews = [['media/memory/main.ts', 'memory-view']].filter(([src]) => existsSync(join(root, src)));
const webviewOptions = {
  entryPoints: Object.fromEntries(webviews.map(([src, out]) => [out, join(root, src)])),
  outdir: join(root, 'dist'),
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  minify: true,
  sourcemap: 'linked',
  logLevel: 'warning',
};

/**
 * Notebook renderers that import packages: VS Code loads a renderer as an ES module in the notebook's webview, so
 * they are bundled as ES modules, with CSS inlined as text for the renderer to insert. (media/notebook/renderer.js
 * imports nothing and ships as it is.)
 */
const renderers = [['media/notebook/chartRenderer.js', 'notebook-chart']].filter(([src]) => existsSync(join(root, src)));
const rendererOptions = {
  entryPoints: Object.fromEntries(renderers.map(([src, out]) => [out, join(root, src)])),
  outdir: join(root, 'dist'),
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'esm',
  minify: true,
  loader: { '.css': 'text' },
  logLevel: 'warning',
};

/**
 * The engine as a library: dist/engine.js (CommonJS) and dist/engine.mjs, an ES module that re-exports it (Node reads
 * the names esbuild annotates), so both module systems share one copy of the engine; and its type declarations.
 */
async function buildLibrary() {
  writeFileSync(join(root, 'dist/engine.mjs'), "export * from './engine.js';\n");
  const ts = require('typescript');
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.lib.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const program = ts.createProgram(config.fileNames, config.options);
  const result = program.emit(undefined, undefined, undefined, true);
  const errors = ts.getPreEmitDiagnostics(program).concat(result.diagnostics).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) throw new Error(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }));
}

/** The locales whose Intl data is bundled besides `en`; the kernel asks for a tag's language-region, then its language. */
const INTL_LOCALES = ['en-GB', 'de', 'es', 'fr', 'ja', 'zh'];
/** The Intl services with locale data, each a FormatJS package `@formatjs/intl-<service>` (kernel/web/intl.entry.js lists them too). */
const INTL_SERVICES = ['pluralrules', 'numberformat', 'datetimeformat', 'relativetimeformat', 'listformat'];

/**
 * The web APIs a sandbox evaluates only on first use (see kernel/web.kernel.js). dist/web-url.js and dist/web-idna.js: `whatwg-url`, evaluated in a sandbox only when the script first touches URL or
 * URLSearchParams. web-url.js is a function of `__sandboxLoadIdna` returning { URL, URLSearchParams }; tr46's Unicode
 * tables are split off into web-idna.js, loaded only for hosts that are not plain ASCII (see kernel/web/tr46-lazy.js).
 * `@exodus/bytes/encoding.js` only registers legacy multi-byte encodings for documents in other encodings; the URL
 * API always encodes UTF-8, so it is left out (150 KB less). dist/web-streams.js: `web-streams-polyfill` and the
 * encoding streams, an expression whose value is their exports. dist/web-fetch.js: Headers, Request, Response,
 * FormData and fetch (kernel/web/fetch.entry.js), an expression whose value is a function of the web kernel's internals.
 * dist/web-compression.js: CompressionStream/DecompressionStream over `pako`, a function of TransformStream and TypeError.
 */
async function buildWebBundles() {
  const bundle = async (entry, plugins, contents = undefined) => (await esbuild.build({
    ...(contents === undefined ? { entryPoints: [join(root, entry)] } : { stdin: { contents, resolveDir: root, sourcefile: entry } }),
    bundle: true,
    write: false,
    format: 'cjs',
    // Not 'browser': @exodus/bytes's browser build assumes a TextDecoder that knows latin1, which the sandbox's
    // (UTF-8 only) does not; its neutral build checks for it.
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2020',
    minify: true,
    keepNames: true, // URL.name and the classes' names are part of the API
    logLevel: 'warning',
    plugins,
  })).outputFiles[0].text;
  const url = await bundle('src/engine/kernel/web/url.entry.js', [{
    name: 'web-url',
    setup(b) {
      b.onResolve({ filter: /^@exodus\/bytes\/encoding\.js$/ }, () => ({ path: 'legacy-encodings', namespace: 'empty' }));
      b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '' }));
      b.onResolve({ filter: /^tr46$/ }, () => ({ path: join(root, 'src/engine/kernel/web/tr46-lazy.js') }));
    },
  }]);
  const idna = await bundle('src/engine/kernel/web/idna.entry.js', []);
  writeFileSync(join(root, 'dist/web-url.js'), `(function (__sandboxLoadIdna) { var module = { exports: {} }, exports = module.exports;\n${url}\nreturn module.exports; })\n`);
  writeFileSync(join(root, 'dist/web-idna.js'), `(function () { var module = { exports: {} }, exports = module.exports;\n${idna}\nreturn module.exports; })()\n`);
  const streams = await bundle('src/engine/kernel/web/streams.entry.js', []);
  writeFileSync(join(root, 'dist/web-streams.js'), `(function () { var module = { exports: {} }, exports = module.exports;\n${streams}\nreturn module.exports; })()\n`);
  // Intl: dist/web-intl.js is the loader (kernel/web/intl.entry.js); every other file is a part it evaluates on demand,
  // `(function (Intl, require) { ... })` returning its exports, so a polyfill fills the object the loader passes: the
  // alias tables (core, the exports of intl-getcanonicallocales, which the Locale part requires instead of copying),
  // one file per service with its `en` data, one per service and locale, and the time zones.
  const intlPart = (code) => `(function (Intl, require) { var module = { exports: {} }, exports = module.exports;\n${code}\nreturn module.exports; })\n`;
  // CLDR 42 put a narrow no-break space before AM/PM in English times; Node, Chrome and Firefox kept a plain space
  // (ICU's compatibility patch), and scripts compare such strings: the English data gets the plain space back.
  const englishTimeSpace = {
    name: 'english-time-space',
    setup(b) {
      b.onLoad({ filter: /intl-datetimeformat[\\/]locale-data[\\/]en(-[A-Z]+)?\.js$/ }, (args) => ({
        contents: readFileSync(args.path, 'utf8').replace(/\\u202F(?=a)/g, ' '),
        loader: 'js',
      }));
    },
  };
  // The Segmenter polyfill keeps a sentence going after CLDR's abbreviations ("Mr. Smith"); Node and Chrome break
  // there (ICU applies them only on request, which ECMA-402 has no option for), and checking the lists at every
  // position made sentences of a few hundred characters take seconds: the lists are emptied. Its `RegExp` is one that
  // compiles each pattern once (kernel/web/segmenterRegExp.js), not on every construction.
  const segmenterAsNode = {
    name: 'segmenter-as-node',
    setup(b) {
      b.onLoad({ filter: /intl-segmenter[\\/]polyfill-force\.js$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const rules = source.replace(/"suppressions": \[[^\]]*\]/g, '"suppressions": []');
        if (rules === source) throw new Error(`${args.path}: no sentence suppression lists found; check the rewrite against this version of @formatjs/intl-segmenter`);
        const shared = JSON.stringify(join(root, 'src/engine/kernel/web/segmenterRegExp.js'));
        return { contents: `import { SegmenterRegExp as RegExp } from ${shared};\n${rules}`, loader: 'js' };
      });
    },
  };
  const coreExternal = { name: 'intl-core-external', setup(b) { b.onResolve({ filter: /^@formatjs\/intl-getcanonicallocales$/ }, (args) => ({ path: args.path, external: true })); } };
  const intlFile = async (part, contents, plugins = [englishTimeSpace]) => writeFileSync(join(root, `dist/web-intl-${part}.js`), intlPart(await bundle(`intl-${part}.js`, plugins, contents)));
  const intl = await bundle('src/engine/kernel/web/intl.entry.js', []);
  writeFileSync(join(root, 'dist/web-intl.js'), `(function () { var module = { exports: {} }, exports = module.exports;\n${intl}\nreturn module.exports; })()\n`);
  const parts = [
    intlFile('core', "export * from '@formatjs/intl-getcanonicallocales';", []),
    intlFile('locale', "import '@formatjs/intl-locale/polyfill-force.js';", [coreExternal]),
    intlFile('tz', "import '@formatjs/intl-datetimeformat/add-golden-tz.js';", []),
    // Segmenter's break rules for every locale it knows are inside the polyfill itself: one part, no data files.
    intlFile('segmenter', "import '@formatjs/intl-segmenter/polyfill-force.js';", [segmenterAsNode]),
  ];
  for (const service of INTL_SERVICES) {
    parts.push(intlFile(service, `import '@formatjs/intl-${service}/polyfill-force.js';\nimport '@formatjs/intl-${service}/locale-data/en.js';`));
    for (const locale of INTL_LOCALES) {
      if (existsSync(join(root, `node_modules/@formatjs/intl-${service}/locale-data/${locale}.js`))) parts.push(intlFile(`${service}-${locale}`, `import '@formatjs/intl-${service}/locale-data/${locale}.js';`));
    }
  }
  await Promise.all(parts);
  const compression = await bundle('src/engine/kernel/web/compression.entry.js', []);
  writeFileSync(join(root, 'dist/web-compression.js'), `(function () { var module = { exports: {} }, exports = module.exports;\n${compression}\nreturn module.exports; })()\n`);
  const fetchApi = await bundle('src/engine/kernel/web/fetch.entry.js', []);
  writeFileSync(join(root, 'dist/web-fetch.js'), `(function () { var module = { exports: {} }, exports = module.exports;\n${fetchApi}\nreturn module.exports; })()\n`);
}

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  await (await esbuild.context(workerOptions)).watch();
  await (await esbuild.context(cliOptions)).watch();
  await buildWorkerLibs();
  await buildWebBundles();
  await buildNodeBuiltins(root);
  if (webviews.length) await (await esbuild.context(webviewOptions)).watch();
  if (renderers.length) await (await esbuild.context(rendererOptions)).watch();
} else {
  await Promise.all([esbuild.build(options), esbuild.build(workerOptions), esbuild.build(cliOptions), buildWorkerLibs(), webviews.length ? esbuild.build(webviewOptions) : undefined, renderers.length ? esbuild.build(rendererOptions) : undefined, buildWebBundles(), buildNodeBuiltins(root)]);
  await buildLibrary();
}
