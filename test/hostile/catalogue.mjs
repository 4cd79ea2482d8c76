// The catalogue of hostile programs: each is something an untrusted script might do, with the outcome the sandbox
// must produce. `$SECRET_FILE`, `$DATA`, `$ROOT`, `$TMP` and `$SECRET_ENV` are filled in by the harness.
//
// expect: status (RunOutcome.status), limit (LimitKind), error (RegExp on the uncaught error's name), logs (RegExps
// that must each match some console line), results (RegExps on result texts), notLogs (RegExps no line may match).
// A program whose expected limits include 'timeout' runs under a 1 s timeout and must end within a few seconds of
// it; every other program runs under a long timeout, so only the limit it aims at can end it.
// Every program also must not leak a planted secret, must not stall the host's event loop (hostile.test.mjs says
// how long is a stall), and must leave the next fresh sandbox able to run `1+1`.

/** Logs `label=value` for each probe, where a thrown probe logs `label=threw:<name>`. */
const probe = (pairs) =>
  `for (const [label, f] of [${pairs.map(([l, code]) => `[${JSON.stringify(l)}, () => (${code})]`).join(', ')}]) {
    let v; try { v = String(f()); } catch (e) { v = 'threw:' + (e && e.name); }
    console.log(label + '=' + v);
  }`;

/** Awaits each promise-returning probe and logs `label=ok:<text>` or `label=rejected:<name>: <message>`. */
const probeAsync = (pairs) =>
  `for (const [label, f] of [${pairs.map(([l, code]) => `[${JSON.stringify(l)}, async () => (${code})]`).join(', ')}]) {
    try { const v = await f(); console.log(label + '=ok:' + String(v).slice(0, 200)); }
    catch (e) { console.log(label + '=rejected:' + (e && e.name) + ': ' + (e && e.message)); }
  }`;

const denied = (label) => new RegExp(`^${label}=rejected:PermissionDenied: `);

export const catalogue = [
  // ---------------------------------------------------------------- escapes: Node's globals
  {
    name: 'no Node globals by name',
    category: 'escape',
    source: probe([
      ['process', 'typeof process.binding'], ['require', 'typeof require'], ['module', 'typeof module'], ['global', 'typeof global'],
      ['Buffer', 'typeof Buffer'], ['setImmediate', 'typeof setImmediate'], ['WebAssembly', 'typeof WebAssembly'],
      ['importScripts', 'typeof importScripts'], ['os', 'typeof os'], ['std', 'typeof std'],
    ]),
    expect: { status: 'completed', logs: ['process', 'require', 'module', 'global', 'Buffer', 'setImmediate', 'WebAssembly', 'os', 'std'].map((n) => new RegExp(`^${n}=undefined$`)) },
  },
  {
    name: 'Function constructor chains from host-provided functions reach only the sandbox global',
    category: 'escape',
    source: probe([
      ['log', "console.log.constructor('return typeof process.binding')()"],
      ['readFile', "sandbox.readFile.constructor('return typeof require')()"],
      ['fetch', "fetch.constructor('return this === globalThis')()"],
      ['timer', "setTimeout.constructor.constructor('return typeof process.binding')()"],
      ['response', "Response.constructor('return typeof process.mainModule')()"],
      ['encoder', "new TextEncoder().encode.constructor('return typeof Buffer')()"],
    ]),
    expect: { status: 'completed', logs: [/^log=undefined$/, /^readFile=undefined$/, /^fetch=true$/, /^timer=undefined$/, /^response=undefined$/, /^encoder=undefined$/] },
  },
  {
    name: 'async and generator function constructors from host functions',
    category: 'escape',
    source: `const AsyncFunction = (async () => {}).constructor;
      const GeneratorFunction = (function* () {}).constructor;
      console.log('async=' + await AsyncFunction('return typeof process.dlopen')());
      console.log('gen=' + GeneratorFunction('yield typeof require')().next().value);
      export {};`,
    expect: { status: 'completed', logs: [/^async=undefined$/, /^gen=undefined$/] },
  },
  {
    name: 'prototypes of host-provided objects lead nowhere',
    category: 'escape',
    source: probe([
      ['consoleProto', "Object.getPrototypeOf(console) === Object.prototype"],
      ['sandboxProto', "Object.getPrototypeOf(sandbox) === null"],
      ['headersProto', "Object.getPrototypeOf(Headers.prototype) === Object.prototype"],
      ['responseCtor', "new Response({ status: 200, headers: [] }, new ArrayBuffer(0)).constructor === Response"],
      ['encoderOwn', "Object.getOwnPropertyNames(TextEncoder.prototype).includes('encode')"],
      ['protoKeys', "Object.getOwnPropertyNames(Object.getPrototypeOf(console.log)).includes('caller')"],
    ]),
    expect: { status: 'completed', logs: [/^consoleProto=true$/, /^sandboxProto=true$/, /^headersProto=true$/, /^responseCtor=true$/, /^encoderOwn=true$/] },
  },
  {
    name: 'the global object holds no host internals (walk of every own name, symbols included)',
    category: 'escape',
    source: `const seen = Reflect.ownKeys(globalThis).map(String);
      const bad = seen.filter((n) => /host|bridge|kernel|emit|platform|__/i.test(n));
      console.log('bad=' + JSON.stringify(bad));
      console.log('count=' + (seen.length > 30));`,
    expect: { status: 'completed', logs: [/^bad=\[\]$/, /^count=true$/] },
  },
  {
    name: 'Error.prepareStackTrace and captureStackTrace hooks give nothing host-side',
    category: 'escape',
    source: `let calls = 0;
      Error.prepareStackTrace = (err, frames) => { calls++; return frames.map((f) => typeof f.getThis === 'function' ? typeof f.getThis() : 'x'); };
      const e = new Error('probe');
      console.log('stack=' + typeof e.stack);
      console.log('process=' + typeof (globalThis.process.binding));
      try { null.x; } catch (err) { console.log('caught=' + err.name); }`,
    expect: { status: 'completed', logs: [/^process=undefined$/, /^caught=TypeError$/] },
  },
  {
    name: 'Symbol.for and well-known symbol tricks find no host registry',
    category: 'escape',
    source: probe([
      ['nodeInspect', "typeof globalThis[Symbol.for('nodejs.util.inspect.custom')]"],
      ['rejection', "typeof globalThis[Symbol.for('nodejs.rejection')]"],
      ['keyFor', "Symbol.keyFor(Symbol.iterator)"],
      ['species', "typeof Promise[Symbol.species]"],
    ]),
    expect: { status: 'completed', logs: [/^nodeInspect=undefined$/, /^rejection=undefined$/, /^keyFor=undefined$/] },
  },
  {
    name: 'a custom inspect symbol on a logged value runs inside the sandbox only',
    category: 'escape',
    source: `const o = { [Symbol.for('nodejs.util.inspect.custom')](depth, opts, inspect) { return 'custom:' + typeof process.binding + ':' + typeof inspect; } };
      console.log(o);`,
    expect: { status: 'completed', notLogs: [/custom:function/] },
  },
  {
    name: 'globalThis replaced and frozen before console.log',
    category: 'escape',
    source: `Object.freeze(Object.prototype); Object.freeze(Array.prototype); Object.freeze(Function.prototype);
      console.log('still', [1, 2], { a: 1 });`,
    expect: { status: 'completed', logs: [/^still \[ 1, 2 \] \{ a: 1 \}$/] },
  },
  {
    name: 'host functions do not expose arguments.callee/caller of kernel frames',
    category: 'escape',
    source: `function spy() { let c; try { c = spy.caller; } catch (e) { c = 'threw:' + e.name; } console.log('caller=' + (typeof c === 'function' ? 'function' : c)); }
      [3, 1, 2].sort((a, b) => { spy(); return a - b; });
      setTimeout(spy, 0);`,
    expect: { status: 'completed', notLogs: [/^caller=function$/] },
  },

  // ---------------------------------------------------------------- escapes: files
  {
    name: 'readFile of a granted file works (control)',
    category: 'escape',
    source: `console.log(await sandbox.readFile('$DATA/ok.txt')); export {};`,
    expect: { status: 'completed', logs: [/^granted$/] },
  },
  {
    name: 'readFile with .. out of the granted folder',
    category: 'escape',
    source: probeAsync([['dotdot', "sandbox.readFile('$DATA/../../secret.txt')"], ['rel', "sandbox.readFile('data/../../secret.txt')"]]) + '\nexport {};',
    expect: { status: 'completed', logs: [denied('dotdot'), denied('rel')] },
  },
  {
    name: 'readFile of an absolute path outside the grant',
    category: 'escape',
    source: probeAsync([['abs', "sandbox.readFile('$SECRET_FILE')"], ['passwd', "sandbox.readFile('/etc/passwd')"]]) + '\nexport {};',
    expect: { status: 'completed', logs: [denied('abs'), denied('passwd')] },
  },
  {
    name: 'readFile through symlinks that point out of the grant (file and folder)',
    category: 'escape',
    source: probeAsync([['file', "sandbox.readFile('$DATA/link-out.txt')"], ['dir', "sandbox.readFile('$DATA/dir-link-out/secret.txt')"]]) + '\nexport {};',
    expect: { status: 'completed', logs: [denied('file'), denied('dir')] },
  },
  {
    name: 'readFile of /proc/self/environ and /proc/self/cmdline',
    category: 'escape',
    source: probeAsync([['environ', "sandbox.readFile('/proc/self/environ')"], ['cmdline', "sandbox.readFile('/proc/self/cmdline')"], ['mem', "sandbox.readFile('/proc/self/mem', 'bytes')"]]) + '\nexport {};',
    expect: { status: 'completed', logs: [denied('environ'), denied('cmdline'), denied('mem')] },
  },
  {
    name: 'readFile of a folder, a missing file, and odd path types',
    category: 'escape',
    source: probeAsync([
      ['folder', "sandbox.readFile('$DATA/folder')"],
      ['missing', "sandbox.readFile('$DATA/nope.txt')"],
      ['nul', "sandbox.readFile('$DATA/ok.txt\\u0000../../secret.txt')"],
      ['object', "sandbox.readFile({ toString() { return '$SECRET_FILE'; } })"],
      ['url', "sandbox.readFile('file://$SECRET_FILE')"],
    ]) + '\nexport {};',
    expect: { status: 'completed', logs: [/^folder=rejected:\w*Error: EISDIR/, /^missing=rejected:\w*Error: ENOENT/, /^nul=rejected:TypeError: sandbox\.readFile path must not contain a NUL/, /^object=rejected:TypeError/, /^url=rejected:/] },
  },
  {
    name: 'readFile of a file larger than any transfer is refused without reading it',
    category: 'escape',
    source: probeAsync([['huge', "sandbox.readFile('$DATA/huge.bin', 'bytes')"]]) + '\nexport {};',
    expect: { status: 'completed', logs: [/^huge=rejected:Error: .*reads at most/] },
  },
  {
    name: 'readFile with no grant at all',
    category: 'escape',
    options: { permissions: {} },
    source: probeAsync([['ok', "sandbox.readFile('$DATA/ok.txt')"]]) + '\nexport {};',
    expect: { status: 'completed', logs: [denied('ok')] },
  },
  {
    name: 'a thousand concurrent readFile calls',
    category: 'bomb',
    source: `const all = []; for (let i = 0; i < 1000; i++) all.push(sandbox.readFile('$DATA/ok.txt'));
      const got = await Promise.all(all); console.log('n=' + got.length + ' ' + got[999]); export {};`,
    expect: { status: 'completed', logs: [/^n=1000 granted$/] },
  },

  // ---------------------------------------------------------------- escapes: network
  {
    name: 'fetch to a non-granted origin, file: and data: URLs',
    category: 'escape',
    // An object that is not a Request stands for its string ('[object Object]', not an absolute URL: TypeError); the
    // URL parser percent-encodes a NUL, so that request reaches the origin check and is denied there. A data: URL is
    // read inside the sandbox (its bytes are the URL's own: nothing of the host is reached), as the Fetch standard has it.
    source: probeAsync([
      ['http', "fetch('http://127.0.0.1:9/')"],
      ['file', "fetch('file://$SECRET_FILE')"],
      ['data', "fetch('data:text/plain,hello').then((r) => r.text())"],
      ['relative', "fetch('/etc/passwd')"],
      ['object', "fetch({ url: 'file:///etc/passwd' })"],
      ['nul', "fetch('http://127.0.0.1:9/\\u0000x')"],
    ]) + '\nexport {};',
    expect: { status: 'completed', logs: [denied('http'), /^file=rejected:PermissionDenied: fetch supports http and https only/, /^data=ok:hello$/, /^relative=rejected:TypeError/, /^object=rejected:TypeError/, /^nul=rejected:PermissionDenied/] },
  },
  {
    name: 'a redirect from a granted origin to a non-granted one is refused',
    category: 'escape',
    options: (world) => ({ permissions: { read: [world.data], net: [world.origin] } }),
    source: probeAsync([['away', "fetch('$ORIGIN/redirect-away')"], ['home', "fetch('$ORIGIN/hello').then((r) => r.text())"]]) + '\nexport {};',
    expect: { status: 'completed', logs: [denied('away'), /^home=ok:hello from granted$/] },
  },
  {
    name: 'a granted origin that streams forever is cut at the transfer cap or the timeout',
    category: 'bomb',
    options: (world) => ({ permissions: { read: [world.data], net: [world.origin] } }),
    source: probeAsync([['stream', "fetch('$ORIGIN/endless').then((r) => r.text())"]]) + '\nexport {};',
    expect: { status: 'limit', limit: 'timeout' },
  },

  // ---------------------------------------------------------------- escapes: environment
  {
    name: 'env names not granted throw; enumeration shows only grants',
    category: 'escape',
    options: { permissions: { env: ['HOME'] } },
    source: probe([
      ['secret', "sandbox.env.$SECRET_ENV"],
      ['keys', "JSON.stringify(Object.keys(sandbox.env))"],
      ['in', "'$SECRET_ENV' in sandbox.env"],
      ['desc', "JSON.stringify(Object.getOwnPropertyDescriptor(sandbox.env, '$SECRET_ENV'))"],
      ['json', "JSON.stringify(sandbox.env).includes('$SECRET_ENV')"],
      ['set', "(sandbox.env.HOME = 'x')"],
      ['nul', "sandbox.env['HOME\\u0000$SECRET_ENV']"],
    ]),
    expect: { status: 'completed', logs: [/^secret=threw:PermissionDenied$/, /^keys=\["HOME"\]$/, /^in=false$/, /^desc=undefined$/, /^json=false$/, /^set=threw:TypeError$/, /^nul=threw:TypeError$/] },
  },
  {
    name: 'env probing by symbol, prototype and Reflect',
    category: 'escape',
    source: probe([
      ['symbol', "String(sandbox.env[Symbol.toPrimitive])"],
      ['proto', "Object.getPrototypeOf(sandbox.env)"],
      ['reflect', "Reflect.get(sandbox.env, '$SECRET_ENV')"],
      ['spread', "JSON.stringify({ ...sandbox.env })"],
    ]),
    expect: { status: 'completed', logs: [/^proto=null$/, /^reflect=threw:PermissionDenied$/, /^spread=\{\}$/] },
  },

  // ---------------------------------------------------------------- escapes: modules
  {
    name: 'importing Node built-ins',
    category: 'escape',
    source: probeAsync([['nodefs', "import('node:fs')"], ['fs', "import('fs')"], ['child', "import('child_process')"], ['std', "import('std')"], ['os', "import('os')"]]) + '\nexport {};',
    expect: { status: 'completed', logs: [/^nodefs=rejected:\w+: "node:fs" is a Node\.js module/, /^fs=rejected:\w+: "fs" is a Node\.js module/, /^child=rejected:/, /^std=rejected:/, /^os=rejected:/] },
  },
  {
    name: 'importing /etc/passwd, a secret file and ../ paths outside the root',
    category: 'escape',
    source: probeAsync([
      ['passwd', "import('/etc/passwd')"],
      ['secret', "import('$TMP/secret.js').then((m) => m.default)"],
      ['dotdot', "import('../secret.js').then((m) => m.default)"],
      ['json', "import('../secret.json').then((m) => JSON.stringify(m.default))"],
      ['symlink', "import('./module-link-out.js').then((m) => m.default)"],
    ]) + '\nexport {};',
    expect: { status: 'completed', logs: [/^passwd=rejected:\w+: importing \/etc\/passwd is not allowed/, /^secret=rejected:.*not allowed/, /^dotdot=rejected:.*not allowed/, /^json=rejected:.*not allowed/, /^symlink=rejected:.*not allowed/] },
  },
  {
    name: 'a static import of a file outside the root fails before any code runs',
    category: 'escape',
    source: `import secret from '../secret.js'; console.log('ran ' + secret);`,
    expect: { status: 'error', error: /Error/, notLogs: [/^ran/] },
  },
  {
    name: 'bare specifiers cannot climb out of node_modules with ..',
    category: 'escape',
    source: probeAsync([
      ['pkgDotdot', "import('innocent/../../../secret.js').then((m) => JSON.stringify(m))"],
      ['pkgJson', "import('innocent/../../../secret.json').then((m) => JSON.stringify(m))"],
      ['pkgTxt', "import('innocent/../../../secret.txt').then((m) => JSON.stringify(m))"],
      ['scoped', "import('@x/y/../../../../secret.txt').then((m) => JSON.stringify(m))"],
      ['dots', "import('..').then((m) => typeof m)"],
      ['control', "import('innocent').then((m) => m.default)"],
    ]) + '\nexport {};',
    expect: { status: 'completed', logs: [/^pkgDotdot=rejected:/, /^pkgJson=rejected:/, /^pkgTxt=rejected:/, /^dots=rejected:/, /^scoped=rejected:/, /^control=ok:42$/] },
  },
  {
    name: 'import specifiers that mimic the loader\'s internal prefixes',
    category: 'escape',
    source: probeAsync([
      ['npm', "import('npm:$SECRET_FILE')"],
      ['static', "import('static:$SECRET_FILE')"],
      ['unresolved', "import('<unresolved>:$SECRET_FILE')"],
      ['fileUrl', "import('file://$TMP/secret.js')"],
    ]) + '\nexport {};',
    expect: { status: 'completed', logs: [/^npm=rejected:/, /^static=rejected:/, /^unresolved=rejected:/, /^fileUrl=rejected:/] },
  },

  // ---------------------------------------------------------------- resource bombs: time
  { name: 'an infinite loop', category: 'bomb', source: 'for (;;) {}', expect: { status: 'limit', limit: 'timeout' } },
  { name: 'an infinite loop inside try/finally that swallows the interrupt', category: 'bomb', source: 'for (;;) { try { for (;;) {} } catch (e) {} finally { continue; } }', expect: { status: 'limit', limit: 'timeout' } },
  { name: 'an infinite recursion caught and retried forever', category: 'bomb', source: 'function r() { r(); } for (;;) { try { r(); } catch (e) {} }', expect: { status: 'limit', limit: 'timeout' } },
  { name: 'a microtask flood', category: 'bomb', source: 'function f() { Promise.resolve().then(f); } f();', expect: { status: 'limit', limit: 'timeout' } },
  { name: 'a queueMicrotask flood', category: 'bomb', source: 'function f() { queueMicrotask(f); } f();', expect: { status: 'limit', limit: 'timeout' } },
  { name: 'an async function that awaits itself forever', category: 'bomb', source: 'async function f() { for (;;) await null; } f();', expect: { status: 'limit', limit: 'timeout' } },
  {
    name: '100k setTimeouts',
    category: 'bomb',
    source: 'let n = 0; for (let i = 0; i < 100000; i++) setTimeout(() => n++, i % 50); setTimeout(() => console.log("fired " + n), 60);',
    // Either all fire in time or the timeout ends the run; the host stays responsive either way.
    expect: { status: ['completed', 'limit'], limit: ['timeout', 'memory'] },
  },
  { name: 'setInterval with 0 ms forever', category: 'bomb', source: 'setInterval(() => {}, 0);', expect: { status: 'limit', limit: 'timeout' } },
  { name: 'a timer that re-arms 1,000 timers each time', category: 'bomb', source: 'function f() { for (let i = 0; i < 1000; i++) setTimeout(() => {}, 1); setTimeout(f, 0); } f();', expect: { status: 'limit', limit: 'timeout' } },
  {
    name: 'a RegExp with catastrophic backtracking (the interrupt reaches inside the regexp engine)',
    category: 'bomb',
    source: '/^(a+)+$/.test("a".repeat(40) + "b")',
    expect: { status: 'limit', limit: 'timeout' },
  },
  {
    name: 'a regexp backtracking bomb inside String.prototype.replace with a callback',
    category: 'bomb',
    source: '"a".repeat(40).concat("!").replace(/(a|a)+$/g, () => "x")',
    expect: { status: 'limit', limit: 'timeout' },
  },
  {
    name: 'JSON.stringify of 1e5 nested arrays (quadratic inside one native call)',
    category: 'bomb',
    source: 'let a = []; for (let i = 0; i < 1e5; i++) a = [a]; JSON.stringify(a).length',
    // One native call never polls the interrupt handler: only the host watchdog (kill at 1.75x the timeout) ends it.
    expect: { status: ['limit', 'crashed'], limit: 'timeout' },
  },

  // ---------------------------------------------------------------- resource bombs: memory
  { name: '"x".repeat(2**29)', category: 'bomb', source: '"x".repeat(2 ** 29).length', expect: { status: 'limit', limit: 'memory' } },
  // QuickJS concatenates into ropes: doubling costs no memory and ends at the engine's 2^30 string length.
  { name: 'a string doubling loop', category: 'bomb', source: 'let s = "x"; for (;;) s += s;', expect: { status: ['limit', 'error'], limit: 'memory', error: /InternalError/ } },
  { name: 'a string doubling loop that flattens each step', category: 'bomb', source: 'let s = "x"; for (;;) { s += s; s.charCodeAt(s.length >> 1); s = s.slice(1) + "y"; }', expect: { status: ['limit', 'error'], limit: 'memory', error: /InternalError|RangeError/ } },
  { name: 'an array of 1 MB strings', category: 'bomb', source: 'const keep = []; for (let i = 0; ; i++) keep.push("y".repeat(1 << 20) + i);', expect: { status: 'limit', limit: 'memory' } },
  { name: 'typed arrays of 8 MB each', category: 'bomb', source: 'const keep = []; for (;;) keep.push(new Float64Array(1 << 20));', expect: { status: 'limit', limit: 'memory' } },
  { name: 'one huge ArrayBuffer', category: 'bomb', source: 'new ArrayBuffer(2 ** 30).byteLength', expect: { status: ['limit', 'error'], limit: 'memory', error: /RangeError|InternalError/ } },
  { name: 'a sparse array made dense', category: 'bomb', source: 'const a = []; a[1e8] = 1; a.fill(0); a.length', expect: { status: ['limit', 'error'], limit: 'memory' } },
  {
    name: 'Array(2**32-1).join (one native call that never polls the interrupt)',
    category: 'bomb',
    source: 'new Array(2 ** 32 - 1).join("").length',
    expect: { status: ['limit', 'error', 'crashed'], limit: 'timeout' },
  },
  {
    name: 'many small objects fill the heap',
    category: 'bomb',
    source: 'const keep = []; for (let i = 0; ; i++) keep.push({ i });',
    expect: { status: 'limit', limit: 'memory' },
  },

  // ---------------------------------------------------------------- resource bombs: stack and parser
  { name: 'deep recursion', category: 'bomb', source: 'function f(n) { return f(n + 1) + 1; } f(0);', expect: { status: 'limit', limit: 'stack' } },
  { name: 'mutual recursion through getters', category: 'bomb', source: 'const o = { get a() { return this.b; }, get b() { return this.a; } }; o.a;', expect: { status: 'limit', limit: 'stack' } },
  { name: 'recursion through toString', category: 'bomb', source: 'const o = { toString() { return "" + o; } }; String(o);', expect: { status: 'limit', limit: 'stack' } },
  { name: 'recursion through a Proxy get trap', category: 'bomb', source: 'const p = new Proxy({}, { get(t, k, r) { return r[k]; } }); p.x;', expect: { status: 'limit', limit: 'stack' } },
  {
    name: 'a deeply nested expression in the source (parser recursion)',
    category: 'bomb',
    source: () => '('.repeat(100000) + '1' + ')'.repeat(100000),
    expect: { status: ['limit', 'crashed', 'error'], limit: 'stack' },
  },
  {
    name: 'deeply nested array literal in the source',
    category: 'bomb',
    source: () => 'const a = ' + '['.repeat(50000) + ']'.repeat(50000) + '; a.length',
    expect: { status: ['limit', 'crashed', 'error'] },
  },
  {
    name: 'eval of a deeply nested expression built at run time',
    category: 'bomb',
    source: 'eval("(".repeat(100000) + "1" + ")".repeat(100000))',
    expect: { status: ['limit', 'crashed', 'error'] },
  },

  // ---------------------------------------------------------------- resource bombs: output and rendering
  { name: 'a console output flood', category: 'bomb', source: 'for (;;) console.log("flood flood flood flood");', expect: { status: 'limit', limit: 'output' } },
  { name: 'one enormous console line', category: 'bomb', source: 'console.log("z".repeat(8 << 20));', expect: { status: ['limit', 'error'], limit: 'output' } },
  {
    name: 'an enormous array handed to console.log',
    category: 'bomb',
    source: 'console.log(Array.from({ length: 1e6 }, (_, i) => i)); console.log("after");',
    expect: { status: 'completed', logs: [/more items/, /^after$/] },
  },
  {
    name: 'a deeply nested object handed to console.log and returned',
    category: 'bomb',
    source: 'let o = {}; for (let i = 0; i < 1e5; i++) o = { o }; console.log(o); o',
    expect: { status: 'completed', logs: [/\[Object\]/], results: [/\[Object\]/] },
  },
  {
    name: 'a cyclic value logged and returned',
    category: 'bomb',
    source: 'const a = { name: "a" }; a.self = a; a.list = [a, [a]]; console.log(a); a',
    expect: { status: 'completed', logs: [/<ref \*1>.*\[Circular \*1\]/s], results: [/Circular/] },
  },
  {
    name: 'a huge Map and Set returned as the result',
    category: 'bomb',
    source: 'const m = new Map(); for (let i = 0; i < 5e4; i++) m.set(i, new Set([i])); m',
    expect: { status: ['completed', 'limit'], limit: 'memory' },
  },
  {
    name: 'a 16 MB string returned as the result',
    category: 'bomb',
    source: '"r".repeat(16 << 20)',
    expect: { status: ['completed', 'limit'] },
  },

  // ---------------------------------------------------------------- engine abuse
  {
    name: 'eval and Function with bad code',
    category: 'abuse',
    source: probe([['eval', 'eval("let let = 1")'], ['fn', 'Function("return }")()'], ['evalOk', 'eval("1 + 1")'], ['indirect', '(0, eval)("typeof process.binding")']]),
    expect: { status: 'completed', logs: [/^eval=threw:SyntaxError$/, /^fn=threw:SyntaxError$/, /^evalOk=2$/, /^indirect=undefined$/] },
  },
  {
    name: 'getters that throw when the renderer touches them',
    category: 'abuse',
    source: `const o = { get a() { throw new Error('getter bomb'); }, b: 1 };
      Object.defineProperty(o, 'c', { enumerable: true, get() { throw new Error('c'); } });
      console.log(o); console.log('%o', o); console.log('%j', o); console.log('done'); o`,
    expect: { status: 'completed', logs: [/^done$/] },
  },
  {
    name: 'Symbol.toPrimitive, toString and valueOf traps in format specifiers and the result',
    category: 'abuse',
    source: `const bomb = { [Symbol.toPrimitive]() { throw new Error('prim'); }, toString() { throw new Error('ts'); }, valueOf() { throw new Error('vo'); } };
      console.log('%s %d %i %f %c|', bomb, bomb, bomb, bomb, bomb); console.log(bomb); console.log(String(Object.keys(bomb))); bomb`,
    expect: { status: 'completed', logs: [/\|$/] },
  },
  {
    name: 'Proxies handed to console.log and returned as the result',
    category: 'abuse',
    source: `let traps = 0;
      const handler = new Proxy({}, { get() { traps++; return () => { throw new Error('trap'); }; } });
      const p = new Proxy({}, handler);
      const f = new Proxy(function () {}, handler);
      const r = Proxy.revocable({}, {}); r.revoke();
      console.log(p, f, r.proxy); console.log([p], { p }); console.log('after'); p`,
    // The renderer may run the traps (they run inside the sandbox); what matters is that it survives them.
    expect: { status: 'completed', logs: [/^after$/], results: [/./] },
  },
  {
    name: 'poisoned Object.prototype and Array.prototype before console.log',
    category: 'abuse',
    source: `const map = new Map([[1, 2]]);
      Object.defineProperty(Object.prototype, 'then', { get() { throw new Error('then'); } });
      Object.defineProperty(Object.prototype, 'length', { get() { throw new Error('len'); }, configurable: true });
      Object.defineProperty(Array.prototype, '0', { get() { throw new Error('zero'); }, set() { throw new Error('zero'); } });
      Array.prototype.push = () => { throw new Error('push'); };
      Array.prototype[Symbol.iterator] = function* () { throw new Error('iter'); };
      Object.prototype.toString = () => { throw new Error('ots'); };
      console.log('poisoned', [1, 2], { a: [3] }, map); console.log('done');`,
    expect: { status: 'completed', logs: [/^poisoned/, /^done$/] },
  },
  {
    name: 'redefined Promise.prototype.then and Promise itself',
    category: 'abuse',
    source: `const then = Promise.prototype.then;
      Promise.prototype.then = function () { throw new Error('then hijacked'); };
      globalThis.Promise = function () { throw new Error('Promise hijacked'); };
      setTimeout(() => console.log('timer ok'), 1);
      queueMicrotask(() => console.log('microtask ok'));
      console.log('sync ok');`,
    expect: { status: 'completed', logs: [/^sync ok$/, /^timer ok$/] },
  },
  {
    name: 'an Error subclass with throwing stack, name and message getters thrown uncaught',
    category: 'abuse',
    source: `class Evil extends Error {
        get stack() { throw new Error('stack'); }
        get name() { throw new Error('name'); }
        get message() { throw new Error('message'); }
      }
      throw new Evil('x');`,
    expect: { status: 'error' },
  },
  {
    name: 'a thrown Proxy, a thrown revoked Proxy and a thrown symbol',
    category: 'abuse',
    source: `const r = Proxy.revocable(new Error('x'), { get() { throw new Error('trap'); } }); r.revoke();
      Promise.reject(Symbol('sym'));
      throw r.proxy;`,
    expect: { status: 'error' },
  },
  {
    name: 'an unhandled rejection whose reason has a throwing toString',
    category: 'abuse',
    source: `Promise.reject({ toString() { throw new Error('ts'); }, get message() { throw new Error('m'); } })`,
    expect: { status: 'error' },
  },
  {
    name: 'replacing every global the kernel might use, then using the host APIs',
    category: 'abuse',
    source: `for (const k of ['Object', 'Array', 'String', 'JSON', 'Map', 'Set', 'Reflect', 'Symbol', 'Error', 'TypeError', 'Promise', 'Proxy', 'Number', 'Math', 'Date', 'RegExp', 'TextDecoder', 'TextEncoder', 'Uint8Array', 'ArrayBuffer'])
        globalThis[k] = () => { throw new Error('hijacked ' + k); };
      console.log('still', [1], { a: 1 });
      setTimeout(() => console.log('timer'), 1);
      sandbox.readFile('$DATA/ok.txt').then((t) => console.log('read ' + t), (e) => console.log('read failed ' + e.message));`,
    expect: { status: 'completed', logs: [/^still \[ 1 \] \{ a: 1 \}$/, /^timer$/, /^read granted$/] },
  },
  {
    name: 'an uncaught error after Array.prototype[0] is poisoned keeps its message',
    category: 'abuse',
    source: `Object.defineProperty(Array.prototype, '0', { get() { throw new Error('zero'); }, set() { throw new Error('zero'); } });
      throw new Error('boom');`,
    expect: { status: 'error', errorMessage: /^boom$/ },
  },
  {
    name: 'the kernel source that Function.prototype.toString shows names host functions no script can reach',
    category: 'abuse',
    source: probe([
      ['shown', '/hostFetch/.test(fetch.toString())'],
      ['hostFetch', 'typeof hostFetch'], ['hostReadFile', 'typeof hostReadFile'], ['host', 'typeof host'],
      ['viaFn', "Function('return typeof hostFetch')()"],
    ]),
    expect: { status: 'completed', logs: [/^hostFetch=undefined$/, /^hostReadFile=undefined$/, /^host=undefined$/, /^viaFn=undefined$/] },
  },
  {
    name: 'a script that redefines console methods and calls them re-entrantly from a getter',
    category: 'abuse',
    source: `const o = { get x() { console.log(o); return 1; } };
      Object.defineProperty(o, 'y', { enumerable: true, get() { console.log(o); return 2; } });
      console.log(o); console.log('done');`,
    expect: { status: 'completed', logs: [/^done$/] },
  },
  {
    name: 'a syntax error on line 3 names the line',
    category: 'abuse',
    source: 'const a = 1;\nconst b = 2;\nconst c = ;\n',
    expect: { status: 'error', error: /^SyntaxError$/, errorStack: /hostile\.js:3/ },
  },
  {
    name: 'structuredClone and TextDecoder on hostile inputs',
    category: 'abuse',
    source: probe([
      ['cloneFn', 'structuredClone({ f() {} })'],
      ['cloneProxy', 'structuredClone(new Proxy({}, { ownKeys() { throw new Error("k"); } }))'],
      ['decode', 'new TextDecoder().decode(new Proxy(new Uint8Array(4), {}))'],
      ['atob', 'atob("%%%")'],
    ]) + '\nconsole.log("done");',
    expect: { status: 'completed', logs: [/^cloneFn=threw:/, /^done$/] },
  },
];
