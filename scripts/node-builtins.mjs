// Node's built-in modules that have well-kept pure-JavaScript implementations on npm, bundled at build time into
// dist/node-builtins/<name>.js (one CommonJS file each), so that the VSIX and the CLI carry them without a
// node_modules folder and nothing is downloaded at run time. The package bundler (src/engine/runtime/packages.ts)
// resolves these names, with or without `node:`, to those files; a name absent here is a machine built-in and fails.
//
// Each file keeps its requires of the other built-ins external (`require("events")` stays in dist/node-builtins/
// stream.js), so a run bundles one copy of each: `new stream.Readable() instanceof events.EventEmitter` holds, as in
// Node.
import * as esbuild from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinModules, createRequire } from 'node:module';

/**
 * Source that gives `module.exports` Node's names for the sandbox's globals (`require('url').URL === URL`), read when
 * used: some globals load lazily on first use, and a module that is only loaded must not load them.
 */
const fromGlobals = (names) =>
  `for (const name of ${JSON.stringify(names)}) Object.defineProperty(module.exports, name, { enumerable: true, configurable: true, get: () => globalThis[name] });`;

/**
 * Built-in name -> [npm package that implements it, entry source]. The entry gives `module.exports` the shape of
 * Node's module (a `stream` that is the legacy Stream class carrying Readable, Writable, ...).
 */
export const NODE_BUILTIN_PACKAGES = {
  buffer: ['buffer', `module.exports = require('buffer/');
${fromGlobals(['atob', 'btoa', 'Blob', 'File'])}
// QuickJS's longest string (JS_STRING_LEN_MAX), not V8's.
module.exports.constants = { MAX_LENGTH: module.exports.kMaxLength, MAX_STRING_LENGTH: (1 << 30) - 1 };
module.exports.kStringMaxLength = module.exports.constants.MAX_STRING_LENGTH;`],
  events: ['events', "module.exports = require('events/');"],
  path: ['path-browserify', "module.exports = require('path-browserify');"],
  'path/posix': ['path-browserify', "module.exports = require('path').posix;"],
  // util 0.12 predates these names of Node's util, which packages use.
  util: ['util', `module.exports = require('util/');
${fromGlobals(['TextEncoder', 'TextDecoder'])}
module.exports.debug = module.exports.debuglog;
module.exports.isDeepStrictEqual = function isDeepStrictEqual(a, b) {
  try {
    require('assert').deepStrictEqual(a, b);
    return true;
  } catch (e) {
    if (e && e.code === 'ERR_ASSERTION') return false;
    throw e;
  }
};
module.exports.stripVTControlCharacters = (str) => String(str).replace(/[\\u001B\\u009B][[\\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]+)*|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]*)*)?\\u0007)|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PR-TZcf-ntqry=><~]))/g, '');
module.exports.toUSVString = (str) => String(str).replace(/[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]/g, '\\uFFFD');`],
  'util/types': ['util', "module.exports = require('util').types;"],
  // The npm package has Node's legacy API; the WHATWG names are the sandbox's globals (read when used: they load
  // lazily), the file URL helpers Node's, for POSIX paths.
  url: ['url', `const url = require('url/');
const path = require('path');
module.exports = Object.assign({}, url);
${fromGlobals(['URL', 'URLSearchParams'])}
module.exports.fileURLToPath = function fileURLToPath(href) {
  const u = typeof href === 'string' ? new URL(href) : href;
  if (u == null || typeof u.href !== 'string') throw new TypeError('The "path" argument must be of type string or an instance of URL');
  if (u.protocol !== 'file:') throw new TypeError('The URL must be of scheme file');
  if (u.hostname !== '') throw new TypeError('File URL host must be "localhost" or empty on this platform');
  if (/%2f/i.test(u.pathname)) throw new TypeError('File URL path must not include encoded / characters');
  return decodeURIComponent(u.pathname);
};
module.exports.pathToFileURL = function pathToFileURL(p) {
  let resolved = path.resolve(p);
  if (p.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
  const u = new URL('file://');
  u.pathname = resolved.replace(/%/g, '%25').replace(/\\\\/g, '%5C').replace(/\\n/g, '%0A').replace(/\\r/g, '%0D').replace(/\\t/g, '%09');
  return u;
};`],
  // Node's parse returns an object without a prototype (a key "toString" or "__proto__" is a key like any other).
  querystring: ['querystring-es3', `const qs = require('querystring-es3');
module.exports = Object.assign({}, qs);
module.exports.parse = module.exports.decode = function parse(...args) {
  const out = Object.create(null);
  for (const [k, v] of Object.entries(qs.parse(...args))) out[k] = v;
  return out;
};`],
  string_decoder: ['string_decoder', "module.exports = require('string_decoder/');"],
  assert: ['assert', "module.exports = require('assert/');"],
  'assert/strict': ['assert', "module.exports = require('assert').strict;"],
  stream: ['readable-stream', `const rs = require('readable-stream');
const Stream = rs.Stream;
for (const k of ['Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough', 'pipeline', 'finished', 'addAbortSignal', 'compose', 'isDisturbed', 'isErrored', 'isReadable']) Stream[k] = rs[k];
Stream.destroy = rs.destroy;
Stream.Stream = Stream;
Object.defineProperty(Stream, 'promises', { enumerable: true, configurable: true, get: () => require('readable-stream/lib/stream/promises.js') });
module.exports = Stream;`],
  'stream/promises': ['readable-stream', "module.exports = require('stream').promises;"],
  // Not npm packages: Node's promise and stream helpers over the sandbox's globals (node-fetch imports stream/web).
  'stream/web': [null, fromGlobals(['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest',
    'ReadableByteStreamController', 'ReadableStreamDefaultController', 'TransformStream', 'TransformStreamDefaultController', 'WritableStream',
    'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'ByteLengthQueuingStrategy', 'CountQueuingStrategy', 'TextEncoderStream',
    'TextDecoderStream', 'CompressionStream', 'DecompressionStream'])],
  'stream/consumers': [null, `async function chunks(stream) {
  const out = [];
  for await (const c of stream) out.push(typeof c === 'string' ? new TextEncoder().encode(c) : c);
  return out;
}
exports.buffer = async (stream) => require('buffer').Buffer.concat(await chunks(stream));
exports.arrayBuffer = async (stream) => { const b = await exports.buffer(stream); return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength); };
exports.blob = async (stream) => new Blob(await chunks(stream));
exports.text = async (stream) => { const d = new TextDecoder(); let t = ''; for (const c of await chunks(stream)) t += d.decode(c, { stream: true }); return t + d.decode(); };
exports.json = async (stream) => JSON.parse(await exports.text(stream));`],
  'timers/promises': [null, `function aborted(signal) {
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR', cause: signal.reason });
}
exports.setTimeout = (ms, value, options = {}) => new Promise((resolve, reject) => {
  const { signal } = options;
  if (signal && signal.aborted) return reject(aborted(signal));
  const onAbort = () => { globalThis.clearTimeout(t); reject(aborted(signal)); };
  const t = globalThis.setTimeout(() => { if (signal) signal.removeEventListener('abort', onAbort); resolve(value); }, ms);
  if (signal) signal.addEventListener('abort', onAbort, { once: true });
});
exports.setImmediate = (value, options) => exports.setTimeout(0, value, options);
exports.setInterval = async function* setInterval(ms, value, options) {
  for (;;) yield await exports.setTimeout(ms, value, options);
};
exports.scheduler = { wait: (ms, options) => exports.setTimeout(ms, undefined, options), yield: () => exports.setImmediate() };`],
  // Not npm packages: the sandbox's own globals under the module names packages require them by.
  // The sandbox's process global when it has one; else what packages probe for, granting nothing (no variables, no
  // arguments); nextTick runs before timers, as in Node.
  process: [null, `module.exports = globalThis.process || { title: 'browser', browser: true, env: {}, argv: [], version: '', versions: {},
  platform: 'browser', cwd: () => '/', nextTick: (f, ...a) => queueMicrotask(() => f(...a)), emitWarning() {} };`],
  timers: [null, `for (const k of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval']) exports[k] = (...a) => globalThis[k](...a);
exports.setImmediate = (f, ...a) => globalThis.setTimeout(f, 0, ...a);
exports.clearImmediate = (t) => globalThis.clearTimeout(t);`],
};

/**
 * The error constructors package code gets (esbuild's `inject`) for its free `Error`, `TypeError`, ...: the sandbox's, which write the
 * error's `stack` in the package's own positions (src/engine/kernel/globals/packageErrors.js defines them under this
 * key); QuickJS's own where there are none (a context without the globals kernel).
 */
const ERROR_NAMES = ['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'AggregateError'];
const INJECTED_ERRORS = `const errors = globalThis[Symbol.for('quickjs-sandbox.packageErrors')] || globalThis;
${ERROR_NAMES.map((n) => `const ${n}$ = errors.${n};`).join('\n')}
export { ${ERROR_NAMES.map((n) => `${n}$ as ${n}`).join(', ')} };
`;
/**
 * Node's globals that packages use without importing them, given to package code by esbuild's `inject` where a
 * package reads one as a free variable (as browserify did). Not a .js file: it names no built-in. The errors are a
 * file of their own: buffer.js, which this file loads, makes errors too, and would read them before this file set them.
 */
const INJECTED_GLOBALS = "export { Buffer } from 'buffer';\nexport { default as process } from 'process';\nexport { setImmediate, clearImmediate } from 'timers';\n";

/** Writes dist/node-builtins/. */
export async function buildNodeBuiltins(root) {
  const require = createRequire(join(root, 'package.json'));
  const out = join(root, 'dist/node-builtins');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'globals.mjs'), INJECTED_GLOBALS);
  writeFileSync(join(out, 'errors.mjs'), INJECTED_ERRORS);
  // Loading a built-in has no effect a bundle must keep: a package that never names Buffer or process does not
  // get buffer.js and process.js through the inject file, and an unused import of a built-in is dropped.
  writeFileSync(join(out, 'package.json'), '{ "sideEffects": false }\n');
  writeMachineStubs(join(out, 'machine'));
  const names = Object.keys(NODE_BUILTIN_PACKAGES);
  await Promise.all(Object.entries(NODE_BUILTIN_PACKAGES).map(async ([name, [, source]]) => {
    const result = await esbuild.build({
      stdin: { contents: source, resolveDir: root, sourcefile: `node-builtins/${name}.js`, loader: 'js' },
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'browser',
      target: 'es2020',
      logLevel: 'warning',
      // The implementations read Node's `process` and `global` as globals (util reads process.env.NODE_DEBUG).
      inject: name === 'process' ? [] : ['sandbox-process-global'],
      define: { global: 'globalThis' },
      plugins: [{
        name: 'node-builtins',
        setup(b) {
          b.onResolve({ filter: /^sandbox-process-global$/ }, () => ({ path: 'process-global', namespace: 'node-builtins' }));
          b.onLoad({ filter: /.*/, namespace: 'node-builtins' }, () => ({ contents: "import process from 'process'; export { process };", resolveDir: root }));
          b.onResolve({ filter: /.*/ }, (args) => {
            const bare = args.path.replace(/^node:/, '');
            // The npm `process` shim queues nextTick on timers; the sandbox's process global orders it as Node does.
            if (bare === 'process' || bare === 'process/') return { path: 'process', external: true, sideEffects: false }; // dropped where unused
            // Another built-in (not this file's own package, which is named with a trailing slash) stays a require.
            if (names.includes(bare) && bare !== name) return { path: bare, external: true };
            return undefined;
          });
        },
      }],
    });
    const file = join(out, `${name}.js`);
    mkdirSync(join(file, '..'), { recursive: true });
    // The names Node gives as named exports of the built-in, said the way cjs-module-lexer reads them (the
    // annotation esbuild writes for its own CommonJS output), so `import { EventEmitter } from 'events'` links.
    const named = exportNames(require, name, source).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
    const annotation = named.length ? `\n0 && (module.exports = { ${named.join(', ')} });\n` : '\n';
    writeFileSync(file, `// Node's "${name}" module for the sandbox, built by scripts/node-builtins.mjs.\n${result.outputFiles[0].text}${annotation}`);
  }));
}

/**
 * The names `import { x } from 'name'` may use: those Node's own module has and the implementation has too (a name
 * only Node has stays a link error that says so, rather than an undefined binding). The implementation is read by
 * running its entry here with Node's require for the other built-ins.
 */
function exportNames(require, name, source) {
  if (name === 'process') return ['env', 'argv', 'platform', 'nextTick', 'version', 'versions', 'cwd'];
  try {
    const ours = { exports: {} };
    const req = (id) => (NODE_BUILTIN_PACKAGES[id.replace(/^node:/, '')] ? require(`node:${id.replace(/^node:/, '')}`) : require(id));
    new Function('module', 'exports', 'require', source)(ours, ours.exports, req);
    const implemented = new Set(Object.keys(ours.exports));
    return Object.keys(require(`node:${name}`)).filter((k) => k !== 'default' && implemented.has(k));
  } catch (e) {
    throw new Error(`node-builtins: cannot read the exports of ${name}: ${e.message}`);
  }
}

/**
 * dist/node-builtins/machine/<name>.js for every other built-in: what package code gets when it requires one (user code
 * importing one fails at once instead, see src/engine/runtime/nodeBuiltins.ts). Many packages require `fs` or
 * `child_process` for a feature the script may never use (commander's subcommands, a config file); the stub has
 * Node's export names, each a function that throws when called, so the package loads and only that use fails,
 * with an error the engine completes with the package and the line that called it.
 */
function writeMachineStubs(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'unavailable.js'), [
    '// Builds the stand-in of a machine built-in: each export throws when used.',
    'const warned = new Set();',
    'function fail(name, key) {',
    '  const e = new Error("Node\'s \\"" + name + "\\" module is not in the sandbox (" + name + "." + key + " was called)");',
    '  e.name = "NodeModuleUnavailable";',
    '  // Said once on stderr too: a package that catches the error may report it as something else entirely.',
    '  if (!warned.has(name + "." + key)) {',
    '    warned.add(name + "." + key);',
    '    globalThis.console?.warn?.("quickjs-sandbox: " + e.message + "; a package may report this under another error");',
    '  }',
    '  throw e;',
    '}',
    '// A function, as most exports are, that throws when called. Its members are such stand-ins too, for the exports',
    '// that are objects in Node: a package that reads one when it loads (const { stat } = fs.promises) still loads, and',
    '// http.METHODS.map(...) throws naming http.METHODS.map. What a function has stays plain (prototype, apply, name) and',
    '// so do symbols: a package may extend a class when it loads (class A extends http.Agent), or call fs.access.apply.',
    'function standIn(name, path, members) {',
    '  return new Proxy(function () {}, {',
    '    apply: () => fail(name, path),',
    '    construct: () => fail(name, path),',
    '    get(target, prop) {',
    '      if (typeof prop !== "string" || prop in target) return target[prop]; // apply, bind, name, prototype, ...',
    '      const key = path + "." + prop;',
    '      if (!members.has(key)) members.set(key, standIn(name, key, members));',
    '      return members.get(key);',
    '    },',
    '  });',
    '}',
    'module.exports = function unavailable(name, keys) {',
    '  const stub = {};',
    '  const members = new Map();',
    '  for (const key of keys) stub[key] = standIn(name, key, members);',
    '  return stub;',
    '};',
    '',
  ].join('\n'));
  for (const name of builtinModules) {
    if (name.startsWith('_') || NODE_BUILTIN_PACKAGES[name]) continue;
    // Loading these prints a deprecation or experimental warning: their names are not worth the noise.
    const quiet = name === 'sys' || name === 'wasi';
    let keys = [];
    try {
      if (!quiet) keys = Object.keys(createRequire(import.meta.url)(`node:${name}`)).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
    } catch {
      // not loadable here (an experimental module): no names
    }
    const file = join(dir, `${name}.js`);
    mkdirSync(join(file, '..'), { recursive: true });
    const up = name.includes('/') ? '../' : './';
    writeFileSync(file, `module.exports = require('${up}unavailable.js')(${JSON.stringify(name)}, ${JSON.stringify(keys)});\n`);
  }
}
